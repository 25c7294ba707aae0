"""Stage rules (lomaturity.rubric.StageRule): floors, the cap and Rubric.overall_stage."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity.rubric import StageRule

BASE = lm.load_rubric("learning-organization@1.1.0")
STAGES = [s.id for s in BASE.stages]  # ad_hoc, emerging, developing, established, lo
DIMS = [d.id for d in BASE.dimensions]


def ruled(rule: StageRule) -> lm.Rubric:
    return attrs.evolve(BASE, stage_rule=rule)


def test_floor_levels_of_each_kind() -> None:
    assert StageRule().floor_levels(STAGES) == (1, 1, 1, 1, 1)
    assert StageRule("weakest", allowance=0).floor_levels(STAGES) == (1, 2, 3, 4, 5)
    assert StageRule("weakest", allowance=1).floor_levels(STAGES) == (1, 1, 2, 3, 4)
    gated = StageRule("gated", floors={"established": "developing"})
    # a floor holds for every stage above its own
    assert gated.floor_levels(STAGES) == (1, 1, 1, 3, 3)


def test_issue_example_compensatory_and_weakest() -> None:
    values: dict[str, float | None] = dict.fromkeys(DIMS, 83.0)
    values["strategy"] = 16.0
    mean = sum(v for v in values.values() if v is not None) / len(values)
    assert BASE.stage_for(mean).id == "established"
    assert ruled(StageRule()).overall_stage(mean, values) == (BASE.stage("established"), ())
    stage, by = ruled(StageRule("weakest", allowance=1)).overall_stage(mean, values)
    assert (stage.id, by) == ("emerging", ("strategy",))
    stage, by = ruled(StageRule("weakest", allowance=0)).overall_stage(mean, values)
    assert (stage.id, by) == ("ad_hoc", ("strategy",))
    gated = StageRule("gated", floors={"developing": "emerging"})
    stage, by = ruled(gated).overall_stage(mean, values)
    assert (stage.id, by) == ("emerging", ("strategy",))


def test_unscored_dimensions_are_left_out_and_ties_all_named() -> None:
    rubric = ruled(StageRule("weakest", allowance=1))
    values: dict[str, float | None] = dict.fromkeys(DIMS, 90.0)
    values |= {"strategy": None, "practice": 40.0, "values_culture": 45.0}
    stage, by = rubric.overall_stage(75.0, values)
    assert stage.id == "developing"  # emerging + 1
    assert by == ("values_culture", "practice")  # rubric order
    assert rubric.overall_stage(75.0, dict.fromkeys(DIMS)) == (BASE.stage_for(75.0), ())


def test_stage_rule_to_dict() -> None:
    assert StageRule().to_dict() == {"kind": "compensatory"}
    assert StageRule("weakest", allowance=2).to_dict() == {"kind": "weakest", "allowance": 2}
    gated = StageRule("gated", floors={"established": "developing"})
    assert gated.to_dict() == {"kind": "gated", "floors": {"established": "developing"}}


@given(
    st.lists(st.floats(0, 100), min_size=len(DIMS), max_size=len(DIMS)),
    st.integers(0, 3),
)
def test_weakest_caps_at_lowest_plus_allowance(scores: list[float], allowance: int) -> None:
    values: dict[str, float | None] = dict(zip(DIMS, scores, strict=True))
    mean = sum(scores) / len(scores)
    rubric = ruled(StageRule("weakest", allowance=allowance))
    stage, by = rubric.overall_stage(mean, values)
    band = BASE.stage_for(mean).level
    lowest = min(BASE.stage_for(v).level for v in scores)
    assert stage.level == min(band, lowest + allowance)
    assert bool(by) == (stage.level < band)
    assert all(BASE.stage_for(scores[DIMS.index(d)]).level == lowest for d in by)
    # the same rule written as gated floors decides the same stage
    floors = {s: STAGES[max(0, i - allowance)] for i, s in enumerate(STAGES) if i > allowance}
    if floors:
        assert ruled(StageRule("gated", floors=floors)).overall_stage(mean, values) == (stage, by)


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_bundled_rules(version: str) -> None:
    rule = lm.load_rubric(f"learning-organization@{version}").stage_rule
    expected = StageRule() if version == "1.0.0" else StageRule("weakest", allowance=1)
    assert rule == expected
