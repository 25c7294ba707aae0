"""Answer texts to scale values: the ``answers=`` argument of :func:`lomaturity.read_responses`.

Survey tools (Webropol, Microsoft Forms, Qualtrics) often export the text of the chosen
option, not its number. ``answers="labels"`` reads those texts through the rubric's own
scale labels in every language it has; an :class:`~lomaturity.responses.AnswerMap` (or a
plain mapping) gives the texts explicitly. Texts are compared after
:func:`~.cells.normalized_token` (Unicode NFKC, typographic apostrophes, runs of whitespace,
case folding), numbers by value (:func:`answer_key`). Each column reads its texts through
the labels of its own indicator's scale, so the same word may mean different points on two
scales; a text that means two different things on ONE scale (two languages disagreeing, a
label equal to another point's number) is refused only when a cell holds it. Work is per
distinct text, never per cell: the cells are gathered through lookup arrays (numpy), so a
file of any length costs one dictionary lookup per cell (docs/survey-exports.md).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from attrs import frozen

from .._model.answer_map import DONT_KNOW, NOT_APPLICABLE, AnswerMap, AnswerValue
from .._model.rubric import Rubric, Scale
from .._rubrics.yaml import clip
from .._types import type_name
from ..exceptions import AnswerMapError, Problem
from .cells import (
    AMBIGUOUS,
    COMMA_NUMBER,
    IS_DK,
    IS_NA,
    NOT_NUMBER,
    NUMBER,
    OK,
    UNMAPPED,
    normalized_token,
)
from .problems import Problems

__all__ = [
    "LABELS",
    "MAX_ANSWER_TEXT",
    "MAX_UNMAPPED_SHOWN",
    "Answers",
    "Lookup",
    "answer_key",
    "answer_lookup",
    "apply_lookup",
    "check_na_against",
    "entry_problem",
    "label_among",
    "labels_not_read",
    "map_problems",
    "report_unmapped",
]

LABELS: Final = "labels"
"""``answers="labels"``: the rubric's own scale labels, in any of its languages."""

Answers = Literal["labels"] | Mapping[str, int | float | str] | AnswerMap | None
"""The ``answers=`` argument: ``None`` (numbers only), ``"labels"``, a mapping or a map."""

MAX_ANSWER_TEXT: Final = 200
"""Longest answer text a map may hold (characters)."""
MAX_UNMAPPED_SHOWN: Final = 20
"""Distinct unmapped texts listed in one error (the total counts them all)."""
_CELLS_SHOWN: Final = 5
"""Columns and rows named for each unmapped text."""


def answer_key(text: str) -> str:
    """The key a text is matched by: :func:`~.cells.normalized_token`, and a number (``3``,
    ``3.0``, ``03``, ``+3``, ``3e0``; ``3,0``) as its value, so that every spelling of one
    number is one answer (a map recoding ``"3"`` recodes ``"3.0"`` too)."""
    key = normalized_token(text)
    if NUMBER.fullmatch(key) or COMMA_NUMBER.fullmatch(key):
        number = float(key.replace(",", "."))
        if math.isfinite(number):
            return repr(number + 0.0)  # -0.0 is 0.0
    return key


Entry = tuple[float, int]
"""What a text reads as on one scale: (value, cell code)."""


@frozen
class Lookup:
    """``answers=`` resolved against a rubric.

    Attributes:
        kind: ``"labels"`` or ``"map"`` (for messages).
        tables: scale id -> normalized text -> (value, cell code); code :data:`AMBIGUOUS`
            for a text with two meanings on that scale.
        meanings: scale id -> normalized ambiguous text -> what it could mean (for messages).
        accepted: scale id -> the texts accepted on it, for hints.
    """

    kind: str
    tables: Mapping[str, Mapping[str, Entry]]
    meanings: Mapping[str, Mapping[str, str]]
    accepted: Mapping[str, str]


