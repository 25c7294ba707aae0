"""Coverage under survey designs: do the ranges hold the *finite-population* score?

Each simulated organization is a finite population of ``N`` people who would all answer
(:func:`lomaturity.simulate_responses`); its true score is the score of the census (all
``N`` people). A sample of them is drawn and scored, and we count how often the 95 % range
holds the census score. Three designs (docs/survey-design.md, "Measured coverage"):

- ``fpc``: simple random samples of ``n`` of ``N`` people, without replacement, scored
  without (``srs``) and with the headcount (``population=``: the finite-population
  correction, FPC).
- ``weights``: managers (who rate higher, ``manager_gap``) over-sampled: a fixed number of
  managers and of employees drawn without replacement; scored unweighted (headcount only)
  and post-stratified by role (``population`` with ``by="role"``).
- ``clusters``: whole teams drawn (all members of ``g`` teams of about 8, strong team
  effects); scored as a simple random sample (``srs``), with ``cluster="team"``, and with
  ``cluster="team"`` plus the headcount (whole teams drawn: ``n / N`` is about ``g / G``,
  so the respondent-level FPC is about the team-level one).

- ``compare``: the same three samplings on *pairs* of organizations (populations ``2i``
  and ``2i + 1``), compared by :func:`lomaturity.compare` (independent sides, its default
  expanded range); the truth is the difference of the two census scores, and the range of
  the difference is checked without and with the design options.

Default interval (``"auto"``; ``compare``: its default ``"expanded"``), 95 %, 1,000
resamples, seeded: every figure reproduces.

Usage (from the repository root)::

    python benchmarks/design_coverage.py                    # 40 replicates x 25 populations
    python benchmarks/design_coverage.py --replicates 8     # quicker (a few minutes)
    python benchmarks/design_coverage.py --designs clusters # one design
    python benchmarks/design_coverage.py --designs compare  # compare() with design options
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

try:
    import lomaturity as lm
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity as lm

RUBRIC = "learning-organization@1.0.0"
POPULATIONS = 25
"""Organizations (finite populations) simulated per replicate."""

Sampler = Callable[[lm.Responses, np.ndarray, np.random.Generator], np.ndarray]
Options = dict[str, object]


def _census(rubric: lm.Rubric, responses: lm.Responses) -> dict[str, float | None]:
    """The census score (all ``N`` people) of every organization: the truth."""
    reports = lm.score_organizations(
        rubric, responses, n_resamples=100, seed=1, agreement=False, allow_small=True
    )
    return {name: r.overall.value for name, r in reports.items()}


def _rows(responses: lm.Responses) -> dict[str, np.ndarray]:
    """Row indices of each organization."""
    ids = np.asarray(responses.organizations)
    return {name: np.flatnonzero(ids == name) for name in responses.organization_ids}


def srs_sampler(n: int) -> Sampler:
    """``n`` people without replacement."""

    def draw(_: lm.Responses, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return np.sort(rng.choice(rows, size=n, replace=False))

    return draw


def role_sampler(managers: int, employees: int) -> Sampler:
    """A fixed number of managers and of employees, without replacement."""

    def draw(responses: lm.Responses, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        roles = np.asarray(responses.roles, dtype=object)[rows]
        m, e = rows[roles == "manager"], rows[roles == "employee"]
        picked = [rng.choice(m, size=min(managers, m.size), replace=False)]
        picked.append(rng.choice(e, size=min(employees, e.size), replace=False))
        return np.sort(np.concatenate(picked))

    return draw


def team_sampler(teams: int) -> Sampler:
    """Every member of ``teams`` teams drawn without replacement."""

    def draw(responses: lm.Responses, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        labels = np.asarray(responses.teams, dtype=object)[rows]
        names = np.unique(labels.astype(str))
        chosen = rng.choice(names, size=min(teams, names.size), replace=False)
        return np.sort(rows[np.isin(labels.astype(str), chosen)])

    return draw


def _population(responses: lm.Responses, by_role: bool) -> lm.Population:
    rows = _rows(responses)
    if not by_role:
        return lm.Population.of({name: int(r.size) for name, r in rows.items()})
    roles = np.asarray(responses.roles, dtype=object)
    counts = {
        name: {
            "manager": int((roles[r] == "manager").sum()),
            "employee": int((roles[r] == "employee").sum()),
        }
        for name, r in rows.items()
    }
    return lm.Population.of(counts, by="role")  # type: ignore[arg-type]


def run_cell(
    rubric: lm.Rubric,
    size: int,
    sampler: Sampler,
    methods: dict[str, Callable[[lm.Responses], Options]],
    replicates: int,
    seed: int,
    simulate: Options,
) -> dict[str, tuple[float, float, float]]:
    """Coverage, mean width and mean design effect of the overall range, per method."""
    hits: dict[str, list[bool]] = {m: [] for m in methods}
    widths: dict[str, list[float]] = {m: [] for m in methods}
    deffs: dict[str, list[float]] = {m: [] for m in methods}
    for replicate in range(replicates):
        sim = lm.simulate_responses(
            rubric,
            organizations=POPULATIONS,
            respondents=size,
            seed=seed + replicate,
            **simulate,  # type: ignore[arg-type]
        )
        truth = _census(rubric, sim.responses)
        rng = np.random.default_rng([seed, replicate])
        picked = np.concatenate(
            [sampler(sim.responses, r, rng) for r in _rows(sim.responses).values()]
        )
        sample = sim.responses.select(picked)
        for method, options in methods.items():
            reports = lm.score_organizations(
                rubric,
                sample,
                n_resamples=1000,
                seed=seed + replicate,
                agreement=False,
                allow_small=True,
                **options(sim.responses),  # type: ignore[arg-type]
            )
            for name, report in reports.items():
                true, s = truth[name], report.overall
                if true is None or s.low is None or s.high is None:
                    continue
                hits[method].append(s.low - 1e-9 <= true <= s.high + 1e-9)
                widths[method].append(s.high - s.low)
                if s.design_effect is not None:
                    deffs[method].append(s.design_effect)
    return {
        m: (
            float(np.mean(hits[m])),
            float(np.mean(widths[m])),
            float(np.mean(deffs[m])) if deffs[m] else float("nan"),
        )
        for m in methods
    }


def run_compare_cell(
    rubric: lm.Rubric,
    size: int,
    sampler: Sampler,
    methods: dict[str, Callable[[lm.Responses], Options]],
    replicates: int,
    seed: int,
    simulate: Options,
) -> dict[str, tuple[float, float, float]]:
    """Coverage and mean width of the range of the overall difference of
    :func:`lomaturity.compare` (independent sides), per method; the truth is the difference
    of the two census scores."""
    hits: dict[str, list[bool]] = {m: [] for m in methods}
    widths: dict[str, list[float]] = {m: [] for m in methods}
    for replicate in range(replicates):
        sim = lm.simulate_responses(
            rubric,
            organizations=POPULATIONS,
            respondents=size,
            seed=seed + replicate,
            **simulate,  # type: ignore[arg-type]
        )
        truth = _census(rubric, sim.responses)
        rng = np.random.default_rng([seed, replicate])
        rows = _rows(sim.responses)
        names = list(rows)
        for a, b in zip(names[0::2], names[1::2], strict=False):
            first = sim.responses.select(sampler(sim.responses, rows[a], rng))
            second = sim.responses.select(sampler(sim.responses, rows[b], rng))
            t_a, t_b = truth[a], truth[b]
            if t_a is None or t_b is None:
                continue
            for method, options in methods.items():
                result = lm.compare(
                    first,
                    second,
                    rubric=rubric,
                    paired=False,
                    n_resamples=1000,
                    seed=seed + replicate,
                    screen="off",
                    **options(sim.responses),  # type: ignore[call-overload]
                )
                d = result.overall
                if d.low is None or d.high is None:
                    continue
                hits[method].append(d.low - 1e-9 <= t_b - t_a <= d.high + 1e-9)
                widths[method].append(d.high - d.low)
    return {m: (float(np.mean(hits[m])), float(np.mean(widths[m])), float("nan")) for m in methods}


def _compare_cells(rubric: lm.Rubric, replicates: int, seed: int, k: int) -> None:
    """The ``compare`` design: FPC, weights and clusters on pairs of organizations."""
    plain: dict[str, Callable[[lm.Responses], Options]] = {
        "srs": lambda r: {},
        "population (FPC)": lambda r: {"population": _population(r, False)},
    }
    for big_n, n in ((40, 10), (40, 30), (100, 80)):
        results = run_compare_cell(rubric, big_n, srs_sampler(n), plain, replicates, seed, {})
        _print("compare fpc", f"n = {n} of N = {big_n} per side", results, k)
    weighting: dict[str, Callable[[lm.Responses], Options]] = {
        "unweighted": lambda r: {"population": _population(r, False)},
        "weighted by role": lambda r: {"population": _population(r, True)},
    }
    gap = {"manager_share": 0.15, "manager_gap": 1.0}
    results = run_compare_cell(
        rubric, 200, role_sampler(12, 18), weighting, replicates, seed + 1, gap
    )
    _print("compare weights", "12 managers + 18 employees per side", results, k)
    clustered: dict[str, Callable[[lm.Responses], Options]] = {
        "srs": lambda r: {},
        "cluster=team": lambda r: {"cluster": "team"},
        "cluster=team + headcount (FPC)": lambda r: {
            "cluster": "team",
            "population": _population(r, False),
        },
    }
    teams = {"team_size": 8.0, "team_sd": 0.6}
    results = run_compare_cell(
        rubric, 400, team_sampler(12), clustered, replicates, seed + 2, teams
    )
    _print("compare clusters", "12 whole teams of ~50 per side (N = 400)", results, k)


def _print(title: str, cell: str, results: dict[str, tuple[float, float, float]], k: int) -> None:
    for method, (coverage, width, deff) in results.items():
        se = np.sqrt(coverage * (1 - coverage) / max(k, 1)) * 100
        shown = "" if np.isnan(deff) else f"{deff:.2f}"
        print(
            f"| {title} | {cell} | {method} | {coverage:.1%} (±{se:.1f}) | {width:.1f} | {shown} |"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument(
        "--designs",
        nargs="+",
        choices=("fpc", "weights", "clusters", "compare"),
        default=["fpc", "weights", "clusters", "compare"],
    )
    args = parser.parse_args(argv)
    rubric = lm.load_rubric(RUBRIC)
    k = args.replicates * POPULATIONS
    pairs = args.replicates * (POPULATIONS // 2)
    start = time.perf_counter()
    print("| design | cell | scored as | coverage (± s.e., points) | mean width | design effect |")
    print("|---|---|---|---|---|---|")
    plain: dict[str, Callable[[lm.Responses], Options]] = {
        "srs": lambda r: {},
        "population (FPC)": lambda r: {"population": _population(r, False)},
    }
    for big_n, n in ((40, 10), (40, 20), (40, 30), (100, 20), (100, 50), (100, 80)):
        if "fpc" not in args.designs:
            break
        results = run_cell(rubric, big_n, srs_sampler(n), plain, args.replicates, args.seed, {})
        _print("fpc", f"n = {n} of N = {big_n}", results, k)
    weighting: dict[str, Callable[[lm.Responses], Options]] = {
        "unweighted": lambda r: {"population": _population(r, False)},
        "weighted by role": lambda r: {"population": _population(r, True)},
    }
    gap = {"manager_share": 0.15, "manager_gap": 1.0}
    for managers, employees in ((12, 18), (20, 40)):
        if "weights" not in args.designs:
            break
        results = run_cell(
            rubric,
            200,
            role_sampler(managers, employees),
            weighting,
            args.replicates,
            args.seed + 1,
            gap,
        )
        _print("weights", f"{managers} managers + {employees} employees of ~30 + ~170", results, k)
    clustered: dict[str, Callable[[lm.Responses], Options]] = {
        "srs": lambda r: {},
        "cluster=team": lambda r: {"cluster": "team"},
        "cluster=team + headcount (FPC)": lambda r: {
            "cluster": "team",
            "population": _population(r, False),
        },
    }
    teams = {"team_size": 8.0, "team_sd": 0.6}
    for g in (12, 25):
        if "clusters" not in args.designs:
            break
        results = run_cell(
            rubric, 400, team_sampler(g), clustered, args.replicates, args.seed + 2, teams
        )
        _print("clusters", f"{g} whole teams of ~50 (N = 400)", results, k)
    if "compare" in args.designs:
        _compare_cells(rubric, args.replicates, args.seed + 3, pairs)
    print(
        f"\n{k} populations per cell ({pairs} pairs per compare cell); "
        f"{time.perf_counter() - start:.0f} s"
    )


if __name__ == "__main__":
    main()
