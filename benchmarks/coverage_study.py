"""Coverage study: how often do lomaturity's confidence ranges hold the true score?

Simulates organizations whose *true* scores are known exactly, surveys ``n`` of their
employees (n = 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100) in five scenarios (middle, high,
skewed, ceiling, floor), bootstraps every simulated survey with the scorer's own functions
and counts how often the 90 % and 95 % ranges of every kind (percentile, BCa, expanded,
studentized, studentized union; ``auto``, the default, is the kind it picks at each
``n``) contain the true overall score and the true ``values_culture`` dimension score.
Results and their discussion: ``docs/coverage.md``; ``--write-table`` regenerates
``src/lomaturity/_stats/coverage_table.py``, the measured coverage reports quote.

Generative model (the one behind the example data, ``docs/example-data.md``, without
team effects): for respondent ``r`` and indicator ``i`` of dimension ``d(i)``

    eta_ri = mu_d(i) - b_i + v_r + gamma * M_r + eps_ri
    v_r  person effect: N(0, 0.5^2), or in the skewed scenario a two-normal mixture
         (75 % N(0.35, 0.35^2), 25 % N(-1.05, 0.6^2): mean 0, a discontented quarter)
    eps_ri ~ N(0, 0.8^2)  answer noise
    M_r ~ Bernoulli(0.15)  manager;  gamma = 0.5  manager perception gap
    b_i  indicator difficulty, N(0, 0.25^2) centred within each dimension (fixed per scenario)
    Y*_ri = 1 + #{k : eta_ri > tau_k},  tau = (-1.5, -0.5, 0.5, 1.5)   (answer 1..5)

reverse-keyed indicators are stored flipped (6 - Y*), and 4 % of cells are left blank
completely at random. The true score is the population value of the estimand, computed
exactly: ``E[Y*_i] = 1 + sum_c share_c sum_k [0.85 Phi((m_i + mean_c - tau_k)/s_c)
+ 0.15 Phi((m_i + mean_c + gamma - tau_k)/s_c)]`` over the person-effect components
``c``, with ``m_i = mu_d(i) - b_i`` and ``s_c = sqrt(sd_c^2 + 0.8^2)``; indicator truth
``25 (E[Y*_i] - 1)`` on 0-100, aggregated with the rubric's weights like the scores are.
A self-check scores a simulated population of 200,000 respondents against it.

Usage (from the repository root)::

    python benchmarks/coverage_study.py              # full study: 2000 replicates per cell
    python benchmarks/coverage_study.py --quick      # 200 replicates, 1000 resamples
    python benchmarks/coverage_study.py --json results.json --jobs 2
    python benchmarks/coverage_study.py --load results.json --write-table

The only loop per organization is its bootstrap (its own seeded stream, as in the scorer);
every kind and level is then computed for a whole chunk of organizations at once. Every
figure is reproducible from ``--seed``; the work is split into fixed chunks so the result
does not depend on ``--jobs``.
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
from lomaturity._stats.bootstrap import jackknife, organization_rng  # noqa: E402
from lomaturity._stats.options import resolve_interval  # noqa: E402
from lomaturity._stats.scoring import _interval  # noqa: E402
from lomaturity._stats.studentized import studentized_bootstrap  # noqa: E402

Float = npt.NDArray[np.float64]

RUBRIC = "learning-organization@1.0.0"
DIMENSION = "values_culture"
TARGETS = ("overall", DIMENSION)
NOISE_SD = 0.8
DIFFICULTY_SD = 0.25
MANAGER_SHARE = 0.15
MANAGER_GAP = 0.5
BLANK_RATE = 0.04
THRESHOLDS = np.array([-1.5, -0.5, 0.5, 1.5])
CHUNK = 100  # replicates per work unit (fixed, so results do not depend on --jobs)
INNER = (15.0, 85.0)  # true scores the levels must hold for (the issue's range)

NORMAL = ((1.0, 0.0, 0.5),)  # person effect: (share, mean, sd) of normal components
SKEWED = ((0.75, 0.35, 0.35), (0.25, -1.05, 0.6))  # a discontented quarter: mean 0, skew < 0


@dataclass(frozen=True)
class Scenario:
    """Latent dimension means and the person-effect distribution of one scenario."""

    mu: dict[str, float]
    person: tuple[tuple[float, float, float], ...] = NORMAL


SCENARIOS: dict[str, Scenario] = {
    # dimension -> latent mean mu (0 = scale midpoint, 1 unit ~ 1 answer category)
    "middle": Scenario(
        {"values_culture": 0.0, "strategy": -0.4, "practice": 0.2, "employee_experience": 0.3}
    ),
    "high": Scenario(
        {"values_culture": 1.3, "strategy": 0.5, "practice": 1.1, "employee_experience": 0.9}
    ),
    "skewed": Scenario(
        {"values_culture": 0.6, "strategy": 0.2, "practice": 0.5, "employee_experience": 0.7},
        SKEWED,
    ),
    "ceiling": Scenario(
        {"values_culture": 2.6, "strategy": 2.2, "practice": 2.5, "employee_experience": 2.4}
    ),
    "floor": Scenario(
        {"values_culture": -2.6, "strategy": -2.2, "practice": -2.5, "employee_experience": -2.4}
    ),
}
DEFAULT_N = (2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100)
LEVELS = (0.90, 0.95)
KINDS = ("percentile", "bca", "expanded", "studentized", "studentized_union")
DEFAULT_KIND = "auto"  # lomaturity's default: one of KINDS, chosen by respondent count


def _phi(x: Float) -> Float:
    out: Float = 0.5 * np.vectorize(math.erfc)(-x / math.sqrt(2.0))
    return out


@dataclass(frozen=True)
class Model:
    """One scenario's fixed parameters on the rubric's indicators."""

    name: str
    location: Float  # (k,) mu_d(i) - b_i
    person: tuple[tuple[float, float, float], ...]
    reverse: npt.NDArray[np.bool_]
    indicator_weight: Float
    membership: Float  # (k, d)
    dimension_weight: Float
    dimension_ids: tuple[str, ...]

    @classmethod
    def build(cls, rubric: lomaturity.Rubric, name: str, seed: int) -> Model:
        scenario = SCENARIOS[name]
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
            location=np.array([scenario.mu[dims[c]] for c in dim_of]) - b,
            person=scenario.person,
            reverse=np.array([i.reverse for i in rubric.indicators]),
            indicator_weight=np.array([i.weight for i in rubric.indicators]),
            membership=membership,
            dimension_weight=np.array([d.weight for d in rubric.dimensions]),
            dimension_ids=dims,
        )

    def true_scores(self) -> dict[str, float]:
        """Exact population scores: overall and every dimension (0-100)."""
        m = self.location[:, None]
        p_exceed = np.zeros((m.size, THRESHOLDS.size))
        for share, mean, sd in self.person:
            s = math.hypot(sd, NOISE_SD)
            p_exceed += share * (
                (1 - MANAGER_SHARE) * _phi((m + mean - THRESHOLDS) / s)
                + MANAGER_SHARE * _phi((m + mean + MANAGER_GAP - THRESHOLDS) / s)
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
        shares = np.array([c[0] for c in self.person])
        which = rng.choice(len(self.person), size=n, p=shares / shares.sum())
        means = np.array([c[1] for c in self.person])[which]
        sds = np.array([c[2] for c in self.person])[which]
        person = (means + sds * rng.normal(0.0, 1.0, size=n))[:, None]
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


@dataclass
class _Batch:
    """Draws and inputs of every interval kind for a batch of organizations: column
    ``2 r + t`` is target ``t`` (overall, dimension) of organization ``r``."""

    draws: list[Float]
    draw_se: list[Float]
    point: list[Float]
    se: list[Float]
    jack: list[Float]
    n_eff: list[Float]

    def stacked(self) -> tuple[Float, ...]:
        return tuple(np.hstack(x) for x in (self.draws, self.draw_se, self.jack)) + tuple(
            np.concatenate(x) for x in (self.point, self.se, self.n_eff)
        )


def _bootstrap_batch(
    layout: Layout, everything: Float, names: Sequence[str], n: int, n_resamples: int, seed: int
) -> _Batch:
    """Bootstrap every organization with the scorer's own functions and generator (the
    only loop per organization); keep the two targets' columns."""
    column = layout.dimension_ids.index(DIMENSION)
    batch = _Batch([], [], [], [], [], [])
    dim_ok = np.ones(len(layout.dimension_ids), dtype=bool)
    for r, name in enumerate(names):
        scores = everything[r * n : (r + 1) * n]
        answered = ~np.isnan(scores)
        filled = np.where(answered, scores, 0.0)
        point = aggregate(layout, filled.sum(0)[None, :], answered.sum(0)[None, :] * 1.0, dim_ok)
        st = studentized_bootstrap(
            layout, scores, answered, organization_rng(seed, name), n_resamples, dim_ok
        )
        jack = jackknife(layout, scores, answered, dim_ok)
        pick = lambda a: np.column_stack([a.overall, a.dimension[:, column]])  # noqa: E731
        batch.draws.append(pick(st.draws))
        batch.draw_se.append(pick(st.draw_se))
        batch.point.append(pick(point)[0])
        batch.se.append(pick(st.se)[0])
        batch.jack.append(pick(jack))
        dims = (answered.astype(np.float64) @ layout.membership > 0).sum(0)
        batch.n_eff.append(np.array([answered.any(1).sum(), dims[column]], dtype=np.float64))
    return batch


