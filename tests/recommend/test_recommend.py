"""Recommendations, targets, gaps, progress, ranking and roadmaps (engine and properties)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories
import lomaturity as lm
from lomaturity import (
    RecommendationError,
    RecommendationResult,
    Report,
    parse_target,
    recommend,
    roadmap,
    targets,
)
from lomaturity._recommend.evaluate import evaluate
from lomaturity._recommend.recommend import counts_toward_limit
from lomaturity._recommend.targets import indicator_shares
from lomaturity.recommendations import (
    AllOf,
    AnyOf,
    DimensionBelow,
    DimensionsBelowCount,
    Evidence,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Roadmap,
    TargetProfile,
)
from lomaturity.results import Score

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
DIMS = tuple(d.id for d in RUBRIC.dimensions)
TOP = RUBRIC.stages[-1]


# --- building reports directly ------------------------------------------------------------


def make_report(
    dims: Mapping[str, float | None],
    indicators: Mapping[str, float | None] | None = None,
    *,
    rubric: lm.Rubric = RUBRIC,
    **options: Any,
) -> Report:
    """A report with the given dimension scores on ``RUBRIC`` (see factories.make_report)."""
    return factories.make_report(dims, indicators, rubric=rubric, **options)


def uniform(value: float, **overrides: float) -> Report:
    dims: dict[str, float | None] = dict.fromkeys(DIMS, value)
    dims.update(overrides)
    return make_report(dims)


def dumps(data: Any) -> str:
    return json.dumps(data, allow_nan=False)


@pytest.fixture(scope="module")
def example_reports() -> lm.ReportSet:
    return lm.score_organizations(
        RUBRIC, lm.example_responses("learning-organization@1.0.0"), seed=1, n_resamples=300
    )


@pytest.fixture(scope="module")
def bare_reports() -> lm.ReportSet:
    """The example reports without attached evidence (no agreement, no perception gap)."""
    return lm.score_organizations(
        RUBRIC,
        lm.example_responses("learning-organization@1.0.0"),
        seed=1,
        n_resamples=300,
        agreement=False,
    )


# --- the default rubric's recommendations -------------------------------------------------


def test_default_rubric_has_recommendations_citing_indicators() -> None:
    assert len(RUBRIC.recommendations) >= 20
    for rec in RUBRIC.recommendations:
        assert rec.addresses
        assert set(rec.addresses) <= set(RUBRIC.indicator_ids)
        assert rec.rationale.strip()
        assert rec.action.strip()
        assert rec.source
        assert rec.impact in (1, 2, 3)
        assert rec.effort in (1, 2, 3)
    assert RUBRIC.recommendation("clo_role").when == DimensionsBelowCount(
        count=2, stage="developing"
    )


def test_clo_role_is_a_prerequisite_of_several_strategic_steps() -> None:
    needing = [r.id for r in RUBRIC.recommendations if "clo_role" in r.requires]
    assert len(needing) >= 3
    assert any(r.startswith("st_") for r in needing)


@pytest.mark.parametrize("dimension", DIMS)
@pytest.mark.parametrize("stage", RUBRIC.stages[:-1], ids=lambda s: s.id)
@pytest.mark.parametrize("where", ["lower", "middle", "upper"])
def test_coverage_every_dimension_at_every_non_top_stage(
    dimension: str, stage: lm.rubric.Stage, where: str
) -> None:
    """For each dimension at each stage below the top, a step toward the next stage fires
    (with every other dimension at the top stage) and is in the plan with a gain."""
    upper = RUBRIC.stages[stage.level].lower
    value = {"lower": stage.lower, "middle": (stage.lower + upper) / 2, "upper": upper - 0.01}[
        where
    ]
    report = uniform(90.0, **{dimension: value})
    next_stage = RUBRIC.stages[stage.level].id
    members = {i.id for i in RUBRIC.indicators_of(dimension)}
    firing = [
        r
        for r in RUBRIC.recommendations
        if r.stage == next_stage
        and members & set(r.addresses)
        and evaluate(RUBRIC, report, r.when).holds is True
    ]
    assert firing, f"no step toward {next_stage} fires for {dimension} at {value}"
    result = recommend(RUBRIC, report)
    planned = {s.id for s in result.steps if s.status == "triggered" and s.gain > 0}
    assert planned & {r.id for r in firing}


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.floats(0, 100), min_size=4, max_size=4))
def test_clo_rule_fires_exactly_when_two_dimensions_are_below_stage_3(values: list[float]) -> None:
    report = make_report(dict(zip(DIMS, values, strict=True)))
    evaluation = evaluate(RUBRIC, report, RUBRIC.recommendation("clo_role").when)
    developing = RUBRIC.stage("developing").lower
    assert RUBRIC.stage("developing").level == 3
    assert evaluation.holds is (sum(v < developing for v in values) >= 2)
    result = recommend(RUBRIC, report)
    assert ("clo_role" in result.triggered_ids) is evaluation.holds


def test_clo_rule_example_organizations(example_reports: lm.ReportSet) -> None:
    clo = RUBRIC.recommendation("clo_role").when
    fired = {org: evaluate(RUBRIC, rep, clo).holds for org, rep in example_reports.items()}
    assert fired == {
        "brightloom-design": False,
        "nordwind-manufacturing": True,
        "harbor-city-agency": True,
        "quanta-software": False,
    }


# --- targets, gaps, progress ------------------------------------------------------------


def test_default_target_is_the_next_stage_lower_bound() -> None:
    report = uniform(90.0, practice=42.0, strategy=50.0)
    t = targets(RUBRIC, report)
    assert t.dimensions["practice"].target == 50.0
    assert t.dimensions["practice"].target_stage == "developing"
    assert t.dimensions["practice"].gap == pytest.approx(8.0)
    assert t.dimensions["practice"].percent_to_target == pytest.approx(84.0)
    assert t.dimensions["practice"].met is False
    # a score exactly on a bound is in that stage: the target is the next one
    assert t.dimensions["strategy"].target == 65.0
    # indicators inherit their dimension's target
    assert t.indicators["pr_self_service"].target == 50.0
    assert "dimension 'practice'" in t.indicators["pr_self_service"].basis


def test_top_stage_target_is_maintain_with_zero_gaps() -> None:
    report = make_report(dict.fromkeys(DIMS, 85.0), {"pr_self_service": 40.0})
    t = targets(RUBRIC, report)
    practice = t.dimensions["practice"]
    assert practice.target == 85.0
    assert practice.gap == 0
    assert practice.met
    assert practice.basis.startswith("maintain")
    # an indicator of a top-stage dimension at or above the stage's bound keeps its score
    kept = t.indicators["pr_permission_required"]
    assert kept.target == 85.0
    assert kept.gap == 0
    assert kept.basis.startswith("maintain")
    # ... one below it gets the bound of the dimension's (top) stage: a real gap
    ind = t.indicators["pr_self_service"]
    assert ind.target == TOP.lower
    assert ind.target_stage == TOP.id
    assert ind.gap == pytest.approx(TOP.lower - 40.0)
    assert "at the top stage" in ind.basis
    assert t.overall.gap == 0


def test_weak_indicator_in_a_top_stage_dimension_is_planned_not_hidden() -> None:
    """The reviewer's top.csv: every dimension at the top stage, one indicator at 0."""
    report = make_report(dict.fromkeys(DIMS, 90.0), {"ex_learning_in_pay": 0.0}, half=0.0)
    result = recommend(RUBRIC, report)
    step = result.step("ex_learning_in_pay")
    assert step.status == "triggered"
    assert step.gain > 0
    pay = next(c for c in step.contributions if c.indicator == "ex_learning_in_pay")
    assert pay.counted
    assert pay.target == TOP.lower
    # its prerequisite comes first, to be confirmed
    first = result.step("ex_development_conversations")
    assert first.status == "prerequisite"
    assert result.ids.index(first.id) < result.ids.index(step.id)
    assert not any("beyond" in u.reason for u in result.deferred)


