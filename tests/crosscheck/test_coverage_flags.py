"""The low-confidence flag: reports below the size where their kind of range held its level
in the coverage study say so, with the measured coverage (docs/coverage.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import lomaturity
from lomaturity import group_scores
from lomaturity._stats import scoring as _scoring
from lomaturity._stats.small_samples import holds_from

DOCS = Path(__file__).resolve().parents[2] / "docs" / "coverage.md"
FLAG = "few_respondents"


@pytest.fixture(scope="module")
def rubric() -> lomaturity.Rubric:
    return lomaturity.load_rubric("learning-organization@1.0.0")


def _responses(rubric: lomaturity.Rubric, n: int, seed: int = 0) -> lomaturity.Responses:
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 6, size=(n, len(rubric.indicators))).astype(float)
    return lomaturity.responses_from_array(
        values,
        rubric,
        respondent_ids=[f"r{i:03d}" for i in range(n)],
        organizations=["acme"] * n,
        metadata={"team": ["t"] * n},
    )


def _report(
    rubric: lomaturity.Rubric, n: int, interval: lomaturity.results.IntervalMethod = "percentile"
) -> lomaturity.Report:
    report = lomaturity.score(
        rubric, _responses(rubric, n), seed=1, n_resamples=100, interval=interval
    )
    assert isinstance(report, lomaturity.Report)
    return report


def _flags(report: lomaturity.Report) -> list[lomaturity.results.Notice]:
    return [n for n in report.notices if n.code == FLAG]


def _threshold(kind: str = "percentile") -> int:
    value = holds_from(kind, 0.95)
    assert isinstance(value, int)
    assert value > 2
    return value


def test_flag_exactly_below_threshold(rubric: lomaturity.Rubric) -> None:
    threshold = _threshold()
    for n in range(2, threshold + 3):
        flags = _flags(_report(rubric, n))
        if n < threshold:
            assert len(flags) == 1, n
            (flag,) = flags
            assert flag.subject == "overall"
            # The message names the respondent count as a number of respondents.
            assert re.search(rf"(?<![\d.]){n} respondents\b", flag.message), flag.message
            assert "docs/coverage.md" in flag.message
        else:
            assert flags == [], n


def test_flag_at_both_sides_of_the_threshold_with_bca(rubric: lomaturity.Rubric) -> None:
    threshold = _threshold("bca")
    below = _report(rubric, threshold - 1, interval="bca")
    at = _report(rubric, threshold, interval="bca")
    assert below.interval.kind == "bca"
    assert len(_flags(below)) == 1
    assert _flags(at) == []


def test_flag_is_first_and_serialized(rubric: lomaturity.Rubric) -> None:
    n = _threshold() - 1
    report = _report(rubric, n)
    assert report.notices[0].code == FLAG
    payload = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    assert payload["notices"][0]["code"] == FLAG
    assert str(n) in payload["notices"][0]["message"]


def test_single_respondent_is_a_self_assessment_not_a_small_sample(
    rubric: lomaturity.Rubric,
) -> None:
    report = _report(rubric, 1)
    assert [n.code for n in report.notices][:1] == ["self_assessment"]
    assert _flags(report) == []


def test_group_scores_carry_the_flag(rubric: lomaturity.Rubric) -> None:
    threshold = _threshold()
    n = max(threshold - 1, 5)
    groups = group_scores(
        rubric, _responses(rubric, n), "team", seed=1, n_resamples=100, interval="percentile"
    )
    (group,) = groups["acme"].groups.values()
    assert [x.code for x in group.notices if x.code == FLAG] == [FLAG]
    # The default ("auto") picks the kind by the group's own size, as for an organization.
    auto = group_scores(rubric, _responses(rubric, n), "team", seed=1, n_resamples=100)
    (group,) = auto["acme"].groups.values()
    assert group.stage is not None
    assert [x for x in group.notices if x.code == FLAG] == _flags(_report(rubric, n, "auto"))


def test_threshold_matches_the_coverage_study() -> None:
    """docs/coverage.md states the fallback threshold (kinds or levels the study did not
    measure); the code must use it."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"recommended threshold: `SMALL_SAMPLE = (\d+)`", text)
    assert match is not None, "docs/coverage.md must state the recommended threshold"
    assert int(match.group(1)) == _scoring.SMALL_SAMPLE, (
        "lomaturity._stats.scoring.SMALL_SAMPLE differs from the threshold recommended by the "
        "coverage study in docs/coverage.md"
    )
