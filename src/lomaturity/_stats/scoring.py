"""Scoring: per-organization weighted maturity scores with bootstrap confidence ranges."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._model.notice import Notice
from .._model.responses import Responses, na_maybe_lost_message
from .._model.rubric import STAGE_DECIMALS, Rubric, Stage
from .._model.stage_rule import StageRule
from .._results.common import IntervalInfo, Score, ScoringOptions
from .._results.design import DesignOptions, SurveyDesign
from .._results.report import Report, ReportSet
from .aggregate import Aggregates, Bool, Float, Layout, aggregate, respondent_sds
from .bootstrap import (
    bca_probabilities,
    expanded_levels,
    indicator_bootstrap,
    jackknife,
    organization_rng,
    quantiles,
    respondent_bootstrap,
)
from .design import (
    DesignPlan,
    describe,
    design_notices,
    design_plan,
    designed_draws,
    effective_sizes,
    no_headcount_notice,
    plan_factors,
    shrink,
    shrink_studentized,
    srs_point,
    srs_reference,
    variance_ratio,
)
from .options import STUDENTIZED_KINDS, resolve_interval
from .prepared import Prepared, Rows
from .small_samples import SMALL_SAMPLE as SMALL_SAMPLE  # re-exported: reports order by it
from .small_samples import edge_message, few_message
from .stage_certainty import overall_stage_accuracy, stage_accuracy
from .studentized import Studentized, studentized_bootstrap, studentized_bounds


def score_prepared(
    prepared: Prepared,
    options: ScoringOptions,
    organizations: Sequence[str] | None = None,
    design: DesignOptions | None = None,
) -> ReportSet:
    """One report per organization of ``prepared`` (or of ``organizations``, names already
    checked), in order of first appearance; ``design``: the survey-design options
    (docs/survey-design.md)."""
    absent = absent_notices(prepared.responses)
    reports = {}
    for organization in prepared.organizations if organizations is None else organizations:
        report = score_rows(
            prepared, prepared.rows[organization], organization, options, design=design
        )
        missing = no_headcount_notice(design, organization)
        extra = absent if missing is None else (missing, *absent)
        if extra:
            report = evolve(report, notices=(*report.notices, *extra))
        reports[organization] = report
    return ReportSet(reports)


def absent_notices(responses: Responses) -> tuple[Notice, ...]:
    """An ``absent_indicators`` notice per indicator the responses file lacked, and the
    ``na_maybe_lost`` notice of responses read from a data frame that may have lost its
    "not applicable" answers."""
    absent = tuple(
        Notice(
            "absent_indicators",
            f"the responses file has no column for {indicator}: it is scored as "
            "unanswered by every respondent",
            indicator,
        )
        for indicator in responses.absent_indicators
    )
    if not responses.na_maybe_lost:
        return absent
    lost = Notice("na_maybe_lost", na_maybe_lost_message(responses.na_maybe_lost))
    return (*absent, lost)


def _interval(
    kind: str,
    confidence: float,
    draws: Float,
    point: Float,
    *,
    jack: Float | None = None,
    n_eff: Float | None = None,
    se: tuple[Float, Float] | None = None,
) -> tuple[Float, Float]:
    """Ranges of each column of ``draws`` ``(B, m)`` around ``point`` ``(m,)`` for an interval
    ``kind`` already resolved: ``"bca"`` uses the jackknife values ``jack``, ``"expanded"``
    the per-column sample sizes ``n_eff``, ``"studentized"`` the resampled and the sample
    standard errors ``se = (draw_se, point_se)``; anything else (or a missing input) is
    the plain percentile range. Every range holds its point estimate."""
    alpha = (1.0 - confidence) / 2.0
    if kind in STUDENTIZED_KINDS and se is not None:
        union = kind == "studentized_union"
        low, high = studentized_bounds(draws, se[0], point, se[1], confidence, union=union)
    else:
        if kind == "bca" and jack is not None:
            levels = bca_probabilities(draws, point, jack, confidence)
        elif kind == "expanded" and n_eff is not None:
            levels = expanded_levels(n_eff, confidence)
        else:
            levels = np.array([alpha, 1.0 - alpha])
        low, high = quantiles(draws, levels)
    # A percentile range can miss a skewed small-sample estimate; widen it to hold the point.
    return np.fmin(low, point), np.fmax(high, point)


def _stage_index(rubric: Rubric, draws: Float) -> npt.NDArray[np.intp]:
    """The 0-based stage index of every value of ``draws`` (as :meth:`Rubric.stage_for`;
    NaN gives the last index: callers mask NaN)."""
    lowers = np.array([s.lower for s in rubric.stages])
    index = np.searchsorted(lowers, np.round(draws, STAGE_DECIMALS), side="right") - 1
    out: npt.NDArray[np.intp] = np.clip(index, 0, None)
    return out


def _stage_probabilities(rubric: Rubric, draws: Float) -> list[dict[str, float]]:
    index = _stage_index(rubric, draws)
    valid = ~np.isnan(draws)
    totals = valid.sum(0)
    out: list[dict[str, float]] = []
    for column in range(draws.shape[1]):
        if totals[column] == 0:
            out.append({})
            continue
        counts = np.bincount(index[valid[:, column], column], minlength=len(rubric.stages))
        out.append(
            {
                s.id: float(c) / float(totals[column])
                for s, c in zip(rubric.stages, counts, strict=True)
            }
        )
    return out


def _overall_support(rubric: Rubric, draws: Aggregates, dim_ok: Bool) -> dict[str, float]:
    """The bootstrap support of each overall stage: the share of resamples whose overall
    stage, decided by the rubric's stage rule from that resample's overall and dimension
    scores (:meth:`Rubric.overall_stage`, vectorized), is that stage."""
    if rubric.stage_rule.compensatory:
        return _stage_probabilities(rubric, draws.overall[:, None])[0]
    valid = ~np.isnan(draws.overall)
    if not valid.any():
        return {}
    n_stages = len(rubric.stages)
    dims = draws.dimension[valid][:, dim_ok]
    levels = np.where(np.isnan(dims), n_stages + 1, _stage_index(rubric, dims) + 1)
    lowest = levels.min(1, initial=n_stages + 1)  # no scored dimension: no cap
    floors = np.array(rubric.stage_rule.floor_levels([s.id for s in rubric.stages]))
    cap = np.maximum(np.searchsorted(floors, lowest, side="right"), 1)
    staged = np.minimum(_stage_index(rubric, draws.overall[valid]) + 1, cap)
    counts = np.bincount(staged - 1, minlength=n_stages)
    total = float(valid.sum())
    return {s.id: float(c) / total for s, c in zip(rubric.stages, counts, strict=True)}


def _accuracy(
    stage: str | None, support: Mapping[str, float], n: int, rule: StageRule | None = None
) -> float | None:
    """The measured accuracy of ``stage`` reported with its bootstrap ``support`` at ``n``
    respondents (docs/stage-certainty.md; ``rule``: an overall stage decided by that stage
    rule), or ``None``."""
    if stage is None or stage not in support:
        return None
    if rule is not None:
        return overall_stage_accuracy(rule, n, support[stage])
    return stage_accuracy(n, support[stage])


def _share(value: float) -> str:
    """A share as a percentage rounded *down* to 0.1, so 99.96 % never shows as 100 %."""
    return f"{math.floor(value * 1000.0 + 1e-9) / 10:g}%"


def _reportable(n_respondents: int, options: ScoringOptions) -> bool:
    """Whether a score resting on ``n_respondents`` may be reported (the minimum reporting
    size, or the explicit override)."""
    return options.allow_small or n_respondents >= options.min_reporting_size


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


@frozen(eq=False)
class _Answers:
    """One organization's answers before any resampling.

    Rows without a single on-scale answer carry no information: they lower coverage but
    are not respondents (they would dilute the bootstrap and hide small-sample warnings),
    so ``scores`` drops them (unless no row has an answer: then ``scores`` keeps the rows,
    all empty, and :attr:`n_respondents` is 0).
    """

    scores: Float
    answered: Bool
    counts: Float
    na_counts: Float
    dk_counts: Float
    """"Don't know" answers per indicator (over every row, also rows with no on-scale answer)."""
    applicable: Float
    n_empty: int
    n_respondents: int
    """Rows with at least one on-scale answer."""

    @property
    def n(self) -> int:
        """Rows of ``scores`` (what the bootstrap resamples)."""
        return int(self.scores.shape[0])

    @classmethod
    def of(cls, scores: Float, na: Bool, dk: Bool) -> _Answers:
        n_rows = scores.shape[0]
        na_counts = na.sum(0)
        dk_counts = dk.sum(0).astype(np.float64)
        answering = ~np.isnan(scores).all(1)
        if answering.any() and not answering.all():
            scores = scores[answering]
        answered = ~np.isnan(scores)
        return cls(
            scores=scores,
            answered=answered,
            counts=answered.astype(np.float64).sum(0),
            na_counts=na_counts,
            dk_counts=dk_counts,
            applicable=n_rows - na_counts,
            n_empty=n_rows - scores.shape[0] if answering.any() else n_rows,
            n_respondents=int(answering.sum()),
        )


@frozen(eq=False)
class _Scorability:
    """Which dimensions (and the overall score) have enough answers to be scored."""

    applicable_weight: Float
    answered_weight: Float
    respondents: Float
    need: int
    dimension_ok: Bool
    scorable_share: float
    overall_ok: bool


def _scorability(layout: Layout, a: _Answers, options: ScoringOptions) -> _Scorability:
    membership, weight = layout.membership, layout.indicator_weight
    applicable_weight = (weight * (a.applicable > 0)) @ membership
    answered_weight = (weight * (a.counts > 0)) @ membership
    respondents = ((a.answered.astype(np.float64) @ membership) > 0).sum(0)
    need = min(options.min_respondents, a.n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = answered_weight / applicable_weight
    ok = (applicable_weight > 0) & (respondents >= need) & (share >= options.min_indicator_share)
    scorable_share = (layout.dimension_weight * ok).sum() / layout.dimension_weight.sum()
    return _Scorability(
        applicable_weight=applicable_weight,
        answered_weight=answered_weight,
        respondents=respondents,
        need=need,
        dimension_ok=ok,
        scorable_share=float(scorable_share),
        overall_ok=bool(scorable_share >= options.min_dimension_share - 1e-12),
    )


def _dimension_reason(s: _Scorability, c: int, options: ScoringOptions) -> str | None:
    """Why dimension ``c`` is not scorable, worded from the computed figures."""
    if s.applicable_weight[c] <= 0:
        return "every indicator was answered 'not applicable'"
    if s.respondents[c] < s.need:
        return f"answers from {int(s.respondents[c])} respondent(s); at least {s.need} needed"
    share = s.answered_weight[c] / s.applicable_weight[c]
    if share < options.min_indicator_share:
        return (
            f"answers cover {_share(share)} of the indicator weight; at least "
            f"{_share(options.min_indicator_share)} needed"
        )
    return None


@frozen(eq=False)
class _Ranges:
    """Point estimates, their ranges and stage probabilities of one organization."""

    point: Aggregates
    low: Aggregates
    high: Aggregates
    dimension_probabilities: list[dict[str, float]]
    overall_probabilities: dict[str, float]
    method: str
    kind: str
    sd: Aggregates
    design: SurveyDesign | None = None
    design_effect: Aggregates | None = None


def _draws(
    layout: Layout, a: _Answers, dim_ok: Bool, rng: np.random.Generator, kind: str, b: int
) -> tuple[Aggregates, Studentized | None]:
    """The bootstrap draws (and, for the studentized range, their standard errors)."""
    if a.n == 1:
        return indicator_bootstrap(layout, a.scores, rng, b, dim_ok), None
    if kind in STUDENTIZED_KINDS:
        st = studentized_bootstrap(layout, a.scores, a.answered, rng, b, dim_ok)
        return st.draws, st
    return respondent_bootstrap(layout, a.scores, a.answered, rng, b, dim_ok), None


def _ranges(
    rubric: Rubric,
    layout: Layout,
    a: _Answers,
    s: _Scorability,
    key: str,
    options: ScoringOptions,
    plan: DesignPlan | None = None,
) -> _Ranges:
    n, dim_ok = a.n, s.dimension_ok
    sums = np.nansum(a.scores, axis=0)  # answered cells only
    point = aggregate(layout, sums[None, :], a.counts[None, :], dim_ok)
    rng = organization_rng(int(options.seed or 0), key)
    kind = resolve_interval(options.interval, a.n_respondents)
    sizes = (a.counts, s.respondents, np.array([float(a.answered.any(1).sum())]))
    if plan is None:
        draws, st = _draws(layout, a, dim_ok, rng, kind, options.n_resamples)
        survey, deff, n_eff = None, None, sizes
    else:
        point, draws, st, kind, n_eff, deff, survey = _designed(
            layout, a, dim_ok, plan, (rubric.key, key), options, (point, rng, kind, sizes)
        )
    jack = jackknife(layout, a.scores, a.answered, dim_ok) if kind == "bca" else None
    bounds = [
        _interval(
            kind,
            options.confidence,
            _column_of(draws, level),
            _column_of(point, level)[0],
            jack=None if jack is None else _column_of(jack, level),
            n_eff=np.asarray(size, dtype=np.float64),
            se=None if st is None else (_column_of(st.draw_se, level), _column_of(st.se, level)[0]),
        )
        for level, size in zip(("indicator", "dimension", "overall"), n_eff, strict=True)
    ]
    return _Ranges(
        point=point,
        low=Aggregates(bounds[0][0], bounds[1][0], bounds[2][0]),
        high=Aggregates(bounds[0][1], bounds[1][1], bounds[2][1]),
        dimension_probabilities=_stage_probabilities(rubric, draws.dimension),
        overall_probabilities=_overall_support(rubric, draws, dim_ok),
        method=_method(n, plan),
        kind=kind,
        sd=respondent_sds(layout, a.scores, dim_ok),
        design=survey,
        design_effect=deff,
    )


def _method(n: int, plan: DesignPlan | None) -> str:
    """The resampling method's name (``IntervalInfo.method``)."""
    if n == 1:
        return "indicator-bootstrap"
    if plan is not None and plan.cluster_codes is not None:
        return "cluster-bootstrap"
    if plan is not None and plan.weights is not None:
        return "stratified-bootstrap"
    return "respondent-bootstrap"


