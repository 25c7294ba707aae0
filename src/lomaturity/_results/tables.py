"""Tidy long tables of every result: the one home of the column names, the record builders
per result type, the CSV writer (formula-injection safe, written atomically) and the pandas
frame. Column names are listed in ``docs/tables.md``; columns may be added, never renamed.

The result records' ``to_records()`` methods delegate here; :class:`Tabular` gives them
``to_csv()`` and ``to_frame()``. The builders read the records through read-only shapes
(protocols, ``table_shapes.py``), so this module imports no result module and they may all
import it.
"""

from __future__ import annotations

import csv
import io
import os
from abc import abstractmethod
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar, TypeAlias, TypeVar, overload

from .._files import write_text_atomic
from .._format import FORMULA_STARTS as FORMULA_STARTS  # re-exported: defined in _format
from .._format import printable, rounded
from .common import Score
from .contrast import rounded_p
from .table_shapes import (
    AgreementLike,
    BenchmarkLike,
    BreakdownLike,
    ChangesLike,
    ContrastLike,
    DesignLike,
    GapLike,
    PerceptionGapLike,
    PlanLike,
    QualityLike,
    ReliabilityLike,
    ReportLike,
    StepLike,
    TargetsLike,
)

if TYPE_CHECKING:
    import pandas as pd

Cell: TypeAlias = str | int | float | bool | None
"""One value of a table: text, a whole number, a number rounded to 4 decimals, a flag, or
``None`` (an empty CSV cell)."""

Record: TypeAlias = dict[str, Cell]
"""One row: column name -> value, every column of its table kind present, in order."""

# ------------------------------------------------------------------------------ columns

SCORE_COLUMNS = (
    "rubric",
    "organization",
    "level",
    "id",
    "value",
    "low",
    "high",
    "interval",
    "n_respondents",
    "n_answers",
    "n_not_applicable",
    "coverage",
    "stage",
    "stage_support",
    "stage_accuracy",
    "reason",
    "sd",
    "dont_know",
    "dont_know_share",
    "reportable",
)
"""Scores of a :class:`~lomaturity.Report` or :class:`~lomaturity.ReportSet`."""

GROUP_COLUMNS = (
    "rubric",
    "organization",
    "column",
    "group",
    "suppressed",
    *SCORE_COLUMNS[2:],
)
"""Scores by group (:class:`~lomaturity.results.GroupBreakdown`)."""

GAP_COLUMNS = (
    "rubric",
    "organization",
    "column",
    "first",
    "second",
    "suppressed",
    "level",
    "id",
    "value",
    "low",
    "high",
    "first_value",
    "second_value",
    "n_first",
    "n_second",
    "excludes_zero",
    "reason",
)
"""Perception gaps (:class:`~lomaturity.results.PerceptionGap`): ``value`` is
``first_value - second_value``."""

AGREEMENT_COLUMNS = (
    "rubric",
    "organization",
    "level",
    "id",
    "statistic",
    "value",
    "n_respondents",
    "n_items",
    "n_organizations",
    "variance",
    "reason",
    "rwg_star",
    "ad",
    "ad_points",
    "ad_cutoff",
)
"""Agreement (:class:`~lomaturity.results.AgreementResult`): ``rwg_j``/``rwg`` per
organization (with ``r*wg(j)`` and ``AD`` of the same items in ``rwg_star``, ``ad``,
``ad_points``, ``ad_cutoff``), ``icc1``/``icc2`` per dimension across the panel (no
organization)."""

RELIABILITY_COLUMNS = (
    "rubric",
    "organization",
    "level",
    "dimension",
    "id",
    "statistic",
    "value",
    "low",
    "high",
    "n_respondents",
    "n_items",
    "reason",
)
"""Reliability (:class:`~lomaturity.results.ReliabilityResult`)."""

STEP_COLUMNS = (
    "rubric",
    "organization",
    "id",
    "status",
    "rank",
    "phase",
    "title",
    "stage",
    "impact",
    "effort",
    "holds",
    "uncertain",
    "weighted_gap",
    "gain",
    "priority",
    "requires",
    "needed_by",
    "reason",
)
"""Recommendations (:class:`~lomaturity.RecommendationResult`,
:class:`~lomaturity.recommendations.Roadmap`): plan steps, then the unranked ones."""

