"""Group breakdown and perception-gap result records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from .._format import rounded
from .._frozen import FrozenDict, frozen_dict
from .._model.notice import Notice
from .common import IntervalInfo, OrganizationMapping, Score, ScoringOptions
from .quality import ResponseQuality
from .tables import Record, Tabular, gap_records, group_records

MISSING_GROUP = "(missing)"
"""Group value given to respondents whose group column is blank."""


GAP_METHOD = "stratified-respondent-bootstrap"
"""``IntervalInfo.method`` of perception-gap ranges."""


def group_key(organization: str, column: str, value: str) -> str:
    """The name a group is scored under: ``"<organization> / <column>=<value>"``.

    It seeds the group's bootstrap stream (see ``organization_rng`` in ``_stats/bootstrap.py``),
    so a group's figures equal :func:`lomaturity.score` of the group's respondents with
    their organization renamed to this key, and do not change when other groups or
    organizations are added or removed.
    """
    return f"{organization} / {column}={value}"


# --------------------------------------------------------------------------- results


@frozen(hash=False)
class GroupScore:
    """The scores of one group within one organization.

    Attributes:
        value: the group value (``MISSING_GROUP`` for respondents with a blank value).
        n_respondents: respondents in the group (always shown, also when suppressed).
        suppressed: ``True`` when the group's scores are withheld for anonymity.
        reason: why the group is suppressed, when it is.
        overall, dimensions, indicators: the group's scores, as in a :class:`Report`;
            ``None`` / empty when suppressed.
        stage: stage id of the overall score (``None`` when suppressed or not scorable).
        notices: the group's own warnings (e.g. ``few_respondents``).
    """

    value: str
    n_respondents: int
    suppressed: bool = False
    reason: str | None = None
    overall: Score | None = None
    dimensions: Mapping[str, Score] = field(factory=FrozenDict, converter=frozen_dict)
    indicators: Mapping[str, Score] = field(factory=FrozenDict, converter=frozen_dict)
    stage: str | None = None
    notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping; a suppressed group shows only its count and the reason."""
        out: dict[str, Any] = {
            "group": self.value,
            "n_respondents": self.n_respondents,
            "suppressed": self.suppressed,
        }
        if self.suppressed:
            out["reason"] = self.reason
            return out
        out["stage"] = self.stage
        out["overall"] = None if self.overall is None else self.overall.to_dict()
        out["dimensions"] = {k: v.to_dict() for k, v in self.dimensions.items()}
        out["indicators"] = {k: v.to_dict() for k, v in self.indicators.items()}
        out["notices"] = [n.to_dict() for n in self.notices]
        return out


@frozen(hash=False)
class OrganizationGroups:
    """The groups of one organization by one column (what a :class:`Report` carries).

    Attributes:
        organization: the organization.
        column: the metadata column the groups come from.
        min_group_size: groups with fewer respondents are suppressed.
        n_respondents: respondents of the organization.
        groups: group value -> :class:`GroupScore`, sorted by value, ``MISSING_GROUP`` last.
        interval: how the ranges were made.
        notices: suppression notices (``group_suppressed``).
    """

    organization: str
    column: str
    min_group_size: int
    n_respondents: int
    groups: Mapping[str, GroupScore] = field(converter=frozen_dict)
    interval: IntervalInfo
    notices: tuple[Notice, ...] = ()

    @property
    def shown(self) -> dict[str, GroupScore]:
        """The groups whose scores are shown."""
        return {k: g for k, g in self.groups.items() if not g.suppressed}

    @property
    def suppressed(self) -> dict[str, GroupScore]:
        """The suppressed groups (count and reason only)."""
        return {k: g for k, g in self.groups.items() if g.suppressed}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "organization": self.organization,
            "column": self.column,
            "min_group_size": self.min_group_size,
            "n_respondents": self.n_respondents,
            "interval": self.interval.to_dict(),
            "groups": {k: g.to_dict() for k, g in self.groups.items()},
            "notices": [n.to_dict() for n in self.notices],
        }


@frozen(hash=False)
class GroupBreakdown(OrganizationMapping[OrganizationGroups], Tabular):
    """Group scores of every organization: organization name -> :class:`OrganizationGroups`.

    ``quality``: the response quality of the organizations' respondents (screened before
    grouping, as :func:`lomaturity.score` screens; ``None`` with ``screen="off"`` and when
    attached to a report, which holds its own)."""

    TABLE = "groups"

    rubric_key: str
    column: str
    min_group_size: int
    options: ScoringOptions
    organizations: Mapping[str, OrganizationGroups] = field(converter=frozen_dict)
    quality: ResponseQuality | None = field(default=None, repr=False)

    def _entries(self) -> Mapping[str, OrganizationGroups]:
        return self.organizations

    def to_records(self) -> list[Record]:
        """The ``groups`` table (docs/tables.md): one row per organization, group and
        score; one row per suppressed group."""
        return group_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rubric": self.rubric_key,
            "column": self.column,
            "min_group_size": self.min_group_size,
            "options": self.options.to_dict(),
            "organizations": {k: v.to_dict() for k, v in self.organizations.items()},
            **({} if self.quality is None else {"quality": self.quality.to_dict()}),
        }


