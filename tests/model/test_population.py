"""The Population record: headcounts per organization, optionally by stratum."""

from __future__ import annotations

import pytest

import lomaturity as lm


def test_totals_and_strata() -> None:
    totals = lm.Population.of({"A": 40, "B": 7})
    entry_a = totals.get("A")
    assert entry_a is not None
    assert entry_a.headcount == 40
    assert totals.get("C") is None
    assert totals.by is None
    strata = lm.Population.of({"A": {"manager": 8, "employee": 32}}, by="role")
    entry = strata.get("A")
    assert entry is not None
    assert entry.headcount == 40
    assert dict(entry.strata)["manager"] == 8
    assert strata.to_dict()["organizations"]["A"]["strata"] == {"manager": 8, "employee": 32}


@pytest.mark.parametrize(
    ("headcounts", "by", "match"),
    [
        ({"A": 0}, None, r"A: 0 is not within 1\.\.10,000,000"),
        ({"A": True}, None, "A: True is not a whole number"),
        ({"A": 4.0}, None, "A: 4.0 is not a whole number"),
        ({"A": {"m": 3}}, None, "need by="),
        ({"A": 40}, "role", "needs headcounts by stratum"),
        ({"A": {"m": -1}}, "role", r"A, m: -1 is not within 0\.\."),
        ({"A": {"m": 0}}, "role", "the strata hold no people"),
        ({}, None, "no organization given"),
    ],
)
def test_bad_headcounts_are_named(
    headcounts: dict[str, object], by: str | None, match: str
) -> None:
    with pytest.raises(lm.ScoringError, match=match):
        lm.Population.of(headcounts, by=by)  # type: ignore[arg-type]


def test_every_problem_is_listed() -> None:
    with pytest.raises(lm.ScoringError) as info:
        lm.Population.of({"A": 0, "B": "x"})  # type: ignore[dict-item]
    assert "A: 0" in str(info.value)
    assert "B: 'x'" in str(info.value)


def test_from_facts() -> None:
    facts = {
        "A": lm.recommendations.OrganizationFacts("A", {"headcount": 40, "managers": 6}),
        "B": lm.recommendations.OrganizationFacts("B", {"learning_owner": "none"}),
    }
    totals = lm.Population.from_facts(facts)
    assert list(totals.organizations) == ["A"]
    assert totals.organizations["A"].headcount == 40
    by_role = lm.Population.from_facts(facts, by_role=True)
    assert by_role.by == "role"
    assert dict(by_role.organizations["A"].strata) == {"manager": 6, "employee": 34}
    with pytest.raises(lm.ScoringError, match="no organization gives the headcount fact"):
        lm.Population.from_facts({"B": facts["B"]})
