"""``lomaturity report``: one file per organization (or the one asked for), the format from
the ending, the baseline comparison and the norms, the rubric's language, clear errors."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity.cli import main

FAST = ("--seed", "3", "--resamples", "150")


def _h2(page: str) -> list[str]:
    return re.findall(r"<h2[^>]*>([^<]*)</h2>", page)


def test_one_file_per_organization(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["report", "--example", "--output", str(tmp_path / "r.html"), *FAST]) == 0
    out = capsys.readouterr().out
    names = list(lm.example_responses().organization_ids)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == sorted(f"r-{name}.html" for name in names)
    for name in names:
        assert f"r-{name}.html ('{name}')" in out
    page = (tmp_path / f"r-{names[0]}.html").read_text("utf-8")
    assert _h2(page)[0] == "Summary"
    assert "Next steps" in _h2(page)


def test_markdown_baseline_norms_finnish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    org = "harbor-city-agency"
    rubric = lm.load_rubric("learning-organization")
    rows = list(csv.reader(io.StringIO(lm.responses_to_csv_text(lm.example_responses(rubric)))))
    column = rows[0].index("organization")
    before = [row for row in rows[1:] if row[column] == org][::2]
    baseline = tmp_path / "2025.csv"
    with baseline.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *before])
    target = tmp_path / "harbor.md"
    argv = ["report", "--example", "--organization", org, "--output", str(target)]
    argv += ["--baseline", str(baseline), "--example-norms", "--language", "fi", *FAST]
    assert main(argv) == 0
    text = target.read_text("utf-8")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert "Muutos edellisestä kyselystä" in headings
    assert "Vertailu normiin" in headings
    assert "2025.csv" in text
    assert "KEKSITTY" in text  # the example norms are synthetic, in Finnish
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".md"] == ["harbor.md"]


def test_bad_ending_and_unknown_organization(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["report", "--example", "--output", str(tmp_path / "r.pdf"), *FAST]) == 2
    assert "name it .html or .md" in capsys.readouterr().err
    argv = ["report", "--example", "--organization", "nobody", "--output", str(tmp_path / "r.md")]
    assert main([*argv, *FAST]) == 2
    assert "nobody" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--example"])
    assert "--output" in capsys.readouterr().err
