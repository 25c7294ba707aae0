"""lomaturity: how far is an organization on the way to being a learning organization?

Load a versioned rubric, read survey responses, and score them into weighted maturity
scores (0-100) with bootstrap confidence ranges and maturity stages::

    import lomaturity as lm

    rubric = lm.load_rubric("learning-organization")
    report = lm.score(rubric, lm.example_responses(), seed=1)
"""

from ._agreement import (
    AgreementOptions,
    AgreementResult,
    DimensionAgreement,
    OrganizationAgreement,
    Rwg,
    agreement,
)
from ._explain import explain_recommendation, explain_score
from ._groups import (
    MISSING_GROUP,
    Gap,
    GroupBreakdown,
    GroupScore,
    OrganizationGap,
    OrganizationGroups,
    PerceptionGap,
    group_scores,
    perception_gap,
)
from ._recommend import TargetSpec, parse_target, recommend, roadmap, targets
from ._registry import DEFAULT_RUBRIC, RubricInfo, available_rubrics, load_rubric
from ._reliability import (
    DimensionReliability,
    ItemReliability,
    ReliabilityResult,
    item_analysis,
    reliability,
)
from ._responses_io import (
    NA,
    example_responses,
    read_responses,
    responses_from_array,
    responses_from_records,
    responses_to_csv_text,
)
from ._rubric_parse import dump_rubric, parse_rubric, read_rubric_bytes
from ._score_api import score, score_organizations
from .exceptions import (
    LomaturityError,
    Problem,
    ResponsesError,
    RubricError,
    ScoringError,
)
from .recommendation import (
    AllOf,
    AnyOf,
    Condition,
    Contribution,
    DimensionBelow,
    DimensionsBelowCount,
    Evidence,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Phase,
    Recommendation,
    RecommendationError,
    RecommendationResult,
    Roadmap,
    Step,
    TargetGap,
    TargetProfile,
    Targets,
    Trigger,
    Unranked,
)
from .report import IntervalInfo, Notice, Report, ReportSet, Score, ScoringOptions
from .responses import NO_ORGANIZATION, Responses
from .rubric import FORMAT_VERSION, Dimension, Indicator, Rubric, Scale, SourceRef, Stage

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_RUBRIC",
    "FORMAT_VERSION",
    "MISSING_GROUP",
    "NA",
    "NO_ORGANIZATION",
    "AgreementOptions",
    "AgreementResult",
    "AllOf",
    "AnyOf",
    "Condition",
    "Contribution",
    "Dimension",
    "DimensionAgreement",
    "DimensionBelow",
    "DimensionReliability",
    "DimensionsBelowCount",
    "Evidence",
    "Gap",
    "GroupBreakdown",
    "GroupScore",
    "Indicator",
    "IndicatorBelow",
    "IntervalInfo",
    "ItemReliability",
    "LomaturityError",
    "LowAgreement",
    "Notice",
    "OrganizationAgreement",
    "OrganizationGap",
    "OrganizationGroups",
    "OverallBelow",
    "PerceptionGap",
    "PerceptionGapAtLeast",
    "Phase",
    "Problem",
    "Recommendation",
    "RecommendationError",
    "RecommendationResult",
    "ReliabilityResult",
    "Report",
    "ReportSet",
    "Responses",
    "ResponsesError",
    "Roadmap",
    "Rubric",
    "RubricError",
    "RubricInfo",
    "Rwg",
    "Scale",
    "Score",
    "ScoringError",
    "ScoringOptions",
    "SourceRef",
    "Stage",
    "Step",
    "TargetGap",
    "TargetProfile",
    "TargetSpec",
    "Targets",
    "Trigger",
    "Unranked",
    "__version__",
    "agreement",
    "available_rubrics",
    "dump_rubric",
    "example_responses",
    "explain_recommendation",
    "explain_score",
    "group_scores",
    "item_analysis",
    "load_rubric",
    "parse_rubric",
    "parse_target",
    "perception_gap",
    "read_responses",
    "read_rubric_bytes",
    "recommend",
    "reliability",
    "responses_from_array",
    "responses_from_records",
    "responses_to_csv_text",
    "roadmap",
    "score",
    "score_organizations",
    "targets",
]
