"""Judging a recommendation's condition against a report and its evidence.

Conditions are judged on the point estimates; a confidence range that straddles a
threshold makes the verdict *uncertain*. Per-role and agreement conditions read the
report's attached ``perception_gap`` / ``agreement`` and any :class:`Evidence` given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from .._format import number, printable, span
from .._hints import find_organization
from .._model.conditions import (
    INDEX_LABEL,
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
)
from .._model.facts import FactValue, OrganizationFacts
from .._model.rubric import Rubric
from .._results.agreement import AgreementResult
from .._results.common import Score
from .._results.plan import (
    Trigger,
)
from .._results.report import Report
from .._rubrics.fields import is_number
from ..exceptions import RecommendationError, UnknownOrganizationError
from .evidence import Evidence
from .targets import score_of


@frozen
class Evaluation:
    """A condition's verdict: ``holds`` on the point estimates (``None`` = not evaluable),
    whether the confidence ranges allow it to be true / false, and the leaf evidence."""

    holds: bool | None
    can_hold: bool
    can_fail: bool
    triggers: tuple[Trigger, ...]

    @property
    def uncertain(self) -> bool:
        """The ranges allow both verdicts."""
        return self.holds is not None and self.can_hold and self.can_fail


def threshold_of(rubric: Rubric, stage: str | None, score: float | None) -> float:
    """The threshold of a "below" condition: the lower bound of ``stage``, or ``score``."""
    if stage is not None:
        return rubric.stage(stage).lower
    assert score is not None
    return float(score)


def _threshold(rubric: Rubric, stage: str | None, score: float | None) -> tuple[float, str]:
    """The threshold and its label in trigger texts."""
    value = threshold_of(rubric, stage, score)
    return value, f"{value:g}" + ("" if stage is None else f" (stage {stage!r})")


def _scored(score: Score) -> str:
    """A score's value and, when it has one, its range: ``54.2 [50.1, 58.3]``."""
    shown = number(score.value)
    return (
        shown
        if score.low is None or score.high is None
        else f"{shown} {span(score.low, score.high)}"
    )


def _below(
    kind: str, subject: str, score: Score, threshold: float, label: str, name: str
) -> Evaluation:
    value = score.value
    if value is None:
        reason = f"{name} is not scorable: {score.reason or 'no score'}"
        trigger = Trigger(kind, subject, None, False, reason, threshold=threshold, reason=reason)
        return Evaluation(None, True, True, (trigger,))
    low = value if score.low is None else score.low
    high = value if score.high is None else score.high
    holds = value < threshold
    can_hold, can_fail = low < threshold, high >= threshold
    text = f"{name} {_scored(score)} {'<' if holds else '≥'} {label}"
    if can_hold and can_fail:
        text += f" — uncertain: the range straddles {threshold:g}"
    trigger = Trigger(
        kind, subject, holds, can_hold and can_fail, text, value, low, high, threshold
    )
    return Evaluation(holds, can_hold, can_fail, (trigger,))


@frozen
class _Tally:
    """How many dimensions are below a threshold: on the estimates (``below``), surely
    (``certain``: the whole range below), possibly (``possible``: the range reaches
    below), and not scorable (``unknown``); ``straddling``: ranges that reach the
    threshold."""

    below: tuple[tuple[str, Score], ...]
    straddling: tuple[tuple[str, Score], ...]
    certain: int
    possible: int
    unknown: int


def _tally(report: Report, ids: Sequence[str], threshold: float) -> _Tally:
    below: list[tuple[str, Score]] = []
    straddling: list[tuple[str, Score]] = []
    certain = possible = unknown = 0
    for dim_id in ids:
        s = score_of(report.dimensions, dim_id)
        if s.value is None:
            unknown += 1
            continue
        low = s.value if s.low is None else s.low
        high = s.value if s.high is None else s.high
        if s.value < threshold:
            below.append((dim_id, s))
        if low < threshold <= high:
            straddling.append((dim_id, s))
        certain += high < threshold
        possible += low < threshold
    return _Tally(tuple(below), tuple(straddling), certain, possible, unknown)


