"""``lomaturity score --population FILE --cluster team``: the survey design on the command
line (docs/survey-design.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lomaturity.cli import main

ORG = "nordwind-manufacturing"
COMMON = ("score", "--example", "--seed", "3", "--resamples", "200", "--organization", ORG)


def _population(tmp_path: Path, text: str) -> str:
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_text_and_json_show_the_design(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pop = _population(
        tmp_path, f"organization,role,headcount\n{ORG},manager,24\n{ORG},employee,276\n"
    )
    assert main([*COMMON, "--population", pop, "--cluster", "team"]) == 0
    text = capsys.readouterr().out
    assert "survey design: 120 of 300 people responded (40%)" in text
    assert "weighted by role" in text
    assert "team clusters resampled" in text
    assert main([*COMMON, "--population", pop, "--format", "json", "--no-fpc"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["design"]["response_rate"] == 0.4
    assert data["design"]["fpc"] is None
    assert data["interval"]["method"] == "stratified-bootstrap"


def test_bad_population_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pop = _population(tmp_path, f"organization,headcount\n{ORG},100\n")
    assert main([*COMMON, "--population", pop]) != 0
    err = capsys.readouterr().err
    assert "120 respondents but a headcount of 100" in err
    assert "Traceback" not in err
