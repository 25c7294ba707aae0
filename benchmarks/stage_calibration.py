"""Stage calibration study: when a report gives its stage with bootstrap support ``s``, how
often is that stage the organization's *true* stage?

``Score.stage_support`` is the share of bootstrap resamples whose score falls in each stage
band. It is not the probability that the stage is right: with 2 respondents who answer
alike every resample lands in one band (support 1.00) although two people say little about
an organization. This study measures what the support is worth.

What is run (every figure reproducible from ``--seed``):

- ``lm.simulate_responses`` (the ordered-probit model of the example data, docs/example-data.md,
  its defaults except ``maturity_sd = 1.0``, which spreads the true scores over all five
  stage bands of the default rubric, about 1/5 of the scores in each band and many near a
  band edge) draws ``--organizations`` organizations (default 5,000) for each respondent
  count n = 2, 5, 10, 20, 50, in chunks of 250 with seeds derived from (seed, n, chunk);
- each is scored by the library's own ``lm.score_organizations`` with its defaults
  (``interval="auto"``, 2,000 resamples, seed ``--seed``; ``allow_small=True`` so that stages
  below the minimum reporting size are produced; ``agreement=False``: it changes no score);
- for the overall score and the four dimension scores of every organization, the reported
  stage (of the point estimate), its support (the share of resamples in that stage) and the
  true stage (of the simulation's true score) are recorded;
- the reported stages are binned by support (:data:`BINS`) per n; the table gives the share
  whose reported stage was the true one (with a Wilson 95 % interval), over all true scores
  and over those within :data:`EDGE` points of an inner band edge (35, 50, 65, 80), and
  separately for the overall and the dimension scores.
- **Stage rules** (``--rules``, on by default): the overall stage of a rubric with a
  non-compensatory stage rule is decided from several scores, so the table above (one
  score's band) does not apply to it. The same design is run on each rubric of
  :data:`RULE_RUBRICS` (the default rubric 1.1.0: ``weakest``, allowance 1; and 1.1.0
  with ``weakest``, allowance 0), overall stage only: the reported overall stage (the
  rule applied to the point estimates), its support (the rule applied in every resample)
  and the true overall stage (the rule applied to the true overall and dimension scores).
  Its table is keyed by the rule (``weakest:1``) and quoted for any rubric with that rule.

Usage (from the repository root)::

    python benchmarks/stage_calibration.py                 # 5,000 organizations per n
    python benchmarks/stage_calibration.py --quick         # 200 per n
    python benchmarks/stage_calibration.py --no-rules      # skip the stage-rule study
    python benchmarks/stage_calibration.py --json out.json # also write the raw tables
    python benchmarks/stage_calibration.py --write-table   # regenerate the library table
    python benchmarks/stage_calibration.py --load out.json --markdown  # the docs' tables

``--write-table`` rewrites ``src/lomaturity/_stats/stage_calibration_table.py`` (what reports
quote as ``Score.stage_accuracy``); docs/stage-certainty.md holds the same table, and a test
checks they agree.
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

import attrs  # noqa: E402
import numpy as np  # noqa: E402

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

from lomaturity._stats.stage_calibration_table import ACCURACY  # noqa: E402
from lomaturity._stats.stage_certainty import rule_key  # noqa: E402

RUBRIC = "learning-organization@1.0.0"
SIZES = (2, 5, 10, 20, 50)
BINS = (0.0, 0.5, 0.7, 0.9, 0.99, 1.0)
"""Support bins: [0, .5), [.5, .7), [.7, .9), [.9, .99), [.99, 1]."""
EDGE = 2.5
"""True scores within this many points of an inner band edge count as "near an edge"."""
CHUNK = 250
WHAT = ("all", "edge", "overall", "dimension")
MATURITY_SD = 1.0
RULE_RUBRIC = "learning-organization@1.1.0"
RULE_ALLOWANCES = (1,)
"""Allowances of the ``weakest`` rule studied on :data:`RULE_RUBRIC` by default (1: its own
rule; ``--allowances 1 0`` adds others)."""


def rule_rubrics(allowances: tuple[int, ...] = RULE_ALLOWANCES) -> list[lm.Rubric]:
    """The rubrics of the stage-rule study: :data:`RULE_RUBRIC` with each allowance."""
    base = lm.load_rubric(RULE_RUBRIC)
    return [
        attrs.evolve(base, stage_rule=attrs.evolve(base.stage_rule, kind="weakest", allowance=a))
        for a in allowances
    ]


TABLE = Path(__file__).resolve().parents[1] / "src/lomaturity/_stats/stage_calibration_table.py"


def _cell(
    rubric: lm.Rubric, n: int, organizations: int, seed: int, rule: bool = False
) -> dict[str, Any]:
    """Support, correctness and edge distance of every staged score at ``n`` respondents
    (``rule``: the overall stage only, its truth decided by the rubric's stage rule)."""
    lowers = np.array([s.lower for s in rubric.stages])
    support: list[float] = []
    right: list[bool] = []
    distance: list[float] = []
    overall: list[bool] = []
    for chunk, start in enumerate(range(0, organizations, CHUNK)):
        size = min(CHUNK, organizations - start)
        sim = lm.simulate_responses(
            rubric,
            organizations=size,
            respondents=n,
            seed=seed * 1_000_003 + n * 1009 + chunk,
            maturity_sd=MATURITY_SD,
        )
        reports = lm.score_organizations(
            rubric, sim.responses, seed=seed, agreement=False, allow_small=True
        )
        for org, truth in sim.truth.items():
            report = reports[org]
            pairs = [(report.overall, truth.overall)]
            if not rule:
                pairs += [(report.dimensions[d], t) for d, t in truth.dimensions.items()]
            for k, (score, true) in enumerate(pairs):
                if score.stage is None:
                    continue
                overall.append(k == 0)
                support.append(score.stage_support[score.stage])
                if rule:
                    stage = rubric.overall_stage(true, dict(truth.dimensions))[0]
                else:
                    stage = rubric.stage_for(true)
                right.append(score.stage == stage.id)
                distance.append(float(np.min(np.abs(lowers[1:] - true))))
    return {"support": support, "right": right, "distance": distance, "overall": overall}


def _wilson(k: int, m: int) -> tuple[float, float]:
    """Wilson score 95 % interval of ``k / m``."""
    z = 1.959964
    p = k / m
    centre = (p + z * z / (2 * m)) / (1 + z * z / m)
    half = z * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / (1 + z * z / m)
    return max(0.0, centre - half), min(1.0, centre + half)


def _table(cell: dict[str, Any], what: str) -> list[dict[str, Any]]:
    """Rows per support bin of ``what``: "all" scores, those "edge" (truth near a band
    edge), or only the "overall" or the "dimension" scores."""
    support = np.asarray(cell["support"])
    right = np.asarray(cell["right"], dtype=bool)
    is_overall = np.asarray(cell["overall"], dtype=bool)
    keep = {
        "all": np.ones(support.size, dtype=bool),
        "edge": np.asarray(cell["distance"]) <= EDGE,
        "overall": is_overall,
        "dimension": ~is_overall,
    }[what]
    index = np.clip(np.searchsorted(BINS, support, side="right") - 1, 0, len(BINS) - 2)
    rows = []
    for b in range(len(BINS) - 1):
        mask = keep & (index == b)
        m = int(mask.sum())
        k = int(right[mask].sum())
        low, high = _wilson(k, m) if m else (math.nan, math.nan)
        mean = float(support[mask].mean()) if m else math.nan
        rows.append({"bin": b, "count": m, "right": k, "low": low, "high": high, "support": mean})
    return rows


def _print(results: dict[int, dict[str, list[dict[str, Any]]]], what: str) -> None:
    labels = [f"{BINS[b]:.2f}-{BINS[b + 1]:.2f}" for b in range(len(BINS) - 1)]
    print(f"\n{what}: share right % (scores in bin)")
    print("  n  " + "".join(f"{label:>19}" for label in labels))
    for n, tables in results.items():
        cells = []
        for row in tables[what]:
            share = 100.0 * row["right"] / row["count"] if row["count"] else math.nan
            cells.append(f"{share:>10.1f} ({row['count']:>5})")
        print(f"{n:>3}  " + "".join(f"{c:>19}" for c in cells))


def _markdown(results: dict[int, dict[str, list[dict[str, Any]]]], what: str) -> None:
    """The table of ``what`` (a key of :data:`WHAT`) as Markdown, as docs/stage-certainty.md has it:
    share right % [Wilson 95 % interval] (scores in the bin)."""
    labels = [f"{BINS[b]:.2f}-{BINS[b + 1]:.2f}" for b in range(len(BINS) - 1)]
    labels[-1] = f"{BINS[-2]:.2f}-{BINS[-1]:.2f} (incl. 1.00)"
    print("\n| n | " + " | ".join(labels) + " |")
    print("|---:|" + "---:|" * len(labels))
    for n, tables in results.items():
        cells = []
        for row in tables[what]:
            if not row["count"]:
                cells.append("—")
                continue
            share = 100.0 * row["right"] / row["count"]
            low, high = 100.0 * row["low"], 100.0 * row["high"]
            cells.append(f"{share:.1f} [{low:.1f}, {high:.1f}] ({row['count']:,})")
        print(f"| {n} | " + " | ".join(cells) + " |")


def _shares(rows: list[dict[str, Any]]) -> tuple[float | None, ...]:
    """Share right (%) per bin, ``None`` for fewer than 50 scores."""
    return tuple(
        None if r["count"] < 50 else round(100.0 * r["right"] / r["count"], 1) for r in rows
    )


def _write_table(
    results: dict[int, dict[str, list[dict[str, Any]]]],
    header: str,
    rules: dict[str, dict[int, dict[str, list[dict[str, Any]]]]],
) -> None:
    lines = [
        '"""Measured stage calibration (generated by benchmarks/stage_calibration.py',
        "--write-table; do not edit by hand: docs/stage-certainty.md shows the same figures).",
        "",
        header,
        '"""',
        "",
        "from __future__ import annotations",
        "",
        f"BINS: tuple[float, ...] = {BINS!r}",
        '"""Support bins: ``[BINS[i], BINS[i + 1])``, the last one closed."""',
        "",
        "ACCURACY: dict[int, tuple[float | None, ...]] = {",
    ]
    for n, tables in results.items():
        lines.append(f"    {n}: {_shares(tables['all'])!r},")
    lines += [
        "}",
        '"""Respondent count -> share (%) of stages reported with support in each bin that were',
        'the true stage (all true scores; ``None``: fewer than 50 scores in the bin)."""',
        "",
        "RULE_ACCURACY: dict[str, dict[int, tuple[float | None, ...]]] = {",
    ]
    for key, by_n in rules.items():
        lines.append(f'    "{key}": {{')
        lines += [f"        {n}: {_shares(t['all'])!r}," for n, t in by_n.items()]
        lines.append("    },")
    lines += [
        "}",
        '"""Stage rule (``weakest:ALLOWANCE``) -> respondent count -> share (%) of overall',
        "stages decided by that rule reported with support in each bin that were the true",
        f"overall stage under the rule (rubric {RULE_RUBRIC}; ``None``: fewer than 50 in",
        'the bin)."""',
        "",
    ]
    TABLE.write_text("\n".join(lines), encoding="utf-8")


def _library_results() -> dict[int, dict[str, list[dict[str, Any]]]]:
    """The library's score table as study rows (shares only), for ``--rules-only``."""
    return {
        n: {"all": [{"count": 0 if s is None else 100, "right": s or 0.0} for s in shares]}
        for n, shares in ACCURACY.items()
    }


def _study(
    rubric: lm.Rubric, organizations: int, seed: int, rule: bool = False
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """The tables of every respondent count of :data:`SIZES`."""
    results = {}
    for n in SIZES:
        started = time.perf_counter()
        cell = _cell(rubric, n, organizations, seed, rule)
        results[n] = {w: _table(cell, w) for w in (("all", "edge") if rule else WHAT)}
        took = time.perf_counter() - started
        print(f"n={n}: {len(cell['support'])} staged scores in {took:.1f} s", flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--quick", action="store_true", help="200 organizations per n")
    parser.add_argument("--json", type=Path, help="write the tables as JSON")
    parser.add_argument("--load", type=Path, help="read tables from a --json file instead")
    parser.add_argument("--write-table", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print the docs' tables")
    parser.add_argument(
        "--no-rules", action="store_true", help="skip the stage-rule (overall stage) study"
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="only the stage-rule study; --write-table keeps the library's score table",
    )
    parser.add_argument(
        "--rule-organizations", type=int, default=None, help="per n in the stage-rule study"
    )
    parser.add_argument("--allowances", type=int, nargs="+", default=list(RULE_ALLOWANCES))
    args = parser.parse_args(argv)
    organizations = 200 if args.quick else args.organizations
    rubric = lm.load_rubric(RUBRIC)
    results: dict[int, dict[str, list[dict[str, Any]]]] = {}
    rules: dict[str, dict[int, dict[str, list[dict[str, Any]]]]] = {}
    if args.load:
        loaded = json.loads(args.load.read_text(encoding="utf-8"))
        results = {int(k): v for k, v in loaded["results"].items()}
        rules = {
            key: {int(n): t for n, t in by_n.items()}
            for key, by_n in loaded.get("rules", {}).items()
        }
        organizations, seed = loaded["organizations"], loaded["seed"]
        rule_count = loaded.get("rule_organizations", organizations)
    else:
        seed = args.seed
        rule_count = args.rule_organizations or organizations
        if not args.rules_only:
            results = _study(rubric, organizations, seed)
        if not args.no_rules:
            for ruled in rule_rubrics(tuple(args.allowances)):
                print(f"stage rule {rule_key(ruled.stage_rule)} ({RULE_RUBRIC}):", flush=True)
                rules[rule_key(ruled.stage_rule)] = _study(ruled, rule_count, seed, rule=True)
    for what in WHAT:
        if results and what in next(iter(results.values())):
            _print(results, what)
    for key, by_n in rules.items():
        print(f"\noverall stage under the stage rule {key} ({RULE_RUBRIC}):")
        _print(by_n, "all")
    if args.markdown:
        for what in WHAT:
            if results and what in next(iter(results.values())):
                _markdown(results, what)
        for key, by_n in rules.items():
            print(f"\n### Overall stage, stage rule {key}")
            _markdown(by_n, "all")
    if args.json:
        payload = {"organizations": organizations, "seed": seed, "results": results}
        payload["rules"] = rules
        payload["rule_organizations"] = rule_count
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    if args.write_table:
        if not results:  # --rules-only: keep the score table as generated before
            results = _library_results()
        _write_table(
            results,
            f"{organizations} simulated organizations per respondent count, seed {seed},\n"
            f"rubric {RUBRIC}, maturity_sd {MATURITY_SD}; overall and dimension scores pooled.\n"
            f"Stage rules: {rule_count} organizations per respondent count, rubric {RULE_RUBRIC}.",
            rules,
        )


if __name__ == "__main__":
    main()
