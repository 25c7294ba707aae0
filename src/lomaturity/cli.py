"""The ``lomaturity`` command line: validate rubrics, score survey responses, recommend
next steps and explain how a score or a recommendation came about.

Exit codes: 0 success; 1 the output could not be delivered (standard output closed, full or
a closed pipe); 2 bad input or options, or an ``--output`` file that cannot be written (the
message goes to standard error, when standard error can take it).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from typing import Any, Literal, get_args

import attrs

from ._assess.compare import compare
from ._assess.compare_groups import compare_groups
from ._assess.diff import diff_rubrics
from ._assess.norms import benchmark, build_norms
from ._assess.panel import score_panel
from ._assess.score import score, score_organizations
from ._files import write_text_atomic
from ._format import printable, wrap
from ._hints import find_organization, listing
from ._model.facts import OrganizationFacts
from ._model.norms import MIN_ORGANIZATIONS
from ._model.notice import Notice
from ._model.responses import Responses
from ._model.rubric import Rubric
from ._norms.example import example_norms
from ._norms.files import dump_norms, read_norms
from ._present.benchmark import render_benchmark
from ._present.compare import render_comparisons
from ._present.diff import render_diff
from ._present.explain import explain_recommendation, explain_score
from ._present.group_contrast import render_group_comparison
from ._recommend.evidence import ATTACHED_PAIR, Evidence, evidence_missing_from, role_pairs
from ._recommend.facts import facts_by_organization
from ._recommend.recommend import recommend
from ._recommend.targets import parse_target
from ._results.benchmark import Benchmark, BenchmarkSet
from ._results.common import IntervalMethod, ScreenMode
from ._results.panel import PanelResult
from ._results.report import Report, ReportSet
from ._results.tables import (
    BENCHMARK_COLUMNS,
    CHANGE_COLUMNS,
    COMPARISON_COLUMNS,
    SCORE_COLUMNS,
    STEP_COLUMNS,
    concatenated,
    csv_text,
)
from ._rubrics.facts_file import read_facts
from ._rubrics.parse import read_rubric_file
from ._rubrics.registry import DEFAULT_RUBRIC, available_rubrics, load_rubric
from ._survey.csvfile import read_responses
from ._survey.example import EXAMPLE_FILES, example_responses
from ._survey.population_file import read_population
from ._survey.stream import DEFAULT_CHUNK_ORGANIZATIONS
from .exceptions import LomaturityError, RecommendationError

INTERVALS: tuple[str, ...] = get_args(IntervalMethod)
"""The ``--interval`` choices (the options validator's)."""


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
    _design_options(score)
    _screen_option(score)

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
    _facts_option(rec)

    explain = sub.add_parser(
        "explain",
        help="explain how a score was derived or why a recommendation applies",
    )
    _common(explain)
    what = explain.add_mutually_exclusive_group(required=True)
    what.add_argument("--score", metavar="SUBJECT", help="'overall', a dimension or indicator id")
    what.add_argument("--recommendation", metavar="REC_ID", help="a recommendation id")
    explain.add_argument("--target", default=None, help="as for 'recommend'")
    _facts_option(explain)
    _compare_parser(sub)
    _compare_groups_parser(sub)
    _norms_parser(sub)
    _panel_parser(sub)
    _benchmark_parser(sub)
    _diff_parser(sub)
    _version_options(sub.choices["compare"], rec)
    return parser


def _diff_parser(sub: Any) -> None:
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
    _migration_option(diff)
    diff.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default="text",
        help="output format (csv: the changes table of docs/tables.md)",
    )
    diff.add_argument("--output", metavar="FILE", default=None, help="write the output to FILE")


def _diff(args: argparse.Namespace) -> str:
    result = diff_rubrics(
        load_rubric(args.first), load_rubric(args.second), migrations=args.migration
    )
    if args.format == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(result.to_records(), CHANGE_COLUMNS).rstrip("\n")
    return render_diff(result)


def _version_options(compare: argparse.ArgumentParser, rec: argparse.ArgumentParser) -> None:
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
    _migration_option(parser)


def _migration_option(parser: argparse.ArgumentParser) -> None:
    """``--migration FILE`` (repeatable): map files linking two rubric versions."""
    parser.add_argument(
        "--migration",
        metavar="FILE",
        action="append",
        default=[],
        help="a migration map file linking the two rubrics (default: the bundled maps)",
    )


