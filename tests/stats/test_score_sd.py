"""Score.sd: the spread over respondents of their own scores (the effect-size standardizer)."""

from __future__ import annotations

import numpy as np
import pytest

import lomaturity as lm
from factories import make_rubric

DIMS = {"d1": ["a1", "a2", "a3"], "d2": ["b1", "b2"]}
WEIGHTS = {"a1": 2.0, "a2": 1.0, "a3": 1.0, "b1": 1.0, "b2": 3.0}


def test_sd_follows_its_definition_at_every_level() -> None:
    rubric = make_rubric(DIMS, weights=WEIGHTS)
    rng = np.random.default_rng(11)
    values = rng.integers(1, 6, size=(12, 5)).astype(float)
    values[rng.random(values.shape) < 0.2] = np.nan
    values[:, 0] = rng.integers(1, 6, size=12)
    values[3, 3:] = np.nan  # one respondent without a d2 score
    responses = lm.responses_from_array(values, rubric)
    report = lm.score(rubric, responses, seed=1, n_resamples=100)
    x = 25.0 * (values - 1.0)
    for j, ind in enumerate(rubric.indicator_ids):
        column = x[:, j][~np.isnan(x[:, j])]
        assert report.indicators[ind].sd == pytest.approx(np.std(column, ddof=1))
    w = np.array([WEIGHTS[i] for i in rubric.indicator_ids])
    own = []
    for members in ([0, 1, 2], [3, 4]):
        block, weights = x[:, members], w[members]
        present = ~np.isnan(block)
        with np.errstate(invalid="ignore"):  # a respondent without answers here: NaN
            mean = (np.where(present, block, 0) * weights).sum(1) / (present * weights).sum(1)
        own.append(mean)
        assert report.dimensions[f"d{len(own)}"].sd == pytest.approx(np.nanstd(mean, ddof=1))
    dims = np.column_stack(own)
    overall = np.nanmean(dims, axis=1)  # equal dimension weights, renormalized per respondent
    assert report.overall.sd == pytest.approx(np.std(overall, ddof=1))
    assert report.to_records()[0]["sd"] == pytest.approx(report.overall.sd, abs=1e-4)


def test_one_respondent_has_no_sd() -> None:
    rubric = make_rubric(DIMS)
    report = lm.score(rubric, lm.responses_from_array(np.full((1, 5), 3.0), rubric), seed=1)
    assert report.overall.sd is None
    assert report.indicators["a1"].sd is None
    assert report.overall.to_dict()["sd"] is None
