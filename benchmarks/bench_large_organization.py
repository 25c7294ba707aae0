"""Benchmark: one very large organization scored in memory (issue 12, item 5).

Usage::

    python benchmarks/bench_large_organization.py [--respondents 1000000] [--resamples 2000]
                                                  [--seed 7] [--check-blocks]

It simulates one organization of ``--respondents`` respondents on the bundled rubric (28
indicators, ``lm.simulate_responses``), then scores it with ``lm.score`` (agreement on, the
defaults otherwise) and prints the time and the process's peak resident set size
(``ru_maxrss``, which includes building the responses) and the memory ``score()`` itself
allocates at its peak (tracemalloc, which numpy reports its arrays to). Target: 1,000,000
respondents at 2,000 resamples under 2 GiB.
``--check-blocks`` scores again with a 16x smaller bootstrap block and checks that every
figure is identical. Run it by hand; it is not part of CI.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import tracemalloc

import lomaturity as lm
from lomaturity._stats import bootstrap

GIB = 2**30


def _rss() -> int:
    """Peak resident set size of this process so far, bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--check-blocks", action="store_true")
    args = parser.parse_args()
    rubric = lm.load_rubric("learning-organization")
    start = time.perf_counter()
    simulation = lm.simulate_responses(
        rubric, organizations=1, respondents=args.respondents, seed=args.seed
    )
    responses = simulation.responses
    built, before = time.perf_counter() - start, _rss()
    print(
        f"responses: {args.respondents:,} x {len(rubric.indicators)} built in {built:.1f} s; "
        f"peak RSS so far {before / GIB:.2f} GiB"
    )
    del simulation  # the true scores and the generator's working arrays
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    report = lm.score(rubric, responses, n_resamples=args.resamples, seed=args.seed)
    took = time.perf_counter() - start
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak = _rss()
    print(
        f"score(): {took:.1f} s for {args.resamples:,} resamples; allocated by score() at "
        f"its peak {traced / GIB:.2f} GiB (tracemalloc; target < 2 GiB); process peak RSS "
        f"{peak / GIB:.2f} GiB (includes building the responses); overall "
        f"{report.overall.value:.2f} [{report.overall.low:.2f}, {report.overall.high:.2f}]"
    )
    status = 0 if traced < 2 * GIB else 1
    if args.check_blocks:
        bootstrap.BLOCK_CELLS //= 16
        again = lm.score(rubric, responses, n_resamples=args.resamples, seed=args.seed)
        same = again.to_dict() == report.to_dict()
        print(f"block size / 16: identical figures: {same}")
        status |= 0 if same else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
