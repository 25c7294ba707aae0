"""The two dimension scores (docs/scoring.md and docs/agreement.md, "Two dimension scores").

A report's dimension score is the weighted mean of the indicator means; ICC(1)/ICC(2) run
on each respondent's weighted mean of the indicators they answered. The data below make
the two differ (one respondent skips an indicator), so each test fails if its figure
switched definition.
"""

from __future__ import annotations

import numpy as np
import pytest

import lomaturity as lm

RUBRIC_YAML = """\
format: 1
id: two-scores
version: "1.0.0"
title: Two dimension scores
description: One weighted dimension with a reverse-keyed indicator, one constant dimension.
language: en
scales:
  - {id: s5, min: 1, max: 5}
dimensions:
  - {id: alpha, name: Alpha, description: Weighted., weight: 1}
  - {id: beta, name: Beta, description: Constant., weight: 1}
indicators:
  - {id: a1, dimension: alpha, statement: A one., scale: s5, weight: 2}
  - {id: a2, dimension: alpha, statement: A two., scale: s5, weight: 1, reverse: true}
  - {id: b1, dimension: beta, statement: B one., scale: s5, weight: 1}
stages:
  - {id: low, name: Low, lower: 0, description: Low.}
  - {id: high, name: High, lower: 50, description: High.}
"""

# (organization, a1, a2, b1); a2 is reverse-keyed; r1 skips a2.
ROWS = [
    ("acme", 5, None, 3),
    ("acme", 1, 1, 3),
    ("acme", 3, 5, 3),
    ("globex", 2, 2, 3),
    ("globex", 4, 4, 3),
    ("globex", 5, 3, 3),
]


def _data() -> tuple[lm.Rubric, lm.Responses]:
    rubric = lm.read_rubric_bytes(RUBRIC_YAML)
    records = [
        {"respondent_id": f"r{i}", "organization": org, "a1": a1, "a2": a2, "b1": b1}
        for i, (org, a1, a2, b1) in enumerate(ROWS, 1)
    ]
    return rubric, lm.responses_from_records(records, rubric)


def _s(x: float, reverse: bool = False) -> float:
    value = 100.0 * (x - 1) / 4
    return 100.0 - value if reverse else value


def _respondent_scores() -> dict[str, list[float]]:
    """d_ic: each respondent's weighted mean of the alpha indicators they answered."""
    out: dict[str, list[float]] = {}
    for org, a1, a2, _ in ROWS:
        parts = [(2.0, _s(a1))] + ([] if a2 is None else [(1.0, _s(a2, reverse=True))])
        out.setdefault(org, []).append(sum(w * s for w, s in parts) / sum(w for w, _ in parts))
    return out


def test_report_dimension_score_is_the_weighted_mean_of_indicator_means() -> None:
    rubric, responses = _data()
    report = lm.score(rubric, responses, organization="acme", seed=1, n_resamples=100)
    i_a1 = np.mean([_s(5), _s(1), _s(3)])  # 50
    i_a2 = np.mean([_s(1, True), _s(5, True)])  # 50
    expected = (2 * i_a1 + 1 * i_a2) / 3
    assert report.indicators["a1"].value == pytest.approx(i_a1, abs=1e-12)
    assert report.indicators["a2"].value == pytest.approx(i_a2, abs=1e-12)
    assert report.dimensions["alpha"].value == pytest.approx(expected, abs=1e-12)
    # The respondent-mean definition gives another figure here: the test tells them apart.
    assert np.mean(_respondent_scores()["acme"]) == pytest.approx(500 / 9)
    assert abs(np.mean(_respondent_scores()["acme"]) - expected) > 5


def test_icc_uses_each_respondents_mean_of_answered_items() -> None:
    rubric, responses = _data()
    scores = _respondent_scores()
    groups = [np.array(v) for v in scores.values()]
    everyone = np.concatenate(groups)
    n, g = everyone.size, len(groups)
    msb = sum(len(y) * (y.mean() - everyone.mean()) ** 2 for y in groups) / (g - 1)
    msw = sum(((y - y.mean()) ** 2).sum() for y in groups) / (n - g)
    k = n / g
    result = lm.agreement(rubric, responses).dimensions["alpha"]
    assert result.ms_between == pytest.approx(msb, rel=1e-12)
    assert result.ms_within == pytest.approx(msw, rel=1e-12)
    assert result.icc1 == pytest.approx((msb - msw) / (msb + (k - 1) * msw), rel=1e-12)
    assert result.icc2 == pytest.approx((msb - msw) / msb, rel=1e-12)
    # With the report's organization score (indicator means) as acme's group mean, MSB
    # would differ: the ICC input is not the report's dimension score.
    report_mean = lm.score(rubric, responses, organization="acme", seed=1, n_resamples=100)
    assert report_mean.dimensions["alpha"].value != pytest.approx(groups[0].mean())


def test_report_carries_the_icc_it_was_scored_with() -> None:
    rubric, responses = _data()
    report = lm.score(rubric, responses, organization="globex", seed=1, n_resamples=100)
    assert report.icc["alpha"] == lm.agreement(rubric, responses).dimensions["alpha"]