def answer_lookup(answers: object, rubric: Rubric, problems: Problems) -> Lookup | None:
    """Resolve ``answers=``; a bad argument is recorded in ``problems`` (``None`` then).

    Raises:
        AnswerMapError: a mapping or map with bad entries (every one listed).
        TypeError: ``answers`` is neither ``None``, a string, a mapping nor an AnswerMap.
    """
    if answers is None:
        return None
    if isinstance(answers, str):
        if answers.strip().casefold() == LABELS:
            return _label_lookup(rubric, problems)
        problems.argument(
            "answers",
            f"is not {LABELS!r}, a mapping of answer text to scale value or an AnswerMap",
            answers,
            hint="to read a mapping file, pass answers=lm.read_answer_map(path)",
        )
        return None
    if isinstance(answers, AnswerMap):
        return _map_lookup(answers, rubric)
    if isinstance(answers, Mapping):
        return _map_lookup(AnswerMap(dict(answers)), rubric)
    raise TypeError(
        f"answers: expected None, {LABELS!r}, a mapping of answer text to scale value or a "
        f"lomaturity.responses.AnswerMap, got {type_name(answers)}"
    )


def _label_sets(rubric: Rubric, scale: Scale) -> list[tuple[str, Sequence[str], str | None]]:
    """(language, point labels, "don't know" label) of ``scale`` in every language."""
    sets: list[tuple[str, Sequence[str], str | None]] = []
    for language, catalog in rubric.texts.items():
        prefix = f"scales.{scale.id}."
        labels = [catalog.get(f"{prefix}labels.{i}", "") for i in range(scale.points)]
        sets.append((language, labels, catalog.get(prefix + "dont_know_label")))
    if rubric.language not in rubric.texts:
        sets.append((rubric.language, scale.labels, scale.dont_know_label))
    return sets


def _na_labels(rubric: Rubric, scale: Scale) -> list[tuple[str, str]]:
    found = [(rubric.language, scale.na_label)] if scale.na_label else []
    found += [
        (language, catalog.get(f"scales.{scale.id}.na_label", ""))
        for language, catalog in rubric.texts.items()
    ]
    return [(language, text) for language, text in found if text]


def _describe(value: float, code: int) -> str:
    if code == IS_DK:
        return "don't know"
    if code == IS_NA:
        return "not applicable"
    return str(int(value)) if math.isfinite(value) and value == int(value) else str(value)


def _label_table(rubric: Rubric, scale: Scale) -> tuple[dict[str, Entry], dict[str, str], str]:
    """One scale's table: its labels in every language; texts with two meanings marked."""
    found: dict[str, dict[Entry, list[str]]] = {}

    def add(text: str, entry: Entry, language: str) -> None:
        key = answer_key(text)
        if key:
            found.setdefault(key, {}).setdefault(entry, []).append(language)

    shown: list[str] = []
    for language, labels, dont_know in _label_sets(rubric, scale):
        for point, label in zip(range(scale.min, scale.max + 1), labels, strict=False):
            add(label, (float(point), OK), language)
        if scale.dont_know and dont_know:
            add(dont_know, (math.nan, IS_DK), language)
        if any(labels):
            shown.append(f"{' / '.join(clip(label, 40) for label in labels)} ({language})")
    for language, text in _na_labels(rubric, scale):
        add(text, (math.nan, IS_NA), language)
    table: dict[str, Entry] = {}
    meanings: dict[str, str] = {}
    for key, entries in found.items():
        if NUMBER.fullmatch(key) and (float(key), OK) not in entries:
            entries.setdefault((float(key), OK), []).append("a number")
        if len(entries) == 1:
            table[key] = next(iter(entries))
            continue
        table[key] = (math.nan, AMBIGUOUS)
        meanings[key] = " or ".join(
            f"{_describe(*entry)} ({', '.join(dict.fromkeys(where))})"
            for entry, where in entries.items()
        )
    numbers = f"or the numbers {scale.min}..{scale.max}"
    return table, meanings, clip("; ".join([*shown, numbers]), 400)


