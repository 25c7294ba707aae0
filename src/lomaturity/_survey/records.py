"""Validating survey answers given as one mapping per respondent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .._format import printable
from .._model.responses import NO_ORGANIZATION, Responses
from .._model.rubric import Rubric
from .._rubrics.fields import _a, _type_name
from .cells import (
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
    check_records,
    check_rubric,
    classify_names,
    duplicates,
    missing_id_hint,
    name_problem,
    same_id_note,
    text_field,
)
from .problems import Cell, Problems

_Record = Mapping[str, object]


def _field_path(index: int, key: str) -> str:
    plain = key.isidentifier() and printable(key) == key
    return f"records[{index}].{key}" if plain else f"records[{index}][{printable(repr(key))}]"


class _Records:
    """The usable records, their input indices, and each field name's first record."""

    def __init__(self, problems: Problems, records: Iterable[object]) -> None:
        self.problems = problems
        self.good: list[_Record] = []
        self.indices: list[int] = []
        self.first_seen: dict[str, int] = {}
        for index, record in enumerate(records):
            if self._usable(index, record):
                assert isinstance(record, Mapping)
                self.good.append(record)
                self.indices.append(index)
        self.position = {key: pos for pos, key in enumerate(self.first_seen)}

    def _usable(self, index: int, record: object) -> bool:
        if not isinstance(record, Mapping):
            self.problems.add(
                (index, -1),
                f"records[{index}]",
                f"is {_a(_type_name(record))}, not a mapping",
                show_value=False,
                code="wrong_type",
                location=("records", index),
            )
            return False
        usable = True
        for key in record:
            if not isinstance(key, str):
                self.problems.add(
                    (index, -1),
                    f"records[{index}]",
                    f"has a field name that is {_a(_type_name(key))}, not text",
                    key,
                    code="bad_field_name",
                    location=("records", index),
                )
                usable = False
            elif key not in self.first_seen:
                self.first_seen[key] = index
        return usable

    def add(
        self,
        row: int,
        key: str,
        message: str,
        value: object = None,
        *,
        code: str,
        hint: str | None = None,
        show_value: bool = True,
    ) -> None:
        """A problem with field ``key`` of the usable record ``row``."""
        index = self.indices[row]
        self.add_at(index, key, message, value, code=code, hint=hint, show_value=show_value)

    def add_at(
        self,
        index: int,
        key: str,
        message: str,
        value: object = None,
        *,
        code: str,
        hint: str | None = None,
        show_value: bool = True,
    ) -> None:
        """A problem with field ``key`` of input record ``index``."""
        self.problems.add(
            (index, self.position.get(key, -1)),
            _field_path(index, key),
            message,
            value,
            code=code,
            location=("records", index, key),
            hint=hint,
            show_value=show_value,
        )

    def records_problem(self, message: str, *, code: str, hint: str | None = None) -> None:
        """A problem with the records as a whole."""
        self.problems.add(
            (-1, 0),
            "records",
            message,
            code=code,
            location=("records",),
            hint=hint,
            show_value=False,
        )


def responses_from_records(
    records: Iterable[Mapping[str, object]],
    rubric: Rubric,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str | None = DEFAULT_ORG,
) -> Responses:
    """Validate survey answers given as one mapping per respondent.

    Each record maps field names to values, with the same layout and rules as a CSV row
    (see :mod:`lomaturity.responses` and docs/responses.md): the id field (text or integer)
    is required; the organization field is optional (when any record has one that is not
    ``None``, every record needs one; ``None`` or absent in every record means no
    organizations); indicator fields hold ``int``/``float`` answers, numeric strings,
    ``None`` or a float ``NaN`` (no answer) or :data:`NA` / ``"N/A"`` (not applicable);
    booleans are errors; a missing indicator field is no answer, and an indicator that no
    record has is listed in :attr:`Responses.absent_indicators`. Other fields are metadata
    (text, integers or ``None``; a record without the field gets ``None``); their names
    must not be blank or have surrounding whitespace. ``id_column`` and
    ``organization_column`` must not be indicator ids.

    Raises:
        TypeError: ``records`` is not an iterable of records (for a pandas or polars
            DataFrame use :func:`~lomaturity.responses_from_frame`) or ``rubric`` is not
            a :class:`~lomaturity.Rubric`.
        ResponsesError: listing every problem, each with a path like ``records[3].vc_x``
            (0-based record index) and the value.
    """
    check_rubric(rubric, "responses_from_records")
    check_records(records)
    problems = Problems(None)
    check_arguments(problems, id_column, organization_column, rubric.indicator_ids, rubric.key)
    problems.raise_if_any()
    table = _Records(problems, records)
    if not table.good and not problems:
        problems.argument(
            "records",
            "is empty; there are no respondents",
            code="no_respondents",
            show_value=False,
        )
    metadata_names = _check_field_names(table, rubric, id_column, organization_column)
    found = [j for j, iid in enumerate(rubric.indicator_ids) if iid in table.first_seen]
    ids = _ids(table, id_column)
    organizations = _organizations(table, organization_column)
    metadata = {name: _text_column(table, name, None) for name in metadata_names}
    values, codes = _cells(table.good, rubric, found)
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
    )


