"""The "don't know" answer in every responses reader, the model, the writer and simulation:
kept apart from "not applicable" and blanks, refused where the scale has none."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import DONT_KNOW_LABEL, dont_know_rubric

BASE = lm.load_rubric("learning-organization@1.0.0")
DK_ALL = dont_know_rubric()
MIXED = dont_know_rubric(["st_skill_gaps", "st_future_skills"])
"""Only st_skill_gaps and st_future_skills accept "don't know"."""


def _column(responses: lm.Responses, indicator: str) -> int:
    return responses.indicator_ids.index(indicator)


def _csv(rows: list[str]) -> io.StringIO:
    return io.StringIO("respondent_id,ex_job_rotation,st_skill_gaps\n" + "\n".join(rows) + "\n")


# --- CSV ----------------------------------------------------------------------------------


def test_csv_keeps_dont_know_apart_from_na_and_blank() -> None:
    text = _csv(["r1,4,DK", "r2,NA,dk", "r3,,2", "r4,Dk,"])
    r = lm.read_responses(text, DK_ALL)
    v, s = _column(r, "ex_job_rotation"), _column(r, "st_skill_gaps")
    assert r.dont_know[:, s].tolist() == [True, True, False, False]
    assert r.dont_know[:, v].tolist() == [False, False, False, True]
    assert r.not_applicable[:, v].tolist() == [False, True, False, False]
    assert np.isnan(r.values[r.dont_know]).all()
    blank = ~r.answered & ~r.not_applicable & ~r.dont_know
    assert blank[:, v].tolist() == [False, False, True, False]
    assert blank[:, s].tolist() == [False, False, False, True]
    assert r.dont_know.shape == r.values.shape
    assert r.dont_know.dtype == np.bool_


@pytest.mark.parametrize(
    "cell",
    [
        "Don't know",
        "don't know",
        "DON'T KNOW",
        "Don\u2019t know",
        "  don't   know ",
        "Ｄｏｎ'ｔ know",
    ],
)
def test_csv_reads_the_scale_label_normalized(cell: str) -> None:
    r = lm.read_responses(_csv([f"r1,4,{cell}"]), DK_ALL)
    assert r.dont_know[0, _column(r, "st_skill_gaps")]


def test_a_label_close_to_the_dont_know_label_is_no_answer_text() -> None:
    with pytest.raises(lm.ResponsesError) as caught:
        lm.read_responses(_csv(["r1,4,dont know"]), DK_ALL)
    assert caught.value.problems[0].code == "not_a_number"


def test_the_label_is_not_accepted_without_dont_know_on_the_scale() -> None:
    """A rubric without "don't know" refuses the token and the label, naming file, row and
    column: a DK is never read as a blank."""
    source = io.BytesIO(b"respondent_id,ex_job_rotation,st_skill_gaps\nr1,4,2\nr2,DK,3\n")
    source.name = "survey.csv"
    with pytest.raises(lm.ResponsesError) as caught:
        lm.read_responses(source, BASE)
    problem = caught.value.problems[0]
    assert problem.code == "dont_know_not_allowed"
    assert problem.location == (3, "ex_job_rotation")
    text = str(caught.value)
    assert "survey.csv" in text
    assert "row 3, column 'ex_job_rotation'" in text
    assert "'agree5' has no 'don't know' answer" in text


def test_dont_know_only_on_the_scales_that_accept_it() -> None:
    r = lm.read_responses(_csv(["r1,4,DK"]), MIXED)
    assert r.dont_know[0, _column(r, "st_skill_gaps")]
    with pytest.raises(lm.ResponsesError) as caught:
        lm.read_responses(_csv([f"r1,{DONT_KNOW_LABEL},DK"]), MIXED)
    assert [p.code for p in caught.value.problems] == ["dont_know_not_allowed"]
    assert caught.value.problems[0].location == (2, "ex_job_rotation")


def test_the_hint_of_a_bad_cell_names_dk_where_the_scale_accepts_it() -> None:
    with pytest.raises(lm.ResponsesError) as caught:
        lm.read_responses(_csv(["r1,4,9"]), MIXED)
    assert "DK for don't know" in (caught.value.problems[0].hint or "")


def test_na_token_dk_is_refused() -> None:
    with pytest.raises(lm.ResponsesError, match="na_token"):
        lm.read_responses(_csv(["r1,4,2"]), DK_ALL, na_token="dk")


# --- records, frames, Parquet, arrays -------------------------------------------------------


def test_records_read_dk_and_the_label() -> None:
    records: list[dict[str, object]] = [
        {"respondent_id": "r1", "ex_job_rotation": "DK", "st_skill_gaps": 3},
        {"respondent_id": "r2", "ex_job_rotation": DONT_KNOW_LABEL, "st_skill_gaps": None},
        {"respondent_id": "r3", "ex_job_rotation": "NA", "st_skill_gaps": "dk"},
    ]
    r = lm.responses_from_records(records, DK_ALL)
    v, s = _column(r, "ex_job_rotation"), _column(r, "st_skill_gaps")
    assert r.dont_know[:, v].tolist() == [True, True, False]
    assert r.dont_know[:, s].tolist() == [False, False, True]
    assert r.not_applicable[:, v].tolist() == [False, False, True]
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_records(records, MIXED)
    assert {p.code for p in caught.value.problems} == {"dont_know_not_allowed"}
    assert caught.value.problems[0].location == ("records", 0, "ex_job_rotation")


def test_frames_read_dk() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "respondent_id": ["r1", "r2", "r3"],
            "ex_job_rotation": [4, 5, 3],
            "st_skill_gaps": ["DK", "2", DONT_KNOW_LABEL.upper()],
        }
    )
    r = lm.responses_from_frame(frame, DK_ALL)
    assert r.dont_know[:, _column(r, "st_skill_gaps")].tolist() == [True, False, True]
    frame = frame.astype({"ex_job_rotation": object})
    frame.loc[1, "ex_job_rotation"] = "DK"
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_frame(frame, MIXED)
    assert caught.value.problems[0].code == "dont_know_not_allowed"
    assert caught.value.problems[0].location == ("frame", 1, "ex_job_rotation")


def test_parquet_panels_read_dk(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    sim = lm.simulate_responses(DK_ALL, organizations=2, respondents=12, seed=3, dont_know=0.2)
    path = tmp_path / "panel.parquet"
    csv_path = tmp_path / "panel.csv"
    text = lm.responses_to_csv_text(sim.responses, delimiter=";")
    csv_path.write_text(text, encoding="utf-8")
    rows = [line.split(";") for line in text.splitlines()]
    table = pa.table({name: [row[k] for row in rows[1:]] for k, name in enumerate(rows[0])})
    pq.write_table(table, path)
    options: dict[str, Any] = {"seed": 5, "n_resamples": 100, "agreement": False}
    from_parquet = lm.score_panel(DK_ALL, path, **options).to_records()
    from_csv = lm.score_panel(DK_ALL, csv_path, chunk_organizations=1, **options).to_records()
    direct = lm.score_organizations(DK_ALL, sim.responses, **options).to_records()
    assert from_parquet == direct
    assert from_csv == direct
    dk = {(row["organization"], row["id"]): row["dont_know"] for row in direct}
    for organization in sim.responses.organization_ids:
        rows_of = sim.responses.for_organization(organization)
        j = _column(rows_of, "st_skill_gaps")
        assert dk[(organization, "st_skill_gaps")] == int(rows_of.dont_know[:, j].sum())


def test_arrays_take_a_dont_know_mask() -> None:
    values = np.array([[4.0, np.nan], [np.nan, 2.0]])
    ids = ["ex_job_rotation", "st_skill_gaps"]
    mask = np.array([[False, True], [True, False]])
    r = lm.responses_from_array(values, DK_ALL, indicator_ids=ids, dont_know=mask)
    assert r.dont_know[:, _column(r, "st_skill_gaps")].tolist() == [True, False]
    assert r.dont_know[:, _column(r, "ex_job_rotation")].tolist() == [False, True]
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_array(values, MIXED, indicator_ids=ids, dont_know=mask)
    assert [p.code for p in caught.value.problems] == ["dont_know_not_allowed"]
    assert caught.value.problems[0].location == ("values", 1, 0)


@pytest.mark.parametrize(
    ("na", "dk", "code"),
    [
        (None, [[True, False]], "dont_know_with_value"),
        ([[False, True]], [[False, True]], "na_and_dont_know"),
        (None, [[1, 0]], "wrong_type"),
        (None, [[True]], "wrong_shape"),
    ],
)
def test_arrays_refuse_a_bad_dont_know_mask(na: object, dk: object, code: str) -> None:
    values = np.array([[4.0, np.nan]])
    ids = ["ex_job_rotation", "st_skill_gaps"]
    with pytest.raises(lm.ResponsesError) as caught:
        lm.responses_from_array(
            values,
            DK_ALL,
            indicator_ids=ids,
            not_applicable=None if na is None else np.array(na),
            dont_know=np.array(dk),
        )
    assert caught.value.problems[0].code == code


# --- the model --------------------------------------------------------------------------------


def test_dont_know_defaults_to_all_false() -> None:
    r = lm.Responses(
        indicator_ids=("a", "b"),
        values=np.array([[1.0, np.nan]]),
        not_applicable=np.zeros((1, 2), dtype=bool),
        respondent_ids=["r1"],
        organizations=["o"],
    )
    assert r.dont_know.shape == (1, 2)
    assert not r.dont_know.any()
    assert not r.dont_know.flags.writeable
    smaller = attrs.evolve(r, values=np.ones((1, 1)), not_applicable=[[False]], indicator_ids=["a"])
    assert smaller.dont_know.shape == (1, 1)


@pytest.mark.parametrize(
    ("dont_know", "code"),
    [
        ([[True, True]], "dont_know_with_value"),
        ([[False, False, False]], None),  # all False: reshaped, not an error
        ([[False, True, True]], "inconsistent_shape"),
        ([[False, True]], None),
    ],
)
def test_the_model_checks_the_mask(dont_know: list[list[bool]], code: str | None) -> None:
    fields: dict[str, Any] = {
        "indicator_ids": ("a", "b"),
        "values": np.array([[1.0, np.nan]]),
        "not_applicable": np.zeros((1, 2), dtype=bool),
        "respondent_ids": ["r1"],
        "organizations": ["o"],
    }
    if code is None:
        assert lm.Responses(**fields, dont_know=dont_know).n_dont_know == sum(dont_know[0])
        return
    with pytest.raises(lm.ResponsesError) as caught:
        lm.Responses(**fields, dont_know=dont_know)
    assert caught.value.problems[0].code == code


def test_na_and_dont_know_on_one_cell_is_refused() -> None:
    with pytest.raises(lm.ResponsesError, match="one or the other"):
        lm.Responses(
            indicator_ids=("a",),
            values=[[np.nan]],
            not_applicable=[[True]],
            dont_know=[[True]],
            respondent_ids=["r1"],
            organizations=["o"],
        )


def test_select_equals_and_for_organization_carry_dont_know() -> None:
    sim = lm.simulate_responses(DK_ALL, organizations=2, respondents=20, seed=4, dont_know=0.3)
    r = sim.responses
    one = r.for_organization("org-0002")
    rows = np.array([o == "org-0002" for o in r.organizations])
    assert np.array_equal(one.dont_know, r.dont_know[rows])
    assert r.select(np.arange(r.n_respondents)).equals(r)
    flipped = r.dont_know.copy()
    j = int(np.flatnonzero(flipped.any(0))[0])
    i = int(np.flatnonzero(flipped[:, j])[0])
    flipped[i, j] = False
    assert not attrs.evolve(r, dont_know=flipped).equals(r)


# --- writing and simulation ------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    share=st.floats(0.0, 0.5),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_written_dk_reads_back_equal(seed: int, share: float, delimiter: str) -> None:
    sim = lm.simulate_responses(DK_ALL, organizations=2, respondents=6, seed=seed, dont_know=share)
    text = lm.responses_to_csv_text(sim.responses, delimiter=delimiter)
    back = lm.read_responses(io.StringIO(text), DK_ALL)
    assert back.equals(sim.responses)
    assert text.count(f"{delimiter}DK") == int(sim.responses.dont_know.sum())


def test_simulation_draws_dont_know_at_the_asked_rate() -> None:
    sim = lm.simulate_responses(
        DK_ALL, organizations=4, respondents=250, seed=11, missing=0.05, dont_know=0.2
    )
    r = sim.responses
    assert r.dont_know.mean() == pytest.approx(0.2, abs=0.01)
    assert not (r.dont_know & r.not_applicable).any()
    assert sim.settings.dont_know == dict.fromkeys(DK_ALL.indicator_ids, 0.2)
    assert sim.settings.to_dict()["dont_know"]["st_skill_gaps"] == 0.2
    again = lm.simulate_responses(
        DK_ALL, organizations=4, respondents=250, seed=11, missing=0.05, dont_know=0.2
    )
    assert again.responses.equals(r)


def test_simulation_pattern_per_indicator_and_default_unchanged() -> None:
    sim = lm.simulate_responses(
        MIXED, organizations=1, respondents=400, seed=2, dont_know={"st_skill_gaps": 0.5}
    )
    r = sim.responses
    per_column = r.dont_know.mean(0)
    assert per_column[_column(r, "st_skill_gaps")] == pytest.approx(0.5, abs=0.06)
    assert per_column.sum() == per_column[_column(r, "st_skill_gaps")]
    plain = lm.simulate_responses(BASE, organizations=1, respondents=400, seed=2)
    kept = ~r.dont_know
    assert np.array_equal(plain.responses.values[kept], r.values[kept], equal_nan=True)
    assert np.array_equal(plain.responses.not_applicable, r.not_applicable)
    none = lm.simulate_responses(MIXED, organizations=1, respondents=400, seed=2)
    assert np.array_equal(none.responses.values, plain.responses.values, equal_nan=True)
    assert not none.responses.dont_know.any()
    assert sim.truth == plain.truth


@pytest.mark.parametrize(
    ("rubric", "dont_know", "message"),
    [
        (BASE, 0.1, "no scale of rubric learning-organization@1.0.0 accepts"),
        (MIXED, {"ex_job_rotation": 0.1}, "'ex_job_rotation' is on scale 'agree5'"),
        (MIXED, {"st_skill_gap": 0.1}, "did you mean 'st_skill_gaps'"),
        (MIXED, {"st_skill_gaps": 1.5}, r"dont_know\['st_skill_gaps'\]: 1.5"),
        (DK_ALL, "lots", "dont_know: 'lots' is not a share"),
        (DK_ALL, 0.95, "missing \\+ not_applicable \\+ dont_know"),
    ],
)
def test_simulation_refuses_bad_dont_know(
    rubric: lm.Rubric, dont_know: object, message: str
) -> None:
    with pytest.raises(lm.ScoringError, match=message):
        lm.simulate_responses(
            rubric,
            organizations=1,
            respondents=5,
            seed=1,
            dont_know=dont_know,  # type: ignore[arg-type]
        )


def test_the_dont_know_label_of_every_language_reads_as_dont_know() -> None:
    rubric = lm.load_rubric("learning-organization@1.1.0")
    first = rubric.indicators[0].id
    columns = ["respondent_id", "organization", *rubric.indicator_ids]
    rows = [["r1", "org", "En osaa sanoa", *["3"] * (len(columns) - 3)]]
    rows += [["r2", "org", "don't know", *["4"] * (len(columns) - 3)]]
    text = "\n".join(",".join(row) for row in [columns, *rows]) + "\n"
    for loaded in (rubric, rubric.in_language("fi")):
        responses = lm.read_responses(io.StringIO(text), loaded)
        column = responses.indicator_ids.index(first)
        assert responses.dont_know[:, column].tolist() == [True, True]
        assert responses.dont_know.sum() == 2


# --- the label in any of the rubric's languages (review9) ----------------------------------


@pytest.mark.parametrize("language", ["en", "fi"])
def test_dont_know_label_of_every_language_reads_as_dk(language: str) -> None:
    """The design: a cell holding the scale's ``dont_know_label`` in ANY of the rubric's
    languages is "don't know", whichever language was selected (a Finnish file scored
    with the English texts, and the other way round)."""
    rubric = lm.load_rubric("learning-organization@1.1.0", language=language)
    ids = [i.id for i in rubric.indicators]
    j = ids.index("st_skill_gaps")
    cells = ["DK", "En osaa sanoa", "Don't know", "EN OSAA SANOA"]
    rows = []
    for k, cell in enumerate(cells):
        answers = ["3"] * len(ids)
        answers[j] = cell
        rows.append(f"r{k}," + ",".join(answers))
    text = "respondent_id," + ",".join(ids) + "\n" + "\n".join(rows) + "\n"
    r = lm.read_responses(io.StringIO(text), rubric)
    assert r.dont_know[:, j].tolist() == [True] * len(cells)
    records = [{"respondent_id": f"r{k}", "st_skill_gaps": c} for k, c in enumerate(cells)]
    from_records = lm.responses_from_records(records, rubric)
    assert from_records.dont_know[:, from_records.indicator_ids.index("st_skill_gaps")].all()