def _label_lookup(rubric: Rubric, problems: Problems) -> Lookup | None:
    tables, meanings, accepted = {}, {}, {}
    for scale in rubric.scales:
        tables[scale.id], meanings[scale.id], accepted[scale.id] = _label_table(rubric, scale)
    if not any(tables.values()):
        problems.argument(
            "answers",
            f"is {LABELS!r}, but rubric {rubric.key} has no scale labels to read answers by",
            show_value=False,
            hint="give answers= a mapping of answer text to scale value (lm.read_answer_map)",
        )
        return None
    return Lookup(LABELS, tables, meanings, accepted)


def check_na_against(problems: Problems, lookup: Lookup | None, na_token: object) -> None:
    """Record a problem when ``na_token`` (the "not applicable" cell text) is also an answer
    text of ``lookup`` with another meaning (a scale label or a mapped text read as a point
    or as don't know): which of the two a cell meant could not be told."""
    if lookup is None or not isinstance(na_token, str) or not na_token.strip():
        return
    key = answer_key(na_token)
    for scale_id, table in lookup.tables.items():
        value, code = table.get(key, (math.nan, IS_NA))
        if code != IS_NA:
            source = "a label of scale" if lookup.kind == LABELS else "mapped on scale"
            meaning = "two meanings" if code == AMBIGUOUS else _describe(value, code)
            problems.argument(
                "na_token",
                f"is {source} {scale_id!r} ({meaning}); it cannot also mean 'not applicable'",
                na_token,
                hint="use another not-applicable token, or leave the text out of the map",
            )
            return


def label_among(
    rubric: Rubric, texts: Sequence[str], codes: Sequence[int], positions: npt.NDArray[np.intp]
) -> str | None:
    """The first text in reading order (``positions``: each cell's index in the distinct
    ``texts``) that was not a number (``codes``) but is a scale label of ``rubric`` in one
    of its languages: a file of label answers read without ``answers="labels"``."""
    lookup = _label_lookup(rubric, Problems(None))
    if lookup is None or not positions.size:
        return None
    known = {key for table in lookup.tables.values() for key in table}
    distinct, first = np.unique(positions, return_index=True)
    order: list[int] = distinct[np.argsort(first, kind="stable")].tolist()
    return next(
        (texts[t] for t in order if codes[t] == NOT_NUMBER and answer_key(texts[t]) in known),
        None,
    )


def labels_not_read(problems: Problems, text: str) -> None:
    """Record that the answers hold scale labels (``text``) but were read as numbers."""
    problems.add(
        (0, 0),
        "answers",
        f"hold scale labels of the rubric (such as {clip(text, 40)!r}) but were read as "
        "numbers only",
        show_value=False,
        code="labels_not_read",
        location=("answers",),
        hint="pass answers='labels' to read the rubric's scale labels in any of its languages",
    )


def entry_problem(text: object, value: object) -> tuple[str, AnswerValue | None]:
    """Check one entry of an answer map: ``(problem message, "")`` or ``("", value)``
    with the value as a whole number, ``"DK"`` or ``"NA"``. Range is checked later,
    against a rubric (:func:`scale_problem`)."""
    if not isinstance(text, str) or not normalized_token(text):
        return "is not a non-blank answer text", None
    if len(text) > MAX_ANSWER_TEXT:
        return f"is longer than {MAX_ANSWER_TEXT} characters", None
    if isinstance(value, str):
        token = value.strip().upper()
        if token in (DONT_KNOW, NOT_APPLICABLE):
            return "", DONT_KNOW if token == DONT_KNOW else NOT_APPLICABLE
        if NUMBER.fullmatch(value.strip()):
            value = float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return "maps to something that is not a scale point, 'DK' or 'NA'", None
    number = float(value)
    if not math.isfinite(number) or number != int(number):
        return "maps to a value that is not a whole scale point", None
    return "", int(number)


