"""The studentized (bootstrap-t) range: kernel against a direct per-resample reference,
standard errors against numpy, percentile/BCa against scipy.stats.bootstrap, and the
``interval="auto"`` rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._stats.aggregate import Layout, normalized
from lomaturity._stats.bootstrap import organization_rng, resample_counts, respondent_bootstrap
from lomaturity._stats.options import AUTO_STUDENTIZED_BELOW, resolve_interval
from lomaturity._stats.studentized import studentized_bootstrap, studentized_bounds


def _resp(rubric: lm.Rubric, values: object) -> lm.Responses:
    return make_responses(values, rubric.indicator_ids)


RUBRIC = make_rubric({"d1": ["i1", "i2", "i3"], "d2": ["i4", "i5"]})


def _scores(n: int, seed: int, blank: float = 0.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(n, 5)).astype(float)
    values[rng.random(values.shape) < blank] = np.nan
    values[:, 0] = np.where(np.isnan(values[:, 0]), 3.0, values[:, 0])  # every row answers
    responses = _resp(RUBRIC, values.tolist())
    return normalized(Layout.of(RUBRIC), responses)


def test_draws_are_the_respondent_bootstrap_draws() -> None:
    layout = Layout.of(RUBRIC)
    scores = _scores(12, 1, blank=0.1)
    answered = ~np.isnan(scores)
    mask = np.ones(2, dtype=bool)
    st = studentized_bootstrap(layout, scores, answered, organization_rng(7, "x"), 300, mask)
    plain = respondent_bootstrap(layout, scores, answered, organization_rng(7, "x"), 300, mask)
    np.testing.assert_allclose(st.draws.overall, plain.overall, rtol=1e-12)
    np.testing.assert_allclose(st.draws.dimension, plain.dimension, rtol=1e-12)
    np.testing.assert_allclose(st.draws.indicator, plain.indicator, rtol=1e-12)


def test_standard_errors_match_a_per_resample_reference() -> None:
    """Each resample's standard errors equal sd/sqrt(m) of the resampled values, computed
    one resample at a time (the reference the vectorized kernel must reproduce)."""
    layout = Layout.of(RUBRIC)
    scores = _scores(9, 2, blank=0.15)
    answered = ~np.isnan(scores)
    mask = np.ones(2, dtype=bool)
    st = studentized_bootstrap(layout, scores, answered, organization_rng(3, "y"), 120, mask)
    counts = resample_counts(organization_rng(3, "y"), 9, 120)
    for b in range(0, 120, 17):
        rows = np.repeat(np.arange(9), counts[b].astype(int))
        sample = scores[rows]
        for j in range(5):
            x = sample[:, j][~np.isnan(sample[:, j])]
            expected = x.std(ddof=1) / math.sqrt(x.size) if x.size > 1 else math.nan
            assert st.draw_se.indicator[b, j] == pytest.approx(expected, abs=1e-9, nan_ok=True)
    x = scores[:, 3][~np.isnan(scores[:, 3])]
    assert st.se.indicator[0, 3] == pytest.approx(x.std(ddof=1) / math.sqrt(x.size))


def test_bounds_match_the_textbook_formula() -> None:
    """theta - q(1 - a) se .. theta - q(a) se, with numpy's quantiles of the pivots."""
    rng = np.random.default_rng(4)
    draws = rng.normal(50, 5, size=(4000, 3))
    draw_se = rng.uniform(4, 6, size=(4000, 3))
    point, se = np.array([50.0, 51.0, 49.0]), np.array([5.0, 4.0, 6.0])
    low, high = studentized_bounds(draws, draw_se, point, se, 0.9)
    pivots = (draws - point) / draw_se
    q = np.quantile(pivots, [0.05, 0.95], axis=0)
    np.testing.assert_allclose(low, point - q[1] * se, rtol=1e-12)
    np.testing.assert_allclose(high, point - q[0] * se, rtol=1e-12)


def test_two_respondents_get_the_whole_scale() -> None:
    """Half the resamples of 2 respondents repeat one of them (zero standard error, infinite
    pivot): the honest studentized range is the whole 0-100 scale."""
    report = lm.score(RUBRIC, _resp(RUBRIC, [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]]), seed=2)
    assert report.interval.kind == "studentized_union"
    assert (report.overall.low, report.overall.high) == (0.0, 100.0)


