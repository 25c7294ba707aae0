"""Reading survey responses from pandas and polars DataFrames."""

from __future__ import annotations

import importlib.resources
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity.responses import NO_ORGANIZATION

RUBRIC_YAML = """\
format: 1
id: frame-test
version: "1.0.0"
title: Frame test rubric
description: One dimension, three indicators.
language: en
scales:
  - id: agree
    min: 1
    max: 5
    allow_na: true
dimensions:
  - id: vc
    name: Vision and culture
    description: Shared values and vision.
indicators:
  - id: vc_values
    dimension: vc
    statement: We share values.
    scale: agree
  - id: vc_vision
    dimension: vc
    statement: We know where we are going.
    scale: agree
  - id: vc_budget
    dimension: vc
    statement: My team has a training budget.
    scale: agree
    allow_na: false
stages:
  - id: starting
    name: Starting
    lower: 0
    description: Just starting.
  - id: learning
    name: Learning
    lower: 50
    description: A learning organization.
"""

RUBRIC = lm.read_rubric_bytes(RUBRIC_YAML)


@pytest.fixture(scope="module")
def example_csv() -> Path:
    with importlib.resources.as_file(
        importlib.resources.files("lomaturity") / "data" / "example-responses.csv"
    ) as path:
        return Path(path)


def _codes(error: lm.ResponsesError) -> list[tuple[str, object]]:
    return [(problem.code, problem.location) for problem in error.problems]


def test_example_data_read_the_right_way_equals_the_example(
    example_csv: Path, default_rubric: lm.Rubric
) -> None:
    frame = pd.read_csv(example_csv, keep_default_na=False, dtype=str)
    responses = lm.responses_from_frame(frame, default_rubric)
    expected = lm.example_responses("learning-organization@1.0.0")
    assert responses.equals(expected)
    assert responses.not_applicable.sum() == expected.not_applicable.sum() == 56
    assert responses.notices == ()
    assert responses.na_maybe_lost == ()


def test_na_values_blank_only_keeps_na(example_csv: Path, default_rubric: lm.Rubric) -> None:
    frame = pd.read_csv(example_csv, keep_default_na=False, na_values=[""])
    responses = lm.responses_from_frame(frame, default_rubric)
    assert responses.equals(lm.example_responses("learning-organization@1.0.0"))
    assert responses.notices == ()


def test_default_read_csv_warns_that_na_may_be_lost(
    example_csv: Path, default_rubric: lm.Rubric
) -> None:
    responses = lm.responses_from_frame(pd.read_csv(example_csv), default_rubric)
    assert not responses.not_applicable.any()  # pandas turned the 56 NA cells into NaN
    assert responses.na_maybe_lost == ("ex_job_rotation", "ex_learning_in_pay")
    (notice,) = responses.notices
    assert notice.code == "na_maybe_lost"
    assert "keep_default_na=False" in notice.message
    assert "'ex_job_rotation'" in notice.message
    assert responses.select([0, 1]).na_maybe_lost == responses.na_maybe_lost
    report = lm.score(
        default_rubric, responses, seed=1, n_resamples=200, organization="nordwind-manufacturing"
    )
    lost = [n for n in report.notices if n.code == "na_maybe_lost"]
    assert len(lost) == 1
    assert "keep_default_na=False" in lost[0].message


def test_polars_frames(example_csv: Path, default_rubric: lm.Rubric) -> None:
    pl = pytest.importorskip("polars")
    expected = lm.example_responses("learning-organization@1.0.0")
    as_text = lm.responses_from_frame(pl.read_csv(example_csv, infer_schema=False), default_rubric)
    assert as_text.equals(expected)
    inferred = lm.responses_from_frame(pl.read_csv(example_csv), default_rubric)
    assert inferred.equals(expected)
    nulls = pl.DataFrame(
        {"respondent_id": ["a", "b"], "vc_values": [4.0, None], "vc_budget": [2, None]}
    )
    responses = lm.responses_from_frame(nulls, RUBRIC)
    assert responses.na_maybe_lost == ("vc_values",)
    np.testing.assert_array_equal(responses.values[:, 0], [4.0, np.nan])


