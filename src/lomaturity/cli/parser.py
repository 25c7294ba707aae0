"""The ``lomaturity`` argument parser, and which function runs each subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .._version import __version__
from .compare import add_compare_parser, run_compare
from .compare_groups import add_compare_groups_parser, run_compare_groups
from .norms import add_benchmark_parser, add_norms_parser, run_benchmark, run_norms
from .options import quiet_option, version_options
from .outcome import Outcome
from .panel import add_panel_parser, run_panel
from .recommend import add_explain_parser, add_recommend_parser, run_explain, run_recommend
from .report import add_report_parser, run_report
from .rubrics import add_diff_parser, add_rubric_parsers, run_diff, run_rubrics, run_validate
from .score import add_score_parser, run_score


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand (``lomaturity --help`` lists them)."""
    parser = argparse.ArgumentParser(
        prog="lomaturity",
        description="Measure learning-organization maturity from survey responses.",
    )
    parser.add_argument(
        "--version", action="version", version=f"lomaturity {__version__}", help="show the version"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_rubric_parsers(sub)
    add_score_parser(sub)
    rec = add_recommend_parser(sub)
    add_explain_parser(sub)
    add_compare_parser(sub)
    add_compare_groups_parser(sub)
    add_norms_parser(sub)
    add_panel_parser(sub)
    add_benchmark_parser(sub)
    add_diff_parser(sub)
    add_report_parser(sub)
    version_options(sub.choices["compare"], rec)
    for command in sub.choices.values():
        quiet_option(command)
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace], str | Outcome]] = {
    "validate": run_validate,
    "rubrics": run_rubrics,
    "score": run_score,
    "recommend": run_recommend,
    "explain": run_explain,
    "compare": run_compare,
    "compare-groups": run_compare_groups,
    "panel": run_panel,
    "norms": run_norms,
    "benchmark": run_benchmark,
    "diff": run_diff,
    "report": run_report,
}
"""Subcommand -> the function that makes its output: text, or an :class:`Outcome` delivered in
the ``--format`` asked for (errors propagate)."""
