"""Simulated organizations: lm.simulate_responses and the truth behind its answers."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import make_rubric
from lomaturity._survey.simulate import _normal_cdf
from lomaturity.responses import Simulation, SimulationSettings, TrueScores

SMALL = make_rubric(
    {"culture": ["c1", "c2", "c3"], "practice": ["p1", "p2"]},
    points=7,
    low=0,
    reverse=["c2", "p2"],
    weights={"c1": 2.0, "p1": 0.5},
)


def test_public_paths() -> None:
    assert lm.simulate_responses.__module__ == "lomaturity"
    for cls in (Simulation, SimulationSettings, TrueScores):
        assert cls.__module__ == "lomaturity.responses"


def test_same_seed_same_simulation(default_rubric: lm.Rubric) -> None:
    a = lm.simulate_responses(default_rubric, organizations=3, respondents=20, seed=7)
    b = lm.simulate_responses(default_rubric, organizations=3, respondents=20, seed=7)
    c = lm.simulate_responses(default_rubric, organizations=3, respondents=20, seed=8)
    assert a.seed == 7
    assert a.responses.equals(b.responses)
    assert a.truth == b.truth
    assert a.to_dict() == b.to_dict()
    assert not a.responses.equals(c.responses)
    assert a.truth != c.truth


def test_seed_none_is_drawn_recorded_and_reproducible() -> None:
    a = lm.simulate_responses(SMALL, organizations=2, respondents=10)
    assert isinstance(a.seed, int)
    assert 0 <= a.seed < 2**53
    b = lm.simulate_responses(SMALL, organizations=2, respondents=10, seed=a.seed)
    assert a.responses.equals(b.responses)
    assert a.truth == b.truth


def test_layout_ids_and_metadata(default_rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(default_rubric, organizations=3, respondents=[5, 40, 12], seed=1)
    r = sim.responses
    assert r.n_respondents == 57
    assert r.organization_ids == ("org-0001", "org-0002", "org-0003")
    assert list(sim.truth) == list(r.organization_ids)
    assert len(set(r.respondent_ids)) == 57
    assert r.respondent_ids[0] == "org-0001-0001"
    assert r.respondent_ids[-1] == "org-0003-0012"
    assert r.indicator_ids == default_rubric.indicator_ids
    assert r.rubric_key == default_rubric.key
    assert r.rubric_fingerprint == default_rubric.fingerprint
    assert set(r.metadata) == {"team", "role"}
    assert set(r.roles) <= {"manager", "employee"}
    assert all(str(t).startswith("team-") for t in r.teams)
    # org-0002 has 40 respondents and 5 teams of about 8
    teams = {t for t, o in zip(r.teams, r.organizations, strict=True) if o == "org-0002"}
    assert 2 <= len(teams) <= 5
    assert sim.settings.respondents == (5, 40, 12)


def test_round_trips_through_csv(default_rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        default_rubric, organizations=2, respondents=15, seed=3, sectors={"a": 0.0, "b": 1.0}
    )
    text = lm.responses_to_csv_text(sim.responses)
    again = lm.read_responses(io.StringIO(text), default_rubric)
    assert again.equals(sim.responses)


def test_answers_are_on_scale_and_reverse_keyed() -> None:
    sim = lm.simulate_responses(
        SMALL,
        organizations=1,
        respondents=400,
        seed=5,
        maturity_mean=2.0,
        maturity_sd=0.0,
        dimension_sd=0.0,
        missing=0.0,
        not_applicable=0.0,
    )
    values = sim.responses.values
    assert not np.isnan(values).any()
    assert values.min() >= 0
    assert values.max() <= 6
    assert np.array_equal(values, np.round(values))
    column = {iid: j for j, iid in enumerate(SMALL.indicator_ids)}
    # high maturity: high answers, but low ones on the reverse-keyed indicators
    assert values[:, column["c1"]].mean() > 4.5
    assert values[:, column["c2"]].mean() < 1.5


def test_symmetric_model_has_truth_fifty() -> None:
    sim = lm.simulate_responses(
        SMALL,
        organizations=2,
        respondents=3,
        seed=0,
        maturity_sd=0.0,
        dimension_sd=0.0,
        difficulty_sd=0.0,
        manager_gap=0.0,
    )
    for truth in sim.truth.values():
        assert truth.overall == pytest.approx(50.0, abs=1e-9)
        assert all(v == pytest.approx(50.0, abs=1e-9) for v in truth.indicators.values())


def test_normal_cdf_matches_erf() -> None:
    x = np.linspace(-8.0, 8.0, 1601)
    exact = np.array([0.5 * math.erfc(-v / math.sqrt(2.0)) for v in x])
    assert np.allclose(_normal_cdf(x), exact, rtol=2e-7, atol=1e-12)


def _true_weighted(sim: Simulation, rubric: lm.Rubric) -> None:
    """Dimension truth = weighted mean of its indicators' truth; overall likewise."""
    for truth in sim.truth.values():
        for dim in rubric.dimensions:
            items = [i for i in rubric.indicators if i.dimension == dim.id]
            expected = sum(i.weight * truth.indicators[i.id] for i in items) / sum(
                i.weight for i in items
            )
            assert truth.dimensions[dim.id] == pytest.approx(expected)
        total = sum(d.weight for d in rubric.dimensions)
        overall = sum(d.weight * truth.dimensions[d.id] for d in rubric.dimensions) / total
        assert truth.overall == pytest.approx(overall)


