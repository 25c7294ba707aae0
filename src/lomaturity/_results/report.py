"""Score reports: frozen, JSON-ready results of :func:`lomaturity.score`."""

from __future__ import annotations

from typing import Any, cast

from attrs import field, frozen

from .._model.notice import Notice
from .._model.rubric import Stage
from .agreement import OrganizationAgreement
from .common import IntervalInfo, OrganizationMapping, Score, ScoringOptions
from .groups import OrganizationGap, OrganizationGroups
from .reliability import ReliabilityResult


@frozen(hash=False)
class Report:
    """The maturity assessment of one organization.

    Attributes:
        rubric_key: ``id@version`` of the rubric scored against.
        organization: the organization's name.
        n_respondents: respondents of this organization.
        overall: the overall score.
        dimensions: dimension id -> score, in rubric order.
        indicators: indicator id -> score, in rubric order.
        stage: the stage of the overall score (``None`` when it is not scorable).
        interval: how the confidence ranges were made.
        notices: warnings a reader must see (small samples, unscorable parts, low agreement,
            low reliability, perception gaps, suppressed groups, ...).
        options: the settings used.
        extras: attached evidence: ``agreement``, ``reliability``, ``perception_gap``,
            ``groups`` (see the properties of the same names).
    """

    rubric_key: str
    organization: str
    n_respondents: int
    overall: Score
    dimensions: dict[str, Score]
    indicators: dict[str, Score]
    stage: Stage | None
    interval: IntervalInfo
    options: ScoringOptions
    notices: tuple[Notice, ...] = ()
    extras: dict[str, Any] = field(factory=dict)

    @property
    def agreement(self) -> OrganizationAgreement | None:
        """Within-organization agreement (rwg, rwg(j)), when scored with ``agreement=True``."""
        return cast("OrganizationAgreement | None", self.extras.get("agreement"))

    @property
    def reliability(self) -> ReliabilityResult | None:
        """Reliability of the dimensions (all respondents pooled), with ``details=True``."""
        return cast("ReliabilityResult | None", self.extras.get("reliability"))

    @property
    def perception_gap(self) -> OrganizationGap | None:
        """Managers minus employees, with ``details=True`` and a ``role`` column."""
        return cast("OrganizationGap | None", self.extras.get("perception_gap"))

    @property
    def groups(self) -> OrganizationGroups | None:
        """Scores by team, with ``details=True`` and a ``team`` column."""
        return cast("OrganizationGroups | None", self.extras.get("groups"))

    @property
    def self_assessment(self) -> bool:
        """``True`` for a single respondent (ranges from the indicator bootstrap)."""
        return self.n_respondents == 1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping of the whole report."""
        out: dict[str, Any] = {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "n_respondents": self.n_respondents,
            "self_assessment": self.self_assessment,
            "stage": None
            if self.stage is None
            else {"id": self.stage.id, "name": self.stage.name, "level": self.stage.level},
            "overall": self.overall.to_dict(),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "interval": self.interval.to_dict(),
            "options": self.options.to_dict(),
            "notices": [n.to_dict() for n in self.notices],
        }
        for key, value in self.extras.items():
            out[key] = value.to_dict() if hasattr(value, "to_dict") else value
        return out


@frozen(hash=False)
class ReportSet(OrganizationMapping[Report]):
    """Reports of several organizations, by organization name, in order of appearance."""

    reports: dict[str, Report]

    def _entries(self) -> dict[str, Report]:
        return self.reports

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``{"organizations": {name: report.to_dict()}}``."""
        return {"organizations": {k: v.to_dict() for k, v in self.reports.items()}}
