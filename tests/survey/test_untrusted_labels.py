"""Untrusted ids, organizations, metadata and column names (issue 12, items 6, 7, 13, 16):
spreadsheet formulas are neutralized in CSV text that still reads back equal, look-alike ids
are duplicates, ids holding control or bidirectional characters are refused, messages never
print such characters raw, and Decimal answers are numbers."""

from __future__ import annotations

import io
import unicodedata
from decimal import Decimal
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._format import (
    FORMULA_STARTS,
    UNSAFE,
    formula_quoted,
    formula_unquoted,
    printable,
    safe_line,
)
from lomaturity.responses import NO_ORGANIZATION

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
FIRST = RUBRIC.indicator_ids[0]
FORMULAS = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    '=HYPERLINK("http://x")',
]


def _example(**changes: Any) -> lm.Responses:
    return attrs.evolve(lm.example_responses("learning-organization@1.0.0"), **changes)


def _read(text: str) -> lm.Responses:
    return lm.read_responses(io.StringIO(text), RUBRIC)


def _cells(text: str) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(text)))


# --- item 6: formula injection -------------------------------------------------------------


def test_csv_text_neutralizes_formulas_and_reads_back_equal() -> None:
    responses = lm.example_responses("learning-organization@1.0.0")
    ids = list(responses.respondent_ids)
    ids[:5] = FORMULAS
    orgs = list(responses.organizations)
    orgs[0] = "=cmd|' /C calc'!A0"
    team = list(responses.metadata["team"])
    team[1] = "@evil"
    metadata = {**responses.metadata, "team": team, "-role": responses.metadata["role"]}
    del metadata["role"]
    hostile = _example(respondent_ids=ids, organizations=orgs, metadata=metadata)
    text = lm.responses_to_csv_text(hostile)
    rows = _cells(text)
    for row in rows:
        for cell in row:
            assert (
                not cell.startswith(FORMULA_STARTS) or cell.lstrip("+-").replace(".", "").isdigit()
            ), cell
    assert "'-role" in rows[0]
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert _read(text).equals(hostile)


def test_csv_text_keeps_numbers_and_plain_apostrophes() -> None:
    ids = list(lm.example_responses("learning-organization@1.0.0").respondent_ids)
    ids[:4] = ["-3.2", "+7", "'quoted", "'"]
    text = lm.responses_to_csv_text(_example(respondent_ids=ids))
    assert [row[0] for row in _cells(text)[1:5]] == ["-3.2", "+7", "'quoted", "'"]
    assert list(_read(text).respondent_ids[:4]) == ids[:4]


def test_reader_removes_one_quote_before_a_formula_character() -> None:
    """The documented reading rule: ``'`` + formula character or ``'`` loses the first ``'``."""
    head = f"respondent_id,organization,{FIRST}\n"
    text = head + "'=a,'-org,3\n''=b,''x,4\n'c,'',5\n"
    responses = _read(text)
    assert list(responses.respondent_ids) == ["=a", "'=b", "'c"]
    assert list(responses.organizations) == ["-org", "'x", "''"[1:]]


_AWKWARD = st.text(
    alphabet=st.sampled_from(["=", "+", "-", "@", "'", "a", "1", ".", ",", "e", " ", '"']),
    min_size=1,
    max_size=8,
)


@given(text=st.text(max_size=10) | _AWKWARD)
def test_property_formula_quoting_round_trips(text: str) -> None:
    quoted = formula_quoted(text)
    assert formula_unquoted(quoted) == text
    if quoted.startswith(FORMULA_STARTS):  # only a plain number starts like a formula
        assert quoted == text
        assert quoted[0] in "+-"


_names = (_AWKWARD | st.text(min_size=1, max_size=8)).filter(
    lambda s: s == s.strip() and s.strip() and "\x00" not in s and not UNSAFE.search(s)
)


_any_text = st.text(min_size=1, max_size=8).filter(lambda s: s == s.strip() and bool(s))
"""Organizations and metadata may hold invisible characters (only ids may not)."""


