"""Differences between two scores from their confidence ranges alone: the MOVER method.

Two reports carry no raw data, only each score's estimate and its (asymmetric) range. Under
independence, the method of variance estimates recovery (MOVER; Zou & Donner 2008,
"Construction of confidence limits about effect measures: a general approach", Stat Med
27:1693-1702) combines them into a range for ``d = v2 - v1``::

    L = d - sqrt((v2 - l2)^2 + (u1 - v1)^2)
    U = d + sqrt((u2 - v2)^2 + (v1 - l1)^2)

Both sides' ranges must have the same confidence level; the result has that level. The
p-value of "no difference" is a normal approximation read off the same construction: the
standard error on the side of the range toward 0 is ``(d - L) / z`` (``d > 0``) or
``(U - d) / z`` (``d < 0``), ``z`` the normal quantile of the level, and
``p = 2 * Phi(-|d| / se)``; so ``p < 1 - confidence`` exactly when the range excludes 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist

import numpy as np
from attrs import evolve

from .._results.common import Score
from .._results.contrast import Contrast
from .._results.report import Report
from .effect_size import hedges_g
from .multiplicity import adjusted

_NORMAL = NormalDist()


def mover_bounds(
    first: tuple[float, float, float], second: tuple[float, float, float]
) -> tuple[float, float, float]:
    """``(d, L, U)`` of ``second - first`` from ``(value, low, high)`` of each side (MOVER,
    independent sides)."""
    v1, l1, u1 = first
    v2, l2, u2 = second
    d = v2 - v1
    low = d - math.hypot(v2 - l2, u1 - v1)
    high = d + math.hypot(u2 - v2, v1 - l1)
    return d, low, high


def normal_p_value(difference: float, low: float, high: float, confidence: float) -> float:
    """Two-sided normal-approximation p-value of "no difference" from a range of level
    ``confidence`` around ``difference`` (the half-width toward 0 gives the standard error)."""
    if difference == 0.0:
        return 1.0
    half = difference - low if difference > 0 else high - difference
    z = _NORMAL.inv_cdf(0.5 + confidence / 2.0)
    if not half > 0.0:
        return 0.0
    # erfc keeps precision far in the tail (NormalDist.cdf rounds it to 0).
    return min(1.0, math.erfc(abs(difference) * z / half / math.sqrt(2.0)))


def sound(score: Score) -> bool:
    """Whether ``score``'s figures can be used: value, range ends and SD each missing or a
    finite number, ``low <= value <= high`` when all three are given. Scoring always gives
    sound scores; a report built or edited by hand may not."""
    figures = (score.value, score.low, score.high, score.sd)
    if not all(x is None or math.isfinite(x) for x in figures):
        return False
    if score.sd is not None and score.sd < 0:
        return False
    if score.value is None or score.low is None or score.high is None:
        return True
    return score.low <= score.value <= score.high


def _triple(score: Score) -> tuple[float, float, float] | None:
    """``(value, low, high)`` of ``score``, or ``None`` when any is missing (or the score is
    not :func:`sound`)."""
    if score.value is None or score.low is None or score.high is None or not sound(score):
        return None
    return score.value, score.low, score.high


def _finite(value: float | None) -> float | None:
    """``value``, or ``None`` when it is not a finite number (a report edited by hand)."""
    return value if value is not None and math.isfinite(value) else None


def missing_reason(first: Score, second: Score) -> str:
    """Why there is no difference between ``first`` and ``second``."""
    sides = [("first", first), ("second", second)]
    missing = [f"{name}: {s.reason or 'not scored'}" for name, s in sides if s.value is None]
    if missing:
        return "not scored on both sides (" + "; ".join(missing) + ")"
    broken = [name for name, s in sides if not sound(s)]
    if broken:
        return (
            f"the {' and '.join(broken)} side's figures are not finite numbers with "
            "low <= value <= high (a report edited by hand?)"
        )
    return "a side has no confidence range"


def score_contrast(first: Score, second: Score, confidence: float) -> Contrast:
    """The :class:`Contrast` ``second - first`` of two scores from *independent* samples
    (two organizations, or two waves not answered by the same people), by MOVER.

    Both scores' ranges must be of level ``confidence`` (the caller checks: reports record
    it in ``report.interval.confidence``); the contrast's range has that level. The effect
    size is Hedges' g from the scores' ``sd`` and ``n_respondents``; stages are copied from
    the scores (dimension and overall scores have them). A side without a value or range
    gives a contrast with no difference and a ``reason``.
    """
    one, two = _triple(first), _triple(second)
    if one is None or two is None:
        d: float | None = None
        low: float | None = None
        high: float | None = None
        effect: float | None = None
        p: float | None = None
        reason: str | None = missing_reason(first, second)
    else:
        d, low, high = mover_bounds(one, two)
        effect = hedges_g(d, first.sd, first.n_respondents, second.sd, second.n_respondents)
        p, reason = normal_p_value(d, low, high, confidence), None
    return Contrast(
        id=second.id,
        first=_finite(first.value),
        second=_finite(second.value),
        difference=d,
        low=low,
        high=high,
        effect_size=effect,
        p_value=p,
        first_stage=first.stage,
        second_stage=second.stage,
        n_first=first.n_respondents,
        n_second=second.n_respondents,
        reason=reason,
    )


Levels = tuple[Contrast, Mapping[str, Contrast], Mapping[str, Contrast]]
"""The contrasts of one comparison: overall, dimensions, indicators."""


def _with_adjusted(contrasts: Mapping[str, Contrast], adjust: str) -> dict[str, Contrast]:
    """``contrasts`` with ``p_adjusted`` filled by ``adjust`` across them (one family)."""
    p = np.array([np.nan if c.p_value is None else c.p_value for c in contrasts.values()])
    out = adjusted(p, adjust)
    if out is None:
        return dict(contrasts)
    return {
        k: evolve(c, p_adjusted=None if np.isnan(q) else float(q))
        for (k, c), q in zip(contrasts.items(), out, strict=True)
    }


def adjust_levels(levels: Levels, adjust: str) -> Levels:
    """Holm (``adjust="holm"``) within each level: the overall score alone, the dimensions
    together, the indicators together; ``"none"`` leaves ``p_adjusted`` empty."""
    overall, dimensions, indicators = levels
    return (
        _with_adjusted({"overall": overall}, adjust)["overall"],
        _with_adjusted(dimensions, adjust),
        _with_adjusted(indicators, adjust),
    )


def _across(
    families: Mapping[str, Mapping[str, Contrast]], adjust: str
) -> dict[str, dict[str, Contrast]]:
    """Unit -> score id -> contrast, adjusted across the units per score id."""
    names = list(families)
    out: dict[str, dict[str, Contrast]] = {n: {} for n in names}
    for score_id in families[names[0]]:
        family = _with_adjusted({n: families[n][score_id] for n in names}, adjust)
        for n in names:
            out[n][score_id] = family[n]
    return out


def adjust_across(units: Mapping[str, Levels], adjust: str) -> dict[str, Levels]:
    """Holm across the units (organizations) for each score id separately: the family of
    a contrast is the same score in every unit."""
    if not units:
        return {}
    overall = _with_adjusted({n: u[0] for n, u in units.items()}, adjust)
    dims = _across({n: u[1] for n, u in units.items()}, adjust)
    inds = _across({n: u[2] for n, u in units.items()}, adjust)
    return {n: (overall[n], dims[n], inds[n]) for n in units}


def report_levels(first: Report, second: Report) -> Levels:
    """Every contrast ``second - first`` of two reports scored on one rubric with one
    confidence level (checked by the caller), by :func:`score_contrast`."""
    confidence = first.interval.confidence
    return (
        score_contrast(first.overall, second.overall, confidence),
        {
            k: score_contrast(s, second.dimensions[k], confidence)
            for k, s in first.dimensions.items()
        },
        {
            k: score_contrast(s, second.indicators[k], confidence)
            for k, s in first.indicators.items()
        },
    )
