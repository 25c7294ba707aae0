"""The result of :func:`lomaturity.score_panel`: the ``scores`` table as numpy columns (one
row per organization x score), the panel-wide agreement figures and the panel's notices."""

from __future__ import annotations

import functools
import math
import typing
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from .._model.notice import Notice
from . import common
from .agreement import DimensionAgreement
from .common import Score, ScoringOptions
from .tables import SCORE_COLUMNS, Cell, Record, Tabular

Column = npt.NDArray[Any]
"""One column of the ``scores`` table: int64 (counts), float64 (figures; NaN for an empty
cell) or object (text, ``None`` for an empty cell)."""

Kind = Literal["text", "integer", "number", "boolean"]

MAX_IN_MEMORY_ORGANIZATIONS: Final = 20_000
"""The most organizations :func:`lomaturity.score_panel` returns in memory (about 700,000
rows at the bundled rubric's 33 scores per organization); larger panels need ``output=``."""


_NOT_SCORE_FIELDS: dict[str, Kind] = {"stage_support": "number"}
"""Columns whose values are not a :class:`Score` field of the same type (``stage_support``:
the support of the shown stage, where the field maps every stage to its support)."""


@functools.cache
def column_kind(name: str) -> Kind:
    """How a ``scores`` column is stored: by the type of the :class:`Score` field of the
    same name (``int`` -> integer, ``float`` -> number); other columns are text. A column
    added to the table later needs no entry here."""
    # Score's __module__ is its public path (lomaturity.results): resolve the annotations
    # in the module that defines it.
    if name in _NOT_SCORE_FIELDS:
        return _NOT_SCORE_FIELDS[name]
    hints = typing.get_type_hints(Score, globalns=vars(common))
    if name not in hints:
        return "text"
    types = set(typing.get_args(hints[name])) or {hints[name]}
    if types == {bool}:
        return "boolean"
    if int in types:
        return "integer"
    return "number" if float in types else "text"


def _column(values: list[Cell], kind: Kind) -> Column:
    if kind == "integer":
        return np.array(values, dtype=np.int64)
    if kind == "boolean":
        return np.array(values, dtype=np.bool_)
    if kind == "number":
        return np.array([math.nan if v is None else v for v in values], dtype=np.float64)
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def score_columns(records: list[Record]) -> dict[str, Column]:
    """The ``scores`` records as one array per column of :data:`SCORE_COLUMNS`."""
    return {c: _column([r[c] for r in records], column_kind(c)) for c in SCORE_COLUMNS}


def concatenate_columns(parts: list[dict[str, Column]]) -> dict[str, Column]:
    """Column arrays of several chunks, one after the other."""
    if not parts:
        return score_columns([])
    return {c: np.concatenate([p[c] for p in parts]) for c in SCORE_COLUMNS}


def _cells(column: Column, kind: Kind) -> list[Cell]:
    if kind == "integer":
        return [int(v) for v in column.tolist()]
    if kind == "boolean":
        return [bool(v) for v in column.tolist()]
    if kind == "number":
        return [None if v != v else float(v) for v in column.tolist()]
    return list(column.tolist())


def column_records(columns: dict[str, Column]) -> list[Record]:
    """The rows of column arrays: the records :func:`score_columns` was given."""
    cells = [_cells(columns[c], column_kind(c)) for c in SCORE_COLUMNS]
    return [dict(zip(SCORE_COLUMNS, row, strict=True)) for row in zip(*cells, strict=True)]


