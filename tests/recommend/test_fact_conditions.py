"""Organization facts in recommendations: the ``fact`` condition, ``lead`` steps and the
source text's new role ("A new role for help") as 1.1.0 writes it, on an in-test rubric
(1.0.0's structure plus tests/recommend/data/clo_rule.yaml)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import factories
import lomaturity as lm
from lomaturity.recommendations import FactCondition, OrganizationFacts, RecommendationResult

BASE = lm.load_rubric("learning-organization@1.0.0")
RUBRIC = factories.clo_rule_rubric()


def report(rubric: lm.Rubric = RUBRIC, *, rest: float = 83.0, **dims: float) -> lm.Report:
    scores: dict[str, float | None] = {d.id: rest for d in rubric.dimensions}
    scores.update(dims)
    return factories.make_report(scores, rubric=rubric)


def step_ids(result: RecommendationResult) -> list[str]:
    return [s.id for s in result.steps]


def triggered(result: RecommendationResult) -> set[str]:
    """The steps recommended on their own (not kept only as a prerequisite to confirm)."""
    return {s.id for s in result.steps if s.status == "triggered"}


# --- the new role, as the source says -------------------------------------------------------


def test_one_deficient_dimension_fires_the_role_step_first() -> None:
    result = lm.recommend(RUBRIC, report(strategy=16.0), facts={"learning_owner": "none"})
    first = result.steps[0]
    assert first.id == "clo_role"
    assert first.rank == 1
    assert first.phase == 1
    assert first.recommendation.effort == 1
    assert first.recommendation.lead
    assert "clo_mandate" not in triggered(result)
    count = first.evidence[0]
    assert count.kind == "dimensions_below_count"
    assert count.holds
    # the reason names the deficient dimension, its score and stage, and nothing else
    assert "1 of 4 dimensions below 50" in count.text
    assert "strategy 16.0 [14.0, 18.0] (Ad hoc)" in count.text
    assert "practice" not in count.text.split("):", 1)[1]


def test_1_0_0_rule_missed_the_single_deficiency() -> None:
    """The reason for issue 9: 1.0.0 wants two deficient dimensions (it stays as it was)."""
    result = lm.recommend(BASE, report(BASE, strategy=16.0))
    assert "clo_role" not in triggered(result)
    assert "lead" not in BASE.recommendation("clo_role").to_dict()


def test_an_existing_role_gets_the_mandate_step_instead() -> None:
    for owner in ("part_time", "dedicated"):
        result = lm.recommend(RUBRIC, report(strategy=16.0), facts={"learning_owner": owner})
        assert step_ids(result)[0] == "clo_mandate"
        assert "clo_role" not in triggered(result)
        assert "strategy 16.0" in result.steps[0].evidence[0].text
        fact = result.steps[0].evidence[1]
        assert fact.kind == "fact"
        assert fact.subject == "learning_owner"
        assert fact.holds
        assert f"is '{owner}': passes the test in 'part_time', 'dedicated'" in fact.text


def test_an_owner_not_given_counts_as_none_and_says_how_to_give_it() -> None:
    result = lm.recommend(RUBRIC, report(strategy=16.0))
    assert step_ids(result)[0] == "clo_role"
    assert "clo_mandate" not in triggered(result)
    text = result.steps[0].evidence[1].text
    assert "fact 'learning_owner'" in text
    assert "was not given" in text
    assert "if_unknown: true" in text
    assert "--facts" in text
    assert "facts={" in text
    # and the mandate step's condition (if_unknown false) does not hold for want of the fact
    mandate = lm.explain_recommendation(RUBRIC, report(strategy=16.0), "clo_mandate")
    assert "was not given; taken as not holding (if_unknown: false)" in " ".join(mandate.split())


def test_no_deficient_dimension_no_role_step() -> None:
    for owner in ("none", "dedicated"):
        result = lm.recommend(RUBRIC, report(strategy=55.0), facts={"learning_owner": owner})
        assert not {"clo_role", "clo_mandate"} & triggered(result)
        assert result.steps[0].id != "clo_mandate"


def test_the_lead_flag_puts_a_weaker_step_first() -> None:
    """Without ``lead`` a low-gain role step ranks below stronger steps; with it, first."""

    def weak(lead: bool) -> lm.Rubric:
        role = attrs.evolve(
            RUBRIC.recommendation("clo_role"),
            addresses=("st_learning_followup",),
            impact=1,
            lead=lead,
        )
        recs = tuple(role if r.id == "clo_role" else r for r in RUBRIC.recommendations)
        return attrs.evolve(RUBRIC, recommendations=recs)

    situation = report(strategy=16.0, values_culture=20.0)
    plain = lm.recommend(weak(False), situation)
    assert step_ids(plain)[0] != "clo_role"
    assert "clo_role" in step_ids(plain)
    led = lm.recommend(weak(True), situation)
    assert step_ids(led)[0] == "clo_role"
    assert sorted(step_ids(led)) == sorted(step_ids(plain))  # same steps, other order
    assert step_ids(lm.recommend(weak(True), situation, limit=1)) == ["clo_role"]


def test_lead_round_trips_and_is_written_only_when_true() -> None:
    role = RUBRIC.recommendation("clo_role")
    assert role.to_dict()["lead"] is True
    assert "lead" not in RUBRIC.recommendation("vc_yes_by_default").to_dict()
    again = lm.read_rubric_bytes(lm.dump_rubric(RUBRIC))
    assert again == RUBRIC
    assert again.fingerprint == RUBRIC.fingerprint
    assert again.fact("learning_owner").choices == ("none", "part_time", "dedicated")


# --- the fact condition ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "value", "holds"),
    [
        (FactCondition("headcount", at_least=50), 50, True),
        (FactCondition("headcount", at_least=50), 49, False),
        (FactCondition("headcount", below=50), 49, True),
        (FactCondition("headcount", at_least=10, below=50), 50, False),
        (FactCondition("owner_executive_link", equals=False), False, True),
        (FactCondition("owner_executive_link", equals=False), True, False),
        (FactCondition("learning_owner", one_of=("none",)), "none", True),
        (FactCondition("learning_owner", equals="none"), "dedicated", False),
    ],
)
def test_fact_tests(condition: FactCondition, value: Any, holds: bool) -> None:
    assert condition.test(value) is holds


def test_a_boolean_is_not_the_number_one() -> None:
    assert not FactCondition("x", equals=1).test(True)
    assert not FactCondition("x", at_least=1).test(True)


def test_a_fact_condition_has_exactly_one_test() -> None:
    with pytest.raises(ValueError, match="exactly one test"):
        FactCondition("headcount")
    with pytest.raises(ValueError, match="exactly one test"):
        FactCondition("headcount", equals=3, at_least=2)


def test_fact_condition_to_dict_round_trips() -> None:
    condition = FactCondition("learning_owner", one_of=("part_time", "dedicated"))
    assert condition.to_dict() == {
        "kind": "fact",
        "fact": "learning_owner",
        "in": ["part_time", "dedicated"],
    }
    unknown = FactCondition("headcount", at_least=1, below=50, if_unknown=True)
    assert unknown.to_dict()["if_unknown"] is True


# --- the facts argument ----------------------------------------------------------------------


def test_facts_keyed_by_organization_are_looked_up() -> None:
    facts = {"org": {"learning_owner": "dedicated"}, "other": {"learning_owner": "none"}}
    result = lm.recommend(RUBRIC, report(strategy=16.0), facts=facts)
    assert step_ids(result)[0] == "clo_mandate"
    given = OrganizationFacts("org", {"learning_owner": "dedicated"})
    assert step_ids(lm.recommend(RUBRIC, report(strategy=16.0), facts=given))[0] == "clo_mandate"
    roadmap = lm.roadmap(RUBRIC, report(strategy=16.0), facts=facts)
    assert roadmap.phases[0].steps[0].id == "clo_mandate"


def test_facts_without_the_reports_organization_are_an_error_with_a_hint() -> None:
    with pytest.raises(
        lm.UnknownOrganizationError,
        match=r"no organization 'org' in the facts \(did you mean 'Org'\?",
    ):
        lm.recommend(RUBRIC, report(strategy=16.0), facts={"Org": {"learning_owner": "none"}})
    with pytest.raises(lm.UnknownOrganizationError, match="about organization 'elsewhere'"):
        lm.recommend(
            RUBRIC, report(), facts=OrganizationFacts("elsewhere", {"learning_owner": "none"})
        )


@pytest.mark.parametrize(
    ("facts", "code", "words"),
    [
        ({"learning_onwer": "none"}, "unknown_fact", "did you mean 'learning_owner'?"),
        ({"learning_owner": "nobody"}, "invalid_fact_value", "is not one of the choices"),
        ({"learning_owner": "Dedicated"}, "invalid_fact_value", "did you mean 'dedicated'?"),
        ({"headcount": 0}, "invalid_fact_value", "is below the minimum 1"),
        ({"headcount": 4.5}, "invalid_fact_value", "is not an integer"),
        ({"owner_executive_link": "yes"}, "invalid_fact_value", "is not true or false"),
    ],
)
def test_bad_fact_values_are_refused(facts: dict[str, Any], code: str, words: str) -> None:
    with pytest.raises(lm.FactsError) as caught:
        lm.recommend(RUBRIC, report(), facts=facts)
    problem = caught.value.problems[0]
    assert problem.code == code
    assert problem.location == ("org", next(iter(facts)))
    assert words in str(caught.value)


def test_facts_of_a_rubric_that_declares_none_are_refused() -> None:
    with pytest.raises(lm.FactsError, match="this rubric declares no facts"):
        lm.recommend(BASE, report(BASE), facts={"learning_owner": "none"})


def test_facts_of_another_type_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="facts: expected a mapping"):
        lm.recommend(RUBRIC, report(), facts=["learning_owner"])  # type: ignore[arg-type]


def test_explain_describes_the_fact_condition() -> None:
    text = lm.explain_recommendation(
        RUBRIC, report(strategy=16.0), "clo_mandate", facts={"learning_owner": "part_time"}
    )
    flat = " ".join(text.split())
    assert "organization fact 'learning_owner' in 'part_time', 'dedicated'" in flat
    assert "(when not given: does not hold) [holds]" in flat
    assert "Status: in the plan: rank 1" in flat


def test_a_none_value_is_a_fact_not_given() -> None:
    result = lm.recommend(RUBRIC, report(strategy=16.0), facts={"learning_owner": None})
    assert "was not given" in result.steps[0].evidence[1].text


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (2.5, None),
        (float("nan"), "is not a finite number"),
        ("3", "is not a number"),
        (True, "is not a number"),
        (-1, "is below the minimum 0"),
        (101, "is above the maximum 100"),
    ],
)
def test_number_facts(value: object, problem: str | None) -> None:
    share = lm.rubric.Fact("share", "number", "Share in %?", minimum=0, maximum=100)
    assert share.problem(value) == problem


def test_organization_facts_to_dict() -> None:
    facts = OrganizationFacts("org", {"headcount": 40})
    assert facts.to_dict() == {"organization": "org", "values": {"headcount": 40}}
    assert facts.get("learning_owner") is None