def test_identical_respondents_get_a_point_range() -> None:
    report = lm.score(RUBRIC, _resp(RUBRIC, [[4, 4, 4, 4, 4]] * 6), seed=2)
    assert report.interval.kind == "studentized_union"
    assert report.overall.low == report.overall.high == report.overall.value == 75.0


@pytest.mark.parametrize(
    ("interval", "n", "kind"),
    [
        ("auto", 1, "percentile"),
        ("auto", 2, "studentized_union"),
        ("auto", AUTO_STUDENTIZED_BELOW - 1, "studentized_union"),
        ("auto", AUTO_STUDENTIZED_BELOW, "expanded"),
        ("auto", 500, "expanded"),
        ("bca", 2, "percentile"),
        ("bca", 3, "bca"),
        ("studentized", 1, "percentile"),
        ("studentized", 5, "studentized"),
        ("studentized_union", 1, "percentile"),
        ("studentized_union", 40, "studentized_union"),
        ("expanded", 1, "percentile"),
        ("percentile", 40, "percentile"),
    ],
)
def test_resolve_interval(interval: str, n: int, kind: str) -> None:
    assert resolve_interval(interval, n) == kind


def test_auto_is_the_default_and_records_the_kind_used() -> None:
    small = lm.score(RUBRIC, _resp(RUBRIC, _answers(6)), seed=3)
    large = lm.score(RUBRIC, _resp(RUBRIC, _answers(AUTO_STUDENTIZED_BELOW)), seed=3)
    assert small.options.interval == large.options.interval == "auto"
    assert small.interval.kind == resolve_interval("auto", 6)
    assert large.interval.kind == resolve_interval("auto", AUTO_STUDENTIZED_BELOW)
    same = lm.score(
        RUBRIC,
        _resp(RUBRIC, _answers(6)),
        seed=3,
        interval=resolve_interval("auto", 6),  # type: ignore[arg-type]
    )
    assert (same.overall.low, same.overall.high) == (small.overall.low, small.overall.high)


def _answers(n: int) -> list[list[int]]:
    rows: list[list[int]] = np.random.default_rng(n).integers(1, 6, size=(n, 5)).tolist()
    return rows


@pytest.mark.parametrize("method", ["percentile", "BCa"])
def test_single_indicator_ranges_agree_with_scipy(method: str) -> None:
    """One indicator's percentile and BCa ranges agree with scipy.stats.bootstrap on the
    mean of the same answers (different random streams: within Monte-Carlo error)."""
    rubric = make_rubric({"d": ["i"]})
    answers = np.random.default_rng(11).integers(1, 6, size=40).astype(float)
    report = lm.score(
        rubric,
        _resp(rubric, answers[:, None].tolist()),
        seed=5,
        n_resamples=20_000,
        interval="percentile" if method == "percentile" else "bca",
    )
    scipy_result = stats.bootstrap(
        (25.0 * (answers - 1),),
        np.mean,
        confidence_level=0.95,
        n_resamples=20_000,
        method=method,
        random_state=np.random.default_rng(6),
    )
    score = report.indicators["i"]
    step = 25.0 / answers.size  # resampled means of 1-5 answers lie on this grid
    assert score.low == pytest.approx(scipy_result.confidence_interval.low, abs=step + 0.05)
    assert score.high == pytest.approx(scipy_result.confidence_interval.high, abs=step + 0.05)


def test_studentized_is_near_the_t_interval_for_a_large_sample() -> None:
    """With many respondents, the bootstrap-t range of a mean approaches the t interval."""
    rubric = make_rubric({"d": ["i"]})
    answers = np.random.default_rng(12).integers(1, 6, size=400).astype(float)
    report = lm.score(
        rubric, _resp(rubric, answers[:, None].tolist()), seed=5, interval="studentized"
    )
    x = 25.0 * (answers - 1)
    half = stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size)
    assert report.overall.low == pytest.approx(x.mean() - half, abs=0.4)
    assert report.overall.high == pytest.approx(x.mean() + half, abs=0.4)
