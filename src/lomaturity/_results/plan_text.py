"""The plain text of a :class:`~lomaturity.RecommendationResult`: what its ``summary()``
returns and the command line prints (``lomaturity recommend``).

It lives with the records, beside ``report_text.py``, for the reason given there; it reads
the result through the protocols below, so that ``plan.py`` can import this module."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol

from .._format import MISSING, number, span, text_block
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._model.targets import TargetProfile
from .report_text import _fmt, _hang, _label, _packed, _range_text, _warnings, _wrapped, identity
from .table_shapes import PlanLike, StepLike, TargetGapLike, TargetsLike


class TargetsText(TargetsLike, Protocol):
    @property
    def profile(self) -> TargetProfile: ...
    @property
    def baseline_organization(self) -> str | None: ...


class TriggerText(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def holds(self) -> bool | None: ...


class ContributionText(Protocol):
    @property
    def indicator(self) -> str: ...
    @property
    def current(self) -> float | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def gap(self) -> float | None: ...
    @property
    def counted(self) -> bool: ...


class StepText(StepLike, Protocol):
    @property
    def evidence(self) -> Sequence[TriggerText]: ...
    @property
    def contributions(self) -> Sequence[ContributionText]: ...


class PlanText(PlanLike, Protocol):
    """A :class:`~lomaturity.RecommendationResult` as its text reads it."""

    @property
    def targets(self) -> TargetsText: ...
    @property
    def steps(self) -> tuple[StepText, ...]: ...
    @property
    def limit(self) -> int | None: ...
    @property
    def omitted(self) -> int: ...
    @property
    def notices(self) -> tuple[Notice, ...]: ...
    @property
    def phase_ids(self) -> tuple[tuple[int, tuple[str, ...]], ...]: ...

    def step(self, recommendation_id: str) -> StepText: ...


def _percent(value: float | None, reached: bool) -> str:
    """A percentage for the table: whole percents, but never "100%" for a target not
    reached (rounded down then), and never "0%" for some progress."""
    if value is None:
        return MISSING
    if not reached and 0 < value < 100:
        return f"{math.floor(value):.0f}%" if value >= 1 else f"{value:.1f}%"
    return f"{value:.0f}%"


def _targets_table(result: PlanText, rubric: Rubric) -> list[str]:
    targets = result.targets
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    rows = [(names[k], g) for k, g in targets.dimensions.items()]
    rows.append(("Overall", targets.overall))
    width = max(len("Overall"), *(len(n) for n, _ in rows))

    def stage_of(g: TargetGapLike) -> str:
        return g.target_stage or ("maintain" if g.basis.startswith("maintain") else MISSING)

    stage_width = max(len("Stage"), *(len(stage_of(g)) for _, g in rows))
    lines = [
        f"  {'Dimension':<{width}}  Score  {'Range':<13}  Target  {'Stage':<{stage_width}}  "
        "  Gap  Reached"
    ]
    for label, g in rows:
        gap = number(g.gap)
        lines.append(
            f"  {label:<{width}}  {_fmt(g.current)}  {_range_text(g.low, g.high):<13}  "
            f"{_fmt(g.target):>6}  {stage_of(g):<{stage_width}}  {gap:>5}  "
            f"{_percent(g.percent_to_target, g.met is not False):>7}"
        )
    if targets.baseline_organization is not None:
        lines += _progress_table(rows, width)
    return lines


def _progress_table(rows: list[tuple[str, TargetGapLike]], width: int) -> list[str]:
    """The change since the baseline with its range, and progress toward the target as set
    at the baseline where it is meaningful (with its range)."""
    lines = [
        "",
        "  Change since the baseline (ranges treat the two surveys as independent samples), and",
        "  progress toward the target as set at the baseline:",
        f"  {'Dimension':<{width}}  Baseline  Target then    Now  {'Change':>6}  "
        f"{'Range':<15}  {'Progress':>8}  Range",
    ]
    for label, g in rows:
        change = g.change
        diff = None if change is None else change.difference
        change_range = MISSING if change is None else span(change.low, change.high, "+.1f")
        progress = _percent(g.progress, g.progress is not None and g.progress >= 100)
        progress_range = span(g.progress_low, g.progress_high, ".0f")
        lines.append(
            f"  {label:<{width}}  {_fmt(g.baseline):>8}  {_fmt(g.baseline_target):>11}  "
            f"{_fmt(g.current)}  {number(diff, '+.1f', 6):>6}  {change_range:<15}  "
            f"{progress:>8}  {progress_range}"
        )
    for label, g in rows:
        if g.progress is None and g.progress_reason:
            lines += _hang(f"note: {label}: progress not given: {g.progress_reason}")
    return lines


def _step_lines(step: StepText) -> list[str]:
    rec = step.recommendation
    lines = _wrapped(f"{step.rank:>2}. ", f"{rec.title}  [{rec.id}]", 2)
    if step.status == "triggered":
        flags = "triggered" + (", UNCERTAIN" if step.uncertain else "")
        gain = (
            f"gain {step.gain:.2f} (weighted gap {step.weighted_gap:.2f} × impact "
            f"{rec.impact} / effort {rec.effort})"
        )
    else:
        flags = "prerequisite — confirm it is in place"
        why = "condition not evaluable" if step.holds is None else "condition does not hold"
        gain = f"gain — ({why})"
    lines += _packed([f"phase {step.phase}", flags, gain, f"helps reach {rec.stage!r}"], 6)
    lines += _wrapped("Do: ", rec.action, 6)
    lines += _wrapped("Why: ", rec.rationale, 6)
    if step.status == "triggered":
        evidence = "; ".join(t.text for t in step.evidence if t.holds or t.holds is None)
        if evidence:
            lines += _wrapped("Evidence: ", evidence, 6)
        counted = [c for c in step.contributions if c.counted and c.gap]
        if counted:
            moves = ", ".join(
                f"{c.indicator} {_fmt(c.current).strip()}→{_fmt(c.target).strip()}" for c in counted
            )
            lines += _wrapped("Moves: ", moves, 6)
    if rec.requires:
        lines += _wrapped("Requires: ", ", ".join(rec.requires), 6)
    if step.note:
        lines += _wrapped("Note: ", step.note, 6)
    return lines


def render_recommendations(result: PlanText, rubric: Rubric) -> str:
    """The next steps of one organization: targets and gaps, the ranked plan with its
    evidence, the roadmap phases, then what was left out and why."""
    title = f"{result.organization} — next steps ({identity(result.rubric_key, rubric)})"
    lines = _hang(title, indent=0)
    lines += _wrapped("Target: ", result.targets.profile.describe(), 2)
    lines += _wrapped(
        "Rank: ",
        "gain = weighted gap × impact / effort; never before a prerequisite "
        "(docs/recommendations.md)",
        2,
    )
    lines.append("")
    lines += _targets_table(result, rubric)
    lines.append("")

    if not result.steps:
        lines += ["  No step brings a gain toward this target.", ""]
    for step in result.steps:
        lines += _step_lines(step)
        lines.append("")
    if result.omitted:
        lines += _hang(
            f"... {result.omitted} more step(s) not shown: --limit {result.limit} shows the "
            f"first {result.limit} triggered step(s) and the prerequisites they need."
        )
        lines.append("")
    if result.steps:
        lines.append("  Roadmap:")
        for number, ids in result.phase_ids:
            shown = [
                i + (" (confirm first)" if result.step(i).status != "triggered" else "")
                for i in ids
            ]
            lines += _wrapped(f"phase {number}: ", ", ".join(shown), 4)
        lines.append("")
    if result.deferred:
        lines.append("  Deferred (the condition holds, but no gain toward this target):")
        ahead = [u for u in result.deferred if u.reason.startswith("it helps reach stage")]
        if ahead:
            later = ", ".join(f"{u.id} (→ {u.recommendation.stage})" for u in ahead)
            lines += _wrapped("- aimed beyond the target: ", later, 4)
            lines += _hang(
                "plan further ahead with a higher target, e.g. --target " + rubric.stages[-1].id,
                indent=6,
            )
        for item in result.deferred:
            if item not in ahead:
                lines += _wrapped(f"- {item.id}: ", item.reason, 4)
        lines.append("")
    for title, items in (
        ("Borderline (might apply: a range reaches the threshold)", result.borderline),
        ("Not evaluable (evidence missing)", result.not_evaluable),
    ):
        if items:
            lines.append(f"  {title}:")
            for item in items:
                lines += _wrapped(f"- {item.id}: ", item.reason, 4)
            lines.append("")
    lines += _warnings(result.notices)
    while lines and not lines[-1]:
        lines.pop()
    return text_block(lines)
