"""Delivering the output: exit codes when standard output or error cannot take it, and
``--output`` on every command that produces results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lomaturity.cli import main

FAST = ("--seed", "1", "--resamples", "100")


def _cli(*args: str, stdout: Any = subprocess.PIPE, stderr: Any = subprocess.PIPE) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "lomaturity.cli", *args],
        stdout=stdout,
        stderr=stderr,
        check=False,
        timeout=120,
    )


def test_closed_standard_output_exits_1_without_a_traceback() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, os; os.close(1); from lomaturity.cli import main; "
            "sys.exit(main(['rubrics']))",
        ],
        stderr=subprocess.PIPE,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_standard_output_exits_1_with_a_message() -> None:
    with open("/dev/full", "wb") as full:
        proc = _cli("rubrics", stdout=full)
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr
    assert b"cannot write the output" in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_input_error_exits_2_even_when_standard_error_is_full(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = _cli("validate", str(tmp_path / "missing.yaml"), stderr=full)
    assert proc.returncode == 2


def test_explain_writes_its_output_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "why.json"
    code = main(
        [
            "explain",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            *FAST,
            "--score",
            "overall",
            "--format",
            "json",
            "--organization",
            "harbor-city-agency",
            "--output",
            str(path),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == ""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["organization"] == "harbor-city-agency"
    assert data["explanation"]


def test_unwritable_output_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(
        [
            "score",
            "--example",
            "--rubric",
            "learning-organization@1.0.0",
            *FAST,
            "--output",
            str(tmp_path / "no" / "dir.csv"),
        ]
    )
    assert code == 2
    assert "cannot write" in capsys.readouterr().err
