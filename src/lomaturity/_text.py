"""Plain-text rendering of reports for the command line."""

from __future__ import annotations

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
