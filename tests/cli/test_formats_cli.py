"""``--format text|json|csv|markdown|html`` and ``--output`` on every command that produces
results; documents escape what comes from the responses."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity.cli import main
from lomaturity.cli.parser import build_parser

FAST = ("--seed", "1", "--resamples", "100")
ORG = ("--organization", "harbor-city-agency")
RESULTS = ("score", "recommend", "explain", "benchmark", "compare", "compare-groups", "diff")


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _choices(command: str, option: str) -> tuple[str, ...]:
    for action in _subparsers()[command]._actions:
        if option in action.option_strings:
            return tuple(action.choices or ())
    raise AssertionError(f"{command} has no {option}")


@pytest.mark.parametrize("command", RESULTS)
def test_every_result_command_offers_the_formats_and_output(command: str) -> None:
    expected = {"text", "json", "markdown", "html"} | ({"csv"} if command != "explain" else set())
    assert set(_choices(command, "--format")) == expected
    options = {s for a in _subparsers()[command]._actions for s in a.option_strings}
    assert "--output" in options


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_markdown_is_a_document_with_the_scores_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "score", "--example", *ORG, *FAST, "--format", "markdown")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "# Learning organization maturity: scores"
    assert "## harbor\\-city\\-agency" in lines or "## harbor-city-agency" in lines
    header = next(line for line in lines if line.startswith("| level |"))
    assert header.startswith("| level | id | value | low | high | stage |")
    report = lm.score(
        lm.load_rubric(),
        lm.example_responses(),
        organization="harbor-city-agency",
        seed=1,
        n_resamples=100,
    )
    overall = next(line for line in lines if line.startswith("| overall |"))
    assert f"| {report.overall.value:.1f} |" in overall


def test_score_html_is_a_whole_page_with_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", "--example", *ORG, *FAST, "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert out.rstrip().endswith("</html>")
    assert "<table" in out
    assert "<script" not in out


def test_a_perception_gap_is_a_finding_note_in_a_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "score", "--example", *ORG, *FAST, "--details", "--format", "html")
    assert code == 0, err
    finding = out.split('<aside class="note finding">', 1)[1].split("</aside>", 1)[0]
    assert "rates overall" in finding
    warning = out.split('<aside class="note warning">', 1)[1].split("</aside>", 1)[0]
    assert "perception_gap" not in warning


def test_organization_names_are_escaped_in_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    evil = "<img src=x onerror=alert(1)>|# x"
    example = lm.example_responses().for_organization("harbor-city-agency")
    rows = list(csv.reader(io.StringIO(lm.responses_to_csv_text(example))))
    column = rows[0].index("organization")
    for row in rows[1:]:
        row[column] = evil
    path = tmp_path / "evil.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    code, out, err = run(capsys, "score", str(path), *FAST, "--format", "html")
    assert code == 0, err
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    code, out, err = run(capsys, "score", str(path), *FAST, "--format", "markdown")
    assert code == 0, err
    assert "\\<img src=x onerror=alert(1)\\>\\|" in out
    assert "<img" not in out.replace("\\<img", "")


@pytest.mark.parametrize(
    ("argv", "header"),
    [
        (("score", "--example", *ORG), "rubric,organization,level,id,value"),
        (("recommend", "--example", *ORG), "rubric,organization,id,status,rank"),
        (("benchmark", "--example", "--example-norms", *ORG), "rubric,organization,norm"),
        (("diff", "learning-organization@1.0.0", "learning-organization@1.1.0"), "first,second"),
    ],
)
def test_csv_is_the_tidy_table(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], header: str
) -> None:
    extra = () if argv[0] == "diff" else FAST
    code, out, err = run(capsys, *argv, *extra, "--format", "csv")
    assert code == 0, err
    assert out.startswith(header)


@pytest.mark.parametrize("form", ["json", "markdown", "html", "text"])
def test_explain_delivers_every_format_but_csv(
    capsys: pytest.CaptureFixture[str], form: str
) -> None:
    code, out, err = run(
        capsys, "explain", "--example", *ORG, *FAST, "--score", "overall", "--format", form
    )
    assert code == 0, err
    if form == "json":
        assert json.loads(out)["score"] == "overall"
    else:
        assert "harbor-city-agency" in out.replace("\\-", "-")


def test_explain_refuses_csv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["explain", "--example", "--score", "overall", "--format", "csv"])
    assert exit_.value.code == 2
    assert "invalid choice: 'csv'" in capsys.readouterr().err


def test_output_writes_the_document_to_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "diff.md"
    code, out, err = run(
        capsys,
        "diff",
        "learning-organization@1.0.0",
        "learning-organization@1.1.0",
        "--format",
        "markdown",
        "--output",
        str(target),
    )
    assert code == 0, err
    assert out == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Rubric changes: ")
    assert "| target | id | change |" in text


def test_compare_groups_markdown_shows_the_groups_that_vary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    path.write_text(lm.responses_to_csv_text(lm.example_responses()), encoding="utf-8")
    code, out, err = run(
        capsys, "compare-groups", str(path), "--by", "organization", *FAST, "--format", "markdown"
    )
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("| first |"))
    assert "| second |" in header


def test_the_summary_columns_are_columns_of_their_tables() -> None:
    from lomaturity._results.tables import (
        CONTEXT_COLUMNS,
        NUMBER_FORMATS,
        SUMMARY_COLUMNS,
        TABLES,
    )

    for kind, columns in SUMMARY_COLUMNS.items():
        assert set(columns) <= set(TABLES[kind]), kind
    every = {c for columns in TABLES.values() for c in columns}
    assert set(CONTEXT_COLUMNS) <= every
    assert set(NUMBER_FORMATS) <= every
