"""Plain-text comparisons for the command line: one compact table per level (overall,
dimensions, indicators) with both scores, the difference and its range, the effect size,
the p-value and the stage change; then the notices. Lines fit :data:`~lomaturity._format.WIDTH`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._format import MISSING, WIDTH, number, span, text_block, wrap
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._results.comparison import Comparison, ComparisonSet
from .._results.contrast import Contrast

LABEL_WIDTH = 24
"""Longest dimension or indicator label shown (longer ones are cut with an ellipsis)."""

EFFECT_SIZES = {
    "hedges_g": ("g", "Hedges' g (pooled SD, small-sample corrected; independent sides)"),
    "d_av": ("d_av", "d_av (difference / mean of the two waves' SDs; paired waves)"),
}
"""Effect-size kind -> (column header, description)."""

FAMILIES = {
    "level": "within each level (the dimensions together, the indicators together)",
    "organizations": "across the organizations, per score",
}
"""Adjustment family -> how the text names it."""


def _hang(text: str, indent: int = 2) -> list[str]:
    return wrap(text, indent=" " * (indent + 4), first=" " * indent)


def _label(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"


def _stage_change(c: Contrast, rubric: Rubric) -> str:
    if c.first_stage is None or c.second_stage is None:
        return ""
    first, second = rubric.stage(c.first_stage), rubric.stage(c.second_stage)
    if not c.stage_changed:
        return f"{second.level} (same)"
    return f"{first.level} → {second.level} {second.name}"


def _p(c: Contrast, adjusted: bool) -> str:
    value = c.p_adjusted if adjusted else c.p_value
    if value is None:
        return MISSING.rjust(6)
    return "<.001".rjust(6) if value < 0.001 else f"{value:6.3f}"


def _table(
    title: str, rows: Sequence[tuple[str, Contrast]], comparison: Comparison, rubric: Rubric
) -> list[str]:
    """One level's table: label, first, second, difference, range, effect, p, stage."""
    header, _ = EFFECT_SIZES.get(comparison.effect_size_kind, ("effect", ""))
    adjusted = comparison.adjustment is not None
    width = max(len(title), *(len(label) for label, _ in rows))
    p_head = "p adj" if adjusted else "p"
    lines = [
        f"  {title:<{width}}  First  Second   Diff  {'Range':<15}  {header:>5}  {p_head:>6}  Stage"
    ]
    for label, c in rows:
        start = f"  {label:<{width}}  {number(c.first, '5.1f', 5)}  {number(c.second, '6.1f', 6)}  "
        if c.difference is None:
            reason = wrap(f"not compared: {c.reason}", "", width=WIDTH - len(start))
            lines += [start + reason[0], *(" " * len(start) + r for r in reason[1:])]
            continue
        rng = span(c.low, c.high, "+5.1f", sep=" – ", brackets=False)
        line = (
            f"{start}{c.difference:+5.1f}  {rng:<15}  {number(c.effect_size, '+5.2f', 5):>5}  "
            f"{_p(c, adjusted)}  {_stage_change(c, rubric)}".rstrip()
        )
        # A long stage name is cut to keep the line within the text width.
        lines.append(line if len(line) <= WIDTH else line[: WIDTH - 1] + "…")
    return lines


def _heading(c: Comparison, rubric: Rubric) -> list[str]:
    info = c.interval
    what = (
        f"{c.organization}: {c.first} → {c.second}" if c.organization else f"{c.first} → {c.second}"
    )
    lines = _hang(f"{what} — {rubric.title} ({c.rubric_key})", indent=0)
    how = f"{info.confidence:.0%} ranges of the difference (second − first): {c.method}"
    if info.n_resamples:
        how += f", {info.kind}, {info.n_resamples} resamples, seed {info.seed}"
    lines += _hang(how)
    lines += _hang(
        f"respondents: {c.n_first} first, {c.n_second} second"
        + (f", {c.n_paired} in both" if c.paired else "")
    )
    _, effect = EFFECT_SIZES.get(c.effect_size_kind, (c.effect_size_kind, c.effect_size_kind))
    lines += _hang(f"effect size: {effect}")
    if c.adjustment is not None:
        family = FAMILIES.get(c.adjustment_family or "", c.adjustment_family or "")
        lines += _hang(f"p-values: {c.adjustment.capitalize()}-adjusted {family}")
    return lines


def _notices(notices: Sequence[Notice]) -> list[str]:
    lines: list[str] = []
    for n in notices:
        lines += _hang(f"warning [{n.code}] {n.subject}: {n.message}")
    return lines


def render_comparison(comparison: Comparison, rubric: Rubric) -> str:
    """The comparison as text: heading, the dimension and overall table, the indicator
    table, the notices."""
    names: Mapping[str, str] = {d.id: _label(d.name) for d in rubric.dimensions}
    lines = _heading(comparison, rubric)
    lines.append("")
    rows = [(names.get(k, _label(k)), c) for k, c in comparison.dimensions.items()]
    lines += _table("Dimension", [*rows, ("Overall", comparison.overall)], comparison, rubric)
    lines.append("")
    lines += _table(
        "Indicator",
        [(_label(k), c) for k, c in comparison.indicators.items()],
        comparison,
        rubric,
    )
    if comparison.notices:
        lines.append("")
        lines += _notices(comparison.notices)
    return text_block(lines)


def render_comparisons(result: Comparison | ComparisonSet, rubric: Rubric) -> str:
    """One comparison, or every organization's comparison of a panel, as text."""
    if isinstance(result, Comparison):
        return render_comparison(result, rubric)
    parts = [render_comparison(c, rubric) for c in result.values()]
    return "\n\n".join(parts)
