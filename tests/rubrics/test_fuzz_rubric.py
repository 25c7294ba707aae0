"""Fuzzing the rubric reader: structured mutations of the bundled rubric (and of a format-2
test rubric), text-level edits
and random bytes. The only outcomes allowed are a valid :class:`~lomaturity.Rubric` or a
:class:`~lomaturity.RubricError` with a bounded message, each within a time bound.

CI runs a small budget; run longer by hand with, for example::

    LOMATURITY_FUZZ_EXAMPLES=2000 python -m pytest -q --no-cov tests/rubrics/test_fuzz_rubric.py
"""

from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity import RubricError

REPO = Path(__file__).resolve().parents[2]
BUNDLED_TEXT = (REPO / "rubrics" / "learning-organization" / "1.0.0.yaml").read_text("utf-8")
BUNDLED = yaml.safe_load(BUNDLED_TEXT)

EXAMPLES = int(os.environ.get("LOMATURITY_FUZZ_EXAMPLES", "25"))
"""Examples per fuzz test (CI: 25; set ``LOMATURITY_FUZZ_EXAMPLES`` for a longer run)."""
HUGE_INT = "HUGE_INT_PLACEHOLDER"
"""Written as a 5,000-digit integer after dumping (the YAML dumper cannot write one)."""
LONG_TEXT = "LONG_TEXT_PLACEHOLDER"
"""Written as 100,000 characters after dumping (a short repr for failing examples)."""
SECONDS = 10.0
"""Most seconds one read may take (generous, for a loaded 2-core machine)."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.just(HUGE_INT),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.just(LONG_TEXT),
    st.just("\x1b[31m\u202e\x00"),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)

SNIPPETS = [
    "&a ",
    "*a",
    "*zz",
    "!!python/object:os.system ",
    "!Ref ",
    "<<: *a\n",
    "010",
    "1:30",
    "0x1F",
    "1_000",
    "9" * 5000,
    "[" * 80,
    "{" * 80,
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    "? ",
    ": ",
    "- ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "'",
    '"',
    "#",
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into ``data`` (mapping keys and list indices)."""
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*prefix, i))
    return out


ALL_PATHS = [p for p in _paths(BUNDLED) if p]
FORMAT_2_TEXT = (REPO / "tests" / "rubrics" / "data" / "tiny-bilingual.yaml").read_text("utf-8")
FORMAT_2 = yaml.safe_load(FORMAT_2_TEXT)
FORMAT_2_PATHS = [p for p in _paths(FORMAT_2) if p]


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    else:
        parent[last] = value
    return data


def _check(raw: bytes | str) -> None:
    """The outcome is a rubric or a RubricError with a bounded, JSON-ready report."""
    start = time.perf_counter()
    error: RubricError | None = None
    try:
        rubric = lm.read_rubric_bytes(raw, file="fuzz.yaml")
    except RubricError as err:
        error = err
    else:
        _ = rubric.parsed_version
        json.dumps(rubric.to_dict())
        for language in rubric.languages:
            assert rubric.in_language(language).fingerprint == rubric.fingerprint
    took = time.perf_counter() - start
    if error is not None:
        assert error.problems
        assert error.total >= len(error.problems)
        assert len(error.problems) <= lm.exceptions.MAX_PROBLEMS
        assert len(str(error)) < 100_000
        json.dumps([p.to_dict() for p in error.problems])
    assert took < SECONDS, f"took {took:.1f} s"


@FUZZ
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(ALL_PATHS),
            st.sampled_from(["delete", "duplicate", "rename", "retype"]),
            ODD_VALUES,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_structured_mutations(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    _check(_mutated_text(BUNDLED, mutations))


@FUZZ
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(FORMAT_2_PATHS),
            st.sampled_from(["delete", "duplicate", "rename", "retype"]),
            ODD_VALUES,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_structured_mutations_of_a_format_2_rubric(
    mutations: list[tuple[tuple[Any, ...], str, Any]],
) -> None:
    _check(_mutated_text(FORMAT_2, mutations))


def _mutated_text(base: Any, mutations: list[tuple[tuple[Any, ...], str, Any]]) -> str:
    """``base`` with the mutations applied, as YAML text (placeholders expanded)."""
    data = base
    for path, action, value in mutations:
        try:
            data = _mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or retyped the place
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=10**6)
    return text.replace(HUGE_INT, "9" * 5000).replace(LONG_TEXT, "x" * 100_000)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(BUNDLED_TEXT)),
            st.integers(min_value=0, max_value=20),
            st.sampled_from(SNIPPETS) | st.text(max_size=5),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_text_edits(edits: list[tuple[int, int, str]]) -> None:
    text = BUNDLED_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    _check(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(FORMAT_2_TEXT)),
            st.integers(min_value=0, max_value=20),
            st.sampled_from(SNIPPETS) | st.text(max_size=5),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_text_edits_of_a_format_2_rubric(edits: list[tuple[int, int, str]]) -> None:
    text = FORMAT_2_TEXT
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    _check(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    _check(raw)


@FUZZ
@given(
    prefix=st.binary(max_size=50),
    at=st.integers(min_value=0, max_value=len(BUNDLED_TEXT)),
)
def test_bytes_spliced_into_the_bundled_rubric(prefix: bytes, at: int) -> None:
    raw = BUNDLED_TEXT.encode("utf-8")
    _check(raw[:at] + prefix + raw[at:])
