"""``explain``: how a score was derived, or why a recommendation is (not) in the plan.

Plain text for people; every number shown is recomputed from the report (and, for answer
counts, from the responses) so that the derivation can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._format import MISSING, number, span, text_block
from .._format import wrap as _wrap
from .._hints import did_you_mean, find_organization
from .._model.conditions import (
    AllOf,
    AnyOf,
    Condition,
    DimensionBelow,
    DimensionsBelowCount,
    FactCondition,
    IndicatorBelow,
    LowAgreement,
    OverallBelow,
    PerceptionGapAtLeast,
    Recommendation,
)
from .._model.responses import Responses
from .._model.rubric import Indicator, Rubric
from .._model.targets import TargetSpec
from .._recommend.evaluate import Evaluation, fact_test_text, threshold_of
from .._recommend.evidence import Evidence
from .._recommend.facts import FactsSpec
from .._recommend.plan import Plan, contributions, plan
from .._recommend.targets import check_report, check_report_type, indicator_shares
from .._results.common import Score
from .._results.plan import Step, Targets, Trigger
from .._results.report import Report
from .._types import RESPONSES, expect
from ..exceptions import RecommendationError, ScoringError
from .text import accuracy_text, capped_text, descriptor_of, stage_rule_text

__all__ = ["describe_condition", "explain_recommendation", "explain_score"]


def _g(value: float) -> str:
    return f"{value:g}"


def _header(title: str, report: Report) -> list[str]:
    return [
        *_wrap(title, indent="    ", first=""),
        *_wrap(
            f"organization {report.organization!r} · rubric {report.rubric_key} · "
            f"{report.n_respondents} respondent(s)",
            indent="    ",
            first="  ",
        ),
        "",
    ]


def _result_line(score: Score) -> list[str]:
    return _wrap(
        f"Result: {number(score.value)}, range {span(score.low, score.high)}"
        + (f"; not scorable: {score.reason}" if score.value is None else ""),
        indent="    ",
        first="  ",
    )


def _result_of(numerator: float, denominator: float, score: Score) -> str:
    """The weighted mean written out; labelled hypothetical when the score is not
    scorable (the scorability rules below say why)."""
    value = numerator / denominator
    if score.value is None:
        return f"{value:.2f}, what the score would be if it were scorable"
    return f"{value:.2f}"


def _stage_line(rubric: Rubric, score: Score, capped: str | None = None) -> list[str]:
    """The stage of ``score``: its band, or (``capped``: the sentence saying so) the
    stage the rubric's stage rule capped it at."""
    if score.value is None or score.stage is None:
        return []
    stage = rubric.stage(score.stage)
    upper = next((s.lower for s in rubric.stages if s.level == stage.level + 1), None)
    band = f"{_g(stage.lower)} ≤ score" + (f" < {_g(upper)}" if upper is not None else " ≤ 100")
    if capped is None:
        out = [f"  Stage: {stage.level} {stage.id!r} ({stage.name}), the band {band}."]
    else:
        out = [f"  Stage: {stage.level} {stage.id!r} ({stage.name}), capped by the stage rule."]
        out += _wrap(capped, indent="    ", first="    ")
    out += _wrap(stage.description, indent="    ", first="    ")
    if score.stage_support and score.reportable:
        out += _certainty_lines(score)
    return out


def _support_text(share: float) -> str:
    """A bootstrap support (0-1) to 2 decimals, never as a certain ``1.00`` or ``0.00``."""
    if share > 0.99:
        return "> 0.99"
    return "< 0.01" if share < 0.01 else f"{share:.2f}"


def _certainty_lines(score: Score) -> list[str]:
    """The bootstrap support of each stage and what the calibration study measured for the
    reported stage's support at this respondent count (docs/stage-certainty.md)."""
    shares = ", ".join(f"{k} {_support_text(v)}" for k, v in score.stage_support.items() if v > 0)
    text = (
        f"Bootstrap support (share of resamples in each stage band; not the probability "
        f"that the stage is right): {shares}."
    )
    if score.stage_accuracy is not None and score.stage is not None:
        text += (
            f" In simulations, a stage reported with this support from "
            f"{score.n_respondents} respondent(s) was the true stage "
            f"{accuracy_text(score.stage_accuracy)} of the time (docs/stage-certainty.md)."
        )
    return _wrap(text, indent="    ", first="  ")


