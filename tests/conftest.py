"""Shared fixtures: a tiny valid rubric, the default rubric, generated valid rubrics."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]

if importlib.util.find_spec("lomaturity") is None:  # running from a plain source checkout
    sys.path.insert(0, str(REPO / "src"))

import lomaturity  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than 20 seconds (e.g. builds a wheel)")


TINY_RUBRIC_YAML = """\
# yaml-language-server: $schema=rubric.schema.json
format: 1
id: tiny
version: "0.1.0"
title: Tiny rubric
description: A two-dimension rubric used by the tests.
language: en
scales:
  - id: agree3
    min: 1
    max: 3
    labels: [Disagree, Neutral, Agree]
    allow_na: false
  - id: agree3_na
    min: 1
    max: 3
    allow_na: true
    na_label: Not applicable
dimensions:
  - id: culture
    name: Culture
    description: How people learn together.
    weight: 2.0
  - id: practice
    name: Practice
    description: What happens day to day.
indicators:
  - id: cu_talk
    dimension: culture
    statement: We talk about learning.
    scale: agree3
    weight: 1.5
    source: "Culture, Q1"
    descriptors:
      low: Nobody talks about learning.
      high: Everybody does.
  - id: cu_blame
    dimension: culture
    statement: Mistakes are blamed on people.
    scale: agree3
    reverse: true
  - id: pr_time
    dimension: practice
    statement: I have time to learn.
    scale: agree3_na
    allow_na: true
stages:
  - id: low
    name: Low
    lower: 0
    description: Little learning.
  - id: high
    name: High
    lower: 50
    description: Much learning.
"""


@pytest.fixture(scope="session")
def tiny_rubric_yaml() -> str:
    """A small valid rubric (2 scales, 2 dimensions, 3 indicators, 2 stages) as YAML text."""
    return TINY_RUBRIC_YAML


@pytest.fixture(scope="session")
def default_rubric() -> lomaturity.Rubric:
    """The bundled default rubric as version 1.0.0: the tests written before 1.1.0 became
    the default pin their numbers to it (and to its example data)."""
    return lomaturity.load_rubric("learning-organization@1.0.0")


# --- hypothesis profiles ------------------------------------------------------------------
# No per-example deadline anywhere (shared 2-core machines are slow at times); on CI the
# examples are derandomized, so a run there is reproducible and cannot fail by chance.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


# --- hypothesis: valid rubric mappings ---------------------------------------------------

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_texts = st.text(min_size=1, max_size=20).filter(lambda s: s.strip() != "")
_item_ids = st.builds(
    str.__add__, st.sampled_from(_LOWER), st.text(_LOWER + "0123456789_", max_size=8)
)
_rubric_ids = st.builds(
    lambda first, middle, last: first + middle + last,
    st.sampled_from(_LOWER),
    st.text(_LOWER + "-", max_size=12),
    st.sampled_from(_LOWER),
)
_weights = st.floats(min_value=0, exclude_min=True, allow_nan=False, allow_infinity=False)
_weights_or_ints = _weights | st.integers(min_value=1, max_value=10**6)


@st.composite
def _rubric_mappings(draw: st.DrawFn) -> dict[str, Any]:
    used: set[str] = set()

    def new_id() -> str:
        item_id = draw(_item_ids.filter(lambda i: i not in used))
        used.add(item_id)
        return item_id

    def optional(mapping: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
        if draw(st.booleans()):
            mapping[key] = draw(strategy)

    scales = []
    for _ in range(draw(st.integers(1, 3))):
        low = draw(st.integers(-5, 5))
        high = low + draw(st.integers(1, 6))
        scale: dict[str, Any] = {"id": new_id(), "min": low, "max": high}
        optional(
            scale, "labels", st.lists(_texts, min_size=high - low + 1, max_size=high - low + 1)
        )
        optional(scale, "allow_na", st.booleans())
        optional(scale, "na_label", _texts)
        scales.append(scale)
    steps = draw(st.lists(st.floats(0.5, 30, allow_nan=False), min_size=0, max_size=5))
    bounds = [0.0]
    for step in steps:
        if bounds[-1] + step < 100:
            bounds.append(bounds[-1] + step)
    stages = [
        {"id": new_id(), "name": draw(_texts), "lower": b, "description": draw(_texts)}
        for b in bounds
    ]
    dimensions: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(1, 4))):
        dim: dict[str, Any] = {"id": new_id(), "name": draw(_texts), "description": draw(_texts)}
        optional(dim, "weight", _weights_or_ints)
        dimensions.append(dim)
        for _ in range(draw(st.integers(1, 5))):
            scale = draw(st.sampled_from(scales))
            ind: dict[str, Any] = {
                "id": new_id(),
                "dimension": dim["id"],
                "statement": draw(_texts),
                "scale": scale["id"],
            }
            optional(ind, "weight", _weights_or_ints)
            optional(ind, "reverse", st.booleans())
            optional(ind, "allow_na", st.just(False) | st.just(scale.get("allow_na", False)))
            optional(ind, "source", _texts)
            optional(
                ind,
                "descriptors",
                st.dictionaries(st.sampled_from([s["id"] for s in stages]), _texts),
            )
            indicators.append(ind)
    major, minor, patch = draw(st.tuples(*[st.integers(0, 20)] * 3))
    pre = draw(st.sampled_from(["", "-alpha.1", "-rc.2", "-beta3", "-dev.4"]))
    rubric: dict[str, Any] = {
        "format": 1,
        "id": draw(_rubric_ids),
        "version": f"{major}.{minor}.{patch}{pre}",
        "title": draw(_texts),
        "description": draw(_texts),
        "language": draw(st.sampled_from(["en", "fi", "no", "en-GB", "sv-FI"])),
    }
    optional(
        rubric,
        "source",
        st.fixed_dictionaries({"title": _texts}, optional={"author": _texts, "url": _texts}),
    )
    rubric.update(scales=scales, dimensions=dimensions, indicators=indicators, stages=stages)
    return rubric


@pytest.fixture(scope="session")
def valid_rubric_mappings() -> st.SearchStrategy[dict[str, Any]]:
    """Hypothesis strategy: random valid format-1 rubric mappings (draw with ``st.data()``)."""
    return _rubric_mappings()