def scale_problem(value: AnswerValue, rubric: Rubric) -> str:
    """Why ``value`` fits no scale of ``rubric`` (``""`` when it fits one)."""
    if isinstance(value, str):
        if value == DONT_KNOW and not any(s.dont_know for s in rubric.scales):
            return f"maps to DK, but no scale of rubric {rubric.key} has a 'don't know' answer"
        return ""
    if any(s.min <= value <= s.max for s in rubric.scales):
        return ""
    ranges = ", ".join(dict.fromkeys(f"{s.min}..{s.max}" for s in rubric.scales))
    return f"maps to {value}, a point on no scale of rubric {rubric.key} ({ranges})"


def map_problems(
    entries: Mapping[Any, object], rubric: Rubric | None, at: tuple[str | None, LineOf]
) -> tuple[dict[str, Entry], dict[str, str], list[Problem]]:
    """Check an answer map's ``entries`` (text -> value; against ``rubric``'s scales when
    given): the table (normalized text -> (value, code)), the first spelling of each
    normalized text, and one problem per bad entry (``at``: the file and the line of a
    text, for messages)."""
    file, line_of = at
    table: dict[str, Entry] = {}
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for text, raw in entries.items():
        message, value = entry_problem(text, raw)
        if value is not None and rubric is not None:
            message = scale_problem(value, rubric)
        if isinstance(text, str) and not message:
            key = answer_key(text)
            entry = _entry(value)
            if key in table and table[key] != entry:
                message = f"is the same text as {clip(first[key], 60)!r}, mapped to another value"
            table[key] = entry
            first.setdefault(key, text)
        if message:
            shown = clip(text, 60) if isinstance(text, str) else type_name(text)
            problems.append(
                Problem(
                    f"answer {shown!r}",
                    message,
                    raw if isinstance(raw, str | int | float) else type_name(raw),
                    file,
                    line_of(text),
                    code="bad_answer_map",
                    location=("answers", shown),
                )
            )
    return table, first, problems


LineOf = Callable[[object], int | None]
"""An answer text -> the line of the map file that holds it."""


def _entry(value: AnswerValue | None) -> Entry:
    if value == DONT_KNOW:
        return math.nan, IS_DK
    if value == NOT_APPLICABLE:
        return math.nan, IS_NA
    return float(value or 0), OK


def _map_lookup(answers: AnswerMap, rubric: Rubric) -> Lookup:
    """The same table for every scale (a point off a column's scale is refused per cell).

    Raises:
        AnswerMapError: the map's problems.
    """
    if not answers.entries:
        problem = Problem("answers", "maps no text", file=answers.source, code="bad_answer_map")
        raise AnswerMapError([problem], answers.source)
    table, first, problems = map_problems(
        answers.entries, rubric, (answers.source, lambda text: answers.lines.get(str(text)))
    )
    if problems:
        raise AnswerMapError(problems, answers.source)
    accepted = clip("; ".join(first.values()), 400)
    return Lookup(
        "map",
        {s.id: table for s in rubric.scales},
        {s.id: {} for s in rubric.scales},
        {s.id: accepted for s in rubric.scales},
    )


def apply_lookup(
    lookup: Lookup,
    scales: Sequence[str],
    texts: Sequence[str],
    base: tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]],
    positions: npt.NDArray[np.intp],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int8]]:
    """Values and codes (n x m) of cells whose distinct-text index is ``positions`` (n x m)
    and whose columns answer ``scales`` (m scale ids): a text in the column's table reads
    as the table says; any other text as :class:`~.cells.TextCells` parsed it (``base``:
    value and code per distinct text), except that text that is no number, blank, NA or
    DK becomes :data:`UNMAPPED`. Python work is per distinct text and scale only."""
    keys = [answer_key(text) for text in texts]
    groups = list(dict.fromkeys(scales))
    size = len(texts)
    # One lookup table per scale, end to end; a cell's entry is at its text's index plus
    # its scale's offset, so every cell is gathered in one vectorized take.
    lut_values = np.tile(base[0], len(groups))
    lut_codes = np.tile(np.where(base[1] == NOT_NUMBER, UNMAPPED, base[1]), len(groups))
    for g, scale_id in enumerate(groups):
        table = lookup.tables[scale_id]
        for t, key in enumerate(keys):
            hit = table.get(key)
            if hit is not None:
                lut_values[g * size + t], lut_codes[g * size + t] = hit
    offsets = np.array([groups.index(s) * size for s in scales], dtype=np.intp)
    at = positions + offsets
    values = lut_values[at]
    codes = lut_codes[at].astype(np.int8, copy=False)
    return values, codes


