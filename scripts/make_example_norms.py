"""Regenerate the bundled SYNTHETIC example norm table, src/lomaturity/data/example-norms.yaml.

The recipe: 200 organizations simulated with ``lm.simulate_responses`` (30 respondents each,
the default settings, seed 20261201) on the bundled default rubric, scored with
``lm.score_organizations`` (seed 20261201, 200 resamples: a norm holds the organizations'
point estimates, which do not depend on the resamples), and turned into a norm table with
``lm.build_norms`` (indicators included, dated 2026-12-01, marked synthetic). The same
lomaturity and numpy versions give a byte-identical file; tests/norms/test_example_norms.py
checks that the shipped file equals a fresh build.

Usage (from the repository root)::

    python scripts/make_example_norms.py            # rewrite the shipped file
    python scripts/make_example_norms.py --check    # exit 1 if the shipped file is stale
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path

import lomaturity as lm

TARGET = Path(__file__).resolve().parents[1] / "src" / "lomaturity" / "data" / "example-norms.yaml"
SEED = 20261201
ORGANIZATIONS = 200
RESPONDENTS = 30
RESAMPLES = 200
DATE = datetime.date(2026, 12, 1)
TITLE = "SYNTHETIC example norms: 200 simulated organizations (not real)"
SOURCE = (
    "SYNTHETIC: lm.simulate_responses(organizations=200, respondents=30, seed=20261201) on "
    "the bundled learning-organization rubric; scripts/make_example_norms.py"
)


def build() -> lm.NormTable:
    """The example norm table, built from scratch."""
    rubric = lm.load_rubric(lm.DEFAULT_RUBRIC)
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
        source_description=SOURCE,
        date=DATE,
        synthetic=True,
        indicators=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped file")
    args = parser.parse_args(argv)
    norms = build()
    text = lm.dump_norms(norms)
    if args.check:
        stale = not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text
        print(f"{TARGET}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    lm.write_norms(norms, TARGET)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
