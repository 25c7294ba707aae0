"""Responses I/O: problem codes and locations, the problem cap, file objects and size
limits, argument types, absent indicators and the rubric each reader records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

import lomaturity as lm
from lomaturity.exceptions import MAX_PROBLEMS, Problem, ResponsesError, RubricError

RUBRIC_YAML = """\
format: 1
id: io-test
version: "1.0.0"
title: IO test rubric
description: Two dimensions, four indicators.
language: en
scales:
  - id: agree
    min: 1
    max: 5
    allow_na: true
dimensions:
  - id: vc
    name: Vision
    description: Vision.
  - id: ol
    name: Learning
    description: Learning.
indicators:
  - id: vc_values
    dimension: vc
    statement: We share values.
    scale: agree
  - id: vc_vision
    dimension: vc
    statement: We share a vision.
    scale: agree
  - id: ol_sharing
    dimension: ol
    statement: We share what we learn.
    scale: agree
  - id: ol_time
    dimension: ol
    statement: We have time to learn.
    scale: agree
stages:
  - id: starting
    name: Starting
    lower: 0
    description: Just starting.
"""

CSV = "respondent_id,vc_values,vc_vision,ol_sharing,ol_time\nr1,4,3,5,2\nr2,2,,NA,4\n"


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.read_rubric_bytes(RUBRIC_YAML)


def csv_error(rubric: lm.Rubric, text: str | bytes, **kwargs: object) -> ResponsesError:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(io.BytesIO(raw), rubric, **kwargs)  # type: ignore[arg-type]
    return info.value


# --------------------------------------------------------------------------- the cap


def test_capped_error_holds_only_real_problems(rubric: lm.Rubric) -> None:
    rows = "".join(f"r{i},9,4,4,4\n" for i in range(60))
    error = csv_error(rubric, "respondent_id,vc_values,vc_vision,ol_sharing,ol_time\n" + rows)
    assert len(error.problems) == MAX_PROBLEMS
    assert error.total == 60
    assert error.truncated is True
    assert all(p.code == "not_on_scale" and p.path != "..." for p in error.problems)
    assert str(error).splitlines()[0] == "invalid responses: 60 problems (first 50 shown)"


def test_uncapped_error_is_not_truncated(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, "respondent_id,vc_values\nr1,9\n")
    assert (error.total, error.truncated, len(error.problems)) == (1, False, 1)
    assert "shown" not in str(error)


def test_rubric_error_is_capped_too() -> None:
    problems = [Problem(f"$.x[{i}]", "is wrong", code="invalid") for i in range(70)]
    error = RubricError(problems, "r.yaml")
    assert (len(error.problems), error.total, error.truncated) == (MAX_PROBLEMS, 70, True)
    assert "70 problems (first 50 shown)" in str(error)


def test_rubric_file_with_many_problems_reports_the_true_total(rubric: lm.Rubric) -> None:
    text = lm.dump_rubric(rubric)
    many = "".join(f"  bogus_{i}: 1\n" for i in range(60))
    text = text.replace("title:", many.replace("  ", "") + "title:", 1)
    with pytest.raises(RubricError) as info:
        lm.read_rubric_bytes(text)
    assert info.value.total == 60
    assert info.value.truncated
    assert {p.code for p in info.value.problems} == {"unknown_field"}


# --------------------------------------------------------------------------- codes and locations


def test_cell_problem_code_and_location(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, "respondent_id,vc_values,vc_vision\nr1,4,4\nr2,4,x\nr3,4.5,7\n")
    found = [(p.code, p.location, p.path) for p in error.problems]
    assert found == [
        ("not_a_number", (3, "vc_vision"), "row 3, column 'vc_vision'"),
        ("not_scale_point", (4, "vc_values"), "row 4, column 'vc_values'"),
        ("not_on_scale", (4, "vc_vision"), "row 4, column 'vc_vision'"),
    ]


def test_header_and_row_codes(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, "id,vc_values,vc_valuse\nr1,4,3\nr1,4\n")
    codes = {p.code: p.location for p in error.problems}
    assert codes["unknown_column"] == ("header", "vc_valuse")
    assert codes["missing_column"] == ("header",)
    assert codes["wrong_row_length"] == (3,)


def test_duplicate_id_and_blank_organization_codes(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, "respondent_id,organization,vc_values\nr1,a,4\nr1,,4\n")
    assert {(p.code, p.location) for p in error.problems} == {
        ("duplicate_id", (3, "respondent_id")),
        ("blank_organization", (3, "organization")),
    }


def test_encoding_codes(rubric: lm.Rubric) -> None:
    assert csv_error(rubric, b"respondent_id,vc_values\nr\xff1,4\n").problems[0].code == (
        "bad_encoding"
    )
    utf16 = "respondent_id,vc_values\nr1,4\n".encode("utf-16")
    assert csv_error(rubric, utf16).problems[0].code == "bad_encoding"


def test_records_and_array_locations(rubric: lm.Rubric) -> None:
    with pytest.raises(ResponsesError) as info:
        lm.responses_from_records([{"respondent_id": "a", "vc_values": 9}], rubric)
    problem = info.value.problems[0]
    assert (problem.code, problem.location) == ("not_on_scale", ("records", 0, "vc_values"))
    with pytest.raises(ResponsesError) as info:
        lm.responses_from_array([[1, 2, 3, 4], [1, 2, 3, 0]], rubric)
    problem = info.value.problems[0]
    assert (problem.code, problem.location) == ("not_on_scale", ("values", 1, 3))
    with pytest.raises(ResponsesError) as info:
        lm.responses_from_array([[1]], rubric, indicator_ids=["vc_valus"])
    problem = info.value.problems[0]
    assert (problem.code, problem.location) == ("unknown_indicator", ("indicator_ids", 0))


def test_argument_problem_code(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, CSV, na_token="3")
    assert (error.problems[0].code, error.problems[0].location) == (
        "invalid_argument",
        ("na_token",),
    )


def test_rubric_problem_codes_and_paths(rubric: lm.Rubric) -> None:
    text = lm.dump_rubric(rubric).replace("  scale: agree\n", "  scale: agree\n  wieght: 2\n", 1)
    with pytest.raises(RubricError) as info:
        lm.read_rubric_bytes(text)
    problem = info.value.problems[0]
    assert problem.code == "unknown_field"
    assert problem.location == ("indicators", 0, "wieght")
    assert problem.path == "$.indicators[0].wieght"
    duplicated = lm.dump_rubric(rubric).replace("title:", "title: One\ntitle:", 1)
    with pytest.raises(RubricError) as info:
        lm.read_rubric_bytes(duplicated)
    assert [(p.code, p.location) for p in info.value.problems] == [("duplicate_key", ("title",))]


def test_problem_to_dict_is_json_ready(rubric: lm.Rubric) -> None:
    problem = csv_error(rubric, "respondent_id,vc_values\nr1,9\n").problems[0]
    data = problem.to_dict()
    assert data == {
        "code": "not_on_scale",
        "path": "row 2, column 'vc_values'",
        "location": [2, "vc_values"],
        "message": "is outside the 1..5 scale",
        "value": "9",
        "file": None,
        "line": 2,
        "hint": problem.hint,
    }
    assert json.loads(json.dumps(data)) == data
    assert Problem("$", "odd", object(), code="x").to_dict()["value"].startswith("<object")
    assert Problem("$", "big", 10**30).to_dict()["value"] == str(10**30)


# --------------------------------------------------------------------------- sources and sizes


def test_read_from_binary_text_and_open_files(rubric: lm.Rubric, tmp_path: Path) -> None:
    from_bytes = lm.read_responses(io.BytesIO(CSV.encode()), rubric)
    from_text = lm.read_responses(io.StringIO(CSV), rubric)
    path = tmp_path / "survey.csv"
    path.write_text(CSV, encoding="utf-8")
    with path.open("rb") as file:
        from_file = lm.read_responses(file, rubric)
    assert from_bytes.equals(from_text)
    assert from_bytes.equals(from_file)
    assert from_bytes.source is None
    assert from_file.source == str(path)


def test_size_limit_on_streams_and_paths(rubric: lm.Rubric, tmp_path: Path) -> None:
    error = csv_error(rubric, CSV, max_bytes=20)
    assert (error.problems[0].code, error.problems[0].location) == ("too_large", ())
    assert "limit of 20 bytes" in str(error)
    path = tmp_path / "big.csv"
    path.write_text(CSV, encoding="utf-8")
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(path, rubric, max_bytes=20)
    assert info.value.problems[0].code == "too_large"
    assert f"is {len(CSV)} bytes" in str(info.value)
    assert lm.read_responses(path, rubric, max_bytes=len(CSV)).n_respondents == 2


class _Endless:
    """A stream that never ends: reading must ask for no more than the limit + 1."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def read(self, size: int = -1) -> bytes:
        self.asked.append(size)
        return b"1" * (10**9 if size < 0 else size)


