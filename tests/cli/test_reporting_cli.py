"""The command line withholds scores below the minimum reporting size unless --allow-small;
--interval offers every kind of the options validator, default auto."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lomaturity as lm
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRIC = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"


def _csv(tmp_path: Path, n: int) -> Path:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    rows = np.random.default_rng(1).integers(1, 6, size=(n, len(rubric.indicators)))
    lines = ["respondent_id,organization," + ",".join(rubric.indicator_ids)]
    lines += [f"r{i},tiny," + ",".join(str(v) for v in row) for i, row in enumerate(rows)]
    path = tmp_path / "tiny.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_text_withholds_and_allow_small_shows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_csv(tmp_path, 3))
    common = ("score", path, "--rubric", str(RUBRIC), "--seed", "1", "--resamples", "200")
    withheld = _run(capsys, *common)
    assert "not reportable" in withheld
    assert "not_reportable" in withheld
    shown = _run(capsys, *common, "--allow-small")
    assert "not reportable" not in shown
    data = json.loads(_run(capsys, *common, "--format", "json"))
    assert data["reportable"] is False
    assert data["interval"]["kind"] == "studentized_union"
    table = _run(capsys, *common, "--format", "csv", "--min-reporting-size", "2")
    header, first = table.splitlines()[:2]
    assert header.split(",")[-1] == "reportable"
    assert first.split(",")[-1] == "true"


def test_interval_choices_are_the_validators(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_csv(tmp_path, 6))
    for kind in ("auto", "percentile", "bca", "expanded", "studentized", "studentized_union"):
        data = json.loads(
            _run(
                capsys,
                "score",
                path,
                "--rubric",
                str(RUBRIC),
                "--seed",
                "1",
                "--resamples",
                "200",
                "--format",
                "json",
                "--interval",
                kind,
            )
        )
        assert data["options"]["interval"] == kind
