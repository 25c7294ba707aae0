"""``lomaturity score``: reports of every organization (or one)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._assess.score import score, score_organizations
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._present.text import render_details, render_report
from .._results.report import Report, ReportSet
from .._results.tables import (
    SCORE_COLUMNS,
    concatenated,
    csv_text,
)
from .inputs import design_arguments, load, responses_from_args
from .options import RESULT_FORMATS, common_options, design_options, screen_option


def add_score_parser(sub: Any) -> None:
    """The ``score`` subcommand."""
    parser = sub.add_parser("score", help="score survey responses (wide CSV)")
    common_options(parser, formats=RESULT_FORMATS)
    parser.add_argument(
        "--details",
        action="store_true",
        help="also show agreement, reliability, the manager/employee gap and team scores",
    )
    parser.add_argument(
        "--no-agreement",
        dest="agreement",
        action="store_false",
        help="skip the within-organization agreement (rwg) checks",
    )
    parser.add_argument(
        "--null",
        choices=("uniform", "slight_skew", "moderate_skew", "heavy_skew", "triangular"),
        default="uniform",
        help="null distribution of rwg (default uniform)",
    )
    design_options(parser)
    screen_option(parser)


def run_score(args: argparse.Namespace) -> str:
    rubric = load(args, args.rubric)
    responses = responses_from_args(args, rubric)
    reports = reports_for(
        args,
        rubric,
        responses,
        agreement=args.agreement,
        details=args.details,
        null=args.null,
        min_group_size=args.min_group_size,
        **design_arguments(args),
        screen=args.screen,
    )
    if args.format == "json":
        data = (
            next(iter(reports.values())).to_dict()
            if len(reports) == 1
            else ReportSet(reports).to_dict()  # the panel's ICC block once
        )
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(concatenated(reports.values()), SCORE_COLUMNS).rstrip("\n")
    parts = []
    for report in reports.values():
        text = render_report(report, rubric)
        if args.details:
            text += "\n\n" + render_details(report, rubric)
        parts.append(text)
    return "\n\n".join(parts)


def reports_for(
    args: argparse.Namespace, rubric: Rubric, responses: Responses, **options: Any
) -> dict[str, Report]:
    """Every organization's report, or the one ``--organization`` names (agreement still
    compares it with all of them: ICC needs the panel)."""
    common: dict[str, Any] = {
        "confidence": args.confidence,
        "n_resamples": args.resamples,
        "seed": args.seed,
        "interval": args.interval,
        "min_reporting_size": args.min_reporting_size,
        "allow_small": args.allow_small,
        **options,
    }
    if args.organization is None:
        return dict(score_organizations(rubric, responses, **common).reports)
    report = score(rubric, responses, organization=args.organization, **common)
    return {report.organization: report}
