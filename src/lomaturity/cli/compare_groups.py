"""``lomaturity compare-groups``: contrasts between groups of organizations, and the
``--mapping`` file."""

from __future__ import annotations

import argparse
import csv
import io
import os
import stat
from typing import Any

from .._assess.compare_groups import compare_groups
from .._present.group_contrast import render_group_comparison
from ..exceptions import LomaturityError
from .inputs import load, read
from .options import (
    adjust_option,
    output_options,
    resampling_options,
    rubric_option,
    survey_export_options,
)
from .outcome import Outcome, Part
from .output import quoted


def add_compare_groups_parser(sub: Any) -> None:
    """The ``compare-groups`` subcommand (contrasts between groups of organizations)."""
    cmp = sub.add_parser(
        "compare-groups",
        help="contrast groups of organizations (sector, region, size class)",
        description="Contrast groups of organizations, the organization being the sampling "
        "unit: group scores are unweighted means of organization scores, ranges come from "
        "resampling organizations, p-values are Holm-adjusted (docs/group-contrasts.md).",
    )
    cmp.add_argument("responses", help="responses CSV file")
    rubric_option(cmp)
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
    adjust_option(cmp)
    survey_export_options(cmp)
    output_options(cmp, table="the comparisons table of docs/tables.md")
    resampling_options(cmp)


MAX_MAPPING_BYTES = 10_000_000
"""Largest ``--mapping`` file read."""


def _mapping_rows(path: str) -> list[list[str]]:
    """The CSV rows of a ``--mapping`` file, read bounded: a regular file of at most
    :data:`MAX_MAPPING_BYTES` (a device, FIFO or endless stream is refused unread)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise LomaturityError(f"--mapping {quoted(path)}: not a regular file")
        with open(path, "rb") as handle:
            data = handle.read(MAX_MAPPING_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "not a usable path"
        raise LomaturityError(f"--mapping {quoted(path)}: cannot read it ({reason})") from None
    if len(data) > MAX_MAPPING_BYTES:
        raise LomaturityError(
            f"--mapping {quoted(path)} is larger than {MAX_MAPPING_BYTES:,} bytes"
        )
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    except (csv.Error, UnicodeDecodeError):
        raise LomaturityError(f"--mapping {quoted(path)}: not a readable UTF-8 CSV file") from None


def _read_mapping(path: str) -> dict[str, str]:
    """Organization -> group from a CSV file with an ``organization,group`` header."""
    rows = _mapping_rows(path)
    header = [c.strip() for c in rows[0]] if rows else []
    if header[:2] != ["organization", "group"]:
        raise LomaturityError(
            f"--mapping {quoted(path)}: the first line must be the header 'organization,group', "
            f"found {quoted(','.join(header))}"
        )
    mapping: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise LomaturityError(
                f"--mapping {quoted(path)}, line {line}: needs an organization and a group"
            )
        organization, group = row[0].strip(), row[1].strip()
        if organization in mapping and mapping[organization] != group:
            raise LomaturityError(
                f"--mapping {quoted(path)}, line {line}: organization {quoted(organization)} is "
                f"given two groups ({quoted(mapping[organization])} and {quoted(group)})"
            )
        mapping[organization] = group
    return mapping


def run_compare_groups(args: argparse.Namespace) -> Outcome:
    """``lomaturity compare-groups``: contrasts between groups of organizations."""
    rubric = load(args, args.rubric)
    responses = read(args, args.responses, rubric)
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
    return Outcome(
        title=f"{rubric.title}: groups of organizations by {result.column}",
        text=render_group_comparison(result, rubric),
        data=result.to_dict(),
        table=result.TABLE,
        parts=[Part(f"Contrasts by {result.column}", result.to_records(), result.notices)],
        language=rubric.language,
    )
