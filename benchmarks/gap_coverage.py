"""Coverage study: do perception-gap ranges (managers minus employees) hold the true gap?

Simulates organizations with :func:`lomaturity.simulate_responses` (rubric 1.0.0, no team
effects: ``team_sd=0``, so respondents are independent given the organization, as the
respondent bootstrap assumes; other settings at their defaults: manager gap 0.5 latent
units, 5 % blank cells, 3 % "not applicable"). For group sizes ``m`` managers and ``e``
employees, each replicate organization gets ``m + e`` respondents simulated twice from the
same seed, once all managers (``manager_share=1``) and once all employees
(``manager_share=0``): both runs share the organization's latent maturity and indicator
difficulties, and the managers are respondents ``1..m`` of the first run, the employees
respondents ``m+1..m+e`` of the second (distinct, independent draws). The true gap is the
first run's true score minus the second's (each exact, docs/example-data.md).

Per organization the two groups are resampled on their own seeded streams (2,000
resamples) with the library's kernel (:mod:`lomaturity._stats.gap_interval`); every kind
(percentile, expanded, studentized, BCa; ``auto`` = the kind ``perception_gap`` picks)
and both levels (90 %, 95 %) are computed from the same draws, and the study counts how
often each range holds the true overall gap and the true ``values_culture`` gap. A check
runs ``lm.perception_gap`` on the first replicate of each cell and requires the same
figures. Results: docs/coverage.md ("Perception gap") and docs/groups.md.

Usage (from the repository root)::

    python benchmarks/gap_coverage.py                    # 2000 organizations per cell
    python benchmarks/gap_coverage.py --replicates 200   # quick
    python benchmarks/gap_coverage.py --json gap.json --write-table

``--write-table`` regenerates ``src/lomaturity/_stats/gap_coverage_table.py`` (the
coverage ``perception_gap`` notices quote). The only Python loop is per organization.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Sequence
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

from attrs import evolve  # noqa: E402

from lomaturity._results.groups import group_key  # noqa: E402
from lomaturity._stats.aggregate import Layout  # noqa: E402
from lomaturity._stats.bootstrap import jackknife, organization_rng  # noqa: E402
from lomaturity._stats.gap_interval import difference_bounds, flat, group_draws  # noqa: E402
from lomaturity._stats.options import resolve_interval  # noqa: E402
from lomaturity._stats.prepared import prepare  # noqa: E402

RUBRIC = "learning-organization@1.0.0"
CELLS = ((5, 5), (5, 30), (8, 50), (10, 10), (20, 20), (20, 100))
KINDS = ("percentile", "expanded", "studentized", "bca")
LEVELS = (0.90, 0.95)
DIMENSION = "values_culture"
TABLE = Path(__file__).resolve().parents[1] / "src/lomaturity/_stats/gap_coverage_table.py"


def _simulate(
    rubric: lm.Rubric, m: int, e: int, reps: int, seed: int
) -> tuple[Any, Any, np.ndarray, np.ndarray]:
    """The managers' and employees' runs (prepared) and the true overall and dimension gaps."""
    runs = [
        lm.simulate_responses(
            rubric,
            organizations=reps,
            respondents=m + e,
            seed=seed,
            team_sd=0.0,
            manager_share=share,
        )
        for share in (1.0, 0.0)
    ]
    truth = [
        np.array([[t.overall, t.dimensions[DIMENSION]] for t in run.truth.values()]) for run in runs
    ]
    prepared = [prepare(rubric, run.responses) for run in runs]
    return (
        prepared[0],
        prepared[1],
        truth[0][:, 0] - truth[1][:, 0],
        truth[0][:, 1] - truth[1][:, 1],
    )


def _cell(rubric: lm.Rubric, m: int, e: int, reps: int, b: int, seed: int) -> dict[str, Any]:
    managers, employees, true_overall, true_dim = _simulate(rubric, m, e, reps, seed)
    layout: Layout = managers.layout
    d = layout.dimension_ids.index(DIMENSION)
    k = len(layout.indicator_ids)
    columns = [k + len(layout.dimension_ids), k + d]  # overall, values_culture
    mask = np.ones(len(layout.dimension_ids), dtype=bool)
    auto = resolve_interval("auto", min(m, e))
    hits = {
        (kind, lv): np.zeros((reps, 2), dtype=bool) for kind in (*KINDS, "auto") for lv in LEVELS
    }
    widths = {lv: np.zeros(reps) for lv in LEVELS}
    for i, org in enumerate(managers.organizations):
        sides = []
        for prepared, rows, name in (
            (managers, managers.rows[org][:m], "manager"),
            (employees, employees.rows[org][m:], "employee"),
        ):
            scores = prepared.scores[rows]
            rng = organization_rng(seed, f"{org}/{name}")
            g = group_draws(layout, scores, rng, b, mask, "studentized")
            jack = flat(jackknife(layout, scores, ~np.isnan(scores), mask))
            sides.append(evolve(g, jack=jack))
        truth = np.array([true_overall[i], true_dim[i]])
        for lv in LEVELS:
            for kind in KINDS:
                _, low, high = difference_bounds(sides[0], sides[1], kind, lv)
                ok = (low[columns] <= truth) & (truth <= high[columns])
                hits[(kind, lv)][i] = ok
                if kind == auto:
                    hits[("auto", lv)][i] = ok
                    widths[lv][i] = high[columns[0]] - low[columns[0]]
    out: dict[str, Any] = {"managers": m, "employees": e, "auto": auto, "coverage": {}}
    for (kind, lv), h in hits.items():
        share = h.mean(0)
        out["coverage"][f"{kind}@{lv:g}"] = {
            "overall": round(100 * float(share[0]), 1),
            DIMENSION: round(100 * float(share[1]), 1),
        }
    out["auto_width_overall"] = {f"{lv:g}": round(float(w.mean()), 1) for lv, w in widths.items()}
    out["true_gap_overall_mean"] = round(float(true_overall.mean()), 2)
    return out


def check_against_api(rubric: lm.Rubric, seed: int, b: int) -> dict[str, float]:
    """``lm.perception_gap`` on one simulated organization equals the kernel's figures."""
    sim = lm.simulate_responses(
        rubric, organizations=1, respondents=60, seed=seed, team_sd=0.0, manager_share=0.3
    )
    gap = lm.perception_gap(rubric, sim.responses, seed=seed, n_resamples=b)
    org = next(iter(gap.organizations.values()))
    prepared = prepare(rubric, sim.responses)
    role = np.array(sim.responses.metadata["role"], dtype=object)
    rows = prepared.rows[org.organization]
    kind = org.interval.kind
    sides = [
        group_draws(
            prepared.layout,
            prepared.scores[rows[role[rows] == g]],
            organization_rng(seed, group_key(org.organization, "role", g)),
            b,
            np.ones(len(prepared.layout.dimension_ids), dtype=bool),
            kind,
        )
        for g in ("manager", "employee")
    ]
    point, low, high = difference_bounds(sides[0], sides[1], kind, 0.95)
    assert org.overall is not None
    got = (org.overall.difference, org.overall.low, org.overall.high)
    want = (float(point[-1]), float(low[-1]), float(high[-1]))
    if not np.allclose(got, want, atol=1e-9):  # type: ignore[arg-type]
        raise SystemExit(f"perception_gap {got} differs from the kernel {want}")
    return {"difference": want[0], "low": want[1], "high": want[2]}


