"""The norms and benchmark commands: build a norm table from a responses file, benchmark
against it or the bundled synthetic one, in text, JSON and CSV; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import lomaturity as lm
from factories import pinned
from lomaturity._results.tables import TABLES
from lomaturity.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(pinned(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def panel_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    simulation = lm.simulate_responses(rubric, organizations=22, respondents=5, seed=4)
    path = tmp_path_factory.mktemp("panel") / "panel.csv"
    path.write_text(lm.responses_to_csv_text(simulation.responses), encoding="utf-8")
    return path


FAST = ("--seed", "1", "--resamples", "100")


def test_build_then_benchmark(
    capsys: pytest.CaptureFixture[str], panel_csv: Path, tmp_path: Path
) -> None:
    target = tmp_path / "norms.yaml"
    code, out, err = run(
        capsys,
        "norms",
        str(panel_csv),
        "--title",
        "Consortium 2026",
        "--source",
        "members' survey",
        "--date",
        "2026-03-01",
        "--output",
        str(target),
        *FAST,
    )
    assert (code, out, err) == (0, "", "")
    norms = lm.read_norms(target)
    assert (norms.title, norms.n_organizations, norms.synthetic) == ("Consortium 2026", 22, False)
    assert norms.date.isoformat() == "2026-03-01"
    code, out, err = run(
        capsys,
        "benchmark",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--norms",
        str(target),
        *FAST,
    )
    assert code == 0, err
    assert "SYNTHETIC" not in out
    assert "Consortium 2026 — members' survey; 22 organizations, 2026-03-01" in out
    assert out.count("Overall") == 4
    code, out, _ = run(
        capsys,
        "benchmark",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--norms",
        str(target),
        "--format",
        "csv",
        *FAST,
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == TABLES[lm.results.Benchmark.TABLE]
    assert {r["synthetic"] for r in rows} == {"false"}
    assert len(rows) == 4 * 5


def test_build_to_standard_output_as_json_marked_synthetic(
    capsys: pytest.CaptureFixture[str], panel_csv: Path
) -> None:
    code, out, _ = run(
        capsys,
        "norms",
        str(panel_csv),
        "--title",
        "T",
        "--source",
        "S",
        "--synthetic",
        "--indicators",
        "--format",
        "json",
        *FAST,
    )
    assert code == 0
    data = json.loads(out)
    assert data["synthetic"] is True
    assert len(data["scores"]) == 1 + 4 + 28
    assert lm.read_norms_bytes(out).synthetic is True


def test_benchmark_one_organization_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "benchmark",
        "--example",
        "--rubric",
        "learning-organization@1.0.0",
        "--example-norms",
        "--organization",
        "harbor-city-agency",
        "--format",
        "json",
        *FAST,
    )
    assert code == 0
    data = json.loads(out)
    assert data["organization"] == "harbor-city-agency"
    assert data["synthetic"] is True
    assert data["overall"]["band"] in {
        "bottom quartile",
        "second quartile",
        "third quartile",
        "top quartile",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["norms", "{panel}", "--title", "T", "--source", "S"], "at least 20 organizations"),
        (
            [
                "benchmark",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                "--norms",
                "{missing}",
            ],
            "file does not exist",
        ),
        (
            [
                "benchmark",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                "--norms",
                "{bad}",
            ],
            "$.synthetic",
        ),
        (
            [
                "benchmark",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                "--norms",
                "{other}",
            ],
            "other-rubric@1.0.0",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    few = lm.simulate_responses(rubric, organizations=5, respondents=4, seed=1).responses
    (tmp_path / "few.csv").write_text(lm.responses_to_csv_text(few), encoding="utf-8")
    text = lm.dump_norms(lm.example_norms("learning-organization@1.0.0"))
    (tmp_path / "bad.yaml").write_text(text.replace("synthetic: true", "synthetic: maybe"))
    (tmp_path / "other.yaml").write_text(
        text.replace("id: learning-organization", "id: other-rubric")
    )
    paths = {
        "panel": str(tmp_path / "few.csv"),
        "missing": str(tmp_path / "none.yaml"),
        "bad": str(tmp_path / "bad.yaml"),
        "other": str(tmp_path / "other.yaml"),
    }
    code, out, err = run(capsys, *(a.format(**paths) for a in argv), *FAST)
    assert code == 2
    assert out == ""
    assert err.startswith("lomaturity: error:")
    assert message in err
    assert "Traceback" not in err


def test_norms_and_example_norms_are_exclusive_and_one_is_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(pinned(["benchmark", "--example", "--rubric", "learning-organization@1.0.0"]))
    with pytest.raises(SystemExit):
        main(
            [
                "benchmark",
                "--example",
                "--rubric",
                "learning-organization@1.0.0",
                "--example-norms",
                "--norms",
                "x.yaml",
            ]
        )
    with pytest.raises(SystemExit):
        main(pinned(["norms", "x.csv", "--title", "T", "--source", "S", "--date", "01/02/2026"]))
    assert "is not a date YYYY-MM-DD" in capsys.readouterr().err