def _descriptor_lines(rubric: Rubric, indicator: Indicator, score: Score) -> list[str]:
    found = descriptor_of(rubric, indicator, score)
    if found is None:
        return []
    stage, text = found
    return _wrap(f"At this score ({stage}): {text}", indent="    ", first="  ")


def _described(rubric: Rubric, report: Report, members: Sequence[Indicator]) -> list[str]:
    """Each indicator's descriptor at the stage its score lies in (those that have one)."""
    found = [(i, descriptor_of(rubric, i, report.indicators[i.id])) for i in members]
    lines = []
    for indicator, described in found:
        if described is not None:
            stage, text = described
            lines += _wrap(f"{indicator.id} ({stage}): {text}", indent="      ", first="    - ")
    if not lines:
        return []
    return ["  What each indicator's score describes (the rubric's stage descriptors):", *lines]


def _reportable_lines(report: Report, score: Score) -> list[str]:
    """Why a score is not reportable (below the minimum reporting size), or nothing."""
    if score.reportable:
        return []
    return _wrap(
        f"Not reportable: {score.n_respondents} respondent(s), fewer than the minimum "
        f"reporting size {report.options.min_reporting_size} (allow_small=True to report).",
        first="  ",
    )


def _interval_lines(report: Report) -> list[str]:
    info = report.interval
    kind = {
        "bca": "bias-corrected and accelerated (BCa) percentile",
        "expanded": "expanded percentile (Hesterberg 2015)",
        "studentized": "studentized (bootstrap-t)",
        "studentized_union": "studentized (bootstrap-t), equal-tailed and symmetric ranges joined",
    }.get(info.kind, "percentile")
    if report.options.interval == "auto":
        kind += " (chosen by interval='auto' for this many respondents, docs/coverage.md)"
    if info.method == "indicator-bootstrap":
        how = (
            "a single respondent, so no respondent sample to resample: each resample draws "
            "the answered indicators of every dimension with replacement and moves each "
            "answer uniformly within half a scale step"
        )
    else:
        how = (
            f"each resample draws the {report.n_respondents} respondents with replacement "
            "(whole rows, so each person's answers stay together) and recomputes every score"
        )
    text = (
        f"Range: {info.confidence:.0%} {kind} bootstrap interval from {info.n_resamples} "
        f"resamples; {how}. Seed {info.seed} (the organization's random stream depends on the "
        "seed and the organization name only, so the same seed gives the same range). A "
        "percentile range is widened when needed so that it contains the estimate."
    )
    return _wrap(text, first="  ")


def _normalization(rubric: Rubric, indicator: Indicator) -> str:
    scale = rubric.scale(indicator.scale)
    lo, hi, span = scale.min, scale.max, scale.max - scale.min
    if indicator.reverse:
        formula = f"score = 100 × ({hi} − x) / {span}"
        points = [100.0 * (hi - x) / span for x in range(lo, hi + 1)]
    else:
        formula = f"score = 100 × (x − {lo}) / {span}"
        points = [100.0 * (x - lo) / span for x in range(lo, hi + 1)]
    mapping = ", ".join(
        f"{x}→{_g(round(p, 2))}" for x, p in zip(range(lo, hi + 1), points, strict=True)
    )
    keying = (
        "reverse-keyed (agreeing means less maturity)" if indicator.reverse else "normal keying"
    )
    return f"{formula}  ({keying}: {mapping})"