def markdown(result: dict[str, Any]) -> str:
    """The coverage table of docs/coverage.md."""
    head = "| managers / employees | level | " + " | ".join(f"{k}" for k in (*KINDS, "auto")) + " |"
    lines = [head, "|" + "---|" * (len(KINDS) + 3)]
    for cell in result["cells"]:
        for lv in LEVELS:
            row = []
            for kind in (*KINDS, "auto"):
                c = cell["coverage"][f"{kind}@{lv:g}"]
                row.append(f"{c['overall']:.1f} / {c[DIMENSION]:.1f}")
            name = f"{cell['managers']} / {cell['employees']}"
            lines.append(f"| {name} | {lv:.0%} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def table_module(result: dict[str, Any]) -> str:
    """The source of ``gap_coverage_table.py``: kind -> level -> (m, e) -> (low, high)."""
    table: dict[str, dict[float, dict[tuple[int, int], tuple[float, float]]]] = {}
    for cell in result["cells"]:
        for key, c in cell["coverage"].items():
            kind, lv = key.split("@")
            if kind == "auto":
                continue
            values = (c["overall"], c[DIMENSION])
            table.setdefault(kind, {}).setdefault(float(lv), {})[
                (cell["managers"], cell["employees"])
            ] = (min(values), max(values))
    body = ["GAP_COVERAGE: Final[GapTable] = {"]
    for kind, levels in table.items():
        body.append(f'    "{kind}": {{')
        for lv, cells in levels.items():
            body.append(f"        {lv!r}: {{")
            body += [f"            {mn!r}: {v!r}," for mn, v in cells.items()]
            body.append("        },")
        body.append("    },")
    body.append("}")
    s = result["settings"]
    return (
        '"""Measured coverage of perception-gap ranges, quoted by ``few_in_group`` notices.\n\n'
        "GENERATED by ``python benchmarks/gap_coverage.py --write-table`` (do not edit by\n"
        f"hand; docs/coverage.md shows the same figures). Settings: {s['replicates']} simulated\n"
        f"organizations per cell, {s['resamples']} resamples, seed {s['seed']}; overall gap and\n"
        f"the {DIMENSION} gap of rubric 1.0.0 (lowest, highest of the two, in %).\n"
        '"""\n\nfrom __future__ import annotations\n\nfrom typing import Final\n\n'
        "GapTable = dict[str, dict[float, dict[tuple[int, int], tuple[float, float]]]]\n\n"
        + "\n".join(body)
        + '\n"""interval kind -> nominal level -> (managers, employees) -> (lowest, highest)\n'
        'measured coverage in %."""\n'
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=2000)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--cells", default=",".join(f"{m}/{e}" for m, e in CELLS))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--write-table", action="store_true")
    args = parser.parse_args(argv)
    rubric = lm.load_rubric(RUBRIC)
    cells = [tuple(int(x) for x in c.split("/")) for c in args.cells.split(",")]
    start = time.perf_counter()
    check = check_against_api(rubric, args.seed, 1000)
    results = []
    for i, (m, e) in enumerate(cells):
        t0 = time.perf_counter()
        cell = _cell(rubric, m, e, args.replicates, args.resamples, args.seed + i)
        cell["seconds"] = round(time.perf_counter() - t0, 1)
        results.append(cell)
        print(json.dumps(cell), flush=True)
    result = {
        "settings": {
            "replicates": args.replicates,
            "resamples": args.resamples,
            "seed": args.seed,
            "rubric": RUBRIC,
            "cells": [list(c) for c in cells],
            "monte_carlo_se_at_95": round(100 * math.sqrt(0.95 * 0.05 / args.replicates), 2),
        },
        "api_check": check,
        "cells": results,
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.write_table:
        TABLE.write_text(table_module(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
