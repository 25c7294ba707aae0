"""Coverage study: do the ranges of contrasts between groups of organizations hold the true
difference?

Simulates two sectors of organizations with :func:`lomaturity.simulate_responses` (sector
shift 0.3 latent units; 5-50 respondents per organization, drawn at random), scores each
organization and compares the two sectors' overall scores in several ways:

- ``expanded``: what :func:`lomaturity.compare_groups` reports: organizations resampled
  within each sector (cluster bootstrap), expanded percentile range (two-sample form,
  Welch degrees of freedom). Computed with the library's own kernel functions, and checked
  against ``lm.compare_groups`` on the first replicate of every cell;
- ``cluster``: the plain percentile range of the same organization-level draws;
- ``two-stage``: organizations resampled, then each organization's respondents resampled
  (one respondent resample per organization and replicate), plain percentile range;
- ``welch``: the Welch t interval on the organization scores (scipy);
- ``pooled``: all respondents of a sector pooled and resampled as if one organization (the
  respondent-level range of the issue's motivation).

The estimand is the *population* contrast: the mean true score of a sector's organizations
in the long run (organizations are the sampling unit), computed from the simulation model
by Gauss-Hermite quadrature over an organization's latent maturity with the replicate's own
indicator difficulties. A second study takes every organization against the rest of a
16-organization panel (``by="organization", contrasts="vs_rest"``), with no team effects so
that an organization's true score is what its respondents estimate.

Usage (from the repository root)::

    python benchmarks/contrast_coverage.py                 # 500 replicates per cell
    python benchmarks/contrast_coverage.py --replicates 100 --resamples 1000   # quick

Results and their discussion: docs/group-contrasts.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import scipy.stats  # noqa: E402

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

from lomaturity._stats.bootstrap import (  # noqa: E402
    organization_rng,
    quantiles,
    resample_counts,
    respondent_bootstrap,
)
from lomaturity._stats.group_contrast import (  # noqa: E402
    Side,
    cluster_side,
    difference,
    organization_scores,
    respondent_side,
    side_key,
)
from lomaturity._stats.prepared import prepare  # noqa: E402
from lomaturity._survey.simulate import _truth  # noqa: E402

SHIFT = 0.3
CONFIDENCES = (0.90, 0.95)
METHODS = ("expanded", "cluster", "two-stage", "welch", "pooled")


def population_mean(rubric: lm.Rubric, sim: Any, shift: float) -> float:
    """E[true overall score] over organizations of a sector (Gauss-Hermite, 80 nodes):
    each dimension's latent maturity is N(mean + shift, maturity_sd^2 + dimension_sd^2) and
    the overall score is linear in the dimension scores."""
    s = sim.settings
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    sd = math.hypot(s.maturity_sd, s.dimension_sd)
    dims = [d.id for d in rubric.dimensions]
    dim_index = np.array([dims.index(i.dimension) for i in rubric.indicators])
    maturity = np.repeat((s.maturity_mean + shift + sd * nodes)[:, None], len(dims), axis=1)
    difficulty = np.array([sim.difficulty[i] for i in rubric.indicator_ids])
    _, _, overall = _truth(rubric, s, maturity, difficulty, dim_index)
    return float(weights @ overall / weights.sum())


def _two_stage(prepared: Any, scores: Any, orgs: list[str], seed: int, b: int) -> np.ndarray:
    """Overall-score draws of the two-stage bootstrap of one sector."""
    rng = np.random.default_rng(seed)
    dims = np.ones(prepared.layout.dimension_weight.size, dtype=bool)
    within = np.empty((b, len(orgs)))
    for j, o in enumerate(orgs):
        x = prepared.scores[scores.rows[o]]
        within[:, j] = respondent_bootstrap(prepared.layout, x, ~np.isnan(x), rng, b, dims).overall
    counts = resample_counts(rng, len(orgs), b)
    out: np.ndarray = (counts * within).sum(1) / len(orgs)
    return out


def _pooled(prepared: Any, scores: Any, orgs: list[str], seed: int, b: int) -> tuple[float, Any]:
    """Point and overall-score draws of a sector's respondents pooled as one sample."""
    rows = np.concatenate([scores.rows[o] for o in orgs])
    x = prepared.scores[rows]
    dims = np.ones(prepared.layout.dimension_weight.size, dtype=bool)
    rng = np.random.default_rng(seed)
    draws = respondent_bootstrap(prepared.layout, x, ~np.isnan(x), rng, b, dims).overall
    answered = ~np.isnan(x)
    filled = np.where(answered, x, 0.0).sum(0) / answered.sum(0)
    d = (filled @ prepared.layout.membership) / prepared.layout.membership.sum(0)
    w = prepared.layout.dimension_weight
    return float(d @ w / w.sum()), draws


