"""Hostile rubric input (issue 12): huge numbers, unbounded reads, quadratic hints, the node
budget, file disclosure, odd paths, YAML 1.1 number forms and reserved ids."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

import lomaturity as lm
from lomaturity import RubricError
from lomaturity._hints import MAX_CANDIDATES
from lomaturity._rubrics import fields as _fields
from lomaturity._rubrics import yaml as _yaml
from lomaturity._rubrics.files import FileRefused, read_bounded
from lomaturity._rubrics.parse import read_rubric_file

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def rubric_error(text: str) -> RubricError:
    with pytest.raises(RubricError) as info:
        lm.read_rubric_bytes(text, file="r.yaml")
    return info.value


def codes_at(err: RubricError, path: str) -> list[str]:
    return [p.code for p in err.problems if p.path == path]


# --- 1. huge integers ---------------------------------------------------------------------


@pytest.mark.parametrize("digits", [4301, 5000, 100_000])
def test_huge_integer_is_a_rubric_error_with_its_path(tiny_rubric_yaml: str, digits: int) -> None:
    text = edit(tiny_rubric_yaml, "    weight: 2.0", "    weight: " + "9" * digits)
    err = rubric_error(text)
    assert codes_at(err, "$.dimensions[0].weight") == ["yaml_number"]
    assert f"integer of {digits} digits" in str(err)
    assert len(str(err)) < 2000


def test_huge_integer_key_and_value_in_any_place(tiny_rubric_yaml: str) -> None:
    huge = "7" * 6000
    err = rubric_error(tiny_rubric_yaml + f"? {huge}\n: 1\nextra: {huge}\n")
    assert "$.extra" in str(err)
    assert "$.7777" in str(err)  # the key, read as text and clipped
    assert len(str(err)) < 3000


def test_integer_at_the_limit_is_read(tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    weight: 2.0", "    weight: " + "9" * _yaml.MAX_INT_DIGITS)
    err = rubric_error(text)  # read, then found too large for a weight
    assert codes_at(err, "$.dimensions[0].weight") == ["not_finite"]


def test_version_with_a_huge_prerelease_number_is_refused(tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, 'version: "0.1.0"', 'version: "1.0.0-rc.' + "9" * 5000 + '"')
    err = rubric_error(text)
    assert codes_at(err, "$.version") == ["invalid_version"]
    assert "more than the 64 allowed" in str(err)


def test_parsed_version_never_raises_raw(tiny_rubric_yaml: str) -> None:
    rubric = lm.read_rubric_bytes(tiny_rubric_yaml)
    assert str(rubric.parsed_version) == "0.1.0"
    for version in ("1.0.0-rc." + "9" * 5000, "not a version"):
        broken = attrs.evolve(rubric, version=version)
        with pytest.raises(RubricError, match=r"\$\.version: .* is not a comparable version"):
            _ = broken.parsed_version


# --- 2. bounded reads -----------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_unread(device: str, tmp_path: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "rubric.yaml"
    link.symlink_to(device)
    for path in (device, str(link)):
        with pytest.raises(RubricError, match="is a device, not a file") as info:
            lm.load_rubric(path)
        assert info.value.problems[0].code == "not_a_file"


@POSIX
def test_fifo_without_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "rubric.yaml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            lm.load_rubric(fifo)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # unblock the reader so that the test run can end
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO with no writer blocked")
    assert isinstance(outcome[0], RubricError)
    assert "file is empty" in str(outcome[0])


@POSIX
def test_endless_pipe_stops_at_the_limit() -> None:
    """``yes | lomaturity validate /dev/stdin``: read limit + 1 bytes, then refuse."""
    probe = (
        "import lomaturity as lm\n"
        "try:\n    lm.load_rubric('/dev/stdin')\n"
        "except lm.RubricError as err:\n    print(err.problems[0].code, err)\n"
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
    assert f"larger than the limit of {_yaml.MAX_BYTES} bytes" in done.stdout


def test_read_bounded_reads_at_most_limit_plus_one(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_bounded(str(path), 10) == b"x" * 10
    with pytest.raises(FileRefused) as info:
        read_bounded(str(path), 9)
    assert info.value.code == "too_large"
    assert info.value.size == 10


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="is a directory, not a file"):
        read_rubric_file(tmp_path)


# --- 3. bounded did-you-mean ----------------------------------------------------------------


def _misspelt_scales(n: int) -> str:
    lines = ["format: 1", "id: many", "version: '1.0.0'", "title: t", "description: d"]
    lines += ["language: en", "scales:"]
    lines += [f"  - {{id: scale_{i:05d}, min: 1, max: 5}}" for i in range(n)]
    lines += ["dimensions:", "  - {id: d, name: n, description: d}", "indicators:"]
    lines += [
        f"  - {{id: i{i}, dimension: d, statement: s, scale: scael_{i:05d}}}" for i in range(n)
    ]
    lines += ["stages:", "  - {id: s1, name: n, lower: 0, description: d}"]
    return "\n".join(lines) + "\n"


def test_hints_per_read_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 scales and 1,000 misspelt references: few hints, few comparisons."""
    compared: list[int] = []
    real = difflib.get_close_matches

    def counting(word: Any, possibilities: Any, *args: Any, **kwargs: Any) -> Any:
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    err = rubric_error(_misspelt_scales(1000))
    assert err.total == 1000
    assert len(compared) <= _fields.MAX_HINTS
    assert sum(compared) <= _fields.MAX_HINTS * _fields.HINT_CANDIDATES
    assert _fields.HINT_CANDIDATES <= MAX_CANDIDATES
    # The first problems still get their hint.
    assert "did you mean 'scale_00000'?" in str(err.problems[0])


