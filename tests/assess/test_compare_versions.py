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


# --- through the shipped 1.0.0 -> 1.1.0 map (review9) ---------------------------------------


def _shipped_waves() -> tuple[lm.Rubric, lm.Rubric, lm.Responses, lm.Responses]:
    a = lm.load_rubric("learning-organization@1.0.0")
    b = lm.load_rubric("learning-organization@1.1.0")
    org = "brightloom-design"
    return (
        a,
        b,
        lm.example_responses(a).for_organization(org),
        lm.example_responses(b).for_organization(org),
    )


def test_swapping_the_sides_flips_the_sign_on_the_shipped_map() -> None:
    """compare(b, a) is the mirror of compare(a, b): the same linked core (the map's own
    direction decides which rubric's weights and ids it has), every difference negated."""
    a, b, wave_a, wave_b = _shipped_waves()
    forward = lm.compare(wave_a, wave_b, rubric=(a, b), seed=3, n_resamples=200, paired=False)
    backward = lm.compare(wave_b, wave_a, rubric=(b, a), seed=3, n_resamples=200, paired=False)
    assert isinstance(forward, lm.Comparison)
    assert isinstance(backward, lm.Comparison)
    assert set(backward.indicators) == set(forward.indicators)
    assert backward.overall.first == pytest.approx(forward.overall.second)
    assert backward.overall.second == pytest.approx(forward.overall.first)
    for key, c in forward.dimensions.items():
        assert backward.dimensions[key].difference == pytest.approx(-(c.difference or 0.0))
    assert backward.rubric_key == f"{b.key} -> {a.key}"


def test_the_shipped_core_scores_are_the_linked_answers() -> None:
    """A one-to-one core indicator's first-side score is the 1.0.0 item's own score, and a
    split's second-side score is the mean of its parts' 0-100 scores (same weights)."""
    a, b, wave_a, wave_b = _shipped_waves()
    result = lm.compare(wave_a, wave_b, rubric=(a, b), seed=3, n_resamples=200, paired=False)
    assert isinstance(result, lm.Comparison)
    full_a = lm.score(a, wave_a, seed=3, n_resamples=200)
    full_b = lm.score(b, wave_b, seed=3, n_resamples=200)
    same = result.indicators["pr_self_service"]
    assert same.first == pytest.approx(full_a.indicators["pr_self_service"].value)
    assert same.second == pytest.approx(full_b.indicators["pr_self_service"].value)
    rekeyed = result.indicators["vc_values_lived"]
    assert rekeyed.first == pytest.approx(full_a.indicators["vc_people_as_resources"].value)
    split = result.indicators["st_learning_budget+st_learning_time"]
    assert split.first == pytest.approx(full_a.indicators["st_learning_resources"].value)
    assert "vc_learning_talk" not in result.indicators  # rescaled: comparability none


def test_swapping_reports_of_two_versions_flips_the_sign() -> None:
    a, b, wave_a, wave_b = _shipped_waves()
    first = lm.score(a, wave_a, seed=1, n_resamples=200)
    second = lm.score(b, wave_b, seed=1, n_resamples=200)
    forward = lm.compare(first, second, rubric=(a, b))
    backward = lm.compare(second, first, rubric=(b, a))
    assert set(forward.indicators) == set(backward.indicators)
    assert backward.overall.difference == pytest.approx(-(forward.overall.difference or 0.0))