def _answers(
    rubric: Rubric, indicator: Indicator, responses: Responses | None, report: Report
) -> tuple[list[str], float | None]:
    """Answer counts of one indicator in the organization, and the recomputed mean."""
    if responses is None:
        return ["  Answer counts: pass the responses to see them."], None
    if indicator.id not in responses.indicator_ids:
        return ["  Answer counts: the responses do not hold this indicator."], None
    org = responses.for_organization(report.organization)  # explain_score checked it is there
    column = responses.indicator_ids.index(indicator.id)
    values = org.values[:, column]
    na = org.not_applicable[:, column]
    scale = rubric.scale(indicator.scale)
    counts = {x: int(np.sum(values == x)) for x in range(scale.min, scale.max + 1)}
    answered = int(np.sum(~np.isnan(values)))
    n_na = int(np.sum(na))
    n_dk = int(np.sum(org.dont_know[:, column]))
    blank = org.n_respondents - answered - n_na - n_dk
    shown = "  ".join(f"{x}: {n}" for x, n in counts.items())
    dk = f" | don't know: {n_dk}" if scale.dont_know or n_dk else ""
    lines = [f"  Answers: {shown}  | not applicable: {n_na}{dk} | no answer: {blank}"]
    if answered == 0:
        return lines, None
    span = scale.max - scale.min
    terms = []
    total = 0.0
    for x, n in counts.items():
        if n == 0:
            continue
        s = 100.0 * ((scale.max - x) if indicator.reverse else (x - scale.min)) / span
        terms.append(f"{n}×{_g(round(s, 2))}")
        total += n * s
    mean = total / answered
    lines.append(f"  Mean: ({' + '.join(terms)}) / {answered} = {mean:.2f}")
    return lines, mean


def _indicator(
    rubric: Rubric, report: Report, indicator: Indicator, responses: Responses | None
) -> list[str]:
    score = report.indicators[indicator.id]
    members = rubric.indicators_of(indicator.dimension)
    within = sum(i.weight for i in members)
    lines = _header(
        f"How indicator {indicator.id!r} was scored (dimension {indicator.dimension!r})", report
    )
    lines += _result_line(score)
    lines += _wrap(f'Statement: "{indicator.statement}"', first="  ")
    lines += _descriptor_lines(rubric, indicator, score)
    lines.append("")
    lines.append(f"  1. Each answer x on scale {indicator.scale!r} is normalized to 0-100:")
    lines += _wrap(_normalization(rubric, indicator), indent="       ", first="     ")
    lines.append(
        "  2. The indicator score is the mean over the respondents who answered; "
        "'not applicable' answers"
    )
    lines.append(
        "     leave the denominator and blank (and 'don't know') answers count only toward "
        "coverage."
    )
    answer_lines, mean = _answers(rubric, indicator, responses, report)
    lines += ["   " + line for line in answer_lines]
    if mean is not None and score.value is not None and abs(mean - score.value) > 1e-6:
        lines.append(
            f"     (the report says {score.value:.2f}: the responses given are not the ones "
            "this report was made from)"
        )
    applicable = score.n_answers / score.coverage if score.coverage else 0
    lines.append(
        f"  Coverage: {score.n_answers} answer(s) of {applicable:.0f} applicable "
        f"({score.coverage:.1%}); {score.n_not_applicable} 'not applicable'"
        + (
            f"; {score.dont_know} 'don't know' (scored as no answer; "
            f"{score.dont_know_share or 0.0:.1%} of those who took a position)."
            if score.dont_know
            else "."
        )
    )
    lines.append(
        f"  Weight: {_g(indicator.weight)} of {_g(within)} within {indicator.dimension!r}; "
        f"share of the overall score {indicator_shares(rubric)[indicator.id]:.2%}."
    )
    lines += _interval_lines(report)
    return lines


