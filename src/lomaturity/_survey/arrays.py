"""Validating an ``n x k`` array of survey answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from .._format import printable
from .._hints import did_you_mean
from .._model.responses import NO_ORGANIZATION, Responses
from .._model.rubric import Rubric
from .._rubrics.fields import _a, _type_name
from .cells import (
    DK,
    DK_FORBIDDEN,
    DK_WITH_VALUE,
    IS_DK,
    IS_NA,
    NA,
    NA_AND_DK,
    NA_FORBIDDEN,
    NA_WITH_VALUE,
    OK,
    check_cells,
    report_cells,
)
from .checks import (
    DEFAULT_ID,
    DEFAULT_ORG,
    ID_HINT,
    bad_ids,
    build,
    check_rubric,
    duplicates,
    metadata_name_problems,
    same_id_note,
    text_field,
)
from .problems import (
    Cell,
    Problems,
    number_text,
    showable,
)

_TEXT_HINT: Final = "use responses_from_records for answers given as text"


def _default_ids(n: int) -> list[str]:
    width = max(4, len(str(n)))
    return [f"r{i + 1:0{width}d}" for i in range(n)]


def _check_labels(
    problems: Problems, name: str, labels: object, n: int, *, unique: bool
) -> list[str] | None:
    """A per-respondent sequence of non-blank strings (``respondent_ids``, ``organizations``)."""
    if isinstance(labels, str | bytes) or not isinstance(labels, Sequence | np.ndarray):
        problems.argument(
            name, f"is {_a(_type_name(labels))}, not a sequence of strings", code="wrong_type"
        )
        return None
    items = list(labels)
    if len(items) != n:
        problems.argument(
            name,
            f"has {len(items)} entries for {n} rows of values",
            code="wrong_length",
            show_value=False,
        )
        return None
    out: list[str] = []
    for i, label in enumerate(items):
        if not isinstance(label, str) or not label.strip():
            blank = isinstance(label, str)
            problems.add(
                (i, -1),
                f"{name}[{i}]",
                "is blank" if blank else f"is {_a(_type_name(label))}, not text",
                label,
                code="blank_value" if blank else "wrong_type",
                location=(name, i),
            )
            out.append("")
        else:
            out.append(label.strip())
    if unique:
        present = [label or None for label in out]
        for row, message in bad_ids(present):
            problems.add(
                (row, -1),
                f"{name}[{row}]",
                message,
                out[row],
                code="bad_id",
                location=(name, row),
                hint=ID_HINT,
            )
        for later, first in duplicates(present):
            problems.add(
                (later, -1),
                f"{name}[{later}]",
                f"duplicates {name}[{first}]{same_id_note(present, later, first)}",
                out[later],
                code="duplicate_id",
                location=(name, later),
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
    dont_know: npt.ArrayLike | None = None,
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
        dont_know: optional ``n x k`` boolean mask of "don't know" answers; those cells
            must be ``NaN`` in ``values``, not marked ``not_applicable``, and their
            indicator's scale must accept "don't know" (``Scale.dont_know``).

    Returns:
        The responses, columns reordered to rubric order.

    Raises:
        TypeError: ``rubric`` is not a :class:`~lomaturity.Rubric`.
        ResponsesError: listing every problem; cell paths look like ``values[3, 5] (vc_x)``.
    """
    check_rubric(rubric, "responses_from_array")
    problems = Problems(None)
    matrix = _as_matrix(problems, values)
    columns = list(rubric.indicator_ids) if indicator_ids is None else None
    if indicator_ids is not None:
        columns = _check_indicator_ids(problems, indicator_ids, rubric)
    if matrix is None or columns is None:
        problems.raise_if_any()
        raise AssertionError("unreported bad input")  # pragma: no cover
    _check_shape(problems, matrix, columns)
    mask = _mask(problems, "not_applicable", not_applicable, matrix.shape)
    dk_mask = _mask(problems, "dont_know", dont_know, matrix.shape)
    n = matrix.shape[0]
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
    problems.raise_if_any()
    assert ids is not None
    assert orgs is not None
    index = {iid: j for j, iid in enumerate(rubric.indicator_ids)}
    targets = [index[iid] for iid in columns]
    full, codes = _cells(rubric, matrix, (mask, dk_mask), targets)
    _report(problems, rubric, matrix, codes, targets)
    problems.raise_if_any()
    return build(rubric, full, codes, ids, orgs, meta, None, present=targets)


