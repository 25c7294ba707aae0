"""Fuzzing the responses CSV reader (issue 12): structured mutations of the bundled example
file and random bytes. The only outcomes allowed are valid :class:`~lomaturity.Responses`
(which the writer writes back to text that reads back equal) or a :class:`ResponsesError`,
each within a time and memory bound.

The budget is small in CI; run it longer by hand with, for example::

    LOMATURITY_FUZZ_EXAMPLES=5000 python -m pytest -n 0 --no-cov -p no:randomly \\
        tests/survey/test_fuzz_responses.py

(docs/responses.md, "Fuzzing the reader")."""

from __future__ import annotations

import csv
import io
import os
import time
import tracemalloc
import unicodedata
from importlib import resources

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._format import UNSAFE
from lomaturity._survey.example import EXAMPLE_FILE

EXAMPLES = int(os.environ.get("LOMATURITY_FUZZ_EXAMPLES", "40"))
"""Examples per fuzz test (CI default 40; set LOMATURITY_FUZZ_EXAMPLES to run longer)."""

SECONDS = 5.0
"""Most seconds one input may take to read (inputs are at most about 100 kB)."""

PEAK_BYTES = 64 * 2**20
"""Most memory (traced by :mod:`tracemalloc`) one input may take to read."""

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
EXAMPLE = (resources.files("lomaturity") / "data" / EXAMPLE_FILE).read_bytes()
ROWS = list(csv.reader(io.StringIO(EXAMPLE.decode("utf-8"))))[:25]

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the time bound is asserted per input (first calls warm caches)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_hostile_cells = st.sampled_from(
    [
        "",
        " ",
        "NA",
        "n/a",
        "-",
        "0",
        "6",
        "2.5",
        "3,0",
        "-3.2",
        "1e400",
        "9" * 400,
        "nan",
        "-inf",
        "Infinity",
        "1_0",
        "\u0663",  # ARABIC-INDIC DIGIT THREE
        "true",
        '"',
        '""',
        '"3"',
        "3\n4",
        "a,b",
        "a;b",
        "a\tb",
        "\ufeff",
        "\x00",
        "\x1b[2J",
        "\u202e",
        "r1\u200b",
        "\uff52\uff11",
        "=cmd|' /C calc'!A0",
        "'=x",
        "@SUM(1)",
        "x" * 5000,
        "respondent_id",
        "organization",
        RUBRIC.indicator_ids[0],
    ]
)
_cells = _hostile_cells | st.text(max_size=12)


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """The first rows of the example file with a few structured mutations, then encoded
    (sometimes with a byte-order mark, another delimiter or line ending) and, sometimes,
    with bytes inserted or the end cut off."""
    rows = [list(row) for row in ROWS]
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(
            st.sampled_from(["cell", "header", "drop_row", "copy_row", "drop_col", "add_col"])
        )
        r = draw(st.integers(0, len(rows) - 1)) if rows else 0
        if kind in ("cell", "header") and rows and rows[r if kind == "cell" else 0]:
            row = rows[r if kind == "cell" else 0]
            row[draw(st.integers(0, len(row) - 1))] = draw(_cells)
        elif kind == "drop_row" and rows:
            del rows[r]
        elif kind == "copy_row" and rows:
            rows.insert(draw(st.integers(0, len(rows))), list(rows[r]))
        elif kind == "drop_col" and rows and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            for row in rows:
                if c < len(row):
                    del row[c]
        elif kind == "add_col":
            for row in rows:
                row.append(draw(_hostile_cells))
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    buffer = io.StringIO()
    csv.writer(
        buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"]))
    ).writerows(rows)
    data = buffer.getvalue().encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    if draw(st.integers(0, 3)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


def _read(data: bytes) -> lm.Responses | lm.ResponsesError:
    """Read ``data`` under the time and memory bound; only a ResponsesError may be raised."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result: lm.Responses | lm.ResponsesError = lm.read_responses(io.BytesIO(data), RUBRIC)
    except lm.ResponsesError as error:
        result = error
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"reading {len(data)} bytes took {elapsed:.1f} s"
    assert peak < PEAK_BYTES, f"reading {len(data)} bytes took {peak / 2**20:.0f} MiB"
    return result


def _check(result: lm.Responses | lm.ResponsesError) -> None:
    """A valid result holds what the rules promise and writes back to equal text; an error
    is one well-formed message without raw control or format characters."""
    if isinstance(result, lm.ResponsesError):
        message = str(result)
        assert result.total >= 1
        assert all(line.startswith("  - ") for line in message.split("\n")[1:])
        # No control, bidirectional or zero-width character is shown raw (Python's
        # printable test: values are shown with repr, which escapes exactly those).
        assert all(line.isprintable() for line in message.split("\n")), message
        return
    assert result.values.shape == (result.n_respondents, len(RUBRIC.indicator_ids))
    answered = result.values[~np.isnan(result.values)]
    assert np.all((answered >= 0) & (answered <= 10) & (answered == np.floor(answered)))
    keys = [
        UNSAFE.sub("", unicodedata.normalize("NFKC", rid)).strip() for rid in result.respondent_ids
    ]
    assert len(set(keys)) == len(keys)
    text = lm.responses_to_csv_text(result)
    assert lm.read_responses(io.StringIO(text), RUBRIC).equals(result)


@FUZZ
@given(data=_mutated())
def test_fuzz_mutated_example(data: bytes) -> None:
    _check(_read(data))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_fuzz_random_bytes(data: bytes) -> None:
    _check(_read(data))


@FUZZ
@given(
    data=st.lists(_cells, min_size=1, max_size=40).map(
        lambda cells: (
            ("respondent_id," + ",".join(RUBRIC.indicator_ids[:3]) + "\n").encode()
            + "\n".join(",".join(cells[i : i + 4]) for i in range(0, len(cells), 4)).encode(
                "utf-8", "surrogatepass"
            )
        )
    )
)
def test_fuzz_small_files_of_hostile_cells(data: bytes) -> None:
    _check(_read(data))


def test_the_unmutated_example_reads() -> None:
    """The fuzzers start from a valid file (so mutations, not the seed file, are tested)."""
    result = _read(EXAMPLE)
    assert isinstance(result, lm.Responses)
    _check(result)
