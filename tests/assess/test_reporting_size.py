"""The minimum reporting size: scores resting on fewer respondents are marked not
reportable (API, JSON, tables, text) unless ``allow_small`` is given."""

from __future__ import annotations

import json

import numpy as np
import pytest

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._present.explain import explain_score
from lomaturity._present.text import render_report

RUBRIC = make_rubric({"d1": ["i1", "i2"], "d2": ["i3", "i4"]})


def _responses(n: int, seed: int = 0) -> lm.Responses:
    values = np.random.default_rng(seed).integers(1, 6, size=(n, 4)).astype(float)
    return make_responses(values, RUBRIC.indicator_ids)


def _codes(report: lm.Report) -> list[str]:
    return [n.code for n in report.notices]


@pytest.mark.parametrize("n", [1, 2, 4])
def test_below_the_default_minimum_nothing_is_reportable(n: int) -> None:
    report = lm.score(RUBRIC, _responses(n), seed=1)
    assert report.options.min_reporting_size == 5
    assert not report.reportable
    assert not report.overall.reportable
    assert not any(s.reportable for s in report.dimensions.values())
    assert "not_reportable" in _codes(report)
    (notice,) = [x for x in report.notices if x.code == "not_reportable"]
    assert f"only {n} respondent(s)" in notice.message
    assert "allow_small" in notice.message
    # The figures are still computed (and marked), never silently dropped.
    assert report.overall.value is not None


def test_from_the_minimum_on_scores_are_reportable() -> None:
    report = lm.score(RUBRIC, _responses(5), seed=1)
    assert report.reportable
    assert all(s.reportable for s in report.dimensions.values())
    assert "not_reportable" not in _codes(report)


def test_allow_small_is_the_explicit_override() -> None:
    report = lm.score(RUBRIC, _responses(3), seed=1, allow_small=True, interval="studentized")
    assert report.reportable
    assert report.options.allow_small is True
    assert "not_reportable" not in _codes(report)
    # The small-sample warning (with the measured coverage) stays.
    assert "few_respondents" in _codes(report)


def test_the_minimum_is_configurable() -> None:
    report = lm.score(RUBRIC, _responses(8), seed=1, min_reporting_size=10)
    assert not report.reportable
    assert any("minimum reporting size of 10" in x.message for x in report.notices)
    assert lm.score(RUBRIC, _responses(8), seed=1, min_reporting_size=1).reportable


def test_a_thin_dimension_of_a_large_organization_is_not_reportable() -> None:
    values = np.random.default_rng(3).integers(1, 6, size=(30, 4)).astype(float)
    values[3:, 2:] = np.nan  # only 3 respondents answered d2
    report = lm.score(RUBRIC, make_responses(values, RUBRIC.indicator_ids), seed=1)
    assert report.reportable
    assert report.dimensions["d1"].reportable
    assert not report.dimensions["d2"].reportable
    assert any(x.code == "not_reportable" and x.subject == "d2" for x in report.notices)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("min_reporting_size", 0),
        ("min_reporting_size", 2.5),
        ("min_reporting_size", "5"),
        ("allow_small", "yes"),
        ("allow_small", 1),
    ],
)
def test_bad_values_are_refused_by_the_validator(option: str, value: object) -> None:
    with pytest.raises(lm.ScoringError, match=option):
        lm.score(RUBRIC, _responses(6), seed=1, **{option: value})  # type: ignore[arg-type]


def test_json_and_tables_say_it_consistently() -> None:
    small = lm.score(RUBRIC, _responses(3), seed=1)
    data = json.loads(json.dumps(small.to_dict()))
    assert data["reportable"] is False
    assert data["overall"]["reportable"] is False
    assert data["options"]["min_reporting_size"] == 5
    assert data["options"]["allow_small"] is False
    records = small.to_records()
    assert records
    assert all(r["reportable"] is False for r in records)
    big = lm.score(RUBRIC, _responses(6), seed=1)
    assert all(r["reportable"] is True for r in big.to_records())


def test_text_output_withholds_unreportable_scores() -> None:
    small = lm.score(RUBRIC, _responses(3), seed=1)
    text = render_report(small, RUBRIC)
    assert "not reportable" in text
    assert f"{small.overall.value:5.1f}" not in text
    shown = lm.score(RUBRIC, _responses(3), seed=1, allow_small=True)
    assert f"{shown.overall.value:5.1f}" in render_report(shown, RUBRIC)


def test_explain_names_the_kind_used_and_the_reportability() -> None:
    small = lm.score(RUBRIC, _responses(3), seed=1)
    text = explain_score(RUBRIC, small, "d1")
    assert "studentized (bootstrap-t)" in text
    assert "interval='auto'" in text
    assert "Not reportable: 3 respondent(s)" in text
    big = lm.score(RUBRIC, _responses(6), seed=1, interval="expanded")
    text = explain_score(RUBRIC, big, "d1")
    assert "expanded percentile" in text
    assert "Not reportable" not in text
