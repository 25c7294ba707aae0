"""``read_answer_map``: answer texts -> scale values from a small YAML or CSV file.

YAML, one mapping of answer text to value (a whole scale point, ``DK`` or ``NA``)::

    Täysin samaa mieltä: 5
    Jokseenkin samaa mieltä: 4
    En osaa sanoa: DK

CSV, a header ``text,value`` (``;`` as delimiter works too) and one row per text. Both are
read bounded (:data:`MAX_ANSWER_MAP_BYTES`, at most :data:`MAX_ANSWER_MAP_ENTRIES` texts;
YAML through the rubric loader's safe, budgeted reader); every problem names file, line,
text and value, with unsafe characters escaped (docs/survey-exports.md).
"""

from __future__ import annotations

import csv
import io
import os
from typing import Final

from .._model.answer_map import AnswerMap, AnswerValue
from .._model.rubric import Rubric
from .._rubrics.files import FileRefused, read_bounded
from .._rubrics.yaml import clip, read_yaml
from .._types import RUBRIC, expect
from ..exceptions import AnswerMapError, Problem
from .answers import entry_problem, map_problems

__all__ = ["MAX_ANSWER_MAP_BYTES", "MAX_ANSWER_MAP_ENTRIES", "read_answer_map"]

MAX_ANSWER_MAP_BYTES: Final = 256 * 1024
"""Largest answer-map file accepted, in bytes."""
MAX_ANSWER_MAP_ENTRIES: Final = 1000
"""Most answer texts one map may hold."""
_HEADER: Final = ("text", "value")

Read = tuple[dict[object, object], dict[str, int], list[Problem]]


def read_answer_map(path: str | os.PathLike[str], rubric: Rubric | None = None) -> AnswerMap:
    """An answer map (answer text -> scale value) from a YAML or CSV file.

    Args:
        path: the file; CSV when its name ends in ``.csv``, else YAML.
        rubric: when given, every value is checked against its scales now (else when the
            map is used, by :func:`read_responses`).

    Returns:
        An :class:`~lomaturity.responses.AnswerMap`; pass it as ``answers=`` to
        :func:`read_responses` or :func:`score_panel`.

    Raises:
        TypeError: ``rubric`` is not a rubric.
        AnswerMapError: the file cannot be read or is malformed, or an entry is not a text
            mapped to a whole scale point, ``DK`` or ``NA`` (every problem listed with file,
            line, text and value).
    """
    name = os.fsdecode(os.fspath(path))
    if rubric is not None:
        expect(rubric, Rubric, "rubric", RUBRIC)
    try:
        raw = read_bounded(name, MAX_ANSWER_MAP_BYTES)
    except FileRefused as exc:
        shown = name or None
        problem = Problem("file", exc.message, file=shown, show_value=False, code=exc.code)
        raise AnswerMapError([problem], shown) from None
    reader = _csv if name.lower().endswith(".csv") else _yaml
    entries, lines, problems = reader(raw, name)
    if not problems and len(entries) > MAX_ANSWER_MAP_ENTRIES:
        message = f"holds {len(entries)} texts, more than {MAX_ANSWER_MAP_ENTRIES}"
        problems = [_problem(name, message, None, code="too_many_answers")]
    if not problems and not entries:
        problems = [_problem(name, "maps no answer text", 1, code="empty_answer_map")]
    if not problems:
        problems = map_problems(entries, rubric, (name, lambda text: lines.get(str(text))))[2]
    if problems:
        raise AnswerMapError(problems, name)
    kept: dict[str, AnswerValue] = {}
    for text, value in entries.items():
        checked = entry_problem(text, value)[1]
        assert isinstance(text, str)  # map_problems found no problem
        assert checked is not None
        kept[text] = checked
    return AnswerMap(kept, name, lines)


def _problem(file: str, message: str, line: int | None, *, code: str) -> Problem:
    return Problem("file", message, file=file, line=line, show_value=False, code=code)


def _yaml(raw: bytes, file: str) -> Read:
    document, problems = read_yaml(raw, file)
    if document is None or problems:
        return {}, {}, problems
    data = document.data
    if not isinstance(data, dict):
        message = "is not a mapping of answer text to scale value (Täysin samaa mieltä: 5)"
        return {}, {}, [_problem(file, message, 1, code="not_answer_map")]
    lines = {str(text): document.lines.get((text,), 0) for text in data}
    return dict(data), lines, []


def _csv(raw: bytes, file: str) -> Read:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"is not UTF-8 text (byte {exc.start + 1})"
        return {}, {}, [_problem(file, message, None, code="not_utf8")]
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        message = f"is not a readable CSV file: {exc}"
        return {}, {}, [_problem(file, message, None, code="bad_csv")]
    header = tuple(cell.strip().casefold() for cell in rows[0]) if rows else ()
    if header != _HEADER:
        message = "does not start with the header 'text,value'"
        return {}, {}, [_problem(file, message, 1, code="not_answer_map")]
    entries: dict[object, object] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            message = f"has {len(row)} cells; expected 2 (text, value)"
            problems.append(_problem(file, message, number, code="wrong_row_length"))
            continue
        answer, value = row[0].strip(), row[1].strip()
        if answer in entries:
            message = f"repeats the text {clip(answer, 60)!r} of line {lines[answer]}"
            problems.append(_problem(file, message, number, code="duplicate_answer"))
            continue
        entries[answer] = value
        lines[answer] = number
    return entries, lines, problems
