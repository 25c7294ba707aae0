"""Answer cells: parsing answer text, classifying each cell (valid, not applicable, don't
know or a problem code) column by column, and wording the problem of a bad cell."""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from .._model.rubric import Indicator, Rubric, Scale
from .._rubrics.fields import _a, _type_name
from ..exceptions import MAX_PROBLEMS
from .problems import Cell, Problems, number_text

NA: Final = "NA"
"""The answer meaning "not applicable" in CSV files and records (``N/A`` is accepted too)."""


_EXTRA_NA: Final = frozenset({"n/a"})

DK: Final = "DK"
"""The answer meaning "don't know" in CSV files and records (any case), accepted on scales
with ``dont_know`` (as is the scale's ``dont_know_label``, see :func:`dont_know_tokens`)."""

_APOSTROPHES: Final = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc\u00b4\u0060", "'"))
_SPACES: Final = re.compile(r"\s+")

NUMBER: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
COMMA_NUMBER: Final = re.compile(r"[+-]?\d+,\d+", re.ASCII)

# Cell codes. OK, IS_NA and IS_DK are valid; every code above LAST_VALID is a problem.
OK: Final = 0
IS_NA: Final = 1
IS_DK: Final = 2
LAST_VALID: Final = IS_DK
NOT_NUMBER: Final = 3
BAD_TYPE: Final = 4
_NOT_FINITE: Final = 5
OUTSIDE: Final = 6
_NOT_POINT: Final = 7
NA_FORBIDDEN: Final = 8
NA_WITH_VALUE: Final = 9
DK_FORBIDDEN: Final = 10
DK_WITH_VALUE: Final = 11
NA_AND_DK: Final = 12
UNMAPPED: Final = 13
"""Text that ``answers=`` maps to nothing (reported once per distinct text, ``answers.py``)."""
AMBIGUOUS: Final = 14
"""Text that the rubric's labels map to two values of the column's scale (``answers.py``)."""

PROBLEM_CODES: Final = {
    NOT_NUMBER: "not_a_number",
    BAD_TYPE: "wrong_type",
    _NOT_FINITE: "not_finite",
    OUTSIDE: "not_on_scale",
    _NOT_POINT: "not_scale_point",
    NA_FORBIDDEN: "na_not_allowed",
    NA_WITH_VALUE: "na_with_value",
    DK_FORBIDDEN: "dont_know_not_allowed",
    DK_WITH_VALUE: "dont_know_with_value",
    NA_AND_DK: "na_and_dont_know",
    UNMAPPED: "unmapped_answer",
    AMBIGUOUS: "ambiguous_answer",
}
"""The :attr:`~lomaturity.exceptions.Problem.code` of each cell problem."""


def _as_float(value: float) -> float:
    """``float(value)``, saturating to an infinity for integers too large for a float."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def normalized_token(text: str) -> str:
    """``text`` as compared with the "don't know" tokens: NFKC-normalized, typographic
    apostrophes (U+2019 and kin) made ``'``, runs of whitespace made one space, stripped and
    case-folded, so that ``"DON\u2019T  know "`` matches ``"Don't know"``."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _SPACES.sub(" ", folded).strip().casefold()


def dont_know_labels(rubric: Rubric) -> tuple[str, ...]:
    """The "don't know" answer texts of ``rubric``'s scales that accept one: the
    ``dont_know_label`` of each such scale in the selected language and, for a rubric with
    text catalogs, in every other language it has, so that a file answered in any of them
    reads the same way ("Don't know", "En osaa sanoa").

    This is the one place that lists the labels.
    """
    selected = [s.dont_know_label for s in rubric.scales if s.dont_know and s.dont_know_label]
    others = [
        catalog.get(f"scales.{s.id}.dont_know_label")
        for catalog in rubric.texts.values()
        for s in rubric.scales
        if s.dont_know
    ]
    return tuple(dict.fromkeys(label for label in [*selected, *others] if label))


