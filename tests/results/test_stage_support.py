"""``Score.stage_support`` is the bootstrap support of each stage; the old name
``stage_probabilities`` is a deprecated alias returning the same values."""

from __future__ import annotations

import pytest

import lomaturity as lm

SUPPORT = {"low": 0.25, "high": 0.75}


def _score() -> lm.results.Score:
    return lm.results.Score(
        id="d1",
        value=70.0,
        low=60.0,
        high=80.0,
        n_respondents=12,
        n_answers=24,
        n_not_applicable=0,
        coverage=1.0,
        stage="high",
        stage_support=SUPPORT,
        stage_accuracy=0.674,
    )


def test_deprecated_alias_returns_the_support() -> None:
    score = _score()
    with pytest.deprecated_call(match="stage_support"):
        alias = score.stage_probabilities
    assert alias == score.stage_support == SUPPORT


def test_json_names_the_support_and_the_accuracy() -> None:
    data = _score().to_dict()
    assert data["stage_support"] == SUPPORT
    assert data["stage_accuracy"] == 0.674
    assert "stage_probabilities" not in data


def test_no_stage_no_support_keys() -> None:
    score = lm.results.Score(
        id="i1", value=50.0, low=40.0, high=60.0, n_respondents=3, n_answers=3,
        n_not_applicable=0, coverage=1.0,
    )  # fmt: skip
    assert "stage_support" not in score.to_dict()
    assert "stage_accuracy" not in score.to_dict()
