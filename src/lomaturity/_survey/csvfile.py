"""Reading wide CSV files of survey answers (:func:`read_responses`).

The layout and answer rules are in docs/responses.md. Reading goes: bytes (a path or a
file object, :mod:`.source`) -> UTF-8 text (:mod:`.text`) -> rows (:func:`_read_rows`) ->
header layout (:func:`_read_header`) -> id, organization and metadata columns -> answer
cells, classified column by column (:mod:`.cells`) -> one :class:`ResponsesError` listing
every problem, or the :class:`Responses`.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import IO

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._format import formula_unquoted, printable
from .._model.responses import NO_ORGANIZATION, Responses
from .._model.rubric import Rubric
from .._rubrics.yaml import clip
from .answers import (
    Answers,
    Lookup,
    answer_lookup,
    apply_lookup,
    check_na_against,
    label_among,
    labels_not_read,
    report_unmapped,
)
from .cells import NA, TextCells, check_cells, dont_know_tokens, na_tokens, report_cells
from .checks import (
    DEFAULT_ID,
    DEFAULT_ORG,
    ID_HINT,
    bad_ids,
    build,
    check_arguments,
    check_na_token,
    check_rubric,
    classify_names,
    duplicates,
    missing_id_hint,
    same_id_note,
)
from .headers import (
    HeaderRows,
    check_extra_rows,
    header_rows_count,
    looks_like_qualtrics,
    tool_columns,
    unskipped_qualtrics,
)
from .problems import Cell, Problems
from .source import DEFAULT_MAX_BYTES, check_max_bytes, read_source
from .text import check_nul, decode, delimiter_name, foreign_delimiter, sniff_delimiter


def read_responses(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    rubric: Rubric,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    max_bytes: int = DEFAULT_MAX_BYTES,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
) -> Responses:
    """Read and validate a wide CSV file of survey answers.

    The file is UTF-8 (a byte-order mark is allowed) with ``,``, ``;`` or tab as delimiter,
    detected from the header line. See docs/responses.md for the layout and rules.

    Args:
        source: the CSV file: a path, or a file object opened for reading in binary or text
            mode (``open(path, "rb")``, ``io.BytesIO``, ``io.StringIO``, a web upload). A
            file object is read from its current position and not closed.
        rubric: the rubric whose indicators the columns answer.
        id_column: name of the (required) respondent id column.
        organization_column: name of the optional organization column; ``None`` to treat
            every respondent as one organization (a column of that name is then metadata).
        na_token: the cell text meaning "not applicable" (any case); ``NA`` and ``N/A`` are
            always accepted too. ``DK`` (any case) and the scale's "don't know" label
            mean "don't know" on scales that accept it (docs/responses.md).
        max_bytes: the largest file accepted (default 200 MiB); at most ``max_bytes + 1``
            bytes (characters of a text stream) are read.
        answers: how answer TEXT is read (docs/survey-exports.md). ``None``: numbers only
            (plus NA and DK). ``"labels"``: also the rubric's own scale labels in any of its
            languages (``"Täysin samaa mieltä"``, ``"Strongly agree"``; case and whitespace
            do not matter; the "don't know" and "not applicable" labels too), each column
            by its indicator's scale. A mapping of answer text to a scale point, ``"DK"`` or
            ``"NA"`` (or an :class:`~lomaturity.responses.AnswerMap` from
            :func:`~lomaturity.read_answer_map`): those texts. Numbers keep working either
            way; a text that maps to nothing is an error listing each distinct text once.
        header_rows: records after the header line that are not respondents: a number
            (0..100) to skip, or ``"qualtrics"`` for Qualtrics' question-text and import-id
            rows (checked: a file without the import-id row is refused).

    Returns:
        The responses, indicator columns in rubric order, ``source`` set to the path (or
        the file object's ``name``); rubric indicators without a column are listed in
        ``absent_indicators``.

    Raises:
        TypeError: ``source`` is neither a path nor a readable file object, or ``rubric``
            is not a :class:`~lomaturity.Rubric`.
        ResponsesError: listing every problem, each with row (1-based file line; the
            header is line 1), column, cell value and file name.
    """
    check_rubric(rubric, "read_responses")
    raw, name = read_source(source, check_max_bytes(max_bytes))
    return parse_csv_bytes(
        raw,
        rubric,
        name,
        id_column=id_column,
        organization_column=organization_column,
        na_token=na_token,
        answers=answers,
        header_rows=header_rows,
    )


def parse_csv_bytes(
    raw: bytes,
    rubric: Rubric,
    source_name: str | None,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
) -> Responses:
    """Decode UTF-8 (optional BOM) bytes and parse them with :func:`_parse_csv_text`."""
    return _parse_csv_text(
        decode(raw, source_name),
        rubric,
        source_name,
        id_column=id_column,
        organization_column=organization_column,
        na_token=na_token,
        answers=answers,
        header_rows=header_rows,
    )


@frozen
class _Rows:
    """The records of a CSV text: the header, the non-blank rows and their first lines."""

    header: list[str] | None
    header_line: int
    rows: list[list[str]]
    lines: list[int]
    unreadable: bool


@frozen
class _Export:
    """How a survey export is read: ``answers=`` resolved, and the tool's own columns."""

    lookup: Lookup | None
    tool: frozenset[str]


@frozen
class _Layout:
    """Where the columns are: name -> position, and the role of each name."""

    names: list[str]
    header_line: int
    position: dict[str, int]
    metadata_names: list[str]
    found: list[int]
    """Rubric indices of the indicators that have a column."""


def _parse_csv_text(
    text: str,
    rubric: Rubric,
    source_name: str | None,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
) -> Responses:
    """Parse and validate CSV text (the core of :func:`read_responses`)."""
    columns = (id_column, organization_column, na_token)
    problems = Problems(source_name)
    check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    check_na_token(problems, na_token)
    skip = header_rows_count(header_rows, problems)
    lookup = answer_lookup(answers, rubric, problems)
    check_na_against(problems, lookup, na_token)
    problems.raise_if_any()
    text = text.removeprefix("\ufeff")
    check_nul(text, source_name)
    delimiter = sniff_delimiter(text)
    rows = _read_rows(problems, text, delimiter)
    if not skip and len(rows.rows) > 1 and looks_like_qualtrics(rows.rows[1]):
        unskipped_qualtrics(problems, rows.lines[1])
        problems.raise_if_any()
    if skip and rows.header is not None:
        extra = (rows.rows[:skip], rows.lines[:skip])
        check_extra_rows(problems, (header_rows, skip), *extra, rows.header_line)
        problems.raise_if_any()
        rows = evolve(rows, rows=rows.rows[skip:], lines=rows.lines[skip:])
    export = _Export(lookup, tool_columns(header_rows))
    return _parse_rows(problems, rows, rubric, (source_name, delimiter), columns, export)


def parse_csv_rows(
    header: tuple[list[str], int],
    records: tuple[list[list[str]], list[int]],
    rubric: Rubric,
    source_name: str | None,
    delimiter: str,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
) -> Responses:
    """Validate CSV records already split into cells (``header``: its cells and file line;
    ``records``: the non-blank rows and their first file lines, extra header rows already
    skipped) by the rules of :func:`read_responses`: the streaming reader (``stream.py``)
    parses each chunk of a large file here, so that problems name the lines of the whole
    file."""
    problems = Problems(source_name)
    check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    check_na_token(problems, na_token)
    lookup = answer_lookup(answers, rubric, problems)
    check_na_against(problems, lookup, na_token)
    problems.raise_if_any()
    rows = _Rows(header[0], header[1], records[0], records[1], unreadable=False)
    columns = (id_column, organization_column, na_token)
    export = _Export(lookup, tool_columns(header_rows))
    return _parse_rows(problems, rows, rubric, (source_name, delimiter), columns, export)


def _parse_rows(
    problems: Problems,
    rows: _Rows,
    rubric: Rubric,
    source: tuple[str | None, str],
    columns: tuple[str, str | None, str],
    export: _Export,
) -> Responses:
    """The checks of :func:`_parse_csv_text` from the records on (``source``: file name
    and delimiter; ``columns``: id column, organization column and NA token)."""
    lookup = export.lookup
    source_name, delimiter = source
    id_column, organization_column, na_token = columns
    layout = _read_header(problems, rows, rubric, (id_column, organization_column), export.tool)
    good, lines = _full_rows(problems, rows, layout, delimiter)
    ids = _ids(problems, good, lines, layout, id_column)
    organizations = _organizations(problems, good, lines, layout, organization_column)
    position = layout.position
    metadata = {
        name: [formula_unquoted(row[position[name]].strip()) or None for row in good]
        for name in layout.metadata_names
    }
    cells = TextCells(na_tokens(na_token), delimiter != ",", dont_know_tokens(rubric))
    values, codes, positions = _answers(rubric, good, layout, cells, lookup)
    _report_answers(problems, rubric, codes, good, lines, layout)
    if lookup is not None:
        _report_unmapped(problems, rubric, lookup, (codes, positions), cells, (lines, layout))
    elif problems:
        label = label_among(rubric, cells.texts(), cells.codes, positions)
        if label is not None:
            labels_not_read(problems, label)
    problems.raise_if_any()
    return build(
        rubric, values, codes, ids, organizations, metadata, source_name, present=layout.found
    )


def _read_rows(problems: Problems, text: str, delimiter: str) -> _Rows:
    """Split the text into records; a cell beyond the :mod:`csv` field limit stops reading."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    previous = 0
    try:
        for row in reader:
            start = previous + 1
            previous = reader.line_num
            if not row or (not row[0].strip() and not any(cell.strip() for cell in row)):
                continue  # blank line or a row of blank cells
            if header is None:
                header, header_line = row, start
            else:
                rows.append(row)
                lines.append(start)
    except csv.Error as exc:
        # Reading stops here; the row that failed starts on the line after the last one read.
        _unreadable_row(problems, previous + 1, exc)
        return _Rows(header, header_line, rows, lines, unreadable=True)
    return _Rows(header, header_line, rows, lines, unreadable=False)


def _unreadable_row(problems: Problems, line: int, exc: csv.Error) -> None:
    if "field limit" in str(exc):
        problems.add(
            (line, 0),
            f"row {line}",
            f"has a cell longer than {csv.field_size_limit()} characters; the rest of the "
            "file is not read",
            show_value=False,
            code="cell_too_long",
            location=(line,),
            line=line,
            hint="a quote without its closing quote makes the rest of the file one cell; "
            "check the quotes in this row",
        )
    else:  # pragma: no cover - the non-strict reader fails on little but the field limit
        problems.add(
            (line, 0),
            f"line {line}",
            f"cannot be read as CSV: {exc}",
            code="bad_csv",
            location=(line,),
            line=line,
        )


def _header_names(problems: Problems, rows: _Rows, rubric: Rubric, id_column: str) -> list[str]:
    """The stripped column names; raises for a missing header or a foreign delimiter."""
    if rows.header is None:
        if not rows.unreadable:  # else the header itself is too long to read
            problems.add(
                (0, 0),
                "file",
                "is empty; expected a header line naming the columns",
                show_value=False,
                code="empty_file",
                location=(),
                hint=f"for example: {printable(id_column)},"
                f"{','.join(rubric.indicator_ids[:3])},...",
            )
        problems.raise_if_any()
    assert rows.header is not None
    names = [formula_unquoted(name.strip()) for name in rows.header]
    if len(names) == 1 and names[0] != id_column and names[0] not in rubric.indicator_ids:
        foreign = foreign_delimiter(names[0], [id_column, *rubric.indicator_ids])
        if foreign is not None:
            shown = {" ": "space", "|": "'|' (pipe)"}.get(foreign, repr(foreign))
            parts = {part.strip() for part in names[0].split(foreign)}
            # Quote the header only when it names a known column: never echo the first
            # line of some other file (/etc/passwd) passed by mistake or by an attacker.
            column = (
                f"one column {clip(names[0])!r}"
                if parts & {id_column, *rubric.indicator_ids}
                else "one column naming no known column (is it a responses file?)"
            )
            only = Problems(problems.file)  # other header problems would only mislead
            only.add(
                (rows.header_line, 0),
                "header",
                f"is {column}; the file seems to use {shown} as delimiter, which is not supported",
                show_value=False,
                code="unsupported_delimiter",
                location=("header",),
                line=rows.header_line,
                hint="lomaturity reads UTF-8 files delimited by comma, semicolon or tab; "
                "save or export the file in one of these",
            )
            only.raise_if_any()
    return names


def _column_positions(problems: Problems, names: Sequence[str], header_line: int) -> dict[str, int]:
    """Name -> position of each named column; a repeated name is a problem."""
    position: dict[str, int] = {}
    for pos, name in enumerate(names):
        if not name:
            continue
        if name in position:
            problems.add(
                (header_line, pos),
                f"column {name!r}",
                f"appears twice in the header (columns {position[name] + 1} and {pos + 1})",
                show_value=False,
                code="duplicate_column",
                location=("header", name),
                line=header_line,
                hint="every column name must be unique",
            )
        else:
            position[name] = pos
    return position


def _read_header(
    problems: Problems,
    rows: _Rows,
    rubric: Rubric,
    columns: tuple[str, str | None],
    tool: frozenset[str],
) -> _Layout:
    """The column layout; misspelt, repeated and missing columns are problems (``tool``:
    the survey tool's own metadata columns, never taken for misspelt indicators)."""
    id_column, organization_column = columns
    names = _header_names(problems, rows, rubric, id_column)
    line = rows.header_line
    if not rows.rows and not rows.unreadable:
        problems.add(
            (0, 0),
            "file",
            "has a header but no respondent rows",
            show_value=False,
            code="no_respondents",
            location=(),
        )
    position = _column_positions(problems, names, line)
    misspelt, metadata_names = classify_names(
        list(position), rubric.indicator_ids, rubric.key, id_column, organization_column
    )
    metadata_names = [name for name in position if name in tool or name in metadata_names]
    misspelt = {name: why for name, why in misspelt.items() if name not in tool}
    for name, (message, hint) in misspelt.items():
        problems.add(
            (line, position[name]),
            f"column {name!r}",
            message,
            show_value=False,
            code="unknown_column",
            location=("header", name),
            line=line,
            hint=hint,
        )
    if id_column not in position:
        problems.add(
            (line, -1),
            "header",
            f"has no {id_column!r} column; every respondent needs an id",
            show_value=False,
            code="missing_column",
            location=("header",),
            line=line,
            hint=missing_id_hint(id_column, position),
        )
    found = [j for j, iid in enumerate(rubric.indicator_ids) if iid in position]
    if not found:
        _no_indicator_columns(problems, rubric, line)
    return _Layout(names, line, position, metadata_names, found)


def _no_indicator_columns(problems: Problems, rubric: Rubric, line: int) -> None:
    shown = ", ".join(rubric.indicator_ids[:4])
    more = ", ..." if len(rubric.indicator_ids) > 4 else ""
    problems.add(
        (line, -1),
        "header",
        f"has none of the {len(rubric.indicator_ids)} indicator columns of rubric {rubric.key}",
        show_value=False,
        code="no_indicators",
        location=("header",),
        line=line,
        hint=f"expected columns such as {shown}{more}",
    )


def _full_rows(
    problems: Problems, rows: _Rows, layout: _Layout, delimiter: str
) -> tuple[list[list[str]], list[int]]:
    """The rows with as many cells as the header, and their lines; others are problems."""
    width = len(layout.names)
    good: list[list[str]] = []
    lines: list[int] = []
    for row, line in zip(rows.rows, rows.lines, strict=True):
        if len(row) == width:
            good.append(row)
            lines.append(line)
        else:
            problems.add(
                (line, -1),
                f"row {line}",
                f"has {len(row)} cells; the header has {width}",
                show_value=False,
                code="wrong_row_length",
                location=(line,),
                line=line,
                hint=f"check for a stray or missing {delimiter_name(delimiter)} or quote",
            )
    for pos, name in enumerate(layout.names):
        if not name and any(row[pos].strip() for row in good):
            problems.add(
                (layout.header_line, pos),
                f"column {pos + 1}",
                "has no name in the header but holds values",
                show_value=False,
                code="unnamed_column",
                location=("header", pos + 1),
                line=layout.header_line,
                hint="name the column or delete it",
            )
    return good, lines


def _add_cell(
    problems: Problems,
    line: int,
    pos: int,
    column: str,
    message: str,
    value: object = None,
    *,
    code: str,
    hint: str | None = None,
) -> None:
    """A problem with the cell at file line ``line``, column ``column`` (position ``pos``)."""
    problems.add(
        (line, pos),
        f"row {line}, column {column!r}",
        message,
        value,
        code=code,
        location=(line, column),
        line=line,
        hint=hint,
        show_value=value is not None,
    )


def _ids(
    problems: Problems,
    good: list[list[str]],
    lines: list[int],
    layout: _Layout,
    id_column: str,
) -> list[str]:
    pos = layout.position.get(id_column)
    if pos is None:
        return []
    ids = [formula_unquoted(row[pos].strip()) for row in good]
    for line, rid in zip(lines, ids, strict=True):
        if not rid:
            message = "is blank; every respondent needs an id"
            _add_cell(problems, line, pos, id_column, message, code="blank_id")
    present = [rid or None for rid in ids]
    for row, message in bad_ids(present):
        _add_cell(
            problems, lines[row], pos, id_column, message, ids[row], code="bad_id", hint=ID_HINT
        )
    for later, first in duplicates(present):
        _add_cell(
            problems,
            lines[later],
            pos,
            id_column,
            f"duplicates the id in row {lines[first]}{same_id_note(present, later, first)}",
            ids[later],
            code="duplicate_id",
            hint="respondent ids must be unique",
        )
    return ids


def _organizations(
    problems: Problems,
    good: list[list[str]],
    lines: list[int],
    layout: _Layout,
    organization_column: str | None,
) -> list[str]:
    pos = layout.position.get(organization_column) if organization_column is not None else None
    if pos is None or organization_column is None:
        return [NO_ORGANIZATION] * len(good)
    organizations = [formula_unquoted(row[pos].strip()) for row in good]
    hint = (
        f"fill it in, or drop the {organization_column!r} column to treat all respondents "
        "as one organization"
    )
    for line, org in zip(lines, organizations, strict=True):
        if not org:
            message = "is blank; every respondent needs an organization"
            _add_cell(
                problems,
                line,
                pos,
                organization_column,
                message,
                code="blank_organization",
                hint=hint,
            )
    return organizations


def _answers(
    rubric: Rubric,
    good: list[list[str]],
    layout: _Layout,
    cells: TextCells,
    lookup: Lookup | None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8], npt.NDArray[np.intp]]:
    """Values and cell codes (n x k, rubric order), parsed column-wise without Python loops
    over respondents, and each answer cell's index among ``cells``' distinct texts (n x m,
    file column order). Work per cell is one dictionary lookup; texts are parsed, and read
    through ``lookup`` (``answers=``), once per distinct text."""
    n, k = len(good), len(rubric.indicators)
    values = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    order = _source_order(rubric, layout)
    positions = np.zeros((n, len(order)), dtype=np.intp)
    if order and n:
        # All indicator cells in one flat list, row by row (itemgetter and chain run in C).
        getter = itemgetter(*(layout.position[rubric.indicator_ids[j]] for j in order))
        flat: list[str] = (
            list(chain.from_iterable(map(getter, good)))
            if len(order) > 1
            else list(map(getter, good))
        )
        positions = cells.positions(flat).reshape(n, len(order))
        base = (np.asarray(cells.values, np.float64), np.asarray(cells.codes, np.int8))
        if lookup is None:
            values[:, order], codes[:, order] = base[0][positions], base[1][positions]
        else:
            scales = [rubric.indicators[j].scale for j in order]
            values[:, order], codes[:, order] = apply_lookup(
                lookup, scales, cells.texts(), base, positions
            )
    check_cells(rubric, values, codes)
    return values, codes, positions


def _source_order(rubric: Rubric, layout: _Layout) -> list[int]:
    """Rubric indices of the indicator columns, in file column order."""
    return sorted(layout.found, key=lambda j: layout.position[rubric.indicator_ids[j]])


def _report_answers(
    problems: Problems,
    rubric: Rubric,
    codes: npt.NDArray[np.int8],
    good: list[list[str]],
    lines: list[int],
    layout: _Layout,
) -> None:
    def cell(i: int, j: int) -> Cell:
        iid = rubric.indicator_ids[j]
        pos = layout.position[iid]
        line = lines[i]
        return (line, pos), f"row {line}, column {iid!r}", (line, iid), good[i][pos], line

    def raw_value(i: int, j: int) -> object:
        return good[i][layout.position[rubric.indicator_ids[j]]]

    report_cells(problems, rubric, codes, _source_order(rubric, layout), cell, raw_value)


def _report_unmapped(
    problems: Problems,
    rubric: Rubric,
    lookup: Lookup,
    block: tuple[npt.NDArray[np.int8], npt.NDArray[np.intp]],
    cells: TextCells,
    at: tuple[list[int], _Layout],
) -> None:
    """The texts ``answers=`` did not map, each listed once (:func:`report_unmapped`)."""
    codes, positions = block
    lines, layout = at
    order = _source_order(rubric, layout)
    names = [rubric.indicator_ids[j] for j in order]

    def where(i: int, c: int) -> tuple[int, str, int]:
        return lines[i], names[c], layout.position[names[c]]

    scales = [rubric.indicators[j].scale for j in order]
    block_codes = codes[:, order] if order else codes[:, :0]
    report_unmapped(problems, lookup, scales, cells.texts(), (block_codes, positions), where)
