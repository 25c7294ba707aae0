"""Reading and validating a format-2 rubric's optional ``stage_rule`` mapping.

``{kind: compensatory}`` (the default), ``{kind: weakest, allowance: N}`` or
``{kind: gated, floors: {stage_id: floor_stage_id}}`` (docs/rubric-format.md). Every
problem goes to the rubric loader's ``Collector`` with its path and a did-you-mean hint:
an unknown kind or field, a field of another kind, an allowance that is not a whole number
of stages from 0 up, floors naming unknown stages, a floor above its stage, or floors that
fall as the stages rise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from .._model.stage_rule import STAGE_RULE_KINDS, StageRule
from .fields import MISSING, Collector, Spec, read_fields
from .yaml import Path

_PATH: Final[Path] = ("stage_rule",)
_RULE: Final[Spec] = {
    "kind": ("text", True, None),
    "allowance": ("int", False, None),
    "floors": ("mapping", False, None),
}
_FIELDS: Final = {"compensatory": (), "weakest": ("allowance",), "gated": ("floors",)}
"""The fields each kind needs (and the only ones it accepts besides ``kind``)."""


def parse_stage_rule(c: Collector, raw: Any, stage_ids: Sequence[str]) -> StageRule:
    """The stage rule of ``raw`` (absent or ``None``: compensatory), checked against the
    rubric's ``stage_ids`` (lowest first); problems go to ``c`` (and the default rule is
    returned, never used: the rubric is refused)."""
    if raw is MISSING or raw is None:
        return StageRule()
    v = read_fields(c, raw, _PATH, _RULE)
    if v is None or v["kind"] is MISSING:
        return StageRule()
    kind = v["kind"]
    if kind not in STAGE_RULE_KINDS:
        c.add(
            (*_PATH, "kind"),
            "is not a kind of stage rule",
            kind,
            code="unknown_kind",
            hint=c.hint(kind, STAGE_RULE_KINDS) or "kinds: " + ", ".join(STAGE_RULE_KINDS),
        )
        return StageRule()
    if not _fields_fit(c, kind, v):
        return StageRule()
    if kind == "weakest":
        return _weakest(c, v["allowance"], len(stage_ids))
    if kind == "gated":
        return _gated(c, v["floors"], stage_ids)
    return StageRule()


def _fields_fit(c: Collector, kind: str, v: dict[str, Any]) -> bool:
    """Whether ``v`` has exactly the fields ``kind`` needs (problems recorded)."""
    ok = True
    for name in ("allowance", "floors"):
        needed = name in _FIELDS[kind]
        if v[name] is MISSING:
            ok = False  # reported by read_fields
        elif needed and v[name] is None:
            c.add(_PATH, f"missing field {name!r}, which kind {kind!r} needs", code="missing_field")
            ok = False
        elif not needed and v[name] is not None:
            users = [k for k, names in _FIELDS.items() if name in names]
            c.add(
                (*_PATH, name),
                f"is not a field of kind {kind!r} (only of {', '.join(map(repr, users))})",
                show_value=False,
                code="unknown_field",
            )
            ok = False
    return ok


def _weakest(c: Collector, allowance: int, n_stages: int) -> StageRule:
    if allowance < 0:
        c.add((*_PATH, "allowance"), "is not >= 0 (a number of stages)", allowance, code="invalid")
    elif allowance >= n_stages - 1:
        c.add(
            (*_PATH, "allowance"),
            f"is not below {n_stages - 1} (the rubric has {n_stages} stages): it would never "
            "cap the overall stage; use kind: compensatory",
            allowance,
            code="out_of_range",
        )
    return StageRule("weakest", allowance=allowance)


def _gated(c: Collector, floors: dict[Any, Any], stage_ids: Sequence[str]) -> StageRule:
    if not floors:
        c.add((*_PATH, "floors"), "is empty; name at least one stage's floor", code="empty")
        return StageRule()
    level = {s: i for i, s in enumerate(stage_ids, start=1)}
    good: dict[str, str] = {}
    for stage, floor in floors.items():
        path = (*_PATH, "floors", str(stage))
        if stage not in level:
            c.add(path, "is not a stage id", stage, code="unknown_id", hint=c.hint(stage, level))
        elif not isinstance(floor, str) or floor not in level:
            c.add(path, "is not a stage id", floor, code="unknown_id", hint=c.hint(floor, level))
        elif level[floor] > level[stage]:
            c.add(path, f"is above the stage it gates ({stage!r})", floor, code="out_of_order")
        else:
            good[stage] = floor
    if len(good) == len(floors):
        rule = StageRule("gated", floors=good)
        _check_rising(c, rule, stage_ids)
        return rule
    return StageRule()


def _check_rising(c: Collector, rule: StageRule, stage_ids: Sequence[str]) -> None:
    """Report a listed floor lower than the floor of a stage below it: the lower floor
    would have no effect (a floor holds for every stage above its own)."""
    level = {s: i for i, s in enumerate(stage_ids, start=1)}
    highest, below = 1, stage_ids[0]
    for stage in stage_ids:
        if stage not in rule.floors:
            continue
        floor = level[rule.floors[stage]]
        if floor < highest:
            c.add(
                (*_PATH, "floors", stage),
                f"is lower than the floor of {below!r}, a stage below it, so it would have "
                "no effect (a floor holds for every stage above its own)",
                rule.floors[stage],
                code="out_of_order",
            )
        else:
            highest, below = floor, stage