TARGET_COLUMNS = (
    "rubric",
    "organization",
    "level",
    "id",
    "value",
    "low",
    "high",
    "target",
    "target_stage",
    "basis",
    "gap",
    "percent_to_target",
    "met",
    "baseline",
    "baseline_target",
    "progress",
    "progress_reason",
    "change",
    "change_low",
    "change_high",
    "progress_low",
    "progress_high",
)
"""Targets (:class:`~lomaturity.recommendations.Targets`): ``value`` is the current score."""

COMPARISON_COLUMNS = (
    "rubric",
    "organization",
    "column",
    "first",
    "second",
    "level",
    "id",
    "first_value",
    "second_value",
    "value",
    "low",
    "high",
    "effect_size",
    "effect_size_kind",
    "p_value",
    "p_adjusted",
    "adjustment",
    "first_stage",
    "second_stage",
    "stage_changed",
    "n_first",
    "n_second",
    "method",
    "reason",
)
"""Comparisons (:class:`~lomaturity.results.Comparison` and the contrasts between groups of
organizations): ``value`` is ``second_value - first_value``; ``first``/``second`` name what
is compared (organizations, waves or groups), ``column`` the grouping column of contrasts
between groups of organizations."""

BENCHMARK_COLUMNS = (
    "rubric",
    "organization",
    "norm",
    "synthetic",
    "level",
    "id",
    "value",
    "low",
    "high",
    "percentile",
    "rank",
    "percentile_low",
    "percentile_high",
    "band",
    "band_certain",
    "norm_n",
    "reason",
)
"""Benchmarks (:class:`~lomaturity.results.Benchmark`): ``percentile`` is the percentile
rank of ``value`` in the norm table named by ``norm``; ``rank`` shows it (``<5``, ``>95``
beyond the norm's points)."""

CHANGE_COLUMNS = (
    "first",
    "second",
    "comparable",
    "target",
    "id",
    "change",
    "field",
    "before",
    "after",
)
"""Rubric diffs (:class:`~lomaturity.results.RubricDiff`): one row per change from rubric
``first`` to ``second``; ``comparable`` repeats the diff's verdict on every row."""

DESIGN_COLUMNS = (
    "rubric",
    "organization",
    "stratum",
    "headcount",
    "respondents",
    "response_rate",
    "weight",
    "weighted_by",
    "effective_n",
    "fpc",
    "cluster",
    "n_clusters",
    "design_effect",
    "method",
)
"""Survey designs (:class:`~lomaturity.results.SurveyDesign`): the organization's row
(``stratum`` empty), then one row per post-stratification cell."""

QUALITY_COLUMNS = (
    "rubric",
    "organization",
    "level",
    "respondent",
    "screen",
    "n_items",
    "modal_share",
    "answer_sd",
    "regular_mean",
    "reverse_mean",
    "acquiescence",
    "straightlining",
    "acquiescent",
    "flagged",
    "excluded",
    "n_respondents",
    "n_straightlining",
    "n_acquiescent",
    "n_flagged",
    "flagged_share",
    "reason",
    "n_excluded",
)
"""Response quality (:class:`~lomaturity.results.ResponseQuality`): one ``organization`` row
with the counts, then one ``respondent`` row per respondent with the indices and flags."""

TABLES: dict[str, tuple[str, ...]] = {
    "scores": SCORE_COLUMNS,
    "groups": GROUP_COLUMNS,
    "gaps": GAP_COLUMNS,
    "agreement": AGREEMENT_COLUMNS,
    "reliability": RELIABILITY_COLUMNS,
    "steps": STEP_COLUMNS,
    "targets": TARGET_COLUMNS,
    "comparisons": COMPARISON_COLUMNS,
    "benchmarks": BENCHMARK_COLUMNS,
    "changes": CHANGE_COLUMNS,
    "design": DESIGN_COLUMNS,
    "quality": QUALITY_COLUMNS,
}
"""Table kind -> its columns, in order."""

