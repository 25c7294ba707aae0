"""lomaturity: how far is an organization on the way to being a learning organization?

Load a versioned rubric, read survey responses, and score them into weighted maturity
scores (0-100) with bootstrap confidence ranges and maturity stages::

    import lomaturity as lm

    rubric = lm.load_rubric("learning-organization")
    report = lm.score(rubric, lm.example_responses(), organization="nordwind-manufacturing")

``lomaturity`` itself holds the entry points, the main models and results, and the
exceptions. Leaf records live in five public namespaces: :mod:`lomaturity.rubric`,
:mod:`lomaturity.responses`, :mod:`lomaturity.results`,
:mod:`lomaturity.recommendations` and :mod:`lomaturity.norms`. Everything else (modules
whose names start with ``_``) is private.
"""

from . import exceptions as exceptions
from . import norms as norms
from . import recommendations as recommendations
from . import responses as responses
from . import results as results
from . import rubric as rubric
from ._assess.compare import compare
from ._assess.compare_groups import compare_groups
from ._assess.diff import diff_rubrics
from ._assess.norms import benchmark, build_norms
from ._assess.panel import score_panel
from ._assess.score import score, score_organizations
from ._model.norms import NormTable
from ._model.population import Population
from ._model.responses import Responses
from ._model.rubric import Rubric
from ._norms.example import example_norms
from ._norms.files import dump_norms, read_norms, read_norms_bytes, write_norms
from ._norms.parse import parse_norms
from ._present.explain import explain_recommendation, explain_score
from ._present.report import render_report, write_report
from ._public import publish
from ._recommend.recommend import recommend
from ._recommend.roadmap import roadmap
from ._recommend.targets import parse_target, targets
from ._results.comparison import Comparison
from ._results.plan import RecommendationResult
from ._results.report import Report, ReportSet
from ._rubrics.facts_file import read_facts
from ._rubrics.migrations import read_migration, read_migration_bytes
from ._rubrics.parse import dump_rubric, parse_rubric, read_rubric_bytes
from ._rubrics.registry import DEFAULT_RUBRIC, available_rubrics, load_rubric
from ._stats.agreement import agreement
from ._stats.groups import group_scores, perception_gap
from ._stats.quality import response_quality
from ._stats.reliability import item_analysis, reliability
from ._survey.answer_file import read_answer_map
from ._survey.arrays import responses_from_array
from ._survey.cells import DK, NA
from ._survey.csvfile import read_responses
from ._survey.example import example_responses
from ._survey.frame import responses_from_frame
from ._survey.population_file import read_population
from ._survey.records import responses_from_records
from ._survey.simulate import simulate_responses
from ._survey.write import responses_to_csv_text
from ._version import __version__
from .exceptions import (
    AnswerMapError,
    FactsError,
    LomaturityError,
    NormsError,
    Problem,
    RecommendationError,
    ResponsesError,
    RubricError,
    ScoringError,
    UnknownOrganizationError,
)

__all__ = [
    "DEFAULT_RUBRIC",
    "DK",
    "NA",
    "AnswerMapError",
    "Comparison",
    "FactsError",
    "LomaturityError",
    "NormTable",
    "NormsError",
    "Population",
    "Problem",
    "RecommendationError",
    "RecommendationResult",
    "Report",
    "ReportSet",
    "Responses",
    "ResponsesError",
    "Rubric",
    "RubricError",
    "ScoringError",
    "UnknownOrganizationError",
    "__version__",
    "agreement",
    "available_rubrics",
    "benchmark",
    "build_norms",
    "compare",
    "compare_groups",
    "diff_rubrics",
    "dump_norms",
    "dump_rubric",
    "example_norms",
    "example_responses",
    "explain_recommendation",
    "explain_score",
    "group_scores",
    "item_analysis",
    "load_rubric",
    "parse_norms",
    "parse_rubric",
    "parse_target",
    "perception_gap",
    "read_answer_map",
    "read_facts",
    "read_migration",
    "read_migration_bytes",
    "read_norms",
    "read_norms_bytes",
    "read_population",
    "read_responses",
    "read_rubric_bytes",
    "recommend",
    "reliability",
    "render_report",
    "response_quality",
    "responses_from_array",
    "responses_from_frame",
    "responses_from_records",
    "responses_to_csv_text",
    "roadmap",
    "score",
    "score_organizations",
    "score_panel",
    "simulate_responses",
    "targets",
    "write_norms",
    "write_report",
]

publish(
    __name__,
    AnswerMapError,
    Comparison,
    FactsError,
    LomaturityError,
    NormTable,
    NormsError,
    Population,
    Problem,
    RecommendationError,
    RecommendationResult,
    Report,
    ReportSet,
    Responses,
    ResponsesError,
    Rubric,
    RubricError,
    ScoringError,
    UnknownOrganizationError,
    agreement,
    available_rubrics,
    benchmark,
    build_norms,
    compare,
    dump_norms,
    compare_groups,
    diff_rubrics,
    dump_rubric,
    example_norms,
    example_responses,
    explain_recommendation,
    explain_score,
    group_scores,
    item_analysis,
    load_rubric,
    parse_norms,
    parse_rubric,
    parse_target,
    perception_gap,
    read_norms,
    read_migration,
    read_migration_bytes,
    read_answer_map,
    read_facts,
    read_norms_bytes,
    read_population,
    read_responses,
    read_rubric_bytes,
    recommend,
    reliability,
    render_report,
    responses_from_array,
    responses_from_frame,
    responses_from_records,
    responses_to_csv_text,
    response_quality,
    roadmap,
    score,
    score_organizations,
    score_panel,
    simulate_responses,
    targets,
    write_report,
    write_norms,
)

del publish  # the helper is not part of the public surface
