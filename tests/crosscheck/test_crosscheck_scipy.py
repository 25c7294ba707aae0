"""Independent checks of the scoring arithmetic and the bootstrap intervals.

* Point estimates against a plain Python loop implementation (to 1e-12).
* Percentile and BCa intervals against :func:`scipy.stats.bootstrap` resampling respondent
  row indices (agreement within Monte-Carlo tolerance, 5000 resamples on both sides).
* The BCa percentile levels against the textbook formulas evaluated with
  :mod:`scipy.special` on the library's own draws (deterministic).
* ``quantiles`` against :func:`numpy.quantile` / :func:`numpy.nanquantile`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

import lomaturity as lm
from lomaturity._stats.bootstrap import bca_probabilities, quantiles

scipy_stats = pytest.importorskip("scipy.stats")
scipy_special = pytest.importorskip("scipy.special")

Float = npt.NDArray[np.float64]

RUBRIC_YAML = """\
format: 1
id: crosscheck
version: "1.0.0"
title: Cross-check rubric
description: Three dimensions, two scales, unequal weights, two reverse-keyed indicators.
language: en
scales:
  - {id: agree5, min: 1, max: 5, allow_na: true}
  - {id: zero10, min: 0, max: 10, allow_na: true}
dimensions:
  - {id: culture, name: Culture, description: C., weight: 2.0}
  - {id: strategy, name: Strategy, description: S., weight: 1.0}
  - {id: practice, name: Practice, description: P., weight: 1.5}
indicators:
  - {id: c1, dimension: culture, statement: S., scale: agree5, weight: 1.0}
  - {id: c2, dimension: culture, statement: S., scale: agree5, weight: 2.0, reverse: true}
  - {id: c3, dimension: culture, statement: S., scale: zero10, weight: 0.5}
  - {id: s1, dimension: strategy, statement: S., scale: agree5, weight: 1.0}
  - {id: s2, dimension: strategy, statement: S., scale: zero10, weight: 3.0}
  - {id: p1, dimension: practice, statement: S., scale: agree5, weight: 1.0, reverse: true}
  - {id: p2, dimension: practice, statement: S., scale: agree5, weight: 1.0}
  - {id: p3, dimension: practice, statement: S., scale: zero10, weight: 2.5}
stages:
  - {id: low, name: Low, lower: 0, description: L.}
  - {id: mid, name: Mid, lower: 40, description: M.}
  - {id: high, name: High, lower: 70, description: H.}
