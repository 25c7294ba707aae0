"""``lomaturity report``: the report file of each organization (HTML or Markdown, by the
ending of ``--output``), with the change since a previous survey (``--baseline``), the
standing in a norm table (``--norms``) and the ranked next steps (docs/reports.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._assess.compare import compare
from .._assess.norms import benchmark
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._norms.example import example_norms
from .._norms.files import read_norms
from .._present.report import report_format, report_paths, write_report
from .._recommend.recommend import recommend
from .._results.benchmark import Benchmark
from .._results.comparison import Comparison
from .._results.plan import RecommendationResult
from .._results.report import Report
from ..exceptions import LomaturityError
from .inputs import design_arguments, facts_from_args, load, read, responses_from_args
from .options import (
    design_options,
    facts_option,
    iso_date,
    rubric_option,
    scoring_options,
    screen_option,
    source_options,
    survey_export_options,
)
from .output import quoted
from .score import reports_for


def add_report_parser(sub: Any) -> None:
    """The ``report`` subcommand."""
    rep = sub.add_parser(
        "report",
        help="write a report file per organization (HTML or Markdown; docs/reports.md)",
        description="Score the responses and write one self-contained report per "
        "organization: the overall stage and range, the dimensions with their stage "
        "descriptions, the strongest and weakest statements, groups, agreement, reliability "
        "and warnings, the change since --baseline, the standing in --norms and the ranked "
        "next steps; in the rubric's language (--language).",
    )
    source_options(rep)
    rep.add_argument(
        "--output",
        dest="report_file",
        metavar="FILE",
        required=True,
        help="the report file: .html (a self-contained page) or .md (Markdown); with several "
        "organizations one file each, named FILE's stem-organization.html",
    )
    rubric_option(rep)
    survey_export_options(rep)
    rep.add_argument(
        "--organization", default=None, help="only this organization (default: each one)"
    )
    rep.add_argument(
        "--baseline",
        metavar="CSV",
        default=None,
        help="responses of the previous survey: the report shows the change since then",
    )
    norms = rep.add_mutually_exclusive_group()
    norms.add_argument("--norms", metavar="FILE", help="norm table file (.yaml or .json)")
    norms.add_argument(
        "--example-norms",
        action="store_true",
        help="the bundled SYNTHETIC example norm table (for trying it out)",
    )
    rep.add_argument(
        "--target",
        default=None,
        help="target of the next steps: a stage id, a score (0-100) or 'next' (default: "
        "one stage above the current one)",
    )
    facts_option(rep)
    rep.add_argument(
        "--no-charts", dest="charts", action="store_false", help="leave the charts out"
    )
    rep.add_argument(
        "--date", type=iso_date, default=None, help="date shown under the title (YYYY-MM-DD)"
    )
    scoring_options(rep)
    design_options(rep)
    screen_option(rep)


def _comparisons(
    args: argparse.Namespace, rubric: Rubric, responses: Responses, names: list[str]
) -> dict[str, Comparison]:
    """Each organization's change since ``--baseline`` (those present in both files)."""
    if args.baseline is None:
        return {}
    before = read(args, args.baseline, rubric)
    labels = (Path(args.baseline).name, "--example" if args.example else Path(args.responses).name)
    out: dict[str, Comparison] = {}
    for name in names:
        if name not in before.organization_ids:
            continue
        result = compare(
            before,
            responses,
            rubric=rubric,
            organization=name,
            labels=labels,
            confidence=args.confidence,
            n_resamples=args.resamples,
            seed=args.seed,
        )
        assert isinstance(result, Comparison)  # one organization: one comparison
        out[name] = result
    return out


def run_report(args: argparse.Namespace) -> str:
    try:  # a wrong ending fails before any work
        report_format(args.report_file)
    except ValueError as exc:
        raise LomaturityError(str(exc)) from None
    rubric = load(args, args.rubric)
    responses = responses_from_args(args, rubric)
    reports: dict[str, Report] = reports_for(
        args,
        rubric,
        responses,
        details=True,
        min_group_size=args.min_group_size,
        **design_arguments(args),
        screen=args.screen,
    )
    table = None
    if args.norms is not None or args.example_norms:
        table = example_norms(rubric) if args.example_norms else read_norms(args.norms)
    comparisons = _comparisons(args, rubric, responses, list(reports))
    facts = facts_from_args(args, rubric, responses)
    lines = []
    for name, path in report_paths(args.report_file, list(reports)).items():
        report = reports[name]
        standing = None if table is None else benchmark(report, table)
        assert standing is None or isinstance(standing, Benchmark)
        steps: RecommendationResult | None = None
        if rubric.recommendations and report.reportable:
            given = None if facts is None else facts.get(name)
            steps = recommend(rubric, report, target=args.target, facts=given)
        write_report(
            rubric,
            report,
            path,
            baseline=comparisons.get(name),
            norms=standing,
            recommendations=steps if steps is not None else False,
            charts=args.charts,
            date=args.date,
        )
        lines.append(f"wrote {quoted(str(path))[1:-1]} ({quoted(name)})")
    return "\n".join(lines)
