"""``--output`` onto something that is not a plain new or old file: an input of the same
command (refused, the input left as it was), a FIFO, a device or ``/dev/stdout``
(written through, never replaced by a regular file)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity.cli import main

FAST = ("--seed", "1", "--resamples", "100")


def _responses_copy(tmp_path: Path) -> Path:
    path = tmp_path / "responses.csv"
    path.write_text(lm.responses_to_csv_text(lm.example_responses()), encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["text", "csv", "json"])
def test_output_onto_the_responses_file_is_refused_and_the_file_kept(
    tmp_path: Path, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _responses_copy(tmp_path)
    before = path.read_bytes()
    code = main(["score", str(path), *FAST, "--format", form, "--output", str(path)])
    assert code == 2
    assert path.read_bytes() == before
    err = capsys.readouterr().err
    assert "--output" in err
    assert "responses.csv" in err
    assert "Traceback" not in err


def test_output_onto_an_input_through_another_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _responses_copy(tmp_path)
    before = path.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(path)
    hard = tmp_path / "hard.csv"
    os.link(path, hard)
    assert main(["score", str(link), *FAST, "--output", str(path)]) == 2
    assert main(["score", str(path), *FAST, "--output", str(hard)]) == 2
    assert path.read_bytes() == before
    capsys.readouterr()


def test_output_onto_the_second_file_of_compare_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _responses_copy(tmp_path)
    before = path.read_bytes()
    code = main(
        [
            "compare",
            str(path),
            str(path),
            "--organization",
            "brightloom-design",
            *FAST,
            "--output",
            str(path),
        ]
    )
    assert code == 2
    assert path.read_bytes() == before
    capsys.readouterr()


def test_output_onto_an_answer_map_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _responses_copy(tmp_path)
    answers = tmp_path / "answers.csv"
    answers.write_text("text,value\nYes,5\n", encoding="utf-8")
    code = main(["score", str(path), *FAST, "--answers", str(answers), "--output", str(answers)])
    assert code == 2
    assert answers.read_text(encoding="utf-8") == "text,value\nYes,5\n"
    capsys.readouterr()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_into_a_fifo_is_written_through_and_the_fifo_kept(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code = main(
        [
            "diff",
            "learning-organization@1.0.0",
            "learning-organization@1.1.0",
            "--format",
            "csv",
            "--output",
            str(fifo),
        ]
    )
    if not received:  # an unfixed writer replaced the FIFO: release the reader
        with open(fifo, "wb") if stat.S_ISFIFO(fifo.stat().st_mode) else open(os.devnull, "wb"):
            pass
    reader.join(timeout=10)
    assert code == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO was replaced by a regular file"
    assert received
    assert received[0].startswith(b"first,second,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_output_to_dev_stdout_reaches_standard_output() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "lomaturity.cli",
            "diff",
            "learning-organization@1.0.0",
            "learning-organization@1.1.0",
            "--format",
            "csv",
            "--output",
            "/dev/stdout",
        ],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"first,second,")
    assert b"Traceback" not in proc.stderr


def test_an_unwritable_output_is_one_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "out.csv"
    code = main(
        [
            "diff",
            "learning-organization@1.0.0",
            "learning-organization@1.1.0",
            "--output",
            str(target),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "[Errno" not in err
    assert "missing-folder/out.csv" in err
    assert "No such file or directory" in err
    assert not target.parent.exists()
