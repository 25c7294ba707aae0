"""Plain-text rendering of reports for the command line."""

from __future__ import annotations

import textwrap
from typing import Any

from ._groups import Gap
from .recommendation import RecommendationResult
from .report import Report, Score
from .rubric import Rubric


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:5.1f}"


def _row(label: str, s: Score, rubric: Rubric, width: int) -> str:
    rng = "not scorable" if s.value is None else f"{_fmt(s.low)} – {_fmt(s.high)}"
    stage = "—"
    if s.stage is not None:
        st = rubric.stage(s.stage)
        stage = f"{st.level} {st.name}"
        share = s.stage_probabilities.get(s.stage)
        if share is not None:
            stage += f" (p={share:.2f})"
    return f"  {label:<{width}}  {_fmt(s.value):>5}  {rng:<15}  {s.n_respondents:>5}  {stage}"


def render_report(report: Report, rubric: Rubric) -> str:
    """A readable table: dimension, score, range, respondents, stage; then notices."""
    info = report.interval
    lines = [
        f"{report.organization} — {rubric.title} ({report.rubric_key})",
        f"  {report.n_respondents} respondents; {info.confidence:.0%} ranges: {info.kind} "
        f"{info.method}, {info.n_resamples} resamples, seed {info.seed}",
        "",
    ]
    names = {d.id: d.name for d in rubric.dimensions}
    width = max(len("Overall"), *(len(n) for n in names.values()))
    lines.append(f"  {'Dimension':<{width}}  {'Score':>5}  {'Range':<15}  {'n':>5}  Stage")
    for dim_id, s in report.dimensions.items():
        lines.append(_row(names[dim_id], s, rubric, width))
    lines.append(_row("Overall", report.overall, rubric, width))
    for s in report.dimensions.values():
        if s.reason:
            lines.append(f"  note: {names[s.id]}: {s.reason}")
    if report.notices:
        lines.append("")
        lines.extend(f"  warning [{n.code}] {n.subject}: {n.message}" for n in report.notices)
    return "\n".join(lines)


# --- recommendations ----------------------------------------------------------------------


