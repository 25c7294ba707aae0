"""Path-carrying validation helpers shared by the rubric and responses readers."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final

from .._hints import did_you_mean
from ..exceptions import Problem
from .yaml import REFUSED, Path, format_path, short_location

ID_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_ID_LENGTH: Final = 64
"""Longest id (of a scale, dimension, indicator, stage or recommendation), in characters."""
MISSING: Final = object()
MAX_HINTS: Final = 10
"""Most did-you-mean hints one read looks for; later problems get none."""
HINT_CANDIDATES: Final = 200
"""Most names :mod:`difflib` compares for one hint of a read: a read does at most
``MAX_HINTS * HINT_CANDIDATES`` comparisons, whatever the size of the file."""


class Collector:
    """Collects :class:`Problem` records, attaching file and line numbers."""

    def __init__(self, file: str | None = None, lines: Mapping[Path, int] | None = None) -> None:
        self.file = file
        self.lines: Mapping[Path, int] = lines or {}
        self.problems: list[Problem] = []
        self.hints_sought = 0

    def hint(self, word: object, choices: Iterable[str]) -> str | None:
        """:func:`~lomaturity._hints.did_you_mean`, for the first :data:`MAX_HINTS` calls of
        a read; ``None`` after that."""
        if self.hints_sought >= MAX_HINTS:
            return None
        self.hints_sought += 1
        return did_you_mean(word, choices, limit=HINT_CANDIDATES)

    def line_of(self, path: Path) -> int | None:
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def add(
        self,
        path: Path,
        message: str,
        value: object = None,
        *,
        hint: str | None = None,
        show_value: bool = True,
        code: str = "invalid",
    ) -> None:
        """Record a problem at ``path`` (also kept as the problem's ``location``)."""
        self.problems.append(
            Problem(
                format_path(path),
                message,
                value,
                file=self.file,
                line=self.line_of(path),
                hint=hint,
                show_value=show_value,
                code=code,
                location=short_location(path),
            )
        )


def is_number(value: object) -> bool:
    """A real number (``bool`` excluded)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


_Finding = tuple[str, str, bool] | None
"""What is wrong with a value: ``(message, code, show the value)``, or ``None``."""


def _not_a(value: Any, what: str, show: bool = True) -> _Finding:
    return f"is {_a(_type_name(value))}, not {what}", "wrong_type", show


def _text(value: Any, kind: str) -> _Finding:
    if not isinstance(value, str):
        return _not_a(value, "a string")
    if not value.strip():
        return "is empty", "empty", True
    if kind == "id" and len(value) > MAX_ID_LENGTH:
        return f"is longer than {MAX_ID_LENGTH} characters", "invalid_id", True
    if kind == "id" and not ID_RE.fullmatch(value):
        return f"is not a valid id (pattern {ID_RE.pattern})", "invalid_id", True
    return None


def _number(value: Any, kind: str) -> _Finding:
    if not is_number(value):
        return _not_a(value, "a number")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        return "is not a finite number", "not_finite", True
    if kind == "weight" and value <= 0:
        return "is not > 0", "not_positive", True
    return None


def _finding(kind: str, value: Any) -> _Finding:
    """What is wrong with ``value`` as a ``kind``, or ``None``."""
    if kind in ("text", "id"):
        return _text(value, kind)
    if kind in ("number", "weight"):
        return _number(value, kind)
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else _not_a(value, "an integer")
    if kind == "bool":
        return None if isinstance(value, bool) else _not_a(value, "true or false")
    if kind == "list":
        return None if isinstance(value, list) else _not_a(value, "a list", show=False)
    if kind == "mapping":
        return None if isinstance(value, dict) else _not_a(value, "a mapping", show=False)
    raise AssertionError(kind)


def check_value(c: Collector, path: Path, kind: str, value: Any) -> bool:
    """Check ``value`` is of ``kind``; record a problem and return ``False`` if not.

    Kinds: ``any`` (checked by the caller), ``text`` (non-empty string), ``id``, ``int``,
    ``number`` (finite), ``weight`` (finite, > 0), ``bool``, ``list``, ``mapping``.
    """
    if value is REFUSED:
        return False
    if kind == "any":
        return True
    finding = _finding(kind, value)
    if finding is None:
        return True
    message, code, show = finding
    c.add(path, message, value, show_value=show, code=code)
    return False


def _a(noun: str) -> str:
    if noun == "null":
        return noun
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _type_name(value: object) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "list",
        dict: "mapping",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def a_type_name(value: object) -> str:
    """``"a string"``, ``"an integer"``, ``"a list"``: what ``value`` is, for messages."""
    return _a(_type_name(value))


Spec = Mapping[str, tuple[str, bool, Any]]
"""field name -> (kind, required, default)."""


def read_fields(c: Collector, raw: Any, path: Path, spec: Spec) -> dict[str, Any] | None:
    """Check a mapping against ``spec``: unknown keys, missing required keys, kinds.

    Returns field -> value (``MISSING`` where absent-and-required or invalid), or
    ``None`` when ``raw`` is not a mapping at all.
    """
    if raw is REFUSED:
        return None
    if not isinstance(raw, dict):
        c.add(path, f"is {_a(_type_name(raw))}, not a mapping", raw, code="wrong_type")
        return None
    for key in raw:
        if key not in spec:
            c.add(
                (*path, str(key)),
                "is not a known field",
                show_value=False,
                code="unknown_field",
                hint=c.hint(key, spec) or "known fields: " + ", ".join(spec),
            )
    out: dict[str, Any] = {}
    for name, (kind, required, default) in spec.items():
        if name not in raw:
            if required:
                c.add(
                    path, f"missing required field {name!r}", show_value=False, code="missing_field"
                )
            out[name] = MISSING if required else default
            continue
        value = raw[name]
        if value is None and not required:
            out[name] = default
            continue
        out[name] = value if check_value(c, (*path, name), kind, value) else MISSING
    return out


def unique_ids(c: Collector, items: list[tuple[Path, Any]], what: str) -> dict[str, Path]:
    """Map id -> path of its first occurrence; record a problem for every repeat."""
    seen: dict[str, Path] = {}
    for path, item_id in items:
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            c.add(
                (*path, "id"),
                f"duplicates the {what} id at {format_path(seen[item_id])}",
                item_id,
                code="duplicate_id",
            )
        else:
            seen[item_id] = path
    return seen