def _dimension(rubric: Rubric, report: Report, dim_id: str) -> list[str]:
    dim = rubric.dimension(dim_id)
    score = report.dimensions[dim_id]
    total_weight = sum(d.weight for d in rubric.dimensions)
    lines = _header(f"How dimension {dim_id!r} ({dim.name}) was scored", report)
    lines += _result_line(score)
    lines += _stage_line(rubric, score)
    lines.append("")
    lines.append("  1. Answers are normalized to 0-100: score = 100 × (x − min) / (max − min);")
    lines.append("     reverse-keyed indicators: 100 × (max − x) / (max − min).")
    lines.append("  2. Each indicator's score is the mean over the respondents who answered it")
    lines.append("     ('not applicable' left out).")
    lines.append(
        "  3. The dimension score is the weighted mean of its indicators that have a score:"
    )
    members = rubric.indicators_of(dim_id)
    width = max(len(i.id) for i in members) + 2
    lines.append(f"     {'indicator':<{width}}  weight  {'score':>6}  {'range':<15}  answers  NA")
    numerator = denominator = 0.0
    terms = []
    for ind in members:
        s = report.indicators[ind.id]
        flag = " R" if ind.reverse else "  "
        lines.append(
            f"     {ind.id + flag:<{width}}  {_g(ind.weight):>6}  {number(s.value):>6}  "
            f"{span(s.low, s.high):<15}  {s.n_answers:>7}  {s.n_not_applicable:>2}"
        )
        if s.value is not None:
            numerator += ind.weight * s.value
            denominator += ind.weight
            terms.append(f"{_g(ind.weight)}×{s.value:.2f}")
    lines.append("     (R = reverse-keyed)")
    if denominator > 0:
        lines += _wrap(
            f"({' + '.join(terms)}) / {_g(denominator)} = "
            + _result_of(numerator, denominator, score),
            indent="       ",
            first="     = ",
        )
    lines += _described(rubric, report, members)
    options = report.options
    need = min(options.min_respondents, report.n_respondents)
    lines += _wrap(
        f"Scorable when: answers from ≥ {need} respondent(s) (min({options.min_respondents}, "
        f"{report.n_respondents})) and the answered indicators carry ≥ "
        f"{options.min_indicator_share:.0%} of the applicable indicator weight; here "
        f"{score.n_respondents} respondent(s) answered.",
        first="  ",
    )
    lines += _reportable_lines(report, score)
    lines.append(
        f"  Coverage: {score.coverage:.1%} of the applicable answers were given; "
        f"{score.n_not_applicable} 'not applicable'."
    )
    lines.append(
        f"  Weight in the overall score: {_g(dim.weight)} of {_g(total_weight)} "
        f"({dim.weight / total_weight:.0%})."
    )
    lines += _interval_lines(report)
    return lines


def _overall(rubric: Rubric, report: Report) -> list[str]:
    score = report.overall
    lines = _header("How the overall score was derived", report)
    lines += _result_line(score)
    lines += _stage_line(rubric, score, capped_text(report, rubric))
    if not rubric.stage_rule.compensatory:
        lines += _wrap(
            f"Stage rule of the rubric: {stage_rule_text(rubric.stage_rule)} (the score "
            "stays the weighted mean; bootstrap support applies the rule in every resample).",
            indent="    ",
            first="  ",
        )
    lines.append("")
    lines.append(
        "  The overall score is the weighted mean of the scorable dimensions (each the weighted"
    )
    lines.append("  mean of its indicators; see --score DIMENSION_ID):")
    width = max(len(d.id) for d in rubric.dimensions) + 2
    lines.append(f"     {'dimension':<{width}}  weight  {'score':>6}  range")
    numerator = denominator = 0.0
    terms = []
    for dim in rubric.dimensions:
        s = report.dimensions[dim.id]
        shown = f"{_g(dim.weight):>6}  {number(s.value):>6}  {span(s.low, s.high)}"
        lines.append(f"     {dim.id:<{width}}  {shown}")
        if s.value is None:
            lines += _wrap(f"not scorable: {s.reason}", indent="         ")
        if s.value is not None:
            numerator += dim.weight * s.value
            denominator += dim.weight
            terms.append(f"{_g(dim.weight)}×{s.value:.2f}")
    if denominator > 0:
        lines += _wrap(
            f"({' + '.join(terms)}) / {_g(denominator)} = "
            + _result_of(numerator, denominator, score),
            indent="       ",
            first="     = ",
        )
    lines.append(
        f"  Scorable when the scorable dimensions carry ≥ "
        f"{report.options.min_dimension_share:.0%} of the dimension weight."
    )
    lines += _reportable_lines(report, score)
    lines.append(
        f"  Coverage: {score.coverage:.1%} of the applicable answers were given; "
        f"{score.n_not_applicable} 'not applicable'."
    )
    lines += _interval_lines(report)
    return lines