def test_endless_stream_is_read_only_up_to_the_limit(rubric: lm.Rubric) -> None:
    stream = _Endless()
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(stream, rubric, max_bytes=1000)  # type: ignore[arg-type]
    assert info.value.problems[0].code == "too_large"
    assert stream.asked == [1001]


def test_missing_file_and_unreadable_stream(rubric: lm.Rubric, tmp_path: Path) -> None:
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(tmp_path / "nope.csv", rubric)
    assert info.value.problems[0].code == "file_not_found"
    closed = io.BytesIO(CSV.encode())
    closed.close()
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(closed, rubric)
    assert info.value.problems[0].code == "unreadable"


def test_file_names_with_control_characters_are_escaped(rubric: lm.Rubric) -> None:
    upload = io.BytesIO(b"respondent_id,vc_values\nr1,9\n")
    upload.name = "survey\x1b[2J.csv"
    with pytest.raises(ResponsesError) as info:
        lm.read_responses(upload, rubric)
    message = str(info.value)
    assert "\x1b" not in message
    assert "survey\\x1b[2J.csv" in message


@pytest.mark.parametrize("max_bytes", [1.5, True, "10"])
def test_max_bytes_of_the_wrong_type(rubric: lm.Rubric, max_bytes: object) -> None:
    with pytest.raises(TypeError, match="max_bytes"):
        lm.read_responses(io.StringIO(CSV), rubric, max_bytes=max_bytes)  # type: ignore[arg-type]


