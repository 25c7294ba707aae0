"""Change since a baseline with its range, and progress only where it is meaningful."""

from __future__ import annotations

import json
import math

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity.results import IntervalInfo, Score, ScoringOptions

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
DIMS = tuple(d.id for d in RUBRIC.dimensions)


def _score(subject: str, value: float, half: float, staged: bool) -> Score:
    return Score(
        subject,
        value,
        max(0.0, value - half),
        min(100.0, value + half),
        25,
        25,
        0,
        1.0,
        stage=RUBRIC.stage_for(value).id if staged else None,
        sd=20.0,
    )


def report(
    practice: float, half: float = 3.0, other: float = 60.0, confidence: float = 0.95
) -> lm.Report:
    dims = dict.fromkeys(DIMS, other) | {"practice": practice}
    overall = sum(dims.values()) / len(dims)
    return lm.Report(
        rubric_key=RUBRIC.key,
        organization="org",
        n_respondents=25,
        overall=_score("overall", overall, half, True),
        dimensions={d: _score(d, v, half, True) for d, v in dims.items()},
        indicators={i.id: _score(i.id, dims[i.dimension], half, False) for i in RUBRIC.indicators},
        stage=RUBRIC.stage_for(overall),
        interval=IntervalInfo("respondent-bootstrap", "percentile", confidence, 1000, 1),
        options=ScoringOptions(confidence=confidence, n_resamples=1000, seed=1),
        rubric_fingerprint=RUBRIC.fingerprint,
    )


def test_the_issue_example_is_a_change_with_a_range_not_883_percent() -> None:
    # practice 33.8 -> 44.7 with the baseline target 35 (next stage) nearly met
    g = lm.targets(RUBRIC, report(44.7), baseline=report(33.8)).dimensions["practice"]
    assert g.baseline_target == 35.0
    assert g.change is not None
    assert g.change.difference == pytest.approx(10.9)
    # MOVER with two symmetric ±3 ranges: ±3*sqrt(2)
    assert g.change.low == pytest.approx(10.9 - 3 * math.sqrt(2))
    assert g.change.high == pytest.approx(10.9 + 3 * math.sqrt(2))
    assert g.progress is None
    assert g.progress_low is None
    assert g.progress_reason is not None
    assert "within its own uncertainty" in g.progress_reason
    assert "+10.9" in g.progress_reason


def test_progress_has_the_range_of_the_change_on_its_scale() -> None:
    g = lm.targets(RUBRIC, report(45.0), baseline=report(40.0)).dimensions["practice"]
    assert g.baseline_target == 50.0
    assert g.progress == pytest.approx(50.0)
    assert g.change is not None
    assert g.change.low is not None
    assert g.change.high is not None
    assert g.progress_low == pytest.approx(10.0 * g.change.low)
    assert g.progress_high == pytest.approx(10.0 * g.change.high)
    assert g.progress is not None
    assert g.progress_low is not None
    assert g.progress_high is not None
    assert g.progress_low < g.progress < g.progress_high
    assert g.change.first_stage == "emerging"
    assert g.change.second_stage == "emerging"
    assert g.change.stage_changed is False


def test_the_gap_must_exceed_the_baseline_half_width() -> None:
    # gap 10 against a ±12 baseline range: not meaningful; against ±3: meaningful
    wide = lm.targets(RUBRIC, report(45.0, half=12.0), baseline=report(40.0, half=12.0))
    assert wide.dimensions["practice"].progress is None
    narrow = lm.targets(RUBRIC, report(45.0), baseline=report(40.0))
    assert narrow.dimensions["practice"].progress is not None


def test_baseline_with_another_confidence_is_refused() -> None:
    with pytest.raises(lm.RecommendationError, match="same confidence"):
        lm.targets(RUBRIC, report(45.0), baseline=report(40.0, confidence=0.9))


def test_change_in_dict_and_table() -> None:
    t = lm.targets(RUBRIC, report(45.0), baseline=report(40.0))
    data = t.to_dict()["dimensions"]["practice"]
    assert data["change"]["difference"] == pytest.approx(5.0)
    assert data["progress_low"] is not None
    json.dumps(t.to_dict(), allow_nan=False)
    row = next(r for r in t.to_records() if r["id"] == "practice")
    assert row["change"] == pytest.approx(5.0)
    assert row["change_low"] is not None
    assert row["change_high"] is not None
    assert row["progress_high"] == pytest.approx(data["progress_high"])


def test_no_baseline_no_change() -> None:
    g = lm.targets(RUBRIC, report(45.0)).dimensions["practice"]
    assert g.change is None
    assert "change" not in g.to_dict()


@given(
    before=st.floats(0, 100, allow_nan=False),
    after=st.floats(0, 100, allow_nan=False),
    half=st.floats(0.5, 10),
)
def test_change_range_always_holds_the_change(before: float, after: float, half: float) -> None:
    g = lm.targets(RUBRIC, report(after, half), baseline=report(before, half)).overall
    assert g.change is not None
    assert g.change.difference is not None
    assert g.change.low is not None
    assert g.change.high is not None
    assert g.change.low <= g.change.difference <= g.change.high
    if g.progress is not None:
        assert g.progress_low is not None
        assert g.progress_high is not None
        assert g.progress_low <= g.progress <= g.progress_high


def test_a_wave_against_itself_changes_by_zero_within_its_range() -> None:
    rubric = RUBRIC
    responses = lm.example_responses("learning-organization@1.0.0")
    now = lm.score(rubric, responses, organization="nordwind-manufacturing", seed=1)
    same = evolve(now, organization="nordwind-manufacturing")
    g = lm.targets(rubric, now, baseline=same).overall
    assert g.change is not None
    assert g.change.difference == 0.0
    assert g.change.low is not None
    assert g.change.high is not None
    assert g.change.low < 0.0 < g.change.high


def test_close_confidence_levels_are_told_apart_in_the_message() -> None:
    # Regression: 0.95 and 0.951 were both printed as "95%".
    with pytest.raises(lm.RecommendationError, match=r"95\.1 % ranges and the report's 95 %"):
        lm.targets(RUBRIC, report(45.0), baseline=report(40.0, confidence=0.951))
