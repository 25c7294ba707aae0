"""Group scores within organizations, anonymity suppression and the perception gap."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity
from lomaturity import group_scores, perception_gap
from lomaturity._results.groups import GAP_METHOD, group_key
from lomaturity._stats.options import GAP_AUTO_SMALL, resolve_interval
from lomaturity.results import MISSING_GROUP, GroupBreakdown, PerceptionGap

SEED = 20240601


@pytest.fixture(scope="module")
def rubric() -> lomaturity.Rubric:
    return lomaturity.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def example() -> lomaturity.Responses:
    return lomaturity.example_responses("learning-organization@1.0.0")


def _raw(rubric: lomaturity.Rubric, keyed: np.ndarray) -> np.ndarray:
    """Answers keyed so that high = mature (1..5) -> answers as given (reverse-keyed flipped)."""
    reverse = np.array([i.reverse for i in rubric.indicators])
    return np.where(reverse, 6 - keyed, keyed).astype(np.float64)


def _build(
    rubric: lomaturity.Rubric,
    keyed: np.ndarray,
    *,
    metadata: dict[str, Sequence[str | None]],
    organizations: Sequence[str] | None = None,
    ids: Sequence[str] | None = None,
) -> lomaturity.Responses:
    n = keyed.shape[0]
    return lomaturity.responses_from_array(
        _raw(rubric, keyed),
        rubric,
        respondent_ids=list(ids) if ids is not None else [f"p{i:04d}" for i in range(n)],
        organizations=list(organizations) if organizations is not None else ["acme"] * n,
        metadata=metadata,
    )


def _managers_plus_one(
    rubric: lomaturity.Rubric, n_managers: int = 20, n_employees: int = 20, seed: int = 7
) -> lomaturity.Responses:
    """Employees answer 1..4 at random; each manager copies an employee's pattern plus one."""
    rng = np.random.default_rng(seed)
    k = len(rubric.indicators)
    employees = rng.integers(1, 5, size=(n_employees, k))
    managers = employees[np.arange(n_managers) % n_employees] + 1
    keyed = np.vstack([managers, employees])
    roles = ["manager"] * n_managers + ["employee"] * n_employees
    return _build(rubric, keyed, metadata={"role": roles})


def _json(obj: Any) -> str:
    return json.dumps(obj.to_dict(), allow_nan=False, sort_keys=True)


def _rename(responses: lomaturity.Responses, name: str) -> lomaturity.Responses:
    return attrs.evolve(responses, organizations=[name] * responses.n_respondents)


# --------------------------------------------------------------------------- group scores


