"""Vectorized aggregation: indicator means -> weighted dimension and overall scores.

Every function works on *replicates*: row ``r`` of the inputs is one version of the
sample (the full sample, one bootstrap resample, or one leave-one-out jackknife sample),
so point estimates, bootstrap distributions and jackknife values share one code path.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from attrs import frozen

from .._model.responses import Responses
from .._model.rubric import Rubric

Float = npt.NDArray[np.float64]
Bool = npt.NDArray[np.bool_]


@frozen(eq=False)
class Layout:
    """The rubric's structure as arrays, in rubric indicator / dimension order.

    Attributes:
        indicator_weight: ``(k,)`` indicator weights, rescaled by a power of two.
        membership: ``(k, d)`` 0/1 matrix, indicator j belongs to dimension c.
        dimension_weight: ``(d,)`` dimension weights, rescaled by a power of two.
        low, span: ``(k,)`` scale minimum and ``max - min`` per indicator.
        reverse: ``(k,)`` reverse-keyed indicators.
    """

    indicator_ids: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    indicator_weight: Float
    membership: Float
    dimension_weight: Float
    low: Float
    span: Float
    reverse: Bool

    @classmethod
    def of(cls, rubric: Rubric) -> Layout:
        """The layout of ``rubric``."""
        dims = tuple(d.id for d in rubric.dimensions)
        inds = rubric.indicators
        membership = np.zeros((len(inds), len(dims)))
        membership[np.arange(len(inds)), [dims.index(i.dimension) for i in inds]] = 1.0
        scales = [rubric.scale(i.scale) for i in inds]
        indicator_weight = np.array([i.weight for i in inds], dtype=np.float64)
        dimension_weight = np.array([d.weight for d in rubric.dimensions], dtype=np.float64)
        # Only weight ratios matter. Scaling by a power of two near the largest weight is exact
        # in binary floating point and keeps sums of extreme weights (1e308, 5e-324) finite.
        return cls(
            indicator_ids=tuple(i.id for i in inds),
            dimension_ids=dims,
            indicator_weight=_rescaled(indicator_weight),
            membership=membership,
            dimension_weight=_rescaled(dimension_weight),
            low=np.array([s.min for s in scales], dtype=np.float64),
            span=np.array([s.max - s.min for s in scales], dtype=np.float64),
            reverse=np.array([i.reverse for i in inds], dtype=np.bool_),
        )


def _rescaled(weights: Float) -> Float:
    """``weights`` times the power of two that brings the largest into [0.5, 1) (exact)."""
    _, exponent = np.frexp(weights.max())
    out: Float = np.ldexp(weights, -int(exponent))
    return out


def normalized(layout: Layout, responses: Responses) -> Float:
    """Answers on 0-100 (reverse-keyed indicators flipped); NaN where not answered.

    ``100 * (x - min) / (max - min)``, or ``100 * (max - x) / (max - min)`` when reversed.
    """
    if responses.indicator_ids != layout.indicator_ids:
        order = [responses.indicator_ids.index(i) for i in layout.indicator_ids]
        values = responses.values[:, order]
    else:
        values = responses.values
    scaled = 100.0 * (values - layout.low) / layout.span
    return np.where(layout.reverse, 100.0 - scaled, scaled)


@frozen(eq=False)
class Aggregates:
    """Scores of ``r`` replicates: ``indicator (r, k)``, ``dimension (r, d)``, ``overall (r,)``.

    NaN marks a score with no answers behind it in that replicate.
    """

    indicator: Float
    dimension: Float
    overall: Float


def _weighted(values: Float, weights: Float, membership: Float) -> Float:
    """Per group (columns of ``membership``) weighted mean of non-NaN ``values``."""
    present = ~np.isnan(values)
    w = np.where(present, weights, 0.0)
    numerator = np.where(present, values, 0.0) * w @ membership
    denominator = w @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = numerator / denominator
    out[denominator <= 0] = np.nan
    return out


def aggregate(
    layout: Layout, sums: Float, counts: Float, dimension_mask: Bool | None = None
) -> Aggregates:
    """Aggregate per-indicator answer ``sums`` and ``counts`` of each replicate.

    Args:
        sums, counts: ``(r, k)`` sum of 0-100 answers and number of answers.
        dimension_mask: ``(d,)`` dimensions allowed into the overall score (the scorable
            ones); all when ``None``.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        indicator = sums / counts
    indicator[counts <= 0] = np.nan
    dimension = _weighted(indicator, layout.indicator_weight, layout.membership)
    dim_for_overall = (
        dimension if dimension_mask is None else np.where(dimension_mask, dimension, np.nan)
    )
    overall = _weighted(dim_for_overall, layout.dimension_weight, np.ones((dimension.shape[1], 1)))
    return Aggregates(indicator, dimension, overall[:, 0])


