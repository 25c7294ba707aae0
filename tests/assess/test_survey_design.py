"""Survey design in scoring: response rate, finite-population correction, post-stratified
weights, team-clustered bootstrap and design effects (docs/survey-design.md)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm

RUBRIC = "learning-organization@1.0.0"


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def sim(rubric: lm.Rubric) -> lm.Responses:
    return lm.simulate_responses(
        rubric,
        organizations=2,
        respondents=40,
        seed=5,
        missing=0.0,
        not_applicable=0.0,
        manager_share=0.3,
    ).responses


def _without(value: Any, keys: set[str]) -> Any:
    """``value`` (JSON data) with every mapping entry named in ``keys`` left out."""
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def test_default_results_are_byte_identical_to_before(rubric: lm.Rubric) -> None:
    # Digests of the JSON and the CSV of main at ab4b052 (just before survey design), same seed
    # (updated since: JSON for the r*wg(j) cut-off .50, CSV for the interval and stage-support
    # columns; neither changes a score):
    # the design options must leave default scoring exactly as it was.
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), seed=20261201, n_resamples=300
    )
    # response-quality screening (merged after) only adds its own keys: leave them out
    text = json.dumps(_without(reports.to_dict(), {"quality", "screen"}), sort_keys=True)
    assert hashlib.sha256(text.encode()).hexdigest() == (
        "3d0977a7d67b3ae98830bb5da0d714f229c34a65cbfb8540131b88363db01680"
    )
    assert hashlib.sha256(reports.to_csv().encode()).hexdigest() == (
        "a68da4ac5f34eb8407a0a6da0e8be527a1fc3b41cb85bde35a40860d22e9cd4a"
    )


def test_headcount_without_correction_changes_no_figure(
    rubric: lm.Rubric, sim: lm.Responses
) -> None:
    plain = lm.score(rubric, sim, organization="org-0001", seed=3, n_resamples=300)
    population = lm.Population.of({"org-0001": 50})
    given = lm.score(
        rubric,
        sim,
        organization="org-0001",
        seed=3,
        n_resamples=300,
        population=population,
        fpc=False,
    )
    assert given.overall == plain.overall
    assert dict(given.dimensions) == dict(plain.dimensions)
    assert given.design is not None
    assert plain.design is None
    assert given.response_rate == pytest.approx(40 / 50)
    assert given.design.fpc is None
    assert given.to_dict()["design"]["response_rate"] == 0.8


@pytest.mark.parametrize(
    "interval", ["auto", "percentile", "expanded", "studentized", "studentized_union"]
)
def test_finite_population_correction_scales_half_widths(
    rubric: lm.Rubric, sim: lm.Responses, interval: lm.results.IntervalMethod
) -> None:
    plain = lm.score(
        rubric, sim, organization="org-0002", seed=9, n_resamples=400, interval=interval
    )
    fixed = lm.score(
        rubric,
        sim,
        organization="org-0002",
        seed=9,
        n_resamples=400,
        interval=interval,
        population=lm.Population.of({"org-0002": 64}),
    )
    factor = np.sqrt(1 - 40 / 64)
    assert fixed.design is not None
    assert fixed.design.fpc == pytest.approx(factor)
    for a, b in [
        (plain.overall, fixed.overall),
        *zip(plain.dimensions.values(), fixed.dimensions.values(), strict=False),
    ]:
        assert a.value is not None
        assert a.low is not None
        assert a.high is not None
        assert b.value is not None
        assert b.low is not None
        assert b.high is not None
        assert b.value == pytest.approx(a.value)
        assert b.high - b.value == pytest.approx(factor * (a.high - a.value), rel=1e-9)
        assert b.value - b.low == pytest.approx(factor * (a.value - a.low), rel=1e-9)


def test_census_has_no_sampling_error(rubric: lm.Rubric, sim: lm.Responses) -> None:
    report = lm.score(
        rubric,
        sim,
        organization="org-0001",
        seed=1,
        n_resamples=200,
        population=lm.Population.of({"org-0001": 40}),
    )
    assert report.response_rate == 1.0
    assert report.overall.low == report.overall.value == report.overall.high


def test_more_respondents_than_people_is_refused(rubric: lm.Rubric, sim: lm.Responses) -> None:
    with pytest.raises(lm.ScoringError, match="40 respondents but a headcount of 39"):
        lm.score(
            rubric,
            sim,
            organization="org-0001",
            n_resamples=200,
            population=lm.Population.of({"org-0001": 39}),
        )


def test_post_stratified_scores_are_population_weighted_group_means(
    rubric: lm.Rubric, sim: lm.Responses
) -> None:
    one = sim.for_organization("org-0001")
    roles = list(one.roles)
    n_m, n_e = roles.count("manager"), roles.count("employee")
    assert n_m >= 2
    assert n_e >= 2
    population = lm.Population.of({"org-0001": {"manager": 10, "employee": 90}}, by="role")
    weighted = lm.score(
        rubric, sim, organization="org-0001", seed=2, n_resamples=200, population=population
    )
    groups = lm.group_scores(rubric, one, by="role", min_group_size=1, n_resamples=100, seed=1)
    by_role = groups["org-0001"].groups
    for iid, score in weighted.indicators.items():
        manager = by_role["manager"].indicators[iid].value
        employee = by_role["employee"].indicators[iid].value
        assert manager is not None
        assert employee is not None
        expected = 0.1 * manager + 0.9 * employee
        assert score.value == pytest.approx(expected, abs=1e-9)
    design = weighted.design
    assert design is not None
    assert design.weighted_by == "role"
    weights = {s.stratum: s.weight for s in design.strata}
    assert weights["manager"] == pytest.approx(0.1 / (n_m / 40))
    assert design.effective_n < 40
    assert weighted.interval.method == "stratified-bootstrap"
    assert weighted.overall.design_effect is not None


def test_proportional_strata_change_no_score(rubric: lm.Rubric, sim: lm.Responses) -> None:
    one = sim.for_organization("org-0001")
    roles = list(one.roles)
    counts = {"manager": 2 * roles.count("manager"), "employee": 2 * roles.count("employee")}
    plain = lm.score(rubric, sim, organization="org-0001", seed=2, n_resamples=200)
    weighted = lm.score(
        rubric,
        sim,
        organization="org-0001",
        seed=2,
        n_resamples=200,
        population=lm.Population.of({"org-0001": counts}, by="role"),
    )
    for a, b in zip(plain.indicators.values(), weighted.indicators.values(), strict=True):
        assert b.value == pytest.approx(a.value, abs=1e-9)


def test_cluster_bootstrap_reports_a_design_effect_above_one_for_team_effects(
    rubric: lm.Rubric,
) -> None:
    teams = lm.simulate_responses(
        rubric, organizations=1, respondents=120, seed=4, team_size=6, team_sd=0.8
    ).responses
    report = lm.score(rubric, teams, seed=1, n_resamples=1000, cluster="team")
    assert report.design is not None
    assert report.design.n_clusters is not None
    assert report.design.n_clusters >= 10
    assert report.interval.method == "cluster-bootstrap"
    assert report.design.design_effect is not None
    assert report.design.design_effect > 1.5
    assert report.overall.design_effect == report.design.design_effect


def test_one_respondent_per_team_has_design_effect_near_one(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(rubric, organizations=1, respondents=60, seed=8).responses
    alone = {**sim.metadata, "team": tuple(f"t{i}" for i in range(sim.n_respondents))}
    single = attrs.evolve(sim, metadata=alone)
    report = lm.score(rubric, single, seed=1, n_resamples=2000, cluster="team")
    assert report.design is not None
    assert report.design.design_effect is not None
    assert 0.85 < report.design.design_effect < 1.15


def test_few_clusters_are_flagged(rubric: lm.Rubric, sim: lm.Responses) -> None:
    report = lm.score(rubric, sim, organization="org-0001", n_resamples=200, cluster="team")
    assert "few_clusters" in {n.code for n in report.notices}


def test_results_are_seeded_and_order_free(rubric: lm.Rubric, sim: lm.Responses) -> None:
    population = lm.Population.of(
        {"org-0001": {"manager": 20, "employee": 80}, "org-0002": {"manager": 30, "employee": 70}},
        by="role",
    )
    both = lm.score_organizations(
        rubric, sim, seed=6, n_resamples=200, population=population, cluster="team"
    )
    one = lm.score(
        rubric,
        sim,
        organization="org-0002",
        seed=6,
        n_resamples=200,
        population=population,
        cluster="team",
    )
    assert both["org-0002"].overall == one.overall
    assert both["org-0002"].design == one.design


def test_organization_without_headcount_is_flagged(rubric: lm.Rubric, sim: lm.Responses) -> None:
    reports = lm.score_organizations(
        rubric, sim, n_resamples=200, population=lm.Population.of({"org-0001": 80})
    )
    assert reports["org-0002"].design is None
    notice = next(n for n in reports["org-0002"].notices if n.code == "no_headcount")
    assert "did you mean 'org-0001'" in notice.message


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"cluster": "team", "interval": "bca"}, lm.ScoringError, "not available with cluster"),
        ({"cluster": "team", "interval": "studentized"}, lm.ScoringError, "interval"),
        ({"cluster": "team", "interval": "studentized_union"}, lm.ScoringError, "interval"),
        ({"cluster": ""}, lm.ScoringError, "cluster: '' is not a column name"),
        ({"cluster": "teem"}, lm.ScoringError, "did you mean 'team'"),
        ({"fpc": "yes", "population": None}, None, None),
        ({"population": {"org-0001": 40}}, TypeError, "lomaturity.Population"),
    ],
)
def test_design_options_are_validated(
    rubric: lm.Rubric,
    sim: lm.Responses,
    options: dict[str, object],
    error: type[Exception] | None,
    match: str | None,
) -> None:
    if error is None:  # fpc is checked even without a population
        with pytest.raises(lm.ScoringError, match="fpc"):
            lm.score(rubric, sim, organization="org-0001", n_resamples=200, **options)  # type: ignore[arg-type]
        return
    with pytest.raises(error, match=match):
        lm.score(rubric, sim, organization="org-0001", n_resamples=200, **options)  # type: ignore[arg-type]


def test_strata_the_population_lacks_are_named(rubric: lm.Rubric, sim: lm.Responses) -> None:
    population = lm.Population.of({"org-0001": {"manager": 10, "staff": 90}}, by="role")
    with pytest.raises(lm.ScoringError, match="role 'employee' have no headcount"):
        lm.score(rubric, sim, organization="org-0001", n_resamples=200, population=population)


def test_design_table_and_dict(rubric: lm.Rubric, sim: lm.Responses) -> None:
    from lomaturity._results.tables import TABLES

    population = lm.Population.of({"org-0001": {"manager": 10, "employee": 90}}, by="role")
    report = lm.score(
        rubric, sim, organization="org-0001", n_resamples=200, seed=1, population=population
    )
    assert report.design is not None
    rows = report.design.to_records()
    assert [list(r) for r in rows] == [list(TABLES["design"])] * 3
    assert rows[0]["stratum"] is None
    assert rows[0]["headcount"] == 100
    assert [r["stratum"] for r in rows[1:]] == ["manager", "employee"]
    data = report.to_dict()["design"]
    assert data["weighted_by"] == "role"
    assert data["effective_n"] == round(report.design.effective_n, 4)
    assert report.to_dict()["overall"]["design_effect"] == round(
        report.overall.design_effect or 0.0, 4
    )


def test_empty_and_thin_strata_are_flagged(rubric: lm.Rubric, sim: lm.Responses) -> None:
    one = sim.for_organization("org-0001")
    keep = [i for i, r in enumerate(one.roles) if r == "employee"]
    keep.append(next(i for i, r in enumerate(one.roles) if r == "manager"))
    thin = one.select(sorted(keep))
    population = lm.Population.of(
        {"org-0001": {"manager": 10, "employee": 90, "director": 3}}, by="role"
    )
    report = lm.score(rubric, thin, n_resamples=200, seed=1, population=population)
    codes = {n.code: n.message for n in report.notices}
    assert "'director'" in codes["empty_stratum"]
    assert "'manager'" in codes["thin_stratum"]


@settings(max_examples=15, deadline=None)
@given(
    managers=st.integers(min_value=40, max_value=400),
    employees=st.integers(min_value=40, max_value=4000),
)
def test_weighted_indicators_lie_between_the_role_means(managers: int, employees: int) -> None:
    rubric = lm.load_rubric(RUBRIC)
    sim = lm.simulate_responses(
        rubric,
        organizations=1,
        respondents=40,
        seed=5,
        missing=0.0,
        not_applicable=0.0,
        manager_share=0.3,
    ).responses
    population = lm.Population.of(
        {"org-0001": {"manager": managers, "employee": employees}}, by="role"
    )
    weighted = lm.score(
        rubric, sim, n_resamples=100, seed=1, agreement=False, population=population
    )
    groups = lm.group_scores(rubric, sim, by="role", min_group_size=1, n_resamples=100, seed=1)
    by_role = groups["org-0001"].groups
    for iid, score in weighted.indicators.items():
        values = [by_role[r].indicators[iid].value for r in ("manager", "employee")]
        assert score.value is not None
        assert (
            min(v or 0.0 for v in values) - 1e-9
            <= score.value
            <= max(v or 0.0 for v in values) + 1e-9
        )
