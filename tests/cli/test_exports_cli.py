"""The survey-export options (``--id-column``, ``--organization-column``,
``--no-organization-column``, ``--na-token``) on every command that reads responses."""

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
READERS = ("score", "recommend", "explain", "benchmark", "compare", "compare-groups", "norms")
EXPORT_OPTIONS = (
    "--id-column",
    "--organization-column",
    "--no-organization-column",
    "--na-token",
    "--answers",
    "--header-rows",
)


def _export(
    tmp_path: Path, name: str = "export.csv", organizations: int = 2, unit: str = "Unit"
) -> Path:
    """Example responses written as a survey tool might: ``ID`` and ``Unit`` columns and
    ``EOS`` (en osaa sanoa) for 'not applicable' in an indicator that accepts it."""
    example = lm.example_responses()
    rows = list(csv.reader(io.StringIO(lm.responses_to_csv_text(example))))
    chosen = set(example.organization_ids[:organizations])
    renamed = {"respondent_id": "ID", "organization": unit}
    header = [renamed.get(c, c) for c in rows[0]]
    na_column = header.index("st_development_discussion")
    body = [row for row in rows[1:] if row[header.index(unit)] in chosen]
    for row in body[::3]:
        row[na_column] = "EOS"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@pytest.mark.parametrize("command", [*READERS, "panel"])
def test_every_command_reading_responses_has_the_export_options(command: str) -> None:
    options = {s for a in _subparsers()[command]._actions for s in a.option_strings}
    assert set(EXPORT_OPTIONS) <= options


