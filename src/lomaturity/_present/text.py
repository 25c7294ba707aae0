"""Plain-text rendering of reports for the command line."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .._format import MISSING, WIDTH, number, span, text_block, wrap
from .._model.notice import Notice
from .._model.rubric import Indicator, Rubric
from .._model.stage_rule import StageRule
from .._results.common import Score
from .._results.groups import Gap, OrganizationGap, OrganizationGroups
from .._results.plan import RecommendationResult, Step, TargetGap
from .._results.report import Report

LABEL_WIDTH = 30
"""Dimension names longer than this are shortened in tables, so that every line fits
:data:`~lomaturity._format.WIDTH` columns."""


def _fmt(value: float | None) -> str:
    """A score in a table column: five characters wide."""
    return number(value, "5.1f", 5)


def _label(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"


def _hang(text: str, indent: int = 2, hang: int = 4) -> list[str]:
    """``text`` wrapped to :data:`WIDTH`, continuation lines indented ``hang`` more."""
    return wrap(text, indent=" " * (indent + hang), first=" " * indent)


def _packed(parts: Sequence[str], indent: int, hang: int = 2) -> list[str]:
    """``parts`` joined by `` · ``, broken into lines of at most :data:`WIDTH` columns
    between parts (a part longer than a line is wrapped on its own)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} · {part}" if current else " " * indent + part
        if current and len(candidate) > WIDTH:
            lines.append(current)
            current = " " * (indent + hang) + part
        else:
            current = candidate
    if current:
        lines.append(current)
    out: list[str] = []
    for line in lines:
        if len(line) <= WIDTH:
            out.append(line)
        else:
            start = len(line) - len(line.lstrip())
            out += _hang(line.strip(), indent=start, hang=hang)
    return out


def _range_text(low: float | None, high: float | None) -> str:
    """A range in a table column: ``low – high``, each end five characters wide."""
    return span(low, high, "5.1f", sep=" – ", brackets=False)


def _row(label: str, s: Score, rubric: Rubric, width: int) -> str:
    if s.value is not None and not s.reportable:  # below the minimum reporting size
        withheld = "not reportable"
        return f"  {label:<{width}}  {MISSING:>5}  {withheld:<15}  {s.n_respondents:>5}  {MISSING}"
    rng = "not scorable" if s.value is None else _range_text(s.low, s.high)
    stage = MISSING
    if s.stage is not None:
        st = rubric.stage(s.stage)
        stage = f"{st.level} {st.name}"
        if s.stage_accuracy is not None:
            stage += f" ({accuracy_text(s.stage_accuracy)} right)"
    return f"  {label:<{width}}  {_fmt(s.value):>5}  {rng:<15}  {s.n_respondents:>5}  {stage}"


def accuracy_text(accuracy: float) -> str:
    """A measured stage accuracy (0-1) as a whole percentage rounded *down*, so that a
    measured 99.6 % never shows as 100 %."""
    return f"{math.floor(accuracy * 100.0 + 1e-9):d} %"


STAGE_ACCURACY_NOTE = (
    "right %: how often a stage shown with the same bootstrap support at this respondent "
    "count was the true stage in simulations (docs/stage-certainty.md)"
)
"""The footnote of a table that shows measured stage accuracies."""


def stage_rule_text(rule: StageRule) -> str:
    """What a rubric's stage rule does, in words (docs/scoring.md)."""
    if rule.kind == "weakest":
        if rule.allowance == 0:
            return "weakest: the overall stage is never above the lowest dimension stage"
        plural = "" if rule.allowance == 1 else "s"
        return (
            f"weakest: the overall stage is at most {rule.allowance} stage{plural} above the "
            "lowest dimension stage"
        )
    if rule.kind == "gated":
        floors = ", ".join(
            f"{stage} needs every dimension at {floor} or above"
            for stage, floor in rule.floors.items()
        )
        return f"gated: {floors}"
    return "compensatory: the overall stage is the band of the overall score"


