"""The format-2 ``stage_rule`` field: read, checked (with paths and hints), in the JSON
Schema, written back only when not compensatory, refused in format 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import lomaturity as lm
from factories import format2_of
from lomaturity.rubric import StageRule

REPO = Path(__file__).resolve().parents[2]
VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((REPO / "rubrics" / "rubric.schema.json").read_text(encoding="utf-8"))
)
FINGERPRINT_1_0_0 = "sha256:feeae1dc0af3824fbd090649fe506847115500234cd226086faaff887f80c066"


@pytest.fixture
def data() -> dict[str, Any]:
    """1.0.0 as a format-2 mapping (five stages: ad_hoc .. learning_organization)."""
    return format2_of(lm.load_rubric("learning-organization@1.0.0").to_dict())


def problems(data: dict[str, Any]) -> list[lm.exceptions.Problem]:
    with pytest.raises(lm.RubricError) as info:
        lm.parse_rubric(data)
    return list(info.value.problems)


def schema_ok(data: dict[str, Any]) -> bool:
    return not list(VALIDATOR.iter_errors(data))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"kind": "compensatory"}, StageRule()),
        ({"kind": "weakest", "allowance": 0}, StageRule("weakest", allowance=0)),
        ({"kind": "weakest", "allowance": 2}, StageRule("weakest", allowance=2)),
        (
            {"kind": "gated", "floors": {"established": "developing", "developing": "emerging"}},
            StageRule("gated", floors={"established": "developing", "developing": "emerging"}),
        ),
    ],
)
def test_each_kind_is_read_round_trips_and_passes_the_schema(
    data: dict[str, Any], rule: dict[str, Any], expected: StageRule
) -> None:
    data["stage_rule"] = rule
    assert schema_ok(data)
    rubric = lm.parse_rubric(data)
    assert rubric.stage_rule == expected
    written = rubric.to_dict()
    # written back only when not compensatory, right after the stages
    assert ("stage_rule" in written) == (not expected.compensatory)
    keys = list(written)
    if not expected.compensatory:
        assert keys.index("stage_rule") == keys.index("stages") + 1
    again = lm.read_rubric_bytes(lm.dump_rubric(rubric))
    assert again == rubric
    assert again.fingerprint == rubric.fingerprint


def test_the_rule_is_part_of_the_fingerprint(data: dict[str, Any]) -> None:
    plain = lm.parse_rubric(data)
    data["stage_rule"] = {"kind": "weakest", "allowance": 1}
    assert lm.parse_rubric(data).fingerprint != plain.fingerprint
    data["stage_rule"] = {"kind": "compensatory"}
    assert lm.parse_rubric(data).fingerprint == plain.fingerprint


def test_format_1_keeps_its_fingerprint_and_refuses_the_field() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert rubric.fingerprint == FINGERPRINT_1_0_0
    data = rubric.to_dict()
    data["stage_rule"] = {"kind": "weakest", "allowance": 1}
    found = problems(data)
    assert [p.code for p in found] == ["needs_format_2"]
    assert found[0].path == "$.stage_rule"


BAD: list[tuple[Any, str, str, str | None]] = [
    ({"kind": "weakets", "allowance": 1}, "$.stage_rule.kind", "unknown_kind", "weakest"),
    ({"allowance": 1}, "$.stage_rule", "missing_field", None),
    ({"kind": "weakest"}, "$.stage_rule", "missing_field", None),
    ({"kind": "weakest", "allowance": -1}, "$.stage_rule.allowance", "invalid", None),
    ({"kind": "weakest", "allowance": 4}, "$.stage_rule.allowance", "out_of_range", None),
    ({"kind": "weakest", "allowance": 1.5}, "$.stage_rule.allowance", "wrong_type", None),
    (
        {"kind": "weakest", "allowance": 1, "floors": {}},
        "$.stage_rule.floors",
        "unknown_field",
        None,
    ),
    ({"kind": "compensatory", "allowance": 1}, "$.stage_rule.allowance", "unknown_field", None),
    ({"kind": "weakest", "alowance": 1}, "$.stage_rule.alowance", "unknown_field", "allowance"),
    ({"kind": "gated"}, "$.stage_rule", "missing_field", None),
    ({"kind": "gated", "floors": {}}, "$.stage_rule.floors", "empty", None),
    (
        {"kind": "gated", "floors": {"establishd": "emerging"}},
        "$.stage_rule.floors.establishd",
        "unknown_id",
        "established",
    ),
    (
        {"kind": "gated", "floors": {"established": "emergin"}},
        "$.stage_rule.floors.established",
        "unknown_id",
        "emerging",
    ),
    (
        {"kind": "gated", "floors": {"emerging": "established"}},
        "$.stage_rule.floors.emerging",
        "out_of_order",
        None,
    ),
    (
        {"kind": "gated", "floors": {"developing": "developing", "established": "emerging"}},
        "$.stage_rule.floors.established",
        "out_of_order",
        None,
    ),
    ("weakest", "$.stage_rule", "wrong_type", None),
]


@pytest.mark.parametrize(("rule", "path", "code", "hint"), BAD)
def test_bad_rules_are_refused_with_path_and_hint(
    data: dict[str, Any], rule: Any, path: str, code: str, hint: str | None
) -> None:
    data["stage_rule"] = rule
    found = problems(data)
    assert (found[0].path, found[0].code) == (path, code), [str(p) for p in found]
    assert all(p.path.startswith("$.stage_rule") for p in found)
    # one problem each, but a misspelt field is also a missing one
    assert len(found) == (2 if path.endswith("alowance") else 1)
    if hint is not None:
        assert hint in (found[0].hint or "")


@pytest.mark.parametrize("rule", [r for r, _, code, _ in BAD if code != "out_of_range"])
def test_the_schema_refuses_what_it_can_see(data: dict[str, Any], rule: Any) -> None:
    # The schema cannot see stage ids, the number of stages or the order of floors.
    data["stage_rule"] = rule
    local = rule if isinstance(rule, dict) else {}
    floors = local.get("floors")
    semantic = local.get("kind") == "gated" and isinstance(floors, dict) and floors
    assert schema_ok(data) == bool(semantic)


def test_the_default_rubric_file_passes_the_schema() -> None:
    path = REPO / "rubrics" / "learning-organization" / "1.1.0.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["stage_rule"] == {"kind": "weakest", "allowance": 1}
    assert schema_ok(raw)
