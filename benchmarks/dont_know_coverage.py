"""Coverage with "don't know" answers: do the ranges still hold the true score when a share
of the answers is "don't know" (scored as missing)?

Simulates organizations with :func:`lomaturity.simulate_responses` (true scores known) on
``learning-organization@1.0.0`` with its scale accepting "don't know", once without and once
with "don't know" answers drawn completely at random (``--dont-know`` per cell, on every
indicator), from the same seeds, so that the two runs differ only in the "don't know" cells.
Scores each with :func:`lomaturity.score_organizations` (95 % percentile ranges) and counts
how often the ranges hold the true indicator, dimension and overall scores.

Usage (from the repository root)::

    python benchmarks/dont_know_coverage.py                  # 40 replicates x 20 organizations
    python benchmarks/dont_know_coverage.py --replicates 10  # quicker

Results are in docs/scoring.md ("Don't know answers").
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import attrs
import numpy as np

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm


def _rubric() -> lm.Rubric:
    base = lm.load_rubric("learning-organization@1.0.0")
    scale = attrs.evolve(base.scales[0], dont_know=True, dont_know_label="Don't know")
    return attrs.evolve(base, scales=(scale,))


def _hits(
    rubric: lm.Rubric, n: int, dont_know: float, seed: int, resamples: int
) -> dict[str, list[bool]]:
    """Whether each range holds its true score, by level, for one simulated panel."""
    sim = lm.simulate_responses(
        rubric, organizations=20, respondents=n, seed=seed, dont_know=dont_know
    )
    reports = lm.score_organizations(
        rubric, sim.responses, n_resamples=resamples, seed=seed, agreement=False
    )
    out: dict[str, list[bool]] = {"indicator": [], "dimension": [], "overall": []}
    for organization, report in reports.items():
        truth = sim.truth[organization]
        pairs = [("overall", report.overall, truth.overall)]
        pairs += [("dimension", report.dimensions[d], v) for d, v in truth.dimensions.items()]
        pairs += [("indicator", report.indicators[i], v) for i, v in truth.indicators.items()]
        for level, score, true in pairs:
            if score.low is not None and score.high is not None:
                out[level].append(score.low <= true <= score.high)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--respondents", type=int, nargs="+", default=[15, 40])
    parser.add_argument("--dont-know", type=float, default=0.3)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rubric = _rubric()
    print(f"{'n':>4}  {'dont_know':>9}  {'indicator':>9}  {'dimension':>9}  {'overall':>7}  cells")
    for n in args.respondents:
        for share in (0.0, args.dont_know):
            started = time.perf_counter()
            hits: dict[str, list[bool]] = {"indicator": [], "dimension": [], "overall": []}
            for r in range(args.replicates):
                for level, found in _hits(rubric, n, share, args.seed + r, args.resamples).items():
                    hits[level] += found
            rates = {level: 100.0 * float(np.mean(found)) for level, found in hits.items()}
            print(
                f"{n:>4}  {share:>9.2f}  {rates['indicator']:>8.1f}%  {rates['dimension']:>8.1f}%"
                f"  {rates['overall']:>6.1f}%  {len(hits['overall'])} organizations, "
                f"{time.perf_counter() - started:.0f} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