SPREAD = {"maturity_sd": 0.6, "dimension_sd": 0.4}
"""Between-organization spread (set by --spread: the simulator's defaults, or 'small')."""


def one_replicate(rubric: lm.Rubric, n_orgs: int, seed: int, b: int, check: bool) -> dict[str, Any]:
    """Hit (True/False) and width of every method at both levels for one simulated panel."""
    rng = np.random.default_rng(seed)
    respondents = rng.integers(5, 51, size=2 * n_orgs).tolist()
    sim = lm.simulate_responses(
        rubric,
        organizations=2 * n_orgs,
        respondents=respondents,
        seed=seed,
        sectors={"a": 0.0, "b": SHIFT},
        **SPREAD,
    )
    truth = population_mean(rubric, sim, SHIFT) - population_mean(rubric, sim, 0.0)
    prepared = prepare(rubric, sim.responses)
    scores = organization_scores(prepared)
    groups = {g: sorted(o for o, t in sim.truth.items() if t.sector == g) for g in ("a", "b")}
    x = {g: scores.values[[scores.index[o] for o in orgs], -1:] for g, orgs in groups.items()}
    # the streams lm.compare_groups uses, so that its ranges are reproduced exactly
    sides = {g: cluster_side(x[g], organization_rng(seed, side_key(groups[g])), b) for g in x}
    point = float(sides["b"].point[0] - sides["a"].point[0])
    draws = sides["b"].draws[:, 0] - sides["a"].draws[:, 0]
    two = _two_stage(prepared, scores, groups["b"], seed + 1, b) - _two_stage(
        prepared, scores, groups["a"], seed + 2, b
    )
    pa, da = _pooled(prepared, scores, groups["a"], seed + 3, b)
    pb, db = _pooled(prepared, scores, groups["b"], seed + 4, b)
    welch = scipy.stats.ttest_ind(x["b"][:, 0], x["a"][:, 0], equal_var=False)
    out: dict[str, Any] = {}
    for conf in CONFIDENCES:
        alpha = (1 - conf) / 2
        d = difference(sides["a"], sides["b"], conf)
        ranges = {
            "expanded": (float(d.low[0]), float(d.high[0])),
            "cluster": tuple(quantiles(draws[:, None], np.array([alpha, 1 - alpha]))[:, 0]),
            "two-stage": tuple(np.quantile(two, [alpha, 1 - alpha])),
            "welch": tuple(welch.confidence_interval(conf)),
            "pooled": tuple(np.quantile(db - da, [alpha, 1 - alpha])),
        }
        for m, (lo, hi) in ranges.items():
            target = truth
            out[f"{m}@{conf}"] = (bool(lo <= target <= hi), float(hi - lo))
    if check:  # what users see is what was measured
        res = lm.compare_groups(rubric, sim.responses, "sector", seed=seed, n_resamples=b)
        c = res.contrast("a", "b").overall
        d95 = difference(sides["a"], sides["b"], 0.95)
        assert c.difference is not None, c
        assert abs(c.difference - point) < 1e-9, (c, point)
        assert abs((c.low or 0.0) - d95.low[0]) < 1e-9, (c, d95.low)
        assert abs((c.high or 0.0) - d95.high[0]) < 1e-9, (c, d95.high)
    out["point"] = point
    out["pooled_point"] = pb - pa
    return out


