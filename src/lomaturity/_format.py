"""Number, range and line formatting shared by result records, the recommendation engine's
messages and the text output: the one home of these rules."""

from __future__ import annotations

import textwrap

DECIMALS = 4
"""Decimals kept in JSON output (and the precision stages are judged at)."""


def rounded(value: float | None, digits: int = DECIMALS) -> float | None:
    """``value`` rounded to ``digits`` decimals as a plain float; ``None`` stays ``None``."""
    return None if value is None else round(float(value), digits)


WIDTH = 100
"""Every line of the text output fits this many columns."""

MISSING = "—"
"""What a number that is not there (``None``) is written as."""


def number(value: float | None, spec: str = ".1f", width: int = 0) -> str:
    """``value`` formatted with ``spec``, or :data:`MISSING` right-aligned in ``width``."""
    return MISSING.rjust(width) if value is None else format(value, spec)


def span(
    low: float | None,
    high: float | None,
    spec: str = ".1f",
    *,
    sep: str = ", ",
    brackets: bool = True,
) -> str:
    """A range ``[low, high]`` (``brackets=False``: ``low<sep>high``), or :data:`MISSING`
    when either end is ``None``."""
    if low is None or high is None:
        return MISSING
    text = f"{low:{spec}}{sep}{high:{spec}}"
    return f"[{text}]" if brackets else text


def wrap(text: str, indent: str = "  ", first: str | None = None, width: int = WIDTH) -> list[str]:
    """``text`` with its whitespace collapsed, wrapped to ``width`` columns: the first line
    starts with ``first`` (default ``indent``), the others with ``indent``; never broken at
    a hyphen (ids and names contain them)."""
    return textwrap.wrap(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