SUMMARY_COLUMNS: dict[str, tuple[str, ...]] = {
    "scores": ("level", "id", "value", "low", "high", "stage", "n_respondents", "reason"),
    "steps": ("rank", "id", "title", "status", "phase", "gain", "requires", "reason"),
    "comparisons": (
        "first",
        "second",
        "level",
        "id",
        "first_value",
        "second_value",
        "value",
        "low",
        "high",
        "p_adjusted",
        "stage_changed",
        "reason",
    ),
    "benchmarks": (
        "level",
        "id",
        "value",
        "percentile",
        "percentile_low",
        "percentile_high",
        "band",
        "reason",
    ),
    "changes": ("target", "id", "change", "field", "before", "after"),
}
"""Table kind -> the columns a document (``--format markdown`` or ``html``) shows of it, in
order; a column empty in every row is left out, and a :data:`CONTEXT_COLUMNS` one unless it
varies. The full table is ``--format csv``."""

CONTEXT_COLUMNS: tuple[str, ...] = ("first", "second")
"""Summary columns shown only when their value varies between the rows (the two sides of
a comparison of waves are the same in every row; two groups of organizations are not)."""

NUMBER_FORMATS: dict[str, str] = {
    "p_value": ".3f",
    "p_adjusted": ".3f",
    "effect_size": ".2f",
    "stage_support": ".2f",
    "stage_accuracy": ".2f",
}
"""How a document writes a column's numbers (format spec); others with one decimal."""

LIST_SEPARATOR = ";"
"""Joins the ids of a list cell (``requires``, ``needed_by``)."""


def _joined(ids: tuple[str, ...]) -> str | None:
    """A list of ids as one cell (``None`` when empty)."""
    return LIST_SEPARATOR.join(ids) or None


def _row(columns: tuple[str, ...], **values: Cell) -> Record:
    """A record with every column of ``columns``, in order; missing ones are ``None``."""
    return {c: values.get(c) for c in columns}


# ------------------------------------------------------------------------------ builders

_T = TypeVar("_T")


def _levels(
    overall: _T | None, dimensions: Mapping[str, _T], indicators: Mapping[str, _T]
) -> list[tuple[str, str, _T]]:
    """``(level, id, entry)`` of the overall entry (if any), the dimensions, the indicators."""
    out: list[tuple[str, str, _T]] = [] if overall is None else [("overall", "overall", overall)]
    out += [("dimension", k, v) for k, v in dimensions.items()]
    out += [("indicator", k, v) for k, v in indicators.items()]
    return out


def _score_values(score: Score) -> dict[str, Cell]:
    return {
        "value": rounded(score.value),
        "low": rounded(score.low),
        "high": rounded(score.high),
        "n_respondents": score.n_respondents,
        "n_answers": score.n_answers,
        "n_not_applicable": score.n_not_applicable,
        "coverage": rounded(score.coverage),
        "stage": score.stage,
        "stage_support": None
        if score.stage is None
        else rounded(score.stage_support.get(score.stage)),
        "stage_accuracy": rounded(score.stage_accuracy),
        "reason": score.reason,
        "sd": rounded(score.sd),
        "dont_know": score.dont_know,
        "dont_know_share": rounded(score.dont_know_share),
        "reportable": score.reportable,
    }


def report_records(report: ReportLike) -> list[Record]:
    """One ``scores`` row per score: overall, each dimension, each indicator."""
    base: dict[str, Cell] = {
        "rubric": report.rubric_key,
        "organization": report.organization,
        "interval": report.interval.kind,
    }
    return [
        _row(SCORE_COLUMNS, **base, level=level, id=key, **_score_values(score))
        for level, key, score in _levels(report.overall, report.dimensions, report.indicators)
    ]


def concatenated(tables: Iterable[Tabular]) -> list[Record]:
    """The records of several results, one after the other."""
    return [record for table in tables for record in table.to_records()]


