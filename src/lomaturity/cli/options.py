"""The options shared by several subcommands, and the argparse value types."""

from __future__ import annotations

import argparse
import datetime
from typing import get_args

from .._results.common import IntervalMethod, ScreenMode
from .._rubrics.registry import DEFAULT_RUBRIC
from .._survey.cells import NA
from .._survey.checks import DEFAULT_ID, DEFAULT_ORG
from .._survey.headers import QUALTRICS
from .outcome import FORMATS
from .output import quoted

INTERVALS: tuple[str, ...] = get_args(IntervalMethod)
"""The ``--interval`` choices (the options validator's)."""


def common_options(parser: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS) -> None:
    """The options of the commands that score one responses file (or the example):
    source, rubric, organization, output, resampling and reporting."""
    source_options(parser)
    rubric_option(parser)
    survey_export_options(parser)
    parser.add_argument(
        "--organization", default=None, help="only this organization (default: all)"
    )
    output_options(parser, formats)
    scoring_options(parser)


def source_options(parser: argparse.ArgumentParser) -> None:
    """The responses: a CSV file, or ``--example`` (the bundled example organizations)."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("responses", nargs="?", help="responses CSV file")
    source.add_argument(
        "--example", action="store_true", help="use the bundled example organizations"
    )


def scoring_options(parser: argparse.ArgumentParser) -> None:
    """Resampling, the kind of range, the minimum reporting and group sizes."""
    resampling_options(parser)
    parser.add_argument(
        "--interval",
        choices=INTERVALS,
        default="auto",
        help="kind of confidence range (default auto: chosen by respondent count so that "
        "ranges hold their level; docs/coverage.md)",
    )
    parser.add_argument(
        "--min-reporting-size",
        type=positive_int,
        default=5,
        metavar="N",
        help="scores resting on fewer respondents are not reportable (default 5)",
    )
    parser.add_argument(
        "--allow-small",
        action="store_true",
        help="report scores below the minimum reporting size anyway",
    )
    parser.add_argument(
        "--min-group-size",
        type=positive_int,
        default=5,
        metavar="N",
        help="smallest group shown (team scores) or compared (perception gap); default 5",
    )


def rubric_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rubric",
        default=DEFAULT_RUBRIC,
        help="rubric id[@version] (searched in LOMATURITY_RUBRIC_PATH, then the bundled "
        "rubrics) or YAML path",
    )
    parser.add_argument(
        "--language",
        default=None,
        metavar="LANG",
        help="language of the rubric's texts, e.g. en or fi (default: the rubric's first; "
        "'lomaturity rubrics' lists them)",
    )


def resampling_options(parser: argparse.ArgumentParser, *, confidence: bool = True) -> None:
    """``--seed``, ``--confidence`` (unless ``confidence=False``) and ``--resamples``."""
    parser.add_argument("--seed", type=int, default=None, help="seed for reproducible ranges")
    if confidence:
        parser.add_argument(
            "--confidence", type=float, default=0.95, help="level of the ranges (default 0.95)"
        )
    parser.add_argument(
        "--resamples", type=int, default=2000, help="bootstrap resamples (default 2000)"
    )


def adjust_option(parser: argparse.ArgumentParser) -> None:
    """``--adjust``: the multiplicity adjustment of a comparison's p-values."""
    parser.add_argument(
        "--adjust",
        choices=("holm", "none"),
        default="holm",
        help="multiplicity adjustment of the p-values (default holm)",
    )


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not an integer >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not an integer >= 1")
    return value


