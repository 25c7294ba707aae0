"""Warnings a reader relies on: empty rows, thin dimensions, missing roles, option limits."""

from __future__ import annotations

import json

import numpy as np
import pytest

import lomaturity as lm
from lomaturity._stats.options import MAX_RESAMPLES
from lomaturity._stats.scoring import SMALL_SAMPLE, _share

RUBRIC = lm.read_rubric_bytes(
    """\
format: 1
id: notices
version: "1.0.0"
title: Notices
description: A rubric for notice tests.
language: en
scales:
  - {id: a5, min: 1, max: 5}
dimensions:
  - {id: a, name: A, description: first}
  - {id: b, name: B, description: second}
indicators:
  - {id: a1, dimension: a, statement: s, scale: a5}
  - {id: a2, dimension: a, statement: s, scale: a5}
  - {id: b1, dimension: b, statement: s, scale: a5}
stages:
  - {id: low, name: Low, lower: 0, description: low}
  - {id: mid, name: Mid, lower: 50, description: mid}
"""
)


def make(values: np.ndarray, **metadata: list[str]) -> lm.Responses:
    return lm.responses_from_array(values, RUBRIC, metadata=metadata or None)


def codes(report: lm.Report) -> list[str]:
    return [n.code for n in report.notices]


def single(result: lm.Report | lm.ReportSet) -> lm.Report:
    assert isinstance(result, lm.Report)
    return result


def test_empty_rows_are_not_respondents() -> None:
    rng = np.random.default_rng(1)
    values = rng.integers(1, 6, size=(25, 3)).astype(float)
    values[7:] = np.nan  # 7 people answered, 18 rows are empty
    with_empty = single(
        lm.score(RUBRIC, make(values), seed=1, n_resamples=300, interval="studentized")
    )
    without = single(
        lm.score(RUBRIC, make(values[:7]), seed=1, n_resamples=300, interval="studentized")
    )
    assert with_empty.n_respondents == 7
    assert "few_respondents" in codes(with_empty)
    assert "empty_rows" in codes(with_empty)
    assert with_empty.overall.value == without.overall.value
    # coverage still counts the empty rows as unanswered
    assert with_empty.overall.coverage < without.overall.coverage


def test_one_respondent_plus_empty_rows_is_a_self_assessment() -> None:
    values = np.array([[4, 2, 5], [np.nan, np.nan, np.nan]])
    report = single(lm.score(RUBRIC, make(values), seed=1, n_resamples=300))
    assert report.self_assessment
    assert codes(report)[0] == "self_assessment"
    assert all(d.value is not None for d in report.dimensions.values())


def test_a_dimension_answered_by_few_is_flagged_even_in_a_large_organization() -> None:
    rng = np.random.default_rng(2)
    values = rng.integers(1, 6, size=(40, 3)).astype(float)
    values[4:, 2] = np.nan  # dimension b answered by 4 of 40
    report = single(lm.score(RUBRIC, make(values), seed=1, n_resamples=300))
    flagged = [n for n in report.notices if n.code == "few_respondents"]
    assert [n.subject for n in flagged] == ["b"]
    assert "only 4 respondents answered b" in flagged[0].message


def test_expanded_ranges_get_their_own_small_sample_wording() -> None:
    values = np.random.default_rng(3).integers(1, 6, size=(8, 3)).astype(float)
    report = single(lm.score(RUBRIC, make(values), seed=1, n_resamples=300, interval="expanded"))
    notice = next(n for n in report.notices if n.code == "few_respondents")
    assert "expanded ranges" in notice.message
    assert "interval='expanded'" not in notice.message


def test_details_without_managers_says_why_there_is_no_gap() -> None:
    values = np.random.default_rng(4).integers(1, 6, size=(10, 3)).astype(float)
    data = make(values, role=["employee"] * 10)
    report = single(lm.score(RUBRIC, data, seed=1, n_resamples=200, details=True))
    assert report.perception_gap is None
    notice = next(n for n in report.notices if n.code == "perception_gap_unavailable")
    assert "'employee'" in notice.message


def test_details_respects_interval_and_agreement_choices() -> None:
    values = np.random.default_rng(5).integers(1, 6, size=(30, 3)).astype(float)
    data = make(values, team=["x"] * 15 + ["y"] * 15)
    report = single(
        lm.score(
            RUBRIC, data, seed=1, n_resamples=200, details=True, agreement=False, interval="bca"
        )
    )
    assert report.agreement is None
    assert report.groups is not None
    assert report.groups.groups["x"].overall is not None
    assert report.groups.interval.kind == "bca"


def test_generated_seed_is_exact_in_json() -> None:
    values = np.random.default_rng(6).integers(1, 6, size=(5, 3)).astype(float)
    report = single(lm.score(RUBRIC, make(values), n_resamples=200))
    seed = report.interval.seed
    assert seed is not None
    assert 0 <= seed < 2**53
    again = single(lm.score(RUBRIC, make(values), n_resamples=200, seed=seed))
    assert json.dumps(again.to_dict()) == json.dumps(report.to_dict())


def test_too_many_resamples_is_a_clear_error() -> None:
    values = np.ones((3, 3))
    with pytest.raises(lm.ScoringError, match=f"n_resamples: .* within 100..{MAX_RESAMPLES}"):
        lm.score(RUBRIC, make(values), n_resamples=MAX_RESAMPLES + 1)


def test_shares_never_round_up_to_their_threshold() -> None:
    values = np.random.default_rng(7).integers(1, 6, size=(10, 3)).astype(float)
    values[:, 1] = np.nan
    report = single(
        lm.score(RUBRIC, make(values), seed=1, n_resamples=200, min_indicator_share=0.51)
    )
    reason = report.dimensions["a"].reason
    assert reason is not None
    assert "answers cover 50% of the indicator weight; at least 51% needed" in reason
    # 0.4999 of the weight must not show as 50 %
    assert _share(0.49996) == "49.9%"
    assert SMALL_SAMPLE == 20


def test_score_one_organization_by_name() -> None:
    data = lm.example_responses("learning-organization@1.0.0")
    rubric = lm.load_rubric("learning-organization@1.0.0")
    report = lm.score(rubric, data, seed=2, n_resamples=200, organization="quanta-software")
    assert report.organization == "quanta-software"
    everyone = lm.score_organizations(rubric, data, seed=2, n_resamples=200)
    assert report.to_dict() == everyone["quanta-software"].to_dict()
    with pytest.raises(lm.UnknownOrganizationError, match="did you mean 'quanta-software'"):
        lm.score(rubric, data, seed=2, n_resamples=200, organization="quanta-softwar")


def test_an_organization_without_on_scale_answers_has_no_respondents() -> None:
    """Issue 12 item 14: it reported its row count as respondents, with ``few_respondents``
    and without ``empty_rows``."""
    k = len(RUBRIC.indicators)
    values = np.vstack([np.full((3, k), 3.0), np.full((2, k), np.nan)])
    responses = lm.responses_from_array(values, RUBRIC, organizations=["acme"] * 3 + ["void"] * 2)
    report = lm.score(RUBRIC, responses, organization="void", seed=1, n_resamples=200)
    assert report.n_respondents == 0
    assert report.overall.value is None
    codes = [n.code for n in report.notices]
    assert "few_respondents" not in codes
    assert "empty_rows" in codes
    assert "none of the 2 row(s)" in report.notices[codes.index("empty_rows")].message
    assert all(s.n_respondents == 0 for s in report.dimensions.values())