def test_group_scores_equal_scoring_the_subset(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    breakdown = group_scores(rubric, example, "team", seed=SEED, n_resamples=300)
    assert isinstance(breakdown, GroupBreakdown)
    assert list(breakdown) == list(example.organization_ids)
    org = "quanta-software"
    teams = example.metadata["team"]
    for value, group in breakdown[org].groups.items():
        rows = [
            i
            for i, (o, t) in enumerate(zip(example.organizations, teams, strict=True))
            if o == org and t == value
        ]
        subset = _rename(example.select(rows), group_key(org, "team", value))
        # group scores carry no agreement: compare with the subset scored without it
        direct = lomaturity.score(
            rubric,
            subset,
            seed=SEED,
            n_resamples=300,
            agreement=False,
        )
        assert isinstance(direct, lomaturity.Report)
        assert group.n_respondents == len(rows)
        assert not group.suppressed
        assert group.overall == direct.overall
        assert group.dimensions == direct.dimensions
        assert group.indicators == direct.indicators
        assert group.notices == direct.notices
        assert group.stage == (None if direct.stage is None else direct.stage.id)


def test_group_counts_add_up(rubric: lomaturity.Rubric, example: lomaturity.Responses) -> None:
    breakdown = group_scores(rubric, example, "role", seed=SEED, n_resamples=200)
    for org, groups in breakdown.items():
        n = sum(o == org for o in example.organizations)
        assert groups.n_respondents == n
        assert sum(g.n_respondents for g in groups.groups.values()) == n
        assert list(groups.groups) == ["employee", "manager"]


def _suppression_data(rubric: lomaturity.Rubric) -> lomaturity.Responses:
    rng = np.random.default_rng(3)
    teams: list[str | None] = ["alpha"] * 8 + ["beta"] * 3 + ["gamma"] * 6 + [None] * 2
    keyed = rng.integers(1, 5, size=(len(teams), len(rubric.indicators)))
    keyed[8:11] = 5  # only the small team 'beta' answers 5: its scores would be 100
    return _build(rubric, keyed, metadata={"team": teams})


def test_small_groups_are_suppressed_with_count_and_reason(rubric: lomaturity.Rubric) -> None:
    responses = _suppression_data(rubric)
    groups = group_scores(rubric, responses, "team", seed=SEED, n_resamples=200)["acme"]
    assert list(groups.groups) == ["alpha", "beta", "gamma", MISSING_GROUP]
    assert {k: g.n_respondents for k, g in groups.groups.items()} == {
        "alpha": 8,
        "beta": 3,
        "gamma": 6,
        MISSING_GROUP: 2,
    }
    # beta (3) and the blank group (2) are below 5; together they hold 5: no more needed.
    assert set(groups.suppressed) == {"beta", MISSING_GROUP}
    assert set(groups.shown) == {"alpha", "gamma"}
    for value in ("beta", MISSING_GROUP):
        g = groups.groups[value]
        assert g.overall is None
        assert g.dimensions == {}
        assert g.indicators == {}
        assert g.stage is None
        assert g.reason is not None
        assert str(g.n_respondents) in g.reason
        assert "minimum group size of 5" in g.reason
        assert g.to_dict() == {
            "group": value,
            "n_respondents": g.n_respondents,
            "suppressed": True,
            "reason": g.reason,
        }
    assert [n.code for n in groups.notices] == ["group_suppressed", "group_suppressed"]
    assert [n.subject for n in groups.notices] == ["beta", MISSING_GROUP]


def test_suppressed_scores_do_not_leak(rubric: lomaturity.Rubric) -> None:
    responses = _suppression_data(rubric)
    text = _json(
        group_scores(rubric, responses, "team", seed=SEED, n_resamples=200, interval="percentile")
    )
    # beta's score would be exactly 100 everywhere; no score or range in the output says 100.
    payload = json.loads(text)["organizations"]["acme"]["groups"]
    values = [
        s[key]
        for g in payload.values()
        if not g["suppressed"]
        for s in [g["overall"], *g["dimensions"].values(), *g["indicators"].values()]
        for key in ("value", "low", "high")
    ]
    assert all(v is None or v < 100 for v in values)
    assert "beta" in text
    assert set(payload["beta"]) == {"group", "n_respondents", "suppressed", "reason"}


def test_complementary_suppression(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(5)
    teams = ["alpha"] * 9 + ["beta"] * 3 + ["gamma"] * 6 + ["delta"] * 7
    keyed = rng.integers(1, 6, size=(len(teams), len(rubric.indicators)))
    responses = _build(rubric, keyed, metadata={"team": teams})
    groups = group_scores(rubric, responses, "team", seed=SEED, n_resamples=200)["acme"]
    # beta (3) alone could be derived from the total minus the others: gamma (smallest
    # shown group) is withheld too, so only the 9 respondents of beta + gamma are implied.
    assert set(groups.suppressed) == {"beta", "gamma"}
    reason = groups.groups["gamma"].reason
    assert reason is not None
    assert "complementary" in reason
    assert "'beta'" in reason
    plain = group_scores(
        rubric, responses, "team", seed=SEED, n_resamples=200, complementary=False
    )["acme"]
    assert set(plain.suppressed) == {"beta"}


def test_every_group_small(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(2)
    teams = ["a", "a", "b", "b", "c"]
    keyed = rng.integers(1, 6, size=(5, len(rubric.indicators)))
    responses = _build(rubric, keyed, metadata={"team": teams})
    groups = group_scores(rubric, responses, "team", seed=SEED, n_resamples=200)["acme"]
    assert groups.shown == {}
    assert [g.n_respondents for g in groups.groups.values()] == [2, 2, 1]
    json.dumps(groups.to_dict(), allow_nan=False)


def test_min_group_size_one_scores_singletons(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(2)
    keyed = rng.integers(1, 6, size=(4, len(rubric.indicators)))
    responses = _build(rubric, keyed, metadata={"team": ["a", "b", "b", "b"]})
    groups = group_scores(rubric, responses, "team", min_group_size=1, seed=SEED, n_resamples=200)[
        "acme"
    ]
    assert groups.suppressed == {}
    assert groups.groups["a"].notices[0].code == "self_assessment"
    assert "indicator-bootstrap" in groups.interval.method


def test_organization_filter_and_accessor(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    one = group_scores(rubric, example, "team", organization="brightloom-design", seed=SEED)
    assert list(one) == ["brightloom-design"]
    everyone = group_scores(rubric, example, "team", seed=SEED)
    assert one.for_organization("brightloom-design") == everyone["brightloom-design"]
    with pytest.raises(lomaturity.UnknownOrganizationError, match="brightloom-design"):
        everyone.for_organization("brightloom")
    with pytest.raises(lomaturity.UnknownOrganizationError, match="did you mean 'quanta-software'"):
        group_scores(rubric, example, "team", organization="quanta-sofware")


def test_group_evidence_on_a_report_round_trips(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    reports = lomaturity.score_organizations(rubric, example, seed=SEED, n_resamples=200)
    groups = group_scores(rubric, example, "team", seed=SEED, n_resamples=200)
    gaps = perception_gap(rubric, example, seed=SEED, n_resamples=200)
    org = "harbor-city-agency"
    report = attrs.evolve(
        reports[org],
        groups=groups.for_organization(org),
        perception_gap=gaps[org],
    )
    payload = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert payload["groups"]["column"] == "team"
    assert payload["perception_gap"]["first"] == "manager"


def test_unknown_column(rubric: lomaturity.Rubric, example: lomaturity.Responses) -> None:
    with pytest.raises(lomaturity.ScoringError) as info:
        group_scores(rubric, example, "teem")
    message = str(info.value)
    assert "'teem'" in message
    assert "did you mean 'team'" in message
    assert "'role'" in message
    assert "'team'" in message
    with pytest.raises(lomaturity.ScoringError, match=r"'Role'.*did you mean 'role'"):
        perception_gap(rubric, example, by="Role")
    with pytest.raises(lomaturity.ScoringError, match="within each organization"):
        group_scores(rubric, example, "organization")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"min_group_size": 0}, "min_group_size"),
        ({"min_group_size": True}, "min_group_size"),
        ({"confidence": 1.5}, "confidence"),
        ({"n_resamples": 10}, "n_resamples"),
        ({"seed": -1}, "seed"),
    ],
)
def test_bad_options(
    rubric: lomaturity.Rubric,
    example: lomaturity.Responses,
    kwargs: dict[str, Any],
    match: str,
) -> None:
    with pytest.raises(lomaturity.ScoringError, match=match):
        group_scores(rubric, example, "team", **kwargs)
    with pytest.raises(lomaturity.ScoringError, match=match):
        perception_gap(rubric, example, **kwargs)


def test_bad_gap_groups(rubric: lomaturity.Rubric, example: lomaturity.Responses) -> None:
    with pytest.raises(lomaturity.ScoringError, match="did you mean 'manager'"):
        perception_gap(rubric, example, groups=("managers", "employee"))
    with pytest.raises(lomaturity.ScoringError, match="same group twice"):
        perception_gap(rubric, example, groups=("manager", "manager"))
    with pytest.raises(lomaturity.ScoringError, match="pair"):
        perception_gap(rubric, example, groups="manager")


# --------------------------------------------------------------------------- perception gap


def test_gap_plus_one_scale_point_is_25(rubric: lomaturity.Rubric) -> None:
    responses = _managers_plus_one(rubric)
    result = perception_gap(rubric, responses, seed=SEED, n_resamples=1000)
    assert isinstance(result, PerceptionGap)
    gap = result["acme"]
    assert not gap.suppressed
    assert (gap.n_first, gap.n_second) == (20, 20)
    for g in [gap.overall, *gap.dimensions.values(), *gap.indicators.values()]:
        assert g is not None
        assert g.difference == pytest.approx(25.0, abs=1e-9)
        assert g.first is not None
        assert g.second is not None
        assert g.first - g.second == pytest.approx(25.0, abs=1e-9)
    assert gap.overall is not None
    assert gap.overall.excludes_zero
    assert gap.overall.low is not None
    assert gap.overall.high is not None
    assert 0 < gap.overall.low < 25 < gap.overall.high
    assert all(g.excludes_zero for g in gap.dimensions.values())
    found = [n for n in gap.notices if n.code != "few_in_group"]
    assert [n.code for n in found] == ["perception_gap"] * 5
    assert "'manager' rates overall 25.0 points higher" in found[0].message
    # Reversing the groups flips the sign and mirrors the range.
    flipped = perception_gap(
        rubric, responses, groups=("employee", "manager"), seed=SEED, n_resamples=1000
    )["acme"].overall
    assert flipped is not None
    assert flipped.difference == pytest.approx(-25.0)
    assert flipped.excludes_zero
    assert flipped.high is not None
    assert flipped.high < 0


def test_gap_range_combines_both_groups(rubric: lomaturity.Rubric) -> None:
    """The stratified range is about as wide as the two group ranges combined in quadrature."""
    responses = _managers_plus_one(rubric, n_managers=15, n_employees=40)
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=4000)["acme"]
    groups = group_scores(rubric, responses, "role", seed=SEED, n_resamples=4000)["acme"]
    widths = []
    for value in ("manager", "employee"):
        overall = groups.groups[value].overall
        assert overall is not None
        assert overall.low is not None
        assert overall.high is not None
        widths.append(overall.high - overall.low)
    assert gap.overall is not None
    assert gap.overall.low is not None
    assert gap.overall.high is not None
    expected = math.hypot(*widths)
    assert gap.overall.high - gap.overall.low == pytest.approx(expected, rel=0.15)
    assert gap.overall.first == groups.groups["manager"].overall.value  # type: ignore[union-attr]


def test_identical_groups_have_no_gap(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(11)
    k = len(rubric.indicators)
    same = rng.integers(1, 6, size=(12, k))
    responses = _build(
        rubric, np.vstack([same, same]), metadata={"role": ["manager"] * 12 + ["employee"] * 12}
    )
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=1000)["acme"]
    for g in [gap.overall, *gap.dimensions.values(), *gap.indicators.values()]:
        assert g is not None
        assert g.difference == 0.0
        assert g.low is not None
        assert g.high is not None
        assert g.low < 0 < g.high
        assert not g.excludes_zero
    assert [n.code for n in gap.notices if n.code != "few_in_group"] == []


def test_same_population_range_includes_zero(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(12)
    k = len(rubric.indicators)
    person = rng.normal(0, 0.5, size=(60, 1))
    keyed = np.clip(np.rint(3 + person + rng.normal(0, 0.8, size=(60, k))), 1, 5).astype(int)
    responses = _build(rubric, keyed, metadata={"role": ["manager", "employee"] * 30})
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=2000)["acme"]
    assert gap.overall is not None
    assert gap.overall.low is not None
    assert gap.overall.high is not None
    assert gap.overall.low < 0 < gap.overall.high
    assert not gap.overall.excludes_zero


def test_gap_suppressed_when_a_group_is_small(rubric: lomaturity.Rubric) -> None:
    responses = _managers_plus_one(rubric, n_managers=3, n_employees=20)
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=200)["acme"]
    assert gap.suppressed
    assert (gap.n_first, gap.n_second) == (3, 20)
    assert gap.overall is None
    assert gap.dimensions == {}
    assert gap.indicators == {}
    assert gap.reason is not None
    assert "'manager' has 3 respondent(s)" in gap.reason
    assert [n.code for n in gap.notices] == ["perception_gap_suppressed"]
    payload = gap.to_dict()
    assert "overall" not in payload
    assert "indicators" not in payload
    assert payload["reason"] == gap.reason
    # A lower threshold lets it through.
    shown = perception_gap(rubric, responses, min_group_size=3, seed=SEED, n_resamples=200)
    assert not shown["acme"].suppressed


