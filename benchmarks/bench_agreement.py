"""Time :func:`lomaturity.agreement` on a large synthetic survey.

Default size: 1,000 organizations x 200 respondents x 40 indicators (4 dimensions of 10
indicators on a 1-5 scale), 5 % of answers missing. Prints the best and median wall time and
the best process CPU time of ``--repeat`` runs of the whole call (numbers, per-organization
result records and notices), and the time of ``to_dict()``.

Usage (from the repository root)::

    python benchmarks/bench_agreement.py
    python benchmarks/bench_agreement.py --organizations 200 --respondents 50 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

try:
    import lomaturity
except ImportError:  # a plain source checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import lomaturity

from lomaturity import Responses, agreement, read_rubric_bytes


def make_rubric(n_dimensions: int, per_dimension: int) -> lomaturity.Rubric:
    """A rubric of ``n_dimensions`` x ``per_dimension`` indicators on one 1-5 scale."""
    lines = [
        "format: 1",
        "id: bench",
        'version: "1.0.0"',
        "title: Benchmark",
        "description: Benchmark rubric.",
        "language: en",
        "scales:",
        "  - {id: agree5, min: 1, max: 5, allow_na: false}",
        "dimensions:",
    ]
    lines += [f"  - {{id: d{c}, name: D{c}, description: x}}" for c in range(n_dimensions)]
    lines.append("indicators:")
    for c in range(n_dimensions):
        for j in range(per_dimension):
            reverse = "true" if j == 0 else "false"
            lines.append(
                f"  - {{id: d{c}_i{j}, dimension: d{c}, statement: s, scale: agree5, "
                f"reverse: {reverse}}}"
            )
    lines += [
        "stages:",
        "  - {id: low, name: Low, lower: 0, description: x}",
        "  - {id: high, name: High, lower: 50, description: x}",
    ]
    return read_rubric_bytes(("\n".join(lines) + "\n").encode())


def make_responses(
    rubric: lomaturity.Rubric,
    organizations: int,
    respondents: int,
    missing: float,
    seed: int,
) -> Responses:
    """Ordinal answers with an organization effect and organization-specific spread (some
    organizations agree, some do not), ``missing`` share blanked at random."""
    rng = np.random.default_rng(seed)
    k = len(rubric.indicators)
    n = organizations * respondents
    org_effect = np.repeat(rng.normal(0.0, 0.6, size=(organizations, 1)), respondents, axis=0)
    spread = np.repeat(rng.uniform(0.4, 1.6, size=(organizations, 1)), respondents, axis=0)
    latent = 3.0 + org_effect + spread * rng.normal(0.0, 1.0, size=(n, k))
    values = np.clip(np.rint(latent), 1, 5)
    values[rng.random((n, k)) < missing] = np.nan
    width = len(str(organizations))
    names = [f"org{g:0{width}d}" for g in range(organizations)]
    return Responses(
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=np.zeros((n, k), dtype=bool),
        respondent_ids=[f"r{i}" for i in range(n)],
        organizations=[names[i // respondents] for i in range(n)],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=1000)
    parser.add_argument("--respondents", type=int, default=200, help="per organization")
    parser.add_argument("--dimensions", type=int, default=4)
    parser.add_argument("--per-dimension", type=int, default=10)
    parser.add_argument("--missing", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20240601)
    args = parser.parse_args(argv)

    rubric = make_rubric(args.dimensions, args.per_dimension)
    responses = make_responses(
        rubric, args.organizations, args.respondents, args.missing, args.seed
    )
    print(
        f"agreement: {args.organizations} organizations x {args.respondents} respondents x "
        f"{len(rubric.indicators)} indicators ({responses.n_respondents:,} rows), "
        f"{args.missing:.0%} missing; numpy {np.__version__}"
    )
    times: list[float] = []
    cpu: list[float] = []
    result = None
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = agreement(rubric, responses)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert result is not None
    start = time.perf_counter()
    payload = result.to_dict()
    to_dict_time = time.perf_counter() - start
    print(
        f"  agreement(): best {min(times):.2f} s, median {statistics.median(times):.2f} s "
        f"over {args.repeat} runs (CPU time: best {min(cpu):.2f} s; differs from wall time "
        "on a busy or multi-threaded machine)"
    )
    print(f"  to_dict():   {to_dict_time:.2f} s ({len(payload['organizations'])} organizations)")
    first = next(iter(result.dimensions.values()))
    print(
        f"  e.g. {first.dimension}: ICC(1) = {first.icc1:.3f}, ICC(2) = {first.icc2:.3f}, "
        f"share rwg(j) >= {result.options.cutoff:.2f}: {first.share_above_cutoff:.2f}; "
        f"{len(result.notices)} notices"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
