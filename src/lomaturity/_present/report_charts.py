"""Charts of a report file as inline SVG, drawn by the chart engine behind
:mod:`lomaturity.plot` (:mod:`lomaturity._present.charts`; matplotlib, an optional extra).

:func:`draw` makes one chart with matplotlib's SVG writer into a string (no file, no
network; the text stays text, ids are made unique per chart so that several charts in one
page do not share ids, no date is written so the same results give the same page); without
matplotlib it raises :class:`ImportError` and the report leaves the charts out."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from .._extras import import_pyplot
from .._model.rubric import Rubric
from .._results.benchmark import Benchmark
from .._results.comparison import Comparison
from .._results.groups import OrganizationGap, OrganizationGroups
from .._results.report import Report
from .charts.benchmark import draw_benchmark
from .charts.contrast import draw_comparison, draw_gap
from .charts.forest import draw_indicators
from .charts.groups import draw_groups
from .charts.radar import draw_radar
from .charts.style import plain_texts

CHARTS: Mapping[str, tuple[type, Callable[..., Any]]] = {
    "radar": (Report, draw_radar),
    "indicators": (Report, draw_indicators),
    "comparison": (Comparison, draw_comparison),
    "benchmark": (Benchmark, draw_benchmark),
    "groups": (OrganizationGroups, draw_groups),
    "gap": (OrganizationGap, draw_gap),
}
"""Chart kind -> the result it draws and the drawing function (``f(result, rubric)``)."""


def draw(kind: str, result: object, rubric: Rubric) -> str:
    """The chart ``kind`` (one of :data:`CHARTS`) of ``result`` as SVG text.

    Raises:
        ImportError: matplotlib is not installed (the ``plot`` extra).
        ValueError: ``kind`` is not a chart kind.
        TypeError: ``result`` is not what the chart draws.
    """
    if kind not in CHARTS:
        raise ValueError(f"no chart {kind!r}; charts: {', '.join(CHARTS)}")
    cls, function = CHARTS[kind]
    if not isinstance(result, cls):
        raise TypeError(f"the {kind} chart draws a {cls.__name__}, got {type(result).__name__}")
    plt = import_pyplot()
    settings = {"svg.hashsalt": f"lomaturity-{kind}", "svg.fonttype": "none"}
    with plt.rc_context(settings):
        figure = plain_texts(function(result, rubric)).figure
        buffer = io.StringIO()
        try:
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        finally:  # free the figure (pyplot keeps it otherwise)
            plt.close(figure)
    return unique_ids(buffer.getvalue(), f"chart-{kind}")


_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')


def unique_ids(svg: str, prefix: str) -> str:
    """``svg`` with every ``id`` made unique in a page that holds several charts: prefixed
    with ``prefix`` (and numbered where matplotlib wrote one id twice, as it does for
    artists that share a group id); references (``url(#...)``, ``href="#..."``) to an id
    written once follow it."""
    counts = Counter(_ID.findall(svg))
    seen: Counter[str] = Counter()

    def rename(match: re.Match[str]) -> str:
        old = match.group(1)
        seen[old] += 1
        new = f"{prefix}-{old}" if counts[old] == 1 else f"{prefix}-{old}-{seen[old]}"
        return f'id="{new}"'

    def follow(match: re.Match[str]) -> str:
        target = match.group(2)
        return match.group(1) + (f"{prefix}-{target}" if counts[target] == 1 else target)

    return _REFERENCE.sub(follow, _ID.sub(rename, svg))
