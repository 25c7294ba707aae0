"""``recommend``: the plan cut to ``limit`` triggered steps, as a result record."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._model.rubric import Rubric
from .._model.targets import TargetSpec
from .._results.plan import (
    RecommendationResult,
    Step,
)
from .._results.report import Report
from .._rubrics.migrations import Migrations
from .._stats.options import is_integer
from ..exceptions import RecommendationError
from .evidence import Evidence
from .facts import FactsSpec
from .plan import plan


def _check_limit(limit: object) -> int | None:
    if limit is None:
        return None
    if not is_integer(limit) or int(limit) < 1:  # type: ignore[call-overload]
        raise RecommendationError(f"limit: {limit!r} is not an integer >= 1 or None")
    return int(limit)  # type: ignore[call-overload, no-any-return]


def counts_toward_limit(step: Step) -> bool:
    """Whether a plan step is a recommended action of its own (triggered, with a gain):
    ``limit`` counts these; prerequisites come along with the steps that need them."""
    return step.status == "triggered" and step.gain > 0


def _cut(steps: Sequence[Step], limit: int) -> tuple[Step, ...]:
    """The first ``limit`` steps that count toward the limit, with their (transitive)
    prerequisites, in plan order and renumbered."""
    by_id = {s.id: s for s in steps}
    chosen = {s.id for s in [s for s in steps if counts_toward_limit(s)][:limit]}
    stack = list(chosen)
    while stack:
        for prerequisite in by_id[stack.pop()].recommendation.requires:
            if prerequisite in by_id and prerequisite not in chosen:
                chosen.add(prerequisite)
                stack.append(prerequisite)
    kept = [s for s in steps if s.id in chosen]
    return tuple(attrs.evolve(s, rank=k) for k, s in enumerate(kept, start=1))


def recommend(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    limit: int | None = None,
    baseline: Report | None = None,
    evidence: Evidence | None = None,
    baseline_rubric: Rubric | None = None,
    migrations: Migrations = (),
    facts: FactsSpec = None,
) -> RecommendationResult:
    """The rubric's recommendations that apply to a report, ranked, with their evidence.

    A recommendation is *triggered* when its condition holds on the report's point
    estimates; when a confidence range straddles a threshold the step is marked
    ``uncertain``. Triggered steps are ranked by expected gain toward the target,
    ``sum_i w_i * max(0, target_i - current_i) * impact / effort`` over the indicators it
    addresses (``w_i`` = the indicator's share of the overall score), and ordered so that
    no step comes before its prerequisites; prerequisites that are not triggered
    themselves are included with status ``"prerequisite"``. A triggered step the rubric
    marks ``lead`` goes first among the steps that are ready when it is (the source
    text's new role: "the simplest and most cost-effective way to begin"). Recommendations whose
    condition narrowly fails, or cannot be evaluated (missing per-role or agreement
    results), are listed in ``borderline`` / ``not_evaluable``, never silently dropped.

    Args:
        rubric: the rubric (with recommendations) the report was scored on.
        report: one organization's :class:`~lomaturity.Report`.
        target: see :func:`targets`; default one stage above the current one.
        limit: keep the first ``limit`` triggered steps (those with a gain), in plan
            order, and the prerequisites they need (listed before them, to confirm
            first); prerequisites do not count toward the limit. Kept steps are
            renumbered 1, 2, ...
        baseline: an earlier report, for progress (see :func:`targets`).
        evidence: per-role and agreement results for ``perception_gap`` and
            ``low_agreement`` conditions (see :class:`Evidence`), read before the
            report's own ``report.perception_gap`` and ``report.agreement``.
        baseline_rubric: the rubric the baseline was scored on, when it is another version:
            progress is then measured on the linked core of a migration map (see
            :func:`targets`; notice ``linked_core``).
        migrations: migration maps (or map file paths) to use before the bundled ones.
        facts: the organization's facts for ``fact`` conditions: a mapping fact id ->
            value, a mapping organization -> such a mapping (e.g. :func:`read_facts`; it
            must hold the report's organization), or ``None`` (no facts given: each
            ``fact`` condition then takes its ``if_unknown``). Checked against the
            rubric's declared facts.

    Raises:
        RecommendationError: a bad target or limit, or a report on another rubric.
        FactsError: a fact the rubric does not declare, or a value that does not fit.
        UnknownOrganizationError: facts keyed by organization without the report's.
    """
    checked = _check_limit(limit)
    full = plan(
        rubric,
        report,
        target=target,
        baseline=baseline,
        evidence=evidence,
        baseline_rubric=baseline_rubric,
        migrations=migrations,
        facts=facts,
    )
    steps = full.steps if checked is None else _cut(full.steps, checked)
    return RecommendationResult(
        rubric_key=rubric.key,
        organization=report.organization,
        steps=steps,
        deferred=full.deferred,
        borderline=full.borderline,
        not_evaluable=full.not_evaluable,
        targets=full.targets,
        limit=checked,
        omitted=len(full.steps) - len(steps),
        notices=full.notices,
        rubric=rubric,
    )
