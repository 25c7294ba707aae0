"""Targets, gaps, progress, condition evaluation, ranking and roadmaps.

The formulas are documented in ``docs/recommendations.md``; in short:

* target of a score: a stage's lower bound, a number, or (default) the lower bound of the
  stage above the current one (at the top stage: the current score, i.e. maintain; an
  indicator of such a dimension below the top stage's lower bound gets that bound);
* gap = ``max(0, target - current)``; percent to target = ``100 * min(current / target, 1)``;
  progress since a baseline = ``100 * (current - baseline) / (target_at_baseline - baseline)``;
* a step's gain = ``sum_i w_i * gap_i * impact / effort`` over the indicators it addresses,
  ``w_i`` being indicator ``i``'s share of the overall score;
* conditions are judged on the point estimates; a confidence range that straddles a
  threshold makes the verdict *uncertain*;
* the plan holds the triggered steps with a gain plus their (transitive) prerequisites
  (to confirm; not counted by ``limit``), ordered by a
  prerequisite-respecting topological sort that picks, among the steps whose prerequisites
  are placed, the one with the highest priority (its own gain or that of a step that
  needs it, whichever is larger).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import frozen

from .._hints import did_you_mean
from .._model.conditions import (
    AllOf,
    AnyOf,
    Condition,
    DimensionBelow,
    DimensionsBelowCount,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Recommendation,
)
from .._model.notice import Notice
from .._model.rubric import Rubric, Stage
from .._model.targets import NEXT, TargetProfile, TargetSpec, TargetValue
from .._results.agreement import AgreementResult
from .._results.common import Score
from .._results.plan import (
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
from .._results.report import Report, ReportSet
from .._rubrics.fields import is_number
from ..exceptions import RecommendationError
from .evidence import Evidence

__all__ = [
    "evaluate",
    "indicator_shares",
    "parse_target",
    "recommend",
    "roadmap",
    "targets",
]


# --------------------------------------------------------------------------- targets


def _check_target_value(rubric: Rubric, key: str, value: object) -> TargetValue:
    if isinstance(value, str):
        if value == NEXT or value in {s.id for s in rubric.stages}:
            return value
        stages = [s.id for s in rubric.stages]
        hint = did_you_mean(value, [*stages, NEXT])
        raise RecommendationError(
            f"target {key}: {value!r} is neither a stage id nor 'next' nor a score"
            + (f" ({hint})" if hint else "")
            + "; stages: "
            + ", ".join(stages)
        )
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if not (math.isfinite(number) and 0 <= number <= 100):
            raise RecommendationError(f"target {key}: {value!r} is not a score within 0..100")
        return number
    raise RecommendationError(
        f"target {key}: {value!r} is not a stage id, 'next' or a score within 0..100"
    )


def make_profile(rubric: Rubric, target: TargetSpec) -> TargetProfile:
    """Validate ``target`` against the rubric and return it as a :class:`TargetProfile`."""
    if target is None:
        return TargetProfile()
    if isinstance(target, TargetProfile):
        profile = target
    elif isinstance(target, str | int | float) and not isinstance(target, bool):
        profile = TargetProfile(default=target)
    elif isinstance(target, Mapping):
        default = overall = None
        dims: dict[str, TargetValue] = {}
        inds: dict[str, TargetValue] = {}
        dimension_ids = {d.id for d in rubric.dimensions}
        indicator_ids = set(rubric.indicator_ids)
        for key, value in target.items():
            if key == "default":
                default = value
            elif key == "overall":
                overall = value
            elif key in dimension_ids:
                dims[key] = value
            elif key in indicator_ids:
                inds[key] = value
            else:
                hint = did_you_mean(key, [*dimension_ids, *indicator_ids, "overall", "default"])
                raise RecommendationError(
                    f"target: {key!r} is not 'default', 'overall', a dimension id or an "
                    "indicator id of rubric " + rubric.key + (f" ({hint})" if hint else "")
                )
        profile = TargetProfile(default, overall, dims, inds)
    else:
        raise RecommendationError(
            f"target: {target!r} is not a stage id, a score, a mapping or a TargetProfile"
        )
    return TargetProfile(
        default=None
        if profile.default is None
        else _check_target_value(rubric, "default", profile.default),
        overall=None
        if profile.overall is None
        else _check_target_value(rubric, "overall", profile.overall),
        dimensions={
            k: _check_target_value(rubric, k, v) for k, v in _known(profile.dimensions, rubric)
        },
        indicators={
            k: _check_target_value(rubric, k, v)
            for k, v in _known(profile.indicators, rubric, indicators=True)
        },
    )


def _known(
    values: Mapping[str, TargetValue], rubric: Rubric, *, indicators: bool = False
) -> Iterable[tuple[str, TargetValue]]:
    known = rubric.indicator_ids if indicators else tuple(d.id for d in rubric.dimensions)
    what = "an indicator" if indicators else "a dimension"
    for key, value in values.items():
        if key not in known:
            hint = did_you_mean(key, known)
            raise RecommendationError(
                f"target: {key!r} is not {what} of rubric {rubric.key}"
                + (f" ({hint})" if hint else "")
            )
        yield key, value


def parse_target(text: str, rubric: Rubric) -> TargetProfile:
    """Parse the command line's ``--target``: ``established``, ``70``, ``next``, or
    ``practice=established,strategy=70,pr_self_service=60,default=developing``."""
    text = text.strip()
    if not text:
        raise RecommendationError("target: empty; give a stage id, a score or key=value pairs")

    def value_of(raw: str) -> TargetValue:
        raw = raw.strip()
        try:
            return float(raw)
        except ValueError:
            return raw

    if "=" not in text:
        return make_profile(rubric, value_of(text))
    pairs: dict[str, TargetValue] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise RecommendationError(
                f"target: {part.strip()!r} is not key=value (e.g. practice=established)"
            )
        if key.strip() in pairs:
            raise RecommendationError(f"target: {key.strip()!r} is given twice")
        pairs[key.strip()] = value_of(value)
    return make_profile(rubric, pairs)


def _next_rule(rubric: Rubric, value: float) -> tuple[float, str, str | None, bool]:
    """(target, basis, target stage, maintain) of the default rule for a score."""
    stage = rubric.stage_for(value)
    if stage.level == len(rubric.stages):
        return value, f"maintain: already at the top stage {stage.id!r}", None, True
    nxt = rubric.stages[stage.level]
    return nxt.lower, f"next stage {nxt.id!r}", nxt.id, False


@frozen
class _Resolved:
    target: float | None
    basis: str
    stage: str | None
    maintain: bool = False


def _resolve(
    rubric: Rubric, spec: TargetValue | None, value: float | None, where: str
) -> _Resolved:
    if spec is None or spec == NEXT:
        if value is None:
            return _Resolved(None, "next stage: not scorable, so no current stage", None)
        target, basis, stage, maintain = _next_rule(rubric, value)
        return _Resolved(target, basis, stage, maintain)
    if isinstance(spec, str):
        stage_obj: Stage = rubric.stage(spec)
        return _Resolved(stage_obj.lower, f"stage {spec!r} ({where})", spec)
    return _Resolved(float(spec), f"score {spec:g} ({where})", None)


def _resolve_all(rubric: Rubric, report: Report, profile: TargetProfile) -> dict[str, _Resolved]:
    out: dict[str, _Resolved] = {}
    spec = profile.overall if profile.overall is not None else profile.default
    where = "set for overall" if profile.overall is not None else "default"
    out["overall"] = _resolve(rubric, spec, report.overall.value, where)
    for dim in rubric.dimensions:
        spec = profile.dimensions.get(dim.id, profile.default)
        where = "set for the dimension" if dim.id in profile.dimensions else "default"
        value = _score(report.dimensions, dim.id).value
        resolved = _resolve(rubric, spec, value, where)
        out["dimension:" + dim.id] = resolved
        for ind in rubric.indicators_of(dim.id):
            own = _score(report.indicators, ind.id).value
            if ind.id in profile.indicators:
                out[ind.id] = _resolve(
                    rubric, profile.indicators[ind.id], own, "set for the indicator"
                )
            elif resolved.maintain:
                out[ind.id] = _maintain_indicator(rubric, dim.id, value, own)
            else:
                out[ind.id] = _Resolved(
                    resolved.target, f"dimension {dim.id!r}: {resolved.basis}", resolved.stage
                )
    return out


def _maintain_indicator(
    rubric: Rubric, dimension: str, dimension_value: float | None, own: float | None
) -> _Resolved:
    """The target of an indicator whose dimension is at the top stage (maintain).

    The dimension keeps its stage, so each of its indicators should be at least at the
    lower bound of that stage: an indicator below it gets that bound as its target (a
    real gap, toward the top stage); one at or above it keeps its own score (maintain).
    """
    assert dimension_value is not None  # maintain needs a current stage
    top = rubric.stage_for(dimension_value)
    if own is None or own < top.lower:
        return _Resolved(
            top.lower,
            f"dimension {dimension!r} is at the top stage {top.id!r}: keep every indicator "
            f"at least at its lower bound {top.lower:g}",
            top.id,
        )
    return _Resolved(
        own, f"maintain: dimension {dimension!r} is at the top stage {top.id!r}", None, True
    )


def _score(scores: Mapping[str, Score], key: str) -> Score:
    try:
        return scores[key]
    except KeyError:
        raise RecommendationError(
            f"the report has no score for {key!r}; was it made with this rubric?"
        ) from None


def _gap(
    subject: str,
    level: Any,
    score: Score,
    resolved: _Resolved,
    baseline: Score | None,
    baseline_resolved: _Resolved | None,
) -> TargetGap:
    current, target = score.value, resolved.target
    gap = percent = None
    met = None
    if current is not None and target is not None:
        gap = max(0.0, target - current)
        percent = 100.0 if target <= 0 else 100.0 * min(current / target, 1.0)
        met = current >= target
    b_value = b_target = progress = None
    reason = None
    if baseline is not None and baseline_resolved is not None:
        b_value, b_target = baseline.value, baseline_resolved.target
        if b_value is None:
            reason = "no baseline score: " + (baseline.reason or "not scorable")
        elif current is None:
            reason = "no current score: " + (score.reason or "not scorable")
        elif b_target is None:
            reason = "no target could be set at the baseline"
        elif b_target <= b_value:
            now = (
                "still met now" if current >= b_target else f"now {b_target - current:.1f} below it"
            )
            reason = (
                f"no gap at the baseline: {b_value:.1f} already met the target "
                f"{b_target:.1f}; {now}"
            )
        else:
            progress = 100.0 * (current - b_value) / (b_target - b_value)
    return TargetGap(
        subject=subject,
        level=level,
        current=current,
        low=score.low,
        high=score.high,
        target=target,
        basis=resolved.basis,
        target_stage=resolved.stage,
        gap=gap,
        percent_to_target=percent,
        met=met,
        baseline=b_value,
        baseline_target=b_target,
        progress=progress,
        progress_reason=reason,
    )


def check_report_type(report: object, what: str = "report") -> None:
    """Refuse anything but one organization's :class:`Report`, with a hint for the usual
    mistake of passing the whole :class:`ReportSet`."""
    if isinstance(report, Report):
        return
    if isinstance(report, ReportSet):
        names = list(report)
        example = names[0] if names else "name"
        raise RecommendationError(
            f"{what}: got a ReportSet of {len(names)} organization(s); pass one "
            f"organization's report, e.g. reports[{example!r}]"
        )
    raise RecommendationError(f"{what}: {type(report).__name__} is not a Report")


def _check_report(rubric: Rubric, report: Report, what: str = "report") -> None:
    check_report_type(report, what)
    if report.rubric_key != rubric.key:
        raise RecommendationError(
            f"the {what} was scored on rubric {report.rubric_key}, not {rubric.key}; "
            "score it with the same rubric"
        )


def targets(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    baseline: Report | None = None,
) -> Targets:
    """Resolve a target profile for a report: target, gap, percent to target and (with a
    ``baseline`` report of an earlier assessment) progress, per overall / dimension /
    indicator score.

    Args:
        target: ``None`` (one stage above the current stage), a stage id, a score, a
            mapping ``{"default" | "overall" | dimension id | indicator id: value}`` or a
            :class:`TargetProfile`.
        baseline: an earlier report on the same rubric. Progress is measured toward the
            target as resolved against the baseline (for the default profile: one stage
            above the baseline's stage); when the baseline already met that target,
            progress is ``None`` and ``progress_reason`` says so.

    Raises:
        RecommendationError: an unknown stage, id or out-of-range score in ``target``, or
            a report or baseline scored on another rubric.
    """
    _check_report(rubric, report)
    profile = make_profile(rubric, target)
    resolved = _resolve_all(rubric, report, profile)
    base = None
    if baseline is not None:
        _check_report(rubric, baseline, "baseline")
        base = _resolve_all(rubric, baseline, profile)

    def gap(subject: str, level: Any, key: str, score: Score, b: Score | None) -> TargetGap:
        return _gap(subject, level, score, resolved[key], b, None if base is None else base[key])

    overall = gap(
        "overall",
        "overall",
        "overall",
        report.overall,
        None if baseline is None else baseline.overall,
    )
    dims = {
        d.id: gap(
            d.id,
            "dimension",
            "dimension:" + d.id,
            _score(report.dimensions, d.id),
            None if baseline is None else _score(baseline.dimensions, d.id),
        )
        for d in rubric.dimensions
    }
    inds = {
        i.id: gap(
            i.id,
            "indicator",
            i.id,
            _score(report.indicators, i.id),
            None if baseline is None else _score(baseline.indicators, i.id),
        )
        for i in rubric.indicators
    }
    return Targets(
        rubric_key=rubric.key,
        organization=report.organization,
        profile=profile,
        overall=overall,
        dimensions=dims,
        indicators=inds,
        baseline_organization=None if baseline is None else baseline.organization,
    )


def indicator_shares(rubric: Rubric) -> dict[str, float]:
    """Each indicator's nominal share of the overall score (the shares sum to 1):
    its weight within its dimension times its dimension's weight among the dimensions."""
    total = sum(d.weight for d in rubric.dimensions)
    out: dict[str, float] = {}
    for dim in rubric.dimensions:
        members = rubric.indicators_of(dim.id)
        within = sum(i.weight for i in members)
        for ind in members:
            out[ind.id] = (ind.weight / within) * (dim.weight / total)
    return out


# --------------------------------------------------------------------------- evaluation


@frozen
class Evaluation:
    """A condition's verdict: ``holds`` on the point estimates (``None`` = not evaluable),
    whether the confidence ranges allow it to be true / false, and the leaf evidence."""

    holds: bool | None
    can_hold: bool
    can_fail: bool
    triggers: tuple[Trigger, ...]

    @property
    def uncertain(self) -> bool:
        """The ranges allow both verdicts."""
        return self.holds is not None and self.can_hold and self.can_fail


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _range(score: Score) -> str:
    if score.low is None or score.high is None:
        return ""
    return f" [{score.low:.1f}, {score.high:.1f}]"


def _threshold(rubric: Rubric, stage: str | None, score: float | None) -> tuple[float, str]:
    if stage is not None:
        lower = rubric.stage(stage).lower
        return lower, f"{lower:g} (stage {stage!r})"
    assert score is not None
    return float(score), f"{score:g}"


def _below(
    kind: str, subject: str, score: Score, threshold: float, label: str, name: str
) -> Evaluation:
    value = score.value
    if value is None:
        reason = f"{name} is not scorable: {score.reason or 'no score'}"
        trigger = Trigger(kind, subject, None, False, reason, threshold=threshold, reason=reason)
        return Evaluation(None, True, True, (trigger,))
    low = value if score.low is None else score.low
    high = value if score.high is None else score.high
    holds = value < threshold
    can_hold, can_fail = low < threshold, high >= threshold
    text = f"{name} {value:.1f}{_range(score)} {'<' if holds else '≥'} {label}"
    if can_hold and can_fail:
        text += f" — uncertain: the range straddles {threshold:g}"
    trigger = Trigger(
        kind, subject, holds, can_hold and can_fail, text, value, low, high, threshold
    )
    return Evaluation(holds, can_hold, can_fail, (trigger,))


def _count(rubric: Rubric, report: Report, condition: DimensionsBelowCount) -> Evaluation:
    threshold, label = _threshold(rubric, condition.stage, condition.score)
    ids = condition.dimensions or tuple(d.id for d in rubric.dimensions)
    below: list[str] = []
    straddling: list[str] = []  # ranges that reach the threshold from either side
    certain = possible = unknown = 0
    for dim_id in ids:
        s = _score(report.dimensions, dim_id)
        if s.value is None:
            unknown += 1
            continue
        low = s.value if s.low is None else s.low
        high = s.value if s.high is None else s.high
        if s.value < threshold:
            below.append(f"{dim_id} {s.value:.1f}{_range(s)}")
        if low < threshold <= high:
            straddling.append(f"{dim_id} {s.value:.1f}{_range(s)}")
        certain += high < threshold
        possible += low < threshold
    k = condition.count
    n = len(below)
    if n >= k:
        holds: bool | None = True
    elif n + unknown >= k:
        holds = None
    else:
        holds = False
    can_hold, can_fail = possible + unknown >= k, certain < k
    listed = "; ".join(below) if below else "none"
    text = (
        f"{n} of {len(ids)} dimensions below {label}, need ≥ {k}"
        f" ({'holds' if holds else 'does not hold' if holds is False else 'undecided'})"
        f": {listed}"
    )
    if holds is not None and can_hold and can_fail:
        text += f" — uncertain: given the ranges between {certain} and {possible} are below"
        if straddling:
            text += f"; ranges reaching {threshold:g}: " + "; ".join(straddling)
    reason = None
    if holds is None:
        reason = f"{unknown} dimension(s) not scorable; they could decide the count"
        text += f"; {reason}"
    trigger = Trigger(
        condition.kind,
        ",".join(ids),
        holds,
        holds is not None and can_hold and can_fail,
        text,
        float(n),
        float(certain),
        float(possible + unknown),
        float(k),
        reason,
    )
    return Evaluation(holds, can_hold, can_fail, (trigger,))


def _extras(report: Report, key: str) -> Any:
    return report.extras.get(key)


def _comparisons(evidence: Evidence | None, report: Report) -> tuple[list[Any], list[str]]:
    """The group comparisons of the report's organization, and the organizations of the
    comparisons that were skipped because they are of another organization."""
    found: list[Any] = []
    others: list[str] = []
    sources: list[Any] = [] if evidence is None else list(evidence.perception_gaps)
    sources.append(_extras(report, "perception_gap"))
    candidates: list[Any] = []
    for source in sources:
        if source is None:
            continue
        if hasattr(source, "groups") and hasattr(source, "dimensions"):
            candidates.append(source)
        elif isinstance(source, Mapping) and report.organization in source:
            candidates.append(source[report.organization])
        elif isinstance(source, list | tuple):
            candidates.extend(s for s in source if hasattr(s, "groups"))
    for comparison in candidates:
        org = getattr(comparison, "organization", None)
        if isinstance(org, str) and org != report.organization:
            if org not in others:
                others.append(org)
            continue
        found.append(comparison)
    return found, others


def _perception(
    condition: PerceptionGapAtLeast, report: Report, evidence: Evidence | None
) -> Evaluation:
    first, second = condition.roles
    subject = condition.subject
    kind = condition.kind

    def missing(reason: str) -> Evaluation:
        text = f"{subject}: gap {first} − {second} not evaluable: {reason}"
        trigger = Trigger(
            kind, subject, None, False, text, threshold=condition.min_gap, reason=reason
        )
        return Evaluation(None, True, True, (trigger,))

    match = None
    sign = 1.0
    comparisons, others = _comparisons(evidence, report)
    for comparison in comparisons:
        column = getattr(comparison, "column", "role")
        groups = tuple(getattr(comparison, "groups", ()))
        if column != "role" or set(groups) != {first, second}:
            continue
        match = comparison
        sign = 1.0 if groups[0] == first else -1.0
        break
    if match is None:
        if evidence is not None:
            for key in (f"role:{first}/{second}", f"role:{second}/{first}"):
                if key in evidence.unavailable:
                    return missing(evidence.unavailable[key])
        if others:
            return missing(
                "the per-role results given are of organization "
                + " / ".join(repr(o) for o in others)
                + f", not {report.organization!r}"
            )
        return missing(
            f"no per-role results for roles {first!r} and {second!r}; pass "
            "evidence=Evidence.from_responses(rubric, responses, organization) (the command "
            "line does this) or attach lomaturity.perception_gap(...)[organization] as "
            "report.extras['perception_gap']"
        )
    if getattr(match, "suppressed", False):
        return missing(str(getattr(match, "reason", None) or "the comparison is suppressed"))
    table = match.dimensions if condition.dimension is not None else match.indicators
    gap = table.get(subject) if isinstance(table, Mapping) else None
    if gap is None or gap.difference is None:
        return missing(str(getattr(gap, "reason", None) or f"no gap for {subject!r}"))
    d = sign * gap.difference
    low_raw = d if gap.low is None else gap.low
    high_raw = d if gap.high is None else gap.high
    low, high = (low_raw, high_raw) if sign > 0 else (-high_raw, -low_raw)
    a, b = (gap.first, gap.second) if sign > 0 else (gap.second, gap.first)
    threshold = condition.min_gap
    holds = d >= threshold
    can_hold, can_fail = high >= threshold, low < threshold
    text = (
        f"{subject}: {first} {_f(a)} vs {second} {_f(b)}: gap {d:.1f} [{low:.1f}, {high:.1f}] "
        f"{'≥' if holds else '<'} {threshold:g}"
    )
    if can_hold and can_fail:
        text += f" — uncertain: the range straddles {threshold:g}"
    trigger = Trigger(kind, subject, holds, can_hold and can_fail, text, d, low, high, threshold)
    return Evaluation(holds, can_hold, can_fail, (trigger,))


def _rwg_entry(entry: Any) -> tuple[float | None, str | None]:
    if is_number(entry):
        return float(entry), None
    value: Any
    reason: Any
    if isinstance(entry, Mapping):
        value = entry.get("value")
        reason = entry.get("reason")
    else:
        value = getattr(entry, "value", None)
        reason = getattr(entry, "reason", None)
    return (float(value) if is_number(value) else None), (None if reason is None else str(reason))


def _other_organization(given: str, wanted: str) -> str:
    return f"the agreement results given are of organization {given!r}, not {wanted!r}"


def _agreement_lookup(
    source: Any, organization: str, dimension: str
) -> tuple[bool, float | None, str | None]:
    """(found, rwg(j), reason) for one dimension from any of the accepted shapes.

    Accepted: an organization's agreement (``dimensions`` mapping of objects with a
    ``value``; one of another organization is skipped), a mapping organization -> such
    (e.g. a whole :class:`~lomaturity.AgreementResult`), a mapping dimension id ->
    ``rwg(j)`` (a number, or a mapping or object with ``value``), or the ``to_dict()`` of
    an organization's agreement. When nothing is found, ``reason`` may say why.
    """
    if source is None:
        return False, None, None
    if isinstance(source, Mapping) and organization in source:
        inner = source[organization]
        if not is_number(inner) and inner is not None:
            return _agreement_lookup(inner, organization, dimension)
    if isinstance(source, AgreementResult):
        return (
            False,
            None,
            f"the agreement results hold no organization {organization!r}"
            + f" (they hold {', '.join(repr(o) for o in list(source)[:5])})",
        )
    table = getattr(source, "dimensions", None)
    if isinstance(table, Mapping):
        org = getattr(source, "organization", organization)
        if isinstance(org, str) and org != organization:
            return False, None, _other_organization(org, organization)
        if dimension not in table:
            return False, None, None
        return (True, *_rwg_entry(table[dimension]))
    if isinstance(source, Mapping):
        org = source.get("organization")
        if isinstance(org, str) and org != organization:
            return False, None, _other_organization(org, organization)
        if isinstance(source.get("rwg_j"), Mapping):
            return _agreement_lookup(source["rwg_j"], organization, dimension)
        if dimension in source:
            return (True, *_rwg_entry(source[dimension]))
    return False, None, None


def _agreement(condition: LowAgreement, report: Report, evidence: Evidence | None) -> Evaluation:
    dim = condition.dimension
    kind = condition.kind
    sources: list[Any] = [] if evidence is None else [evidence.agreement]
    sources.append(_extras(report, "agreement"))
    value: float | None = None
    undefined: str | None = None  # the first source that has the dimension but no value
    skipped: str | None = None  # why a source did not apply (e.g. another organization)
    found_any = False
    for source in sources:
        found, candidate, reason = _agreement_lookup(source, report.organization, dim)
        if found and candidate is not None:
            value = candidate
            break
        if found:
            found_any = True
            if undefined is None:
                undefined = reason or "no value"
        elif reason is not None and skipped is None:
            skipped = reason
    if value is None:
        if found_any:
            reason = f"rwg(j) of {dim!r} is undefined: {undefined}"
        elif evidence is not None and "agreement" in evidence.unavailable:
            reason = evidence.unavailable["agreement"]
        elif skipped is not None:
            reason = skipped
        else:
            reason = (
                "no agreement results; pass evidence=Evidence.from_responses(rubric, "
                "responses, organization) (the command line does this) or attach "
                "lomaturity.agreement(...)[organization] as report.extras['agreement']"
            )
        text = f"{dim}: agreement not evaluable: {reason}"
        trigger = Trigger(
            kind, dim, None, False, text, threshold=condition.threshold, reason=reason
        )
        return Evaluation(None, True, True, (trigger,))
    holds = value < condition.threshold
    text = f"{dim}: rwg(j) {value:.2f} {'<' if holds else '≥'} {condition.threshold:g}"
    trigger = Trigger(kind, dim, holds, False, text, value, value, value, condition.threshold)
    return Evaluation(holds, holds, not holds, (trigger,))


def evaluate(
    rubric: Rubric, report: Report, condition: Condition, evidence: Evidence | None = None
) -> Evaluation:
    """Evaluate a condition against a report (and optional extra evidence)."""
    if isinstance(condition, AllOf | AnyOf):
        parts = [evaluate(rubric, report, c, evidence) for c in condition.conditions]
        verdicts = [p.holds for p in parts]
        triggers = tuple(t for p in parts for t in p.triggers)
        if isinstance(condition, AllOf):
            holds = False if False in verdicts else None if None in verdicts else True
            return Evaluation(
                holds,
                all(p.can_hold for p in parts),
                any(p.can_fail for p in parts),
                triggers,
            )
        holds = True if True in verdicts else None if None in verdicts else False
        return Evaluation(
            holds, any(p.can_hold for p in parts), all(p.can_fail for p in parts), triggers
        )
    if isinstance(condition, DimensionBelow):
        threshold, label = _threshold(rubric, condition.stage, condition.score)
        score = _score(report.dimensions, condition.dimension)
        return _below(
            condition.kind, condition.dimension, score, threshold, label, condition.dimension
        )
    if isinstance(condition, IndicatorBelow):
        threshold, label = _threshold(rubric, condition.stage, condition.score)
        score = _score(report.indicators, condition.indicator)
        return _below(
            condition.kind, condition.indicator, score, threshold, label, condition.indicator
        )
    if isinstance(condition, OverallBelow):
        threshold, label = _threshold(rubric, condition.stage, condition.score)
        return _below(condition.kind, "overall", report.overall, threshold, label, "overall")
    if isinstance(condition, DimensionsBelowCount):
        return _count(rubric, report, condition)
    if isinstance(condition, PerceptionGapAtLeast):
        return _perception(condition, report, evidence)
    if isinstance(condition, LowAgreement):
        return _agreement(condition, report, evidence)
    raise RecommendationError(f"unknown condition {condition!r}")


# --------------------------------------------------------------------------- planning


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


def _contributions(
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
class _Plan:
    steps: tuple[Step, ...]
    deferred: tuple[Unranked, ...]
    borderline: tuple[Unranked, ...]
    not_evaluable: tuple[Unranked, ...]
    targets: Targets
    evaluations: dict[str, Evaluation]
    notices: tuple[Notice, ...]


def _reasons(evaluation: Evaluation) -> str:
    """The distinct reasons why leaves are not evaluable (one per reason, in order)."""
    reasons = dict.fromkeys(t.reason for t in evaluation.triggers if t.reason)
    return "; ".join(reasons) or "evidence missing"


def _summary(evaluation: Evaluation) -> str:
    return "; ".join(t.text for t in evaluation.triggers)


def plan(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    baseline: Report | None = None,
    evidence: Evidence | None = None,
) -> _Plan:
    """The full ordered plan (no limit) with every evaluation."""
    _check_report(rubric, report)
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
    by_id = _check_rubric(rubric)
    resolved = targets(rubric, report, target=target, baseline=baseline)
    shares = indicator_shares(rubric)
    order = {r.id: i for i, r in enumerate(rubric.recommendations)}
    evaluations = {r.id: evaluate(rubric, report, r.when, evidence) for r in rubric.recommendations}
    contributions: dict[str, tuple[Contribution, ...]] = {}
    weighted: dict[str, float] = {}
    gains: dict[str, float] = {}
    for rec in rubric.recommendations:
        parts, total = _contributions(rubric, rec, shares, resolved)
        contributions[rec.id] = parts
        weighted[rec.id] = total
        gains[rec.id] = total * rec.impact / rec.effort
    triggered = {r.id for r in rubric.recommendations if evaluations[r.id].holds is True}
    seeds = [r.id for r in rubric.recommendations if r.id in triggered and gains[r.id] > 0]
    members = set(seeds)
    stack = list(seeds)
    while stack:
        for prerequisite in by_id[stack.pop()].requires:
            if prerequisite not in members:
                members.add(prerequisite)
                stack.append(prerequisite)

    needed_by: dict[str, list[str]] = {m: [] for m in members}
    for rec_id in sorted(members, key=order.__getitem__):
        for prerequisite in by_id[rec_id].requires:
            needed_by[prerequisite].append(rec_id)
    # A step's own gain counts for ordering only when it is triggered and brings a gain.
    own = {m: gains[m] if m in seeds else 0.0 for m in members}
    priority: dict[str, float] = {}
    for rec_id in members:
        work = [rec_id]  # iterative post-order over the steps that need rec_id
        while work:
            node = work[-1]
            pending = [d for d in needed_by[node] if d not in priority]
            if pending:
                work.extend(pending)
                continue
            work.pop()
            priority[node] = max([own[node], *(priority[d] for d in needed_by[node])])

    def key(m: str) -> tuple[float, float, int, str]:
        return (-priority[m], -own[m], order[m], m)

    remaining = {m: sum(1 for p in by_id[m].requires if p in members) for m in members}
    heap = [key(m) for m in members if remaining[m] == 0]
    heapq.heapify(heap)
    placed: list[str] = []
    phase: dict[str, int] = {}
    while heap:
        rec_id = heapq.heappop(heap)[-1]
        placed.append(rec_id)
        phase[rec_id] = 1 + max(
            (phase[p] for p in by_id[rec_id].requires if p in members), default=0
        )
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

    steps = []
    for rank, rec_id in enumerate(placed, start=1):
        rec = by_id[rec_id]
        ev = evaluations[rec_id]
        is_triggered = rec_id in triggered
        dependents = tuple(needed_by[rec_id])
        notes = []
        if is_triggered and ev.uncertain:
            unsure = sorted({t.subject for t in ev.triggers if t.uncertain})
            notes.append(
                "Uncertain trigger: the confidence range of "
                + ", ".join(unsure)
                + " straddles its threshold, so the condition holds on the estimates but "
                "might not hold. Confirm before investing heavily."
            )
        if is_triggered and rec_id not in seeds:
            notes.append(
                f"No gain of its own ({_deferral(rec, contributions[rec_id])}); listed "
                f"because {', '.join(dependents)} require(s) it."
            )
        if not is_triggered:
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
        steps.append(
            Step(
                recommendation=rec,
                rank=rank,
                phase=phase[rec_id],
                status="triggered" if is_triggered else "prerequisite",
                uncertain=is_triggered and ev.uncertain,
                evidence=ev.triggers,
                weighted_gap=weighted[rec_id],
                gain=gains[rec_id],
                priority=priority[rec_id],
                contributions=contributions[rec_id],
                needed_by=dependents,
                note=" ".join(notes) or None,
                holds=ev.holds,
            )
        )

    deferred = []
    borderline = []
    not_evaluable = []
    for rec in rubric.recommendations:
        if rec.id in members:
            continue
        ev = evaluations[rec.id]
        if rec.id in triggered:
            reason = _deferral(rec, contributions[rec.id])
            deferred.append(Unranked(rec, "deferred", ev.triggers, reason))
        elif ev.holds is None:
            not_evaluable.append(Unranked(rec, "not_evaluable", ev.triggers, _reasons(ev)))
        elif ev.can_hold:
            unsure = [t.text for t in ev.triggers if t.uncertain] or [_summary(ev)]
            borderline.append(
                Unranked(
                    rec,
                    "borderline",
                    ev.triggers,
                    "does not hold on the estimates, but a confidence range reaches the "
                    "threshold: " + "; ".join(unsure),
                )
            )

    notices = list(report.notices)
    if baseline is not None and baseline.organization != report.organization:
        notices.append(
            Notice(
                "baseline_other_organization",
                f"progress is measured against a baseline of organization "
                f"{baseline.organization!r}, not {report.organization!r}",
            )
        )
    return _Plan(
        tuple(steps),
        tuple(deferred),
        tuple(borderline),
        tuple(not_evaluable),
        resolved,
        evaluations,
        tuple(notices),
    )


def _check_limit(limit: object) -> int | None:
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise RecommendationError(f"limit: {limit!r} is not an integer >= 1 or None")
    return limit


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
) -> RecommendationResult:
    """The rubric's recommendations that apply to a report, ranked, with their evidence.

    A recommendation is *triggered* when its condition holds on the report's point
    estimates; when a confidence range straddles a threshold the step is marked
    ``uncertain``. Triggered steps are ranked by expected gain toward the target,
    ``sum_i w_i * max(0, target_i - current_i) * impact / effort`` over the indicators it
    addresses (``w_i`` = the indicator's share of the overall score), and ordered so that
    no step comes before its prerequisites; prerequisites that are not triggered
    themselves are included with status ``"prerequisite"``. Recommendations whose
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
            ``low_agreement`` conditions (see :class:`Evidence`); by default taken from
            ``report.extras``.

    Raises:
        RecommendationError: a bad target or limit, or a report on another rubric.
    """
    checked = _check_limit(limit)
    full = plan(rubric, report, target=target, baseline=baseline, evidence=evidence)
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
    )


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
) -> Roadmap:
    """The plan of :func:`recommend` arranged into ordered phases.

    Phase 1 holds the steps with no prerequisite in the plan; phase ``k`` the steps whose
    prerequisites are all in phases ``< k`` (each step as early as its prerequisites
    allow). Arguments as for :func:`recommend`; ``limit`` cuts the plan (as there)
    before phasing.
    """
    result = recommend(
        rubric, report, target=target, limit=limit, baseline=baseline, evidence=evidence
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