def test_truth_aggregates_with_weights() -> None:
    _true_weighted(lm.simulate_responses(SMALL, organizations=3, seed=2), SMALL)


def _recovery(rubric: lm.Rubric, **options: Any) -> tuple[list[float], list[bool]]:
    sim = lm.simulate_responses(rubric, respondents=2000, **options)
    reports = lm.score_organizations(
        rubric, sim.responses, seed=1, n_resamples=300, agreement=False
    )
    errors: list[float] = []
    covered: list[bool] = []
    for org, truth in sim.truth.items():
        report = reports[org]
        assert report.overall.value is not None
        assert report.overall.low is not None
        assert report.overall.high is not None
        errors.append(report.overall.value - truth.overall)
        covered.append(report.overall.low <= truth.overall <= report.overall.high)
        errors.extend(
            float(d.value or math.nan) - truth.dimensions[d.id] for d in report.dimensions.values()
        )
    return errors, covered


def test_scoring_recovers_the_truth(default_rubric: lm.Rubric) -> None:
    errors, _ = _recovery(default_rubric, organizations=6, seed=11)
    assert max(abs(e) for e in errors) < 3.0
    assert abs(float(np.mean(errors))) < 0.5


def test_ranges_cover_the_truth_without_team_clustering(default_rubric: lm.Rubric) -> None:
    # Team offsets make answers clustered; the respondent bootstrap does not see that, so the
    # coverage check runs without them.
    errors, covered = _recovery(default_rubric, organizations=8, seed=12, team_sd=0.0)
    assert max(abs(e) for e in errors) < 3.0
    assert sum(covered) >= 6


def test_small_rubric_recovers_the_truth() -> None:
    errors, _ = _recovery(SMALL, organizations=3, seed=4, manager_gap=1.0)
    assert max(abs(e) for e in errors) < 3.0


def test_missing_and_not_applicable_shares(default_rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        SMALL, organizations=4, respondents=500, seed=9, missing=0.1, not_applicable=0.2
    )
    r = sim.responses
    blank = np.isnan(r.values) & ~r.not_applicable
    assert blank.mean() == pytest.approx(0.1, abs=0.01)
    assert r.not_applicable.mean() == pytest.approx(0.2, abs=0.01)
    assert np.isnan(r.values[r.not_applicable]).all()
    # only indicators that allow NA get it
    big = lm.simulate_responses(default_rubric, organizations=2, respondents=500, seed=9)
    allow = np.array([i.allow_na for i in default_rubric.indicators])
    assert not big.responses.not_applicable[:, ~allow].any()
    assert big.responses.not_applicable[:, allow].mean() == pytest.approx(0.03, abs=0.01)
    none = lm.simulate_responses(SMALL, seed=1, missing=0.0, not_applicable=0.0)
    assert not np.isnan(none.responses.values).any()


def test_sector_effects_order_sector_means() -> None:
    sectors = {"public": -1.0, "retail": 0.0, "software": 1.0}
    sim = lm.simulate_responses(SMALL, organizations=30, respondents=3, seed=6, sectors=sectors)
    means = {
        name: np.mean([t.overall for t in sim.truth.values() if t.sector == name])
        for name in sectors
    }
    assert means["public"] < means["retail"] < means["software"]
    r = sim.responses
    assert set(r.metadata) == {"team", "role", "sector"}
    assert r.metadata["sector"][:3] == ("public",) * 3
    assert sim.truth["org-0002"].sector == "retail"
    assert sim.settings.sectors == sectors


