"""The JSON Schema (rubrics/rubric.schema.json) and the loader agree on what a rubric is."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm

REPO = Path(__file__).resolve().parents[2]
SCHEMA_FILE = REPO / "rubrics" / "rubric.schema.json"
DEFAULT_FILE = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

Mutation = Callable[[dict[str, Any]], None]


def schema_errors(data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def loader_accepts(data: Any) -> bool:
    try:
        lm.parse_rubric(data)
    except lm.RubricError:
        return False
    return True


def assert_both_accept(data: Any) -> None:
    assert schema_errors(data) == []
    lm.parse_rubric(data)  # raises RubricError with every problem if not


@pytest.fixture
def tiny(tiny_rubric_yaml: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(tiny_rubric_yaml)
    return data


# --- the schema itself --------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator


def test_default_rubric_points_the_editor_at_the_schema() -> None:
    first = DEFAULT_FILE.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (DEFAULT_FILE.parent / first.removeprefix(prefix).strip()).resolve()
    assert target == SCHEMA_FILE.resolve()


# --- valid files pass both ----------------------------------------------------------------


def test_default_rubric_passes_both() -> None:
    assert_both_accept(yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8")))


def test_tiny_rubric_passes_both(tiny: dict[str, Any]) -> None:
    assert_both_accept(tiny)


def test_explicit_nulls_and_empty_labels_pass_both(tiny: dict[str, Any]) -> None:
    """Optional fields left empty (null) count as absent for both."""
    tiny["dimensions"][0]["weight"] = None
    tiny["indicators"][0]["descriptors"] = None
    tiny["indicators"][0]["source"] = None
    tiny["indicators"][1]["reverse"] = None
    tiny["indicators"][2]["allow_na"] = None
    tiny["scales"][0]["labels"] = []
    tiny["source"] = {"title": "A blog post", "author": None}
    assert_both_accept(tiny)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_rubrics_pass_both(
    data: st.DataObject, valid_rubric_mappings: st.SearchStrategy[dict[str, Any]]
) -> None:
    mapping = data.draw(valid_rubric_mappings)
    assert_both_accept(mapping)
    # ... also after a trip through YAML text.
    assert_both_accept(yaml.safe_load(yaml.safe_dump(mapping, allow_unicode=True)))


# --- invalid variants the schema can express fail both ------------------------------------


def put(*path_and_value: Any) -> Mutation:
    *path, value = path_and_value

    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def drop(*path: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


TOP_REQUIRED = [
    "format",
    "id",
    "version",
    "title",
    "description",
    "language",
    "scales",
    "dimensions",
    "indicators",
    "stages",
]
NESTED_REQUIRED = [
    ("scales", 0, "id"),
    ("scales", 0, "min"),
    ("scales", 0, "max"),
    ("dimensions", 0, "id"),
    ("dimensions", 0, "name"),
    ("dimensions", 0, "description"),
    ("indicators", 0, "id"),
    ("indicators", 0, "dimension"),
    ("indicators", 0, "statement"),
    ("indicators", 0, "scale"),
    ("stages", 1, "id"),
    ("stages", 1, "name"),
    ("stages", 1, "lower"),
    ("stages", 1, "description"),
]

INVALID_FOR_BOTH: dict[str, Mutation] = {
    # unknown keys
    "unknown top-level key": put("wieght", 1),
    "unknown dimension key": put("dimensions", 0, "wieght", 2.0),
    "unknown indicator key": put("indicators", 0, "colour", "blue"),
    "unknown scale key": put("scales", 0, "step", 1),
    "unknown stage key": put("stages", 0, "upper", 10),
    "unknown source key": put("source", {"title": "A post", "year": 2024}),
    # wrong types
    "format as string": put("format", "1"),
    "format as float": put("format", 1.5),
    "title as number": put("title", 7),
    "description as list": put("description", ["a"]),
    "language as boolean (unquoted no)": put("language", False),
    "scales as mapping": put("scales", {"id": "agree3"}),
    "dimension weight as string": put("dimensions", 0, "weight", "2"),
    "indicator weight as boolean": put("indicators", 0, "weight", True),
    "reverse as string": put("indicators", 1, "reverse", "yes"),
    "indicator allow_na as string": put("indicators", 2, "allow_na", "true"),
    "scale min as string": put("scales", 0, "min", "1"),
    "scale max as float": put("scales", 0, "max", 3.5),
    "scale allow_na as number": put("scales", 1, "allow_na", 2),
    "labels as string": put("scales", 0, "labels", "Disagree, Neutral, Agree"),
    "label as number": put("scales", 0, "labels", [1, 2, 3]),
    "stage lower as string": put("stages", 1, "lower", "50"),
    "descriptors as list": put("indicators", 0, "descriptors", ["low", "high"]),
    "descriptor text as number": put("indicators", 0, "descriptors", {"low": 5}),
    "indicator as string": put("indicators", 0, "cu_talk"),
    "source as string": put("source", "A blog post"),
    "source without title": put("source", {"author": "someone"}),
    # empty texts
    "empty title": put("title", ""),
    "blank statement": put("indicators", 0, "statement", "   "),
    "empty descriptor": put("indicators", 0, "descriptors", {"low": ""}),
    "empty na_label": put("scales", 1, "na_label", ""),
    # weights
    "negative dimension weight": put("dimensions", 0, "weight", -1),
    "zero indicator weight": put("indicators", 0, "weight", 0),
    "infinite weight": put("dimensions", 0, "weight", float("inf")),
    # versions
    "unquoted version 1.10 (read as 1.1)": put("version", 1.1),
    "unquoted version 2": put("version", 2),
    "semver missing patch": put("version", "1.0"),
    "semver with v": put("version", "v1.0.0"),
    "semver leading zero": put("version", "01.0.0"),
    "semver four parts": put("version", "1.0.0.0"),
    "unsupported format": put("format", 2),
    # id patterns
    "rubric id uppercase": put("id", "Tiny"),
    "rubric id trailing hyphen": put("id", "tiny-"),
    "rubric id leading digit": put("id", "1tiny"),
    "rubric id underscore": put("id", "tiny_rubric"),
    "rubric id one letter": put("id", "t"),
    "rubric id with version": put("id", "tiny-1-0"),
    "indicator id uppercase": put("indicators", 0, "id", "Cu_talk"),
    "indicator id hyphen": put("indicators", 0, "id", "cu-talk"),
    "scale id leading digit": put("scales", 0, "id", "3agree"),
    "stage id empty": put("stages", 0, "id", ""),
    "dimension reference not an id": put("indicators", 0, "dimension", "Culture"),
    "descriptor key not an id": put("indicators", 0, "descriptors", {"High": "x"}),
    "language not a tag": put("language", "english"),
    # empty lists
    "no scales": put("scales", []),
    "no dimensions": put("dimensions", []),
    "no indicators": put("indicators", []),
    "no stages": put("stages", []),
    # stage bounds the schema can express
    "first stage not at 0": put("stages", 0, "lower", 10),
    "stage at 100": put("stages", 1, "lower", 100),
    "stage above 100": put("stages", 1, "lower", 150),
    "negative stage": put("stages", 1, "lower", -1),
    **{f"missing {field}": drop(field) for field in TOP_REQUIRED},
    **{f"missing {'.'.join(map(str, p))}": drop(*p) for p in NESTED_REQUIRED},
}


@pytest.mark.parametrize("mutation", INVALID_FOR_BOTH.values(), ids=INVALID_FOR_BOTH.keys())
def test_invalid_variant_fails_both(tiny: dict[str, Any], mutation: Mutation) -> None:
    mutation(tiny)
    assert schema_errors(tiny), "the schema accepts it"
    assert not loader_accepts(tiny), "the loader accepts it"


@pytest.mark.parametrize("data", [[], "rubric", 1, None], ids=["list", "string", "int", "null"])
def test_non_mapping_fails_both(data: Any) -> None:
    assert schema_errors(data)
    assert not loader_accepts(data)


# Semantic rules JSON Schema cannot express (uniqueness of ids within a list of objects,
# references between lists, order of stage bounds, label count depending on min/max,
# allow_na depending on the referenced scale, every dimension used), plus values JSON has
# no way to write (NaN) and YAML integers vs. floats (JSON Schema counts 1.0 as an integer).
# For these we only assert that the loader rejects them; the schema accepts them.
# Also here: a trailing newline after an id or version. ECMA-262 regexes (which JSON Schema
# specifies, and editors use) reject it, but the Python `jsonschema` package uses `re.search`,
# where `$` also matches before a final newline.
LOADER_ONLY: dict[str, Mutation] = {
    "semver trailing newline": put("version", "1.0.0\n"),
    "rubric id trailing newline": put("id", "tiny\n"),
    "indicator id trailing newline": put("indicators", 0, "id", "cu_talk\n"),
    "duplicate indicator id": put("indicators", 1, "id", "cu_talk"),
    "duplicate scale id": put("scales", 1, "id", "agree3"),
    "duplicate stage id": put("stages", 1, "id", "low"),
    "duplicate dimension id": put("dimensions", 1, "id", "culture"),
    "unknown dimension reference": put("indicators", 2, "dimension", "practise"),
    "unknown scale reference": put("indicators", 2, "scale", "agree4_na"),
    "descriptor names unknown stage": put("indicators", 0, "descriptors", {"hihg": "x"}),
    "dimension without indicator": put("indicators", 2, "dimension", "culture"),
    "stages not increasing": put("stages", 1, "lower", 0),
    "scale min equals max": put("scales", 0, "min", 3),
    "scale min above max": put("scales", 1, "min", 5),
    "too few labels": put("scales", 0, "labels", ["Disagree", "Agree"]),
    "too many labels": put("scales", 0, "labels", ["a", "b", "c", "d"]),
    "allow_na on a scale without NA": put("indicators", 2, "scale", "agree3"),
    "NaN weight": put("dimensions", 0, "weight", float("nan")),
    "NaN stage bound": put("stages", 1, "lower", float("nan")),
    "scale min written as 1.0": put("scales", 0, "min", 1.0),
}


@pytest.mark.parametrize("mutation", LOADER_ONLY.values(), ids=LOADER_ONLY.keys())
def test_semantic_problem_fails_the_loader(tiny: dict[str, Any], mutation: Mutation) -> None:
    mutation(tiny)
    assert not loader_accepts(tiny)


def test_invalid_table_starts_from_a_valid_rubric(tiny: dict[str, Any]) -> None:
    """Guard against vacuous passes: each mutation changes the (valid) tiny rubric."""
    for name, mutation in {**INVALID_FOR_BOTH, **LOADER_ONLY}.items():
        data = copy.deepcopy(tiny)
        mutation(data)
        assert repr(data) != repr(tiny), name  # repr: 1.0 == 1 and True == 1


def test_large_float_weight_passes_both(tiny: dict[str, Any]) -> None:
    tiny["dimensions"][0]["weight"] = 1e16
    assert_both_accept(tiny)


def test_large_integer_weight_passes_both(tiny: dict[str, Any]) -> None:
    tiny["dimensions"][0]["weight"] = 10**16
    assert_both_accept(tiny)
