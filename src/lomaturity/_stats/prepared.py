"""Responses prepared once per call: checked against the rubric, laid out, normalized, and
split into organizations.

Every statistics entry point starts with :func:`prepare`; results attached to one score
report (agreement, reliability, groups, the perception gap) share the same
:class:`Prepared`, so the compatibility check and the normalization run once per call.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from attrs import frozen

from .._hints import find_organization
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._types import RESPONSES, RUBRIC, expect, type_name
from ..exceptions import ScoringError
from .aggregate import Bool, Float, Layout, normalized

Rows = npt.NDArray[np.intp]


@frozen(eq=False)
class Prepared:
    """One rubric's view of one set of responses.

    Attributes:
        rubric: the rubric scored against.
        responses: the responses as given.
        layout: the rubric's structure as arrays.
        scores: ``(N, k)`` answers on 0-100 in rubric indicator order (reverse keying
            applied); NaN where not answered or "not applicable".
        not_applicable: ``(N, k)`` "not applicable" cells, rubric indicator order.
        dont_know: ``(N, k)`` "don't know" cells, rubric indicator order (NaN in ``scores``:
            scored as missing).
        rows: organization -> its row indices ordered by respondent id; organizations in
            order of first appearance.
    """

    rubric: Rubric
    responses: Responses
    layout: Layout
    scores: Float
    not_applicable: Bool
    dont_know: Bool
    rows: dict[str, Rows]

    @property
    def organizations(self) -> tuple[str, ...]:
        """Organization names, in order of first appearance."""
        return tuple(self.rows)

    def select(self, organization: str | None) -> tuple[str, ...]:
        """Every organization (``None``) or the one named, checked: an unknown name raises
        :class:`~lomaturity.exceptions.UnknownOrganizationError` with a did-you-mean."""
        check_organization(organization)
        if organization is None:
            return self.organizations
        return (find_organization(organization, self.organizations, where="the responses"),)


def check_types(rubric: object, responses: object) -> None:
    """:class:`TypeError` saying what is expected when ``rubric`` is not a :class:`Rubric`
    or ``responses`` is not a :class:`Responses`."""
    expect(rubric, Rubric, "rubric", RUBRIC)
    expect(responses, Responses, "responses", RESPONSES)


def check_organization(organization: object) -> None:
    """:class:`TypeError` unless ``organization`` is a name or ``None``."""
    if organization is not None and not isinstance(organization, str):
        raise TypeError(
            f"organization: expected an organization name (str) or None, "
            f"got {type_name(organization)}"
        )


def check_compatible(rubric: Rubric, responses: Responses) -> None:
    """Responses must have been read for this rubric: the same indicators (in any order) and,
    when the responses record it, the same ``id@version`` and content fingerprint."""
    if responses.rubric_key is not None and responses.rubric_key != rubric.key:
        raise ScoringError(
            f"the responses were read for rubric {responses.rubric_key}, not {rubric.key}; "
            "read them again with read_responses(path, rubric) for the rubric you score with"
        )
    if (
        responses.rubric_fingerprint is not None
        and responses.rubric_fingerprint != rubric.fingerprint
    ):
        raise ScoringError(
            f"the responses were read for another rubric that is also called {rubric.key} "
            f"(fingerprint {responses.rubric_fingerprint[:19]}, this rubric "
            f"{rubric.fingerprint[:19]}): its scales, keying or weights may differ; read "
            "the responses again with the rubric you score with"
        )
    if set(responses.indicator_ids) != set(rubric.indicator_ids):
        extra = sorted(set(responses.indicator_ids) - set(rubric.indicator_ids))
        absent = sorted(set(rubric.indicator_ids) - set(responses.indicator_ids))
        raise ScoringError(
            f"responses do not fit rubric {rubric.key}: "
            + (f"unknown indicators {extra}; " if extra else "")
            + (f"missing indicators {absent}" if absent else "")
            + "; read them with read_responses(path, rubric) for the same rubric"
        )
    if responses.n_respondents == 0:
        raise ScoringError("responses hold no respondents; nothing to score")


def organization_rows(responses: Responses) -> dict[str, Rows]:
    """Organization -> its row indices ordered by respondent id, organizations in order of
    first appearance. One sort for all organizations (cost independent of their number)."""
    names = responses.organization_ids
    code_of = {name: i for i, name in enumerate(names)}
    codes = np.fromiter((code_of[o] for o in responses.organizations), dtype=np.intp)
    ids = np.array(responses.respondent_ids, dtype=np.str_)
    order = np.lexsort((ids, codes))
    bounds = np.searchsorted(codes[order], np.arange(1, len(names)))
    return dict(zip(names, np.split(order, bounds), strict=True))


def _check_on_scale(layout: Layout, scores: Float) -> None:
    """Answers off the rubric's scale (possible only in responses built by hand: the readers
    check every cell) would give scores outside 0-100: refuse them, naming the first."""
    with np.errstate(invalid="ignore"):
        off = (scores < 0.0) | (scores > 100.0)
    if not off.any():
        return
    rows, columns = np.nonzero(off)
    indicator = layout.indicator_ids[int(columns[0])]
    raise ScoringError(
        f"{int(off.sum())} answer(s) lie outside the scale of their indicator, e.g. row "
        f"{int(rows[0])}, {indicator!r}; build responses with lm.responses_from_array / "
        "lm.responses_from_records, which check every answer against the rubric"
    )


def prepare(rubric: Rubric, responses: Responses) -> Prepared:
    """Check ``responses`` against ``rubric`` (:class:`TypeError` for wrong argument types,
    :class:`ScoringError` when they do not fit) and prepare them for the statistics."""
    check_types(rubric, responses)
    check_compatible(rubric, responses)
    layout = Layout.of(rubric)
    na, dk = responses.not_applicable, responses.dont_know
    if responses.indicator_ids != layout.indicator_ids:
        order = [responses.indicator_ids.index(i) for i in layout.indicator_ids]
        na, dk = na[:, order], dk[:, order]
    scores = normalized(layout, responses)
    _check_on_scale(layout, scores)
    return Prepared(
        rubric=rubric,
        responses=responses,
        layout=layout,
        scores=scores,
        not_applicable=na,
        dont_know=dk,
        rows=organization_rows(responses),
    )