def test_numbers_of_every_kind(default_rubric: lm.Rubric) -> None:
    frame = pd.DataFrame(
        {
            "respondent_id": [1, 2, 3, 4],
            "vc_values": [1, 2, 3, 5],
            "vc_vision": [1.0, 2.0, math.nan, 5.0],
            "vc_budget": pd.array([1, None, 3, 4], dtype="Int64"),
            "team": ["a", None, "b", "c"],
        }
    )
    responses = lm.responses_from_frame(frame, RUBRIC)
    assert responses.respondent_ids == ("1", "2", "3", "4")
    assert responses.organizations == (NO_ORGANIZATION,) * 4
    assert responses.metadata == {"team": ("a", None, "b", "c")}
    np.testing.assert_array_equal(
        responses.values, [[1, 1, 1], [2, 2, np.nan], [3, np.nan, 3], [5, 5, 4]]
    )
    assert responses.na_maybe_lost == ("vc_vision",)  # vc_budget does not allow NA
    assert responses.absent_indicators == ()


def test_mixed_object_column_text_numbers_and_missing() -> None:
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "e", "f"],
            "organization": ["x", "x", "y", "y", "y", "y"],
            "vc_values": ["4", np.int64(3), 2.0, None, pd.NA, "n/a"],
            "vc_vision": ["x", "N/A", "", " 5 ", "5", "1"],
        }
    )
    responses = lm.responses_from_frame(frame, RUBRIC, na_token="x")
    np.testing.assert_array_equal(responses.values[:, 0], [4, 3, 2, np.nan, np.nan, np.nan])
    assert responses.not_applicable[:, 0].tolist() == [False] * 5 + [True]
    assert responses.not_applicable[:, 1].tolist() == [True, True] + [False] * 4
    assert responses.organizations == ("x", "x", "y", "y", "y", "y")
    assert responses.absent_indicators == ("vc_budget",)
    assert responses.na_maybe_lost == ()  # the frame holds NA answers
    assert [n.code for n in responses.notices] == ["absent_indicators"]


def test_bad_cells_name_row_and_column() -> None:
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "b", "c", "d", "e"],
            "vc_values": [3.5, 7.0, 2.0, math.inf, 1.0],
            "vc_budget": ["NA", "x", True, "2", 10**400],
        }
    )
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, RUBRIC)
    assert _codes(caught.value) == [
        ("not_scale_point", ("frame", 0, "vc_values")),
        ("na_not_allowed", ("frame", 0, "vc_budget")),
        ("not_on_scale", ("frame", 1, "vc_values")),
        ("not_a_number", ("frame", 1, "vc_budget")),
        ("wrong_type", ("frame", 2, "vc_budget")),
        ("not_finite", ("frame", 3, "vc_values")),
        ("not_on_scale", ("frame", 4, "vc_budget")),
    ]
    first = caught.value.problems[0]
    assert first.path == "row 0, column 'vc_values'"
    assert first.value == 3.5
    assert "is a bool" in str(caught.value)


def test_id_organization_and_metadata_problems() -> None:
    frame = pd.DataFrame(
        {
            "respondent_id": ["a", "a", None, 1.5],
            "organization": ["x", None, "y", "y"],
            "vc_values": [1, 2, 3, 4],
            "vc_valuez": [1, 2, 3, 4],
            " team": ["t", "t", "t", "t"],
            "role": ["m", ["e"], "e", "e"],
        }
    )
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, RUBRIC)
    assert _codes(caught.value) == [
        ("unknown_column", ("columns", "vc_valuez")),
        ("bad_column_name", ("columns", " team")),
    ]
    del frame["vc_valuez"], frame[" team"]
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, RUBRIC)
    assert _codes(caught.value) == [
        ("duplicate_id", ("frame", 1, "respondent_id")),
        ("blank_organization", ("frame", 1, "organization")),
        ("wrong_type", ("frame", 1, "role")),
        ("blank_id", ("frame", 2, "respondent_id")),
        ("wrong_type", ("frame", 3, "respondent_id")),
    ]