def _check_shape(
    problems: Problems, matrix: npt.NDArray[np.float64], columns: Sequence[str]
) -> None:
    n, k_in = matrix.shape
    if k_in != len(columns):
        problems.argument(
            "values",
            f"has {k_in} columns but there are {len(columns)} indicator ids",
            code="wrong_shape",
            show_value=False,
            hint="pass indicator_ids naming the indicator of each column",
        )
    if n == 0:
        problems.argument(
            "values",
            "has no rows; there are no respondents",
            code="no_respondents",
            show_value=False,
        )


def _mask(
    problems: Problems, name: str, given: npt.ArrayLike | None, shape: tuple[int, ...]
) -> npt.NDArray[np.bool_]:
    """The ``name`` mask (``not_applicable``, ``dont_know``; all ``False`` when not given
    or unusable)."""
    mask = np.zeros(shape, dtype=np.bool_)
    if given is None:
        return mask
    try:
        array = np.asarray(given)
    except (ValueError, TypeError, OverflowError) as exc:
        problems.argument(
            name,
            f"cannot be read as an array: {exc}",
            code="bad_array",
            show_value=False,
        )
        return mask
    return _check_mask(problems, name, array, shape, mask)


def _cells(
    rubric: Rubric,
    matrix: npt.NDArray[np.float64],
    masks: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
    targets: Sequence[int],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    """Values and cell codes in rubric column order (``masks``: not applicable, don't know)."""
    n, k = matrix.shape[0], len(rubric.indicators)
    full = np.full((n, k), np.nan, dtype=np.float64)
    codes = np.zeros((n, k), dtype=np.int8)
    full[:, targets] = matrix
    na, dk = masks
    valued = ~np.isnan(matrix)
    in_codes = np.where(na, np.int8(IS_NA), np.int8(OK)).astype(np.int8)
    in_codes[dk] = IS_DK
    in_codes[na & valued] = NA_WITH_VALUE
    in_codes[dk & valued] = DK_WITH_VALUE
    in_codes[na & dk] = NA_AND_DK
    codes[:, targets] = in_codes
    check_cells(rubric, full, codes)
    return full, codes


def _report(
    problems: Problems,
    rubric: Rubric,
    matrix: npt.NDArray[np.float64],
    codes: npt.NDArray[np.int8],
    targets: Sequence[int],
) -> None:
    source_column = {j: c for c, j in enumerate(targets)}

    def cell(i: int, j: int) -> Cell:
        c = source_column[j]
        code = codes[i, j]
        shown: object = (
            NA if code == NA_FORBIDDEN else DK if code == DK_FORBIDDEN else float(matrix[i, c])
        )
        path = f"values[{i}, {c}] ({rubric.indicator_ids[j]})"
        return (i, c), path, ("values", i, c), shown, None

    def raw_value(i: int, j: int) -> object:
        return float(matrix[i, source_column[j]])

    report_cells(problems, rubric, codes, targets, cell, raw_value)


def _check_mask(
    problems: Problems,
    name: str,
    na_array: npt.NDArray[np.generic],
    shape: tuple[int, ...],
    default: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """The ``name`` mask, or ``default`` after reporting why it is unusable."""
    if na_array.dtype.kind != "b":
        problems.argument(
            name,
            f"has dtype {na_array.dtype}, not bool",
            code="wrong_type",
            show_value=False,
        )
        return default
    if na_array.shape != shape:
        problems.argument(
            name,
            f"has shape {na_array.shape}; values have shape {shape}",
            code="wrong_shape",
            show_value=False,
        )
        return default
    return na_array.astype(np.bool_)


def _as_matrix(problems: Problems, values: npt.ArrayLike) -> npt.NDArray[np.float64] | None:
    try:
        array = np.asarray(values)
    except (ValueError, TypeError, OverflowError) as exc:
        problems.argument(
            "values", f"cannot be read as an array: {exc}", show_value=False, code="bad_array"
        )
        return None
    kind = array.dtype.kind
    if kind == "b":
        problems.argument(
            "values", "is an array of booleans, not numbers", show_value=False, code="bad_array"
        )
        return None
    if kind == "O":
        return _object_matrix(problems, array)
    if kind not in "iuf":
        problems.argument(
            "values",
            f"is not an array of real numbers (dtype {array.dtype})",
            code="bad_array",
            show_value=False,
            hint=_TEXT_HINT,
        )
        return None
    return _two_dimensional(problems, array)


def _two_dimensional(
    problems: Problems, array: npt.NDArray[np.generic]
) -> npt.NDArray[np.float64] | None:
    if array.ndim != 2:
        problems.argument(
            "values",
            f"has {array.ndim} dimensions; expected respondents x indicators (2)",
            code="wrong_shape",
            show_value=False,
        )
        return None
    return array.astype(np.float64)


def _object_matrix(
    problems: Problems, array: npt.NDArray[np.object_]
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
            problems.argument(
                "values",
                f"is not an array of real numbers: it holds {reason} "
                f"({_show_item(item)} at {where(flat)})",
                code="bad_array",
                show_value=False,
                hint=_TEXT_HINT if reason == "text" else None,
            )
            return None
        try:
            float(item)
        except OverflowError:
            problems.argument(
                "values",
                f"holds a number too large for a 64-bit float ({_show_item(item)} at "
                f"{where(flat)}); it is on no answer scale",
                code="bad_array",
                show_value=False,
                hint="answers are small whole numbers such as 1..5",
            )
            return None
        except (ValueError, TypeError) as exc:
            problems.argument(
                "values",
                f"is not an array of real numbers ({printable(str(exc))}; at {where(flat)})",
                code="bad_array",
                show_value=False,
                hint=_TEXT_HINT,
            )
            return None
    # astype failed although every item converts on its own
    problems.argument(
        "values", "is not an array of real numbers", code="bad_array"
    )  # pragma: no cover
    return None  # pragma: no cover


def _show_item(item: object) -> str:
    text = repr(showable(item)) if not isinstance(item, int) else number_text(item)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_indicator_ids(
    problems: Problems, indicator_ids: object, rubric: Rubric
) -> list[str] | None:
    """The ``indicator_ids`` argument as a list (an iterator is read once), or ``None``."""
    if isinstance(indicator_ids, str | bytes):
        message = "is a string, not a sequence of ids"
        problems.argument("indicator_ids", message, indicator_ids, code="wrong_type")
        return None
    if isinstance(indicator_ids, set | frozenset) or not isinstance(indicator_ids, Iterable):
        problems.argument(
            "indicator_ids",
            f"is {_a(_type_name(indicator_ids))}, not a sequence of ids",
            code="wrong_type",
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
                (-1, c),
                f"indicator_ids[{c}]",
                f"is {_a(_type_name(iid))}, not an indicator id",
                code="wrong_type",
                location=("indicator_ids", c),
            )
            ok = False
        elif iid not in known:
            problems.add(
                (-1, c),
                f"indicator_ids[{c}]",
                f"is not an indicator of rubric {rubric.key}",
                iid,
                code="unknown_indicator",
                location=("indicator_ids", c),
                hint=did_you_mean(iid, rubric.indicator_ids),
            )
            ok = False
        elif iid in seen:
            problems.add(
                (-1, c),
                f"indicator_ids[{c}]",
                f"duplicates indicator_ids[{seen[iid]}]",
                iid,
                code="duplicate_indicator",
                location=("indicator_ids", c),
            )
            ok = False
        else:
            seen[iid] = c
    return [str(iid) for iid in items] if ok else None


def _check_metadata(
    problems: Problems,
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
        problems.argument(
            "metadata", f"is {_a(_type_name(metadata))}, not a mapping", code="wrong_type"
        )
        return out
    text_names = [name for name in metadata if isinstance(name, str)]
    bad_names = metadata_name_problems(
        text_names,
        rubric.indicator_ids,
        rubric.key,
        DEFAULT_ID,
        DEFAULT_ORG,
        with_org=with_org,
    )
    for name, column in metadata.items():
        if not isinstance(name, str):
            problems.argument(
                f"metadata[{name!r}]",
                "has a name that is not text",
                code="bad_column_name",
                location=("metadata", str(name)),
                show_value=False,
            )
            continue
        if name in bad_names:
            message, hint = bad_names[name]
            problems.argument(
                f"metadata[{name!r}]",
                message,
                code="bad_column_name",
                location=("metadata", name),
                show_value=False,
                hint=hint,
            )
            continue
        texts = _metadata_column(problems, name, column, n)
        if texts is not None:
            out[name] = texts
    return out


def _metadata_column(
    problems: Problems, name: str, column: object, n: int
) -> list[str | None] | None:
    """The values of metadata column ``name`` as text, or ``None`` when it is unusable."""
    if isinstance(column, str) or not isinstance(column, Sequence | np.ndarray):
        problems.argument(
            f"metadata[{name!r}]",
            f"is {_a(_type_name(column))}, not a sequence",
            code="wrong_type",
            location=("metadata", name),
        )
        return None
    items = list(column)
    if len(items) != n:
        problems.argument(
            f"metadata[{name!r}]",
            f"has {len(items)} entries for {n} rows of values",
            code="wrong_length",
            location=("metadata", name),
            show_value=False,
        )
        return None
    texts: list[str | None] = []
    for i, raw in enumerate(items):
        text, error = text_field(raw)
        if error is not None:
            problems.add(
                (i, -1),
                f"metadata[{name!r}][{i}]",
                error,
                raw,
                code="wrong_type",
                location=("metadata", name, i),
            )
        texts.append(text)
    return texts