_Base = tuple[Aggregates, np.random.Generator, str, tuple[Float, Float, Float]]


def _designed(
    layout: Layout,
    a: _Answers,
    dim_ok: Bool,
    plan: DesignPlan,
    names: tuple[str, str],
    options: ScoringOptions,
    base: _Base,
) -> tuple[
    Aggregates,
    Aggregates,
    Studentized | None,
    str,
    tuple[Float, Float, Float],
    Aggregates | None,
    SurveyDesign,
]:
    """Point, draws, studentized parts, interval kind, interval sizes, design effects and
    the :class:`SurveyDesign` of an organization (``names``: rubric key, organization)
    scored with a survey design: the design
    bootstrap when weighted or clustered (the expanded percentile range by default, sized
    by the clusters or Kish's effective n), then the finite-population correction."""
    point, rng, kind, sizes = base
    deff: Aggregates | None = None
    factors = plan_factors(plan, sizes)
    if plan.resampled and a.n_respondents > 1:
        b = options.n_resamples
        point, draws = designed_draws(layout, a.scores, a.answered, plan, rng, b, dim_ok, factors)
        srs = srs_reference(
            layout, a.scores, a.answered, int(options.seed or 0), names[1], b, dim_ok
        )
        if factors is not None:  # the reference: simple random sampling without replacement
            srs = shrink(srs, srs_point(layout, a.scores, a.answered, dim_ok), factors)
        deff = variance_ratio(draws, srs)
        st: Studentized | None = None
        kind = "expanded" if options.interval == "auto" else options.interval
        n_eff = effective_sizes(plan, a.n_respondents, sizes)
    else:
        draws, st = _draws(layout, a, dim_ok, rng, kind, options.n_resamples)
        n_eff = sizes
        if factors is not None:
            draws = shrink(draws, point, factors)
            st = None if st is None else shrink_studentized(st, point, factors)
    fpc = None if factors is None else float(factors.overall[0])
    overall_deff = None if deff is None else float(deff.overall[0])
    survey = describe(plan, names, a.n_respondents, overall_deff, fpc)
    return point, draws, st, kind, (n_eff[0], n_eff[1], n_eff[2]), deff, survey


