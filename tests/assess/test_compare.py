"""lm.compare: two organizations or two survey waves, through the public API."""

from __future__ import annotations

import json
import math
from typing import Literal

import numpy as np
import pytest
from attrs import evolve
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import make_rubric
from lomaturity.results import ComparisonSet, ReportSet

B = 300
DIMS = {"d1": ["a1", "a2", "a3"], "d2": ["b1", "b2"]}


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def panel() -> lm.Responses:
    return lm.example_responses("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def tiny() -> lm.Rubric:
    return make_rubric(DIMS)


def waves(
    rubric: lm.Rubric, n: int = 20, shift: float = 0.4, organizations: int = 1, seed: int = 7
) -> tuple[lm.Responses, lm.Responses]:
    """Two waves answered by the same people (same ids), the second shifted upward."""
    first = lm.simulate_responses(
        rubric, organizations=organizations, respondents=n, seed=seed, team_sd=0.0
    )
    second = lm.simulate_responses(
        rubric,
        organizations=organizations,
        respondents=n,
        seed=seed,
        team_sd=0.0,
        maturity_mean=shift,
    )
    return first.responses, second.responses


def random_responses(tiny: lm.Rubric, n: int, seed: int, org: str = "acme") -> lm.Responses:
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(n, 5)).astype(float)
    values[rng.random(values.shape) < 0.1] = np.nan
    values[:, 0] = rng.integers(1, 6, size=n)  # every respondent answers something
    return lm.responses_from_array(
        values, tiny, organizations=[org] * n, respondent_ids=[f"p{i:03d}" for i in range(n)]
    )


# ------------------------------------------------------------------- point estimates


def test_sides_are_the_scores_of_lm_score(rubric: lm.Rubric, panel: lm.Responses) -> None:
    a = panel.for_organization("brightloom-design")
    b = panel.for_organization("nordwind-manufacturing")
    c = lm.compare(a, b, rubric=rubric, seed=3, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    first = lm.score(rubric, a, seed=3, n_resamples=B, agreement=False)
    second = lm.score(rubric, b, seed=3, n_resamples=B, agreement=False)
    assert (c.first, c.second, c.organization) == (
        "brightloom-design",
        "nordwind-manufacturing",
        None,
    )
    assert c.overall.first == first.overall.value
    assert c.overall.second == second.overall.value
    for k, contrast in c.dimensions.items():
        assert contrast.first == first.dimensions[k].value
        assert contrast.second == second.dimensions[k].value
        assert contrast.first_stage == first.dimensions[k].stage
        assert contrast.difference == pytest.approx(
            second.dimensions[k].value - first.dimensions[k].value  # type: ignore[operator]
        )
    for k, contrast in c.indicators.items():
        assert contrast.first == first.indicators[k].value
    assert c.method == "independent-respondent-bootstrap"
    assert c.effect_size_kind == "hedges_g"
    assert c.adjustment == "holm"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    n=st.integers(2, 15), seed=st.integers(0, 2**32 - 1), paired=st.sampled_from([False, "auto"])
)
@example(n=2, seed=1873, paired="auto")  # the overall score not scorable on either side
def test_identical_samples_differ_by_zero(
    tiny: lm.Rubric, n: int, seed: int, paired: object
) -> None:
    responses = random_responses(tiny, n, seed)
    c = lm.compare(responses, responses, rubric=tiny, seed=seed, n_resamples=200, paired=paired)  # type: ignore[call-overload]
    assert isinstance(c, lm.Comparison)
    for contrast in [c.overall, *c.dimensions.values(), *c.indicators.values()]:
        if contrast.difference is None:
            continue
        assert contrast.difference == 0.0
        assert contrast.low is not None
        assert contrast.high is not None
        assert contrast.low <= 0.0 <= contrast.high
        assert contrast.stage_changed in (False, None)
    if paired == "auto":  # the same people, the same answers: no difference in any resample
        assert c.paired
        for contrast in [c.overall, *c.dimensions.values()]:
            if contrast.difference is None:  # e.g. not scorable with 2 respondents
                continue
            assert contrast.low == contrast.high == 0.0
            assert contrast.p_value == 1.0


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(n=st.integers(4, 15), seed=st.integers(0, 2**32 - 1))
def test_paired_and_independent_share_the_estimate_and_pairing_narrows_the_range(
    tiny: lm.Rubric, n: int, seed: int
) -> None:
    first = random_responses(tiny, n, seed)
    # The same people one answer category higher (where the scale allows): strongly correlated.
    shifted = np.where(np.isnan(first.values), np.nan, np.minimum(first.values + 1, 5))
    second = lm.responses_from_array(
        shifted, tiny, organizations=first.organizations, respondent_ids=first.respondent_ids
    )
    options = {"rubric": tiny, "seed": seed, "n_resamples": 200}
    paired = lm.compare(first, second, paired=True, **options)  # type: ignore[call-overload]
    independent = lm.compare(first, second, paired=False, **options)  # type: ignore[call-overload]
    assert paired.paired
    assert not independent.paired
    assert paired.overall.difference == independent.overall.difference
    assert paired.overall.difference >= 0
    assert paired.overall.high - paired.overall.low <= (
        independent.overall.high - independent.overall.low
    )


