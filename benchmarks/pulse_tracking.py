"""How well does a pulse short form track the full form? Correlation, mean absolute
difference and stage agreement between pulse and full scores of simulated organizations.

For a (short, long) pair of rubrics and the migration map between them (one-to-one links,
comparability ``same``: the pulse asks a subset of the full form's questions word for word),
it simulates organizations answering the LONG form (lm.simulate_responses, whose true scores
are known), scores the full form, takes the linked columns as the pulse's answers (the same
people answering the subset), scores those with the short rubric, and reports per dimension
and overall:

- ``r``: Pearson correlation of pulse and full scores across organizations;
- ``r_truth_pulse`` / ``r_truth_full``: correlation of each with the true score;
- ``mad``: mean absolute difference pulse - full, in points (0-100);
- ``bias``: mean difference pulse - full;
- ``stage``: share of organizations whose pulse stage equals their full-form stage.

Usage (from the repository root)::

    # now: 1.0.0 and a hand-picked 8-item subset of it (two per dimension), built here
    python benchmarks/pulse_tracking.py
    # the real pulse, once bundled (the lead reruns this)
    python benchmarks/pulse_tracking.py --short learning-organization-pulse@1.1.0 \\
        --long learning-organization@1.1.0
    python benchmarks/pulse_tracking.py --quick      # 100 organizations

The map is found among the bundled ones (either way round) unless ``--migration FILE``.
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

import attrs  # noqa: E402
import numpy as np  # noqa: E402

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

from lomaturity._rubrics.migrations import resolve_migration  # noqa: E402
from lomaturity.rubric import Link, MigrationMap  # noqa: E402

PICKED_1_0_0 = (
    "vc_manager_reaction",
    "vc_experimentation",
    "st_future_skills",
    "st_learning_resources",
    "pr_self_service",
    "pr_learning_time_in_job",
    "ex_worth_investing",
    "ex_ease_of_learning",
)
"""The hand-picked 8-item subset of 1.0.0: the 1.0.0 origins of the 1.1.0 pulse's items
(ISSUE9.md: vc_manager_support, vc_experimentation, st_future_skills, st_learning_time,
pr_self_service, pr_learning_time_in_job, ex_worth_investing, ex_ease_of_learning)."""


def picked_pulse(long: lm.Rubric) -> tuple[lm.Rubric, MigrationMap]:
    """A pulse built from ``long`` (1.0.0): the :data:`PICKED_1_0_0` items, and its map."""
    items = tuple(i for i in long.indicators if i.id in PICKED_1_0_0)
    short = attrs.evolve(
        long, id=long.id + "-pulse", indicators=items, recommendations=(), path=None
    )
    links = tuple(Link((i.id,), (i.id,), "same") for i in items)
    return short, MigrationMap(short.key, long.key, links)


def _pulse_responses(sim: Any, short: lm.Rubric, migration: MigrationMap) -> lm.Responses:
    """The long form's answers to the linked items, as answers to the short form."""
    responses = sim.responses
    long_of = {}
    for link in migration.links:
        if link.kind != "one-to-one" or link.comparability != "same":
            raise SystemExit(f"pulse tracking needs one-to-one 'same' links; got {link}")
        long_of[link.source[0]] = link.target[0]
    columns = [responses.indicator_ids.index(long_of[i]) for i in short.indicator_ids]
    return lm.responses_from_array(
        responses.values[:, columns],
        short,
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
        not_applicable=responses.not_applicable[:, columns],
    )


def _values(reports: lm.ReportSet, level: str, key: str) -> np.ndarray:
    out = []
    for name in reports:
        report = reports[name]
        score = report.overall if level == "overall" else report.dimensions[key]
        out.append(np.nan if score.value is None else score.value)
    return np.array(out)


def _stages(rubric: lm.Rubric, values: np.ndarray) -> list[str | None]:
    return [None if np.isnan(v) else rubric.stage_for(float(v)).id for v in values]


def _row(
    short: lm.Rubric, pulse: np.ndarray, full: np.ndarray, truth: np.ndarray
) -> dict[str, float]:
    ok = ~(np.isnan(pulse) | np.isnan(full))
    p, f, t = pulse[ok], full[ok], truth[ok]
    same_stage = [a == b for a, b in zip(_stages(short, p), _stages(short, f), strict=True)]
    return {
        "n": int(ok.sum()),
        "r": float(np.corrcoef(p, f)[0, 1]),
        "r_truth_pulse": float(np.corrcoef(p, t)[0, 1]),
        "r_truth_full": float(np.corrcoef(f, t)[0, 1]),
        "mad": float(np.mean(np.abs(p - f))),
        "bias": float(np.mean(p - f)),
        "stage": float(np.mean(same_stage)),
    }


def run(
    short: lm.Rubric,
    long: lm.Rubric,
    migration: MigrationMap,
    organizations: int,
    respondents: int,
    seed: int,
) -> dict[str, Any]:
    """Simulate, score both forms, and compare (see the module docstring)."""
    sim = lm.simulate_responses(
        long, organizations=organizations, respondents=respondents, seed=seed
    )
    options = {"seed": seed, "n_resamples": 100, "agreement": False}
    full = lm.score_organizations(long, sim.responses, **options)
    pulse = lm.score_organizations(short, _pulse_responses(sim, short, migration), **options)
    rows: dict[str, Any] = {}
    for level, key in [("overall", "overall"), *(("dimension", d.id) for d in short.dimensions)]:
        truth = np.array(
            [t.overall if level == "overall" else t.dimensions[key] for t in sim.truth.values()]
        )
        rows[key] = _row(short, _values(pulse, level, key), _values(full, level, key), truth)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", default=None, help="the pulse rubric (default: built)")
    parser.add_argument("--long", default="learning-organization@1.0.0")
    parser.add_argument("--migration", default=None, help="map file (default: bundled)")
    parser.add_argument("--organizations", type=int, default=400)
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--quick", action="store_true", help="100 organizations")
    args = parser.parse_args()
    long = lm.load_rubric(args.long)
    if args.short is None:
        short, migration = picked_pulse(long)
    else:
        short = lm.load_rubric(args.short)
        found = resolve_migration(short, long, [] if args.migration is None else [args.migration])
        if found is None:
            raise SystemExit(f"no migration map links {short.key} and {long.key}")
        migration = found
    n = 100 if args.quick else args.organizations
    start = time.perf_counter()
    rows = run(short, long, migration, n, args.respondents, args.seed)
    took = time.perf_counter() - start
    print(
        f"{short.key} ({len(short.indicators)} items) vs {long.key} "
        f"({len(long.indicators)} items): {n} organizations x {args.respondents} "
        f"respondents, seed {args.seed}, {took:.1f} s"
    )
    print(
        f"{'score':<22}{'r':>7}{'r(truth,pulse)':>16}{'r(truth,full)':>15}"
        f"{'MAD':>7}{'bias':>7}{'stage':>7}"
    )
    for key, r in rows.items():
        print(
            f"{key:<22}{r['r']:7.3f}{r['r_truth_pulse']:16.3f}{r['r_truth_full']:15.3f}"
            f"{r['mad']:7.2f}{r['bias']:+7.2f}{r['stage']:7.1%}"
        )
    print(json.dumps({"seed": args.seed, "organizations": n, "rows": rows}, indent=None))


if __name__ == "__main__":
    main()