def capped_text(report: Report, rubric: Rubric) -> str | None:
    """ "Overall stage capped at Emerging by strategy (Ad hoc) ..." when the rubric's stage
    rule capped the overall stage below the band of the overall score, else ``None``."""
    if not report.stage_capped_by or report.stage is None or report.overall.value is None:
        return None
    by = ", ".join(
        f"{d} ({rubric.stage(s).name})"
        for d in report.stage_capped_by
        if (s := report.dimensions[d].stage) is not None
    )
    band = rubric.stage_for(report.overall.value).name
    return (
        f"Overall stage capped at {report.stage.name} by {by}: the score alone is in "
        f"{band}, but the rubric's stage rule says {stage_rule_text(rubric.stage_rule)}."
    )


def descriptor_of(rubric: Rubric, indicator: Indicator, score: Score) -> tuple[str, str] | None:
    """The stage an indicator's score lies in and the rubric's descriptor of the indicator
    at that stage, or ``None`` (no score, or no descriptor for that stage)."""
    if score.value is None:
        return None
    stage = rubric.stage_for(score.value)
    text = indicator.descriptors.get(stage.id)
    return None if not text else (stage.name, text)


def _stage_descriptions(report: Report, rubric: Rubric, names: Mapping[str, str]) -> list[str]:
    """Each stage the dimensions are in, once, with its description and the dimensions in
    it (lowest stage first)."""
    staged: dict[str, list[str]] = {}
    for dim_id, s in report.dimensions.items():
        if s.stage is not None and s.reportable:  # nothing below the minimum reporting size
            staged.setdefault(s.stage, []).append(names[dim_id])
    lines: list[str] = []
    for stage in rubric.stages:
        if stage.id in staged:
            where = ", ".join(staged[stage.id])
            lines += _hang(f"{stage.level} {stage.name} ({where}): {stage.description}")
    return ["", "  What the stages mean:", *lines] if lines else []


def _warnings(notices: Sequence[Notice]) -> list[str]:
    """The findings (a perception gap: ``finding: ...``) first, then the warnings
    (``warning [code] subject: ...``)."""
    lines: list[str] = []
    for n in notices:
        if n.is_finding:
            lines += _hang(f"finding: {n.message}")
    for n in notices:
        if not n.is_finding:
            lines += _hang(f"warning [{n.code}] {n.subject}: {n.message}")
    return lines


def _design_lines(report: Report) -> list[str]:
    """The survey design in one line: response rate, correction, weights, clusters."""
    d = report.design
    if d is None:
        return []
    parts = []
    if d.headcount is not None and d.response_rate is not None:
        parts.append(f"{d.respondents} of {d.headcount} people responded ({d.response_rate:.0%})")
    if d.fpc is not None:
        parts.append(f"ranges finite-population corrected (x{d.fpc:.2f})")
    if d.weighted_by is not None:
        parts.append(f"weighted by {d.weighted_by} (effective n {d.effective_n:.1f})")
    if d.cluster is not None:
        parts.append(f"{d.n_clusters} {d.cluster} clusters resampled")
    if d.design_effect is not None:
        parts.append(f"design effect {d.design_effect:.2f}")
    return _hang("survey design: " + "; ".join(parts))


def _quality_lines(report: Report) -> list[str]:
    """One line on response quality (nothing when screening was off)."""
    q = report.quality
    if q is None:
        return []
    if q.n_flagged == 0:
        text = "response quality: no respondent flagged (straightlining"
        text += ", acquiescence)" if q.acquiescence_estimable else ")"
    else:
        kinds = f"{q.n_straightlining} straightlining"
        if q.acquiescence_estimable:
            kinds += f", {q.n_acquiescent} acquiescent"
        fate = "left out of the scores" if q.n_excluded else "kept in the scores"
        text = (
            f"response quality: {q.n_flagged} of {q.n_respondents} respondents flagged "
            f"({kinds}); {fate}"
        )
    if not q.acquiescence_estimable:
        text += "; acquiescence not estimable (the rubric lacks reverse-keyed or regular items)"
    return _hang(text)


