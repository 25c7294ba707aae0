"""The records of ``lm.compare_groups``: JSON, the ``comparisons`` table, CSV and frames."""

from __future__ import annotations

import csv
import io
import json

import pytest

import lomaturity as lm
from lomaturity._results.tables import TABLES
from lomaturity.results import GroupComparison

COLUMNS_KIND = "comparisons"


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def result(rubric: lm.Rubric) -> GroupComparison:
    sim = lm.simulate_responses(
        rubric, organizations=9, respondents=8, seed=3, sectors={"a": 0.0, "b": 0.3, "c": 0.6}
    )
    return lm.compare_groups(rubric, sim.responses, "sector", seed=1, n_resamples=200)


def test_public_paths() -> None:
    assert GroupComparison.__module__ == "lomaturity.results"
    assert lm.results.GroupContrast.__module__ == "lomaturity.results"
    assert lm.results.OrganizationGroup.__module__ == "lomaturity.results"
    assert lm.compare_groups.__module__ == "lomaturity"
    assert GroupComparison.TABLE == COLUMNS_KIND


def test_to_dict_is_json_ready_and_rounded(result: GroupComparison) -> None:
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["column"] == "sector"
    assert data["contrasts_kind"] == "pairwise"
    assert data["adjustment"] == "holm"
    assert data["effect_size_kind"] == "hedges_g_organizations"
    assert [(c["first"], c["second"]) for c in data["contrasts"]] == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
    ]
    overall = data["contrasts"][0]["overall"]
    assert overall["n_first"] == 3
    assert overall["difference"] == round(overall["difference"], 4)
    assert data["groups"]["a"]["n_organizations"] == 3


def test_records_one_row_per_contrast_and_score(rubric: lm.Rubric, result: GroupComparison) -> None:
    rows = result.to_records()
    per_contrast = 1 + len(rubric.dimensions) + len(rubric.indicators)
    assert len(rows) == 3 * per_contrast
    assert all(list(r) == list(TABLES[COLUMNS_KIND]) for r in rows)
    first = rows[0]
    assert first["column"] == "sector"
    assert first["organization"] is None
    assert (first["first"], first["second"], first["level"], first["id"]) == (
        "a",
        "b",
        "overall",
        "overall",
    )
    assert first["effect_size_kind"] == "hedges_g_organizations"
    assert first["adjustment"] == "holm"
    assert first["method"] == "organization-bootstrap-expanded"
    c = result.contrast("a", "b").overall
    assert first["value"] == pytest.approx(c.difference, abs=1e-4)
    assert first["p_adjusted"] == pytest.approx(c.p_adjusted, abs=1e-4)


def test_csv_and_frame(result: GroupComparison) -> None:
    text = result.to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(result.to_records())
    assert rows[0]["organization"] == ""
    pytest.importorskip("pandas")
    frame = result.to_frame()
    assert len(frame) == len(rows)
    assert list(frame.columns)[:5] == ["rubric", "organization", "column", "first", "second"]


def test_unadjusted_rows_leave_adjustment_empty(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        rubric, organizations=4, respondents=6, seed=3, sectors={"a": 0.0, "b": 0.3}
    )
    res = lm.compare_groups(rubric, sim.responses, "sector", seed=1, n_resamples=200, adjust="none")
    rows = res.to_records()
    assert all(r["adjustment"] is None and r["p_adjusted"] is None for r in rows)