def explain_score(
    rubric: Rubric, report: Report, subject: str, *, responses: Responses | None = None
) -> str:
    """How a score of ``report`` was derived, step by step, with the numbers.

    Args:
        subject: ``"overall"``, a dimension id or an indicator id.
        responses: the responses the report was made from; with them the answer counts
            of an indicator are shown and its mean recomputed.

    Raises:
        ScoringError: ``subject`` is not a score of the report; ``responses`` that hold no
            respondent of the report's organization.
        RecommendationError: ``report`` is not one organization's report (e.g. a whole
            :class:`~lomaturity.ReportSet`), or was scored on another rubric (id, version or
            content fingerprint).
    """
    check_report(rubric, report)
    if responses is not None:
        expect(responses, Responses, "responses", RESPONSES + " or None")
        find_organization(
            report.organization,
            responses.organization_ids,
            where="the responses (pass the responses the report was made from)",
        )
    if subject == "overall":
        lines = _overall(rubric, report)
    elif subject in report.dimensions:
        lines = _dimension(rubric, report, subject)
    elif subject in report.indicators:
        lines = _indicator(rubric, report, rubric.indicator(subject), responses)
    else:
        choices = ["overall", *report.dimensions, *report.indicators]
        hint = did_you_mean(subject, choices)
        raise ScoringError(
            f"no score {subject!r}: give 'overall', a dimension id or an indicator id"
            + (f" ({hint})" if hint else "")
            + "; dimensions: "
            + ", ".join(report.dimensions)
        )
    return text_block(lines)


# --------------------------------------------------------------------------- conditions


def _threshold_text(rubric: Rubric, stage: str | None, score: float | None) -> str:
    value = _g(threshold_of(rubric, stage, score))
    return value if stage is None else f"{value} (has not reached stage {stage!r})"


def describe_condition(rubric: Rubric, condition: Condition) -> str:
    """One line in words for a leaf condition; ``all of`` / ``any of`` for combinations."""
    if isinstance(condition, AllOf):
        return "all of:"
    if isinstance(condition, AnyOf):
        return "any of:"
    if isinstance(condition, DimensionBelow):
        return (
            f"dimension {condition.dimension!r} scores below "
            f"{_threshold_text(rubric, condition.stage, condition.score)}"
        )
    if isinstance(condition, IndicatorBelow):
        return (
            f"indicator {condition.indicator!r} scores below "
            f"{_threshold_text(rubric, condition.stage, condition.score)}"
        )
    if isinstance(condition, OverallBelow):
        return (
            "the overall score is below "
            f"{_threshold_text(rubric, condition.stage, condition.score)}"
        )
    if isinstance(condition, DimensionsBelowCount):
        counted = (
            "of " + ", ".join(condition.dimensions)
            if condition.dimensions
            else f"of the {len(rubric.dimensions)} dimensions"
        )
        return (
            f"at least {condition.count} {counted} score below "
            f"{_threshold_text(rubric, condition.stage, condition.score)}"
        )
    if isinstance(condition, PerceptionGapAtLeast):
        what = "dimension" if condition.dimension is not None else "indicator"
        first, second = condition.roles
        return (
            f"{first!r} respondents rate {what} {condition.subject!r} at least "
            f"{_g(condition.min_gap)} points higher than {second!r} respondents"
        )
    if isinstance(condition, LowAgreement):
        return (
            f"agreement on {condition.dimension!r} is low: {condition.index_label} below "
            f"{_g(condition.threshold)}"
        )
    if isinstance(condition, FactCondition):
        unknown = "holds" if condition.if_unknown else "does not hold"
        return (
            f"organization fact {condition.fact!r} {fact_test_text(condition)} "
            f"(when not given: {unknown})"
        )
    return repr(condition)  # pragma: no cover


