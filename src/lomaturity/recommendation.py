"""Recommendations, targets and roadmaps as data.

A rubric may carry *recommendations*: concrete next steps, each with declarative trigger
conditions (never code), the indicators it addresses, an ordinal impact and effort, the
stage it helps reach, and prerequisites. :func:`lomaturity.recommend` evaluates them
against a :class:`~lomaturity.Report`, ranks the triggered ones by expected gain toward a
:class:`TargetProfile` and orders them so that no step comes before its prerequisites;
:func:`lomaturity.roadmap` arranges the same steps into phases.

Everything here is a frozen value with a JSON-ready ``to_dict()``. The formulas are in
``docs/recommendations.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from attrs import field, frozen

from .exceptions import LomaturityError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._agreement import AgreementResult
    from .report import Notice
    from .responses import Responses
    from .rubric import Rubric

__all__ = [
    "BELOW_KINDS",
    "CONDITION_KINDS",
    "EFFORT_LEVELS",
    "IMPACT_LEVELS",
    "AgreementLike",
    "AllOf",
    "AnyOf",
    "Condition",
    "Contribution",
    "DimensionBelow",
    "DimensionsBelowCount",
    "Evidence",
    "GroupComparisonLike",
    "IndicatorBelow",
    "LowAgreement",
    "OverallBelow",
    "PerceptionGapAtLeast",
    "Phase",
    "Recommendation",
    "RecommendationError",
    "RecommendationResult",
    "Roadmap",
    "RwgLike",
    "ScoreGapLike",
    "Step",
    "TargetGap",
    "TargetProfile",
    "Targets",
    "Trigger",
    "Unranked",
]

IMPACT_LEVELS: tuple[int, ...] = (1, 2, 3)
"""Ordinal impact: 1 = low, 2 = medium, 3 = high."""
EFFORT_LEVELS: tuple[int, ...] = (1, 2, 3)
"""Ordinal effort: 1 = low (weeks, within existing budgets), 2 = medium, 3 = high."""

LEVEL_NAMES: dict[int, str] = {1: "low", 2: "medium", 3: "high"}


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


class RecommendationError(LomaturityError, ValueError):
    """A recommendation request cannot be carried out: a bad target, an unknown id, a
    baseline from another rubric, and the like."""


# --------------------------------------------------------------------------- conditions


class Condition:
    """A declarative trigger condition: one of the ``kind`` classes below, or an
    :class:`AllOf` / :class:`AnyOf` combination of them.

    Conditions are plain data read from the rubric; :func:`lomaturity.recommend` evaluates
    them against a report's scores and their confidence ranges.
    """

    __slots__ = ()
    kind: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        raise NotImplementedError

    def leaves(self) -> Iterator[Condition]:
        """The leaf conditions (every condition that is not a combination), in order."""
        yield self

    @property
    def below_only(self) -> bool:
        """Whether every leaf is of a "below" kind (see :data:`BELOW_KINDS`): such a
        condition can only stop holding when scores rise."""
        return all(leaf.kind in BELOW_KINDS for leaf in self.leaves())


def _threshold_dict(stage: str | None, score: float | None) -> dict[str, Any]:
    return {"stage": stage} if stage is not None else {"score": score}


def _check_threshold(stage: str | None, score: float | None) -> None:
    if (stage is None) == (score is None):
        raise ValueError("give exactly one of 'stage' and 'score'")


@frozen
class DimensionBelow(Condition):
    """Holds when a dimension's score is below ``score``, or below the lower bound of
    ``stage`` (i.e. the dimension has not reached that stage)."""

    kind: ClassVar[str] = "dimension_below"
    dimension: str
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "dimension": self.dimension} | _threshold_dict(
            self.stage, self.score
        )


@frozen
class IndicatorBelow(Condition):
    """Holds when an indicator's score is below ``score`` or below ``stage``'s lower bound."""

    kind: ClassVar[str] = "indicator_below"
    indicator: str
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "indicator": self.indicator} | _threshold_dict(
            self.stage, self.score
        )


@frozen
class OverallBelow(Condition):
    """Holds when the overall score is below ``score`` or below ``stage``'s lower bound."""

    kind: ClassVar[str] = "overall_below"
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind} | _threshold_dict(self.stage, self.score)


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value)


