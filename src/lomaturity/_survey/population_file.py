"""``read_population``: organization headcounts from a small CSV file (docs/survey-design.md).

Either totals::

    organization,headcount
    Acme,40

or headcounts by stratum, the one other column naming what the strata are (it must be a
per-respondent column of the responses, such as ``role`` or ``unit``)::

    organization,role,headcount
    Acme,manager,8
    Acme,employee,32

Read bounded (at most :data:`MAX_POPULATION_BYTES`); every problem names file and line.
"""

from __future__ import annotations

import csv
import io
import os
import re
from typing import Final

from .._format import printable
from .._model.population import Population
from .._rubrics.files import FileRefused, read_bounded
from ..exceptions import ScoringError

__all__ = ["MAX_POPULATION_BYTES", "read_population"]

MAX_POPULATION_BYTES: Final = 1_000_000
"""Largest population file accepted, in bytes."""
_WHOLE: Final = re.compile(r"[0-9]{1,9}")


def _rows(name: str) -> list[list[str]]:
    """The CSV rows of ``name`` (a :class:`ScoringError` when unreadable)."""
    try:
        raw = read_bounded(name, MAX_POPULATION_BYTES)
    except FileRefused as exc:
        raise ScoringError(f"population file {printable(name)} {exc.message}") from None
    try:
        text = raw.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ScoringError(
            f"population file {printable(name)} is not a readable UTF-8 CSV file: {exc}"
        ) from None


def read_population(path: str | os.PathLike[str]) -> Population:
    """Headcounts per organization (optionally by stratum) from a CSV file.

    Columns: ``organization``, ``headcount`` and at most one more, whose name is the
    per-respondent column of the strata (``role``, ``unit``, ...). Pass the result as
    ``score(..., population=...)`` (CLI ``--population FILE``).

    Raises:
        ScoringError: the file cannot be read, lacks a column, repeats an organization
            (or stratum), or holds a headcount that is not a whole number; every problem
            is named with its line.
    """
    name = os.fsdecode(os.fspath(path))
    rows = _rows(name)
    shown = printable(name)
    header = [h.strip() for h in rows[0]] if rows else []
    extra = [h for h in header if h not in ("organization", "headcount")]
    if "organization" not in header or "headcount" not in header or len(extra) > 1:
        raise ScoringError(
            f"population file {shown}: the header must be organization, headcount and at "
            f"most one stratum column (such as role), got {', '.join(header) or 'nothing'}"
        )
    by = extra[0] if extra else None
    counts: dict[str, dict[str, int] | int] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        problem = _row_problem(row, header, cells, by, counts)
        if problem is not None:
            problems.append(f"line {number}: {problem}")
            continue
        org, value = cells["organization"], int(cells["headcount"])
        if by is None:
            counts[org] = value
        else:
            strata = counts.setdefault(org, {})
            assert isinstance(strata, dict)
            strata[cells[by]] = value
    if problems:
        raise ScoringError(f"population file {shown}: " + "; ".join(problems))
    try:
        population = Population.of(counts, by=by)
    except ScoringError as exc:
        raise ScoringError(f"population file {shown}: {exc}") from None
    return Population(population.organizations, by=by, file=name)


def _row_problem(
    row: list[str],
    header: list[str],
    cells: dict[str, str],
    by: str | None,
    counts: dict[str, dict[str, int] | int],
) -> str | None:
    """What is wrong with one data row, or ``None``."""
    if len(row) != len(header):
        return f"has {len(row)} cells, the header {len(header)}"
    org = cells["organization"]
    if not org:
        return "has no organization"
    if not _WHOLE.fullmatch(cells["headcount"]):
        return f"headcount {printable(repr(cells['headcount']))} is not a whole number"
    if by is None:
        return f"repeats {printable(repr(org))}" if org in counts else None
    stratum = cells[by]
    if not stratum:
        return f"has no {by}"
    given = counts.get(org)
    if isinstance(given, dict) and stratum in given:
        return f"repeats {printable(repr(org))}, {by} {printable(repr(stratum))}"
    return None