def _verdict(trigger: Trigger) -> str:
    if trigger.holds is None:
        return "[not evaluable]"
    word = "[holds" if trigger.holds else "[does not hold"
    return word + (", uncertain]" if trigger.uncertain else "]")


def _condition_lines(
    rubric: Rubric, condition: Condition, triggers: Sequence[Trigger], depth: int = 0
) -> tuple[list[str], int]:
    """Lines for a condition tree; consumes the leaf triggers in order."""
    pad = "    " + "  " * depth
    if isinstance(condition, AllOf | AnyOf):
        lines = [pad + describe_condition(rubric, condition)]
        used = 0
        for child in condition.conditions:
            child_lines, n = _condition_lines(rubric, child, triggers[used:], depth + 1)
            lines += child_lines
            used += n
        return lines, used
    trigger = triggers[0]
    lines = _wrap(
        f"{describe_condition(rubric, condition)} {_verdict(trigger)}",
        indent=pad + "    ",
        first=pad + "- ",
    )
    lines += _wrap(trigger.text, indent=pad + "    ")
    return lines, 1


def _check_recommendation(rubric: Rubric, recommendation_id: str) -> Recommendation:
    if recommendation_id not in rubric.recommendation_ids:
        hint = did_you_mean(recommendation_id, rubric.recommendation_ids)
        known = ", ".join(rubric.recommendation_ids) or "none"
        raise RecommendationError(
            f"rubric {rubric.key} has no recommendation {recommendation_id!r}"
            + (f" ({hint})" if hint else "")
            + f"; recommendations: {known}"
        )
    return rubric.recommendation(recommendation_id)


def _status(full: Plan, rec: Recommendation, step: Step | None) -> str:
    if step is not None:
        return f"in the plan: rank {step.rank} of {len(full.steps)}, phase {step.phase}; " + (
            "triggered" + (" (uncertain)" if step.uncertain else "")
            if step.status == "triggered"
            else "included as a prerequisite (its own condition does not hold)"
        )
    unranked = [
        u for u in (*full.deferred, *full.borderline, *full.not_evaluable) if u.id == rec.id
    ]
    if unranked:
        return f"not in the plan: {unranked[0].status.replace('_', ' ')}: {unranked[0].reason}"
    return "not in the plan: its condition does not hold"


def _condition_section(rubric: Rubric, rec: Recommendation, evaluation: Evaluation) -> list[str]:
    lines = ["  Condition (when):"]
    tree, _ = _condition_lines(rubric, rec.when, evaluation.triggers)
    lines += tree
    verdict = {True: "holds", False: "does not hold", None: "is not evaluable"}[evaluation.holds]
    either = "; the confidence ranges allow either verdict (uncertain)"
    lines.append(
        f"    => the condition {verdict} on the estimates"
        + (either if evaluation.uncertain else "")
        + "."
    )
    return [*lines, ""]


