"""The command line: validate, rubrics and score, with their exit codes and outputs."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

import pytest

import lomaturity as lm
from factories import pinned
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRIC = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(pinned(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(RUBRIC))
    assert code == 0
    assert "learning-organization@1.0.0" in out
    assert "4 dimensions" in out
    assert err == ""


def test_validate_bad_file_exits_2_with_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(RUBRIC.read_text(encoding="utf-8").replace("weight: 1.0", "weight: -1", 1))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert out == ""
    assert "bad.yaml" in err
    assert "weight: -1 is not > 0" in err


def test_rubrics_lists_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rubrics")
    assert code == 0
    assert out.startswith("learning-organization@1.0.0")


def test_score_example_text_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--seed",
        "1",
        "--resamples",
        "200",
    )
    assert code == 0
    for org in ("brightloom-design", "nordwind-manufacturing", "harbor-city-agency"):
        assert org in out
    assert "Dimension" in out
    assert "Practice" in out
    assert "Overall" in out


def test_score_json_is_to_dict_and_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    args = (
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--format",
        "json",
        "--seed",
        "3",
        "--resamples",
        "200",
    )
    code, first, _ = run(capsys, *args)
    assert code == 0
    _, second, _ = run(capsys, *args)
    data = json.loads(first)
    assert first == second
    org = data["organizations"]["nordwind-manufacturing"]
    assert org["interval"]["seed"] == 3
    assert set(org["dimensions"]) == {
        "values_culture",
        "strategy",
        "practice",
        "employee_experience",
    }
    assert "agreement" in org


def test_score_details_shows_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--seed",
        "1",
        "--resamples",
        "200",
        "--details",
    )
    assert code == 0
    assert "rwg(j)" in out
    assert "alpha" in out
    assert "Perception gap (manager − employee" in out
    assert "By team" in out


def test_score_csv_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import lomaturity as lm

    responses = lm.example_responses("learning-organization@1.0.0")
    one = responses.for_organization("quanta-software")
    path = tmp_path / "quanta.csv"
    path.write_text(lm.responses_to_csv_text(one), encoding="utf-8")
    code, out, _ = run(capsys, "score", str(path), "--format", "json", "--seed", "2")
    assert code == 0
    data = json.loads(out)
    assert data["organization"] == "quanta-software"
    assert 0 <= data["overall"]["low"] <= data["overall"]["value"] <= data["overall"]["high"]


def test_score_bad_csv_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("respondent_id,vc_values_stated\nr1,9\n", encoding="utf-8")
    code, out, err = run(capsys, "score", str(path))
    assert code == 2
    assert out == ""
    assert "bad.csv" in err
    assert "row 2" in err
    assert "'9'" in err


def test_score_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "nope.csv" in err


def test_score_unknown_rubric_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", "--example", "--rubric", "no-such-rubric")
    assert code == 2
    assert "no-such-rubric" in err


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lomaturity",
            "score",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            "--resamples",
            "100",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err


def test_score_one_organization_equals_its_panel_entry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = (
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--format",
        "json",
        "--seed",
        "3",
        "--resamples",
        "200",
    )
    code, panel, _ = run(capsys, *args)
    assert code == 0
    code, one, _ = run(capsys, *args, "--organization", "harbor-city-agency", "--details")
    assert code == 0
    report = json.loads(one)
    assert report["organization"] == "harbor-city-agency"
    assert report["rubric_fingerprint"].startswith("sha256:")
    assert {"agreement", "icc", "reliability"} <= set(report)
    data = json.loads(panel)
    expected = data["organizations"]["harbor-city-agency"]
    assert report["overall"] == expected["overall"]
    assert "icc" not in expected  # the panel's ICC block is written once, at the top
    assert report["icc"] == data["icc"]


def test_score_unknown_organization_exits_2_with_a_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys,
        "score",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--organization",
        "harbor",
    )
    assert code == 2
    assert "did you mean 'harbor-city-agency'" in err


def test_python_dash_m_runs_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["lomaturity", "rubrics"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("lomaturity", run_name="__main__")
    assert exit_info.value.code == 0
    assert "learning-organization" in capsys.readouterr().out


def test_example_with_another_rubric_is_refused_up_front(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    variant = lm.dump_rubric(lm.load_rubric("learning-organization@1.0.0")).replace(
        "reverse: true", "reverse: false", 1
    )
    path = tmp_path / "variant.yaml"
    path.write_text(variant, encoding="utf-8")
    assert main(pinned(["score", "--example", "--rubric", str(path)])) == 2
    err = capsys.readouterr().err
    assert "--example holds answers to the bundled learning-organization@1.0.0 rubric" in err
    assert "same id and version, other content" in err


def test_language_option_gives_the_finnish_texts(capsys: pytest.CaptureFixture[str]) -> None:
    """``--language fi`` loads the rubric's Finnish catalog (issue 9: load_rubric's
    language= on the command line too); an unknown language is a clear error."""
    args = ("--example", "--rubric", "learning-organization@1.1.0", "--seed", "1")
    code, out, _ = run(capsys, "score", *args, "--resamples", "100", "--language", "fi")
    assert code == 0, out
    assert "Strategia" in out
    assert "(learning-organization@1.1.0, fi)" in out
    assert "Strategy" not in out
    code, out, err = run(capsys, "recommend", *args, "--resamples", "100", "--language", "fi")
    assert code == 0, out + err
    assert "(learning-organization@1.1.0, fi)" in out
    code, out, err = run(capsys, "score", *args, "--language", "sv")
    assert code == 2
    assert "'sv' is not a language" in out + err
