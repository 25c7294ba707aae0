"""Survey-tool exports: answer texts (``answers=``) and extra header rows (``header_rows=``).

The fixtures in ``data/`` hold respondents of the bundled example data as survey tools
export them (``scripts/make_export_fixtures.py``): read back they must give exactly the
example's numbers.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

import lomaturity as lm
from factories import make_rubric
from lomaturity._survey.answers import MAX_UNMAPPED_SHOWN
from lomaturity._survey.stream import stream_responses

DATA = Path(__file__).parent / "data"
RUBRIC = lm.load_rubric("learning-organization@1.1.0")
BILINGUAL = Path(__file__).parents[1] / "rubrics" / "data" / "tiny-bilingual.yaml"


def _same(read: lm.Responses, organization: str) -> None:
    """``read`` holds the first respondents of ``organization`` in the example, exactly."""
    expected = lm.example_responses().for_organization(organization)
    expected = expected.select(range(read.n_respondents))
    assert read.respondent_ids == expected.respondent_ids
    np.testing.assert_array_equal(read.values, expected.values)
    np.testing.assert_array_equal(read.dont_know, expected.dont_know)
    np.testing.assert_array_equal(read.not_applicable, expected.not_applicable)


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join(rows) + "\n")


def _problems(exc: pytest.ExceptionInfo[lm.ResponsesError]) -> list[str]:
    return [p.code for p in exc.value.problems]


# --- the export fixtures ---------------------------------------------------------------------


def test_webropol_export_with_finnish_labels_reads_as_the_numbers() -> None:
    read = lm.read_responses(DATA / "webropol-fi.csv", RUBRIC, id_column="ID", answers="labels")
    _same(read, "brightloom-design")
    assert read.n_respondents == 35
    assert read.metadata["Vastausaika"][0] is not None  # the tool's own column is metadata


def test_forms_export_with_english_labels_reads_as_the_numbers() -> None:
    read = lm.read_responses(DATA / "forms-en.csv", RUBRIC, id_column="ID", answers="labels")
    _same(read, "quanta-software")
    assert set(read.metadata) == {"Start time", "Completion time", "Email", "Name"}


def test_qualtrics_export_reads_with_its_header_rows_skipped() -> None:
    read = lm.read_responses(
        DATA / "qualtrics.csv",
        RUBRIC,
        id_column="ResponseId",
        answers="labels",
        header_rows="qualtrics",
    )
    _same(read, "harbor-city-agency")
    # Qualtrics' own columns are metadata, 'Progress' is not taken for ex_career_progress
    assert "Progress" in read.metadata
    assert read.metadata["Status"][0] == "IP Address"


def test_the_rubric_language_does_not_matter() -> None:
    finnish = lm.load_rubric("learning-organization@1.1.0", language="fi")
    read = lm.read_responses(DATA / "forms-en.csv", finnish, id_column="ID", answers="labels")
    _same(read, "quanta-software")


def test_a_qualtrics_export_read_without_header_rows_is_one_clear_problem() -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(DATA / "qualtrics.csv", RUBRIC, id_column="ResponseId", answers="labels")
    assert _problems(exc) == ["qualtrics_header_rows"]
    assert exc.value.problems[0].line == 3
    assert "header_rows='qualtrics'" in str(exc.value)


def test_qualtrics_rows_on_a_file_of_another_tool_are_refused() -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            DATA / "forms-en.csv", RUBRIC, id_column="ID", answers="labels", header_rows="qualtrics"
        )
    assert _problems(exc) == ["not_qualtrics"]
    assert exc.value.problems[0].line == 3


def test_labels_read_as_numbers_get_a_hint_first() -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(DATA / "webropol-fi.csv", RUBRIC, id_column="ID")
    first = exc.value.problems[0]
    assert first.code == "labels_not_read"
    assert "answers='labels'" in str(first)
    assert "Täysin samaa mieltä" in first.message  # the first label of the file


def test_the_panel_reader_reads_exports_as_read_responses_does() -> None:
    path = DATA / "qualtrics.csv"
    options: dict[str, Any] = {
        "id_column": "ResponseId",
        "answers": "labels",
        "header_rows": "qualtrics",
    }
    chunks = list(stream_responses(path, RUBRIC, chunk_organizations=1, **options))
    assert len(chunks) == 1
    assert chunks[0].equals(lm.read_responses(path, RUBRIC, **options))
    with pytest.raises(lm.ResponsesError) as exc:
        list(stream_responses(path, RUBRIC, id_column="ResponseId", answers="labels"))
    assert _problems(exc) == ["qualtrics_header_rows"]
    panel = lm.score_panel(RUBRIC, path, n_resamples=100, seed=1, agreement=False, **options)
    assert panel.n_respondents == 15


# --- answers="labels" --------------------------------------------------------------------------


def test_labels_ignore_case_spacing_and_apostrophes_and_mix_with_numbers() -> None:
    read = lm.read_responses(
        _csv(
            "respondent_id,vc_values_stated,vc_learning_talk,st_development_discussion",
            "r1,  täysin   SAMAA mieltä ,usein,Ei koske minua",
            "r2,4,3,NA",
            "r3,DON\u2019T KNOW,Very often or always,Not applicable",
            "r4,en osaa sanoa,\u00a0Never\u00a0,5",
        ),
        RUBRIC,
        answers="labels",
    )
    j = [RUBRIC.indicator_ids.index(i) for i in ("vc_values_stated", "vc_learning_talk")]
    np.testing.assert_array_equal(read.values[:, j], [[5, 4], [4, 3], [np.nan, 5], [np.nan, 1]])
    k = RUBRIC.indicator_ids.index("st_development_discussion")
    assert read.not_applicable[:, k].tolist() == [True, True, True, False]
    assert read.dont_know[:, j[0]].tolist() == [False, False, True, True]


def test_each_column_reads_by_its_own_scale() -> None:
    # 'Usein' (often) is a freq5 label: 4 there, and no answer at all on agree5
    read = lm.read_responses(
        _csv("respondent_id,vc_learning_talk", "r1,Usein"), RUBRIC, answers="labels"
    )
    assert read.values[0, RUBRIC.indicator_ids.index("vc_learning_talk")] == 4
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", "r1,Usein"), RUBRIC, answers="labels"
        )
    assert _problems(exc) == ["unmapped_answer"]
    assert "scale 'agree5'" in exc.value.problems[0].message
    assert "Täysin samaa mieltä" in str(exc.value.problems[0].hint)


def test_unmapped_texts_are_listed_once_each_with_where_they_are() -> None:
    rows = ["respondent_id,vc_values_stated,vc_values_lived,vc_learning_talk"]
    rows += [f"r{i},Totally,Totally,Often" for i in range(40)]
    rows += ["r40,Agree,Mostly\x1b[31m,Often"]
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv(*rows), RUBRIC, answers="labels")
    problems = exc.value.problems
    assert [p.value for p in problems] == ["Totally", "Mostly\x1b[31m"]
    assert exc.value.total == 2  # 81 cells, two distinct texts
    totally = problems[0]
    assert totally.line == 2
    assert "80 cells hold it" in totally.message
    assert "'vc_values_stated', 'vc_values_lived'" in totally.message
    assert "rows 2, 3, 4, 5, 6, ..." in totally.message
    assert "\x1b" not in str(exc.value)  # control characters are shown escaped
    assert "\\x1b" in str(exc.value)


def test_the_list_of_unmapped_texts_is_capped_and_the_total_counts_all() -> None:
    n = MAX_UNMAPPED_SHOWN + 7
    rows = ["respondent_id,vc_values_stated"] + [f"r{i},text {i}" for i in range(n)]
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv(*rows), RUBRIC, answers="labels")
    assert len(exc.value.problems) == MAX_UNMAPPED_SHOWN
    assert exc.value.total == n
    assert exc.value.problems[0].value == "text 0"  # in reading order


def _bilingual(fi_agree5: list[str], *, freq_points: int = 5) -> lm.Rubric:
    """The tiny bilingual rubric with other Finnish agree5 labels (and a shorter freq5)."""
    data = copy.deepcopy(yaml.safe_load(BILINGUAL.read_text(encoding="utf-8")))
    data["texts"]["fi"]["scales"]["agree5"]["labels"] = fi_agree5
    data["scales"][1]["max"] = freq_points
    for language in ("en", "fi"):
        labels = data["texts"][language]["scales"]["freq5"]["labels"]
        data["texts"][language]["scales"]["freq5"]["labels"] = labels[:freq_points]
    return lm.parse_rubric(data)


def _at(rubric: lm.Rubric, read: lm.Responses, indicator: str) -> list[float]:
    column: list[float] = read.values[:, rubric.indicator_ids.index(indicator)].tolist()
    return column


def test_a_label_with_two_meanings_on_one_scale_is_refused_only_where_it_is_used() -> None:
    # the Finnish catalog calls point 5 'Agree', which is point 4 in English
    rubric = _bilingual(["a", "b", "c", "d", "Agree"])
    read = lm.read_responses(
        _csv("respondent_id,cu_blame,cu_talk", "r1,Strongly agree,Often"), rubric, answers="labels"
    )
    assert (_at(rubric, read, "cu_blame"), _at(rubric, read, "cu_talk")) == ([5.0], [4.0])
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            _csv("respondent_id,cu_blame,cu_talk", "r1,agree,Often"), rubric, answers="labels"
        )
    assert _problems(exc) == ["ambiguous_answer"]
    assert "4 (en) or 5 (fi)" in exc.value.problems[0].message
    # on the freq5 scale 'Agree' is no label at all: unmapped, not ambiguous
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv("respondent_id,cu_talk", "r1,Agree"), rubric, answers="labels")
    assert _problems(exc) == ["unmapped_answer"]


def test_a_label_that_is_another_points_number_is_ambiguous() -> None:
    rubric = _bilingual(["5", "b", "c", "d", "e"])
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv("respondent_id,cu_blame", "r1,5"), rubric, answers="labels")
    assert _problems(exc) == ["ambiguous_answer"]
    assert "a number" in exc.value.problems[0].message


def test_a_label_that_is_a_number_is_ambiguous_however_the_number_is_written() -> None:
    rubric = _bilingual(["5", "b", "c", "d", "e"])
    for cell in ("5.0", "05", "+5", "5e0"):
        with pytest.raises(lm.ResponsesError) as exc:
            lm.read_responses(
                _csv("respondent_id,cu_blame", f"r1,{cell}"), rubric, answers="labels"
            )
        assert _problems(exc) == ["ambiguous_answer"], cell


def test_labels_need_a_rubric_with_labels() -> None:
    rubric = make_rubric({"d": ["a", "b"]})
    with pytest.raises(lm.ResponsesError, match="no scale labels"):
        lm.read_responses(_csv("respondent_id,a", "r1,3"), rubric, answers="labels")


@pytest.mark.parametrize("answers", ["label", "map.yaml", ""])
def test_other_answer_strings_are_refused(answers: str) -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv("respondent_id,vc_values_stated", "r1,3"), RUBRIC, answers=answers)  # type: ignore[arg-type]
    assert exc.value.problems[0].path == "answers"
    assert "read_answer_map" in str(exc.value)


@pytest.mark.parametrize("answers", [5, ["labels"], object()])
def test_answers_of_a_wrong_type_are_a_type_error(answers: object) -> None:
    with pytest.raises(TypeError, match="answers"):
        lm.read_responses(_csv("respondent_id,vc_values_stated", "r1,3"), RUBRIC, answers=answers)  # type: ignore[arg-type]


# --- answer maps -------------------------------------------------------------------------------


def test_a_mapping_reads_its_texts_and_numbers_keep_working() -> None:
    answers: dict[str, int | str] = {
        "Yes": 5,
        "Somewhat": 3,
        "No": 1,
        "No idea": "DK",
        "n/a here": "na",
    }
    read = lm.read_responses(
        _csv(
            "respondent_id,vc_values_stated,st_development_discussion",
            "r1,yes,No",
            "r2,No idea,n/a here",
            "r3,2,4",
        ),
        RUBRIC,
        answers=answers,
    )
    j, k = (
        RUBRIC.indicator_ids.index(i) for i in ("vc_values_stated", "st_development_discussion")
    )
    np.testing.assert_array_equal(read.values[:, [j, k]], [[5, 1], [np.nan, np.nan], [2, 4]])
    assert read.dont_know[1, j]
    assert read.not_applicable[1, k]
    with pytest.raises(lm.ResponsesError) as exc:  # a map does not add the rubric's labels
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", "r1,Agree"), RUBRIC, answers=answers
        )
    assert _problems(exc) == ["unmapped_answer"]
    assert "in the answer map" in exc.value.problems[0].message


def test_a_mapped_number_reads_the_same_however_the_number_is_written() -> None:
    # a recode of numeric answers (a reversed scale): every spelling of a number is the
    # same answer, never "3" -> 1 beside "3.0" -> 3 in one column
    answers: dict[str, int] = {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1}
    read = lm.read_responses(
        _csv("respondent_id,vc_values_stated", "r1,1", "r2,1.0", "r3,01", "r4, +1 ", "r5,5e0"),
        RUBRIC,
        answers=answers,
    )
    assert _at(RUBRIC, read, "vc_values_stated") == [5.0, 5.0, 5.0, 5.0, 1.0]


def test_two_spellings_of_one_number_mapped_differently_are_refused() -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", "r1,3"), RUBRIC, answers={"3": 5, "3.0": 4}
        )
    assert "is the same text as '3'" in str(exc.value)


@pytest.mark.parametrize(
    ("na_token", "answers"),
    [
        ("Agree", "labels"),
        ("En osaa sanoa", "labels"),
        ("Yes", {"Yes": 5}),
        ("skip", {"skip": "DK"}),
    ],
)
def test_an_na_token_that_is_also_an_answer_text_is_refused(na_token: str, answers: Any) -> None:
    # which meaning won was silent: the label or the map, never "not applicable"
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", f"r1,{na_token}", "r2,3"),
            RUBRIC,
            answers=answers,
            na_token=na_token,
        )
    assert exc.value.problems[0].path == "na_token"
    assert "not applicable" in exc.value.problems[0].message


def test_an_na_token_that_is_the_not_applicable_label_is_fine() -> None:
    read = lm.read_responses(
        _csv("respondent_id,st_development_discussion", "r1,Ei koske minua", "r2,3"),
        RUBRIC,
        answers="labels",
        na_token="Ei koske minua",
    )
    assert read.not_applicable[0, RUBRIC.indicator_ids.index("st_development_discussion")]


def test_a_mapped_point_off_a_columns_scale_is_refused_per_cell() -> None:
    rubric = _bilingual(["a", "b", "c", "d", "e"], freq_points=3)  # agree5 1..5, freq5 1..3
    answers: dict[str, int] = {"Top": 5}
    read = lm.read_responses(_csv("respondent_id,cu_blame", "r1,Top"), rubric, answers=answers)
    assert _at(rubric, read, "cu_blame") == [5.0]
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv("respondent_id,cu_talk", "r1,Top"), rubric, answers=answers)
    assert _problems(exc) == ["not_on_scale"]
    assert exc.value.problems[0].value == "Top"


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        ({"Yes": 7}, "a point on no scale"),
        ({"Yes": 2.5}, "not a whole scale point"),
        ({"Yes": True}, "not a scale point"),
        ({"Yes": "maybe"}, "not a scale point"),
        ({"  ": 3}, "non-blank"),
        ({"Yes": 5, " YES ": 4}, "mapped to another value"),
        ({}, "maps no text"),
        ({"x" * 201: 3}, "longer than 200"),
    ],
)
def test_bad_mappings_are_refused_naming_the_text(answers: dict[str, Any], fragment: str) -> None:
    with pytest.raises(lm.AnswerMapError, match=fragment):
        lm.read_responses(_csv("respondent_id,vc_values_stated", "r1,3"), RUBRIC, answers=answers)


def test_read_answer_map_yaml(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "# Webropol texts\nTäysin samaa mieltä: 5\nJokseenkin samaa mieltä: 4\n"
        '"No": 1\nEn osaa sanoa: DK\n',
        encoding="utf-8",
    )
    answers = lm.read_answer_map(path)
    assert isinstance(answers, lm.responses.AnswerMap)
    assert answers.entries == {
        "Täysin samaa mieltä": 5,
        "Jokseenkin samaa mieltä": 4,
        "No": 1,  # quoted: a YAML 1.1 boolean word otherwise
        "En osaa sanoa": "DK",
    }
    assert answers.lines["No"] == 4
    assert repr(answers) == f"<AnswerMap: 4 texts from {str(path)!r}>"
    read = lm.read_responses(
        _csv("respondent_id,vc_values_stated", "r1,no", "r2,en osaa sanoa"), RUBRIC, answers=answers
    )
    assert read.n_dont_know == 1


def test_read_answer_map_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("\ufefftext;value\nSamaa mieltä;4\n\nEri mieltä;2\nEOS;dk\n", encoding="utf-8")
    answers = lm.read_answer_map(path, RUBRIC)
    assert dict(answers.entries) == {"Samaa mieltä": 4, "Eri mieltä": 2, "EOS": "DK"}
    assert answers.lines["EOS"] == 5


@pytest.mark.parametrize(
    ("name", "text", "line", "fragment"),
    [
        ("a.yaml", "Often: 5\nRarely: 9\n", 2, "a point on no scale"),
        ("a.yaml", "Often: 5\nOften: 4\n", 2, "duplicate key"),
        ("a.yaml", "Often: 5\nNo: 1\n", 2, "key 'No' is read by YAML as false"),
        ("a.yaml", "- Yes\n- No\n", 1, "not a mapping"),
        ("a.yaml", "Often: [5]\n", 1, "not a scale point"),
        ("a.csv", "text,value\nYes,5\nNo,x\n", 3, "not a scale point"),
        ("a.csv", "text,value\nYes,5\nYes,4\n", 3, "repeats the text"),
        ("a.csv", "answer,points\nYes,5\n", 1, "header 'text,value'"),
        ("a.csv", "text,value\nYes,5,extra\n", 2, "3 cells"),
    ],
)
def test_read_answer_map_names_file_line_and_value(
    tmp_path: Path, name: str, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lm.AnswerMapError) as exc:
        lm.read_answer_map(path, RUBRIC)
    problem = exc.value.problems[0]
    assert fragment in str(problem)
    assert problem.line == line
    assert problem.file == str(path)


def test_read_answer_map_checks_the_range_against_the_rubric_when_used(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("Often: 5\nHuge: 70\n", encoding="utf-8")
    answers = lm.read_answer_map(path)  # no rubric: the range is checked when used
    with pytest.raises(lm.AnswerMapError) as exc:
        lm.read_responses(_csv("respondent_id,vc_values_stated", "r1,5"), RUBRIC, answers=answers)
    problem = exc.value.problems[0]
    assert (problem.file, problem.line, problem.value) == (str(path), 2, 70)
    assert isinstance(exc.value, lm.ResponsesError)


def test_read_answer_map_is_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("".join(f"text {i}: 3\n" for i in range(30_000)), encoding="utf-8")
    with pytest.raises(lm.AnswerMapError, match=r"larger than|too large|bytes"):
        lm.read_answer_map(big)
    many = tmp_path / "many.csv"
    many.write_text("text,value\n" + "".join(f"t{i},3\n" for i in range(1001)), encoding="utf-8")
    with pytest.raises(lm.AnswerMapError, match="more than 1000"):
        lm.read_answer_map(many)
    (tmp_path / "bin.csv").write_bytes(b"text,value\n\xff,3\n")
    with pytest.raises(lm.AnswerMapError, match="not UTF-8"):
        lm.read_answer_map(tmp_path / "bin.csv")
    with pytest.raises(lm.AnswerMapError):
        lm.read_answer_map(tmp_path / "missing.yaml")
    with pytest.raises(lm.AnswerMapError):
        lm.read_answer_map(tmp_path)


# --- header_rows -------------------------------------------------------------------------------


def test_header_rows_skips_that_many_records() -> None:
    read = lm.read_responses(
        _csv(
            "respondent_id,vc_values_stated",
            "Respondent,Our values...",
            "",
            "(scale),1-5",
            "r1,4",
        ),
        RUBRIC,
        header_rows=2,
    )
    assert read.respondent_ids == ("r1",)


def test_too_few_rows_to_skip_are_a_problem() -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(_csv("respondent_id,vc_values_stated", "r1,4"), RUBRIC, header_rows=2)
    assert _problems(exc) == ["missing_header_rows"]


@pytest.mark.parametrize("header_rows", [-1, 101, "Qualtric", "2"])
def test_bad_header_rows_are_refused(header_rows: Any) -> None:
    with pytest.raises(lm.ResponsesError) as exc:
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", "r1,4"), RUBRIC, header_rows=header_rows
        )
    assert exc.value.problems[0].path == "header_rows"


@pytest.mark.parametrize("header_rows", [1.0, True, None])
def test_header_rows_of_a_wrong_type_are_a_type_error(header_rows: Any) -> None:
    with pytest.raises(TypeError, match="header_rows"):
        lm.read_responses(
            _csv("respondent_id,vc_values_stated", "r1,4"), RUBRIC, header_rows=header_rows
        )