def _gain_section(rubric: Rubric, rec: Recommendation, resolved: Targets) -> list[str]:
    lines = [f"  Target: {resolved.profile.describe()}.", "  Gain toward the target:"]
    lines.append("    gain = weighted_gap × impact / effort")
    lines += _wrap(
        "weighted_gap = sum of w_i × gap_i over the addressed indicators i within the target "
        f"horizon (this step helps reach stage {rec.stage!r}, so an indicator counts when "
        "its target lies in that stage or higher); w_i = indicator i's share of the overall "
        "score; gap_i = max(0, target_i − current_i).",
        indent="      ",
        first="    ",
    )
    parts, weighted_gap = contributions(rubric, rec, indicator_shares(rubric), resolved)
    width = max(len("indicator"), *(len(i) for i in rec.addresses))
    stage_width = max(len("target stage"), *(len(p.target_stage or MISSING) for p in parts))
    lines.append(
        f"    {'indicator':<{width}}  {'w_i':>6}  {'current':>7}  {'target':>6}  "
        f"{'target stage':<{stage_width}}  {'gap':>5}  counted  w_i×gap"
    )
    for part in parts:
        lines.append(
            f"    {part.indicator:<{width}}  {part.weight:>6.4f}  {number(part.current):>7}  "
            f"{number(part.target):>6}  {part.target_stage or MISSING!s:<{stage_width}}  "
            f"{number(part.gap):>5}  {'yes' if part.counted else 'no ':<7}  "
            f"{part.weighted_gap:>7.4f}"
        )
    gain = weighted_gap * rec.impact / rec.effort
    lines.append(
        f"    weighted_gap = {weighted_gap:.4f}; gain = {weighted_gap:.4f} × {rec.impact} "
        f"(impact) / {rec.effort} (effort) = {gain:.4f}"
    )
    return [*lines, ""]


def _order_section(rubric: Rubric, rec: Recommendation, step: Step | None) -> list[str]:
    lines = ["  Order:"]
    if step is not None:
        dependents = ", ".join(step.needed_by) or "none"
        lines += _wrap(
            f"priority {step.priority:.4f} = the largest of its own gain (if triggered) and "
            f"the priorities of the plan steps that need it ({dependents}). Steps are placed "
            "one at a time: among those whose prerequisites are already placed, the highest "
            "priority goes first (ties: own gain, then rubric order). So no step comes before "
            "its prerequisites, and a prerequisite of an important step is pulled forward.",
            indent="    ",
            first="    ",
        )
        if step.note:
            lines += _wrap("Note: " + step.note, indent="    ", first="    ")
    prerequisites = ", ".join(rec.requires) or "none"
    dependents_all = [r.id for r in rubric.recommendations if rec.id in r.requires]
    lines += _wrap(f"Prerequisites: {prerequisites}.", indent="      ", first="    ")
    lines += _wrap(
        f"Required by (in the rubric): {', '.join(dependents_all) or 'none'}.",
        indent="      ",
        first="    ",
    )
    return [*lines, ""]


def _content_section(rec: Recommendation) -> list[str]:
    lines = _wrap("What to do: " + rec.action, first="  ", indent="    ")
    lines += _wrap("Why: " + rec.rationale, first="  ", indent="    ")
    if rec.source:
        lines += _wrap("Source: " + rec.source, first="  ", indent="    ")
    lines += _wrap(
        f"Impact {rec.impact} and effort {rec.effort} on 1 (low) .. 3 (high); "
        f"addresses {', '.join(rec.addresses)}.",
        indent="    ",
        first="  ",
    )
    return lines


def explain_recommendation(
    rubric: Rubric,
    report: Report,
    recommendation_id: str,
    *,
    target: TargetSpec = None,
    baseline: Report | None = None,
    evidence: Evidence | None = None,
    facts: FactsSpec = None,
) -> str:
    """Why a recommendation is (or is not) in the plan for ``report``: its condition with
    the evidence, the gain computation with the numbers, and its place in the order.
    ``facts`` as for :func:`~lomaturity.recommend`.

    Raises:
        RecommendationError: unknown recommendation id, bad target, ``report`` not one
            organization's report, evidence of another organization.
    """
    check_report_type(report)
    rec = _check_recommendation(rubric, recommendation_id)
    full = plan(rubric, report, target=target, baseline=baseline, evidence=evidence, facts=facts)
    step = next((s for s in full.steps if s.id == rec.id), None)
    lines = _header(f"Why recommendation {rec.id!r}: {rec.title}", report)
    lines += _wrap("Status: " + _status(full, rec, step), indent="    ", first="  ")
    lines.append("")
    lines += _condition_section(rubric, rec, full.evaluations[rec.id])
    lines += _gain_section(rubric, rec, full.targets)
    lines += _order_section(rubric, rec, step)
    lines += _content_section(rec)
    return text_block(lines)
