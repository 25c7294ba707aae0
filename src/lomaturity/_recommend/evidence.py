"""Evidence beyond the score report that some recommendation conditions need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from attrs import field, frozen

from .._frozen import FrozenDict
from .._hints import find_organization
from .._model.conditions import LowAgreement, PerceptionGapAtLeast
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import AgreementResult
from .._results.report import Report
from .._stats.agreement import agreement
from .._stats.groups import perception_gap
from .._stats.options import MIN_REPORTING_SIZE, count_error, make_options
from .._stats.prepared import check_compatible, check_types
from ..exceptions import ScoringError


class ScoreGapLike(Protocol):
    """One group difference (``first - second``), as ``lomaturity``'s perception-gap
    results provide it."""

    @property
    def difference(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def first(self) -> float | None: ...
    @property
    def second(self) -> float | None: ...
    @property
    def n_first(self) -> int: ...
    @property
    def n_second(self) -> int: ...
    @property
    def reason(self) -> str | None: ...


class GroupComparisonLike(Protocol):
    """A comparison of two groups of one organization (an ``OrganizationGap``)."""

    @property
    def column(self) -> str: ...
    @property
    def groups(self) -> tuple[str, str]: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def dimensions(self) -> Mapping[str, ScoreGapLike]: ...
    @property
    def indicators(self) -> Mapping[str, ScoreGapLike]: ...


class RwgLike(Protocol):
    """One agreement index, as ``lomaturity``'s agreement results provide it (``Rwg``)."""

    @property
    def value(self) -> float | None: ...


class AgreementLike(Protocol):
    """Agreement of one organization (an ``OrganizationAgreement``): dimension id ->
    ``rwg(j)``."""

    @property
    def dimensions(self) -> Mapping[str, RwgLike]: ...


RwgEntry = float | RwgLike | Mapping[str, object] | None
"""One dimension's ``rwg(j)`` in a plain agreement mapping: a number, or anything with a
``value`` (and optionally a ``reason`` why it is undefined), as an object or a mapping."""


def _comparisons(
    value: Iterable[GroupComparisonLike | Mapping[str, GroupComparisonLike]],
) -> tuple[GroupComparisonLike | Mapping[str, GroupComparisonLike], ...]:
    return tuple(value)


def _strings(value: Mapping[str, str]) -> FrozenDict[str, str]:
    return FrozenDict(value)


@frozen(hash=False)
class Evidence:
    """Results beyond the score report that some conditions need, for one organization.

    Attributes:
        perception_gaps: group comparisons of the organization, e.g.
            ``lomaturity.perception_gap(rubric, responses)[organization]`` (one per role
            pair), or whole ``perception_gap(...)`` results (the report's organization is
            picked from them). ``perception_gap`` conditions read the comparison whose column is
            ``role`` and whose groups are the condition's roles (in either order); a
            comparison of another organization (its ``organization`` attribute) is
            skipped.
        agreement: agreement results: the organization's, e.g.
            ``lomaturity.agreement(rubric, responses)[organization]`` (anything with a
            ``dimensions`` mapping of objects with a ``value``), a whole
            ``lomaturity.agreement(...)`` result (the report's organization is looked up
            in it), or a plain mapping dimension id -> ``rwg(j)``.
        unavailable: evidence that could not be produced: key (``"agreement"`` or
            ``"role:manager/employee"``) -> reason, shown when a condition needs it.
        organization: the organization the evidence is about (set by
            :meth:`from_responses`); :func:`lomaturity.recommend` refuses evidence of
            another organization than the report's. ``None``: not stated.

    :func:`lomaturity.recommend` reads the report's attached ``report.perception_gap`` and
    ``report.agreement`` too (scoring attaches them: ``agreement=True``, the default, and
    ``details=True`` for the manager/employee gap), after the evidence given here. Build
    one from responses with :meth:`from_responses`.
    """

    perception_gaps: tuple[GroupComparisonLike | Mapping[str, GroupComparisonLike], ...] = field(
        default=(), converter=_comparisons
    )
    agreement: AgreementResult | AgreementLike | Mapping[str, RwgEntry] | None = None
    unavailable: Mapping[str, str] = field(factory=FrozenDict, converter=_strings)
    organization: str | None = None

    @classmethod
    def from_responses(
        cls,
        rubric: Rubric,
        responses: Responses,
        organization: str | None = None,
        *,
        seed: int | None = None,
        n_resamples: int = 2000,
        confidence: float = 0.95,
        min_group_size: int = MIN_REPORTING_SIZE,
        interval: str = "auto",
    ) -> Evidence:
        """Compute the perception gaps the rubric's conditions ask for, and agreement.

        Both use only the rows of ``organization``: the gaps compare its role groups, and
        ``rwg(j)`` is a within-organization index. (The ICCs of
        :func:`lomaturity.agreement`, which compare organizations, are not needed here.)

        Args:
            rubric: the :class:`~lomaturity.Rubric` the responses were read for.
            responses: the :class:`~lomaturity.Responses`.
            organization: which organization; may be omitted when there is only one.
            seed, n_resamples, confidence, interval: for the bootstrap range of each gap,
                as in :func:`lomaturity.perception_gap` (``"auto"``: chosen by the smaller
                group's size).
            min_group_size: a role group smaller than this is suppressed (anonymity); an
                integer >= 1.

        Raises:
            TypeError: ``rubric`` or ``responses`` of the wrong type.
            UnknownOrganizationError: an unknown organization, or several organizations
                and none named.
            ScoringError: responses read for another rubric; a bad ``seed``,
                ``n_resamples``, ``confidence``, ``interval`` or ``min_group_size``.
        """
        return evidence_from_responses(
            rubric,
            responses,
            organization,
            seed=seed,
            n_resamples=n_resamples,
            confidence=confidence,
            min_group_size=min_group_size,
            interval=interval,
        )


