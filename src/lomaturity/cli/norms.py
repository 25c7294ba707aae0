"""``lomaturity norms`` and ``lomaturity benchmark``: norm tables built and used."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._assess.norms import benchmark, build_norms
from .._model.norms import MIN_ORGANIZATIONS
from .._norms.example import example_norms
from .._norms.files import dump_norms, read_norms
from .._present.benchmark import render_benchmark
from .._results.benchmark import Benchmark, BenchmarkSet
from .._results.tables import (
    BENCHMARK_COLUMNS,
    concatenated,
    csv_text,
)
from .inputs import load, read, responses_from_args
from .options import (
    RESULT_FORMATS,
    common_options,
    iso_date,
    positive_int,
    resampling_options,
    rubric_option,
)
from .score import reports_for


def add_norms_parser(sub: Any) -> None:
    norms = sub.add_parser(
        "norms",
        help="build a norm table from a panel of organizations (docs/norms.md)",
        description="Score every organization of the responses and store the percentile "
        "points of their scores as a norm table (no organization names, no single scores).",
    )
    norms.add_argument("responses", help="responses CSV file of the panel")
    rubric_option(norms)
    norms.add_argument("--title", required=True, help="what the norm is, one line")
    norms.add_argument("--source", required=True, help="who collected the panel, and how")
    norms.add_argument(
        "--synthetic", action="store_true", help="mark the table synthetic (simulated data)"
    )
    norms.add_argument("--date", type=iso_date, default=None, help="YYYY-MM-DD (default today)")
    norms.add_argument(
        "--min-organizations",
        type=positive_int,
        default=MIN_ORGANIZATIONS,
        help=f"fewest organizations per distribution (at least and default {MIN_ORGANIZATIONS})",
    )
    norms.add_argument(
        "--indicators", action="store_true", help="also store each indicator's distribution"
    )
    norms.add_argument(
        "--format",
        choices=("yaml", "json"),
        default=None,
        help="file format (default: json for an --output ending in .json, else yaml)",
    )
    norms.add_argument(
        "--output", metavar="FILE", default=None, help="write to FILE instead of standard output"
    )
    resampling_options(norms, confidence=False)


def run_norms(args: argparse.Namespace) -> str:
    rubric = load(args, args.rubric)
    responses = read(args.responses, rubric)
    table = build_norms(
        rubric,
        responses,
        title=args.title,
        source_description=args.source,
        date=args.date,
        synthetic=args.synthetic,
        min_organizations=args.min_organizations,
        indicators=args.indicators,
        seed=args.seed,
        n_resamples=args.resamples,
    )
    output = args.output or ""
    as_json = args.format == "json" or (args.format is None and output.lower().endswith(".json"))
    return dump_norms(table, "json" if as_json else "yaml").rstrip("\n")


def add_benchmark_parser(sub: Any) -> None:
    bench = sub.add_parser(
        "benchmark",
        help="percentile ranks of organizations in a norm table (docs/norms.md)",
        description="Score the responses, then rank each organization's overall and "
        "dimension scores in a norm table: percentile rank, the ranks of its confidence "
        "range, and the quartile band.",
    )
    common_options(bench, formats=RESULT_FORMATS)
    which = bench.add_mutually_exclusive_group(required=True)
    which.add_argument("--norms", metavar="FILE", help="norm table file (.yaml or .json)")
    which.add_argument(
        "--example-norms",
        action="store_true",
        help="the bundled SYNTHETIC example norm table (simulated organizations)",
    )


def run_benchmark(args: argparse.Namespace) -> str:
    rubric = load(args, args.rubric)
    norms = example_norms(rubric) if args.example_norms else read_norms(args.norms)
    responses = responses_from_args(args, rubric)
    reports = reports_for(args, rubric, responses, agreement=False)
    results = [benchmark(report, norms) for report in reports.values()]
    assert all(isinstance(r, Benchmark) for r in results)
    found = [r for r in results if isinstance(r, Benchmark)]
    if args.format == "json":
        data: dict[str, Any] = (
            found[0].to_dict()
            if len(found) == 1
            else BenchmarkSet({r.organization: r for r in found}).to_dict()
        )
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(concatenated(found), BENCHMARK_COLUMNS).rstrip("\n")
    return "\n\n".join(render_benchmark(r, rubric) for r in found)
