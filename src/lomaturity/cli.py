"""The ``lomaturity`` command line: validate rubrics and score survey responses.

Exit codes: 0 success, 2 bad input (the message goes to standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ._registry import DEFAULT_RUBRIC, available_rubrics, load_rubric
from ._responses_io import example_responses, read_responses
from ._rubric_parse import read_rubric_file
from ._scoring import score_organizations
from ._text import render_report
from .exceptions import LomaturityError


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
    source = score.add_mutually_exclusive_group(required=True)
    source.add_argument("responses", nargs="?", help="responses CSV file")
    source.add_argument(
        "--example", action="store_true", help="score the bundled example organizations"
    )
    score.add_argument(
        "--rubric", default=DEFAULT_RUBRIC, help="bundled rubric id[@version] or YAML path"
    )
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument("--seed", type=int, default=None, help="seed for reproducible ranges")
    score.add_argument("--confidence", type=float, default=0.95)
    score.add_argument("--resamples", type=int, default=2000)
    score.add_argument("--interval", choices=("percentile", "bca"), default="percentile")
    return parser


def _score(args: argparse.Namespace) -> str:
    rubric = load_rubric(args.rubric)
    responses = example_responses() if args.example else read_responses(args.responses, rubric)
    reports = score_organizations(
        rubric,
        responses,
        confidence=args.confidence,
        n_resamples=args.resamples,
        seed=args.seed,
        interval=args.interval,
    )
    if args.format == "json":
        data = reports.to_dict() if len(reports) > 1 else next(iter(reports.values())).to_dict()
        return json.dumps(data, indent=2, ensure_ascii=False)
    return "\n\n".join(render_report(r, rubric) for r in reports.values())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            rubric = read_rubric_file(args.rubric)
            out = (
                f"ok: {args.rubric} is rubric {rubric.key}: {len(rubric.dimensions)} dimensions, "
                f"{len(rubric.indicators)} indicators, {len(rubric.stages)} stages"
            )
        elif args.command == "rubrics":
            out = "\n".join(f"{r.id}@{r.version}  {r.title}" for r in available_rubrics())
        else:
            out = _score(args)
    except LomaturityError as exc:
        print(f"lomaturity: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"lomaturity: error: {exc}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