def _count(rubric: Rubric, report: Report, condition: DimensionsBelowCount) -> Evaluation:
    threshold, label = _threshold(rubric, condition.stage, condition.score)
    ids = condition.dimensions or tuple(d.id for d in rubric.dimensions)
    t = _tally(report, ids, threshold)
    k, n = condition.count, len(t.below)
    holds = True if n >= k else None if n + t.unknown >= k else False
    can_hold, can_fail = t.possible + t.unknown >= k, t.certain < k
    uncertain = holds is not None and can_hold and can_fail
    reason = None
    if holds is None:
        reason = f"{t.unknown} dimension(s) not scorable; they could decide the count"
    trigger = Trigger(
        condition.kind,
        ",".join(ids),
        holds,
        uncertain,
        _count_text(rubric, t, len(ids), label, k, holds, threshold, reason, uncertain=uncertain),
        float(n),
        float(t.certain),
        float(t.possible + t.unknown),
        float(k),
        reason,
    )
    return Evaluation(holds, can_hold, can_fail, (trigger,))


def _named(rubric: Rubric, dim_id: str, score: Score) -> str:
    """A counted dimension in words: ``strategy 16.0 [10.2, 22.1] (Ad hoc)``."""
    if score.value is None:
        return f"{dim_id} {_scored(score)}"
    return f"{dim_id} {_scored(score)} ({rubric.stage_for(score.value).name})"


def _count_text(
    rubric: Rubric,
    t: _Tally,
    n_ids: int,
    label: str,
    k: int,
    holds: bool | None,
    threshold: float,
    reason: str | None,
    *,
    uncertain: bool,
) -> str:
    verdict = "holds" if holds else "does not hold" if holds is False else "undecided"
    listed = "; ".join(_named(rubric, i, s) for i, s in t.below) or "none"
    text = f"{len(t.below)} of {n_ids} dimensions below {label}, need ≥ {k} ({verdict}): {listed}"
    if uncertain:
        text += f" — uncertain: given the ranges between {t.certain} and {t.possible} are below"
        if t.straddling:
            reaching = "; ".join(_named(rubric, i, s) for i, s in t.straddling)
            text += f"; ranges reaching {threshold:g}: {reaching}"
    if reason is not None:
        text += f"; {reason}"
    return text


def _comparisons(evidence: Evidence | None, report: Report) -> tuple[list[Any], list[str]]:
    """The group comparisons of the report's organization, and the organizations of the
    comparisons that were skipped because they are of another organization."""
    found: list[Any] = []
    others: list[str] = []
    sources: list[Any] = [] if evidence is None else list(evidence.perception_gaps)
    sources.append(report.perception_gap)
    candidates: list[Any] = []
    for source in sources:
        if source is None:
            continue
        if hasattr(source, "groups") and hasattr(source, "dimensions"):
            candidates.append(source)
        elif isinstance(source, Mapping) and report.organization in source:
            candidates.append(source[report.organization])
        elif isinstance(source, list | tuple):
            candidates.extend(s for s in source if hasattr(s, "groups"))
    for comparison in candidates:
        org = getattr(comparison, "organization", None)
        if isinstance(org, str) and org != report.organization:
            if org not in others:
                others.append(org)
            continue
        found.append(comparison)
    return found, others


def _gap_missing(condition: PerceptionGapAtLeast, reason: str) -> Evaluation:
    first, second = condition.roles
    text = f"{condition.subject}: gap {first} − {second} not evaluable: {reason}"
    trigger = Trigger(
        condition.kind,
        condition.subject,
        None,
        False,
        text,
        threshold=condition.min_gap,
        reason=reason,
    )
    return Evaluation(None, True, True, (trigger,))


