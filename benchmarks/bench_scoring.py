"""Benchmark: scoring a large panel of organizations, against scipy.stats.bootstrap.

Usage::

    python benchmarks/bench_scoring.py [--orgs 1000] [--respondents 200] [--indicators 40]
                                       [--resamples 2000] [--scipy-orgs 5] [--seed 2024]

What it does:

1. builds a synthetic rubric (``--indicators`` indicators in 4 dimensions, unequal weights,
   every 7th indicator reverse-keyed) as YAML text parsed with ``read_rubric_bytes``;
2. builds a synthetic panel (``--orgs`` organizations x ``--respondents`` respondents x
   ``--indicators`` indicators, 5 % of the answers missing, seeded);
3. scores it with ``score_organizations(..., n_resamples=--resamples, seed=--seed)``
   (percentile intervals for every indicator, dimension and overall score) and times the
   whole panel and the time per organization;
4. scores it again under ``tracemalloc`` for the peak of traced memory (the result must be
   identical), and reads the process's peak resident set size (``ru_maxrss``); both must
   stay under 1 GiB;
5. for the first ``--scipy-orgs`` organizations computes the same intervals with
   ``scipy.stats.bootstrap`` (a vectorized statistic over resampled respondent row indices
   that computes all indicator, dimension and overall scores at once, method="percentile")
   and reports the time per organization of both and their ratio (target: >= 10x), both
   for the same organizations and against the whole-panel time per organization (which
   also carries the panel-wide work: grouping rows, agreement diagnostics);
6. measures ``import lomaturity`` in fresh interpreters (target: < 0.3 s) and checks that
   neither scipy nor pandas is imported by it.

It is a script, not a test; it exits with status 1 when a hard limit (memory, import-time
modules) is broken and prints the targets it misses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
try:
    import lomaturity as lm
except ImportError:  # running from a plain source checkout
    sys.path.insert(0, str(REPO / "src"))
    import lomaturity as lm

Float = npt.NDArray[np.float64]
GIB = 1024**3
N_DIMENSIONS = 4
MISSING_SHARE = 0.05
IMPORT_TARGET_S = 0.3
AGREEMENT_TARGET_S = 5.0
RATIO_TARGET = 10.0


# --- synthetic inputs -----------------------------------------------------------------


def synthetic_rubric_yaml(n_indicators: int) -> str:
    lines = [
        "format: 1",
        "id: benchmark",
        'version: "1.0.0"',
        "title: Benchmark rubric",
        "description: Synthetic rubric for the scoring benchmark.",
        "language: en",
        "scales:",
        "  - {id: agree5, min: 1, max: 5, allow_na: true}",
        "dimensions:",
    ]
    for d in range(N_DIMENSIONS):
        lines.append(
            f"  - {{id: dim{d}, name: Dimension {d}, description: Synthetic., "
            f"weight: {1.0 + 0.5 * d}}}"
        )
    lines.append("indicators:")
    for i in range(n_indicators):
        lines.append(
            f"  - {{id: ind{i:03d}, dimension: dim{i % N_DIMENSIONS}, statement: Synthetic., "
            f"scale: agree5, weight: {1.0 + (i % 3) * 0.5}, "
            f"reverse: {'true' if i % 7 == 0 else 'false'}}}"
        )
    lines += [
        "stages:",
        "  - {id: ad_hoc, name: Ad hoc, lower: 0, description: S.}",
        "  - {id: emerging, name: Emerging, lower: 35, description: S.}",
        "  - {id: developing, name: Developing, lower: 50, description: S.}",
        "  - {id: established, name: Established, lower: 65, description: S.}",
        "  - {id: learning, name: Learning organization, lower: 80, description: S.}",
    ]
    return "\n".join(lines) + "\n"


def synthetic_panel(rubric: lm.Rubric, n_orgs: int, n_respondents: int, seed: int) -> lm.Responses:
    """Answers 1..5 around an organization level and an indicator offset; 5 % missing."""
    rng = np.random.default_rng(seed)
    k = len(rubric.indicators)
    org_level = rng.normal(3.0, 0.6, size=n_orgs)
    indicator_offset = rng.normal(0.0, 0.4, size=k)
    latent = (
        np.repeat(org_level, n_respondents)[:, None]
        + indicator_offset[None, :]
        + rng.normal(0.0, 0.9, size=(n_orgs * n_respondents, k))
    )
    values = np.clip(np.rint(latent), 1, 5)
    values[rng.random(values.shape) < MISSING_SHARE] = np.nan
    ids = [f"p{i:07d}" for i in range(n_orgs * n_respondents)]
    orgs = [f"org{o:05d}" for o in range(n_orgs) for _ in range(n_respondents)]
    return lm.Responses(rubric.indicator_ids, values, np.zeros(values.shape, dtype=bool), ids, orgs)


# --- scipy comparison -----------------------------------------------------------------


def scipy_statistic(rubric: lm.Rubric, values: Float) -> Callable[..., Float]:
    """A vectorized statistic of resampled row indices: all indicator, dimension and
    overall scores (``(k + d + 1, ...)``), with the library's scoring rules."""
    scales = [rubric.scale(i.scale) for i in rubric.indicators]
    low = np.array([s.min for s in scales], dtype=np.float64)
    span = np.array([s.max - s.min for s in scales], dtype=np.float64)
    reverse = np.array([i.reverse for i in rubric.indicators])
    scaled = 100.0 * (values - low) / span
    scaled = np.where(reverse, 100.0 - scaled, scaled)
    answered = ~np.isnan(scaled)
    filled = np.where(answered, scaled, 0.0)
    answered_f = answered.astype(np.float64)
    dims = [d.id for d in rubric.dimensions]
    membership = np.zeros((len(rubric.indicators), len(dims)))
    for j, ind in enumerate(rubric.indicators):
        membership[j, dims.index(ind.dimension)] = 1.0
    weight = np.array([i.weight for i in rubric.indicators])
    dim_weight = np.array([d.weight for d in rubric.dimensions])

    def statistic(rows: npt.NDArray[np.intp], axis: int = -1) -> Float:
        sums = filled[rows].sum(axis=-2)  # (..., k)
        counts = answered_f[rows].sum(axis=-2)
        present = counts > 0
        indicator = np.where(present, sums / np.where(present, counts, 1.0), np.nan)
        w = np.where(present, weight, 0.0)
        dimension = (np.where(present, indicator, 0.0) * w) @ membership / (w @ membership)
        overall = dimension @ dim_weight / dim_weight.sum()
        out = np.concatenate([indicator, dimension, overall[..., None]], axis=-1)
        return np.moveaxis(out, -1, 0)

    return statistic


