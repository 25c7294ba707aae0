"""Benchmark: scoring large panels file to file with ``lm.score_panel`` (docs/panels.md).

Usage::

    python benchmarks/bench_panel.py [--orgs 10000 100000] [--respondents 25]
                                     [--resamples 1000] [--chunk 1000] [--baseline 2000]
                                     [--workdir /tmp/lomaturity-panel] [--dask 0]

What it does:

1. writes, for each ``--orgs`` size, a responses CSV of that many simulated organizations x
   ``--respondents`` respondents x the bundled rubric's 28 indicators (``simulate_responses``
   in chunks of 1,000 organizations, renamed so that names are unique; kept in
   ``--workdir`` and reused by later runs);
2. scores each file to a scores CSV with ``score_panel(..., n_resamples=--resamples,
   seed=1)`` in a fresh Python process, and reports the wall time, the time per
   organization and that process's peak resident set size (``ru_maxrss``);
3. scores the first ``--baseline`` organizations with ``read_responses`` +
   ``score_organizations`` + ``to_csv`` (the in-memory path) for the per-organization time
   of today's entry point, and checks that ``score_panel`` writes the same file;
4. reports the tracemalloc peak of ``score_panel`` on the baseline file (tracemalloc slows
   the run, so it is measured on the small file only);
5. with ``--dask N`` (N > 0), also scores the largest file with the Dask recipe of
   docs/panels.md (``executor=client.get_executor()``) on a ``LocalCluster`` of N worker
   processes, reports its time and checks that it wrote the serial run's file.

It is a script, not a test (the 1,000,000-organization run is done by hand:
``--orgs 1000000``, about 2.5 GB of CSV).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import attrs

import lomaturity as lm

GENERATE_CHUNK = 1000


def generate(path: Path, organizations: int, respondents: int) -> float:
    """Write a panel CSV of ``organizations`` simulated organizations; seconds taken."""
    if path.exists():
        return 0.0
    start = time.perf_counter()
    rubric = lm.load_rubric("learning-organization")
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        for first in range(0, organizations, GENERATE_CHUNK):
            n = min(GENERATE_CHUNK, organizations - first)
            sim = lm.simulate_responses(
                rubric, organizations=n, respondents=respondents, seed=first
            )
            responses = sim.responses
            names = {
                o: f"org-{first + i + 1:07d}" for i, o in enumerate(responses.organization_ids)
            }
            responses = attrs.evolve(
                responses,
                organizations=tuple(names[o] for o in responses.organizations),
                respondent_ids=tuple(f"{first}-{r}" for r in responses.respondent_ids),
            )
            text = lm.responses_to_csv_text(responses)
            handle.write(text if first == 0 else text.split("\n", 1)[1])
    partial.rename(path)
    return time.perf_counter() - start


def run_panel(source: Path, output: Path, resamples: int, chunk: int) -> dict[str, float]:
    """Score ``source`` in this process; seconds and peak RSS (MiB)."""
    rubric = lm.load_rubric("learning-organization")
    start = time.perf_counter()
    result = lm.score_panel(
        rubric, source, output=output, seed=1, n_resamples=resamples, chunk_organizations=chunk
    )
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "rss_mib": rss, "organizations": result.n_organizations}


def in_process(source: Path, output: Path, resamples: int, chunk: int) -> dict[str, float]:
    """:func:`run_panel` in a fresh interpreter (so that its peak RSS is its own)."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_panel as b; "
        "from pathlib import Path; "
        "print(json.dumps(b.run_panel(Path(sys.argv[2]), Path(sys.argv[3]), "
        "int(sys.argv[4]), int(sys.argv[5]))))"
    )
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", code, here, str(source), str(output), str(resamples), str(chunk)],
        capture_output=True,
        text=True,
        check=True,
    )
    out: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def baseline(source: Path, workdir: Path, resamples: int) -> dict[str, float]:
    """Per-organization ms of read_responses + score_organizations + to_csv, and the same
    file from score_panel (checked equal), and score_panel's tracemalloc peak."""
    rubric = lm.load_rubric("learning-organization")
    start = time.perf_counter()
    responses = lm.read_responses(source, rubric, max_bytes=2**31)
    reports = lm.score_organizations(rubric, responses, seed=1, n_resamples=resamples)
    reports.to_csv(workdir / "baseline-scores.csv")
    seconds = time.perf_counter() - start
    n = len(reports)
    start = time.perf_counter()
    lm.score_panel(
        rubric, source, output=workdir / "panel-scores.csv", seed=1, n_resamples=resamples
    )
    panel_seconds = time.perf_counter() - start
    same = (workdir / "baseline-scores.csv").read_bytes() == (
        workdir / "panel-scores.csv"
    ).read_bytes()
    tracemalloc.start()
    lm.score_panel(
        rubric, source, output=workdir / "panel-scores.csv", seed=1, n_resamples=resamples
    )
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "organizations": n,
        "score_organizations_ms": seconds / n * 1e3,
        "score_panel_ms": panel_seconds / n * 1e3,
        "identical": same,
        "tracemalloc_mib": peak,
    }


def dask_run(source: Path, workdir: Path, workers: int, resamples: int, chunk: int) -> float:
    """Seconds of the Dask recipe (docs/panels.md) on ``workers`` local processes."""
    from dask.distributed import Client, LocalCluster

    rubric = lm.load_rubric("learning-organization")
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        lm.score_panel(
            rubric,
            source,
            output=workdir / "dask-scores.csv",
            seed=1,
            n_resamples=resamples,
            chunk_organizations=chunk,
            executor=client.get_executor(),
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--respondents", type=int, default=25)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/lomaturity-panel"))
    parser.add_argument("--dask", type=int, default=0)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"lomaturity {lm.__version__}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    small = args.workdir / f"panel-{args.baseline}x{args.respondents}.csv"
    generate(small, args.baseline, args.respondents)
    base = baseline(small, args.workdir, args.resamples)
    print(
        f"baseline {base['organizations']} orgs: score_organizations (read+score+to_csv) "
        f"{base['score_organizations_ms']:.2f} ms/org, score_panel {base['score_panel_ms']:.2f} "
        f"ms/org, identical files: {base['identical']}, score_panel tracemalloc peak "
        f"{base['tracemalloc_mib']:.0f} MiB"
    )
    print(f"{'organizations':>14} {'CSV MB':>8} {'seconds':>9} {'ms/org':>7} {'peak RSS MiB':>13}")
    for n in args.orgs:
        source = args.workdir / f"panel-{n}x{args.respondents}.csv"
        made = generate(source, n, args.respondents)
        if made:
            print(f"  (generated {source} in {made:.0f} s)")
        run = in_process(source, args.workdir / f"scores-{n}.csv", args.resamples, args.chunk)
        print(
            f"{n:>14,} {source.stat().st_size / 1e6:>8.0f} {run['seconds']:>9.1f} "
            f"{run['seconds'] / n * 1e3:>7.2f} {run['rss_mib']:>13.0f}",
            flush=True,
        )
    if args.dask:
        n = args.orgs[-1]
        source = args.workdir / f"panel-{n}x{args.respondents}.csv"
        seconds = dask_run(source, args.workdir, args.dask, args.resamples, args.chunk)
        same = (args.workdir / "dask-scores.csv").read_bytes() == (
            args.workdir / f"scores-{n}.csv"
        ).read_bytes()
        print(f"dask, {args.dask} workers, {n:,} organizations: {seconds:.1f} s, identical: {same}")
    print(f"load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
