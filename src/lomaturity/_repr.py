"""Short ``repr`` of records: one line that names what a record holds, never its arrays or
its nested records in full (docs/notebooks.md).

Every exported attrs record gets :func:`short_repr` from :func:`lomaturity._public.publish`
unless its class writes its own ``__repr__`` (the main results do: ``Report``,
``Rubric``, ...). Their reprs use :func:`brief` for each value they show. The one home of
how a record shows itself in a console; the numbers follow ``_format.py``."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np

from ._format import number, printable, span

MAX_TEXT = 40
"""Characters of a text value shown before it is cut with ``…``."""

MAX_REPR = 240
"""Characters of a generic record repr: fields past this are left out (``…``)."""


def text(value: str, limit: int = MAX_TEXT) -> str:
    """``value`` quoted, control and invisible characters escaped
    (:func:`~lomaturity._format.printable`, then ``repr``), cut to ``limit`` characters
    between the quotes."""
    quoted = repr(printable(value))  # escaped first: an escape may be several characters
    if len(quoted) <= limit + 2:
        return quoted
    return quoted[:limit] + "…" + quoted[0]


def num(value: float | None) -> str:
    """A number for a repr: at most 4 significant digits (``61.23``, ``0.0004``), ``—``
    for ``None``."""
    return number(value, ".4g")


def ranged(value: float | None, low: float | None, high: float | None) -> str:
    """``61.2 [57.1, 65.0]``: a score and its range, one decimal (a range's ends missing:
    the score alone)."""
    shown = number(value, ".1f")
    return shown if low is None or high is None else f"{shown} {span(low, high)}"


def count(n: int, noun: str) -> str:
    """``"1 notice"``, ``"3 notices"``: ``noun`` in the plural by adding ``s``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def brief(value: Any) -> str:
    """One value inside a short repr: texts quoted and cut, numbers to 4 significant
    digits, collections by their size, arrays by their shape, records by their class name
    (their own repr when that is short)."""
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, (float, np.floating)):
        return num(float(value))
    if isinstance(value, str):
        return text(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return f"array(shape={value.shape}, dtype={value.dtype})"
    if isinstance(value, Mapping):
        n = len(value)
        return "{}" if not n else "{1 entry}" if n == 1 else f"{{{n} entries}}"
    if isinstance(value, (Sequence, frozenset, set)) and not isinstance(value, (str, bytes)):
        if not value:
            return "()"
        if len(value) <= 3 and all(isinstance(v, (str, int)) for v in value):
            return "(" + ", ".join(brief(v) for v in value) + ")"
        return f"({count(len(value), 'item')})"
    own = repr(value) if _own_repr(type(value)) else ""
    if own and len(own) <= 80 and "\n" not in own:
        return own
    return f"{type(value).__name__}(…)"


def _own_repr(cls: type) -> bool:
    """``True`` when ``cls`` has a ``__repr__`` written by hand (or :func:`short_repr`),
    not the long one attrs generates."""
    method = getattr(cls, "__repr__", None)
    code = getattr(method, "__code__", None)
    return code is not None and not code.co_filename.startswith("<attrs generated")


def short_repr(self: Any) -> str:
    """``Name(field=value, ...)`` over the record's attrs fields shown in a repr, each
    value :func:`brief`; cut at :data:`MAX_REPR` characters with ``…``."""
    parts: list[str] = []
    used = len(type(self).__name__) + 2
    fields = attrs.fields(type(self))
    for i, a in enumerate(fields):
        if not a.repr:
            continue
        part = f"{a.name}={brief(getattr(self, a.name))}"
        if used + len(part) > MAX_REPR and i < len(fields) - 1:
            parts.append("…")
            break
        parts.append(part)
        used += len(part) + 2
    return f"{type(self).__name__}({', '.join(parts)})"


def give_short_repr(cls: type) -> None:
    """Give an attrs record class :func:`short_repr` unless it writes its own ``__repr__``."""
    if attrs.has(cls) and not _own_repr(cls):
        cls.__repr__ = short_repr  # type: ignore[method-assign]
