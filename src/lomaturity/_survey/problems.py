"""Problems found in survey input: collected by position, listed in reading order.

Values are shown safely: an integer of thousands of digits is abbreviated instead of
crashing the message that reports it."""

from __future__ import annotations

import math
import numbers
from operator import itemgetter
from typing import Final

import numpy as np

from ..exceptions import MAX_PROBLEMS, Location, Problem, ResponsesError

_BIG_INT_BITS: Final = 10_000
"""Integers longer than this (about 3000 digits) are shown abbreviated in problems."""

_Key = tuple[int, int]
Cell = tuple[_Key, str, Location, object, int | None]
"""What a reader says about a cell: (sort key, path, location, shown value, line)."""


class _Abbreviated:
    """Stands in for a value too large to show, such as an integer of thousands of digits."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def showable(value: object) -> object:
    """``value``, or an abbreviation when ``str(value)`` would fail or be huge.

    Python refuses to turn integers of more than 4300 digits into text, so such a value in
    an answer would otherwise crash the error message that reports it.
    """
    if isinstance(value, numbers.Rational) and not isinstance(value, bool | np.bool_):
        parts = [value.numerator, value.denominator]
        if any(int(part).bit_length() > _BIG_INT_BITS for part in parts):
            digits = int(int(value.numerator).bit_length() * math.log10(2)) + 1
            sign = "-" if value < 0 else ""
            kind = "integer" if value.denominator == 1 else "fraction"
            return _Abbreviated(f"<{sign}{kind} of about {digits} digits>")
    return value


def number_text(value: object) -> str:
    """``str(value)`` that cannot fail on huge integers."""
    return str(showable(value))


class Problems:
    """Problems keyed by position, so that they can be listed in reading order."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.items: list[tuple[_Key, Problem]] = []
        self.unlisted = 0

    def add(
        self,
        key: _Key,
        path: str,
        message: str,
        value: object = None,
        *,
        code: str,
        location: Location,
        line: int | None = None,
        hint: str | None = None,
        show_value: bool = True,
    ) -> None:
        """Record a problem; ``key`` orders it, ``code`` and ``location`` are for programs."""
        problem = Problem(
            path,
            message,
            showable(value),
            self.file,
            line,
            hint,
            show_value,
            code=code,
            location=location,
        )
        self.items.append((key, problem))

    def argument(
        self,
        name: str,
        message: str,
        value: object = None,
        *,
        code: str = "invalid_argument",
        location: Location | None = None,
        hint: str | None = None,
        show_value: bool = True,
    ) -> None:
        """Record a problem with the argument ``name`` of a reader or writer (``location``
        defaults to ``(name,)``)."""
        self.add(
            (-1, 0),
            name,
            message,
            value,
            code=code,
            location=(name,) if location is None else location,
            hint=hint,
            show_value=show_value,
        )

    def __bool__(self) -> bool:
        return bool(self.items) or self.unlisted > 0

    def raise_if_any(self) -> None:
        """Raise one :class:`ResponsesError` with the first problems, if there are any."""
        if not self:
            return
        self.items.sort(key=itemgetter(0))
        total = len(self.items) + self.unlisted
        shown = [problem for _, problem in self.items[:MAX_PROBLEMS]]
        raise ResponsesError(shown, self.file, total=total)


def file_error(
    source: str | None, message: str, *, code: str, hint: str | None = None
) -> ResponsesError:
    """A :class:`ResponsesError` about a whole file (it cannot be read, it is too large)."""
    problem = Problem(
        "file",
        message,
        file=source,
        hint=hint,
        show_value=False,
        code=code,
        location=(),
    )
    return ResponsesError([problem], source)
