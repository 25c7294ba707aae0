"""score_panel: the same scores as score_organizations, row for row, whatever the chunks;
the panel ICC equal to agreement()'s; bad input gets a clear error and no output file."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity.results import PanelResult

RESAMPLES = 100
SIZES = [1, 2, 5, 12, 3, 25, 4]


@cache
def _panel() -> tuple[lm.Rubric, lm.Responses]:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    sim = lm.simulate_responses(rubric, organizations=14, respondents=SIZES * 2, seed=3)
    return rubric, sim.responses


@cache
def _expected() -> str:
    rubric, responses = _panel()
    return lm.score_organizations(rubric, responses, seed=9, n_resamples=RESAMPLES).to_csv()


def _chunks(responses: lm.Responses, bounds: list[int]) -> Iterator[lm.Responses]:
    """Whole-organization chunks of ``responses`` cut before the organizations at ``bounds``."""
    names = responses.organization_ids
    cuts = [0, *sorted(set(bounds)), len(names)]
    for a, b in itertools.pairwise(cuts):
        if a == b:
            continue
        keep = set(names[a:b])
        rows = [i for i, o in enumerate(responses.organizations) if o in keep]
        records = [
            {
                "respondent_id": responses.respondent_ids[i],
                "organization": responses.organizations[i],
                **{
                    ind: (lm.NA if responses.not_applicable[i, j] else responses.values[i, j])
                    for j, ind in enumerate(responses.indicator_ids)
                },
            }
            for i in rows
        ]
        yield lm.responses_from_records(records, _panel()[0])


def _write(tmp_path: Path, responses: lm.Responses, name: str = "panel.csv") -> Path:
    path = tmp_path / name
    path.write_text(lm.responses_to_csv_text(responses), encoding="utf-8")
    return path


def test_in_memory_scores_equal_score_organizations() -> None:
    rubric, responses = _panel()
    result = lm.score_panel(rubric, responses, seed=9, n_resamples=RESAMPLES)
    assert isinstance(result, PanelResult)
    assert result.to_csv() == _expected()
    assert result.n_organizations == 14
    assert result.n_respondents == responses.n_respondents
    assert result.n_rows == len(result.to_records())
    assert result.columns is not None
    assert result.columns["value"].dtype == np.float64
    assert result.columns["n_respondents"].dtype == np.int64


def test_file_to_file_equals_score_organizations(tmp_path: Path) -> None:
    rubric, responses = _panel()
    source = _write(tmp_path, responses)
    out = tmp_path / "scores.csv"
    result = lm.score_panel(
        rubric, source, output=out, seed=9, n_resamples=RESAMPLES, chunk_organizations=3
    )
    assert out.read_text(encoding="utf-8") == _expected()
    assert result.columns is None
    assert result.output == str(out)
    with pytest.raises(ValueError, match="written to"):
        result.to_records()
    json.dumps(result.to_dict())


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=13), max_size=6))
def test_chunking_never_changes_a_number(bounds: list[int]) -> None:
    rubric, responses = _panel()
    result = lm.score_panel(rubric, _chunks(responses, bounds), seed=9, n_resamples=RESAMPLES)
    assert result.to_csv() == _expected()
    whole = lm.score_panel(rubric, responses, seed=9, n_resamples=RESAMPLES)
    assert result.icc == whole.icc
    assert result.notices == whole.notices


def test_panel_icc_equals_agreement() -> None:
    rubric, responses = _panel()
    result = lm.score_panel(rubric, _chunks(responses, [2, 5, 11]), seed=9, n_resamples=RESAMPLES)
    expected = lm.agreement(rubric, responses)
    assert result.icc == dict(expected.dimensions)
    codes = [n.code for n in result.notices]
    icc_codes = [n.code for n in expected.notices if n.code in ("low_icc2", "icc_undefined")]
    assert codes[: len(icc_codes)] == icc_codes


def test_undefined_icc_is_a_notice() -> None:
    rubric, responses = _panel()
    one = next(_chunks(responses, [1]))
    result = lm.score_panel(rubric, one, seed=9, n_resamples=RESAMPLES)
    assert all(d.icc2 is None for d in result.icc.values())
    assert "icc_undefined" in [n.code for n in result.notices]


def test_organization_notices_are_counted() -> None:
    rubric, responses = _panel()
    result = lm.score_panel(rubric, responses, seed=9, n_resamples=RESAMPLES)
    by_code = {n.code: n.message for n in result.notices}
    assert by_code["self_assessment"].startswith("2 of 14 organizations")


def test_agreement_false_has_no_icc() -> None:
    rubric, responses = _panel()
    result = lm.score_panel(rubric, responses, seed=9, n_resamples=RESAMPLES, agreement=False)
    assert result.icc == {}
    assert result.to_csv() == _expected()


def test_non_contiguous_organization_is_named_with_its_row(tmp_path: Path) -> None:
    rubric, responses = _panel()
    lines = lm.responses_to_csv_text(responses).splitlines(keepends=True)
    # org-0001 has 1 respondent (line 2), org-0002 two (lines 3-4): move line 4 to the end
    moved = [*lines[:3], *lines[4:], lines[3]]
    source = tmp_path / "mixed.csv"
    source.write_text("".join(moved), encoding="utf-8")
    with pytest.raises(lm.ResponsesError) as info:
        lm.score_panel(rubric, source, output=tmp_path / "s.csv", n_resamples=RESAMPLES)
    problem = info.value.problems[0]
    assert problem.code == "organization_not_contiguous"
    assert problem.line == len(lines)
    assert "'org-0002'" in problem.message
    assert "row 3" in problem.message
    assert not (tmp_path / "s.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["mixed.csv"]


def test_organization_split_over_chunks_is_refused() -> None:
    rubric, responses = _panel()
    with pytest.raises(lm.ScoringError, match="'org-0001' appears in chunk 2"):
        lm.score_panel(rubric, [responses, responses], n_resamples=RESAMPLES)


def test_bad_cell_far_down_names_its_line_and_leaves_no_output(tmp_path: Path) -> None:
    rubric, responses = _panel()
    lines = lm.responses_to_csv_text(responses).splitlines(keepends=True)
    cells = lines[-1].split(",")
    cells[5] = "seven"
    lines[-1] = ",".join(cells)
    source = tmp_path / "bad.csv"
    source.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(lm.ResponsesError) as whole:
        lm.read_responses(source, rubric)
    out = tmp_path / "s.csv"
    with pytest.raises(lm.ResponsesError) as info:
        lm.score_panel(rubric, source, output=out, n_resamples=RESAMPLES, chunk_organizations=2)
    assert [str(p) for p in info.value.problems] == [str(p) for p in whole.value.problems]
    assert info.value.problems[0].line == len(lines)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_file_problems(tmp_path: Path) -> None:
    rubric = _panel()[0]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(lm.ResponsesError, match="is empty"):
        lm.score_panel(rubric, empty, n_resamples=RESAMPLES)
    header = tmp_path / "header.csv"
    header.write_text("respondent_id,organization,vc_values_stated\n", encoding="utf-8")
    with pytest.raises(lm.ResponsesError, match="no respondent rows"):
        lm.score_panel(rubric, header, n_resamples=RESAMPLES)
    nul = tmp_path / "nul.csv"
    text = lm.responses_to_csv_text(_panel()[1])
    nul.write_bytes(text.encode() + b"x\x00y\n" + b"a" * (1 << 20) + b"\n")
    with pytest.raises(lm.ResponsesError, match="NUL"):
        lm.score_panel(rubric, nul, n_resamples=RESAMPLES)


def test_bad_arguments(tmp_path: Path) -> None:
    rubric, responses = _panel()
    with pytest.raises(TypeError, match="source: expected"):
        lm.score_panel(rubric, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="source chunk 2"):
        lm.score_panel(rubric, [responses, "x"], n_resamples=RESAMPLES)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="rubric"):
        lm.score_panel("learning-organization", responses)  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="chunk_organizations"):
        lm.score_panel(rubric, responses, chunk_organizations=0)
    with pytest.raises(lm.ScoringError, match="n_resamples"):
        lm.score_panel(rubric, responses, n_resamples=5)
    source = _write(tmp_path, responses)
    with pytest.raises(lm.ScoringError, match="the responses file itself"):
        lm.score_panel(rubric, source, output=source)
    with pytest.raises(lm.ScoringError, match="no responses"):
        lm.score_panel(rubric, [], n_resamples=RESAMPLES)
    with pytest.raises(TypeError, match="output"):
        lm.score_panel(rubric, responses, output=3)  # type: ignore[arg-type]


def test_too_large_for_memory_needs_output(monkeypatch: pytest.MonkeyPatch) -> None:
    rubric, responses = _panel()
    monkeypatch.setattr("lomaturity._assess.panel.MAX_IN_MEMORY_ORGANIZATIONS", 5)
    with pytest.raises(lm.ScoringError, match="output="):
        lm.score_panel(rubric, _chunks(responses, [3, 6]), n_resamples=RESAMPLES)


def test_parquet_in_and_out(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    rubric, responses = _panel()
    csv_source = _write(tmp_path, responses)
    out = tmp_path / "scores.parquet"
    lm.score_panel(rubric, csv_source, output=out, seed=9, n_resamples=RESAMPLES)
    table = pq.read_table(out)
    expected = lm.score_panel(rubric, responses, seed=9, n_resamples=RESAMPLES)
    assert expected.columns is not None
    assert table.column_names == list(expected.columns)
    np.testing.assert_array_equal(
        table.column("value").to_numpy(zero_copy_only=False), expected.columns["value"]
    )
    assert table.column("reason").to_pylist() == list(expected.columns["reason"])
    # Parquet input: the responses file as a table of text cells
    import csv

    rows = list(csv.DictReader(io.StringIO(lm.responses_to_csv_text(responses))))
    columns = {k: [r[k] or None for r in rows] for k in rows[0]}
    source = tmp_path / "responses.parquet"
    pq.write_table(pa.table(columns), source, row_group_size=7)
    result = lm.score_panel(rubric, source, seed=9, n_resamples=RESAMPLES, chunk_organizations=4)
    assert result.to_csv() == _expected()


def test_parquet_problems_name_the_file_row(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    rubric = _panel()[0]
    ids: list[object] = [f"r{i}" for i in range(6)]
    table: dict[str, list[object]] = {
        "respondent_id": ids,
        "organization": ["a", "a", "b", "b", "c", "c"],
        **{i: [3] * 6 for i in rubric.indicator_ids},
    }
    table[rubric.indicator_ids[0]][5] = 99
    source = tmp_path / "bad.parquet"
    pq.write_table(pa.table(table), source)
    with pytest.raises(lm.ResponsesError) as info:
        lm.score_panel(rubric, source, chunk_organizations=1, n_resamples=RESAMPLES)
    assert info.value.problems[0].path == f"row 5, column {rubric.indicator_ids[0]!r}"
    bad = tmp_path / "not.parquet"
    bad.write_text("not parquet", encoding="utf-8")
    with pytest.raises(lm.ResponsesError, match="cannot be read as Parquet"):
        lm.score_panel(rubric, bad, n_resamples=RESAMPLES)


def test_import_lomaturity_does_not_import_pyarrow_or_dask() -> None:
    code = (
        "import sys, lomaturity; print(sorted(m for m in ('pyarrow', 'dask') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(lm.__file__).parents[1])},
    )
    assert done.stdout.strip() == "[]"


def test_one_responses_with_interleaved_organizations_is_split_by_organization() -> None:
    rubric, responses = _panel()
    shuffled = responses.select(np.random.default_rng(4).permutation(responses.n_respondents))
    expected = lm.score_organizations(rubric, shuffled, seed=9, n_resamples=RESAMPLES)
    result = lm.score_panel(rubric, shuffled, seed=9, n_resamples=RESAMPLES, chunk_organizations=3)
    assert result.to_csv() == expected.to_csv()
    assert result.icc == dict(lm.agreement(rubric, shuffled).dimensions)


def test_bytes_that_are_not_utf8_far_down_name_their_line(tmp_path: Path) -> None:
    rubric, responses = _panel()
    text = lm.responses_to_csv_text(responses)
    lines = text.encode("utf-8").splitlines(keepends=True)
    blank = (1 << 20) + 5000  # past the checked head of the file; blank lines are skipped
    raw = b"".join([*lines, b"\n" * blank, lines[1].replace(b",", b",\xff", 1)])
    source = tmp_path / "latin.csv"
    source.write_bytes(raw)
    with pytest.raises(lm.ResponsesError) as info:
        lm.score_panel(rubric, source, output=tmp_path / "s.csv", n_resamples=RESAMPLES)
    problem = info.value.problems[0]
    assert problem.code == "bad_encoding"
    assert problem.line == len(lines) + blank + 1
    assert "b'\\xff'" in problem.message