def test_whole_frame_problems() -> None:
    frame = pd.DataFrame({"respondent": ["a"], "team": ["t"]})
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, RUBRIC)
    assert _codes(caught.value) == [
        ("missing_column", ("frame",)),
        ("no_indicators", ("frame",)),
    ]
    assert "did you mean 'respondent'" in str(caught.value)
    no_columns = pd.DataFrame(index=range(3))
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(no_columns, RUBRIC)
    assert [code for code, _ in _codes(caught.value)] == ["missing_column", "no_indicators"]
    empty = pd.DataFrame({"respondent_id": [], "vc_values": []})
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(empty, RUBRIC)
    assert _codes(caught.value) == [("no_respondents", ("frame",))]
    duplicated = pd.DataFrame([["a", 1, 2, 3]], columns=["respondent_id", "vc_values", 7, 7])
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(duplicated, RUBRIC)
    assert _codes(caught.value) == [
        ("bad_column_name", ("columns", "7")),
        ("bad_column_name", ("columns", "7")),
    ]
    twice = pd.DataFrame([["a", 1, 2]], columns=["respondent_id", "vc_values", "vc_values"])
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(twice, RUBRIC)
    assert _codes(caught.value) == [("duplicate_column", ("columns", "vc_values"))]


def test_bad_arguments() -> None:
    frame = pd.DataFrame({"respondent_id": ["a"], "vc_values": [1]})
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, RUBRIC, na_token="4", id_column="vc_values")
    assert [p.location for p in caught.value.problems] == [("id_column",), ("na_token",)]
    no_org = lm.responses_from_frame(frame, RUBRIC, organization_column=None)
    assert no_org.organizations == (NO_ORGANIZATION,)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([{"respondent_id": "a"}], "pass the records to responses_from_records"),
        ("survey.csv", "load a CSV file with lm.read_responses"),
        ({"respondent_id": ["a"]}, "got dict"),
    ],
)
def test_not_a_frame_is_a_type_error(value: object, expected: str) -> None:
    with pytest.raises(TypeError, match="expected a pandas or polars DataFrame") as caught:
        lm.responses_from_frame(value, RUBRIC)
    assert expected in str(caught.value)


def test_not_a_rubric_is_a_type_error() -> None:
    frame = pd.DataFrame({"respondent_id": ["a"], "vc_values": [1]})
    with pytest.raises(TypeError, match=r"lomaturity\.Rubric"):
        lm.responses_from_frame(frame, "learning-organization")  # type: ignore[arg-type]


_CELL = st.one_of(
    st.integers(1, 5),
    st.integers(1, 5).map(float),
    st.integers(1, 5).map(str),
    st.just("NA"),
    st.none(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_CELL, _CELL), min_size=1, max_size=12))
def test_frame_reads_like_records(rows: list[tuple[object, object]]) -> None:
    """A frame and the same rows as records give equal responses."""
    records = [
        {"respondent_id": f"r{i}", "vc_values": a, "vc_vision": b} for i, (a, b) in enumerate(rows)
    ]
    from_records = lm.responses_from_records(records, RUBRIC)
    frame = pd.DataFrame(records, dtype=object)
    from_frame = lm.responses_from_frame(frame, RUBRIC)
    assert from_frame.equals(from_records)
    has_na = from_records.not_applicable.any()
    missing = [
        iid for c, iid in enumerate(("vc_values", "vc_vision")) if any(r[c] is None for r in rows)
    ]
    assert from_frame.na_maybe_lost == (() if has_na else tuple(missing))


def test_a_lone_surrogate_in_text_is_refused() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    frame = lm.example_responses("learning-organization@1.0.0").for_organization("quanta-software")
    # object columns: pandas's string dtype (pyarrow-backed when pyarrow is installed, as in
    # the test extra) refuses the surrogate itself, before lomaturity sees it
    table = pd.read_csv(
        io.StringIO(lm.responses_to_csv_text(frame)), keep_default_na=False, dtype=object
    )
    table.loc[0, "team"] = "bad\ud800x"
    with pytest.raises(lm.ResponsesError, match="lone surrogate"):
        lm.responses_from_frame(table, rubric)
