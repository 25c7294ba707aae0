"""``lomaturity panel``: a large panel scored chunk by chunk, file to file."""

from __future__ import annotations

import argparse
from typing import Any

from .._assess.panel import score_panel
from .._format import wrap
from .._results.panel import PanelResult
from .._survey.stream import DEFAULT_CHUNK_ORGANIZATIONS
from ..exceptions import LomaturityError
from .inputs import export_arguments, load
from .options import (
    INTERVALS,
    design_options,
    positive_int,
    resampling_options,
    rubric_option,
    screen_option,
    survey_export_options,
)
from .progress import progress_wanted, show


def add_panel_parser(sub: Any) -> None:
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
    rubric_option(panel)
    survey_export_options(panel)
    resampling_options(panel)
    panel.add_argument(
        "--interval",
        choices=INTERVALS,
        default="auto",
        help="kind of confidence range (default auto: chosen by respondent count so that "
        "ranges hold their level; docs/coverage.md)",
    )
    panel.add_argument(
        "--chunk-organizations",
        type=positive_int,
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
    design_options(panel)
    screen_option(panel)
    panel.set_defaults(own_progress=True)  # organizations and respondents so far


def _panel_progress(organizations: int, respondents: int) -> None:
    """The panel's progress line: organizations and respondents scored so far."""
    show(f"\rlomaturity panel: {organizations:,} organizations, {respondents:,} respondents")


def run_panel(args: argparse.Namespace) -> str:
    """``lomaturity panel``: the scores table written chunk by chunk; a summary."""
    rubric = load(args, args.rubric)
    tty = progress_wanted(args)
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
            screen=args.screen,
            population=args.population,
            cluster=args.cluster,
            fpc=args.fpc,
            **export_arguments(args, rubric),
        )
    except ImportError as exc:  # pyarrow missing for a Parquet file
        raise LomaturityError(str(exc)) from None
    finally:
        if tty:
            show("\n")
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
