"""Loading rubric files: the default rubric, every kind of error, and round trips."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity import LomaturityError, RubricError
from lomaturity._rubrics import yaml as _yaml

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FILE = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"
SCHEMA = json.loads((REPO / "rubrics" / "rubric.schema.json").read_text(encoding="utf-8"))

# --- helpers ------------------------------------------------------------------------------


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def edit_line(text: str, old: str, new: str) -> tuple[str, int]:
    """Like :func:`edit`, also returning the 1-based line where ``new`` starts."""
    edited = edit(text, old, new)
    return edited, text[: text.index(old)].count("\n") + 1


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def load_error(tmp_path: Path, content: str | bytes, name: str = "rubric.yaml") -> RubricError:
    """Write ``content`` to a file, load it by path and return the RubricError raised."""
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(RubricError) as info:
        lm.load_rubric(path)
    err = info.value
    assert isinstance(err, LomaturityError)
    assert isinstance(err, ValueError)
    assert err.problems, "a RubricError must list at least one problem"
    assert str(path) in str(err)
    return err


def problem_at(err: RubricError, path: str) -> lm.Problem:
    """The single problem reported at ``path``."""
    found = [p for p in err.problems if p.path == path]
    assert len(found) == 1, f"expected one problem at {path}, got:\n{err}"
    return found[0]


def assert_reported(err: RubricError, expected: str) -> None:
    """``expected`` (``file:line: path: value message``) is one line of ``str(err)``."""
    assert any(expected in line for line in str(err).splitlines()), f"{expected!r} not in:\n{err}"


# --- the default rubric ---------------------------------------------------------------------


def test_default_rubric_has_the_four_dimensions(default_rubric: lm.Rubric) -> None:
    assert default_rubric.id == "learning-organization"
    assert default_rubric.version == "1.0.0"
    assert default_rubric.format == 1
    assert lm.rubric.FORMATS == (1, lm.rubric.FORMAT_VERSION) == (1, 2)
    assert [d.id for d in default_rubric.dimensions] == [
        "values_culture",
        "strategy",
        "practice",
        "employee_experience",
    ]
    for dimension in default_rubric.dimensions:
        assert dimension.weight > 0
        assert len(default_rubric.indicators_of(dimension.id)) >= 5, dimension.id


def test_default_rubric_indicators_are_complete(default_rubric: lm.Rubric) -> None:
    stage_ids = [s.id for s in default_rubric.stages]
    ids = default_rubric.indicator_ids
    assert len(set(ids)) == len(ids)
    scale_ids = {s.id for s in default_rubric.scales}
    for indicator in default_rubric.indicators:
        assert indicator.scale in scale_ids
        assert indicator.weight > 0
        assert indicator.statement.strip()
        assert indicator.source is not None, indicator.id
        assert indicator.source.strip(), indicator.id
        assert list(indicator.descriptors) == stage_ids, indicator.id
        assert all(text.strip() for text in indicator.descriptors.values()), indicator.id


def test_default_rubric_stages_start_at_zero_and_increase(default_rubric: lm.Rubric) -> None:
    lowers = [s.lower for s in default_rubric.stages]
    assert len(lowers) >= 2
    assert lowers[0] == 0
    assert all(a < b for a, b in itertools.pairwise(lowers))
    assert lowers[-1] < 100
    assert [s.level for s in default_rubric.stages] == list(range(1, len(lowers) + 1))


def test_default_rubric_loads_the_same_by_path(default_rubric: lm.Rubric) -> None:
    assert lm.load_rubric(DEFAULT_FILE) == default_rubric
    assert lm.load_rubric(str(DEFAULT_FILE)) == default_rubric


def test_tiny_rubric_loads(tiny_rubric_yaml: str) -> None:
    rubric = lm.read_rubric_bytes(tiny_rubric_yaml)
    assert [d.id for d in rubric.dimensions] == ["culture", "practice"]
    assert rubric.dimension("culture").weight == 2.0
    assert rubric.dimension("practice").weight == 1.0  # default
    assert rubric.indicator("cu_talk").weight == 1.5
    assert rubric.indicator("cu_blame").reverse is True
    assert rubric.indicator("cu_talk").allow_na is False
    assert rubric.indicator("pr_time").allow_na is True
    assert rubric.scale("agree3").labels == ("Disagree", "Neutral", "Agree")
    assert rubric.stage_for(49.9).id == "low"
    assert rubric.stage_for(50).id == "high"


def test_utf8_byte_order_mark_is_accepted(tiny_rubric_yaml: str) -> None:
    plain = lm.read_rubric_bytes(tiny_rubric_yaml)
    assert lm.read_rubric_bytes(b"\xef\xbb\xbf" + tiny_rubric_yaml.encode()) == plain


# --- unreadable files ---------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n   \n", "# only\n# comments\n\n", "\ufeff"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    err = load_error(tmp_path, content)
    assert len(err.problems) == 1
    assert_reported(err, f"{tmp_path / 'rubric.yaml'}: $: file is empty")


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("- a\n- b\n", "holds a list, not a mapping"),
        ("just a sentence\n", "holds a string, not a mapping"),
        ("42\n", "holds an integer, not a mapping"),
        ("null\n", "holds null, not a mapping"),
        ("secret: hunter2\n", "holds a mapping of 1 key, none of them a rubric field"),
    ],
)
def test_top_level_not_a_mapping(tmp_path: Path, content: str, shown: str) -> None:
    """A file that is not a rubric is named, never quoted (it may be a password file)."""
    err = load_error(tmp_path, content)
    assert len(err.problems) == 1
    assert err.problems[0].path == "$"
    assert err.problems[0].line is not None
    assert err.problems[0].code == "not_a_rubric"
    assert_reported(err, f"{tmp_path / 'rubric.yaml'}:{err.problems[0].line}: $: {shown}")
    for word in ("'a'", "sentence", "42", "secret", "hunter2"):
        assert word not in str(err).replace(str(tmp_path), "")


def test_duplicate_key_names_the_key_and_both_lines(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "language: en\n", "language: en\ntitle: Second title\n")
    first, second = line_of(text, "title: Tiny"), line_of(text, "title: Second")
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.title")
    assert problem.line == second
    assert "duplicate key 'title'" in problem.message
    assert f"line {first}" in problem.message
    assert_reported(err, f"rubric.yaml:{second}: $.title: duplicate key 'title'")


def test_duplicate_key_in_nested_mapping(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    weight: 1.5\n", "    weight: 1.5\n    weight: 3\n")
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.indicators[0].weight")
    assert problem.line == line_of(text, "weight: 3")
    assert f"line {line_of(text, 'weight: 1.5')}" in problem.message


BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


# Hostile documents are read in a child process with a memory cap and a timeout, so that a
# regression fails the test instead of hanging, exhausting memory or crashing pytest.
HOSTILE_PROBE = """
import sys, time
import lomaturity as lm
start = time.perf_counter()
try:
    lm.load_rubric(sys.argv[1])
