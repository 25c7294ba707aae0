"""`lomaturity compare`: two responses files, text, JSON and CSV output, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import lomaturity as lm
from factories import pinned
from lomaturity.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(pinned(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    common = {"organizations": 2, "respondents": 10, "seed": 3, "team_sd": 0.0}
    one = lm.simulate_responses(rubric, **common)  # type: ignore[arg-type]
    two = lm.simulate_responses(rubric, maturity_mean=0.4, **common)  # type: ignore[arg-type]
    folder = tmp_path_factory.mktemp("waves")
    first, second = folder / "2025.csv", folder / "2026.csv"
    first.write_text(lm.responses_to_csv_text(one.responses), encoding="utf-8")
    second.write_text(lm.responses_to_csv_text(two.responses), encoding="utf-8")
    return first, second


def test_text_output_names_the_method_and_effect_size(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    code, out, err = run(
        capsys,
        "compare",
        str(files[0]),
        str(files[1]),
        "--organization",
        "org-0001",
        "--seed",
        "1",
        "--resamples",
        "200",
    )
    assert code == 0, err
    assert "org-0001: first → second" in out
    assert "paired-respondent-bootstrap" in out
    assert "d_av" in out
    assert "Holm-adjusted" in out
    assert "Overall" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_json_and_csv_agree_with_the_python_api(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    args = ["compare", str(files[0]), str(files[1]), "--seed", "2", "--resamples", "200"]
    code, out, _ = run(capsys, *args, "--format", "json", "--paired", "no")
    assert code == 0
    data = json.loads(out)
    assert set(data["organizations"]) == {"org-0001", "org-0002"}
    assert data["organizations"]["org-0001"]["method"] == "independent-respondent-bootstrap"
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, *args, "--format", "csv", "--output", str(target))
    assert code == 0
    assert out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    rubric = lm.load_rubric("learning-organization@1.0.0")
    result = lm.compare(
        lm.read_responses(files[0], rubric),
        lm.read_responses(files[1], rubric),
        rubric=rubric,
        seed=2,
        n_resamples=200,
    )
    assert [r["value"] for r in rows] == [str(r["value"]) for r in result.to_records()]
    assert rows[0]["effect_size_kind"] == "d_av"


def test_errors_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "compare", str(files[0]), str(tmp_path / "missing.csv"))
    assert code == 2
    assert "missing.csv" in err
    code, _, err = run(capsys, "compare", str(files[0]), str(files[1]), "--organization", "nope")
    assert code == 2
    assert "no organization 'nope'" in err
    code, _, err = run(capsys, "compare", str(files[0]), str(files[1]), "--resamples", "5")
    assert code == 2
    assert "n_resamples" in err


@pytest.mark.parametrize(
    ("options", "flags"),
    [
        ({"screen": "exclude"}, ["--screen", "exclude"]),
        ({"screen": "off"}, ["--screen", "off"]),
        ({"cluster": "team", "paired": False}, ["--cluster", "team", "--paired", "no"]),
    ],
)
def test_compare_takes_the_screening_and_design_options(
    capsys: pytest.CaptureFixture[str],
    files: tuple[Path, Path],
    options: dict[str, Any],
    flags: list[str],
) -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    first, second = (lm.read_responses(path, rubric) for path in files)
    expected = lm.compare(
        first, second, rubric=rubric, seed=5, n_resamples=200, interval="expanded", **options
    )
    code, out, err = run(
        capsys,
        "compare",
        *map(str, files),
        "--rubric",
        "learning-organization@1.0.0",
        "--seed",
        "5",
        "--resamples",
        "200",
        "--format",
        "csv",
        *flags,
    )
    assert code == 0, err
    assert out == expected.to_csv()


def test_compare_refuses_a_paired_cluster_design_with_a_message(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    code, _, err = run(capsys, "compare", *map(str, files), "--cluster", "team")
    assert code == 2
    assert "paired" in err
    assert "Traceback" not in err