def respondent_dimension_scores(layout: Layout, scores: Float) -> Float:
    """``(n, d)`` each respondent's own dimension scores (0-100): the weighted mean of the
    dimension's indicators they answered (weights renormalized over those), NaN where they
    answered none. ``scores`` is ``(n, k)`` answers on 0-100, NaN where not answered. The one
    home of this rule: :func:`respondent_sds` (through :func:`aggregate`, each respondent one
    replicate) and reliability's dimension correlations use it."""
    return _weighted(scores, layout.indicator_weight, layout.membership)


SD_BLOCK_CELLS = 1 << 20
"""Answers turned into own scores at once by :func:`respondent_sds` (bounds its memory)."""


def respondent_sds(layout: Layout, scores: Float, dimension_mask: Bool | None = None) -> Aggregates:
    """Sample standard deviations (``ddof=1``, 0-100 points) over respondents of their own
    scores, one row: ``indicator (1, k)``, ``dimension (1, d)``, ``overall (1,)``.

    ``scores`` is ``(n, k)`` answers on 0-100, NaN where not answered. Each respondent's own
    dimension score is the weighted mean of the dimension's indicators they answered
    (weights renormalized), their own overall score the weighted mean of their own
    dimension scores (of the dimensions in ``dimension_mask``): :func:`aggregate` with each
    respondent as one replicate. NaN where fewer than 2 respondents have a value.
    """
    rows = max(1, SD_BLOCK_CELLS // max(scores.shape[1], 1))
    blocks = [scores[i : i + rows] for i in range(0, scores.shape[0], rows)]
    own = [
        aggregate(layout, np.nan_to_num(block), ~np.isnan(block) * 1.0, dimension_mask)
        for block in blocks
    ]
    d = len(layout.dimension_weight)
    dimension = np.vstack([o.dimension for o in own]) if own else np.empty((0, d))
    overall = np.concatenate([o.overall for o in own]) if own else np.empty(0)
    return Aggregates(
        _blocked_sd(blocks, scores.shape[1]),
        _column_sd(dimension),
        _column_sd(overall[:, None])[0],
    )


def _blocked_sd(blocks: list[Float], k: int) -> Float:
    """:func:`_column_sd` of the rows of ``blocks`` stacked, two passes over the blocks
    (means, then squared deviations), so no full-size temporary is made."""
    n = np.zeros(k)
    total = np.zeros(k)
    for block in blocks:
        n += (~np.isnan(block)).sum(0)
        total += np.nansum(block, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        squares = sum((np.nansum((b - mean) ** 2, axis=0) for b in blocks), np.zeros(k))
        out: Float = np.sqrt(squares / (n - 1))
    out[n < 2] = np.nan
    return out[None, :]


def _column_sd(values: Float) -> Float:
    """NaN-aware sample SD (``ddof=1``) of each column of ``values`` ``(n, m)`` -> ``(1, m)``;
    NaN where a column has fewer than 2 values."""
    present = ~np.isnan(values)
    n = present.sum(0)
    filled = np.where(present, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = filled.sum(0) / n
        squares = (np.where(present, values - mean, 0.0) ** 2).sum(0)
        out: Float = np.sqrt(squares / (n - 1))
    out[n < 2] = np.nan
    return out[None, :]