def test_to_dict_is_json_ready() -> None:
    sim = lm.simulate_responses(SMALL, organizations=2, respondents=4, seed=3, sectors={"x": 0.5})
    out = json.loads(json.dumps(sim.to_dict()))
    assert out["seed"] == 3
    assert out["rubric"] == SMALL.key
    assert out["n_respondents"] == 8
    assert out["settings"]["respondents"] == [4, 4]
    assert out["settings"]["sectors"] == {"x": 0.5}
    assert out["truth"][0]["organization"] == "org-0001"
    assert out["truth"][0]["sector"] == "x"
    assert set(out["difficulty"]) == set(SMALL.indicator_ids)


def test_not_a_rubric_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="simulate_responses"):
        lm.simulate_responses("learning-organization")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"organizations": 0}, "organizations: 0"),
        ({"organizations": True}, "organizations: True"),
        ({"respondents": 0}, "respondents: 0 is not an integer within 1..50,000,000"),
        ({"respondents": 10**30}, "respondents: 10+ is not an integer within"),
        ({"organizations": 10_000, "respondents": 10_000}, "more than 50,000,000 in one call"),
        ({"respondents": "30"}, "not an integer or a sequence"),
        ({"respondents": [3, 0]}, r"respondents\[1\]: 0"),
        ({"organizations": 3, "respondents": [3, 4]}, "2 counts for 3 organizations"),
        ({"seed": -1}, "seed: -1"),
        ({"seed": np.random.default_rng(1)}, "Generator is not accepted"),
        ({"sectors": {}}, "sectors: {} is not a non-empty mapping"),
        ({"sectors": [("a", 1.0)]}, "is not a non-empty mapping"),
        ({"sectors": {" a": 1.0}}, "is not a sector name"),
        ({"sectors": {"a": math.nan}}, r"sectors\['a'\]: nan is not a number within -20..20"),
        ({"maturity_mean": "high"}, "maturity_mean: 'high' is not a number within"),
        ({"maturity_mean": 1e308}, "maturity_mean: 1e[+]308 is not a number within -20..20"),
        ({"maturity_sd": -0.1}, "maturity_sd: -0.1 is not a finite number with 0 <= x <= 20"),
        (
            {"difficulty_sd": 1e308},
            "difficulty_sd: 1e[+]308 is not a finite number with 0 <= x <= 20",
        ),
        ({"team_sd": math.inf}, "team_sd: inf"),
        ({"noise_sd": 0.0}, "noise_sd: 0.0 is not a finite number with 0.01 <= x <= 20"),
        ({"team_size": 1e-20}, "team_size: 1e-20 is not a finite number with 1 <= x <= 1e[+]06"),
        ({"team_size": 0}, "team_size: 0"),
        ({"manager_share": 1.5}, "manager_share: 1.5 is not a finite number with 0 <= x <= 1"),
        ({"manager_gap": None}, "manager_gap: None"),
        ({"missing": 1.0}, "missing: 1.0 is not within 0 <= x < 1"),
        ({"not_applicable": -0.1}, "not_applicable: -0.1"),
        ({"missing": 0.6, "not_applicable": 0.5}, "missing \\+ not_applicable"),
    ],
)
def test_bad_settings_are_named(options: dict[str, Any], message: str) -> None:
    with pytest.raises(lm.ScoringError, match=message):
        lm.simulate_responses(SMALL, **options)


def test_every_bad_setting_is_named_at_once() -> None:
    with pytest.raises(lm.ScoringError) as info:
        lm.simulate_responses(SMALL, organizations=-1, seed=-2, missing=2.0)
    text = str(info.value)
    assert text.startswith("invalid simulation options: ")
    for name in ("organizations", "seed", "missing"):
        assert f"{name}: " in text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    organizations=st.integers(1, 5),
    respondents=st.integers(1, 12),
    seed=st.integers(0, 2**63),
    mean=st.floats(-4, 4),
    gap=st.floats(-2, 2),
    team_size=st.floats(1, 20),
)
def test_shapes_and_ranges(
    organizations: int, respondents: int, seed: int, mean: float, gap: float, team_size: float
) -> None:
    sim = lm.simulate_responses(
        SMALL,
        organizations=organizations,
        respondents=respondents,
        seed=seed,
        maturity_mean=mean,
        manager_gap=gap,
        team_size=team_size,
    )
    r = sim.responses
    assert r.values.shape == (organizations * respondents, len(SMALL.indicators))
    answered = r.values[~np.isnan(r.values)]
    assert ((answered >= 0) & (answered <= 6) & (answered == np.round(answered))).all()
    assert len(sim.truth) == organizations
    for truth in sim.truth.values():
        assert 0.0 <= truth.overall <= 100.0
        assert all(0.0 <= v <= 100.0 for v in truth.dimensions.values())
        assert all(0.0 <= v <= 100.0 for v in truth.indicators.values())