def test_explicit_targets_by_stage_score_dimension_and_indicator() -> None:
    report = uniform(40.0)
    t = targets(
        RUBRIC,
        report,
        target={
            "default": "established",
            "practice": 70,
            "pr_self_service": "learning_organization",
            "overall": 55.5,
        },
    )
    assert t.dimensions["strategy"].target == 65.0
    assert t.dimensions["strategy"].basis == "stage 'established' (default)"
    assert t.dimensions["practice"].target == 70.0
    assert t.indicators["pr_permission_required"].target == 70.0
    assert t.indicators["pr_self_service"].target == 80.0
    assert t.overall.target == 55.5
    assert t.profile.describe().startswith("default stage 'established'")
    same = targets(RUBRIC, report, target=TargetProfile(default="established"))
    assert same.dimensions["strategy"].target == 65.0


def test_target_below_current_has_zero_gap_and_full_percent() -> None:
    t = targets(RUBRIC, uniform(70.0), target=40)
    assert t.dimensions["practice"].gap == 0
    assert t.dimensions["practice"].percent_to_target == 100.0
    assert t.dimensions["practice"].met is True
    zero = targets(RUBRIC, uniform(70.0), target=0)
    assert zero.dimensions["practice"].percent_to_target == 100.0


def test_unscorable_dimension_has_no_default_target() -> None:
    report = make_report(
        {"values_culture": 40.0, "strategy": 40.0, "practice": None, "employee_experience": 40.0}
    )
    t = targets(RUBRIC, report)
    assert t.dimensions["practice"].target is None
    assert t.dimensions["practice"].gap is None
    assert t.overall.current is None
    assert t.overall.gap is None
    explicit = targets(RUBRIC, report, target="developing")
    assert explicit.dimensions["practice"].target == 50.0
    assert explicit.dimensions["practice"].gap is None


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("establised", "did you mean 'established'"),
        (120, "not a score within 0..100"),
        (-1, "not a score within 0..100"),
        (float("nan"), "not a score within 0..100"),
        ({"practise": "established"}, "did you mean 'practice'"),
        ({"practice": "nope"}, "neither a stage id"),
        (True, "not a stage id, a score"),
        ([1, 2], "not a stage id, a score"),
        (TargetProfile(dimensions={"nope": 50}), "'nope' is not a dimension"),
        (TargetProfile(indicators={"nope": 50}), "'nope' is not an indicator"),
    ],
)
def test_bad_targets_raise(target: Any, message: str) -> None:
    with pytest.raises(RecommendationError, match=message):
        targets(RUBRIC, uniform(40.0), target=target)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("established", TargetProfile(default="established")),
        ("70", TargetProfile(default=70.0)),
        ("next", TargetProfile(default="next")),
        (
            "practice=established, strategy=70,pr_self_service=60,default=developing",
            TargetProfile(
                default="developing",
                dimensions={"practice": "established", "strategy": 70.0},
                indicators={"pr_self_service": 60.0},
            ),
        ),
    ],
)
def test_parse_target(text: str, expected: TargetProfile) -> None:
    assert parse_target(text, RUBRIC) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("practice=", "not key=value"),
        ("practice=established,practice=70", "given twice"),
        ("pratice=established", "did you mean 'practice'"),
        ("101", "not a score"),
    ],
)
def test_parse_target_errors(text: str, message: str) -> None:
    with pytest.raises(RecommendationError, match=message):
        parse_target(text, RUBRIC)


def test_progress_since_baseline() -> None:
    baseline = uniform(40.0)  # target at the baseline: 50 (developing)
    now = uniform(45.0)
    t = targets(RUBRIC, now, baseline=baseline)
    g = t.dimensions["practice"]
    assert g.baseline == 40.0
    assert g.baseline_target == 50.0
    assert g.progress == pytest.approx(50.0)
    # the target used for progress is the one set at the baseline, even after a stage change
    later = targets(RUBRIC, uniform(55.0), baseline=baseline).dimensions["practice"]
    assert later.target == 65.0
    assert later.baseline_target == 50.0
    assert later.progress == pytest.approx(150.0)
    # regression is negative progress
    worse = targets(RUBRIC, uniform(35.0), baseline=baseline).dimensions["practice"]
    assert worse.progress == pytest.approx(-50.0)


def test_progress_when_the_target_equals_the_baseline_is_undefined_with_a_reason() -> None:
    baseline = uniform(60.0)
    t = targets(RUBRIC, uniform(70.0), target=60, baseline=baseline)
    g = t.dimensions["practice"]
    assert g.baseline == 60.0
    assert g.baseline_target == 60.0
    assert g.progress is None
    assert g.progress_reason is not None
    assert "no gap at the baseline" in g.progress_reason
    assert "still met now" in g.progress_reason
    fell = targets(RUBRIC, uniform(55.0), target=60, baseline=baseline).dimensions["practice"]
    assert fell.progress is None
    assert fell.progress_reason is not None
    assert "now 5.0 below it" in fell.progress_reason
    assert "progress_reason" in fell.to_dict()
    dumps(t.to_dict())


