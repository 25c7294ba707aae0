"""Survey-design kernels: the stratified and the clustered bootstrap against their
closed-form variances, FPC factors, cluster codes and the SRS reference."""

from __future__ import annotations

import numpy as np
import pytest

from lomaturity._model.population import OrganizationPopulation
from lomaturity._results.design import DesignOptions
from lomaturity._stats.aggregate import Layout
from lomaturity._stats.design import (
    DesignPlan,
    _clusters,
    _weights,
    design_bootstrap,
    design_point,
    fpc_factors,
    variance_ratio,
    weighted_data,
)


def _layout() -> Layout:
    """One dimension of one indicator (a score is then a plain weighted mean)."""
    return Layout(
        indicator_ids=("i",),
        dimension_ids=("d",),
        membership=np.ones((1, 1)),
        indicator_weight=np.ones(1),
        dimension_weight=np.ones(1),
        low=np.ones(1),
        span=np.full(1, 4.0),
        reverse=np.zeros(1, dtype=bool),
    )


def _plan(**kwargs: object) -> DesignPlan:
    base: dict[str, object] = {
        "population": None,
        "options": DesignOptions(),
        "weights": None,
        "stratum_codes": None,
        "strata": (),
        "cluster_codes": None,
        "n_clusters": None,
    }
    return DesignPlan(**(base | kwargs))  # type: ignore[arg-type]


def test_stratified_bootstrap_matches_the_stratified_variance() -> None:
    rng = np.random.default_rng(0)
    labels = np.array(["m"] * 8 + ["e"] * 32, dtype=object)
    x = np.where(labels == "m", rng.normal(80, 10, 40), rng.normal(50, 20, 40))
    population = OrganizationPopulation("A", 100, {"m": 10, "e": 90})
    weights, codes, strata = _weights("A", labels, population, "role")
    scores, answered = x[:, None], np.ones((40, 1), dtype=bool)
    data = weighted_data(scores, answered, weights)
    point = design_point(_layout(), data, np.ones(1, dtype=bool))
    m, e = x[labels == "m"], x[labels == "e"]
    assert point.overall[0] == pytest.approx(0.1 * m.mean() + 0.9 * e.mean())
    plan = _plan(weights=weights, stratum_codes=codes, strata=strata)
    draws = design_bootstrap(_layout(), data, plan, rng, 8000, np.ones(1, dtype=bool))
    # Var = sum W_h^2 s_h^2 / n_h with the bootstrap's divide-by-n_h variance.
    expected = 0.1**2 * m.var() / m.size + 0.9**2 * e.var() / e.size
    assert draws.overall.var() == pytest.approx(expected, rel=0.06)


def test_cluster_bootstrap_matches_the_linearized_ratio_variance() -> None:
    rng = np.random.default_rng(1)
    sizes = rng.integers(2, 9, 30)
    team = np.repeat(np.arange(30), sizes)
    x = rng.normal(50, 15, team.size) + rng.normal(0, 12, 30)[team]
    codes, n_clusters = _clusters(np.array([f"t{t}" for t in team], dtype=object))
    assert n_clusters == 30
    data = weighted_data(x[:, None], np.ones((x.size, 1), dtype=bool), None)
    plan = _plan(cluster_codes=codes, n_clusters=n_clusters)
    draws = design_bootstrap(_layout(), data, plan, rng, 8000, np.ones(1, dtype=bool))
    ratio = x.mean()
    totals = np.bincount(team, weights=x) - ratio * np.bincount(team)
    expected = (totals**2).sum() / x.size**2
    assert draws.overall.var() == pytest.approx(expected, rel=0.1)


def test_blank_cluster_values_are_their_own_clusters() -> None:
    codes, n = _clusters(np.array(["a", None, "b", "a", None], dtype=object))
    assert n == 4
    assert codes[0] == codes[3]
    assert len({codes[1], codes[4], codes[0], codes[2]}) == 4


def test_fpc_factors_per_score() -> None:
    factors = fpc_factors(40, (np.array([10.0, 40.0]), np.array([30.0]), np.array([30.0])))
    assert factors.indicator[0] == pytest.approx([np.sqrt(0.75), 0.0])
    assert factors.overall[0] == pytest.approx(0.5)


def test_variance_ratio_of_identical_draws_is_one() -> None:
    rng = np.random.default_rng(2)
    layout = _layout()
    data = weighted_data(rng.normal(50, 10, (20, 1)), np.ones((20, 1), dtype=bool), None)
    plan = _plan(cluster_codes=np.arange(20), n_clusters=20)
    a = design_bootstrap(layout, data, plan, np.random.default_rng(3), 500, np.ones(1, bool))
    ratio = variance_ratio(a, a)
    assert ratio.overall[0] == pytest.approx(1.0)
    assert ratio.dimension.shape == (1, 1)
