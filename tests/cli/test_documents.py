"""The pieces of ``--format markdown|html`` documents: cells, columns, text as blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity._present.markup import BulletList, Paragraph
from lomaturity._results.tables import Record
from lomaturity.cli import main
from lomaturity.cli.documents import cell_text, shown_columns, summary_table, text_blocks

FAST = ("--seed", "1", "--resamples", "100")


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        ("value", 48.26, "48.3"),
        ("p_adjusted", 0.01234, "0.012"),
        ("stage_changed", True, "yes"),
        ("reportable", False, "no"),
        ("low", None, "—"),
        ("reason", "", "—"),
        ("n_respondents", 12, "12"),
        ("id", "overall", "overall"),
    ],
)
def test_cells_are_rounded_and_flags_and_gaps_readable(
    column: str, value: float | bool | str | None, shown: str
) -> None:
    assert cell_text(column, value) == shown


def test_empty_and_constant_context_columns_are_left_out() -> None:
    rows: list[Record] = [
        {
            "first": "2025",
            "second": "2026",
            "level": "overall",
            "id": "overall",
            "value": 1.0,
            "p_adjusted": None,
        },
        {
            "first": "2025",
            "second": "2026",
            "level": "dimension",
            "id": "strategy",
            "value": 2.0,
            "p_adjusted": None,
        },
    ]
    assert shown_columns("comparisons", rows) == ["level", "id", "value"]
    rows[1]["second"] = "2027"
    assert shown_columns("comparisons", rows)[:2] == ["second", "level"]


def test_no_rows_no_table() -> None:
    assert summary_table("scores", []) is None


def test_text_becomes_paragraphs_and_lists() -> None:
    text = (
        "A heading line\n\n\n\n"
        "  - first item that is long enough to wrap onto a second line of the output text\n"
        "      continued here\n"
        "  - second item\n"
    )
    blocks = text_blocks(text)
    assert blocks[0] == Paragraph("A heading line")
    assert isinstance(blocks[1], BulletList)
    items = [" ".join(str(run) for run in item) for item in blocks[1].items]
    assert items[0].endswith("continued here")
    assert items[1] == "second item"
    assert len(blocks) == 2


def test_compare_of_two_waves_shows_no_constant_side_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = lm.responses_to_csv_text(lm.example_responses().for_organization("quanta-software"))
    (tmp_path / "2025.csv").write_text(text, encoding="utf-8")
    (tmp_path / "2026.csv").write_text(text, encoding="utf-8")
    code = main(
        [
            "compare",
            str(tmp_path / "2025.csv"),
            str(tmp_path / "2026.csv"),
            *FAST,
            "--format",
            "markdown",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("| level |"))
    assert "| first |" not in header
    assert "| value |" in header


def test_compare_of_panels_has_a_section_per_organization(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = lm.responses_to_csv_text(lm.example_responses())
    (tmp_path / "a.csv").write_text(text, encoding="utf-8")
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    code = main(
        ["compare", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), *FAST, "--format", "markdown"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    sections = [line for line in out.splitlines() if line.startswith("## ")]
    assert len(sections) >= len(lm.example_responses().organization_ids)