def test_progress_without_a_baseline_score() -> None:
    baseline = make_report(
        {"values_culture": 40.0, "strategy": 40.0, "practice": None, "employee_experience": 40.0}
    )
    g = targets(RUBRIC, uniform(45.0), baseline=baseline).dimensions["practice"]
    assert g.progress is None
    assert g.progress_reason is not None
    assert g.progress_reason.startswith("no baseline score")


def test_baseline_on_another_rubric_is_refused() -> None:
    other = make_report(dict.fromkeys(DIMS, 40.0))
    wrong = attrs.evolve(other, rubric_key="other@1.0.0")
    with pytest.raises(RecommendationError, match=r"scored on rubric other@1\.0\.0"):
        targets(RUBRIC, uniform(40.0), baseline=wrong)
    with pytest.raises(RecommendationError, match=r"scored on rubric other@1\.0\.0"):
        recommend(RUBRIC, wrong)


def test_baseline_of_another_organization_gets_a_notice() -> None:
    result = recommend(
        RUBRIC,
        uniform(40.0),
        baseline=make_report(dict.fromkeys(DIMS, 30.0), organization="elsewhere"),
    )
    assert any(n.code == "baseline_other_organization" for n in result.notices)


# --- evaluating conditions ------------------------------------------------------------------


def test_below_condition_is_certain_uncertain_or_false() -> None:
    cond = DimensionBelow("practice", stage="established")  # below 65
    sure = evaluate(RUBRIC, uniform(90.0, practice=60.0), cond)
    assert sure.holds is True
    assert not sure.uncertain
    assert sure.triggers[0].text == "practice 60.0 [58.0, 62.0] < 65 (stage 'established')"
    straddle = evaluate(RUBRIC, uniform(90.0, practice=64.0), cond)
    assert straddle.holds is True
    assert straddle.uncertain
    assert "uncertain: the range straddles 65" in straddle.triggers[0].text
    near_miss = evaluate(RUBRIC, uniform(90.0, practice=66.0), cond)
    assert near_miss.holds is False
    assert near_miss.uncertain
    assert near_miss.can_hold
    far = evaluate(RUBRIC, uniform(90.0, practice=70.0), cond)
    assert far.holds is False
    assert not far.uncertain


def test_unscorable_subject_is_not_evaluable_never_false() -> None:
    report = make_report(
        {"values_culture": 40.0, "strategy": 40.0, "practice": None, "employee_experience": 40.0}
    )
    ev = evaluate(RUBRIC, report, DimensionBelow("practice", score=60))
    assert ev.holds is None
    assert ev.triggers[0].status == "not_evaluable"
    assert "not scorable" in (ev.triggers[0].reason or "")
    assert evaluate(RUBRIC, report, OverallBelow(score=60)).holds is None


def test_count_with_an_unscorable_dimension() -> None:
    dims: dict[str, float | None] = {
        "values_culture": 40.0,
        "strategy": 90.0,
        "practice": None,
        "employee_experience": 90.0,
    }
    report = make_report(dims)
    assert evaluate(RUBRIC, report, DimensionsBelowCount(1, stage="developing")).holds is True
    undecided = evaluate(RUBRIC, report, DimensionsBelowCount(2, stage="developing"))
    assert undecided.holds is None
    assert "could decide the count" in (undecided.triggers[0].reason or "")
    assert evaluate(RUBRIC, report, DimensionsBelowCount(3, stage="developing")).holds is False


def test_count_restricted_to_listed_dimensions() -> None:
    report = uniform(90.0, practice=30.0, strategy=30.0)
    cond = DimensionsBelowCount(2, score=50, dimensions=("practice", "values_culture"))
    assert evaluate(RUBRIC, report, cond).holds is False
    cond = DimensionsBelowCount(2, score=50, dimensions=("practice", "strategy"))
    assert evaluate(RUBRIC, report, cond).holds is True


def test_combinations_use_three_valued_logic() -> None:
    no_evidence = LowAgreement("practice")
    low = IndicatorBelow("pr_self_service", score=60)
    high = IndicatorBelow("pr_self_service", score=10)
    report = uniform(40.0)
    assert evaluate(RUBRIC, report, AllOf((low, no_evidence))).holds is None
    assert evaluate(RUBRIC, report, AllOf((high, no_evidence))).holds is False
    assert evaluate(RUBRIC, report, AnyOf((low, no_evidence))).holds is True
    assert evaluate(RUBRIC, report, AnyOf((high, no_evidence))).holds is None
    assert evaluate(RUBRIC, report, AnyOf((high, low))).holds is True
    # uncertainty: all() is uncertain when a holding part is; any() only when every
    # holding part is
    edge = IndicatorBelow("pr_self_service", score=41)
    assert evaluate(RUBRIC, report, AllOf((low, edge))).uncertain
    assert not evaluate(RUBRIC, report, AnyOf((low, edge))).uncertain
    assert evaluate(RUBRIC, report, AnyOf((high, edge))).uncertain


class _FakeGap:
    def __init__(self, difference: float, low: float, high: float) -> None:
        self.difference, self.low, self.high = difference, low, high
        self.first, self.second = 60.0, 60.0 - difference
        self.n_first, self.n_second = 8, 40
        self.reason = None


class _FakeComparison:
    def __init__(self, groups: tuple[str, str], gap: _FakeGap | None, suppressed: bool = False):
        self.column = "role"
        self.groups = groups
        self.suppressed = suppressed
        self.reason = "'manager' has 2 respondent(s), fewer than 5" if suppressed else None
        self.dimensions = {} if gap is None else {"practice": gap}
        self.indicators: dict[str, _FakeGap] = {}


def test_perception_gap_from_evidence_in_either_order() -> None:
    cond = PerceptionGapAtLeast(("manager", "employee"), 10.0, dimension="practice")
    report = uniform(50.0)
    ev = Evidence(perception_gaps=[_FakeComparison(("manager", "employee"), _FakeGap(15, 11, 19))])
    result = evaluate(RUBRIC, report, cond, ev)
    assert result.holds is True
    assert not result.uncertain
    assert "gap 15.0 [11.0, 19.0] ≥ 10" in result.triggers[0].text
    flipped = Evidence(
        perception_gaps=[_FakeComparison(("employee", "manager"), _FakeGap(-15, -19, -11))]
    )
    again = evaluate(RUBRIC, report, cond, flipped)
    assert again.holds is True
    assert again.triggers[0].value == 15
    assert again.triggers[0].low == 11
    unsure = Evidence(
        perception_gaps=[_FakeComparison(("manager", "employee"), _FakeGap(12, 4, 20))]
    )
    assert evaluate(RUBRIC, report, cond, unsure).uncertain
    small = Evidence(perception_gaps=[_FakeComparison(("manager", "employee"), _FakeGap(3, -2, 8))])
    assert evaluate(RUBRIC, report, cond, small).holds is False


