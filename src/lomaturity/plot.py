"""Charts of lomaturity's results, drawn with matplotlib (docs/plots.md)::

    import lomaturity as lm
    import lomaturity.plot

    rubric = lm.load_rubric()
    report = lm.score(rubric, lm.example_responses(), organization="nordwind-manufacturing")
    ax = lomaturity.plot.radar(report, target="next")
    ax.figure.savefig("radar.png")

matplotlib is an optional extra (``pip install 'lomaturity[plot]'``), imported only when a
chart is drawn: ``import lomaturity`` does not import it, and neither does importing this
module. Every function returns the matplotlib ``Axes`` it drew on (the figure is
``ax.figure``), for restyling; pass ``ax=`` to draw on axes of your own. The names on a
chart (dimensions, indicator statements, stages) come from the rubric the result was made
on: the bundled rubric of the result's ``id@version``, or ``rubric=`` (required for a
rubric of your own, and to chart in another of its languages). Colours come from the
colour-blind-safe Okabe-Ito palette, :data:`PALETTE`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._model.rubric import Rubric
from ._model.targets import TargetSpec
from ._present.charts.forest import draw_indicators
from ._present.charts.radar import draw_radar
from ._present.charts.style import PALETTE
from ._public import publish
from ._recommend.targets import targets
from ._results.plan import Targets
from ._results.report import Report, ReportSet
from ._rubrics.registry import rubric_of_result
from ._types import expect

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

__all__ = ["PALETTE", "indicators", "radar"]

_REPORT = "one organization's lomaturity.Report (from lm.score)"


def _report(report: object) -> Report:
    """``report`` when it is one organization's report; a clear ``TypeError`` otherwise."""
    if isinstance(report, ReportSet):
        example = next(iter(report), "name")
        raise TypeError(
            f"report: got a ReportSet of {len(report)} organization(s); chart one "
            f"organization's report, e.g. reports[{example!r}]"
        )
    expect(report, Report, "report", _REPORT)
    assert isinstance(report, Report)
    return report


def _target_scores(
    target: TargetSpec | Targets, report: Report, rubric: Rubric
) -> Mapping[str, float | None] | None:
    """Dimension id -> target score of ``target`` resolved against ``report``."""
    if target is None:
        return None
    resolved = target if isinstance(target, Targets) else targets(rubric, report, target=target)
    return {d: gap.target for d, gap in resolved.dimensions.items()}


def radar(
    report: Report,
    *,
    target: TargetSpec | Targets = None,
    rubric: Rubric | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A radar chart of one report's dimension scores (0-100).

    The scores are a line with a point on each dimension's spoke (first at the top,
    clockwise, rubric order); their confidence ranges a shaded band from every low to every
    high; the rubric's stage bands grey rings, named between the first two spokes.

    Args:
        report: one organization's report (:func:`lomaturity.score`).
        target: a target profile drawn as a dashed line: anything
            :func:`lomaturity.targets` accepts (``"next"``, a stage id, a score, a mapping,
            a :class:`~lomaturity.recommendations.TargetProfile`) or its result; ``None``
            (default) draws none.
        rubric: the rubric the report was scored on (default: the bundled rubric of
            ``report.rubric_key``).
        ax: polar axes to draw on (``subplot_kw={"projection": "polar"}``); new ones when
            ``None``.

    Returns:
        The Axes. Its parts carry gids: ``score`` (the line), ``range`` (the band),
        ``target``, ``stage-band`` (the rings).

    Raises:
        TypeError: not a report, or ``ax`` is not polar axes.
        RubricError: ``rubric`` is not the report's rubric (or, without one, the report's
            rubric is not bundled).
        RecommendationError: a ``target`` that does not fit the rubric.
        ImportError: matplotlib is not installed.
    """
    report = _report(report)
    rubric = rubric_of_result(rubric, report.rubric_key, report.rubric_fingerprint, "the report")
    return draw_radar(report, rubric, target=_target_scores(target, report, rubric), ax=ax)


def indicators(
    report: Report,
    *,
    dimension: str | None = None,
    rubric: Rubric | None = None,
    ax: Axes | None = None,
) -> Axes:
    """An interval (forest) chart of one report's indicator scores (0-100), highest first.

    One row per indicator, labelled with its statement (cut short): a point at the score
    and a line over its confidence range, over the rubric's stage bands (shaded, named
    above the axes). Indicators without a score come last, with the reason.

    Args:
        report: one organization's report (:func:`lomaturity.score`).
        dimension: a dimension id: only its indicators (default: all).
        rubric: the rubric the report was scored on (default: the bundled rubric of
            ``report.rubric_key``).
        ax: axes to draw on; new ones when ``None``.

    Returns:
        The Axes. Parts: ``score`` (points), ``range`` (lines), ``stage-band`` (gids).

    Raises:
        TypeError: not a report, or ``ax`` is not Cartesian axes.
        ScoringError: ``dimension`` is not a dimension of the report.
        RubricError: ``rubric`` is not the report's rubric.
        ImportError: matplotlib is not installed.
    """
    report = _report(report)
    rubric = rubric_of_result(rubric, report.rubric_key, report.rubric_fingerprint, "the report")
    return draw_indicators(report, rubric, dimension=dimension, ax=ax)


publish(__name__, indicators, radar)

del publish  # the helper is not part of the public surface
