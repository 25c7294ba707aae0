"""The ``lomaturity panel`` command: file to file, the same scores as ``score --format csv``;
bad input exits with status 2 and a message, leaving no output file."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm
from factories import pinned
from lomaturity.cli import main


def _source(tmp_path: Path) -> Path:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    sim = lm.simulate_responses(rubric, organizations=5, respondents=[1, 4, 6, 3, 8], seed=2)
    path = tmp_path / "panel.csv"
    path.write_text(lm.responses_to_csv_text(sim.responses), encoding="utf-8")
    return path


def test_panel_writes_what_score_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    common = ["--seed", "4", "--resamples", "100"]
    assert main(pinned(["score", str(source), "--format", "csv", *common])) == 0
    expected = capsys.readouterr().out
    out = tmp_path / "scores.csv"
    code = main(
        pinned(["panel", str(source), "--output", str(out), "--chunk-organizations", "2", *common])
    )
    assert code == 0
    summary = capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == expected
    assert summary.startswith("scored 5 organizations (22 respondents, seed 4)")
    assert "ICC(1) / ICC(2) strategy:" in summary


def test_panel_parquet_output(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "scores.parquet"
    assert (
        main(pinned(["panel", str(_source(tmp_path)), "--output", str(out), "--resamples", "100"]))
        == 0
    )
    assert pq.read_table(out).num_rows == 5 * 33


def test_panel_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(tmp_path)
    text = source.read_text(encoding="utf-8").splitlines(keepends=True)
    source.write_text("".join([*text[:2], *text[3:], text[2]]), encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert main(pinned(["panel", str(source), "--output", str(out), "--resamples", "100"])) == 2
    err = capsys.readouterr().err
    assert "lomaturity: error:" in err
    assert "organization 'org-0002'" in err
    assert not out.exists()
    assert main(pinned(["panel", str(tmp_path / "missing.csv"), "--output", str(out)])) == 2
    assert "missing.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    "options",
    [["--screen", "exclude"], ["--screen", "off"], ["--cluster", "team"], ["--population", "POP"]],
)
def test_panel_takes_the_screening_and_design_options_of_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    source = _source(tmp_path)
    population = tmp_path / "population.csv"
    population.write_text(
        "organization,headcount\n" + "".join(f"org-000{k},40\n" for k in range(1, 6)),
        encoding="utf-8",
    )
    options = [str(population) if o == "POP" else o for o in options]
    common = ["--seed", "4", "--resamples", "100", *options]
    assert main(pinned(["score", str(source), "--format", "csv", *common])) == 0
    expected = capsys.readouterr().out
    out = tmp_path / "scores.csv"
    assert main(pinned(["panel", str(source), "--output", str(out), *common])) == 0
    capsys.readouterr()
    assert out.read_text(encoding="utf-8") == expected
