"""The ``facts`` section of a format-2 rubric: organization fact declarations.

Each entry declares one fact: ``id``, ``type`` (``boolean``, ``integer``, ``number`` or
``choice``), the ``choices`` of a choice fact, optional ``minimum``/``maximum`` of a numeric
fact and an optional ``source``. Its question and choice labels are texts: they live in the
catalogs (``texts.<language>.facts.<id>``, see :mod:`.texts`).
"""

from __future__ import annotations

from typing import Any, Final

from .._model.facts import FACT_TYPES, Fact
from .fields import MISSING, Collector, Spec, check_value, read_fields, unique_ids
from .yaml import Path

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
    """Validate the ``facts`` list (absent: no facts) and build the declarations."""
    if raw is MISSING or raw is None:
        return ()
    items: list[tuple[Path, dict[str, Any]]] = []
    for i, element in enumerate(raw):
        values = read_fields(c, element, ("facts", i), _FACT)
        if values is not None:
            items.append((("facts", i), values))
    seen = unique_ids(c, [(p, v["id"]) for p, v in items], "fact")
    out: list[Fact] = []
    for path, v in items:
        ok = all(value is not MISSING for value in v.values())
        ok &= _type_ok(c, path, v)
        if ok and seen.get(v["id"]) == path:
            out.append(
                Fact(
                    id=v["id"],
                    type=v["type"],
                    question=v["question"],
                    choices=tuple(v["choices"] or ()),
                    minimum=v["minimum"],
                    maximum=v["maximum"],
                    source=v["source"],
                )
            )
    return tuple(out)


def _type_ok(c: Collector, path: Path, v: dict[str, Any]) -> bool:
    """Whether ``type`` is known and ``choices``/``minimum``/``maximum`` suit it."""
    kind = v["type"]
    if kind is MISSING:
        return False
    if kind not in FACT_TYPES:
        c.add(
            (*path, "type"),
            "is not a fact type",
            kind,
            code="unknown_type",
            hint=c.hint(kind, FACT_TYPES) or "types: " + ", ".join(FACT_TYPES),
        )
        return False
    ok = True
    if kind == "choice":
        ok &= _choices_ok(c, (*path, "choices"), v["choices"])
    elif v["choices"] is not None:
        c.add(
            (*path, "choices"),
            f"is only for choice facts, not {kind}",
            code="inconsistent",
            show_value=False,
        )
        ok = False
    for bound in ("minimum", "maximum"):
        value = v[bound]
        if value is None:
            continue
        if kind not in ("integer", "number"):
            c.add(
                (*path, bound),
                f"is only for integer and number facts, not {kind}",
                value,
                code="inconsistent",
            )
            ok = False
        elif kind == "integer" and not isinstance(value, int):
            c.add(
                (*path, bound),
                "is not a whole number; the fact is an integer",
                value,
                code="wrong_type",
            )
            ok = False
    low, high = v["minimum"], v["maximum"]
    if ok and low is not None and high is not None and low > high:
        c.add((*path, "maximum"), f"is below the minimum ({low})", high, code="out_of_range")
        ok = False
    return ok


def _choices_ok(c: Collector, path: Path, choices: Any) -> bool:
    if choices is MISSING:
        return False
    if not choices:
        c.add(
            path,
            "is missing or empty; a choice fact needs at least two choices",
            show_value=False,
            code="empty",
        )
        return False
    ok = True
    seen: set[str] = set()
    for j, choice in enumerate(choices):
        if not check_value(c, (*path, j), "id", choice):
            ok = False
        elif choice in seen:
            c.add((*path, j), "repeats a choice", choice, code="duplicate_id")
            ok = False
        else:
            seen.add(choice)
    if ok and len(seen) < 2:
        c.add(
            path, "has one choice; a choice fact needs at least two", show_value=False, code="empty"
        )
        ok = False
    return ok