RolePair = tuple[str, str]
"""Two values of the ``role`` column, compared first minus second."""

ATTACHED_PAIR: RolePair = ("manager", "employee")
"""The role pair whose gap scoring attaches (``details=True``) as ``report.perception_gap``."""


def role_pairs(rubric: Rubric, recommendation: str | None = None) -> tuple[RolePair, ...]:
    """The role pairs the rubric's ``perception_gap`` conditions compare (of one
    recommendation, if named), each once whatever its order, in rubric order."""
    pairs: list[RolePair] = []
    for rec in rubric.recommendations:
        if recommendation is not None and rec.id != recommendation:
            continue
        for leaf in rec.when.leaves():
            if isinstance(leaf, PerceptionGapAtLeast):
                pair = leaf.roles
                if pair not in pairs and (pair[1], pair[0]) not in pairs:
                    pairs.append(pair)
    return tuple(pairs)


def needs_agreement(rubric: Rubric, recommendation: str | None = None) -> bool:
    """Whether the rubric's conditions (of one recommendation, if named) read ``rwg(j)``."""
    return any(
        isinstance(leaf, LowAgreement)
        for rec in rubric.recommendations
        if recommendation is None or rec.id == recommendation
        for leaf in rec.when.leaves()
    )


def _same_pair(pair: RolePair, other: Sequence[str]) -> bool:
    return set(pair) == set(other)


def evidence_from_responses(
    rubric: Rubric,
    responses: Responses,
    organization: str | None = None,
    *,
    seed: int | None = None,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    min_group_size: int = MIN_REPORTING_SIZE,
    interval: str = "auto",
) -> Evidence:
    """See :meth:`Evidence.from_responses`."""
    check_types(rubric, responses)
    return _compute(
        rubric,
        responses,
        organization,
        role_pairs(rubric),
        needs_agreement(rubric),
        _Settings(seed, n_resamples, confidence, min_group_size, interval),
    )


def evidence_missing_from(
    rubric: Rubric,
    report: Report,
    responses: Responses,
    *,
    recommendation: str | None = None,
    seed: int | None = None,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    min_group_size: int = MIN_REPORTING_SIZE,
    interval: str = "auto",
) -> Evidence:
    """The evidence the rubric's conditions (of one recommendation, if named) need and
    ``report`` lacks: the perception gaps of role pairs other than the one attached as
    ``report.perception_gap``, and agreement when ``report.agreement`` is ``None``. What the
    report has is not computed again; :func:`lomaturity.recommend` reads it from the report."""
    attached = report.perception_gap
    pairs = tuple(
        pair
        for pair in role_pairs(rubric, recommendation)
        if attached is None or attached.column != "role" or not _same_pair(pair, attached.groups)
    )
    wanted = needs_agreement(rubric, recommendation) and report.agreement is None
    settings = _Settings(seed, n_resamples, confidence, min_group_size, interval)
    return _compute(rubric, responses, report.organization, pairs, wanted, settings)


@frozen
class _Settings:
    seed: int | None
    n_resamples: int
    confidence: float
    min_group_size: int
    interval: str = "auto"


def _role_gap(
    rubric: Rubric, mine: Responses, org: str, pair: RolePair, settings: _Settings
) -> GroupComparisonLike | str:
    """The gap of one role pair in one organization's rows, or why there is none."""
    first, second = pair
    if "role" not in mine.metadata:
        return "the responses have no 'role' column"
    present = set(mine.metadata["role"])
    absent = [r for r in pair if r not in present]
    if absent:
        return f"no respondent of organization {org!r} has role " + " or ".join(
            repr(r) for r in absent
        )
    try:
        result = perception_gap(
            rubric,
            mine,
            by="role",
            groups=(first, second),
            min_group_size=settings.min_group_size,
            confidence=settings.confidence,
            n_resamples=settings.n_resamples,
            seed=settings.seed,
            organization=org,
            interval=settings.interval,
        )
    except ScoringError as exc:
        return str(exc)
    return result[org]


def _compute(
    rubric: Rubric,
    responses: Responses,
    organization: str | None,
    pairs: Sequence[RolePair],
    with_agreement: bool,
    settings: _Settings,
) -> Evidence:
    check_types(rubric, responses)
    check_compatible(rubric, responses)  # a mismatch is an error, never "not evaluable"
    options = make_options(
        confidence=settings.confidence,
        n_resamples=settings.n_resamples,
        seed=settings.seed,
        interval=settings.interval,
        what="evidence",
        extra=[count_error("min_group_size", settings.min_group_size)],
    )
    settings = _Settings(
        options.seed,
        options.n_resamples,
        options.confidence,
        settings.min_group_size,
        options.interval,
    )
    org = find_organization(organization, responses.organization_ids, where="the responses")
    mine = responses.for_organization(org)
    gaps: list[GroupComparisonLike] = []
    unavailable: dict[str, str] = {}
    for pair in pairs:
        gap = _role_gap(rubric, mine, org, pair, settings)
        if isinstance(gap, str):
            unavailable[f"role:{pair[0]}/{pair[1]}"] = gap
        else:
            gaps.append(gap)
    agreement_result = None
    if with_agreement:
        try:
            agreement_result = agreement(rubric, mine)[org]
        except ScoringError as exc:
            unavailable["agreement"] = str(exc)
    return Evidence(
        perception_gaps=tuple(gaps),
        agreement=agreement_result,
        unavailable=unavailable,
        organization=org,
    )