def test_gap_withheld_when_it_would_reveal_a_small_third_group(
    rubric: lomaturity.Rubric,
) -> None:
    """Manager and employee scores plus the total would reveal 2 blank-role respondents."""
    base = _managers_plus_one(rubric, n_managers=6, n_employees=20)
    roles: list[str | None] = list(base.metadata["role"])
    roles[-2:] = [None, None]
    responses = attrs.evolve(base, metadata={"role": roles})
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=200)["acme"]
    assert gap.suppressed
    assert gap.reason is not None
    assert "'manager'" in gap.reason
    assert "complementary" in gap.reason
    groups = group_scores(rubric, responses, "role", seed=SEED, n_resamples=200)["acme"]
    assert set(groups.suppressed) == {"manager", MISSING_GROUP}
    loose = perception_gap(rubric, responses, seed=SEED, n_resamples=200, complementary=False)
    assert not loose["acme"].suppressed


def test_gap_needs_two_respondents_even_at_size_one(rubric: lomaturity.Rubric) -> None:
    responses = _managers_plus_one(rubric, n_managers=1, n_employees=10)
    gap = perception_gap(rubric, responses, min_group_size=1, seed=SEED, n_resamples=200)
    assert gap["acme"].suppressed
    assert "minimum group size of 2" in (gap["acme"].reason or "")


