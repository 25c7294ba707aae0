"""Difference charts: one row per score, the difference and its confidence range around a
zero line; for comparisons of two organizations or waves (``second - first``) and for the
perception gap of a report (``first - second`` group, managers minus employees)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..._model.rubric import Rubric
from ..._results.comparison import Comparison
from ..._results.contrast import Contrast
from ..._results.groups import Gap, OrganizationGap
from .forest import Row, draw_rows, row_axes
from .strings import ChartText, chart_text
from .style import GID_SUPPRESSED, GID_ZERO, NEUTRAL, SECOND, apply_title, short

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

Level = Literal["dimensions", "indicators"]
"""Which scores a difference chart shows: the overall score and the dimensions, or the
indicators (sorted by difference)."""


def _names(rubric: Rubric, t: ChartText) -> dict[str, str]:
    """Score id -> its name on a chart: dimension names, indicator statements (cut short),
    the overall score in the rubric's language."""
    names = {d.id: d.name for d in rubric.dimensions}
    names.update((i.id, short(i.statement)) for i in rubric.indicators)
    names["overall"] = t("overall")
    return names


def largest_first(items: Sequence[Contrast]) -> list[Contrast]:
    """``items`` by difference, largest first; those without a difference last."""
    have = sorted((c for c in items if c.difference is not None), key=_descending)
    return [*have, *(c for c in items if c.difference is None)]


def difference_rows(items: Sequence[Contrast | Gap], rubric: Rubric) -> list[Row]:
    """One row per difference, in the order given; orange when the range excludes 0, grey
    when it includes it."""
    t = chart_text(rubric)
    names = _names(rubric, t)
    return [
        Row(
            names.get(c.id, c.id),
            c.difference,
            c.low,
            c.high,
            color=SECOND if c.excludes_zero else NEUTRAL,
            note=None
            if c.difference is not None
            else t("no_difference", reason=c.reason or t("no_score")),
        )
        for c in items
    ]


def _descending(c: Contrast) -> float:
    return -(c.difference or 0.0)


def _symmetric_limit(rows: Sequence[Row]) -> float:
    """Half-width of a symmetric x axis that holds every range (a multiple of 5, >= 5)."""
    ends = [abs(v) for r in rows for v in (r.low, r.high, r.value) if v is not None]
    return max(5.0, 5.0 * math.ceil(max(ends, default=0.0) * 1.1 / 5.0))


def draw_differences(ax: Axes, rows: Sequence[Row], xlabel: str) -> None:
    """The rows around a vertical zero line (gid ``zero``) on a symmetric x axis."""
    zero = ax.axvline(0.0, color=NEUTRAL, lw=1, zorder=1)
    zero.set_gid(GID_ZERO)
    draw_rows(ax, rows)
    limit = _symmetric_limit(rows)
    ax.set_xlim(-limit, limit)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)


def _sides(
    ax: Axes, items: Sequence[Contrast | Gap], ys_top_down: int, t: ChartText, key: str
) -> None:
    """Each row's two scores (text ``key``: ``first → second``, ``first vs second``) at the
    right."""
    for k, c in enumerate(items):
        if c.first is None or c.second is None:
            continue
        ax.text(
            1.01,
            ys_top_down - 1 - k,
            t(key, first=t.number(c.first), second=t.number(c.second)),
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize="small",
        )


def _contrasts(comparison: Comparison, level: Level) -> list[Contrast]:
    if level == "indicators":
        return largest_first(list(comparison.indicators.values()))
    return [comparison.overall, *comparison.dimensions.values()]


def draw_comparison(
    comparison: Comparison, rubric: Rubric, *, level: Level = "dimensions", ax: Axes | None = None
) -> Axes:
    """The differences ``second - first`` of a comparison with their confidence ranges:
    the overall score and the dimensions in rubric order, or the indicators largest
    difference first; each row's two scores written at the right."""
    contrasts = _contrasts(comparison, level)
    rows = difference_rows(contrasts, rubric)
    ax = row_axes(ax, len(rows))
    t = chart_text(rubric)
    confidence = t.confidence(comparison.interval.confidence)
    draw_differences(ax, rows, t("difference_axis", confidence=confidence))
    _sides(ax, contrasts, len(rows), t, "change")
    title = f"{comparison.second} − {comparison.first}"
    note = t("comparison_note", method=comparison.method)
    apply_title(ax, title, note)
    return ax


def draw_gap(gap: OrganizationGap, rubric: Rubric, *, ax: Axes | None = None) -> Axes:
    """The perception gap of one organization (``first - second`` group, e.g. managers
    minus employees) on the overall score and the dimensions, with confidence ranges; a
    suppressed gap is a note saying why (no rows)."""
    first, second = gap.groups
    t = chart_text(rubric)
    counts = {"first": first, "n_first": gap.n_first, "second": second, "n_second": gap.n_second}
    title = f"{gap.organization} — {first} − {second} ({gap.column})"
    if gap.suppressed or gap.overall is None:
        ax = row_axes(ax, 1)
        note = ax.text(
            0.5,
            0.5,
            t(
                "gap_suppressed",
                reason=gap.reason or t("groups_too_small"),
                minimum=gap.min_group_size,
                **counts,
            ),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=NEUTRAL,
            style="italic",
        )
        note.set_gid(GID_SUPPRESSED)
        ax.set_yticks([])
        ax.set_xticks([])
        apply_title(ax, title)
        return ax
    items: list[Gap] = [gap.overall, *gap.dimensions.values()]
    rows = difference_rows(items, rubric)
    ax = row_axes(ax, len(rows))
    draw_differences(ax, rows, t("gap_axis", confidence=t.confidence(gap.interval.confidence)))
    _sides(ax, items, len(rows), t, "versus")
    apply_title(ax, title, t("gap_note", **counts))
    return ax
