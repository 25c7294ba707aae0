"""The notebook display (``_repr_html_``) of the main results: a report, a set of reports,
a comparison of two organizations or waves, a benchmark, and a recommendation result. Compact tables
of the same numbers the text shows (``report_text.py``, ``plan_text.py``), built from
``_html.py``'s escaped pieces.

Like the text, it lives with the records so that their ``_repr_html_`` reaches it without
importing upward, and it reads them through protocols (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from .._format import MISSING, number, span
from .._html import block, table
from .._model.notice import Notice
from .._model.rubric import Rubric
from .common import IntervalInfo, Score
from .plan_text import PlanText
from .report_text import ReportText
from .table_shapes import BenchmarkLike, ContrastLike, StandingLike, TargetGapLike


def _notes(notices: Sequence[Notice]) -> list[str]:
    return [f"{n.code} · {n.subject}: {n.message}" for n in notices]


def _ranges(info: IntervalInfo) -> str:
    return (
        f"{info.confidence:.0%} ranges: {info.kind} {info.method}, "
        f"{info.n_resamples} resamples, seed {info.seed}"
    )


def _names(rubric: Rubric | None, ids: Sequence[str]) -> dict[str, str]:
    """Dimension id -> its name in the rubric (the id without a rubric)."""
    names = {} if rubric is None else {d.id: d.name for d in rubric.dimensions}
    return {i: names.get(i, i) for i in ids}


def _stage(rubric: Rubric | None, stage_id: str | None) -> str:
    if stage_id is None:
        return MISSING
    if rubric is None or stage_id not in {s.id for s in rubric.stages}:
        return stage_id
    stage = rubric.stage(stage_id)
    return f"{stage.level} {stage.name}"


def _score_cells(s: Score) -> list[str]:
    """Score, range: withheld below the minimum reporting size, as in the text."""
    if s.value is None:
        return [MISSING, "not scorable"]
    if not s.reportable:
        return [MISSING, "not reportable"]
    return [number(s.value), span(s.low, s.high)]


def report_html(report: ReportText, rubric: Rubric | None) -> str:
    """One report: the dimension table with the overall row, then the notices."""
    title = report.organization
    if rubric is not None:
        title += f" — {rubric.title}"
    names = _names(rubric, list(report.dimensions))
    rows = []
    for label, s in [
        *((names[k], v) for k, v in report.dimensions.items()),
        ("Overall", report.overall),
    ]:
        stage = _stage(rubric, s.stage) if s.reportable else MISSING
        rows.append([label, *_score_cells(s), str(s.n_respondents), stage])
    grid = table(
        ["Dimension", "Score", "Range", "n", "Stage"],
        rows,
        right=(1, 2, 3),
        strong=(len(rows) - 1,),
    )
    lines = [
        f"{report.rubric_key} · {report.n_respondents} respondents · {_ranges(report.interval)}"
    ]
    return block(title, lines, [grid], _notes(report.notices))


def reports_html(reports: Mapping[str, ReportText], rubric: Rubric | None) -> str:
    """Several reports: one row per organization, the overall score and each dimension."""
    values = list(reports.values())
    dims = list(values[0].dimensions) if values else []
    names = _names(rubric, dims)
    header = ["Organization", "n", "Overall", "Range", "Stage", *(names[d] for d in dims)]
    rows = []
    for name, r in reports.items():
        stage = _stage(rubric, r.overall.stage) if r.overall.reportable else MISSING
        cells = [_score_cells(r.dimensions[d])[0] if d in r.dimensions else MISSING for d in dims]
        rows.append([name, str(r.n_respondents), *_score_cells(r.overall), stage, *cells])
    keys = ", ".join(sorted({r.rubric_key for r in values}))
    right = {1, 2, 3, *range(5, len(header))}
    return block(f"{len(values)} organizations · {keys}", (), [table(header, rows, right=right)])


class ComparisonHtml(Protocol):
    """A :class:`~lomaturity.Comparison` as its display reads it."""

    @property
    def rubric_key(self) -> str: ...
    @property
    def first(self) -> str: ...
    @property
    def second(self) -> str: ...
    @property
    def overall(self) -> ContrastLike: ...
    @property
    def dimensions(self) -> Mapping[str, ContrastLike]: ...
    @property
    def method(self) -> str: ...
    @property
    def adjustment(self) -> str | None: ...
    @property
    def interval(self) -> IntervalInfo: ...
    @property
    def n_first(self) -> int: ...
    @property
    def n_second(self) -> int: ...
    @property
    def notices(self) -> tuple[Notice, ...]: ...


def _contrast_cells(c: ContrastLike) -> list[str]:
    """Difference, range, adjusted p (the raw p without an adjustment)."""
    p = c.p_adjusted if c.p_adjusted is not None else c.p_value
    shown = "< 0.001" if p is not None and p < 0.001 else number(p, ".3f")
    return [number(c.difference, "+.1f"), span(c.low, c.high, "+.1f"), shown]


def comparison_html(comparison: ComparisonHtml) -> str:
    """Two organizations or waves: ``second - first`` per dimension and overall."""
    c = comparison
    rows = [
        [label, number(x.first), number(x.second), *_contrast_cells(x)]
        for label, x in [*c.dimensions.items(), ("Overall", c.overall)]
    ]
    p = "p (Holm)" if c.adjustment == "holm" else "p"
    header = ["Score", c.first, c.second, "Difference", "Range", p]
    grid = table(header, rows, right=range(1, 6), strong=(len(rows) - 1,))
    lines = [
        f"{c.rubric_key} · n = {c.n_first} / {c.n_second} · {c.method} · "
        f"{c.interval.confidence:.0%} ranges"
    ]
    return block(f"{c.first} → {c.second}", lines, [grid], _notes(c.notices))


def comparisons_html(
    comparisons: Mapping[str, ComparisonHtml],
    first: str,
    second: str,
    key: str,
    adjustment: str | None,
) -> str:
    """Two waves of several organizations: one row per organization, the overall score."""
    rows = [
        [name, number(c.overall.first), number(c.overall.second), *_contrast_cells(c.overall)]
        for name, c in comparisons.items()
    ]
    p = "p (Holm)" if adjustment == "holm" else "p"
    header = ["Organization", first, second, "Difference", "Range", p]
    grid = table(header, rows, right=range(1, 6))
    return block(f"{first} → {second} · {len(comparisons)} organizations · {key}", (), [grid])


def _target_row(label: str, g: TargetGapLike, rubric: Rubric | None) -> list[str]:
    stage = _stage(rubric, g.target_stage)
    return [label, number(g.current), number(g.target), stage, number(g.gap)]


def plan_html(result: PlanText, rubric: Rubric | None) -> str:
    """Next steps: the targets and gaps, then the ranked steps."""
    targets = result.targets
    names = _names(rubric, list(targets.dimensions))
    gaps = [_target_row(names[k], g, rubric) for k, g in targets.dimensions.items()]
    gaps.append(_target_row("Overall", targets.overall, rubric))
    gap_grid = table(
        ["Dimension", "Score", "Target", "Stage", "Gap"],
        gaps,
        right=(1, 2, 4),
        strong=(len(gaps) - 1,),
    )
    steps = []
    for s in result.steps:
        if s.status == "triggered":
            status = "triggered, uncertain" if s.uncertain else "triggered"
            gain = number(s.gain, ".2f")
        else:
            status, gain = "prerequisite: confirm it is in place", MISSING
        steps.append(
            [str(s.rank), f"{s.recommendation.title} [{s.id}]", str(s.phase), status, gain]
        )
    step_grid = table(["#", "Step", "Phase", "Status", "Gain"], steps, right=(0, 2, 4))
    lines = [
        f"{result.rubric_key} · target: {targets.profile.describe()}",
        f"{len(result.deferred)} deferred · {len(result.borderline)} borderline · "
        f"{len(result.not_evaluable)} not evaluable · {result.omitted} not shown (limit)",
    ]
    title = f"{result.organization} — next steps"
    return block(title, lines, [gap_grid, step_grid], _notes(result.notices))


class BenchmarkHtml(BenchmarkLike, Protocol):
    """A :class:`~lomaturity.results.Benchmark` as its display reads it."""

    @property
    def norm_organizations(self) -> int: ...
    @property
    def notices(self) -> tuple[Notice, ...]: ...


SYNTHETIC = "SYNTHETIC norm: simulated organizations, not real ones"


def _standing_cells(s: StandingLike) -> list[str]:
    """Score, percentile rank, its range, the band (``?`` when the range crosses bands)."""
    ranks = span(s.percentile_low, s.percentile_high, ".0f")
    band = MISSING if s.band is None else s.band + ("" if s.band_certain is not False else " ?")
    return [number(s.value), s.rank_text or MISSING, ranks, band]


def benchmark_html(benchmark: BenchmarkHtml) -> str:
    """One organization against a norm table: percentile rank per dimension and overall;
    a synthetic norm says so first."""
    b = benchmark
    rows = [[k, *_standing_cells(s)] for k, s in [*b.dimensions.items(), ("Overall", b.overall)]]
    header = ["Score", "Value", "Percentile", "Range", "Band"]
    grid = table(header, rows, right=(1, 2, 3), strong=(len(rows) - 1,))
    lines = [SYNTHETIC] if b.synthetic else []
    lines.append(f"{b.rubric_key} · norm: {b.norm_title} ({b.norm_organizations} organizations)")
    return block(f"{b.organization} — benchmark", lines, [grid], _notes(b.notices))


def benchmarks_html(benchmarks: Mapping[str, BenchmarkHtml]) -> str:
    """Several organizations against a norm table: one row per organization, overall."""
    rows = [[name, *_standing_cells(b.overall)] for name, b in benchmarks.items()]
    grid = table(["Organization", "Overall", "Percentile", "Range", "Band"], rows, right=(1, 2, 3))
    synthetic = any(b.synthetic for b in benchmarks.values())
    lines = [SYNTHETIC] if synthetic else []
    return block(f"{len(benchmarks)} organizations · benchmark", lines, [grid])
