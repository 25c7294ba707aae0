"""score_panel with response-quality screening and the survey design: the same scores,
quality and design rows as score_organizations, whatever the chunks (docs/panels.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._results.tables import TABLES, csv_text

V1 = "learning-organization@1.0.0"
FAST: dict[str, Any] = {"seed": 11, "n_resamples": 100}
SIZES = [12, 6, 25, 3, 9, 15]


@cache
def styled() -> tuple[lm.Rubric, lm.Responses]:
    """Six organizations; in each, some respondents answer "strongly agree" to everything."""
    rubric = lm.load_rubric(V1)
    sim = lm.simulate_responses(
        rubric, organizations=len(SIZES), respondents=SIZES, seed=4, manager_share=0.3
    ).responses
    values = np.array(sim.values, dtype=np.float64)
    values[::5] = 5.0  # every fifth respondent straightlines at the top of the scale
    metadata = {k: list(v) for k, v in sim.metadata.items()}
    responses = lm.responses_from_array(
        values,
        rubric,
        respondent_ids=list(sim.respondent_ids),
        organizations=list(sim.organizations),
        metadata=metadata,
        indicator_ids=list(sim.indicator_ids),
    )
    return rubric, responses


def population() -> lm.Population:
    names = styled()[1].organization_ids
    return lm.Population.of({name: 2 * size + 3 for name, size in zip(names, SIZES, strict=True)})


def _expected(**options: Any) -> lm.ReportSet:
    rubric, responses = styled()
    return lm.score_organizations(rubric, responses, **FAST, **options)


def _quality_rows(reports: lm.ReportSet) -> list[dict[str, Any]]:
    return [r.quality.to_records()[0] for r in reports.values() if r.quality is not None]


def _design_rows(reports: lm.ReportSet) -> list[dict[str, Any]]:
    return [row for r in reports.values() if r.design for row in r.design.to_records()]


@pytest.mark.parametrize("screen", ["flag", "exclude", "off"])
def test_panel_screens_as_score_organizations(screen: Any) -> None:
    rubric, responses = styled()
    expected = _expected(screen=screen, agreement=False)
    result = lm.score_panel(
        rubric, responses, screen=screen, chunk_organizations=2, agreement=False, **FAST
    )
    assert result.to_csv() == expected.to_csv()
    if screen == "off":
        assert result.quality is None
        return
    assert result.quality is not None
    assert result.quality.to_records() == _quality_rows(expected)
    qualities = [r.quality for r in expected.values() if r.quality is not None]
    assert result.quality.n_flagged == sum(q.n_flagged for q in qualities)
    excluded = sum(q.n_excluded for q in qualities)
    assert result.quality.n_excluded == excluded
    assert (excluded > 0) == (screen == "exclude")
    # the organizations' response_quality notices are counted in the panel's notices
    assert any(n.code == "response_quality" for n in result.notices)


def test_panel_design_equals_score_organizations() -> None:
    rubric, responses = styled()
    design: dict[str, Any] = {"population": population(), "cluster": "team"}
    expected = _expected(**design, screen="exclude")
    result = lm.score_panel(
        rubric, responses, chunk_organizations=4, screen="exclude", **design, **FAST
    )
    assert result.to_csv() == expected.to_csv()
    assert result.design is not None
    rows = result.design.to_records()
    assert rows == _design_rows(expected)
    assert len({r["organization"] for r in rows}) == len(SIZES)
    assert result.to_dict()["design"] == {"output": None}


def test_panel_population_from_a_file(tmp_path: Path) -> None:
    rubric, responses = styled()
    path = tmp_path / "population.csv"
    names = responses.organization_ids
    lines = [f"{n},{2 * s + 3}" for n, s in zip(names, SIZES, strict=True)]
    path.write_text("organization,headcount\n" + "\n".join(lines) + "\n", encoding="utf-8")
    from_file = lm.score_panel(rubric, responses, population=path, agreement=False, **FAST)
    given_object = lm.score_panel(
        rubric, responses, population=population(), agreement=False, **FAST
    )
    assert from_file.to_csv() == given_object.to_csv()
    assert from_file.design is not None
    assert given_object.design is not None
    assert from_file.design.to_records() == given_object.design.to_records()
    assert from_file.design.to_records()[0]["response_rate"] == pytest.approx(12 / 27, abs=1e-4)


def test_panel_tables_to_files_chunk_by_chunk(tmp_path: Path) -> None:
    rubric, responses = styled()
    design: dict[str, Any] = {"population": population(), "cluster": "team"}
    expected = _expected(**design, agreement=False)
    paths = {name: tmp_path / f"{name}.csv" for name in ("scores", "quality", "design")}
    result = lm.score_panel(
        rubric,
        responses,
        output=paths["scores"],
        quality_output=paths["quality"],
        design_output=paths["design"],
        chunk_organizations=1,
        agreement=False,
        **design,
        **FAST,
    )
    assert paths["scores"].read_text(encoding="utf-8") == expected.to_csv()
    assert paths["quality"].read_text(encoding="utf-8") == csv_text(
        _quality_rows(expected), TABLES["quality"]
    )
    assert paths["design"].read_text(encoding="utf-8") == csv_text(
        _design_rows(expected), TABLES["design"]
    )
    assert result.quality is not None
    assert result.design is not None
    assert result.quality.output == str(paths["quality"])
    with pytest.raises(ValueError, match="written to"):
        result.design.to_records()


def test_panel_to_a_file_keeps_only_quality_counts(tmp_path: Path) -> None:
    rubric, responses = styled()
    result = lm.score_panel(rubric, responses, output=tmp_path / "s.csv", agreement=False, **FAST)
    assert result.quality is not None
    assert result.quality.records is None
    assert result.quality.n_flagged > 0


def test_panel_refuses_bad_design_and_table_files(tmp_path: Path) -> None:
    rubric, responses = styled()
    with pytest.raises(lm.ScoringError, match="screen: 'maybe'"):
        lm.score_panel(rubric, responses, screen="maybe", **FAST)  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="interval: 'bca' is not available with cluster="):
        lm.score_panel(rubric, responses, cluster="team", interval="bca", **FAST)
    with pytest.raises(lm.ScoringError, match="no 'tema' column"):
        lm.score_panel(rubric, responses, cluster="tema", **FAST)
    with pytest.raises(lm.ScoringError, match="CSV only"):
        lm.score_panel(rubric, responses, quality_output=tmp_path / "q.parquet", **FAST)
    with pytest.raises(lm.ScoringError, match="same file"):
        lm.score_panel(
            rubric,
            responses,
            output=tmp_path / "a.csv",
            design_output=tmp_path / "a.csv",
            cluster="team",
            **FAST,
        )
    assert not (tmp_path / "a.csv").exists()
    with pytest.raises(TypeError, match="population"):
        lm.score_panel(rubric, responses, population={"x": 3}, **FAST)  # type: ignore[arg-type]


@settings(max_examples=6, deadline=None)
@given(st.integers(min_value=1, max_value=len(SIZES)))
def test_chunk_size_never_changes_screened_designed_results(size: int) -> None:
    rubric, responses = styled()
    design: dict[str, Any] = {"population": population(), "cluster": "team", "screen": "exclude"}
    result = lm.score_panel(rubric, responses, chunk_organizations=size, **design, **FAST)
    whole = lm.score_panel(rubric, responses, chunk_organizations=len(SIZES), **design, **FAST)
    assert result.to_csv() == whole.to_csv()
    assert result.quality is not None
    assert whole.quality is not None
    assert result.design is not None
    assert whole.design is not None
    assert result.quality.to_records() == whole.quality.to_records()
    assert result.design.to_records() == whole.design.to_records()
    assert result.notices == whole.notices
