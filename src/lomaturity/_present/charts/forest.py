"""Interval (forest) charts: one row per score, a point at the estimate and a line over its
confidence range; the indicators chart of a report, sorted by score, over the shaded stage
bands. The row drawing is shared by the group, comparison, gap and benchmark charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from ..._hints import did_you_mean
from ..._model.rubric import Rubric
from ..._results.report import Report
from ...exceptions import ScoringError
from .strings import chart_text
from .style import (
    GID_RANGE,
    GID_SCORE,
    GID_SUPPRESSED,
    NEUTRAL,
    SCORE,
    apply_title,
    finite,
    new_axes,
    shade_stages,
    short,
)

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

ROW_HEIGHT = 0.32
"""Inches per row of a new row chart."""


@frozen
class Row:
    """One row of a row chart: its label, the estimate and range (``None`` when there is
    none: then ``note`` says why, written in the row), and the colour of point and line."""

    label: str
    value: float | None
    low: float | None
    high: float | None
    color: str = SCORE
    note: str | None = None


def row_axes(ax: Axes | None, n_rows: int) -> Axes:
    """``ax`` or new axes tall enough for ``n_rows`` rows."""
    return new_axes(ax, size=(7.5, 1.2 + ROW_HEIGHT * max(n_rows, 1)))


def draw_rows(ax: Axes, rows: Sequence[Row]) -> None:
    """Draw ``rows`` top to bottom: the ranges as horizontal lines (gid ``range``), the
    estimates as points (gid ``score``, one artist per colour), the notes of rows without
    an estimate as text (gid ``suppressed``) in place of point and line; the labels as y
    tick labels."""
    ys = list(range(len(rows) - 1, -1, -1))
    drawn = [(y, r) for y, r in zip(ys, rows, strict=True) if r.value is not None]
    for color in dict.fromkeys(r.color for _, r in drawn):
        mine = [(y, r) for y, r in drawn if r.color == color]
        spans = ax.hlines(
            [y for y, _ in mine],
            finite([r.low for _, r in mine]),
            finite([r.high for _, r in mine]),
            color=color,
            lw=2,
            zorder=3,
        )
        spans.set_gid(GID_RANGE)
        (points,) = ax.plot(
            finite([r.value for _, r in mine]),
            [y for y, _ in mine],
            "o",
            color=color,
            zorder=4,
        )
        points.set_gid(GID_SCORE)
    for y, r in zip(ys, rows, strict=True):
        if r.value is None and r.note is not None:
            note = ax.text(
                0.01,
                y,
                r.note,
                transform=ax.get_yaxis_transform(),
                va="center",
                fontsize="small",
                color=NEUTRAL,
                style="italic",
            )
            note.set_gid(GID_SUPPRESSED)
    ax.set_yticks(ys, [r.label for r in rows])
    ax.set_ylim(-0.7, len(rows) - 0.3)


def indicator_rows(report: Report, rubric: Rubric, dimension: str | None) -> list[Row]:
    """The indicators of ``report`` (of one ``dimension`` when given), highest score first,
    unscorable ones last (in rubric order), labelled with their statements, cut short."""
    ids = list(report.indicators)
    if dimension is not None:
        if dimension not in report.dimensions:
            hint = did_you_mean(dimension, list(report.dimensions))
            raise ScoringError(
                f"dimension: no dimension {dimension!r} in the report"
                + (f" ({hint})" if hint else "")
                + "; dimensions: "
                + ", ".join(report.dimensions)
            )
        ids = [i.id for i in rubric.indicators_of(dimension) if i.id in report.indicators]
    t = chart_text(rubric)
    statements = {i.id: i.statement for i in rubric.indicators}
    scores = [report.indicators[i] for i in ids]
    scored = sorted((s for s in scores if s.value is not None), key=lambda s: -(s.value or 0))
    rest = [s for s in scores if s.value is None]
    return [
        Row(
            short(statements.get(s.id, s.id)),
            s.value,
            s.low,
            s.high,
            note=None
            if s.value is not None
            else t("not_scorable_why", reason=s.reason or t("no_answers")),
        )
        for s in [*scored, *rest]
    ]


def draw_indicators(
    report: Report, rubric: Rubric, *, dimension: str | None = None, ax: Axes | None = None
) -> Axes:
    """The forest chart of ``report``'s indicator scores (0-100) with their confidence
    ranges, highest first, over the rubric's shaded stage bands; only ``dimension``'s
    indicators when given (a dimension id)."""
    t = chart_text(rubric)
    rows = indicator_rows(report, rubric, dimension)
    ax = row_axes(ax, len(rows))
    shade_stages(ax, rubric)
    draw_rows(ax, rows)
    ax.set_xlabel(t("score_axis", confidence=t.confidence(report.interval.confidence)))
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)
    names = {d.id: d.name for d in rubric.dimensions}
    what = t("indicators") if dimension is None else names.get(dimension, dimension)
    apply_title(ax, f"{report.organization} — {what}", t("highest_first"), pad=True)
    return ax
