"""Reading responses by path is bounded and never blocks (issue 12, items 2, 8 and 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity import ResponsesError

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_unread(default_rubric: lm.Rubric, tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "responses.csv"
    link.symlink_to(device)
    for path in (device, link):
        with pytest.raises(ResponsesError, match="is a device, not a file") as info:
            lm.read_responses(path, default_rubric)
        assert info.value.problems[0].code == "not_a_file"


@POSIX
def test_fifo_without_writer_does_not_block(default_rubric: lm.Rubric, tmp_path: Path) -> None:
    fifo = tmp_path / "responses.csv"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            lm.read_responses(fifo, default_rubric)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO with no writer blocked")
    assert isinstance(outcome[0], ResponsesError)
    assert outcome[0].problems[0].code == "empty_file"


@POSIX
def test_endless_pipe_stops_at_max_bytes() -> None:
    """``yes | lomaturity score /dev/stdin``: read max_bytes + 1 bytes, then refuse."""
    probe = (
        "import lomaturity as lm\n"
        "rubric = lm.load_rubric('learning-organization@1.0.0')\n"
        "try:\n    lm.read_responses('/dev/stdin', rubric, max_bytes=1_000_000)\n"
        "except lm.ResponsesError as err:\n    print(err.problems[0].code, err)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(lm.__file__).resolve().parents[1]))
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        done = subprocess.run(
            [sys.executable, "-c", probe],
            stdin=yes.stdout,
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
    finally:
        yes.kill()
        yes.wait()
        assert yes.stdout is not None
        yes.stdout.close()
    assert done.stdout.startswith("too_large"), done.stdout + done.stderr
    assert "larger than the limit of 1000000 bytes" in done.stdout


def test_file_over_max_bytes_is_refused_by_its_size(
    default_rubric: lm.Rubric, tmp_path: Path
) -> None:
    path = tmp_path / "responses.csv"
    path.write_bytes(b"respondent_id\n" + b"r1\n" * 100)
    with pytest.raises(ResponsesError, match="is 314 bytes, more than the limit of 100"):
        lm.read_responses(path, default_rubric, max_bytes=100)


def test_nul_and_empty_paths_are_clear_errors(default_rubric: lm.Rubric) -> None:
    with pytest.raises(ResponsesError, match="holds a NUL character") as info:
        lm.read_responses("a\x00b.csv", default_rubric)
    assert info.value.problems[0].code == "invalid_path"
    assert "\x00" not in str(info.value)
    with pytest.raises(ResponsesError, match="is an empty path") as info:
        lm.read_responses("", default_rubric)
    assert info.value.problems[0].code == "empty_path"
    assert "directory" not in str(info.value)


def test_first_line_of_a_non_responses_file_is_not_quoted(
    default_rubric: lm.Rubric, tmp_path: Path
) -> None:
    path = tmp_path / "passwd"
    path.write_text("root:x:0:0:SECRET:/root:/bin/bash\nbob:x:1:1::/home/bob:/bin/sh\n")
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(path, default_rubric)
    assert "SECRET" not in str(info.value)
    assert "/bin/bash" not in str(info.value)
    assert info.value.problems[0].code == "unsupported_delimiter"


def test_header_with_a_known_column_is_still_quoted(
    default_rubric: lm.Rubric, tmp_path: Path
) -> None:
    path = tmp_path / "responses.csv"
    first = default_rubric.indicator_ids[0]
    path.write_text(f"respondent_id|{first}\nr1|3\n")
    with pytest.raises(ResponsesError, match=f"is one column 'respondent_id\\|{first}'"):
        lm.read_responses(path, default_rubric)
