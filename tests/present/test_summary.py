"""``summary()`` on reports and recommendation results: exactly the text the command line
prints (the command line prints ``summary()``), and the rubric it needs."""

from __future__ import annotations

import re

import attrs
import pytest

import lomaturity as lm
from lomaturity.cli import main

RUBRIC = "learning-organization@1.1.0"
ORGANIZATION = "brightloom-design"
FAST = ("--seed", "5", "--resamples", "200")


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric(RUBRIC)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([argv[0], "--example", "--rubric", RUBRIC, *FAST, *argv[1:]]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_report_set_summary_is_what_score_prints(
    capsys: pytest.CaptureFixture[str], rubric: lm.Rubric
) -> None:
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), seed=5, n_resamples=200, details=True
    )
    assert cli(capsys, "score", "--details") == reports.summary(details=True) + "\n"
    assert len(reports) > 1


def test_report_summary_is_what_score_prints_in_another_language(
    capsys: pytest.CaptureFixture[str], rubric: lm.Rubric
) -> None:
    report = lm.score(
        rubric, lm.example_responses(rubric), seed=5, n_resamples=200, organization=ORGANIZATION
    )
    finnish = rubric.in_language("fi")
    printed = cli(capsys, "score", "--organization", ORGANIZATION, "--language", "fi")
    assert printed == report.summary(finnish) + "\n"
    assert report.summary(finnish) != report.summary()  # the dimension names are Finnish
    assert printed.startswith(f"{ORGANIZATION} — {finnish.title}")


def test_recommendation_summary_is_what_recommend_prints(
    capsys: pytest.CaptureFixture[str], rubric: lm.Rubric
) -> None:
    report = lm.score(
        rubric,
        lm.example_responses(rubric),
        seed=5,
        n_resamples=200,
        organization=ORGANIZATION,
        details=True,
    )
    result = lm.recommend(rubric, report)
    printed = cli(capsys, "recommend", "--organization", ORGANIZATION)
    assert printed == result.summary() + "\n"
    assert "Roadmap:" in printed


def test_the_rubric_is_carried_but_not_part_of_the_record(rubric: lm.Rubric) -> None:
    report = lm.score(
        rubric, lm.example_responses(rubric), seed=5, n_resamples=200, organization=ORGANIZATION
    )
    assert report.rubric is rubric
    bare = attrs.evolve(report, rubric=None)
    assert bare == report  # not part of equality
    assert bare.to_dict() == report.to_dict()
    assert repr(bare) == repr(report)
    assert bare.summary(rubric) == report.summary()
    result = lm.recommend(rubric, report)
    assert result.rubric is rubric
    assert attrs.evolve(result, rubric=None).summary(rubric) == result.summary()


def test_summary_without_a_rubric_or_with_another_says_what_to_pass(rubric: lm.Rubric) -> None:
    report = lm.score(
        rubric, lm.example_responses(rubric), seed=5, n_resamples=200, organization=ORGANIZATION
    )
    bare = attrs.evolve(report, rubric=None)
    with pytest.raises(lm.ScoringError, match=re.escape("pass summary(rubric=...)")):
        bare.summary()
    older = lm.load_rubric("learning-organization@1.0.0")
    with pytest.raises(lm.ScoringError, match=re.escape("learning-organization@1.0.0 given")):
        report.summary(older)
    with pytest.raises(TypeError, match=re.escape("rubric: expected lomaturity.Rubric")):
        report.summary("learning-organization")  # type: ignore[arg-type]
    result = attrs.evolve(lm.recommend(rubric, report), rubric=None)
    with pytest.raises(lm.RecommendationError, match="carries no rubric"):
        result.summary()
