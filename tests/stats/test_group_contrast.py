"""Contrasts between groups of organizations: the statistics (estimand, scipy cross-checks,
properties of the range, p-values and effect size)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._assess.compare_groups import ORGANIZATION_SIDES
from lomaturity._stats.group_contrast import (
    FEW_ORGANIZATIONS_COVERAGE,
    MIN_ORGANIZATIONS,
    t_quantile_fast,
)

RESAMPLES = 400


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


def sectors(rubric: lm.Rubric, organizations: int, seed: int) -> lm.Responses:
    rng = np.random.default_rng(seed)
    sim = lm.simulate_responses(
        rubric,
        organizations=organizations,
        respondents=rng.integers(5, 40, size=organizations).tolist(),
        seed=seed,
        sectors={"private": 0.4, "public": 0.0},
    )
    return sim.responses


@pytest.fixture(scope="module")
def panel(rubric: lm.Rubric) -> lm.Responses:
    return sectors(rubric, 30, 11)


@pytest.fixture(scope="module")
def result(rubric: lm.Rubric, panel: lm.Responses) -> lm.results.GroupComparison:
    return lm.compare_groups(rubric, panel, "sector", seed=5, n_resamples=2000)


def organization_overall(rubric: lm.Rubric, panel: lm.Responses) -> dict[str, float]:
    reports = lm.score_organizations(rubric, panel, seed=1, n_resamples=100)
    out = {}
    for name, report in reports.items():
        assert report.overall.value is not None
        out[name] = report.overall.value
    return out


def test_group_score_is_the_unweighted_mean_of_organization_scores(
    rubric: lm.Rubric, panel: lm.Responses, result: lm.results.GroupComparison
) -> None:
    overall = organization_overall(rubric, panel)
    for label, group in result.groups.items():
        expected = np.mean([overall[o] for o in group.organizations])
        assert group.overall == pytest.approx(expected, abs=1e-9)
        assert group.n_organizations == 15
        assert all(
            panel.metadata["sector"][panel.organizations.index(o)] == label
            for o in group.organizations
        )


def test_point_and_range_agree_with_scipy_welch(
    rubric: lm.Rubric, panel: lm.Responses, result: lm.results.GroupComparison
) -> None:
    overall = organization_overall(rubric, panel)
    x = {g: [overall[o] for o in grp.organizations] for g, grp in result.groups.items()}
    welch = scipy.stats.ttest_ind(x["public"], x["private"], equal_var=False)
    c = result.contrast("private", "public").overall
    assert c.difference == pytest.approx(np.mean(x["public"]) - np.mean(x["private"]), abs=1e-9)
    ci = welch.confidence_interval(0.95)
    width = ci.high - ci.low
    assert c.low is not None
    assert c.high is not None
    assert c.p_value is not None
    # a bootstrap range, not a t range: the ends agree to within a tenth of the width
    assert abs(c.low - ci.low) < 0.1 * width
    assert abs(c.high - ci.high) < 0.1 * width
    assert abs((c.high - c.low) - width) < 0.1 * width
    # the p-value is Welch's test on the organization scores, exactly
    assert c.p_value == pytest.approx(welch.pvalue, rel=1e-8)
    assert c.n_first == c.n_second == 15


def test_effect_size_is_hedges_g_on_organization_scores(
    rubric: lm.Rubric, panel: lm.Responses, result: lm.results.GroupComparison
) -> None:
    overall = organization_overall(rubric, panel)
    a = np.array([overall[o] for o in result.groups["private"].organizations])
    b = np.array([overall[o] for o in result.groups["public"].organizations])
    df = a.size + b.size - 2
    sd = math.sqrt(((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1)) / df)
    j = math.gamma(df / 2) / (math.sqrt(df / 2) * math.gamma((df - 1) / 2))
    c = result.contrast("private", "public").overall
    assert c.effect_size == pytest.approx((b.mean() - a.mean()) / sd * j, rel=1e-9)
    assert result.effect_size_kind == "hedges_g_organizations"


@pytest.mark.parametrize("df", [1.0, 2.5, 4.0, 9.3, 30.0, 49.9, 50.0, 250.0, 1e5])
@pytest.mark.parametrize("p", [0.5, 0.9, 0.95, 0.975, 0.9995])
def test_t_quantile_matches_scipy(df: float, p: float) -> None:
    # Newton to 1e-10 below 50 degrees of freedom, Cornish-Fisher to 1e-6 from 50 on
    rel = 1e-10 if df < 50 else 1e-6
    assert t_quantile_fast(p, df) == pytest.approx(scipy.stats.t.ppf(p, df), rel=rel, abs=1e-12)


def test_organization_range_is_wider_than_the_respondent_pooled_range(
    rubric: lm.Rubric, panel: lm.Responses, result: lm.results.GroupComparison
) -> None:
    """The issue's point: pooling respondents ignores the spread between organizations."""
    pooled = lm.Responses(
        indicator_ids=panel.indicator_ids,
        values=panel.values,
        not_applicable=panel.not_applicable,
        respondent_ids=panel.respondent_ids,
        organizations=["panel"] * panel.n_respondents,
        metadata=dict(panel.metadata),
        rubric_key=panel.rubric_key,
        rubric_fingerprint=panel.rubric_fingerprint,
    )
    gap = lm.perception_gap(
        rubric, pooled, by="sector", groups=("public", "private"), seed=1, n_resamples=400
    )
    overall = gap.organizations["panel"].overall
    assert overall is not None
    assert overall.low is not None
    assert overall.high is not None
    c = result.contrast("private", "public").overall
    assert c.low is not None
    assert c.high is not None
    assert (c.high - c.low) > 1.5 * (overall.high - overall.low)


