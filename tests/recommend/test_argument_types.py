"""Wrong argument types on the recommendation and explanation paths raise TypeError saying
what to pass, as the scoring entry points do (never AttributeError)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import lomaturity as lm

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
NORDWIND = "nordwind-manufacturing"


@pytest.fixture(scope="module")
def report() -> lm.Report:
    return lm.score(
        RUBRIC,
        lm.example_responses("learning-organization@1.0.0"),
        organization=NORDWIND,
        n_resamples=100,
        seed=1,
    )


CALLS: list[tuple[str, Callable[[lm.Report], Any], str]] = [
    ("recommend rubric", lambda r: lm.recommend({}, r), "rubric: expected lomaturity.Rubric"),  # type: ignore[arg-type]
    ("roadmap rubric", lambda r: lm.roadmap(None, r), "rubric: expected lomaturity.Rubric"),  # type: ignore[arg-type]
    ("targets report", lambda r: lm.targets(RUBRIC, {}), "report: expected one organization"),  # type: ignore[arg-type]
    (
        "recommend report",
        lambda r: lm.recommend(RUBRIC, "report.json"),  # type: ignore[arg-type]
        "got str",
    ),
    (
        "explain responses",
        lambda r: lm.explain_score(RUBRIC, r, "practice", responses={}),  # type: ignore[arg-type]
        "responses: expected lomaturity.Responses",
    ),
    ("parse_target text", lambda r: lm.parse_target(None, RUBRIC), "text: expected"),  # type: ignore[arg-type]
    ("parse_target rubric", lambda r: lm.parse_target("next", None), "rubric: expected"),  # type: ignore[arg-type]
    ("dump_rubric", lambda r: lm.dump_rubric(None), "rubric: expected lomaturity.Rubric"),  # type: ignore[arg-type]
    (
        "evidence rubric",
        lambda r: lm.recommendations.Evidence.from_responses(
            {},  # type: ignore[arg-type]
            lm.example_responses("learning-organization@1.0.0"),
        ),
        "rubric: expected lomaturity.Rubric",
    ),
    (
        "evidence responses",
        lambda r: lm.recommendations.Evidence.from_responses(RUBRIC, "x.csv"),  # type: ignore[arg-type]
        "responses: expected lomaturity.Responses",
    ),
]


@pytest.mark.parametrize(("name", "call", "message"), CALLS, ids=[c[0] for c in CALLS])
def test_wrong_types_say_what_to_pass(
    report: lm.Report, name: str, call: Callable[[lm.Report], Any], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        call(report)


def test_a_report_set_still_gets_its_own_hint() -> None:
    reports = lm.score_organizations(
        RUBRIC, lm.example_responses("learning-organization@1.0.0"), n_resamples=100, seed=1
    )
    with pytest.raises(lm.RecommendationError, match="got a ReportSet of 4 organization"):
        lm.recommend(RUBRIC, reports)  # type: ignore[arg-type]
