"""The studentized union range (``interval="studentized_union"``, the default below 20
respondents): the vectorized kernel against a plain per-column loop, the union property
(it holds both the equal-tailed and the symmetric bootstrap-t ranges), and the kind
through the public entry points."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._stats.studentized import studentized_bounds

RUBRIC = make_rubric({"d1": ["i1", "i2", "i3"], "d2": ["i4", "i5"]})


def _reference(
    draws: np.ndarray, draw_se: np.ndarray, point: np.ndarray, se: np.ndarray, level: float
) -> tuple[list[float], list[float]]:
    """One column at a time, with numpy's quantiles: the formula of docs/coverage.md."""
    alpha = (1 - level) / 2
    lows, highs = [], []
    for j in range(draws.shape[1]):
        t = [(draws[b, j] - point[j]) / draw_se[b, j] for b in range(draws.shape[0])]
        lower_q, upper_q = np.quantile(t, [alpha, 1 - alpha])
        c = np.quantile(np.abs(t), 1 - 2 * alpha)
        lows.append(min(100.0, max(0.0, point[j] - max(upper_q, c) * se[j])))
        highs.append(min(100.0, max(0.0, point[j] + max(-lower_q, c) * se[j])))
    return lows, highs


@pytest.mark.parametrize("level", [0.8, 0.9, 0.95])
def test_bounds_match_a_plain_loop(level: float) -> None:
    rng = np.random.default_rng(21)
    draws = 50 + rng.gamma(2.0, 3.0, size=(1500, 4)) - 6.0  # skewed pivots
    draw_se = rng.uniform(2, 6, size=(1500, 4))
    point, se = np.array([50.0, 48.0, 52.0, 30.0]), np.array([4.0, 3.0, 5.0, 2.0])
    low, high = studentized_bounds(draws, draw_se, point, se, level, union=True)
    ref_low, ref_high = _reference(draws, draw_se, point, se, level)
    np.testing.assert_allclose(low, ref_low, rtol=1e-12)
    np.testing.assert_allclose(high, ref_high, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    level=st.floats(0.5, 0.99),
    skew=st.floats(0.5, 8.0),
)
def test_union_holds_both_ranges(seed: int, level: float, skew: float) -> None:
    """Each end is at least as far out as the equal-tailed and the symmetric range's."""
    rng = np.random.default_rng(seed)
    draws = 50 + rng.gamma(skew, 2.0, size=(400, 3)) - 2.0 * skew
    draw_se = rng.uniform(1, 5, size=(400, 3))
    point, se = np.array([50.0, 55.0, 45.0]), np.array([3.0, 2.0, 4.0])
    low, high = studentized_bounds(draws, draw_se, point, se, level, union=True)
    et_low, et_high = studentized_bounds(draws, draw_se, point, se, level)
    c = np.quantile(np.abs((draws - point) / draw_se), level, axis=0)
    assert np.all(low <= et_low + 1e-9)
    assert np.all(high >= et_high - 1e-9)
    assert np.all(low <= np.clip(point - c * se, 0, 100) + 1e-9)
    assert np.all(high >= np.clip(point + c * se, 0, 100) - 1e-9)
    # and it is exactly the smallest such range
    np.testing.assert_allclose(low, np.fmin(et_low, np.clip(point - c * se, 0, 100)))
    np.testing.assert_allclose(high, np.fmax(et_high, np.clip(point + c * se, 0, 100)))


def test_symmetric_pivots_leave_the_equal_tailed_range_nearly_unchanged() -> None:
    """With symmetric pivots the two ranges nearly coincide: the union costs little."""
    rng = np.random.default_rng(5)
    draws = rng.normal(50, 4, size=(20_000, 1))
    draw_se = np.full((20_000, 1), 4.0)
    point, se = np.array([50.0]), np.array([4.0])
    low, high = studentized_bounds(draws, draw_se, point, se, 0.95, union=True)
    et_low, et_high = studentized_bounds(draws, draw_se, point, se, 0.95)
    assert high[0] - low[0] == pytest.approx(et_high[0] - et_low[0], rel=0.01)
    assert high[0] - low[0] == pytest.approx(2 * 1.96 * 4.0, rel=0.02)


def _answers(n: int, seed: int) -> list[list[int]]:
    rows: list[list[int]] = np.random.default_rng(seed).integers(1, 6, size=(n, 5)).tolist()
    return rows


def test_auto_uses_the_union_below_20_and_equals_the_explicit_kind() -> None:
    responses = make_responses(_answers(7, 3), RUBRIC.indicator_ids)
    auto = lm.score(RUBRIC, responses, seed=4, n_resamples=500)
    union = lm.score(RUBRIC, responses, seed=4, n_resamples=500, interval="studentized_union")
    plain = lm.score(RUBRIC, responses, seed=4, n_resamples=500, interval="studentized")
    assert auto.interval.kind == union.interval.kind == "studentized_union"
    assert plain.interval.kind == "studentized"
    assert auto.to_dict()["overall"] == union.to_dict()["overall"]
    for a, b in [
        (union.overall, plain.overall),
        *((union.dimensions[d], plain.dimensions[d]) for d in union.dimensions),
        *((union.indicators[i], plain.indicators[i]) for i in union.indicators),
    ]:
        assert a.value == b.value
        assert a.low is not None
        assert b.low is not None
        assert a.high is not None
        assert b.high is not None
        assert a.low <= b.low + 1e-9
        assert a.high >= b.high - 1e-9


def test_no_few_respondents_notice_with_the_default_from_5() -> None:
    responses = make_responses(_answers(6, 8), RUBRIC.indicator_ids)
    auto = lm.score(RUBRIC, responses, seed=4, n_resamples=300)
    assert "few_respondents" not in {n.code for n in auto.notices}
    plain = lm.score(RUBRIC, responses, seed=4, n_resamples=300, interval="studentized")
    assert "few_respondents" in {n.code for n in plain.notices}


def test_large_sample_union_is_near_the_t_interval() -> None:
    """With many respondents the pivots are nearly normal and symmetric: the union range
    of a mean approaches the t interval (scipy)."""
    rubric = make_rubric({"d": ["i"]})
    answers = np.random.default_rng(12).integers(1, 6, size=400).astype(float)
    report = lm.score(
        rubric,
        make_responses(answers[:, None].tolist(), rubric.indicator_ids),
        seed=5,
        interval="studentized_union",
    )
    x = 25.0 * (answers - 1)
    half = stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size)
    assert report.overall.low == pytest.approx(x.mean() - half, abs=0.4)
    assert report.overall.high == pytest.approx(x.mean() + half, abs=0.4)