def group_records(breakdown: BreakdownLike) -> list[Record]:
    """One ``groups`` row per organization x group x score; a suppressed group has one
    ``overall`` row with its count and the reason, and no scores."""
    out: list[Record] = []
    for organization, groups in breakdown.organizations.items():
        for name, group in groups.groups.items():
            base: dict[str, Cell] = {
                "rubric": breakdown.rubric_key,
                "organization": organization,
                "column": breakdown.column,
                "group": name,
                "suppressed": group.suppressed,
            }
            if not group.suppressed:
                base["interval"] = groups.interval.kind
            if group.suppressed:
                out.append(
                    _row(
                        GROUP_COLUMNS,
                        **base,
                        level="overall",
                        id="overall",
                        n_respondents=group.n_respondents,
                        reason=group.reason,
                    )
                )
                continue
            out += [
                _row(GROUP_COLUMNS, **base, level=level, id=key, **_score_values(score))
                for level, key, score in _levels(group.overall, group.dimensions, group.indicators)
            ]
    return out


def _gap_values(gap: GapLike) -> dict[str, Cell]:
    return {
        "value": rounded(gap.difference),
        "low": rounded(gap.low),
        "high": rounded(gap.high),
        "first_value": rounded(gap.first),
        "second_value": rounded(gap.second),
        "n_first": gap.n_first,
        "n_second": gap.n_second,
        "excludes_zero": gap.excludes_zero,
        "reason": gap.reason,
    }


def gap_records(result: PerceptionGapLike) -> list[Record]:
    """One ``gaps`` row per organization x score; a suppressed gap has one ``overall`` row
    with the group sizes and the reason."""
    out: list[Record] = []
    first, second = result.groups
    for organization, gap in result.organizations.items():
        base: dict[str, Cell] = {
            "rubric": result.rubric_key,
            "organization": organization,
            "column": result.column,
            "first": first,
            "second": second,
            "suppressed": gap.suppressed,
        }
        if gap.suppressed:
            out.append(
                _row(
                    GAP_COLUMNS,
                    **base,
                    level="overall",
                    id="overall",
                    n_first=gap.n_first,
                    n_second=gap.n_second,
                    reason=gap.reason,
                )
            )
            continue
        out += [
            _row(GAP_COLUMNS, **base, level=level, id=key, **_gap_values(entry))
            for level, key, entry in _levels(gap.overall, gap.dimensions, gap.indicators)
        ]
    return out


def agreement_records(result: AgreementLike) -> list[Record]:
    """``rwg_j`` (dimension) and ``rwg`` (indicator) rows per organization, then ``icc1``
    and ``icc2`` rows per dimension across the organizations (``organization`` empty)."""
    out: list[Record] = []
    for organization, org in result.organizations.items():
        for level, key, rwg in _levels(None, org.dimensions, org.indicators):
            out.append(
                _row(
                    AGREEMENT_COLUMNS,
                    rubric=result.rubric_key,
                    organization=organization,
                    level=level,
                    id=key,
                    statistic="rwg_j" if level == "dimension" else "rwg",
                    value=rounded(rwg.value),
                    n_respondents=rwg.n_respondents,
                    n_items=rwg.n_items,
                    variance=rounded(rwg.variance),
                    reason=rwg.reason,
                    rwg_star=rounded(rwg.rwg_star),
                    ad=rounded(rwg.ad),
                    ad_points=rounded(rwg.ad_points),
                    ad_cutoff=rounded(rwg.ad_cutoff),
                )
            )
    for key, icc in result.dimensions.items():
        for statistic, value in (("icc1", icc.icc1), ("icc2", icc.icc2)):
            out.append(
                _row(
                    AGREEMENT_COLUMNS,
                    rubric=result.rubric_key,
                    level="dimension",
                    id=key,
                    statistic=statistic,
                    value=rounded(value),
                    n_respondents=icc.n_respondents,
                    n_organizations=icc.n_organizations,
                    reason=icc.reason,
                )
            )
    return out