def _facts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--facts",
        metavar="FILE",
        default=None,
        help="organization facts the rubric declares (YAML 'organizations:' mapping, or CSV "
        "with an 'organization' column and one column per fact; docs/recommendations.md)",
    )


def _facts(
    args: argparse.Namespace, rubric: Rubric, responses: Responses
) -> dict[str, OrganizationFacts] | None:
    """The ``--facts`` file read and checked, by organization (each one among the
    responses'); ``None`` without ``--facts``."""
    if args.facts is None:
        return None
    return facts_by_organization(
        rubric,
        read_facts(args.facts, rubric),
        responses.organization_ids,
        where="the responses",
    )


def _facts_notice(facts: dict[str, OrganizationFacts] | None, organization: str) -> list[Notice]:
    if facts is None or organization in facts:
        return []
    return [
        Notice(
            "facts_not_given",
            f"the --facts file holds no organization {_q(organization)}; its fact "
            "conditions use their if_unknown",
        )
    ]


def _rubric_option(parser: argparse.ArgumentParser) -> None:
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


def _load(args: argparse.Namespace, name: str) -> Rubric:
    """The rubric ``name`` in the ``--language`` asked for (where the command has one)."""
    return load_rubric(name, language=getattr(args, "language", None))


def _resampling_options(parser: argparse.ArgumentParser, *, confidence: bool = True) -> None:
    """``--seed``, ``--confidence`` (unless ``confidence=False``) and ``--resamples``."""
    parser.add_argument("--seed", type=int, default=None, help="seed for reproducible ranges")
    if confidence:
        parser.add_argument(
            "--confidence", type=float, default=0.95, help="level of the ranges (default 0.95)"
        )
    parser.add_argument(
        "--resamples", type=int, default=2000, help="bootstrap resamples (default 2000)"
    )


