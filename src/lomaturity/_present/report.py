"""Report files: :func:`render_report` (one organization's results as a self-contained
HTML page or as Markdown) and :func:`write_report` (to a file, or one file per
organization), in the language of the rubric (docs/reports.md)."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Literal

from .._files import write_text_atomic
from .._hints import find_organization
from .._model.rubric import Rubric
from .._recommend.recommend import recommend
from .._recommend.targets import check_report
from .._results.benchmark import Benchmark, BenchmarkSet
from .._results.comparison import Comparison, ComparisonSet
from .._results.plan import RecommendationResult
from .._results.report import Report, ReportSet
from .._types import RUBRIC, expect
from ..exceptions import ScoringError
from .markup import to_html, to_markdown
from .report_charts import draw
from .report_content import report_document

ReportFormat = Literal["html", "markdown"]

SUFFIXES: Mapping[str, ReportFormat] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
"""File name endings and the report format each is written in."""


def _one(result: Report | ReportSet, organization: str | None) -> Report:
    """The one organization's report in ``result``."""
    expect(result, (Report, ReportSet), "result", "lomaturity.Report or ReportSet (from lm.score)")
    if isinstance(result, Report):
        if organization is not None and organization != result.organization:
            find_organization(organization, [result.organization], where="the report")
        return result
    name = find_organization(organization, list(result), where="the reports")
    return result[name]


def _comparison_of(value: object, organization: str) -> Comparison | None:
    """The organization's comparison in ``baseline`` (a Comparison or a ComparisonSet)."""
    if value is None or isinstance(value, Comparison):
        return value
    expect(value, ComparisonSet, "baseline", "lomaturity.Comparison or ComparisonSet (lm.compare)")
    assert isinstance(value, ComparisonSet)
    return value.get(organization)


def _benchmark_of(value: object, organization: str) -> Benchmark | None:
    """The organization's benchmark in ``norms`` (a Benchmark or a BenchmarkSet)."""
    if value is None or isinstance(value, Benchmark):
        return value
    expect(
        value, BenchmarkSet, "norms", "lomaturity.results.Benchmark or BenchmarkSet (lm.benchmark)"
    )
    assert isinstance(value, BenchmarkSet)
    return value.get(organization)


def render_report(
    rubric: Rubric,
    result: Report | ReportSet,
    *,
    format: ReportFormat = "html",
    organization: str | None = None,
    baseline: Comparison | ComparisonSet | None = None,
    norms: Benchmark | BenchmarkSet | None = None,
    recommendations: RecommendationResult | Literal[False] | None = None,
    charts: bool = True,
    date: datetime.date | str | None = None,
) -> str:
    """One organization's report as a self-contained HTML page (``format="html"``: style
    sheet inside, charts as inline SVG, no scripts, no network, printable to A4) or as
    Markdown, with the texts in the rubric's language (``lm.load_rubric(...,
    language="fi")`` gives a Finnish report).

    Args:
        rubric: the rubric the report was scored on, in the language of the report.
        result: a :class:`Report`, or a :class:`ReportSet` with ``organization``.
        organization: which organization of a :class:`ReportSet` (may be left out when it
            holds one).
        baseline: the change since the previous survey: ``lm.compare(previous, report)``
            (a ``Comparison``, or a ``ComparisonSet`` holding the organization).
        norms: the standing in a norm table: ``lm.benchmark(report, norm_table)``.
        recommendations: the next steps: a ``RecommendationResult`` (``lm.recommend``);
            ``None`` (default) ranks the rubric's recommendations with the default target
            (one stage up); ``False`` leaves the section out.
        charts: embed charts (needs matplotlib, the ``plot`` extra; without it the report
            says so in place of each chart).
        date: the date shown under the title (default: none).

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an unknown ``format``.
        UnknownOrganizationError: ``organization`` is not in ``result``.
        RecommendationError: ``result`` was scored on another rubric.
    """
    expect(rubric, Rubric, "rubric", RUBRIC)
    if format not in ("html", "markdown"):
        raise ValueError(f"format must be 'html' or 'markdown', got {format!r}")
    report = _one(result, organization)
    check_report(rubric, report)
    comparison = _comparison_of(baseline, report.organization)
    benchmark = _benchmark_of(norms, report.organization)
    for key, what in ((comparison, "baseline"), (benchmark, "norms")):
        if key is not None and key.rubric_key != report.rubric_key:
            raise ScoringError(
                f"{what} is of rubric {key.rubric_key}, the report of {report.rubric_key}"
            )
    steps: RecommendationResult | None
    if recommendations is False:
        steps = None
    elif recommendations is None:
        steps = recommend(rubric, report) if rubric.recommendations and report.reportable else None
    else:
        expect(
            recommendations,
            RecommendationResult,
            "recommendations",
            "lomaturity.RecommendationResult (lm.recommend), None or False",
        )
        steps = recommendations
    document = report_document(
        rubric,
        report,
        comparison=comparison,
        benchmark=benchmark,
        recommendations=steps,
        draw=partial(draw, rubric=rubric) if charts else None,
        date=None if date is None else str(date),
    )
    return to_html(document) if format == "html" else to_markdown(document)