def identity(key: str, rubric: Rubric) -> str:
    """``key`` with the rubric's selected language when it has texts in several
    (``learning-organization@1.1.0, fi``): the language is part of what a report shows."""
    return f"{key}, {rubric.language}" if len(rubric.languages) > 1 else key


def render_report(report: Report, rubric: Rubric) -> str:
    """A readable table: dimension, score, range, respondents, stage; then notices."""
    info = report.interval
    title = f"{report.organization} — {rubric.title} ({identity(report.rubric_key, rubric)})"
    lines = _hang(title, indent=0)
    lines += _hang(
        f"{report.n_respondents} respondents; {info.confidence:.0%} ranges: {info.kind} "
        f"{info.method}, {info.n_resamples} resamples, seed {info.seed}"
    )
    lines += _design_lines(report)
    lines += _quality_lines(report)
    lines.append("")
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    width = max(len("Overall"), *(len(n) for n in names.values()))
    lines.append(f"  {'Dimension':<{width}}  {'Score':>5}  {'Range':<15}  {'n':>5}  Stage")
    for dim_id, s in report.dimensions.items():
        lines.append(_row(names[dim_id], s, rubric, width))
    lines.append(_row("Overall", report.overall, rubric, width))
    capped = capped_text(report, rubric)
    if capped is not None:
        lines += _hang(capped)
    shown = [report.overall, *report.dimensions.values()]
    if any(x.stage_accuracy is not None and x.reportable for x in shown if x.value is not None):
        lines += _hang(STAGE_ACCURACY_NOTE)
    for s in report.dimensions.values():
        if s.reason:
            lines += _hang(f"note: {names[s.id]}: {s.reason}")
    lines += _stage_descriptions(report, rubric, names)
    if report.notices:
        lines.append("")
        lines += _warnings(report.notices)
    return text_block(lines)


# --- recommendations ----------------------------------------------------------------------


