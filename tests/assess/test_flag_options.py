"""On/off options are True or False (numpy booleans too), checked by the one validator."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import lomaturity as lm

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
NORDWIND = "nordwind-manufacturing"


@pytest.fixture(scope="module")
def one() -> lm.Responses:
    return lm.example_responses("learning-organization@1.0.0").for_organization(NORDWIND)


@pytest.mark.parametrize(("name", "value"), [("details", "no"), ("agreement", None)])
def test_score_flags_must_be_booleans(one: lm.Responses, name: str, value: Any) -> None:
    with pytest.raises(lm.ScoringError, match=f"{name}: {value!r} is not True or False"):
        lm.score(RUBRIC, one, n_resamples=100, **{name: value})


def test_numpy_booleans_are_flags(one: lm.Responses) -> None:
    report = lm.score(RUBRIC, one, n_resamples=100, seed=1, agreement=np.bool_(False))  # type: ignore[arg-type]
    assert report.agreement is None


@pytest.mark.parametrize("call", [lm.group_scores, lm.perception_gap])
def test_complementary_must_be_a_boolean(one: lm.Responses, call: Any) -> None:
    with pytest.raises(lm.ScoringError, match="complementary"):
        call(RUBRIC, one, complementary="no", n_resamples=100)


def test_recommend_limit_takes_numpy_integers(one: lm.Responses) -> None:
    report = lm.score(RUBRIC, one, n_resamples=100, seed=1)
    limited = lm.recommend(RUBRIC, report, limit=np.int64(2))  # type: ignore[arg-type]
    assert limited == lm.recommend(RUBRIC, report, limit=2)
