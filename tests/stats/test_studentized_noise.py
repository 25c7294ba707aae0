"""Regression: a flat score whose standard error is float cancellation noise.

Found by ``test_scaling_all_weights_changes_nothing`` (hypothesis): two respondents with the
same overall score gave the point as its studentized range with one weight scale and
[0, 59.4] with another, because the sample standard error came out as 7e-15 instead of 0
and the pivots of the flat resamples exploded.
"""

from __future__ import annotations

import numpy as np

from lomaturity._stats.studentized import _se, studentized_bounds


def test_equal_values_have_a_zero_standard_error_despite_float_noise() -> None:
    # the same score three times: the sum-of-squares formula leaves 3.6e-12, not 0
    values = np.full((2, 3), 86.31789223498866)
    values[1] = 50.0
    count = np.full(2, 3.0)
    se = _se(count, values.sum(1), (values * values).sum(1))
    assert se.tolist() == [0.0, 0.0]
    spread = np.array([1.0, 2.0, 4.0])
    assert _se(np.array([3.0]), spread.sum()[None], (spread**2).sum()[None])[0] > 0


def test_a_flat_score_gets_its_point_as_range() -> None:
    rng = np.random.default_rng(1)
    point = np.array([59.375])
    draws = np.full((200, 1), 59.375) + rng.choice([0.0, 1e-13], size=(200, 1))
    draw_se = np.zeros((200, 1))
    low, high = studentized_bounds(draws, draw_se, point, np.array([0.0]), 0.95)
    assert (low[0], high[0]) == (59.375, 59.375)
