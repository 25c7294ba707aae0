"""Regenerate the bundled SYNTHETIC example norm tables in src/lomaturity/data/.

The recipe: 200 organizations simulated with ``lm.simulate_responses`` (30 respondents each,
the default settings, seed 20261201) on a bundled rubric, scored with
``lm.score_organizations`` (seed 20261201, 200 resamples: a norm holds the organizations'
point estimates, which do not depend on the resamples), and turned into a norm table with
``lm.build_norms`` (indicators included, dated 2026-12-01, marked synthetic). The same
lomaturity and numpy versions give a byte-identical file; tests/norms/test_example_norms.py
checks that the shipped files equal a fresh build. One table per bundled version of the
default rubric: ``example-norms.yaml`` (1.0.0) and ``example-norms-1.1.0.yaml``.

Usage (from the repository root)::

    python scripts/make_example_norms.py            # rewrite the shipped files
    python scripts/make_example_norms.py --check    # exit 1 if a shipped file is stale
    python scripts/make_example_norms.py --rubric learning-organization@1.1.0   # just one
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

import lomaturity as lm

DATA = Path(__file__).resolve().parents[1] / "src" / "lomaturity" / "data"
TARGETS = {
    "learning-organization@1.0.0": DATA / "example-norms.yaml",
    "learning-organization@1.1.0": DATA / "example-norms-1.1.0.yaml",
}
SEED = 20261201
ORGANIZATIONS = 200
RESPONDENTS = 30
RESAMPLES = 200
DATE = datetime.date(2026, 12, 1)
TITLE = "SYNTHETIC example norms: 200 simulated organizations (not real)"
SOURCE = (
    "SYNTHETIC: lm.simulate_responses(organizations=200, respondents=30, seed=20261201) on "
    "the bundled {rubric} rubric; scripts/make_example_norms.py"
)


def build(key: str = "learning-organization@1.0.0") -> lm.NormTable:
    """The example norm table of the bundled rubric ``key``, built from scratch."""
    rubric = lm.load_rubric(key)
    simulation = lm.simulate_responses(
        rubric, organizations=ORGANIZATIONS, respondents=RESPONDENTS, seed=SEED
    )
    reports = lm.score_organizations(
        rubric, simulation.responses, seed=SEED, n_resamples=RESAMPLES, agreement=False
    )
    return lm.build_norms(
        rubric,
        reports,
        title=TITLE,
        # 1.0.0's table was made when it was the only version: its text names no version.
        source_description=SOURCE.format(
            rubric=rubric.id if key.endswith("@1.0.0") else rubric.key
        ),
        date=DATE,
        synthetic=True,
        indicators=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped files")
    parser.add_argument("--rubric", choices=sorted(TARGETS), help="only this rubric's table")
    args = parser.parse_args(argv)
    stale_any = False
    for key, target in TARGETS.items():
        if args.rubric not in (None, key):
            continue
        norms = build(key)
        text = lm.dump_norms(norms)
        if args.check:
            stale = not target.exists() or target.read_text(encoding="utf-8") != text
            print(f"{target}: {'stale' if stale else 'up to date'}")
            stale_any |= stale
            continue
        lm.write_norms(norms, target)
        print(f"wrote {target}")
    return 1 if stale_any else 0


if __name__ == "__main__":
    sys.exit(main())
