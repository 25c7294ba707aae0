"""Organization facts in rubric files (``facts:`` declarations, conditions of kind ``fact``,
``lead``) and in facts files (``lm.read_facts``)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import lomaturity as lm
from factories import format2_of
from lomaturity.recommendations import FactCondition, OrganizationFacts
from lomaturity.rubric import Fact

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "rubrics" / "rubric.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

FACTS: list[dict[str, Any]] = [
    {
        "id": "learning_owner",
        "type": "choice",
        "choices": ["none", "part_time", "dedicated"],
        "question": "Who owns learning?",
        "source": "A new role for help",
    },
    {"id": "headcount", "type": "integer", "minimum": 1, "question": "How many people?"},
    {"id": "owner_executive_link", "type": "boolean", "question": "Linked to the executives?"},
]


@pytest.fixture
def data(tiny_rubric_yaml: str) -> dict[str, Any]:
    out: dict[str, Any] = yaml.safe_load(tiny_rubric_yaml)
    out["facts"] = copy.deepcopy(FACTS)
    out["recommendations"] = [
        {
            "id": "owner",
            "title": "Name an owner for learning",
            "stage": out["stages"][1]["id"],
            "action": "Appoint one.",
            "rationale": "The simplest start.",
            "addresses": [out["indicators"][0]["id"]],
            "impact": 3,
            "effort": 1,
            "lead": True,
            "when": {
                "all": [
                    {"kind": "dimensions_below_count", "score": 50, "count": 1},
                    {
                        "kind": "fact",
                        "fact": "learning_owner",
                        "equals": "none",
                        "if_unknown": True,
                    },
                ]
            },
        }
    ]
    return out


def problems(data: Any) -> list[str]:
    with pytest.raises(lm.RubricError) as info:
        lm.parse_rubric(format2_of(data))
    return [str(p) for p in info.value.problems]


def schema_errors(data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(format2_of(data))]


def condition(data: dict[str, Any]) -> dict[str, Any]:
    fact: dict[str, Any] = data["recommendations"][0]["when"]["all"][1]
    return fact


# --- declarations and conditions in a rubric ---------------------------------------------------


def test_facts_and_fact_conditions_are_read(data: dict[str, Any]) -> None:
    assert schema_errors(data) == []
    rubric = lm.parse_rubric(format2_of(data))
    assert rubric.fact("learning_owner") == Fact(
        "learning_owner",
        "choice",
        "Who owns learning?",
        choices=("none", "part_time", "dedicated"),
        source="A new role for help",
        choice_labels={"none": "none", "part_time": "part time", "dedicated": "dedicated"},
    )
    assert rubric.fact("headcount").minimum == 1
    owner = rubric.recommendation("owner")
    assert owner.lead
    assert owner.when.conditions[1] == FactCondition(  # type: ignore[attr-defined]
        "learning_owner", equals="none", if_unknown=True
    )
    assert lm.read_rubric_bytes(lm.dump_rubric(rubric)) == rubric


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"fact": "learning_onwer"}, "does not name a declared fact of this rubric (did you mean"),
        ({"equals": "nobody"}, "'nobody' is not one of the choices 'none', 'part_time'"),
        ({"equals": "Dedicated"}, "did you mean 'dedicated'?"),
        ({"equals": None, "in": []}, "is empty; list at least one value"),
        ({"in": ["none"]}, "needs exactly one test, has equals and in"),
        ({"equals": None}, "needs exactly one test, has none"),
        ({"equals": None, "at_least": 3}, "compares fact 'learning_owner' with at_least/below"),
        ({"fact": "headcount", "equals": 0}, "0 is below the minimum 1 (fact 'headcount'"),
        ({"fact": "headcount", "equals": None, "at_least": 9, "below": 9}, "is not above"),
        ({"fact": "owner_executive_link", "equals": "yes"}, "is not true or false"),
    ],
)
def test_bad_fact_conditions_are_refused(
    data: dict[str, Any], change: dict[str, Any], words: str
) -> None:
    fact = condition(data)
    fact.update(change)
    for key in [k for k, v in fact.items() if v is None]:
        del fact[key]
    found = problems(data)
    assert any(words in p for p in found), found


def test_a_fact_condition_needs_declared_facts(data: dict[str, Any]) -> None:
    del data["facts"]
    assert any("does not name a declared fact" in p for p in problems(data))


@pytest.mark.parametrize(
    ("index", "change", "words"),
    [
        (0, {"type": "choise"}, "is not a fact type (did you mean 'choice'?)"),
        (0, {"choices": ["none"]}, "a choice fact needs at least two"),
        (0, {"choices": ["none", "none"]}, "repeats a choice"),
        (0, {"choices": ["none", "Part time"]}, "is not a valid id"),
        (1, {"choices": ["a", "b"]}, "is only for choice facts, not integer"),
        (1, {"maximum": 0}, "is below the minimum (1)"),
        (2, {"minimum": 0}, "is only for integer and number facts, not boolean"),
        (1, {"id": "learning_owner"}, "duplicates the fact id at $.facts[0]"),
        (2, {"question": ""}, "is empty"),
    ],
)
def test_bad_fact_declarations_are_refused(
    data: dict[str, Any], index: int, change: dict[str, Any], words: str
) -> None:
    data["facts"][index].update(change)
    data["recommendations"] = []
    found = problems(data)
    assert any(words in p for p in found), found


def test_lead_must_be_a_boolean(data: dict[str, Any]) -> None:
    data["recommendations"][0]["lead"] = "yes"
    assert any("lead" in p and "not true or false" in p for p in problems(data))
    assert schema_errors(data)


def test_default_rubric_keeps_its_fingerprint() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert rubric.facts == ()
    assert "facts" not in rubric.to_dict()
    assert all("lead" not in r.to_dict() for r in rubric.recommendations)


# --- facts files ----------------------------------------------------------------------------


@pytest.fixture
def rubric(data: dict[str, Any]) -> lm.Rubric:
    return lm.parse_rubric(format2_of(data))


def test_read_facts_yaml(tmp_path: Path, rubric: lm.Rubric) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(
        "organizations:\n"
        "  Org A: {learning_owner: none, headcount: 40}\n"
        "  Org B:\n"
        "    learning_owner: dedicated\n"
        "    owner_executive_link: true\n"
        "    headcount:\n",
        encoding="utf-8",
    )
    found = lm.read_facts(path, rubric)
    assert list(found) == ["Org A", "Org B"]
    assert found["Org A"] == OrganizationFacts(
        "Org A", {"learning_owner": "none", "headcount": 40}, str(path)
    )
    assert found["Org B"].get("headcount") is None  # null: not given
    assert found["Org B"].get("owner_executive_link") is True
    assert lm.read_facts(path) == found  # checked later, by recommend


def test_read_facts_csv(tmp_path: Path, rubric: lm.Rubric) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(
        "\ufefforganization,learning_owner,headcount,owner_executive_link\n"
        "Org A,none,40,\n"
        ",,,\n"
        "Org B,dedicated,,TRUE\n",
        encoding="utf-8",
    )
    found = lm.read_facts(path, rubric)
    assert dict(found["Org A"].values) == {"learning_owner": "none", "headcount": 40}
    assert dict(found["Org B"].values) == {
        "learning_owner": "dedicated",
        "owner_executive_link": True,
    }


def test_bad_values_name_file_line_organization_and_fact(tmp_path: Path, rubric: lm.Rubric) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(
        "organizations:\n"
        "  Org A:\n"
        "    learning_owner: nobody\n"
        "    headcont: 40\n"
        "  Org B: {headcount: 0}\n",
        encoding="utf-8",
    )
    with pytest.raises(lm.FactsError) as caught:
        lm.read_facts(path, rubric)
    error = caught.value
    assert [p.location for p in error.problems] == [
        ("Org A", "learning_owner"),
        ("Org A", "headcont"),
        ("Org B", "headcount"),
    ]
    assert [p.line for p in error.problems] == [3, 4, 5]
    text = str(error)
    assert f"{path}:3: organization 'Org A', fact 'learning_owner': 'nobody' is not one" in text
    assert "did you mean 'headcount'?" in text
    assert "0 is below the minimum 1" in text


def test_csv_problems_name_the_line(tmp_path: Path, rubric: lm.Rubric) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("organization,headcount\nOrg A,many\nOrg A,3\nOrg C\n", encoding="utf-8")
    with pytest.raises(lm.FactsError) as caught:
        lm.read_facts(path, rubric)
    found = [(p.line, p.message) for p in caught.value.problems]
    assert found == [(3, "repeats an organization"), (4, "has 1 cells, the header 2")]
    path.write_text("organization,headcount\nOrg A,many\n", encoding="utf-8")
    with pytest.raises(lm.FactsError, match=r"facts.csv:2: .*'many' is not an integer"):
        lm.read_facts(path, rubric)


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("f.csv", "name,headcount\nA,1\n", "has no 'organization' column"),
        ("f.csv", "organization,headcount,headcount\nA,1,2\n", "is a repeated column"),
        ("f.yaml", "orgs: {}\n", "is not a mapping with the one key 'organizations'"),
        ("f.yaml", "organizations: [a, b]\n", "is not a mapping with the one key"),
        ("f.yaml", "organizations:\n  A: 3\n", "holds no mapping of fact id -> value"),
        ("f.yaml", "organizations:\n  A: {x: [1]}\n", "is not a fact value"),
        ("f.yaml", "organizations:\n  ' ': {x: 1}\n", "' ' is not an organization name"),
        ("f.yaml", "organizations:\n  A: {x: !tag 1}\n", "tag"),
        ("f.csv", 'organization,x\n"A,1\n', "is not a readable CSV file"),
        ("f.yaml", "organizations: {A: {x: 1}\n", "not valid YAML"),
    ],
)
def test_malformed_files_are_refused(tmp_path: Path, name: str, text: str, words: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lm.FactsError) as caught:
        lm.read_facts(path)
    assert words in str(caught.value)


def test_unreadable_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(lm.FactsError, match="file does not exist"):
        lm.read_facts(tmp_path / "missing.yaml")
    with pytest.raises(lm.FactsError, match="is a directory"):
        lm.read_facts(tmp_path)
    big = tmp_path / "big.csv"
    big.write_bytes(b"organization\n" + b"x" * 1_000_001)
    with pytest.raises(lm.FactsError, match="more than the limit"):
        lm.read_facts(big)


def test_control_characters_are_never_echoed(tmp_path: Path, rubric: lm.Rubric) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("organization,head\x1b[2Jcount\nOrg\x1b[31m,none\n", encoding="utf-8")
    with pytest.raises(lm.FactsError) as caught:
        lm.read_facts(path, rubric)
    assert "\x1b" not in str(caught.value)
    assert "\\x1b" in str(caught.value)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_bytes(b"organization,x\n\xff\xfe,1\n")
    with pytest.raises(lm.FactsError, match="is not UTF-8 text"):
        lm.read_facts(path)


def test_read_facts_checks_the_rubric_type(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("organizations: {A: {x: 1}}\n", encoding="utf-8")
    with pytest.raises(TypeError, match=r"rubric: expected lomaturity\.Rubric"):
        lm.read_facts(path, "learning-organization")  # type: ignore[arg-type]
    assert lm.read_facts(os.fspath(path)) == lm.read_facts(path)


def test_csv_cells_are_typed_before_the_check(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("organization,a,b,c,d\nA,2.5,-3,False,part_time\n", encoding="utf-8")
    values = lm.read_facts(path)["A"].values
    assert values == {"a": 2.5, "b": -3, "c": False, "d": "part_time"}
    assert isinstance(values["b"], int)