def test_many_misspelt_references_are_fast() -> None:
    start = time.perf_counter()
    err = rubric_error(_misspelt_scales(1000))
    took = time.perf_counter() - start
    assert err.total == 1000
    assert took < 10, f"took {took:.1f} s"  # was 11-15 s unloaded; ~0.3 s now


# --- 4. the node budget, enforced while parsing; capped, clipped problems -------------------


class _NoComposing:
    def __init__(self, text: str) -> None:
        pass

    def get_single_node(self) -> None:
        raise AssertionError("an over-budget document must be refused before composing")

    def dispose(self) -> None:
        pass


@pytest.mark.parametrize(
    "prefix", ["", "# " + "[" * 70 + "\n"], ids=["scalars", "brackets-in-comment"]
)
def test_node_budget_is_enforced_while_parsing(
    monkeypatch: pytest.MonkeyPatch, prefix: str
) -> None:
    monkeypatch.setattr(_yaml, "_Loader", _NoComposing)
    text = prefix + "a: [" + ",".join(["1"] * (_yaml.MAX_NODES + 10)) + "]\n"
    start = time.perf_counter()
    err = rubric_error(text)
    assert time.perf_counter() - start < 20
    assert len(err.problems) == 1
    assert err.problems[0].code == "too_complex"
    assert f"more than {_yaml.MAX_NODES} YAML nodes" in str(err)
    assert "alias" not in str(err)


def test_unknown_keys_are_capped_with_the_true_total(tiny_rubric_yaml: str) -> None:
    extra = "".join(f"unknown_{i}: 1\n" for i in range(5000))
    err = rubric_error(tiny_rubric_yaml + extra)
    assert err.total == 5000
    assert err.truncated
    assert len(err.problems) == lm.exceptions.MAX_PROBLEMS
    assert len(str(err).splitlines()) == lm.exceptions.MAX_PROBLEMS + 1
    assert "first 50 shown" in str(err)


def test_long_unknown_key_is_clipped(tiny_rubric_yaml: str) -> None:
    key = "k" * 1_000_000
    err = rubric_error(tiny_rubric_yaml + f"? {key}\n: 1\n")
    assert len(str(err)) < 1000
    assert "kkk..." in str(err)
    assert all(len(str(part)) <= 203 for part in err.problems[0].location)


def test_control_characters_in_keys_are_escaped(tiny_rubric_yaml: str) -> None:
    err = rubric_error(tiny_rubric_yaml + '"bad\\nkey\\x1b[31m": 1\n')
    assert len(str(err).splitlines()) == 2
    assert "\x1b" not in str(err)


# --- 8. no file contents in messages; loading by id only -------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "root:$6$saltsalt$SECRETHASH:19000:0:99999:7:::\nbob:$6$x$OTHERSECRET:19000::::::\n",
        "password: SECRETHASH\nuser: bob\n",
        "- SECRETHASH\n- OTHERSECRET\n",
    ],
)
def test_non_rubric_file_is_named_not_quoted(tmp_path: Path, content: str) -> None:
    path = tmp_path / "shadow"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RubricError) as info:
        lm.load_rubric(str(path))
    message = str(info.value)
    assert "SECRET" not in message
    assert "bob" not in message
    assert str(path) in message
    assert info.value.problems[0].code == "not_a_rubric"


