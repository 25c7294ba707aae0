"""How rwg(j), r*wg(j) and AD respond to the number of items at a fixed single-item agreement.

Simulates groups (organizations) of ``n`` respondents answering ``J`` items on a 5-point
scale. Every item has the same answer distribution: a normal latent answer around 3.4 with
standard deviation ``sigma``, rounded to the nearest option and clipped to 1..5; ``sigma`` is
chosen so that the population single-item agreement ``1 - Var(answer) / 2`` (uniform null)
equals the target ``rwg``. Items are independent given the group, so the single-item
agreement is the same at every ``J``: an index that measures agreement should not move with
``J``. The indices are computed by ``lomaturity.agreement`` itself (the library's kernel, not a
copy), on ``--groups`` simulated organizations per cell.

Printed (markdown): per target single-item rwg, per number of items, the mean of each index
over the groups and the share of groups each index flags as too little agreement: rwg(j) <
.70, r*wg(j) < .70, AD > 5/6 (c/6, c = 5 options).

    python benchmarks/agreement_item_count.py              # 2,000 groups per cell, seed 2024
    python benchmarks/agreement_item_count.py --groups 500 --respondents 30
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import norm

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

POINTS = 5
CENTER = 3.4
TARGETS = (0.25, 0.50, 0.60, 0.70, 0.85)
ITEMS = (1, 2, 4, 7, 10)
CUTOFF = 0.70
AD_CUTOFF = POINTS / 6


def _probabilities(sigma: float) -> np.ndarray:
    """P(answer = 1..5) for a normal latent answer around CENTER, rounded and clipped."""
    edges = np.array([-np.inf, 1.5, 2.5, 3.5, 4.5, np.inf])
    return np.diff(norm.cdf((edges - CENTER) / sigma))


def _moments(sigma: float) -> tuple[float, float]:
    """Population variance and mean absolute deviation of one answer."""
    p = _probabilities(sigma)
    x = np.arange(1, POINTS + 1)
    mean = float(p @ x)
    return float(p @ (x - mean) ** 2), float(p @ np.abs(x - mean))


def _sigma_for(rwg: float) -> float:
    """The latent standard deviation whose answers have ``1 - Var / 2 = rwg`` (bisection)."""
    target = (1.0 - rwg) * (POINTS * POINTS - 1) / 12.0
    low, high = 1e-3, 20.0
    for _ in range(200):
        mid = (low + high) / 2
        if _moments(mid)[0] < target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _rubric(n_items: int) -> lm.Rubric:
    """One dimension of ``n_items`` items on a 1-5 scale."""
    lines = [
        "format: 1",
        "id: item-count",
        'version: "1.0.0"',
        "title: Item count",
        "description: Benchmark rubric.",
        "language: en",
        "scales:",
        "  - {id: agree5, min: 1, max: 5, allow_na: false}",
        "dimensions:",
        "  - {id: d, name: D, description: x}",
        "indicators:",
    ]
    lines += [
        f"  - {{id: i{j}, dimension: d, statement: s, scale: agree5}}" for j in range(n_items)
    ]
    lines += [
        "stages:",
        "  - {id: low, name: Low, lower: 0, description: x}",
        "  - {id: high, name: High, lower: 50, description: x}",
    ]
    return lm.read_rubric_bytes(("\n".join(lines) + "\n").encode())


def _cell(
    rng: np.random.Generator, sigma: float, n_items: int, groups: int, respondents: int
) -> dict[str, float]:
    """Mean indices and flag shares over ``groups`` simulated organizations."""
    rubric = _rubric(n_items)
    latent = CENTER + sigma * rng.standard_normal((groups * respondents, n_items))
    answers = np.clip(np.rint(latent), 1, POINTS)
    n = groups * respondents
    responses = lm.Responses(
        indicator_ids=rubric.indicator_ids,
        values=answers,
        not_applicable=np.zeros(answers.shape, dtype=bool),
        respondent_ids=[f"r{i}" for i in range(n)],
        organizations=[f"g{i // respondents:05d}" for i in range(n)],
    )
    result = lm.agreement(rubric, responses)
    dims = [org.dimensions["d"] for org in result.values()]
    rwg_j = np.array([d.value for d in dims], dtype=float)
    star = np.array([d.rwg_star for d in dims], dtype=float)
    ad = np.array([d.ad for d in dims], dtype=float)
    return {
        "rwg_j": float(rwg_j.mean()),
        "rwg_star": float(star.mean()),
        "ad": float(ad.mean()),
        "flag_rwg_j": float((rwg_j < CUTOFF).mean()),
        "flag_rwg_star": float((star < CUTOFF).mean()),
        "flag_ad": float((ad > AD_CUTOFF).mean()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=2000, help="organizations per cell")
    parser.add_argument("--respondents", type=int, default=10, help="respondents per group")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    start = time.perf_counter()
    print(
        f"{args.groups} groups of {args.respondents} respondents per cell, 5-point items, "
        f"uniform null (sigma_EU^2 = 2), seed {args.seed}\n"
    )
    print(
        "| single-item rwg | population AD | J | mean rwg(j) | mean r*wg(j) | mean AD "
        "| flagged: rwg(j) < .70 | r*wg(j) < .70 | AD > 0.83 |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for t, target in enumerate(TARGETS):
        sigma = _sigma_for(target)
        population_ad = _moments(sigma)[1]
        for n_items in ITEMS:
            # one stream per cell: a cell's numbers do not depend on which cells ran before
            rng = np.random.default_rng([args.seed, t, n_items, args.respondents])
            c = _cell(rng, sigma, n_items, args.groups, args.respondents)
            print(
                f"| {target:.2f} | {population_ad:.2f} | {n_items} | {c['rwg_j']:.2f} "
                f"| {c['rwg_star']:.2f} | {c['ad']:.2f} | {c['flag_rwg_j']:.0%} "
                f"| {c['flag_rwg_star']:.0%} | {c['flag_ad']:.0%} |"
            )
    print(f"\n{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
