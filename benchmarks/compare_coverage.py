"""Coverage study of lm.compare: how often do the ranges of a difference hold the true one?

Simulates panels of organizations whose true scores are known (lm.simulate_responses; no
team effects, so that respondents are the sampling unit the bootstrap resamples), builds two
sides per organization with n respondents each, compares them with lm.compare exactly as a
user would, and counts how often the reported range holds the true difference
``truth(second) - truth(first)`` of the overall score and of the first dimension.

Designs (per organization; docs/comparisons.md, "Measured coverage"):

- ``independent, no change``: 2n respondents simulated, split into halves (true difference 0),
  compared with ``paired=False``;
- ``independent, shifted``: the first half of a panel and the second half of the same panel
  simulated with every latent level shifted by +0.3 (about a third of an answer category);
  different people on each side, compared with ``paired=False``;
- ``paired, shifted``: the same people answer both waves (same seed, every latent level +0.3:
  the respondents' offsets and answer noise recur, a strongly correlated panel), compared with
  ``paired="auto"`` (ids recur);
- ``paired, 70 % overlap``: as above, but the first 30 % of each organization's respondents
  left after the first wave and as many others joined for the second;
- ``reports (MOVER)``: the two reports of ``independent, shifted`` (scored on their own)
  compared by MOVER.

Usage (from the repository root)::

    python benchmarks/compare_coverage.py            # 400 organizations per cell, 1000 resamples
    python benchmarks/compare_coverage.py --quick    # 100 organizations, 500 resamples
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

RUBRIC = "learning-organization"
SHIFT = 0.3
SIZES = (5, 10, 20, 50)
CONFIDENCE = 0.95


def _halves(responses: lm.Responses, n: int, which: int) -> lm.Responses:
    """Rows ``which * n .. which * n + n - 1`` of every organization (rows are grouped by
    organization in simulated responses)."""
    orgs = np.asarray(responses.organizations)
    starts = np.r_[0, np.flatnonzero(orgs[1:] != orgs[:-1]) + 1]
    rank = np.arange(orgs.size) - np.repeat(starts, np.diff(np.r_[starts, orgs.size]))
    return responses.select(np.flatnonzero((rank >= which * n) & (rank < which * n + n)))


def _overlap(responses: lm.Responses, n: int, keep: float, wave: int) -> lm.Responses:
    """Wave 1: the organization's first n respondents; wave 2: respondents
    ``n - round(keep n) .. 2n - round(keep n) - 1``: ``round(keep n)`` stay, the rest are new."""
    orgs = np.asarray(responses.organizations)
    starts = np.r_[0, np.flatnonzero(orgs[1:] != orgs[:-1]) + 1]
    rank = np.arange(orgs.size) - np.repeat(starts, np.diff(np.r_[starts, orgs.size]))
    start = 0 if wave == 0 else n - round(keep * n)
    return responses.select(np.flatnonzero((rank >= start) & (rank < start + n)))


def _covered(result: Any, truth: dict[str, tuple[float, float]]) -> tuple[float, float, float]:
    """Share of organizations whose overall and first-dimension ranges hold the truth, and
    the mean width of the overall range."""
    hits_o, hits_d, widths = [], [], []
    for name, comparison in result.items():
        true_o, true_d = truth[name]
        o = comparison.overall
        d = next(iter(comparison.dimensions.values()))
        if o.low is not None:
            hits_o.append(o.low <= true_o <= o.high)
            widths.append(o.high - o.low)
        if d.low is not None:
            hits_d.append(d.low <= true_d <= d.high)
    return float(np.mean(hits_o)), float(np.mean(hits_d)), float(np.mean(widths))


def _truth(first: Any, second: Any) -> dict[str, tuple[float, float]]:
    out = {}
    for name, t1 in first.truth.items():
        t2 = second.truth[name]
        dim = next(iter(t1.dimensions))
        out[name] = (t2.overall - t1.overall, t2.dimensions[dim] - t1.dimensions[dim])
    return out


def run_cell(n: int, organizations: int, resamples: int, seed: int) -> dict[str, Any]:
    """Every design at ``n`` respondents per side."""
    rubric = lm.load_rubric(RUBRIC)
    common = {"organizations": organizations, "respondents": 2 * n, "team_sd": 0.0, "seed": seed}
    base = lm.simulate_responses(rubric, **common)
    moved = lm.simulate_responses(rubric, maturity_mean=SHIFT, **common)
    same = dict.fromkeys(base.truth, (0.0, 0.0))
    shifted = _truth(base, moved)
    designs = {
        "independent, no change": (
            _halves(base.responses, n, 0),
            _halves(base.responses, n, 1),
            same,
            False,
        ),
        "independent, shifted": (
            _halves(base.responses, n, 0),
            _halves(moved.responses, n, 1),
            shifted,
            False,
        ),
        "paired, shifted": (
            _halves(base.responses, n, 0),
            _halves(moved.responses, n, 0),
            shifted,
            "auto",
        ),
        "paired, 70 % overlap": (
            _overlap(base.responses, n, 0.7, 0),
            _overlap(moved.responses, n, 0.7, 1),
            shifted,
            "auto",
        ),
    }
    out: dict[str, Any] = {}
    for name, (a, b, truth, paired) in designs.items():
        for kind in ("percentile", "expanded"):
            result = lm.compare(
                a,
                b,
                rubric=rubric,
                paired=paired,
                seed=seed,
                n_resamples=resamples,
                interval=kind,
                confidence=CONFIDENCE,
            )
            out[f"{name} | {kind}"] = _covered(result, truth)
    a, b, truth, _ = designs["independent, shifted"]
    for kind in ("percentile", "expanded"):
        options = {"seed": seed, "n_resamples": resamples, "interval": kind, "agreement": False}
        first = lm.score_organizations(rubric, a, **options)
        second = lm.score_organizations(rubric, b, **options)
        out[f"reports (MOVER) | {kind}"] = _covered(lm.compare(first, second), truth)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 organizations, 500 resamples")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    organizations, resamples = (100, 500) if args.quick else (400, 1000)
    results: dict[str, dict[str, Any]] = {}
    for n in args.sizes:
        start = time.perf_counter()
        results[str(n)] = run_cell(n, organizations, resamples, args.seed + n)
        print(f"n={n}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    print(
        f"{organizations} organizations per cell, {resamples} resamples, nominal {CONFIDENCE:.0%}"
    )
    print("| design | range | " + " | ".join(f"n = {n}" for n in args.sizes) + " |")
    print("|---|---|" + "---|" * len(args.sizes))
    for row in results[str(args.sizes[0])]:
        design, kind = row.split(" | ")
        cells = []
        for n in args.sizes:
            o, d, w = results[str(n)][row]
            cells.append(f"{100 * o:.1f} / {100 * d:.1f} (±{w / 2:.1f})")
        print(f"| {design} | {kind} | " + " | ".join(cells) + " |")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