def test_small_p_values_are_resolved_beyond_the_resample_count(rubric: lm.Rubric) -> None:
    """Many contrasts need small p-values: they are not floored at 2 / (B + 1)."""
    sim = lm.simulate_responses(
        rubric, organizations=40, respondents=20, seed=3, sectors={"low": -1.0, "high": 1.0}
    )
    res = lm.compare_groups(rubric, sim.responses, "sector", seed=1, n_resamples=200)
    c = res.contrast("high", "low").overall
    assert c.p_value is not None
    assert c.p_value < 1e-4 < 2 / 201


def test_holm_adjusted_p_values_are_at_least_the_raw_ones(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        rubric,
        organizations=12,
        respondents=10,
        seed=4,
        sectors={"a": 0.0, "b": 0.6, "c": 0.2},
    )
    res = lm.compare_groups(rubric, sim.responses, "sector", seed=2, n_resamples=RESAMPLES)
    assert len(res.contrasts) == 3
    for c in res.contrasts:
        for entry in [c.overall, *c.dimensions.values(), *c.indicators.values()]:
            assert entry.p_value is not None
            assert entry.p_adjusted is not None
            assert entry.p_adjusted >= entry.p_value - 1e-12
            assert 0.0 < entry.p_value <= 1.0
    raw = lm.compare_groups(
        rubric, sim.responses, "sector", seed=2, n_resamples=RESAMPLES, adjust="none"
    )
    assert raw.adjustment == "none"
    assert all(c.overall.p_adjusted is None for c in raw.contrasts)
    # Holm within the family of one score: the smallest p-value times the family size
    ps = sorted(c.overall.p_value or 0.0 for c in raw.contrasts)
    smallest = min(res.contrasts, key=lambda c: c.overall.p_value or 0.0).overall
    assert smallest.p_adjusted == pytest.approx(min(1.0, 3 * ps[0]))


def twin_panel(
    rubric: lm.Rubric, organizations: int, seed: int
) -> tuple[lm.Responses, dict[str, str]]:
    """Every organization twice, once in group 'a' and once (renamed) in group 'b'."""
    sim = lm.simulate_responses(rubric, organizations=organizations, respondents=6, seed=seed)
    r = sim.responses
    twin = lm.Responses(
        indicator_ids=r.indicator_ids,
        values=np.vstack([r.values, r.values]),
        not_applicable=np.vstack([r.not_applicable, r.not_applicable]),
        respondent_ids=[*r.respondent_ids, *(f"t-{i}" for i in r.respondent_ids)],
        organizations=[*r.organizations, *(f"t-{o}" for o in r.organizations)],
        metadata={},
        rubric_key=r.rubric_key,
        rubric_fingerprint=r.rubric_fingerprint,
    )
    mapping = dict.fromkeys(r.organization_ids, "a") | {f"t-{o}": "b" for o in r.organization_ids}
    return twin, mapping


@settings(max_examples=8, deadline=None)
@given(organizations=st.integers(2, 6), seed=st.integers(0, 10_000))
def test_identical_groups_differ_by_zero_and_the_range_holds_zero(
    organizations: int, seed: int
) -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    twin, mapping = twin_panel(rubric, organizations, seed)
    res = lm.compare_groups(rubric, twin, mapping, seed=seed, n_resamples=200)
    c = res.contrast("a", "b")
    for entry in [c.overall, *c.dimensions.values()]:
        assert entry.difference == pytest.approx(0.0, abs=1e-9)
        assert entry.low is not None
        assert entry.high is not None
        assert entry.low <= 0.0 <= entry.high
        # Hedges' g is undefined (None) when the organizations of each group score alike
        assert entry.effect_size is None or entry.effect_size == pytest.approx(0.0, abs=1e-9)