def vs_rest_replicate(rubric: lm.Rubric, n_orgs: int, seed: int, b: int) -> list[dict[str, Any]]:
    """Every organization against the rest, for one panel (no team effects)."""
    rng = np.random.default_rng(seed)
    respondents = rng.integers(5, 51, size=n_orgs).tolist()
    sim = lm.simulate_responses(
        rubric, organizations=n_orgs, respondents=respondents, seed=seed, team_sd=0.0
    )
    mean = population_mean(rubric, sim, 0.0)
    prepared = prepare(rubric, sim.responses)
    scores = organization_scores(prepared)
    names = sorted(scores.index)
    out = []
    for o in names:
        rest = [p for p in names if p != o]
        values = scores.values[[scores.index[p] for p in rest], -1:]
        a = cluster_side(values, organization_rng(seed, "rest" + o), b)
        one = respondent_side(
            prepared, scores.rows[o], scores.values[scores.index[o]], organization_rng(seed, o), b
        )
        b_side = Side(
            point=one.point[-1:],
            draws=one.draws[:, -1:],
            unbiased=one.unbiased[-1:],
            plugin=one.plugin[-1:],
            units=one.units[-1:],
            n_organizations=one.n_organizations[-1:],
            squares=one.squares[-1:],
            dof=one.dof[-1:],
            single=True,
        )
        truth = sim.truth[o].overall - mean
        row: dict[str, Any] = {"respondents": int(scores.n_respondents[scores.index[o]])}
        for conf in CONFIDENCES:
            d = difference(a, b_side, conf)
            row[f"expanded@{conf}"] = (
                bool(d.low[0] <= truth <= d.high[0]),
                float(d.high[0] - d.low[0]),
            )
        out.append(row)
    return out


def summarize(hits: list[tuple[bool, float]]) -> dict[str, float]:
    h = np.array([x[0] for x in hits], dtype=float)
    p = float(h.mean())
    return {
        "coverage": round(100 * p, 1),
        "se": round(100 * math.sqrt(p * (1 - p) / len(h)), 1),
        "width": round(float(np.mean([x[1] for x in hits])), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=500)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--sizes", default="4,8,15,30")
    parser.add_argument("--json", default=None)
    parser.add_argument(
        "--spread",
        choices=("default", "small"),
        default="default",
        help="between-organization spread: the simulator's (maturity sd 0.6, dimension sd "
        "0.4) or small (0.2, 0.15: respondent noise matters more)",
    )
    args = parser.parse_args()
    if args.spread == "small":
        SPREAD.update(maturity_sd=0.2, dimension_sd=0.15)
    rubric = lm.load_rubric("learning-organization")
    results: dict[str, Any] = {"settings": vars(args), "groups": {}, "vs_rest": {}}
    for n in (int(s) for s in args.sizes.split(",")):
        start = time.time()
        reps = [
            one_replicate(rubric, n, args.seed + 1000 * n + r, args.resamples, r == 0)
            for r in range(args.replicates)
        ]
        cell = {key: summarize([rep[key] for rep in reps]) for key in reps[0] if "@" in key}
        results["groups"][str(n)] = cell
        print(f"n={n} organizations per group ({time.time() - start:.0f}s)")
        for key, v in cell.items():
            print(f"  {key:18s} {v['coverage']:5.1f} ± {v['se']:.1f}   width {v['width']:.1f}")
    start = time.time()
    rows = [
        row
        for r in range(max(args.replicates // 8, 10))
        for row in vs_rest_replicate(rubric, 16, args.seed + 7 + r, args.resamples)
    ]
    for label, keep in (("5-19", lambda k: k < 20), ("20-50", lambda k: k >= 20)):
        sub = [row for row in rows if keep(row["respondents"])]
        cell = {key: summarize([row[key] for row in sub]) for key in sub[0] if "@" in key} | {
            "contrasts": len(sub)
        }
        results["vs_rest"][label] = cell
        print(f"vs_rest, respondents {label} ({time.time() - start:.0f}s): {cell}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