@frozen
class DimensionsBelowCount(Condition):
    """Holds when at least ``count`` dimensions score below the threshold.

    ``dimensions`` restricts the count to those dimensions (all of the rubric's when empty).
    The source text's Chief Learning Officer rule, "two or more dimensions below stage 3",
    is ``DimensionsBelowCount(count=2, stage="developing")`` on the default rubric.
    """

    kind: ClassVar[str] = "dimensions_below_count"
    count: int
    stage: str | None = None
    score: float | None = None
    dimensions: tuple[str, ...] = field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        out |= _threshold_dict(self.stage, self.score)
        out["count"] = self.count
        if self.dimensions:
            out["dimensions"] = list(self.dimensions)
        return out


def _pair(value: Any) -> tuple[str, str]:
    first, second = value
    return (str(first), str(second))


@frozen
class PerceptionGapAtLeast(Condition):
    """Holds when respondents of the first role rate a dimension (or an indicator) at
    least ``min_gap`` points higher than those of the second role.

    Needs per-role results (see :class:`Evidence`); without them the condition is *not
    evaluable* and reported as such.
    """

    kind: ClassVar[str] = "perception_gap"
    roles: tuple[str, str] = field(converter=_pair)
    min_gap: float
    dimension: str | None = None
    indicator: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.dimension is None) == (self.indicator is None):
            raise ValueError("give exactly one of 'dimension' and 'indicator'")

    @property
    def subject(self) -> str:
        """The dimension or indicator id compared."""
        return self.dimension if self.dimension is not None else str(self.indicator)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.dimension is not None:
            out["dimension"] = self.dimension
        else:
            out["indicator"] = self.indicator
        out["roles"] = list(self.roles)
        out["min_gap"] = self.min_gap
        return out


@frozen
class LowAgreement(Condition):
    """Holds when within-organization agreement on a dimension, ``rwg(j)``, is below
    ``threshold`` (default .70): the average hides respondents who disagree.

    Needs agreement results (see :class:`Evidence`); without them the condition is *not
    evaluable* and reported as such.
    """

    kind: ClassVar[str] = "low_agreement"
    dimension: str
    threshold: float = 0.70

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "dimension": self.dimension, "threshold": self.threshold}


def _conditions(value: Any) -> tuple[Condition, ...]:
    return tuple(value)


@frozen
class AllOf(Condition):
    """Holds when every one of ``conditions`` holds (written ``all: [...]``)."""

    kind: ClassVar[str] = "all"
    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def leaves(self) -> Iterator[Condition]:
        for condition in self.conditions:
            yield from condition.leaves()

    def to_dict(self) -> dict[str, Any]:
        return {"all": [c.to_dict() for c in self.conditions]}


@frozen
class AnyOf(Condition):
    """Holds when at least one of ``conditions`` holds (written ``any: [...]``)."""

    kind: ClassVar[str] = "any"
    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def leaves(self) -> Iterator[Condition]:
        for condition in self.conditions:
            yield from condition.leaves()

    def to_dict(self) -> dict[str, Any]:
        return {"any": [c.to_dict() for c in self.conditions]}


CONDITION_KINDS: dict[str, type[Condition]] = {
    cls.kind: cls
    for cls in (
        DimensionBelow,
        IndicatorBelow,
        OverallBelow,
        DimensionsBelowCount,
        PerceptionGapAtLeast,
        LowAgreement,
    )
}
"""Leaf condition kind -> class."""

BELOW_KINDS: frozenset[str] = frozenset(
    {"dimension_below", "indicator_below", "overall_below", "dimensions_below_count"}
)
"""Kinds that hold when scores are low; raising scores can only make them stop holding."""