def _wrapped(label: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(
        " ".join(text.split()),
        width=100,
        initial_indent=f"{pad}{label}",
        subsequent_indent=pad + " " * len(label),
    )


def render_recommendations(result: RecommendationResult, rubric: Rubric) -> str:
    """The next steps of one organization: targets and gaps, the ranked plan with its
    evidence, the roadmap phases, then what was left out and why."""
    targets = result.targets
    progress = targets.baseline_organization is not None
    lines = [
        f"{result.organization} — next steps ({result.rubric_key})",
        f"  Target: {targets.profile.describe()}",
        "  Rank: gain = weighted gap × impact / effort; never before a prerequisite "
        "(docs/recommendations.md)",
        "",
    ]
    names = {d.id: d.name for d in rubric.dimensions}
    width = max(len("Overall"), *(len(n) for n in names.values()))
    head = f"  {'Dimension':<{width}}  Score  {'Range':<13}  Target  {'Stage':<21}  Gap   Reached"
    lines.append(head + ("  Baseline  Progress" if progress else ""))
    rows = [(names[k], g) for k, g in targets.dimensions.items()]
    rows.append(("Overall", targets.overall))
    for label, g in rows:
        rng = "—" if g.low is None or g.high is None else f"{g.low:.1f} – {g.high:.1f}"
        reached = "—" if g.percent_to_target is None else f"{g.percent_to_target:.0f}%"
        gap = "—" if g.gap is None else f"{g.gap:.1f}"
        stage = g.target_stage or ("maintain" if g.basis.startswith("maintain") else "—")
        row = (
            f"  {label:<{width}}  {_fmt(g.current)}  {rng:<13}  {_fmt(g.target):>6}  "
            f"{stage:<21}  {gap:>4}  {reached:>7}"
        )
        if progress:
            pct = "—" if g.progress is None else f"{g.progress:.0f}%"
            row += f"  {_fmt(g.baseline):>8}  {pct:>8}"
        lines.append(row)
    if progress:
        for label, g in rows:
            if g.progress is None and g.progress_reason:
                lines.append(f"  note: {label}: progress undefined: {g.progress_reason}")
    lines.append("")

    if not result.steps:
        lines.append("  No step brings a gain toward this target.")
    for step in result.steps:
        rec = step.recommendation
        flags: list[str] = [step.status]
        if step.uncertain:
            flags.append("UNCERTAIN")
        lines.append(f"  {step.rank:>2}. {rec.title}  [{rec.id}]")
        lines.append(
            f"      phase {step.phase} · {', '.join(flags)} · gain {step.gain:.2f} "
            f"(weighted gap {step.weighted_gap:.2f} × impact {rec.impact} / effort "
            f"{rec.effort}) · helps reach {rec.stage!r}"
        )
        lines += _wrapped("Do: ", rec.action, 6)
        lines += _wrapped("Why: ", rec.rationale, 6)
        evidence = "; ".join(t.text for t in step.evidence if t.holds or t.holds is None)
        if step.status == "triggered" and evidence:
            lines += _wrapped("Evidence: ", evidence, 6)
        counted = [c for c in step.contributions if c.counted and c.gap]
        if counted:
            moves = ", ".join(
                f"{c.indicator} {_fmt(c.current).strip()}→{_fmt(c.target).strip()}" for c in counted
            )
            lines += _wrapped("Moves: ", moves, 6)
        if rec.requires:
            lines.append(f"      Requires: {', '.join(rec.requires)}")
        if step.note:
            lines += _wrapped("Note: ", step.note, 6)
        lines.append("")
    if result.omitted:
        lines.append(f"  ... {result.omitted} more step(s) not shown (--limit {result.limit}).")
        lines.append("")
    if result.steps:
        phases: dict[int, list[str]] = {}
        for step in result.steps:
            phases.setdefault(step.phase, []).append(step.id)
        lines.append("  Roadmap:")
        lines.extend(f"    phase {n}: {', '.join(ids)}" for n, ids in sorted(phases.items()))
        lines.append("")
    if result.deferred:
        lines.append("  Deferred (the condition holds, but no gain toward this target):")
        ahead = [u for u in result.deferred if u.reason.startswith("it helps reach stage")]
        if ahead:
            later = ", ".join(f"{u.id} (→ {u.recommendation.stage})" for u in ahead)
            lines += _wrapped("- aimed beyond the target: ", later, 4)
            lines.append(
                "      plan further ahead with a higher target, e.g. --target learning_organization"
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
    if result.notices:
        lines.extend(f"  warning [{n.code}] {n.subject}: {n.message}" for n in result.notices)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _num(value: float | None, spec: str = ".2f") -> str:
    return "—" if value is None else format(value, spec)


def render_details(report: Report, rubric: Rubric) -> str:
    """Agreement, reliability, perception-gap and team tables attached to ``report``."""
    names = {d.id: d.name for d in rubric.dimensions}
    width = max(len(n) for n in names.values())
    lines: list[str] = []
    agreement = report.agreement
    reliability = report.reliability
    icc: dict[str, Any] = report.extras.get("icc", {})
    if agreement is not None or reliability is not None:
        head = "  Aggregation evidence"
        if agreement is not None:
            head += (
                f" (rwg(j): {agreement.options.null} null, cut-off {agreement.options.cutoff:.2f}"
            )
            head += "; ICC across the organizations scored together"
            head += ")" if reliability is None else "; reliability pooled over all respondents)"
        lines += [
            head,
            f"  {'Dimension':<{width}}  {'rwg(j)':>6}  {'ICC1':>5}  {'ICC2':>5}  "
            f"{'alpha':>5}  {'alpha range':<11}  {'omega':>5}",
        ]
        for dim_id, name in names.items():
            rwg = agreement.dimensions[dim_id].value if agreement is not None else None
            dim_icc = icc.get(dim_id, {})
            alpha = low = high = omega = None
            if reliability is not None:
                rel = reliability.dimensions[dim_id]
                alpha, low, high, omega = (
                    rel.alpha_raw,
                    rel.alpha_low,
                    rel.alpha_high,
                    rel.omega_total,
                )
            alpha_range = "—" if low is None or high is None else f"{low:.2f}–{high:.2f}"
            lines.append(
                f"  {name:<{width}}  {_num(rwg):>6}  {_num(dim_icc.get('icc1')):>5}  "
                f"{_num(dim_icc.get('icc2')):>5}  {_num(alpha):>5}  {alpha_range:<11}  "
                f"{_num(omega):>5}"
            )
    gap = report.perception_gap
    if gap is not None:
        first, second = gap.groups
        lines += [
            "",
            f"  Perception gap ({first} − {second}, {gap.column}; "
            f"n = {gap.n_first} / {gap.n_second})",
        ]
        if gap.suppressed:
            lines.append(f"  suppressed: {gap.reason}")
        else:
            rows: list[tuple[str, Gap | None]] = [("Overall", gap.overall)]
            rows += [(names[k], g) for k, g in gap.dimensions.items()]
            for label, g in rows:
                if g is None or g.difference is None:
                    lines.append(f"  {label:<{width}}  —")
                    continue
                mark = "  *" if g.excludes_zero else ""
                lines.append(
                    f"  {label:<{width}}  {g.difference:+6.1f}  "
                    f"[{_num(g.low, '+.1f')}, {_num(g.high, '+.1f')}]{mark}"
                )
            lines.append("  * range excludes 0")
    groups = report.groups
    if groups is not None:
        lines += ["", f"  By {groups.column} (groups under {groups.min_group_size} suppressed)"]
        for value, grp in groups.groups.items():
            if grp.suppressed or grp.overall is None:
                lines.append(
                    f"  {value:<{width}}  n={grp.n_respondents:<4} suppressed: {grp.reason}"
                )
            else:
                lines.append(
                    f"  {value:<{width}}  n={grp.n_respondents:<4} {_fmt(grp.overall.value)}  "
                    f"[{_fmt(grp.overall.low)} – {_fmt(grp.overall.high)}]"
                )
    return "\n".join(lines)