"""
RUBRIC = lm.read_rubric_bytes(RUBRIC_YAML)


def make_responses(
    n: int,
    seed: int,
    organizations: Sequence[str] = ("org",),
    blank: float = 0.08,
    na: float = 0.04,
    skew: float = 0.0,
) -> lm.Responses:
    """Random answers; ``skew`` > 0 pushes answers towards the top of each scale."""
    rng = np.random.default_rng(seed)
    values = np.empty((n, len(RUBRIC.indicators)))
    for j, indicator in enumerate(RUBRIC.indicators):
        scale = RUBRIC.scale(indicator.scale)
        u = rng.random(n) ** (1.0 / (1.0 + skew))
        values[:, j] = scale.min + np.floor(u * (scale.max - scale.min + 1))
    u = rng.random(values.shape)
    not_applicable = u < na
    values[u < na + blank] = np.nan
    ids = [f"resp-{i:04d}" for i in rng.permutation(n)]
    orgs = [organizations[i % len(organizations)] for i in range(n)]
    return lm.Responses(RUBRIC.indicator_ids, values, not_applicable, ids, orgs)


# --- a straightforward reference implementation ---------------------------------------


def reference_scores(
    values: Float, rubric: lm.Rubric = RUBRIC
) -> tuple[dict[str, float], dict[str, float], float]:
    """Indicator means, weighted dimension means and the weighted overall mean, by loops.

    ``values`` is ``(n, k)`` raw answers in rubric indicator order, NaN = no answer.
    """
    indicator: dict[str, float] = {}
    for j, ind in enumerate(rubric.indicators):
        scale = rubric.scale(ind.scale)
        answers = []
        for i in range(values.shape[0]):
            x = float(values[i, j])
            if x != x:  # NaN: not answered / not applicable
                continue
            share = (x - scale.min) / (scale.max - scale.min)
            answers.append(100.0 * (1.0 - share if ind.reverse else share))
        if answers:
            indicator[ind.id] = sum(answers) / len(answers)
    dimension: dict[str, float] = {}
    for dim in rubric.dimensions:
        num = den = 0.0
        for ind in rubric.indicators:
            if ind.dimension == dim.id and ind.id in indicator:
                num += ind.weight * indicator[ind.id]
                den += ind.weight
        if den > 0:
            dimension[dim.id] = num / den
    num = sum(d.weight * dimension[d.id] for d in rubric.dimensions if d.id in dimension)
    den = sum(d.weight for d in rubric.dimensions if d.id in dimension)
    return indicator, dimension, num / den


def reference_vector(values: Float) -> Float:
    """``[overall, dimensions..., indicators...]`` (NaN for an unanswered indicator)."""
    ind, dim, overall = reference_scores(values)
    return np.array(
        [
            overall,
            *(dim.get(d.id, np.nan) for d in RUBRIC.dimensions),
            *(ind.get(i.id, np.nan) for i in RUBRIC.indicators),
        ]
    )


def report_vector(report: lm.Report, part: str = "value") -> Float:
    scores = [report.overall, *report.dimensions.values(), *report.indicators.values()]
    return np.array([np.nan if getattr(s, part) is None else getattr(s, part) for s in scores])


def only(result: lm.Report | lm.ReportSet) -> lm.Report:
    assert isinstance(result, lm.Report)
    return result


# --- point estimates ------------------------------------------------------------------


@pytest.mark.parametrize(("n", "seed"), [(1, 0), (3, 1), (12, 2), (30, 3), (57, 4), (80, 5)])
def test_point_estimates_match_a_loop_implementation(n: int, seed: int) -> None:
    data = make_responses(n, seed, blank=0.15, na=0.1)
    report = only(lm.score(RUBRIC, data, seed=1, n_resamples=100, min_indicator_share=0.01))
    ind, dim, overall = reference_scores(np.asarray(data.values))
    for key, score in report.indicators.items():
        if key in ind:
            assert score.value is not None
            assert abs(score.value - ind[key]) <= 1e-12
        else:
            assert score.value is None
    for key, score in report.dimensions.items():
        if score.value is not None:
            assert abs(score.value - dim[key]) <= 1e-12
    if report.overall.value is not None:
        assert abs(report.overall.value - overall) <= 1e-12


def test_point_estimates_per_organization() -> None:
    data = make_responses(90, 6, organizations=("a", "b", "c"))
    reports = lm.score_organizations(RUBRIC, data, seed=3, n_resamples=100)
    orgs = np.array(data.organizations)
    for org, report in reports.items():
        expected = reference_vector(np.asarray(data.values)[orgs == org])
        np.testing.assert_allclose(report_vector(report), expected, rtol=0, atol=1e-12)


# --- intervals against scipy.stats.bootstrap ------------------------------------------

N_RESAMPLES = 5000
TOLERANCE = 1.5  # points on the 0-100 scale
DATASETS = [(30, 11, 0.0), (45, 12, 0.0), (60, 13, 2.0), (80, 14, 0.0)]


def scipy_intervals(values: Float, method: str, seed: int) -> tuple[Float, Float]:
    """scipy's bootstrap of the same scores, resampling respondent row indices."""

    def statistic(rows: npt.NDArray[np.intp]) -> Float:
        return reference_numpy(values[rows])

    result = scipy_stats.bootstrap(
        (np.arange(values.shape[0]),),
        statistic,
        vectorized=False,
        n_resamples=N_RESAMPLES,
        method=method,
        confidence_level=0.95,
        rng=np.random.default_rng(seed),
    )
    ci = result.confidence_interval
    return np.asarray(ci.low, dtype=np.float64), np.asarray(ci.high, dtype=np.float64)


