"""Norm kernels: percentile points (cross-checked with numpy and scipy), percentile ranks
(monotone, exact at the points, within the grid step of the full-data rank), bands and
censoring."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from lomaturity._stats.norms import (
    band_of,
    grid_for,
    norm_distribution,
    percentile_rank,
    standing,
)
from lomaturity.norms import PERCENTILE_GRID, NormDistribution
from lomaturity.results import Score


def dist(points: list[tuple[float, float]], n: int = 100) -> NormDistribution:
    return NormDistribution("overall", "overall", n, 0, 50.0, 10.0, tuple(points))


def score(value: float | None, low: float | None = None, high: float | None = None) -> Score:
    return Score("overall", value, low, high, 10, 100, 0, 1.0, reason=None if value else "few")


def test_grid_keeps_the_percents_the_panel_resolves() -> None:
    assert grid_for(20) == tuple(range(5, 100, 5))
    assert grid_for(99) == tuple(range(5, 100, 5))
    assert grid_for(100) == PERCENTILE_GRID
    assert grid_for(10_000) == PERCENTILE_GRID


def test_points_are_numpys_linear_percentiles_and_scipys_type_7() -> None:
    values = np.random.default_rng(5).uniform(0, 100, 57)
    d = norm_distribution("overall", "overall", values, 3)
    percents = np.array(d.percents)
    expected = np.percentile(values, percents)  # numpy's default method is linear
    np.testing.assert_allclose(d.values, expected, atol=5e-5)
    # scipy: Hyndman-Fan type 7 is alphap = betap = 1
    scipy_points = stats.mstats.mquantiles(values, prob=percents / 100, alphap=1, betap=1)
    np.testing.assert_allclose(d.values, scipy_points, atol=5e-5)
    assert d.n == 57
    assert d.n_excluded == 3
    assert d.mean == pytest.approx(values.mean(), abs=1e-4)
    assert d.sd == pytest.approx(values.std(ddof=1), abs=1e-4)


def test_rank_is_exact_at_the_points_and_linear_between() -> None:
    d = dist([(5, 20.0), (50, 40.0), (95, 80.0)])
    assert percentile_rank(d, 20.0) == (5, None)
    assert percentile_rank(d, 40.0) == (50, None)
    assert percentile_rank(d, 30.0) == (27.5, None)
    assert percentile_rank(d, 60.0) == (72.5, None)


def test_ranks_beyond_the_points_are_censored_bounds() -> None:
    d = dist([(5, 20.0), (95, 80.0)])
    assert percentile_rank(d, 10.0) == (5, "below")
    assert percentile_rank(d, 90.0) == (95, "above")
    full = dist([(0, 20.0), (100, 80.0)])
    assert percentile_rank(full, 10.0) == (0, None)
    assert percentile_rank(full, 90.0) == (100, None)


def test_tied_points_give_the_middle_of_their_percents() -> None:
    d = dist([(5, 0.0), (10, 0.0), (15, 0.0), (50, 40.0), (95, 80.0)])
    assert percentile_rank(d, 0.0) == (10, None)
    d = dist([(5, 10.0), (25, 30.0), (50, 30.0), (75, 30.0), (95, 80.0)])
    assert percentile_rank(d, 30.0) == (50, None)
    assert percentile_rank(d, 29.999)[0] < 25.0
    assert percentile_rank(d, 30.001)[0] > 75.0


@pytest.mark.parametrize(
    ("rank", "band"),
    [
        (0, "bottom quartile"),
        (24.99, "bottom quartile"),
        (25, "second quartile"),
        (49.9, "second quartile"),
        (50, "third quartile"),
        (75, "top quartile"),
        (100, "top quartile"),
    ],
)
def test_quartile_bands(rank: float, band: str) -> None:
    assert band_of(rank) == band


POINTS = st.lists(st.floats(0, 100), min_size=2, max_size=21).map(sorted)


@settings(max_examples=200, deadline=None)
@given(values=POINTS, a=st.floats(-10, 110), b=st.floats(-10, 110))
def test_a_higher_score_never_gets_a_lower_rank(values: list[float], a: float, b: float) -> None:
    percents = np.linspace(1, 99, len(values))
    d = dist(list(zip(percents.tolist(), values, strict=True)))
    low, high = sorted((a, b))
    assert percentile_rank(d, low)[0] <= percentile_rank(d, high)[0]
    assert 0 <= percentile_rank(d, low)[0] <= 100


@settings(max_examples=200, deadline=None)
@given(values=POINTS, ends=st.lists(st.floats(0, 100), min_size=3, max_size=3).map(sorted))
def test_the_rank_range_holds_the_rank_and_decides_the_band(
    values: list[float], ends: list[float]
) -> None:
    percents = np.linspace(1, 99, len(values))
    d = dist(list(zip(percents.tolist(), values, strict=True)))
    low, value, high = ends
    s = standing(score(value, low, high), "overall", d)
    assert s.percentile is not None
    assert s.percentile_low is not None
    assert s.percentile_high is not None
    assert s.percentile_low <= s.percentile <= s.percentile_high
    assert s.band == band_of(s.percentile)
    assert s.band_certain == (band_of(s.percentile_low) == band_of(s.percentile_high))


def test_interpolated_rank_is_within_one_grid_step_of_the_full_data_rank() -> None:
    rng = np.random.default_rng(11)
    for n in (20, 57, 200, 1000):
        values = np.sort(rng.normal(50, 15, n).clip(0, 100))
        d = norm_distribution("overall", "overall", values, 0)
        exact = 100 * np.arange(n) / (n - 1)  # the rank numpy's linear percentile inverts
        xs = rng.uniform(d.values[0], d.values[-1], 500)
        full = np.interp(xs, values, exact)
        grid = np.array([percentile_rank(d, float(x))[0] for x in xs])
        step = max(np.diff(d.percents))
        assert np.max(np.abs(grid - full)) <= step + 1e-9


def test_standing_without_a_value_or_a_distribution_says_why() -> None:
    d = dist([(5, 20.0), (95, 80.0)])
    s = standing(score(None), "overall", d)
    assert s.percentile is None
    assert s.band is None
    assert s.norm_n == 100
    assert s.reason is not None
    assert s.reason.startswith("not scorable")
    s = standing(score(50.0, 45.0, 55.0), "dimension", None)
    assert s.percentile is None
    assert "no distribution" in (s.reason or "")
    s = standing(score(50.0), "overall", d)
    assert s.percentile == 50.0
    assert s.band_certain is None
    assert s.percentile_low is None


def test_censored_range_ends_widen_to_0_and_100() -> None:
    d = dist([(5, 20.0), (95, 80.0)])
    s = standing(score(10.0, 5.0, 90.0), "overall", d)
    assert (s.percentile, s.censored, s.rank_text) == (5, "below", "<5")
    assert (s.percentile_low, s.percentile_high) == (0.0, 100.0)
    s = standing(score(85.0, 82.0, 99.0), "overall", d)
    assert (s.rank_text, s.percentile_low, s.percentile_high) == (">95", 95, 100.0)
    assert s.band == "top quartile"
    assert s.band_certain is True
