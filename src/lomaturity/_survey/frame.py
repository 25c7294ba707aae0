"""Validating survey answers given as a pandas or polars DataFrame.

The frame is read column by column: each column becomes a numpy array and a mask of its
missing cells (``NaN``, ``None``, ``pd.NA``, ``NaT``), asked of the frame's own library, so
that neither pandas nor polars is imported here. Answer cells then go through the same
parsing and checks as the other readers (:mod:`.cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .._model.responses import NO_ORGANIZATION, Responses
from .._model.rubric import Rubric
from .._rubrics.fields import _a, _type_name
from .._types import type_name
from .cells import (
    IS_NA,
    NA,
    TextCells,
    check_cells,
    dont_know_tokens,
    na_tokens,
    number_cell,
    report_cells,
)
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
    name_problem,
    same_id_note,
    text_field,
)
from .problems import Cell, Problems

_EXPECTED: Final = "a pandas or polars DataFrame (one row per respondent)"

_Items = npt.NDArray[Any]
_Mask = npt.NDArray[np.bool_]


def _pandas_column(frame: Any, c: int) -> tuple[object, _Items, _Mask]:
    series = frame.iloc[:, c]
    missing = np.asarray(series.isna(), dtype=np.bool_)
    kind = series.dtype.kind
    if kind == "f":  # numpy and nullable (Float64) floats: missing values become NaN
        return series.name, series.to_numpy(dtype=np.float64, na_value=np.nan), missing
    if kind in "iu" and not missing.any():
        return series.name, series.to_numpy(), missing
    return series.name, series.to_numpy(dtype=object), missing


def _polars_column(series: Any) -> tuple[object, _Items, _Mask]:
    missing = np.asarray(series.is_null().to_numpy(), dtype=np.bool_)
    if series.dtype.is_float():
        values = np.asarray(series.to_numpy(), dtype=np.float64)  # nulls become NaN
        return series.name, values, missing | np.isnan(values)
    items = np.empty(len(series), dtype=object)
    items[:] = series.to_list()
    return series.name, items, missing


def _columns(frame: object) -> tuple[int, list[tuple[object, _Items, _Mask]]]:
    """The number of rows, and (name, items, missing mask) of every column in frame order."""
    library = type(frame).__module__.partition(".")[0]
    table: Any = frame
    if library == "pandas" and hasattr(table, "iloc") and hasattr(table, "columns"):
        return len(table), [_pandas_column(table, c) for c in range(len(table.columns))]
    if library == "polars" and hasattr(table, "get_columns"):
        return len(table), [_polars_column(series) for series in table.get_columns()]
    hint = (
        "; pass the records to responses_from_records"
        if isinstance(frame, list | tuple)
        else "; load a CSV file with lm.read_responses"
    )
    raise TypeError(f"responses_from_frame() expected {_EXPECTED}, got {type_name(frame)}{hint}")


class _Frame:
    """The usable columns by name, with their position in the frame."""

    def __init__(
        self, problems: Problems, n: int, columns: list[tuple[object, _Items, _Mask]]
    ) -> None:
        self.problems = problems
        self.n = n
        self.position: dict[str, int] = {}
        self.items: dict[str, _Items] = {}
        self.missing: dict[str, _Mask] = {}
        for c, (name, items, missing) in enumerate(columns):
            if not isinstance(name, str):
                self.column_problem(
                    c, str(name), f"has a name that is {_a(_type_name(name))}, not text"
                )
            elif name in self.position:
                self.column_problem(c, name, "is a duplicate column name", code="duplicate_column")
            else:
                self.position[name] = c
                self.items[name] = items
                self.missing[name] = missing

    def column_problem(
        self,
        c: int,
        name: str,
        message: str,
        *,
        code: str = "bad_column_name",
        hint: str | None = None,
    ) -> None:
        """A problem with the column at position ``c``."""
        self.problems.add(
            (-1, c),
            f"column {name!r}",
            message,
            code=code,
            location=("columns", name),
            hint=hint,
            show_value=False,
        )

    def frame_problem(self, message: str, *, code: str, hint: str | None = None) -> None:
        """A problem with the frame as a whole."""
        self.problems.add(
            (-1, -1), "frame", message, code=code, location=("frame",), hint=hint, show_value=False
        )

    def add(
        self,
        row: int,
        name: str,
        message: str,
        value: object,
        *,
        code: str,
        hint: str | None = None,
    ) -> None:
        """A problem with the cell in row ``row`` (0-based position) of column ``name``."""
        self.problems.add(
            (row, self.position[name]),
            f"row {row}, column {name!r}",
            message,
            value,
            code=code,
            location=("frame", row, name),
            hint=hint,
        )


def responses_from_frame(
    frame: object,
    rubric: Rubric,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
    na_token: str = NA,
) -> Responses:
    """Validate survey answers given as a pandas or polars DataFrame.

    One row per respondent, one column per indicator id, with the layout and rules of a
    responses CSV file (docs/responses.md): the id column is required; the organization
    column is optional (a column missing in every row means no organizations); other
    columns are metadata (text, integers or missing). In an indicator column a missing
    value (``NaN``, ``None``, ``pd.NA``, ``NaT``, a polars null) is no answer, the text
    ``na_token`` (or ``NA``, ``N/A``, any case) is "not applicable", and numbers (ints,
    floats, numpy scalars) or numeric text must be whole points of the indicator's scale.

    pandas' ``read_csv`` turns ``NA`` cells into missing values by default, so read
    responses files with ``pd.read_csv(path, keep_default_na=False, dtype=str)``. When an
    indicator that allows "not applicable" has missing cells but the frame holds not one
    "not applicable" answer, the result lists it in :attr:`Responses.na_maybe_lost` and
    :attr:`Responses.notices` holds an ``na_maybe_lost`` notice, which reports repeat.

    Raises:
        TypeError: ``frame`` is not a pandas or polars DataFrame, or ``rubric`` is not a
            :class:`~lomaturity.Rubric`.
        ResponsesError: listing every problem, each with a path like ``row 3, column
            'vc_x'`` (the 0-based row position) and the value.
    """
    check_rubric(rubric, "responses_from_frame")
    table = _Frame(Problems(None), *_columns(frame))
    problems = table.problems
    check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    check_na_token(problems, na_token)
    problems.raise_if_any()
    if table.n == 0:
        table.frame_problem("has no rows; there are no respondents", code="no_respondents")
    metadata_names = _check_names(table, rubric, id_column, organization_column)
    problems.raise_if_any()
    found = [j for j, iid in enumerate(rubric.indicator_ids) if iid in table.position]
    ids = _ids(table, id_column)
    organizations = _organizations(table, organization_column)
    metadata = {name: _texts(table, name, None) for name in metadata_names}
    values, codes = _cells(table, rubric, found, na_token)
    _report(table, rubric, codes, found)
    problems.raise_if_any()
    return build(
        rubric,
        values,
        codes,
        [rid or "" for rid in ids],
        [org or "" for org in organizations],
        metadata,
        None,
        present=found,
        na_maybe_lost=_na_maybe_lost(table, rubric, codes, found),
    )


def _check_names(
    table: _Frame, rubric: Rubric, id_column: str, organization_column: str | None
) -> list[str]:
    """Report misspelt, badly named and missing columns; the metadata column names."""
    names = list(table.position)
    misspelt, metadata_names = classify_names(
        names, rubric.indicator_ids, rubric.key, id_column, organization_column
    )
    for name, (message, hint) in misspelt.items():
        table.column_problem(table.position[name], name, message, code="unknown_column", hint=hint)
    for name in metadata_names:
        bad_name = name_problem(name)
        if bad_name is not None:
            table.column_problem(table.position[name], name, bad_name[0], hint=bad_name[1])
    if id_column not in table.position:
        table.frame_problem(
            f"has no {id_column!r} column; every respondent needs an id",
            code="missing_column",
            hint=missing_id_hint(id_column, names),
        )
    if not any(iid in table.position for iid in rubric.indicator_ids):
        table.frame_problem(
            f"has none of the {len(rubric.indicator_ids)} indicator columns of rubric {rubric.key}",
            code="no_indicators",
            hint="expected columns such as " + ", ".join(rubric.indicator_ids[:4]),
        )
    return metadata_names


def _texts(
    table: _Frame,
    name: str,
    missing: str | None,
    *,
    hint: str | None = None,
    code: str = "blank_value",
) -> list[str | None]:
    """The texts of column ``name``; ``missing`` explains why a value is required."""
    out: list[str | None] = []
    absent = table.missing[name]
    for row, raw in enumerate(table.items[name].tolist()):
        text, error = (None, None) if absent[row] else text_field(raw)
        if error is not None:
            table.add(row, name, error, raw, code="wrong_type")
        elif text is None and missing is not None:
            table.add(row, name, f"is blank; {missing}", raw, code=code, hint=hint)
        out.append(text)
    return out


def _ids(table: _Frame, id_column: str) -> list[str | None]:
    ids = _texts(table, id_column, "every respondent needs an id", code="blank_id")
    for row, message in bad_ids(ids):
        table.add(row, id_column, message, ids[row], code="bad_id", hint=ID_HINT)
    for later, first in duplicates(ids):
        table.add(
            later,
            id_column,
            f"duplicates the id of row {first}{same_id_note(ids, later, first)}",
            ids[later],
            code="duplicate_id",
            hint="respondent ids must be unique",
        )
    return ids


def _organizations(table: _Frame, organization_column: str | None) -> list[str | None]:
    # A column missing in every row is no organization column at all.
    if (
        organization_column is None
        or organization_column not in table.position
        or table.missing[organization_column].all()
    ):
        return [NO_ORGANIZATION] * table.n
    return _texts(
        table,
        organization_column,
        "every respondent needs an organization",
        hint=f"fill it in, or drop the {organization_column!r} column to treat all "
        "respondents as one organization",
        code="blank_organization",
    )


def _answers(
    cells: TextCells, items: _Items, missing: _Mask
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    """Values and cell codes of one indicator column."""
    n = len(items)
    codes = np.zeros(n, dtype=np.int8)
    if items.dtype.kind in "iuf":  # a numeric column: NaN is no answer
        return np.array(items, dtype=np.float64), codes
    values = np.full(n, np.nan, dtype=np.float64)
    present = ~missing
    is_text = np.fromiter((isinstance(v, str) for v in items), dtype=np.bool_, count=n) & present
    if is_text.any():
        values[is_text], codes[is_text] = cells.cells(items[is_text].tolist())
    for i in np.flatnonzero(present & ~is_text).tolist():
        values[i], codes[i] = number_cell(items[i])
    return values, codes


def _cells(
    table: _Frame, rubric: Rubric, found: Sequence[int], na_token: str
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    """Values and cell codes (n x k, rubric order) of the indicator columns."""
    n, k = table.n, len(rubric.indicators)
    values = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    cells = TextCells(na_tokens(na_token), False, dont_know_tokens(rubric))
    for j in found:
        iid = rubric.indicator_ids[j]
        values[:, j], codes[:, j] = _answers(cells, table.items[iid], table.missing[iid])
    check_cells(rubric, values, codes)
    return values, codes


def _na_maybe_lost(
    table: _Frame, rubric: Rubric, codes: npt.NDArray[np.int8], found: Sequence[int]
) -> list[str]:
    """Indicators allowing NA with missing cells, when the frame holds no NA at all."""
    if (codes == IS_NA).any():
        return []
    return [
        rubric.indicator_ids[j]
        for j in found
        if rubric.indicators[j].allow_na and table.missing[rubric.indicator_ids[j]].any()
    ]


def _report(
    table: _Frame, rubric: Rubric, codes: npt.NDArray[np.int8], found: Sequence[int]
) -> None:
    order = sorted(found, key=lambda j: table.position[rubric.indicator_ids[j]])

    def raw_value(i: int, j: int) -> object:
        item: object = table.items[rubric.indicator_ids[j]][i]
        return item.item() if isinstance(item, np.generic) else item

    def cell(i: int, j: int) -> Cell:
        iid = rubric.indicator_ids[j]
        key = (i, table.position[iid])
        return key, f"row {i}, column {iid!r}", ("frame", i, iid), raw_value(i, j), None

    report_cells(table.problems, rubric, codes, order, cell, raw_value)
