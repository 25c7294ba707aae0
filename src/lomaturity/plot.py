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
on: ``rubric=`` (required for a rubric of your own, and to chart in another of its
languages), else the rubric a report was scored with (``report.rubric``), else the bundled
rubric of the result's ``id@version``. The chart's own texts (titles, axis labels,
legends) follow that rubric's language: English and Finnish, English for any other.
Colours come from the colour-blind-safe Okabe-Ito palette, :data:`PALETTE`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._hints import find_organization
from ._model.rubric import Rubric
from ._model.targets import TargetSpec
from ._present.charts.benchmark import draw_benchmark
from ._present.charts.contrast import Level, draw_comparison, draw_gap
from ._present.charts.forest import draw_indicators
from ._present.charts.groups import draw_groups
from ._present.charts.radar import draw_radar
from ._present.charts.style import PALETTE, plain_texts
from ._public import publish
from ._recommend.targets import targets
from ._results.benchmark import Benchmark, BenchmarkSet
from ._results.comparison import Comparison, ComparisonSet
from ._results.groups import GroupBreakdown, OrganizationGap, OrganizationGroups, PerceptionGap
from ._results.plan import Targets
from ._results.report import Report, ReportSet
from ._rubrics.registry import rubric_of_result
from ._types import expect
from .exceptions import ScoringError

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes

__all__ = ["PALETTE", "benchmark", "comparison", "gap", "groups", "indicators", "radar"]

_REPORT = "one organization's lomaturity.Report (from lm.score)"


def _one_of(value: object, several: type, what: str, name: str) -> None:
    """A clear ``TypeError`` when ``value`` is a result of several organizations."""
    if isinstance(value, several):
        assert isinstance(value, ReportSet | ComparisonSet | BenchmarkSet)
        example = next(iter(value), "name")
        raise TypeError(
            f"{what}: got a {several.__name__} of {len(value)} organization(s); chart one "
            f"organization's, e.g. {name}[{example!r}]"
        )


def _report(report: object) -> Report:
    """``report`` when it is one organization's report; a clear ``TypeError`` otherwise."""
    _one_of(report, ReportSet, "report", "reports")
    expect(report, Report, "report", _REPORT)
    assert isinstance(report, Report)
    return report


def _report_rubric(rubric: Rubric | None, report: Report) -> Rubric:
    """``rubric``, else the rubric ``report`` was scored with, else the bundled one; checked
    against the report's key and fingerprint."""
    own = rubric if rubric is not None else report.rubric
    return rubric_of_result(own, report.rubric_key, report.rubric_fingerprint, "the report")


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
        rubric: the rubric the report was scored on (default: the one it was scored with,
            ``report.rubric``, or the bundled rubric of ``report.rubric_key``).
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
    rubric = _report_rubric(rubric, report)
    return plain_texts(
        draw_radar(report, rubric, target=_target_scores(target, report, rubric), ax=ax)
    )


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
        rubric: the rubric the report was scored on (default: the one it was scored with,
            ``report.rubric``, or the bundled rubric of ``report.rubric_key``).
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
    rubric = _report_rubric(rubric, report)
    return plain_texts(draw_indicators(report, rubric, dimension=dimension, ax=ax))