def reliability_records(result: ReliabilityLike) -> list[Record]:
    """Per dimension ``alpha`` (with its range), ``alpha_std``, ``mean_r`` and
    ``omega_total`` rows, then per item ``mean``, ``sd``, ``item_total`` and
    ``alpha_if_deleted`` rows."""
    out: list[Record] = []
    for dim_id, dim in result.dimensions.items():
        base: dict[str, Cell] = {
            "rubric": result.rubric_key,
            "organization": result.organization,
            "dimension": dim_id,
        }
        dimension_rows: list[tuple[str, float | None, str | None]] = [
            ("alpha", dim.alpha_raw, dim.reason),
            ("alpha_std", dim.alpha_std, dim.reason),
            ("mean_r", dim.mean_r, dim.reason),
            ("omega_total", dim.omega_total, dim.reason or dim.omega_reason),
        ]
        for statistic, value, reason in dimension_rows:
            ranged = statistic == "alpha"
            out.append(
                _row(
                    RELIABILITY_COLUMNS,
                    **base,
                    level="dimension",
                    id=dim_id,
                    statistic=statistic,
                    value=rounded(value),
                    low=rounded(dim.alpha_low) if ranged else None,
                    high=rounded(dim.alpha_high) if ranged else None,
                    n_respondents=dim.n_respondents,
                    n_items=dim.n_items_used,
                    reason=reason,
                )
            )
        for item_id, item in dim.items.items():
            item_rows = (
                ("mean", item.mean),
                ("sd", item.sd),
                ("item_total", item.item_total),
                ("alpha_if_deleted", item.alpha_if_deleted),
            )
            out += [
                _row(
                    RELIABILITY_COLUMNS,
                    **base,
                    level="indicator",
                    id=item_id,
                    statistic=statistic,
                    value=rounded(value),
                    n_respondents=item.n,
                    reason=item.reason,
                )
                for statistic, value in item_rows
            ]
    return out


def _step_record(rubric: str, organization: str, step: StepLike) -> Record:
    rec = step.recommendation
    return _row(
        STEP_COLUMNS,
        rubric=rubric,
        organization=organization,
        id=rec.id,
        status=step.status,
        rank=step.rank,
        phase=step.phase,
        title=rec.title,
        stage=rec.stage,
        impact=rec.impact,
        effort=rec.effort,
        holds=step.holds,
        uncertain=step.uncertain,
        weighted_gap=rounded(step.weighted_gap, 6),
        gain=rounded(step.gain, 6),
        priority=rounded(step.priority, 6),
        requires=_joined(rec.requires),
        needed_by=_joined(step.needed_by),
        reason=step.note,
    )


def step_records(plan: PlanLike) -> list[Record]:
    """One ``steps`` row per plan step, in plan order, then per deferred, borderline and
    not evaluable recommendation (no rank, phase or gain; ``reason`` says why)."""
    out = [_step_record(plan.rubric_key, plan.organization, s) for s in plan.steps]
    for unranked in (*plan.deferred, *plan.borderline, *plan.not_evaluable):
        rec = unranked.recommendation
        out.append(
            _row(
                STEP_COLUMNS,
                rubric=plan.rubric_key,
                organization=plan.organization,
                id=rec.id,
                status=unranked.status,
                title=rec.title,
                stage=rec.stage,
                impact=rec.impact,
                effort=rec.effort,
                requires=_joined(rec.requires),
                reason=unranked.reason,
            )
        )
    return out


def target_records(targets: TargetsLike) -> list[Record]:
    """One ``targets`` row per score: overall, each dimension, each indicator."""
    return [
        _row(
            TARGET_COLUMNS,
            rubric=targets.rubric_key,
            organization=targets.organization,
            level=gap.level,
            id=gap.subject,
            value=rounded(gap.current),
            low=rounded(gap.low),
            high=rounded(gap.high),
            target=rounded(gap.target),
            target_stage=gap.target_stage,
            basis=gap.basis,
            gap=rounded(gap.gap),
            percent_to_target=rounded(gap.percent_to_target, 2),
            met=gap.met,
            baseline=rounded(gap.baseline),
            baseline_target=rounded(gap.baseline_target),
            progress=rounded(gap.progress, 2),
            progress_reason=gap.progress_reason,
            change=None if gap.change is None else rounded(gap.change.difference),
            change_low=None if gap.change is None else rounded(gap.change.low),
            change_high=None if gap.change is None else rounded(gap.change.high),
            progress_low=rounded(gap.progress_low, 2),
            progress_high=rounded(gap.progress_high, 2),
        )
        for _, _, gap in _levels(targets.overall, targets.dimensions, targets.indicators)
    ]