def _chunk(task: tuple[str, int, int, int, int, int]) -> dict[str, Any]:
    """Simulate and score ``reps`` organizations of ``n`` respondents; count hits.

    Each organization is bootstrapped once with the scorer's own functions (the same
    generator, resamples, jackknife and interval code as :func:`lomaturity.score`); every
    kind and level is read off the same draws, all organizations of the chunk at once. The
    first organization of every chunk is also scored through ``score_organizations`` and
    must give the same ranges, so the study measures exactly what users are shown.
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
    draws, draw_se, jack, point, se, n_eff = _bootstrap_batch(
        layout, everything, names, n, n_resamples, seed
    ).stacked()
    true = np.tile([truth[t] for t in TARGETS], reps)
    hits: dict[str, list[float]] = {}
    first: dict[str, tuple[float, float, float, float]] = {}
    for level in LEVELS:
        for kind in KINDS:
            low, high = _interval(
                kind, level, draws, point, jack=jack, n_eff=n_eff, se=(draw_se, se)
            )
            for t, target in enumerate(TARGETS):
                lo, hi, tr = low[t::2], high[t::2], true[t::2]
                hits[f"{target}|{kind}|{level}"] = [
                    float(np.sum((lo <= tr) & (tr <= hi))),
                    float(np.sum(tr < lo)),
                    float(np.sum(tr > hi)),
                    float(np.sum(hi - lo)),
                ]
            first[f"{kind}|{level}"] = (low[0], high[0], low[1], high[1])
    _check_against_score(rubric, responses.select(np.arange(n)), n_resamples, seed, first)
    return {"scenario": scenario, "n": n, "reps": reps, "hits": hits}


def _check_against_score(
    rubric: lomaturity.Rubric,
    responses: Responses,
    n_resamples: int,
    seed: int,
    shown: dict[str, tuple[float, float, float, float]],
) -> None:
    """The public scorer must report exactly the ranges the study counted."""
    n = len(responses.organizations)
    for level in LEVELS:
        for kind in (*KINDS, DEFAULT_KIND):
            report = lomaturity.score_organizations(
                rubric,
                responses,
                confidence=level,
                n_resamples=n_resamples,
                seed=seed,
                interval=kind,  # type: ignore[arg-type]
            )[responses.organizations[0]]
            used = resolve_interval(kind, n)
            assert report.interval.kind == used, (report.interval.kind, used)
            expected = shown[f"{used}|{level}"]
            for i, s in enumerate((report.overall, report.dimensions[DIMENSION])):
                # Equal up to summation order (the scorer reduces all dimensions at once).
                assert s.low is not None
                assert s.high is not None
                assert math.isclose(s.low, expected[2 * i], rel_tol=1e-9, abs_tol=1e-9), (
                    kind,
                    level,
                    s.low,
                    expected,
                )
                assert math.isclose(s.high, expected[2 * i + 1], rel_tol=1e-9, abs_tol=1e-9)


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
    cells: dict[tuple[str, int], dict[str, Any]] = {}
    for part in parts:
        cell = cells.setdefault((part["scenario"], part["n"]), {"reps": 0, "hits": {}})
        cell["reps"] += part["reps"]
        for key, values in part["hits"].items():
            h = cell["hits"].setdefault(key, [0.0] * len(values))
            for i, v in enumerate(values):
                h[i] += v
    rubric = lomaturity.load_rubric(RUBRIC)
    rows = []
    for scenario in SCENARIOS:
        truth = Model.build(rubric, scenario, seed).true_scores()
        for n in ns:
            cell = cells[(scenario, n)]
            r = cell["reps"]
            for key, (hits, lows, highs, width) in sorted(cell["hits"].items()):
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
                        "mean_width": width / r,
                    }
                )
    return {
        "settings": {
            "replicates": reps,
            "n_resamples": n_resamples,
            "seed": seed,
            "n": list(ns),
            "scenarios": {k: attrs_dict(v) for k, v in SCENARIOS.items()},
            "dimension": DIMENSION,
            "numpy": np.__version__,
            "lomaturity": lomaturity.__version__,
        },
        "rows": rows,
    }


def attrs_dict(scenario: Scenario) -> dict[str, Any]:
    """A scenario as JSON."""
    return {"mu": scenario.mu, "person": [list(c) for c in scenario.person]}


def _cells(result: dict[str, Any]) -> dict[tuple[str, str, int, str, float], dict[str, Any]]:
    """Rows by (scenario, target, n, kind, level); the default kind added per n."""
    out = {(r["scenario"], r["target"], r["n"], r["kind"], r["level"]): r for r in result["rows"]}
    for (scenario, target, n, kind, level), row in list(out.items()):
        if kind == resolve_interval(DEFAULT_KIND, n):
            out[(scenario, target, n, DEFAULT_KIND, level)] = row
    return out


def table(result: dict[str, Any], target: str) -> str:
    """Markdown table of one target: a row per scenario and n, a column per kind and level
    (``auto`` is lomaturity's default, the kind it picks at that n)."""
    cells = _cells(result)
    kinds = (DEFAULT_KIND, *KINDS)
    columns = [(k, lv) for lv in LEVELS for k in kinds]
    head = "| scenario | true | n |" + "".join(f" {lv:.0%} {k} |" for k, lv in columns)
    head += f" 95% width {DEFAULT_KIND} | 95% width percentile |"
    lines = [head, "|---|---:|---:|" + "---:|" * (len(columns) + 2)]
    for scenario in dict.fromkeys(r["scenario"] for r in result["rows"]):
        for n in result["settings"]["n"]:
            some = cells[(scenario, target, n, "percentile", 0.95)]
            line = f"| {scenario} | {some['true']:.1f} | {n} |"
            for kind, level in columns:
                r = cells[(scenario, target, n, kind, level)]
                line += f" {100 * r['coverage']:.1f} ± {100 * r['mcse']:.1f} |"
            line += f" {cells[(scenario, target, n, DEFAULT_KIND, 0.95)]['mean_width']:.1f} |"
            line += f" {some['mean_width']:.1f} |"
            lines.append(line)
    return "\n".join(lines)


def coverage_ranges(
    result: dict[str, Any], edge: bool = False
) -> dict[str, dict[float, dict[int, list[float]]]]:
    """kind -> level -> n -> [lowest, highest] coverage (%, one decimal) over the scenarios
    and targets whose truth lies within :data:`INNER` (``edge``: outside it, near 0 or 100):
    what reports quote."""
    out: dict[str, dict[float, dict[int, list[float]]]] = {}
    for r in result["rows"]:
        if (INNER[0] <= r["true"] <= INNER[1]) == edge:
            continue
        span = out.setdefault(r["kind"], {}).setdefault(r["level"], {}).setdefault(r["n"], [])
        span.append(round(100 * r["coverage"], 1))
    return {
        k: {lv: {n: [min(v), max(v)] for n, v in sorted(ns.items())} for lv, ns in levels.items()}
        for k, levels in out.items()
    }


def measured_markdown(ranges: dict[str, dict[float, dict[int, list[float]]]]) -> str:
    """The measured-coverage table of docs/coverage.md (a test rebuilds it from the
    library's table and requires it verbatim in the docs)."""
    sizes = sorted({n for levels in ranges.values() for ns in levels.values() for n in ns})
    lines = [
        "| range | level | " + " | ".join(str(n) for n in sizes) + " |",
        "|---|---|" + "---:|" * len(sizes),
    ]
    for kind in KINDS:
        for level in sorted(ranges.get(kind, {})):
            cells = [ranges[kind][level].get(n) for n in sizes]
            text = [
                "" if c is None else (f"{c[0]:g}" if c[0] == c[1] else f"{c[0]:g}–{c[1]:g}")
                for c in cells
            ]
            lines.append(f"| {kind} | {level:.0%} | " + " | ".join(text) + " |")
    return "\n".join(lines)


TABLE_MODULE = Path(__file__).resolve().parents[1] / "src/lomaturity/_stats/coverage_table.py"


def _literal(ranges: dict[str, dict[float, dict[int, list[float]]]]) -> str:
    """``ranges`` as a Python literal, one size per line."""
    body = "{\n"
    for kind in KINDS:
        body += f'    "{kind}": {{\n'
        for level, ns in sorted(ranges.get(kind, {}).items()):
            body += f"        {level}: {{\n"
            body += "".join(f"            {n}: ({lo}, {hi}),\n" for n, (lo, hi) in ns.items())
            body += "        },\n"
        body += "    },\n"
    return body + "}"


def table_module(result: dict[str, Any]) -> str:
    """The text of ``_stats/coverage_table.py``: the measured coverage reports quote."""
    s = result["settings"]
    inner, edge = _literal(coverage_ranges(result)), _literal(coverage_ranges(result, True))
    return f'''"""Measured coverage of lomaturity's ranges, quoted by ``few_respondents`` notices.

GENERATED by ``python benchmarks/coverage_study.py --write-table`` (do not edit by hand;
docs/coverage.md shows the same figures and a test checks that they agree). Settings:
{s["replicates"]} simulated organizations per cell, {s["n_resamples"]} resamples, seed {s["seed"]};
overall score and one dimension (values_culture) of the default rubric 1.0.0.
"""

from __future__ import annotations

from typing import Final

REPLICATES: Final = {s["replicates"]}
"""Simulated organizations per cell."""

INNER: Final = ({INNER[0]}, {INNER[1]})
"""True scores (0-100) of the scenarios behind :data:`COVERAGE`."""

Table = dict[str, dict[float, dict[int, tuple[float, float]]]]

COVERAGE: Final[Table] = {inner}
"""interval kind -> nominal level -> respondents -> (lowest, highest) measured coverage in %
over the scenarios whose true score lies within :data:`INNER`."""

EDGE_COVERAGE: Final[Table] = {edge}
"""The same near the ends of the scale (true scores outside :data:`INNER`: the ceiling and
floor scenarios)."""
'''


def _measure(ns: Sequence[int], reps: int, n_resamples: int, seed: int, jobs: int) -> Any:
    """The self-check and the study, timed."""
    start = time.perf_counter()
    check = _self_check(seed)
    print("self-check, |score of 200,000 simulated respondents - exact truth|, worst:")
    for scenario, err in check.items():
        print(f"  {scenario}: {err:.3f} points")
    result = run(ns, reps, n_resamples, seed, jobs)
    result["settings"]["self_check"] = check
    result["settings"]["seconds"] = round(time.perf_counter() - start, 1)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 replicates, 1000 resamples")
    parser.add_argument("--replicates", type=int, default=None, help="per scenario and n")
    parser.add_argument("--resamples", type=int, default=None, help="bootstrap resamples")
    parser.add_argument("--n", type=int, nargs="+", default=list(DEFAULT_N))
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS), choices=SCENARIOS)
    parser.add_argument("--seed", type=int, default=20240607)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    parser.add_argument(
        "--load", type=Path, default=None, help="print the tables of a saved --json run"
    )
    parser.add_argument(
        "--write-table", action="store_true", help=f"rewrite {TABLE_MODULE.name} from the run"
    )
    args = parser.parse_args(argv)
    reps = args.replicates or (200 if args.quick else 2000)
    n_resamples = args.resamples or (1000 if args.quick else 2000)
    for name in list(SCENARIOS):
        if name not in args.scenarios:
            del SCENARIOS[name]

    if args.load is not None:
        result = json.loads(args.load.read_text(encoding="utf-8"))
    else:
        result = _measure(args.n, reps, n_resamples, args.seed, args.jobs)
    s = result["settings"]
    print(
        f"\n{s['replicates']} replicates per cell, {s['n_resamples']} resamples, seed "
        f"{s['seed']}, {s['seconds']:.0f} s with {args.jobs} job(s); coverage in % ± "
        "Monte-Carlo SE\n"
    )
    for target in TARGETS:
        print(f"### {target}\n")
        print(table(result, target))
        print()
    print(f"### measured coverage, true scores {INNER[0]:g}-{INNER[1]:g} (lowest-highest, %)\n")
    print(measured_markdown(coverage_ranges(result)))
    print(f"\n### measured coverage, true scores outside {INNER[0]:g}-{INNER[1]:g}\n")
    print(measured_markdown(coverage_ranges(result, True)))
    if args.json is not None and args.load is None:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.write_table:
        TABLE_MODULE.write_text(table_module(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