def iso_date(text: str) -> datetime.date:
    """argparse type: a date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else _no_date(text)
    except ValueError:
        return _no_date(text)


def _no_date(text: str) -> datetime.date:
    raise argparse.ArgumentTypeError(f"{quoted(text)} is not a date YYYY-MM-DD")


def design_options(parser: argparse.ArgumentParser) -> None:
    """The survey-design options of ``score`` (docs/survey-design.md)."""
    parser.add_argument(
        "--population",
        metavar="FILE",
        default=None,
        help="CSV of headcounts (organization,headcount or organization,role,headcount): "
        "response rate, finite-population correction and, by stratum, weights",
    )
    parser.add_argument(
        "--cluster",
        metavar="COLUMN",
        default=None,
        help="resample respondents in clusters of this column (such as team) and report "
        "the design effect",
    )
    parser.add_argument(
        "--no-fpc",
        dest="fpc",
        action="store_false",
        help="with --population, leave the ranges without the finite-population correction",
    )


def screen_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--screen",
        choices=get_args(ScreenMode),
        default="flag",
        help="response-quality screening of straightlining and acquiescent respondents: "
        "flag them (default), exclude them from the scores, or off "
        "(docs/response-quality.md)",
    )


def facts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--facts",
        metavar="FILE",
        default=None,
        help="organization facts the rubric declares (YAML 'organizations:' mapping, or CSV "
        "with an 'organization' column and one column per fact; docs/recommendations.md)",
    )


def version_options(compare: argparse.ArgumentParser, rec: argparse.ArgumentParser) -> None:
    """The cross-version options of ``compare`` and ``recommend``."""
    _across_options(
        compare,
        "--second-rubric",
        "rubric of the second file, when it is another version than --rubric (compared "
        "through a migration map, on the linked indicators only; docs/rubric-versions.md)",
    )
    _across_options(
        rec,
        "--baseline-rubric",
        "rubric of the --baseline responses, when it is another version than --rubric "
        "(progress through a migration map, on the linked indicators; docs/rubric-versions.md)",
    )


def _across_options(parser: argparse.ArgumentParser, flag: str, text: str) -> None:
    """The options of comparing across rubric versions: the other side's rubric and
    ``--migration`` map files."""
    parser.add_argument(flag, default=None, metavar="RUBRIC", help=text)
    migration_option(parser)


def migration_option(parser: argparse.ArgumentParser) -> None:
    """``--migration FILE`` (repeatable): map files linking two rubric versions."""
    parser.add_argument(
        "--migration",
        metavar="FILE",
        action="append",
        default=[],
        help="a migration map file linking the two rubrics (default: the bundled maps)",
    )


FORMAT_HELP: dict[str, str] = {
    "text": "text for reading",
    "json": "JSON",
    "csv": "the tidy table of docs/tables.md",
    "markdown": "a Markdown document",
    "html": "a self-contained HTML page",
}
"""What each ``--format`` delivers, for the option's help."""


def output_options(
    parser: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS, *, table: str = ""
) -> None:
    """``--format`` (one of ``formats``; ``table`` names the csv table in the help) and
    ``--output FILE``."""
    described = [
        f"{f} ({table})" if f == "csv" and table else f"{f} ({FORMAT_HELP[f]})" for f in formats
    ]
    parser.add_argument(
        "--format",
        choices=formats,
        default="text",
        help="output format: " + ", ".join(described) + "; default text",
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        default=None,
        help="write the output to FILE (whole or not at all) instead of standard output",
    )


def quiet_option(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet``: no progress on standard error (errors are still reported)."""
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress lines on standard error (errors are still shown); progress is "
        "shown only when standard error is a terminal",
    )


def survey_export_options(parser: argparse.ArgumentParser) -> None:
    """How a survey tool's export is read: the respondent id and organization columns, the
    "not applicable" cell text, answers given as text and extra header rows (docs/cli.md,
    docs/survey-exports.md)."""
    parser.add_argument(
        "--id-column",
        default=DEFAULT_ID,
        metavar="NAME",
        help=f"name of the respondent id column (default {DEFAULT_ID}; e.g. ID or "
        "ResponseId in a survey tool's export)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--organization-column",
        default=DEFAULT_ORG,
        metavar="NAME",
        help=f"name of the organization column (default {DEFAULT_ORG})",
    )
    which.add_argument(
        "--no-organization-column",
        dest="organization_column",
        action="store_const",
        const=None,
        help="every respondent belongs to one organization (a column named organization "
        "is then metadata)",
    )
    parser.add_argument(
        "--na-token",
        default=NA,
        metavar="TEXT",
        help=f"the cell text meaning 'not applicable', any case (default {NA}; NA and N/A "
        "are always accepted)",
    )
    parser.add_argument(
        "--answers",
        default=None,
        metavar="labels|FILE",
        help="read answers given as text: 'labels' (the rubric's own scale labels in any of "
        "its languages, such as 'Täysin samaa mieltä' or 'Strongly agree'), or a mapping "
        "file (YAML or .csv, answer text -> scale value; docs/survey-exports.md); default: "
        "numbers only",
    )
    parser.add_argument(
        "--header-rows",
        type=header_rows,
        default=0,
        metavar="N|qualtrics",
        help="rows after the header line that are not respondents: a number, or 'qualtrics' "
        "for the question-text and ImportId rows of a Qualtrics export (default 0)",
    )


def header_rows(text: str) -> int | str:
    """argparse type of ``--header-rows``: a whole number >= 0, or ``qualtrics``."""
    if text.strip().lower() == QUALTRICS:
        return QUALTRICS
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is neither a number of rows nor {QUALTRICS!r}"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is not a number of rows >= 0")
    return value
