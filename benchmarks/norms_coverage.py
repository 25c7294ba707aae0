"""How often do benchmark rank ranges hold the truth? A simulation study for docs/norms.md.

Per replication (seed), one call of ``lm.simulate_responses`` draws a norm panel (200
organizations, 30 respondents each) and test organizations (100 each with 5, 10 and 30
respondents) from one population; a second call with the same seed and 5,000 organizations
gives the population's true overall scores (the indicator difficulties, and so the truth
formula, depend on the seed only). The panel is turned into a norm table with
``lm.build_norms``; every test organization is benchmarked against it. Reported, overall
score, by respondent count:

- ``score``: share of score ranges holding the true score;
- ``rank (norm)``: share of rank ranges holding the rank of the true score *in the norm
  table* (what the range claims to cover: the organization's own sampling uncertainty);
- ``rank (population)``: share of rank ranges holding the true score's percentile in the
  population of true scores (what a reader may wrongly take the range to mean: it adds the
  norm's own sampling error and the spread that measurement error adds to the norm);
- ``certain``: share of bands marked certain, and ``right``: share of those whose band is
  the band of the true score in the norm table.

Usage::

    python benchmarks/norms_coverage.py [--replications 5] [--resamples 2000] [--team-sd 0.3]

Without team effects (``--team-sd 0``, the default here, as in docs/coverage.md) the score
ranges are near their nominal level from 20 respondents on; with the simulator's default
team effects (0.3) respondents are clustered in teams, which the respondent bootstrap does
not model, and every range covers less.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

import numpy as np

import lomaturity as lm
from lomaturity._stats.norms import band_of, percentile_rank

PANEL = 200
SIZES = (5, 10, 30)
PER_SIZE = 100
POPULATION = 5000


Row = tuple[bool, bool, bool, bool, bool]


def replication(seed: int, resamples: int, team_sd: float) -> dict[int, list[Row]]:
    rubric = lm.load_rubric()
    respondents = [30] * PANEL + [k for k in SIZES for _ in range(PER_SIZE)]
    sim = lm.simulate_responses(
        rubric,
        organizations=len(respondents),
        respondents=respondents,
        seed=seed,
        team_sd=team_sd,
    )
    population = lm.simulate_responses(
        rubric, organizations=POPULATION, respondents=1, seed=seed, team_sd=team_sd
    )
    assert population.difficulty == sim.difficulty
    true_population = np.sort([t.overall for t in population.truth.values()])
    reports = lm.score_organizations(
        rubric, sim.responses, seed=seed, n_resamples=resamples, agreement=False
    )
    names = list(reports)
    panel = lm.ReportSet({k: reports[k] for k in names[:PANEL]})
    norms = lm.build_norms(rubric, panel, title="study", source_description="simulated")
    out: dict[int, list[Row]] = defaultdict(list)
    for k, name in enumerate(names[PANEL:]):
        size = SIZES[k // PER_SIZE]
        truth = sim.truth[name].overall
        score = reports[name].overall
        s = lm.benchmark(reports[name], norms).overall  # type: ignore[union-attr]
        if score.low is None or score.high is None or s.percentile_low is None:
            continue
        assert s.percentile_high is not None
        assert s.band is not None
        in_norm = percentile_rank(norms.overall, truth)[0]
        in_population = 100 * np.searchsorted(true_population, truth) / POPULATION
        out[size].append(
            (
                score.low <= truth <= score.high,
                s.percentile_low <= in_norm <= s.percentile_high,
                s.percentile_low <= in_population <= s.percentile_high,
                bool(s.band_certain),
                bool(s.band_certain) and band_of(in_norm) == s.band,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replications", type=int, default=5)
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument(
        "--team-sd", type=float, default=0.0, help="team effect sd (simulate_responses: 0.3)"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    rows: dict[int, list[Row]] = defaultdict(list)
    for r in range(args.replications):
        for size, found in replication(1000 + r, args.resamples, args.team_sd).items():
            rows[size] += found
    print(
        f"{args.replications} replications, team_sd {args.team_sd}, "
        f"{time.perf_counter() - start:.0f} s"
    )
    print("respondents    n  score  rank (norm)  rank (population)  certain  right")
    for size in SIZES:
        a = np.array(rows[size], dtype=float)
        certain = a[:, 3].sum()
        right = a[:, 4].sum() / certain if certain else float("nan")
        print(
            f"{size:>11}  {len(a):>4}  {a[:, 0].mean():5.1%}  {a[:, 1].mean():11.1%}  "
            f"{a[:, 2].mean():17.1%}  {a[:, 3].mean():7.1%}  {right:5.1%}"
        )


if __name__ == "__main__":
    main()
