"""``lomaturity recommend`` and ``lomaturity explain``: ranked next steps, and how a score or
a recommendation came about."""

from __future__ import annotations

import argparse
from typing import Any

import attrs

from .._assess.score import score_organizations
from .._format import wrap
from .._hints import find_organization
from .._model.facts import OrganizationFacts
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._present.explain import explain_recommendation, explain_score
from .._recommend.evidence import ATTACHED_PAIR, Evidence, evidence_missing_from, role_pairs
from .._recommend.recommend import recommend
from .._recommend.targets import parse_target
from .._results.plan import RecommendationResult
from .._results.report import Report
from ..exceptions import RecommendationError
from .inputs import facts_from_args, facts_notice, load, read, responses_from_args
from .options import common_options, facts_option
from .outcome import FORMATS, Outcome, Part
from .output import quoted
from .score import reports_for


def add_recommend_parser(sub: Any) -> argparse.ArgumentParser:
    """The ``recommend`` subcommand (its cross-version options are added with
    ``compare``'s by :func:`version_options`)."""
    rec: argparse.ArgumentParser = sub.add_parser(
        "recommend",
        help="recommend next steps: ranked, with evidence and a roadmap",
        description="Score the responses, then rank the rubric's recommendations for each "
        "organization by expected gain toward the target (docs/recommendations.md).",
    )
    common_options(rec)
    rec.add_argument(
        "--target",
        default=None,
        help="target: a stage id, a score (0-100), 'next' (default: one stage above the "
        "current one), or per-dimension/indicator pairs such as "
        "'practice=established,strategy=70,default=next'",
    )
    rec.add_argument(
        "--limit",
        type=int,
        default=None,
        help="show only the first N triggered steps (the prerequisites they need are "
        "shown too, and do not count)",
    )
    rec.add_argument(
        "--baseline",
        default=None,
        help="responses CSV of an earlier assessment, for progress since then",
    )
    facts_option(rec)
    return rec


def add_explain_parser(sub: Any) -> None:
    """The ``explain`` subcommand."""
    explain = sub.add_parser(
        "explain",
        help="explain how a score was derived or why a recommendation applies",
    )
    common_options(explain, formats=tuple(f for f in FORMATS if f != "csv"))
    what = explain.add_mutually_exclusive_group(required=True)
    what.add_argument("--score", metavar="SUBJECT", help="'overall', a dimension or indicator id")
    what.add_argument("--recommendation", metavar="REC_ID", help="a recommendation id")
    explain.add_argument("--target", default=None, help="as for 'recommend'")
    facts_option(explain)


def evidence_reports(
    args: argparse.Namespace,
    rubric: Rubric,
    responses: Responses,
    recommendation: str | None = None,
) -> dict[str, Report]:
    """The reports scored with the evidence the conditions need attached in the same pass:
    agreement (always) and, when a condition compares managers with employees, the
    perception gap (``details``)."""
    pairs = role_pairs(rubric, recommendation)
    attached = any(set(pair) == set(ATTACHED_PAIR) for pair in pairs)
    return reports_for(
        args, rubric, responses, details=attached, min_group_size=args.min_group_size
    )


def evidence_for(
    args: argparse.Namespace,
    rubric: Rubric,
    responses: Responses,
    report: Report,
    recommendation: str | None = None,
) -> Evidence:
    """What the conditions need beyond the evidence scoring attached to ``report``."""
    return evidence_missing_from(
        rubric,
        report,
        responses,
        recommendation=recommendation,
        seed=report.options.seed,
        n_resamples=args.resamples,
        confidence=args.confidence,
        min_group_size=args.min_group_size,
        interval=args.interval,
    )


def _baselines(args: argparse.Namespace, then: Rubric) -> dict[str, Report]:
    """The ``--baseline`` responses scored with their rubric ``then``, by organization
    (none without ``--baseline``)."""
    if args.baseline is None:
        return {}
    earlier = read(args, args.baseline, then)
    return dict(
        score_organizations(
            then,
            earlier,
            confidence=args.confidence,
            n_resamples=args.resamples,
            seed=args.seed,
            interval=args.interval,
        ).reports
    )


