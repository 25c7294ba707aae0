"""Responses built directly must be consistent in shape and on the rubric's scale."""

from __future__ import annotations

import numpy as np
import pytest

import lomaturity as lm
from factories import make_responses

RUBRIC = lm.load_rubric("learning-organization@1.0.0")


def test_one_dimensional_values_are_refused() -> None:
    with pytest.raises(lm.ResponsesError, match="values: is 1-d"):
        lm.Responses(("a",), np.array([1.0, 2.0]), np.zeros(2, bool), ["r1", "r2"], ["o", "o"])


def test_short_columns_are_named() -> None:
    with pytest.raises(lm.ResponsesError) as info:
        lm.Responses(("a", "b"), np.ones((3, 2)), np.zeros((3, 2), bool), ["r1"], ["o"] * 3)
    assert [p.path for p in info.value.problems] == ["respondent_ids"]
    assert info.value.problems[0].code == "inconsistent_shape"


def test_answers_off_the_scale_are_refused_when_scoring() -> None:
    one = lm.example_responses("learning-organization@1.0.0").for_organization(
        "nordwind-manufacturing"
    )
    tenfold = make_responses(one.values * 10, one.indicator_ids)
    with pytest.raises(lm.ScoringError, match="outside the scale"):
        lm.score(RUBRIC, tenfold, n_resamples=100)