@given(
    ids=st.lists(
        _names, min_size=2, max_size=2, unique_by=lambda s: unicodedata.normalize("NFKC", s)
    ),
    orgs=st.lists(_names | _any_text, min_size=2, max_size=2),
    team=st.lists(_names | _any_text | st.none(), min_size=2, max_size=2),
    meta_name=_AWKWARD.filter(lambda s: s == s.strip() and bool(s)),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
@settings(max_examples=200, deadline=None)
def test_property_csv_round_trip_of_arbitrary_names(
    ids: list[str], orgs: list[str], team: list[str | None], meta_name: str, delimiter: str
) -> None:
    """Whatever the names, the writer either refuses them or writes text that reads back
    equal, and no written text cell starts like a formula (numbers aside)."""
    responses = lm.Responses(
        indicator_ids=RUBRIC.indicator_ids,
        values=np.full((2, len(RUBRIC.indicator_ids)), 3.0),
        not_applicable=np.zeros((2, len(RUBRIC.indicator_ids)), dtype=bool),
        respondent_ids=ids,
        organizations=orgs,
        metadata={meta_name: team},
        rubric_key=RUBRIC.key,
    )
    try:
        text = lm.responses_to_csv_text(responses, delimiter=delimiter)
    except lm.ResponsesError:
        return
    back = lm.read_responses(io.StringIO(text), RUBRIC)
    assert back.equals(responses)
    assert list(back.respondent_ids) == ids


# --- item 13: look-alike and unsafe ids ----------------------------------------------------

LOOK_ALIKES = ["r1\u200b", "\ufeffr1", "r1\u202e", "\uff52\uff11", "r\u20601"]


@pytest.mark.parametrize("other", LOOK_ALIKES)
def test_look_alike_ids_are_duplicates_in_csv(other: str) -> None:
    text = f"respondent_id,{FIRST}\nr1,3\n{other},4\n"
    with pytest.raises(lm.ResponsesError) as caught:
        _read(text)
    codes = {p.code for p in caught.value.problems}
    assert "duplicate_id" in codes
    message = str(caught.value)
    assert "differ only in invisible or look-alike characters" in message
    assert not UNSAFE.search(message.replace("\n", ""))


@pytest.mark.parametrize("other", LOOK_ALIKES)
def test_look_alike_ids_are_duplicates_in_records_frames_and_arrays(other: str) -> None:
    records = [{"respondent_id": "r1", FIRST: 3}, {"respondent_id": other, FIRST: 4}]
    with pytest.raises(lm.ResponsesError, match="duplicates"):
        lm.responses_from_records(records, RUBRIC)
    with pytest.raises(lm.ResponsesError, match="duplicates"):
        lm.responses_from_frame(pd.DataFrame(records), RUBRIC)
    values = np.full((2, len(RUBRIC.indicator_ids)), 3.0)
    with pytest.raises(lm.ResponsesError, match="duplicates"):
        lm.responses_from_array(values, RUBRIC, respondent_ids=["r1", other])


def test_writer_refuses_look_alike_ids() -> None:
    ids = list(lm.example_responses("learning-organization@1.0.0").respondent_ids)
    ids[1] = ids[0] + "\u200b"
    with pytest.raises(lm.ResponsesError, match="duplicates respondent_ids"):
        lm.responses_to_csv_text(_example(respondent_ids=ids))


@pytest.mark.parametrize(
    ("bad", "shown"),
    [
        ("r\x1b[31m2", "\\x1b"),
        ("r2\u202e", "\\u202e"),
        ("r\u20662", "\\u2066"),
        ("r\x852", "\\x85"),
        ("a\tb", "\\t"),
    ],
)
def test_ids_with_control_or_bidi_characters_are_refused(bad: str, shown: str) -> None:
    text = f'respondent_id,{FIRST}\nr1,3\n"{bad}",4\n'
    with pytest.raises(lm.ResponsesError) as caught:
        _read(text)
    (problem,) = caught.value.problems
    assert problem.code == "bad_id"
    assert problem.location == (3, "respondent_id")
    message = str(caught.value)
    assert "row 3, column 'respondent_id'" in message
    assert shown in message
    assert bad not in message
    with pytest.raises(lm.ResponsesError, match="plain text"):
        lm.responses_from_records([{"respondent_id": bad, FIRST: 3}], RUBRIC)
    with pytest.raises(lm.ResponsesError, match="plain text"):
        lm.responses_from_frame(pd.DataFrame([{"respondent_id": bad, FIRST: 3}]), RUBRIC)
    values = np.full((1, len(RUBRIC.indicator_ids)), 3.0)
    with pytest.raises(lm.ResponsesError, match="plain text"):
        lm.responses_from_array(values, RUBRIC, respondent_ids=[bad])
    ids = list(lm.example_responses("learning-organization@1.0.0").respondent_ids)
    ids[0] = bad
    with pytest.raises(lm.ResponsesError, match="plain text"):
        lm.responses_to_csv_text(_example(respondent_ids=ids))


def test_ascii_ids_keep_their_fast_path_and_distinct_ids_stay_distinct() -> None:
    records = [
        {"respondent_id": rid, FIRST: 3} for rid in ["r1", "R1", "r 1", "r\u00e91", "re\u03011"]
    ]
    # 'r\u00e91' and 're\u03011' are one id in NFKC (é composed and decomposed)
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_records(records, RUBRIC)
    assert [p.location for p in caught.value.problems] == [("records", 4, "respondent_id")]


# --- item 7: messages never print unsafe characters raw ------------------------------------


@pytest.mark.parametrize("name", ["vc_x\nforged line", "x\x1b[2J", "a\u202eb", "z\x00"])
def test_column_names_in_messages_are_escaped(name: str) -> None:
    text = f'respondent_id,{FIRST},"{name}"\nr1,3,\n'
    text += "r1,4,\n"
    try:
        _read(text)
    except lm.ResponsesError as error:
        message = str(error)
    else:  # pragma: no cover - the duplicate id is always reported
        raise AssertionError("no error")
    lines = message.split("\n")
    assert all(line.startswith("  - ") for line in lines[1:])
    assert not UNSAFE.search(message.replace("\n", ""))


def test_field_paths_of_records_are_escaped() -> None:
    key = "team\u034f"  # an identifier holding an invisible character
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_records([{"respondent_id": "a", key: [1], FIRST: 3}], RUBRIC)
    assert "\\u034f" in caught.value.problems[0].path


def test_empty_file_hint_escapes_the_id_column() -> None:
    with pytest.raises(lm.ResponsesError) as caught:
        lm.read_responses(io.StringIO(""), RUBRIC, id_column="id\x1b[2J")
    assert "id\\x1b[2J" in str(caught.value)
    assert "\x1b" not in str(caught.value)


def test_printable_and_safe_line() -> None:
    assert printable("plain – text ü") == "plain – text ü"
    assert printable("a\nb\x1b\u202e\U000e0041") == "a\\nb\\x1b\\u202e\\U000e0041"
    assert safe_line("=cmd") == "'=cmd"
    assert safe_line("  =cmd") == "  =cmd"
    assert safe_line("\t=x") == "\\t=x"


# --- item 16: Decimal answers are numbers --------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(Decimal("3"), 3.0), (Decimal("3.000"), 3.0), (Decimal("NaN"), None)],
)
def test_decimal_answers_are_numbers(answer: Decimal, expected: float | None) -> None:
    records = [{"respondent_id": "a", FIRST: answer}]
    value = lm.responses_from_records(records, RUBRIC).values[0, 0]
    assert (np.isnan(value) and expected is None) or value == expected
    frame = pd.DataFrame(records, dtype=object)
    assert np.array_equal(
        lm.responses_from_frame(frame, RUBRIC).values[0, :1], [value], equal_nan=True
    )


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (Decimal("3.5"), "is not a point on the 1..5 scale"),
        (Decimal("9"), "is outside the 1..5 scale"),
        (Decimal("1e400"), "is outside the 1..5 scale"),
        (Decimal("Infinity"), "is not a finite number"),
        (Decimal("sNaN"), "is not a number"),
    ],
)
def test_bad_decimal_answers_say_what_is_wrong(answer: Decimal, fragment: str) -> None:
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_records([{"respondent_id": "a", FIRST: answer}], RUBRIC)
    message = caught.value.problems[0].message
    assert message.startswith(fragment)
    assert "Decimal" not in message


def test_no_organization_is_never_quoted() -> None:
    """The implicit organization is left out of the file, so it needs no quoting."""
    responses = _example(
        organizations=[NO_ORGANIZATION]
        * lm.example_responses("learning-organization@1.0.0").n_respondents
    )
    assert _read(lm.responses_to_csv_text(responses)).equals(responses)
