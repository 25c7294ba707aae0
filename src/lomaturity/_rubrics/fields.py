"""Path-carrying validation helpers shared by the rubric and responses readers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from .._hints import did_you_mean
from ..exceptions import Problem
from .yaml import REFUSED, Path, format_path

ID_RE: Final = re.compile(r"^[a-z][a-z0-9_]*$")
MISSING: Final = object()


class Collector:
    """Collects :class:`Problem` records, attaching file and line numbers."""

    def __init__(self, file: str | None = None, lines: Mapping[Path, int] | None = None) -> None:
        self.file = file
        self.lines: Mapping[Path, int] = lines or {}
        self.problems: list[Problem] = []

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
                location=path,
            )
        )


def is_number(value: object) -> bool:
    """A real number (``bool`` excluded)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_value(c: Collector, path: Path, kind: str, value: Any) -> bool:
    """Check ``value`` is of ``kind``; record a problem and return ``False`` if not.

    Kinds: ``any`` (checked by the caller), ``text`` (non-empty string), ``id``, ``int``,
    ``number`` (finite), ``weight`` (finite, > 0), ``bool``, ``list``, ``mapping``.
    """
    if value is REFUSED:
        return False
    if kind == "any":
        return True
    if kind in ("text", "id"):
        if not isinstance(value, str):
            c.add(path, f"is {_a(_type_name(value))}, not a string", value, code="wrong_type")
            return False
        if not value.strip():
            c.add(path, "is empty", value, code="empty")
            return False
        if kind == "id" and not ID_RE.fullmatch(value):
            c.add(path, f"is not a valid id (pattern {ID_RE.pattern})", value, code="invalid_id")
            return False
        return True
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            c.add(path, f"is {_a(_type_name(value))}, not an integer", value, code="wrong_type")
            return False
        return True
    if kind in ("number", "weight"):
        if not is_number(value):
            c.add(path, f"is {_a(_type_name(value))}, not a number", value, code="wrong_type")
            return False
        try:
            finite = math.isfinite(value)
        except OverflowError:
            finite = False
        if not finite:
            c.add(path, "is not a finite number", value, code="not_finite")
            return False
        if kind == "weight" and value <= 0:
            c.add(path, "is not > 0", value, code="not_positive")
            return False
        return True
    if kind == "bool":
        if not isinstance(value, bool):
            c.add(path, f"is {_a(_type_name(value))}, not true or false", value, code="wrong_type")
            return False
        return True
    if kind == "list":
        if not isinstance(value, list):
            c.add(
                path,
                f"is {_a(_type_name(value))}, not a list",
                value,
                show_value=False,
                code="wrong_type",
            )
            return False
        return True
    if kind == "mapping":
        if not isinstance(value, dict):
            c.add(
                path,
                f"is {_a(_type_name(value))}, not a mapping",
                value,
                show_value=False,
                code="wrong_type",
            )
            return False
        return True
    raise AssertionError(kind)


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
                hint=did_you_mean(key, spec) or "known fields: " + ", ".join(spec),
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