def dont_know_tokens(rubric: Rubric) -> frozenset[str]:
    """Normalized (:func:`normalized_token`) cell texts meaning "don't know": :data:`DK`
    and :func:`dont_know_labels`. Read on every column; :func:`check_cells` then refuses
    them where the indicator's scale has no "don't know" answer."""
    return frozenset({normalized_token(DK), *map(normalized_token, dont_know_labels(rubric))})


class TextCells:
    """Parses answer text into (value, code), caching each distinct string.

    Survey answers repeat a handful of strings (``"1"``..``"5"``, ``""``, ``"NA"``), so a
    column of any length is parsed with one dictionary lookup per cell.
    """

    def __init__(
        self,
        na_tokens: frozenset[str],
        decimal_comma: bool,
        dk_tokens: frozenset[str] = frozenset({DK.casefold()}),
    ) -> None:
        self.na_tokens = na_tokens
        self.dk_tokens = dk_tokens
        self.decimal_comma = decimal_comma
        self.index: dict[str, int] = {}
        self.values: list[float] = []
        self.codes: list[int] = []

    def parse(self, text: str) -> tuple[float, int]:
        """One answer's value (NaN unless a number) and code."""
        t = text.strip()
        if not t:
            return math.nan, OK
        if t.casefold() in self.na_tokens:
            return math.nan, IS_NA
        if NUMBER.fullmatch(t) is None and normalized_token(t) in self.dk_tokens:
            return math.nan, IS_DK
        if NUMBER.fullmatch(t) or (self.decimal_comma and COMMA_NUMBER.fullmatch(t)):
            number = float(t.replace(",", "."))
            # A numeral too large for a float ('9' * 400, '1e400') is a finite number
            # off every scale, not an infinity.
            return (number, OK) if math.isfinite(number) else (math.nan, OUTSIDE)
        try:
            number = float(t)  # 'nan', 'inf', 'Infinity', '1_0', non-ASCII digits
        except ValueError:
            return math.nan, NOT_NUMBER
        return math.nan, (NOT_NUMBER if math.isfinite(number) else _NOT_FINITE)

    def cells(self, cells: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
        """Values and codes of a flat sequence of answer texts."""
        positions = self.positions(cells)
        values = np.asarray(self.values, dtype=np.float64)[positions]
        codes = np.asarray(self.codes, dtype=np.int8)[positions]
        return values, codes

    def positions(self, cells: Sequence[str]) -> npt.NDArray[np.intp]:
        """The index of each cell's text among the distinct texts parsed so far
        (:meth:`texts`, ``values``, ``codes``), parsing each new distinct text once."""
        index = self.index
        for text in set(cells).difference(index):
            value, code = self.parse(text)
            index[text] = len(self.values)
            self.values.append(value)
            self.codes.append(code)
        return np.fromiter(map(index.__getitem__, cells), dtype=np.intp, count=len(cells))

    def texts(self) -> list[str]:
        """The distinct texts parsed so far, in the order of ``values`` and ``codes``."""
        return list(self.index)


def number_cell(raw: object) -> tuple[float, int]:
    """The value (NaN unless a number) and code of an answer given as an object, not text.

    Real numbers (``int``, ``float``, numpy scalars, :class:`~fractions.Fraction`) and
    :class:`~decimal.Decimal` values are read as floats, a NaN meaning no answer (infinities
    are flagged by :func:`check_cells`; a finite number too large for a float is off every
    scale); booleans and other objects are of the wrong type.
    """
    if isinstance(raw, Decimal):
        if raw.is_nan():
            return (math.nan, NOT_NUMBER) if raw.is_snan() else (math.nan, OK)
        number = float(raw)
        return (number, OK) if math.isfinite(number) or raw.is_infinite() else (math.nan, OUTSIDE)
    if isinstance(raw, numbers.Real) and not isinstance(raw, bool | np.bool_):
        try:
            return float(raw), OK
        except OverflowError:  # an integer (or fraction) too large for a float
            return math.nan, OUTSIDE
        except (TypeError, ValueError):  # a Real that refuses float()
            return math.nan, BAD_TYPE
    return math.nan, BAD_TYPE


def na_tokens(na_token: str) -> frozenset[str]:
    return frozenset({na_token.strip().casefold(), NA.casefold()} | _EXTRA_NA)


def _scales(rubric: Rubric) -> list[Scale]:
    return [rubric.scale(indicator.scale) for indicator in rubric.indicators]


def check_cells(
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
    allow_dk = np.array([s.dont_know for s in scales], dtype=np.bool_)
    ok = codes == OK
    finite = np.isfinite(values)
    codes[ok & np.isinf(values)] = _NOT_FINITE
    outside = ok & finite & ((values < low) | (values > high))
    codes[outside] = OUTSIDE
    codes[ok & finite & ~outside & (values != np.floor(values))] = _NOT_POINT
    codes[(codes == IS_NA) & ~allow_na] = NA_FORBIDDEN
    codes[(codes == IS_DK) & ~allow_dk] = DK_FORBIDDEN


def _cell_message(
    code: int, value: object, indicator: Indicator, scale: Scale
) -> tuple[str, str | None]:
    """The message and hint of a cell problem."""
    points = f"{number_text(scale.min)}..{number_text(scale.max)}"
    accepted = (
        f"answers to {indicator.id!r} are whole numbers {points}, blank for no answer"
        + (", NA for not applicable" if indicator.allow_na else "")
        + (f", {DK} for don't know" if scale.dont_know else "")
    )
    if code == NOT_NUMBER:
        return "is not a number", accepted
    if code == BAD_TYPE:
        return f"is {_a(_type_name(value))}, not a number", accepted
    if code == _NOT_FINITE:
        return "is not a finite number", accepted
    if code == OUTSIDE:
        return f"is outside the {points} scale", accepted
    if code == _NOT_POINT:
        return f"is not a point on the {points} scale", "answers must be whole numbers"
    if code == NA_FORBIDDEN:
        return (
            f"(not applicable) is not accepted by indicator {indicator.id!r}",
            "leave the cell blank for no answer",
        )
    if code == NA_WITH_VALUE:
        return "has a value but is marked not applicable", "set the value to NaN or unmark it"
    if code == DK_FORBIDDEN:
        return (
            f"(don't know) is not accepted by indicator {indicator.id!r}: its scale "
            f"{scale.id!r} has no 'don't know' answer",
            "leave the cell blank for no answer, or use a rubric whose scale declares "
            "dont_know: true",
        )
    if code == DK_WITH_VALUE:
        return "has a value but is marked don't know", "set the value to NaN or unmark it"
    if code == NA_AND_DK:
        return "is marked both not applicable and don't know", "mark at most one of them"
    raise AssertionError(code)


def report_cells(
    problems: Problems,
    rubric: Rubric,
    codes: npt.NDArray[np.int8],
    order: Sequence[int],
    cell: Callable[[int, int], Cell],
    raw_value: Callable[[int, int], object],
) -> None:
    """Record the first :data:`MAX_PROBLEMS` bad cells (row-major, source column order).

    ``order`` lists rubric column indices in the order the source holds them; ``cell(i, j)``
    says where cell (row ``i``, rubric column ``j``) is; ``raw_value`` gives its input value.
    """
    if not order:
        return
    columns = np.asarray(order, dtype=np.intp)
    chosen = codes[:, columns]
    # Unmapped and ambiguous answer texts are listed once per text (answers.py), not per cell.
    rows, cols = np.nonzero((chosen > LAST_VALID) & (chosen < UNMAPPED))
    scales = _scales(rubric)
    for i, c in zip(rows[:MAX_PROBLEMS].tolist(), cols[:MAX_PROBLEMS].tolist(), strict=True):
        j = order[c]
        key, path, location, shown, line = cell(i, j)
        code = int(codes[i, j])
        message, hint = _cell_message(code, raw_value(i, j), rubric.indicators[j], scales[j])
        problems.add(
            key,
            path,
            message,
            shown,
            code=PROBLEM_CODES[code],
            location=location,
            line=line,
            hint=hint,
        )
    problems.unlisted += max(len(rows) - MAX_PROBLEMS, 0)
