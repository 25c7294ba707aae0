"""``lomaturity compare``: two organizations or two survey waves."""

from __future__ import annotations

import argparse
from typing import Any, Literal

from .._assess.compare import compare
from .._present.compare import render_comparisons
from .._results.comparison import Comparison
from .inputs import design_arguments, load, read
from .options import (
    adjust_option,
    design_options,
    output_options,
    resampling_options,
    rubric_option,
    screen_option,
    survey_export_options,
)
from .outcome import Outcome, Part

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
    adjust_option(cmp)
    survey_export_options(cmp)
    output_options(cmp, table="the comparisons table of docs/tables.md")
    resampling_options(cmp)
    cmp.add_argument(
        "--interval",
        choices=("percentile", "expanded"),
        default="expanded",
        help="kind of confidence range (default expanded: holds its level below 20 "
        "respondents per side; docs/comparisons.md)",
    )
    design_options(cmp)
    screen_option(cmp)


def run_compare(args: argparse.Namespace) -> Outcome:
    """``lomaturity compare``: every difference, second minus first."""
    rubric = load(args, args.rubric)
    other = rubric if args.second_rubric is None else load(args, args.second_rubric)
    first = read(args, args.first, rubric)
    second = read(args, args.second, other)
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
        screen=args.screen,
        **design_arguments(args),
    )
    if isinstance(result, Comparison):
        parts = [Part(_heading(result), result.to_records(), result.notices)]
    else:
        parts = [Part(_heading(c), c.to_records(), c.notices) for c in result.comparisons.values()]
        if result.notices:
            parts.append(Part("All organizations", (), result.notices))
    return Outcome(
        title=f"{other.title}: comparison",
        text=render_comparisons(result, other),
        data=result.to_dict(),
        table="comparisons",
        parts=parts,
        language=other.language,
    )


def _heading(comparison: Comparison) -> str:
    """A comparison's heading: its organization (if one) and the two sides."""
    sides = f"{comparison.first} → {comparison.second}"
    return sides if comparison.organization is None else f"{comparison.organization}: {sides}"