def scipy_intervals(
    rubric: lm.Rubric, values: Float, n_resamples: int, seed: int
) -> tuple[Float, Float]:
    from scipy import stats  # a benchmark dependency only

    result = stats.bootstrap(
        (np.arange(values.shape[0]),),
        scipy_statistic(rubric, values),
        vectorized=True,
        n_resamples=n_resamples,
        method="percentile",
        confidence_level=0.95,
        rng=np.random.default_rng(seed),
    )
    ci = result.confidence_interval
    return np.asarray(ci.low), np.asarray(ci.high)


def report_intervals(report: lm.Report) -> tuple[Float, Float]:
    scores = [*report.indicators.values(), *report.dimensions.values(), report.overall]
    low = np.array([np.nan if s.low is None else s.low for s in scores])
    high = np.array([np.nan if s.high is None else s.high for s in scores])
    return low, high


def profile_scoring(
    rubric: lm.Rubric, panel: lm.Responses, n_orgs: int, n_resamples: int, seed: int
) -> None:
    """Where the time goes: cProfile of scoring the first ``n_orgs`` organizations."""
    import cProfile
    import pstats

    orgs = panel.organization_ids[:n_orgs]
    subset = panel.select(np.isin(np.array(panel.organizations), orgs))
    profiler = cProfile.Profile()
    profiler.enable()
    lm.score_organizations(rubric, subset, n_resamples=n_resamples, seed=seed)
    profiler.disable()
    print(f"\nprofile of scoring {len(orgs)} organizations (top 12 by own time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(12)


# --- import time ----------------------------------------------------------------------


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run_seconds(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def import_time(repeats: int = 5) -> dict[str, Any]:
    env = _python_env()
    base = min(_run_seconds("pass", env) for _ in range(repeats))
    full = min(_run_seconds("import lomaturity", env) for _ in range(repeats))
    cumulative = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import lomaturity"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s+lomaturity$", line)
            if match:
                cumulative.append(int(match.group(1)) / 1e6)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, lomaturity; print(json.dumps(sorted(m for m in ('scipy', 'pandas') "
            "if m in sys.modules or any(k.startswith(m + '.') for k in sys.modules))))",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    heavy: list[str] = json.loads(probe.stdout)
    return {
        "wall": full - base,
        "importtime": min(cumulative) if cumulative else float("nan"),
        "heavy_modules": heavy,
    }


# --- main -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--scipy-orgs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile summary of scoring 100 orgs"
    )
    parser.add_argument(
        "--skip-tracemalloc", action="store_true", help="skip the second, traced scoring pass"
    )
    args = parser.parse_args(argv)

    blas_threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(
        f"lomaturity {lm.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, OPENBLAS_NUM_THREADS={blas_threads}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    t0 = time.perf_counter()
    rubric = lm.read_rubric_bytes(synthetic_rubric_yaml(args.indicators))
    panel = synthetic_panel(rubric, args.orgs, args.respondents, args.seed)
    build = time.perf_counter() - t0
    print(
        f"panel: {args.orgs} organizations x {args.respondents} respondents x "
        f"{args.indicators} indicators ({panel.n_respondents:,} rows, "
        f"{np.isnan(panel.values).mean():.1%} missing), built in {build:.1f} s"
    )

    t0 = time.perf_counter()
    reports = lm.score_organizations(rubric, panel, n_resamples=args.resamples, seed=args.seed)
    total = time.perf_counter() - t0
    per_org = total / args.orgs
    n_intervals = sum(
        1
        for r in reports.values()
        for s in [r.overall, *r.dimensions.values(), *r.indicators.values()]
        if s.low is not None
    )
    print(f"scored {len(reports)} organizations ({n_intervals:,} intervals) in {total:.1f} s")
    rss_after_scoring = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB -> B

    # Agreement alone (score_organizations already attaches it to every report above).
    t0 = time.perf_counter()
    lm.agreement(rubric, panel)
    agreement_time = time.perf_counter() - t0

    traced_peak = float("nan")
    if not args.skip_tracemalloc:
        # Second pass, traced from the start: the panel and everything scoring allocates.
        del panel
        tracemalloc.start()
        panel = synthetic_panel(rubric, args.orgs, args.respondents, args.seed)
        again = lm.score_organizations(rubric, panel, n_resamples=args.resamples, seed=args.seed)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        for org in (next(iter(reports)), list(reports)[-1]):
            assert again[org].to_dict() == reports[org].to_dict(), "not reproducible"
        del again
        rss_after_scoring = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    if args.profile:
        profile_scoring(rubric, panel, min(args.orgs, 100), args.resamples, args.seed)

    # scipy on a subset of organizations.
    n_scipy = min(args.scipy_orgs, args.orgs)
    scipy_per_org = float("nan")
    lm_subset_per_org = float("nan")
    max_diff = float("nan")
    if n_scipy > 0:
        orgs = list(reports)[:n_scipy]
        subset = panel.select(np.isin(np.array(panel.organizations), orgs))
        # Warm up both (first-call costs: imports, caches), then time.
        lm.score_organizations(rubric, subset.for_organization(orgs[0]), n_resamples=200, seed=1)
        org_values = np.asarray(panel.for_organization(orgs[0]).values)
        scipy_intervals(rubric, org_values, 200, 1)
        t0 = time.perf_counter()
        sub_reports = lm.score_organizations(
            rubric, subset, n_resamples=args.resamples, seed=args.seed
        )
        lm_subset_per_org = (time.perf_counter() - t0) / n_scipy
        elapsed = 0.0
        diffs = []
        for i, org in enumerate(orgs):
            values = np.asarray(panel.for_organization(org).values)
            t0 = time.perf_counter()
            low, high = scipy_intervals(rubric, values, args.resamples, args.seed + i)
            elapsed += time.perf_counter() - t0
            lm_low, lm_high = report_intervals(sub_reports[org])
            diffs.append(max(np.nanmax(np.abs(low - lm_low)), np.nanmax(np.abs(high - lm_high))))
        scipy_per_org = elapsed / n_scipy
        max_diff = max(diffs)

    imp = import_time()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")

    ratio = scipy_per_org / per_org
    same_ratio = scipy_per_org / lm_subset_per_org
    rows = [
        ("organizations x respondents x indicators",
         f"{args.orgs} x {args.respondents} x {args.indicators}", ""),
        ("bootstrap resamples", f"{args.resamples}", ""),
        ("lomaturity: whole panel", f"{total:.2f} s", ""),
        ("lomaturity: per organization (panel)", f"{per_org * 1e3:.1f} ms", ""),
        ("agreement(): rwg, rwg(j), ICC for the whole panel", f"{agreement_time:.2f} s",
         "ok" if agreement_time < AGREEMENT_TARGET_S else "SLOW"),
        (f"lomaturity: per organization ({n_scipy} orgs)", f"{lm_subset_per_org * 1e3:.1f} ms", ""),
        (f"scipy.stats.bootstrap: per organization ({n_scipy} orgs)",
         f"{scipy_per_org * 1e3:.1f} ms", ""),
        ("speed-up, same organizations (scipy / lomaturity)", f"{same_ratio:.1f}x",
         "ok" if same_ratio >= RATIO_TARGET else f"MISSES target >= {RATIO_TARGET:.0f}x"),
        ("speed-up vs whole-panel time per organization", f"{ratio:.1f}x",
         "ok" if ratio >= RATIO_TARGET else f"MISSES target >= {RATIO_TARGET:.0f}x"),
        ("max |interval difference| vs scipy", f"{max_diff:.2f} points", "Monte-Carlo"),
        ("tracemalloc peak (panel + scoring, 2nd pass)", f"{traced_peak / 2**20:.0f} MiB",
         "ok" if not traced_peak >= GIB else "OVER 1 GiB"),
        ("peak RSS (ru_maxrss) after scoring", f"{rss_after_scoring / 2**20:.0f} MiB",
         "ok" if rss_after_scoring < GIB else "OVER 1 GiB"),
        ("import lomaturity (wall, best of 5, minus bare python)", f"{imp['wall']:.3f} s",
         "ok" if imp["wall"] < IMPORT_TARGET_S else f"MISSES target < {IMPORT_TARGET_S} s"),
        ("import lomaturity (-X importtime, cumulative)", f"{imp['importtime']:.3f} s",
         "ok" if imp["importtime"] < IMPORT_TARGET_S else f"MISSES target < {IMPORT_TARGET_S} s"),
        ("scipy / pandas imported by `import lomaturity`",
         ", ".join(imp["heavy_modules"]) or "neither",
         "ok" if not imp["heavy_modules"] else "FAIL"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print()
    print(f"{'measure':<{width}}  {'value':>{value_width}}  note")
    print(f"{'-' * width}  {'-' * value_width}  ----")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {note}")

    assert "scipy" not in imp["heavy_modules"], "import lomaturity imports scipy"
    assert "pandas" not in imp["heavy_modules"], "import lomaturity imports pandas"
    hard_failures = bool(imp["heavy_modules"]) or rss_after_scoring >= GIB
    hard_failures |= traced_peak >= GIB  # NaN compares False when skipped
    return 1 if hard_failures else 0


if __name__ == "__main__":
    sys.exit(main())
