"""Number, range and line formatting shared by result records, the recommendation engine's
messages and the text output, and the escaping of untrusted text in every message, text
report and CSV cell (:func:`printable`, :func:`formula_quoted`): the one home of these rules."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

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


# --- untrusted text in output ------------------------------------------------------------

UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\ud800-\udfff\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""The characters never written raw into a message, a text report or a CSV cell: C0 and C1
controls (NUL, ESC, line breaks, tab), line and paragraph separators, bidirectional
formatting (U+061C, U+200E/F, U+202A-202E, U+2066-2069), zero-width and other invisible
format or filler characters (soft hyphen, U+200B-200D, U+2060, BOM, variation selectors,
tags) and lone surrogates. Printed raw, they move the cursor, recolour or clear a terminal,
forge extra lines in a log or reorder and hide what a reader sees."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every :data:`UNSAFE` character written as an escape (``\\n``, ``\\x1b``,
    ``\\u202e``), so that untrusted text (organization, team and role names, ids, rubric
    text, file names, unknown keys) printed in a message or a text report stays one visible
    line that shows what it holds. Other text is returned unchanged."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is run as a formula by spreadsheets (OWASP "CSV
injection"): such text is written with a leading ``'`` in every CSV and text output."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A plain number (``-3.2``, ``+1``, ``-3,2``, ``1e-5``): a spreadsheet reads it as a number,
not a formula, so it is written as it is."""


def formula_quoted(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text: a leading ``'`` is added when
    ``text`` starts with one of :data:`FORMULA_STARTS` (unless it is a plain number such as
    ``-3.2``) or with ``'`` followed by one of those or another ``'``.

    :func:`formula_unquoted` undoes it exactly: ``formula_unquoted(formula_quoted(t)) == t``
    for every text ``t``."""
    if not text:
        return text
    if text.startswith(FORMULA_STARTS):
        return text if _PLAIN_NUMBER.fullmatch(text) else "'" + text
    return "'" + text if formula_unquoted(text) != text else text


def formula_unquoted(text: str) -> str:
    """The text a cell written by :func:`formula_quoted` stands for: a leading ``'``
    followed by one of :data:`FORMULA_STARTS` or another ``'`` is removed; any other text
    is returned unchanged."""
    if len(text) > 1 and text[0] == "'" and (text[1] == "'" or text[1] in FORMULA_STARTS):
        return text[1:]
    return text


def safe_line(line: str) -> str:
    """A line of a text report: :func:`printable`, and a leading ``'`` when it starts with
    one of :data:`FORMULA_STARTS` (only untrusted names start a line at column 0)."""
    line = printable(line)
    return "'" + line if line.startswith(FORMULA_STARTS) else line


def text_block(lines: Iterable[str]) -> str:
    """Lines of a text report joined by ``\\n``, each made a :func:`safe_line`."""
    return "\n".join(safe_line(line) for line in lines)