Where = Callable[[int, int], tuple[int, str, int]]
"""(row, column) of the n x m block -> (file line, column name, column position)."""


def report_unmapped(
    problems: Problems,
    lookup: Lookup,
    scales: Sequence[str],
    texts: Sequence[str],
    block: tuple[npt.NDArray[np.int8], npt.NDArray[np.intp]],
    where: Where,
) -> None:
    """One problem per distinct unmapped or ambiguous text (the first
    :data:`MAX_UNMAPPED_SHOWN`; the rest counted): where it first is, how many cells hold
    it, in which columns and rows, and what the column's scale accepts. ``block``: codes
    and distinct-text positions (n x m) of the answer columns."""
    codes, positions = block
    rows, cols = np.nonzero(codes >= UNMAPPED)
    if not len(rows):
        return
    held = positions[rows, cols]
    distinct, first, counts = np.unique(held, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # in reading order
    for k in order[:MAX_UNMAPPED_SHOWN].tolist():
        mine = held == distinct[k]
        _report_text(
            problems,
            lookup,
            (scales, texts[int(distinct[k])]),
            (rows[mine], cols[mine], int(counts[k])),
            codes[rows[first[k]], cols[first[k]]] == AMBIGUOUS,
            where,
        )
    problems.unlisted += max(len(distinct) - MAX_UNMAPPED_SHOWN, 0)


def _report_text(
    problems: Problems,
    lookup: Lookup,
    named: tuple[Sequence[str], str],
    cells: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], int],
    ambiguous: bool,
    where: Where,
) -> None:
    scales, text = named
    rows, cols, count = cells
    line, column, pos = where(int(rows[0]), int(cols[0]))
    scale_id = scales[int(cols[0])]
    names = [where(0, c)[1] for c in dict.fromkeys(cols.tolist())]
    lines = [where(r, 0)[0] for r in np.unique(rows)[: _CELLS_SHOWN + 1].tolist()]
    in_columns = ", ".join(repr(clip(c, 40)) for c in names[:_CELLS_SHOWN])
    in_columns += f" and {len(names) - _CELLS_SHOWN} more" if len(names) > _CELLS_SHOWN else ""
    in_rows = ", ".join(map(str, lines[:_CELLS_SHOWN])) + (
        ", ..." if len(lines) > _CELLS_SHOWN else ""
    )
    cells_text = "1 cell holds" if count == 1 else f"{count} cells hold"
    spread = f"; {cells_text} it, in column{'s' if len(names) > 1 else ''} {in_columns}"
    spread += f" (row{'s' if len(lines) > 1 else ''} {in_rows})"
    if ambiguous:
        meaning = lookup.meanings[scale_id].get(answer_key(text), "two values")
        message = f"has two meanings on scale {scale_id!r}: {meaning}{spread}"
        hint = "give answers= a mapping that says which value the text means"
    else:
        source = "a label of" if lookup.kind == LABELS else "in the answer map for"
        message = f"is not {source} scale {scale_id!r}{spread}"
        hint = f"accepted: {lookup.accepted[scale_id]}"
    problems.add(
        (line, pos),
        f"row {line}, column {clip(column, 60)!r}",
        message,
        text,
        code="ambiguous_answer" if ambiguous else "unmapped_answer",
        location=(line, column),
        line=line,
        hint=hint,
    )
