"""The norm entry points: :func:`build_norms` (a norm table from a panel) and
:func:`benchmark` (a report's percentile ranks in a norm table); docs/norms.md."""

from __future__ import annotations

import datetime
from typing import Any

from .._hints import did_you_mean
from .._model.norms import MIN_ORGANIZATIONS, Level, NormTable
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._norms.parse import MAX_TEXT, parse_norms
from .._results.benchmark import Benchmark, BenchmarkSet
from .._results.report import Report, ReportSet
from .._stats.norms import (
    benchmark_report,
    norm_settings,
    panel_distributions,
    subjects_of,
    today,
)
from .._stats.options import count_error, flag_error, raise_errors
from .._types import NORMS, RUBRIC, expect
from ..exceptions import NormsError, Problem, ScoringError
from .score import score_organizations

SOURCE = "lomaturity.ReportSet (lm.score_organizations) or lomaturity.Responses"
"""What the panel argument of :func:`build_norms` must be."""


def _text_error(name: str, value: object) -> str | None:
    if isinstance(value, str) and len(value.strip()) > MAX_TEXT:
        return f"{name}: is longer than {MAX_TEXT} characters (a norm file could not hold it)"
    if isinstance(value, str) and value.strip() and value.isprintable():
        return None
    return f"{name}: {value!r} is not a non-empty line of printable text"


def _check_build(
    title: object, source: object, date: object, synthetic: object, min_organizations: object
) -> None:
    date_error = None
    if date is not None and (
        not isinstance(date, datetime.date) or isinstance(date, datetime.datetime)
    ):
        date_error = f"date: {date!r} is not a datetime.date (or None: today)"
    raise_errors(
        "norm",
        [
            _text_error("title", title),
            _text_error("source_description", source),
            date_error,
            flag_error("synthetic", synthetic),
            count_error("min_organizations", min_organizations, MIN_ORGANIZATIONS),
        ],
    )


SCORING_OPTIONS = (
    "confidence",
    "n_resamples",
    "seed",
    "interval",
    "min_respondents",
    "min_indicator_share",
    "min_dimension_share",
)
"""The options of :func:`score_organizations` that :func:`build_norms` passes on."""


def _check_scoring(scoring: dict[str, Any]) -> None:
    """Refuse a scoring option :func:`build_norms` does not pass on, naming the ones it does."""
    for name in scoring:
        if name not in SCORING_OPTIONS:
            hint = did_you_mean(name, SCORING_OPTIONS)
            raise TypeError(
                f"build_norms: {name!r} is not a scoring option"
                + (f" ({hint})" if hint else "")
                + "; options: "
                + ", ".join(SCORING_OPTIONS)
            )


def _panel(rubric: Rubric, source: object, scoring: dict[str, Any]) -> ReportSet:
    """The panel's reports: ``source`` itself, or ``source`` responses scored."""
    _check_scoring(scoring)
    if isinstance(source, Responses):
        return score_organizations(rubric, source, agreement=False, **scoring)
    expect(source, ReportSet, "source", SOURCE)
    assert isinstance(source, ReportSet)
    if scoring:
        raise ScoringError(
            "scoring options (" + ", ".join(sorted(scoring)) + ") apply to responses; "
            "the reports given were scored already"
        )
    foreign = {r.rubric_fingerprint for r in source.values()} - {rubric.fingerprint}
    if foreign or any(r.rubric_key != rubric.key for r in source.values()):
        raise ScoringError(
            f"the reports were not all scored on the rubric {rubric.key} given "
            "(another id, version or content); score the panel on this rubric"
        )
    thresholds = {_thresholds(r) for r in source.values()}
    if len(thresholds) > 1:
        raise ScoringError(
            "the reports were scored with different min_respondents, min_indicator_share or "
            "min_dimension_share settings; a norm needs one rule of what is scorable: score "
            "the panel in one call"
        )
    return source


def _thresholds(report: Report) -> tuple[float, ...]:
    o = report.options
    return (o.min_respondents, o.min_indicator_share, o.min_dimension_share)


