"""compare() with response-quality screening and the survey design: each side screened and
resampled as lm.score does it; paired comparisons refuse what they cannot derive."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm

V1 = "learning-organization@1.0.0"
B = 300


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric(V1)


def _rebuilt(responses: lm.Responses, rubric: lm.Rubric, values: np.ndarray) -> lm.Responses:
    return lm.responses_from_array(
        values,
        rubric,
        respondent_ids=list(responses.respondent_ids),
        organizations=list(responses.organizations),
        metadata={k: list(v) for k, v in responses.metadata.items()},
        indicator_ids=list(responses.indicator_ids),
    )


def two_units(rubric: lm.Rubric, n: int = 24, every: int = 4) -> tuple[lm.Responses, lm.Responses]:
    """Two organizations of ``n`` respondents; every ``every``-th answers 5 to everything."""
    sides = []
    for seed, name in ((1, "north"), (2, "south")):
        sim = lm.simulate_responses(
            rubric, organizations=1, respondents=n, seed=seed, manager_share=0.3, missing=0.0
        ).responses
        values = np.array(sim.values, dtype=np.float64)
        values[::every] = 5.0
        ids = [f"{name}-{i:03d}" for i in range(n)]
        sides.append(
            lm.responses_from_array(
                values,
                rubric,
                respondent_ids=ids,
                organizations=[name] * n,
                metadata={k: list(v) for k, v in sim.metadata.items()},
                indicator_ids=list(sim.indicator_ids),
            )
        )
    return sides[0], sides[1]


def _compare(a: lm.Responses, b: lm.Responses, rubric: lm.Rubric, **options: Any) -> lm.Comparison:
    result = lm.compare(a, b, rubric=rubric, seed=5, n_resamples=B, **options)
    assert isinstance(result, lm.Comparison)
    return result


# ----------------------------------------------------------------------------- screening


def test_each_side_is_screened_and_says_so(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    flagged = _compare(a, b, rubric)
    assert flagged.first_quality is not None
    assert flagged.second_quality is not None
    assert flagged.first_quality.n_flagged == 6
    assert flagged.first_quality.organization == "north"
    quality = [n for n in flagged.notices if n.code == "response_quality"]
    assert [n.message.split(":")[0] for n in quality] == ["north", "south"]
    assert flagged.to_dict()["quality"]["first"]["n_flagged"] == 6
    # the sides' scores are lm.score's with the same screening
    for mode in ("flag", "exclude"):
        result = _compare(a, b, rubric, screen=mode)
        own = lm.score(rubric, b, seed=5, n_resamples=B, screen=mode)
        assert result.overall.second == own.overall.value
        assert result.n_second == own.n_respondents
    assert _compare(a, b, rubric, screen="exclude").n_first == 18


def test_exclude_equals_comparing_the_unflagged_respondents(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    excluded = _compare(a, b, rubric, screen="exclude")
    assert excluded.first_quality is not None
    assert excluded.second_quality is not None
    keep_a = ~excluded.first_quality.flagged
    keep_b = ~excluded.second_quality.flagged
    by_hand = _compare(a.select(keep_a), b.select(keep_b), rubric, screen="off")
    assert excluded.to_csv() == by_hand.to_csv()
    assert by_hand.first_quality is None


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**31), every=st.integers(2, 9))
def test_screen_off_and_flag_give_the_same_numbers(
    rubric: lm.Rubric, seed: int, every: int
) -> None:
    a, b = two_units(rubric, n=12, every=every)
    off = lm.compare(a, b, rubric=rubric, seed=seed, n_resamples=100, screen="off")
    flag = lm.compare(a, b, rubric=rubric, seed=seed, n_resamples=100)
    assert isinstance(off, lm.Comparison)
    assert isinstance(flag, lm.Comparison)
    assert off.to_csv() == flag.to_csv()  # flagging counts, never changes a figure
    assert "quality" not in off.to_dict()
    assert off.first_quality is None


def test_reports_refuse_screening_and_design_but_carry_their_records(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric, n=8)
    population = lm.Population.of({"north": 10})
    ra = lm.score(rubric, a, seed=1, n_resamples=100, population=population)
    rb = lm.score(rubric, b, seed=1, n_resamples=100)
    mover = lm.compare(ra, rb)
    assert mover.first_quality == ra.quality
    assert mover.second_quality is not None
    assert mover.first_design == ra.design
    assert mover.second_design is None
    for option in ({"screen": "exclude"}, {"cluster": "team"}, {"fpc": False}):
        with pytest.raises(lm.ScoringError, match=f"{next(iter(option))}: reports keep"):
            lm.compare(ra, rb, **option)


# -------------------------------------------------------------------------------- design


def test_independent_sides_take_their_design(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    population = lm.Population.of({"north": 60, "south": 40})
    result = _compare(a, b, rubric, population=population, cluster="team")
    assert result.method == "independent-cluster-bootstrap"
    assert result.first_design is not None
    assert result.second_design is not None
    assert result.first_design.headcount == 60
    assert result.second_design.n_clusters is not None
    # the sides are lm.score's under the same design
    own = lm.score(rubric, a, seed=5, n_resamples=B, population=population, cluster="team")
    assert result.overall.first == own.overall.value
    assert result.to_dict()["design"]["second"]["headcount"] == 40


def test_a_census_on_both_sides_has_no_sampling_error(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    census = lm.Population.of({"north": 24, "south": 24})
    result = _compare(a, b, rubric, population=census, screen="off")
    assert result.overall.difference is not None
    assert result.overall.low == pytest.approx(result.overall.difference, abs=1e-9)
    assert result.overall.high == pytest.approx(result.overall.difference, abs=1e-9)
    without = _compare(a, b, rubric, population=census, fpc=False, screen="off")
    assert without.overall.low is not None
    assert without.overall.low < without.overall.difference  # type: ignore[operator]
    assert without.to_csv() == _compare(a, b, rubric, screen="off").to_csv()


def test_fpc_narrows_each_side_by_its_own_factor(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    # a census of one side: the difference's spread is the other side's alone
    half = _compare(a, b, rubric, population=lm.Population.of({"north": 24}), screen="off")
    plain = _compare(a, b, rubric, screen="off")
    assert half.overall.low is not None
    assert plain.overall.low is not None
    assert half.overall.high is not None
    assert plain.overall.high is not None
    assert half.overall.high - half.overall.low < plain.overall.high - plain.overall.low
    assert any(n.code == "no_headcount" and n.message.startswith("south") for n in half.notices)


def test_weighted_sides_use_the_effective_size(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric)
    roles = {name: {"manager": 10, "employee": 50} for name in ("north", "south")}
    population = lm.Population.of(roles, by="role")
    result = _compare(a, b, rubric, population=population, screen="off")
    assert result.method == "independent-stratified-bootstrap"
    assert result.first_design is not None
    assert result.first_design.weighted_by == "role"
    own = lm.score(rubric, a, seed=5, n_resamples=B, population=population, screen="off")
    assert result.overall.first == own.overall.value


def test_paired_waves_refuse_what_they_cannot_derive(rubric: lm.Rubric) -> None:
    one = lm.simulate_responses(rubric, organizations=1, respondents=20, seed=3).responses
    two = lm.simulate_responses(
        rubric, organizations=1, respondents=20, seed=3, maturity_mean=0.3
    ).responses
    org = one.organization_ids[0]
    options: list[tuple[dict[str, Any], str]] = [
        ({"cluster": "team"}, "cluster='team'"),
        ({"population": lm.Population.of({org: 40})}, "fpc=True"),
        (
            {"population": lm.Population.of({org: {"manager": 5, "employee": 35}}, by="role")},
            "population= with strata (weights by 'role')",
        ),
    ]
    for given_options, named in options:
        pattern = f"paired comparison .* cannot use {re.escape(named)}"
        with pytest.raises(lm.ScoringError, match=pattern):
            _compare(one, two, rubric, **given_options)
        # the same design is fine for independent samples
        assert _compare(one, two, rubric, paired=False, **given_options).paired is False
    # a headcount without the correction changes no range: allowed, with the response rate
    kept = _compare(one, two, rubric, population=lm.Population.of({org: 40}), fpc=False)
    assert kept.paired
    assert kept.first_design is not None
    assert kept.first_design.response_rate == pytest.approx(0.5)
    plain = _compare(one, two, rubric)
    assert kept.to_csv() == plain.to_csv()


def test_bad_design_options_are_named(rubric: lm.Rubric) -> None:
    a, b = two_units(rubric, n=8)
    with pytest.raises(lm.ScoringError, match="no 'squad' column"):
        _compare(a, b, rubric, cluster="squad", paired=False)
    with pytest.raises(lm.ScoringError, match="fpc: 'yes' is not True or False"):
        _compare(a, b, rubric, fpc="yes")
    with pytest.raises(lm.ScoringError, match="screen: 'drop' is not one of"):
        _compare(a, b, rubric, screen="drop")
    with pytest.raises(TypeError, match=r"population: expected a lomaturity\.Population"):
        _compare(a, b, rubric, population={"north": 3})
