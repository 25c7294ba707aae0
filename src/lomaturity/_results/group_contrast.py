"""Contrasts between groups of organizations (sector, region, size class): the records of
:func:`lomaturity.compare_groups`. No computation here (``_stats/group_contrast.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import FrozenDict, frozen_dict
from .._model.notice import Notice
from .common import ScoringOptions
from .contrast import Contrast
from .tables import Record, Tabular, contrast_records

ContrastKind = Literal["pairwise", "vs_rest"]
"""Which contrasts a comparison holds: every pair of groups, or each group against all
other organizations pooled."""

REST = "(all others)"
"""The ``first`` side of a ``vs_rest`` contrast: every organization not in the group."""

BY_ORGANIZATION = "organization"
"""``by`` value that makes every organization its own group."""

MAPPING_COLUMN = "mapping"
"""``column`` of a comparison whose groups came from a mapping organization -> group."""

EFFECT_SIZE_KIND = "hedges_g_organizations"
"""Effect sizes of group contrasts: Hedges' g on organization scores (the difference over the
pooled within-group standard deviation of the organizations' scores, small-sample
corrected)."""

CLUSTER_METHOD = "organization-bootstrap-expanded"
"""Method of a contrast whose sides each hold two or more organizations: organizations
resampled within each group, expanded percentile range (docs/group-contrasts.md)."""

SINGLE_METHOD = "organization-bootstrap-expanded; respondent-bootstrap for a one-organization side"
"""Method of a contrast with a side of one organization: that side's respondents are
resampled instead (its range is about that organization, not about a population of them)."""


@frozen
class OrganizationGroup:
    """One group of organizations and its scores.

    Attributes:
        label: the group value (``"public"``, ``"north"``, an organization name, ...).
        organizations: its organizations, sorted by name.
        n_respondents: respondents with at least one answer, over its organizations.
        overall, dimensions, indicators: the group's scores on 0-100: the unweighted mean of
            its organizations' scores (each organization counts once, whatever its size);
            ``None`` where none of its organizations has the score.
    """

    label: str
    organizations: tuple[str, ...]
    n_respondents: int
    overall: float | None
    dimensions: Mapping[str, float | None] = field(factory=FrozenDict, converter=frozen_dict)
    indicators: Mapping[str, float | None] = field(factory=FrozenDict, converter=frozen_dict)

    @property
    def n_organizations(self) -> int:
        """Organizations in the group."""
        return len(self.organizations)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        return {
            "group": self.label,
            "organizations": list(self.organizations),
            "n_organizations": self.n_organizations,
            "n_respondents": self.n_respondents,
            "overall": rounded(self.overall),
            "dimensions": {k: rounded(v) for k, v in self.dimensions.items()},
            "indicators": {k: rounded(v) for k, v in self.indicators.items()},
        }


@frozen
class GroupContrast:
    """The contrast ``second - first`` between two groups of organizations, on every score.

    Attributes:
        first, second: group labels (``first`` is :data:`REST` in a ``vs_rest`` contrast).
        n_first, n_second: organizations on each side.
        overall, dimensions, indicators: one :class:`Contrast` per score (``n_first`` /
            ``n_second`` there count the organizations with that score).
        method: how its ranges were computed (:data:`CLUSTER_METHOD` or
            :data:`SINGLE_METHOD`).
        notices: warnings about this contrast (few organizations, one-organization groups).
    """

    first: str
    second: str
    n_first: int
    n_second: int
    overall: Contrast
    dimensions: Mapping[str, Contrast] = field(factory=FrozenDict, converter=frozen_dict)
    indicators: Mapping[str, Contrast] = field(factory=FrozenDict, converter=frozen_dict)
    method: str = CLUSTER_METHOD
    notices: tuple[Notice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        return {
            "first": self.first,
            "second": self.second,
            "n_first": self.n_first,
            "n_second": self.n_second,
            "method": self.method,
            "overall": self.overall.to_dict(),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "notices": [n.to_dict() for n in self.notices],
        }


@frozen(hash=False)
class GroupComparison(Tabular):
    """Contrasts between groups of organizations (:func:`lomaturity.compare_groups`).

    The organization is the sampling unit: a group's score is the unweighted mean of its
    organizations' scores, and ranges come from resampling organizations within each group
    (docs/group-contrasts.md). Ranges keep their nominal level each; p-values are adjusted
    (``adjustment``) within each score's family: all contrasts of that score in this result.

    Attributes:
        rubric_key: ``id@version`` of the rubric.
        column: the metadata column the groups came from, ``"organization"`` when every
            organization is its own group, or ``"mapping"`` for a mapping.
        contrasts_kind: ``"pairwise"`` or ``"vs_rest"``.
        groups: label -> :class:`OrganizationGroup`, labels sorted.
        contrasts: the :class:`GroupContrast` records, in group order.
        effect_size_kind: :data:`EFFECT_SIZE_KIND`.
        adjustment: ``"holm"`` or ``"none"``.
        options: confidence, resamples and the seed used.
        notices: warnings a reader must see (few organizations, one-respondent organizations).
    """

    TABLE: ClassVar[str] = "comparisons"

    rubric_key: str
    column: str
    contrasts_kind: ContrastKind
    groups: Mapping[str, OrganizationGroup] = field(converter=frozen_dict)
    contrasts: tuple[GroupContrast, ...]
    effect_size_kind: str
    adjustment: str
    options: ScoringOptions
    notices: tuple[Notice, ...] = ()

    def contrast(self, first: str, second: str) -> GroupContrast:
        """The contrast ``second - first``; :class:`KeyError` naming the pairs held."""
        for c in self.contrasts:
            if (c.first, c.second) == (first, second):
                return c
        held = ", ".join(f"({c.first!r}, {c.second!r})" for c in self.contrasts[:10])
        raise KeyError(f"no contrast ({first!r}, {second!r}); contrasts: {held}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rubric": self.rubric_key,
            "column": self.column,
            "contrasts_kind": self.contrasts_kind,
            "effect_size_kind": self.effect_size_kind,
            "adjustment": self.adjustment,
            "options": self.options.to_dict(),
            "groups": {k: g.to_dict() for k, g in self.groups.items()},
            "contrasts": [c.to_dict() for c in self.contrasts],
            "notices": [n.to_dict() for n in self.notices],
        }

    def to_records(self) -> list[Record]:
        """One ``comparisons`` row per contrast x score (docs/tables.md)."""
        out: list[Record] = []
        for c in self.contrasts:
            base = {
                "rubric": self.rubric_key,
                "column": self.column,
                "first": c.first,
                "second": c.second,
                "effect_size_kind": self.effect_size_kind,
                "adjustment": None if self.adjustment == "none" else self.adjustment,
                "method": c.method,
            }
            out += contrast_records(base, c.overall, c.dimensions, c.indicators)
        return out

    def __repr__(self) -> str:
        return (
            f"GroupComparison({self.rubric_key!r}, column={self.column!r}, "
            f"{len(self.groups)} groups, {len(self.contrasts)} {self.contrasts_kind} contrasts)"
        )