def test_perception_gap_without_evidence_or_suppressed_is_not_evaluable() -> None:
    cond = PerceptionGapAtLeast(("manager", "employee"), 10.0, dimension="practice")
    report = uniform(50.0)
    missing = evaluate(RUBRIC, report, cond)
    assert missing.holds is None
    assert "Evidence.from_responses" in (missing.triggers[0].reason or "")
    suppressed = Evidence(
        perception_gaps=[_FakeComparison(("manager", "employee"), None, suppressed=True)]
    )
    ev = evaluate(RUBRIC, report, cond, suppressed)
    assert ev.holds is None
    assert "fewer than 5" in (ev.triggers[0].reason or "")
    noted = Evidence(unavailable={"role:manager/employee": "the responses have no 'role' column"})
    assert "no 'role' column" in (evaluate(RUBRIC, report, cond, noted).triggers[0].reason or "")


def test_perception_gap_read_from_the_report() -> None:
    cond = PerceptionGapAtLeast(("manager", "employee"), 10.0, dimension="practice")
    comparison = _FakeComparison(("manager", "employee"), _FakeGap(15, 11, 19))
    report = make_report(dict.fromkeys(DIMS, 50.0), perception_gap=comparison)
    assert evaluate(RUBRIC, report, cond).holds is True
    # the shapes Evidence accepts: one comparison, organization -> comparison
    for shape in (comparison, {"org": comparison}):
        evidence = Evidence(perception_gaps=[shape])
        assert evaluate(RUBRIC, uniform(50.0), cond, evidence).holds is True


@pytest.mark.parametrize(
    "agreement",
    [
        {"practice": 0.5},
        {"org": {"practice": 0.5}},
        {"rwg_j": {"practice": {"value": 0.9, "rwg_star": 0.5}}},
    ],
)
def test_low_agreement_from_mappings(agreement: Any) -> None:
    cond = LowAgreement("practice", threshold=0.7)
    ev = evaluate(RUBRIC, uniform(50.0), cond, Evidence(agreement=agreement))
    assert ev.holds is True
    assert not ev.uncertain
    assert ev.triggers[0].text == "practice: r*wg(j) 0.50 < 0.7"
    assert (
        evaluate(RUBRIC, uniform(50.0), cond, Evidence(agreement={"practice": 0.9})).holds is False
    )


def test_low_agreement_missing_or_undefined_is_not_evaluable() -> None:
    cond = LowAgreement("practice")
    assert evaluate(RUBRIC, uniform(50.0), cond).holds is None
    undefined = Evidence(agreement={"practice": {"value": None, "reason": "one respondent"}})
    ev = evaluate(RUBRIC, uniform(50.0), cond, undefined)
    assert ev.holds is None
    assert "one respondent" in (ev.triggers[0].reason or "")


def test_evidence_from_responses_uses_the_group_and_agreement_results(
    example_reports: lm.ReportSet,
) -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    org = "nordwind-manufacturing"
    evidence = Evidence.from_responses(RUBRIC, responses, org, seed=1, n_resamples=300)
    assert len(evidence.perception_gaps) == 1
    comparison = evidence.perception_gaps[0]
    assert isinstance(comparison, lm.results.OrganizationGap)
    assert comparison.groups == ("manager", "employee")
    assert evidence.agreement is not None
    report = example_reports[org]
    gap = evaluate(RUBRIC, report, RUBRIC.recommendation("close_perception_gap").when, evidence)
    assert gap.holds is True
    agreement = evaluate(
        RUBRIC, report, RUBRIC.recommendation("team_level_follow_up").when, evidence
    )
    # r*wg(j) of the example organizations is .45-.68 < .70 (their rwg(j) > .8 would not fire)
    assert agreement.holds is True
    with pytest.raises(lm.UnknownOrganizationError, match="name one with organization="):
        Evidence.from_responses(RUBRIC, responses)
    with pytest.raises(lm.UnknownOrganizationError, match="did you mean 'quanta-software'"):
        Evidence.from_responses(RUBRIC, responses, "quanta-sofware")


def test_evidence_without_role_column_or_role_values() -> None:
    responses = lm.example_responses("learning-organization@1.0.0").for_organization(
        "quanta-software"
    )
    no_roles = lm.Responses(
        indicator_ids=responses.indicator_ids,
        values=responses.values,
        not_applicable=responses.not_applicable,
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
        metadata={"team": responses.metadata["team"]},
    )
    evidence = Evidence.from_responses(RUBRIC, no_roles, n_resamples=200, seed=1)
    assert evidence.unavailable["role:manager/employee"] == "the responses have no 'role' column"
    only_employees = responses.select(np.array([r == "employee" for r in responses.roles]))
    evidence = Evidence.from_responses(RUBRIC, only_employees, n_resamples=200, seed=1)
    assert "has role 'manager'" in evidence.unavailable["role:manager/employee"]


# --- ranking, order and roadmap -------------------------------------------------------------


def test_gain_formula_with_numbers() -> None:
    report = uniform(90.0, practice=30.0)  # practice ad hoc: target emerging (35)
    result = recommend(RUBRIC, report)
    step = result.step("pr_self_service_enrolment")
    shares = indicator_shares(RUBRIC)
    # pr_self_service and pr_permission_required: gap 5 each; ex_ease_of_learning: top stage
    expected = (shares["pr_self_service"] + shares["pr_permission_required"]) * 5.0
    assert step.weighted_gap == pytest.approx(expected)
    assert step.gain == pytest.approx(expected * 3 / 2)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares["pr_self_service"] == pytest.approx(1 / 6 / 4)


def test_steps_beyond_the_target_are_deferred_not_dropped() -> None:
    report = uniform(90.0, values_culture=20.0)
    result = recommend(RUBRIC, report)
    assert "vc_yes_by_default" in result.ids
    deferred = {u.id: u.reason for u in result.deferred}
    assert "vc_share_learning" in deferred
    assert "beyond the target stage 'emerging'" in deferred["vc_share_learning"]
    assert "vc_share_learning" in result.triggered_ids
    further = recommend(RUBRIC, report, target="learning_organization")
    assert {"vc_yes_by_default", "vc_share_learning", "vc_values_in_practice"} <= set(further.ids)