def _check_field_names(
    table: _Records, rubric: Rubric, id_column: str, organization_column: str | None
) -> list[str]:
    """Report misspelt, badly named and missing fields; the metadata field names."""
    first_seen = table.first_seen
    misspelt, metadata_names = classify_names(
        list(first_seen), rubric.indicator_ids, rubric.key, id_column, organization_column
    )
    for key, (message, hint) in misspelt.items():
        table.add_at(
            first_seen[key],
            key,
            message.replace("column", "field"),
            code="unknown_field",
            hint=hint,
            show_value=False,
        )
    for key in metadata_names:
        bad_name = name_problem(key, "field")
        if bad_name is not None:
            table.add_at(
                first_seen[key],
                key,
                bad_name[0],
                code="bad_field_name",
                hint=bad_name[1],
                show_value=False,
            )
    if id_column not in first_seen and table.good:
        table.records_problem(
            f"have no {id_column!r} field; every respondent needs an id",
            code="missing_field",
            hint=missing_id_hint(id_column, first_seen),
        )
    if table.good and not any(iid in first_seen for iid in rubric.indicator_ids):
        table.records_problem(
            f"have none of the {len(rubric.indicator_ids)} indicator fields of rubric {rubric.key}",
            code="no_indicators",
            hint="expected fields such as " + ", ".join(rubric.indicator_ids[:4]),
        )
    return metadata_names


def _text_column(
    table: _Records,
    key: str,
    missing: str | None,
    blank: str | None = None,
    hint: str | None = None,
    code: str = "blank_value",
) -> list[str | None]:
    """The texts of field ``key``; ``missing``/``blank`` explain why one is required."""
    out: list[str | None] = []
    for row, record in enumerate(table.good):
        raw = record.get(key)
        text, error = text_field(raw)
        if error is not None:
            table.add(row, key, error, raw, code="wrong_type")
        elif text is None and missing is not None:
            is_blank = isinstance(raw, str)
            message = f"is blank; {blank or missing}" if is_blank else f"is missing; {missing}"
            table.add(row, key, message, raw, code=code, hint=hint, show_value=is_blank)
        out.append(text)
    return out


def _ids(table: _Records, id_column: str) -> list[str | None]:
    if id_column not in table.first_seen:
        return []
    ids = _text_column(table, id_column, "every respondent needs an id", code="blank_id")
    for row, message in bad_ids(ids):
        table.add(row, id_column, message, ids[row], code="bad_id", hint=ID_HINT)
    for later, first in duplicates(ids):
        table.add(
            later,
            id_column,
            f"duplicates the id of records[{table.indices[first]}]"
            + same_id_note(ids, later, first),
            ids[later],
            code="duplicate_id",
            hint="respondent ids must be unique",
        )
    return ids


def _organizations(table: _Records, organization_column: str | None) -> list[str | None]:
    # A field that is None (or absent) in every record is no organization field at all.
    if organization_column is None or all(
        record.get(organization_column) is None for record in table.good
    ):
        return [NO_ORGANIZATION] * len(table.good)
    return _text_column(
        table,
        organization_column,
        "every respondent needs an organization when any record has one",
        "every respondent needs an organization",
        hint=f"fill it in, or set {organization_column!r} to None (or leave it out) in "
        "every record to treat all respondents as one organization",
        code="blank_organization",
    )


def _cells(
    good: Sequence[_Record], rubric: Rubric, found: Sequence[int]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    """Values and cell codes (n x k, rubric order) of the indicator fields."""
    n, k = len(good), len(rubric.indicators)
    values = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    cells = TextCells(na_tokens(NA), decimal_comma=False, dk_tokens=dont_know_tokens(rubric))
    for j in found:
        iid = rubric.indicator_ids[j]
        for i, record in enumerate(good):
            raw = record.get(iid)
            if raw is None:
                continue
            if isinstance(raw, str):
                values[i, j], codes[i, j] = cells.parse(raw)
            else:
                values[i, j], codes[i, j] = number_cell(raw)
    check_cells(rubric, values, codes)
    return values, codes


def _report(
    table: _Records, rubric: Rubric, codes: npt.NDArray[np.int8], found: Sequence[int]
) -> None:
    order = sorted(found, key=lambda j: table.position[rubric.indicator_ids[j]])

    def cell(i: int, j: int) -> Cell:
        iid, index = rubric.indicator_ids[j], table.indices[i]
        key = (index, table.position[iid])
        return key, _field_path(index, iid), ("records", index, iid), table.good[i].get(iid), None

    def raw_value(i: int, j: int) -> object:
        return table.good[i].get(rubric.indicator_ids[j])

    report_cells(table.problems, rubric, codes, order, cell, raw_value)
