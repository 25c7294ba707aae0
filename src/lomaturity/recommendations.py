"""Recommendations, targets and roadmaps: the rubric's next steps as data, and the results of
:func:`lomaturity.recommend`, :func:`lomaturity.targets` and :func:`lomaturity.roadmap`.

Conditions and recommendations are rubric content (declarative, never code); everything here
is a frozen value with a JSON-ready ``to_dict()``. Formulas: ``docs/recommendations.md``.
"""

from __future__ import annotations

from ._model.conditions import (
    EFFORT_LEVELS,
    IMPACT_LEVELS,
    AllOf,
    AnyOf,
    Condition,
    DimensionBelow,
    DimensionsBelowCount,
    FactCondition,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Recommendation,
)
from ._model.facts import OrganizationFacts
from ._model.targets import TargetProfile, TargetSpec
from ._public import publish
from ._recommend.evidence import Evidence
from ._results.plan import (
    GAIN_FORMULA,
    Contribution,
    Phase,
    RecommendationResult,
    Roadmap,
    Step,
    TargetGap,
    Targets,
    Trigger,
    Unranked,
)

__all__ = [
    "EFFORT_LEVELS",
    "GAIN_FORMULA",
    "IMPACT_LEVELS",
    "AllOf",
    "AnyOf",
    "Condition",
    "Contribution",
    "DimensionBelow",
    "DimensionsBelowCount",
    "Evidence",
    "FactCondition",
    "IndicatorBelow",
    "LowAgreement",
    "OrganizationFacts",
    "OverallBelow",
    "PerceptionGapAtLeast",
    "Phase",
    "Recommendation",
    "RecommendationResult",
    "Roadmap",
    "Step",
    "TargetGap",
    "TargetProfile",
    "TargetSpec",
    "Targets",
    "Trigger",
    "Unranked",
]

publish(
    __name__,
    AllOf,
    AnyOf,
    Condition,
    Contribution,
    DimensionBelow,
    DimensionsBelowCount,
    Evidence,
    FactCondition,
    IndicatorBelow,
    LowAgreement,
    OrganizationFacts,
    OverallBelow,
    PerceptionGapAtLeast,
    Phase,
    Recommendation,
    RecommendationResult,
    Roadmap,
    Step,
    TargetGap,
    TargetProfile,
    Targets,
    Trigger,
    Unranked,
)

del publish  # the helper is not part of the public surface
