"""Result records of the recommendation layer: targets, triggers, ranked steps, roadmaps."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import frozen_dict
from .._model.conditions import Recommendation
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._model.targets import TargetProfile
from .._repr import count, text
from ..exceptions import RecommendationError
from .contrast import Contrast
from .display import plan_html
from .plan_text import render_recommendations
from .report_text import rubric_for
from .tables import Record, Tabular, step_records, target_records

SubjectLevel = Literal["overall", "dimension", "indicator"]


@frozen
class TargetGap:
    """Where one score stands against its target (and against a baseline, if given).

    Attributes:
        subject: ``"overall"``, a dimension id or an indicator id.
        level: ``"overall"``, ``"dimension"`` or ``"indicator"``.
        current, low, high: the current score and its range (``None`` when not scorable).
        target: the target score; ``None`` when it cannot be resolved (no current score
            under the "next stage" rule).
        basis: how the target was set, e.g. ``"next stage 'established'"``.
        target_stage: the stage whose lower bound is the target, when there is one.
        gap: ``max(0, target - current)``.
        percent_to_target: ``100 * min(current / target, 1)`` (100 when ``target`` is 0).
        met: ``current >= target``.
        baseline: the baseline score, when a baseline report was given.
        baseline_target: the target resolved against the baseline report.
        progress: ``100 * (current - baseline) / (baseline_target - baseline)`` in percent;
            ``None`` when undefined or not meaningful (the baseline met its target, or was
            below it by no more than its own uncertainty), then ``progress_reason`` says why.
        change: ``current - baseline`` with its confidence range (a
            :class:`~lomaturity.results.Contrast`: ``first`` the baseline, ``second`` now),
            when a baseline report was given.
        progress_low, progress_high: the range of ``progress``: the change's range on the
            same scale (the baseline's gap to its target taken as known).
    """

    subject: str
    level: SubjectLevel
    current: float | None
    low: float | None
    high: float | None
    target: float | None
    basis: str
    target_stage: str | None = None
    gap: float | None = None
    percent_to_target: float | None = None
    met: bool | None = None
    baseline: float | None = None
    baseline_target: float | None = None
    progress: float | None = None
    progress_reason: str | None = None
    change: Contrast | None = None
    progress_low: float | None = None
    progress_high: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "current": rounded(self.current),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "target": rounded(self.target),
            "basis": self.basis,
            "target_stage": self.target_stage,
            "gap": rounded(self.gap),
            "percent_to_target": rounded(self.percent_to_target, 2),
            "met": self.met,
        }
        if self.baseline is not None or self.progress_reason is not None:
            out["baseline"] = rounded(self.baseline)
            out["baseline_target"] = rounded(self.baseline_target)
            out["progress"] = rounded(self.progress, 2)
            out["progress_low"] = rounded(self.progress_low, 2)
            out["progress_high"] = rounded(self.progress_high, 2)
            out["progress_reason"] = self.progress_reason
            out["change"] = None if self.change is None else self.change.to_dict()
        return out


@frozen(hash=False)
class Targets(Tabular):
    """The target profile resolved for one report: a :class:`TargetGap` per score."""

    TABLE = "targets"

    rubric_key: str
    organization: str
    profile: TargetProfile
    overall: TargetGap
    dimensions: Mapping[str, TargetGap] = field(converter=frozen_dict)
    indicators: Mapping[str, TargetGap] = field(converter=frozen_dict)
    baseline_organization: str | None = None

    def gap(self, subject: str) -> TargetGap:
        """The gap of ``"overall"``, a dimension or an indicator; ``KeyError`` if unknown."""
        if subject == "overall":
            return self.overall
        if subject in self.dimensions:
            return self.dimensions[subject]
        return self.indicators[subject]

    def to_records(self) -> list[Record]:
        """The ``targets`` table (docs/tables.md): one row per score."""
        return target_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        out: dict[str, Any] = {
            "profile": self.profile.to_dict(),
            "description": self.profile.describe(),
            "overall": self.overall.to_dict(),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
        }
        if self.baseline_organization is not None:
            out["baseline_organization"] = self.baseline_organization
        return out


# --------------------------------------------------------------------------- results

TriggerStatus = Literal["met", "not_met", "not_evaluable"]


@frozen
class Trigger:
    """The evaluation of one leaf condition: the evidence behind a recommendation.

    Attributes:
        kind: the condition kind.
        subject: what was looked at (a dimension or indicator id, ``"overall"``, or for a
            count the counted dimensions joined by commas).
        holds: the verdict on the point estimates; ``None`` when not evaluable.
        uncertain: the confidence range straddles the threshold, so the verdict could go
            either way.
        text: the evidence in words, e.g. ``"practice 27.5 [25.0, 30.0] < 65 (stage
            'established')"``.
        value, low, high: the number compared and its range (a count for
            ``dimensions_below_count``: ``low`` = certainly below, ``high`` = possibly below).
        threshold: what it was compared with.
        reason: why the condition is not evaluable.
    """

    kind: str
    subject: str
    holds: bool | None
    uncertain: bool
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    threshold: float | None = None
    reason: str | None = None

    @property
    def status(self) -> TriggerStatus:
        """``"met"``, ``"not_met"`` or ``"not_evaluable"``."""
        if self.holds is None:
            return "not_evaluable"
        return "met" if self.holds else "not_met"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "subject": self.subject,
            "status": self.status,
            "uncertain": self.uncertain,
            "text": self.text,
            "value": rounded(self.value),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "threshold": rounded(self.threshold),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen
class Contribution:
    """One addressed indicator's share of a step's weighted gap.

    ``weight`` is the indicator's share of the overall score (its weight within its
    dimension times its dimension's share). ``counted`` says whether the indicator is
    within the target horizon: the step's stage is not above the stage its target lies
    in (a step toward the top stage does not count toward a target one stage up).
    ``weighted_gap = weight * gap`` when counted, else 0.
    """

    indicator: str
    weight: float
    current: float | None
    target: float | None
    target_stage: str | None
    gap: float | None
    counted: bool
    weighted_gap: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "indicator": self.indicator,
            "weight": rounded(self.weight, 6),
            "current": rounded(self.current),
            "target": rounded(self.target),
            "target_stage": self.target_stage,
            "gap": rounded(self.gap),
            "counted": self.counted,
            "weighted_gap": rounded(self.weighted_gap, 6),
        }


StepStatus = Literal["triggered", "prerequisite"]


@frozen
class Step:
    """A recommendation in a plan: why it is there and where it stands.

    Attributes:
        recommendation: the rubric's recommendation.
        rank: 1-based position in the plan as returned (prerequisites always rank
            earlier).
        phase: the roadmap phase: 1 + the latest phase among its prerequisites in the plan.
        status: ``"triggered"`` (its condition holds on the estimates) or
            ``"prerequisite"`` (its own condition does not hold, but a triggered step
            requires it; confirm it is in place, otherwise do it first).
        uncertain: some confidence range straddles a threshold of the condition, so the
            condition might not hold (always ``False`` for prerequisites).
        evidence: the evaluation of every leaf condition.
        weighted_gap: sum of ``weight * gap`` over the addressed indicators.
        gain: ``weighted_gap * impact / effort``: the expected gain toward the target. For
            a prerequisite it is what the step would bring if its condition held; it is
            not counted (not in its priority, not in ``limit``), and the text output shows
            no gain for it.
        priority: the key used for ordering: the largest gain among the step (when it is
            triggered) and every plan step that (transitively) requires it.
        contributions: per addressed indicator.
        needed_by: plan steps that require this one directly.
        note: a sentence for the reader (why a prerequisite is listed, uncertainty, ...).
        holds: the verdict of its condition on the estimates: ``True`` for a triggered
            step; ``False`` or ``None`` (not evaluable) for a prerequisite.
    """

    recommendation: Recommendation
    rank: int
    phase: int
    status: StepStatus
    uncertain: bool
    evidence: tuple[Trigger, ...]
    weighted_gap: float
    gain: float
    priority: float
    contributions: tuple[Contribution, ...]
    needed_by: tuple[str, ...] = ()
    note: str | None = None
    holds: bool | None = True

    @property
    def id(self) -> str:
        """The recommendation id."""
        return self.recommendation.id

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        rec = self.recommendation
        return {
            "id": rec.id,
            "rank": self.rank,
            "phase": self.phase,
            "status": self.status,
            "holds": self.holds,
            "uncertain": self.uncertain,
            "title": rec.title,
            "stage": rec.stage,
            "action": rec.action,
            "rationale": rec.rationale,
            "source": rec.source,
            "impact": rec.impact,
            "effort": rec.effort,
            "weighted_gap": rounded(self.weighted_gap, 6),
            "gain": rounded(self.gain, 6),
            "priority": rounded(self.priority, 6),
            "addresses": [c.to_dict() for c in self.contributions],
            "requires": list(rec.requires),
            "needed_by": list(self.needed_by),
            "when": rec.when.to_dict(),
            "evidence": [t.to_dict() for t in self.evidence],
            "note": self.note,
        }


UnrankedStatus = Literal["deferred", "borderline", "not_evaluable"]


@frozen
class Unranked:
    """A recommendation left out of the plan but worth knowing about.

    ``"deferred"``: its condition holds, but it brings no gain toward the target: it
    helps reach a stage beyond the target, or its indicators already meet their targets
    (raise the target, e.g. ``target="learning_organization"``, to plan further ahead).
    ``"borderline"``: its condition does not hold on the estimates, but a confidence range
    reaches the threshold, so it might. ``"not_evaluable"``: evidence it needs is missing
    (e.g. no per-role results for a perception gap); ``reason`` says what.
    """

    recommendation: Recommendation
    status: UnrankedStatus
    evidence: tuple[Trigger, ...]
    reason: str

    @property
    def id(self) -> str:
        """The recommendation id."""
        return self.recommendation.id

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "id": self.recommendation.id,
            "title": self.recommendation.title,
            "status": self.status,
            "reason": self.reason,
            "evidence": [t.to_dict() for t in self.evidence],
        }


GAIN_FORMULA = (
    "gain = weighted_gap * impact / effort; weighted_gap = sum over the addressed indicators "
    "i within the target horizon (the step's stage is not above the stage of target_i) of "
    "w_i * max(0, target_i - current_i); w_i = indicator i's share of the overall score"
)


@frozen(hash=False)
class RecommendationResult(Tabular):
    """The ranked next steps for one organization (:func:`lomaturity.recommend`).

    Attributes:
        steps: the plan, in order: ranked by gain, never before a prerequisite.
        deferred, borderline, not_evaluable: recommendations left out of the plan, with
            the reason (see :class:`Unranked`).
        targets: the target profile resolved for the report, with gaps and progress.
        limit: the ``limit`` asked for: the first ``limit`` triggered steps (with a gain)
            were kept, with the prerequisites they need; ``omitted`` steps were cut.
        notices: warnings a reader must see.
        rubric: the rubric the plan was made with, set by :func:`lomaturity.recommend`
            for :meth:`summary` and the notebook display; ``None`` in a result built by
            hand. Not part of equality, ``to_dict()`` or ``repr``.

    ``to_dict()`` also holds ``"roadmap"``: the phases as ``{"phase": n, "steps": [ids]}``
    (see :attr:`phase_ids`).
    """

    TABLE = "steps"

    rubric_key: str
    organization: str
    steps: tuple[Step, ...]
    deferred: tuple[Unranked, ...]
    borderline: tuple[Unranked, ...]
    not_evaluable: tuple[Unranked, ...]
    targets: Targets
    limit: int | None = None
    omitted: int = 0
    notices: tuple[Notice, ...] = ()
    rubric: Rubric | None = field(default=None, eq=False, repr=False)

    def summary(self, rubric: Rubric | None = None) -> str:
        """The next steps as plain text, exactly as ``lomaturity recommend`` prints them:
        targets and gaps, the ranked steps with their evidence, the roadmap, what was left
        out and why, the notices.

        ``rubric``: the rubric to name dimensions with; by default the one the result was
        made with. :class:`~lomaturity.RecommendationError` when there is none (a result
        built by hand) or it is another rubric."""
        return render_recommendations(
            self, rubric_for(self.rubric_key, rubric, self.rubric, RecommendationError)
        )

    def _repr_html_(self) -> str:
        """The notebook display: targets and gaps, the ranked steps (docs/notebooks.md)."""
        return plan_html(self, self.rubric)

    def __repr__(self) -> str:
        first = f", first {text(self.steps[0].id)}" if self.steps else ""
        return (
            f"RecommendationResult({text(self.organization)}, {self.rubric_key}, "
            f"{count(len(self.steps), 'step')}{first}, {len(self.deferred)} deferred, "
            f"{len(self.borderline)} borderline, {len(self.not_evaluable)} not evaluable, "
            f"{count(len(self.notices), 'notice')})"
        )

    def step(self, recommendation_id: str) -> Step:
        """The step of a recommendation; ``KeyError`` when it is not in the plan."""
        for s in self.steps:
            if s.id == recommendation_id:
                return s
        raise KeyError(recommendation_id)

    def to_records(self) -> list[Record]:
        """The ``steps`` table (docs/tables.md): plan steps in order, then the deferred,
        borderline and not evaluable recommendations."""
        return step_records(self)

    @property
    def ids(self) -> tuple[str, ...]:
        """Recommendation ids in plan order."""
        return tuple(s.id for s in self.steps)

    @property
    def triggered_ids(self) -> frozenset[str]:
        """Every recommendation whose condition holds: triggered plan steps and deferred
        ones (steps cut by ``limit`` are not included)."""
        return frozenset(
            [s.id for s in self.steps if s.status == "triggered"] + [u.id for u in self.deferred]
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "formula": GAIN_FORMULA,
            "limit": self.limit,
            "omitted": self.omitted,
            "steps": [s.to_dict() for s in self.steps],
            "deferred": [u.to_dict() for u in self.deferred],
            "borderline": [u.to_dict() for u in self.borderline],
            "not_evaluable": [u.to_dict() for u in self.not_evaluable],
            "targets": self.targets.to_dict(),
            "notices": [n.to_dict() for n in self.notices],
            "roadmap": [{"phase": n, "steps": list(ids)} for n, ids in self.phase_ids],
        }

    @property
    def phase_ids(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The roadmap in short: ``(phase number, recommendation ids)`` in phase order (the
        ids in plan order); :func:`lomaturity.roadmap` gives the full :class:`Roadmap`."""
        numbers = sorted({s.phase for s in self.steps})
        return tuple((n, tuple(s.id for s in self.steps if s.phase == n)) for n in numbers)