# --------------------------------------------------------------------------- recommendation


@frozen
class Recommendation:
    """One next step a rubric recommends.

    Attributes:
        id: unique among the rubric's recommendations (snake_case).
        title: a short imperative headline.
        action: what to do, concretely.
        rationale: why: the passage of the source text or the indicators it rests on.
        addresses: ids of the indicators the step is meant to move (at least one).
        stage: id of the stage the step helps reach (never the lowest stage).
        impact: expected effect on the addressed indicators, 1 low / 2 medium / 3 high.
        effort: cost in time, money and attention, 1 low / 2 medium / 3 high.
        when: the condition that triggers the step.
        requires: ids of recommendations that must come before this one.
        source: optional reference to the passage of the rubric's source text.
    """

    id: str
    title: str
    action: str
    rationale: str
    addresses: tuple[str, ...] = field(converter=_tuple)
    stage: str
    impact: int
    effort: int
    when: Condition
    requires: tuple[str, ...] = field(default=(), converter=_tuple)
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "stage": self.stage,
            "action": self.action,
            "rationale": self.rationale,
        }
        if self.source is not None:
            out["source"] = self.source
        out["addresses"] = list(self.addresses)
        out["impact"] = self.impact
        out["effort"] = self.effort
        out["when"] = self.when.to_dict()
        if self.requires:
            out["requires"] = list(self.requires)
        return out


# --------------------------------------------------------------------------- targets

TargetValue = str | float
"""A target: a stage id (its lower bound), a score on 0-100, or ``"next"`` (the default
rule: one stage above the current one)."""

NEXT = "next"


def _targets_map(value: Mapping[str, TargetValue]) -> dict[str, TargetValue]:
    return dict(value)


@frozen(hash=False)
class TargetProfile:
    """What each score should reach.

    Each value is a stage id (the target is its lower bound), a score on 0-100, or
    ``"next"``. The target of a dimension is ``dimensions[id]``, else ``default``, else
    ``"next"``; an indicator's is ``indicators[id]``, else the resolved target of its
    dimension; the overall score's is ``overall``, else ``default``, else ``"next"``.

    ``"next"`` is the lower bound of the stage above the current one; at the top stage,
    where there is no stage above, it is the current score (maintain). An indicator whose
    dimension is at the top stage keeps its own score as its target when that score is at
    least the top stage's lower bound; below it, the target is that lower bound (the
    dimension keeps its stage only if its indicators do, so a weak indicator there is a
    real gap, not hidden by the maintain rule).
    """

    default: TargetValue | None = None
    overall: TargetValue | None = None
    dimensions: dict[str, TargetValue] = field(factory=dict, converter=_targets_map)
    indicators: dict[str, TargetValue] = field(factory=dict, converter=_targets_map)

    @property
    def is_default(self) -> bool:
        """Whether every target follows the "next stage" rule."""
        values = [self.default, self.overall, *self.dimensions.values(), *self.indicators.values()]
        return all(v is None or v == NEXT for v in values)

    def describe(self) -> str:
        """One line saying what the profile asks for."""
        if self.is_default:
            return "one stage above the current stage (the lower bound of the next stage)"
        parts = []
        if self.default is not None:
            parts.append(f"default {_show_target(self.default)}")
        if self.overall is not None:
            parts.append(f"overall {_show_target(self.overall)}")
        parts.extend(f"{k} {_show_target(v)}" for k, v in self.dimensions.items())
        parts.extend(f"{k} {_show_target(v)}" for k, v in self.indicators.items())
        rest = "" if self.default is not None else "; elsewhere one stage above the current stage"
        return ", ".join(parts) + rest

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "default": self.default if self.default is not None else NEXT,
            "overall": self.overall,
            "dimensions": dict(self.dimensions),
            "indicators": dict(self.indicators),
        }


