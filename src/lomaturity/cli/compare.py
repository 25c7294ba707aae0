"""``lomaturity compare``: two organizations or two survey waves."""

from __future__ import annotations

import argparse
import json
from typing import Any, Literal

from .._assess.compare import compare
from .._present.compare import render_comparisons
from .._results.tables import (
    COMPARISON_COLUMNS,
    csv_text,
)
from .inputs import load, read
from .options import RESULT_FORMATS, resampling_options, rubric_option

PAIRED: dict[str, Literal["auto"] | bool] = {"auto": "auto", "yes": True, "no": False}
"""``--paired`` choices -> the ``paired=`` argument of :func:`lomaturity.compare`."""


def add_compare_parser(sub: Any) -> None:
    """The ``compare`` subcommand: two responses files (waves or organizations)."""
    cmp = sub.add_parser(
        "compare",
        help="compare two organizations or two survey waves (second minus first)",
        description="Score both responses files and report every difference (second minus "
        "first) with its confidence range, effect size and stage change; waves whose "
        "respondent ids recur are paired (docs/comparisons.md).",
    )
    cmp.add_argument("first", help="responses CSV of the first side (e.g. last year)")
    cmp.add_argument("second", help="responses CSV of the second side (e.g. this year)")
    rubric_option(cmp)
    cmp.add_argument(
        "--organization",
        default=None,
        help="compare only this organization (present in both files)",
    )
    cmp.add_argument(
        "--paired",
        choices=tuple(PAIRED),
        default="auto",
        help="resample respondents of both waves jointly: auto (when respondent ids recur), "
        "yes or no",
    )
    cmp.add_argument(
        "--adjust",
        choices=("holm", "none"),
        default="holm",
        help="multiplicity adjustment of the p-values (default holm)",
    )
    cmp.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default="text",
        help="output format (csv: the comparisons table of docs/tables.md)",
    )
    cmp.add_argument("--output", metavar="FILE", default=None, help="write the output to FILE")
    resampling_options(cmp)
    cmp.add_argument(
        "--interval",
        choices=("percentile", "expanded"),
        default="expanded",
        help="kind of confidence range (default expanded: holds its level below 20 "
        "respondents per side; docs/comparisons.md)",
    )


def run_compare(args: argparse.Namespace) -> str:
    rubric = load(args, args.rubric)
    other = rubric if args.second_rubric is None else load(args, args.second_rubric)
    first = read(args.first, rubric)
    second = read(args.second, other)
    result = compare(
        first,
        second,
        rubric=rubric if other is rubric else (rubric, other),
        migrations=args.migration,
        paired=PAIRED[args.paired],
        organization=args.organization,
        adjust=args.adjust,
        confidence=args.confidence,
        n_resamples=args.resamples,
        seed=args.seed,
        interval=args.interval,
    )
    if args.format == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(result.to_records(), COMPARISON_COLUMNS).rstrip("\n")
    return render_comparisons(result, other)
