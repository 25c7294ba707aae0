"""Plain-text rendering of contrasts between groups of organizations (``compare-groups``)."""

from __future__ import annotations

from collections.abc import Sequence

from .._format import MISSING, WIDTH, number, span, text_block, wrap
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._results.contrast import Contrast
from .._results.group_contrast import GroupComparison, GroupContrast

LABEL_WIDTH = 30
"""Longest dimension or group name shown in full in a table column."""


def _label(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"


def _hang(text: str, indent: int = 2) -> list[str]:
    return wrap(text, indent=" " * (indent + 4), first=" " * indent, width=WIDTH)


def _p(value: float | None) -> str:
    if value is None:
        return MISSING
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def _warnings(notices: Sequence[Notice]) -> list[str]:
    lines: list[str] = []
    for n in notices:
        lines += _hang(f"warning [{n.code}]: {n.message}")
    return lines


def _contrast_row(label: str, c: Contrast, width: int, adjusted: bool) -> str:
    diff = number(c.difference, "+6.1f", 6)
    rng = span(c.low, c.high, "+6.1f", sep=" to ", brackets=False)
    row = (
        f"  {label:<{width}}  {number(c.first, '5.1f', 5)}  {number(c.second, '6.1f', 6)}  "
        f"{diff:>10}  {rng:<16}  {number(c.effect_size, '+5.2f', 5):>5}  {_p(c.p_value):>6}"
    )
    return row + (f"  {_p(c.p_adjusted):>6}" if adjusted else "")


def _contrast_lines(c: GroupContrast, names: dict[str, str], adjusted: bool) -> list[str]:
    lines = _hang(
        f"{c.second} minus {c.first} ({c.n_second} vs {c.n_first} organizations; {c.method})",
        indent=0,
    )
    width = max(len("Overall"), *(len(n) for n in names.values()))
    header = (
        f"  {'Score':<{width}}  {'First':>5}  {'Second':>6}  {'Difference':>10}  "
        f"{'Range':<16}  {'g':>5}  {'p':>6}"
    )
    lines.append(header + (f"  {'p adj.':>6}" if adjusted else ""))
    for dim_id, contrast in c.dimensions.items():
        lines.append(_contrast_row(names[dim_id], contrast, width, adjusted))
    lines.append(_contrast_row("Overall", c.overall, width, adjusted))
    for key, contrast in [*c.dimensions.items(), ("overall", c.overall)]:
        if contrast.reason:
            lines += _hang(f"note: {names.get(key, 'Overall')}: {contrast.reason}")
    return lines + _warnings(c.notices)


def render_group_comparison(result: GroupComparison, rubric: Rubric) -> str:
    """The groups (organizations, respondents, overall score), then per contrast a table of
    dimension and overall differences with range, Hedges' g and p-values; then notices."""
    options = result.options
    adjusted = result.adjustment != "none"
    lines = _hang(
        f"Contrasts between groups of organizations by {result.column} — {rubric.title} "
        f"({result.rubric_key})",
        indent=0,
    )
    lines += _hang(
        f"the organization is the sampling unit (each counts once); {options.confidence:.0%} "
        f"expanded percentile ranges from resampling organizations, {options.n_resamples} "
        f"resamples, seed {options.seed}; g: Hedges' g on organization scores; "
        + (
            f"p adj.: Holm-adjusted over the {len(result.contrasts)} contrasts of each score"
            if adjusted
            else "p-values not adjusted for multiplicity"
        )
    )
    lines.append("")
    width = max(len("Group"), *(len(_label(g)) for g in result.groups))
    lines.append(f"  {'Group':<{width}}  {'Organizations':>13}  {'Respondents':>11}  Overall")
    for label, group in result.groups.items():
        lines.append(
            f"  {_label(label):<{width}}  {group.n_organizations:>13}  "
            f"{group.n_respondents:>11}  {number(group.overall, '7.1f', 7)}"
        )
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    for contrast in result.contrasts:
        lines.append("")
        lines += _contrast_lines(contrast, names, adjusted)
    if result.notices:
        lines.append("")
        lines += _warnings(result.notices)
    return text_block(lines)