def _show_target(value: TargetValue) -> str:
    if isinstance(value, str):
        return "next stage" if value == NEXT else f"stage {value!r}"
    return f"score {value:g}"


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
            ``None`` when undefined, then ``progress_reason`` says why.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "current": _r(self.current),
            "low": _r(self.low),
            "high": _r(self.high),
            "target": _r(self.target),
            "basis": self.basis,
            "target_stage": self.target_stage,
            "gap": _r(self.gap),
            "percent_to_target": _r(self.percent_to_target, 2),
            "met": self.met,
        }
        if self.baseline is not None or self.progress_reason is not None:
            out["baseline"] = _r(self.baseline)
            out["baseline_target"] = _r(self.baseline_target)
            out["progress"] = _r(self.progress, 2)
            out["progress_reason"] = self.progress_reason
        return out


@frozen(hash=False)
class Targets:
    """The target profile resolved for one report: a :class:`TargetGap` per score."""

    rubric_key: str
    organization: str
    profile: TargetProfile
    overall: TargetGap
    dimensions: dict[str, TargetGap]
    indicators: dict[str, TargetGap]
    baseline_organization: str | None = None

    def gap(self, subject: str) -> TargetGap:
        """The gap of ``"overall"``, a dimension or an indicator; ``KeyError`` if unknown."""
        if subject == "overall":
            return self.overall
        if subject in self.dimensions:
            return self.dimensions[subject]
        return self.indicators[subject]

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


# --------------------------------------------------------------------------- evidence


