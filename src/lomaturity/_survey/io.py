"""Reading survey responses from wide CSV files, records and arrays.

Every reader checks every answer against a :class:`~lomaturity.rubric.Rubric` and either
returns a complete :class:`~lomaturity.responses.Responses` or raises one
:class:`~lomaturity.exceptions.ResponsesError` that lists every problem found (at most
:data:`MAX_PROBLEMS`, then a last "... and N more problems" entry). There are no partial
results and no raw tracebacks for bad input.

Answer rules (the same for all readers):

* no answer: a blank cell (CSV), ``None`` or a float ``NaN`` (records, arrays);
* not applicable: the token ``NA`` or ``N/A`` (any case; CSV and records) or ``True`` in the
  ``not_applicable`` mask (arrays); an error for indicators whose ``allow_na`` is false;
* otherwise a finite number that is a whole point of the indicator's scale
  (``scale.min <= value <= scale.max``); ``4.0`` is accepted as ``4``, ``4.5``, ``nan`` and
  ``inf`` are not. Booleans are not numbers.

CSV layout (one row per respondent, one column per indicator id, in any order)::

    respondent_id,organization,team,role,vc_values,vc_vision,...
    r0001,Acme,Sales,manager,4,NA,...

* the id column (default ``respondent_id``) is required; ids must be non-blank and unique;
* the organization column (default ``organization``) is optional; without it everyone
  belongs to :data:`~lomaturity.responses.NO_ORGANIZATION`; when present it must not be blank;
* a column named exactly like an indicator id holds that indicator's answers; rubric
  indicators without a column are all "no answer", but at least one must have a column;
* a column whose name is *close* to an indicator id (same id in another letter case, or a
  :mod:`difflib` similarity of at least :data:`COLUMN_CUTOFF`) is an error with a
  "did you mean" hint -- it is almost certainly a misspelt indicator; likewise a column close
  to a missing id or organization column name;
* every other column is kept as metadata (``team``, ``role``, ...), blank cells as ``None``;
* a column with a blank name is ignored when all its cells are blank, else an error;
* rows whose cells are all empty are skipped; surrounding whitespace is removed from cells
  and column names;
* the file must be UTF-8 text delimited by comma, semicolon or tab: a one-column header
  holding ``|`` or another delimiter, NUL characters (UTF-16 without a byte-order mark) and
  a cell longer than the :mod:`csv` field size limit (usually a quote without its closing
  quote) are reported as such;
* ``id_column`` and ``organization_column`` must not name an indicator, and ``na_token``
  must not be a number (it would turn answers into "not applicable").

Numbers too large for a float (``10**400``, ``"1e400"``) are answers outside the scale.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import math
import numbers
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from .._hints import closest, did_you_mean
from .._model.responses import NO_ORGANIZATION, Responses
from .._model.rubric import Indicator, Rubric, Scale
from .._rubrics.fields import _a, _type_name
from .._rubrics.registry import DEFAULT_RUBRIC, load_rubric
from ..exceptions import Problem, ResponsesError

__all__ = [
    "COLUMN_CUTOFF",
    "MAX_PROBLEMS",
    "NA",
    "example_responses",
    "read_responses",
    "responses_from_array",
    "responses_from_records",
    "responses_to_csv_text",
]

NA: Final = "NA"
"""The answer meaning "not applicable" in CSV files and records (``N/A`` is accepted too)."""

MAX_PROBLEMS: Final = 50
"""Most problems listed in one :class:`~lomaturity.exceptions.ResponsesError`."""

COLUMN_CUTOFF: Final = 0.8
"""difflib similarity (0..1) from which an unknown column counts as a misspelt indicator."""

EXAMPLE_FILE: Final = "example-responses.csv"
"""File name of the bundled example data (in the package's ``data`` folder)."""

_DEFAULT_ID: Final = "respondent_id"
_DEFAULT_ORG: Final = "organization"
_EXTRA_NA: Final = frozenset({"n/a"})
_DELIMITERS: Final = (",", ";", "\t")
_FOREIGN_DELIMITERS: Final = ("|", ":", "^", "~", " ")
"""Delimiters lomaturity does not read; a one-column header holding one is reported."""
_TEXT_HINT: Final = "use responses_from_records for answers given as text"
_BIG_INT_BITS: Final = 10_000
"""Integers longer than this (about 3000 digits) are shown abbreviated in problems."""
_QUOTED: Final = re.compile(r'"[^"]*"')
_HEADER_RECORD: Final = re.compile(r'(?:"[^"]*"|[^"\r\n])*')
"""The header record: up to the first line break outside quotes (or an unclosed quote)."""
_NUMBER: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_COMMA_NUMBER: Final = re.compile(r"[+-]?\d+,\d+", re.ASCII)

# Cell codes. _OK and _NA are valid; every code above _NA is a problem.
_OK: Final = 0
_NA: Final = 1
_NOT_NUMBER: Final = 2
_BAD_TYPE: Final = 3
_NOT_FINITE: Final = 4
_OUTSIDE: Final = 5
_NOT_POINT: Final = 6
_NA_FORBIDDEN: Final = 7
_NA_WITH_VALUE: Final = 8

_Key = tuple[int, int]
_Cell = tuple[_Key, str, object, int | None]
"""What a reader says about a cell: (sort key, path, shown value, line)."""


class _Abbreviated:
    """Stands in for a value too large to show, such as an integer of thousands of digits."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _showable(value: object) -> object:
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


def _number_text(value: object) -> str:
    """``str(value)`` that cannot fail on huge integers."""
    return str(_showable(value))


def _as_float(value: float) -> float:
    """``float(value)``, saturating to an infinity for integers too large for a float."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


class _Problems:
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
        line: int | None = None,
        hint: str | None = None,
        show_value: bool = True,
    ) -> None:
        problem = Problem(path, message, _showable(value), self.file, line, hint, show_value)
        self.items.append((key, problem))

    def __bool__(self) -> bool:
        return bool(self.items) or self.unlisted > 0

    def raise_if_any(self) -> None:
        """Raise one :class:`ResponsesError` with the first problems, if there are any."""
        if not self:
            return
        self.items.sort(key=itemgetter(0))
        total = len(self.items) + self.unlisted
        shown = [problem for _, problem in self.items[:MAX_PROBLEMS]]
        if total > MAX_PROBLEMS:
            more = total - MAX_PROBLEMS
            shown.append(
                Problem(
                    "...",
                    f"and {more} more problem{'' if more == 1 else 's'}",
                    file=self.file,
                    show_value=False,
                )
            )
        raise ResponsesError(shown, self.file)


# --------------------------------------------------------------------------- shared checks


