"""Write the survey-export fixtures of tests/survey/data/ from the bundled example data.

Each fixture holds respondents of ``lm.example_responses()`` (rubric
learning-organization@1.1.0) as a survey tool exports them: answer TEXT (the rubric's own
scale labels, Finnish or English) instead of numbers, the tool's own id and metadata
columns, and for Qualtrics its two extra header rows. tests/survey/test_exports.py reads
them back and checks that they give exactly the example's numbers. Run from the repository
root: ``python scripts/make_export_fixtures.py``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import lomaturity as lm

OUT = Path("tests/survey/data")


def _text(rubric: lm.Rubric, responses: lm.Responses, i: int, j: int) -> str:
    """Respondent ``i``'s answer to indicator ``j`` as the rubric's label in its language."""
    scale = rubric.scale(rubric.indicators[j].scale)
    if responses.dont_know[i, j]:
        return scale.dont_know_label or "DK"
    if responses.not_applicable[i, j]:
        return scale.na_label or "NA"
    value = responses.values[i, j]
    return "" if math.isnan(value) else scale.labels[int(value) - scale.min]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",", bom: bool = False) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8", newline="")


def _answers(rubric: lm.Rubric, part: lm.Responses, i: int) -> list[str]:
    return [_text(rubric, part, i, j) for j in range(len(rubric.indicators))]


def webropol_fi(example: lm.Responses) -> None:
    """Webropol-style: Finnish labels, ';' delimiter, UTF-8 with BOM, an ``ID`` column."""
    rubric = lm.load_rubric(language="fi")
    part = example.for_organization("brightloom-design")
    header = ["ID", "Vastausaika", "organization", "team", *rubric.indicator_ids]
    rows = [header]
    for i, rid in enumerate(part.respondent_ids):
        when = f"14.11.2026 {9 + i % 8}.{(7 * i) % 60:02d}"
        rows.append(
            [rid, when, part.organizations[i], part.teams[i] or "", *_answers(rubric, part, i)]
        )
    _write(OUT / "webropol-fi.csv", rows, delimiter=";", bom=True)


def forms_en(example: lm.Responses) -> None:
    """Microsoft Forms-style: English labels, ``ID``, times, e-mail and name columns."""
    rubric = lm.load_rubric(language="en")
    part = example.for_organization("quanta-software").select(range(20))
    header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "organization",
        *rubric.indicator_ids,
    ]
    rows = [header]
    for i, rid in enumerate(part.respondent_ids):
        start = f"11/14/26 {9 + i % 8}:{(7 * i) % 60:02d}:00"
        done = f"11/14/26 {9 + i % 8}:{(7 * i + 6) % 60:02d}:30"
        rows.append(
            [rid, start, done, "anonymous", "", part.organizations[i], *_answers(rubric, part, i)]
        )
    _write(OUT / "forms-en.csv", rows)


def qualtrics(example: lm.Responses) -> None:
    """Qualtrics-style: three header rows (names, question texts, import ids), a
    ``ResponseId`` column, choice text answers."""
    rubric = lm.load_rubric(language="en")
    part = example.for_organization("harbor-city-agency").select(range(15))
    meta = [
        ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/Helsinki"}),
        ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/Helsinki"}),
        ("Status", "Response Type", {"ImportId": "status"}),
        ("Progress", "Progress", {"ImportId": "progress"}),
        ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
        ("Finished", "Finished", {"ImportId": "finished"}),
        ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
        ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
        ("organization", "organization", {"ImportId": "organization"}),
    ]
    names = [m[0] for m in meta] + list(rubric.indicator_ids)
    texts = [m[1] for m in meta] + [i.statement for i in rubric.indicators]
    ids = [json.dumps(m[2], separators=(",", ":")) for m in meta]
    ids += [
        json.dumps({"ImportId": f"QID{k + 1}"}, separators=(",", ":"))
        for k in range(len(rubric.indicators))
    ]
    rows = [names, texts, ids]
    for i, rid in enumerate(part.respondent_ids):
        start = f"2026-11-14 {9 + i % 8:02d}:{(7 * i) % 60:02d}:00"
        end = f"2026-11-14 {9 + i % 8:02d}:{(7 * i + 6) % 60:02d}:30"
        rows.append(
            [
                start,
                end,
                "IP Address",
                "100",
                str(390 + 13 * i),
                "True",
                rid,
                "EN",
                part.organizations[i],
                *_answers(rubric, part, i),
            ]
        )
    _write(OUT / "qualtrics.csv", rows)


def main() -> None:
    example = lm.example_responses()
    webropol_fi(example)
    forms_en(example)
    qualtrics(example)


if __name__ == "__main__":
    main()