@pytest.mark.parametrize("max_bytes", [0, -1])
def test_max_bytes_that_is_not_positive(rubric: lm.Rubric, max_bytes: int) -> None:
    with pytest.raises(lm.ResponsesError, match="max_bytes") as info:
        lm.read_responses(io.StringIO(CSV), rubric, max_bytes=max_bytes)
    assert info.value.problems[0].code == "invalid_option"


# --------------------------------------------------------------------------- argument types


def test_read_responses_refuses_bytes_and_other_objects(rubric: lm.Rubric) -> None:
    with pytest.raises(TypeError, match=r"path or a file object.*io\.BytesIO"):
        lm.read_responses(CSV.encode(), rubric)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got int"):
        lm.read_responses(3, rubric)  # type: ignore[arg-type]


def test_rubric_argument_must_be_a_rubric(rubric: lm.Rubric) -> None:
    with pytest.raises(TypeError, match=r"expected a lomaturity\.Rubric.*got str"):
        lm.read_responses(io.StringIO(CSV), "learning-organization")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"expected a lomaturity\.Rubric"):
        lm.responses_from_records([], {"id": "x"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"expected a lomaturity\.Rubric"):
        lm.responses_from_array([[1]], None)  # type: ignore[arg-type]


class DataFrame:
    """Looks like a pandas DataFrame to the type check (pandas is not a dependency)."""

    columns = ("respondent_id",)

    def to_dict(self, orient: str) -> list[dict[str, object]]:
        return []


def test_records_refuse_tables_and_single_mappings(rubric: lm.Rubric) -> None:
    with pytest.raises(TypeError, match=r"pass it to responses_from_frame"):
        lm.responses_from_records(DataFrame(), rubric)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable of mappings"):
        lm.responses_from_records({"respondent_id": "r1"}, rubric)  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="iterable of mappings"):
        lm.responses_from_records(None, rubric)  # type: ignore[arg-type]