class _TextCells:
    """Parses answer text into (value, code), caching each distinct string.

    Survey answers repeat a handful of strings (``"1"``..``"5"``, ``""``, ``"NA"``), so a
    column of any length is parsed with one dictionary lookup per cell.
    """

    def __init__(self, na_tokens: frozenset[str], decimal_comma: bool) -> None:
        self.na_tokens = na_tokens
        self.decimal_comma = decimal_comma
        self.index: dict[str, int] = {}
        self.values: list[float] = []
        self.codes: list[int] = []

    def parse(self, text: str) -> tuple[float, int]:
        """One answer's value (NaN unless a number) and code."""
        t = text.strip()
        if not t:
            return math.nan, _OK
        if t.casefold() in self.na_tokens:
            return math.nan, _NA
        if _NUMBER.fullmatch(t) or (self.decimal_comma and _COMMA_NUMBER.fullmatch(t)):
            number = float(t.replace(",", "."))
            # A numeral too large for a float ('9' * 400, '1e400') is a finite number
            # off every scale, not an infinity.
            return (number, _OK) if math.isfinite(number) else (math.nan, _OUTSIDE)
        try:
            number = float(t)  # 'nan', 'inf', 'Infinity', '1_0', non-ASCII digits
        except ValueError:
            return math.nan, _NOT_NUMBER
        return math.nan, (_NOT_NUMBER if math.isfinite(number) else _NOT_FINITE)

    def cells(self, cells: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
        """Values and codes of a flat sequence of answer texts."""
        index = self.index
        for text in set(cells).difference(index):
            value, code = self.parse(text)
            index[text] = len(self.values)
            self.values.append(value)
            self.codes.append(code)
        positions = np.fromiter(map(index.__getitem__, cells), dtype=np.intp, count=len(cells))
        values = np.asarray(self.values, dtype=np.float64)[positions]
        codes = np.asarray(self.codes, dtype=np.int8)[positions]
        return values, codes


def _na_tokens(na_token: str) -> frozenset[str]:
    return frozenset({na_token.strip().casefold(), NA.casefold()} | _EXTRA_NA)


def _scales(rubric: Rubric) -> list[Scale]:
    return [rubric.scale(indicator.scale) for indicator in rubric.indicators]


def _check_cells(
    rubric: Rubric, values: npt.NDArray[np.float64], codes: npt.NDArray[np.int8]
) -> None:
    """Add range, integrality and NA codes to ``codes`` (n x k, rubric column order).

    ``values`` holds the parsed numbers (NaN for blank, NA and unreadable cells); ``codes``
    holds the parse codes. Works on whole columns at once.
    """
    scales = _scales(rubric)
    low = np.array([_as_float(s.min) for s in scales], dtype=np.float64)
    high = np.array([_as_float(s.max) for s in scales], dtype=np.float64)
    allow_na = np.array([i.allow_na for i in rubric.indicators], dtype=np.bool_)
    ok = codes == _OK
    finite = np.isfinite(values)
    codes[ok & np.isinf(values)] = _NOT_FINITE
    outside = ok & finite & ((values < low) | (values > high))
    codes[outside] = _OUTSIDE
    codes[ok & finite & ~outside & (values != np.floor(values))] = _NOT_POINT
    codes[(codes == _NA) & ~allow_na] = _NA_FORBIDDEN


def _cell_message(
    code: int, value: object, indicator: Indicator, scale: Scale
) -> tuple[str, str | None]:
    """The message and hint of a cell problem."""
    points = f"{_number_text(scale.min)}..{_number_text(scale.max)}"
    accepted = f"answers to {indicator.id!r} are whole numbers {points}, blank for no answer" + (
        ", or NA for not applicable" if indicator.allow_na else ""
    )
    if code == _NOT_NUMBER:
        return "is not a number", accepted
    if code == _BAD_TYPE:
        return f"is {_a(_type_name(value))}, not a number", accepted
    if code == _NOT_FINITE:
        return "is not a finite number", accepted
    if code == _OUTSIDE:
        return f"is outside the {points} scale", accepted
    if code == _NOT_POINT:
        return f"is not a point on the {points} scale", "answers must be whole numbers"
    if code == _NA_FORBIDDEN:
        return (
            f"(not applicable) is not accepted by indicator {indicator.id!r}",
            "leave the cell blank for no answer",
        )
    if code == _NA_WITH_VALUE:
        return "has a value but is marked not applicable", "set the value to NaN or unmark it"
    raise AssertionError(code)


def _report_cells(
    problems: _Problems,
    rubric: Rubric,
    codes: npt.NDArray[np.int8],
    order: Sequence[int],
    cell: Callable[[int, int], _Cell],
    raw_value: Callable[[int, int], object],
) -> None:
    """Record the first :data:`MAX_PROBLEMS` bad cells (row-major, source column order).

    ``order`` lists rubric column indices in the order the source holds them; ``cell(i, j)``
    says where cell (row ``i``, rubric column ``j``) is; ``raw_value`` gives its input value.
    """
    if not order:
        return
    columns = np.asarray(order, dtype=np.intp)
    rows, cols = np.nonzero(codes[:, columns] > _NA)
    scales = _scales(rubric)
    for i, c in zip(rows[:MAX_PROBLEMS].tolist(), cols[:MAX_PROBLEMS].tolist(), strict=True):
        j = order[c]
        key, path, shown, line = cell(i, j)
        value = raw_value(i, j)
        message, hint = _cell_message(int(codes[i, j]), value, rubric.indicators[j], scales[j])
        problems.add(key, path, message, shown, line=line, hint=hint)
    problems.unlisted += max(len(rows) - MAX_PROBLEMS, 0)


def _duplicates(ids: Sequence[str | None]) -> list[tuple[int, int]]:
    """(later row, first row) for every repeated non-``None`` id."""
    present = [i for i in ids if i is not None]
    if len(set(present)) == len(present):
        return []
    first: dict[str, int] = {}
    out = []
    for row, rid in enumerate(ids):
        if rid is None:
            continue
        if rid in first:
            out.append((row, first[rid]))
        else:
            first[rid] = row
    return out


def _close_name(name: str, candidates: Iterable[str]) -> str | None:
    """The one of ``candidates`` that ``name`` is a near miss of: same letters in another
    case, or a :mod:`difflib` similarity of at least :data:`COLUMN_CUTOFF`."""
    return closest(name, candidates, cutoff=COLUMN_CUTOFF)


def _close_column_hint(name: str, candidates: Iterable[str]) -> str | None:
    """A hint when ``name`` is a near miss of one of ``candidates`` (not an exact match)."""
    close = _close_name(name, candidates)
    if close is None:
        return None
    if close.casefold() == name.casefold():
        return f"did you mean {close!r}? names are case-sensitive"
    return f"did you mean {close!r}?"


def _classify_names(
    names: Sequence[str],
    indicator_ids: Sequence[str],
    rubric_key: str | None,
    id_column: str,
    organization_column: str | None,
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Split field names into (misspelt name -> (message, hint)) and metadata names.

    Names equal to the id column, the organization column or an indicator id are in
    neither result. A name close to a missing organization column is misspelt; one close to
    a missing id column stays metadata (the missing id column is reported with a hint).
    """
    known = set(indicator_ids)
    missing_org = organization_column is not None and organization_column not in names
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    misspelt: dict[str, tuple[str, str]] = {}
    metadata: list[str] = []
    for name in names:
        if name in known or name in (id_column, organization_column):
            continue
        hint = _close_column_hint(name, indicator_ids)
        if hint is not None:
            misspelt[name] = (f"matches no indicator{of_rubric}", hint)
            continue
        if missing_org:
            assert organization_column is not None
            hint = _close_column_hint(name, [organization_column])
            if hint is not None:
                misspelt[name] = (
                    f"is not the organization column {organization_column!r}",
                    f"{hint}{' ' if hint.endswith('?') else '; '}rename the column or pass "
                    f"organization_column={name!r}",
                )
                continue
        metadata.append(name)
    return misspelt, metadata


def _missing_id_hint(id_column: str, names: Iterable[str]) -> str | None:
    close = closest(id_column, names)
    if close is None:
        return None
    return f"did you mean {close!r}? rename the column or pass id_column={close!r}"


def _check_arguments(
    problems: _Problems,
    id_column: str,
    organization_column: str | None,
    indicator_ids: Sequence[str],
    rubric_key: str | None,
) -> None:
    """Check the id and organization column arguments of a reader or writer."""
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    for argument, name in (("id_column", id_column), ("organization_column", organization_column)):
        if name is None and argument == "organization_column":
            continue
        if not isinstance(name, str) or not name.strip():
            problems.add((0, 0), argument, "is not a non-blank string", name)
        elif name in indicator_ids:
            problems.add(
                (0, 0),
                argument,
                f"is an indicator id{of_rubric}, not a separate column",
                name,
                hint=f"a column named {name!r} holds that indicator's answers; pass the name "
                f"of the {'respondent id' if argument == 'id_column' else 'organization'} column",
            )
    if organization_column == id_column:
        problems.add(
            (0, 0),
            "organization_column",
            "is the same as id_column",
            organization_column,
            hint="pass organization_column=None when there is no organization column",
        )


def _check_na_token(problems: _Problems, na_token: str) -> None:
    """A not-applicable token must be non-blank text that no answer can look like."""
    if not isinstance(na_token, str) or not na_token.strip():
        problems.add((0, 0), "na_token", "is not a non-blank string", na_token)
        return
    token = na_token.strip()
    numeric = bool(_NUMBER.fullmatch(token) or _COMMA_NUMBER.fullmatch(token))
    if not numeric:
        with contextlib.suppress(ValueError):
            numeric = math.isfinite(float(token))  # '1_0', non-ASCII digits
    if numeric:
        problems.add(
            (0, 0),
            "na_token",
            "is a number; answers equal to it would be read as 'not applicable'",
            na_token,
            hint=f"use a token that is not a number, such as {NA!r}, 'N/A', '-' or 'x'",
        )


def _build(
    rubric: Rubric,
    values: npt.NDArray[np.float64],
    codes: npt.NDArray[np.int8],
    ids: Sequence[str],
    organizations: Sequence[str],
    metadata: Mapping[str, Sequence[str | None]],
    source: str | None,
) -> Responses:
    not_applicable = codes == _NA
    values[not_applicable] = np.nan
    return Responses(
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=not_applicable,
        respondent_ids=ids,
        organizations=organizations,
        metadata=metadata,
        rubric_key=rubric.key,
        rubric_fingerprint=rubric.fingerprint,
        source=source,
    )


# --------------------------------------------------------------------------- CSV


def read_responses(
    path: str | os.PathLike[str],
    rubric: Rubric,
    *,
    id_column: str = _DEFAULT_ID,
    organization_column: str | None = _DEFAULT_ORG,
    na_token: str = NA,
) -> Responses:
    """Read and validate a wide CSV file of survey answers.

    The file is UTF-8 (a byte-order mark is allowed) with ``,``, ``;`` or tab as delimiter,
    detected from the header line. See the module documentation for the layout and rules.

    Args:
        path: the CSV file.
        rubric: the rubric whose indicators the columns answer.
        id_column: name of the (required) respondent id column.
        organization_column: name of the optional organization column; ``None`` to treat
            every respondent as one organization (a column of that name is then metadata).
        na_token: the cell text meaning "not applicable" (any case); ``NA`` and ``N/A`` are
            always accepted too.

    Returns:
        The responses, indicator columns in rubric order, ``source`` set to ``path``.

    Raises:
        ResponsesError: listing every problem, each with row (1-based file line; the
            header is line 1), column, cell value and file name.
    """
    name = os.fspath(path)
    try:
        raw = Path(name).read_bytes()
    except FileNotFoundError:
        problem = Problem("file", "does not exist", file=name, show_value=False)
        raise ResponsesError([problem], name) from None
    except IsADirectoryError:
        problem = Problem("file", "is a directory, not a file", file=name, show_value=False)
        raise ResponsesError([problem], name) from None
    except OSError as exc:
        problem = Problem("file", f"cannot be read: {exc.strerror}", file=name, show_value=False)
        raise ResponsesError([problem], name) from None
    return _parse_csv_bytes(
        raw,
        rubric,
        name,
        id_column=id_column,
        organization_column=organization_column,
        na_token=na_token,
    )


def _parse_csv_bytes(
    raw: bytes,
    rubric: Rubric,
    source_name: str,
    *,
    id_column: str = _DEFAULT_ID,
    organization_column: str | None = _DEFAULT_ORG,
    na_token: str = NA,
) -> Responses:
    """Decode UTF-8 (optional BOM) bytes and parse them with :func:`_parse_csv_text`."""
    return _parse_csv_text(
        _decode(raw, source_name),
        rubric,
        source_name,
        id_column=id_column,
        organization_column=organization_column,
        na_token=na_token,
    )


def _decode(raw: bytes, source_name: str) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problem = Problem(
            "file",
            "is UTF-16 encoded, not UTF-8",
            file=source_name,
            show_value=False,
            hint="save it as 'CSV UTF-8 (Comma delimited)'",
        )
        raise ResponsesError([problem], source_name)
    if _looks_utf16(raw[:4096].count(b"\x00"), len(raw[:4096])):
        raise ResponsesError([_utf16_problem(source_name)], source_name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    problems = _Problems(source_name)
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start : exc.end]
            problems.add(
                (number, 0),
                f"line {number}",
                f"holds bytes that are not valid UTF-8 ({bad!r} at character {exc.start + 1})",
                line.decode("utf-8", errors="replace").strip(),
                line=number,
                hint="save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')",
            )
    if not problems:  # pragma: no cover - every undecodable file has an undecodable line
        problems.add((0, 0), "file", "is not valid UTF-8", show_value=False)
    problems.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def _looks_utf16(nul_count: int, length: int) -> bool:
    """Whether a sample with ``nul_count`` NULs in ``length`` units looks like UTF-16."""
    return length >= 2 and nul_count * 4 >= length


def _utf16_problem(source_name: str) -> Problem:
    return Problem(
        "file",
        "looks UTF-16 encoded without a byte-order mark (it has NUL bytes between the "
        "characters); only UTF-8 is supported",
        file=source_name,
        show_value=False,
        hint="save it as 'CSV UTF-8 (Comma delimited)'",
    )


def _check_nul(text: str, source_name: str) -> None:
    """Raise for NUL characters: UTF-16 text read as UTF-8, or a damaged file."""
    if "\x00" not in text:
        return
    if _looks_utf16(text[:4096].count("\x00"), len(text[:4096])):
        raise ResponsesError([_utf16_problem(source_name)], source_name)
    problems = _Problems(source_name)
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if "\x00" in line:
            problems.add(
                (number, 0),
                f"line {number}",
                "holds a NUL character (byte 0), which a UTF-8 text file does not have",
                show_value=False,
                line=number,
                hint="the file is damaged or not UTF-8 text; export it again as "
                "'CSV UTF-8 (Comma delimited)'",
            )
    problems.raise_if_any()


def _foreign_delimiter(name: str, known: Iterable[str]) -> str | None:
    """The unsupported delimiter a one-column header ``name`` seems to use, if any."""
    counts = {d: name.count(d) for d in _FOREIGN_DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    if not counts[best]:
        return None
    parts = {part.strip() for part in name.split(best)}
    if best == " " and not parts.intersection(known):
        return None  # a column name with spaces, not a space-delimited header
    return best


def _sniff_delimiter(text: str) -> str:
    """``,``, ``;`` or tab: the most frequent of them in the header (first non-blank line).

    Quoted parts are ignored, also when a quoted column name holds a line break; ties go to
    the earlier of ``,``, ``;``, tab.
    """
    offset = 0
    for line in io.StringIO(text, newline=""):
        if line.strip():
            record = _HEADER_RECORD.match(text, offset)
            assert record is not None  # the pattern matches the empty string
            unquoted = _QUOTED.sub("", record.group())
            counts = [unquoted.count(d) for d in _DELIMITERS]
            return _DELIMITERS[counts.index(max(counts))] if max(counts) else ","
        offset += len(line)
    return ","


def _parse_csv_text(
    text: str,
    rubric: Rubric,
    source_name: str,
    *,
    id_column: str = _DEFAULT_ID,
    organization_column: str | None = _DEFAULT_ORG,
    na_token: str = NA,
) -> Responses:
    """Parse and validate CSV text (the core of :func:`read_responses`)."""
    problems = _Problems(source_name)
    _check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    _check_na_token(problems, na_token)
    problems.raise_if_any()
    if text.startswith("\ufeff"):
        text = text[1:]
    _check_nul(text, source_name)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    previous = 0
    unreadable = False
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
        unreadable = True
        line = previous + 1
        limit = csv.field_size_limit()
        if "field limit" in str(exc):
            problems.add(
                (line, 0),
                f"row {line}",
                f"has a cell longer than {limit} characters; the rest of the file is not read",
                show_value=False,
                line=line,
                hint="a quote without its closing quote makes the rest of the file one cell; "
                "check the quotes in this row",
            )
        else:  # pragma: no cover - the non-strict reader fails on little but the field limit
            problems.add((line, 0), f"line {line}", f"cannot be read as CSV: {exc}", line=line)
    if header is None:
        if unreadable:  # the header itself is too long to read
            problems.raise_if_any()
        problems.add(
            (0, 0),
            "file",
            "is empty; expected a header line naming the columns",
            show_value=False,
            hint=f"for example: {id_column},{','.join(rubric.indicator_ids[:3])},...",
        )
        problems.raise_if_any()
    assert header is not None
    names = [name.strip() for name in header]
    width = len(names)
    if width == 1 and names[0] != id_column and names[0] not in rubric.indicator_ids:
        foreign = _foreign_delimiter(names[0], [id_column, *rubric.indicator_ids])
        if foreign is not None:
            shown = {" ": "space", "|": "'|' (pipe)"}.get(foreign, repr(foreign))
            problems = _Problems(source_name)  # other header problems would only mislead
            problems.add(
                (header_line, 0),
                "header",
                f"is one column {names[0]!r}; the file seems to use {shown} as delimiter, "
                "which is not supported",
                show_value=False,
                line=header_line,
                hint="lomaturity reads UTF-8 files delimited by comma, semicolon or tab; "
                "save or export the file in one of these",
            )
            problems.raise_if_any()
    if not rows and not unreadable:
        problems.add(
            (0, 0), "file", "has a header but no respondent rows", show_value=False, line=None
        )

    # ----- header
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
                line=header_line,
                hint="every column name must be unique",
            )
        else:
            position[name] = pos
    misspelt, metadata_names = _classify_names(
        list(position), rubric.indicator_ids, rubric.key, id_column, organization_column
    )
    for name, (message, hint) in misspelt.items():
        problems.add(
            (header_line, position[name]),
            f"column {name!r}",
            message,
            show_value=False,
            line=header_line,
            hint=hint,
        )
    id_pos = position.get(id_column)
    if id_pos is None:
        problems.add(
            (header_line, -1),
            "header",
            f"has no {id_column!r} column; every respondent needs an id",
            show_value=False,
            line=header_line,
            hint=_missing_id_hint(id_column, position),
        )
    found = [j for j, iid in enumerate(rubric.indicator_ids) if iid in position]
    if not found:
        shown = ", ".join(rubric.indicator_ids[:4])
        more = ", ..." if len(rubric.indicator_ids) > 4 else ""
        problems.add(
            (header_line, -1),
            "header",
            f"has none of the {len(rubric.indicator_ids)} indicator columns of rubric {rubric.key}",
            show_value=False,
            line=header_line,
            hint=f"expected columns such as {shown}{more}",
        )

    # ----- rows
    good: list[list[str]] = []
    good_lines: list[int] = []
    for row, line in zip(rows, lines, strict=True):
        if len(row) == width:
            good.append(row)
            good_lines.append(line)
        else:
            problems.add(
                (line, -1),
                f"row {line}",
                f"has {len(row)} cells; the header has {width}",
                show_value=False,
                line=line,
                hint=f"check for a stray or missing {_delimiter_name(delimiter)} or quote",
            )
    n = len(good)
    for pos, name in enumerate(names):
        if not name and any(row[pos].strip() for row in good):
            problems.add(
                (header_line, pos),
                f"column {pos + 1}",
                "has no name in the header but holds values",
                show_value=False,
                line=header_line,
                hint="name the column or delete it",
            )

    def where(i: int, column: str) -> str:
        return f"row {good_lines[i]}, column {column!r}"

    ids: list[str] = []
    if id_pos is not None:
        ids = [row[id_pos].strip() for row in good]
        for i, rid in enumerate(ids):
            if not rid:
                problems.add(
                    (good_lines[i], id_pos),
                    where(i, id_column),
                    "is blank; every respondent needs an id",
                    show_value=False,
                    line=good_lines[i],
                )
        for later, first in _duplicates([rid or None for rid in ids]):
            problems.add(
                (good_lines[later], id_pos),
                where(later, id_column),
                f"duplicates the id in row {good_lines[first]}",
                ids[later],
                line=good_lines[later],
                hint="respondent ids must be unique",
            )

    org_pos = position.get(organization_column) if organization_column is not None else None
    organizations: list[str] = [NO_ORGANIZATION] * n
    if org_pos is not None:
        assert organization_column is not None
        organizations = [row[org_pos].strip() for row in good]
        for i, org in enumerate(organizations):
            if not org:
                problems.add(
                    (good_lines[i], org_pos),
                    where(i, organization_column),
                    "is blank; every respondent needs an organization",
                    show_value=False,
                    line=good_lines[i],
                    hint=f"fill it in, or drop the {organization_column!r} column to treat "
                    "all respondents as one organization",
                )

    metadata = {
        name: [row[position[name]].strip() or None for row in good] for name in metadata_names
    }

    k = len(rubric.indicators)
    values = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    order = sorted(found, key=lambda j: position[rubric.indicator_ids[j]])
    if order and n:
        # All indicator cells in one flat list, row by row (itemgetter and chain run in C).
        getter = itemgetter(*(position[rubric.indicator_ids[j]] for j in order))
        flat: list[str] = (
            list(chain.from_iterable(map(getter, good)))
            if len(order) > 1
            else list(map(getter, good))
        )
        cells = _TextCells(_na_tokens(na_token), decimal_comma=delimiter != ",")
        flat_values, flat_codes = cells.cells(flat)
        values[:, order] = flat_values.reshape(n, len(order))
        codes[:, order] = flat_codes.reshape(n, len(order))
    _check_cells(rubric, values, codes)

    def cell(i: int, j: int) -> _Cell:
        pos = position[rubric.indicator_ids[j]]
        line = good_lines[i]
        return (line, pos), where(i, rubric.indicator_ids[j]), good[i][pos], line

    def raw_value(i: int, j: int) -> object:
        return good[i][position[rubric.indicator_ids[j]]]

    _report_cells(problems, rubric, codes, order, cell, raw_value)
    problems.raise_if_any()
    return _build(rubric, values, codes, ids, organizations, metadata, source_name)


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab"}[delimiter]


# --------------------------------------------------------------------------- records


def _field_path(index: int, key: str) -> str:
    return f"records[{index}].{key}" if key.isidentifier() else f"records[{index}][{key!r}]"


def _text_field(value: object) -> tuple[str | None, str | None]:
    """A metadata/id value as stripped text (``None`` when blank), and what is wrong with it.

    The second item is ``None`` for a valid value, else a message such as "is a list, not text".
    """
    if value is None:
        return None, None
    if isinstance(value, str):
        return value.strip() or None, None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        try:
            return str(int(value)), None
        except ValueError:  # more digits than Python turns into text
            return None, "is an integer too long to use as text"
    return None, f"is {_a(_type_name(value))}, not text"


def _name_problem(name: str, thing: str = "column") -> tuple[str, str | None] | None:
    """(message, hint) when ``name`` cannot name a metadata ``thing``, else ``None``.

    Such a name would not survive a CSV round trip: the reader strips column names,
    ignores or rejects blank ones and rejects NUL characters.
    """
    if not name.strip():
        return f"is a {thing} with a blank name", f"name the {thing} or leave it out"
    if name != name.strip():
        return f"is a {thing} whose name has surrounding whitespace", f"name it {name.strip()!r}"
    if "\x00" in name:
        return f"is a {thing} whose name holds a NUL character", None
    return None


def responses_from_records(
    records: Iterable[Mapping[str, object]],
    rubric: Rubric,
    *,
    id_column: str = _DEFAULT_ID,
    organization_column: str | None = _DEFAULT_ORG,
) -> Responses:
    """Validate survey answers given as one mapping per respondent.

    Each record maps field names to values, with the same layout and rules as a CSV row
    (see the module documentation): the id field (text or integer) is required; the
    organization field is optional (when any record has one that is not ``None``, every
    record needs one; ``None`` or absent in every record means no organizations);
    indicator fields hold ``int``/``float`` answers, numeric strings, ``None`` or a float
    ``NaN`` (no answer) or :data:`NA` / ``"N/A"`` (not applicable); booleans are errors; a
    missing indicator field is no answer. Other fields are metadata (text, integers or
    ``None``; a record without the field gets ``None``); their names must not be blank or
    have surrounding whitespace. ``id_column`` and ``organization_column`` must not be
    indicator ids.

    Raises:
        ResponsesError: listing every problem, each with a path like ``records[3].vc_x``
            (0-based record index) and the value.
    """
    problems = _Problems(None)
    _check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    problems.raise_if_any()
    good: list[Mapping[str, object]] = []
    indices: list[int] = []
    first_seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            problems.add(
                (index, -1),
                f"records[{index}]",
                f"is {_a(_type_name(record))}, not a mapping",
                show_value=False,
            )
            continue
        bad_key = False
        for key in record:
            if not isinstance(key, str):
                problems.add(
                    (index, -1),
                    f"records[{index}]",
                    f"has a field name that is {_a(_type_name(key))}, not text",
                    key,
                )
                bad_key = True
            elif key not in first_seen:
                first_seen[key] = index
        if not bad_key:
            good.append(record)
            indices.append(index)
    if not good and not problems:
        problems.add((0, 0), "records", "is empty; there are no respondents", show_value=False)
    field_pos = {key: pos for pos, key in enumerate(first_seen)}
    misspelt, metadata_names = _classify_names(
        list(first_seen), rubric.indicator_ids, rubric.key, id_column, organization_column
    )
    for key, (message, hint) in misspelt.items():
        index = first_seen[key]
        problems.add(
            (index, field_pos[key]),
            _field_path(index, key),
            message.replace("column", "field"),
            show_value=False,
            hint=hint,
        )
    for key in metadata_names:
        bad_name = _name_problem(key, "field")
        if bad_name is not None:
            index = first_seen[key]
            problems.add(
                (index, field_pos[key]),
                _field_path(index, key),
                bad_name[0],
                show_value=False,
                hint=bad_name[1],
            )
    if id_column not in first_seen and good:
        problems.add(
            (-1, 0),
            "records",
            f"have no {id_column!r} field; every respondent needs an id",
            show_value=False,
            hint=_missing_id_hint(id_column, first_seen),
        )
    found = [j for j, iid in enumerate(rubric.indicator_ids) if iid in first_seen]
    if good and not found:
        problems.add(
            (-1, 0),
            "records",
            f"have none of the {len(rubric.indicator_ids)} indicator fields of rubric {rubric.key}",
            show_value=False,
            hint="expected fields such as " + ", ".join(rubric.indicator_ids[:4]),
        )

    def text_column(
        key: str, missing: str | None, blank: str | None = None, hint: str | None = None
    ) -> list[str | None]:
        """The texts of field ``key``; ``missing``/``blank`` explain why one is required."""
        out: list[str | None] = []
        pos = field_pos.get(key, -1)
        for record, index in zip(good, indices, strict=True):
            raw = record.get(key)
            text, error = _text_field(raw)
            if error is not None:
                problems.add((index, pos), _field_path(index, key), error, raw)
            elif text is None and missing is not None:
                is_blank = isinstance(raw, str)
                problems.add(
                    (index, pos),
                    _field_path(index, key),
                    f"is blank; {blank or missing}" if is_blank else f"is missing; {missing}",
                    raw,
                    show_value=is_blank,
                    hint=hint,
                )
            out.append(text)
        return out

    n = len(good)
    ids: list[str | None] = []
    if id_column in first_seen:
        ids = text_column(id_column, "every respondent needs an id")
        for later, first in _duplicates(ids):
            problems.add(
                (indices[later], field_pos[id_column]),
                _field_path(indices[later], id_column),
                f"duplicates the id of records[{indices[first]}]",
                ids[later],
                hint="respondent ids must be unique",
            )
    organizations: list[str | None] = [NO_ORGANIZATION] * n
    # A field that is None (or absent) in every record is no organization field at all.
    if organization_column is not None and any(
        record.get(organization_column) is not None for record in good
    ):
        organizations = text_column(
            organization_column,
            "every respondent needs an organization when any record has one",
            "every respondent needs an organization",
            hint=f"fill it in, or set {organization_column!r} to None (or leave it out) in "
            "every record to treat all respondents as one organization",
        )
    metadata = {name: text_column(name, None) for name in metadata_names}

    k = len(rubric.indicators)
    values = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    cells = _TextCells(_na_tokens(NA), decimal_comma=False)
    for j in found:
        iid = rubric.indicator_ids[j]
        for i, record in enumerate(good):
            raw = record.get(iid)
            if raw is None:
                continue
            if isinstance(raw, str):
                values[i, j], codes[i, j] = cells.parse(raw)
            elif isinstance(raw, numbers.Real) and not isinstance(raw, bool | np.bool_):
                try:
                    values[i, j] = float(raw)  # NaN = no answer; inf is flagged below
                except OverflowError:  # an integer (or fraction) too large for a float
                    codes[i, j] = _OUTSIDE
                except (TypeError, ValueError):  # a Real that refuses float()
                    codes[i, j] = _BAD_TYPE
            else:
                codes[i, j] = _BAD_TYPE
    _check_cells(rubric, values, codes)
    order = sorted(found, key=lambda j: field_pos[rubric.indicator_ids[j]])

    def cell(i: int, j: int) -> _Cell:
        iid = rubric.indicator_ids[j]
        return (indices[i], field_pos[iid]), _field_path(indices[i], iid), good[i].get(iid), None

    def raw_value(i: int, j: int) -> object:
        return good[i].get(rubric.indicator_ids[j])

    _report_cells(problems, rubric, codes, order, cell, raw_value)
    problems.raise_if_any()
    return _build(
        rubric,
        values,
        codes,
        [rid or "" for rid in ids],
        [org or "" for org in organizations],
        metadata,
        None,
    )


# --------------------------------------------------------------------------- arrays


def _default_ids(n: int) -> list[str]:
    width = max(4, len(str(n)))
    return [f"r{i + 1:0{width}d}" for i in range(n)]


def _check_labels(
    problems: _Problems, name: str, labels: object, n: int, *, unique: bool
) -> list[str] | None:
    """A per-respondent sequence of non-blank strings (``respondent_ids``, ``organizations``)."""
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence | np.ndarray):
        problems.add((-1, 0), name, f"is {_a(_type_name(labels))}, not a sequence of strings")
        return None
    items = list(labels)
    if len(items) != n:
        problems.add(
            (-1, 0), name, f"has {len(items)} entries for {n} rows of values", show_value=False
        )
        return None
    out: list[str] = []
    for i, label in enumerate(items):
        if not isinstance(label, str) or not label.strip():
            problems.add(
                (i, -1),
                f"{name}[{i}]",
                "is blank" if isinstance(label, str) else f"is {_a(_type_name(label))}, not text",
                label,
            )
            out.append("")
        else:
            out.append(label.strip())
    if unique:
        for later, first in _duplicates([label or None for label in out]):
            problems.add(
                (later, -1),
                f"{name}[{later}]",
                f"duplicates {name}[{first}]",
                out[later],
                hint="respondent ids must be unique",
            )
    return out


def responses_from_array(
    values: npt.ArrayLike,
    rubric: Rubric,
    *,
    respondent_ids: Sequence[str] | None = None,
    organizations: Sequence[str] | None = None,
    metadata: Mapping[str, Sequence[str | None]] | None = None,
    indicator_ids: Iterable[str] | None = None,
    not_applicable: npt.ArrayLike | None = None,
) -> Responses:
    """Validate an ``n x k`` array of answers.

    Args:
        values: answers, one row per respondent, one column per entry of ``indicator_ids``;
            ``NaN`` (or ``None``) means no answer. Every other value must be a whole point of
            the indicator's scale; text (``"3"``) and booleans are not numbers here.
        rubric: the rubric the columns belong to.
        respondent_ids: ``n`` unique non-blank ids; default ``r0001``, ``r0002``, ...
        organizations: ``n`` non-blank organization names; default
            :data:`~lomaturity.responses.NO_ORGANIZATION` for everyone.
        metadata: other per-respondent columns, name -> ``n`` values (text or ``None``).
            Names must be column names a CSV file can hold next to the answers: not blank,
            without surrounding whitespace, not ``respondent_id`` or ``organization`` and
            not an indicator id or close to one.
        indicator_ids: the indicator of each column (distinct rubric indicator ids, any
            order, any subset; any iterable, read once); default all rubric indicators in
            rubric order. Rubric indicators not listed get no answers.
        not_applicable: optional ``n x k`` boolean mask of "not applicable" answers; those
            cells must be ``NaN`` in ``values`` and their indicator must allow NA.

    Returns:
        The responses, columns reordered to rubric order.

    Raises:
        ResponsesError: listing every problem; cell paths look like ``values[3, 5] (vc_x)``.
    """
    problems = _Problems(None)
    matrix = _as_matrix(problems, values)
    columns = list(rubric.indicator_ids) if indicator_ids is None else None
    if indicator_ids is not None:
        columns = _check_indicator_ids(problems, indicator_ids, rubric)
    if matrix is None or columns is None:
        problems.raise_if_any()
        raise AssertionError("unreported bad input")  # pragma: no cover
    n, k_in = matrix.shape
    if k_in != len(columns):
        problems.add(
            (-1, 0),
            "values",
            f"has {k_in} columns but there are {len(columns)} indicator ids",
            show_value=False,
            hint="pass indicator_ids naming the indicator of each column",
        )
    if n == 0:
        problems.add((-1, 0), "values", "has no rows; there are no respondents", show_value=False)
    mask = np.zeros(matrix.shape, dtype=np.bool_)
    if not_applicable is not None:
        try:
            na_array = np.asarray(not_applicable)
        except (ValueError, TypeError, OverflowError) as exc:
            problems.add(
                (-1, 0), "not_applicable", f"cannot be read as an array: {exc}", show_value=False
            )
        else:
            mask = _check_mask(problems, na_array, matrix.shape, mask)
    ids = (
        _default_ids(n)
        if respondent_ids is None
        else _check_labels(problems, "respondent_ids", respondent_ids, n, unique=True)
    )
    orgs = (
        [NO_ORGANIZATION] * n
        if organizations is None
        else _check_labels(problems, "organizations", organizations, n, unique=False)
    )
    # As responses_to_csv_text does, count the organization column only when it is written.
    with_org = orgs is not None and any(org != NO_ORGANIZATION for org in orgs)
    meta = _check_metadata(problems, metadata, n, rubric, with_org=with_org)
    if problems:
        problems.raise_if_any()
    assert ids is not None
    assert orgs is not None

    index = {iid: j for j, iid in enumerate(rubric.indicator_ids)}
    targets = [index[iid] for iid in columns]
    k = len(rubric.indicators)
    full = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    full[:, targets] = matrix
    in_codes = np.where(mask, np.int8(_NA), np.int8(_OK)).astype(np.int8)
    in_codes[mask & ~np.isnan(matrix)] = _NA_WITH_VALUE
    codes[:, targets] = in_codes
    _check_cells(rubric, full, codes)
    source_column = {j: c for c, j in enumerate(targets)}

    def cell(i: int, j: int) -> _Cell:
        c = source_column[j]
        shown: object = float(matrix[i, c])
        if codes[i, j] == _NA_FORBIDDEN:
            shown = NA
        return (i, c), f"values[{i}, {c}] ({rubric.indicator_ids[j]})", shown, None

    def raw_value(i: int, j: int) -> object:
        return float(matrix[i, source_column[j]])

    _report_cells(problems, rubric, codes, targets, cell, raw_value)
    problems.raise_if_any()
    return _build(rubric, full, codes, ids, orgs, meta, None)


def _check_mask(
    problems: _Problems,
    na_array: npt.NDArray[np.generic],
    shape: tuple[int, ...],
    default: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """The ``not_applicable`` mask, or ``default`` after reporting why it is unusable."""
    if na_array.dtype.kind != "b":
        problems.add(
            (-1, 0), "not_applicable", f"has dtype {na_array.dtype}, not bool", show_value=False
        )
        return default
    if na_array.shape != shape:
        problems.add(
            (-1, 0),
            "not_applicable",
            f"has shape {na_array.shape}; values have shape {shape}",
            show_value=False,
        )
        return default
    return na_array.astype(np.bool_)


def _as_matrix(problems: _Problems, values: npt.ArrayLike) -> npt.NDArray[np.float64] | None:
    try:
        array = np.asarray(values)
    except (ValueError, TypeError, OverflowError) as exc:
        problems.add((-1, 0), "values", f"cannot be read as an array: {exc}", show_value=False)
        return None
    kind = array.dtype.kind
    if kind == "b":
        problems.add((-1, 0), "values", "is an array of booleans, not numbers", show_value=False)
        return None
    if kind == "O":
        return _object_matrix(problems, array)
    if kind not in "iuf":
        problems.add(
            (-1, 0),
            "values",
            f"is not an array of real numbers (dtype {array.dtype})",
            show_value=False,
            hint=_TEXT_HINT,
        )
        return None
    return _two_dimensional(problems, array)


def _two_dimensional(
    problems: _Problems, array: npt.NDArray[np.generic]
) -> npt.NDArray[np.float64] | None:
    if array.ndim != 2:
        problems.add(
            (-1, 0),
            "values",
            f"has {array.ndim} dimensions; expected respondents x indicators (2)",
            show_value=False,
        )
        return None
    return array.astype(np.float64)


def _object_matrix(
    problems: _Problems, array: npt.NDArray[np.object_]
) -> npt.NDArray[np.float64] | None:
    """An object array as floats: ``None`` is no answer; text and booleans are refused.

    A string dtype array is refused, so an object array holding strings is too, and an
    integer too large for a float is reported instead of crashing.
    """
    kinds = set(map(type, array.flat))
    refused = any(issubclass(t, str | bytes | bool | np.bool_) for t in kinds)
    if not refused:
        try:
            return _two_dimensional(problems, array.astype(np.float64))  # None becomes NaN
        except (OverflowError, ValueError, TypeError):
            pass  # find the culprit below

    def where(flat: int) -> str:
        index = np.unravel_index(flat, array.shape) if array.ndim else ()
        return f"values[{', '.join(str(int(i)) for i in index)}]"

    for flat, item in enumerate(array.flat):
        if item is None:
            continue
        reason = None
        if isinstance(item, str | bytes):
            reason = "text"
        elif isinstance(item, bool | np.bool_):
            reason = "a boolean"
        if reason is not None:
            problems.add(
                (-1, 0),
                "values",
                f"is not an array of real numbers: it holds {reason} "
                f"({_show_item(item)} at {where(flat)})",
                show_value=False,
                hint=_TEXT_HINT if reason == "text" else None,
            )
            return None
        try:
            float(item)
        except OverflowError:
            problems.add(
                (-1, 0),
                "values",
                f"holds a number too large for a 64-bit float ({_show_item(item)} at "
                f"{where(flat)}); it is on no answer scale",
                show_value=False,
                hint="answers are small whole numbers such as 1..5",
            )
            return None
        except (ValueError, TypeError) as exc:
            problems.add(
                (-1, 0),
                "values",
                f"is not an array of real numbers ({exc}; at {where(flat)})",
                show_value=False,
                hint=_TEXT_HINT,
            )
            return None
    # astype failed although every item converts on its own
    problems.add((-1, 0), "values", "is not an array of real numbers")  # pragma: no cover
    return None  # pragma: no cover


def _show_item(item: object) -> str:
    text = repr(_showable(item)) if not isinstance(item, int) else _number_text(item)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_indicator_ids(
    problems: _Problems, indicator_ids: object, rubric: Rubric
) -> list[str] | None:
    """The ``indicator_ids`` argument as a list (an iterator is read once), or ``None``."""
    if isinstance(indicator_ids, str | bytes):
        problems.add((-1, 0), "indicator_ids", "is a string, not a sequence of ids", indicator_ids)
        return None
    if isinstance(indicator_ids, set | frozenset) or not isinstance(indicator_ids, Iterable):
        problems.add(
            (-1, 0),
            "indicator_ids",
            f"is {_a(_type_name(indicator_ids))}, not a sequence of ids",
            show_value=False,
            hint="pass the ids in the order of the columns of values, e.g. as a list",
        )
        return None
    items: list[object] = list(indicator_ids)
    known = set(rubric.indicator_ids)
    seen: dict[str, int] = {}
    ok = True
    for c, iid in enumerate(items):
        if not isinstance(iid, str):
            problems.add(
                (-1, c), f"indicator_ids[{c}]", f"is {_a(_type_name(iid))}, not an indicator id"
            )
            ok = False
        elif iid not in known:
            problems.add(
                (-1, c),
                f"indicator_ids[{c}]",
                f"is not an indicator of rubric {rubric.key}",
                iid,
                hint=did_you_mean(iid, rubric.indicator_ids),
            )
            ok = False
        elif iid in seen:
            problems.add(
                (-1, c), f"indicator_ids[{c}]", f"duplicates indicator_ids[{seen[iid]}]", iid
            )
            ok = False
        else:
            seen[iid] = c
    return [str(iid) for iid in items] if ok else None


def _metadata_name_problems(
    names: Sequence[str],
    indicator_ids: Sequence[str],
    rubric_key: str | None,
    id_column: str,
    organization_column: str,
    *,
    with_org: bool,
) -> dict[str, tuple[str, str | None]]:
    """(message, hint) for every metadata name that a CSV file cannot hold.

    A CSV file is read back with ``id_column`` and ``organization_column``; the
    organization column is in the file only ``with_org``. The rules are the reader's: a
    metadata name must be a usable column name (:func:`_name_problem`), must not be the id
    column, the organization column (in the file, a duplicate; left out, it would be read
    as organizations) or an indicator id, and must not be close enough to an indicator id
    or a left-out organization column to be taken for a misspelling of it.
    """
    of_rubric = f" of rubric {rubric_key}" if rubric_key else ""
    misread = "; read_responses would take it for a misspelling of it"
    out: dict[str, tuple[str, str | None]] = {}
    for name in names:
        close_indicator = _close_name(name, indicator_ids)
        close_org = None if with_org else _close_name(name, [organization_column])
        bad_name = _name_problem(name)
        if bad_name is not None:
            out[name] = bad_name
        elif name in indicator_ids:
            out[name] = (f"is an indicator id{of_rubric}, not a metadata name", None)
        elif name == id_column:
            out[name] = (
                f"is the name of the respondent id column {id_column!r}",
                "rename the metadata column",
            )
        elif name == organization_column:
            out[name] = (
                f"is the name of the organization column {organization_column!r}",
                "rename the metadata column; organizations are given separately",
            )
        elif close_indicator is not None:
            out[name] = (
                f"is close to the indicator id {close_indicator!r}{misread}",
                "rename the metadata column",
            )
        elif close_org is not None:
            out[name] = (
                f"is close to the organization column name {close_org!r}{misread}",
                "rename the metadata column",
            )
    return out


def _check_metadata(
    problems: _Problems,
    metadata: Mapping[str, Sequence[str | None]] | None,
    n: int,
    rubric: Rubric,
    *,
    with_org: bool,
) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    if metadata is None:
        return out
    if not isinstance(metadata, Mapping):
        problems.add((-1, 0), "metadata", f"is {_a(_type_name(metadata))}, not a mapping")
        return out
    text_names = [name for name in metadata if isinstance(name, str)]
    bad_names = _metadata_name_problems(
        text_names,
        rubric.indicator_ids,
        rubric.key,
        _DEFAULT_ID,
        _DEFAULT_ORG,
        with_org=with_org,
    )
    for name, column in metadata.items():
        if not isinstance(name, str):
            problems.add(
                (-1, 0), f"metadata[{name!r}]", "has a name that is not text", show_value=False
            )
            continue
        if name in bad_names:
            message, hint = bad_names[name]
            problems.add((-1, 0), f"metadata[{name!r}]", message, show_value=False, hint=hint)
            continue
        if isinstance(column, str) or not isinstance(column, Sequence | np.ndarray):
            problems.add(
                (-1, 0), f"metadata[{name!r}]", f"is {_a(_type_name(column))}, not a sequence"
            )
            continue
        items = list(column)
        if len(items) != n:
            problems.add(
                (-1, 0),
                f"metadata[{name!r}]",
                f"has {len(items)} entries for {n} rows of values",
                show_value=False,
            )
            continue
        texts: list[str | None] = []
        for i, raw in enumerate(items):
            text, error = _text_field(raw)
            if error is not None:
                problems.add((i, -1), f"metadata[{name!r}][{i}]", error, raw)
            texts.append(text)
        out[name] = texts
    return out


# --------------------------------------------------------------------------- writing & example


def _label_problem(text: object, *, optional: bool) -> str | None:
    """Why a written id, organization or metadata value would not be read back equal."""
    if text is None and optional:
        return None
    if not isinstance(text, str):
        return f"is {_a(_type_name(text))}, not text"
    if not text.strip():
        return "is blank; the reader would take it for " + (
            "no value" if optional else "a missing value"
        )
    if text != text.strip():
        return "has surrounding whitespace, which the reader removes"
    if "\x00" in text:
        return "holds a NUL character, which the reader rejects"
    return None


def _check_writable(
    responses: Responses,
    id_column: str,
    organization_column: str,
    na_token: str,
    delimiter: str,
    *,
    with_org: bool,
) -> None:
    """Raise a :class:`ResponsesError` unless the CSV text would read back equal."""
    problems = _Problems(None)
    _check_arguments(
        problems, id_column, organization_column, responses.indicator_ids, responses.rubric_key
    )
    for argument, name in (("id_column", id_column), ("organization_column", organization_column)):
        if isinstance(name, str) and name.strip() and name != name.strip():
            problems.add(
                (0, 0), argument, "has surrounding whitespace, which the reader removes", name
            )
    if isinstance(id_column, str) and id_column.startswith("\ufeff"):
        problems.add((0, 0), "id_column", "starts with a byte-order mark", show_value=False)
    if organization_column is None:
        problems.add(
            (0, 0),
            "organization_column",
            "is not a non-blank string",
            hint="the column is left out anyway when nobody has an organization",
        )
    _check_na_token(problems, na_token)
    if delimiter not in _DELIMITERS:
        problems.add(
            (0, 0),
            "delimiter",
            "is not one of the delimiters read_responses reads",
            delimiter,
            hint="use ',', ';' or '\\t'",
        )
    problems.raise_if_any()

    names = list(responses.metadata)
    text_names = [name for name in names if isinstance(name, str)]
    bad_names = _metadata_name_problems(
        text_names,
        responses.indicator_ids,
        responses.rubric_key,
        id_column,
        organization_column,
        with_org=with_org,
    )
    for position, name in enumerate(names):
        if not isinstance(name, str):
            problems.add(
                (-1, position),
                f"metadata[{name!r}]",
                "has a name that is not text",
                show_value=False,
            )
        elif name in bad_names:
            message, hint = bad_names[name]
            problems.add(
                (-1, position), f"metadata[{name!r}]", message, hint=hint, show_value=False
            )
    n = responses.n_respondents
    columns: list[tuple[str, Sequence[object], bool]] = [
        ("respondent_ids", responses.respondent_ids, False)
    ]
    if with_org:
        columns.append(("organizations", responses.organizations, False))
    columns += [(f"metadata[{name!r}]", responses.metadata[name], True) for name in names]
    for c, (label, items, optional) in enumerate(columns):
        if len(items) != n:
            problems.add(
                (-1, c), label, f"has {len(items)} entries for {n} respondents", show_value=False
            )
            continue
        for i, item in enumerate(items):
            wrong = _label_problem(item, optional=optional)
            if wrong is not None:
                problems.add((i, c), f"{label}[{i}]", wrong, item)
    for later, first in _duplicates(list(responses.respondent_ids)):
        problems.add(
            (later, 0),
            f"respondent_ids[{later}]",
            f"duplicates respondent_ids[{first}]",
            responses.respondent_ids[later],
        )
    values = responses.values
    answered = ~np.isnan(values) & ~responses.not_applicable
    bad = answered & (~np.isfinite(values) | (values != np.floor(values)))
    for i, j in zip(*np.nonzero(bad), strict=True):
        problems.add(
            (int(i), len(columns) + int(j)),
            f"values[{i}, {j}] ({responses.indicator_ids[j]})",
            "is not a whole number, so it is no scale point",
            float(values[i, j]),
        )
    problems.raise_if_any()


def responses_to_csv_text(
    responses: Responses,
    *,
    id_column: str = _DEFAULT_ID,
    organization_column: str = _DEFAULT_ORG,
    na_token: str = NA,
    delimiter: str = ",",
) -> str:
    """The responses as wide CSV text that :func:`read_responses` reads back equal.

    Columns: id, organization (left out when every respondent is in
    :data:`~lomaturity.responses.NO_ORGANIZATION`), the metadata columns, then the
    indicators in ``responses.indicator_ids`` order. Answers are written as integers, no
    answer as a blank cell and "not applicable" as ``na_token``. Lines end in ``\\n``.
    Read the text back with the same ``id_column``, ``organization_column`` and
    ``na_token``.

    Raises:
        ResponsesError: when the text would not read back equal: a bad argument (a
            ``na_token`` that is a number, a delimiter other than ``,``, ``;`` and tab, an
            id or organization column named like an indicator), a metadata column named
            like the id column, the organization column (also when that column is left
            out: it would be read as organizations) or an indicator id, or close to one, a
            blank name or one with surrounding whitespace, or ids, organizations and
            metadata values that are blank, have surrounding whitespace or repeat (ids).
    """
    with_org = any(org != NO_ORGANIZATION for org in responses.organizations)
    _check_writable(
        responses, id_column, organization_column, na_token, delimiter, with_org=with_org
    )
    meta_names = list(responses.metadata)
    header = [id_column, *([organization_column] if with_org else []), *meta_names]
    header += list(responses.indicator_ids)
    header_line = _csv_line(header, delimiter)
    if _sniff_delimiter(header_line) != delimiter:
        # A name holding another delimiter outvotes the real one: quote every name, so
        # that the reader counts only the delimiters between them.
        header_line = _csv_line(header, delimiter, quote_all=True)
        if _sniff_delimiter(header_line) != delimiter:  # pragma: no cover
            raise AssertionError("a fully quoted header has only delimiters outside quotes")
    out = [header_line]
    values = responses.values
    na = responses.not_applicable
    for i in range(responses.n_respondents):
        row: list[str] = [responses.respondent_ids[i]]
        if with_org:
            row.append(responses.organizations[i])
        row += [responses.metadata[name][i] or "" for name in meta_names]
        for j in range(len(responses.indicator_ids)):
            v = values[i, j]
            row.append(na_token if na[i, j] else "" if math.isnan(v) else f"{v:.15g}")
        out.append(_csv_line(row, delimiter))
    return "".join(out)


def _csv_line(fields: Sequence[str], delimiter: str, *, quote_all: bool = False) -> str:
    """One CSV line ending in ``\\n``; fields holding the delimiter, a quote or any line
    break are quoted (the :mod:`csv` writer leaves a lone ``\\r`` unquoted when lines end
    in ``\\n``, which the reader then takes for a line break)."""
    special = (delimiter, '"', "\r", "\n")
    cells = [
        '"' + field.replace('"', '""') + '"'
        if quote_all or any(c in field for c in special)
        else field
        for field in fields
    ]
    return delimiter.join(cells) + "\n"


def example_responses() -> Responses:
    """The bundled synthetic example survey, validated against the default rubric.

    Four made-up organizations answering the ``learning-organization`` rubric; see
    ``docs/example-data.md``. Read from the installed package, so it also works from a
    zipped wheel.
    """
    resource = resources.files("lomaturity") / "data" / EXAMPLE_FILE
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        problem = Problem(
            "file",
            f"cannot be read: {exc.strerror or exc}",
            file=EXAMPLE_FILE,
            show_value=False,
            hint="the package installation is incomplete; reinstall lomaturity",
        )
        raise ResponsesError([problem], EXAMPLE_FILE) from None
    return _parse_csv_bytes(raw, load_rubric(DEFAULT_RUBRIC), EXAMPLE_FILE)
