"""Charts of a report file as inline SVG: the bridge from the report to
:mod:`lomaturity.plot` (matplotlib, an optional extra).

:func:`draw` makes one chart with matplotlib's SVG backend into a string (no file, no
network); without matplotlib (or without :mod:`lomaturity.plot`) it raises
:class:`ImportError` and the report shows a note in place of the chart."""

from __future__ import annotations

import importlib
import io
from typing import Any

PLOT_MISSING = "report charts need matplotlib: pip install 'lomaturity[plot]'"

CHARTS = ("radar", "indicators", "comparison", "benchmark", "groups", "gap")
"""The chart kinds a report embeds, each a function of :mod:`lomaturity.plot`."""


def _plot_module() -> Any:
    """:mod:`lomaturity.plot`, imported on first use (it needs matplotlib, an optional
    extra), or an :class:`ImportError` naming the extra."""
    try:
        return importlib.import_module("lomaturity.plot")
    except ImportError as exc:
        raise ImportError(PLOT_MISSING) from exc


def draw(kind: str, result: object) -> str:
    """The chart ``kind`` (one of :data:`CHARTS`) of ``result`` as an ``<svg>`` element.

    Raises:
        ImportError: matplotlib or :mod:`lomaturity.plot` is not installed.
        ValueError: ``kind`` is not a chart kind.
    """
    if kind not in CHARTS:
        raise ValueError(f"no chart {kind!r}; charts: {', '.join(CHARTS)}")
    plot = _plot_module()
    # PLACE FOR THE CHARTS: filled in once lomaturity.plot has landed (issue 11).
    axes = getattr(plot, kind)(result)
    figure = axes.figure
    buffer = io.StringIO()
    try:
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    finally:  # free the figure (pyplot keeps it otherwise)
        importlib.import_module("matplotlib.pyplot").close(figure)
    return buffer.getvalue()