class ScoreGapLike(Protocol):
    """One group difference (``first - second``), as ``lomaturity``'s perception-gap
    results provide it."""

    @property
    def difference(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def first(self) -> float | None: ...
    @property
    def second(self) -> float | None: ...
    @property
    def n_first(self) -> int: ...
    @property
    def n_second(self) -> int: ...
    @property
    def reason(self) -> str | None: ...


class GroupComparisonLike(Protocol):
    """A comparison of two groups of one organization (an ``OrganizationGap``)."""

    @property
    def column(self) -> str: ...
    @property
    def groups(self) -> tuple[str, str]: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def dimensions(self) -> Mapping[str, ScoreGapLike]: ...
    @property
    def indicators(self) -> Mapping[str, ScoreGapLike]: ...


class RwgLike(Protocol):
    """One agreement index, as ``lomaturity``'s agreement results provide it (``Rwg``)."""

    @property
    def value(self) -> float | None: ...


class AgreementLike(Protocol):
    """Agreement of one organization (an ``OrganizationAgreement``): dimension id ->
    ``rwg(j)``."""

    @property
    def dimensions(self) -> Mapping[str, RwgLike]: ...


def _comparisons(
    value: Iterable[GroupComparisonLike | Mapping[str, GroupComparisonLike]],
) -> tuple[GroupComparisonLike | Mapping[str, GroupComparisonLike], ...]:
    return tuple(value)


def _strings(value: Mapping[str, str]) -> dict[str, str]:
    return dict(value)


@frozen(hash=False)
class Evidence:
    """Results beyond the score report that some conditions need, for one organization.

    Attributes:
        perception_gaps: group comparisons of the organization, e.g.
            ``lomaturity.perception_gap(rubric, responses)[organization]`` (one per role
            pair), or whole ``perception_gap(...)`` results (the report's organization is
            picked from them). ``perception_gap`` conditions read the comparison whose column is
            ``role`` and whose groups are the condition's roles (in either order); a
            comparison of another organization (its ``organization`` attribute) is
            skipped.
        agreement: agreement results: the organization's, e.g.
            ``lomaturity.agreement(rubric, responses)[organization]`` (anything with a
            ``dimensions`` mapping of objects with a ``value``), a whole
            ``lomaturity.agreement(...)`` result (the report's organization is looked up
            in it), or a plain mapping dimension id -> ``rwg(j)``.
        unavailable: evidence that could not be produced: key (``"agreement"`` or
            ``"role:manager/employee"``) -> reason, shown when a condition needs it.
        organization: the organization the evidence is about (set by
            :meth:`from_responses`); :func:`lomaturity.recommend` refuses evidence of
            another organization than the report's. ``None``: not stated.

    Without an ``Evidence``, :func:`lomaturity.recommend` looks in the report's
    ``extras`` under ``"perception_gap"`` and ``"agreement"``. Build one from responses
    with :meth:`from_responses`.
    """

    perception_gaps: tuple[GroupComparisonLike | Mapping[str, GroupComparisonLike], ...] = field(
        default=(), converter=_comparisons
    )
    agreement: AgreementResult | AgreementLike | Mapping[str, float | None] | None = None
    unavailable: dict[str, str] = field(factory=dict, converter=_strings)
    organization: str | None = None

    @classmethod
    def from_responses(
        cls,
        rubric: Rubric,
        responses: Responses,
        organization: str | None = None,
        *,
        seed: int | None = None,
        n_resamples: int = 2000,
        confidence: float = 0.95,
        min_group_size: int = 5,
    ) -> Evidence:
        """Compute the perception gaps the rubric's conditions ask for, and agreement.

        Both use only the rows of ``organization``: the gaps compare its role groups, and
        ``rwg(j)`` is a within-organization index. (The ICCs of
        :func:`lomaturity.agreement`, which compare organizations, are not needed here.)

        Args:
            rubric: the :class:`~lomaturity.Rubric` the responses were read for.
            responses: the :class:`~lomaturity.Responses`.
            organization: which organization; may be omitted when there is only one.
            seed, n_resamples, confidence: for the bootstrap range of each gap. The range
                is always a percentile range (the only kind
                :func:`lomaturity.perception_gap` computes).
            min_group_size: a role group smaller than this is suppressed (anonymity); an
                integer >= 1.

        Raises:
            RecommendationError: an unknown organization, or several organizations and
                none named; a bad ``min_group_size``.
            ScoringError: a bad ``seed``, ``n_resamples`` or ``confidence``.
        """
        from ._recommend import evidence_from_responses

        return evidence_from_responses(
            rubric,
            responses,
            organization,
            seed=seed,
            n_resamples=n_resamples,
            confidence=confidence,
            min_group_size=min_group_size,
        )


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
            "value": _r(self.value),
            "low": _r(self.low),
            "high": _r(self.high),
            "threshold": _r(self.threshold),
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
            "weight": _r(self.weight, 6),
            "current": _r(self.current),
            "target": _r(self.target),
            "target_stage": self.target_stage,
            "gap": _r(self.gap),
            "counted": self.counted,
            "weighted_gap": _r(self.weighted_gap, 6),
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
            "weighted_gap": _r(self.weighted_gap, 6),
            "gain": _r(self.gain, 6),
            "priority": _r(self.priority, 6),
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
class RecommendationResult:
    """The ranked next steps for one organization (:func:`lomaturity.recommend`).

    Attributes:
        steps: the plan, in order: ranked by gain, never before a prerequisite.
        deferred, borderline, not_evaluable: recommendations left out of the plan, with
            the reason (see :class:`Unranked`).
        targets: the target profile resolved for the report, with gaps and progress.
        limit: the ``limit`` asked for: the first ``limit`` triggered steps (with a gain)
            were kept, with the prerequisites they need; ``omitted`` steps were cut.
        notices: warnings a reader must see.

    ``to_dict()`` also holds ``"roadmap"``: the phases as ``{"phase": n, "steps": [ids]}``
    (see :attr:`phase_ids`).
    """

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

    def step(self, recommendation_id: str) -> Step:
        """The step of a recommendation; ``KeyError`` when it is not in the plan."""
        for s in self.steps:
            if s.id == recommendation_id:
                return s
        raise KeyError(recommendation_id)

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
class Roadmap:
    """Recommendations arranged into ordered phases (:func:`lomaturity.roadmap`).

    Phase ``k`` holds the plan steps whose prerequisites are all in phases ``< k`` and at
    least one of them in phase ``k - 1`` (each step as early as its prerequisites allow);
    within a phase, steps keep their plan order.
    """

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
