"""The benchmark chart: where an organization's scores stand in a norm table, as percentile
ranks (0-100) with the ranks of their ranges' ends, over the shaded quartile bands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._model.rubric import Rubric
from ..._results.benchmark import Benchmark, Standing
from .forest import Row, draw_rows, row_axes
from .strings import ChartText, chart_text
from .style import NEUTRAL, apply_title, shade_bands, short

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

QUARTILES = (
    ("bottom quartile", 0.0, 25.0),
    ("second quartile", 25.0, 50.0),
    ("third quartile", 50.0, 75.0),
    ("top quartile", 75.0, 100.0),
)
"""The quartile bands of a percentile rank, as :class:`~lomaturity.results.Standing` names
them (the keys of their names in the chart texts)."""


def _shade_quartiles(ax: Axes, t: ChartText) -> None:
    shade_bands(ax, [(t(name), low, high, None) for name, low, high in QUARTILES])


def _row(label: str, s: Standing, t: ChartText) -> Row:
    note = None if s.percentile is not None else t("no_rank", reason=s.reason or t("no_score"))
    return Row(label, s.percentile, s.percentile_low, s.percentile_high, note=note)


def draw_benchmark(benchmark: Benchmark, rubric: Rubric, *, ax: Axes | None = None) -> Axes:
    """The percentile ranks of a benchmark's overall and dimension scores in its norm, each
    with the ranks of its range's ends, over the quartile bands; the rank as shown
    (``37``, ``<5``, ``>95``) and the score written at the right of each row."""
    t = chart_text(rubric)
    names = {d.id: d.name for d in rubric.dimensions}
    standings = [benchmark.overall, *benchmark.dimensions.values()]
    labels = [t("overall"), *(names.get(d, d) for d in benchmark.dimensions)]
    rows = [_row(label, s, t) for label, s in zip(labels, standings, strict=True)]
    ax = row_axes(ax, len(rows))
    _shade_quartiles(ax, t)
    draw_rows(ax, rows)
    for k, s in enumerate(standings):
        if s.rank_text is None or s.value is None:
            continue
        ax.text(
            1.01,
            len(rows) - 1 - k,
            t("rank_score", rank=s.rank_text, score=t.number(s.value)),
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize="small",
        )
    ax.set_xlabel(t("percentile_axis"))
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)
    note = t("norm_note", title=short(benchmark.norm_title, 60), n=benchmark.norm_organizations)
    if benchmark.synthetic:
        note = t("synthetic_note", note=note)
    apply_title(ax, t("percentile_title", organization=benchmark.organization), note, pad=True)
    return ax
