"""The radar chart: a report's dimension scores on spokes, with the confidence band between
the ranges' ends, the stage rings, and optionally a target profile."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from ..._model.rubric import Rubric
from ..._results.report import Report
from .strings import ChartText, chart_text
from .style import (
    GID_RANGE,
    GID_SCORE,
    GID_STAGE,
    GID_TARGET,
    NEUTRAL,
    RANGE_FILL,
    SCORE,
    STAGE_SHADES,
    TARGET,
    apply_title,
    finite,
    legend,
    new_axes,
    stage_spans,
    wrapped,
)

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes
    from matplotlib.projections.polar import PolarAxes

RING_STEPS = 180
"""Points along one stage ring."""


def spoke_angles(n: int) -> list[float]:
    """The angles (radians) of ``n`` spokes, the first at the top, clockwise (with the
    axes' offset and direction set by :func:`draw_radar`)."""
    return [2 * math.pi * k / n for k in range(n)]


def _closed(values: list[float]) -> list[float]:
    return [*values, values[0]]


def _stage_rings(ax: Axes, rubric: Rubric, between: float) -> None:
    """Shade the stage bands as rings, each named between the first two spokes."""
    full = [2 * math.pi * k / RING_STEPS for k in range(RING_STEPS + 1)]
    for k, (stage, low, high) in enumerate(stage_spans(rubric)):
        ring = ax.fill_between(full, low, high, color=STAGE_SHADES[k % 2], zorder=0, lw=0)
        ring.set_gid(GID_STAGE)
        ring.set_label(f"_{stage.id}")
        ax.text(
            between,
            (low + high) / 2,
            stage.name,
            fontsize="x-small",
            color=NEUTRAL,
            ha="center",
            va="center",
        )


def draw_radar(
    report: Report,
    rubric: Rubric,
    *,
    target: Mapping[str, float | None] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The radar of ``report``'s dimension scores (0-100, rubric order, clockwise from the
    top) on polar ``ax`` (new axes when ``None``): the scores as a line with points, their
    confidence ranges as a band from the lows to the highs, the rubric's stage bands as
    rings; ``target`` (dimension id -> target score) as a dashed line."""
    ax = cast("PolarAxes", new_axes(ax, polar=True, size=(6.0, 6.0)))
    ids = list(report.dimensions)
    scores = [report.dimensions[d] for d in ids]
    theta = spoke_angles(len(ids))
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    _stage_rings(ax, rubric, math.pi / len(ids))
    t = chart_text(rubric)
    info = report.interval
    band = ax.fill_between(
        _closed(theta),
        _closed(finite([s.low for s in scores])),
        _closed(finite([s.high for s in scores])),
        color=RANGE_FILL,
        alpha=0.45,
        lw=0,
        zorder=2,
        label=t("range", confidence=t.confidence(info.confidence)),
    )
    band.set_gid(GID_RANGE)
    (line,) = ax.plot(
        _closed(theta),
        _closed(finite([s.value for s in scores])),
        color=SCORE,
        marker="o",
        lw=2,
        zorder=3,
        label=report.organization,
    )
    line.set_gid(GID_SCORE)
    if target is not None:
        (goal,) = ax.plot(
            _closed(theta),
            _closed(finite([target.get(d) for d in ids])),
            color=TARGET,
            ls="--",
            lw=1.5,
            zorder=4,
            label=t("target"),
        )
        goal.set_gid(GID_TARGET)
    names = {d.id: d.name for d in rubric.dimensions}
    ax.set_xticks(theta, [wrapped(names.get(d, d)) for d in ids])
    ax.set_ylim(0, 100)
    ax.set_yticks([0, 25, 50, 75, 100], ["", "25", "50", "75", "100"], fontsize="x-small")
    ax.set_rlabel_position(225)  # degrees: the numbers away from the stage names
    ax.grid(color=NEUTRAL, alpha=0.3)
    apply_title(ax, report.organization, _radar_note(report, rubric, t))
    legend(ax, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def _radar_note(report: Report, rubric: Rubric, t: ChartText) -> str:
    """The second title line: the overall score and stage (named in ``rubric``'s language,
    as the chart's other texts), or why they are missing."""
    overall = report.overall
    if overall.value is None:
        text = t("radar_not_scorable")
    else:
        found = report.stage
        names = {s.id: s.name for s in rubric.stages}
        stage = "" if found is None else f", {names.get(found.id, found.name)}"
        text = t("radar_overall", score=t.number(overall.value)) + stage
    if not report.reportable:
        text += " — " + t("below_minimum", n=report.n_respondents)
    return text
