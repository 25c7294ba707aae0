"""score_panel on paths and files that must be refused with bounded work (issue 12's
rules for every read applied to the panel reader)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import lomaturity as lm

RUBRIC = lm.load_rubric("learning-organization@1.0.0")


@pytest.mark.parametrize("path", ["", "a\x00b", "/dev/zero"])
def test_unusable_paths_are_refused(path: str, tmp_path: Path) -> None:
    with pytest.raises(lm.ResponsesError):
        lm.score_panel(RUBRIC, path, output=tmp_path / "out.csv")


def test_a_directory_and_a_fifo_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        with pytest.raises(lm.ResponsesError, match="not a regular file"):
            lm.score_panel(RUBRIC, path, output=tmp_path / "out.csv")


def test_an_endless_line_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("respondent_id,organization\n" + "a" * (3 << 20), encoding="utf-8")
    with pytest.raises(lm.ResponsesError, match="longer than"):
        lm.score_panel(RUBRIC, path, output=tmp_path / "out.csv")


def test_a_field_over_the_csv_limit_is_a_responses_error(tmp_path: Path) -> None:
    path = tmp_path / "field.csv"
    path.write_text('respondent_id,organization\n"' + "a\n" * 100_000 + '"\n', encoding="utf-8")
    with pytest.raises(lm.ResponsesError, match="cannot be read as CSV"):
        lm.score_panel(RUBRIC, path, output=tmp_path / "out.csv")


@pytest.mark.parametrize("output", ["", "o\x00.csv"])
def test_unusable_output_paths_are_refused(output: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("respondent_id\n", encoding="utf-8")
    with pytest.raises(lm.ScoringError, match="not a usable file path"):
        lm.score_panel(RUBRIC, source, output=output)
