"""Reading a responses CSV file too large for memory as a stream of chunks of whole
organizations (:func:`stream_responses`, behind :func:`lomaturity.score_panel`).

The file is read record by record with :mod:`csv` (quoted line breaks allowed), grouped into
chunks of ``chunk_organizations`` organizations, and every chunk is validated by the rules
of :func:`lomaturity.read_responses` (``csvfile.parse_csv_rows``), so problems name the lines
of the whole file. Rows of one organization must be contiguous: an organization that
reappears after another one started is an error naming both lines. Memory is bounded by the
chunk, plus the set of organization names seen (for the contiguity check).
"""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Iterator
from typing import Final, NoReturn, Protocol, TextIO

from attrs import frozen

from .._model.responses import Responses
from .._model.rubric import Rubric
from .._rubrics.files import FileRefused, check_path
from .answers import Answers, answer_lookup
from .cells import NA
from .checks import DEFAULT_ID, DEFAULT_ORG
from .csvfile import parse_csv_rows
from .headers import (
    HeaderRows,
    check_extra_rows,
    header_rows_count,
    looks_like_qualtrics,
    unskipped_qualtrics,
)
from .problems import Problems, file_error
from .text import check_nul, decode, sniff_delimiter

DEFAULT_CHUNK_ORGANIZATIONS: Final = 1000
"""Organizations per chunk when reading a large file (about 25,000 rows at 25 respondents
each: tens of MB of memory)."""

_SAMPLE: Final = 1 << 20
"""Bytes read up front to check the encoding and find the delimiter in the header."""

MAX_LINE_CHARS: Final = 1 << 20
"""Longest physical line read (characters): a responses row is a few hundred characters, so
a longer line means a file that is not a responses file (memory stays bounded by it)."""


