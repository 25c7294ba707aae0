"""``read_facts``: organization facts from a small YAML or CSV file (docs/recommendations.md).

YAML::

    organizations:
      Org A: {learning_owner: none, headcount: 40}

CSV: an ``organization`` column and one column per fact; an empty cell is a fact not
given. CSV cells are read as ``true``/``false`` (any case) -> boolean, a decimal integer ->
integer, a decimal number -> number, anything else -> text (choices are ids, so never
numbers). Both are read bounded (at most :data:`MAX_FACTS_BYTES`; YAML through the rubric
loader's safe, budgeted reader); every problem names file, line, organization and fact,
with unsafe characters escaped.
"""

from __future__ import annotations

import csv
import io
import os
import re
from typing import Final

from .._model.facts import FactValue, OrganizationFacts
from .._model.rubric import Rubric
from .._types import RUBRIC, expect
from ..exceptions import FactsError, Problem
from .fact_values import LineOf, fact_problems, facts_problem
from .files import FileRefused, read_bounded
from .yaml import read_yaml

__all__ = ["MAX_FACTS_BYTES", "read_facts"]

MAX_FACTS_BYTES: Final = 1_000_000
"""Largest facts file accepted, in bytes (a fact table of many thousand organizations)."""
ORGANIZATION_COLUMN: Final = "organization"
_INT: Final = re.compile(r"[-+]?[0-9]{1,18}")
_FLOAT: Final = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?")

Read = tuple[dict[str, OrganizationFacts], list[Problem], dict[tuple[str | None, str | None], int]]


def read_facts(
    path: str | os.PathLike[str], rubric: Rubric | None = None
) -> dict[str, OrganizationFacts]:
    """Organization facts from a YAML (``.yaml``/``.yml``) or CSV file.

    Args:
        path: the file; YAML unless its name ends in ``.csv``.
        rubric: when given, the values are checked against its declared facts now (else
            when they are used, by :func:`lomaturity.recommend`).

    Returns:
        organization -> :class:`~lomaturity.recommendations.OrganizationFacts`, in file
        order; pass it (or one organization's entry) as ``facts=``.

    Raises:
        FactsError: the file cannot be read or is malformed, or (with ``rubric``) a value
            does not fit the declarations; every problem is listed.
    """
    name = os.fsdecode(os.fspath(path))
    if rubric is not None:
        expect(rubric, Rubric, "rubric", RUBRIC)
    try:
        raw = read_bounded(name, MAX_FACTS_BYTES)
    except FileRefused as exc:
        shown = name or None
        problem = facts_problem(None, None, "file " + exc.message, file=shown, code=exc.code)
        raise FactsError([problem], shown) from None
    reader = _csv if name.lower().endswith(".csv") else _yaml
    found, problems, lines = reader(raw, name)
    if rubric is not None and not problems:

        def line_of(organization: str | None, fact: str | None) -> int | None:
            return lines.get((organization, fact)) or lines.get((organization, None))

        found, problems = _checked(rubric, found, line_of)
    if problems:
        raise FactsError(problems, name)
    return found


def _checked(
    rubric: Rubric, found: dict[str, OrganizationFacts], line_of: LineOf
) -> tuple[dict[str, OrganizationFacts], list[Problem]]:
    problems: list[Problem] = []
    out = {}
    for org, given in found.items():
        out[org], more = fact_problems(rubric.facts, given, line_of)
        problems += more
    return out, problems


def _yaml(raw: bytes, file: str) -> Read:
    document, problems = read_yaml(raw, file)
    if document is None or problems:
        return {}, [_as_facts(p, file) for p in problems], {}
    data = document.data
    orgs = data.get(ORGANIZATION_COLUMN + "s") if isinstance(data, dict) else None
    if not isinstance(data, dict) or set(data) != {"organizations"} or not isinstance(orgs, dict):
        message = "is not a mapping with the one key 'organizations' (organization -> facts)"
        problem = facts_problem(None, None, message, file=file, line=1, code="not_facts")
        return {}, [problem], {}
    lines: dict[tuple[str | None, str | None], int] = {}
    found: dict[str, OrganizationFacts] = {}
    problems = []
    for org, values in orgs.items():
        line = document.lines.get(("organizations", org))
        lines[(org, None)] = line or 0
        if not isinstance(org, str) or not org.strip():
            problems.append(
                facts_problem(None, None, "is not an organization name", org, file=file, line=line)
            )
            continue
        if not isinstance(values, dict):
            message = "holds no mapping of fact id -> value"
            problems.append(facts_problem(org, None, message, file=file, line=line))
            continue
        kept: dict[str, FactValue] = {}
        for key, value in values.items():
            at = document.lines.get(("organizations", org, key))
            lines[(org, key)] = at or 0
            if not isinstance(key, str) or not (value is None or isinstance(value, FactValue)):
                message = "is not a fact value (true/false, a number or a choice)"
                problems.append(
                    facts_problem(org, str(key), message, file=file, line=at, show_value=False)
                )
                continue
            if value is not None:
                kept[key] = value
        found[org] = OrganizationFacts(org, kept, file)
    return found, problems, lines


def _as_facts(problem: Problem, file: str) -> Problem:
    """A problem of the YAML reader as a facts problem (same text, same line)."""
    return facts_problem(
        None,
        None,
        problem.message,
        problem.value,
        file=file,
        line=problem.line,
        hint=problem.hint,
        code=problem.code,
        show_value=problem.show_value,
    )


def cell_value(text: str) -> FactValue | None:
    """A CSV cell as a fact value (see the module's rule); ``None`` for an empty cell."""
    cell = text.strip()
    if not cell:
        return None
    if cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    if _INT.fullmatch(cell):
        return int(cell)
    if _FLOAT.fullmatch(cell):
        return float(cell)
    return cell


def _csv(raw: bytes, file: str) -> Read:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"is not UTF-8 text (byte {exc.start})"
        return {}, [facts_problem(None, None, message, file=file, code="not_utf8")], {}
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        message = f"is not a readable CSV file: {exc}"
        return {}, [facts_problem(None, None, message, file=file, code="bad_csv")], {}
    header = [h.strip() for h in rows[0]] if rows else []
    problems = _header_problems(header, file)
    if problems:
        return {}, problems, {}
    column = header.index(ORGANIZATION_COLUMN)
    found: dict[str, OrganizationFacts] = {}
    lines: dict[tuple[str | None, str | None], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            message = f"has {len(row)} cells, the header {len(header)}"
            problems.append(facts_problem(None, None, message, file=file, line=number))
            continue
        org = row[column].strip()
        if not org or org in found:
            message = "repeats an organization" if org else "has no organization"
            problems.append(facts_problem(org or None, None, message, file=file, line=number))
            continue
        lines[(org, None)] = number
        values = {
            h: cell_value(c) for h, c in zip(header, row, strict=True) if h != ORGANIZATION_COLUMN
        }
        found[org] = OrganizationFacts(
            org, {k: v for k, v in values.items() if v is not None}, file
        )
    return found, problems, lines


def _header_problems(header: list[str], file: str) -> list[Problem]:
    if ORGANIZATION_COLUMN not in header:
        message = "has no 'organization' column (one row per organization, one column per fact)"
        return [
            facts_problem(None, None, message, file=file, line=1, code="no_organization_column")
        ]
    repeated = sorted({h for h in header if header.count(h) > 1})
    return [
        facts_problem(None, h, "is a repeated column", file=file, line=1, code="duplicate_column")
        for h in repeated
    ]
