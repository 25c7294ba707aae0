"""The command line's tidy tables: ``--format csv`` and ``--output FILE`` (docs/tables.md)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity.cli import main

FAST = ("--example", "--rubric", "learning-organization@1.0.0", "--seed", "5", "--resamples", "200")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_csv_is_the_tidy_scores_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", *FAST, "--format", "csv")
    assert (code, err) == (0, "")
    rubric = lm.load_rubric("learning-organization@1.0.0")
    expected = lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=5, n_resamples=200
    )
    assert out == expected.to_csv()  # one line end after the last row, no blank line
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(expected) * (1 + 4 + 28)


def test_score_csv_of_one_organization(capsys: pytest.CaptureFixture[str]) -> None:
    org = "harbor-city-agency"
    code, out, _ = run(capsys, "score", *FAST, "--format", "csv", "--organization", org)
    assert code == 0
    assert {r["organization"] for r in csv.DictReader(io.StringIO(out))} == {org}


def test_score_csv_with_details_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["score", *FAST, "--format", "csv", "--details"])
    assert exc.value.code == 2
    assert "--format csv writes the scores table" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "json", "text"])
def test_output_writes_the_file_and_prints_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"scores.{fmt}"
    code, out, err = run(capsys, "score", *FAST, "--format", fmt, "--output", str(target))
    assert (code, out, err) == (0, "", "")
    _, printed, _ = run(capsys, "score", *FAST, "--format", fmt)
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    if fmt == "json":
        assert "organizations" in json.loads(target.read_text(encoding="utf-8"))


def test_recommend_csv_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    code, out, _ = run(capsys, "recommend", *FAST, "--format", "csv", "--output", str(target))
    assert (code, out) == (0, "")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    organizations = {r["organization"] for r in rows}
    assert len(organizations) == 4
    first = rows[0]
    assert first["rank"] == "1"
    assert first["status"] in {"triggered", "prerequisite"}
    assert any(r["status"] == "deferred" and r["rank"] == "" for r in rows)


def test_output_into_a_missing_folder_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "scores.csv"
    code, out, err = run(capsys, "score", *FAST, "--format", "csv", "--output", str(target))
    assert (code, out) == (2, "")
    assert err.startswith("lomaturity: error:")
    assert "nowhere" in err
    assert not target.parent.exists()


def test_explain_has_no_csv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["explain", *FAST, "--organization", "x", "--score", "overall", "--format", "csv"])
    assert "invalid choice: 'csv'" in capsys.readouterr().err
