"""Coverage of the conservative ranges of scores recomputed on a linked core from a report.

When two reports of different rubric versions are compared (docs/rubric-versions.md), each
report's dimension and overall scores are recomputed on the linked indicators from its
indicator scores, with the weighted mean of the indicator ranges as range. This script
checks how often such a range holds the true core score: organizations simulated on
1.0.0 (lm.simulate_responses: true indicator scores known), scored, recomputed on the core
of 1.0.0 and a modified copy 1.0.1 (tests/rubric_versions.py: a reweighted, rekeyed, moved,
renamed, split, removed and added item), and the core truth computed the same way from the
true indicator scores.

Usage (from the repository root)::

    python benchmarks/core_ranges_coverage.py            # 300 organizations
    python benchmarks/core_ranges_coverage.py --quick    # 100
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(ROOT / "src"))
    import lomaturity as lm

from lomaturity._stats.core import core_of, core_report  # noqa: E402
from rubric_versions import MAP_PATH, new_rubric, old_rubric  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--respondents", type=int, default=20)
    args = parser.parse_args()
    n = 100 if args.quick else 300
    old, new = old_rubric(), new_rubric()
    core = core_of(old, new, lm.read_migration(MAP_PATH))
    sim = lm.simulate_responses(
        old, organizations=n, respondents=args.respondents, seed=5, team_sd=0.0
    )
    reports = lm.score_organizations(old, sim.responses, seed=5, n_resamples=500, agreement=False)
    hits = {"overall": 0, **{d.id: 0 for d in core.rubric.dimensions}}
    plain = dict.fromkeys(hits, 0)
    for name in reports:
        truth = sim.truth[name].indicators
        recomputed = core_report(reports[name], core, "source")
        full = reports[name]
        dims = {}
        for d in core.rubric.dimensions:
            members = core.rubric.indicators_of(d.id)
            parts = [
                (sum(truth[i] for i in link.source) / len(link.source), ind.weight)
                for ind in members
                for link in [core.links[core.ids.index(ind.id)]]
            ]
            dims[d.id] = sum(v * w for v, w in parts) / sum(w for _, w in parts)
        total = sum(d.weight for d in core.rubric.dimensions)
        dims["overall"] = sum(dims[d.id] * d.weight for d in core.rubric.dimensions) / total
        for key, true in dims.items():
            s = recomputed.overall if key == "overall" else recomputed.dimensions[key]
            hits[key] += s.low <= true <= s.high
            # The full report's own range, for the width comparison.
            f = full.overall if key == "overall" else full.dimensions.get(key, full.overall)
            plain[key] += (s.high - s.low) / max(f.high - f.low, 1e-9)
    print(f"{n} organizations x {args.respondents} respondents, nominal 95 % ranges")
    for key in hits:
        print(
            f"{key:<22} coverage {hits[key] / n:6.1%}   "
            f"width / full-report width {plain[key] / n:5.2f}"
        )


if __name__ == "__main__":
    main()