def reference_numpy(values: Float) -> Float:
    """The reference scores again, with numpy reductions (fast enough for 5000 calls)."""
    scales = [RUBRIC.scale(i.scale) for i in RUBRIC.indicators]
    low = np.array([s.min for s in scales], dtype=np.float64)
    span = np.array([s.max - s.min for s in scales], dtype=np.float64)
    reverse = np.array([i.reverse for i in RUBRIC.indicators])
    share = (values - low) / span
    scaled = 100.0 * np.where(reverse, 1.0 - share, share)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        indicator = np.nanmean(scaled, axis=0)
    weight = np.array([i.weight for i in RUBRIC.indicators])
    dims = []
    for d in RUBRIC.dimensions:
        members = np.array([i.dimension == d.id for i in RUBRIC.indicators]) & ~np.isnan(indicator)
        dims.append(np.average(indicator[members], weights=weight[members]))
    dim_w = np.array([d.weight for d in RUBRIC.dimensions])
    overall = np.average(dims, weights=dim_w)
    return np.array([overall, *dims, *indicator])


def test_numpy_reference_agrees_with_loop_reference() -> None:
    values = np.asarray(make_responses(50, 21).values)
    np.testing.assert_allclose(reference_numpy(values), reference_vector(values), atol=1e-12)


@pytest.mark.parametrize(("n", "seed", "skew"), DATASETS)
@pytest.mark.parametrize(("method", "kind"), [("percentile", "percentile"), ("BCa", "bca")])
def test_intervals_agree_with_scipy_bootstrap(
    n: int, seed: int, skew: float, method: str, kind: str
) -> None:
    data = make_responses(n, seed, skew=skew)
    values = np.asarray(data.values)[np.argsort(data.respondent_ids)]
    report = only(lm.score(RUBRIC, data, seed=seed, n_resamples=N_RESAMPLES, interval=kind))  # type: ignore[arg-type]
    assert report.interval.kind == kind
    low, high = scipy_intervals(values, method, seed + 1000)
    point = report_vector(report)
    assert np.all(np.isfinite(point))
    np.testing.assert_allclose(point, reference_numpy(values), atol=1e-12)
    lib_low, lib_high = report_vector(report, "low"), report_vector(report, "high")
    assert np.abs(lib_low - low).max() < TOLERANCE, lib_low - low
    assert np.abs(lib_high - high).max() < TOLERANCE, lib_high - high
    # And the agreement is much better than the tolerance for the aggregate scores,
    # relative to the interval width (Monte-Carlo error of a 2.5 % quantile at B=5000).
    width = high - low
    assert np.all(np.abs(lib_low - low)[:4] < 0.1 * width[:4])
    assert np.all(np.abs(lib_high - high)[:4] < 0.1 * width[:4])


# --- BCa levels against the textbook formulas -----------------------------------------


def test_bca_probabilities_match_textbook_formulas() -> None:
    rng = np.random.default_rng(5)
    m, n, b = 7, 40, 3000
    draws = rng.gamma(2.0 + np.arange(m), 3.0, size=(b, m))
    point = np.median(draws, axis=0) * rng.uniform(0.9, 1.1, size=m)
    point[0] = draws[17, 0]  # a tie with one draw
    jack = rng.gamma(2.0, 1.0, size=(n, m)) ** (1 + np.arange(m) / 3)
    draws[rng.random(draws.shape) < 0.02] = np.nan  # NaN draws are ignored
    jack[rng.random(jack.shape) < 0.05] = np.nan
    got = bca_probabilities(draws, point, jack, 0.9)

    expected = np.empty((2, m))
    for c in range(m):
        d = draws[~np.isnan(draws[:, c]), c]
        z0 = scipy_special.ndtri(((d < point[c]).sum() + (d <= point[c]).sum()) / (2 * d.size))
        j = jack[~np.isnan(jack[:, c]), c]
        u = j.mean() - j
        a = (u**3).sum() / (6.0 * ((u**2).sum()) ** 1.5)
        for row, z in enumerate(scipy_special.ndtri([0.05, 0.95])):
            expected[row, c] = scipy_special.ndtr(z0 + (z0 + z) / (1 - a * (z0 + z)))
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-13)