def test_prerequisites_not_triggered_are_included_and_explained() -> None:
    # values at established: the top-stage steps fire; their prerequisites do not
    report = uniform(90.0, values_culture=70.0)
    result = recommend(RUBRIC, report)
    ids = result.ids
    assert "vc_share_learning" in ids
    prerequisite = result.step("vc_safe_to_fail")
    assert prerequisite.status == "prerequisite"
    assert prerequisite.needed_by == ("vc_share_learning",)
    assert prerequisite.note is not None
    assert "Prerequisite of vc_share_learning: confirm it is already in place" in (
        prerequisite.note
    )
    assert "its gain is not counted" in prerequisite.note
    assert prerequisite.holds is False
    assert prerequisite.to_dict()["holds"] is False
    assert ids.index("vc_safe_to_fail") < ids.index("vc_share_learning")
    # pulled forward: a prerequisite's priority is at least that of what needs it
    assert prerequisite.priority >= result.step("vc_share_learning").gain


def _with_prerequisites(ids: list[str]) -> set[str]:
    out = set(ids)
    stack = list(ids)
    while stack:
        for prerequisite in RUBRIC.recommendation(stack.pop()).requires:
            if prerequisite not in out:
                out.add(prerequisite)
                stack.append(prerequisite)
    return out


@pytest.mark.parametrize(
    ("report", "target"),
    [
        (uniform(20.0), "learning_organization"),
        (uniform(90.0, values_culture=70.0), None),
        (uniform(60.0), "learning_organization"),
        (uniform(45.0, practice=30.0), None),
    ],
)
def test_limit_counts_triggered_steps_and_brings_their_prerequisites(
    report: Report, target: Any
) -> None:
    full = recommend(RUBRIC, report, target=target)
    actions = [s.id for s in full.steps if counts_toward_limit(s)]
    assert actions
    for n in range(1, len(actions) + 2):
        cut = recommend(RUBRIC, report, target=target, limit=n)
        assert [s.id for s in cut.steps if counts_toward_limit(s)] == actions[:n]
        kept = _with_prerequisites(actions[:n])
        assert set(cut.ids) == kept
        assert cut.ids == tuple(i for i in full.ids if i in kept)  # plan order
        assert [s.rank for s in cut.steps] == list(range(1, len(cut.steps) + 1))
        assert cut.omitted == len(full.steps) - len(cut.steps)
        _check_order(cut)


def test_limit_one_with_untriggered_prerequisites() -> None:
    # values at established: the top-stage step fires, its prerequisites do not
    cut = recommend(RUBRIC, uniform(90.0, values_culture=70.0), limit=1)
    triggered = [s.id for s in cut.steps if s.status == "triggered"]
    assert triggered == ["vc_share_learning"]
    assert cut.ids[-1] == "vc_share_learning"
    assert {"vc_safe_to_fail", "vc_learning_in_routines", "vc_yes_by_default"} <= set(cut.ids)


def test_bad_limits_raise() -> None:
    for bad in (0, -1, 1.5, True, "3"):
        with pytest.raises(RecommendationError, match="limit"):
            recommend(RUBRIC, uniform(20.0), limit=bad)  # type: ignore[arg-type]


def test_uncertain_trigger_is_marked_and_explained() -> None:
    report = uniform(90.0, values_culture=34.0)  # [32, 36] straddles 35
    result = recommend(RUBRIC, report)
    step = result.step("vc_yes_by_default")
    assert step.status == "triggered"
    assert step.uncertain
    # an any() with a certain part is certain
    sure = recommend(RUBRIC, uniform(90.0, practice=34.0)).step("pr_self_service_enrolment")
    assert not sure.uncertain
    assert step.note is not None
    assert "Uncertain trigger" in step.note
    assert step.to_dict()["uncertain"] is True


def test_borderline_and_not_evaluable_are_listed() -> None:
    dims = {"values_culture": 90.0, "strategy": 36.0, "practice": 90.0}
    # strategy below emerging: 36 [34, 38] straddles 35; its budget indicator is fine
    report = make_report({**dims, "employee_experience": 90.0}, {"st_learning_resources": 90.0})
    result = recommend(RUBRIC, report)
    assert "st_budget_time_and_money" not in result.triggered_ids
    borderline = {u.id: u.reason for u in result.borderline}
    assert "strategy 36.0 [34.0, 38.0] ≥ 35" in borderline["st_budget_time_and_money"]
    missing = {u.id for u in result.not_evaluable}
    assert {"close_perception_gap", "team_level_follow_up"} <= missing
    # a narrowly failing step that a triggered step needs is listed as a prerequisite
    values = recommend(RUBRIC, uniform(90.0, values_culture=36.0))
    step = values.step("vc_yes_by_default")
    assert step.status == "prerequisite"
    assert step.note is not None
    assert "narrowly does not hold" in step.note


def test_top_stage_everywhere_gets_no_steps() -> None:
    result = recommend(RUBRIC, uniform(85.0))
    assert result.steps == ()
    assert not result.triggered_ids
    road = roadmap(RUBRIC, uniform(85.0))
    assert road.phases == ()


def test_roadmap_phases_on_an_ad_hoc_organization() -> None:
    road = roadmap(RUBRIC, uniform(20.0), target="learning_organization")
    assert isinstance(road, Roadmap)
    assert [p.number for p in road.phases] == list(range(1, len(road.phases) + 1))
    assert len(road.phases) >= 3
    phase_of = {s.id: p.number for p in road.phases for s in p.steps}
    for phase in road.phases:
        for step in phase.steps:
            inside = [r for r in step.recommendation.requires if r in phase_of]
            assert all(phase_of[r] < phase.number for r in inside)
            if phase.number > 1:
                assert any(phase_of[r] == phase.number - 1 for r in inside)
            else:
                assert not inside
    dumps(road.to_dict())


def test_results_are_json_ready(example_reports: lm.ReportSet) -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    for org, report in example_reports.items():
        evidence = Evidence.from_responses(RUBRIC, responses, org, seed=1, n_resamples=200)
        result = recommend(RUBRIC, report, evidence=evidence, baseline=report)
        text = dumps(result.to_dict())
        assert json.loads(text)["organization"] == org
        dumps(roadmap(RUBRIC, report, evidence=evidence).to_dict())
        dumps(targets(RUBRIC, report, baseline=report).to_dict())