def _norms_parser(sub: Any) -> None:
    norms = sub.add_parser(
        "norms",
        help="build a norm table from a panel of organizations (docs/norms.md)",
        description="Score every organization of the responses and store the percentile "
        "points of their scores as a norm table (no organization names, no single scores).",
    )
    norms.add_argument("responses", help="responses CSV file of the panel")
    _rubric_option(norms)
    norms.add_argument("--title", required=True, help="what the norm is, one line")
    norms.add_argument("--source", required=True, help="who collected the panel, and how")
    norms.add_argument(
        "--synthetic", action="store_true", help="mark the table synthetic (simulated data)"
    )
    norms.add_argument("--date", type=_iso_date, default=None, help="YYYY-MM-DD (default today)")
    norms.add_argument(
        "--min-organizations",
        type=_positive_int,
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
    _resampling_options(norms, confidence=False)


def _benchmark_parser(sub: Any) -> None:
    bench = sub.add_parser(
        "benchmark",
        help="percentile ranks of organizations in a norm table (docs/norms.md)",
        description="Score the responses, then rank each organization's overall and "
        "dimension scores in a norm table: percentile rank, the ranks of its confidence "
        "range, and the quartile band.",
    )
    _common(bench, formats=RESULT_FORMATS)
    which = bench.add_mutually_exclusive_group(required=True)
    which.add_argument("--norms", metavar="FILE", help="norm table file (.yaml or .json)")
    which.add_argument(
        "--example-norms",
        action="store_true",
        help="the bundled SYNTHETIC example norm table (simulated organizations)",
    )


def _iso_date(text: str) -> datetime.date:
    """argparse type: a date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else _no_date(text)
    except ValueError:
        return _no_date(text)


def _no_date(text: str) -> datetime.date:
    raise argparse.ArgumentTypeError(f"{_q(text)} is not a date YYYY-MM-DD")


PAIRED: dict[str, Literal["auto"] | bool] = {"auto": "auto", "yes": True, "no": False}
"""``--paired`` choices -> the ``paired=`` argument of :func:`lomaturity.compare`."""


def _compare_parser(sub: Any) -> None:
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
    _rubric_option(cmp)
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
    _resampling_options(cmp)
    cmp.add_argument(
        "--interval",
        choices=("percentile", "expanded"),
        default="expanded",
        help="kind of confidence range (default expanded: holds its level below 20 "
        "respondents per side; docs/comparisons.md)",
    )


def _compare(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    other = rubric if args.second_rubric is None else _load(args, args.second_rubric)
    first = _read(args.first, rubric)
    second = _read(args.second, other)
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


def _compare_groups_parser(sub: Any) -> None:
    """The ``compare-groups`` subcommand (contrasts between groups of organizations)."""
    cmp = sub.add_parser(
        "compare-groups",
        help="contrast groups of organizations (sector, region, size class)",
        description="Contrast groups of organizations, the organization being the sampling "
        "unit: group scores are unweighted means of organization scores, ranges come from "
        "resampling organizations, p-values are Holm-adjusted (docs/group-contrasts.md).",
    )
    cmp.add_argument("responses", help="responses CSV file")
    _rubric_option(cmp)
    by = cmp.add_mutually_exclusive_group(required=True)
    by.add_argument(
        "--by",
        metavar="COLUMN",
        help="metadata column constant within each organization (e.g. sector), or "
        "'organization' (each organization its own group)",
    )
    by.add_argument(
        "--mapping",
        metavar="FILE",
        help="CSV file with columns organization,group naming every organization's group",
    )
    cmp.add_argument(
        "--contrasts",
        choices=("pairwise", "vs-rest"),
        default="pairwise",
        help="every pair of groups (default), or each group against all other organizations",
    )
    cmp.add_argument(
        "--adjust",
        choices=("holm", "none"),
        default="holm",
        help="multiplicity adjustment of the p-values (default holm)",
    )
    cmp.add_argument("--format", choices=RESULT_FORMATS, default="text", help="output format")
    cmp.add_argument("--output", metavar="FILE", default=None, help="write the output to FILE")
    _resampling_options(cmp)


MAX_MAPPING_BYTES = 10_000_000
"""Largest ``--mapping`` file read."""


def _mapping_rows(path: str) -> list[list[str]]:
    """The CSV rows of a ``--mapping`` file, read bounded: a regular file of at most
    :data:`MAX_MAPPING_BYTES` (a device, FIFO or endless stream is refused unread)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise LomaturityError(f"--mapping {_q(path)}: not a regular file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_MAPPING_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not a usable path"
        raise LomaturityError(f"--mapping {_q(path)}: cannot read it ({reason})") from None
    if len(data) > MAX_MAPPING_BYTES:
        raise LomaturityError(f"--mapping {_q(path)} is larger than {MAX_MAPPING_BYTES:,} bytes")
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (csv.Error, UnicodeDecodeError):
        raise LomaturityError(f"--mapping {_q(path)}: not a readable UTF-8 CSV file") from None


def _read_mapping(path: str) -> dict[str, str]:
    """Organization -> group from a CSV file with an ``organization,group`` header."""
    rows = _mapping_rows(path)
    header = [c.strip() for c in rows[0]] if rows else []
    if header[:2] != ["organization", "group"]:
        raise LomaturityError(
            f"--mapping {_q(path)}: the first line must be the header 'organization,group', "
            f"found {_q(','.join(header))}"
        )
    mapping: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise LomaturityError(
                f"--mapping {_q(path)}, line {line}: needs an organization and a group"
            )
        organization, group = row[0].strip(), row[1].strip()
        if organization in mapping and mapping[organization] != group:
            raise LomaturityError(
                f"--mapping {_q(path)}, line {line}: organization {_q(organization)} is given two "
                f"groups ({_q(mapping[organization])} and {_q(group)})"
            )
        mapping[organization] = group
    return mapping


def _compare_groups(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    responses = _read(args.responses, rubric)
    by: str | dict[str, str] = args.by if args.mapping is None else _read_mapping(args.mapping)
    result = compare_groups(
        rubric,
        responses,
        by,
        contrasts=args.contrasts.replace("-", "_"),
        adjust=args.adjust,
        confidence=args.confidence,
        n_resamples=args.resamples,
        seed=args.seed,
    )
    if args.format == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return result.to_csv().rstrip("\n")
    return render_group_comparison(result, rubric)


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
    _rubric_option(panel)
    _resampling_options(panel)
    panel.add_argument("--interval", choices=INTERVALS, default="auto")
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
    rubric = _load(args, args.rubric)
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


def _screen_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--screen",
        choices=get_args(ScreenMode),
        default="flag",
        help="response-quality screening of straightlining and acquiescent respondents: "
        "flag them (default), exclude them from the scores, or off "
        "(docs/response-quality.md)",
    )


RESULT_FORMATS = ("text", "json", "csv")
"""Output formats of the commands that produce results (csv: the tidy table,
docs/tables.md)."""


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...] = ("text", "json")) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("responses", nargs="?", help="responses CSV file")
    source.add_argument(
        "--example", action="store_true", help="use the bundled example organizations"
    )
    _rubric_option(parser)
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
    parser.add_argument(
        "--output",
        metavar="FILE",
        default=None,
        help="write the output to FILE (whole or not at all) instead of standard output",
    )
    _resampling_options(parser)
    parser.add_argument(
        "--interval",
        choices=INTERVALS,
        default="auto",
        help="kind of confidence range (default auto: chosen by respondent count so that "
        "ranges hold their level; docs/coverage.md)",
    )
    parser.add_argument(
        "--min-reporting-size",
        type=_positive_int,
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
        type=_positive_int,
        default=5,
        help="smallest group shown (team scores) or compared (perception gap); default 5",
    )


