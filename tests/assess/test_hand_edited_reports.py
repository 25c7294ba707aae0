"""Reports edited by hand (NaN, infinity, a range that misses its value) never give numbers:
compare flags the contrast, benchmark flags the standing, targets refuses the report."""

from __future__ import annotations

import json
from typing import Any

import pytest
from attrs import evolve

import lomaturity as lm
from lomaturity.results import Score


@pytest.fixture(scope="module")
def reports() -> lm.ReportSet:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    return lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=1, n_resamples=200
    )


BROKEN: dict[str, dict[str, Any]] = {
    "nan value": {"value": float("nan")},
    "infinite high": {"high": float("inf")},
    "range misses value": {"low": 99.0, "high": 99.5},
    "nan sd": {"sd": float("nan")},
    "negative sd": {"sd": -3.0},
}


@pytest.mark.parametrize("change", list(BROKEN))
def test_broken_scores_give_no_numbers(reports: lm.ReportSet, change: str) -> None:
    # Regression: a NaN value gave difference NaN with p = 0; an infinite range end gave
    # an infinite range; a negative SD gave an effect size; a NaN score ranked 50th.
    rubric = lm.load_rubric("learning-organization@1.0.0")
    first = reports["brightloom-design"]
    score: Score = evolve(reports["quanta-software"].overall, **BROKEN[change])
    second = evolve(reports["quanta-software"], overall=score)
    c = lm.compare(first, second)
    assert isinstance(c, lm.Comparison)
    o = c.overall
    assert o.difference is None
    assert o.p_value is None
    assert o.effect_size is None
    assert o.reason is not None
    assert "not finite numbers" in o.reason
    json.dumps(c.to_dict(), allow_nan=False)
    b = lm.benchmark(second, lm.example_norms("learning-organization@1.0.0"))
    assert isinstance(b, lm.results.Benchmark)
    assert b.overall.percentile is None
    assert b.overall.reason is not None
    json.dumps(b.to_dict(), allow_nan=False)
    with pytest.raises(lm.RecommendationError, match="not finite numbers"):
        lm.targets(rubric, second, baseline=first)
    with pytest.raises(lm.RecommendationError, match="baseline's scores 'overall'"):
        lm.targets(rubric, first, baseline=second)