def test_swapping_sides_negates_the_differences(rubric: lm.Rubric) -> None:
    one, two = waves(rubric)
    ab = lm.compare(one, two, rubric=rubric, seed=1, n_resamples=B)
    ba = lm.compare(two, one, rubric=rubric, seed=1, n_resamples=B)
    assert isinstance(ab, lm.Comparison)
    assert isinstance(ba, lm.Comparison)
    assert ab.paired
    for x, y in zip(
        [ab.overall, *ab.dimensions.values()], [ba.overall, *ba.dimensions.values()], strict=True
    ):
        assert x.difference == pytest.approx(-y.difference)  # type: ignore[operator]
        # paired: one resample of the union serves both orders, so the ranges mirror exactly
        assert x.low == pytest.approx(-y.high)  # type: ignore[operator]
        assert x.high == pytest.approx(-y.low)  # type: ignore[operator]
        assert x.effect_size == pytest.approx(-y.effect_size)  # type: ignore[operator]


def test_paired_ranges_are_narrower_for_correlated_waves(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=25)
    paired = lm.compare(one, two, rubric=rubric, seed=2, n_resamples=B)
    independent = lm.compare(one, two, rubric=rubric, seed=2, n_resamples=B, paired=False)
    assert isinstance(paired, lm.Comparison)
    assert isinstance(independent, lm.Comparison)
    assert paired.method == "paired-respondent-bootstrap"
    assert paired.effect_size_kind == "d_av"
    assert paired.n_paired == 25
    assert independent.method == "independent-respondent-bootstrap"
    assert independent.n_paired == 0
    assert paired.overall.difference == independent.overall.difference

    def width(c: lm.Comparison) -> float:
        assert c.overall.low is not None
        assert c.overall.high is not None
        return c.overall.high - c.overall.low

    assert width(paired) < 0.5 * width(independent)
    assert paired.overall.excludes_zero
    assert any(n.code == "paired_by_id" for n in paired.notices)


