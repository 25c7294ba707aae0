"""Plain-text benchmarks: scores without a rank say why, ranges that span bands say so, and
a real norm table has no SYNTHETIC banner."""

from __future__ import annotations

import attrs
import numpy as np

import lomaturity as lm
from lomaturity._format import WIDTH
from lomaturity._present.benchmark import SYNTHETIC_BANNER, render_benchmark
from lomaturity.results import Benchmark, Standing


def test_rows_without_rank_or_range_and_a_real_norm() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    report = lm.score(
        rubric,
        lm.example_responses("learning-organization@1.0.0"),
        organization="quanta-software",
        seed=1,
        n_resamples=100,
    )
    result = lm.benchmark(report, lm.example_norms("learning-organization@1.0.0"))
    assert isinstance(result, Benchmark)
    first = next(iter(result.dimensions))
    no_rank = Standing(first, "dimension", None, None, None, reason="not scorable: few answers")
    no_range = attrs.evolve(result.overall, percentile_low=None, percentile_high=None)
    real = attrs.evolve(
        result,
        synthetic=False,
        notices=(),
        overall=attrs.evolve(no_range, band_certain=None),
        dimensions={**result.dimensions, first: no_rank},
    )
    text = render_benchmark(real, rubric)
    assert SYNTHETIC_BANNER not in text
    assert "SYNTHETIC" in text  # the example norm's own title still says so
    assert "not scorable: few answers" in text
    overall = next(line for line in text.splitlines() if line.strip().startswith("Overall"))
    assert "—" in overall
    assert "spans" not in overall  # no range: nothing to span
    assert no_rank.rank_text is None
    assert no_rank.to_dict()["reason"] == "not scorable: few answers"
    assert all(len(line) <= 100 for line in text.splitlines())


def test_a_norm_table_looks_up_its_distributions() -> None:
    norms = lm.example_norms("learning-organization@1.0.0")
    assert norms.distribution("overall") is norms.overall
    assert norms.distribution("strategy") is norms.dimensions["strategy"]
    first = next(iter(norms.indicators))
    assert norms.distribution(first) is norms.indicators[first]
    assert norms.distribution("nothing") is None


def test_long_reasons_are_wrapped_within_the_width() -> None:
    # Regression: "Overall — not scorable: scorable dimensions carry 75% ..." ran to 119 columns.
    rubric = lm.load_rubric("learning-organization@1.0.0")
    one = lm.example_responses("learning-organization@1.0.0").for_organization("brightloom-design")
    values = one.values.copy()
    values[:, [i.startswith("pr_") for i in one.indicator_ids]] = np.nan
    blanked = lm.responses_from_array(
        values,
        rubric,
        organizations=list(one.organizations),
        respondent_ids=list(one.respondent_ids),
    )
    report = lm.score(rubric, blanked, seed=1, n_resamples=200)
    benchmark = lm.benchmark(report, lm.example_norms("learning-organization@1.0.0"))
    assert isinstance(benchmark, Benchmark)
    text = render_benchmark(benchmark, rubric)
    assert "not scorable" in text
    assert max(len(line) for line in text.splitlines()) <= WIDTH
