"""Writing responses as CSV text that :func:`read_responses` reads back equal."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._format import formula_quoted
from .._model.responses import NO_ORGANIZATION, Responses
from .._rubrics.fields import _a, _type_name
from .._types import type_name
from ..exceptions import Location
from .cells import (
    DK,
    NA,
)
from .checks import (
    DEFAULT_ID,
    DEFAULT_ORG,
    ID_HINT,
    bad_ids,
    check_arguments,
    check_na_token,
    duplicates,
    metadata_name_problems,
    same_id_note,
)
from .problems import (
    Problems,
)
from .text import (
    DELIMITERS,
    sniff_delimiter,
)


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
    problems = Problems(None)
    _check_write_arguments(problems, responses, id_column, organization_column, na_token, delimiter)
    problems.raise_if_any()
    _check_metadata_names(problems, responses, id_column, organization_column, with_org=with_org)
    columns = _check_labels(problems, responses, with_org=with_org)
    values = responses.values
    answered = ~np.isnan(values) & ~responses.not_applicable & ~responses.dont_know
    bad = answered & (~np.isfinite(values) | (values != np.floor(values)))
    for i, j in zip(*np.nonzero(bad), strict=True):
        problems.add(
            (int(i), columns + int(j)),
            f"values[{i}, {j}] ({responses.indicator_ids[j]})",
            "is not a whole number, so it is no scale point",
            float(values[i, j]),
            code="not_scale_point",
            location=("values", int(i), int(j)),
        )
    problems.raise_if_any()


def _check_write_arguments(
    problems: Problems,
    responses: Responses,
    id_column: str,
    organization_column: str,
    na_token: str,
    delimiter: str,
) -> None:
    check_arguments(
        problems, id_column, organization_column, responses.indicator_ids, responses.rubric_key
    )
    for argument, name in (("id_column", id_column), ("organization_column", organization_column)):
        if isinstance(name, str) and name.strip() and name != name.strip():
            problems.argument(
                argument, "has surrounding whitespace, which the reader removes", name
            )
    if isinstance(id_column, str) and id_column.startswith("\ufeff"):
        problems.argument("id_column", "starts with a byte-order mark", show_value=False)
    if organization_column is None:
        problems.argument(
            "organization_column",
            "is not a non-blank string",
            hint="the column is left out anyway when nobody has an organization",
        )
    check_na_token(problems, na_token)
    if delimiter not in DELIMITERS:
        problems.argument(
            "delimiter",
            "is not one of the delimiters read_responses reads",
            delimiter,
            hint="use ',', ';' or '\\t'",
        )


def _check_metadata_names(
    problems: Problems,
    responses: Responses,
    id_column: str,
    organization_column: str,
    *,
    with_org: bool,
) -> None:
    names = list(responses.metadata)
    bad_names = metadata_name_problems(
        [name for name in names if isinstance(name, str)],
        responses.indicator_ids,
        responses.rubric_key,
        id_column,
        organization_column,
        with_org=with_org,
    )
    for position, name in enumerate(names):
        if not isinstance(name, str):
            message, hint = "has a name that is not text", None
        elif name in bad_names:
            message, hint = bad_names[name]
        else:
            continue
        problems.add(
            (-1, position),
            f"metadata[{name!r}]",
            message,
            code="bad_column_name",
            location=("metadata", str(name)),
            hint=hint,
            show_value=False,
        )


def _check_labels(problems: Problems, responses: Responses, *, with_org: bool) -> int:
    """Check ids, organizations and metadata values; the number of such columns."""
    n = responses.n_respondents
    columns: list[tuple[str, Location, Sequence[object], bool]] = [
        ("respondent_ids", ("respondent_ids",), responses.respondent_ids, False)
    ]
    if with_org:
        columns.append(("organizations", ("organizations",), responses.organizations, False))
    columns += [
        (f"metadata[{name!r}]", ("metadata", name), column, True)
        for name, column in responses.metadata.items()
    ]
    for c, (label, location, items, optional) in enumerate(columns):
        if len(items) != n:
            message = f"has {len(items)} entries for {n} respondents"
            problems.add(
                (-1, c), label, message, code="wrong_length", location=location, show_value=False
            )
            continue
        for i, item in enumerate(items):
            wrong = _label_problem(item, optional=optional)
            if wrong is not None:
                code = "blank_value" if isinstance(item, str) and not item.strip() else "bad_label"
                problems.add(
                    (i, c), f"{label}[{i}]", wrong, item, code=code, location=(*location, i)
                )
    # Ids already reported above (not text, blank, NUL) are left out of these checks.
    ids: list[str | None] = [
        rid if _label_problem(rid, optional=False) is None else None
        for rid in responses.respondent_ids
    ]
    for row, message in bad_ids(ids):
        problems.add(
            (row, 0),
            f"respondent_ids[{row}]",
            message,
            ids[row],
            code="bad_id",
            location=("respondent_ids", row),
            hint=ID_HINT,
        )
    for later, first in duplicates(ids):
        problems.add(
            (later, 0),
            f"respondent_ids[{later}]",
            f"duplicates respondent_ids[{first}]{same_id_note(ids, later, first)}",
            responses.respondent_ids[later],
            code="duplicate_id",
            location=("respondent_ids", later),
        )
    return len(columns)


def responses_to_csv_text(
    responses: Responses,
    *,
    id_column: str = DEFAULT_ID,
    organization_column: str = DEFAULT_ORG,
    na_token: str = NA,
    delimiter: str = ",",
) -> str:
    """The responses as wide CSV text that :func:`read_responses` reads back equal.

    Columns: id, organization (left out when every respondent is in
    :data:`~lomaturity.responses.NO_ORGANIZATION`), the metadata columns, then the
    indicators in ``responses.indicator_ids`` order. Answers are written as integers, no
    answer as a blank cell, "not applicable" as ``na_token`` and "don't know" as ``DK``.
    Lines end in ``\\n``.
    Text that a spreadsheet would run as a formula (an id, organization, metadata value or
    column name starting with ``=``, ``+``, ``-`` or ``@``, other than a number such as
    ``-3.2``) is written with a leading ``'``, which :func:`read_responses` removes (see
    docs/responses.md, "Spreadsheet safety").
    Read the text back with the same ``id_column``, ``organization_column`` and
    ``na_token``.

    Raises:
        TypeError: ``responses`` is not a :class:`~lomaturity.responses.Responses`.
        ResponsesError: when the text would not read back equal: a bad argument (a
            ``na_token`` that is a number, a delimiter other than ``,``, ``;`` and tab, an
            id or organization column named like an indicator), a metadata column named
            like the id column, the organization column (also when that column is left
            out: it would be read as organizations) or an indicator id, or close to one, a
            blank name or one with surrounding whitespace, or ids, organizations and
            metadata values that are blank, have surrounding whitespace or repeat (ids).
    """
    if not isinstance(responses, Responses):
        raise TypeError(
            "responses_to_csv_text() expected lomaturity.responses.Responses, "
            f"got {type_name(responses)}"
        )
    with_org = any(org != NO_ORGANIZATION for org in responses.organizations)
    _check_writable(
        responses, id_column, organization_column, na_token, delimiter, with_org=with_org
    )
    meta_names = list(responses.metadata)
    header = [id_column, *([organization_column] if with_org else []), *meta_names]
    header += list(responses.indicator_ids)
    header = [formula_quoted(name) for name in header]
    header_line = _csv_line(header, delimiter)
    if sniff_delimiter(header_line) != delimiter:
        # A name holding another delimiter outvotes the real one: quote every name, so
        # that the reader counts only the delimiters between them.
        header_line = _csv_line(header, delimiter, quote_all=True)
        if sniff_delimiter(header_line) != delimiter:  # pragma: no cover
            raise AssertionError("a fully quoted header has only delimiters outside quotes")
    labels: list[Sequence[str | None]] = [responses.respondent_ids]
    if with_org:
        labels.append(responses.organizations)
    labels += [responses.metadata[name] for name in meta_names]
    label_cells = [[_cell(formula_quoted(x or ""), delimiter) for x in c] for c in labels]
    answers = _answer_cells(responses, _cell(na_token, delimiter), delimiter)
    rows = zip(*label_cells, answers, strict=True) if answers else zip(*label_cells, strict=True)
    return "".join([header_line, *(delimiter.join(row) + "\n" for row in rows)])


def _answer_cells(responses: Responses, na_cell: str, delimiter: str) -> list[str]:
    """Each respondent's answer cells joined by ``delimiter`` (an empty list when there
    are no indicators): whole numbers as integers, no answer blank, not applicable
    ``na_cell``, don't know :data:`DK`. Each distinct value is formatted once."""
    values = responses.values
    n, k = values.shape
    if k == 0:
        return []
    na = responses.not_applicable
    answered = ~np.isnan(values) & ~na & ~responses.dont_know
    distinct, inverse = np.unique(values[answered], return_inverse=True)
    texts = np.full((n, k), "", dtype=object)
    texts[answered] = np.array([f"{v:.15g}" for v in distinct.tolist()], dtype=object)[inverse]
    texts[na] = na_cell
    texts[responses.dont_know] = DK
    return [delimiter.join(row) for row in texts.tolist()]


def _cell(field: str, delimiter: str) -> str:
    """``field`` as one CSV cell, quoted when it holds the delimiter, a quote or any line
    break (the :mod:`csv` writer leaves a lone ``\\r`` unquoted when lines end in ``\\n``,
    which the reader then takes for a line break)."""
    if delimiter in field or '"' in field or "\r" in field or "\n" in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def _csv_line(fields: Sequence[str], delimiter: str, *, quote_all: bool = False) -> str:
    """One CSV line ending in ``\\n``: every field a :func:`_cell`, or quoted (``quote_all``)."""
    cells = [
        '"' + field.replace('"', '""') + '"' if quote_all else _cell(field, delimiter)
        for field in fields
    ]
    return delimiter.join(cells) + "\n"