class _Reader(Protocol):
    """A :func:`csv.reader`: records, and the physical lines read so far."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def _head_text(path: str) -> str:
    """The decoded start of the file (whole lines), checked as :func:`read_responses`
    checks a whole file: UTF-16, bad bytes and NUL characters raise."""
    with open(path, "rb") as raw:
        sample = raw.read(_SAMPLE)
        more = raw.read(1)
    if more and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n") + 1]  # no character cut in two
    text = decode(sample, path).removeprefix("\ufeff")
    check_nul(text, path)
    return text


def _lines(handle: TextIO, path: str) -> Iterator[str]:
    """The file's lines, each read bounded by :data:`MAX_LINE_CHARS`; a longer line, a NUL
    character or bytes that are not UTF-8 raise, naming the line."""
    number = 0
    try:
        while line := handle.readline(MAX_LINE_CHARS + 1):
            number += 1
            if len(line) > MAX_LINE_CHARS:
                message = f"is longer than {MAX_LINE_CHARS:,} characters"
                _line_error(path, number, message, "line_too_long")
            if "\x00" in line:
                _line_error(path, number, "holds a NUL character (byte 0)", "nul_character")
            yield line
    except UnicodeDecodeError:
        _undecodable_line(path)


def _check_file(path: str) -> None:
    """Refuse a path that is empty, holds NUL, does not exist or is not a regular file (a
    panel file is read twice, and a device or pipe could not be bounded or re-read)."""
    try:
        check_path(path)
        info = os.stat(path)
    except FileRefused as exc:
        raise file_error(path or None, exc.message, code=exc.code) from None
    except OSError as exc:
        raise file_error(
            path, f"cannot be read: {exc.strerror or exc}", code="unreadable"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise file_error(
            path,
            "is not a regular file; score_panel reads files it can read twice (not a "
            "directory, device or pipe)",
            code="not_a_file",
        )


def _undecodable_line(path: str) -> NoReturn:
    """Raise for the first line of the file that is not UTF-8 (the text reader decodes
    blocks ahead of the lines it returns, so its error does not say which line)."""
    with open(path, "rb") as raw:
        number = 0
        while line := raw.readline(4 * MAX_LINE_CHARS + 1):  # UTF-8: at most 4 bytes a char
            number += 1
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = line[exc.start : exc.end]
                message = f"holds bytes that are not valid UTF-8 ({bad!r} at byte {exc.start + 1})"
                _line_error(path, number, message, "bad_encoding")
    raise AssertionError("unreachable")  # pragma: no cover - the text reader found one


def _line_error(path: str, line: int, message: str, code: str) -> NoReturn:
    problems = Problems(path)
    problems.add(
        (line, 0),
        f"line {line}",
        message,
        show_value=False,
        code=code,
        location=(line,),
        line=line,
        hint="the file is damaged or not UTF-8 text; export it again as "
        "'CSV UTF-8 (Comma delimited)'",
    )
    problems.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def _not_contiguous(path: str, organization: str, line: int, first: int) -> NoReturn:
    problems = Problems(path)
    problems.add(
        (line, 0),
        f"row {line}",
        f"belongs to organization {organization!r}, whose rows already ended before "
        f"another organization started (its first row is row {first}); a panel file must "
        "keep the rows of each organization together",
        show_value=False,
        code="organization_not_contiguous",
        location=(line,),
        line=line,
        hint="sort the file by the organization column first (for example in pandas: "
        "df.sort_values(column, kind='stable'))",
    )
    problems.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def stream_responses(
    path: str | os.PathLike[str],
    rubric: Rubric,
    *,
    chunk_organizations: int = DEFAULT_CHUNK_ORGANIZATIONS,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
    answers: Answers = None,
    header_rows: HeaderRows = 0,
) -> Iterator[Responses]:
    """The responses of the CSV file at ``path``, ``chunk_organizations`` whole
    organizations at a time (the last chunk may hold fewer), in file order.

    Each chunk is checked as :func:`lomaturity.read_responses` checks a file, except that
    respondent ids are checked for duplicates within the chunk (the organization's rows
    are always together), and no size limit applies. Without an organization column the
    whole file is one organization (one chunk). ``answers`` and ``header_rows`` are those
    of :func:`lomaturity.read_responses` (docs/survey-exports.md).

    Raises:
        ResponsesError: a chunk's problems (with the lines of the whole file), or an
            organization whose rows are not contiguous.
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    problems = Problems(name)
    skip = header_rows_count(header_rows, problems)
    answer_lookup(answers, rubric, problems)  # a bad argument fails before reading
    problems.raise_if_any()
    _check_file(name)
    delimiter = sniff_delimiter(_head_text(name))
    with open(name, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(_lines(handle, name), delimiter=delimiter)
        yield from _chunks(
            reader,
            name,
            rubric,
            delimiter,
            chunk_organizations,
            _Layout(id_column, organization_column, na_token, answers, (header_rows, skip)),
        )


@frozen
class _Layout:
    """The reading arguments of :func:`stream_responses`."""

    id_column: str
    organization_column: str | None
    na_token: str
    answers: Answers
    header_rows: tuple[HeaderRows, int]
    """The argument and the number of records it skips."""


def _records(reader: _Reader, name: str) -> Iterator[list[str]]:
    """The records of ``reader``; a CSV error (a field over :mod:`csv`'s size limit, a
    stray quote in strict mode) raises, naming the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            _line_error(name, reader.line_num, f"cannot be read as CSV ({exc})", "bad_csv")
        yield row


def _chunks(
    reader: _Reader,
    name: str,
    rubric: Rubric,
    delimiter: str,
    chunk_organizations: int,
    columns: _Layout,
) -> Iterator[Responses]:
    """Group the records of ``reader`` into chunks of whole organizations and parse them."""
    id_column, organization_column = columns.id_column, columns.organization_column
    extra: tuple[list[list[str]], list[int]] = ([], [])
    header: tuple[list[str], int] | None = None
    at: int | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    seen: dict[str, int] = {}
    current: str | None = None
    previous = records = 0
    for row in _records(reader, name):
        start, previous = previous + 1, reader.line_num  # physical lines read so far
        if not row or (not row[0].strip() and not any(cell.strip() for cell in row)):
            continue  # blank line or a row of blank cells, as read_responses skips them
        if header is None:
            header = (row, start)
            names = [cell.strip() for cell in row]
            at = names.index(organization_column) if organization_column in names else None
            continue
        records += 1
        if records == 2 and not columns.header_rows[1]:
            _check_not_qualtrics(name, row, start)
        if len(extra[0]) < columns.header_rows[1]:
            extra[0].append(row)
            extra[1].append(start)
            if len(extra[0]) == columns.header_rows[1]:
                _check_extra(name, columns.header_rows, extra, header[1])
            continue
        organization = row[at].strip() if at is not None and at < len(row) else current
        if organization != current:
            assert organization is not None
            if organization in seen:
                _not_contiguous(name, organization, start, seen[organization])
            if len(seen) % chunk_organizations == 0 and rows:
                yield _parse(header, rows, lines, rubric, name, delimiter, columns)
                rows, lines = [], []
            seen[organization] = start
            current = organization
        rows.append(row)
        lines.append(start)
    if header is None:
        raise file_error(
            name,
            "is empty; expected a header line naming the columns",
            code="empty_file",
            hint=f"for example: {id_column},{','.join(rubric.indicator_ids[:3])},...",
        )
    if len(extra[0]) < columns.header_rows[1]:
        _check_extra(name, columns.header_rows, extra, header[1])
    if rows or not seen:
        yield _parse(header, rows, lines, rubric, name, delimiter, columns)


def _parse(
    header: tuple[list[str], int],
    rows: list[list[str]],
    lines: list[int],
    rubric: Rubric,
    name: str,
    delimiter: str,
    columns: _Layout,
) -> Responses:
    return parse_csv_rows(
        header,
        (rows, lines),
        rubric,
        name,
        delimiter,
        id_column=columns.id_column,
        organization_column=columns.organization_column,
        na_token=columns.na_token,
        answers=columns.answers,
        header_rows=columns.header_rows[0],
    )


def _check_not_qualtrics(name: str, row: list[str], line: int) -> None:
    """Raise when ``row``, the second record, is Qualtrics' import-id row (not skipped)."""
    if looks_like_qualtrics(row):
        problems = Problems(name)
        unskipped_qualtrics(problems, line)
        problems.raise_if_any()


def _check_extra(
    name: str,
    header_rows: tuple[object, int],
    extra: tuple[list[list[str]], list[int]],
    header_line: int,
) -> None:
    """Raise when the skipped header rows are not what ``header_rows`` asked for."""
    problems = Problems(name)
    check_extra_rows(problems, header_rows, *extra, header_line)
    problems.raise_if_any()
