"""The studentized (bootstrap-t) range: each resample's score divided by its own standard
error, so the range widens where the sample's spread is uncertain (small samples).

For a score ``theta`` with standard error ``se`` and ``B`` resamples ``theta*_b`` with their
own standard errors ``se*_b`` (the same formula applied to the resample), the pivots
``t*_b = (theta*_b - theta) / se*_b`` give the range

    [theta - q(1 - alpha) se,  theta - q(alpha) se],     alpha = (1 - confidence) / 2,

``q`` being quantiles of the ``t*_b`` (Efron & Tibshirani 1993, ch. 12; Hesterberg 2015,
sec. 5). Unlike percentile-type ranges it is not confined to the span of the respondents'
scores, which caps every percentile range below 94 % coverage at 5 respondents
(docs/coverage.md).

The *union* range (``interval="studentized_union"``, the default below 20 respondents)
is the smallest range holding both this equal-tailed range and the symmetric bootstrap-t
range ``theta -/+ c se``, ``c`` the ``1 - 2 alpha`` quantile of ``|t*_b|`` (Hall 1988):

    [theta - max(q(1 - alpha), c) se,  theta + max(-q(alpha), c) se].

It covers at least as often as either (each is a subset of it). The equal-tailed range
follows the skewness of the pivots, which a sample of 5-9 respondents estimates poorly
(it misses a discontented minority the sample happened not to include); the symmetric
range does not depend on that estimate. Measured: docs/coverage.md.

Standard errors (``ddof = 1``, points on 0-100): an indicator's is ``sd / sqrt(m)`` of its
``m`` answers; a dimension's or the overall score's is ``sd / sqrt(m)`` of the respondents'
own scores (the ones behind ``Score.sd``: each respondent's weighted mean of what they
answered). Resampled standard errors come from the same resample counts as the scores
(one matrix product), so there is no loop per resample and the scores' draws are exactly
those of :func:`~lomaturity._stats.bootstrap.respondent_bootstrap`.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from .aggregate import Aggregates, Bool, Float, Layout, aggregate
from .bootstrap import TIE_TOLERANCE, quantiles, resampled_sums

PIVOT_BOUND = 1e12
"""Pivots of resamples with a zero standard error (every resampled respondent alike) but
a different score are infinite; they are held at this bound so quantiles stay finite. A
range end that reaches it is clipped to the 0-100 scale."""


@frozen(eq=False)
class Studentized:
    """Resampled scores and standard errors, and the sample's standard errors.

    ``draws`` and ``draw_se`` are ``(B, ...)`` :class:`Aggregates`; ``se`` has one row."""

    draws: Aggregates
    draw_se: Aggregates
    se: Aggregates


def _own(layout: Layout, filled: Float, answered: Bool, dimension_mask: Bool) -> Float:
    """``(n, d + 1)`` each respondent's own dimension scores and own overall score."""
    own = aggregate(layout, filled, answered.astype(np.float64), dimension_mask)
    out: Float = np.column_stack([own.dimension, own.overall])
    return out


CANCELLATION = 1e-12
"""Relative size of ``sum(x^2) - sum(x)^2 / n`` below which it is float cancellation of equal
values and counts as 0 (a real spread that small is below 1e-6 of the score itself)."""


def _se(count: Float, total: Float, squares: Float) -> Float:
    """``sd / sqrt(count)`` (``ddof=1``) from counts, sums and sums of squares; NaN where
    fewer than 2 values, 0 where all values are equal. In place on one temporary."""
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = total * total
        out /= count
        np.subtract(squares, out, out=out)
        # equal values leave cancellation noise (~1e-15 of the squares), not a spread: a
        # noise-sized standard error would turn the pivots of a flat score into a 0-100 range
        out[out <= CANCELLATION * squares] = 0.0
        np.maximum(out, 0.0, out=out)
        out /= count - 1.0
        out /= count
        np.sqrt(out, out=out)
    out[count < 2] = np.nan
    return out


def _split(layout: Layout, sums: Float, dimension_mask: Bool) -> tuple[Aggregates, Aggregates]:
    """Scores and standard errors from the column sums of the data of
    :func:`studentized_bootstrap` (one row per replicate)."""
    k, m = len(layout.indicator_ids), len(layout.dimension_ids) + 1
    filled, counts, squares = sums[:, :k], sums[:, k : 2 * k], sums[:, 2 * k : 3 * k]
    present, own, own2 = (sums[:, 3 * k + i * m : 3 * k + (i + 1) * m] for i in range(3))
    scores = aggregate(layout, filled, counts, dimension_mask)
    upper = _se(present, own, own2)
    errors = Aggregates(_se(counts, filled, squares), upper[:, :-1], upper[:, -1])
    return scores, errors


def studentized_bootstrap(
    layout: Layout,
    scores: Float,
    answered: Bool,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
) -> Studentized:
    """The respondent bootstrap with a standard error for every resampled score.

    ``scores`` is ``(n, k)`` answers on 0-100 (NaN where not answered). The resample counts
    are drawn exactly as by ``respondent_bootstrap`` (same generator use), so the draws
    equal its draws."""
    filled = np.where(answered, scores, 0.0)
    own = _own(layout, filled, answered, dimension_mask)
    present = ~np.isnan(own)
    own = np.where(present, own, 0.0)
    data = np.hstack([filled, answered * 1.0, filled * filled, present * 1.0, own, own * own])
    draws, draw_se = _split(layout, resampled_sums(rng, data, n_resamples), dimension_mask)
    _, se = _split(layout, data.sum(0)[None, :], dimension_mask)
    return Studentized(draws, draw_se, se)


def studentized_bounds(
    draws: Float,
    draw_se: Float,
    point: Float,
    se: Float,
    confidence: float,
    *,
    scale: tuple[float, float] = (0.0, 100.0),
    union: bool = False,
) -> tuple[Float, Float]:
    """``(low, high)`` studentized ranges of the ``m`` columns of ``draws`` ``(B, m)``.

    ``point`` and ``se`` are ``(m,)``; ends are clipped to ``scale`` (0-100 for scores,
    -100..100 for a difference of two scores). ``union``: each end at least as far from
    the point as the symmetric bootstrap-t range's (module doc). A column whose sample
    standard error is 0 (every respondent alike) gets the point as its range; NaN where
    there are no finite draws or no standard error."""
    diff = draws - point
    tied = np.abs(diff) <= TIE_TOLERANCE * np.maximum(1.0, np.abs(point))
    with np.errstate(invalid="ignore", divide="ignore"):
        pivots = np.where(draw_se > 0, diff / draw_se, np.sign(diff) * np.inf)
    pivots = np.where(tied, 0.0, np.clip(pivots, -PIVOT_BOUND, PIVOT_BOUND))
    pivots[np.isnan(draws) | np.isnan(draw_se)] = np.nan
    alpha = (1.0 - confidence) / 2.0
    q = quantiles(pivots, np.array([alpha, 1.0 - alpha]))
    if union:
        c = quantiles(np.abs(pivots), np.array([1.0 - 2.0 * alpha]))[0]
        q = np.vstack([np.fmin(q[0], -c), np.fmax(q[1], c)])
    with np.errstate(invalid="ignore"):
        low = np.clip(point - q[1] * se, *scale)
        high = np.clip(point - q[0] * se, *scale)
    flat = se == 0
    low[flat], high[flat] = point[flat], point[flat]
    return low, high
