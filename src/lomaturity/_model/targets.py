"""Target profiles: the maturity an organization aims for, per dimension, indicator or overall."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from .._frozen import FrozenDict

# --------------------------------------------------------------------------- targets

TargetValue = str | float
"""A target: a stage id (its lower bound), a score on 0-100, or ``"next"`` (the default
rule: one stage above the current one)."""

NEXT = "next"


def _targets_map(value: Mapping[str, TargetValue]) -> FrozenDict[str, TargetValue]:
    return FrozenDict(value)


@frozen(hash=False)
class TargetProfile:
    """What each score should reach.

    Each value is a stage id (the target is its lower bound), a score on 0-100, or
    ``"next"``. The target of a dimension is ``dimensions[id]``, else ``default``, else
    ``"next"``; an indicator's is ``indicators[id]``, else the resolved target of its
    dimension; the overall score's is ``overall``, else ``default``, else ``"next"``.

    ``"next"`` is the lower bound of the stage above the current one; at the top stage,
    where there is no stage above, it is the current score (maintain). An indicator whose
    dimension is at the top stage keeps its own score as its target when that score is at
    least the top stage's lower bound; below it, the target is that lower bound (the
    dimension keeps its stage only if its indicators do, so a weak indicator there is a
    real gap, not hidden by the maintain rule).
    """

    default: TargetValue | None = None
    overall: TargetValue | None = None
    dimensions: Mapping[str, TargetValue] = field(factory=FrozenDict, converter=_targets_map)
    indicators: Mapping[str, TargetValue] = field(factory=FrozenDict, converter=_targets_map)

    @property
    def is_default(self) -> bool:
        """Whether every target follows the "next stage" rule."""
        values = [self.default, self.overall, *self.dimensions.values(), *self.indicators.values()]
        return all(v is None or v == NEXT for v in values)

    def describe(self) -> str:
        """One line saying what the profile asks for."""
        if self.is_default:
            return "one stage above the current stage (the lower bound of the next stage)"
        parts = []
        if self.default is not None:
            parts.append(f"default {_show_target(self.default)}")
        if self.overall is not None:
            parts.append(f"overall {_show_target(self.overall)}")
        parts.extend(f"{k} {_show_target(v)}" for k, v in self.dimensions.items())
        parts.extend(f"{k} {_show_target(v)}" for k, v in self.indicators.items())
        rest = "" if self.default is not None else "; elsewhere one stage above the current stage"
        return ", ".join(parts) + rest

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "default": self.default if self.default is not None else NEXT,
            "overall": self.overall,
            "dimensions": dict(self.dimensions),
            "indicators": dict(self.indicators),
        }


def _show_target(value: TargetValue) -> str:
    if isinstance(value, str):
        return "next stage" if value == NEXT else f"stage {value!r}"
    return f"score {value:g}"


TargetSpec = TargetProfile | str | float | int | Mapping[str, TargetValue] | None
"""What ``target=`` accepts: a :class:`TargetProfile`; a stage id, ``"next"`` or a score
for every dimension; or a mapping ``{"default" | "overall" | dimension id | indicator id:
stage id | "next" | score}``."""