def test_example_nordwind_plan(example_reports: lm.ReportSet) -> None:
    report = example_reports["nordwind-manufacturing"]
    result = recommend(RUBRIC, report)
    assert result.ids[:2] == ("pr_self_service_enrolment", "clo_role")
    clo = result.step("clo_role")
    assert clo.status == "triggered"
    assert not clo.uncertain
    assert clo.evidence[0].text.startswith("3 of 4 dimensions below 50 (stage 'developing')")


def test_rubric_without_recommendations(tiny_rubric_yaml: str) -> None:
    tiny = lm.read_rubric_bytes(tiny_rubric_yaml)
    assert tiny.recommendations == ()
    report = make_report({"culture": 20.0, "practice": 20.0}, rubric=tiny)
    result = recommend(tiny, report)
    assert result.steps == ()
    assert result.deferred == ()
    assert result.targets.dimensions["culture"].target == 50.0


def test_evidence_argument_is_checked() -> None:
    with pytest.raises(RecommendationError, match="is not an Evidence"):
        recommend(RUBRIC, uniform(40.0), evidence={"agreement": {}})  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------------

_values = st.floats(0, 100, allow_nan=False)


@st.composite
def reports(draw: st.DrawFn, rubric: lm.Rubric = RUBRIC) -> Report:
    dims = {d.id: draw(_values) for d in rubric.dimensions}
    spread = draw(st.floats(0, 30))
    inds = {
        i.id: min(100.0, max(0.0, dims[i.dimension] + draw(st.floats(-spread, spread))))
        for i in rubric.indicators
    }
    return make_report(dims, inds, rubric=rubric, half=draw(st.floats(0, 10)))


_targets = st.one_of(
    st.none(),
    st.sampled_from([s.id for s in RUBRIC.stages]),
    st.floats(0, 100),
    st.dictionaries(st.sampled_from(DIMS), st.sampled_from(["established", 70.0, "next"])),
)


def _check_order(result: RecommendationResult) -> None:
    position = {s.id: k for k, s in enumerate(result.steps)}
    for step in result.steps:
        assert step.rank == position[step.id] + 1
        for prerequisite in step.recommendation.requires:
            assert prerequisite in position, f"{prerequisite} missing before {step.id}"
            assert position[prerequisite] < position[step.id]
            assert result.step(prerequisite).phase < step.phase


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), target=_targets, limit=st.none() | st.integers(1, 30))
def test_prerequisites_always_come_first(report: Report, target: Any, limit: int | None) -> None:
    result = recommend(RUBRIC, report, target=target, limit=limit)
    _check_order(result)
    road = roadmap(RUBRIC, report, target=target, limit=limit)
    phase_of = {s.id: p.number for p in road.phases for s in p.steps}
    for phase in road.phases:
        for step in phase.steps:
            for prerequisite in step.recommendation.requires:
                assert phase_of[prerequisite] < phase.number
    assert [s.id for s in road.steps] == sorted(result.ids, key=lambda i: phase_of[i])


def _raised(report: Report, draw: Callable[[st.SearchStrategy[float]], float]) -> Report:
    def up(score: Score) -> Score:
        if score.value is None:
            return score
        delta = draw(st.floats(0, 40))
        return attrs.evolve(
            score,
            value=min(100.0, score.value + delta),
            low=min(100.0, (score.low or 0) + delta),
            high=min(100.0, (score.high or 0) + delta),
        )

    return attrs.evolve(
        report,
        overall=up(report.overall),
        dimensions={k: up(v) for k, v in report.dimensions.items()},
        indicators={k: up(v) for k, v in report.indicators.items()},
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(), data=st.data())
def test_raising_scores_never_adds_a_below_only_trigger(
    report: Report, data: st.DataObject
) -> None:
    higher = _raised(report, data.draw)
    below = {r.id for r in RUBRIC.recommendations if r.when.below_only}
    assert len(below) >= 20
    before = recommend(RUBRIC, report).triggered_ids & below
    after = recommend(RUBRIC, higher).triggered_ids & below
    assert after <= before
    for rec in RUBRIC.recommendations:
        if rec.id in below and evaluate(RUBRIC, higher, rec.when).holds:
            assert evaluate(RUBRIC, report, rec.when).holds


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_top_stage_everywhere_means_no_gap_closing_steps(data: st.DataObject) -> None:
    top = st.floats(TOP.lower, 100)
    dims = {d: data.draw(top) for d in DIMS}
    inds = {i: data.draw(top) for i in RUBRIC.indicator_ids}
    report = make_report(dims, inds, half=data.draw(st.floats(0, 10)))
    result = recommend(RUBRIC, report)
    assert result.steps == ()
    assert all(g.gap == 0 for g in result.targets.indicators.values())
    assert all(g.gap == 0 for g in result.targets.dimensions.values())


# --- properties on generated rubrics with generated recommendations ------------------------

_STAGES = ["s1", "s2", "s3", "s4", "s5"]
_LOWERS = [0, 20, 40, 60, 80]


def _base_rubric() -> dict[str, Any]:
    dims = ["d1", "d2", "d3"]
    return {
        "format": 1,
        "id": "generated",
        "version": "0.1.0",
        "title": "Generated",
        "description": "For property tests.",
        "language": "en",
        "scales": [{"id": "a5", "min": 1, "max": 5}],
        "dimensions": [{"id": d, "name": d, "description": d} for d in dims],
        "indicators": [
            {"id": f"{d}_i{k}", "dimension": d, "statement": "s", "scale": "a5"}
            for d in dims
            for k in (1, 2)
        ],
        "stages": [
            {"id": s, "name": s, "lower": lo, "description": s}
            for s, lo in zip(_STAGES, _LOWERS, strict=True)
        ],
    }


