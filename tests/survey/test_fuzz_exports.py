"""Properties of reading answer texts (``answers=``): arbitrary text in the cells, in the
rubric's labels and in answer maps gives valid responses or a library error, never a crash
or a silently wrong number."""

from __future__ import annotations

import copy
import csv
import io
import math
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._survey.cells import normalized_token

RUBRIC = lm.load_rubric("learning-organization@1.1.0")
BILINGUAL = Path(__file__).parents[1] / "rubrics" / "data" / "tiny-bilingual.yaml"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_labels = [label for s in RUBRIC.scales for label in s.labels]
_cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from([*_labels, "En osaa sanoa", "DK", "NA", "", "3", "4,0", "2.5", "7"]),
    st.sampled_from(_labels).map(lambda t: f"  {t.upper()}\t"),
)


def _file(cells: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["respondent_id", "vc_values_stated", "vc_learning_talk"])
    for i in range(0, len(cells) - 1, 2):
        writer.writerow([f"r{i}", cells[i], cells[i + 1]])
    return out.getvalue()


@SETTINGS
@given(st.lists(_cells, min_size=2, max_size=12))
def test_any_cell_text_reads_or_is_a_responses_error(cells: list[str]) -> None:
    text = _file(cells)
    try:
        read = lm.read_responses(io.StringIO(text), RUBRIC, answers="labels")
    except lm.ResponsesError as exc:
        problems = exc.problems
        read = None
    if read is None:
        assert problems
        assert all(p.code and p.line for p in problems)  # each names its line
        return
    values = read.values[~np.isnan(read.values)]
    assert np.all((values >= 1) & (values <= 5) & (values == np.floor(values)))
    # every cell that read as a point is that point's label (in some language) or its number
    stated = RUBRIC.indicator_ids.index("vc_values_stated")
    agree = RUBRIC.scale("agree5")
    fi = RUBRIC.texts["fi"]
    for cell, value in zip(cells[0::2], read.values[:, stated].tolist(), strict=False):
        if math.isnan(value):
            continue
        point = int(value)
        names = {
            normalized_token(agree.labels[point - 1]),
            normalized_token(fi[f"scales.agree5.labels.{point - 1}"]),
        }
        key = normalized_token(cell)
        assert key in names or float(key.replace(",", ".")) == point


def _rubric(fi_labels: list[str]) -> lm.Rubric | None:
    data: dict[str, Any] = copy.deepcopy(yaml.safe_load(BILINGUAL.read_text(encoding="utf-8")))
    data["texts"]["fi"]["scales"]["agree5"]["labels"] = fi_labels
    try:
        return lm.parse_rubric(data)
    except lm.RubricError:
        return None


_label_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@SETTINGS
@given(st.lists(_label_text, min_size=5, max_size=5), st.lists(_label_text, max_size=4))
def test_any_rubric_labels_read_or_are_a_responses_error(
    fi_labels: list[str], cells: list[str]
) -> None:
    rubric = _rubric(fi_labels)
    if rubric is None:
        return
    rows = "".join(f"r{i},{_quote(c)}\n" for i, c in enumerate(cells))
    try:
        read = lm.read_responses(
            io.StringIO("respondent_id,cu_blame\n" + rows), rubric, answers="labels"
        )
    except lm.ResponsesError:
        return
    column = read.values[:, rubric.indicator_ids.index("cu_blame")]
    for cell, value in zip(cells, column.tolist(), strict=False):
        if math.isnan(value):
            continue
        key = normalized_token(cell)
        labels = [*enumerate(rubric.scale("agree5").labels), *enumerate(fi_labels)]
        meanings = {i + 1 for i, label in labels if normalized_token(label) == key}
        if meanings:
            assert meanings == {int(value)}  # a label reads as its one point
        else:
            assert float(key.replace(",", ".")) == value


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_values = st.one_of(
    st.integers(-3, 8),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["DK", "na", "x", "", "3", True, None]),
)


@SETTINGS
@given(st.dictionaries(_label_text, _values, max_size=6), st.lists(_label_text, max_size=4))
def test_any_answer_mapping_reads_or_is_an_answer_map_error(
    mapping: dict[str, Any], cells: list[str]
) -> None:
    rows = "".join(f"r{i},{_quote(c)}\n" for i, c in enumerate(cells))
    try:
        read = lm.read_responses(
            io.StringIO("respondent_id,vc_values_stated\n" + rows), RUBRIC, answers=mapping
        )
    except lm.ResponsesError:
        return
    keys = {normalized_token(k): v for k, v in mapping.items()}
    column = read.values[:, RUBRIC.indicator_ids.index("vc_values_stated")]
    for cell, value in zip(cells, column.tolist(), strict=False):
        mapped = keys.get(normalized_token(cell))
        if isinstance(mapped, int) and not isinstance(mapped, bool):
            assert value == mapped
