"""``roadmap``: the plan of ``recommend`` arranged into ordered phases."""

from __future__ import annotations

from collections.abc import Sequence

from .._model.rubric import Rubric
from .._model.targets import TargetSpec
from .._results.plan import (
    Phase,
    Roadmap,
    Step,
)
from .._results.report import Report
from .evidence import Evidence
from .facts import FactsSpec
from .recommend import recommend


def phases_of(steps: Sequence[Step]) -> tuple[Phase, ...]:
    """Group plan steps by phase, keeping plan order within each phase."""
    numbers = sorted({s.phase for s in steps})
    return tuple(Phase(n, tuple(s for s in steps if s.phase == n)) for n in numbers)


def roadmap(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    limit: int | None = None,
    baseline: Report | None = None,
    evidence: Evidence | None = None,
    facts: FactsSpec = None,
) -> Roadmap:
    """The plan of :func:`recommend` arranged into ordered phases.

    Phase 1 holds the steps with no prerequisite in the plan; phase ``k`` the steps whose
    prerequisites are all in phases ``< k`` (each step as early as its prerequisites
    allow). Arguments as for :func:`recommend`; ``limit`` cuts the plan (as there)
    before phasing.
    """
    result = recommend(
        rubric,
        report,
        target=target,
        limit=limit,
        baseline=baseline,
        evidence=evidence,
        facts=facts,
    )
    return Roadmap(
        rubric_key=result.rubric_key,
        organization=result.organization,
        phases=phases_of(result.steps),
        targets=result.targets,
        deferred=result.deferred,
        borderline=result.borderline,
        not_evaluable=result.not_evaluable,
        notices=result.notices,
    )