def _deff(r: _Ranges, level: str, column: int, value: float | None) -> float | None:
    """The design effect of one score (``None`` without one or without a value)."""
    if r.design_effect is None or value is None:
        return None
    return _opt(float(_column_of(r.design_effect, level)[0, column]))


def _dk_share(dont_know: float, answers: float) -> float | None:
    """``dont_know / (answers + dont_know)``, ``None`` when both are 0."""
    total = answers + dont_know
    return float(dont_know / total) if total else None


def _column_of(values: Aggregates, level: str) -> Float:
    """``(r, m)`` replicates of one level of ``values`` (the overall score as one column)."""
    if level == "overall":
        out: Float = values.overall[:, None]
        return out
    column: Float = getattr(values, level)
    return column


def _indicator_scores(
    layout: Layout, a: _Answers, r: _Ranges, options: ScoringOptions
) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for j, ind_id in enumerate(layout.indicator_ids):
        value = _opt(r.point.indicator[0, j])
        reason = None
        if value is None:
            if a.applicable[j] == 0:
                reason = "every answer was 'not applicable'"
            elif a.dk_counts[j] > 0 and a.dk_counts[j] == a.applicable[j]:
                reason = "every answer was 'don't know'"
            else:
                reason = "no respondent answered"
        out[ind_id] = Score(
            id=ind_id,
            value=value,
            low=None if value is None else float(r.low.indicator[j]),
            high=None if value is None else float(r.high.indicator[j]),
            n_respondents=int(a.counts[j]),
            n_answers=int(a.counts[j]),
            n_not_applicable=int(a.na_counts[j]),
            coverage=float(a.counts[j] / a.applicable[j]) if a.applicable[j] else 0.0,
            reason=reason,
            sd=None if value is None else _opt(r.sd.indicator[0, j]),
            dont_know=int(a.dk_counts[j]),
            dont_know_share=_dk_share(a.dk_counts[j], a.counts[j]),
            reportable=_reportable(int(a.counts[j]), options),
            design_effect=_deff(r, "indicator", j, value),
        )
    return out


