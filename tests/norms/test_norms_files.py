"""Norm-table files: round trips, and every kind of bad or hostile file gets a NormsError
naming file, field and value, never a traceback or a silently wrong table."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity.exceptions import NormsError


@pytest.fixture(scope="module")
def norms() -> lm.NormTable:
    return lm.example_norms("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def data(norms: lm.NormTable) -> dict[str, Any]:
    return norms.to_dict()


def problems(raw: bytes | str, file: str | None = "n.yaml") -> NormsError:
    with pytest.raises(NormsError) as caught:
        lm.read_norms_bytes(raw, file=file)
    return caught.value


def codes(error: NormsError) -> set[str]:
    return {p.code for p in error.problems}


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_dump_and_read_give_the_same_table(norms: lm.NormTable, form: str) -> None:
    text = lm.dump_norms(norms, form)  # type: ignore[arg-type]
    assert lm.read_norms_bytes(text, file=f"x.{form}") == norms
    assert lm.read_norms_bytes(text) == norms  # format told from the content


def test_a_synthetic_yaml_file_says_so_on_its_first_line(norms: lm.NormTable) -> None:
    assert lm.dump_norms(norms).startswith("# SYNTHETIC norm table")


@pytest.mark.parametrize("name", ["norms.yaml", "norms.json"])
def test_write_and_read_a_file(norms: lm.NormTable, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    lm.write_norms(norms, path)
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("{") == name.endswith(".json")
    back = lm.read_norms(path)
    assert back == norms
    assert back.path == str(path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".lomaturity-")]


def test_dump_refuses_an_unknown_format_and_a_wrong_type(norms: lm.NormTable) -> None:
    with pytest.raises(ValueError, match="'xml'"):
        lm.dump_norms(norms, "xml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"norms: expected lomaturity\.NormTable"):
        lm.dump_norms({"title": "x"})  # type: ignore[arg-type]


def test_parse_norms_reads_a_mapping(norms: lm.NormTable, data: dict[str, Any]) -> None:
    assert lm.parse_norms(data) == norms


# --- files that cannot be read -----------------------------------------------------------


def test_missing_file_directory_and_empty_file(tmp_path: Path) -> None:
    for path, code in ((tmp_path / "none.yaml", "file_not_found"), (tmp_path, "not_a_file")):
        with pytest.raises(NormsError) as caught:
            lm.read_norms(path)
        assert codes(caught.value) == {code}
        assert str(path) in str(caught.value)
    (tmp_path / "empty.yaml").write_text("# nothing\n")
    with pytest.raises(NormsError, match="empty"):
        lm.read_norms(tmp_path / "empty.yaml")


def test_too_large_and_not_utf8(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"{" + b" " * 2_000_001 + b"}")
    with pytest.raises(NormsError, match="limit"):
        lm.read_norms(big)
    assert codes(problems(b" " * 2_000_001)) == {"too_large"}
    if Path("/dev/zero").exists():  # a device: read no further than the limit
        with pytest.raises(NormsError, match="limit"):
            lm.read_norms("/dev/zero")
    assert codes(problems(b"{\xff}", "n.json")) == {"bad_encoding"}
    assert codes(problems(b"title: \xff\n")) == {"bad_encoding"}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b'{"a": NaN}', "invalid"),
        (b'{"a": Infinity}', "invalid"),
        (b'{"a": -Infinity}', "invalid"),
        (b'{"a": 1, "a": 2}', "duplicate_key"),
        (b'{"a": [1, 2', "json_syntax"),
        (b"[" * 5000 + b"]" * 5000, "too_deep"),
        (b'{"a":' * 70 + b"1" + b"}" * 70, "too_deep"),
        (b'{"a": ' + b"9" * 5000 + b"}", "invalid"),
    ],
)
def test_hostile_json(raw: bytes, code: str) -> None:
    assert code in codes(problems(raw, "n.json"))


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a: &x [1]\nb: [*x, *x]\nc: !!python/object:os.system {}\n", "yaml_tag"),
        (b"a: 1\na: 2\n", "duplicate_key"),
        (b"a: [" * 100 + b"]" * 100, "too_deep"),
        (b"a: [1\n", "yaml_syntax"),
    ],
)
def test_hostile_yaml(raw: bytes, code: str) -> None:
    assert code in codes(problems(raw))


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    assert codes(problems("\n".join(lines).encode())) == {"too_complex"}


# --- invalid content ---------------------------------------------------------------------


def edited(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


P5 = ("scores", "overall", "percentiles", "5")


@pytest.mark.parametrize(
    ("path", "value", "code", "where"),
    [
        (("format",), 2, "invalid", "$.format"),
        (("kind",), "rubric", "invalid", "$.kind"),
        (("synthetic",), KeyError, "missing_field", "$"),
        (("synthetic",), "yes", "wrong_type", "$.synthetic"),
        (("date",), "2026-13-01", "invalid_date", "$.date"),
        (("date",), "yesterday", "invalid_date", "$.date"),
        (("title",), "a\x1b[2Jb", "not_printable", "$.title"),
        (("title",), "x" * 501, "too_long", "$.title"),
        (("rubric", "fingerprint"), "sha256:abc", "invalid_fingerprint", "$.rubric.fingerprint"),
        (("rubric", "id"), 7, "wrong_type", "$.rubric.id"),
        (("n_organizations",), 19, "out_of_range", "$.n_organizations"),
        (("n_organizations",), 10**400, "out_of_range", "$.n_organizations"),
        (("n_organizations",), True, "wrong_type", "$.n_organizations"),
        (("settings", "confidence"), 1.5, "out_of_range", "$.settings.confidence"),
        (("settings", "interval"), "magic", "invalid", "$.settings.interval"),
        (("settings", "n_resamples"), 5, "out_of_range", "$.settings.n_resamples"),
        (("scores", "overall"), KeyError, "missing_field", "$.scores"),
        (("scores", "overall", "level"), "dimension", "invalid_level", "$.scores.overall.level"),
        (("scores", "overall", "n"), 5, "out_of_range", "$.scores.overall.n"),
        (("scores", "overall", "n_excluded"), 3, "inconsistent_count", "$.scores.overall"),
        (("scores", "overall", "mean"), 10**400, "not_finite", "$.scores.overall.mean"),
        (("scores", "overall", "sd"), -1, "out_of_range", "$.scores.overall.sd"),
        (("scores", "overall", "percentiles"), [1, 2], "wrong_type", "$.scores.overall"),
        (("scores", "overall", "percentiles"), {"5": 1}, "invalid", "$.scores.overall"),
        (P5, 99.0, "not_monotone", "$.scores.overall.percentiles"),
        (P5, 150, "out_of_range", "$.scores.overall.percentiles.5"),
        (P5, "12", "wrong_type", "$.scores.overall.percentiles.5"),
        (("scores", "overall", "percentiles", "150"), 99.0, "invalid_percent", "$.scores"),
        (("scores", "overall", "percentiles", "nan"), 99.0, "invalid_percent", "$.scores"),
        (("scores", "overall", "percentiles", "5.0"), 30.0, "invalid", "$.scores"),
        (("scores", "Bad Id"), {}, "invalid", "$.scores"),
        (("extra",), 1, "unknown_field", "$.extra"),
    ],
)
def test_invalid_fields_are_named(
    data: dict[str, Any], path: tuple[str, ...], value: Any, code: str, where: str
) -> None:
    bad = edited(data, path, value)
    for raw, name in ((as_json(bad), "bad.json"), (yaml.safe_dump(bad).encode(), "bad.yaml")):
        error = problems(raw, name)
        assert code in codes(error), str(error)
        assert any(p.path.startswith(where) for p in error.problems if p.code == code)
        assert name in str(error)


def test_yaml_problems_carry_line_numbers(norms: lm.NormTable) -> None:
    text = lm.dump_norms(norms).replace("n_organizations: 200", "n_organizations: -4")
    error = problems(text)
    (problem,) = error.problems
    assert problem.line == text.splitlines().index("n_organizations: -4") + 1
    assert "n.yaml:" in str(error)
    assert "-4" in str(error)


def test_long_and_control_values_are_shown_escaped_and_cut(data: dict[str, Any]) -> None:
    error = problems(as_json(edited(data, ("rubric", "fingerprint"), "\x1b]0;" + "x" * 500)))
    text = str(error)
    assert "\x1b" not in text
    assert "\\x1b" in text
    assert "x" * 100 not in text


def test_not_a_mapping() -> None:
    assert codes(problems(b"[1, 2]", "n.json")) == {"wrong_type"}
    assert codes(problems(b"just text\n")) == {"wrong_type"}


# --- fuzz: a valid table or a NormsError, nothing else -----------------------------------

LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


BASE = lm.example_norms("learning-organization@1.0.0").to_dict()
BASE["scores"] = {k: BASE["scores"][k] for k in list(BASE["scores"])[:3]}  # overall + 2 dims


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzzed_tables_are_valid_or_a_norms_error(data: st.DataObject) -> None:
    mutated = BASE
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(mutated)))
        mutated = edited(mutated, path, data.draw(LEAVES))
    raw = json.dumps(mutated, allow_nan=True).encode()
    try:
        table = lm.read_norms_bytes(raw, file="fuzz.json")
    except NormsError as exc:
        problems_found = exc.problems
        table = None
    if table is None:
        assert problems_found
        return
    for dist in (table.overall, *table.dimensions.values(), *table.indicators.values()):
        assert list(dist.values) == sorted(dist.values)
        assert all(0 <= v <= 100 for v in dist.values)
        assert dist.n + dist.n_excluded == table.n_organizations


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=200))
def test_random_bytes_are_a_norms_error(raw: bytes) -> None:
    with pytest.raises(NormsError):
        lm.read_norms_bytes(raw, file=os.path.join("x", "fuzz.yaml"))


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_an_invalid_table_built_in_code_is_not_written(norms: lm.NormTable, form: str) -> None:
    # Regression: YAML wrote `.nan` (a file that cannot be read back), JSON a bare ValueError.
    points = ((50.0, float("nan")), (90.0, 80.0))
    table = attrs.evolve(norms, overall=attrs.evolve(norms.overall, percentiles=points))
    with pytest.raises(lm.NormsError, match="not a finite number"):
        lm.dump_norms(table, form)  # type: ignore[arg-type]
