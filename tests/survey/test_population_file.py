"""The population CSV file (``lm.read_population``)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm


def test_read_population_totals_and_strata(tmp_path: Path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text("organization,headcount\nA,40\nB,12\n", encoding="utf-8")
    population = lm.read_population(path)
    assert {k: v.headcount for k, v in population.organizations.items()} == {"A": 40, "B": 12}
    assert population.file == str(path)
    path.write_text("organization,unit,headcount\nA,x,10\nA,y,30\n", encoding="utf-8")
    population = lm.read_population(path)
    assert population.by == "unit"
    assert population.organizations["A"].headcount == 40


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("organization,size\nA,4\n", "the header must be organization, headcount"),
        ("organization,headcount\nA,four\n", "line 2: headcount 'four' is not a whole number"),
        ("organization,headcount\nA,4\nA,5\n", "line 3: repeats 'A'"),
        ("organization,role,headcount\nA,m,4\nA,m,5\n", "line 3: repeats 'A', role 'm'"),
        ("organization,headcount\n,4\n", "line 2: has no organization"),
        ("organization,headcount\nA,4,5\n", "line 2: has 3 cells, the header 2"),
        ("organization,headcount\nA,0\n", "A: 0 is not within"),
    ],
)
def test_read_population_names_problems(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "pop.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lm.ScoringError, match=match):
        lm.read_population(path)


def test_read_population_missing_file(tmp_path: Path) -> None:
    with pytest.raises(lm.ScoringError, match="population file"):
        lm.read_population(tmp_path / "absent.csv")
