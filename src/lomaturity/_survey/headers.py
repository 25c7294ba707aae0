"""Extra header rows of survey exports: the ``header_rows=`` argument of the CSV readers.

Some survey tools write more than one header row. Qualtrics writes three: the column
names, the question texts, and a row of JSON import ids (``{"ImportId":"QID1"}``). With
``header_rows=N`` the N records after the header line are skipped; with
``header_rows="qualtrics"`` the two Qualtrics rows are skipped after checking that the
second one is the import-id row, so that a file that is not a Qualtrics export (or was
already cleaned, losing a respondent's row) is refused rather than read wrong. Records
are counted as the readers count them: blank rows do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal

from .._format import printable
from .._rubrics.yaml import clip
from .._types import type_name
from .problems import Problems

__all__ = [
    "MAX_HEADER_ROWS",
    "QUALTRICS",
    "QUALTRICS_COLUMNS",
    "HeaderRows",
    "check_extra_rows",
    "header_rows_count",
    "is_qualtrics",
    "looks_like_qualtrics",
    "tool_columns",
    "unskipped_qualtrics",
]

QUALTRICS: Final = "qualtrics"
MAX_HEADER_ROWS: Final = 100
"""Most extra header rows accepted (a larger number is surely a mistake)."""

HeaderRows = int | Literal["qualtrics"]
"""The ``header_rows=`` argument: a count of rows after the header, or ``"qualtrics"``."""

QUALTRICS_COLUMNS: Final = frozenset(
    {
        "StartDate",
        "EndDate",
        "Status",
        "IPAddress",
        "Progress",
        "Duration (in seconds)",
        "Finished",
        "RecordedDate",
        "ResponseId",
        "RecipientLastName",
        "RecipientFirstName",
        "RecipientEmail",
        "ExternalReference",
        "LocationLatitude",
        "LocationLongitude",
        "DistributionChannel",
        "UserLanguage",
    }
)
"""The metadata columns Qualtrics writes before the questions: read as metadata, never
taken for a misspelt indicator (``Progress`` is close to ``ex_career_progress``)."""

_IMPORT_ID: Final = re.compile(r'\{\s*"ImportId"\s*:', re.ASCII)
"""How every cell of Qualtrics' third header row starts."""


def header_rows_count(header_rows: object, problems: Problems) -> int:
    """The records to skip after the header; a bad value is recorded in ``problems``.

    Raises:
        TypeError: ``header_rows`` is neither an integer nor a string.
    """
    if isinstance(header_rows, str):
        if header_rows.strip().casefold() == QUALTRICS:
            return 2
        problems.argument(
            "header_rows",
            f"is not {QUALTRICS!r} or a number of rows",
            header_rows,
            hint=f"header_rows={QUALTRICS!r} skips Qualtrics' question-text and import-id "
            "rows; header_rows=N skips N rows after the header",
        )
        return 0
    if isinstance(header_rows, bool) or not isinstance(header_rows, int):
        raise TypeError(
            f"header_rows: expected a whole number or {QUALTRICS!r}, got {type_name(header_rows)}"
        )
    if not 0 <= header_rows <= MAX_HEADER_ROWS:
        problems.argument(
            "header_rows",
            f"is not between 0 and {MAX_HEADER_ROWS}",
            header_rows,
        )
        return 0
    return header_rows


def tool_columns(header_rows: object) -> frozenset[str]:
    """The survey tool's own metadata columns for ``header_rows`` (Qualtrics' or none)."""
    return QUALTRICS_COLUMNS if is_qualtrics(header_rows) else frozenset()


def looks_like_qualtrics(row: Sequence[str]) -> bool:
    """Whether ``row`` (the second record after the header) is Qualtrics' import-id row."""
    filled = [cell.strip() for cell in row if cell.strip()]
    return bool(filled) and all(_IMPORT_ID.match(cell) for cell in filled)


def unskipped_qualtrics(problems: Problems, line: int) -> None:
    """Record that the file at hand is a Qualtrics export read without ``header_rows``."""
    problems.add(
        (0, 0),
        f"row {line}",
        'is Qualtrics\' import-id row ({"ImportId": ...} cells): the file is a Qualtrics '
        "export, whose question-text and import-id rows are not respondents",
        show_value=False,
        code="qualtrics_header_rows",
        location=(line,),
        line=line,
        hint=f"pass header_rows={QUALTRICS!r} to skip them",
    )


def is_qualtrics(header_rows: object) -> bool:
    """Whether ``header_rows`` asks for Qualtrics' rows."""
    return isinstance(header_rows, str) and header_rows.strip().casefold() == QUALTRICS


def check_extra_rows(
    problems: Problems,
    header_rows: tuple[object, int],
    extra: Sequence[Sequence[str]],
    lines: Sequence[int],
    header_line: int,
) -> None:
    """Check the skipped records ``extra`` (at file ``lines``): there must be as many as
    asked for (``header_rows``: the argument and its :func:`header_rows_count`); with
    ``"qualtrics"`` the second must be Qualtrics' import-id row."""
    given, wanted = header_rows
    if len(extra) < wanted:
        problems.add(
            (header_line, -1),
            "header",
            f"is followed by {len(extra)} row{'' if len(extra) == 1 else 's'}, fewer than the "
            f"{wanted} extra header rows to skip (header_rows={given!r})",
            show_value=False,
            code="missing_header_rows",
            location=("header",),
            line=header_line,
        )
        return
    if not is_qualtrics(given):
        return
    if looks_like_qualtrics(extra[1]):
        return
    filled = [cell.strip() for cell in extra[1] if cell.strip()]
    odd = next((cell for cell in filled if not _IMPORT_ID.match(cell)), "")
    problems.add(
        (lines[1], -1),
        f"row {lines[1]}",
        'is not Qualtrics\' import-id row (cells such as {"ImportId":"QID1"}); the file '
        "does not look like a Qualtrics export with its two extra header rows"
        + (f" (this row holds {printable(clip(odd, 40))!r})" if odd else ""),
        show_value=False,
        code="not_qualtrics",
        location=(lines[1],),
        line=lines[1],
        hint="export the responses from Qualtrics as CSV with its default three header rows, "
        "or pass header_rows=0 (or the number of rows to skip) for a file of another tool",
    )
