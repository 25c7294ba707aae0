"""The expanded percentile range (Hesterberg 2015) and the t quantile behind it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import lomaturity as lm
from lomaturity._stats.bootstrap import expanded_tail, t_cdf, t_quantile

RUBRIC = lm.read_rubric_bytes(
    """\
format: 1
id: expanded
version: "1.0.0"
title: Expanded
description: A rubric for the expanded-range tests.
language: en
scales:
  - {id: a5, min: 1, max: 5}
dimensions:
  - {id: d1, name: D1, description: first}
indicators:
  - {id: i1, dimension: d1, statement: s1, scale: a5}
  - {id: i2, dimension: d1, statement: s2, scale: a5}
stages:
  - {id: low, name: Low, lower: 0, description: low}
  - {id: high, name: High, lower: 50, description: high}
"""
)


@settings(max_examples=60, deadline=None)
@given(
    p=st.floats(min_value=0.5, max_value=0.9999),
    df=st.integers(min_value=1, max_value=500),
)
def test_t_quantile_matches_scipy(p: float, df: int) -> None:
    assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9, abs=1e-9)
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-11)


@pytest.mark.parametrize("n", [2, 3, 5, 10, 30, 100, 1000])
def test_expanded_tail_matches_the_formula_with_scipy(n: int) -> None:
    t = stats.t.ppf(0.975, n - 1)
    expected = stats.norm.cdf(-math.sqrt(n / (n - 1)) * t)
    assert expanded_tail(n, 0.95) == pytest.approx(expected, rel=1e-9)
    assert expanded_tail(n, 0.95) < 0.025


def responses(n: int, seed: int) -> lm.Responses:
    values = np.random.default_rng(seed).integers(1, 6, size=(n, 2)).astype(float)
    return lm.responses_from_array(values, RUBRIC)


@pytest.mark.parametrize("n", [3, 8, 15])
def test_expanded_range_contains_the_percentile_range(n: int) -> None:
    data = responses(n, n)
    plain = lm.score(RUBRIC, data, seed=7, n_resamples=1000, interval="percentile")
    wide = lm.score(RUBRIC, data, seed=7, n_resamples=1000, interval="expanded")
    assert isinstance(plain, lm.Report)
    assert isinstance(wide, lm.Report)
    assert wide.interval.kind == "expanded"
    assert plain.interval.kind == "percentile"
    assert wide.overall.value == plain.overall.value
    assert wide.overall.low is not None
    assert plain.overall.low is not None
    assert wide.overall.high is not None
    assert plain.overall.high is not None
    assert wide.overall.low <= plain.overall.low
    assert wide.overall.high >= plain.overall.high
    widths = (wide.overall.high - wide.overall.low, plain.overall.high - plain.overall.low)
    # With 3 respondents the resample distribution is so coarse both can hit its ends.
    assert widths[0] > widths[1] if n >= 8 else widths[0] >= widths[1]


def test_single_respondent_falls_back_to_percentile() -> None:
    report = lm.score(RUBRIC, responses(1, 1), seed=1, n_resamples=200, interval="expanded")
    assert isinstance(report, lm.Report)
    assert report.interval.kind == "percentile"
    assert report.interval.method == "indicator-bootstrap"
