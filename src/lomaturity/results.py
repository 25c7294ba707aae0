"""Result records: frozen, JSON-ready values returned by lomaturity's entry points.

Every record has ``to_dict()``; every result also ``to_records()``, ``to_csv()`` and
``to_frame()``, its tidy table (columns: ``docs/tables.md``). Records of several
organizations are read-only mappings by organization name with ``for_organization()``.
Nothing here computes: the statistics live in
the entry points that fill these records (:func:`lomaturity.score`,
:func:`lomaturity.agreement`, :func:`lomaturity.reliability`, :func:`lomaturity.group_scores`,
:func:`lomaturity.perception_gap`, :func:`lomaturity.compare_groups`).
"""

from __future__ import annotations

from ._model.notice import Notice
from ._model.population import OrganizationPopulation
from ._public import publish
from ._results.agreement import (
    AgreementOptions,
    AgreementResult,
    DimensionAgreement,
    NullDistribution,
    OrganizationAgreement,
    Rwg,
)
from ._results.benchmark import Benchmark, BenchmarkSet, Standing
from ._results.common import IntervalInfo, IntervalMethod, Score, ScoringOptions
from ._results.comparison import Comparison, ComparisonSet
from ._results.contrast import Contrast
from ._results.design import DesignOptions, StratumWeight, SurveyDesign
from ._results.group_contrast import GroupComparison, GroupContrast, OrganizationGroup
from ._results.groups import (
    MISSING_GROUP,
    Gap,
    GroupBreakdown,
    GroupScore,
    OrganizationGap,
    OrganizationGroups,
    PerceptionGap,
)
from ._results.panel import PanelDesign, PanelQuality, PanelResult
from ._results.quality import OrganizationQuality, QualityRule, ResponseQuality
from ._results.reliability import (
    DimensionReliability,
    ItemReliability,
    MissingMode,
    ReliabilityResult,
)
from ._results.report import Report, ReportSet
from ._results.rubric_diff import RubricChange, RubricDiff

__all__ = [
    "MISSING_GROUP",
    "AgreementOptions",
    "AgreementResult",
    "Benchmark",
    "BenchmarkSet",
    "Comparison",
    "ComparisonSet",
    "Contrast",
    "DesignOptions",
    "DimensionAgreement",
    "DimensionReliability",
    "Gap",
    "GroupBreakdown",
    "GroupComparison",
    "GroupContrast",
    "GroupScore",
    "IntervalInfo",
    "IntervalMethod",
    "ItemReliability",
    "MissingMode",
    "Notice",
    "NullDistribution",
    "OrganizationAgreement",
    "OrganizationGap",
    "OrganizationGroup",
    "OrganizationGroups",
    "OrganizationPopulation",
    "OrganizationQuality",
    "PanelDesign",
    "PanelQuality",
    "PanelResult",
    "PerceptionGap",
    "QualityRule",
    "ReliabilityResult",
    "Report",
    "ReportSet",
    "ResponseQuality",
    "RubricChange",
    "RubricDiff",
    "Rwg",
    "Score",
    "ScoringOptions",
    "Standing",
    "StratumWeight",
    "SurveyDesign",
]

publish(
    __name__,
    AgreementOptions,
    AgreementResult,
    Benchmark,
    BenchmarkSet,
    ComparisonSet,
    Contrast,
    DesignOptions,
    DimensionAgreement,
    DimensionReliability,
    Gap,
    GroupBreakdown,
    GroupComparison,
    GroupContrast,
    GroupScore,
    IntervalInfo,
    ItemReliability,
    Notice,
    OrganizationAgreement,
    OrganizationGap,
    OrganizationGroup,
    OrganizationGroups,
    OrganizationPopulation,
    OrganizationQuality,
    PerceptionGap,
    QualityRule,
    ReliabilityResult,
    PanelDesign,
    PanelQuality,
    PanelResult,
    Report,
    ReportSet,
    ResponseQuality,
    RubricChange,
    RubricDiff,
    Rwg,
    Score,
    ScoringOptions,
    Standing,
    StratumWeight,
    SurveyDesign,
)

del publish  # the helper is not part of the public surface
