"""The report charts (radar, indicators) show the report's numbers: checked in the drawn
artists, not only that drawing works."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

import lomaturity as lm
import lomaturity.plot as lp


def by_gid(ax: Axes, gid: str) -> list[Any]:
    """Every artist of ``ax`` with ``gid``."""
    return [a for a in ax.get_children() if a.get_gid() == gid]


def ring_vertices(collection: Any) -> np.ndarray:
    """The (theta, r) vertices of a filled band on polar axes."""
    return np.concatenate([p.vertices for p in collection.get_paths()])


def test_radar_draws_the_four_dimensions_with_their_names(
    report: lm.Report, rubric: lm.Rubric
) -> None:
    ax = lp.radar(report)
    assert ax.name == "polar"
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == [d.name for d in rubric.dimensions]
    (line,) = by_gid(ax, "score")
    values = [report.dimensions[d.id].value for d in rubric.dimensions]
    assert list(line.get_ydata()) == pytest.approx([*values, values[0]])  # closed
    thetas = line.get_xdata()
    assert list(thetas[:4]) == pytest.approx([0, math.pi / 2, math.pi, 3 * math.pi / 2])
    assert by_gid(ax, "target") == []


def test_radar_band_equals_the_reported_ranges(report: lm.Report, rubric: lm.Rubric) -> None:
    ax = lp.radar(report)
    (band,) = by_gid(ax, "range")
    vertices = ring_vertices(band)
    for k, dim in enumerate(rubric.dimensions):
        theta = 2 * math.pi * k / 4
        at = vertices[np.isclose(vertices[:, 0], theta)]
        score = report.dimensions[dim.id]
        assert at[:, 1].min() == pytest.approx(score.low)
        assert at[:, 1].max() == pytest.approx(score.high)
    legend = ax.get_legend()
    assert legend is not None
    assert "95 % range" in [t.get_text() for t in legend.get_texts()]


def test_radar_target_is_the_resolved_target_profile(report: lm.Report, rubric: lm.Rubric) -> None:
    resolved = lm.targets(rubric, report, target="established")
    ax = lp.radar(report, target="established")
    (goal,) = by_gid(ax, "target")
    want = [resolved.dimensions[d.id].target for d in rubric.dimensions]
    assert list(goal.get_ydata()) == pytest.approx([*want, want[0]])
    assert want == [rubric.stage("established").lower] * 4
    # the resolved Targets result draws the same line
    again = by_gid(lp.radar(report, target=resolved), "target")[0]
    assert list(again.get_ydata()) == list(goal.get_ydata())


def test_radar_shades_every_stage_as_a_ring(report: lm.Report, rubric: lm.Rubric) -> None:
    ax = lp.radar(report)
    rings = by_gid(ax, "stage-band")
    assert len(rings) == len(rubric.stages)
    tops = sorted(ring_vertices(r)[:, 1].max() for r in rings)
    assert tops == pytest.approx([s.lower for s in rubric.stages[1:]] + [100.0])
    texts = {t.get_text() for t in ax.texts}
    assert {s.name for s in rubric.stages} <= texts
    assert report.organization in ax.get_title(loc="left")


def test_radar_in_finnish_takes_the_rubric_given(report: lm.Report) -> None:
    finnish = lm.load_rubric(language="fi")
    ax = lp.radar(report, rubric=finnish)
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == [d.name for d in finnish.dimensions]
    assert labels != [d.name for d in lm.load_rubric().dimensions]


def test_radar_draws_on_given_polar_axes_and_refuses_flat_ones(report: lm.Report) -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure()
    polar = fig.add_subplot(1, 2, 1, projection="polar")
    assert lp.radar(report, ax=polar) is polar
    flat = fig.add_subplot(1, 2, 2)
    with pytest.raises(TypeError, match="polar"):
        lp.radar(report, ax=flat)
    with pytest.raises(TypeError, match="Axes"):
        lp.radar(report, ax="axes")  # type: ignore[arg-type]


def test_indicators_rows_are_sorted_by_score_with_their_ranges(
    report: lm.Report, rubric: lm.Rubric
) -> None:
    ax = lp.indicators(report)
    (points,) = by_gid(ax, "score")
    xs, ys = list(points.get_xdata()), list(points.get_ydata())
    assert len(xs) == len(rubric.indicators) == len(ax.get_yticklabels())
    top_down = [x for _, x in sorted(zip(ys, xs, strict=True), reverse=True)]
    assert top_down == sorted(top_down, reverse=True)  # highest on top
    assert top_down[0] == pytest.approx(max(s.value or 0 for s in report.indicators.values()))
    (lines,) = by_gid(ax, "range")
    assert isinstance(lines, LineCollection)
    by_value = {round(s.value or 0, 9): s for s in report.indicators.values()}
    for segment, x in zip(lines.get_segments(), xs, strict=True):
        score = by_value[round(x, 9)]
        assert segment[:, 0] == pytest.approx([score.low, score.high])


def test_indicators_labels_are_the_statements(report: lm.Report, rubric: lm.Rubric) -> None:
    ax = lp.indicators(report, dimension="strategy")
    members = rubric.indicators_of("strategy")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(members)
    best = max(members, key=lambda i: report.indicators[i.id].value or 0)
    top = labels[0]  # the rows top down
    assert best.statement.startswith(top.rstrip("…"))
    assert all(len(label) <= 44 for label in labels)
    assert "Strategy" in ax.get_title(loc="left")


def test_indicators_shades_the_stage_bands(report: lm.Report, rubric: lm.Rubric) -> None:
    ax = lp.indicators(report)
    bands = by_gid(ax, "stage-band")
    assert len(bands) == len(rubric.stages)
    spans = sorted((b.get_x(), b.get_x() + b.get_width()) for b in bands)
    lowers = [s.lower for s in rubric.stages]
    assert [a for a, _ in spans] == pytest.approx(lowers)
    assert [b for _, b in spans] == pytest.approx([*lowers[1:], 100.0])
    assert ax.get_xlim() == (0.0, 100.0)


def test_indicators_unknown_dimension_is_a_clear_error(report: lm.Report) -> None:
    with pytest.raises(lm.ScoringError, match=r"did you mean 'strategy'"):
        lp.indicators(report, dimension="stratgy")


def test_charts_refuse_a_report_set_and_other_types(rubric: lm.Rubric) -> None:
    reports = lm.score_organizations(rubric, lm.example_responses(), n_resamples=100, seed=1)
    assert isinstance(reports, lm.ReportSet)
    with pytest.raises(TypeError, match=r"ReportSet .* e\.g\. reports\["):
        lp.radar(reports)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"expected one organization's lomaturity\.Report"):
        lp.indicators({"overall": 50})  # type: ignore[arg-type]


def test_charts_refuse_another_rubric(report: lm.Report) -> None:
    older = lm.load_rubric("learning-organization@1.0.0")
    with pytest.raises(
        lm.RubricError, match=r"is learning-organization@1\.0\.0, not the rubric of the report"
    ):
        lp.radar(report, rubric=older)