def test_gap_group_absent_in_one_organization(rubric: lomaturity.Rubric) -> None:
    rng = np.random.default_rng(4)
    k = len(rubric.indicators)
    keyed = rng.integers(1, 6, size=(20, k))
    roles = ["manager"] * 5 + ["employee"] * 5 + ["employee"] * 10
    orgs = ["a"] * 10 + ["b"] * 10
    responses = _build(rubric, keyed, metadata={"role": roles}, organizations=orgs)
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=200)
    assert not gap["a"].suppressed
    assert gap["b"].suppressed
    assert gap["b"].n_first == 0


def test_gap_with_unscorable_parts(rubric: lomaturity.Rubric) -> None:
    """An indicator nobody in one group answered has no gap and says why; no warnings."""
    responses = _managers_plus_one(rubric, n_managers=6, n_employees=6)
    values = np.array(responses.values)
    values[:6, 0] = np.nan  # managers skip the first indicator
    responses = attrs.evolve(responses, values=values)
    gap = perception_gap(rubric, responses, seed=SEED, n_resamples=200)["acme"]
    first = gap.indicators[rubric.indicators[0].id]
    assert first.difference is None
    assert first.low is None
    assert not first.excludes_zero
    assert first.reason is not None
    assert "manager" in first.reason
    assert gap.overall is not None
    assert gap.overall.difference is not None
    json.dumps(gap.to_dict(), allow_nan=False)


