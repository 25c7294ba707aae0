"""Independent checks of the other bootstrap ranges against ``scipy.stats.bootstrap``.

- the perception gap resamples each group independently (stratified bootstrap); scipy does
  the same for a two-sample statistic with ``paired=False``;
- the range of Cronbach's alpha resamples whole respondents; scipy resamples row indices.

Ranges from two random streams differ by Monte-Carlo error only; with 4000 resamples on
both sides the ends of a 95 % range agree to well within the tolerances below.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

import lomaturity as lm

RUBRIC_YAML = """\
format: 1
id: crosscheck
version: "1.0.0"
title: Cross-check
description: A rubric for the cross-checks.
language: en
scales:
  - {id: a5, min: 1, max: 5}
dimensions:
  - {id: d1, name: D1, description: first}
  - {id: d2, name: D2, description: second}
indicators:
  - {id: i1, dimension: d1, statement: s1, scale: a5}
  - {id: i2, dimension: d1, statement: s2, scale: a5}
  - {id: i3, dimension: d1, statement: s3, scale: a5}
  - {id: i4, dimension: d2, statement: s4, scale: a5}
  - {id: i5, dimension: d2, statement: s5, scale: a5}
stages:
  - {id: low, name: Low, lower: 0, description: low}
  - {id: high, name: High, lower: 50, description: high}
"""
N_RESAMPLES = 4000


def correlated_answers(rng: np.random.Generator, n: int, shift: float) -> np.ndarray:
    person = rng.normal(0.0, 0.8, size=(n, 1))
    latent = 3.0 + shift + person + rng.normal(0.0, 0.7, size=(n, 5))
    return np.clip(np.rint(latent), 1, 5)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_perception_gap_range_matches_scipy_two_sample_bootstrap(seed: int) -> None:
    rubric = lm.read_rubric_bytes(RUBRIC_YAML)
    rng = np.random.default_rng(seed)
    managers = correlated_answers(rng, 12, 0.6)
    employees = correlated_answers(rng, 40, 0.0)
    values = np.vstack([managers, employees])
    roles = ["manager"] * len(managers) + ["employee"] * len(employees)
    responses = lm.responses_from_array(
        values,
        rubric,
        respondent_ids=[f"r{i:03d}" for i in range(len(values))],
        metadata={"role": roles},
    )
    gap = lm.perception_gap(
        rubric, responses, n_resamples=N_RESAMPLES, seed=seed, interval="percentile"
    )
    overall = next(iter(gap.values())).overall
    assert overall is not None
    assert overall.difference is not None
    assert overall.low is not None
    assert overall.high is not None

    def overall_score(x: np.ndarray, axis: int = -1) -> np.ndarray:
        scores = (x - 1.0) / 4.0 * 100.0  # equal weights: dimension means of item means
        d1 = scores[..., :3].mean(axis=-1)
        d2 = scores[..., 3:].mean(axis=-1)
        return np.asarray((d1.mean(axis=-1) + d2.mean(axis=-1)) / 2.0)

    def difference(first: np.ndarray, second: np.ndarray, axis: int = -1) -> np.ndarray:
        # scipy passes resampled index arrays (vectorized: shape (..., n)).
        return np.asarray(overall_score(managers[first]) - overall_score(employees[second]))

    expected = overall_score(managers[None])[0] - overall_score(employees[None])[0]
    assert overall.difference == pytest.approx(expected, abs=1e-9)
    result = stats.bootstrap(
        (np.arange(len(managers)), np.arange(len(employees))),
        difference,
        paired=False,
        vectorized=True,
        n_resamples=N_RESAMPLES,
        confidence_level=0.95,
        method="percentile",
        random_state=np.random.default_rng(seed + 100),
    )
    assert overall.low == pytest.approx(result.confidence_interval.low, abs=1.5)
    assert overall.high == pytest.approx(result.confidence_interval.high, abs=1.5)


def cronbach_alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    cov = np.cov(x, rowvar=False, ddof=1)
    return float(k / (k - 1) * (1.0 - np.trace(cov) / cov.sum()))


@pytest.mark.parametrize("seed", [4, 5])
def test_alpha_range_matches_scipy_bootstrap(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = correlated_answers(rng, 60, 0.0)
    result = lm.item_analysis(x, n_resamples=N_RESAMPLES, seed=seed)
    assert result.alpha_raw == pytest.approx(cronbach_alpha(x), abs=1e-12)
    assert result.alpha_low is not None
    assert result.alpha_high is not None

    def alpha_of_rows(rows: np.ndarray) -> float:
        return cronbach_alpha(x[rows.astype(np.intp)])

    reference = stats.bootstrap(
        (np.arange(len(x)),),
        alpha_of_rows,
        vectorized=False,
        n_resamples=N_RESAMPLES,
        confidence_level=0.95,
        method="percentile",
        random_state=np.random.default_rng(seed + 100),
    )
    assert result.alpha_low == pytest.approx(reference.confidence_interval.low, abs=0.02)
    assert result.alpha_high == pytest.approx(reference.confidence_interval.high, abs=0.02)