def test_writer_refuses_other_objects() -> None:
    with pytest.raises(TypeError, match=r"expected lomaturity\.responses\.Responses"):
        lm.responses_to_csv_text({"values": []})  # type: ignore[arg-type]


# --------------------------------------------------------------------------- absent indicators


def test_csv_without_some_indicator_columns_names_them(rubric: lm.Rubric) -> None:
    responses = lm.read_responses(io.StringIO("respondent_id,vc_values,ol_time\nr1,4,3\n"), rubric)
    assert responses.absent_indicators == ("vc_vision", "ol_sharing")
    (notice,) = responses.notices
    assert notice.code == "absent_indicators"
    assert "'vc_vision', 'ol_sharing'" in notice.message
    assert responses.select([0]).absent_indicators == ("vc_vision", "ol_sharing")


def test_complete_inputs_have_no_absent_indicators(rubric: lm.Rubric) -> None:
    responses = lm.read_responses(io.StringIO(CSV), rubric)
    assert responses.absent_indicators == ()
    assert responses.notices == ()


def test_records_and_arrays_record_absent_indicators(rubric: lm.Rubric) -> None:
    records = lm.responses_from_records(
        [{"respondent_id": "a", "vc_values": 4}, {"respondent_id": "b", "ol_time": None}], rubric
    )
    assert records.absent_indicators == ("vc_vision", "ol_sharing")
    array = lm.responses_from_array([[4, 2]], rubric, indicator_ids=["ol_time", "vc_values"])
    assert array.absent_indicators == ("vc_vision", "ol_sharing")
    assert lm.responses_from_array(np.ones((2, 4)), rubric).absent_indicators == ()


def test_file_without_any_indicator_is_an_error(rubric: lm.Rubric) -> None:
    error = csv_error(rubric, "respondent_id,team\nr1,a\n")
    assert [p.code for p in error.problems] == ["no_indicators"]


# --------------------------------------------------------------------------- the rubric recorded


def test_every_reader_records_rubric_key_and_fingerprint(rubric: lm.Rubric) -> None:
    made = [
        lm.read_responses(io.StringIO(CSV), rubric),
        lm.responses_from_records([{"respondent_id": "a", "vc_values": 4}], rubric),
        lm.responses_from_array(np.ones((1, 4)), rubric),
    ]
    for responses in made:
        assert responses.rubric_key == rubric.key
        assert responses.rubric_fingerprint == rubric.fingerprint
    example = lm.example_responses("learning-organization@1.0.0")
    default = lm.load_rubric("learning-organization@1.0.0")
    assert (example.rubric_key, example.rubric_fingerprint) == (default.key, default.fingerprint)


def test_responses_read_under_a_variant_rubric_are_refused_by_the_default() -> None:
    default = lm.load_rubric("learning-organization@1.0.0")
    text = lm.dump_rubric(default)
    five_point = "  max: 5\n  labels:\n"
    assert five_point in text
    seven_point = "  max: 7\n  labels:\n  - Extra one\n  - Extra two\n"
    variant = lm.read_rubric_bytes(text.replace(five_point, seven_point, 1))
    assert variant.key == default.key
    assert variant.fingerprint != default.fingerprint
    csv_text = lm.responses_to_csv_text(
        lm.example_responses("learning-organization@1.0.0").for_organization(
            lm.example_responses("learning-organization@1.0.0").organization_ids[0]
        )
    )
    responses = lm.read_responses(io.StringIO(csv_text), variant)
    assert responses.rubric_fingerprint == variant.fingerprint
    with pytest.raises(lm.ScoringError, match="fingerprint"):
        lm.score(default, responses)


def test_a_non_utf8_line_names_its_line_once(rubric: lm.Rubric, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"respondent_id,organization\nr1,h\xe4rbor\n")
    with pytest.raises(lm.ResponsesError) as info:
        lm.read_responses(path, rubric)
    text = str(info.value)
    assert f"{path}:2: the line:" in text
    assert "line 2: line 2" not in text
