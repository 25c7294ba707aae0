"""The rubric's ``recommendations`` section: validation, schema agreement, round trip."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import lomaturity as lm
from lomaturity import dump_rubric
from lomaturity.recommendations import (
    AllOf,
    AnyOf,
    DimensionBelow,
    DimensionsBelowCount,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Recommendation,
)

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "rubrics" / "rubric.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def _base(tiny_rubric_yaml: str) -> dict[str, Any]:
    """The tiny rubric with five stages and a small, valid set of recommendations."""
    data: dict[str, Any] = yaml.safe_load(tiny_rubric_yaml)
    data["stages"] = [
        {"id": s, "name": s.title(), "lower": lo, "description": f"{s} stage"}
        for s, lo in (("low", 0), ("some", 35), ("mid", 50), ("good", 65), ("high", 80))
    ]
    data["recommendations"] = [
        {
            "id": "owner",
            "title": "Name an owner for learning",
            "stage": "some",
            "action": "Appoint one.",
            "rationale": "Two or more dimensions are weak.",
            "source": "A new role for help",
            "addresses": ["cu_talk", "pr_time"],
            "impact": 3,
            "effort": 2,
            "when": {"kind": "dimensions_below_count", "stage": "mid", "count": 2},
        },
        {
            "id": "time",
            "title": "Plan time for learning",
            "stage": "mid",
            "action": "Put it in the plan.",
            "rationale": "People need time.",
            "addresses": ["pr_time"],
            "impact": 2,
            "effort": 1,
            "when": {
                "any": [
                    {"kind": "dimension_below", "dimension": "practice", "stage": "mid"},
                    {"kind": "indicator_below", "indicator": "pr_time", "score": 60},
                    {
                        "all": [
                            {"kind": "overall_below", "score": 70},
                            {
                                "kind": "perception_gap",
                                "dimension": "practice",
                                "roles": ["manager", "employee"],
                                "min_gap": 10,
                            },
                        ]
                    },
                ]
            },
            "requires": ["owner"],
        },
        {
            "id": "teams",
            "title": "Look team by team",
            "stage": "high",
            "action": "Break results down.",
            "rationale": "Averages hide teams.",
            "addresses": ["cu_blame"],
            "impact": 1,
            "effort": 3,
            "when": {"kind": "low_agreement", "dimension": "culture", "threshold": 0.6},
            "requires": ["owner", "time"],
        },
    ]
    return data


@pytest.fixture
def base(tiny_rubric_yaml: str) -> dict[str, Any]:
    return _base(tiny_rubric_yaml)


def problems(data: Any) -> list[str]:
    with pytest.raises(lm.RubricError) as info:
        lm.parse_rubric(data)
    return [str(p) for p in info.value.problems]


def schema_errors(data: Any) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(data)]


# --- valid input ----------------------------------------------------------------------------


def test_valid_recommendations_are_read(base: dict[str, Any]) -> None:
    rubric = lm.parse_rubric(base)
    assert rubric.recommendation_ids == ("owner", "time", "teams")
    owner = rubric.recommendation("owner")
    assert owner == Recommendation(
        id="owner",
        title="Name an owner for learning",
        action="Appoint one.",
        rationale="Two or more dimensions are weak.",
        addresses=("cu_talk", "pr_time"),
        stage="some",
        impact=3,
        effort=2,
        when=DimensionsBelowCount(count=2, stage="mid"),
        source="A new role for help",
    )
    time = rubric.recommendation("time")
    assert time.requires == ("owner",)
    assert time.when == AnyOf(
        (
            DimensionBelow("practice", stage="mid"),
            IndicatorBelow("pr_time", score=60.0),
            AllOf(
                (
                    OverallBelow(score=70.0),
                    PerceptionGapAtLeast(("manager", "employee"), 10.0, dimension="practice"),
                )
            ),
        )
    )
    assert not time.when.below_only
    assert owner.when.below_only
    assert rubric.recommendation("teams").when == LowAgreement("culture", 0.6)
    with pytest.raises(KeyError):
        rubric.recommendation("nope")
    assert schema_errors(base) == []


def test_format_1_files_without_recommendations_stay_valid(tiny_rubric_yaml: str) -> None:
    data = yaml.safe_load(tiny_rubric_yaml)
    assert lm.parse_rubric(data).recommendations == ()
    empties: tuple[list[Any] | None, ...] = (None, [])
    for empty in empties:
        data["recommendations"] = empty
        rubric = lm.parse_rubric(data)
        assert rubric.recommendations == ()
        assert "recommendations" not in rubric.to_dict()
        assert schema_errors(data) == []


def test_null_optional_fields_count_as_absent(base: dict[str, Any]) -> None:
    base["recommendations"][0]["requires"] = None
    base["recommendations"][0]["source"] = None
    base["recommendations"][1]["when"]["any"][1]["stage"] = None
    base["recommendations"][2]["when"]["threshold"] = None
    base["recommendations"][0]["when"]["dimensions"] = None
    rubric = lm.parse_rubric(base)
    assert rubric.recommendation("owner").requires == ()
    assert rubric.recommendation("owner").source is None
    assert rubric.recommendation("teams").when == LowAgreement("culture", 0.7)
    assert schema_errors(base) == []


def test_round_trip_keeps_recommendations(base: dict[str, Any]) -> None:
    rubric = lm.parse_rubric(base)
    again = lm.read_rubric_bytes(dump_rubric(rubric))
    assert again == rubric
    assert again.recommendations == rubric.recommendations
    assert lm.parse_rubric(rubric.to_dict()) == rubric


def test_default_rubric_round_trip_and_schema() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert len(rubric.recommendations) >= 20
    text = dump_rubric(rubric)
    assert lm.read_rubric_bytes(text) == rubric
    assert schema_errors(yaml.safe_load(text)) == []


# --- every validation error: path, value, message (and the schema agrees) --------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    """Set a dotted path (integers index lists), e.g. ``recommendations.0.when.count``."""

    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return mutate


def _aim_higher(data: dict[str, Any]) -> None:
    """'time' (stage mid) requires 'teams' (stage high); 'teams' no longer requires 'time'."""
    data["recommendations"][1]["requires"] = ["owner", "teams"]
    data["recommendations"][2]["requires"] = ["owner"]


R0 = "$.recommendations[0]"
R1 = "$.recommendations[1]"
R2 = "$.recommendations[2]"
W1 = "$.recommendations[1].when.any"

# (mutation, expected path, expected text fragments, schema also rejects)
CASES: list[tuple[str, Mutation, str, list[str], bool]] = [
    (
        "not a list",
        _set("recommendations", {"id": "x"}),
        "$.recommendations",
        ["is a mapping, not a list"],
        True,
    ),
    (
        "unknown field",
        _set("recommendations.0.efort", 2),
        f"{R0}.efort",
        ["is not a known field", "did you mean 'effort'?"],
        True,
    ),
    (
        "missing title",
        _delete("recommendations.0.title"),
        R0,
        ["missing required field 'title'"],
        True,
    ),
    (
        "duplicate id",
        _set("recommendations.1.id", "owner"),
        f"{R1}.id",
        ["'owner' duplicates the recommendation id at $.recommendations[0]"],
        False,
    ),
    (
        "bad id",
        _set("recommendations.0.id", "Owner"),
        f"{R0}.id",
        ["'Owner' is not a valid id"],
        True,
    ),
    (
        "unknown stage",
        _set("recommendations.0.stage", "midd"),
        f"{R0}.stage",
        ["'midd' does not name a stage", "did you mean 'mid'?"],
        False,
    ),
    (
        "lowest stage",
        _set("recommendations.0.stage", "low"),
        f"{R0}.stage",
        ["'low' is the lowest stage"],
        False,
    ),
    (
        "impact too high",
        _set("recommendations.0.impact", 5),
        f"{R0}.impact",
        ["5 is not within 1..3", "1 = low, 2 = medium, 3 = high"],
        True,
    ),
    (
        "effort zero",
        _set("recommendations.0.effort", 0),
        f"{R0}.effort",
        ["0 is not within 1..3"],
        True,
    ),
    (
        "impact not an integer",
        _set("recommendations.0.impact", "high"),
        f"{R0}.impact",
        ["'high' is a string, not an integer"],
        True,
    ),
    (
        "impact boolean",
        _set("recommendations.0.impact", True),
        f"{R0}.impact",
        ["True is a boolean, not an integer"],
        True,
    ),
    (
        "empty addresses",
        _set("recommendations.0.addresses", []),
        f"{R0}.addresses",
        ["is empty; name at least one indicator"],
        True,
    ),
    (
        "unknown indicator addressed",
        _set("recommendations.0.addresses", ["cu_tak"]),
        f"{R0}.addresses[0]",
        ["'cu_tak' does not name an indicator", "did you mean 'cu_talk'?"],
        False,
    ),
    (
        "indicator addressed twice",
        _set("recommendations.0.addresses", ["cu_talk", "cu_talk"]),
        f"{R0}.addresses[1]",
        ["'cu_talk' repeats the entry at $.recommendations[0].addresses[0]"],
        True,
    ),
    (
        "unknown prerequisite",
        _set("recommendations.1.requires", ["ownr"]),
        f"{R1}.requires[0]",
        ["'ownr' does not name a recommendation", "did you mean 'owner'?"],
        False,
    ),
    (
        "prerequisite twice",
        _set("recommendations.2.requires", ["owner", "owner"]),
        f"{R2}.requires[1]",
        ["'owner' repeats the entry at $.recommendations[2].requires[0]"],
        True,
    ),
    (
        "prerequisite aims higher",
        _aim_higher,
        f"{R1}.requires[1]",
        [
            "'teams' targets stage 'high' (level 5), higher than this step's stage 'mid' (level 3)",
            "a prerequisite cannot aim higher",
        ],
        False,
    ),
    (
        "missing kind",
        _set("recommendations.0.when", {"stage": "mid", "count": 2}),
        f"{R0}.when",
        ["missing required field 'kind'", "kinds: dimension_below"],
        True,
    ),
    (
        "unknown kind",
        _set("recommendations.0.when.kind", "dimension_bellow"),
        f"{R0}.when.kind",
        ["'dimension_bellow' is not a condition kind", "did you mean 'dimension_below'?"],
        True,
    ),
    (
        "condition not a mapping",
        _set("recommendations.0.when", "practice < 50"),
        f"{R0}.when",
        ["is a string, not a mapping"],
        True,
    ),
    (
        "unknown field in a condition",
        _set("recommendations.0.when.dimension", "practice"),
        f"{R0}.when.dimension",
        ["is not a known field"],
        True,
    ),
    (
        "unknown dimension",
        _set("recommendations.1.when.any.0.dimension", "practise"),
        f"{W1}[0].dimension",
        ["'practise' does not name a dimension", "did you mean 'practice'?"],
        False,
    ),
    (
        "unknown indicator",
        _set("recommendations.1.when.any.1.indicator", "pr_tim"),
        f"{W1}[1].indicator",
        ["'pr_tim' does not name an indicator", "did you mean 'pr_time'?"],
        False,
    ),
    (
        "unknown threshold stage",
        _set("recommendations.1.when.any.0.stage", "gud"),
        f"{W1}[0].stage",
        ["'gud' does not name a stage"],
        False,
    ),
    (
        "threshold at the lowest stage",
        _set("recommendations.1.when.any.0.stage", "low"),
        f"{W1}[0].stage",
        ["'low' is the lowest stage", "could never hold"],
        False,
    ),
    (
        "score zero",
        _set("recommendations.1.when.any.1.score", 0),
        f"{W1}[1].score",
        ["0 is not within 0 < score <= 100", "no score is below 0"],
        True,
    ),
    (
        "score above 100",
        _set("recommendations.1.when.any.1.score", 150),
        f"{W1}[1].score",
        ["150 is not within 0 < score <= 100", "scores run from 0 to 100"],
        True,
    ),
    (
        "negative score",
        _set("recommendations.1.when.any.1.score", -5),
        f"{W1}[1].score",
        ["-5 is not within 0 < score <= 100"],
        True,
    ),
    (
        "score not a number",
        _set("recommendations.1.when.any.1.score", "fifty"),
        f"{W1}[1].score",
        ["'fifty' is a string, not a number"],
        True,
    ),
    (
        "both stage and score",
        _set("recommendations.1.when.any.0.score", 40),
        f"{W1}[0]",
        ["has both 'stage' and 'score'"],
        True,
    ),
    (
        "neither stage nor score",
        _delete("recommendations.1.when.any.1.score"),
        f"{W1}[1]",
        ["missing 'stage' or 'score'"],
        True,
    ),
    (
        "count above the number of dimensions",
        _set("recommendations.0.when.count", 3),
        f"{R0}.when.count",
        ["3 is more than the 2 dimension(s) in this rubric", "could never hold"],
        False,
    ),
    (
        "count zero",
        _set("recommendations.0.when.count", 0),
        f"{R0}.when.count",
        ["0 is not >= 1", "would always hold"],
        True,
    ),
    (
        "count above the listed dimensions",
        _set("recommendations.0.when.dimensions", ["culture"]),
        f"{R0}.when.count",
        ["2 is more than the 1 dimension(s) listed"],
        False,
    ),
    (
        "counted dimension unknown",
        _set("recommendations.0.when.dimensions", ["culture", "practise"]),
        f"{R0}.when.dimensions[1]",
        ["'practise' does not name a dimension"],
        False,
    ),
    (
        "counted dimensions empty",
        _set("recommendations.0.when.dimensions", []),
        f"{R0}.when.dimensions",
        ["is empty; leave it out to count every dimension"],
        True,
    ),
    (
        "both all and any",
        _set("recommendations.1.when.all", [{"kind": "overall_below", "score": 50}]),
        f"{R1}.when",
        ["has both 'all' and 'any'"],
        True,
    ),
    (
        "empty any",
        _set("recommendations.1.when.any", []),
        f"{R1}.when.any",
        ["is empty; list at least one condition"],
        True,
    ),
    (
        "kind next to all",
        _set("recommendations.1.when.kind", "overall_below"),
        f"{R1}.when.kind",
        ["is not a known field"],
        True,
    ),
    (
        "one role",
        _set("recommendations.1.when.any.2.all.1.roles", ["manager"]),
        f"{W1}[2].all[1].roles",
        ["has 1 role(s); give exactly two", "e.g. [manager, employee]"],
        True,
    ),
    (
        "same role twice",
        _set("recommendations.1.when.any.2.all.1.roles", ["manager", "manager"]),
        f"{W1}[2].all[1].roles",
        ["names the same role twice"],
        True,
    ),
    (
        "empty role",
        _set("recommendations.1.when.any.2.all.1.roles", ["manager", " "]),
        f"{W1}[2].all[1].roles[1]",
        ["' ' is empty"],
        True,
    ),
    (
        "min_gap out of range",
        _set("recommendations.1.when.any.2.all.1.min_gap", 0),
        f"{W1}[2].all[1].min_gap",
        ["0 is not within 0 < min_gap <= 100"],
        True,
    ),
    (
        "gap on both dimension and indicator",
        _set("recommendations.1.when.any.2.all.1.indicator", "pr_time"),
        f"{W1}[2].all[1]",
        ["has both 'dimension' and 'indicator'"],
        True,
    ),
    (
        "gap on neither",
        _delete("recommendations.1.when.any.2.all.1.dimension"),
        f"{W1}[2].all[1]",
        ["missing 'dimension' or 'indicator'"],
        True,
    ),
    (
        "agreement threshold above 1",
        _set("recommendations.2.when.threshold", 70),
        f"{R2}.when.threshold",
        ["70 is not within 0 < threshold <= 1", "rwg(j) runs from 0"],
        True,
    ),
    (
        "agreement on an unknown dimension",
        _set("recommendations.2.when.dimension", "cultur"),
        f"{R2}.when.dimension",
        ["'cultur' does not name a dimension", "did you mean 'culture'?"],
        False,
    ),
]


@pytest.mark.parametrize(
    ("mutation", "path", "fragments", "schema_rejects"),
    [pytest.param(m, p, f, s, id=name) for name, m, p, f, s in CASES],
)
def test_validation_error(
    base: dict[str, Any],
    mutation: Mutation,
    path: str,
    fragments: list[str],
    schema_rejects: bool,
) -> None:
    data = copy.deepcopy(base)
    mutation(data)
    found = problems(data)
    matching = [p for p in found if p.startswith(f"{path}: ")]
    assert matching, f"no problem at {path}; got {found}"
    for fragment in fragments:
        assert any(fragment in p for p in matching), f"{fragment!r} not in {matching}"
    if schema_rejects:
        assert schema_errors(data), "the schema accepts what the loader rejects"


def test_semantic_only_problems_pass_the_schema(base: dict[str, Any]) -> None:
    """The cases marked as semantic are valid JSON Schema: only the loader can see them."""
    for name, mutation, _, _, schema_rejects in CASES:
        if schema_rejects:
            continue
        data = copy.deepcopy(base)
        mutation(data)
        assert schema_errors(data) == [], name


def test_prerequisite_cycles_are_reported(base: dict[str, Any]) -> None:
    recs = base["recommendations"]
    recs[0]["requires"] = ["teams"]  # owner -> teams -> owner (and time)
    recs[0]["stage"] = "high"
    found = problems(base)
    cycles = [p for p in found if "prerequisite cycle" in p]
    assert cycles == [
        "$.recommendations[0].requires: prerequisite cycle: owner -> teams -> owner "
        "(a step cannot (even indirectly) require itself; remove one link)"
    ]
    assert schema_errors(base) == []


def test_three_step_cycle_and_self_cycle(base: dict[str, Any]) -> None:
    recs = base["recommendations"]
    for rec in recs:
        rec["stage"] = "mid"
    recs[0]["requires"] = ["time"]
    recs[1]["requires"] = ["teams"]
    recs[2]["requires"] = ["owner"]
    found = [p for p in problems(base) if "cycle" in p]
    assert len(found) == 1
    assert "owner -> time -> teams -> owner" in found[0]
    base = copy.deepcopy(base)
    recs = base["recommendations"]
    recs[0]["requires"] = ["owner"]
    recs[1]["requires"] = []
    recs[2]["requires"] = []
    found = [p for p in problems(base) if "cycle" in p]
    assert found == [
        "$.recommendations[0].requires: prerequisite cycle: owner -> owner "
        "(a step cannot (even indirectly) require itself; remove one link)"
    ]


def test_problems_carry_file_and_line(base: dict[str, Any]) -> None:
    base["recommendations"][1]["when"]["any"][1]["score"] = 150
    base["recommendations"][0]["addresses"] = ["cu_tak"]
    text = yaml.safe_dump(base, sort_keys=False)
    with pytest.raises(lm.RubricError) as info:
        lm.read_rubric_bytes(text, file="mine.yaml")
    rendered = [str(p) for p in info.value.problems]
    lines = text.splitlines()
    for problem, needle in (
        (info.value.problems[0], "- cu_tak"),
        (info.value.problems[1], "score: 150"),
    ):
        assert problem.file == "mine.yaml"
        assert problem.line is not None
        assert needle in lines[problem.line - 1], (needle, problem.line)
    assert rendered[0].startswith("mine.yaml:")
    assert re.search(
        r"mine\.yaml:\d+: \$\.recommendations\[0\]\.addresses\[0\]: 'cu_tak'", rendered[0]
    )


def test_every_problem_is_reported_at_once(base: dict[str, Any]) -> None:
    base["recommendations"][0]["impact"] = 9
    base["recommendations"][1]["when"]["any"][0]["dimension"] = "nope"
    base["recommendations"][2]["requires"] = ["missing"]
    found = problems(base)
    assert len(found) == 3


def test_references_are_not_checked_against_a_broken_section(base: dict[str, Any]) -> None:
    """When the indicators list itself is broken, references into it are not reported."""
    base["indicators"] = "oops"
    found = problems(base)
    assert not any("does not name an indicator" in p for p in found)


def test_condition_models_refuse_ambiguous_thresholds() -> None:
    with pytest.raises(ValueError, match="exactly one of 'stage' and 'score'"):
        DimensionBelow("practice")
    with pytest.raises(ValueError, match="exactly one of 'stage' and 'score'"):
        OverallBelow(stage="mid", score=40)
    with pytest.raises(ValueError, match="exactly one of 'dimension' and 'indicator'"):
        PerceptionGapAtLeast(("a", "b"), 10)


def test_a_reference_without_a_near_miss_lists_the_known_names() -> None:
    data = lm.load_rubric("learning-organization@1.0.0").to_dict()
    data["recommendations"][0]["addresses"] = ["zzzzzz"]
    data["recommendations"][0]["requires"] = ["qqqqqq"]
    found = problems(data)
    indicators = lm.load_rubric("learning-organization@1.0.0").indicator_ids
    assert any(
        "known: 'vc_values_stated', 'vc_people_as_resources'" in p
        and f"and {len(indicators) - 10} more" in p
        for p in found
    )
    assert any("does not name a recommendation" in p and "known: '" in p for p in found)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("indicator", "overall"),
        ("indicator", "respondent_id"),
        ("indicator", "organization"),
        ("dimension", "overall"),
        ("indicator", "a" * 65),
    ],
)
def test_schema_and_loader_agree_on_reserved_and_long_ids(
    base: dict[str, Any], where: str, value: str
) -> None:
    data = copy.deepcopy(base)
    if where == "indicator":
        data["indicators"][0]["id"] = value
    else:
        old = data["dimensions"][0]["id"]
        data["dimensions"][0]["id"] = value
        for indicator in data["indicators"]:
            if indicator["dimension"] == old:
                indicator["dimension"] = value
    assert schema_errors(data)
    assert problems(data)
