"""`lomaturity diff A B` and the cross-version options of compare and recommend
(`--second-rubric`, `--baseline-rubric`, `--migration`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity._results.tables import TABLES
from lomaturity.cli import main
from rubric_versions import MAP_PATH, new_rubric, old_rubric, same_answers

OLD = "learning-organization@1.0.0"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("versions")
    new = new_rubric()
    wave = lm.simulate_responses(old_rubric(), organizations=1, respondents=12, seed=4).responses
    paths = {
        "rubric": folder / "1.0.1.yaml",
        "old": folder / "old.csv",
        "new": folder / "new.csv",
    }
    paths["rubric"].write_text(lm.dump_rubric(new, schema=None), encoding="utf-8")
    paths["old"].write_text(lm.responses_to_csv_text(wave), encoding="utf-8")
    paths["new"].write_text(lm.responses_to_csv_text(same_answers(wave, new)), encoding="utf-8")
    return paths


def test_diff_text(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, out, err = run(capsys, "diff", OLD, str(files["rubric"]), "--migration", str(MAP_PATH))
    assert code == 0, err
    assert "comparable: migration" in out
    assert "rekeyed indicator pr_permission_required (reverse)" in out
    assert "renamed indicator st_learning_resources (id)" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_diff_json_csv_and_output(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "diff", OLD, str(files["rubric"]), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["comparable"] == "no"
    target = tmp_path / "changes.csv"
    code, out, _ = run(
        capsys, "diff", OLD, str(files["rubric"]), "--format", "csv", "--output", str(target)
    )
    assert code == 0
    assert out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(TABLES["changes"])
    assert len(rows) == len(data["changes"])


def test_diff_same_rubric_and_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", OLD, OLD)
    assert code == 0
    assert "comparable: yes" in out
    assert "0 change(s)" in out
    code, _, err = run(capsys, "diff", OLD, "no-such-rubric")
    assert code == 2
    assert "no-such-rubric" in err
    code, _, err = run(capsys, "diff", OLD, OLD, "--migration", "/nonexistent/map.yaml")
    assert code == 2
    assert "does not exist" in err


def test_compare_across_versions(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    argv = ["compare", str(files["old"]), str(files["new"]), "--rubric", OLD]
    argv += ["--second-rubric", str(files["rubric"]), "--seed", "1", "--resamples", "200"]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "no migration map" in err
    assert "--migration" in err
    code, out, err = run(capsys, *argv, "--migration", str(MAP_PATH), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["overall"]["difference"] == pytest.approx(0.0, abs=1e-9)
    assert data["notices"][0]["code"] == "linked_core"


def test_recommend_baseline_across_versions(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys,
        "recommend",
        str(files["new"]),
        "--rubric",
        str(files["rubric"]),
        "--baseline",
        str(files["old"]),
        "--baseline-rubric",
        OLD,
        "--migration",
        str(MAP_PATH),
        "--format",
        "json",
        "--seed",
        "1",
        "--resamples",
        "200",
    )
    assert code == 0, err
    data = json.loads(out)
    assert "linked_core" in [n["code"] for n in data["notices"]]