def test_example_managers_rate_higher(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    gaps = perception_gap(rubric, example, seed=SEED)
    assert gaps.groups == ("manager", "employee")
    for org, gap in gaps.items():
        assert not gap.suppressed, org
        assert gap.overall is not None
        assert gap.overall.difference is not None
        assert gap.overall.difference > 0, org
        assert gap.interval.method == GAP_METHOD
        smaller = min(gap.n_first, gap.n_second)
        assert gap.interval.kind == resolve_interval("auto", smaller, small=GAP_AUTO_SMALL)
    # The big organizations show a clear gap overall.
    for org in ("nordwind-manufacturing", "harbor-city-agency"):
        overall = gaps[org].overall
        assert overall is not None
        assert overall.excludes_zero
        assert gaps[org].notices[0].subject == "overall"


# --------------------------------------------------------------------------- invariances


def _shuffled(responses: lomaturity.Responses, seed: int) -> lomaturity.Responses:
    order = np.random.default_rng(seed).permutation(responses.n_respondents)
    return responses.select(order)


def test_row_order_does_not_matter(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    shuffled = _shuffled(example, 1)
    assert _json(group_scores(rubric, example, "team", seed=SEED, n_resamples=300)) == _json(
        group_scores(rubric, shuffled, "team", seed=SEED, n_resamples=300)
    )
    assert _json(perception_gap(rubric, example, seed=SEED, n_resamples=300)) == _json(
        perception_gap(rubric, shuffled, seed=SEED, n_resamples=300)
    )


def test_seed_reproducibility(rubric: lomaturity.Rubric, example: lomaturity.Responses) -> None:
    a = perception_gap(rubric, example, seed=SEED, n_resamples=300)
    b = perception_gap(rubric, example, seed=SEED, n_resamples=300)
    c = perception_gap(rubric, example, seed=SEED + 1, n_resamples=300)
    assert _json(a) == _json(b)
    assert _json(a) != _json(c)
    org = "quanta-software"
    first, other = a[org].overall, c[org].overall
    assert first is not None
    assert other is not None
    # Another seed moves the range, not the estimate.
    assert first.difference == other.difference
    assert (first.low, first.high) != (other.low, other.high)
    g1 = group_scores(rubric, example, "team", seed=SEED, n_resamples=300)
    g2 = group_scores(rubric, example, "team", seed=SEED, n_resamples=300)
    assert _json(g1) == _json(g2)
    unseeded = group_scores(rubric, example, "team", n_resamples=300)
    again = group_scores(rubric, example, "team", n_resamples=300, seed=unseeded.options.seed)
    assert _json(unseeded) == _json(again)


def test_adding_an_organization_changes_nothing_else(
    rubric: lomaturity.Rubric, example: lomaturity.Responses
) -> None:
    org = "brightloom-design"
    alone = example.for_organization(org)
    assert _json(perception_gap(rubric, alone, seed=SEED, n_resamples=300)[org]) == _json(
        perception_gap(rubric, example, seed=SEED, n_resamples=300)[org]
    )


def test_json_ready(rubric: lomaturity.Rubric, example: lomaturity.Responses) -> None:
    for result in (
        group_scores(rubric, example, "team", seed=SEED, n_resamples=200, interval="bca"),
        group_scores(rubric, example, "role", seed=SEED, n_resamples=200),
        perception_gap(rubric, example, seed=SEED, n_resamples=200),
    ):
        text = json.dumps(result.to_dict(), allow_nan=False)
        assert "NaN" not in text
    kinds = group_scores(rubric, example, "team", seed=SEED, n_resamples=200, interval="bca")
    assert all(g.interval.kind == "bca" for g in kinds.values())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    n=st.integers(2, 25),
    min_group_size=st.integers(1, 8),
)
def test_property_suppression_and_counts(
    rubric: lomaturity.Rubric, data: st.DataObject, n: int, min_group_size: int
) -> None:
    teams = data.draw(st.lists(st.sampled_from(["x", "y", "z", None]), min_size=n, max_size=n))
    seed = data.draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    keyed = rng.integers(1, 6, size=(n, len(rubric.indicators)))
    responses = _build(rubric, keyed, metadata={"team": teams})
    groups = group_scores(
        rubric, responses, "team", min_group_size=min_group_size, seed=1, n_resamples=100
    )["acme"]
    assert sum(g.n_respondents for g in groups.groups.values()) == n
    suppressed_total = sum(g.n_respondents for g in groups.suppressed.values())
    for g in groups.groups.values():
        if g.n_respondents < min_group_size:
            assert g.suppressed
            assert g.overall is None
        if g.suppressed:
            assert g.reason
            assert g.indicators == {}
        else:
            assert g.overall is not None
    # Whatever is withheld is either nothing, everything, or at least one group's worth.
    assert suppressed_total == 0 or suppressed_total >= min_group_size or groups.shown == {}
    json.dumps(groups.to_dict(), allow_nan=False)
