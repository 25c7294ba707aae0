"""lm.targets / lm.recommend with a baseline scored on another rubric version: the change and
progress on the linked core of a migration map; the gaps stay the current report's."""

from __future__ import annotations

import pytest

import lomaturity as lm
from rubric_versions import MAP_PATH, new_rubric, old_rubric, same_answers

OLD, NEW = old_rubric(), new_rubric()
WAVE = lm.simulate_responses(OLD, organizations=1, respondents=15, seed=11).responses
SAME = same_answers(WAVE, NEW)


def test_targets_progress_across_versions() -> None:
    before = lm.score(OLD, WAVE, seed=1, n_resamples=300)
    now = lm.score(NEW, SAME, seed=1, n_resamples=300)
    result = lm.targets(NEW, now, baseline=before, baseline_rubric=OLD, migrations=MAP_PATH)
    change = result.overall.change
    assert change is not None
    assert change.difference == pytest.approx(0.0, abs=1e-9)
    assert result.overall.current == now.overall.value  # the gap stays the full report's
    assert "not linked" in (result.indicators["vc_new_item"].progress_reason or "")
    budget = result.indicators["st_learning_budget"].change
    assert budget is not None
    assert budget.first == before.indicators["st_learning_resources"].value
    with pytest.raises(lm.RecommendationError, match="baseline_rubric="):
        lm.targets(NEW, now, baseline=before)
    with pytest.raises(lm.RecommendationError, match="no migration map"):
        lm.targets(NEW, now, baseline=before, baseline_rubric=OLD)
    plan = lm.recommend(NEW, now, baseline=before, baseline_rubric=OLD, migrations=MAP_PATH)
    assert "linked_core" in [n.code for n in plan.notices]