def _role_comparison(
    condition: PerceptionGapAtLeast, report: Report, evidence: Evidence | None
) -> tuple[Any, float] | str:
    """The comparison of the condition's two roles and ``+1`` / ``-1`` for their order
    in it, or why there is none."""
    first, second = condition.roles
    comparisons, others = _comparisons(evidence, report)
    for comparison in comparisons:
        column = getattr(comparison, "column", "role")
        groups = tuple(getattr(comparison, "groups", ()))
        if column == "role" and set(groups) == {first, second}:
            return comparison, 1.0 if groups[0] == first else -1.0
    if evidence is not None:
        for key in (f"role:{first}/{second}", f"role:{second}/{first}"):
            if key in evidence.unavailable:
                return evidence.unavailable[key]
    if others:
        return (
            "the per-role results given are of organization "
            + " / ".join(repr(o) for o in others)
            + f", not {report.organization!r}"
        )
    return (
        f"no per-role results for roles {first!r} and {second!r}; pass "
        "evidence=Evidence.from_responses(rubric, responses, organization) (the command "
        "line does this) or score with details=True, which attaches the manager/employee "
        "gap as report.perception_gap"
    )


def _perception(
    condition: PerceptionGapAtLeast, report: Report, evidence: Evidence | None
) -> Evaluation:
    first, second = condition.roles
    subject = condition.subject
    kind = condition.kind
    found = _role_comparison(condition, report, evidence)
    if isinstance(found, str):
        return _gap_missing(condition, found)
    match, sign = found
    if getattr(match, "suppressed", False):
        reason = str(getattr(match, "reason", None) or "the comparison is suppressed")
        return _gap_missing(condition, reason)
    table = match.dimensions if condition.dimension is not None else match.indicators
    gap = table.get(subject) if isinstance(table, Mapping) else None
    if gap is None or gap.difference is None:
        return _gap_missing(
            condition, str(getattr(gap, "reason", None) or f"no gap for {subject!r}")
        )
    d = sign * gap.difference
    low_raw = d if gap.low is None else gap.low
    high_raw = d if gap.high is None else gap.high
    low, high = (low_raw, high_raw) if sign > 0 else (-high_raw, -low_raw)
    a, b = (gap.first, gap.second) if sign > 0 else (gap.second, gap.first)
    threshold = condition.min_gap
    holds = d >= threshold
    can_hold, can_fail = high >= threshold, low < threshold
    text = (
        f"{subject}: {first} {number(a)} vs {second} {number(b)}: gap {d:.1f} {span(low, high)} "
        f"{'≥' if holds else '<'} {threshold:g}"
    )
    if can_hold and can_fail:
        text += f" — uncertain: the range straddles {threshold:g}"
    trigger = Trigger(kind, subject, holds, can_hold and can_fail, text, d, low, high, threshold)
    return Evaluation(holds, can_hold, can_fail, (trigger,))


_INDEX_FIELD = {"rwg_j": "value", "rwg_star_j": "rwg_star"}
"""Where each condition index sits in an agreement entry (``Rwg`` or its ``to_dict()``)."""


def _rwg_entry(entry: Any, index: str) -> tuple[float | None, str | None]:
    """(value, reason) of the condition index ``index`` in one dimension's entry; a plain
    number is taken as that index."""
    if is_number(entry):
        return float(entry), None
    name = _INDEX_FIELD[index]
    missing = object()
    value: Any
    reason: Any
    if isinstance(entry, Mapping):
        value = entry.get(name, missing)
        reason = entry.get("reason")
    else:
        value = getattr(entry, name, missing)
        reason = getattr(entry, "reason", None)
    if value is missing:  # an undefined entry's reason, else: this index is not given
        why = f"the agreement results given have no {INDEX_LABEL[index]} ({name!r})"
        return None, why if reason is None else str(reason)
    return (float(value) if is_number(value) else None), (None if reason is None else str(reason))


def _other_organization(given: str, wanted: str) -> str:
    return f"the agreement results given are of organization {given!r}, not {wanted!r}"


