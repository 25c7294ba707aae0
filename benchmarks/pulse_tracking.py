"""How well the pulse short form tracks the full form (docs/default-rubric.md, "The pulse
short form").

Simulates organizations answering the full ``learning-organization`` 1.1.0 rubric
(``lm.simulate_responses``, default settings), scores them with the full form and, from the
same respondents' answers to its eight indicators, with ``learning-organization-pulse``
1.1.0. Reports, for the overall score and each dimension: the correlation between pulse and
full-form scores across organizations, the mean and the spread of pulse minus full, the mean
absolute error of each form against the true full-form score, and the share of
organizations that get the same stage from both forms.

Usage (from the repository root; about a minute)::

    python benchmarks/pulse_tracking.py                     # 300 organizations of 30
    python benchmarks/pulse_tracking.py --organizations 100 --respondents 60 --seed 2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

import lomaturity as lm


def _stage(rubric: lm.Rubric, value: float) -> str:
    return [s.id for s in rubric.stages if value >= s.lower][-1]


def run(organizations: int, respondents: int, seed: int) -> list[str]:
    """The result lines."""
    full = lm.load_rubric("learning-organization@1.1.0")
    pulse = lm.load_rubric("learning-organization-pulse@1.1.0")
    sim = lm.simulate_responses(
        full, organizations=organizations, respondents=respondents, seed=seed
    )
    answers = sim.responses
    columns = [answers.indicator_ids.index(i) for i in pulse.indicator_ids]
    short = lm.responses_from_array(
        answers.values[:, columns],
        pulse,
        respondent_ids=list(answers.respondent_ids),
        organizations=list(answers.organizations),
        not_applicable=answers.not_applicable[:, columns],
    )
    options = {"seed": seed, "n_resamples": 200, "agreement": False}
    full_reports = lm.score_organizations(full, answers, **options)
    pulse_reports = lm.score_organizations(pulse, short, **options)
    orgs = list(full_reports)
    lines = [
        f"{organizations} organizations x {respondents} respondents, seed {seed}",
        "score                 r(pulse,full)  mean(p-f)  sd(p-f)  MAE pulse  MAE full  same stage",
    ]
    for name in ["overall", *(d.id for d in full.dimensions)]:

        def value(report: lm.Report, name: str = name) -> float:
            score = report.overall if name == "overall" else report.dimensions[name]
            return float(score.value)

        f = np.array([value(full_reports[o]) for o in orgs])
        p = np.array([value(pulse_reports[o]) for o in orgs])
        truth = np.array(
            [
                sim.truth[o].overall if name == "overall" else sim.truth[o].dimensions[name]
                for o in orgs
            ]
        )
        same = np.mean([_stage(full, a) == _stage(full, b) for a, b in zip(p, f, strict=True)])
        lines.append(
            f"{name:22}{np.corrcoef(p, f)[0, 1]:13.3f}{np.mean(p - f):11.2f}"
            f"{np.std(p - f, ddof=1):9.2f}{np.mean(np.abs(p - truth)):11.2f}"
            f"{np.mean(np.abs(f - truth)):10.2f}{same:12.1%}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    print("\n".join(run(args.organizations, args.respondents, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
