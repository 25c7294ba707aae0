"""``lomaturity validate``, ``rubrics`` and ``diff``: rubric files checked, listed and compared."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._assess.diff import diff_rubrics
from .._present.diff import render_diff
from .._results.tables import (
    CHANGE_COLUMNS,
    csv_text,
)
from .._rubrics.parse import read_rubric_file
from .._rubrics.registry import available_rubrics, load_rubric
from .options import RESULT_FORMATS, migration_option


def add_rubric_parsers(sub: Any) -> None:
    """The ``validate`` and ``rubrics`` subcommands."""
    validate = sub.add_parser("validate", help="check a rubric YAML file")
    validate.add_argument("rubric", help="path to a rubric YAML file")
    sub.add_parser("rubrics", help="list the bundled rubrics")


def run_validate(args: argparse.Namespace) -> str:
    rubric = read_rubric_file(args.rubric)
    return (
        f"ok: {args.rubric} is rubric {rubric.key}: {len(rubric.dimensions)} dimensions, "
        f"{len(rubric.indicators)} indicators, {len(rubric.stages)} stages"
    )


def run_rubrics(args: argparse.Namespace) -> str:
    return "\n".join(
        f"{r.id}@{r.version}  [{', '.join(r.languages)}]  {r.title}"
        + ("" if r.place == "bundled" else f"  ({r.place})")
        for r in available_rubrics()
    )


def add_diff_parser(sub: Any) -> None:
    """The ``diff`` subcommand: what changed between two rubrics."""
    diff = sub.add_parser(
        "diff",
        help="what changed between two rubrics, and whether their scores compare",
        description="List every change from rubric A to rubric B (added, removed, reworded, "
        "reweighted, rescaled, rekeyed, moved, renamed, ...) and say whether scores of the "
        "two compare: directly, through a migration map, or not (docs/rubric-versions.md).",
    )
    diff.add_argument("first", help="rubric A: bundled id@version or YAML path")
    diff.add_argument("second", help="rubric B: bundled id@version or YAML path")
    migration_option(diff)
    diff.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default="text",
        help="output format (csv: the changes table of docs/tables.md)",
    )
    diff.add_argument("--output", metavar="FILE", default=None, help="write the output to FILE")


def run_diff(args: argparse.Namespace) -> str:
    result = diff_rubrics(
        load_rubric(args.first), load_rubric(args.second), migrations=args.migration
    )
    if args.format == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(result.to_records(), CHANGE_COLUMNS).rstrip("\n")
    return render_diff(result)
