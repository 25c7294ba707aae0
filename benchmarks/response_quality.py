"""Response-quality study: false positives on honest respondents, detection of careless ones,
and what ``screen="flag"`` and ``screen="exclude"`` do to the scores (docs/response-quality.md).

Usage::

    python benchmarks/response_quality.py [--organizations 300] [--respondents 30]
                                          [--seed 2026] [--rubric learning-organization@1.0.0]

What it does (everything seeded):

1. False-positive rate: simulates honest organizations (``lm.simulate_responses``, the
   ordered-probit model of docs/example-data.md) at low, middle and high maturity
   (``maturity_mean`` -1.5, 0, +1.5) on the chosen rubric and on an 8-item pulse-like rubric
   (one reverse-keyed item) and counts the respondents flagged (straightlining,
   acquiescent, either).
2. Injection: in each simulated organization a share (0, 10, 20, 30 %) of the respondents
   is replaced by careless ones, a third each: *straightliners* (one answer to every item,
   drawn from the scale's 3, 4, 5: neutral or agreeing), *yea-sayers* (4 or 5 at random
   to every item, whatever its keying) and *mild acquiescers* (their honest raw answers
   plus one category, at most 5: content still shows). It reports how many of each kind
   are flagged (sensitivity), and the overall score's bias against the true score (mean
   of score minus truth), its RMSE and the coverage of its 95 % range by the truth, scored with
   ``screen="flag"`` (all kept), ``screen="exclude"`` and on the honest respondents only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

REPO = Path(__file__).resolve().parents[1]
try:
    import lomaturity as lm
except ImportError:  # running from a plain source checkout
    sys.path.insert(0, str(REPO / "src"))
    import lomaturity as lm

Float = npt.NDArray[np.float64]

PULSE_YAML = """\
format: 1
id: pulse-like
version: "1.0.0"
title: Pulse-like rubric
description: Eight items, one reverse-keyed, for the response-quality study.
language: en
scales:
  - {id: agree5, min: 1, max: 5, allow_na: true}
