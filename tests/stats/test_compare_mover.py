"""MOVER differences of two scores and the effect sizes (hand computations, scipy)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lomaturity._stats.compare import mover_bounds, normal_p_value, score_contrast
from lomaturity._stats.effect_size import d_av, hedges_g
from lomaturity.results import Score


def make_score(value: float | None, low: float | None, high: float | None, **kw: object) -> Score:
    fields: dict[str, object] = {
        "id": "overall",
        "n_respondents": 10,
        "n_answers": 100,
        "n_not_applicable": 0,
        "coverage": 1.0,
    }
    fields.update(kw)
    return Score(value=value, low=low, high=high, **fields)  # type: ignore[arg-type]


def test_mover_matches_a_hand_computation() -> None:
    # Zou & Donner (2008): L = d - sqrt((v2-l2)^2 + (u1-v1)^2), U = d + sqrt((u2-v2)^2 + (v1-l1)^2)
    first = make_score(60.0, 52.0, 66.0, stage="developing")
    second = make_score(70.0, 64.0, 79.0, stage="established")
    c = score_contrast(first, second, 0.95)
    assert c.difference == pytest.approx(10.0)
    assert c.low == pytest.approx(10.0 - math.sqrt(6.0**2 + 6.0**2))
    assert c.high == pytest.approx(10.0 + math.sqrt(9.0**2 + 8.0**2))
    assert c.stage_changed is True
    assert (c.first_stage, c.second_stage) == ("developing", "established")


def test_mover_of_symmetric_ranges_is_the_root_sum_of_squares() -> None:
    d, low, high = mover_bounds((50.0, 47.0, 53.0), (55.0, 51.0, 59.0))
    assert (d, low, high) == pytest.approx((5.0, 0.0, 10.0))


@given(
    st.floats(0, 100),
    st.floats(0, 20),
    st.floats(0, 20),
    st.floats(0, 100),
    st.floats(0, 20),
    st.floats(0, 20),
)
def test_swapping_sides_negates_the_difference_and_mirrors_the_range(
    v1: float, a1: float, b1: float, v2: float, a2: float, b2: float
) -> None:
    one, two = (v1, v1 - a1, v1 + b1), (v2, v2 - a2, v2 + b2)
    d, low, high = mover_bounds(one, two)
    e, elow, ehigh = mover_bounds(two, one)
    assert e == pytest.approx(-d)
    assert elow == pytest.approx(-high)
    assert ehigh == pytest.approx(-low)
    assert low <= d <= high


def test_p_value_agrees_with_the_range() -> None:
    # p < 1 - confidence exactly when the range excludes 0.
    assert normal_p_value(5.0, 0.0, 10.0, 0.95) == pytest.approx(0.05)
    assert normal_p_value(5.0, 1.0, 10.0, 0.95) < 0.05
    assert normal_p_value(-5.0, -12.0, 1.0, 0.95) > 0.05
    assert normal_p_value(0.0, -1.0, 1.0, 0.95) == 1.0
    assert 0.0 < normal_p_value(30.0, 25.0, 35.0, 0.95) < 1e-20  # no underflow to 0


def test_a_side_without_a_score_gives_a_reason_not_a_number() -> None:
    c = score_contrast(make_score(None, None, None, reason="too few"), make_score(5, 1, 9), 0.95)
    assert c.difference is None
    assert c.low is None
    assert c.reason is not None
    assert "too few" in c.reason


def test_hedges_g_matches_scipy_pooled_t() -> None:
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(3)
    x, y = rng.normal(50, 10, 12), rng.normal(56, 12, 9)
    g = hedges_g(float(y.mean() - x.mean()), float(x.std(ddof=1)), 12, float(y.std(ddof=1)), 9)
    t = stats.ttest_ind(y, x, equal_var=True).statistic
    # d = t * sqrt(1/n1 + 1/n2); g = J d with J = 1 - 3 / (4 (n1 + n2) - 9).
    j = 1 - 3 / (4 * 21 - 9)
    assert g == pytest.approx(j * t * math.sqrt(1 / 12 + 1 / 9))


def test_effect_sizes_are_undefined_without_spread() -> None:
    assert hedges_g(3.0, 0.0, 5, 0.0, 5) is None
    assert hedges_g(3.0, None, 5, 2.0, 5) is None
    assert hedges_g(3.0, 2.0, 1, 2.0, 1) is None
    assert d_av(3.0, 0.0, 0.0) is None
    assert d_av(3.0, 2.0, 4.0) == pytest.approx(1.0)


def test_contrast_effect_size_uses_the_scores_sd() -> None:
    first = make_score(60.0, 55.0, 65.0, sd=10.0, n_respondents=20)
    second = make_score(65.0, 60.0, 70.0, sd=10.0, n_respondents=20)
    c = score_contrast(first, second, 0.95)
    assert c.effect_size == pytest.approx(0.5 * (1 - 3 / (4 * 40 - 9)))