def _agreement_lookup(
    source: Any, organization: str, dimension: str, index: str
) -> tuple[bool, float | None, str | None]:
    """(found, rwg(j), reason) for one dimension from any of the accepted shapes.

    Accepted: an organization's agreement (``dimensions`` mapping of objects with a
    ``value``; one of another organization is skipped), a mapping organization -> such
    (e.g. a whole :class:`~lomaturity.results.AgreementResult`), a mapping dimension id ->
    ``rwg(j)`` (a number, or a mapping or object with ``value``), or the ``to_dict()`` of
    an organization's agreement. When nothing is found, ``reason`` may say why.
    """
    if source is None:
        return False, None, None
    if isinstance(source, Mapping) and organization in source:
        inner = source[organization]
        if not is_number(inner) and inner is not None:
            return _agreement_lookup(inner, organization, dimension, index)
    if isinstance(source, AgreementResult):
        try:
            find_organization(organization, list(source), where="the agreement results")
        except UnknownOrganizationError as exc:
            return False, None, str(exc)
        return False, None, None  # pragma: no cover - found above when it is there
    table = getattr(source, "dimensions", None)
    if isinstance(table, Mapping):
        org = getattr(source, "organization", organization)
        if isinstance(org, str) and org != organization:
            return False, None, _other_organization(org, organization)
        if dimension not in table:
            return False, None, None
        return (True, *_rwg_entry(table[dimension], index))
    if isinstance(source, Mapping):
        org = source.get("organization")
        if isinstance(org, str) and org != organization:
            return False, None, _other_organization(org, organization)
        if isinstance(source.get("rwg_j"), Mapping):
            return _agreement_lookup(source["rwg_j"], organization, dimension, index)
        if dimension in source:
            return (True, *_rwg_entry(source[dimension], index))
    return False, None, None


def _agreement(condition: LowAgreement, report: Report, evidence: Evidence | None) -> Evaluation:
    dim = condition.dimension
    kind = condition.kind
    sources: list[Any] = [] if evidence is None else [evidence.agreement]
    sources.append(report.agreement)
    value: float | None = None
    undefined: str | None = None  # the first source that has the dimension but no value
    skipped: str | None = None  # why a source did not apply (e.g. another organization)
    found_any = False
    for source in sources:
        found, candidate, reason = _agreement_lookup(
            source, report.organization, dim, condition.index_read
        )
        if found and candidate is not None:
            value = candidate
            break
        if found:
            found_any = True
            if undefined is None:
                undefined = reason or "no value"
        elif reason is not None and skipped is None:
            skipped = reason
    if value is None:
        if found_any:
            reason = f"{condition.index_label} of {dim!r} is undefined: {undefined}"
        elif evidence is not None and "agreement" in evidence.unavailable:
            reason = evidence.unavailable["agreement"]
        elif skipped is not None:
            reason = skipped
        else:
            reason = (
                "no agreement results; pass evidence=Evidence.from_responses(rubric, "
                "responses, organization) (the command line does this) or score with "
                "agreement=True (the default), which attaches it as report.agreement"
            )
        text = f"{dim}: agreement not evaluable: {reason}"
        trigger = Trigger(
            kind, dim, None, False, text, threshold=condition.threshold, reason=reason
        )
        return Evaluation(None, True, True, (trigger,))
    holds = value < condition.threshold
    label = condition.index_label
    text = f"{dim}: {label} {value:.2f} {'<' if holds else '≥'} {condition.threshold:g}"
    trigger = Trigger(kind, dim, holds, False, text, value, value, value, condition.threshold)
    return Evaluation(holds, holds, not holds, (trigger,))


