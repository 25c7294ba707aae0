"""The ``lomaturity`` command line: validate rubrics, score survey responses, recommend
next steps and explain how a score or a recommendation came about.

Exit codes: 0 success, 2 bad input (the message goes to standard error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import attrs

from ._assess.panel import score_panel
from ._assess.score import score, score_organizations
from ._format import wrap
from ._hints import find_organization
from ._model.notice import Notice
from ._model.responses import Responses
from ._model.rubric import Rubric
from ._present.explain import explain_recommendation, explain_score
from ._present.text import render_details, render_recommendations, render_report
from ._recommend.evidence import ATTACHED_PAIR, Evidence, evidence_missing_from, role_pairs
from ._recommend.recommend import recommend
from ._recommend.targets import parse_target
from ._results.panel import PanelResult
from ._results.report import Report
from ._results.tables import (
    SCORE_COLUMNS,
    STEP_COLUMNS,
    concatenated,
    csv_text,
    write_text_atomic,
)
from ._rubrics.parse import read_rubric_file
from ._rubrics.registry import DEFAULT_RUBRIC, available_rubrics, load_rubric
from ._survey.csvfile import read_responses
from ._survey.example import example_responses
from ._survey.stream import DEFAULT_CHUNK_ORGANIZATIONS
from .exceptions import LomaturityError, RecommendationError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lomaturity",
        description="Measure learning-organization maturity from survey responses.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check a rubric YAML file")
    validate.add_argument("rubric", help="path to a rubric YAML file")

    sub.add_parser("rubrics", help="list the bundled rubrics")

    score = sub.add_parser("score", help="score survey responses (wide CSV)")
    _common(score, formats=RESULT_FORMATS)
    score.add_argument(
        "--details",
        action="store_true",
        help="also show agreement, reliability, the manager/employee gap and team scores",
    )
    score.add_argument(
        "--no-agreement",
        dest="agreement",
        action="store_false",
        help="skip the within-organization agreement (rwg) checks",
    )
    score.add_argument(
        "--null",
        choices=("uniform", "slight_skew", "moderate_skew", "heavy_skew", "triangular"),
        default="uniform",
        help="null distribution of rwg (default uniform)",
    )

    rec = sub.add_parser(
        "recommend",
        help="recommend next steps: ranked, with evidence and a roadmap",
        description="Score the responses, then rank the rubric's recommendations for each "
        "organization by expected gain toward the target (docs/recommendations.md).",
    )
    _common(rec, formats=RESULT_FORMATS)
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

    explain = sub.add_parser(
        "explain",
        help="explain how a score was derived or why a recommendation applies",
    )
    _common(explain)
    what = explain.add_mutually_exclusive_group(required=True)
    what.add_argument("--score", metavar="SUBJECT", help="'overall', a dimension or indicator id")
    what.add_argument("--recommendation", metavar="REC_ID", help="a recommendation id")
    explain.add_argument("--target", default=None, help="as for 'recommend'")
    _panel_parser(sub)
    return parser


def _panel_parser(sub: Any) -> None:
    """The ``panel`` command: a large panel scored chunk by chunk, file to file."""
    panel = sub.add_parser(
        "panel",
        help="score a large panel file to a scores file, chunk by chunk (docs/panels.md)",
        description="Score every organization of a responses file (CSV, or Parquet with "
        "the parquet extra) whose rows of each organization are contiguous, writing the "
        "scores table (docs/tables.md) to --output chunk by chunk; memory is bounded by "
        "the chunk. Prints a summary with the panel's ICC and notices.",
    )
    panel.add_argument("responses", help="responses file (.csv, or .parquet / .pq)")
    panel.add_argument(
        "--output",
        dest="panel_output",
        metavar="FILE",
        required=True,
        help="scores file to write (.parquet / .pq: Parquet, else CSV), whole or not at all",
    )
    panel.add_argument(
        "--rubric", default=DEFAULT_RUBRIC, help="bundled rubric id[@version] or YAML path"
    )
    panel.add_argument("--seed", type=int, default=None, help="seed for reproducible ranges")
    panel.add_argument("--confidence", type=float, default=0.95)
    panel.add_argument("--resamples", type=int, default=2000)
    panel.add_argument(
        "--interval", choices=("percentile", "bca", "expanded"), default="percentile"
    )
    panel.add_argument(
        "--chunk-organizations",
        type=_positive_int,
        default=DEFAULT_CHUNK_ORGANIZATIONS,
        metavar="N",
        help=f"organizations per chunk (default {DEFAULT_CHUNK_ORGANIZATIONS})",
    )
    panel.add_argument(
        "--no-agreement",
        dest="agreement",
        action="store_false",
        help="skip rwg and the panel ICC",
    )


def _panel_progress(organizations: int, respondents: int) -> None:
    print(
        f"\rlomaturity panel: {organizations:,} organizations, {respondents:,} respondents",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _panel(args: argparse.Namespace) -> str:
    rubric = load_rubric(args.rubric)
    tty = sys.stderr.isatty()
    try:
        result = score_panel(
            rubric,
            args.responses,
            output=args.panel_output,
            seed=args.seed,
            confidence=args.confidence,
            n_resamples=args.resamples,
            interval=args.interval,
            agreement=args.agreement,
            chunk_organizations=args.chunk_organizations,
            progress=_panel_progress if tty else None,
        )
    except ImportError as exc:  # pyarrow missing for a Parquet file
        raise LomaturityError(str(exc)) from None
    finally:
        if tty:
            print(file=sys.stderr)
    return _panel_summary(result)


def _panel_summary(result: PanelResult) -> str:
    lines = [
        f"scored {result.n_organizations:,} organizations ({result.n_respondents:,} "
        f"respondents, seed {result.options.seed}) into {result.n_rows:,} rows of "
        f"{result.output}"
    ]
    for dim, icc in result.icc.items():
        values = "undefined" if icc.icc2 is None else f"{icc.icc1:.3f} / {icc.icc2:.3f}"
        lines.append(f"  ICC(1) / ICC(2) {dim}: {values}")
    lines += [f"  {n.code}: {n.message}" for n in result.notices]
    return "\n".join(line for text in lines for line in wrap(text, "    ", first=""))


RESULT_FORMATS = ("text", "json", "csv")
"""Output formats of the commands that produce results (csv: the tidy table,
docs/tables.md)."""


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("responses", nargs="?", help="responses CSV file")
    source.add_argument(
        "--example", action="store_true", help="use the bundled example organizations"
    )
    parser.add_argument(
        "--rubric", default=DEFAULT_RUBRIC, help="bundled rubric id[@version] or YAML path"
    )
    parser.add_argument(
        "--organization", default=None, help="only this organization (default: all)"
    )
    parser.add_argument(
        "--format",
        choices=formats,
        default="text",
        help="output format"
        + (" (csv: the tidy table of docs/tables.md)" if "csv" in formats else ""),
    )
    if "csv" in formats:
        parser.add_argument(
            "--output",
            metavar="FILE",
            default=None,
            help="write the output to FILE (whole or not at all) instead of standard output",
        )
    parser.add_argument("--seed", type=int, default=None, help="seed for reproducible ranges")
    parser.add_argument("--confidence", type=float, default=0.95)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument(
        "--interval",
        choices=("percentile", "bca", "expanded"),
        default="percentile",
        help="kind of confidence range (expanded: better below 20 respondents)",
    )
    parser.add_argument(
        "--min-group-size",
        type=_positive_int,
        default=5,
        help="smallest group shown (team scores) or compared (perception gap); default 5",
    )


def _positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not an integer >= 1")
    return value


def _score(args: argparse.Namespace) -> str:
    rubric = load_rubric(args.rubric)
    responses = _responses(args, rubric)
    reports = _reports(
        args,
        rubric,
        responses,
        agreement=args.agreement,
        details=args.details,
        null=args.null,
        min_group_size=args.min_group_size,
    )
    if args.format == "json":
        data = (
            next(iter(reports.values())).to_dict()
            if len(reports) == 1
            else {"organizations": {k: v.to_dict() for k, v in reports.items()}}
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


def _reports(
    args: argparse.Namespace, rubric: Rubric, responses: Responses, **options: Any
) -> dict[str, Report]:
    """Every organization's report, or the one ``--organization`` names (agreement still
    compares it with all of them: ICC needs the panel)."""
    common: dict[str, Any] = {
        "confidence": args.confidence,
        "n_resamples": args.resamples,
        "seed": args.seed,
        "interval": args.interval,
        **options,
    }
    if args.organization is None:
        return dict(score_organizations(rubric, responses, **common).reports)
    report = score(rubric, responses, organization=args.organization, **common)
    return {report.organization: report}


def _uses_perception_gap(rubric: Rubric, recommendation: str | None = None) -> bool:
    return bool(role_pairs(rubric, recommendation))


def _evidence_reports(
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
    return _reports(args, rubric, responses, details=attached, min_group_size=args.min_group_size)


def _gap_interval_notice(interval: str) -> Notice:
    return Notice(
        "perception_gap_interval",
        f"--interval {interval} applies to the score ranges; the ranges of the perception "
        "gaps (manager/employee) are always percentile ranges of a stratified bootstrap, the "
        "only kind lomaturity computes for them",
    )


def _evidence(
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
    )


def _recommend(args: argparse.Namespace) -> str:
    rubric = load_rubric(args.rubric)
    if not rubric.recommendations:
        raise RecommendationError(f"rubric {rubric.key} has no recommendations")
    target = None if args.target is None else parse_target(args.target, rubric)
    responses = _responses(args, rubric)
    reports = _evidence_reports(args, rubric, responses)
    baselines: dict[str, Report] = {}
    if args.baseline is not None:
        earlier = read_responses(args.baseline, rubric)
        baselines = dict(
            score_organizations(
                rubric,
                earlier,
                confidence=args.confidence,
                n_resamples=args.resamples,
                seed=args.seed,
                interval=args.interval,
            ).reports
        )
    results = []
    for organization, report in reports.items():
        baseline = baselines.get(organization)
        result = recommend(
            rubric,
            report,
            target=target,
            limit=args.limit,
            baseline=baseline,
            evidence=_evidence(args, rubric, responses, report),
        )
        extra: list[Notice] = []
        if args.baseline is not None and baseline is None:
            extra.append(
                Notice(
                    "no_baseline",
                    f"the baseline responses hold no organization {organization!r}; "
                    "progress is not shown",
                )
            )
        if args.interval != "percentile" and _uses_perception_gap(rubric):
            extra.append(_gap_interval_notice(args.interval))
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


def _explain(args: argparse.Namespace) -> str:
    rubric = load_rubric(args.rubric)
    responses = _responses(args, rubric)
    args.organization = find_organization(
        args.organization,
        responses.organization_ids,
        where="the responses",
        option="--organization",
    )
    if args.score is not None:
        reports = _reports(args, rubric, responses)
    else:
        reports = _evidence_reports(args, rubric, responses, args.recommendation)
    organization, report = next(iter(reports.items()))
    if args.score is not None:
        text = explain_score(rubric, report, args.score, responses=responses)
        subject = {"score": args.score}
    else:
        target = None if args.target is None else parse_target(args.target, rubric)
        text = explain_recommendation(
            rubric,
            report,
            args.recommendation,
            target=target,
            evidence=_evidence(args, rubric, responses, report, args.recommendation),
        )
        if args.interval != "percentile" and _uses_perception_gap(rubric, args.recommendation):
            notice = _gap_interval_notice(args.interval)
            text += "\n\n" + "\n".join(wrap(f"Note: {notice.message}.", "    ", first="  "))
        subject = {"recommendation": args.recommendation}
    if args.format == "json":
        return json.dumps(
            {"organization": organization, **subject, "explanation": text.splitlines()},
            indent=2,
            ensure_ascii=False,
        )
    return text


def _responses(args: argparse.Namespace, rubric: Rubric) -> Responses:
    """The responses file read for ``rubric``, or the bundled example (``--example``), which
    holds answers to the bundled default rubric only."""
    if not args.example:
        return read_responses(args.responses, rubric)
    example = example_responses()
    if example.rubric_fingerprint != rubric.fingerprint:
        same = " (same id and version, other content)" if rubric.key == example.rubric_key else ""
        raise LomaturityError(
            f"--example holds answers to the bundled {example.rubric_key} rubric; it cannot be "
            f"scored with the rubric {rubric.key} of {args.rubric!r}{same}; leave out --rubric, "
            "or score your own responses file"
        )
    return example


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "score" and args.format == "csv" and args.details:
        parser.error(
            "--format csv writes the scores table; --details needs --format text or json "
            "(the agreement, reliability, group and gap tables: docs/tables.md)"
        )
    try:
        if args.command == "validate":
            rubric = read_rubric_file(args.rubric)
            out = (
                f"ok: {args.rubric} is rubric {rubric.key}: {len(rubric.dimensions)} dimensions, "
                f"{len(rubric.indicators)} indicators, {len(rubric.stages)} stages"
            )
        elif args.command == "rubrics":
            out = "\n".join(f"{r.id}@{r.version}  {r.title}" for r in available_rubrics())
        elif args.command == "recommend":
            out = _recommend(args)
        elif args.command == "explain":
            out = _explain(args)
        elif args.command == "panel":
            out = _panel(args)
        else:
            out = _score(args)
        output = getattr(args, "output", None)
        if output is not None:  # what would be printed, line end included; atomically
            write_text_atomic(output, out + "\n")
            return 0
    except LomaturityError as exc:
        print(f"lomaturity: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"lomaturity: error: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        resamples = getattr(args, "resamples", None)
        hint = (
            ""
            if resamples is None
            else f" with --resamples {resamples}; try fewer resamples (the default is 2000)"
        )
        print(f"lomaturity: error: out of memory{hint}", file=sys.stderr)
        return 2
    try:
        print(out)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `lomaturity score ... | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