def test_score_reads_an_export_with_its_own_column_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    code = main(
        [
            "score",
            str(path),
            "--id-column",
            "ID",
            "--organization-column",
            "Unit",
            "--na-token",
            "EOS",
            *FAST,
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert len(data["organizations"]) == 2


def test_without_the_options_the_export_is_refused_naming_the_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["score", str(_export(tmp_path)), *FAST])
    err = capsys.readouterr().err
    assert code == 2
    assert "respondent_id" in err
    assert "Traceback" not in err


def test_the_na_token_is_what_makes_the_cells_not_applicable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    code = main(["score", str(path), "--id-column", "ID", "--organization-column", "Unit", *FAST])
    err = capsys.readouterr().err
    assert code == 2
    assert "EOS" in err


def test_no_organization_column_scores_everyone_as_one_organization(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _export(tmp_path, organizations=1, unit="organization")  # then metadata
    code = main(
        [
            "score",
            str(path),
            "--id-column",
            "ID",
            "--no-organization-column",
            "--na-token",
            "EOS",
            *FAST,
            "--format",
            "csv",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    organizations = {row["organization"] for row in csv.DictReader(io.StringIO(out))}
    assert len(organizations) == 1


def test_compare_reads_both_files_with_the_export_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _export(tmp_path, "first.csv", organizations=1)
    second = _export(tmp_path, "second.csv", organizations=1)
    code = main(
        [
            "compare",
            str(first),
            str(second),
            "--id-column",
            "ID",
            "--organization-column",
            "Unit",
            "--na-token",
            "EOS",
            *FAST,
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["overall"]["difference"] == pytest.approx(0.0, abs=1e-9)


def test_panel_passes_the_export_options_to_the_panel_reader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    scores = tmp_path / "scores.csv"
    code = main(
        [
            "panel",
            str(path),
            "--output",
            str(scores),
            "--id-column",
            "ID",
            "--organization-column",
            "Unit",
            "--na-token",
            "EOS",
            *FAST,
        ]
    )
    _, err = capsys.readouterr()
    assert code == 0, err
    assert scores.read_text(encoding="utf-8").startswith("rubric,organization,")


DATA = Path(__file__).resolve().parents[1] / "survey" / "data"
WEBROPOL = DATA / "webropol-fi.csv"
QUALTRICS = DATA / "qualtrics.csv"
FORMS = DATA / "forms-en.csv"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code = main([*argv, *FAST, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


@pytest.mark.parametrize(
    "argv",
    [
        (str(WEBROPOL), "--id-column", "ID", "--answers", "labels"),
        (str(FORMS), "--id-column", "ID", "--answers", "labels"),
        (
            str(QUALTRICS),
            "--id-column",
            "ResponseId",
            "--header-rows",
            "qualtrics",
            "--answers",
            "labels",
        ),
    ],
    ids=["webropol-fi", "forms-en", "qualtrics"],
)
def test_label_exports_score_with_answers_labels(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    data = _json(capsys, "score", *argv)
    assert data["rubric"] == "learning-organization@1.1.0" or "organizations" in data


def test_a_label_export_without_answers_is_refused_with_a_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["score", str(WEBROPOL), "--id-column", "ID", *FAST])
    err = capsys.readouterr().err
    assert code == 2
    assert "--answers" in err or "answers=" in err
    assert "Traceback" not in err


def test_an_answer_map_file_gives_the_same_scores_as_the_labels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rubric = lm.load_rubric(language="fi")
    lines = []
    for scale in rubric.scales:
        lines += [f'"{label}": {scale.min + k}' for k, label in enumerate(scale.labels)]
        if scale.dont_know_label:
            lines.append(f'"{scale.dont_know_label}": DK')
        if scale.na_label:
            lines.append(f'"{scale.na_label}": NA')
    answer_map = tmp_path / "vastaukset.yaml"
    answer_map.write_text("\n".join(dict.fromkeys(lines)) + "\n", encoding="utf-8")
    by_labels = _json(capsys, "score", str(WEBROPOL), "--id-column", "ID", "--answers", "labels")
    by_map = _json(
        capsys, "score", str(WEBROPOL), "--id-column", "ID", "--answers", str(answer_map)
    )
    assert by_map == by_labels


def test_a_bad_answer_map_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer_map = tmp_path / "map.yaml"
    answer_map.write_text('"Täysin samaa mieltä": 9\n', encoding="utf-8")
    code = main(["score", str(WEBROPOL), "--id-column", "ID", "--answers", str(answer_map), *FAST])
    err = capsys.readouterr().err
    assert code == 2
    assert "map.yaml" in err
    assert "Traceback" not in err


def test_qualtrics_rows_are_refused_without_header_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["score", str(QUALTRICS), "--id-column", "ResponseId", "--answers", "labels", *FAST]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "qualtrics" in err.lower()


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_header_rows_must_be_a_count_or_qualtrics(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["score", str(QUALTRICS), "--header-rows", value])
    assert exit_.value.code == 2
    assert "--header-rows" in capsys.readouterr().err


def test_header_rows_as_a_number_skips_rows_after_the_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = WEBROPOL.read_text(encoding="utf-8-sig").splitlines()
    extra = tmp_path / "with-question-row.csv"
    question_row = ";".join("question text" for _ in lines[0].split(";"))
    extra.write_text("\n".join([lines[0], question_row, *lines[1:]]) + "\n", encoding="utf-8")
    plain = _json(capsys, "score", str(WEBROPOL), "--id-column", "ID", "--answers", "labels")
    skipped = _json(
        capsys,
        "score",
        str(extra),
        "--id-column",
        "ID",
        "--answers",
        "labels",
        "--header-rows",
        "1",
    )
    assert skipped == plain


@pytest.mark.parametrize("spelling", ["LABELS", " Labels "])
def test_answers_labels_is_read_in_any_case_as_the_library_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
) -> None:
    path = tmp_path / "forms.csv"
    path.write_text(
        "ID,organization,vc_values_stated,vc_learning_talk\n1,A,Strongly agree,Often\n"
        "2,A,Agree,Never\n3,A,Disagree,Sometimes\n",
        encoding="utf-8",
    )
    common = ["score", str(path), "--id-column", "ID", "--format", "csv", "--allow-small", *FAST]
    assert main([*common, "--answers", "labels"]) == 0
    expected = capsys.readouterr().out
    assert main([*common, "--answers", spelling]) == 0
    assert capsys.readouterr().out == expected