def test_bca_probabilities_fall_back_to_percentile_levels() -> None:
    draws = np.vstack([np.full((50, 1), 3.0), np.full((50, 1), 4.0)])
    jack = np.linspace(0, 1, 10)[:, None]
    below_all = bca_probabilities(draws, np.array([5.0]), jack, 0.95)  # every draw below
    np.testing.assert_allclose(below_all[:, 0], [0.025, 0.975])
    constant_jack = bca_probabilities(draws, np.array([3.5]), np.ones((10, 1)), 0.95)
    # Acceleration 0 when the jackknife values do not vary: plain bias correction, z0 = 0.
    np.testing.assert_allclose(constant_jack[:, 0], [0.025, 0.975], rtol=1e-12)


# --- quantiles against numpy ----------------------------------------------------------

PROBABILITIES = np.array([0.0, 0.005, 0.025, 0.05, 0.1234, 0.5, 0.8766, 0.95, 0.975, 0.995, 1.0])


def _draw_sets(seed: int, trials: int) -> list[Float]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(trials):
        b = int(rng.integers(1, 2500))
        out.append(rng.normal(50, 20, size=(b, 4)))
    return out


def _nanquantile(draws: Float, p: Float) -> Float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        out: Float = np.nanquantile(draws, p, axis=0)
    return out


def test_quantiles_match_numpy() -> None:
    for draws in _draw_sets(0, 200):
        got = quantiles(draws, PROBABILITIES)
        assert got.shape == (len(PROBABILITIES), draws.shape[1])
        np.testing.assert_allclose(got, np.quantile(draws, PROBABILITIES, axis=0), atol=1e-12)


def test_quantiles_with_nan_columns_match_nanquantile() -> None:
    rng = np.random.default_rng(1)
    for draws in _draw_sets(1, 100):
        draws[rng.random(draws.shape) < 0.3] = np.nan
        draws[:, 2] = np.nan  # a column without any finite draw
        got = quantiles(draws, PROBABILITIES)
        assert np.all(np.isnan(got[:, 2]))
        np.testing.assert_allclose(got, _nanquantile(draws, PROBABILITIES), atol=1e-12)


def test_quantiles_with_per_column_levels() -> None:
    rng = np.random.default_rng(2)
    draws = rng.normal(size=(999, 5))
    draws[:40, 1] = np.nan
    levels = rng.uniform(0, 1, size=(2, 5))
    got = quantiles(draws, levels)
    for c in range(5):
        column = draws[~np.isnan(draws[:, c]), c]
        np.testing.assert_allclose(got[:, c], np.quantile(column, levels[:, c]), atol=1e-12)


def test_quantiles_exact_on_integer_grid_and_small_samples() -> None:
    draws = np.arange(11, dtype=np.float64)[::-1, None] * 10  # 0, 10, ..., 100 reversed
    p = np.array([0.0, 0.1, 0.25, 0.5, 1.0])
    np.testing.assert_array_equal(quantiles(draws, p)[:, 0], [0.0, 10.0, 25.0, 50.0, 100.0])
    one = np.array([[42.0]])
    np.testing.assert_array_equal(quantiles(one, p)[:, 0], [42.0] * 5)


def test_quantiles_match_numpy_exactly() -> None:
    # Regression: interpolating as lo + (hi - lo) * t everywhere differed from numpy (which
    # uses hi - (hi - lo) * (1 - t) for t >= 0.5) in the last bit for ~0.5 % of results.
    mismatches = 0
    rng = np.random.default_rng(3)
    for draws in _draw_sets(0, 200):
        mismatches += int(
            (quantiles(draws, PROBABILITIES) != np.quantile(draws, PROBABILITIES, axis=0)).sum()
        )
        draws[rng.random(draws.shape) < 0.3] = np.nan
        got, want = quantiles(draws, PROBABILITIES), _nanquantile(draws, PROBABILITIES)
        mismatches += int((~((got == want) | (np.isnan(got) & np.isnan(want)))).sum())
    assert mismatches == 0
