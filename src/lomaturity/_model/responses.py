"""Survey responses: respondents x indicators, with per-respondent metadata."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from attrs import Factory, field, frozen

from .._frozen import FrozenDict
from .._hints import find_organization, listing
from .._html import block, table
from .._repr import count, text
from ..exceptions import Problem, ResponsesError
from .notice import Notice

__all__ = ["NO_ORGANIZATION", "Responses"]

NO_ORGANIZATION = "(all)"
"""Organization name given to respondents when the data have no organization column."""


def _readonly_float(value: npt.ArrayLike) -> npt.NDArray[np.float64]:
    array = np.array(value, dtype=np.float64, copy=True)
    array.setflags(write=False)
    return array


def _readonly_bool(value: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    array = np.array(value, dtype=np.bool_, copy=True)
    array.setflags(write=False)
    return array


def _no_dont_know(r: Responses) -> npt.NDArray[np.bool_]:
    """The default ``dont_know`` mask: all ``False``, shaped like ``values``."""
    return np.zeros(r.values.shape, dtype=np.bool_)


def _str_tuple(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


def _meta(
    value: Mapping[str, Sequence[str | None]],
) -> FrozenDict[str, tuple[str | None, ...]]:
    return FrozenDict({key: tuple(column) for key, column in value.items()})


def na_maybe_lost_message(indicators: Sequence[str]) -> str:
    """Why missing answers to ``indicators`` may be lost "not applicable" answers."""
    return (
        f"indicators that allow 'not applicable' have missing answers ({listing(indicators)}), "
        "but the data frame holds no 'not applicable' answer at all: pandas.read_csv turns "
        "NA cells into missing values, which are scored as 'no answer'. Read the file with "
        "pd.read_csv(path, keep_default_na=False, dtype=str) (or keep_default_na=False, "
        "na_values=['']), or use lm.read_responses(path)"
    )


def _shape_problem(field_name: str, message: str) -> Problem:
    return Problem(field_name, message, code="inconsistent_shape", location=(field_name,))


def _shape_problems(r: Responses) -> list[Problem]:
    """Fields whose sizes do not fit ``values`` (``n_respondents x n_indicators``)."""
    if r.values.ndim != 2:
        return [_shape_problem("values", f"is {r.values.ndim}-d; rows x indicators (2-d) needed")]
    n, k = r.values.shape
    out = []
    if len(r.indicator_ids) != k:
        out.append(
            _shape_problem("indicator_ids", f"has {len(r.indicator_ids)} ids for {k} columns")
        )
    if r.not_applicable.shape != r.values.shape:
        out.append(
            _shape_problem("not_applicable", f"has shape {r.not_applicable.shape}, not {(n, k)}")
        )
    if r.dont_know.shape != r.values.shape:
        out.append(_shape_problem("dont_know", f"has shape {r.dont_know.shape}, not {(n, k)}"))
    elif (r.dont_know & r.not_applicable).any():
        out.append(
            Problem(
                "dont_know",
                "marks cells that are also marked not applicable; a cell is one or the other",
                code="na_and_dont_know",
                location=("dont_know",),
            )
        )
    elif (r.dont_know & ~np.isnan(r.values)).any():
        out.append(
            Problem(
                "dont_know",
                "marks cells that hold a value; a 'don't know' cell has no value (NaN)",
                code="dont_know_with_value",
                location=("dont_know",),
            )
        )
    for name, column in [
        ("respondent_ids", r.respondent_ids),
        ("organizations", r.organizations),
        *((f"metadata[{key!r}]", values) for key, values in r.metadata.items()),
    ]:
        if len(column) != n:
            out.append(_shape_problem(name, f"has {len(column)} entries for {n} rows"))
    return out


@frozen(eq=False)
class Responses:
    """Validated answers of respondents to a rubric's indicators.

    Build with :func:`lomaturity.read_responses`, :func:`lomaturity.responses_from_records`,
    :func:`lomaturity.responses_from_frame` or :func:`lomaturity.responses_from_array`; they
    check every value against the rubric.

    Attributes:
        indicator_ids: column order of ``values`` (the rubric's indicator order).
        values: ``(n_respondents, n_indicators)`` raw answers on each indicator's scale;
            ``NaN`` where there is no answer or the answer is "not applicable".
        not_applicable: same shape; ``True`` where the answer is "not applicable".
        dont_know: same shape; ``True`` where the answer is "don't know" (only on scales
            that accept it; ``values`` is ``NaN`` there). All ``False`` when not given. A
            cell is at most one of: an answer, "not applicable", "don't know", blank.
        respondent_ids: one unique id per row.
        organizations: organization of each row (``NO_ORGANIZATION`` when not given).
        metadata: other per-respondent columns (``team``, ``role``, ...): name -> values,
            ``None`` where blank.
        rubric_key: ``id@version`` of the rubric the answers were validated against.
        rubric_fingerprint: that rubric's :attr:`~lomaturity.Rubric.fingerprint`; scoring
            refuses a rubric with another fingerprint.
        source: the file the answers came from, if any.
        absent_indicators: rubric indicators the input had no column (field) for, in
            rubric order; their ``values`` are all ``NaN``. See :attr:`notices`.
        na_maybe_lost: indicators that allow "not applicable" and had missing cells
            (``NaN``, ``None``) in a data frame that held not one "not applicable" answer:
            pandas may have turned ``NA`` cells into missing values. See :attr:`notices`.
    """

    indicator_ids: tuple[str, ...] = field(converter=_str_tuple)
    values: npt.NDArray[np.float64] = field(converter=_readonly_float)
    not_applicable: npt.NDArray[np.bool_] = field(converter=_readonly_bool)
    respondent_ids: tuple[str, ...] = field(converter=_str_tuple)
    organizations: tuple[str, ...] = field(converter=_str_tuple)
    metadata: Mapping[str, tuple[str | None, ...]] = field(factory=FrozenDict, converter=_meta)
    rubric_key: str | None = None
    source: str | None = None
    rubric_fingerprint: str | None = None
    absent_indicators: tuple[str, ...] = field(default=(), converter=_str_tuple)
    na_maybe_lost: tuple[str, ...] = field(default=(), converter=_str_tuple)
    dont_know: npt.NDArray[np.bool_] = field(
        default=Factory(_no_dont_know, takes_self=True), converter=_readonly_bool
    )

    def __attrs_post_init__(self) -> None:
        if self.dont_know.shape != self.values.shape and not self.dont_know.any():
            # An all-False mask holds no answer: ``attrs.evolve(r, values=...)`` with a new
            # shape keeps the old (empty) mask, which then means "no don't know" here too.
            object.__setattr__(self, "dont_know", _no_dont_know(self))
        problems = _shape_problems(self)
        if problems:
            raise ResponsesError(problems)

    def _repr_html_(self) -> str:
        """The notebook display: respondents per organization (docs/notebooks.md)."""
        per = Counter(self.organizations)
        rows = [[name, str(n)] for name, n in per.items()]
        lines = [
            f"{self.n_respondents} respondents · {len(per)} organizations · "
            f"{len(self.indicator_ids)} indicators"
            + ("" if self.rubric_key is None else f" · rubric {self.rubric_key}"),
        ]
        if self.source is not None:
            lines.append(f"from {self.source}")
        if self.metadata:
            lines.append("other columns: " + ", ".join(self.metadata))
        grid = table(["Organization", "Respondents"], rows, right=(1,))
        notes = [f"{n.code}: {n.message}" for n in self.notices]
        return block("Responses", lines, [grid], notes)

    def __repr__(self) -> str:
        rubric = "" if self.rubric_key is None else f", rubric {text(self.rubric_key)}"
        return (
            f"Responses({count(self.n_respondents, 'respondent')}, "
            f"{count(len(set(self.organizations)), 'organization')}, "
            f"{count(len(self.indicator_ids), 'indicator')}{rubric})"
        )

    @property
    def notices(self) -> tuple[Notice, ...]:
        """Warnings about the answers: ``absent_indicators`` when the input lacked columns
        for some of the rubric's indicators (they count as unanswered by everyone);
        ``na_maybe_lost`` when a data frame may have lost its "not applicable" answers."""
        out = []
        absent = self.absent_indicators
        if absent:
            message = (
                f"{len(absent)} of the rubric's {len(self.indicator_ids)} indicators have no "
                f"column in the input, so nobody answered them: {listing(absent)}"
            )
            out.append(Notice("absent_indicators", message))
        if self.na_maybe_lost:
            out.append(Notice("na_maybe_lost", na_maybe_lost_message(self.na_maybe_lost)))
        return tuple(out)

    @property
    def n_respondents(self) -> int:
        """Number of respondents (rows)."""
        return int(self.values.shape[0])

    @property
    def n_dont_know(self) -> int:
        """Number of "don't know" answers (cells)."""
        return int(self.dont_know.sum())

    @property
    def answered(self) -> npt.NDArray[np.bool_]:
        """``True`` where a respondent gave an on-scale answer."""
        return ~np.isnan(self.values)

    @property
    def organization_ids(self) -> tuple[str, ...]:
        """Distinct organizations, in order of first appearance."""
        return tuple(dict.fromkeys(self.organizations))

    @property
    def teams(self) -> tuple[str | None, ...]:
        """The ``team`` column (``None`` everywhere when absent)."""
        return self.metadata.get("team", (None,) * self.n_respondents)

    @property
    def roles(self) -> tuple[str | None, ...]:
        """The ``role`` column (``None`` everywhere when absent)."""
        return self.metadata.get("role", (None,) * self.n_respondents)

    def select(self, rows: npt.ArrayLike) -> Responses:
        """A subset of respondents, by boolean mask or integer row indices."""
        index = np.arange(self.n_respondents)[np.asarray(rows)]
        return Responses(
            indicator_ids=self.indicator_ids,
            values=self.values[index],
            not_applicable=self.not_applicable[index],
            dont_know=self.dont_know[index],
            respondent_ids=[self.respondent_ids[i] for i in index],
            organizations=[self.organizations[i] for i in index],
            metadata={k: [col[i] for i in index] for k, col in self.metadata.items()},
            rubric_key=self.rubric_key,
            source=self.source,
            rubric_fingerprint=self.rubric_fingerprint,
            absent_indicators=self.absent_indicators,
            na_maybe_lost=self.na_maybe_lost,
        )

    def for_organization(self, organization: str) -> Responses:
        """The respondents of one organization.

        Raises:
            UnknownOrganizationError: the responses hold no such organization (the message
                has a "did you mean" hint and the organizations present).
        """
        find_organization(organization, self.organization_ids, where="the responses")
        return self.select(np.array([o == organization for o in self.organizations], dtype=bool))

    def equals(self, other: Responses) -> bool:
        """Whether two response sets hold the same data (NaN-aware)."""
        return (
            self.indicator_ids == other.indicator_ids
            and self.respondent_ids == other.respondent_ids
            and self.organizations == other.organizations
            and self.metadata == other.metadata
            and np.array_equal(self.values, other.values, equal_nan=True)
            and np.array_equal(self.not_applicable, other.not_applicable)
            and np.array_equal(self.dont_know, other.dont_know)
        )