def _combined(condition: AllOf | AnyOf, parts: list[Evaluation]) -> Evaluation:
    """``all_of`` / ``any_of`` over evaluated parts (three-valued: ``None`` = not evaluable)."""
    verdicts = [p.holds for p in parts]
    triggers = tuple(t for p in parts for t in p.triggers)
    if isinstance(condition, AllOf):
        holds = False if False in verdicts else None if None in verdicts else True
        return Evaluation(
            holds, all(p.can_hold for p in parts), any(p.can_fail for p in parts), triggers
        )
    holds = True if True in verdicts else None if None in verdicts else False
    return Evaluation(
        holds, any(p.can_hold for p in parts), all(p.can_fail for p in parts), triggers
    )


def _below_condition(
    rubric: Rubric, report: Report, condition: DimensionBelow | IndicatorBelow | OverallBelow
) -> Evaluation:
    threshold, label = _threshold(rubric, condition.stage, condition.score)
    if isinstance(condition, DimensionBelow):
        subject, score = condition.dimension, score_of(report.dimensions, condition.dimension)
    elif isinstance(condition, IndicatorBelow):
        subject, score = condition.indicator, score_of(report.indicators, condition.indicator)
    else:
        subject, score = "overall", report.overall
    return _below(condition.kind, subject, score, threshold, label, subject)


def _shown(value: FactValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return printable(repr(value)) if isinstance(value, str) else f"{value:g}"


def fact_test_text(condition: FactCondition) -> str:
    """A fact condition's test in words: ``in 'part_time', 'dedicated'``, ``≥ 50``."""
    if condition.equals is not None:
        return "equals " + _shown(condition.equals)
    if condition.one_of is not None:
        return "in " + ", ".join(_shown(v) for v in condition.one_of)
    parts = [] if condition.at_least is None else [f"≥ {condition.at_least:g}"]
    return " and ".join([*parts, *([] if condition.below is None else [f"< {condition.below:g}"])])


def _fact(rubric: Rubric, condition: FactCondition, facts: OrganizationFacts | None) -> Evaluation:
    """A ``fact`` condition on the organization's given facts (``if_unknown`` when the
    value was not given)."""
    name = condition.fact
    question = next((f.question for f in rubric.facts if f.id == name), None)
    about = f"fact {name!r}" + ("" if not question else f" ({printable(question.strip())})")
    value = None if facts is None else facts.get(name)
    test = fact_test_text(condition)
    if value is None:
        holds = condition.if_unknown
        text = (
            f"{about} was not given; taken as {'holding' if holds else 'not holding'} "
            f"(if_unknown: {'true' if holds else 'false'}). Give it with "
            f"facts={{{name!r}: ...}} or a --facts file (docs/recommendations.md)"
        )
        trigger = Trigger(condition.kind, name, holds, False, text)
        return Evaluation(holds, holds, not holds, (trigger,))
    holds = condition.test(value)
    text = f"{about} is {_shown(value)}: {'passes' if holds else 'fails'} the test {test}"
    numeric = not isinstance(value, bool | str)
    trigger = Trigger(condition.kind, name, holds, False, text, float(value) if numeric else None)
    return Evaluation(holds, holds, not holds, (trigger,))


def evaluate(
    rubric: Rubric,
    report: Report,
    condition: Condition,
    evidence: Evidence | None = None,
    facts: OrganizationFacts | None = None,
) -> Evaluation:
    """Evaluate a condition against a report (and optional extra evidence, and the
    organization's facts, already checked against the rubric)."""
    if isinstance(condition, AllOf | AnyOf):
        parts = [evaluate(rubric, report, c, evidence, facts) for c in condition.conditions]
        return _combined(condition, parts)
    if isinstance(condition, FactCondition):
        return _fact(rubric, condition, facts)
    if isinstance(condition, DimensionBelow | IndicatorBelow | OverallBelow):
        return _below_condition(rubric, report, condition)
    if isinstance(condition, DimensionsBelowCount):
        return _count(rubric, report, condition)
    if isinstance(condition, PerceptionGapAtLeast):
        return _perception(condition, report, evidence)
    if isinstance(condition, LowAgreement):
        return _agreement(condition, report, evidence)
    raise RecommendationError(f"unknown condition {condition!r}")
