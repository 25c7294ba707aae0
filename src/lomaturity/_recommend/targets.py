"""Target profiles resolved against a report: target, gap, percent to target and progress.

* target of a score: a stage's lower bound, a number, or (default) the lower bound of the
  stage above the current one (at the top stage: the current score, i.e. maintain; an
  indicator of such a dimension below the top stage's lower bound gets that bound);
* gap = ``max(0, target - current)``; percent to target = ``100 * min(current / target, 1)``;
* change since a baseline = ``current - baseline`` with its range (MOVER from the two
  reports' ranges, :func:`~lomaturity._stats.compare.score_contrast`);
* progress since a baseline = ``100 * change / (target_at_baseline - baseline)``, with the
  range of the change scaled the same way; only where the baseline gap is larger than the
  baseline score's own uncertainty (half the width of its range), else ``None`` with a reason.

Formulas: ``docs/recommendations.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import evolve, frozen

from .._hints import did_you_mean, listing
from .._model.rubric import Rubric, Stage
from .._model.targets import NEXT, TargetProfile, TargetSpec, TargetValue
from .._results.common import Score
from .._results.contrast import Contrast
from .._results.plan import (
    TargetGap,
    Targets,
)
from .._results.report import Report, ReportSet
from .._rubrics.fields import is_number
from .._rubrics.migrations import Migrations, require_migration
from .._stats.compare import score_contrast, sound
from .._stats.core import Core, core_of, core_report
from .._types import RUBRIC, expect
from ..exceptions import RecommendationError, RubricError, ScoringError


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
    expect(text, str, "text", "the --target text, e.g. 'established' or 'practice=70'")
    expect(rubric, Rubric, "rubric", RUBRIC)
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
        value = score_of(report.dimensions, dim.id).value
        resolved = _resolve(rubric, spec, value, where)
        out["dimension:" + dim.id] = resolved
        for ind in rubric.indicators_of(dim.id):
            own = score_of(report.indicators, ind.id).value
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


def score_of(scores: Mapping[str, Score], key: str) -> Score:
    try:
        return scores[key]
    except KeyError:
        raise RecommendationError(
            f"the report has no score for {key!r}; was it made with this rubric?"
        ) from None


@frozen
class _Progress:
    """Change and progress of one score since the baseline."""

    baseline: float | None = None
    baseline_target: float | None = None
    change: Contrast | None = None
    progress: float | None = None
    progress_low: float | None = None
    progress_high: float | None = None
    reason: str | None = None


def _no_progress_reason(
    score: Score, baseline: Score, b_target: float | None, change: Contrast
) -> str | None:
    """Why progress toward the baseline's target is not given (``None``: it is)."""
    b_value, current = baseline.value, score.value
    if b_value is None:
        return "no baseline score: " + (baseline.reason or "not scorable")
    if current is None:
        return "no current score: " + (score.reason or "not scorable")
    if b_target is None:
        return "no target could be set at the baseline"
    if b_target <= b_value:
        now = "still met now" if current >= b_target else f"now {b_target - current:.1f} below it"
        return f"no gap at the baseline: {b_value:.1f} already met the target {b_target:.1f}; {now}"
    if change.difference is None:
        return "no range for the change: " + (change.reason or "not scorable")
    half = _half_width(baseline)
    if half is not None and b_target - b_value <= half:
        return (
            f"the baseline {b_value:.1f} was only {b_target - b_value:.1f} below its target "
            f"{b_target:.1f}, within its own uncertainty (±{half:.1f}): a share of so small a "
            f"gap is not meaningful; the change is {change.difference:+.1f} "
            f"[{change.low:+.1f}, {change.high:+.1f}]"
        )
    return None


def _half_width(score: Score) -> float | None:
    """Half the width of a score's range (``None`` without one)."""
    if score.low is None or score.high is None:
        return None
    return (score.high - score.low) / 2.0


def _progress(
    score: Score, baseline: Score, b_target: float | None, confidence: float
) -> _Progress:
    """The change since ``baseline`` (with its range) and, where meaningful, the progress
    toward the target set at the baseline (with the change's range scaled alike)."""
    change = score_contrast(baseline, score, confidence)
    reason = _no_progress_reason(score, baseline, b_target, change)
    out = _Progress(baseline.value, b_target, change, reason=reason)
    d, low, high, b_value = change.difference, change.low, change.high, baseline.value
    if reason is not None or b_target is None or b_value is None:
        return out
    if d is None or low is None or high is None:  # the reason says so
        return out
    scale = 100.0 / (b_target - b_value)
    return _Progress(
        b_value,
        b_target,
        change,
        progress=d * scale,
        progress_low=low * scale,
        progress_high=high * scale,
    )