def report_format(path: str | os.PathLike[str]) -> ReportFormat:
    """The format a report file is written in, from its ending (``.html``/``.htm``,
    ``.md``/``.markdown``; any case), or a ``ValueError`` naming the endings."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"cannot tell the report format of {os.fspath(path)!r}: name it .html or .md "
            "(also .htm, .markdown)"
        )
    return SUFFIXES[suffix]


def slug(name: str) -> str:
    """An organization name as a file-name part: lower case ASCII letters, digits and
    ``-`` (``Nordwind Ltd.`` -> ``nordwind-ltd``; ``organization`` when nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return text[:60].strip("-") or "organization"


def report_paths(path: str | os.PathLike[str], organizations: list[str]) -> dict[str, Path]:
    """Where :func:`write_report` puts each organization's file: ``path`` itself for one
    organization; for several, ``<stem>-<slug of the name><suffix>`` beside ``path``
    (``report.html`` -> ``report-nordwind-manufacturing.html``), a ``-2``, ``-3`` ...
    added when two names give the same slug."""
    target = Path(path)
    if len(organizations) == 1:
        return {organizations[0]: target}
    out: dict[str, Path] = {}
    used: set[str] = set()
    for name in organizations:
        base = slug(name)
        part, k = base, 1
        while part in used:
            k += 1
            part = f"{base}-{k}"
        used.add(part)
        out[name] = target.with_name(f"{target.stem}-{part}{target.suffix}")
    return out


def write_report(
    rubric: Rubric,
    result: Report | ReportSet,
    path: str | os.PathLike[str],
    *,
    organization: str | None = None,
    baseline: Comparison | ComparisonSet | None = None,
    norms: Benchmark | BenchmarkSet | None = None,
    recommendations: RecommendationResult | Literal[False] | None = None,
    charts: bool = True,
    date: datetime.date | str | None = None,
) -> list[Path]:
    """Write the report to ``path``, in the format its ending names (``.html``, ``.md``),
    whole or not at all, and return the paths written.

    A :class:`ReportSet` of several organizations without ``organization`` gives one file
    per organization, named by :func:`report_paths` (``report.html`` ->
    ``report-<organization>.html``); ``baseline`` and ``norms`` are then sets
    (``ComparisonSet``, ``BenchmarkSet``) and ``recommendations`` must not be one result.
    Other arguments as :func:`render_report`."""
    fmt = report_format(path)
    if isinstance(result, ReportSet) and organization is None and len(result) > 1:
        if isinstance(recommendations, RecommendationResult):
            raise ValueError(
                "recommendations: one organization's result given for several; pass organization="
            )
        names = list(result)
    else:
        names = [_one(result, organization).organization]
    render = partial(
        render_report,
        rubric,
        result,
        format=fmt,
        baseline=baseline,
        norms=norms,
        recommendations=recommendations,
        charts=charts,
        date=date,
    )
    targets = report_paths(path, names)
    if len(targets) == 1:  # one file: written whole (or through, to a pipe or device)
        ((name, target),) = targets.items()
        write_text_atomic(target, render(organization=name))
        return [target]
    # Each report is first written whole under a hidden name beside its target; the targets
    # are replaced only when every report is done, so a failure leaves no partial set.
    staged: dict[Path, Path] = {}
    try:
        for name, target in targets.items():
            hidden = target.with_name(f".{target.name}.part")
            write_text_atomic(hidden, render(organization=name))
            staged[hidden] = target
        for hidden, target in staged.items():
            os.replace(hidden, target)
    finally:
        for hidden in staged:
            if hidden.exists():
                hidden.unlink()
    return list(targets.values())
