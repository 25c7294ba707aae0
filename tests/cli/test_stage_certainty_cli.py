"""The command line never presents a stage's bootstrap support as a certainty: with 2
respondents who answer alike (support 1.00) it prints the measured accuracy, never
``p=1.00`` or a support of 1.00; below the minimum reporting size it prints no stage."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity._stats.stage_calibration_table import ACCURACY
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRIC = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"


def _alike(tmp_path: Path) -> Path:
    """Two respondents answering 4 everywhere: every resample lands in one stage."""
    ids = lm.load_rubric("learning-organization@1.0.0").indicator_ids
    lines = ["respondent_id,organization," + ",".join(ids)]
    lines += [f"r{i},pair," + ",".join("4" for _ in ids) for i in range(2)]
    path = tmp_path / "pair.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_two_respondents_never_print_certainty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_alike(tmp_path))
    common = ("--rubric", str(RUBRIC), "--seed", "1", "--resamples", "200", "--allow-small")
    report = lm.score(
        lm.load_rubric(RUBRIC), lm.read_responses(path, lm.load_rubric(RUBRIC)), seed=1,
        n_resamples=200, allow_small=True,
    )  # fmt: skip
    assert report.overall.stage is not None
    assert report.overall.stage_support[report.overall.stage] == 1.0  # the case in point
    top = ACCURACY[2][-1]
    assert top is not None
    text = _run(capsys, "score", path, *common)
    assert "p=" not in text
    assert "1.00" not in text
    assert f"({int(top)} % right)" in text
    assert "docs/stage-certainty.md" in text
    for subject in ("overall", "strategy"):
        explained = _run(capsys, "explain", path, *common, "--score", subject)
        assert "1.00" not in explained
        assert "> 0.99" in explained
        assert f"the true stage {int(top)} % of the time" in explained


def test_below_the_minimum_reporting_size_no_stage_is_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(_alike(tmp_path))
    text = _run(capsys, "score", path, "--rubric", str(RUBRIC), "--seed", "1")
    assert "not reportable" in text
    assert "right" not in text
    assert "Established" not in text
    assert "Developing" not in text
    explained = _run(
        capsys, "explain", path, "--rubric", str(RUBRIC), "--seed", "1", "--score", "overall"
    )
    assert "Bootstrap support" not in explained