def _gap(
    subject: str,
    level: Any,
    score: Score,
    resolved: _Resolved,
    baseline: Score | None,
    baseline_resolved: _Resolved | None,
    confidence: float,
) -> TargetGap:
    current, target = score.value, resolved.target
    gap = percent = None
    met = None
    if current is not None and target is not None:
        gap = max(0.0, target - current)
        percent = 100.0 if target <= 0 else 100.0 * min(current / target, 1.0)
        met = current >= target
    since = _Progress()
    if baseline is not None and baseline_resolved is not None:
        since = _progress(score, baseline, baseline_resolved.target, confidence)
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
        baseline=since.baseline,
        baseline_target=since.baseline_target,
        progress=since.progress,
        progress_reason=since.reason,
        change=since.change,
        progress_low=since.progress_low,
        progress_high=since.progress_high,
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
    expect(report, Report, what, "one organization's lomaturity.Report (from lm.score)")


def check_report(rubric: Rubric, report: Report, what: str = "report") -> None:
    """``rubric`` is a rubric and ``report`` one organization's report scored on it (same
    ``id@version`` and, when the report records it, the same content fingerprint)."""
    expect(rubric, Rubric, "rubric", RUBRIC)
    check_report_type(report, what)
    if report.rubric_key != rubric.key:
        raise RecommendationError(
            f"the {what} was scored on rubric {report.rubric_key}, not {rubric.key}; "
            "score it with the same rubric"
        )
    if report.rubric_fingerprint is not None and report.rubric_fingerprint != rubric.fingerprint:
        raise RecommendationError(
            f"the {what} was scored on another rubric that is also called {rubric.key} "
            f"(fingerprint {report.rubric_fingerprint[:19]}, this rubric "
            f"{rubric.fingerprint[:19]}); score it with the same rubric"
        )
    scores = [report.overall, *report.dimensions.values(), *report.indicators.values()]
    broken = [s.id for s in scores if not sound(s)]
    if broken:
        raise RecommendationError(
            f"the {what}'s scores {listing(broken)} are not finite numbers with low <= value "
            "<= high (a report edited by hand?); use the report as lm.score gives it"
        )


def _score_at(report: Report, level: str, subject: str) -> Score:
    """The report's overall score, or the dimension's or indicator's ``subject``."""
    if level == "overall":
        return report.overall
    return score_of(report.dimensions if level == "dimension" else report.indicators, subject)


def _check_same_level(report: Report, baseline: Report) -> None:
    """The change's range combines both reports' ranges: they must share one level."""
    now, then = report.interval.confidence, baseline.interval.confidence
    if now != then:
        raise RecommendationError(
            f"the baseline's ranges are {then * 100:g} % ranges and the report's "
            f"{now * 100:g} %; score "
            "both with the same confidence to measure the change between them"
        )


def baseline_core(
    rubric: Rubric, baseline: Report, baseline_rubric: Rubric | None, migrations: Migrations
) -> Core | None:
    """The linked core of a baseline scored on another rubric version (``None`` when the
    baseline is of ``rubric`` itself); refused, saying how to supply a map, when there is
    none."""
    check_report_type(baseline, "baseline")
    if baseline_rubric is not None:
        expect(baseline_rubric, Rubric, "baseline_rubric", RUBRIC)
    if baseline_rubric is None or baseline_rubric.key == rubric.key:
        if baseline_rubric is None and baseline.rubric_key != rubric.key:
            raise RecommendationError(
                f"the baseline was scored on rubric {baseline.rubric_key}, not {rubric.key}: "
                "measure progress across rubric versions with baseline_rubric= (the rubric "
                "the baseline was scored on) and, unless a bundled migration map links the "
                "two, migrations=path (docs/rubric-versions.md)"
            )
        return None
    check_report(baseline_rubric, baseline, "baseline")
    try:
        return core_of(
            baseline_rubric, rubric, require_migration(baseline_rubric, rubric, migrations)
        )
    except ScoringError as exc:
        raise RecommendationError(str(exc)) from None
    except RubricError as exc:
        raise RecommendationError(f"the migration map: {exc}") from None


