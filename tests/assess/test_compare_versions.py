"""lm.compare across rubric versions through a migration map: only the linked core,
recomputed on both sides, said in the result; refused without a map."""

from __future__ import annotations

import pytest

import lomaturity as lm
from rubric_versions import MAP_PATH, new_rubric, old_rubric, same_answers

OLD, NEW = old_rubric(), new_rubric()
WAVE = lm.simulate_responses(OLD, organizations=1, respondents=15, seed=11).responses
SAME = same_answers(WAVE, NEW)
CORE = {
    *(i for i in OLD.indicator_ids if i not in {"vc_dei_daily", "vc_learning_talk"}),
    "st_learning_budget",
    "st_platforms_current+st_platforms_access",
} - {"st_learning_resources", "st_learning_environment"}


def _compare(a: lm.Responses, b: lm.Responses) -> lm.Comparison:
    result = lm.compare(a, b, rubric=(OLD, NEW), migrations=MAP_PATH, seed=3, n_resamples=300)
    assert isinstance(result, lm.Comparison)
    return result


def test_the_same_answers_do_not_differ_on_the_core() -> None:
    # Renamed, split, moved, reweighted and rekeyed items all put back on one footing: the
    # same people giving the same answers show no difference anywhere.
    result = _compare(WAVE, SAME)
    assert set(result.indicators) == CORE
    contrasts = [result.overall, *result.dimensions.values(), *result.indicators.values()]
    assert all(c.difference == pytest.approx(0.0, abs=1e-9) for c in contrasts)
    assert result.rubric_key == f"{OLD.key} -> {NEW.key}"
    assert result.rubric_fingerprint is None


def test_the_result_says_what_was_compared() -> None:
    result = _compare(WAVE, SAME)
    notice = result.notices[0]
    assert notice.code == "linked_core"
    assert "st_learning_budget" in notice.message
    assert "vc_dei_daily" not in notice.message
    assert "differ from the full rubrics' scores" in notice.message
    assert "APPROXIMATE" in notice.message


def test_core_scores_differ_from_full_scores() -> None:
    full = lm.score(OLD, WAVE, seed=3, n_resamples=300)
    core = _compare(WAVE, SAME)
    assert core.overall.first != pytest.approx(full.overall.value)


def test_a_real_change_is_seen() -> None:
    later = lm.simulate_responses(NEW, organizations=1, respondents=15, seed=12, maturity_mean=1.5)
    result = _compare(WAVE, later.responses)
    assert result.overall.difference is not None
    assert result.overall.difference > 0


def test_reports_across_versions() -> None:
    a = lm.score(OLD, WAVE, seed=1, n_resamples=300)
    b = lm.score(NEW, SAME, seed=1, n_resamples=300)
    result = lm.compare(a, b, rubric=(OLD, NEW), migrations=MAP_PATH)
    assert result.overall.difference == pytest.approx(0.0, abs=1e-9)
    assert (
        result.indicators["st_learning_budget"].first == a.indicators["st_learning_resources"].value
    )
    assert [n.code for n in result.notices[:2]] == ["linked_core", "linked_core_ranges"]
    # A recomputed range is the weighted mean of the indicator ranges: never narrower than
    # the narrowest indicator's.
    assert result.overall.low is not None
    assert result.overall.high is not None
    with pytest.raises(lm.ScoringError, match="order of the reports"):
        lm.compare(a, b, rubric=(NEW, OLD), migrations=MAP_PATH)


def test_refused_without_a_map() -> None:
    a = lm.score(OLD, WAVE, seed=1, n_resamples=200)
    b = lm.score(NEW, SAME, seed=1, n_resamples=200)
    with pytest.raises(lm.ScoringError) as info:
        lm.compare(a, b)
    assert OLD.key in str(info.value)
    assert NEW.key in str(info.value)
    assert "rubric=(first_rubric, second_rubric)" in str(info.value)
    with pytest.raises(lm.ScoringError, match=r"no migration map links them.*migrations=path"):
        lm.compare(a, b, rubric=(OLD, NEW))
    with pytest.raises(lm.ScoringError, match="no migration map"):
        lm.compare(WAVE, SAME, rubric=(OLD, NEW))


def test_report_sets_and_one_rubric_named_twice() -> None:
    panel = lm.simulate_responses(OLD, organizations=2, respondents=8, seed=21).responses
    a = lm.score_organizations(OLD, panel, seed=1, n_resamples=200)
    b = lm.score_organizations(NEW, same_answers(panel, NEW), seed=1, n_resamples=200)
    result = lm.compare(a, b, rubric=(OLD, NEW), migrations=MAP_PATH)
    assert isinstance(result, lm.results.ComparisonSet)
    assert result.rubric_key == f"{OLD.key} -> {NEW.key}"
    assert all(c.overall.difference == pytest.approx(0.0, abs=1e-9) for c in result.values())
    same = lm.compare(a, a, rubric=(OLD, OLD))
    assert same.rubric_key == OLD.key


def test_bad_migrations_argument() -> None:
    with pytest.raises(TypeError, match="migrations: expected"):
        lm.compare(WAVE, SAME, rubric=(OLD, NEW), migrations=42)  # type: ignore[call-overload]