def build_norms(
    rubric: Rubric,
    source: ReportSet | Responses,
    *,
    title: str,
    source_description: str,
    date: datetime.date | None = None,
    synthetic: bool = False,
    min_organizations: int = MIN_ORGANIZATIONS,
    indicators: bool = False,
    **scoring: Any,
) -> NormTable:
    """Build a norm table from a panel of organizations, in one call.

    Each score (overall, each dimension and, with ``indicators``, each indicator) gets the
    percentile points 1, 5, 10, ..., 95, 99 of the organizations' scores (numpy's default
    linear method), keeping the points the panel resolves (``100/n <= p <= 100 - 100/n``),
    and their mean and sd. Organizations where a score is not scorable are left out of that
    score's distribution and counted (``n_excluded``). No organization's name or own score
    is stored.

    Args:
        rubric: the rubric the panel answered.
        source: the panel: a :class:`ReportSet` (``lm.score_organizations``), or
            :class:`Responses`, scored here with ``score_organizations(rubric, source,
            **scoring)`` (agreement off).
        title: what the norm is, one line (``"Manufacturing, EU, 2026"``).
        source_description: who collected the panel and how (``"consortium X, 2026 survey"``).
        date: when the norm was built; ``None``: today (UTC).
        synthetic: ``True`` when the organizations are simulated; every benchmark against
            the table then says so.
        min_organizations: fewest organizations a distribution is built from, at least
            :data:`~lomaturity.norms.MIN_ORGANIZATIONS` (20).
        indicators: also store each indicator's distribution.
        **scoring: options of :func:`score_organizations` (``seed``, ``n_resamples``,
            ``min_respondents``, ...), only with responses.

    Returns:
        The :class:`NormTable`; a dimension (or indicator) scorable in fewer than
        ``min_organizations`` organizations is left out of it.

    Raises:
        TypeError: ``rubric`` or ``source`` of the wrong type.
        ScoringError: bad options, reports of another rubric, or fewer than
            ``min_organizations`` organizations with a scorable overall score.
    """
    expect(rubric, Rubric, "rubric", RUBRIC)
    _check_build(title, source_description, date, synthetic, min_organizations)
    reports = _panel(rubric, source, scoring)
    subjects: list[tuple[str, Level]] = [("overall", "overall")]
    if len(reports):
        subjects = subjects_of(reports, indicators)
    built, too_few = panel_distributions(reports, subjects, int(min_organizations))
    if "overall" in too_few:
        raise ScoringError(
            f"a norm needs at least {min_organizations} organizations with an overall score; "
            f"the panel has {too_few['overall']} (of {len(reports)} organizations). Smaller "
            "panels give percentile points that mostly interpolate between a few "
            "organizations and come close to disclosing their scores (docs/norms.md)"
        )
    options = next(iter(reports.values())).options
    return NormTable(
        title=title.strip(),
        source=source_description.strip(),
        synthetic=bool(synthetic),
        date=date or today(),
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_fingerprint=rubric.fingerprint,
        n_organizations=len(reports),
        settings=norm_settings(options),
        overall=built.pop("overall"),
        dimensions={k: v for k, v in built.items() if v.level == "dimension"},
        indicators={k: v for k, v in built.items() if v.level == "indicator"},
    )


def _mismatch(norms: NormTable, report: Report) -> NormsError | None:
    """Why ``norms`` cannot rank ``report`` (another rubric), or ``None``."""
    if norms.rubric_key != report.rubric_key:
        message = (
            f"is the rubric of the norm table, but the report of {report.organization!r} was "
            f"scored on {report.rubric_key}; a norm ranks only scores of its own rubric"
        )
        value: str = norms.rubric_key
        code = "rubric_mismatch"
    elif report.rubric_fingerprint != norms.rubric_fingerprint:
        message = (
            f"is the fingerprint of the norm table's {norms.rubric_key}, but the report was "
            f"scored on a rubric of the same id and version with other content "
            f"({report.rubric_fingerprint or 'no fingerprint recorded'}); its scores are not "
            "comparable"
        )
        value = norms.rubric_fingerprint
        code = "fingerprint_mismatch"
    else:
        return _unknown_scores(norms, report)
    where = "$.rubric" if code == "rubric_mismatch" else "$.rubric.fingerprint"
    location = ("rubric",) if code == "rubric_mismatch" else ("rubric", "fingerprint")
    problem = Problem(where, message, value, file=norms.path, code=code, location=location)
    return NormsError([problem], norms.path)


def _unknown_scores(norms: NormTable, report: Report) -> NormsError | None:
    """The distributions of ``norms`` that name no dimension (or indicator) of the report's
    rubric: a file edited by hand, or tampered with, under a matching fingerprint."""
    problems = [
        Problem(
            f"$.scores.{key}",
            f"is not a {level} of {report.rubric_key}",
            key,
            file=norms.path,
            code="unknown_score",
            location=("scores", key),
        )
        for level, known, held in (
            ("dimension", report.dimensions, norms.dimensions),
            ("indicator", report.indicators, norms.indicators),
        )
        for key in held
        if key not in known
    ]
    return NormsError(problems, norms.path) if problems else None


def benchmark(report: Report | ReportSet, norms: NormTable) -> Benchmark | BenchmarkSet:
    """Where a report's scores stand in a norm table: percentile ranks with ranges and
    quartile bands (docs/norms.md).

    For the overall score, each dimension and each indicator the norm holds: the percentile
    rank of the score, interpolated linearly between the norm's percentile points (``<5`` /
    ``>95`` beyond them); the ranks of the ends of the score's confidence range (the
    organization's own sampling uncertainty, not the norm's); the quartile band, and whether
    the whole range lies in it.

    Args:
        report: a :class:`Report`, or a :class:`ReportSet` (one benchmark per organization).
        norms: a :class:`NormTable` of the report's rubric (same id, version and content).

    Returns:
        A :class:`~lomaturity.results.Benchmark` for a report, a
        :class:`~lomaturity.results.BenchmarkSet` for a report set. A synthetic norm makes
        ``synthetic`` true and adds a notice.

    Raises:
        TypeError: ``report`` or ``norms`` of the wrong type.
        NormsError: the norm table is of another rubric id or version, or of the same
            ``id@version`` with other content (fingerprint), or (built in code) is not a
            valid norm table (points not finite, decreasing, ...: the checks of a file).
    """
    expect(report, (Report, ReportSet), "report", "lomaturity.Report or lomaturity.ReportSet")
    expect(norms, NormTable, "norms", NORMS)
    # A table built in code gets the checks (finite points, ...) and the order a file gets.
    norms = parse_norms(norms.to_dict(), file=norms.path)
    reports = [report] if isinstance(report, Report) else list(report.values())
    for one in reports:
        error = _mismatch(norms, one)
        if error is not None:
            raise error
    if isinstance(report, Report):
        return benchmark_report(report, norms)
    return BenchmarkSet({r.organization: benchmark_report(r, norms) for r in reports})
