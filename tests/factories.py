"""Test factories shared by the test modules: small rubrics and responses built in memory.

One home for "a rubric with these dimensions" and "responses with these answers", so tests
of different layers build their inputs the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
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


DONT_KNOW_LABEL = "Don't know"
"""The "don't know" label of :func:`dont_know_rubric`'s scale."""


def dont_know_rubric(
    indicators: Sequence[str] | None = None, *, label: str | None = DONT_KNOW_LABEL
) -> lm.Rubric:
    """``learning-organization@1.0.0`` with "don't know" answers (``label`` on the scale):
    on every indicator (``indicators=None``: its one scale ``agree5`` accepts them), or only
    on ``indicators``, which move to ``agree5_dk``, a copy of ``agree5`` that accepts them
    (the others stay on ``agree5``, which does not)."""
    base = lm.load_rubric("learning-organization@1.0.0")
    scale = base.scales[0]
    with_dk = attrs.evolve(scale, dont_know=True, dont_know_label=label)
    if indicators is None:
        return attrs.evolve(base, scales=(with_dk,))
    moved = tuple(
        attrs.evolve(i, scale="agree5_dk") if i.id in indicators else i for i in base.indicators
    )
    return attrs.evolve(
        base, scales=(scale, attrs.evolve(with_dk, id="agree5_dk")), indicators=moved
    )