def _with_notices(
    args: argparse.Namespace,
    result: RecommendationResult,
    facts: dict[str, OrganizationFacts] | None,
    baseline: Report | None,
) -> RecommendationResult:
    """``result`` with the command line's own notices: an organization the ``--facts``
    file or the ``--baseline`` responses do not hold."""
    organization = result.organization
    extra: list[Notice] = facts_notice(facts, organization)
    if args.baseline is not None and baseline is None:
        extra.append(
            Notice(
                "no_baseline",
                f"the baseline responses hold no organization {quoted(organization)}; "
                "progress is not shown",
            )
        )
    return attrs.evolve(result, notices=(*result.notices, *extra)) if extra else result


def run_recommend(args: argparse.Namespace) -> Outcome:
    """``lomaturity recommend``: each organization's ranked next steps."""
    rubric = load(args, args.rubric)
    if not rubric.recommendations:
        raise RecommendationError(f"rubric {rubric.key} has no recommendations")
    target = None if args.target is None else parse_target(args.target, rubric)
    responses = responses_from_args(args, rubric)
    reports = evidence_reports(args, rubric, responses)
    then = rubric if args.baseline_rubric is None else load(args, args.baseline_rubric)
    baselines = _baselines(args, then)
    facts = facts_from_args(args, rubric, responses)
    results = []
    for organization, report in reports.items():
        result = recommend(
            rubric,
            report,
            target=target,
            limit=args.limit,
            baseline=baselines.get(organization),
            evidence=evidence_for(args, rubric, responses, report),
            baseline_rubric=then,
            migrations=args.migration,
            facts=None if facts is None else facts.get(organization),
        )
        results.append(_with_notices(args, result, facts, baselines.get(organization)))
    data: dict[str, Any] = (
        results[0].to_dict()
        if len(results) == 1
        else {"organizations": {r.organization: r.to_dict() for r in results}}
    )
    parts = [Part(r.organization, r.to_records(), r.notices, r.summary(rubric)) for r in results]
    return Outcome(
        title=f"{rubric.title}: next steps",
        text="\n\n".join(part.text for part in parts),
        data=data,
        table="steps",
        parts=parts,
        language=rubric.language,
    )


def run_explain(args: argparse.Namespace) -> Outcome:
    """``lomaturity explain``: how a score came about, or why a recommendation applies."""
    rubric = load(args, args.rubric)
    responses = responses_from_args(args, rubric)
    args.organization = find_organization(
        args.organization,
        responses.organization_ids,
        where="the responses",
        option="--organization",
    )
    if args.score is not None:
        reports = reports_for(args, rubric, responses)
    else:
        reports = evidence_reports(args, rubric, responses, args.recommendation)
    organization, report = next(iter(reports.items()))
    if args.score is not None:
        text = explain_score(rubric, report, args.score, responses=responses)
        subject = {"score": args.score}
    else:
        target = None if args.target is None else parse_target(args.target, rubric)
        facts = facts_from_args(args, rubric, responses)
        text = explain_recommendation(
            rubric,
            report,
            args.recommendation,
            target=target,
            evidence=evidence_for(args, rubric, responses, report, args.recommendation),
            facts=None if facts is None else facts.get(organization),
        )
        for notice in facts_notice(facts, organization):
            text += "\n\n" + "\n".join(wrap(f"Note: {notice.message}.", "    ", first="  "))
        subject = {"recommendation": args.recommendation}
    return Outcome(
        title=f"{rubric.title}: explanation",
        text=text,
        data={"organization": organization, **subject, "explanation": text.splitlines()},
        table=None,
        parts=[Part(organization, (), (), text)],
        language=rubric.language,
    )
