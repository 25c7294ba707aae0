"""Test factories shared by the test modules: small rubrics and responses built in memory.

One home for "a rubric with these dimensions" and "responses with these answers", so tests
of different layers build their inputs the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

import lomaturity as lm


def rubric_yaml(
    dimensions: Mapping[str, Sequence[str]],
    *,
    points: int = 5,
    low: int = 1,
    reverse: Sequence[str] = (),
    weights: Mapping[str, float] | None = None,
    rubric_id: str = "test-rubric",
) -> str:
    """Format-1 YAML of a rubric: ``dimensions`` maps dimension id -> indicator ids, every
    indicator on one ``low..low+points-1`` scale with "not applicable" allowed; two stages
    (``low`` from 0, ``high`` from 50)."""
    weights = weights or {}
    lines = [
        "format: 1",
        f"id: {rubric_id}",
        'version: "1.0.0"',
        "title: Test rubric",
        "description: Built by the tests.",
        "language: en",
        "scales:",
        f"  - {{id: s, min: {low}, max: {low + points - 1}, allow_na: true}}",
        "dimensions:",
    ]
    lines += [f"  - {{id: {d}, name: {d}, description: A dimension.}}" for d in dimensions]
    lines.append("indicators:")
    for dim, items in dimensions.items():
        for item in items:
            lines.append(
                f"  - {{id: {item}, dimension: {dim}, statement: Item {item}., scale: s, "
                f"allow_na: true, reverse: {'true' if item in reverse else 'false'}, "
                f"weight: {weights.get(item, 1.0)}}}"
            )
    lines += [
        "stages:",
        "  - {id: low, name: Low, lower: 0, description: Low.}",
        "  - {id: high, name: High, lower: 50, description: High.}",
    ]
    return "\n".join(lines) + "\n"


def make_rubric(dimensions: Mapping[str, Sequence[str]], **options: Any) -> lm.Rubric:
    """The rubric of :func:`rubric_yaml` (same keyword options)."""
    return lm.read_rubric_bytes(rubric_yaml(dimensions, **options))


def make_responses(
    values: Any,
    indicator_ids: Sequence[str],
    organizations: Sequence[str] | None = None,
    not_applicable: Any = None,
    respondent_ids: Sequence[str] | None = None,
) -> lm.Responses:
    """Responses with ``values`` (rows x ``indicator_ids``; NaN = no answer); one
    organization ``acme`` unless ``organizations`` are given; ids ``r00000``, ``r00001``..."""
    x = np.asarray(values, dtype=np.float64).reshape(-1, len(indicator_ids))
    n = x.shape[0]
    na = np.zeros(x.shape, dtype=bool) if not_applicable is None else not_applicable
    return lm.Responses(
        indicator_ids=tuple(indicator_ids),
        values=x,
        not_applicable=np.asarray(na, dtype=bool).reshape(x.shape),
        respondent_ids=list(respondent_ids) if respondent_ids else [f"r{i:05d}" for i in range(n)],
        organizations=list(organizations) if organizations is not None else ["acme"] * n,
    )


PINNED_RUBRIC = "learning-organization@1.0.0"
"""The default rubric as it was when the existing tests fixed their numbers (1.1.0 is now the
default; tests that rely on 1.0.0's items or example data name it)."""

_NO_RUBRIC_OPTION = ("validate", "rubrics")


def pinned(argv: Sequence[str]) -> list[str]:
    """Command-line arguments with ``--rubric learning-organization@1.0.0`` added after the
    subcommand, unless they name a rubric already or the subcommand takes none."""
    args = list(argv)
    if not args or args[0].startswith("-") or args[0] in _NO_RUBRIC_OPTION or "--rubric" in args:
        return args
    return [args[0], "--rubric", PINNED_RUBRIC, *args[1:]]
