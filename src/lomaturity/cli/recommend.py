"""``lomaturity recommend`` and ``lomaturity explain``: ranked next steps, and how a score or
a recommendation came about."""

from __future__ import annotations

import argparse
import json
from typing import Any

import attrs

from .._assess.score import score_organizations
from .._format import wrap
from .._hints import find_organization
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._present.explain import explain_recommendation, explain_score
from .._present.text import render_recommendations
from .._recommend.evidence import ATTACHED_PAIR, Evidence, evidence_missing_from, role_pairs
from .._recommend.recommend import recommend
from .._recommend.targets import parse_target
from .._results.report import Report
from .._results.tables import (
    STEP_COLUMNS,
    concatenated,
    csv_text,
)
from ..exceptions import RecommendationError
from .inputs import facts_from_args, facts_notice, load, read, responses_from_args
from .options import RESULT_FORMATS, common_options, facts_option
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
    common_options(rec, formats=RESULT_FORMATS)
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
    common_options(explain)
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


def run_recommend(args: argparse.Namespace) -> str:
    rubric = load(args, args.rubric)
    if not rubric.recommendations:
        raise RecommendationError(f"rubric {rubric.key} has no recommendations")
    target = None if args.target is None else parse_target(args.target, rubric)
    responses = responses_from_args(args, rubric)
    reports = evidence_reports(args, rubric, responses)
    baselines: dict[str, Report] = {}
    then = rubric if args.baseline_rubric is None else load(args, args.baseline_rubric)
    if args.baseline is not None:
        earlier = read(args.baseline, then)
        baselines = dict(
            score_organizations(
                then,
                earlier,
                confidence=args.confidence,
                n_resamples=args.resamples,
                seed=args.seed,
                interval=args.interval,
            ).reports
        )
    facts = facts_from_args(args, rubric, responses)
    results = []
    for organization, report in reports.items():
        baseline = baselines.get(organization)
        result = recommend(
            rubric,
            report,
            target=target,
            limit=args.limit,
            baseline=baseline,
            evidence=evidence_for(args, rubric, responses, report),
            baseline_rubric=then,
            migrations=args.migration,
            facts=None if facts is None else facts.get(organization),
        )
        extra: list[Notice] = facts_notice(facts, organization)
        if args.baseline is not None and baseline is None:
            extra.append(
                Notice(
                    "no_baseline",
                    f"the baseline responses hold no organization {quoted(organization)}; "
                    "progress is not shown",
                )
            )
        if extra:
            result = attrs.evolve(result, notices=(*result.notices, *extra))
        results.append(result)
    if args.format == "json":
        out: dict[str, Any] = (
            results[0].to_dict()
            if len(results) == 1
            else {"organizations": {r.organization: r.to_dict() for r in results}}
        )
        return json.dumps(out, indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(concatenated(results), STEP_COLUMNS).rstrip("\n")
    return "\n\n".join(render_recommendations(r, rubric) for r in results)


def run_explain(args: argparse.Namespace) -> str:
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
    if args.format == "json":
        return json.dumps(
            {"organization": organization, **subject, "explanation": text.splitlines()},
            indent=2,
            ensure_ascii=False,
        )
    return text
