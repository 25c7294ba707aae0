"""Reading and validating survey responses: CSV files, records and arrays."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterator, Mapping
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lomaturity import (
    NA,
    LomaturityError,
    Problem,
    Responses,
    ResponsesError,
    Rubric,
    example_responses,
    load_rubric,
    read_responses,
    read_rubric_bytes,
    responses_from_array,
    responses_from_records,
    responses_to_csv_text,
)
from lomaturity._format import UNSAFE as _UNSAFE
from lomaturity._survey.csvfile import _parse_csv_text, parse_csv_bytes
from lomaturity.exceptions import MAX_PROBLEMS
from lomaturity.responses import NO_ORGANIZATION

RUBRIC_YAML = """\
format: 1
id: survey-test
version: "1.0.0"
title: Survey test rubric
description: Two dimensions, five indicators, used by the responses tests.
language: en
scales:
  - id: agree
    min: 1
    max: 5
    allow_na: true
  - id: ten
    min: 0
    max: 10
dimensions:
  - id: vc
    name: Vision and culture
    description: Shared values and vision.
  - id: ol
    name: Organizational learning
    description: Learning together.
indicators:
  - id: vc_values
    dimension: vc
    statement: We share values.
    scale: agree
  - id: vc_vision
    dimension: vc
    statement: Nobody knows where we are going.
    scale: agree
    reverse: true
  - id: vc_budget
    dimension: vc
    statement: My team has a training budget.
    scale: agree
    allow_na: false
  - id: ol_sharing
    dimension: ol
    statement: We share what we learn.
    scale: agree
  - id: ol_rating
    dimension: ol
    statement: How well does your team learn, from 0 to 10?
    scale: ten
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

IDS = ("vc_values", "vc_vision", "vc_budget", "ol_sharing", "ol_rating")
HEADER = "respondent_id,organization,team,role," + ",".join(IDS)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return read_rubric_bytes(RUBRIC_YAML)


RUBRIC = read_rubric_bytes(RUBRIC_YAML)  # for hypothesis tests, which cannot take fixtures


def write(tmp_path: Path, text: str, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def csv_error(tmp_path: Path, rubric: Rubric, text: str, **kwargs: object) -> ResponsesError:
    path = write(tmp_path, text)
    with pytest.raises(ResponsesError) as info:
        read_responses(path, rubric, **kwargs)  # type: ignore[arg-type]
    return info.value


def only(error: ResponsesError) -> Problem:
    assert len(error.problems) == 1, str(error)
    return error.problems[0]


def nan_equal(a: object, b: object) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True))


nan = math.nan


# --------------------------------------------------------------------------- CSV: success


def test_read_reorders_columns_to_rubric_order(tmp_path: Path, rubric: Rubric) -> None:
    text = (
        "ol_rating,respondent_id,vc_vision,team,vc_values,organization\n"
        "10,r1,2,Sales,5,Acme\n"
        "0,r2,,,1,Beta\n"
    )
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.indicator_ids == IDS
    # vc_budget and ol_sharing have no column: no answers at all.
    assert nan_equal(responses.values, [[5, 2, nan, nan, 10], [1, nan, nan, nan, 0]])
    assert not responses.not_applicable.any()
    assert responses.respondent_ids == ("r1", "r2")
    assert responses.organizations == ("Acme", "Beta")
    assert responses.metadata == {"team": ("Sales", None)}
    assert responses.rubric_key == "survey-test@1.0.0"
    assert responses.source == str(tmp_path / "survey.csv")


def test_read_metadata_columns_and_whitespace(tmp_path: Path, rubric: Rubric) -> None:
    text = (
        f"{HEADER},site,tenure years\n"
        " r1 , Acme , Sales ,manager, 4 ,3,2,1,7, Oslo ,3\n"
        "r2,Acme,,employee,4.0,,5,,10,,\n"
    )
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.respondent_ids == ("r1", "r2")
    assert responses.organizations == ("Acme", "Acme")
    assert responses.teams == ("Sales", None)
    assert responses.roles == ("manager", "employee")
    assert responses.metadata["site"] == ("Oslo", None)
    assert responses.metadata["tenure years"] == ("3", None)
    assert list(responses.metadata) == ["team", "role", "site", "tenure years"]
    assert nan_equal(responses.values, [[4, 3, 2, 1, 7], [4, nan, 5, nan, 10]])


def test_read_not_applicable_tokens(tmp_path: Path, rubric: Rubric) -> None:
    text = f"{HEADER}\nr1,A,,,NA,na,1, N/A ,\nr2,A,,,n/a,,2,,\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.not_applicable.tolist() == [
        [True, True, False, True, False],
        [True, False, False, False, False],
    ]
    # not applicable is not an answer: values are NaN there, and blank is not NA
    assert nan_equal(responses.values, [[nan, nan, 1, nan, nan], [nan, nan, 2, nan, nan]])
    assert responses.answered.sum() == 2


def test_read_custom_na_token(tmp_path: Path, rubric: Rubric) -> None:
    text = f"{HEADER}\nr1,A,,,-,NA,1,,\n"
    responses = read_responses(write(tmp_path, text), rubric, na_token="-")
    assert responses.not_applicable[0].tolist() == [True, True, False, False, False]