def test_partial_overlap_pairs_the_people_in_both_waves(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=30)
    first = one.select(np.arange(0, 24))  # 6 left after the first wave
    second = two.select(np.arange(6, 30))  # 6 joined (ids of the first wave's 6 dropped)
    c = lm.compare(first, second, rubric=rubric, seed=4, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    assert c.paired
    assert (c.n_first, c.n_second, c.n_paired) == (24, 24, 18)
    notice = next(n for n in c.notices if n.code == "paired_by_id")
    assert "18 respondent(s)" in notice.message
    full = lm.compare(one, two, rubric=rubric, seed=4, n_resamples=B)
    assert isinstance(full, lm.Comparison)
    assert c.overall.low is not None
    assert c.overall.low <= c.overall.difference <= c.overall.high  # type: ignore[operator]


def test_paired_true_needs_recurring_ids(rubric: lm.Rubric, panel: lm.Responses) -> None:
    a = panel.for_organization("brightloom-design")
    b = panel.for_organization("nordwind-manufacturing")
    with pytest.raises(lm.ScoringError, match="no respondent id recurs"):
        lm.compare(a, b, rubric=rubric, paired=True, n_resamples=B)


def test_seeded_results_repeat_and_do_not_depend_on_order(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=12, organizations=3)
    whole = lm.compare(one, two, rubric=rubric, seed=9, n_resamples=B)
    again = lm.compare(one, two, rubric=rubric, seed=9, n_resamples=B)
    assert isinstance(whole, ComparisonSet)
    assert whole.to_records() == again.to_records()
    alone = lm.compare(one, two, rubric=rubric, seed=9, n_resamples=B, organization="org-0002")
    assert isinstance(alone, lm.Comparison)
    reversed_rows = one.select(np.arange(one.n_respondents)[::-1])
    shuffled = lm.compare(reversed_rows, two, rubric=rubric, seed=9, n_resamples=B)
    assert isinstance(shuffled, ComparisonSet)
    for x, y, z in zip(
        [whole["org-0002"].overall, *whole["org-0002"].indicators.values()],
        [alone.overall, *alone.indicators.values()],
        [shuffled["org-0002"].overall, *shuffled["org-0002"].indicators.values()],
        strict=True,
    ):
        assert (x.difference, x.low, x.high, x.p_value) == (y.difference, y.low, y.high, y.p_value)
        assert (x.difference, x.low, x.high, x.p_value) == (z.difference, z.low, z.high, z.p_value)


def test_a_panel_is_adjusted_across_organizations_with_holm(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=8, organizations=4, shift=0.15)
    result = lm.compare(one, two, rubric=rubric, seed=5, n_resamples=B)
    assert isinstance(result, ComparisonSet)
    assert list(result) == ["org-0001", "org-0002", "org-0003", "org-0004"]

    def pick(c: lm.Comparison, score_id: str) -> lm.results.Contrast:
        if score_id == "overall":
            return c.overall
        return c.dimensions.get(score_id) or c.indicators[score_id]

    for score_id in ["overall", "values_culture", rubric.indicator_ids[0]]:
        p = np.array([pick(c, score_id).p_value for c in result.values()], dtype=float)
        # Holm by hand: sorted ascending, (m - i) p_(i), running maximum, capped at 1.
        order = np.argsort(p, kind="stable")
        expected = np.empty(4)
        expected[order] = np.minimum(1, np.maximum.accumulate((4 - np.arange(4)) * p[order]))
        got = np.array([pick(c, score_id).p_adjusted for c in result.values()], dtype=float)
        assert got == pytest.approx(expected)
    assert all(c.adjustment_family == "organizations" for c in result.values())
    none = lm.compare(one, two, rubric=rubric, seed=5, n_resamples=B, adjust="none")
    assert isinstance(none, ComparisonSet)
    assert all(c.overall.p_adjusted is None and c.adjustment is None for c in none.values())


def test_a_single_comparison_is_adjusted_within_each_level(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=10)
    c = lm.compare(one, two, rubric=rubric, seed=5, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    assert c.overall.p_adjusted == c.overall.p_value
    p = np.array([d.p_value for d in c.dimensions.values()], dtype=float)
    adjusted = np.array([d.p_adjusted for d in c.dimensions.values()], dtype=float)
    assert (adjusted >= p).all()
    assert adjusted.min() == pytest.approx(min(1.0, p.size * p.min()))


# ------------------------------------------------------------------------- reports


def test_two_reports_are_compared_by_mover(rubric: lm.Rubric, panel: lm.Responses) -> None:
    reports = lm.score_organizations(rubric, panel, seed=1, n_resamples=B)
    a, b = reports["brightloom-design"], reports["quanta-software"]
    c = lm.compare(a, b)
    assert isinstance(c, lm.Comparison)
    assert c.method == "report-mover"
    v1, l1, u1 = a.overall.value, a.overall.low, a.overall.high
    v2, l2, u2 = b.overall.value, b.overall.low, b.overall.high
    d = v2 - v1  # type: ignore[operator]
    assert c.overall.difference == pytest.approx(d)
    assert c.overall.low == pytest.approx(d - math.hypot(v2 - l2, u1 - v1))  # type: ignore[operator]
    assert c.overall.high == pytest.approx(d + math.hypot(u2 - v2, v1 - l1))  # type: ignore[operator]
    assert c.interval.confidence == 0.95
    both = lm.compare(reports, reports, organization="quanta-software")
    assert isinstance(both, lm.Comparison)
    assert both.overall.difference == 0.0
    assert any(n.code == "reports_independent" for n in both.notices)


def test_report_sets_pair_organizations_by_name(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=10, organizations=3)
    first = lm.score_organizations(rubric, one, seed=1, n_resamples=B, agreement=False)
    second = lm.score_organizations(rubric, two, seed=1, n_resamples=B, agreement=False)
    result = lm.compare(first, second)
    assert isinstance(result, ComparisonSet)
    assert list(result) == list(first)
    assert result["org-0001"].organization == "org-0001"
    paired = lm.compare(one, two, rubric=rubric, seed=1, n_resamples=B)
    assert isinstance(paired, ComparisonSet)
    # reports cannot pair: their ranges are wider than the paired bootstrap's
    mover, boot = result["org-0001"].overall, paired["org-0001"].overall
    assert mover.high - mover.low > boot.high - boot.low  # type: ignore[operator]


def test_reports_with_other_levels_or_options_are_refused(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    a = lm.score(rubric, panel, organization="quanta-software", seed=1, n_resamples=B)
    b = lm.score(
        rubric, panel, organization="brightloom-design", seed=1, n_resamples=B, confidence=0.9
    )
    with pytest.raises(lm.ScoringError, match="different confidence levels"):
        lm.compare(a, b)
    with pytest.raises(lm.ScoringError, match="reports keep the options"):
        lm.compare(a, a, seed=3)  # type: ignore[call-overload]


# ------------------------------------------------------------------------- refusals


def test_different_rubrics_are_refused(tiny: lm.Rubric) -> None:
    other_id = make_rubric(DIMS, rubric_id="other-rubric")
    other_content = make_rubric(DIMS, points=7)  # same id@version, other scale
    responses = random_responses(tiny, 6, 1)
    with pytest.raises(
        lm.ScoringError, match=r"the second responses: .*read for rubric other-rubric@1\.0\.0, not"
    ):
        lm.compare(responses, random_responses(other_id, 6, 2), rubric=tiny, n_resamples=B)
    elsewhere = lm.responses_from_array(np.full((3, 5), 7.0), other_content)
    with pytest.raises(lm.ScoringError, match="also called test-rubric"):
        lm.compare(responses, elsewhere, rubric=tiny, n_resamples=B)
    a = lm.score(tiny, responses, seed=1, n_resamples=B)
    b = lm.score(other_id, random_responses(other_id, 6, 2), seed=1, n_resamples=B)
    c = lm.score(other_content, elsewhere, seed=1, n_resamples=B)
    with pytest.raises(lm.ScoringError, match="different rubrics"):
        lm.compare(a, b)
    with pytest.raises(lm.ScoringError, match=r"both called test-rubric@1\.0\.0"):
        lm.compare(a, c)


def test_a_wave_with_different_indicators_is_refused(tiny: lm.Rubric) -> None:
    full = random_responses(tiny, 5, 1)
    partial = lm.responses_from_records(
        [{"respondent_id": f"q{i}", "a1": 3, "a2": 4, "a3": 2, "b1": 5} for i in range(5)],
        tiny,
    )
    assert partial.absent_indicators == ("b2",)
    with pytest.raises(
        lm.ScoringError, match=r"do not ask the same indicators \(only the first has \['b2'\]"
    ):
        lm.compare(full, partial, rubric=tiny, n_resamples=B)


def test_organizations_missing_from_a_wave_are_named(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=5, organizations=3)
    fewer = two.select(np.flatnonzero(np.asarray(two.organizations) != "org-0003"))
    with pytest.raises(lm.ScoringError, match="only in the first: 'org-0003'"):
        lm.compare(one, fewer, rubric=rubric, n_resamples=B)
    c = lm.compare(one, fewer, rubric=rubric, n_resamples=B, organization="org-0001")
    assert isinstance(c, lm.Comparison)
    with pytest.raises(lm.UnknownOrganizationError):
        lm.compare(one, fewer, rubric=rubric, n_resamples=B, organization="org-0003")


def test_bad_inputs_get_clear_errors(tiny: lm.Rubric, panel: lm.Responses) -> None:
    responses = random_responses(tiny, 4, 1)
    empty = responses.select(np.array([], dtype=np.intp))
    with pytest.raises(lm.ScoringError, match="the first responses: responses hold no respondents"):
        lm.compare(empty, responses, rubric=tiny)
    with pytest.raises(lm.ScoringError, match="needs rubric="):
        lm.compare(responses, responses)
    with pytest.raises(TypeError, match=r"compare: expected two lomaturity\.Report"):
        lm.compare(responses, lm.score(tiny, responses, n_resamples=B))  # type: ignore[call-overload]
    with pytest.raises(lm.ScoringError, match="'bca' is not available"):
        lm.compare(responses, responses, rubric=tiny, interval="bca")  # type: ignore[call-overload]
    with pytest.raises(lm.ScoringError, match="paired: 'yes'"):
        lm.compare(responses, responses, rubric=tiny, paired="yes")  # type: ignore[call-overload]
    with pytest.raises(lm.ScoringError, match="adjust: 'bonferroni'"):
        lm.compare(responses, responses, rubric=tiny, adjust="bonferroni")  # type: ignore[call-overload]


def test_one_respondent_per_side_is_flagged_not_broken(tiny: lm.Rubric) -> None:
    a = random_responses(tiny, 1, 1)
    b = random_responses(tiny, 1, 2)
    c = lm.compare(a, b, rubric=tiny, seed=1, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    assert not c.paired  # one person cannot be resampled against themself
    assert any(n.code == "self_assessment" for n in c.notices)
    assert c.overall.low is not None
    assert c.overall.low <= c.overall.difference <= c.overall.high  # type: ignore[operator]
    assert c.overall.effect_size is None  # no spread with one respondent


def test_small_sides_carry_the_measured_coverage(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=6)
    c = lm.compare(one, two, rubric=rubric, seed=1, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    notice = next(n for n in c.notices if n.code == "few_respondents")
    assert "docs/comparisons.md" in notice.message
    assert "%" in notice.message


# ----------------------------------------------------------------- effect sizes, output


def test_effect_sizes_match_a_hand_computation(tiny: lm.Rubric) -> None:
    a = random_responses(tiny, 9, 1)
    b = random_responses(tiny, 13, 2, org="beta")
    c = lm.compare(a, b, rubric=tiny, seed=1, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    x = 25.0 * (a.values[:, 0] - 1)
    y = 25.0 * (b.values[:, 0] - 1)
    n1, n2 = x.size, y.size
    pooled = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / (n1 + n2 - 2))
    g = (1 - 3 / (4 * (n1 + n2) - 9)) * (y.mean() - x.mean()) / pooled
    assert c.indicators["a1"].effect_size == pytest.approx(g)
    one, two = waves(lm.load_rubric("learning-organization@1.0.0"), n=15)
    p = lm.compare(
        one, two, rubric=lm.load_rubric("learning-organization@1.0.0"), seed=1, n_resamples=B
    )
    assert isinstance(p, lm.Comparison)
    first = lm.score(lm.load_rubric("learning-organization@1.0.0"), one, seed=1, n_resamples=B)
    second = lm.score(lm.load_rubric("learning-organization@1.0.0"), two, seed=1, n_resamples=B)
    d_av = (second.overall.value - first.overall.value) / (  # type: ignore[operator]
        (first.overall.sd + second.overall.sd) / 2  # type: ignore[operator]
    )
    assert p.overall.effect_size == pytest.approx(d_av)


def test_records_and_json(rubric: lm.Rubric) -> None:
    one, two = waves(rubric, n=6, organizations=2)
    result = lm.compare(one, two, rubric=rubric, seed=1, n_resamples=B)
    records = result.to_records()
    assert len(records) == 2 * (1 + len(rubric.dimensions) + len(rubric.indicators))
    row = records[0]
    assert row["organization"] == "org-0001"
    assert (row["first"], row["second"], row["level"]) == ("first", "second", "overall")
    assert row["method"] == "paired-respondent-bootstrap"
    assert row["effect_size_kind"] == "d_av"
    assert row["adjustment"] == "holm"
    json.dumps(result.to_dict())
    assert isinstance(result, ComparisonSet)
    assert "ComparisonSet" in repr(result)
    assert "Comparison" in repr(result["org-0001"])
    labelled = lm.compare(
        one,
        two,
        rubric=rubric,
        seed=1,
        n_resamples=B,
        labels=("2025", "2026"),
        organization="org-0001",
    )
    assert labelled.to_records()[0]["first"] == "2025"


def test_waves_without_recurring_ids_are_independent_and_say_so(tiny: lm.Rubric) -> None:
    first = random_responses(tiny, 6, 1)
    other = random_responses(tiny, 6, 2)
    second = lm.responses_from_array(
        other.values,
        tiny,
        organizations=other.organizations,
        respondent_ids=[f"new{i}" for i in range(6)],
    )
    c = lm.compare(first, second, rubric=tiny, seed=1, n_resamples=B)
    assert isinstance(c, lm.Comparison)
    assert c.organization == "acme"
    assert not c.paired
    assert any(n.code == "independent_waves" for n in c.notices)


def test_a_side_without_answers_is_flagged_not_broken(tiny: lm.Rubric) -> None:
    blank = lm.responses_from_array(np.full((4, 5), np.nan), tiny)
    answered = random_responses(tiny, 5, 1)
    for first, second in ((blank, answered), (answered, blank), (blank, blank)):
        c = lm.compare(first, second, rubric=tiny, seed=1, n_resamples=B)
        assert isinstance(c, lm.Comparison)
        assert c.overall.difference is None
        assert c.overall.reason is not None
        assert "not scored" in c.overall.reason
        assert [n.code for n in c.notices] == ["no_answers"]


@pytest.mark.parametrize("interval", ["expanded", "percentile"])
def test_p_values_agree_with_the_range_shown(
    rubric: lm.Rubric, interval: Literal["expanded", "percentile"]
) -> None:
    # Regression: with expanded ranges (the default) p-values were those of the plain
    # percentile range: p < 0.05 while the range shown held 0, at few respondents.
    disagree = total = 0
    for seed in range(3):
        # 10 respondents: enough draws beyond the expanded percentiles to resolve them.
        first = lm.simulate_responses(rubric, organizations=1, respondents=10, seed=seed)
        second = lm.simulate_responses(
            rubric, organizations=1, respondents=10, seed=seed + 100, maturity_mean=0.25
        )
        c = lm.compare(
            first.responses,
            second.responses,
            rubric=rubric,
            paired=False,
            seed=1,
            n_resamples=1000,
            interval=interval,
        )
        assert isinstance(c, lm.Comparison)
        for x in [c.overall, *c.dimensions.values(), *c.indicators.values()]:
            assert x.p_value is not None
            assert x.low is not None
            assert x.high is not None
            total += 1
            # Draws are discrete: allow a hair of slack at the boundary.
            if abs(x.p_value - 0.05) > 0.01:
                disagree += (x.p_value < 0.05) == (x.low <= 0.0 <= x.high)
    assert total > 90
    assert disagree == 0


def test_expanded_p_values_invert_the_expanded_levels() -> None:
    from lomaturity._stats.bootstrap import expanded_tail
    from lomaturity._stats.multiplicity import expanded_p_values

    for n in (2, 5, 12, 80):
        tail = expanded_tail(n, 0.95)  # the percentile the expanded 95 % range starts at
        p = expanded_p_values(np.array([2 * tail, np.nan, 1.0]), np.array([n, n, n], float))
        assert p[0] == pytest.approx(0.05, abs=1e-9)
        assert np.isnan(p[1])
        assert p[2] == 1.0
    assert expanded_p_values(np.array([0.01]), np.array([1.0]))[0] == 0.01


def test_repeated_ids_within_a_side_are_not_paired_silently(tiny: lm.Rubric) -> None:
    # Regression: a repeated id in one wave silently lost a row in the paired resampling.
    ids = ["p", "p", "q", "r", "s", "t"]
    rng = np.random.default_rng(3)
    first = lm.Responses(
        indicator_ids=tiny.indicator_ids,
        values=rng.integers(1, 6, size=(6, 5)).astype(float),
        not_applicable=np.zeros((6, 5), bool),
        respondent_ids=ids,
        organizations=["acme"] * 6,
    )
    second = random_responses(tiny, 6, seed=4)
    second = lm.Responses(
        indicator_ids=second.indicator_ids,
        values=second.values,
        not_applicable=second.not_applicable,
        respondent_ids=["p", "u", "q", "r", "s", "t"],
        organizations=["acme"] * 6,
    )
    with pytest.raises(lm.ScoringError, match=r"ids repeat within the first side \('p'\)"):
        lm.compare(first, second, rubric=tiny, seed=1, n_resamples=B)
    c = lm.compare(first, second, rubric=tiny, seed=1, n_resamples=B, paired=False)
    assert isinstance(c, lm.Comparison)
    assert c.method == "independent-respondent-bootstrap"


def test_a_self_assessment_report_is_flagged_in_mover(tiny: lm.Rubric) -> None:
    # Regression: two reports with a single respondent on a side carried no notice at all.
    one = lm.score(tiny, random_responses(tiny, 1, seed=1), seed=1, n_resamples=B)
    many = lm.score(tiny, random_responses(tiny, 30, seed=2, org="other"), seed=1, n_resamples=B)
    c = lm.compare(one, many)
    assert "self_assessment" in [n.code for n in c.notices]


def test_two_empty_report_sets_are_refused() -> None:
    # Regression: two empty ReportSets raised StopIteration.
    with pytest.raises(lm.ScoringError, match="no organization"):
        lm.compare(ReportSet({}), ReportSet({}))


def test_reports_with_different_dimensions_are_refused(panel: lm.Responses) -> None:
    # Regression: a report lacking a dimension the other has raised KeyError.
    rubric = lm.load_rubric("learning-organization@1.0.0")
    reports = lm.score_organizations(rubric, panel, seed=1, n_resamples=B)
    first, second = reports["brightloom-design"], reports["quanta-software"]
    fewer = {k: v for k, v in second.dimensions.items() if k != "practice"}
    with pytest.raises(lm.ScoringError, match="same dimensions and indicators"):
        lm.compare(first, evolve(second, dimensions=fewer))


def test_the_resolution_notice_of_a_panel_counts_organizations(rubric: lm.Rubric) -> None:
    # Regression: in a panel (each score Holm-adjusted across organizations) the notice
    # claimed the indicators' family ("the 28 indicators") and fired for 2 organizations.
    first, second = waves(rubric, n=30, organizations=2)
    two = lm.compare(first, second, rubric=rubric, seed=1, n_resamples=200)
    assert isinstance(two, ComparisonSet)
    for c in two.values():
        assert "p_value_resolution" not in [n.code for n in c.notices]
    first, second = waves(rubric, n=15, organizations=8)
    many = lm.compare(first, second, rubric=rubric, seed=1, n_resamples=100)
    assert isinstance(many, ComparisonSet)
    notices = [n for c in many.values() for n in c.notices if n.code == "p_value_resolution"]
    assert notices
    assert all("the 8 organizations" in n.message for n in notices)


def test_a_p_value_floor_above_the_level_is_told(rubric: lm.Rubric) -> None:
    # Regression: at 5 respondents per side and 1000 resamples no expanded p-value can fall
    # below 0.05 (in a simulation not one of 200 true-null overall p-values did), silently.
    first = lm.simulate_responses(rubric, organizations=1, respondents=5, seed=1)
    second = lm.simulate_responses(rubric, organizations=1, respondents=5, seed=2)
    c = lm.compare(
        first.responses, second.responses, rubric=rubric, paired=False, seed=1, n_resamples=1000
    )
    assert isinstance(c, lm.Comparison)
    notices = [n.message for n in c.notices if n.code == "p_value_resolution"]
    assert len(notices) == 1
    assert "no p-value can fall below 0.05" in notices[0]