def contrast_records(
    base: Mapping[str, Cell],
    overall: ContrastLike | None,
    dimensions: Mapping[str, ContrastLike],
    indicators: Mapping[str, ContrastLike],
) -> list[Record]:
    """One ``comparisons`` row per contrast (overall, each dimension, each indicator), each
    starting from the cells of ``base`` (rubric, organization, first, second, method, ...)."""
    return [
        _row(
            COMPARISON_COLUMNS,
            **base,
            level=level,
            id=key,
            first_value=rounded(c.first),
            second_value=rounded(c.second),
            value=rounded(c.difference),
            low=rounded(c.low),
            high=rounded(c.high),
            effect_size=rounded(c.effect_size),
            p_value=rounded_p(c.p_value),
            p_adjusted=rounded_p(c.p_adjusted),
            first_stage=c.first_stage,
            second_stage=c.second_stage,
            stage_changed=c.stage_changed,
            n_first=c.n_first,
            n_second=c.n_second,
            reason=c.reason,
        )
        for level, key, c in _levels(overall, dimensions, indicators)
    ]


def change_records(diff: ChangesLike) -> list[Record]:
    """One ``changes`` row per change of a rubric diff."""
    base: dict[str, Cell] = {
        "first": diff.first,
        "second": diff.second,
        "comparable": diff.comparable,
    }
    return [
        _row(
            CHANGE_COLUMNS,
            **base,
            target=c.target,
            id=c.id,
            change=c.change,
            field=c.field,
            before=c.before,
            after=c.after,
        )
        for c in diff.changes
    ]


def benchmark_records(benchmark: BenchmarkLike) -> list[Record]:
    """One ``benchmarks`` row per standing: overall, each dimension, each indicator the norm
    holds."""
    base: dict[str, Cell] = {
        "rubric": benchmark.rubric_key,
        "organization": benchmark.organization,
        "norm": benchmark.norm_title,
        "synthetic": benchmark.synthetic,
    }
    return [
        _row(
            BENCHMARK_COLUMNS,
            **base,
            level=level,
            id=key,
            value=rounded(s.value),
            low=rounded(s.low),
            high=rounded(s.high),
            percentile=rounded(s.percentile, 2),
            rank=s.rank_text,
            percentile_low=rounded(s.percentile_low, 2),
            percentile_high=rounded(s.percentile_high, 2),
            band=s.band,
            band_certain=s.band_certain,
            norm_n=s.norm_n,
            reason=s.reason,
        )
        for level, key, s in _levels(benchmark.overall, benchmark.dimensions, benchmark.indicators)
    ]


def quality_organization_record(quality: QualityLike) -> Record:
    """The ``organization`` row of the ``quality`` table: the counts (what a panel keeps)."""
    return _row(
        QUALITY_COLUMNS,
        **_quality_base(quality),
        level="organization",
        n_respondents=quality.n_respondents,
        n_straightlining=quality.n_straightlining,
        n_acquiescent=quality.n_acquiescent,
        n_flagged=quality.n_flagged,
        flagged_share=rounded(quality.flagged_share),
        reason=quality.reason,
        n_excluded=quality.n_excluded,
    )


def _quality_base(quality: QualityLike) -> dict[str, Cell]:
    return {
        "rubric": quality.rubric_key,
        "organization": quality.organization,
        "screen": quality.screen,
    }


def quality_records(quality: QualityLike) -> list[Record]:
    """One ``quality`` row for the organization (counts), then one per respondent."""
    base = _quality_base(quality)
    out = [quality_organization_record(quality)]
    excluded = quality.n_excluded > 0
    columns = zip(
        quality.respondent_ids,
        quality.n_items.tolist(),
        quality.modal_share.tolist(),
        quality.answer_sd.tolist(),
        quality.regular_mean.tolist(),
        quality.reverse_mean.tolist(),
        quality.acquiescence.tolist(),
        quality.straightlining.tolist(),
        quality.acquiescent.tolist(),
        strict=True,
    )
    for respondent, n, modal, sd, regular, reverse, acq, straight, acquiescent in columns:
        flagged = bool(straight or acquiescent)
        out.append(
            _row(
                QUALITY_COLUMNS,
                **base,
                level="respondent",
                respondent=respondent,
                n_items=int(n),
                modal_share=rounded(_finite(modal)),
                answer_sd=rounded(_finite(sd)),
                regular_mean=rounded(_finite(regular)),
                reverse_mean=rounded(_finite(reverse)),
                acquiescence=rounded(_finite(acq)),
                straightlining=bool(straight),
                acquiescent=bool(acquiescent),
                flagged=flagged,
                excluded=flagged and excluded,
            )
        )
    return out