def _dimension_scores(
    rubric: Rubric,
    layout: Layout,
    a: _Answers,
    s: _Scorability,
    r: _Ranges,
    options: ScoringOptions,
) -> dict[str, Score]:
    membership = layout.membership
    answers = a.counts @ membership
    na = a.na_counts @ membership
    dk = a.dk_counts @ membership
    applicable = a.applicable @ membership
    out: dict[str, Score] = {}
    for c, dim_id in enumerate(layout.dimension_ids):
        value = _opt(r.point.dimension[0, c]) if s.dimension_ok[c] else None
        stage = None if value is None else rubric.stage_for(value).id
        support = r.dimension_probabilities[c] if value is not None else {}
        out[dim_id] = Score(
            id=dim_id,
            value=value,
            low=None if value is None else float(r.low.dimension[c]),
            high=None if value is None else float(r.high.dimension[c]),
            n_respondents=int(s.respondents[c]),
            n_answers=int(answers[c]),
            n_not_applicable=int(na[c]),
            coverage=float(answers[c] / applicable[c]) if applicable[c] else 0.0,
            stage=stage,
            stage_support=support,
            stage_accuracy=_accuracy(stage, support, int(s.respondents[c])),
            reason=_dimension_reason(s, c, options),
            sd=None if value is None else _opt(r.sd.dimension[0, c]),
            dont_know=int(dk[c]),
            dont_know_share=_dk_share(dk[c], answers[c]),
            reportable=_reportable(int(s.respondents[c]), options),
            design_effect=_deff(r, "dimension", c, value),
        )
    return out