@st.composite
def _below_condition(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    threshold = draw(
        st.one_of(
            st.fixed_dictionaries({"stage": st.sampled_from(_STAGES[1:])}),
            st.fixed_dictionaries({"score": st.floats(1, 100)}),
        )
    )
    leaves: list[st.SearchStrategy[dict[str, Any]]] = [
        st.fixed_dictionaries(
            {"kind": st.just("dimension_below"), "dimension": st.sampled_from(["d1", "d2", "d3"])}
        ),
        st.fixed_dictionaries(
            {
                "kind": st.just("indicator_below"),
                "indicator": st.sampled_from([f"d{d}_i{k}" for d in (1, 2, 3) for k in (1, 2)]),
            }
        ),
        st.fixed_dictionaries({"kind": st.just("overall_below")}),
        st.fixed_dictionaries(
            {"kind": st.just("dimensions_below_count"), "count": st.integers(1, 3)}
        ),
    ]
    if depth < 2 and draw(st.booleans()):
        key = draw(st.sampled_from(["all", "any"]))
        return {key: draw(st.lists(_below_condition(depth + 1), min_size=1, max_size=3))}
    return {**draw(st.one_of(leaves)), **threshold}


@st.composite
def generated_rubrics(draw: st.DrawFn) -> lm.Rubric:
    data = _base_rubric()
    indicator_ids = [i["id"] for i in data["indicators"]]
    recs: list[dict[str, Any]] = []
    for k in range(draw(st.integers(1, 8))):
        level = draw(st.integers(2, 5))
        earlier = [r for r in recs if _STAGES.index(r["stage"]) + 1 <= level]
        rec: dict[str, Any] = {
            "id": f"r{k}",
            "title": "t",
            "stage": _STAGES[level - 1],
            "action": "a",
            "rationale": "r",
            "addresses": draw(
                st.lists(st.sampled_from(indicator_ids), min_size=1, max_size=3, unique=True)
            ),
            "impact": draw(st.integers(1, 3)),
            "effort": draw(st.integers(1, 3)),
            "when": draw(_below_condition()),
        }
        if earlier:
            rec["requires"] = draw(
                st.lists(st.sampled_from([r["id"] for r in earlier]), max_size=3, unique=True)
            )
        recs.append(rec)
    data["recommendations"] = recs
    return lm.parse_rubric(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rubric=generated_rubrics(), data=st.data())
def test_generated_rubrics_respect_prerequisites_and_monotonicity(
    rubric: lm.Rubric, data: st.DataObject
) -> None:
    report = data.draw(reports(rubric))
    target = data.draw(st.none() | st.sampled_from(_STAGES) | st.floats(0, 100))
    result = recommend(rubric, report, target=target)
    _check_order(result)
    higher = _raised(report, data.draw)
    assert (
        recommend(rubric, higher, target=target).triggered_ids
        <= recommend(rubric, report, target=target).triggered_ids
    )
    # the round trip keeps the recommendations
    assert lm.parse_rubric(rubric.to_dict()) == rubric


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rubric=generated_rubrics(), data=st.data())
def test_generated_rubrics_top_stage_everywhere(rubric: lm.Rubric, data: st.DataObject) -> None:
    top = st.floats(80, 100)
    dims = {d.id: data.draw(top) for d in rubric.dimensions}
    inds = {i.id: data.draw(top) for i in rubric.indicators}
    report = make_report(dims, inds, rubric=rubric, half=data.draw(st.floats(0, 10)))
    assert recommend(rubric, report).steps == ()


