"""group_scores and perception_gap screen responses as lm.score does (docs/groups.md)."""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm

V1 = "learning-organization@1.0.0"
FAST: dict[str, Any] = {"seed": 3, "n_resamples": 100}


@cache
def styled(every: int = 4) -> tuple[lm.Rubric, lm.Responses]:
    """Two organizations of 40; every ``every``-th respondent answers 5 to everything."""
    rubric = lm.load_rubric(V1)
    sim = lm.simulate_responses(
        rubric, organizations=2, respondents=40, seed=8, manager_share=0.4, missing=0.0
    ).responses
    values = np.array(sim.values, dtype=np.float64)
    values[::every] = 5.0
    responses = lm.responses_from_array(
        values,
        rubric,
        respondent_ids=list(sim.respondent_ids),
        organizations=list(sim.organizations),
        metadata={k: list(v) for k, v in sim.metadata.items()},
        indicator_ids=list(sim.indicator_ids),
    )
    return rubric, responses


def _unflagged(responses: lm.Responses, quality: lm.results.ResponseQuality) -> lm.Responses:
    flagged = {i for q in quality.values() for i in q.flagged_ids}
    return responses.select(np.array([i not in flagged for i in responses.respondent_ids]))


def test_group_scores_flag_by_default_and_count_per_organization() -> None:
    rubric, responses = styled()
    groups = lm.group_scores(rubric, responses, "role", **FAST)
    assert groups.quality is not None
    assert groups.quality.n_flagged == 20
    for name, entry in groups.items():
        assert groups.quality[name].n_flagged == 10
        assert any(n.code == "response_quality" for n in entry.notices)
    assert groups.to_dict()["quality"]["screen"] == "flag"
    one = lm.group_scores(rubric, responses, "role", organization="org-0002", **FAST)
    assert one.quality is not None
    assert list(one.quality) == ["org-0002"]


def test_group_scores_exclude_equals_grouping_the_unflagged() -> None:
    rubric, responses = styled()
    excluded = lm.group_scores(rubric, responses, "role", screen="exclude", **FAST)
    assert excluded.quality is not None
    by_hand = lm.group_scores(
        rubric, _unflagged(responses, excluded.quality), "role", screen="off", **FAST
    )
    assert excluded.to_csv() == by_hand.to_csv()
    assert by_hand.quality is None


def test_perception_gap_screens_each_organization() -> None:
    rubric, responses = styled()
    flagged = lm.perception_gap(rubric, responses, **FAST)
    assert flagged.quality is not None
    assert all(any(n.code == "response_quality" for n in g.notices) for g in flagged.values())
    excluded = lm.perception_gap(rubric, responses, screen="exclude", **FAST)
    assert excluded.quality is not None
    by_hand = lm.perception_gap(
        rubric, _unflagged(responses, excluded.quality), screen="off", **FAST
    )
    assert excluded.to_csv() == by_hand.to_csv()
    assert excluded["org-0001"].n_first + excluded["org-0001"].n_second < 40


@settings(max_examples=5, deadline=None)
@given(every=st.integers(2, 12), seed=st.integers(0, 2**31))
def test_screen_off_and_flag_give_the_same_numbers(every: int, seed: int) -> None:
    rubric, responses = styled(every)
    off = lm.group_scores(rubric, responses, "team", seed=seed, n_resamples=100, screen="off")
    flag = lm.group_scores(rubric, responses, "team", seed=seed, n_resamples=100)
    assert off.to_csv() == flag.to_csv()
    assert "quality" not in off.to_dict()
    gap_off = lm.perception_gap(rubric, responses, seed=seed, n_resamples=100, screen="off")
    gap_flag = lm.perception_gap(rubric, responses, seed=seed, n_resamples=100)
    assert gap_off.to_csv() == gap_flag.to_csv()


def test_bad_screen_is_named() -> None:
    rubric, responses = styled()
    with pytest.raises(lm.ScoringError, match="screen: 'all' is not one of"):
        lm.group_scores(rubric, responses, "role", screen="all")  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="screen: 'all' is not one of"):
        lm.perception_gap(rubric, responses, screen="all")  # type: ignore[arg-type]