@frozen
class Phase:
    """One roadmap phase: steps whose prerequisites all lie in earlier phases."""

    number: int
    steps: tuple[Step, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Recommendation ids of the phase, in plan order."""
        return tuple(s.id for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {"phase": self.number, "steps": [s.to_dict() for s in self.steps]}


@frozen(hash=False)
class Roadmap(Tabular):
    """Recommendations arranged into ordered phases (:func:`lomaturity.roadmap`).

    Phase ``k`` holds the plan steps whose prerequisites are all in phases ``< k`` and at
    least one of them in phase ``k - 1`` (each step as early as its prerequisites allow);
    within a phase, steps keep their plan order.
    """

    TABLE = "steps"

    rubric_key: str
    organization: str
    phases: tuple[Phase, ...]
    targets: Targets
    deferred: tuple[Unranked, ...] = ()
    borderline: tuple[Unranked, ...] = ()
    not_evaluable: tuple[Unranked, ...] = ()
    notices: tuple[Notice, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step, phase by phase."""
        return tuple(s for p in self.phases for s in p.steps)

    def to_records(self) -> list[Record]:
        """The ``steps`` table (docs/tables.md): steps phase by phase, then the deferred,
        borderline and not evaluable recommendations."""
        return step_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "phases": [p.to_dict() for p in self.phases],
            "deferred": [u.to_dict() for u in self.deferred],
            "borderline": [u.to_dict() for u in self.borderline],
            "not_evaluable": [u.to_dict() for u in self.not_evaluable],
            "targets": self.targets.to_dict(),
            "notices": [n.to_dict() for n in self.notices],
        }
