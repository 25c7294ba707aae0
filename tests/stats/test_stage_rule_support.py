"""The vectorized overall stage support under a stage rule agrees with deciding the stage
of every resample one at a time with Rubric.overall_stage."""

from __future__ import annotations

from collections import Counter

import attrs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._stats.aggregate import Aggregates
from lomaturity._stats.scoring import _overall_support
from lomaturity.rubric import StageRule

BASE = lm.load_rubric("learning-organization@1.1.0")
RULES = [
    StageRule(),
    StageRule("weakest", allowance=0),
    StageRule("weakest", allowance=1),
    StageRule("weakest", allowance=2),
    StageRule("gated", floors={"established": "developing", "emerging": "ad_hoc"}),
    StageRule("gated", floors={"developing": "emerging", "learning_organization": "established"}),
]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(RULES), st.floats(0.0, 0.3))
def test_vectorized_support_matches_the_scalar_rule(
    seed: int, rule: StageRule, nan_share: float
) -> None:
    rubric = attrs.evolve(BASE, stage_rule=rule)
    rng = np.random.default_rng(seed)
    b, d = 60, len(rubric.dimensions)
    dims = rng.uniform(0, 100, (b, d)).round(rng.integers(0, 3))  # ties at band edges too
    dims[rng.random((b, d)) < nan_share] = np.nan  # a dimension unanswered in a resample
    overall = np.nanmean(np.where(np.isnan(dims).all(1, keepdims=True), 0.0, dims), axis=1)
    overall[rng.random(b) < nan_share / 3] = np.nan
    dim_ok = np.ones(d, dtype=bool)
    dim_ok[rng.integers(0, d)] = rng.random() < 0.7  # sometimes a dimension not scorable
    support = _overall_support(rubric, Aggregates(np.empty((b, 0)), dims, overall), dim_ok)
    ids = [x.id for x in rubric.dimensions]
    counts: Counter[str] = Counter()
    for row, value in zip(dims, overall, strict=True):
        if np.isnan(value):
            continue
        values = {
            i: (None if np.isnan(v) or not ok else float(v))
            for i, v, ok in zip(ids, row, dim_ok, strict=True)
        }
        counts[rubric.overall_stage(float(value), values)[0].id] += 1
    total = sum(counts.values())
    expected = {s.id: counts[s.id] / total for s in rubric.stages} if total else {}
    assert support == expected