def _overall_reason(s: _Scorability, options: ScoringOptions) -> str | None:
    if s.overall_ok:
        return None
    return (
        f"scorable dimensions carry {_share(s.scorable_share)} of the dimension weight; "
        f"at least {_share(options.min_dimension_share)} needed"
    )


def overall_stage(
    rubric: Rubric, overall: Score, dimensions: Mapping[str, Score]
) -> tuple[Stage | None, tuple[str, ...]]:
    """The overall stage of ``overall`` under the rubric's stage rule (``None`` without
    a value) and the dimensions that capped it (:meth:`Rubric.overall_stage`)."""
    if overall.value is None:
        return None, ()
    return rubric.overall_stage(overall.value, {k: d.value for k, d in dimensions.items()})


def _overall_score(
    rubric: Rubric,
    a: _Answers,
    s: _Scorability,
    r: _Ranges,
    options: ScoringOptions,
    dimensions: Mapping[str, Score],
) -> Score:
    value = _opt(r.point.overall[0]) if s.overall_ok else None
    stage = None
    if value is not None:
        values = {k: d.value for k, d in dimensions.items()}
        stage = rubric.overall_stage(value, values)[0].id
    support = r.overall_probabilities if value is not None else {}
    total_applicable = float(a.applicable.sum())
    return Score(
        id="overall",
        value=value,
        low=None if value is None else float(r.low.overall[0]),
        high=None if value is None else float(r.high.overall[0]),
        n_respondents=int(a.answered.any(1).sum()),
        n_answers=int(a.counts.sum()),
        n_not_applicable=int(a.na_counts.sum()),
        coverage=float(a.counts.sum() / total_applicable) if total_applicable else 0.0,
        stage=stage,
        stage_support=support,
        # under a stage rule: the rule's own table, where the study measured the rule
        stage_accuracy=_accuracy(stage, support, int(a.answered.any(1).sum()), rubric.stage_rule),
        reason=_overall_reason(s, options),
        sd=None if value is None else _opt(r.sd.overall[0]),
        dont_know=int(a.dk_counts.sum()),
        dont_know_share=_dk_share(a.dk_counts.sum(), a.counts.sum()),
        reportable=_reportable(int(a.answered.any(1).sum()), options),
        design_effect=_deff(r, "overall", 0, value),
    )