@frozen
class Gap:
    """The difference between two groups on one score (first minus second, 0-100 points).

    Attributes:
        id: ``"overall"``, a dimension id or an indicator id.
        difference, low, high: the difference and its bootstrap range; ``None`` when
            either group has no score here.
        first, second: the two groups' scores.
        n_first, n_second: respondents behind each group's score.
        excludes_zero: ``True`` when the range lies wholly above or below 0.
        reason: why there is no difference, when there is none.
    """

    id: str
    difference: float | None
    low: float | None
    high: float | None
    first: float | None
    second: float | None
    n_first: int
    n_second: int
    excludes_zero: bool = False
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "difference": rounded(self.difference),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "first": rounded(self.first),
            "second": rounded(self.second),
            "n_first": self.n_first,
            "n_second": self.n_second,
            "excludes_zero": self.excludes_zero,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen(hash=False)
class OrganizationGap:
    """The perception gap in one organization (what a :class:`Report` carries).

    Attributes:
        organization: the organization.
        column: the metadata column the groups come from (``role``).
        groups: ``(first, second)``; differences are ``first - second``.
        n_first, n_second: respondents in each group.
        min_group_size: the gap is suppressed when either group is smaller.
        suppressed, reason: whether (and why) the gap is withheld.
        overall, dimensions, indicators: :class:`Gap` per score; ``None`` / empty when
            suppressed.
        interval: how the ranges were made (``stratified-respondent-bootstrap``; ``kind`` the
            range kind used, chosen by the smaller group with ``interval="auto"``).
        notices: ``perception_gap`` for overall and dimension gaps whose range excludes 0,
            ``perception_gap_suppressed`` when suppressed, ``few_in_group`` below the group
            size where the range's kind held its level, ``not_reportable`` for a group below
            the minimum reporting size.
    """

    organization: str
    column: str
    groups: tuple[str, str]
    n_first: int
    n_second: int
    min_group_size: int
    interval: IntervalInfo
    suppressed: bool = False
    reason: str | None = None
    overall: Gap | None = None
    dimensions: Mapping[str, Gap] = field(factory=FrozenDict, converter=frozen_dict)
    indicators: Mapping[str, Gap] = field(factory=FrozenDict, converter=frozen_dict)
    notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping; a suppressed gap shows only the counts and the reason."""
        out: dict[str, Any] = {
            "organization": self.organization,
            "column": self.column,
            "first": self.groups[0],
            "second": self.groups[1],
            "n_first": self.n_first,
            "n_second": self.n_second,
            "min_group_size": self.min_group_size,
            "suppressed": self.suppressed,
            "interval": self.interval.to_dict(),
        }
        if self.suppressed:
            out["reason"] = self.reason
        else:
            out["overall"] = None if self.overall is None else self.overall.to_dict()
            out["dimensions"] = {k: v.to_dict() for k, v in self.dimensions.items()}
            out["indicators"] = {k: v.to_dict() for k, v in self.indicators.items()}
        out["notices"] = [n.to_dict() for n in self.notices]
        return out


@frozen(hash=False)
class PerceptionGap(OrganizationMapping[OrganizationGap], Tabular):
    """Perception gaps of every organization: organization -> :class:`OrganizationGap`.

    ``quality``: the response quality of the organizations' respondents, as in
    :class:`GroupBreakdown`."""

    TABLE = "gaps"

    rubric_key: str
    column: str
    groups: tuple[str, str]
    min_group_size: int
    options: ScoringOptions
    organizations: Mapping[str, OrganizationGap] = field(converter=frozen_dict)
    quality: ResponseQuality | None = field(default=None, repr=False)

    def _entries(self) -> Mapping[str, OrganizationGap]:
        return self.organizations

    def to_records(self) -> list[Record]:
        """The ``gaps`` table (docs/tables.md): one row per organization and score; one
        row per suppressed organization."""
        return gap_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rubric": self.rubric_key,
            "column": self.column,
            "first": self.groups[0],
            "second": self.groups[1],
            "min_group_size": self.min_group_size,
            "options": self.options.to_dict(),
            "organizations": {k: v.to_dict() for k, v in self.organizations.items()},
            **({} if self.quality is None else {"quality": self.quality.to_dict()}),
        }
