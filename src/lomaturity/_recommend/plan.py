"""The full plan: every recommendation evaluated, gains computed, steps ordered.

* a step's gain = ``sum_i w_i * gap_i * impact / effort`` over the indicators it addresses,
  ``w_i`` being indicator ``i``'s share of the overall score;
* the plan holds the triggered steps with a gain plus their (transitive) prerequisites
  (to confirm; not counted by ``limit``), ordered by a prerequisite-respecting topological
  sort that picks, among the steps whose prerequisites are placed, a triggered ``lead`` step
  first, then the one with the highest priority (its own gain or that of a step that needs
  it, whichever is larger).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

from attrs import frozen

from .._model.conditions import (
    Recommendation,
)
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._model.targets import TargetSpec
from .._results.plan import (
    Contribution,
    Step,
    Targets,
    Unranked,
)
from .._results.report import Report
from .._rubrics.migrations import Migrations
from ..exceptions import RecommendationError
from .evaluate import Evaluation, evaluate
from .evidence import Evidence
from .facts import FactsSpec, facts_for
from .targets import baseline_core, check_report, indicator_shares, targets


def _check_rubric(rubric: Rubric) -> dict[str, Recommendation]:
    by_id = {r.id: r for r in rubric.recommendations}
    for rec in rubric.recommendations:
        for prerequisite in rec.requires:
            if prerequisite not in by_id:
                raise RecommendationError(
                    f"recommendation {rec.id!r} requires {prerequisite!r}, which the rubric "
                    "does not define"
                )
    return by_id


def contributions(
    rubric: Rubric, rec: Recommendation, shares: Mapping[str, float], resolved: Targets
) -> tuple[tuple[Contribution, ...], float]:
    """Per addressed indicator: its gap, whether it is within the target horizon, and
    ``w_i * gap_i`` when it is."""
    level = rubric.stage(rec.stage).level
    parts = []
    total = 0.0
    for ind in rec.addresses:
        g = resolved.indicators[ind]
        target_stage = None if g.target is None else rubric.stage_for(g.target)
        counted = g.gap is not None and target_stage is not None and level <= target_stage.level
        weighted = shares[ind] * g.gap if counted and g.gap is not None else 0.0
        total += weighted
        parts.append(
            Contribution(
                indicator=ind,
                weight=shares[ind],
                current=g.current,
                target=g.target,
                target_stage=None if target_stage is None else target_stage.id,
                gap=g.gap,
                counted=counted,
                weighted_gap=weighted,
            )
        )
    return tuple(parts), total


def _deferral(rec: Recommendation, parts: Sequence[Contribution]) -> str:
    """Why a triggered step brings no gain toward the target."""
    scored = [p for p in parts if p.gap is not None]
    if not scored:
        return "none of the indicators it addresses has both a score and a target"
    # "beyond the target" only when an indicator still has a gap, but toward a stage
    # below the one the step helps reach (so the step is really aimed past the target)
    beyond = [p for p in scored if not p.counted and p.gap]
    if beyond and all(p.gap == 0 for p in scored if p.counted):
        stages = sorted({str(p.target_stage) for p in beyond})
        return (
            f"it helps reach stage {rec.stage!r}, beyond the target stage "
            + " / ".join(repr(s) for s in stages)
            + " of the indicators it addresses"
        )
    return "the indicators it addresses already meet their targets"


@frozen
class Plan:
    steps: tuple[Step, ...]
    deferred: tuple[Unranked, ...]
    borderline: tuple[Unranked, ...]
    not_evaluable: tuple[Unranked, ...]
    targets: Targets
    evaluations: dict[str, Evaluation]
    notices: tuple[Notice, ...]


@frozen
class _Gains:
    """Per recommendation id: its contributions, weighted gap and gain toward the target."""

    parts: dict[str, tuple[Contribution, ...]]
    weighted: dict[str, float]
    gains: dict[str, float]


@frozen
class _Order:
    """The plan's members in order, with each one's phase, priority and dependents."""

    placed: tuple[str, ...]
    phase: dict[str, int]
    priority: dict[str, float]
    needed_by: dict[str, tuple[str, ...]]


def _reasons(evaluation: Evaluation) -> str:
    """The distinct reasons why leaves are not evaluable (one per reason, in order)."""
    reasons = dict.fromkeys(t.reason for t in evaluation.triggers if t.reason)
    return "; ".join(reasons) or "evidence missing"


def _summary(evaluation: Evaluation) -> str:
    return "; ".join(t.text for t in evaluation.triggers)


def _check_evidence(report: Report, evidence: Evidence | None) -> None:
    if evidence is not None and not isinstance(evidence, Evidence):
        raise RecommendationError(f"evidence: {evidence!r} is not an Evidence")
    if (
        evidence is not None
        and evidence.organization is not None
        and evidence.organization != report.organization
    ):
        raise RecommendationError(
            f"evidence: it is about organization {evidence.organization!r}, but the report "
            f"is of {report.organization!r}; build it with Evidence.from_responses(rubric, "
            f"responses, {report.organization!r})"
        )


def _gains(rubric: Rubric, resolved: Targets) -> _Gains:
    shares = indicator_shares(rubric)
    parts: dict[str, tuple[Contribution, ...]] = {}
    weighted: dict[str, float] = {}
    gains: dict[str, float] = {}
    for rec in rubric.recommendations:
        parts[rec.id], weighted[rec.id] = contributions(rubric, rec, shares, resolved)
        gains[rec.id] = weighted[rec.id] * rec.impact / rec.effort
    return _Gains(parts, weighted, gains)


def _with_prerequisites(by_id: Mapping[str, Recommendation], seeds: Sequence[str]) -> set[str]:
    """``seeds`` and their transitive prerequisites."""
    members = set(seeds)
    stack = list(seeds)
    while stack:
        for prerequisite in by_id[stack.pop()].requires:
            if prerequisite not in members:
                members.add(prerequisite)
                stack.append(prerequisite)
    return members


def _priorities(
    members: set[str], needed_by: Mapping[str, Sequence[str]], own: Mapping[str, float]
) -> dict[str, float]:
    """Each member's priority: the largest of its own gain and the priorities of the members
    that need it (iterative post-order over the dependents)."""
    priority: dict[str, float] = {}
    for rec_id in members:
        work = [rec_id]
        while work:
            node = work[-1]
            pending = [d for d in needed_by[node] if d not in priority]
            if pending:
                work.extend(pending)
                continue
            work.pop()
            priority[node] = max([own[node], *(priority[d] for d in needed_by[node])])
    return priority


def _order(
    rubric: Rubric, by_id: Mapping[str, Recommendation], seeds: Sequence[str], gains: _Gains
) -> _Order:
    """Place the seeds and their prerequisites: among the members whose prerequisites are
    placed, the highest priority first (ties: own gain, rubric order, id)."""
    order = {r.id: i for i, r in enumerate(rubric.recommendations)}
    members = _with_prerequisites(by_id, seeds)
    needed_by: dict[str, list[str]] = {m: [] for m in members}
    for rec_id in sorted(members, key=order.__getitem__):
        for prerequisite in by_id[rec_id].requires:
            needed_by[prerequisite].append(rec_id)
    # A step's own gain counts for ordering only when it is triggered and brings a gain.
    own = {m: gains.gains[m] if m in seeds else 0.0 for m in members}
    priority = _priorities(members, needed_by, own)
    # A triggered lead step goes before every other step that is ready when it is.
    lead = {m: by_id[m].lead and m in seeds for m in members}

    def key(m: str) -> tuple[bool, float, float, int, str]:
        return (not lead[m], -priority[m], -own[m], order[m], m)

    remaining = {m: sum(1 for p in by_id[m].requires if p in members) for m in members}
    heap = [key(m) for m in members if remaining[m] == 0]
    heapq.heapify(heap)
    placed: list[str] = []
    phase: dict[str, int] = {}
    while heap:
        rec_id = heapq.heappop(heap)[-1]
        placed.append(rec_id)
        requires = (phase[p] for p in by_id[rec_id].requires if p in members)
        phase[rec_id] = 1 + max(requires, default=0)
        for dependent in needed_by[rec_id]:
            remaining[dependent] -= 1
            if remaining[dependent] == 0:
                heapq.heappush(heap, key(dependent))
    if len(placed) != len(members):
        stuck = sorted(members - set(placed), key=order.__getitem__)
        raise RecommendationError(
            "prerequisite cycle among recommendations "
            + ", ".join(stuck)
            + "; validate the rubric with parse_rubric"
        )
    return _Order(tuple(placed), phase, priority, {k: tuple(v) for k, v in needed_by.items()})


def _step_note(
    rec: Recommendation,
    ev: Evaluation,
    *,
    triggered: bool,
    seed: bool,
    parts: Sequence[Contribution],
    dependents: Sequence[str],
) -> str | None:
    """The words of a plan step's note: an uncertain trigger, a step kept only as a
    prerequisite, or a prerequisite to confirm."""
    notes = []
    if triggered and ev.uncertain:
        unsure = sorted({t.subject for t in ev.triggers if t.uncertain})
        notes.append(
            "Uncertain trigger: the confidence range of "
            + ", ".join(unsure)
            + " straddles its threshold, so the condition holds on the estimates but "
            "might not hold. Confirm before investing heavily."
        )
    if triggered and not seed:
        notes.append(
            f"No gain of its own ({_deferral(rec, parts)}); listed "
            f"because {', '.join(dependents)} require(s) it."
        )
    if not triggered:
        if ev.holds is None:
            state = f"its own condition could not be evaluated ({_reasons(ev)})"
        elif ev.can_hold:
            state = "its own condition narrowly does not hold (a range reaches the threshold)"
        else:
            state = "its own condition does not hold"
        notes.append(
            f"Prerequisite of {', '.join(dependents)}: confirm it is already in place; "
            f"if not, do it first. {state[0].upper()}{state[1:]}, so it is not an action "
            "recommended on its own and its gain is not counted."
        )
    return " ".join(notes) or None


def _steps(
    by_id: Mapping[str, Recommendation],
    evaluations: Mapping[str, Evaluation],
    seeds: Sequence[str],
    gains: _Gains,
    order: _Order,
) -> tuple[Step, ...]:
    steps = []
    for rank, rec_id in enumerate(order.placed, start=1):
        rec, ev = by_id[rec_id], evaluations[rec_id]
        triggered = ev.holds is True
        dependents = order.needed_by[rec_id]
        note = _step_note(
            rec,
            ev,
            triggered=triggered,
            seed=rec_id in seeds,
            parts=gains.parts[rec_id],
            dependents=dependents,
        )
        steps.append(
            Step(
                recommendation=rec,
                rank=rank,
                phase=order.phase[rec_id],
                status="triggered" if triggered else "prerequisite",
                uncertain=triggered and ev.uncertain,
                evidence=ev.triggers,
                weighted_gap=gains.weighted[rec_id],
                gain=gains.gains[rec_id],
                priority=order.priority[rec_id],
                contributions=gains.parts[rec_id],
                needed_by=dependents,
                note=note,
                holds=ev.holds,
            )
        )
    return tuple(steps)


def _unranked(
    rubric: Rubric, members: set[str], evaluations: Mapping[str, Evaluation], gains: _Gains
) -> dict[str, list[Unranked]]:
    """The recommendations left out of the plan, by status: ``deferred`` (triggered, no
    gain), ``not_evaluable`` and ``borderline`` (a range reaches the threshold)."""
    out: dict[str, list[Unranked]] = {"deferred": [], "borderline": [], "not_evaluable": []}
    for rec in rubric.recommendations:
        if rec.id in members:
            continue
        ev = evaluations[rec.id]
        if ev.holds is True:
            reason = _deferral(rec, gains.parts[rec.id])
            out["deferred"].append(Unranked(rec, "deferred", ev.triggers, reason))
        elif ev.holds is None:
            out["not_evaluable"].append(Unranked(rec, "not_evaluable", ev.triggers, _reasons(ev)))
        elif ev.can_hold:
            unsure = [t.text for t in ev.triggers if t.uncertain] or [_summary(ev)]
            reason = (
                "does not hold on the estimates, but a confidence range reaches the "
                "threshold: " + "; ".join(unsure)
            )
            out["borderline"].append(Unranked(rec, "borderline", ev.triggers, reason))
    return out


def _notices(report: Report, baseline: Report | None) -> tuple[Notice, ...]:
    notices = list(report.notices)
    if baseline is not None and baseline.organization != report.organization:
        notices.append(
            Notice(
                "baseline_other_organization",
                f"progress is measured against a baseline of organization "
                f"{baseline.organization!r}, not {report.organization!r}",
            )
        )
    return tuple(notices)


def plan(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    baseline: Report | None = None,
    evidence: Evidence | None = None,
    baseline_rubric: Rubric | None = None,
    migrations: Migrations = (),
    facts: FactsSpec = None,
) -> Plan:
    """The full ordered plan (no limit) with every evaluation."""
    check_report(rubric, report)
    _check_evidence(report, evidence)
    given = facts_for(rubric, report.organization, facts)
    by_id = _check_rubric(rubric)
    core = (
        None if baseline is None else baseline_core(rubric, baseline, baseline_rubric, migrations)
    )
    resolved = targets(
        rubric,
        report,
        target=target,
        baseline=baseline,
        baseline_rubric=baseline_rubric,
        migrations=migrations,
    )
    evaluations = {
        r.id: evaluate(rubric, report, r.when, evidence, given) for r in rubric.recommendations
    }
    gains = _gains(rubric, resolved)
    seeds = [
        r.id
        for r in rubric.recommendations
        if evaluations[r.id].holds is True and gains.gains[r.id] > 0
    ]
    order = _order(rubric, by_id, seeds, gains)
    unranked = _unranked(rubric, set(order.placed), evaluations, gains)
    return Plan(
        _steps(by_id, evaluations, seeds, gains, order),
        tuple(unranked["deferred"]),
        tuple(unranked["borderline"]),
        tuple(unranked["not_evaluable"]),
        resolved,
        evaluations,
        _notices(report, baseline) + (() if core is None else (core.notice(),)),
    )
