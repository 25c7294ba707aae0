"""Ranges of a difference between two independent groups of respondents (the perception
gap): each group resampled on its own stream, the resampled scores differenced, and the
range of the difference made by one of the interval kinds of :mod:`.options`.

For ``D = A - B`` with per-group standard errors ``se_A``, ``se_B`` (``ddof = 1``, as in
:mod:`.studentized`) and per-column sample sizes ``n_A``, ``n_B``:

- ``percentile``: quantiles ``alpha``, ``1 - alpha`` of the ``B`` differenced draws;
- ``expanded``: the two-sample expanded percentile range (Hesterberg 2015, sec. 5; the
  form of :func:`~lomaturity._stats.group_contrast.difference`): tails
  ``Phi(-f t_df(1 - alpha))`` with ``f = sqrt(U / V)``, ``U = se_A^2 + se_B^2``,
  ``V = se_A^2 (n_A - 1)/n_A + se_B^2 (n_B - 1)/n_B`` (the bootstrap's divide-by-n
  variance) and Welch-Satterthwaite ``df = U^2 / (se_A^4/(n_A - 1) + se_B^4/(n_B - 1))``,
  which is close to the smaller group's ``n - 1`` when that group dominates the variance;
- ``studentized``: bootstrap-t of the difference, pivots ``(D* - D) / sqrt(se*_A^2 +
  se*_B^2)`` (Efron & Tibshirani 1993, ch. 12), ends clipped to -100..100;
- ``bca``: BCa with the acceleration from the leave-one-out values of both groups
  (deleting a respondent of A gives ``A_(i) - B``, of B ``A - B_(i)``).

Every range is widened to hold its point. Columns: indicators, dimensions, overall.
Which kind ``interval="auto"`` picks, and the measured coverage: docs/groups.md.
"""

from __future__ import annotations

import numpy as np
from attrs import frozen

from .aggregate import Aggregates, Bool, Float, Layout, aggregate
from .bootstrap import bca_probabilities, jackknife, quantiles, respondent_bootstrap
from .group_contrast import expanded_tails
from .options import STUDENTIZED_KINDS
from .studentized import studentized_bootstrap, studentized_bounds


def flat(a: Aggregates) -> Float:
    """``(r, k + d + 1)``: indicator, dimension and overall columns side by side."""
    out: Float = np.hstack([a.indicator, a.dimension, a.overall[:, None]])
    return out


@frozen(eq=False)
class GroupDraws:
    """One group's point scores, resampled scores and what the range kinds need, flat
    ``(k + d + 1)`` columns. ``se``/``draw_se`` only for ``studentized`` and ``expanded``,
    ``jack`` only for ``bca``; ``sizes`` are answers per indicator and respondents per
    dimension and overall."""

    point: Float
    draws: Float
    sizes: Float
    se: Float | None = None
    draw_se: Float | None = None
    jack: Float | None = None


def group_draws(
    layout: Layout,
    scores: Float,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
    kind: str,
) -> GroupDraws:
    """Resample one group's respondents (rows of ``scores``, 0-100, NaN = not answered).
    The draws are those of :func:`respondent_bootstrap` on ``rng`` whatever ``kind``."""
    answered = ~np.isnan(scores)
    filled = np.where(answered, scores, 0.0)
    counts = answered.astype(np.float64)
    point = flat(aggregate(layout, filled.sum(0)[None, :], counts.sum(0)[None, :], dimension_mask))
    sizes = np.concatenate(
        [
            counts.sum(0),
            ((counts @ layout.membership) > 0).sum(0).astype(np.float64),
            [float(answered.any(1).sum())],
        ]
    )
    if kind in (*STUDENTIZED_KINDS, "expanded"):
        st = studentized_bootstrap(layout, scores, answered, rng, n_resamples, dimension_mask)
        return GroupDraws(point[0], flat(st.draws), sizes, flat(st.se)[0], flat(st.draw_se))
    draws = flat(respondent_bootstrap(layout, scores, answered, rng, n_resamples, dimension_mask))
    jack = flat(jackknife(layout, scores, answered, dimension_mask)) if kind == "bca" else None
    return GroupDraws(point[0], draws, sizes, jack=jack)


def expanded_difference_tails(a: GroupDraws, b: GroupDraws, confidence: float) -> Float:
    """Lower percentile level per column of the two-sample expanded range (module doc)."""
    assert a.se is not None
    assert b.se is not None
    ua, ub = a.se**2, b.se**2
    with np.errstate(invalid="ignore", divide="ignore"):
        unbiased = ua + ub
        plugin = ua * (a.sizes - 1.0) / a.sizes + ub * (b.sizes - 1.0) / b.sizes
        factor = np.sqrt(unbiased / plugin)
        dof = unbiased**2 / (ua**2 / (a.sizes - 1.0) + ub**2 / (b.sizes - 1.0))
    return expanded_tails(factor, dof, confidence)


def difference_bounds(
    a: GroupDraws, b: GroupDraws, kind: str, confidence: float
) -> tuple[Float, Float, Float]:
    """``(point, low, high)`` of ``A - B`` per column for an interval ``kind`` already
    resolved (``a``/``b`` drawn for that kind); NaN where either group has no score."""
    point = a.point - b.point
    draws = a.draws - b.draws
    alpha = (1.0 - confidence) / 2.0
    if kind in STUDENTIZED_KINDS and a.draw_se is not None and b.draw_se is not None:
        assert a.se is not None
        assert b.se is not None
        draw_se = np.sqrt(a.draw_se**2 + b.draw_se**2)
        se = np.sqrt(a.se**2 + b.se**2)
        low, high = studentized_bounds(
            draws,
            draw_se,
            point,
            se,
            confidence,
            scale=(-100.0, 100.0),
            union=kind == "studentized_union",
        )
    else:
        if kind == "expanded" and a.se is not None:
            tails = expanded_difference_tails(a, b, confidence)
            levels = np.vstack([tails, 1.0 - tails])
        elif kind == "bca" and a.jack is not None and b.jack is not None:
            jack = np.vstack([a.jack - b.point, a.point - b.jack])
            levels = bca_probabilities(draws, point, jack, confidence)
        else:
            levels = np.array([alpha, 1.0 - alpha])
        low, high = quantiles(draws, levels)
    return point, np.fmin(low, point), np.fmax(high, point)