except lm.RubricError as err:
    print(len(err.problems))
    print(err)
else:
    print("0\\nloaded")
print(f"seconds={time.perf_counter() - start:.3f}", file=sys.stderr)
"""


def _limit_memory() -> None:  # runs in the child, before it starts Python
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def load_hostile(tmp_path: Path, content: str, seconds: float) -> tuple[int, str]:
    """Load ``content`` from a file in a child process; return (problem count, message)."""
    path = tmp_path / "hostile.yaml"
    path.write_text(content, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(lm.__file__).resolve().parents[1])
    try:
        done = subprocess.run(
            [sys.executable, "-c", HOSTILE_PROBE, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            preexec_fn=_limit_memory if sys.platform != "win32" else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the document did not finish within {seconds + 30} s")
    assert done.returncode == 0, f"the reader crashed ({done.returncode}):\n{done.stderr[-3000:]}"
    took = float(done.stderr.rpartition("seconds=")[2])
    assert took < seconds, f"took {took} s"
    count, _, message = done.stdout.partition("\n")
    assert str(path) in message
    return int(count), message


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    count, message = load_hostile(tmp_path, BILLION_LAUGHS + "\n", seconds=5)
    assert count == 1
    assert "alias" in message
    assert "refusing" in message


@pytest.mark.parametrize("content", ["a: &a\n  b: *a\n", "&a [*a]\n", "x: &x [1, {y: *x}]\n"])
def test_recursive_alias_is_refused(tmp_path: Path, content: str) -> None:
    err = load_error(tmp_path, content)
    assert len(err.problems) == 1
    assert "recursive alias" in str(err)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = b"# " + b"x" * _yaml.MAX_BYTES + b"\n"
    err = load_error(tmp_path, big)
    assert len(err.problems) == 1
    assert f"more than the limit of {_yaml.MAX_BYTES} bytes" in str(err)
    assert str(len(big)) in str(err)


def test_bytes_over_the_size_limit(monkeypatch: pytest.MonkeyPatch, tiny_rubric_yaml: str) -> None:
    monkeypatch.setattr(_yaml, "MAX_BYTES", 100)
    with pytest.raises(RubricError, match="more than the limit of 100 bytes"):
        lm.read_rubric_bytes(tiny_rubric_yaml, file="tiny.yaml")


@pytest.mark.parametrize(
    ("raw", "line", "byte"),
    [
        (b"format: 1\nid: \xff\xfe\n", 2, "0xff"),
        (b"format: 1\nid: x\ntitle: K\xe4ytt\xf6\n", 3, "0xe4"),
        ("format: 1\n".encode("utf-16"), 1, "0xff"),
    ],
)
def test_non_utf8_bytes(tmp_path: Path, raw: bytes, line: int, byte: str) -> None:
    err = load_error(tmp_path, raw)
    assert len(err.problems) == 1
    assert err.problems[0].line == line
    assert_reported(err, f"rubric.yaml:{line}: $: file is not valid UTF-8 (byte {byte}")


def test_tab_indentation(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    weight: 2.0", "\tweight: 2.0")
    err = load_error(tmp_path, text)
    line = line_of(text, "\tweight")
    assert_reported(err, f"rubric.yaml:{line}: $: tab character in indentation")


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000,
        "a: " + "{b: " * 50_000,
        "".join("  " * i + "k:\n" for i in range(300)) + "  " * 300 + "v\n",
    ],
    ids=["flow-list", "flow-mapping", "block"],
)
def test_deep_nesting_does_not_crash(tmp_path: Path, content: str) -> None:
    count, message = load_hostile(tmp_path, content, seconds=10)
    assert count == 1
    assert "nests deeper than" in message


def test_invalid_yaml_syntax_names_the_line(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "title: Tiny rubric", "title: [Tiny rubric")
    err = load_error(tmp_path, text)
    assert "not valid YAML" in str(err)
    assert err.problems[0].line is not None


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    for arg in (path, str(path)):
        with pytest.raises(RubricError) as info:
            lm.load_rubric(arg)
        assert isinstance(info.value, LomaturityError)
        assert f"{path}: $: file does not exist" in str(info.value)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError) as info:
        lm.load_rubric(tmp_path)
    assert f"{tmp_path}: $: is a directory" in str(info.value)


# --- field errors -------------------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "    weight: 2.0", "    wieght: 2.0")
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    line = line_of(text, "wieght")
    assert_reported(
        err,
        f"rubric.yaml:{line}: $.dimensions[0].wieght: is not a known field "
        "(did you mean 'weight'?)",
    )


def test_unknown_key_without_close_match_lists_known_fields(
    tmp_path: Path, tiny_rubric_yaml: str
) -> None:
    text = tiny_rubric_yaml + "colour: blue\n"
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.colour")
    assert problem.line == line_of(text, "colour")
    assert problem.hint is not None
    assert "known fields:" in problem.hint
    assert "dimensions" in problem.hint


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"heavy"', "$.dimensions[0].weight: 'heavy' is a string, not a number"),
        ("-1", "$.dimensions[0].weight: -1 is not > 0"),
        ("0", "$.dimensions[0].weight: 0 is not > 0"),
        ("-0.5", "$.dimensions[0].weight: -0.5 is not > 0"),
        (".inf", "$.dimensions[0].weight: inf is not a finite number"),
        ("-.inf", "$.dimensions[0].weight: -inf is not a finite number"),
        (".nan", "$.dimensions[0].weight: nan is not a finite number"),
        ("true", "$.dimensions[0].weight: True is a boolean, not a number"),
        ("[1]", "$.dimensions[0].weight: [1] is a list, not a number"),
    ],
)
def test_bad_dimension_weight(
    tmp_path: Path, tiny_rubric_yaml: str, value: str, expected: str
) -> None:
    text = edit(tiny_rubric_yaml, "weight: 2.0", f"weight: {value}")
    err = load_error(tmp_path, text)
    assert_reported(err, f"rubric.yaml:{line_of(text, 'weight: ' + value)}: {expected}")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("weight: 1.5", "weight: -2", "$.indicators[0].weight: -2 is not > 0"),
        ("reverse: true", 'reverse: "yes"', "$.indicators[1].reverse: 'yes' is a string, not"),
        ("    allow_na: true\n    na", "    allow_na: 1\n    na", "$.scales[1].allow_na: 1 is"),
        (
            "min: 1\n    max: 3\n    labels",
            "min: one\n    max: 3\n    labels",
            "$.scales[0].min: 'one' is a string, not an integer",
        ),
        ("lower: 50", 'lower: "50"', "$.stages[1].lower: '50' is a string, not a number"),
        ("format: 1", 'format: "1"', "$.format: '1' is a string, not an integer"),
        ("title: Tiny rubric", "title: 7", "$.title: 7 is a"),
        ("language: en", "language: no", "$.language: False is a boolean, not a string"),
        ("title: Tiny rubric", 'title: "  "', "$.title: '  ' is empty"),
        ("id: cu_talk", "id: Cu-Talk", "$.indicators[0].id: 'Cu-Talk' is not a valid id"),
        (
            "    descriptors:\n      low: Nobody talks about learning.\n"
            "      high: Everybody does.\n",
            "    descriptors: [low, high]\n",
            "$.indicators[0].descriptors: is a list, not a mapping",
        ),
    ],
)
def test_wrong_types(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, new: str, expected: str
) -> None:
    text, line = edit_line(tiny_rubric_yaml, old, new)
    err = load_error(tmp_path, text)
    assert_reported(err, f"rubric.yaml:{line}: {expected}")


@pytest.mark.parametrize("value", ["1.10", "1.0", "2", "0.5", "1.0e+2"])
def test_unquoted_version_number_gets_a_hint(
    tmp_path: Path, tiny_rubric_yaml: str, value: str
) -> None:
    text = edit(tiny_rubric_yaml, 'version: "0.1.0"', f"version: {value}")
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.version")
    assert problem.line == line_of(text, "version:")
    assert "is a number, not a version string" in problem.message
    assert problem.hint is not None
    assert "quote" in problem.hint
    assert "quote" in str(err)


@pytest.mark.parametrize(
    "value",
    [
        "1.0",
        "v1.0.0",
        "1.0.0.0",
        "01.0.0",
        "1.0.0-",
        "latest",
        "",
        # semver allows these, but packaging cannot order them: refused so versions sort
        "1.0.0-alpha.beta",
        "1.0.0+build.5",
    ],
)
def test_bad_semver(tmp_path: Path, tiny_rubric_yaml: str, value: str) -> None:
    text = edit(tiny_rubric_yaml, 'version: "0.1.0"', f"version: {value!r}")
    err = load_error(tmp_path, text)
    assert_reported(
        err,
        f'rubric.yaml:4: $.version: {value!r} is not a version such as "1.0.0" or "1.1.0-rc.1"',
    )


@pytest.mark.parametrize("value", ["1.1.0-rc.1", "2.0.0-beta2", "1.0.0-dev.3", "10.20.30"])
def test_versions_that_order(tmp_path: Path, tiny_rubric_yaml: str, value: str) -> None:
    text = edit(tiny_rubric_yaml, 'version: "0.1.0"', f"version: {value!r}")
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    rubric = lm.load_rubric(path)
    assert rubric.version == value
    assert rubric.parsed_version is not None


@pytest.mark.parametrize("good", ["1.0.0", "0.0.1", "10.20.30", "1.0.0-rc.1", "1.0.0-beta"])
def test_good_semver(tiny_rubric_yaml: str, good: str) -> None:
    text = edit(tiny_rubric_yaml, 'version: "0.1.0"', f'version: "{good}"')
    assert lm.read_rubric_bytes(text).version == good


@pytest.mark.parametrize(
    ("rubric_id", "version"),
    [("tiny-1-0", "0.1.0"), ("tiny-v0-1-0", "0.1.0"), ("tiny-2-3", "2.3.0")],
)
def test_rubric_id_containing_a_version(
    tmp_path: Path, tiny_rubric_yaml: str, rubric_id: str, version: str
) -> None:
    text = edit(tiny_rubric_yaml, "id: tiny", f"id: {rubric_id}")
    text = edit(text, 'version: "0.1.0"', f'version: "{version}"')
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.id")
    assert problem.value == rubric_id
    assert "contains a version" in problem.message
    assert problem.line == 3
    assert f"rubric.yaml:3: $.id: {rubric_id!r} looks like it contains a version" in str(err)


@pytest.mark.parametrize("rubric_id", ["Tiny", "tiny-", "1tiny", "tiny_rubric", "t"])
def test_bad_rubric_id(tmp_path: Path, tiny_rubric_yaml: str, rubric_id: str) -> None:
    text = edit(tiny_rubric_yaml, "id: tiny", f"id: {rubric_id}")
    err = load_error(tmp_path, text)
    assert_reported(err, f"rubric.yaml:3: $.id: {rubric_id!r} is not a valid rubric id")


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("id: cu_talk", 'id: "cu_talk\\n"', "$.indicators[0].id"),
        ("id: tiny", 'id: "tiny\\n"', "$.id"),
        ('version: "0.1.0"', 'version: "0.1.0\\n"', "$.version"),
    ],
)
def test_trailing_newline_in_id_or_version_is_rejected(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, new: str, path: str
) -> None:
    # '$' in a Python regex also matches before a trailing newline.
    err = load_error(tmp_path, edit(tiny_rubric_yaml, old, new))
    problem_at(err, path)


@pytest.mark.parametrize(
    ("old", "new", "path", "first"),
    [
        ("id: cu_blame", "id: cu_talk", "$.indicators[1].id", "$.indicators[0]"),
        ("id: pr_time", "id: cu_talk", "$.indicators[2].id", "$.indicators[0]"),
        ("id: agree3_na", "id: agree3", "$.scales[1].id", "$.scales[0]"),
        ("id: high", "id: low", "$.stages[1].id", "$.stages[0]"),
    ],
)
def test_duplicate_ids(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, new: str, path: str, first: str
) -> None:
    text, line = edit_line(tiny_rubric_yaml, old, new)
    err = load_error(tmp_path, text)
    problem = problem_at(err, path)
    assert problem.line == line
    value = new.removeprefix("id: ")
    assert_reported(err, f"rubric.yaml:{line}: {path}: {value!r} duplicates the")
    assert first in problem.message


def test_duplicate_dimension_id(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "  - id: practice", "  - id: culture")
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.dimensions[1].id")
    assert problem.line == line_of(text, "name: Practice") - 1
    assert "duplicates the dimension id at $.dimensions[0]" in problem.message


def test_unknown_dimension_reference(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "dimension: practice", "dimension: practise")
    err = load_error(tmp_path, text)
    line = line_of(text, "dimension: practise")
    assert_reported(
        err,
        f"rubric.yaml:{line}: $.indicators[2].dimension: 'practise' does not name a dimension "
        "of this rubric (did you mean 'practice'?)",
    )


def test_unknown_scale_reference(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "scale: agree3_na", "scale: agree3_nA")
    err = load_error(tmp_path, text)
    # 'agree3_nA' is not even a valid id, so the id check reports it.
    problem_at(err, "$.indicators[2].scale")
    text = edit(tiny_rubric_yaml, "scale: agree3_na", "scale: agree4_na")
    err = load_error(tmp_path, text)
    line = line_of(text, "scale: agree4_na")
    assert len(err.problems) == 1
    assert_reported(
        err,
        f"rubric.yaml:{line}: $.indicators[2].scale: 'agree4_na' does not name a scale "
        "of this rubric (did you mean 'agree3_na'?)",
    )


def test_allow_na_on_a_scale_that_forbids_it(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text, line = edit_line(tiny_rubric_yaml, "scale: agree3_na\n", "scale: agree3\n")
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    problem = problem_at(err, "$.indicators[2].allow_na")
    assert problem.line == line + 1
    assert "scale 'agree3' does not allow 'not applicable'" in str(err)
    # allow_na: false is always fine, and left out it follows the scale.
    ok = edit(tiny_rubric_yaml, "scale: agree3_na\n    allow_na: true", "scale: agree3_na")
    assert lm.read_rubric_bytes(ok).indicator("pr_time").allow_na is True


@pytest.mark.parametrize(("low", "high"), [(3, 3), (5, 1)])
def test_scale_min_not_below_max(
    tmp_path: Path, tiny_rubric_yaml: str, low: int, high: int
) -> None:
    text, line = edit_line(
        tiny_rubric_yaml,
        "    min: 1\n    max: 3\n    allow_na: true",
        f"    min: {low}\n    max: {high}\n    allow_na: true",
    )
    err = load_error(tmp_path, text)
    assert_reported(err, f"rubric.yaml:{line + 1}: $.scales[1].max: {high} is not > min ({low})")


@pytest.mark.parametrize("labels", ["[Disagree, Agree]", "[a, b, c, d]"])
def test_wrong_number_of_labels(tmp_path: Path, tiny_rubric_yaml: str, labels: str) -> None:
    text = edit(tiny_rubric_yaml, "[Disagree, Neutral, Agree]", labels)
    err = load_error(tmp_path, text)
    n = labels.count(",") + 1
    line = line_of(text, "labels:")
    assert_reported(
        err, f"rubric.yaml:{line}: $.scales[0].labels: has {n} labels; the scale 1..3 needs 3"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("lower: 0", "lower: 10", "$.stages[0].lower: 10 is not 0; the first stage must start"),
        ("lower: 50", "lower: 0", "$.stages[1].lower: 0 is not > the previous stage's lower"),
        ("lower: 50", "lower: -5", "$.stages[1].lower: -5 is not within 0 <= lower < 100"),
        ("lower: 50", "lower: 100", "$.stages[1].lower: 100 is not within 0 <= lower < 100"),
        ("lower: 50", "lower: 150", "$.stages[1].lower: 150 is not within 0 <= lower < 100"),
    ],
)
def test_bad_stage_bounds(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, new: str, expected: str
) -> None:
    text, line = edit_line(tiny_rubric_yaml, old, new)
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    assert_reported(err, f"rubric.yaml:{line}: {expected}")


def test_decreasing_stage_bounds(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = tiny_rubric_yaml + (
        "  - id: middle\n    name: Middle\n    lower: 40\n    description: In between.\n"
    )
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    assert_reported(
        err,
        f"rubric.yaml:{line_of(text, 'lower: 40')}: $.stages[2].lower: 40 is not > the previous "
        "stage's lower bound (50); bounds must strictly increase",
    )


def test_dimension_without_indicator(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "dimension: practice", "dimension: culture")
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    line = line_of(text, "- id: practice")
    assert_reported(
        err,
        f"rubric.yaml:{line}: $.dimensions[1]: dimension 'practice' has no indicator",
    )


def test_descriptor_naming_an_unknown_stage(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "high: Everybody does.", "hihg: Everybody does.")
    err = load_error(tmp_path, text)
    assert len(err.problems) == 1
    assert_reported(
        err,
        f"rubric.yaml:{line_of(text, 'hihg')}: $.indicators[0].descriptors.hihg: 'hihg' does "
        "not name a stage of this rubric (did you mean 'high'?)",
    )


def test_empty_descriptor_text(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = edit(tiny_rubric_yaml, "high: Everybody does.", 'high: ""')
    err = load_error(tmp_path, text)
    assert_reported(err, "$.indicators[0].descriptors.high: '' is empty")


@pytest.mark.parametrize("fmt", ["2", "0", "1.5"])
def test_unsupported_format_version(tmp_path: Path, tiny_rubric_yaml: str, fmt: str) -> None:
    text = edit(tiny_rubric_yaml, "format: 1", f"format: {fmt}")
    err = load_error(tmp_path, text)
    problem = problem_at(err, "$.format")
    assert problem.line == 2
    assert f"rubric.yaml:2: $.format: {fmt}" in str(err)


@pytest.mark.parametrize(
    "field",
    ["format", "id", "version", "title", "description", "language", "stages"],
)
def test_missing_required_top_level_field(
    tmp_path: Path, tiny_rubric_yaml: str, field: str
) -> None:
    lines = tiny_rubric_yaml.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    text = "".join(lines[:start] + lines[end:])
    err = load_error(tmp_path, text)
    if field != "stages":  # without stages, the descriptors' stage names cannot resolve either
        assert len(err.problems) == 1
    assert_reported(err, f"rubric.yaml:2: $: missing required field {field!r}")


@pytest.mark.parametrize(
    ("old", "path", "field"),
    [
        ("    statement: We talk about learning.\n", "$.indicators[0]", "statement"),
        ("    scale: agree3_na\n", "$.indicators[2]", "scale"),
        ("    lower: 50\n", "$.stages[1]", "lower"),
        ("    name: Culture\n", "$.dimensions[0]", "name"),
        ("    max: 3\n    labels", "$.scales[0]", "max"),
    ],
)
def test_missing_required_nested_field(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, path: str, field: str
) -> None:
    text = edit(tiny_rubric_yaml, old, "    labels" if old.endswith("labels") else "")
    err = load_error(tmp_path, text)
    problem = problem_at(err, path)
    assert problem.message == f"missing required field {field!r}"
    assert problem.line is not None
    assert f"{path}: missing required field {field!r}" in str(err)


@pytest.mark.parametrize("field", ["scales", "dimensions", "indicators", "stages"])
def test_empty_list(tmp_path: Path, tiny_rubric_yaml: str, field: str) -> None:
    lines = tiny_rubric_yaml.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines)
    )
    text = "".join([*lines[:start], f"{field}: []\n", *lines[end:]])
    err = load_error(tmp_path, text)
    assert_reported(err, f"$.{field}: is empty; at least one entry is required")


def test_several_problems_are_all_reported_at_once(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    text = tiny_rubric_yaml
    for old, new in [
        ('version: "0.1.0"', 'version: "1.0"'),
        ("language: en", "language: english"),
        ("    weight: 2.0", "    wieght: 2.0"),
        ("weight: 1.5", "weight: -1"),
        ("high: Everybody does.", "hihg: Everybody does."),
        ("lower: 50", "lower: 100"),
    ]:
        text = edit(text, old, new)
    err = load_error(tmp_path, text)
    expected_paths = {
        "$.version",
        "$.language",
        "$.dimensions[0].wieght",
        "$.indicators[0].weight",
        "$.indicators[0].descriptors.hihg",
        "$.stages[1].lower",
    }
    assert {p.path for p in err.problems} == expected_paths
    assert len(err.problems) == 6
    assert str(err).startswith(f"invalid rubric {tmp_path / 'rubric.yaml'}: 6 problems")
    assert len(str(err).splitlines()) == 7
    assert all(p.line is not None and p.file == str(tmp_path / "rubric.yaml") for p in err.problems)


def test_yaml_and_field_problems_are_reported_together(
    tmp_path: Path, tiny_rubric_yaml: str
) -> None:
    text = edit(tiny_rubric_yaml, "language: en\n", "language: en\ntitle: Again\n")
    text = edit(text, "weight: 1.5", "weight: -1")
    err = load_error(tmp_path, text)
    assert {p.path for p in err.problems} == {"$.title", "$.indicators[0].weight"}


def test_messages_use_the_right_article(tmp_path: Path, tiny_rubric_yaml: str) -> None:
    err = load_error(tmp_path, edit(tiny_rubric_yaml, "title: Tiny rubric", "title: 7"))
    assert "$.title: 7 is an integer, not a string" in str(err)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("weight: 2.0", "weight: -1"),
        ("min: 1\n    max: 3\n    labels", "min: 3\n    max: 3\n    labels"),
        ("[Disagree, Neutral, Agree]", "[Disagree, Agree]"),
        ("lower: 50", 'lower: "50"'),
    ],
)
def test_one_bad_field_is_one_problem(
    tmp_path: Path, tiny_rubric_yaml: str, old: str, new: str
) -> None:
    err = load_error(tmp_path, edit(tiny_rubric_yaml, old, new))
    assert len(err.problems) == 1, str(err)


def test_parse_rubric_rejects_a_bad_mapping(tiny_rubric_yaml: str) -> None:
    data = yaml.safe_load(tiny_rubric_yaml)
    data["dimensions"][0]["weight"] = -1
    with pytest.raises(RubricError, match=r"\$\.dimensions\[0\]\.weight: -1 is not > 0"):
        lm.parse_rubric(data)
    with pytest.raises(RubricError, match="not a mapping"):
        lm.parse_rubric(["not", "a", "mapping"])


# --- round trips --------------------------------------------------------------------------


def _assert_schema_valid(text: str) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(yaml.safe_load(text))


def test_default_rubric_round_trips(default_rubric: lm.Rubric) -> None:
    text = lm.dump_rubric(default_rubric)
    assert lm.read_rubric_bytes(text) == default_rubric
    assert lm.parse_rubric(default_rubric.to_dict()) == default_rubric
    # The default header suits rubrics/<id>/<version>.yaml, like the bundled file's own.
    first_line = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert text.splitlines()[0] == first_line
    _assert_schema_valid(text)


def test_dump_schema_hint(tiny_rubric_yaml: str) -> None:
    rubric = lm.read_rubric_bytes(tiny_rubric_yaml)
    custom = lm.dump_rubric(rubric, schema="https://example.org/rubric.schema.json")
    assert custom.startswith(
        "# yaml-language-server: $schema=https://example.org/rubric.schema.json\n"
    )
    bare = lm.dump_rubric(rubric, schema=None)
    assert not bare.startswith("#")
    assert lm.read_rubric_bytes(custom) == lm.read_rubric_bytes(bare) == rubric


def test_tiny_rubric_round_trips(tiny_rubric_yaml: str) -> None:
    rubric = lm.read_rubric_bytes(tiny_rubric_yaml)
    text = lm.dump_rubric(rubric)
    again = lm.read_rubric_bytes(text)
    assert again == rubric
    assert lm.dump_rubric(again) == text
    _assert_schema_valid(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_rubrics_round_trip(
    data: st.DataObject, valid_rubric_mappings: st.SearchStrategy[dict[str, Any]]
) -> None:
    mapping = data.draw(valid_rubric_mappings)
    rubric = lm.parse_rubric(mapping)
    text = lm.dump_rubric(rubric)
    assert lm.read_rubric_bytes(text) == rubric
    _assert_schema_valid(text)