class _PanelTable(Tabular):
    """Rows of one more table of a panel (kept in memory, or written to :attr:`output`)."""

    records: tuple[Record, ...] | None
    output: str | None

    def to_records(self) -> list[Record]:
        """The rows, as the same call on the organizations' reports gives them."""
        if self.records is None:
            raise ValueError(
                f"the {self.TABLE} table was written to {self.output!r}; read that file"
            )
        return [dict(r) for r in self.records]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the file the rows were written to, if any (the rows themselves:
        :meth:`to_records`)."""
        return {"output": self.output}


@frozen(eq=False)
class PanelQuality(_PanelTable):
    """Response quality of a panel (:func:`lomaturity.score_panel`, unless ``screen="off"``):
    the ``organization`` rows of the ``quality`` table (docs/tables.md), one per
    organization, with its counts; no respondent rows, so that memory stays bounded.

    Attributes:
        records: the rows in memory, or ``None`` when written to :attr:`output` only.
        output: the CSV file they were written to (``quality_output=``), if any.
        n_flagged: respondents flagged over the whole panel.
        n_excluded: respondents left out of the scores (``screen="exclude"``).
    """

    TABLE = "quality"

    records: tuple[Record, ...] | None = field(repr=False)
    output: str | None
    n_flagged: int = 0
    n_excluded: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the counts and the file the rows were written to, if any."""
        return {"n_flagged": self.n_flagged, "n_excluded": self.n_excluded, **super().to_dict()}


@frozen(eq=False)
class PanelDesign(_PanelTable):
    """Survey designs of a panel (:func:`lomaturity.score_panel` with ``population=`` or
    ``cluster=``): the ``design`` table (docs/tables.md) of every organization with a
    design, as ``report.design.to_records()`` gives it.

    Attributes:
        records: the rows in memory, or ``None`` when written to :attr:`output` only.
        output: the CSV file they were written to (``design_output=``), if any.
    """

    TABLE = "design"

    records: tuple[Record, ...] | None = field(repr=False)
    output: str | None


@frozen(eq=False)
class PanelResult(Tabular):
    """The scores of a panel of organizations (:func:`lomaturity.score_panel`).

    Attributes:
        rubric_key: ``id@version`` of the rubric scored against.
        n_organizations: organizations scored.
        n_respondents: respondent rows read (of all organizations).
        n_rows: rows of the ``scores`` table (organizations x scores).
        columns: the ``scores`` table (docs/tables.md) as numpy arrays, one per column, when
            returned in memory; ``None`` when written to :attr:`output` only.
        output: the file the table was written to, if any.
        icc: dimension id -> ICC(1)/ICC(2) and the share of organizations with
            ``rwg(j) >= cutoff``, across the whole panel (empty with ``agreement=False``).
        notices: the panel's warnings: ICC notices, absent indicators, and, per notice code
            of the organizations' reports, how many organizations have it.
        options: the scoring settings used.
        quality: the response quality per organization (``None`` with ``screen="off"``).
        design: the survey design per organization (``None`` without ``population=`` or
            ``cluster=``).
    """

    TABLE = "scores"

    rubric_key: str
    n_organizations: int
    n_respondents: int
    n_rows: int
    columns: dict[str, Column] | None = field(repr=False)
    output: str | None
    icc: dict[str, DimensionAgreement]
    notices: tuple[Notice, ...]
    options: ScoringOptions = field(repr=False)
    quality: PanelQuality | None = field(default=None, repr=False)
    design: PanelDesign | None = field(default=None, repr=False)

    def to_records(self) -> list[Record]:
        """The ``scores`` table: the rows :meth:`lomaturity.ReportSet.to_records` gives for
        the same responses and seed."""
        if self.columns is None:
            raise ValueError(
                f"the scores of {self.n_organizations} organizations were written to "
                f"{self.output!r}, not kept in memory; read that file"
            )
        return column_records(self.columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary: counts, the output file, the ICC block, notices and options
        (the scores themselves: :meth:`to_records` or the output file)."""
        return {
            "rubric": self.rubric_key,
            "n_organizations": self.n_organizations,
            "n_respondents": self.n_respondents,
            "n_rows": self.n_rows,
            "output": self.output,
            "icc": {k: v.to_dict() for k, v in self.icc.items()},
            "notices": [n.to_dict() for n in self.notices],
            "options": self.options.to_dict(),
            **({} if self.quality is None else {"quality": self.quality.to_dict()}),
            **({} if self.design is None else {"design": self.design.to_dict()}),
        }