def test_read_utf8_bom(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\nr1,Caf\u00e9,,,1,2,3,4,5\n".encode())
    responses = read_responses(path, rubric)
    # the BOM must not end up in the first column name (which would lose the id column)
    assert responses.respondent_ids == ("r1",)
    assert responses.organizations == ("Caf\u00e9",)


def test_read_semicolon_delimiter_and_decimal_comma(tmp_path: Path, rubric: Rubric) -> None:
    text = HEADER.replace(",", ";") + "\nr1;Acme, Inc.;;;4,0;3;;NA;10\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.organizations == ("Acme, Inc.",)
    assert nan_equal(responses.values, [[4, 3, nan, nan, 10]])
    assert responses.not_applicable[0].tolist() == [False, False, False, True, False]


def test_read_semicolon_na_on_budget_is_reported(tmp_path: Path, rubric: Rubric) -> None:
    text = HEADER.replace(",", ";") + "\nr1;Acme;;;4;3;NA;;10\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "row 2, column 'vc_budget'"


def test_read_tab_delimiter_crlf_and_blank_lines(tmp_path: Path, rubric: Rubric) -> None:
    text = "\r\n" + HEADER.replace(",", "\t") + "\r\n\r\nr1\tA\t\t\t1\t2\t3\t4\t5\r\n\t\t\t\r\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.respondent_ids == ("r1",)
    assert nan_equal(responses.values, [[1, 2, 3, 4, 5]])


def test_read_without_organization_column(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values\nr1,3\nr2,4\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.organizations == (NO_ORGANIZATION, NO_ORGANIZATION)
    assert responses.organization_ids == (NO_ORGANIZATION,)
    assert responses.metadata == {}


def test_read_organization_column_none_keeps_it_as_metadata(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,organization,vc_values\nr1,,3\n"
    responses = read_responses(write(tmp_path, text), rubric, organization_column=None)
    assert responses.organizations == (NO_ORGANIZATION,)
    assert responses.metadata == {"organization": (None,)}


def test_read_custom_id_and_organization_columns(tmp_path: Path, rubric: Rubric) -> None:
    text = "person,company,vc_values\np1,Acme,3\n"
    responses = read_responses(
        write(tmp_path, text), rubric, id_column="person", organization_column="company"
    )
    assert responses.respondent_ids == ("p1",)
    assert responses.organizations == ("Acme",)


def test_read_quoted_multiline_cell_keeps_line_numbers(tmp_path: Path, rubric: Rubric) -> None:
    text = 'respondent_id,team,vc_values\nr1,"Sales\nand marketing",0\nr2,B,9\n'
    error = csv_error(tmp_path, rubric, text)
    # r1 starts on line 2 and spans lines 2-3; r2 starts on line 4
    assert [p.path for p in error.problems] == [
        "row 2, column 'vc_values'",
        "row 4, column 'vc_values'",
    ]
    assert [p.line for p in error.problems] == [2, 4]


def test_read_unknown_column_far_from_indicators_is_metadata(
    tmp_path: Path, rubric: Rubric
) -> None:
    text = "respondent_id,department,vc_values\nr1,HR,3\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.metadata == {"department": ("HR",)}


def test_read_blank_named_empty_column_is_ignored(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values,\nr1,3,\nr2,4,\n"
    responses = read_responses(write(tmp_path, text), rubric)
    assert responses.metadata == {}
    assert responses.n_respondents == 2


def test_read_accepts_str_and_pathlike(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, "respondent_id,vc_values\nr1,3\n")
    assert read_responses(str(path), rubric).equals(read_responses(path, rubric))


def test_result_is_read_only(tmp_path: Path, rubric: Rubric) -> None:
    responses = read_responses(write(tmp_path, "respondent_id,vc_values\nr1,3\n"), rubric)
    with pytest.raises(ValueError, match="read-only"):
        responses.values[0, 0] = 1.0


# --------------------------------------------------------------------------- CSV: errors


def test_error_file_not_found(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "nope.csv"
    with pytest.raises(ResponsesError) as info:
        read_responses(path, rubric)
    assert "does not exist" in str(info.value)
    assert str(path) in str(info.value)
    assert info.value.source == str(path)
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_error_directory(tmp_path: Path, rubric: Rubric) -> None:
    with pytest.raises(ResponsesError, match="is a directory"):
        read_responses(tmp_path, rubric)


def test_error_not_utf8(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\nr1,A,,,1,2,3,4,5\nr2,Caf\u00e9,,,1,2,3,4,5\n".encode("latin-1"))
    with pytest.raises(ResponsesError) as info:
        read_responses(path, rubric)
    problem = only(info.value)
    assert problem.path == "the line"  # the line number is in .line and .location
    assert problem.line == 3
    assert problem.file == str(path)
    assert "not valid UTF-8" in problem.message
    assert problem.hint is not None
    assert "UTF-8" in problem.hint


def test_error_utf16(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(f"{HEADER}\nr1,A,,,1,2,3,4,5\n".encode("utf-16"))
    with pytest.raises(ResponsesError, match="UTF-16"):
        read_responses(path, rubric)


@pytest.mark.parametrize("text", ["", "\n\n", "  \r\n"])
def test_error_empty_file(tmp_path: Path, rubric: Rubric, text: str) -> None:
    problem = only(csv_error(tmp_path, rubric, text))
    assert "is empty" in problem.message
    assert problem.file == str(tmp_path / "survey.csv")


def test_error_header_only(tmp_path: Path, rubric: Rubric) -> None:
    problem = only(csv_error(tmp_path, rubric, HEADER + "\n"))
    assert "no respondent rows" in problem.message


def test_error_missing_id_column_with_hint(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent,vc_values\nr1,3\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.line == 1
    assert "'respondent_id'" in problem.message
    assert problem.hint is not None
    assert "'respondent'" in problem.hint
    assert "id_column='respondent'" in problem.hint


def test_error_no_indicator_columns(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,team\nr1,A\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert "none of the 5 indicator columns" in problem.message
    assert "survey-test@1.0.0" in problem.message


@pytest.mark.parametrize(
    ("column", "suggestion"),
    [("vc_valus", "vc_values"), ("VC_VALUES", "vc_values"), ("ol_ratings", "ol_rating")],
)
def test_error_misspelt_indicator_column(
    tmp_path: Path, rubric: Rubric, column: str, suggestion: str
) -> None:
    text = f"respondent_id,vc_vision,{column}\nr1,3,4\n"
    error = csv_error(tmp_path, rubric, text)
    problem = only(error)
    assert problem.path == f"column {column!r}"
    assert "matches no indicator" in problem.message
    assert problem.hint is not None
    assert repr(suggestion) in problem.hint
    assert f"survey.csv:1: column {column!r}" in str(error)


def test_error_misspelt_organization_column(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,organisation,vc_values\nr1,Acme,3\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "column 'organisation'"
    assert problem.hint is not None
    assert "'organization'" in problem.hint


def test_error_duplicate_column(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values,team,vc_values\nr1,3,A,4\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "column 'vc_values'"
    assert "columns 2 and 4" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(("row", "cells"), [("r1,3,4,5", 4), ("r1", 1)])
def test_error_row_length(tmp_path: Path, rubric: Rubric, row: str, cells: int) -> None:
    text = f"respondent_id,vc_values,vc_vision\nr0,1,1\n{row}\nr2,1,1\n"
    error = csv_error(tmp_path, rubric, text)
    problem = only(error)
    assert problem.path == "row 3"
    assert f"has {cells} cells; the header has 3" in problem.message
    assert "survey.csv:3: row 3" in str(error)


def test_error_blank_id(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values\nr1,3\n  ,4\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "row 3, column 'respondent_id'"
    assert "is blank" in problem.message


def test_error_duplicate_ids_names_both_rows(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values\nr1,3\nr2,3\nr1,4\n"
    error = csv_error(tmp_path, rubric, text)
    problem = only(error)
    assert problem.path == "row 4, column 'respondent_id'"
    assert problem.value == "r1"
    assert "row 2" in problem.message
    assert "survey.csv:4: row 4, column 'respondent_id': 'r1' duplicates the id in row 2" in str(
        error
    )


def test_error_blank_organization(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,organization,vc_values\nr1,Acme,3\nr2,,3\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "row 3, column 'organization'"


def test_error_blank_named_column_with_values(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values,\nr1,3,x\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "column 3"
    assert "no name" in problem.message


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "is not a number"),
        ("4.5", "is not a point on the 1..5 scale"),
        ("6", "is outside the 1..5 scale"),
        ("0", "is outside the 1..5 scale"),
        ("-1", "is outside the 1..5 scale"),
        ("nan", "is not a finite number"),
        ("inf", "is not a finite number"),
        ("-Infinity", "is not a finite number"),
        ("1e400", "is outside the 1..5 scale"),  # a finite numeral, too large for a float
        pytest.param("9" * 400, "is outside the 1..5 scale", id="400-nines"),
        ("4,0", "is not a number"),  # decimal comma only in ';' and tab files
        ("1_0", "is not a number"),
        ("yes", "is not a number"),
    ],
)
def test_error_bad_cell(tmp_path: Path, rubric: Rubric, cell: str, message: str) -> None:
    text = f'respondent_id,team,vc_vision,vc_values\nr1,A,3,3\nr2,B,"{cell}",3\n'
    error = csv_error(tmp_path, rubric, text)
    problem = only(error)
    assert problem.path == "row 3, column 'vc_vision'"
    assert problem.value == cell
    assert problem.line == 3
    assert problem.file == str(tmp_path / "survey.csv")
    assert message in problem.message
    shown = repr(cell) if len(repr(cell)) <= 60 else repr(cell)[:57] + "..."
    assert f"survey.csv:3: row 3, column 'vc_vision': {shown} {message}" in str(error)


def test_error_bad_cell_uses_each_indicators_scale(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,ol_rating,vc_values\nr1,10,10\nr2,0,0\n"
    error = csv_error(tmp_path, rubric, text)
    assert [p.path for p in error.problems] == [
        "row 2, column 'vc_values'",
        "row 3, column 'vc_values'",
    ]


def test_error_na_not_allowed(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_budget,vc_values\nr1,NA,NA\n"
    error = csv_error(tmp_path, rubric, text)
    problem = only(error)
    assert problem.path == "row 2, column 'vc_budget'"
    assert problem.value == "NA"
    assert "not accepted by indicator 'vc_budget'" in problem.message
    assert problem.hint is not None
    assert "blank" in problem.hint


def test_error_na_on_scale_without_na(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,ol_rating\nr1,N/A\n"
    assert only(csv_error(tmp_path, rubric, text)).path == "row 2, column 'ol_rating'"


def test_all_problems_reported_together_in_file_order(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_valus,vc_vision,vc_values\nr1,1,9,x\nr1,1,3\nr2,1,2.5,NA\n,1,1,1\n"
    error = csv_error(tmp_path, rubric, text)
    assert [p.path for p in error.problems] == [
        "column 'vc_valus'",
        "row 2, column 'vc_vision'",
        "row 2, column 'vc_values'",
        "row 3",
        "row 4, column 'vc_vision'",
        "row 5, column 'respondent_id'",
    ]
    assert all(p.file == str(tmp_path / "survey.csv") for p in error.problems)
    assert str(error).startswith(f"invalid responses {tmp_path / 'survey.csv'}: 6 problems")


def test_error_is_capped(tmp_path: Path, rubric: Rubric) -> None:
    rows = "".join(f"r{i},9,9\n" for i in range(100))
    error = csv_error(tmp_path, rubric, "respondent_id,vc_values,vc_vision\n" + rows)
    assert len(error.problems) == MAX_PROBLEMS
    assert error.total == 200
    assert error.truncated
    assert error.problems[0].path == "row 2, column 'vc_values'"
    assert error.problems[1].path == "row 2, column 'vc_vision'"
    assert error.problems[-1].path == "row 26, column 'vc_vision'"
    assert all(p.code == "not_on_scale" for p in error.problems)
    assert str(error).splitlines()[0].endswith(f"200 problems (first {MAX_PROBLEMS} shown)")


def test_error_cap_counts_row_problems_too(tmp_path: Path, rubric: Rubric) -> None:
    rows = "".join(f",{i % 5 + 1}\n" for i in range(60))  # 60 blank ids
    error = csv_error(tmp_path, rubric, "respondent_id,vc_values\n" + rows)
    assert (len(error.problems), error.total, error.truncated) == (MAX_PROBLEMS, 60, True)
    assert {p.code for p in error.problems} == {"blank_id"}
    assert "60 problems (first 50 shown)" in str(error)


def test_error_types(tmp_path: Path, rubric: Rubric) -> None:
    error = csv_error(tmp_path, rubric, "respondent_id,vc_values\nr1,7\n")
    assert isinstance(error, LomaturityError)
    assert isinstance(error, ValueError)


def test_error_csv_field_too_large(tmp_path: Path, rubric: Rubric) -> None:
    text = "respondent_id,vc_values,team\nr1,3,A\nr2,3," + "x" * 200_000 + "\n"
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "row 3"
    assert problem.line == 3
    assert f"has a cell longer than {csv.field_size_limit()} characters" in problem.message


def test_error_csv_field_too_large_in_first_row_is_one_problem(
    tmp_path: Path, rubric: Rubric
) -> None:
    """Not "has a header but no respondent rows" plus a csv module error."""
    limit = csv.field_size_limit()
    # the usual cause: a quote without its closing quote swallows the rest of the file
    text = 'respondent_id,vc_values\n"r1,3\n' + "r2,4\n" * 30_000
    problem = only(csv_error(tmp_path, rubric, text))
    assert problem.path == "row 2"
    assert problem.line == 2
    assert problem.message.startswith(f"has a cell longer than {limit} characters")
    assert problem.hint is not None
    assert "quote" in problem.hint
    assert csv.field_size_limit() == limit  # the global limit is left alone


def test_error_pipe_delimited_file(tmp_path: Path, rubric: Rubric) -> None:
    error = csv_error(tmp_path, rubric, "respondent_id|vc_values|vc_vision\nr1|3|4\n")
    problem = only(error)
    assert problem.path == "header"
    assert problem.line == 1
    assert "'|'" in problem.message
    assert "not supported" in problem.message
    assert problem.hint is not None
    assert "comma, semicolon or tab" in problem.hint
    assert "id_column" not in str(error)  # no misleading "did you mean" hint


def test_one_column_header_with_spaces_is_not_called_a_delimiter(
    tmp_path: Path, rubric: Rubric
) -> None:
    problems = csv_error(tmp_path, rubric, "my answers\n3\n").problems
    assert all("delimiter" not in p.message for p in problems)
    problem = only(csv_error(tmp_path, rubric, "respondent_id vc_values\nr1 3\n"))
    assert "space as delimiter" in problem.message


def test_error_utf16_without_bom(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes(f"{HEADER}\nr1,A,,,1,2,3,4,5\n".encode("utf-16-le"))
    with pytest.raises(ResponsesError) as info:
        read_responses(path, rubric)
    problem = only(info.value)
    assert problem.path == "file"
    assert "UTF-16" in problem.message
    assert "only UTF-8" in problem.message
    assert "did you mean" not in str(info.value)


def test_error_nul_character(tmp_path: Path, rubric: Rubric) -> None:
    problem = only(csv_error(tmp_path, rubric, "respondent_id,vc_values\nr1,3\nr\x002,4\n"))
    assert problem.path == "the line"  # the line number is in .line and .location
    assert problem.line == 3
    assert "NUL" in problem.message
    with pytest.raises(ResponsesError, match="UTF-16"):
        _parse_csv_text("respondent_id,vc_values\nr1,3\n".replace("", "\x00"), rubric, "x.csv")


@pytest.mark.parametrize("argument", ["id_column", "organization_column"])
def test_error_column_argument_names_an_indicator(
    tmp_path: Path, rubric: Rubric, argument: str
) -> None:
    text = "respondent_id,vc_values,vc_vision\nr1,3,4\nr2,4,4\n"
    error = csv_error(tmp_path, rubric, text, **{argument: "vc_values"})
    problem = only(error)
    assert problem.path == argument
    assert problem.value == "vc_values"
    assert "indicator id" in problem.message
    with pytest.raises(ResponsesError) as info:
        responses_from_records(
            [{"respondent_id": "r1", "vc_values": 3, "vc_vision": 4}],
            rubric,
            **{argument: "vc_values"},
        )
    assert only(info.value).path == argument


@pytest.mark.parametrize("token", ["4", " 3 ", "4.0", "-1", "1e0", "4,0", "1_0", "\uff13"])
def test_error_numeric_na_token(tmp_path: Path, rubric: Rubric, token: str) -> None:
    text = "respondent_id,ol_sharing\nr1,4\nr2,3\n"
    problem = only(csv_error(tmp_path, rubric, text, na_token=token))
    assert problem.path == "na_token"
    assert problem.value == token
    assert "is a number" in problem.message


def test_misspelt_organization_column_hint_is_punctuated(tmp_path: Path, rubric: Rubric) -> None:
    problem = only(csv_error(tmp_path, rubric, "respondent_id,Organization,vc_values\nr1,A,3\n"))
    assert problem.hint == (
        "did you mean 'organization'? names are case-sensitive; "
        "rename the column or pass organization_column='Organization'"
    )


def test_error_blank_na_token(tmp_path: Path, rubric: Rubric) -> None:
    error = csv_error(tmp_path, rubric, "respondent_id,vc_values\nr1,3\n", na_token=" ")
    assert only(error).path == "na_token"


def test_parse_csv_text_core(rubric: Rubric) -> None:
    responses = _parse_csv_text("respondent_id,vc_values\nr1,3\n", rubric, "inline.csv")
    assert responses.source == "inline.csv"
    with pytest.raises(ResponsesError) as info:
        _parse_csv_text("respondent_id,vc_values\nr1,8\n", rubric, "inline.csv")
    assert only(info.value).file == "inline.csv"


# --------------------------------------------------------------------------- records


def test_records_success(rubric: Rubric) -> None:
    records: list[Mapping[str, object]] = [
        {
            "respondent_id": "a",
            "organization": "Acme",
            "vc_values": 3,
            "vc_vision": 4.0,
            "vc_budget": "2",
            "ol_sharing": NA,
            "ol_rating": np.int64(10),
            "team": "T",
        },
        {"respondent_id": 7, "organization": "Beta", "vc_values": None, "ol_sharing": "n/a"},
        {"respondent_id": "c", "organization": "Beta", "vc_values": float("nan"), "role": 5},
    ]
    responses = responses_from_records(iter(records), rubric)
    assert responses.respondent_ids == ("a", "7", "c")
    assert responses.organizations == ("Acme", "Beta", "Beta")
    assert nan_equal(
        responses.values,
        [[3, 4, 2, nan, 10], [nan, nan, nan, nan, nan], [nan, nan, nan, nan, nan]],
    )
    assert responses.not_applicable[:, 3].tolist() == [True, True, False]
    assert responses.metadata == {"team": ("T", None, None), "role": (None, None, "5")}
    assert responses.source is None
    assert responses.rubric_key == rubric.key


def test_records_without_organization(rubric: Rubric) -> None:
    responses = responses_from_records([{"respondent_id": "a", "vc_values": 1}], rubric)
    assert responses.organizations == (NO_ORGANIZATION,)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "is a boolean, not a number"),
        ([3], "is a list, not a number"),
        ("x", "is not a number"),
        (3.5, "is not a point on the 1..5 scale"),
        (9, "is outside the 1..5 scale"),
        (math.inf, "is not a finite number"),
        ("nan", "is not a finite number"),
    ],
)
def test_records_bad_value(rubric: Rubric, value: object, message: str) -> None:
    records = [{"respondent_id": f"r{i}", "vc_values": 1} for i in range(3)]
    records.append({"respondent_id": "r3", "vc_values": 1, "vc_vision": value})
    with pytest.raises(ResponsesError) as info:
        responses_from_records(records, rubric)
    problem = only(info.value)
    assert problem.path == "records[3].vc_vision"
    assert problem.value == value
    assert message in problem.message
    assert problem.file is None


@pytest.mark.parametrize(
    "value",
    [10**400, -(10**400), Fraction(10**400, 3), 10**5000],
    ids=["1e400", "-1e400", "fraction", "past-str-limit"],
)
def test_records_number_too_large_for_a_float(rubric: Rubric, value: object) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_records([{"respondent_id": "a", "vc_values": value}], rubric)
    problem = only(info.value)
    assert problem.path == "records[0].vc_values"
    assert problem.message == "is outside the 1..5 scale"
    rendered = str(info.value)  # the value is shown abbreviated, even past int's str limit
    assert len(rendered) < 400
    assert "..." in rendered or "digits>" in rendered


def test_huge_scale_bounds_do_not_crash() -> None:
    import attrs

    scale = attrs.evolve(RUBRIC.scales[1], min=-(10**5000), max=10**400)
    huge = attrs.evolve(RUBRIC, scales=(RUBRIC.scales[0], scale))
    responses = responses_from_records(
        [{"respondent_id": "a", "ol_rating": 7}, {"respondent_id": "b", "ol_rating": 10**300}],
        huge,
    )
    assert responses.values[0, 4] == 7
    with pytest.raises(ResponsesError) as info:
        responses_from_records([{"respondent_id": "a", "ol_rating": 10**500}], huge)
    assert "is outside the <-integer of about" in only(info.value).message


def test_records_organization_none_everywhere_means_no_organizations(rubric: Rubric) -> None:
    records: list[Mapping[str, object]] = [
        {"respondent_id": "a", "organization": None, "vc_values": 1},
        {"respondent_id": "b", "vc_values": 2},
    ]
    responses = responses_from_records(records, rubric)
    assert responses.organizations == (NO_ORGANIZATION, NO_ORGANIZATION)
    assert responses.metadata == {}


def test_records_organization_messages(rubric: Rubric) -> None:
    records: list[Mapping[str, object]] = [
        {"respondent_id": "a", "organization": "Acme", "vc_values": 1},
        {"respondent_id": "b", "organization": None, "vc_values": 2},
        {"respondent_id": "c", "organization": " ", "vc_values": 2},
    ]
    with pytest.raises(ResponsesError) as info:
        responses_from_records(records, rubric)
    assert [p.message for p in info.value.problems] == [
        "is missing; every respondent needs an organization when any record has one",
        "is blank; every respondent needs an organization",
    ]
    with pytest.raises(ResponsesError) as info:
        responses_from_records([{"respondent_id": "a", "organization": "", "vc_values": 1}], rubric)
    assert "when any" not in only(info.value).message


@pytest.mark.parametrize(
    ("key", "fragment"), [("", "blank name"), (" team", "surrounding whitespace")]
)
def test_records_bad_metadata_field_name(rubric: Rubric, key: str, fragment: str) -> None:
    records: list[Mapping[str, object]] = [
        {"respondent_id": "a", "vc_values": 1},
        {"respondent_id": "b", key: "x"},
    ]
    with pytest.raises(ResponsesError) as info:
        responses_from_records(records, rubric)
    problem = only(info.value)
    assert problem.path == f"records[1][{key!r}]"
    assert fragment in problem.message


def test_records_na_not_allowed(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_records([{"respondent_id": "a", "vc_budget": "NA"}], rubric)
    assert only(info.value).path == "records[0].vc_budget"


def test_records_structure_errors(rubric: Rubric) -> None:
    records: list[object] = [
        {"respondent_id": "a", "vc_valus": 1, "vc_values": 1},
        ["not", "a", "mapping"],
        {"respondent_id": "a", "vc_values": 2},
        {"vc_values": 2},
        {"respondent_id": "  ", "vc_values": 2},
        {"respondent_id": 1.5, "vc_values": 2},
    ]
    with pytest.raises(ResponsesError) as info:
        responses_from_records(records, rubric)  # type: ignore[arg-type]
    messages = [(p.path, p.message) for p in info.value.problems]
    assert messages == [
        ("records[0].vc_valus", "matches no indicator of rubric survey-test@1.0.0"),
        ("records[1]", "is a list, not a mapping"),
        ("records[2].respondent_id", "duplicates the id of records[0]"),
        ("records[3].respondent_id", "is missing; every respondent needs an id"),
        ("records[4].respondent_id", "is blank; every respondent needs an id"),
        ("records[5].respondent_id", "is a number, not text"),
    ]


def test_records_missing_id_field_with_hint(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_records([{"respondent": "a", "vc_values": 1}], rubric)
    problem = only(info.value)
    assert "'respondent_id'" in problem.message
    assert problem.hint is not None
    assert "'respondent'" in problem.hint


def test_records_empty(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError, match="no respondents"):
        responses_from_records([], rubric)


def test_records_no_indicator_fields(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError, match="none of the 5 indicator fields"):
        responses_from_records([{"respondent_id": "a"}], rubric)


# --------------------------------------------------------------------------- arrays


def test_array_defaults(rubric: Rubric) -> None:
    values = np.array([[1, 2, 3, 4, 5], [nan, 5, 1, nan, 0]])
    responses = responses_from_array(values, rubric)
    assert responses.respondent_ids == ("r0001", "r0002")
    assert responses.organizations == (NO_ORGANIZATION,) * 2
    assert nan_equal(responses.values, values)
    assert not responses.not_applicable.any()
    assert responses.metadata == {}


def test_array_default_ids_widen(rubric: Rubric) -> None:
    responses = responses_from_array(np.ones((12345, 5)), rubric)
    assert responses.respondent_ids[0] == "r00001"
    assert responses.respondent_ids[-1] == "r12345"


def test_array_reorders_columns_and_na_mask(rubric: Rubric) -> None:
    values: list[list[float]] = [[10, nan], [0, 2]]
    mask = np.array([[False, True], [False, False]])
    responses = responses_from_array(
        values,
        rubric,
        indicator_ids=["ol_rating", "vc_vision"],
        not_applicable=mask,
        respondent_ids=["a", "b"],
        organizations=["X", "Y"],
        metadata={"team": ["t", None]},
    )
    assert nan_equal(responses.values, [[nan, nan, nan, nan, 10], [nan, 2, nan, nan, 0]])
    assert responses.not_applicable.tolist() == [
        [False, True, False, False, False],
        [False, False, False, False, False],
    ]
    assert responses.respondent_ids == ("a", "b")
    assert responses.organizations == ("X", "Y")
    assert responses.teams == ("t", None)


def test_array_does_not_alias_input(rubric: Rubric) -> None:
    values = np.ones((2, 5))
    responses = responses_from_array(values, rubric)
    values[0, 0] = 99
    assert responses.values[0, 0] == 1


def test_array_bad_cells(rubric: Rubric) -> None:
    values = np.array([[1, 2, 3, 4, 5], [1, 2.5, 9, 4, np.inf], [1, 2, nan, 4, 5]])
    mask = np.zeros(values.shape, dtype=bool)
    mask[2, 2] = True  # vc_budget does not allow NA
    mask[2, 0] = True  # NA but has a value
    with pytest.raises(ResponsesError) as info:
        responses_from_array(values, rubric, not_applicable=mask)
    assert [(p.path, p.value) for p in info.value.problems] == [
        ("values[1, 1] (vc_vision)", 2.5),
        ("values[1, 2] (vc_budget)", 9.0),
        ("values[1, 4] (ol_rating)", math.inf),
        ("values[2, 0] (vc_values)", 1.0),
        ("values[2, 2] (vc_budget)", NA),
    ]
    messages = [p.message for p in info.value.problems]
    assert messages[0] == "is not a point on the 1..5 scale"
    assert messages[1] == "is outside the 1..5 scale"
    assert messages[3] == "has a value but is marked not applicable"
    assert "not accepted" in messages[4]


def test_array_paths_use_input_columns(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_array([[11.0, 1.0]], rubric, indicator_ids=["ol_rating", "vc_values"])
    assert only(info.value).path == "values[0, 0] (ol_rating)"


def test_array_many_bad_cells_are_capped(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_array(np.full((100_000, 5), 7.5), rubric)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS
    assert info.value.total == 500_000
    assert info.value.truncated
    assert problems[0].path == "values[0, 0] (vc_values)"
    assert problems[5].path == "values[1, 0] (vc_values)"
    assert problems[5].location == ("values", 1, 0)


@pytest.mark.parametrize(
    ("kwargs", "path", "fragment"),
    [
        ({"values": np.ones((2, 4))}, "values", "has 4 columns but there are 5"),
        ({"values": np.ones(5)}, "values", "has 1 dimensions"),
        ({"values": np.ones((0, 5))}, "values", "no respondents"),
        ({"values": np.ones((2, 5), dtype=bool)}, "values", "booleans"),
        ({"values": np.full((2, 5), "3")}, "values", "not an array of real numbers"),
        ({"values": [[1, 2], [3]]}, "values", "cannot be read as an array"),
        ({"not_applicable": np.zeros((2, 4), bool)}, "not_applicable", "has shape"),
        ({"not_applicable": np.zeros((2, 5))}, "not_applicable", "not bool"),
        ({"respondent_ids": ["a"]}, "respondent_ids", "has 1 entries for 2 rows"),
        ({"respondent_ids": ["a", "a"]}, "respondent_ids[1]", "duplicates respondent_ids[0]"),
        ({"respondent_ids": ["a", ""]}, "respondent_ids[1]", "is blank"),
        ({"organizations": ["X", 3]}, "organizations[1]", "not text"),
        ({"metadata": {"team": ["a"]}}, "metadata['team']", "has 1 entries"),
        ({"metadata": {"vc_values": ["a", "b"]}}, "metadata['vc_values']", "indicator id"),
        ({"metadata": {"vc_valus": ["a", "b"]}}, "metadata['vc_valus']", "close to the indicator"),
        ({"metadata": {"VC_VALUES": ["a", "b"]}}, "metadata['VC_VALUES']", "close to the"),
        ({"metadata": {"": ["a", "b"]}}, "metadata['']", "blank name"),
        ({"metadata": {" team": ["a", "b"]}}, "metadata[' team']", "surrounding whitespace"),
        ({"metadata": {"respondent_id": ["a", "b"]}}, "metadata['respondent_id']", "id column"),
        ({"metadata": {"organization": ["a", "b"]}}, "metadata['organization']", "organization"),
        ({"metadata": {"Organization": ["a", "b"]}}, "metadata['Organization']", "organization"),
        (
            {"organizations": ["X", "Y"], "metadata": {"organization": ["a", "b"]}},
            "metadata['organization']",
            "is the name of the organization column",
        ),
        ({"values": np.array([["3"] * 5] * 2, dtype=object)}, "values", "it holds text"),
        ({"values": np.array([[True] * 5] * 2, dtype=object)}, "values", "it holds a boolean"),
        ({"values": np.array([[10**400] * 5] * 2, dtype=object)}, "values", "too large"),
        ({"not_applicable": [[True], [True, False]]}, "not_applicable", "cannot be read"),
        ({"indicator_ids": [["vc_values"], *IDS[1:]]}, "indicator_ids[0]", "is a list"),
        ({"indicator_ids": set(IDS)}, "indicator_ids", "is a set"),
        ({"indicator_ids": 5}, "indicator_ids", "not a sequence of ids"),
        ({"indicator_ids": ["vc_values"] * 5}, "indicator_ids[1]", "duplicates"),
        (
            {"indicator_ids": ["vc_valus", *IDS[1:]]},
            "indicator_ids[0]",
            "is not an indicator of rubric",
        ),
    ],
)
def test_array_argument_errors(
    rubric: Rubric, kwargs: dict[str, object], path: str, fragment: str
) -> None:
    arguments: dict[str, object] = {"values": np.ones((2, 5)), **kwargs}
    values = arguments.pop("values")
    with pytest.raises(ResponsesError) as info:
        responses_from_array(values, rubric, **arguments)  # type: ignore[arg-type]
    problem = info.value.problems[0]
    assert problem.path == path
    assert fragment in problem.message


def test_array_unknown_indicator_hint(rubric: Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_from_array([[1.0]], rubric, indicator_ids=["vc_valus"])
    assert only(info.value).hint == "did you mean 'vc_values'?"


def test_array_indicator_ids_iterator_is_read_once(rubric: Rubric) -> None:
    ids: Iterator[str] = iter(["ol_rating", "vc_vision"])
    responses = responses_from_array([[10.0, 2.0]], rubric, indicator_ids=ids)
    assert nan_equal(responses.values, [[nan, 2, nan, nan, 10]])


def test_array_text_is_refused_whatever_the_dtype(rubric: Rubric) -> None:
    hints = set()
    for values in (np.full((1, 5), "3"), np.array([["3"] * 5], dtype=object)):
        with pytest.raises(ResponsesError) as info:
            responses_from_array(values, rubric)
        problem = only(info.value)
        assert problem.path == "values"
        assert "not an array of real numbers" in problem.message
        hints.add(problem.hint)
    assert hints == {"use responses_from_records for answers given as text"}


def test_array_object_with_none_is_no_answer(rubric: Rubric) -> None:
    responses = responses_from_array(
        np.array([[1, None]], dtype=object), rubric, indicator_ids=["vc_values", "vc_vision"]
    )
    assert nan_equal(responses.values[0, :2], [1, nan])


# --------------------------------------------------------------------------- writing & example


def test_to_csv_text_round_trip(tmp_path: Path, rubric: Rubric) -> None:
    text = (
        "respondent_id,organization,team,vc_values,vc_vision,vc_budget,ol_sharing,ol_rating\n"
        'r1,"Acme, Inc.",A,1,NA,3,,10\n'
        "r2,Beta,,5,4,1,na,0\n"
    )
    original = read_responses(write(tmp_path, text), rubric)
    written = responses_to_csv_text(original)
    assert written.splitlines()[0] == text.splitlines()[0]
    assert written.splitlines()[1] == 'r1,"Acme, Inc.",A,1,NA,3,,10'
    again = read_responses(write(tmp_path, written, "again.csv"), rubric)
    assert again.equals(original)


def test_to_csv_text_leaves_out_default_organization(rubric: Rubric) -> None:
    responses = responses_from_array(np.ones((1, 5)), rubric)
    assert responses_to_csv_text(responses).splitlines() == [
        "respondent_id," + ",".join(IDS),
        "r0001,1,1,1,1,1",
    ]


def _made(
    *,
    metadata: Mapping[str, tuple[str | None, ...]] | None = None,
    organizations: tuple[str, ...] = (NO_ORGANIZATION, NO_ORGANIZATION),
    respondent_ids: tuple[str, ...] = ("a", "b"),
    values: float = 3.0,
) -> Responses:
    """Two respondents built directly, bypassing the readers' checks."""
    return Responses(
        indicator_ids=IDS,
        values=np.full((2, 5), values),
        not_applicable=np.zeros((2, 5), dtype=bool),
        respondent_ids=respondent_ids,
        organizations=organizations,
        metadata=dict(metadata or {}),
        rubric_key=RUBRIC.key,
    )


@pytest.mark.parametrize(
    ("with_org", "name", "fragment"),
    [
        (False, "organization", "is the name of the organization column"),  # read as orgs
        (True, "organization", "is the name of the organization column"),  # duplicate column
        (False, "Organization", "close to the organization column name"),
        (False, "organisation", "close to the organization column name"),
        (True, "respondent_id", "is the name of the respondent id column"),
        (False, "vc_values", "is an indicator id"),
        (False, "vc_valus", "close to the indicator id 'vc_values'"),
        (False, "OL_RATING", "close to the indicator id 'ol_rating'"),
        (False, "", "blank name"),
        (False, " team ", "surrounding whitespace"),
    ],
)
def test_to_csv_text_refuses_metadata_names_the_reader_would_misread(
    with_org: bool, name: str, fragment: str
) -> None:
    orgs = ("X", "Y") if with_org else (NO_ORGANIZATION, NO_ORGANIZATION)
    responses = _made(metadata={name: ("x", None)}, organizations=orgs)
    with pytest.raises(ResponsesError) as info:
        responses_to_csv_text(responses)
    problem = only(info.value)
    assert problem.path == f"metadata[{name!r}]"
    assert fragment in problem.message


def test_to_csv_text_checks_names_against_the_given_columns() -> None:
    responses = _made(metadata={"person": ("x", None), "organization": ("o", "p")})
    with pytest.raises(ResponsesError) as info:
        responses_to_csv_text(responses, id_column="person", organization_column="company")
    assert [p.path for p in info.value.problems] == ["metadata['person']"]
    # with the default column names the same responses are fine ...
    assert responses_to_csv_text(_made(metadata={"person": ("x", None)})).startswith(
        "respondent_id,person,"
    )
    # ... and a name close to the organization column is fine when that column is written
    text = responses_to_csv_text(
        _made(metadata={"Organization": ("x", None)}, organizations=("X", "Y"))
    )
    assert _parse_csv_text(text, RUBRIC, "x.csv").metadata == {"Organization": ("x", None)}


@pytest.mark.parametrize(
    ("kwargs", "path", "fragment"),
    [
        ({"na_token": "4"}, "na_token", "is a number"),
        ({"na_token": " "}, "na_token", "not a non-blank string"),
        ({"delimiter": "|"}, "delimiter", "not one of the delimiters"),
        ({"id_column": "vc_values"}, "id_column", "is an indicator id"),
        ({"organization_column": "ol_rating"}, "organization_column", "is an indicator id"),
        ({"id_column": " id"}, "id_column", "surrounding whitespace"),
        ({"id_column": "organization"}, "organization_column", "is the same as id_column"),
    ],
)
def test_to_csv_text_argument_errors(kwargs: dict[str, str], path: str, fragment: str) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_to_csv_text(_made(), **kwargs)
    problem = only(info.value)
    assert problem.path == path
    assert fragment in problem.message


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"respondent_ids": (" a", "b")}, "respondent_ids[0]"),
        ({"respondent_ids": ("a", "a")}, "respondent_ids[1]"),
        ({"respondent_ids": ("a", "")}, "respondent_ids[1]"),
        ({"organizations": ("X", "Y ")}, "organizations[1]"),
        ({"metadata": {"team": (" x", None)}}, "metadata['team'][0]"),
        ({"metadata": {"team": ("x", "")}}, "metadata['team'][1]"),
        ({"values": 3.5}, "values[0, 0] (vc_values)"),
    ],
)
def test_to_csv_text_refuses_data_that_would_not_read_back(
    changes: dict[str, object], path: str
) -> None:
    with pytest.raises(ResponsesError) as info:
        responses_to_csv_text(_made(**changes))  # type: ignore[arg-type]
    assert info.value.problems[0].path == path


def test_to_csv_text_quotes_a_header_that_would_fool_the_delimiter_sniffer() -> None:
    responses = _made(metadata={"a;b;c;d;e;f": ("x", None), "line\nbreak": (None, "y")})
    for delimiter in (",", ";", "\t"):
        text = responses_to_csv_text(responses, delimiter=delimiter)
        assert _parse_csv_text(text, RUBRIC, "x.csv").equals(responses)


def test_to_csv_text_quotes_carriage_returns() -> None:
    """The csv module leaves a lone CR unquoted when lines end in LF; the reader splits there.
    (Ids may not hold a CR: they must be plain text.)"""
    responses = _made(
        metadata={"0\r0": ("a\rb", None)},
        respondent_ids=("x", "z"),
        organizations=("Acme\rInc", "B"),
    )
    text = responses_to_csv_text(responses)
    assert _parse_csv_text(text, RUBRIC, "cr.csv").equals(responses)


def test_example_responses() -> None:
    rubric = load_rubric("learning-organization@1.0.0")
    responses = example_responses("learning-organization@1.0.0")
    assert responses.indicator_ids == rubric.indicator_ids
    assert responses.rubric_key == rubric.key
    assert responses.n_respondents > 0
    assert len(responses.organization_ids) > 1
    assert NO_ORGANIZATION not in responses.organization_ids
    assert {"team", "role"} <= set(responses.metadata)
    assert responses.answered.any()
    assert example_responses("learning-organization@1.0.0").equals(responses)


def test_example_rejected_by_other_rubric(rubric: Rubric) -> None:
    """The example data do not silently validate against an unrelated rubric."""
    import importlib.resources

    raw = (importlib.resources.files("lomaturity") / "data" / "example-responses.csv").read_bytes()
    with pytest.raises(ResponsesError, match="indicator columns"):
        parse_csv_bytes(raw, rubric, "example-responses.csv")


# --------------------------------------------------------------------------- properties

_cell_values = st.one_of(
    st.none(),
    st.just(NA),
    st.integers(1, 5),
    st.integers(1, 5).map(float),
    st.integers(1, 5).map(str),
)
_labels = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: s.strip() != "")
_meta_values = st.none() | _labels
_ID_UNSAFE = re.compile("[\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_id_labels = _labels.filter(lambda s: not _ID_UNSAFE.search(s))
"""Ids: no bidirectional formatting or line separator characters (refused in ids)."""


def _id_key(rid: str) -> str:
    """Look-alike ids (NFKC, invisible characters aside) are duplicates."""
    return _UNSAFE.sub("", unicodedata.normalize("NFKC", rid)).strip()


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, object]]:
    n = draw(st.integers(1, 8))
    ids = draw(st.lists(_id_labels, min_size=n, max_size=n, unique_by=_id_key))
    with_org = draw(st.booleans())
    meta_names = draw(st.lists(st.sampled_from(["team", "role", "site"]), unique=True))
    out = []
    for rid in ids:
        record: dict[str, object] = {"respondent_id": rid}
        if with_org:
            record["organization"] = draw(_labels)
        for name in meta_names:
            record[name] = draw(_meta_values)
        for iid in IDS:
            value = draw(_cell_values)
            if iid == "vc_budget" and value == NA:
                value = None
            if iid == "ol_rating":
                value = draw(st.none() | st.integers(0, 10))
            record[iid] = value
        out.append(record)
    return out


@given(records=_records(), delimiter=st.sampled_from([",", ";", "\t"]))
@settings(max_examples=150, deadline=None)
def test_property_records_csv_round_trip(records: list[dict[str, object]], delimiter: str) -> None:
    responses = responses_from_records(records, RUBRIC)
    text = responses_to_csv_text(responses, delimiter=delimiter)
    again = _parse_csv_text(text, RUBRIC, "round-trip.csv")
    assert again.equals(responses)
    assert again.source == "round-trip.csv"
    # and the array reader agrees with both
    from_array = responses_from_array(
        responses.values,
        RUBRIC,
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
        metadata=responses.metadata,
        not_applicable=responses.not_applicable,
    )
    assert from_array.equals(responses)


_metadata_names = st.one_of(
    st.text(max_size=12),  # blanks, surrounding whitespace, quotes, delimiters, line breaks
    st.sampled_from(
        ["team", "organization", "Organization", "organisation", "respondent_id", "Respondent_ID"]
    ),
    st.sampled_from(IDS),
    st.sampled_from(IDS).map(str.upper),
    st.sampled_from(IDS).map(lambda s: s[:-1]),
    st.sampled_from(IDS).map(lambda s: f" {s}"),
)


@given(
    names=st.lists(_metadata_names, unique=True, max_size=4),
    with_org=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
@settings(max_examples=300, deadline=None)
def test_property_metadata_names_read_back_or_are_refused(
    names: list[str], with_org: bool, delimiter: str
) -> None:
    """The writer never writes a file the reader rejects or misreads; the array builder
    refuses at least the names the writer refuses."""
    orgs = ("X", "Y") if with_org else (NO_ORGANIZATION, NO_ORGANIZATION)
    metadata = dict.fromkeys(names, ("v", None))
    responses = _made(metadata=metadata, organizations=orgs)
    try:
        text = responses_to_csv_text(responses, delimiter=delimiter)
    except ResponsesError as error:
        refused = {p.path for p in error.problems}
        assert refused <= {f"metadata[{name!r}]" for name in names}
        with pytest.raises(ResponsesError):
            responses_from_array(
                np.full((2, 5), 3.0),
                RUBRIC,
                metadata=metadata,
                organizations=orgs if with_org else None,
            )
        return
    assert _parse_csv_text(text, RUBRIC, "names.csv").equals(responses)


@given(
    n=st.integers(1, 30),
    row=st.data(),
    bad=st.sampled_from(["0", "6", "2.5", "x", "nan", "-inf", "NA", "true"]),
)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_one_bad_cell_is_found_exactly(n: int, row: st.DataObject, bad: str) -> None:
    i = row.draw(st.integers(0, n - 1))
    column = row.draw(st.sampled_from(["vc_budget", "ol_sharing"]))
    if bad == "NA" and column == "ol_sharing":
        column = "vc_budget"  # NA is valid for ol_sharing
    lines = ["respondent_id,ol_sharing,vc_budget"]
    for k in range(n):
        cells = {"ol_sharing": "3", "vc_budget": "4"}
        if k == i:
            cells[column] = bad
        lines.append(f"id{k},{cells['ol_sharing']},{cells['vc_budget']}")
    with pytest.raises(ResponsesError) as info:
        _parse_csv_text("\n".join(lines), RUBRIC, "one.csv")
    problem = only(info.value)
    assert problem.path == f"row {i + 2}, column {column!r}"
    assert problem.value == bad
    assert problem.line == i + 2


@given(
    values=st.lists(
        st.lists(st.integers(-3, 12) | st.just(nan) | st.floats(0, 11), min_size=5, max_size=5),
        min_size=1,
        max_size=20,
    )
)
@settings(max_examples=100, deadline=None)
def test_property_array_accepts_exactly_scale_points(values: list[list[float]]) -> None:
    array = np.array(values, dtype=float)
    high = np.array([5, 5, 5, 5, 10])
    low = np.array([1, 1, 1, 1, 0])
    valid = np.isnan(array) | ((array == np.round(array)) & (array >= low) & (array <= high))
    if valid.all():
        assert nan_equal(responses_from_array(array, RUBRIC).values, array)
    else:
        with pytest.raises(ResponsesError) as info:
            responses_from_array(array, RUBRIC)
        bad = list(zip(*np.nonzero(~valid), strict=True))[:MAX_PROBLEMS]
        shown = [p for p in info.value.problems if p.path != "..."]
        assert [p.path for p in shown] == [f"values[{i}, {j}] ({IDS[j]})" for i, j in bad]


def test_large_file_reads(tmp_path: Path, rubric: Rubric) -> None:
    rng = np.random.default_rng(7)
    n = 20_000
    answers = rng.integers(1, 6, size=(n, 5))
    lines = [HEADER] + [
        f"r{i},org{i % 3},t{i % 7},staff," + ",".join(map(str, answers[i])) for i in range(n)
    ]
    responses = read_responses(write(tmp_path, "\n".join(lines)), rubric)
    assert responses.n_respondents == n
    assert np.array_equal(responses.values, answers.astype(float))
    assert responses.organization_ids == ("org0", "org1", "org2")


def test_responses_type(tmp_path: Path, rubric: Rubric) -> None:
    responses = read_responses(write(tmp_path, "respondent_id,vc_values\nr1,3\n"), rubric)
    assert isinstance(responses, Responses)