def test_same_distribution_contrasts_centre_on_zero(rubric: lm.Rubric) -> None:
    """Groups drawn from one distribution: over panels the differences average near 0 and
    the ranges hold 0 about as often as their level says."""
    held, diffs = 0, []
    for seed in range(20):
        sim = lm.simulate_responses(
            rubric, organizations=12, respondents=8, seed=seed, sectors={"a": 0.0, "b": 0.0}
        )
        c = (
            lm.compare_groups(rubric, sim.responses, "sector", seed=seed, n_resamples=200)
            .contrast("a", "b")
            .overall
        )
        assert c.low is not None
        assert c.high is not None
        assert c.difference is not None
        held += c.low <= 0.0 <= c.high
        diffs.append(c.difference)
    assert held >= 17  # 95 % ranges: 20 x 0.95 = 19 expected, P(held < 17) ~ 1.6 %
    assert abs(np.mean(diffs)) < 3 * np.std(diffs) / math.sqrt(len(diffs)) + 1.0


def test_swapping_the_groups_negates_the_contrast(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(rubric, organizations=8, respondents=10, seed=9)
    names = sim.responses.organization_ids
    one = {o: ("x" if i % 2 else "y") for i, o in enumerate(names)}
    two = {o: ("y" if i % 2 else "x") for i, o in enumerate(names)}
    a = lm.compare_groups(rubric, sim.responses, one, seed=3, n_resamples=RESAMPLES)
    b = lm.compare_groups(rubric, sim.responses, two, seed=3, n_resamples=RESAMPLES)
    ca, cb = a.contrast("x", "y"), b.contrast("x", "y")
    for ea, eb in zip(
        [ca.overall, *ca.dimensions.values(), *ca.indicators.values()],
        [cb.overall, *cb.dimensions.values(), *cb.indicators.values()],
        strict=True,
    ):
        assert ea.difference == pytest.approx(-(eb.difference or 0.0), abs=1e-9)
        assert ea.low == pytest.approx(-(eb.high or 0.0), abs=1e-9)
        assert ea.high == pytest.approx(-(eb.low or 0.0), abs=1e-9)
        assert ea.p_value == pytest.approx(eb.p_value, abs=1e-12)
        assert ea.effect_size == pytest.approx(-(eb.effect_size or 0.0), abs=1e-9)


def test_results_do_not_depend_on_the_order_of_rows(rubric: lm.Rubric, panel: lm.Responses) -> None:
    order = np.random.default_rng(0).permutation(panel.n_respondents)
    shuffled = panel.select(order)
    assert shuffled.organization_ids != panel.organization_ids
    a = lm.compare_groups(rubric, panel, "sector", seed=8, n_resamples=RESAMPLES)
    b = lm.compare_groups(rubric, shuffled, "sector", seed=8, n_resamples=RESAMPLES)
    assert a.to_dict() == b.to_dict()


def test_vs_rest_pools_every_other_organization(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        rubric, organizations=9, respondents=10, seed=2, sectors={"a": 0.0, "b": 0.5, "c": -0.3}
    )
    res = lm.compare_groups(
        rubric, sim.responses, "sector", contrasts="vs_rest", seed=1, n_resamples=RESAMPLES
    )
    assert [(c.first, c.second) for c in res.contrasts] == [
        ("(all others)", "a"),
        ("(all others)", "b"),
        ("(all others)", "c"),
    ]
    scores = organization_overall(rubric, sim.responses)
    for c in res.contrasts:
        inside = res.groups[c.second].organizations
        rest = [o for o in scores if o not in inside]
        assert c.n_first == 6
        assert c.n_second == 3
        assert c.overall.difference == pytest.approx(
            np.mean([scores[o] for o in inside]) - np.mean([scores[o] for o in rest]), abs=1e-9
        )


def test_every_organization_against_the_panel(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(rubric, organizations=6, respondents=[8, 12, 20, 30, 9, 15], seed=6)
    res = lm.compare_groups(
        rubric, sim.responses, "organization", contrasts="vs_rest", seed=1, n_resamples=RESAMPLES
    )
    assert res.column == "organization"
    assert len(res.contrasts) == 6
    scores = organization_overall(rubric, sim.responses)
    for c in res.contrasts:
        assert (c.n_first, c.n_second) == (5, 1)
        assert "respondent-bootstrap" in c.method
        assert not any(n.code == "one_organization_group" for n in c.notices)
        rest = [v for o, v in scores.items() if o != c.second]
        assert c.overall.difference == pytest.approx(scores[c.second] - np.mean(rest), abs=1e-9)
        assert c.overall.low is not None
        assert c.overall.high is not None
        assert c.overall.difference is not None
        assert c.overall.low < c.overall.difference < c.overall.high


def test_notices_quote_the_documented_coverage() -> None:
    """The figures the few_organizations and organization_sides notices quote are those of
    the coverage study in docs/group-contrasts.md."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "group-contrasts.md").read_text(
        encoding="utf-8"
    )
    page = page.replace("–", "-")
    for figure in ("93.6-94.2", "89.4-90.2", "94.4-95.8", "89.6-91.2"):
        assert figure in FEW_ORGANIZATIONS_COVERAGE
        assert figure in page
    for figure in ("93.6", "93.7", "87.5", "88.7"):
        assert figure in ORGANIZATION_SIDES
        assert figure in page
    assert f"fewer than {MIN_ORGANIZATIONS} organizations" in page