def _sample_notices(
    a: _Answers, dimensions: dict[str, Score], kind: str, options: ScoringOptions
) -> list[Notice]:
    """Warnings about the sample size: a self-assessment, too few respondents to report,
    few respondents overall or in a dimension (with the measured coverage at that size)."""
    if a.n_respondents == 0:
        return []  # the empty_rows notice says it
    out = _reporting_notices(a, dimensions, options)
    if a.n_respondents == 1:
        return [
            Notice(
                "self_assessment",
                "a single respondent: there is no respondent sample, so ranges come from "
                "resampling indicators within each dimension and half a scale step of "
                "answer resolution (see docs/scoring.md)",
            ),
            *out,
        ]
    few = few_message(a.n_respondents, "", kind, options.confidence)
    if few is not None:
        return [Notice("few_respondents", few), *out]
    for dim, score in dimensions.items():
        text = few_message(score.n_respondents, f" answered {dim}", kind, options.confidence)
        if score.value is not None and text is not None:
            out.append(Notice("few_respondents", text, dim))
    return out


def _edge_notices(
    overall: Score, dimensions: dict[str, Score], kind: str, options: ScoringOptions
) -> list[Notice]:
    """``near_scale_end`` notices: overall or dimension scores near 0 or 100 whose kind of
    range fell short of its level near the ends of the scale in the coverage study."""
    out = []
    for subject, score in (("overall", overall), *dimensions.items()):
        if score.value is None or score.n_respondents < 2:
            continue
        text = edge_message(score.value, score.n_respondents, kind, options.confidence)
        if text is not None:
            out.append(Notice("near_scale_end", f"{subject} score {text}", subject))
    return out


def _reporting_notices(
    a: _Answers, dimensions: dict[str, Score], options: ScoringOptions
) -> list[Notice]:
    """``not_reportable`` notices: the organization, or dimensions, below the minimum
    reporting size (none with ``allow_small``)."""
    need = options.min_reporting_size
    if options.allow_small:
        return []
    tail = (
        f"fewer than the minimum reporting size of {need} (min_reporting_size), so the "
        "scores are not reportable (docs/coverage.md#minimum-reporting-size); score with "
        "allow_small=True (CLI --allow-small) to report them anyway"
    )
    if a.n_respondents < need:
        return [Notice("not_reportable", f"only {a.n_respondents} respondent(s), {tail}")]
    return [
        Notice("not_reportable", f"{score.n_respondents} respondent(s) answered {dim}, {tail}", dim)
        for dim, score in dimensions.items()
        if score.value is not None and not score.reportable
    ]