def _core_profile(profile: TargetProfile, core: Core) -> TargetProfile:
    """``profile`` with only the dimensions and indicators of the core."""
    dimensions = {d.id for d in core.rubric.dimensions}
    return evolve(
        profile,
        dimensions={k: v for k, v in profile.dimensions.items() if k in dimensions},
        indicators={k: v for k, v in profile.indicators.items() if k in core.ids},
    )


UNLINKED = "not linked to the baseline's rubric by the migration map {key}"
"""The progress reason of a score the linked core does not hold."""


def _across(full: Targets, core_targets: Targets, core: Core) -> Targets:
    """``full`` (the report's targets on its own rubric) with the baseline, change and
    progress of each score taken from the linked core, where the core holds the score."""

    def merged(gap: TargetGap, source: TargetGap | None) -> TargetGap:
        if source is None:
            return evolve(gap, progress_reason=UNLINKED.format(key=core.migration.key))
        return evolve(
            gap,
            baseline=source.baseline,
            baseline_target=source.baseline_target,
            progress=source.progress,
            progress_reason=source.progress_reason,
            change=source.change,
            progress_low=source.progress_low,
            progress_high=source.progress_high,
        )

    return evolve(
        full,
        overall=merged(full.overall, core_targets.overall),
        dimensions={
            k: merged(g, core_targets.dimensions.get(k)) for k, g in full.dimensions.items()
        },
        indicators={
            k: merged(g, core_targets.indicators.get(k)) for k, g in full.indicators.items()
        },
        baseline_organization=core_targets.baseline_organization,
    )


def targets(
    rubric: Rubric,
    report: Report,
    *,
    target: TargetSpec = None,
    baseline: Report | None = None,
    baseline_rubric: Rubric | None = None,
    migrations: Migrations = (),
) -> Targets:
    """Resolve a target profile for a report: target, gap, percent to target and (with a
    ``baseline`` report of an earlier assessment) the change since then, with its range,
    and progress toward the target, per overall / dimension / indicator score.

    Args:
        target: ``None`` (one stage above the current stage), a stage id, a score, a
            mapping ``{"default" | "overall" | dimension id | indicator id: value}`` or a
            :class:`TargetProfile`.
        baseline: an earlier report on the same rubric. Progress is measured toward the
            target as resolved against the baseline (for the default profile: one stage
            above the baseline's stage). The change (``TargetGap.change``) has a range
            from the two reports' ranges, treating them as independent samples (MOVER);
            for two waves answered by the same people, :func:`lomaturity.compare` on the
            responses gives the paired, narrower range. Progress is ``None``, and
            ``progress_reason`` says why, when the baseline already met that target or was
            below it by no more than its own uncertainty (half its range's width).
        baseline_rubric: the rubric the baseline was scored on, when it is another version
            (or the short form): the change and progress are then measured on the linked
            core of a migration map (docs/rubric-versions.md): both reports' dimension and
            overall scores recomputed on the linked indicators, with conservative ranges;
            the gaps and targets stay those of ``report`` on ``rubric``; scores the core does
            not hold get no progress and a ``progress_reason`` saying so.
        migrations: migration maps (or map file paths) to use before the bundled ones.

    Raises:
        RecommendationError: an unknown stage, id or out-of-range score in ``target``, a
            report or baseline scored on another rubric, or a baseline whose ranges have
            another confidence level.
    """
    check_report(rubric, report)
    profile = make_profile(rubric, target)
    if baseline is not None:
        core = baseline_core(rubric, baseline, baseline_rubric, migrations)
        if core is not None:
            _check_same_level(report, baseline)
            now, then = core_report(report, core, "target"), core_report(baseline, core, "source")
            on_core = targets(core.rubric, now, target=_core_profile(profile, core), baseline=then)
            return _across(targets(rubric, report, target=profile), on_core, core)
    resolved = _resolve_all(rubric, report, profile)
    base = None
    if baseline is not None:
        check_report(rubric, baseline, "baseline")
        _check_same_level(report, baseline)
        base = _resolve_all(rubric, baseline, profile)

    def gap(level: Any, subject: str, key: str) -> TargetGap:
        now = _score_at(report, level, subject)
        then = None if baseline is None else _score_at(baseline, level, subject)
        before = None if base is None else base[key]
        return _gap(subject, level, now, resolved[key], then, before, report.interval.confidence)

    overall = gap("overall", "overall", "overall")
    dims = {d.id: gap("dimension", d.id, "dimension:" + d.id) for d in rubric.dimensions}
    inds = {i.id: gap("indicator", i.id, i.id) for i in rubric.indicators}
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