dimensions:
"""


def pulse_rubric() -> lm.Rubric:
    """An 8-item rubric, 2 items in each of 4 dimensions, one reverse-keyed item."""
    lines = [PULSE_YAML]
    for d in range(4):
        lines.append(f"  - {{id: d{d}, name: Dimension {d}, weight: 1.0, description: d}}\n")
    lines.append("indicators:\n")
    for d in range(4):
        for i in range(2):
            reverse = "true" if (d, i) == (0, 1) else "false"
            lines.append(
                f"  - {{id: d{d}_i{i}, dimension: d{d}, scale: agree5, weight: 1.0, "
                f"reverse: {reverse}, statement: item {d}.{i}, "
                "descriptors: {ad_hoc: a, developing: b, learning_organization: c}}\n"
            )
    lines.append(
        "stages:\n"
        "  - {id: ad_hoc, name: Ad hoc, lower: 0, description: a}\n"
        "  - {id: developing, name: Developing, lower: 50, description: b}\n"
        "  - {id: learning_organization, name: Learning organization, "
        "lower: 80, description: c}\n"
    )
    return lm.read_rubric_bytes("".join(lines).encode())


def false_positives(rubric: lm.Rubric, organizations: int, respondents: int, seed: int) -> None:
    """Flag rates among honest simulated respondents at three maturity levels."""
    print(
        f"\nHonest respondents, {rubric.key} ({len(rubric.indicators)} items, "
        f"{sum(i.reverse for i in rubric.indicators)} reverse-keyed):"
    )
    print("  maturity  respondents  straightlining  acquiescent  either")
    for k, level in enumerate((-1.5, 0.0, 1.5)):
        sim = lm.simulate_responses(
            rubric,
            organizations=organizations,
            respondents=respondents,
            seed=seed + k,
            maturity_mean=level,
        )
        quality = lm.response_quality(rubric, sim.responses)
        n = sum(q.n_respondents for q in quality.values())
        s = sum(q.n_straightlining for q in quality.values())
        a = sum(q.n_acquiescent for q in quality.values())
        f = sum(q.n_flagged for q in quality.values())
        print(
            f"  {level:+8.1f}  {n:11d}  {100 * s / n:13.2f}%  {100 * a / n:10.2f}%  "
            f"{100 * f / n:5.2f}%"
        )


def inject(
    values: Float, organizations: tuple[str, ...], share: float, rng: np.random.Generator
) -> tuple[Float, npt.NDArray[np.int64]]:
    """``values`` with ``share`` of each organization's rows replaced by careless answers
    (a third each: straightliners, yea-sayers, mild acquiescers); also each row's kind
    (0 honest, 1 straightliner, 2 yea-sayer, 3 mild acquiescer)."""
    out = values.copy()
    careless = np.zeros(len(values), dtype=np.int64)
    names = np.array(organizations)
    k = values.shape[1]
    for name in dict.fromkeys(organizations):
        rows = np.flatnonzero(names == name)
        m = round(share * len(rows))
        if m == 0:
            continue
        chosen = rng.choice(rows, size=m, replace=False)
        straight, yea, mild = np.array_split(chosen, 3)
        out[straight] = rng.integers(3, 6, size=len(straight))[:, None] * np.ones(k)
        out[yea] = rng.integers(4, 6, size=(len(yea), k)).astype(np.float64)
        out[mild] = np.minimum(values[mild] + 1.0, 5.0)
        careless[straight], careless[yea], careless[mild] = 1, 2, 3
    return out, careless


def _overall(reports: lm.ReportSet) -> tuple[Float, Float, Float]:
    values = np.array([r.overall.value for r in reports.values()], dtype=np.float64)
    low = np.array([r.overall.low for r in reports.values()], dtype=np.float64)
    high = np.array([r.overall.high for r in reports.values()], dtype=np.float64)
    return values, low, high


def injection(rubric: lm.Rubric, organizations: int, respondents: int, seed: int) -> None:
    """Sensitivity, bias, RMSE and coverage with careless respondents injected."""
    print(
        f"\nCareless respondents injected, {rubric.key}, {organizations} organizations x "
        f"{respondents} respondents (a third each: straightliners, yea-sayers, mild "
        "acquiescers):"
    )
    print(
        "  share  detected: straight  yea  mild  false pos.  scoring   bias   RMSE  "
        "coverage  mean n"
    )
    sim = lm.simulate_responses(
        rubric, organizations=organizations, respondents=respondents, seed=seed
    )
    truth = np.array([t.overall for t in sim.truth.values()])
    base = sim.responses
    rng = np.random.default_rng(seed)
    common = {"seed": seed, "n_resamples": 400, "agreement": False}
    for share in (0.0, 0.1, 0.2, 0.3):
        values, kind = inject(base.values, base.organizations, share, rng)
        careless = kind > 0
        # Straightliners and yea-sayers answer every item: no blanks, no "not applicable".
        na = base.not_applicable & ~np.isin(kind, (1, 2))[:, None]
        responses = lm.responses_from_array(
            values,
            rubric,
            respondent_ids=base.respondent_ids,
            organizations=base.organizations,
            not_applicable=na,
        )
        quality = lm.response_quality(rubric, responses)
        flagged = np.zeros(len(values), dtype=np.bool_)
        index = {rid: i for i, rid in enumerate(base.respondent_ids)}
        for q in quality.values():
            rows = [index[r] for r in q.respondent_ids]
            flagged[rows] = q.flagged
        detected = "".join(
            f"{flagged[kind == t].mean():6.0%}" if (kind == t).any() else "     -"
            for t in (1, 2, 3)
        )
        false_pos = flagged[~careless].mean()
        runs = {
            "flag": (responses, "flag"),
            "exclude": (responses, "exclude"),
            "honest": (responses.select(~careless), "off"),
        }
        for label, (data, screen) in runs.items():
            reports = lm.score_organizations(rubric, data, screen=screen, **common)
            value, low, high = _overall(reports)
            error = value - truth
            covered = (low <= truth) & (truth <= high)
            n = np.mean([r.n_respondents for r in reports.values()])
            print(
                f"  {share:5.0%}  {'':>8}{detected}  {false_pos:10.2%}  {label:<8}"
                f"{error.mean():+6.2f}  {np.sqrt((error**2).mean()):5.2f}  "
                f"{covered.mean():8.1%}  {n:6.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rubric", default="learning-organization@1.0.0")
    args = parser.parse_args()
    start = time.perf_counter()
    rubric = lm.load_rubric(args.rubric)
    for r in (rubric, pulse_rubric()):
        false_positives(r, args.organizations, args.respondents, args.seed)
    injection(rubric, args.organizations, args.respondents, args.seed)
    print(f"\n({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