def _notices(
    a: _Answers,
    overall: Score,
    dimensions: dict[str, Score],
    indicators: dict[str, Score],
    kind: str,
    options: ScoringOptions,
) -> tuple[Notice, ...]:
    """The report's notices, worded from the computed scores."""
    unscorable = [
        Notice("dimension_not_scorable", f"not scored: {d.reason}", dim)
        for dim, d in dimensions.items()
        if d.value is None
    ]
    if overall.reason is not None:
        unscorable.append(Notice("overall_not_scorable", f"not scored: {overall.reason}"))
    sample = _sample_notices(a, dimensions, kind, options)
    sample += _edge_notices(overall, dimensions, kind, options)
    notices = sample + unscorable if a.n_respondents < SMALL_SAMPLE else unscorable + sample
    thin = [i for i, s in indicators.items() if s.value is not None and s.n_answers < 3]
    if thin and a.n_respondents >= SMALL_SAMPLE:
        notices.append(
            Notice(
                "few_answers",
                f"{len(thin)} indicator(s) have fewer than 3 answers, so their ranges say "
                "little: " + ", ".join(thin),
            )
        )
    if a.n_empty and a.n_respondents == 0:
        notices.append(
            Notice(
                "empty_rows",
                f"none of the {a.n_empty} row(s) had an on-scale answer, so there are no "
                "respondents and nothing could be scored",
            )
        )
    elif a.n_empty:
        notices.append(
            Notice(
                "empty_rows",
                f"{a.n_empty} row(s) had no on-scale answer; they count against coverage but "
                "not as respondents",
            )
        )
    return tuple(notices)


def dont_know_notices(
    rubric: Rubric, indicators: Mapping[str, Score], threshold: float
) -> list[Notice]:
    """A ``dont_know_share`` notice per indicator whose "don't know" share is at least
    ``threshold``: not knowing is evidence in its own right (docs/scoring.md)."""
    out = []
    for iid, score in indicators.items():
        share = score.dont_know_share
        if share is None or score.dont_know == 0 or share < threshold - 1e-12:
            continue
        total = score.dont_know + score.n_answers
        statement = rubric.indicator(iid).statement.strip().rstrip(".")
        out.append(
            Notice(
                "dont_know_share",
                f"{_share(share)} of respondents ({score.dont_know} of {total}) don't know "
                f'whether "{statement}": itself a finding, not only missing data (the score '
                f"of {iid} leaves these answers out)",
                iid,
            )
        )
    return out


def score_rows(
    prepared: Prepared,
    rows: Rows,
    key: str,
    options: ScoringOptions,
    *,
    design: DesignOptions | None = None,
) -> Report:
    """The report of the respondents in ``rows`` of ``prepared``, scored under the name
    ``key`` (an organization, or a group key: it seeds the bootstrap stream), with the
    survey ``design`` when given (docs/survey-design.md)."""
    rubric, layout = prepared.rubric, prepared.layout
    answers = _Answers.of(
        prepared.scores[rows], prepared.not_applicable[rows], prepared.dont_know[rows]
    )
    scorability = _scorability(layout, answers, options)
    plan = None if design is None else design_plan(prepared, rows, key, design)
    ranges = _ranges(rubric, layout, answers, scorability, key, options, plan)
    indicators = _indicator_scores(layout, answers, ranges, options)
    dimensions = _dimension_scores(rubric, layout, answers, scorability, ranges, options)
    overall = _overall_score(rubric, answers, scorability, ranges, options, dimensions)
    stage, capped_by = overall_stage(rubric, overall, dimensions)
    return Report(
        rubric_key=rubric.key,
        organization=key,
        n_respondents=answers.n_respondents,
        overall=overall,
        dimensions=dimensions,
        indicators=indicators,
        stage=stage,
        stage_capped_by=capped_by,
        interval=IntervalInfo(
            method=ranges.method,
            kind=ranges.kind,
            confidence=options.confidence,
            n_resamples=options.n_resamples,
            seed=options.seed,
        ),
        options=options,
        notices=(
            *_notices(answers, overall, dimensions, indicators, ranges.kind, options),
            *dont_know_notices(rubric, indicators, options.dont_know_threshold),
            *design_notices(ranges.design),
        ),
        rubric_fingerprint=rubric.fingerprint,
        design=ranges.design,
        rubric=rubric,
    )
