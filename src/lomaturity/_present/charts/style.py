"""What every chart shares: the colour-blind-safe palette, the artist ids (``gid``) tests
and users find the parts of a chart by, new axes, labels and the shaded stage bands."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from ..._extras import import_pyplot
from ..._format import printable
from ..._model.rubric import Rubric, Stage

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

PALETTE: Final = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
"""The Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), colour-blind safe:
black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple."""

BLACK, ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = PALETTE
SCORE = BLUE
"""The organization's scores and their ranges."""
RANGE_FILL = SKY
"""The shaded confidence band of the radar."""
TARGET = VERMILLION
"""Target profiles."""
SECOND = ORANGE
"""The second side of a difference, and ranges that exclude 0."""
NEUTRAL = "#7F7F7F"
"""Reference lines (zero) and ranges that include 0."""
STAGE_SHADES: Final = ("#F2F2F2", "#FFFFFF")
"""Alternating shades of the stage bands (neutral, so they never compete with the data)."""

GID_SCORE: Final = "score"
GID_RANGE: Final = "range"
GID_TARGET: Final = "target"
GID_STAGE: Final = "stage-band"
GID_ZERO: Final = "zero"
GID_SUPPRESSED: Final = "suppressed"
"""Artist ids (``Artist.get_gid()``) of a chart's parts: the scores (points or line), their
confidence ranges, the target, the stage bands, the zero line of a difference and the
notes of suppressed rows (docs/plots.md)."""

LABEL_WIDTH: Final = 44
"""Longest row label (characters) before it is cut with an ellipsis."""


def short(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with ``…``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


TEXT_WIDTH: Final = 90
"""Longest line of any chart text (characters; titles, legend entries, tick labels) before
it is cut with an ellipsis, so that a very long name cannot squeeze the axes away."""

_MATH_DOLLAR = re.compile(r"(?<!\\)\$")


def plain(text: str) -> str:
    """``text`` as literal chart text: control and invisible format characters as visible
    escapes (:func:`lomaturity._format.printable`), each line cut to :data:`TEXT_WIDTH`,
    and every ``$`` escaped so that matplotlib never reads it as mathtext (a name such as
    ``Sales $\\frac$`` would otherwise fail to draw); matplotlib shows ``\\$`` as ``$``."""
    lines = [
        short(line, TEXT_WIDTH) if len(line) > TEXT_WIDTH else line
        for line in printable_lines(text)
    ]
    return _MATH_DOLLAR.sub(r"\\$", "\n".join(lines))


def printable_lines(text: str) -> list[str]:
    """``text``'s lines (matplotlib draws ``\\n`` as a line break), each made printable."""
    return [printable(line) for line in text.split("\n")]


AxesT = TypeVar("AxesT")


def plain_texts(ax: AxesT) -> AxesT:
    """Every text of ``ax`` (title, labels, notes, legend, tick labels) made :func:`plain`;
    called once a chart is drawn, since its texts hold untrusted names. Returns ``ax``."""
    from matplotlib.text import Text  # optional extra: only for charts
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    axes = cast("Axes", ax)
    for text in axes.findobj(Text):
        old = text.get_text()
        if old and (new := plain(old)) != old:
            text.set_text(new)
    for axis in (axes.xaxis, axes.yaxis):
        formatter = axis.get_major_formatter()
        if isinstance(formatter, FixedFormatter):
            formatter.seq = [plain(str(label)) for label in formatter.seq]
        elif isinstance(formatter, FuncFormatter):  # labels of polar axes (the radar's spokes)
            formatter.func = _plain_labels(formatter.func)
    return ax


def _plain_labels(
    func: Callable[[float, int | None], object],
) -> Callable[[float, int | None], str]:
    """A tick formatter's function whose labels come out :func:`plain` (matplotlib writes
    tick labels from the formatter at every draw, after :func:`plain_texts` ran)."""

    def label(x: float, pos: int | None = None) -> str:
        return plain(str(func(x, pos)))

    return label


def wrapped(text: str, width: int = 16) -> str:
    """``text`` wrapped onto lines of at most ``width`` characters (radar spokes)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def new_axes(ax: Axes | None, *, polar: bool = False, size: tuple[float, float]) -> Axes:
    """``ax``, checked, or new axes on a new pyplot figure of ``size`` inches."""
    plt = import_pyplot()
    if ax is None:
        kw = {"projection": "polar"} if polar else {}
        _, new = plt.subplots(figsize=size, subplot_kw=kw, layout="constrained")
        return cast("Axes", new)
    axes_type = plt.Axes
    if not isinstance(ax, axes_type):
        raise TypeError(f"ax: expected matplotlib Axes or None, got {type(ax).__name__}")
    if polar != (ax.name == "polar"):
        want = "polar axes (subplot_kw={'projection': 'polar'})" if polar else "Cartesian axes"
        raise TypeError(f"ax: this chart needs {want}, got {ax.name!r} axes")
    return cast("Axes", ax)  # narrowed by a runtime class: the checker sees Any


def stage_spans(rubric: Rubric) -> list[tuple[Stage, float, float]]:
    """Each stage with its band ``[lower, upper)`` on 0-100, lowest first."""
    stages = sorted(rubric.stages, key=lambda s: s.lower)
    uppers = [s.lower for s in stages[1:]] + [100.0]
    return [(s, max(s.lower, 0.0), min(u, 100.0)) for s, u in zip(stages, uppers, strict=True)]


def shade_bands(ax: Axes, bands: Sequence[tuple[str, float, float, str | None]]) -> None:
    """Shade ``(name, low, high, label)`` bands along the x axis (0-100) of a row chart in
    alternating neutral shades, each named at the top of the axes; ``label`` (when given)
    is the band artist's label, kept out of the legend."""
    for k, (name, low, high, label) in enumerate(bands):
        band = ax.axvspan(low, high, color=STAGE_SHADES[k % 2], zorder=0, lw=0)
        band.set_gid(GID_STAGE)
        if label is not None:
            band.set_label(f"_{label}")  # underscore: not in the legend
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


def shade_stages(ax: Axes, rubric: Rubric) -> None:
    """Shade the rubric's stage bands along the x axis (0-100) of a row chart, each band
    named at the top of the axes."""
    spans = stage_spans(rubric)
    shade_bands(ax, [(wrapped(s.name, 14), low, high, s.id) for s, low, high in spans])


def finite(values: Sequence[float | None]) -> list[float]:
    """``values`` as floats, ``None`` as NaN (matplotlib leaves NaN out)."""
    return [float("nan") if v is None else float(v) for v in values]


def apply_title(ax: Axes, title: str, note: str | None = None, *, pad: bool = False) -> None:
    """The chart's title, with a second line (what is shown, warnings); ``pad`` leaves room
    for the stage names above the axes."""
    text = title if note is None else f"{title}\n{note}"
    ax.set_title(text, loc="left", fontsize="medium", pad=22 if pad else 6)


LEGEND_WIDTH: Final = 32
"""Longest legend entry (characters; an organization's name) beside a chart."""


def legend(ax: Axes, **kw: Any) -> None:
    """A small legend outside the data, when there is anything labelled."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        names = [short(label, LEGEND_WIDTH) for label in labels]
        ax.legend(handles, names, fontsize="small", frameon=False, **kw)