def test_load_by_id_only_never_touches_the_file_system(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def forbidden(*args: object) -> bytes:
        raise AssertionError("read a file with allow_path=False")

    monkeypatch.setattr("lomaturity._rubrics.parse.read_bounded", forbidden)
    path = tmp_path / "rubric.yaml"
    path.write_text("x: 1\n", encoding="utf-8")
    for value in ("/etc/shadow", "../x", "a.yaml", path, str(path)):
        with pytest.raises(RubricError, match="allow_path=False") as info:
            lm.load_rubric(value, allow_path=False)
        assert info.value.problems[0].code == "path_not_allowed"
    assert lm.load_rubric("learning-organization", allow_path=False).id == "learning-organization"


# --- 9. NUL and empty paths -----------------------------------------------------------------


def test_nul_in_a_path_is_a_clear_error() -> None:
    with pytest.raises(RubricError, match="holds a NUL character") as info:
        lm.load_rubric("rubrics/a\x00b.yaml")
    assert info.value.problems[0].code == "invalid_path"
    assert "\x00" not in str(info.value)


def test_empty_path_and_id_are_clear_errors() -> None:
    with pytest.raises(RubricError, match="is an empty path") as info:
        read_rubric_file("")
    assert info.value.problems[0].code == "empty_path"
    assert "directory" not in str(info.value)
    with pytest.raises(RubricError, match="is empty; name a bundled rubric id"):
        lm.load_rubric("")


# --- 12. YAML 1.1 number forms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("010", "octal"),
        ("-010", "octal"),
        ("1:30", "base-60"),
        ("1:30.5", "base-60"),
        ("0x1F", "hexadecimal"),
        ("0b101", "binary"),
        ("1_000", "'_' digit separators"),
        ("1_000.5", "'_' digit separators"),
    ],
)
def test_yaml_11_number_forms_are_refused(tiny_rubric_yaml: str, written: str, what: str) -> None:
    err = rubric_error(edit(tiny_rubric_yaml, "    weight: 2.0", f"    weight: {written}"))
    assert codes_at(err, "$.dimensions[0].weight") == ["yaml_number"]
    assert what in str(err)
    assert f"written '{written}'" in str(err)


@pytest.mark.parametrize("written", ["8", "+8", "1.5", "01.5", "2.", ".5", "1.5e+1", "0"])
def test_plain_decimal_numbers_are_read(tiny_rubric_yaml: str, written: str) -> None:
    text = edit(tiny_rubric_yaml, "    lower: 50", f"    lower: {written}")
    if float(written) <= 0:
        assert codes_at(rubric_error(text), "$.stages[1].lower") == ["out_of_order"]
    else:
        assert lm.read_rubric_bytes(text).stages[1].lower == float(written)


def test_octal_in_scale_bounds_is_refused(tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    max: 3\n    labels", "    max: 010\n    labels")
    assert codes_at(rubric_error(text), "$.scales[0].max") == ["yaml_number"]


def test_quoted_number_forms_are_text(tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    statement: We talk about learning.", '    statement: "1:30"')
    assert lm.read_rubric_bytes(text).indicators[0].statement == "1:30"


@pytest.mark.parametrize("written", ["2024-02-30", "2023-13-01"])
def test_impossible_dates_are_a_rubric_error(tiny_rubric_yaml: str, written: str) -> None:
    err = rubric_error(edit(tiny_rubric_yaml, "title: Tiny rubric", f"title: {written}"))
    assert codes_at(err, "$.title") == ["yaml_value"]
    assert "cannot be read as a YAML timestamp; quote it" in str(err)


# --- 15. reserved and colliding ids -----------------------------------------------------------


@pytest.mark.parametrize("reserved", ["respondent_id", "organization", "team", "role", "overall"])
def test_reserved_indicator_ids_are_refused(tiny_rubric_yaml: str, reserved: str) -> None:
    err = rubric_error(edit(tiny_rubric_yaml, "  - id: cu_blame", f"  - id: {reserved}"))
    assert codes_at(err, "$.indicators[1].id") == ["reserved_id"]


def test_overall_dimension_is_refused(tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "  - id: practice", "  - id: overall")
    text = edit(text, "    dimension: practice", "    dimension: overall")
    err = rubric_error(text)
    assert codes_at(err, "$.dimensions[1].id") == ["reserved_id"]
    assert "overall score" in str(err)


def test_indicator_id_equal_to_a_dimension_id_is_refused(tiny_rubric_yaml: str) -> None:
    err = rubric_error(edit(tiny_rubric_yaml, "  - id: pr_time", "  - id: practice"))
    assert codes_at(err, "$.indicators[2].id") == ["duplicate_id"]
    assert "also a dimension id" in str(err)


def test_overlong_ids_are_refused(tiny_rubric_yaml: str) -> None:
    err = rubric_error(edit(tiny_rubric_yaml, "  - id: pr_time", "  - id: p" + "r" * 100))
    assert codes_at(err, "$.indicators[2].id") == ["invalid_id"]
    assert "longer than 64 characters" in str(err)


# --- found by the fuzz suite ----------------------------------------------------------------


def test_rubric_without_stages_but_with_prerequisites_is_a_rubric_error() -> None:
    """Deleting ``stages`` from the bundled rubric raised a KeyError from the prerequisite
    stage check of the recommendations."""
    bundled = Path(__file__).resolve().parents[2] / "rubrics" / "learning-organization"
    data = yaml.safe_load((bundled / "1.0.0.yaml").read_text("utf-8"))
    del data["stages"]
    with pytest.raises(RubricError) as info:
        lm.read_rubric_bytes(yaml.safe_dump(data, sort_keys=False))
    assert "missing required field 'stages'" in str(info.value)
