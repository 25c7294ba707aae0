"""Score reports: frozen, JSON-ready results of :func:`lomaturity.score`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, frozen

from .._frozen import FrozenDict, frozen_dict
from .._model.notice import Notice
from .._model.rubric import Rubric, Stage
from .._repr import count, ranged, text
from .agreement import DimensionAgreement, OrganizationAgreement
from .common import IntervalInfo, OrganizationMapping, Score, ScoringOptions
from .design import SurveyDesign
from .display import report_html, reports_html
from .groups import OrganizationGap, OrganizationGroups
from .quality import OrganizationQuality
from .reliability import ReliabilityResult
from .report_text import report_text, rubric_for
from .tables import Record, Tabular, concatenated, report_records


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen(hash=False)
class Report(Tabular):
    """The maturity assessment of one organization.

    Attributes:
        rubric_key: ``id@version`` of the rubric scored against.
        organization: the organization's name.
        n_respondents: respondents of this organization.
        overall: the overall score.
        dimensions: dimension id -> score, in rubric order.
        indicators: indicator id -> score, in rubric order.
        stage: the overall stage (``None`` when the overall score is not scorable): the
            band of the overall score, capped by the rubric's stage rule (docs/scoring.md).
        stage_capped_by: ids of the dimensions whose low stage capped the overall stage
            below the band of the overall score under the rubric's stage rule (rubric
            order); empty when the stage is that band.
        interval: how the confidence ranges were made.
        options: the settings used.
        notices: warnings a reader must see (small samples, unscorable parts, low agreement,
            low reliability, perception gaps, suppressed groups, ...).
        rubric_fingerprint: :attr:`~lomaturity.Rubric.fingerprint` of the rubric scored
            against: tells apart two rubric files that share one ``id@version``.
        agreement: within-organization agreement (rwg, rwg(j)), when scored with
            ``agreement=True``.
        icc: dimension id -> ICC(1)/ICC(2) across the organizations scored together, when
            scored with ``agreement=True``.
        reliability: reliability of the dimensions (all respondents pooled), with
            ``details=True``.
        perception_gap: managers minus employees, with ``details=True`` and a ``role``
            column holding both.
        groups: scores by team, with ``details=True`` and a ``team`` column.
        design: the survey design (response rate, finite-population correction, weights,
            clusters, design effect), when scored with ``population=`` or ``cluster=``
            (docs/survey-design.md).
        quality: response quality (straightlining, acquiescence) of the organization's
            respondents, unless scored with ``screen="off"`` (docs/response-quality.md).
        rubric: the rubric scored against, set by scoring so that :meth:`summary` and the
            notebook display can name dimensions and stages; ``None`` in a report built
            by hand. Not part of equality, ``to_dict()`` or ``repr``.
    """

    TABLE = "scores"

    rubric_key: str
    organization: str
    n_respondents: int
    overall: Score
    dimensions: Mapping[str, Score] = field(converter=frozen_dict)
    indicators: Mapping[str, Score] = field(converter=frozen_dict)
    stage: Stage | None
    interval: IntervalInfo
    options: ScoringOptions
    notices: tuple[Notice, ...] = ()
    rubric_fingerprint: str | None = None
    agreement: OrganizationAgreement | None = None
    icc: Mapping[str, DimensionAgreement] = field(factory=FrozenDict, converter=frozen_dict)
    reliability: ReliabilityResult | None = None
    perception_gap: OrganizationGap | None = None
    groups: OrganizationGroups | None = None
    design: SurveyDesign | None = None
    quality: OrganizationQuality | None = None
    stage_capped_by: tuple[str, ...] = field(default=(), converter=_strings)
    rubric: Rubric | None = field(default=None, eq=False, repr=False)

    def summary(self, rubric: Rubric | None = None, *, details: bool = False) -> str:
        """The report as plain text, exactly as ``lomaturity score`` prints it: the table of
        dimension scores with ranges and stages, what the stages mean, the notices; with
        ``details`` the evidence tables (agreement, reliability, perception gap, teams) and
        each indicator's descriptor (``lomaturity score --details``).

        ``rubric``: the rubric to name dimensions and stages with (another language of it
        gives the text in that language); by default the one the report was scored
        against. :class:`~lomaturity.ScoringError` when there is none (a report built by
        hand) or it is another rubric."""
        return report_text(self, rubric_for(self.rubric_key, rubric, self.rubric), details)

    def _repr_html_(self) -> str:
        """The notebook display: the dimension table and the notices (docs/notebooks.md)."""
        return report_html(self, self.rubric)

    def __repr__(self) -> str:
        if not self.reportable:
            overall = "not reportable"
        else:
            overall = ranged(self.overall.value, self.overall.low, self.overall.high)
            if self.stage is not None:
                overall += f" {text(self.stage.name)}"
        attached = [name for name, _ in self._evidence()]
        extra = f", with {', '.join(attached)}" if attached else ""
        return (
            f"Report({text(self.organization)}, {self.rubric_key}, "
            f"{count(self.n_respondents, 'respondent')}, overall {overall}, "
            f"{count(len(self.dimensions), 'dimension')}, "
            f"{count(len(self.notices), 'notice')}{extra})"
        )

    @property
    def response_rate(self) -> float | None:
        """Respondents over headcount (0-1), when scored with a ``population``."""
        return None if self.design is None else self.design.response_rate

    def _evidence(self) -> list[tuple[str, Any]]:
        """The attached evidence records that are present, in to_dict order."""
        pairs: list[tuple[str, Any]] = [
            ("agreement", self.agreement),
            ("reliability", self.reliability),
            ("perception_gap", self.perception_gap),
            ("groups", self.groups),
        ]
        return [(k, v) for k, v in pairs if v is not None]

    @property
    def reportable(self) -> bool:
        """``False`` when the organization has fewer respondents than the minimum reporting
        size (``options.min_reporting_size``) and no override was given: its scores are
        marked not reportable and the text output withholds them (docs/coverage.md)."""
        return self.overall.reportable

    @property
    def self_assessment(self) -> bool:
        """``True`` for a single respondent (ranges from the indicator bootstrap)."""
        return self.n_respondents == 1

    def to_records(self) -> list[Record]:
        """The ``scores`` table (docs/tables.md): one row per overall, dimension and
        indicator score."""
        return report_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping of the whole report; the evidence keys (``agreement``,
        ``icc``, ``reliability``, ``perception_gap``, ``groups``, ``quality``) only when
        attached, ``stage_capped_by`` only when the rubric's stage rule capped the overall
        stage."""
        out: dict[str, Any] = {
            "rubric": self.rubric_key,
            "rubric_fingerprint": self.rubric_fingerprint,
            "organization": self.organization,
            "n_respondents": self.n_respondents,
            "self_assessment": self.self_assessment,
            "reportable": self.reportable,
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
        if self.quality is not None:
            out["quality"] = self.quality.to_dict()
        if self.stage_capped_by:  # the stage rule capped the overall stage
            out["stage_capped_by"] = list(self.stage_capped_by)
        evidence = dict(self._evidence())
        if "agreement" in evidence:
            out["agreement"] = evidence.pop("agreement").to_dict()
        if self.icc:
            out["icc"] = {k: v.to_dict() for k, v in self.icc.items()}
        out.update((k, v.to_dict()) for k, v in evidence.items())
        if self.design is not None:
            out["design"] = self.design.to_dict()
        return out


@frozen(hash=False)
class ReportSet(OrganizationMapping[Report], Tabular):
    """Reports of several organizations, by organization name, in order of appearance."""

    TABLE = "scores"

    reports: Mapping[str, Report] = field(converter=frozen_dict)

    def _entries(self) -> Mapping[str, Report]:
        return self.reports

    def summary(self, rubric: Rubric | None = None, *, details: bool = False) -> str:
        """Every report's :meth:`Report.summary`, one after the other, exactly as
        ``lomaturity score`` prints them for several organizations."""
        return "\n\n".join(r.summary(rubric, details=details) for r in self.reports.values())

    def _repr_html_(self) -> str:
        """The notebook display: one row per organization (docs/notebooks.md)."""
        rubric = next((r.rubric for r in self.reports.values() if r.rubric is not None), None)
        return reports_html(self.reports, rubric)

    def __repr__(self) -> str:
        names = [text(name, 24) for name in list(self.reports)[:3]]
        more = ", …" if len(self.reports) > 3 else ""
        keys = sorted({r.rubric_key for r in self.reports.values()})
        return (
            f"ReportSet({count(len(self.reports), 'organization')}: {', '.join(names)}{more}; "
            f"{', '.join(keys)})"
        )

    def to_records(self) -> list[Record]:
        """The ``scores`` table: the reports' rows, one report after the other."""
        return concatenated(self.reports.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``{"organizations": {name: report.to_dict()}}``.

        The panel-wide ICC block, the same for every report scored together, is written
        once, as a top-level ``"icc"``, and left out of the reports."""
        shared = _shared_icc(list(self.reports.values()))
        if not shared:
            return {"organizations": {k: v.to_dict() for k, v in self.reports.items()}}
        organizations = {}
        for name, report in self.reports.items():
            entry = report.to_dict()
            del entry["icc"]
            organizations[name] = entry
        return {"icc": {k: v.to_dict() for k, v in shared.items()}, "organizations": organizations}


def _shared_icc(reports: list[Report]) -> Mapping[str, DimensionAgreement]:
    """The ICC block every report carries, when they all carry the same one; else empty."""
    if not reports or not reports[0].icc:
        return {}
    first = reports[0].icc
    return first if all(r.icc == first for r in reports[1:]) else {}
