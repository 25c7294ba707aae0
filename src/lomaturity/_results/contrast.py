"""The one record of a difference between two scores, shared by every comparison result
(two organizations, two survey waves, two groups of organizations)."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from .._format import rounded


def rounded_p(p: float | None) -> float | None:
    """A p-value rounded as every figure is, except that a positive p-value too small for
    4 decimals keeps 2 significant digits: a p-value is never shown as 0 when it is not."""
    if p is None or p == 0.0 or round(p, 4) > 0.0:
        return rounded(p)
    return float(f"{p:.2g}")


@frozen
class Contrast:
    """The difference ``second - first`` on one score, in points on 0-100.

    ``first`` is what is compared from (an earlier wave, a reference organization or group),
    ``second`` what is compared to; a positive difference means ``second`` scores higher.

    Attributes:
        id: ``"overall"``, a dimension id or an indicator id.
        first, second: the two scores (0-100).
        difference, low, high: ``second - first`` and its confidence range; ``None`` when
            either side has no score here (then ``reason`` says why).
        effect_size: the difference in standard-deviation units; the result's
            ``effect_size_kind`` says which standardizer (docs/comparisons.md).
        p_value: two-sided p-value of "no difference" (0-1).
        p_adjusted: ``p_value`` adjusted for the other comparisons of the same result
            (Holm), or ``None`` when the result was not adjusted.
        first_stage, second_stage: stage ids of the two scores (dimension and overall only).
        n_first, n_second: sample sizes behind each side (respondents, or organizations for
            contrasts between groups of organizations).
        reason: why there is no difference, when there is none.
    """

    id: str
    first: float | None
    second: float | None
    difference: float | None
    low: float | None
    high: float | None
    effect_size: float | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    first_stage: str | None = None
    second_stage: str | None = None
    n_first: int = 0
    n_second: int = 0
    reason: str | None = None

    @property
    def excludes_zero(self) -> bool:
        """``True`` when the range lies wholly above or below 0."""
        if self.low is None or self.high is None:
            return False
        return self.low > 0.0 or self.high < 0.0

    @property
    def stage_changed(self) -> bool | None:
        """Whether the two sides are at different stages (``None`` without both stages)."""
        if self.first_stage is None or self.second_stage is None:
            return None
        return self.first_stage != self.second_stage

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "first": rounded(self.first),
            "second": rounded(self.second),
            "difference": rounded(self.difference),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "effect_size": rounded(self.effect_size),
            "p_value": rounded_p(self.p_value),
            "p_adjusted": rounded_p(self.p_adjusted),
            "n_first": self.n_first,
            "n_second": self.n_second,
        }
        if self.first_stage is not None or self.second_stage is not None:
            out["first_stage"] = self.first_stage
            out["second_stage"] = self.second_stage
            out["stage_changed"] = self.stage_changed
        if self.reason is not None:
            out["reason"] = self.reason
        return out
