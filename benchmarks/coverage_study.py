"""Coverage study: how often do lomaturity's confidence ranges hold the true score?

Simulates organizations whose *true* scores are known exactly, surveys ``n`` of their
employees (n = 3, 5, 10, 15, 20, 30, 100), scores every simulated survey with
:func:`lomaturity.score_organizations` exactly as a user would, and counts how often the
reported 90 % and 95 % ranges (percentile and BCa) contain the true overall score and the
true ``values_culture`` dimension score. Results and their discussion: ``docs/coverage.md``.

Generative model (the one behind the example data, ``docs/example-data.md``, without
team effects): for respondent ``r`` and indicator ``i`` of dimension ``d(i)``

    eta_ri = mu_d(i) - b_i + v_r + gamma * M_r + eps_ri
    v_r ~ N(0, 0.5^2)  person effect;  eps_ri ~ N(0, 0.8^2)  answer noise
    M_r ~ Bernoulli(0.15)  manager;  gamma = 0.5  manager perception gap
    b_i  indicator difficulty, N(0, 0.25^2) centred within each dimension (fixed per scenario)
    Y*_ri = 1 + #{k : eta_ri > tau_k},  tau = (-1.5, -0.5, 0.5, 1.5)   (answer 1..5)

reverse-keyed indicators are stored flipped (6 - Y*), and 4 % of cells are left blank
completely at random. The true score is the population value of the estimand, computed
exactly: ``E[Y*_i] = 1 + sum_k [0.85 Phi((m_i - tau_k)/s) + 0.15 Phi((m_i + gamma - tau_k)/s)]``
with ``m_i = mu_d(i) - b_i`` and ``s = sqrt(0.5^2 + 0.8^2)``; indicator truth
``25 (E[Y*_i] - 1)`` on 0-100, aggregated with the rubric's weights like the scores are.
A self-check scores a simulated population of 200,000 respondents against it.

Usage (from the repository root)::

    python benchmarks/coverage_study.py              # full study: 1000 replicates per cell
    python benchmarks/coverage_study.py --quick      # 200 replicates, 1000 resamples
    python benchmarks/coverage_study.py --json results.json --jobs 2

Every figure is reproducible from ``--seed``; the work is split into fixed chunks so the
result does not depend on ``--jobs``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# One BLAS thread per process: the matrices are small and worker processes share the cores.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

try:
    import lomaturity
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity

from lomaturity import Responses  # noqa: E402
from lomaturity._stats.aggregate import Layout, aggregate, normalized  # noqa: E402
from lomaturity._stats.bootstrap import (  # noqa: E402
    expanded_tail,
    jackknife,
    organization_rng,
    respondent_bootstrap,
)
from lomaturity._stats.scoring import _interval  # noqa: E402
from lomaturity.results import ScoringOptions  # noqa: E402

Float = npt.NDArray[np.float64]

RUBRIC = "learning-organization"
DIMENSION = "values_culture"
PERSON_SD = 0.5
NOISE_SD = 0.8
DIFFICULTY_SD = 0.25
MANAGER_SHARE = 0.15
MANAGER_GAP = 0.5
BLANK_RATE = 0.04
THRESHOLDS = np.array([-1.5, -0.5, 0.5, 1.5])
CHUNK = 100  # replicates per work unit (fixed, so results do not depend on --jobs)

SCENARIOS: dict[str, dict[str, float]] = {
    # dimension -> latent mean mu (0 = scale midpoint, 1 unit ~ 1 answer category)
    "middle": {
        "values_culture": 0.0,
        "strategy": -0.4,
        "practice": 0.2,
        "employee_experience": 0.3,
    },
    "high": {"values_culture": 1.3, "strategy": 0.5, "practice": 1.1, "employee_experience": 0.9},
}
DEFAULT_N = (3, 5, 10, 15, 20, 30, 100)
LEVELS = (0.90, 0.95)
KINDS = ("percentile", "bca")
EXTRA_KIND = "expanded"  # lomaturity's interval="expanded"


def _kinds() -> tuple[str, ...]:
    """The interval kinds studied."""
    return (*KINDS, EXTRA_KIND)


def _expanded(level: float, n: int) -> float:
    """Nominal level of the *expanded percentile* interval (Hesterberg 2015).

    The percentile range at ``1 - 2 alpha'`` with
    ``alpha' = Phi(-sqrt(n / (n - 1)) t_{n-1, 1 - alpha/2})``, ``alpha = (1 - level) / 2``:
    it widens the percentile range by the factors a t interval has over a z interval with
    the divide-by-n variance that the bootstrap implies.
    """
    return 1.0 - 2.0 * expanded_tail(n, level)


def _phi(x: Float) -> Float:
    out: Float = 0.5 * np.vectorize(math.erfc)(-x / math.sqrt(2.0))
    return out


@dataclass(frozen=True)
class Model:
    """One scenario's fixed parameters on the rubric's indicators."""

    name: str
    location: Float  # (k,) mu_d(i) - b_i
    reverse: npt.NDArray[np.bool_]
    indicator_weight: Float
    membership: Float  # (k, d)
    dimension_weight: Float
    dimension_ids: tuple[str, ...]

    @classmethod
    def build(cls, rubric: lomaturity.Rubric, name: str, seed: int) -> Model:
        mu = SCENARIOS[name]
        dims = tuple(d.id for d in rubric.dimensions)
        dim_of = np.array([dims.index(i.dimension) for i in rubric.indicators])
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0,)))
        beta = rng.normal(0.0, DIFFICULTY_SD, size=len(rubric.indicators))
        b = beta.copy()
        for c in range(len(dims)):
            b[dim_of == c] -= beta[dim_of == c].mean()
        membership = np.zeros((len(rubric.indicators), len(dims)))
        membership[np.arange(len(rubric.indicators)), dim_of] = 1.0
        return cls(
            name=name,
            location=np.array([mu[dims[c]] for c in dim_of]) - b,
            reverse=np.array([i.reverse for i in rubric.indicators]),
            indicator_weight=np.array([i.weight for i in rubric.indicators]),
            membership=membership,
            dimension_weight=np.array([d.weight for d in rubric.dimensions]),
            dimension_ids=dims,
        )

    def true_scores(self) -> dict[str, float]:
        """Exact population scores: overall and every dimension (0-100)."""
        s = math.hypot(PERSON_SD, NOISE_SD)
        m = self.location[:, None]
        p_exceed = (1 - MANAGER_SHARE) * _phi((m - THRESHOLDS) / s) + MANAGER_SHARE * _phi(
            (m + MANAGER_GAP - THRESHOLDS) / s
        )
        indicator = 25.0 * p_exceed.sum(1)  # 100 (E[Y*] - 1) / (5 - 1)
        w = self.indicator_weight
        dims = (indicator * w) @ self.membership / (w @ self.membership)
        overall = float(dims @ self.dimension_weight / self.dimension_weight.sum())
        out = {"overall": overall}
        out.update({d: float(v) for d, v in zip(self.dimension_ids, dims, strict=True)})
        return out

    def answers(self, rng: np.random.Generator, n: int) -> Float:
        """``(n, k)`` answers as stored (reverse-keyed flipped), NaN for blanks."""
        k = self.location.size
        person = rng.normal(0.0, PERSON_SD, size=(n, 1))
        manager = rng.random((n, 1)) < MANAGER_SHARE
        eta = self.location + person + MANAGER_GAP * manager + rng.normal(0.0, NOISE_SD, (n, k))
        keyed = 1.0 + (eta[:, :, None] > THRESHOLDS).sum(2)
        values: Float = np.where(self.reverse, 6.0 - keyed, keyed)
        values[rng.random((n, k)) < BLANK_RATE] = np.nan
        return values


def _responses(rubric: lomaturity.Rubric, values: Float, organizations: Sequence[str]) -> Responses:
    """Responses built directly (the simulated answers are valid by construction)."""
    return Responses(
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=np.zeros(values.shape, dtype=bool),
        respondent_ids=[f"{o}-{i:06d}" for i, o in enumerate(organizations)],
        organizations=list(organizations),
        rubric_key=rubric.key,
    )


def _chunk(task: tuple[str, int, int, int, int, int]) -> dict[str, Any]:
    """Simulate and score ``reps`` organizations of ``n`` respondents; count hits.

    Each organization is bootstrapped once with the scorer's own functions (the same
    generator, resamples, jackknife and interval code as :func:`lomaturity.score`), and the
    four ranges (90 / 95 %, percentile / BCa) are read off the same draws. The first
    organization of every chunk is also scored through ``score_organizations`` and must
    give the same ranges (to rounding), so the study measures exactly what users are shown.
    """
    scenario, n, chunk, reps, n_resamples, seed = task
    rubric = lomaturity.load_rubric(RUBRIC)
    layout = Layout.of(rubric)
    model = Model.build(rubric, scenario, seed)
    truth = model.true_scores()
    rng = np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(1, list(SCENARIOS).index(scenario), n, chunk))
    )
    names = [f"{scenario}-n{n}-r{chunk * CHUNK + r:05d}" for r in range(reps)]
    responses = _responses(
        rubric, model.answers(rng, n * reps), [o for o in names for _ in range(n)]
    )
    everything = normalized(layout, responses)
    targets = ("overall", DIMENSION)
    column = layout.dimension_ids.index(DIMENSION)
    settings = [
        (
            level,
            kind,
            ScoringOptions(
                confidence=_expanded(level, n) if kind == "expanded" else level,
                n_resamples=n_resamples,
                seed=seed,
                interval="bca" if kind == "bca" else "percentile",
            ),
        )
        for level in LEVELS
        for kind in _kinds()
    ]
    keys = [f"{t}|{kind}|{level}" for t in targets for level, kind, _ in settings]
    hits = {k: [0, 0, 0] for k in keys}
    width = dict.fromkeys(keys, 0.0)
    for r, name in enumerate(names):
        scores = everything[r * n : (r + 1) * n]
        answered = ~np.isnan(scores)
        dim_ok = np.ones(len(layout.dimension_ids), dtype=bool)
        filled = np.where(answered, scores, 0.0)
        point = aggregate(layout, filled.sum(0)[None, :], answered.sum(0)[None, :] * 1.0, dim_ok)
        draws = respondent_bootstrap(
            layout, scores, answered, organization_rng(seed, name), n_resamples, dim_ok
        )
        jack = jackknife(layout, scores, answered, dim_ok)
        shown: dict[str, tuple[float, float]] = {}
        for level, kind, options in settings:
            bca = kind == "bca"
            ranges = {
                "overall": _interval(
                    draws.overall[:, None],
                    point.overall,
                    options,
                    jack.overall[:, None] if bca else None,
                ),
                DIMENSION: _interval(
                    draws.dimension[:, [column]],
                    point.dimension[0, [column]],
                    options,
                    jack.dimension[:, [column]] if bca else None,
                ),
            }
            for target, (low, high) in ranges.items():
                lo, hi = float(low[0]), float(high[0])
                key = f"{target}|{kind}|{level}"
                shown[key] = (lo, hi)
                t = truth[target]
                hits[key][0] += lo <= t <= hi
                hits[key][1] += t < lo
                hits[key][2] += t > hi
                width[key] += hi - lo
        if r == 0:
            _check_against_score(rubric, responses.select(np.arange(n)), settings, shown)
    return {"scenario": scenario, "n": n, "reps": reps, "hits": hits, "width": width}


def _check_against_score(
    rubric: lomaturity.Rubric,
    responses: Responses,
    settings: Sequence[tuple[float, str, ScoringOptions]],
    shown: dict[str, tuple[float, float]],
) -> None:
    """The public scorer must report exactly the ranges the study counted."""
    for level, kind, options in settings:
        if kind == EXTRA_KIND:
            continue
        report = lomaturity.score_organizations(
            rubric,
            responses,
            confidence=level,
            n_resamples=options.n_resamples,
            seed=options.seed,
            interval=kind,
        )[responses.organizations[0]]
        assert report.interval.kind == kind
        for target, s in (("overall", report.overall), (DIMENSION, report.dimensions[DIMENSION])):
            # Equal up to summation order (the scorer reduces all dimensions at once).
            expected = shown[f"{target}|{kind}|{level}"]
            assert s.low is not None
            assert s.high is not None
            assert math.isclose(s.low, expected[0], rel_tol=1e-10), (target, kind, level)
            assert math.isclose(s.high, expected[1], rel_tol=1e-10), (target, kind, level)


def _self_check(seed: int) -> dict[str, float]:
    """Score one simulated population of 200,000 respondents against the exact truth."""
    rubric = lomaturity.load_rubric(RUBRIC)
    layout = Layout.of(rubric)
    worst = {}
    for scenario in SCENARIOS:
        model = Model.build(rubric, scenario, seed)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2,)))
        population = _responses(rubric, model.answers(rng, 200_000), ["population"] * 200_000)
        scores = normalized(layout, population)
        answered = ~np.isnan(scores)
        point = aggregate(
            layout,
            np.where(answered, scores, 0.0).sum(0)[None, :],
            answered.sum(0)[None, :] * 1.0,
        )
        truth = model.true_scores()
        got = {"overall": float(point.overall[0])}
        got.update(
            {d: float(v) for d, v in zip(layout.dimension_ids, point.dimension[0], strict=True)}
        )
        worst[scenario] = max(abs(got[k] - v) for k, v in truth.items())
    return worst


def run(ns: Sequence[int], reps: int, n_resamples: int, seed: int, jobs: int) -> dict[str, Any]:
    """The whole study: coverage per scenario, n, target, interval kind and level."""
    tasks = []
    for scenario in SCENARIOS:
        for n in ns:
            for chunk in range(math.ceil(reps / CHUNK)):
                size = min(CHUNK, reps - chunk * CHUNK)
                tasks.append((scenario, n, chunk, size, n_resamples, seed))
    # Large n first so the slowest tasks do not finish last.
    tasks.sort(key=lambda t: -t[1])
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(_chunk, tasks))
    else:
        parts = [_chunk(t) for t in tasks]
    rubric = lomaturity.load_rubric(RUBRIC)
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    for part in parts:
        cell = cells.setdefault(
            (part["scenario"], part["n"]),
            {"reps": 0, "hits": {}, "width": {}},
        )
        cell["reps"] += part["reps"]
        for key, (hits, lows, highs) in part["hits"].items():
            h = cell["hits"].setdefault(key, [0, 0, 0])
            h[0] += hits
            h[1] += lows
            h[2] += highs
            cell["width"][key] = cell["width"].get(key, 0.0) + part["width"][key]
    rows = []
    for scenario in SCENARIOS:
        truth = Model.build(rubric, scenario, seed).true_scores()
        for n in ns:
            cell = cells[(scenario, n)]
            r = cell["reps"]
            for key, (hits, lows, highs) in sorted(cell["hits"].items()):
                target, kind, level = key.split("|")
                p = hits / r
                rows.append(
                    {
                        "scenario": scenario,
                        "n": n,
                        "target": target,
                        "true": round(truth[target], 2),
                        "kind": kind,
                        "level": float(level),
                        "replicates": r,
                        "coverage": p,
                        "mcse": math.sqrt(max(p * (1 - p), 1.0 / r) / r),
                        "miss_low": lows / r,
                        "miss_high": highs / r,
                        "mean_width": cell["width"][key] / r,
                    }
                )
    return {
        "settings": {
            "replicates": reps,
            "n_resamples": n_resamples,
            "seed": seed,
            "n": list(ns),
            "scenarios": SCENARIOS,
            "dimension": DIMENSION,
            "numpy": np.__version__,
            "lomaturity": lomaturity.__version__,
        },
        "rows": rows,
    }


def table(result: dict[str, Any], target: str) -> str:
    """Markdown table of one target: a row per scenario and n, a column per kind and level."""
    rows = [r for r in result["rows"] if r["target"] == target]
    head = "| scenario | true | n |"
    rule = "|---|---:|---:|"
    kinds = [k for k in (*KINDS, EXTRA_KIND) if any(r["kind"] == k for r in rows)]
    columns = [(k, lv) for lv in LEVELS for k in kinds]
    for kind, level in columns:
        head += f" {level:.0%} {kind}{'*' if kind == EXTRA_KIND else ''} |"
        rule += "---:|"
    head += " 95% width |"
    rule += "---:|"
    if EXTRA_KIND in kinds:
        head += f" 95% {EXTRA_KIND}* width |"
        rule += "---:|"
    lines = [head, rule]
    for scenario in SCENARIOS:
        for n in result["settings"]["n"]:
            cell = {
                (r["kind"], r["level"]): r
                for r in rows
                if r["scenario"] == scenario and r["n"] == n
            }
            some = next(iter(cell.values()))
            line = f"| {scenario} | {some['true']:.1f} | {n} |"
            for kind, level in columns:
                r = cell[(kind, level)]
                line += f" {100 * r['coverage']:.1f} ± {100 * r['mcse']:.1f} |"
            line += f" {cell[('percentile', 0.95)]['mean_width']:.1f} |"
            if EXTRA_KIND in kinds:
                line += f" {cell[(EXTRA_KIND, 0.95)]['mean_width']:.1f} |"
            lines.append(line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 replicates, 1000 resamples")
    parser.add_argument("--replicates", type=int, default=None, help="per scenario and n")
    parser.add_argument("--resamples", type=int, default=None, help="bootstrap resamples")
    parser.add_argument("--n", type=int, nargs="+", default=list(DEFAULT_N))
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    args = parser.parse_args(argv)
    reps = args.replicates or (200 if args.quick else 1000)
    n_resamples = args.resamples or (1000 if args.quick else 2000)

    start = time.perf_counter()
    check = _self_check(args.seed)
    print("self-check, |score of 200,000 simulated respondents - exact truth|, worst:")
    for scenario, err in check.items():
        print(f"  {scenario}: {err:.3f} points")
    result = run(args.n, reps, n_resamples, args.seed, args.jobs)
    result["settings"]["self_check"] = check
    elapsed = time.perf_counter() - start
    result["settings"]["seconds"] = round(elapsed, 1)
    print(
        f"\n{reps} replicates per cell, {n_resamples} resamples, seed {args.seed}, "
        f"{elapsed:.0f} s with {args.jobs} job(s); coverage in % ± Monte-Carlo SE\n"
    )
    for target in ("overall", DIMENSION):
        print(f"### {target}\n")
        print(table(result, target))
        print()
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
