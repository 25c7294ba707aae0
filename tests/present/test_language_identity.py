"""The language is part of a multilingual rubric's identity in the text reports (issue 9:
"reports show key plus the language"); format-1 reports are unchanged."""

from __future__ import annotations

import pytest

import lomaturity as lm
from lomaturity._present.text import render_recommendations, render_report


@pytest.mark.parametrize("language", ["en", "fi"])
def test_report_and_next_steps_name_the_language(language: str) -> None:
    rubric = lm.load_rubric("learning-organization@1.1.0", language=language)
    responses = lm.example_responses(rubric).for_organization("brightloom-design")
    report = lm.score(rubric, responses, seed=1, n_resamples=100)
    first = render_report(report, rubric).splitlines()[0]
    assert f"(learning-organization@1.1.0, {language})" in first
    steps = render_recommendations(lm.recommend(rubric, report), rubric).splitlines()[0]
    assert f"(learning-organization@1.1.0, {language})" in steps


def test_format_1_report_header_is_unchanged() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    responses = lm.example_responses(rubric).for_organization("brightloom-design")
    report = lm.score(rubric, responses, seed=1, n_resamples=100)
    assert render_report(report, rubric).splitlines()[0].endswith("(learning-organization@1.0.0)")
