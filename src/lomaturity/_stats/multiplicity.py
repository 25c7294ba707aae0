"""Tests of differences from bootstrap draws, and the one multiplicity adjustment (Holm).

Ranges are never adjusted: a ``low``-``high`` range keeps its nominal level for its own
comparison. What is adjusted, when a result holds many comparisons at once, is the p-value,
so that "which of these differ" keeps its family-wise error rate.
"""

from __future__ import annotations

import functools
import math
from statistics import NormalDist

import numpy as np

from .aggregate import Float
from .bootstrap import t_cdf

_NORMAL = NormalDist()

ADJUSTMENTS = ("holm", "none")
"""Multiplicity adjustments: Holm's step-down (1979), or none."""


def bootstrap_p_values(draws: Float) -> Float:
    """Two-sided bootstrap p-values of "no difference", per column of ``draws`` ``(B, m)``.

    ``p = min(1, 2 * min(1 + #{d <= 0}, 1 + #{d >= 0}) / (1 + B'))`` with ``B'`` the finite
    draws of the column (Davison & Hinkley 1997, eq. 4.11: the ``+1`` keeps a p-value from
    being 0 with finitely many resamples). NaN where a column has no finite draw.
    """
    valid = ~np.isnan(draws)
    n = valid.sum(0)
    below = ((draws <= 0.0) & valid).sum(0)
    above = ((draws >= 0.0) & valid).sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.minimum(1.0, 2.0 * (np.minimum(below, above) + 1.0) / (n + 1.0))
    out: Float = np.where(n > 0, p, np.nan)
    return out


def expanded_p_values(p_values: Float, n_eff: Float) -> Float:
    """Bootstrap p-values made consistent with *expanded* percentile ranges (Hesterberg 2015).

    The expanded range of level ``1 - a`` takes the percentiles ``a'/2`` and ``1 - a'/2`` with
    ``a'/2 = Phi(-sqrt(n / (n - 1)) t_{n-1}(1 - a/2))``. A plain bootstrap p-value ``p`` says
    that 0 lies at the percentile ``p / 2``; inverting the map gives the level at which the
    expanded range just reaches 0: ``p' = 2 (1 - T_{n-1}(sqrt((n - 1) / n) z_{1 - p/2}))``.
    So ``p' < 1 - confidence`` exactly when the expanded range excludes 0 (up to the
    resolution of the draws), as ``p`` is for the plain percentile range. ``n_eff < 2`` keeps
    ``p`` (as do 0 and 1); NaN stays NaN.
    """
    out = np.array(p_values, dtype=np.float64)
    for j, (p, n) in enumerate(zip(out, n_eff, strict=True)):
        if not (np.isnan(p) or n < 2 or p >= 1.0 or p <= 0.0):
            out[j] = _expanded_p(float(p), int(n))
    return out


@functools.lru_cache(maxsize=8192)
def _expanded_p(p: float, n: int) -> float:
    """One p-value of :func:`expanded_p_values` (bootstrap p-values repeat: they lie on the
    grid ``(k + 1) / (B + 1)``, so the cache saves most of the work across organizations)."""
    z = -_NORMAL.inv_cdf(p / 2.0)
    return min(1.0, 2.0 * (1.0 - t_cdf(math.sqrt((n - 1.0) / n) * z, float(n - 1))))


def holm(p_values: Float) -> Float:
    """Holm-adjusted p-values (Holm 1979), as R's ``p.adjust(p, "holm")``.

    With the ``m`` finite p-values sorted ascending, ``p_(i)`` becomes
    ``max_{j <= i} min(1, (m - j + 1) p_(j))``. NaN entries stay NaN and do not count in ``m``.
    """
    p = np.asarray(p_values, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    finite = np.flatnonzero(~np.isnan(p))
    m = finite.size
    if m == 0:
        return out
    order = finite[np.argsort(p[finite], kind="stable")]
    scaled = np.minimum(1.0, (m - np.arange(m)) * p[order])
    out[order] = np.maximum.accumulate(scaled)
    return out


def adjusted(p_values: Float, adjust: str) -> Float | None:
    """``p_values`` adjusted by ``adjust`` (one of :data:`ADJUSTMENTS`); ``None`` for ``"none"``."""
    if adjust == "none":
        return None
    return holm(p_values)
