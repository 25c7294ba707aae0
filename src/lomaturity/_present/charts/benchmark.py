"""The benchmark chart: where an organization's scores stand in a norm table, as percentile
ranks (0-100) with the ranks of their ranges' ends, over the shaded quartile bands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._model.rubric import Rubric
from ..._results.benchmark import Benchmark, Standing
from .forest import Row, draw_rows, row_axes
from .style import GID_STAGE, NEUTRAL, STAGE_SHADES, apply_title, short

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

QUARTILES = (
    ("bottom quartile", 0.0, 25.0),
    ("second quartile", 25.0, 50.0),
    ("third quartile", 50.0, 75.0),
    ("top quartile", 75.0, 100.0),
)
"""The quartile bands of a percentile rank, as :class:`~lomaturity.results.Standing` names
them."""


def _shade_quartiles(ax: Axes) -> None:
    for k, (name, low, high) in enumerate(QUARTILES):
        band = ax.axvspan(low, high, color=STAGE_SHADES[k % 2], zorder=0, lw=0)
        band.set_gid(GID_STAGE)
        ax.text(
            (low + high) / 2,
            1.0,
            name,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize="x-small",
            color=NEUTRAL,
        )
    ax.set_xlim(0, 100)


def _row(label: str, s: Standing) -> Row:
    note = None if s.percentile is not None else f"no rank: {s.reason or 'no score'}"
    return Row(label, s.percentile, s.percentile_low, s.percentile_high, note=note)


def draw_benchmark(benchmark: Benchmark, rubric: Rubric, *, ax: Axes | None = None) -> Axes:
    """The percentile ranks of a benchmark's overall and dimension scores in its norm, each
    with the ranks of its range's ends, over the quartile bands; the rank as shown
    (``37``, ``<5``, ``>95``) and the score written at the right of each row."""
    names = {d.id: d.name for d in rubric.dimensions}
    standings = [benchmark.overall, *benchmark.dimensions.values()]
    labels = ["Overall", *(names.get(d, d) for d in benchmark.dimensions)]
    rows = [_row(label, s) for label, s in zip(labels, standings, strict=True)]
    ax = row_axes(ax, len(rows))
    _shade_quartiles(ax)
    draw_rows(ax, rows)
    for k, s in enumerate(standings):
        if s.rank_text is None or s.value is None:
            continue
        ax.text(
            1.01,
            len(rows) - 1 - k,
            f"{s.rank_text} (score {s.value:.0f})",
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize="small",
        )
    ax.set_xlabel("Percentile rank in the norm (0-100), with the ranks of the range's ends")
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)
    note = f"{short(benchmark.norm_title, 60)}: {benchmark.norm_organizations} organizations"
    if benchmark.synthetic:
        note = "SYNTHETIC norm — " + note
    apply_title(ax, f"{benchmark.organization} — percentile ranks", note, pad=True)
    return ax
