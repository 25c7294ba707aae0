"""Reading and validating a rubric's ``facts`` declarations (the organization facts that
recommendation conditions of kind ``fact`` test; docs/recommendations.md).

Every problem goes to the rubric loader's ``Collector`` with its path, value and line.
"""

from __future__ import annotations

from typing import Any, Final

from .._model.facts import FACT_TYPES, Fact
from .fields import MISSING, Collector, Spec, check_value, read_fields, unique_ids
from .yaml import Path

__all__ = ["parse_facts"]

_FACT: Final[Spec] = {
    "id": ("id", True, None),
    "type": ("text", True, None),
    "question": ("text", True, None),
    "choices": ("list", False, None),
    "minimum": ("number", False, None),
    "maximum": ("number", False, None),
    "source": ("text", False, None),
}


def parse_facts(c: Collector, raw: Any) -> tuple[Fact, ...]:
    """Validate the top-level ``facts`` list (``None`` when absent or null, ``MISSING``
    when it already failed its type check) into :class:`Fact` declarations."""
    if raw is None or raw is MISSING:
        return ()
    items: list[tuple[Path, dict[str, Any]]] = []
    for i, element in enumerate(raw):
        values = read_fields(c, element, ("facts", i), _FACT)
        if values is not None:
            items.append((("facts", i), values))
    firsts = unique_ids(c, [(path, v["id"]) for path, v in items], "fact")
    facts = []
    for path, v in items:
        fact = _fact(c, path, v)
        if fact is not None and firsts.get(fact.id) == path:
            facts.append(fact)
    return tuple(facts)


def _fact(c: Collector, path: Path, v: dict[str, Any]) -> Fact | None:
    ok = all(value is not MISSING for value in v.values())
    kind = v["type"]
    if kind is not MISSING and kind not in FACT_TYPES:
        c.add(
            (*path, "type"),
            "is not a fact type",
            kind,
            hint=c.hint(kind, FACT_TYPES) or "types: " + ", ".join(FACT_TYPES),
        )
        return None
    choices = _choices(c, path, kind, v["choices"])
    ok &= choices is not None
    numeric = kind in ("integer", "number")
    for key in ("minimum", "maximum"):
        if v[key] not in (None, MISSING) and not numeric:
            c.add((*path, key), f"applies to integer and number facts, not {kind}", v[key])
            ok = False
    low, high = v["minimum"], v["maximum"]
    if numeric and low not in (None, MISSING) and high not in (None, MISSING) and low > high:
        c.add((*path, "maximum"), f"is below the minimum {low:g}", high)
        ok = False
    if not ok or choices is None:
        return None
    return Fact(
        id=v["id"],
        type=kind,
        question=v["question"],
        choices=choices,
        minimum=None if low is None else float(low),
        maximum=None if high is None else float(high),
        source=v["source"],
    )


def _choices(c: Collector, path: Path, kind: Any, raw: Any) -> tuple[str, ...] | None:
    """A choice fact's choices (unique ids, at least two); ``()`` for other types."""
    at = (*path, "choices")
    if raw is MISSING:
        return None
    if kind != "choice":
        if raw is not None:
            c.add(at, f"applies to choice facts, not {kind}", show_value=False)
            return None
        return ()
    if raw is None or len(raw) < 2:
        c.add(at, "lists fewer than two choices", show_value=False, hint="e.g. [none, dedicated]")
        return None
    ok = all(check_value(c, (*at, j), "id", item) for j, item in enumerate(raw))
    if ok and len(set(raw)) != len(raw):
        c.add(at, "repeats a choice", raw)
        ok = False
    return tuple(raw) if ok else None
