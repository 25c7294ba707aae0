"""Standardized effect sizes of a difference between two scores (docs/comparisons.md).

Two kinds, on one scale (a difference in units of the respondents' standard deviation):

- ``"hedges_g"`` for independent samples: ``g = J * d / s_p`` with the pooled SD
  ``s_p = sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2))`` and the small-sample
  correction ``J = 1 - 3 / (4 (n1 + n2) - 9)`` (Hedges 1981; Hedges & Olkin 1985);
- ``"d_av"`` for paired samples (two waves answered by the same people): ``d / ((s1 + s2) / 2)``
  (Cumming 2012, ch. 11; Lakens 2013): standardized by the SDs of the two waves, not by the
  SD of the differences, so a paired and an independent effect size of the same shift agree.
"""

from __future__ import annotations

import math
from typing import Literal

EffectSizeKind = Literal["hedges_g", "d_av"]
"""Which standardized effect size a comparison reports."""


def _bad_sd(sd: float) -> bool:
    """Not an SD an effect size can rest on: not finite, or negative."""
    return not (math.isfinite(sd) and sd >= 0.0)


def hedges_g(
    difference: float, sd1: float | None, n1: int, sd2: float | None, n2: int
) -> float | None:
    """Hedges' g of ``difference`` (``second - first``) between independent samples of
    sizes ``n1``, ``n2`` with sample SDs ``sd1``, ``sd2``; ``None`` when undefined (an SD
    missing, ``n1 + n2 < 3``, or a pooled SD of 0)."""
    if sd1 is None or sd2 is None or _bad_sd(sd1) or _bad_sd(sd2):
        return None
    if n1 < 1 or n2 < 1 or n1 + n2 < 3:
        return None
    pooled = math.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2))
    if not pooled > 0.0:
        return None
    correction = 1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0)
    return correction * difference / pooled


def d_av(difference: float, sd1: float | None, sd2: float | None) -> float | None:
    """``d_av`` of ``difference`` for paired samples: the difference over the mean of the two
    waves' SDs; ``None`` when an SD is missing or both are 0."""
    if sd1 is None or sd2 is None or _bad_sd(sd1) or _bad_sd(sd2):
        return None
    average = 0.5 * (sd1 + sd2)
    if not average > 0.0:
        return None
    return difference / average