def _finite(value: float) -> float | None:
    """``None`` for NaN (an empty cell)."""
    return None if value != value else value


# ----------------------------------------------------------------------------------- CSV


class Dialect(csv.Dialect):
    """The one CSV dialect of the tables: comma, ``\\n`` line ends, minimal quoting."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    escapechar = None
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
    strict = True


def design_records(design: DesignLike) -> list[Record]:
    """The organization's ``design`` row, then one row per stratum."""
    base: dict[str, Cell] = {"rubric": design.rubric_key, "organization": design.organization}
    rows = [
        _row(
            DESIGN_COLUMNS,
            **base,
            headcount=design.headcount,
            respondents=design.respondents,
            response_rate=rounded(design.response_rate),
            weighted_by=design.weighted_by,
            effective_n=rounded(design.effective_n),
            fpc=rounded(design.fpc),
            cluster=design.cluster,
            n_clusters=design.n_clusters,
            design_effect=rounded(design.design_effect),
            method=design.method,
        )
    ]
    rows += [
        _row(
            DESIGN_COLUMNS,
            **base,
            stratum=s.stratum,
            headcount=s.headcount,
            respondents=s.respondents,
            response_rate=rounded(s.response_rate),
            weight=rounded(s.weight),
            weighted_by=design.weighted_by,
        )
        for s in design.strata
    ]
    return rows


def csv_cell(value: Cell) -> str:
    """The CSV text of one value: empty for ``None``, ``true``/``false`` for flags, numbers
    as Python writes them; text starting like a formula gets a leading ``'`` and control
    characters (and invisible format characters) are written as ``\\n``, ``\\r``, ``\\t``,
    ``\\xNN`` or ``\\uNNNN``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = printable(value)
    return "'" + text if value.startswith(FORMULA_STARTS) else text


def csv_text(records: Iterable[Record], columns: tuple[str, ...], *, header: bool = True) -> str:
    """The CSV text of ``records`` under a header of ``columns`` (``header=False``: the rows
    only, for a table written in chunks)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=Dialect)
    if header:
        writer.writerow(columns)
    writer.writerows([csv_cell(record.get(c)) for c in columns] for record in records)
    return buffer.getvalue()


PANDAS_MISSING = (
    "to_frame() needs pandas, an optional dependency of lomaturity: "
    "pip install 'lomaturity[pandas]'"
)


def records_frame(records: list[Record], columns: tuple[str, ...]) -> pd.DataFrame:
    """A pandas DataFrame of ``records`` with ``columns`` (pandas imported here, lazily: it
    is an optional extra)."""
    try:
        import pandas as pd  # optional extra: imported only when a frame is asked for
    except ImportError as exc:
        raise ImportError(PANDAS_MISSING) from exc
    return pd.DataFrame.from_records(records, columns=list(columns))


class Tabular:
    """A result that is a tidy table: ``to_records()`` (defined by each result, delegating
    to a builder above), and from it ``to_csv()`` and ``to_frame()``."""

    __slots__ = ()

    TABLE: ClassVar[str]
    """The table kind, a key of :data:`TABLES`."""

    @abstractmethod
    def to_records(self) -> list[Record]:
        """The tidy rows: one dict per row, every column of the table kind, in order."""

    @overload
    def to_csv(self, path: None = None) -> str: ...
    @overload
    def to_csv(self, path: str | os.PathLike[str]) -> None: ...
    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """The table as CSV (see ``docs/tables.md``): returned as text when ``path`` is
        ``None``, else written to ``path`` atomically (never half-written)."""
        text = csv_text(self.to_records(), TABLES[self.TABLE])
        if path is None:
            return text
        write_text_atomic(path, text)
        return None

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame (needs the ``pandas`` extra)."""
        return records_frame(self.to_records(), TABLES[self.TABLE])