def comparison(
    comparison: Comparison,
    *,
    level: Level = "dimensions",
    rubric: Rubric | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A difference chart of a comparison of two organizations or two survey waves.

    One row per score: the difference ``second - first`` (points on the 0-100 scale) and
    its confidence range around a zero line; orange when the range excludes 0, grey when
    it includes it; the two scores (``first → second``) written at the right.

    Args:
        comparison: one comparison (:func:`lomaturity.compare`); of a
            :class:`~lomaturity.results.ComparisonSet`, chart one organization's.
        level: ``"dimensions"`` (default: the overall score, then the dimensions in rubric
            order) or ``"indicators"`` (largest difference first).
        rubric: the rubric the comparison was made on (default: the bundled rubric of its
            key; for two rubric versions, the newer one's names).
        ax: axes to draw on; new ones when ``None``.

    Returns:
        The Axes. Parts: ``score`` (points), ``range`` (lines), ``zero`` (gids).

    Raises:
        TypeError: not a comparison.
        ScoringError: an unknown ``level``.
        RubricError: ``rubric`` is not the comparison's rubric.
        ImportError: matplotlib is not installed.
    """
    _one_of(comparison, ComparisonSet, "comparison", "comparisons")
    expect(comparison, Comparison, "comparison", "one lomaturity.Comparison (from lm.compare)")
    if level not in ("dimensions", "indicators"):
        raise ScoringError(f"level: expected 'dimensions' or 'indicators', got {level!r}")
    keys = comparison.rubric_key.split(" -> ")  # two versions: "a@1.0.0 -> a@1.1.0"
    if rubric is None or rubric.key not in keys:
        fingerprint = comparison.rubric_fingerprint if len(keys) == 1 else None
        rubric = rubric_of_result(rubric, keys[-1], fingerprint, "the comparison")
    return plain_texts(draw_comparison(comparison, rubric, level=level, ax=ax))


def benchmark(
    benchmark: Benchmark, *, rubric: Rubric | None = None, ax: Axes | None = None
) -> Axes:
    """A chart of where one organization stands in a norm table.

    One row for the overall score and one per dimension: the percentile rank (0-100) of
    the score in the norm, with the ranks of its range's ends, over the shaded quartile
    bands; the rank as shown (``37``, ``<5``, ``>95``) and the score at the right. The title
    says when the norm is SYNTHETIC.

    Args:
        benchmark: one organization's benchmark (:func:`lomaturity.benchmark`).
        rubric: the rubric of the report and norm (default: the bundled rubric).
        ax: axes to draw on; new ones when ``None``.

    Returns:
        The Axes. Parts: ``score`` (points), ``range`` (lines), ``stage-band`` (the
        quartile bands) (gids).

    Raises:
        TypeError: not a benchmark.
        RubricError: ``rubric`` is not the benchmark's rubric.
        ImportError: matplotlib is not installed.
    """
    _one_of(benchmark, BenchmarkSet, "benchmark", "benchmarks")
    expect(benchmark, Benchmark, "benchmark", "one lomaturity.results.Benchmark (lm.benchmark)")
    rubric = rubric_of_result(rubric, benchmark.rubric_key, None, "the benchmark")
    return plain_texts(draw_benchmark(benchmark, rubric, ax=ax))


def _organization_groups(
    result: Report | GroupBreakdown, organization: str | None
) -> tuple[OrganizationGroups, str, Rubric | None]:
    """The groups to chart, the rubric key they were scored on and the report's rubric."""
    if isinstance(result, GroupBreakdown):
        name = find_organization(organization, list(result), where="the group breakdown")
        return result[name], result.rubric_key, None
    report = _report(result)
    if report.groups is None:
        raise ScoringError(
            "report: it carries no groups; score with details=True and a 'team' column, "
            "or chart lm.group_scores(...)"
        )
    return report.groups, report.rubric_key, report.rubric


def groups(
    result: Report | GroupBreakdown,
    *,
    score: str = "overall",
    organization: str | None = None,
    rubric: Rubric | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A chart of one organization's groups (teams, ...) on one score.

    One row per group (by value, ``(missing)`` last), labelled with its respondent count:
    the score and its confidence range over the rubric's shaded stage bands. A suppressed
    group (fewer respondents than the minimum group size) is a row with its count and the
    reason, and no score.

    Args:
        result: a report scored with ``details=True`` (its ``groups``) or a
            :class:`~lomaturity.results.GroupBreakdown` (:func:`lomaturity.group_scores`).
        score: ``"overall"`` (default) or a dimension id.
        organization: the organization of a breakdown of several.
        rubric: the rubric the groups were scored on (default: a report's own rubric, or
            the bundled rubric).
        ax: axes to draw on; new ones when ``None``.

    Returns:
        The Axes. Parts: ``score``, ``range``, ``stage-band``, ``suppressed`` (gids).

    Raises:
        TypeError: neither a report nor a group breakdown.
        ScoringError: a report without groups, or an unknown ``score``.
        UnknownOrganizationError: ``organization`` is not in the breakdown (or missing
            where there are several).
        RubricError: ``rubric`` is not the result's rubric.
        ImportError: matplotlib is not installed.
    """
    found, key, own = _organization_groups(result, organization)
    rubric = rubric_of_result(rubric if rubric is not None else own, key, None, "the groups")
    return plain_texts(draw_groups(found, rubric, score=score, ax=ax))


def _organization_gap(
    result: Report | PerceptionGap, organization: str | None
) -> tuple[OrganizationGap, str, Rubric | None]:
    """The gap to chart, the rubric key it was scored on and the report's rubric."""
    if isinstance(result, PerceptionGap):
        name = find_organization(organization, list(result), where="the perception gap")
        return result[name], result.rubric_key, None
    report = _report(result)
    if report.perception_gap is None:
        raise ScoringError(
            "report: it carries no perception gap; score with details=True and a 'role' "
            "column, or chart lm.perception_gap(...)"
        )
    return report.perception_gap, report.rubric_key, report.rubric


def gap(
    result: Report | PerceptionGap,
    *,
    organization: str | None = None,
    rubric: Rubric | None = None,
    ax: Axes | None = None,
) -> Axes:
    """A chart of the perception gap: one group minus the other (managers minus employees).

    One row for the overall score and one per dimension: the gap (points on the 0-100
    scale) and its confidence range around a zero line, orange when the range excludes 0;
    both groups' scores at the right. A suppressed gap (a group too small) is a note with
    the counts and the reason, and no rows.

    Args:
        result: a report scored with ``details=True`` (its ``perception_gap``) or a
            :class:`~lomaturity.results.PerceptionGap` (:func:`lomaturity.perception_gap`).
        organization: the organization of a result of several.
        rubric: the rubric the gap was scored on (default: a report's own rubric, or the
            bundled rubric).
        ax: axes to draw on; new ones when ``None``.

    Returns:
        The Axes. Parts: ``score``, ``range``, ``zero``, ``suppressed`` (gids).

    Raises:
        TypeError: neither a report nor a perception gap.
        ScoringError: a report without a perception gap.
        UnknownOrganizationError: ``organization`` is not in the result.
        RubricError: ``rubric`` is not the result's rubric.
        ImportError: matplotlib is not installed.
    """
    found, key, own = _organization_gap(result, organization)
    rubric = rubric_of_result(
        rubric if rubric is not None else own, key, None, "the perception gap"
    )
    return plain_texts(draw_gap(found, rubric, ax=ax))


publish(__name__, benchmark, comparison, gap, groups, indicators, radar)

del publish  # the helper is not part of the public surface
