"""Tests of differences from bootstrap draws, and the one multiplicity adjustment (Holm).

Ranges are never adjusted: a ``low``-``high`` range keeps its nominal level for its own
comparison. What is adjusted, when a result holds many comparisons at once, is the p-value,
so that "which of these differ" keeps its family-wise error rate.
"""

from __future__ import annotations

import numpy as np

from .aggregate import Float

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