def _wrapped(label: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return wrap(text, indent=pad + " " * len(label), first=pad + label)


def _percent(value: float | None, reached: bool) -> str:
    """A percentage for the table: whole percents, but never "100%" for a target not
    reached (rounded down then), and never "0%" for some progress."""
    if value is None:
        return MISSING
    if not reached and 0 < value < 100:
        return f"{math.floor(value):.0f}%" if value >= 1 else f"{value:.1f}%"
    return f"{value:.0f}%"


def _targets_table(result: RecommendationResult, rubric: Rubric) -> list[str]:
    targets = result.targets
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    rows = [(names[k], g) for k, g in targets.dimensions.items()]
    rows.append(("Overall", targets.overall))
    width = max(len("Overall"), *(len(n) for n, _ in rows))

    def stage_of(g: TargetGap) -> str:
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


def _progress_table(rows: list[tuple[str, TargetGap]], width: int) -> list[str]:
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


def _step_lines(step: Step) -> list[str]:
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


def render_recommendations(result: RecommendationResult, rubric: Rubric) -> str:
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


def render_details(report: Report, rubric: Rubric) -> str:
    """Agreement, reliability, perception-gap and team tables attached to ``report``."""
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    width = max(len(n) for n in names.values())
    lines: list[str] = []
    agreement = report.agreement
    reliability = report.reliability
    if agreement is not None or reliability is not None:
        head = "  Aggregation evidence"
        if agreement is not None:
            options = agreement.options
            cut = (
                f"AD cut-off {'c/6' if options.ad_cutoff is None else f'{options.ad_cutoff:.2f}'}"
                if options.index == "ad"
                else f"cut-off {options.cutoff:.2f}"
            )
            head += f" (warnings from {options.index_label}, {cut}; {options.null} null"
            head += "; ICC across the organizations scored together"
            head += ")" if reliability is None else "; reliability pooled over all respondents)"
        lines += _hang(head.strip())
        lines += [
            f"  {'Dimension':<{width}}  {'r*wg(j)':>7}  {'rwg(j)':>6}  {'AD':>4}  "
            f"{'ICC1':>5}  {'ICC2':>5}  "
            f"{'alpha':>5}  {'alpha range':<11}  {'omega':>5}",
        ]
        for dim_id, name in names.items():
            entry = agreement.dimensions[dim_id] if agreement is not None else None
            rwg, star, ad = (entry.value, entry.rwg_star, entry.ad) if entry else (None,) * 3
            dim_icc = report.icc.get(dim_id)
            alpha = low = high = omega = None
            if reliability is not None:
                rel = reliability.dimensions[dim_id]
                alpha, low, high, omega = (
                    rel.alpha_raw,
                    rel.alpha_low,
                    rel.alpha_high,
                    rel.omega_total,
                )
            alpha_range = span(low, high, ".2f", sep="–", brackets=False)
            icc1, icc2 = (dim_icc.icc1, dim_icc.icc2) if dim_icc is not None else (None, None)
            lines.append(
                f"  {name:<{width}}  {number(star, '.2f'):>7}  {number(rwg, '.2f'):>6}  "
                f"{number(ad, '.2f'):>4}  {number(icc1, '.2f'):>5}  "
                f"{number(icc2, '.2f'):>5}  {number(alpha, '.2f'):>5}  {alpha_range:<11}  "
                f"{number(omega, '.2f'):>5}"
            )
    if report.perception_gap is not None:
        lines += _gap_lines(report.perception_gap, names, width)
    if report.groups is not None:
        lines += _group_lines(report.groups, width)
    lines += _indicator_descriptors(report, rubric)
    return text_block(lines)


def _indicator_descriptors(report: Report, rubric: Rubric) -> list[str]:
    """Per dimension, each indicator's score and the rubric's descriptor of the indicator
    at the stage that score lies in."""
    lines: list[str] = []
    for dim in rubric.dimensions:
        rows: list[str] = []
        for indicator in rubric.indicators_of(dim.id):
            score = report.indicators[indicator.id]
            found = descriptor_of(rubric, indicator, score)
            if found is not None:
                stage, text = found
                rows += _hang(f"{indicator.id} {_fmt(score.value).strip()} ({stage}): {text}", 4)
        if rows:
            lines += ["", f"  {_label(dim.name)}: what each indicator's score describes", *rows]
    return lines


def _gap_lines(gap: OrganizationGap, names: Mapping[str, str], width: int) -> list[str]:
    first, second = gap.groups
    lines = [
        "",
        f"  Perception gap ({first} − {second}, {gap.column}; "
        f"n = {gap.n_first} / {gap.n_second}; {gap.interval.kind} ranges)",
    ]
    if gap.suppressed:
        return lines + _hang(f"suppressed: {gap.reason}")
    rows: list[tuple[str, Gap | None]] = [("Overall", gap.overall)]
    rows += [(names[k], g) for k, g in gap.dimensions.items()]
    for label, g in rows:
        if g is None or g.difference is None:
            lines.append(f"  {label:<{width}}  —")
            continue
        mark = "  *" if g.excludes_zero else ""
        lines.append(
            f"  {label:<{width}}  {g.difference:+6.1f}  {span(g.low, g.high, '+.1f')}{mark}"
        )
    lines.append("  * range excludes 0")
    return lines


def _group_lines(groups: OrganizationGroups, width: int) -> list[str]:
    lines = ["", f"  By {groups.column} (groups under {groups.min_group_size} suppressed)"]
    for value, grp in groups.groups.items():
        if grp.suppressed or grp.overall is None:
            lines += _wrapped(
                f"{value:<{width}}  n={grp.n_respondents:<4} ",
                f"suppressed: {grp.reason}",
                2,
            )
        else:
            lines.append(
                f"  {value:<{width}}  n={grp.n_respondents:<4} {_fmt(grp.overall.value)}  "
                f"[{_range_text(grp.overall.low, grp.overall.high)}]"
            )
    return lines