def _positive_int(text: str) -> int:
    """argparse type: an integer >= 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_q(text)} is not an integer >= 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not an integer >= 1")
    return value


def _design_options(parser: argparse.ArgumentParser) -> None:
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


def _design_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """``population``, ``cluster`` and ``fpc`` for :func:`score` from the options."""
    population = None if args.population is None else read_population(args.population)
    return {"population": population, "cluster": args.cluster, "fpc": args.fpc}


def _score(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    responses = _responses(args, rubric)
    reports = _reports(
        args,
        rubric,
        responses,
        agreement=args.agreement,
        details=args.details,
        null=args.null,
        min_group_size=args.min_group_size,
        **_design_arguments(args),
        screen=args.screen,
    )
    if args.format == "json":
        data = (
            next(iter(reports.values())).to_dict()
            if len(reports) == 1
            else ReportSet(reports).to_dict()  # the panel's ICC block once
        )
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    if args.format == "csv":
        return csv_text(concatenated(reports.values()), SCORE_COLUMNS).rstrip("\n")
    return ReportSet(reports).summary(rubric, details=args.details)


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
        "min_reporting_size": args.min_reporting_size,
        "allow_small": args.allow_small,
        **options,
    }
    if args.organization is None:
        return dict(score_organizations(rubric, responses, **common).reports)
    report = score(rubric, responses, organization=args.organization, **common)
    return {report.organization: report}


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
        interval=args.interval,
    )


def _recommend(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    if not rubric.recommendations:
        raise RecommendationError(f"rubric {rubric.key} has no recommendations")
    target = None if args.target is None else parse_target(args.target, rubric)
    responses = _responses(args, rubric)
    reports = _evidence_reports(args, rubric, responses)
    baselines: dict[str, Report] = {}
    then = rubric if args.baseline_rubric is None else _load(args, args.baseline_rubric)
    if args.baseline is not None:
        earlier = _read(args.baseline, then)
        baselines = dict(
            score_organizations(
                then,
                earlier,
                confidence=args.confidence,
                n_resamples=args.resamples,
                seed=args.seed,
                interval=args.interval,
            ).reports
        )
    facts = _facts(args, rubric, responses)
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
            baseline_rubric=then,
            migrations=args.migration,
            facts=None if facts is None else facts.get(organization),
        )
        extra: list[Notice] = _facts_notice(facts, organization)
        if args.baseline is not None and baseline is None:
            extra.append(
                Notice(
                    "no_baseline",
                    f"the baseline responses hold no organization {_q(organization)}; "
                    "progress is not shown",
                )
            )
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
    return "\n\n".join(r.summary(rubric) for r in results)


def _explain(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
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
        facts = _facts(args, rubric, responses)
        text = explain_recommendation(
            rubric,
            report,
            args.recommendation,
            target=target,
            evidence=_evidence(args, rubric, responses, report, args.recommendation),
            facts=None if facts is None else facts.get(organization),
        )
        for notice in _facts_notice(facts, organization):
            text += "\n\n" + "\n".join(wrap(f"Note: {notice.message}.", "    ", first="  "))
        subject = {"recommendation": args.recommendation}
    if args.format == "json":
        return json.dumps(
            {"organization": organization, **subject, "explanation": text.splitlines()},
            indent=2,
            ensure_ascii=False,
        )
    return text


def _read(path: str, rubric: Rubric) -> Responses:
    """``read_responses`` of ``path``; running out of memory while reading is an input
    error that names the file (not the resamples: nothing has been scored yet)."""
    try:
        return read_responses(path, rubric)
    except MemoryError:
        raise LomaturityError(
            f"out of memory reading {_q(path)}: the file is too large for this machine"
        ) from None


def _norms(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    responses = _read(args.responses, rubric)
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


def _benchmark(args: argparse.Namespace) -> str:
    rubric = _load(args, args.rubric)
    norms = example_norms(rubric) if args.example_norms else read_norms(args.norms)
    responses = _responses(args, rubric)
    reports = _reports(args, rubric, responses, agreement=False)
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


def _responses(args: argparse.Namespace, rubric: Rubric) -> Responses:
    """The responses file read for ``rubric``, or the bundled example (``--example``), which
    exists for the bundled versions of the default rubric only (``EXAMPLE_FILES``)."""
    if not args.example:
        return _read(args.responses, rubric)
    if rubric.key not in EXAMPLE_FILES:
        raise LomaturityError(
            f"--example holds answers to the bundled rubrics {listing(sorted(EXAMPLE_FILES))}; "
            f"there is none for the rubric {rubric.key} of {_q(args.rubric)}; leave out "
            "--rubric, or score your own responses file"
        )
    example = example_responses(rubric.key)
    if example.rubric_fingerprint != rubric.fingerprint:
        raise LomaturityError(
            f"--example holds answers to the bundled {example.rubric_key} rubric; it cannot be "
            f"scored with the rubric {rubric.key} of {_q(args.rubric)} (same id and version, "
            "other content); leave out --rubric, or score your own responses file"
        )
    return example


def _validate(args: argparse.Namespace) -> str:
    rubric = read_rubric_file(args.rubric)
    return (
        f"ok: {args.rubric} is rubric {rubric.key}: {len(rubric.dimensions)} dimensions, "
        f"{len(rubric.indicators)} indicators, {len(rubric.stages)} stages"
    )


def _rubrics(args: argparse.Namespace) -> str:
    return "\n".join(
        f"{r.id}@{r.version}  [{', '.join(r.languages)}]  {r.title}"
        + ("" if r.place == "bundled" else f"  ({r.place})")
        for r in available_rubrics()
    )


COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    "validate": _validate,
    "rubrics": _rubrics,
    "score": _score,
    "recommend": _recommend,
    "explain": _explain,
    "compare": _compare,
    "compare-groups": _compare_groups,
    "panel": _panel,
    "norms": _norms,
    "benchmark": _benchmark,
    "diff": _diff,
}
"""Subcommand -> the function that makes its output (errors propagate)."""


EXIT_OK, EXIT_OUTPUT, EXIT_INPUT = 0, 1, 2
"""Exit codes: success; the output could not be delivered; bad input, options or --output."""


def _q(value: str) -> str:
    """A user-given value quoted for a message, unsafe characters escaped."""
    return printable(repr(value))


def _error(message: str) -> int:
    """Report ``message`` on standard error (if it can take it): exit code 2. Each line is
    made printable (the values in it were escaped where they were put in; this also catches
    terminal control sequences in the text of errors from outside the library)."""
    shown = "\n".join(printable(line) for line in message.split("\n"))
    try:
        print(f"lomaturity: error: {shown}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # closed or full standard error
        pass
    return EXIT_INPUT


def _deliver(out: str) -> int:
    """Print ``out`` to standard output: exit code 0, or 1 when it cannot be delivered
    (closed, full, a pipe closed by the reader: ``lomaturity score ... | head``)."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        return EXIT_OUTPUT
    try:
        stream.write(out + "\n")
        stream.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return EXIT_OUTPUT
    except (OSError, ValueError) as exc:  # a full disk, a closed file
        _error(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_OUTPUT
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 success, 1 the output could not be
    delivered, 2 bad input, options or ``--output`` file)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "score" and args.format == "csv" and args.details:
        parser.error(
            "--format csv writes the scores table; --details needs --format text or json "
            "(the agreement, reliability, group and gap tables: docs/tables.md)"
        )
    try:
        out = COMMANDS[args.command](args)
        output = getattr(args, "output", None)
        if output is not None:  # what would be printed, line end included; atomically
            write_text_atomic(output, out + "\n")
            return EXIT_OK
    except (LomaturityError, OSError) as exc:
        return _error(str(exc))
    except MemoryError:
        resamples = getattr(args, "resamples", None)
        hint = (
            ""
            if resamples is None
            else f" while scoring with --resamples {resamples}; try fewer resamples (the "
            "default is 2000)"
        )
        return _error(f"out of memory{hint}")
    return _deliver(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
