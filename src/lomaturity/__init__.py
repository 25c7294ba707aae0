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
from ._registry import DEFAULT_RUBRIC, RubricInfo, available_rubrics, load_rubric
from ._responses_io import (
    NA,
    example_responses,
    read_responses,
    responses_from_array,
    responses_from_records,
    responses_to_csv_text,
)
from ._rubric_parse import dump_rubric, parse_rubric, read_rubric_bytes
from ._scoring import score, score_organizations
from .exceptions import (
    LomaturityError,
    Problem,
    ResponsesError,
    RubricError,
    ScoringError,
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
    "Dimension",
    "DimensionAgreement",
    "Gap",
    "GroupBreakdown",
    "GroupScore",
    "Indicator",
    "IntervalInfo",
    "LomaturityError",
    "Notice",
    "OrganizationAgreement",
    "OrganizationGap",
    "OrganizationGroups",
    "PerceptionGap",
    "Problem",
    "Report",
    "ReportSet",
    "Responses",
    "ResponsesError",
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
    "__version__",
    "agreement",
    "available_rubrics",
    "dump_rubric",
    "example_responses",
    "group_scores",
    "load_rubric",
    "parse_rubric",
    "perception_gap",
    "read_responses",
    "read_rubric_bytes",
    "responses_from_array",
    "responses_from_records",
    "responses_to_csv_text",
    "score",
    "score_organizations",
]
