"""Stage descriptors shown: ``explain`` gives each indicator's descriptor at the stage its
score lies in; the text report of ``score`` gives the dimensions' stage descriptions and,
with details, the indicators' descriptors."""

from __future__ import annotations

import attrs

import factories
import lomaturity as lm
from lomaturity._present.text import render_details, render_report

RUBRIC = lm.load_rubric("learning-organization@1.0.0")


def _report(**dims: float) -> lm.Report:
    scores: dict[str, float | None] = {d.id: 83.0 for d in RUBRIC.dimensions}
    scores.update(dims)
    return factories.make_report(scores, {"st_skill_gaps": 40.0}, rubric=RUBRIC)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_explain_indicator_shows_the_descriptor_of_its_stage() -> None:
    text = flat(lm.explain_score(RUBRIC, _report(), "st_skill_gaps"))
    emerging = RUBRIC.indicator("st_skill_gaps").descriptors["emerging"]
    assert f"At this score (Emerging): {flat(emerging)}" in text
    top = RUBRIC.indicator("st_skill_gaps").descriptors["learning_organization"]
    assert flat(top) not in text


def test_explain_dimension_lists_each_indicators_descriptor_and_the_stage() -> None:
    text = flat(lm.explain_score(RUBRIC, _report(strategy=60.0), "strategy"))
    assert "What each indicator's score describes" in text
    gaps = RUBRIC.indicator("st_skill_gaps").descriptors["emerging"]
    assert f"st_skill_gaps (Emerging): {flat(gaps)}" in text
    future = RUBRIC.indicator("st_future_skills").descriptors["developing"]
    assert f"st_future_skills (Developing): {flat(future)}" in text
    assert flat(RUBRIC.stage("developing").description) in text


def test_score_text_shows_each_dimensions_stage_description_once() -> None:
    text = render_report(_report(strategy=16.0, practice=20.0), RUBRIC)
    shown = flat(text)
    assert "What the stages mean:" in shown
    assert f"1 Ad hoc (Strategy, Practice): {flat(RUBRIC.stage('ad_hoc').description)}" in shown
    top = RUBRIC.stage("learning_organization")
    assert f"5 {top.name} (Values and culture, Employee experience)" in shown
    assert shown.count(flat(RUBRIC.stage("ad_hoc").description)) == 1
    assert flat(RUBRIC.stage("emerging").description) not in shown  # no dimension there


def test_details_show_the_indicator_descriptors() -> None:
    text = flat(render_details(_report(), RUBRIC))
    gaps = RUBRIC.indicator("st_skill_gaps").descriptors["emerging"]
    assert "Strategy: what each indicator's score describes" in text
    assert f"st_skill_gaps 40.0 (Emerging): {flat(gaps)}" in text


def test_descriptors_are_printed_safely() -> None:
    indicator = RUBRIC.indicator("st_skill_gaps")
    hostile = attrs.evolve(
        indicator, descriptors={**indicator.descriptors, "emerging": "gaps\x1b[2J\u202e"}
    )
    indicators = tuple(hostile if i.id == indicator.id else i for i in RUBRIC.indicators)
    rubric = attrs.evolve(RUBRIC, indicators=indicators)
    for text in (
        lm.explain_score(rubric, _report(), "st_skill_gaps"),
        render_details(_report(), rubric),
    ):
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "gaps\\x1b[2J\\u202e" in text
