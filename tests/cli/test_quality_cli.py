"""The command line shows response-quality flags and scores with --screen exclude."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lomaturity as lm
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRIC = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"


def _csv(tmp_path: Path, n: int, yea: int) -> Path:
    """``n`` respondents with random answers, the first ``yea`` answering 5 everywhere."""
    rubric = lm.load_rubric("learning-organization@1.0.0")
    rows = np.random.default_rng(3).integers(1, 6, size=(n, len(rubric.indicators)))
    rows[:yea] = 5
    lines = ["respondent_id,organization," + ",".join(rubric.indicator_ids)]
    lines += [f"r{i:02d},acme," + ",".join(str(v) for v in row) for i, row in enumerate(rows)]
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    return out if "--format" in argv else " ".join(out.split())  # text: lines unwrapped


def test_text_shows_flags_and_exclude_leaves_them_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_csv(tmp_path, 20, 4))
    common = ("score", path, "--rubric", str(RUBRIC), "--seed", "1", "--resamples", "200")
    flagged = _run(capsys, *common)
    assert (
        "response quality: 4 of 20 respondents flagged (4 straightlining, 4 acquiescent);"
        in flagged
    )
    assert "kept in the scores" in flagged
    assert "[response_quality]" in flagged
    excluded = _run(capsys, *common, "--screen", "exclude")
    assert "left out of the scores" in excluded
    assert "16 respondents;" in excluded
    data = json.loads(_run(capsys, *common, "--screen", "exclude", "--format", "json"))
    assert data["n_respondents"] == 16
    assert data["quality"]["n_excluded"] == 4
    assert data["options"]["screen"] == "exclude"
    off = _run(capsys, *common, "--screen", "off")
    assert "response quality" not in off
    assert "20 respondents;" in off


def test_screen_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["score", "--example", "--screen", "drop"])
    assert "invalid choice" in capsys.readouterr().err