# --- properties on reports scored from synthetic responses ------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    centre=st.lists(st.integers(1, 5), min_size=4, max_size=4),
    n=st.integers(3, 25),
    seed=st.integers(0, 2**16),
)
def test_scored_synthetic_responses(centre: list[int], n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    columns = []
    for ind in RUBRIC.indicators:
        mid = centre[DIMS.index(ind.dimension)]
        columns.append(np.clip(mid + rng.integers(-1, 2, size=n), 1, 5))
    values = np.column_stack(columns).astype(float)
    responses = lm.Responses(
        indicator_ids=RUBRIC.indicator_ids,
        values=values,
        not_applicable=np.zeros_like(values, dtype=bool),
        respondent_ids=[f"r{k}" for k in range(n)],
        organizations=["synthetic"] * n,
        metadata={"role": ["manager" if k % 4 == 0 else "employee" for k in range(n)]},
    )
    report = lm.score(RUBRIC, responses, seed=seed, n_resamples=100)
    assert isinstance(report, Report)
    evidence = Evidence.from_responses(
        RUBRIC, responses, n_resamples=100, seed=seed, min_group_size=2
    )
    result = recommend(RUBRIC, report, evidence=evidence)
    _check_order(result)
    dumps(result.to_dict())
    dumps(roadmap(RUBRIC, report, evidence=evidence).to_dict())


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_default_rubric_doc_table_matches_the_rubric(version: str) -> None:
    rubric = lm.load_rubric(f"learning-organization@{version}")
    text = (Path(__file__).resolve().parents[2] / "docs" / "default-rubric.md").read_text(
        encoding="utf-8"
    )
    part = text.split(f"## Version {version}\n", 1)[1].split("\n## Version ", 1)[0]
    section = part.split("### Recommendations\n", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`"):
            requires = () if cells[5] == "—" else tuple(r.strip() for r in cells[5].split(","))
            rows[cells[0].strip("`")] = (cells[2], cells[4], requires)
    expected = {
        r.id: (r.stage, f"{r.impact}/{r.effort}", r.requires) for r in rubric.recommendations
    }
    assert rows == expected
    assert f"lists {len(rubric.recommendations)} recommendations" in section


# --- review fixes: evidence of the right organization, bad arguments, texts ----------------


def test_evidence_of_another_organization_is_refused(example_reports: lm.ReportSet) -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    evidence = Evidence.from_responses(
        RUBRIC, responses, "brightloom-design", seed=1, n_resamples=200
    )
    assert evidence.organization == "brightloom-design"
    harbor = example_reports["harbor-city-agency"]
    with pytest.raises(RecommendationError, match="about organization 'brightloom-design'"):
        recommend(RUBRIC, harbor, evidence=evidence)
    with pytest.raises(RecommendationError, match="about organization 'brightloom-design'"):
        roadmap(RUBRIC, harbor, evidence=evidence)


def test_comparisons_and_agreement_of_another_organization_are_skipped(
    bare_reports: lm.ReportSet,
) -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    harbor = bare_reports["harbor-city-agency"]
    gaps = lm.perception_gap(RUBRIC, responses, seed=1, n_resamples=200)
    cond = RUBRIC.recommendation("close_perception_gap").when
    other = evaluate(RUBRIC, harbor, cond, Evidence(perception_gaps=[gaps["quanta-software"]]))
    assert other.holds is None
    assert "of organization 'quanta-software', not 'harbor-city-agency'" in (
        other.triggers[0].reason or ""
    )
    # the whole multi-organization result: the report's organization is picked
    whole = evaluate(RUBRIC, harbor, cond, Evidence(perception_gaps=[gaps]))
    assert whole.holds is True
    agreement = lm.agreement(RUBRIC, responses)
    low = RUBRIC.recommendation("team_level_follow_up").when
    wrong = evaluate(RUBRIC, harbor, low, Evidence(agreement=agreement["quanta-software"]))
    assert wrong.holds is None
    assert "of organization 'quanta-software'" in (wrong.triggers[0].reason or "")


def test_a_whole_agreement_result_is_looked_up_by_organization(
    bare_reports: lm.ReportSet,
) -> None:
    agreement = lm.agreement(RUBRIC, lm.example_responses("learning-organization@1.0.0"))
    harbor = bare_reports["harbor-city-agency"]
    low = RUBRIC.recommendation("team_level_follow_up").when
    ev = evaluate(RUBRIC, harbor, low, Evidence(agreement=agreement))
    assert ev.holds is True
    expected = agreement["harbor-city-agency"].dimensions["values_culture"].rwg_star
    assert expected is not None
    assert ev.triggers[0].text == f"values_culture: r*wg(j) {expected:.2f} < 0.7"
    # a result without the organization says so
    only = lm.agreement(
        RUBRIC,
        lm.example_responses("learning-organization@1.0.0").for_organization("quanta-software"),
    )
    missing = evaluate(RUBRIC, harbor, low, Evidence(agreement=only))
    assert missing.holds is None
    reason = missing.triggers[0].reason or ""
    assert "no organization 'harbor-city-agency' in the agreement results" in reason
    assert "organizations: 'quanta-software'" in reason


def test_a_value_less_match_does_not_hide_a_valid_source() -> None:
    cond = LowAgreement("practice", threshold=0.7)
    report = make_report(dict.fromkeys(DIMS, 50.0), agreement={"practice": 0.5})
    undefined = Evidence(agreement={"practice": {"value": None, "reason": "one respondent"}})
    ev = evaluate(RUBRIC, report, cond, undefined)
    assert ev.holds is True
    assert ev.triggers[0].text == "practice: r*wg(j) 0.50 < 0.7"
    # with no valid source at all, the undefined value's reason is reported
    alone = evaluate(RUBRIC, uniform(50.0), cond, undefined)
    assert alone.holds is None
    assert "undefined: one respondent" in (alone.triggers[0].reason or "")


@pytest.mark.parametrize("size", [0, -3, 2.5, True, "5"])
def test_evidence_rejects_a_bad_min_group_size(size: Any) -> None:
    """The one options validator: the same error as score(min_group_size=...)."""
    responses = lm.example_responses("learning-organization@1.0.0")
    with pytest.raises(lm.ScoringError, match="min_group_size"):
        Evidence.from_responses(RUBRIC, responses, "harbor-city-agency", min_group_size=size)


def test_evidence_rejects_bad_bootstrap_settings() -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    with pytest.raises(lm.ScoringError, match="confidence"):
        Evidence.from_responses(RUBRIC, responses, "harbor-city-agency", confidence=1.5)
    with pytest.raises(lm.ScoringError, match="n_resamples"):
        Evidence.from_responses(RUBRIC, responses, "harbor-city-agency", n_resamples=-1)


def test_a_report_set_is_refused_with_a_hint(example_reports: lm.ReportSet) -> None:
    calls: list[Callable[[], object]] = [
        lambda: recommend(RUBRIC, example_reports),  # type: ignore[arg-type]
        lambda: roadmap(RUBRIC, example_reports),  # type: ignore[arg-type]
        lambda: targets(RUBRIC, example_reports),  # type: ignore[arg-type]
        lambda: lm.explain_score(RUBRIC, example_reports, "overall"),  # type: ignore[arg-type]
        lambda: lm.explain_recommendation(RUBRIC, example_reports, "clo_role"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(RecommendationError, match=r"got a ReportSet of 4 organization"):
            call()
    report = example_reports["harbor-city-agency"]
    with pytest.raises(RecommendationError, match="baseline: got a ReportSet"):
        targets(RUBRIC, report, baseline=example_reports)  # type: ignore[arg-type]


def test_not_evaluable_reasons_are_not_repeated() -> None:
    responses = lm.example_responses("learning-organization@1.0.0").for_organization(
        "quanta-software"
    )
    evidence = Evidence.from_responses(
        RUBRIC, responses, seed=1, n_resamples=200, min_group_size=500
    )
    report = lm.score_organizations(RUBRIC, responses, seed=1, n_resamples=200, agreement=False)
    result = recommend(RUBRIC, report["quanta-software"], evidence=evidence)
    reason = next(u.reason for u in result.not_evaluable if u.id == "close_perception_gap")
    assert reason.count("minimum group size") == 1


def test_count_names_the_dimensions_whose_ranges_reach_the_threshold() -> None:
    report = uniform(90.0, practice=51.0, strategy=52.0)  # ranges [49, 53] and [50, 54]
    ev = evaluate(RUBRIC, report, DimensionsBelowCount(1, stage="developing"))
    assert ev.holds is False
    assert ev.uncertain
    text = ev.triggers[0].text
    assert "ranges reaching 50: practice 51.0 [49.0, 53.0]" in text
    assert "strategy" not in text.split("ranges reaching")[1]  # its range starts at 50
    both = uniform(90.0, practice=51.0, strategy=51.0)
    clo = evaluate(RUBRIC, both, RUBRIC.recommendation("clo_role").when)
    assert clo.holds is False
    assert clo.triggers[0].text.startswith("0 of 4 dimensions below 50")
    assert (
        "ranges reaching 50: strategy 51.0 [49.0, 53.0] (Developing); "
        "practice 51.0 [49.0, 53.0] (Developing)" in clo.triggers[0].text
    )


def test_beyond_the_target_only_when_the_step_aims_past_a_remaining_gap() -> None:
    # every indicator already meets a low target: deferred for that reason, not "beyond"
    result = recommend(RUBRIC, uniform(20.0), target=10)
    assert result.steps == ()
    assert result.deferred
    assert all(
        u.reason == "the indicators it addresses already meet their targets"
        for u in result.deferred
    )


def test_result_to_dict_holds_the_roadmap() -> None:
    result = recommend(RUBRIC, uniform(20.0), target="learning_organization")
    data = result.to_dict()
    road = roadmap(RUBRIC, uniform(20.0), target="learning_organization")
    assert data["roadmap"] == [{"phase": p.number, "steps": list(p.ids)} for p in road.phases]
