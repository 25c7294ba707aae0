"""Stage rules: how a rubric decides the overall stage from the dimension stages.

The overall *score* is always the weighted mean of the dimension scores. Under the
``compensatory`` rule (format 1, and format 2 without a ``stage_rule``) the overall *stage*
is the band that mean falls in, so a strong dimension makes up for a weak one. The other
rules cap the overall stage by the weakest dimension:

- ``weakest`` with ``allowance`` N: the overall stage is at most N stages above the lowest
  dimension stage (N = 0: never above it);
- ``gated`` with ``floors`` ``{stage: floor}``: a stage is reached only when every
  dimension is at or above its floor stage; a floor holds for the stages above it too.

Both reduce to one table, the *floor level* of every stage (:meth:`StageRule.floor_levels`):
the overall stage is the highest stage at or below the band of the mean whose floor the
lowest scored dimension stage reaches. Documentation: docs/rubric-format.md (the field),
docs/scoring.md (the behaviour).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any, Final

from attrs import field, frozen

from .._frozen import FrozenDict

__all__ = ["STAGE_RULE_KINDS", "StageRule", "allowed_level"]

STAGE_RULE_KINDS: Final = ("compensatory", "weakest", "gated")
"""The kinds of stage rule a format-2 rubric may declare."""


def _freeze(value: Mapping[str, str]) -> FrozenDict[str, str]:
    return FrozenDict(value)


@frozen
class StageRule:
    """How the overall stage is decided (see the module docstring).

    Attributes:
        kind: one of :data:`STAGE_RULE_KINDS`.
        allowance: ``weakest`` only: how many stages (>= 0) the overall stage may lie above
            the lowest dimension stage.
        floors: ``gated`` only: stage id -> id of the lowest stage every dimension must be
            in for the overall stage to reach it (and every stage above it).
    """

    kind: str = "compensatory"
    allowance: int = 0
    floors: Mapping[str, str] = field(factory=FrozenDict, converter=_freeze)

    @property
    def compensatory(self) -> bool:
        """Whether the overall stage is simply the band of the overall score."""
        return self.kind == "compensatory"

    def floor_levels(self, stage_ids: Sequence[str]) -> tuple[int, ...]:
        """The floor of each stage as a 1-based stage level, in the order of ``stage_ids``
        (the rubric's stages, lowest first): the overall stage may be at level ``L`` only
        when the lowest dimension stage is at level ``floor_levels[L - 1]`` or above. Never
        decreasing; 1 (no floor) for every stage under ``compensatory``."""
        levels = range(1, len(stage_ids) + 1)
        if self.kind == "weakest":
            return tuple(max(1, level - self.allowance) for level in levels)
        if self.kind == "gated":  # a stage's floor holds for every stage above it too
            where = {stage: level for level, stage in enumerate(stage_ids, start=1)}
            out, floor = [], 1
            for s in stage_ids:
                floor = max(floor, where.get(self.floors.get(s, ""), 1))
                out.append(floor)
            return tuple(out)
        return tuple(1 for _ in levels)

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.kind == "weakest":
            out["allowance"] = self.allowance
        if self.kind == "gated":
            out["floors"] = dict(self.floors)
        return out


def allowed_level(floor_levels: Sequence[int], lowest: int) -> int:
    """The highest stage level (1-based) whose floor a lowest dimension stage at level
    ``lowest`` reaches (at least 1): the cap on the overall stage."""
    return max(1, bisect.bisect_right(list(floor_levels), lowest))
