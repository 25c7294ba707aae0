"""Frozen records hold read-only mappings (issue 12 item 11): nobody holding a record, or
the rubric ``load_rubric`` caches for the process, can change what it says."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._frozen import FrozenDict


def test_the_cached_rubric_cannot_be_changed_through_its_descriptors() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    indicator = rubric.indicators[0]
    descriptors: Any = indicator.descriptors
    with pytest.raises(TypeError):
        descriptors["x"] = "changed"
    assert "x" not in lm.load_rubric("learning-organization@1.0.0").indicators[0].descriptors


def test_reports_cannot_be_changed_and_still_serialize() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    report = lm.score(
        rubric,
        lm.example_responses("learning-organization@1.0.0"),
        organization="harbor-city-agency",
        seed=1,
        n_resamples=200,
    )
    for mapping in (
        report.dimensions,
        report.indicators,
        report.icc,
        report.overall.stage_support,
    ):
        target: Any = mapping
        with pytest.raises(TypeError):
            target["overall"] = None
        with pytest.raises(AttributeError):
            target.clear()
    json.dumps(report.to_dict(), allow_nan=False)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert copy.deepcopy(report) == report


def test_responses_metadata_and_evidence_are_read_only() -> None:
    responses: Any = lm.example_responses("learning-organization@1.0.0")
    with pytest.raises(TypeError):
        responses.metadata["team"] = ()
    profile: Any = lm.recommendations.TargetProfile(dimensions={"practice": 70})
    with pytest.raises(TypeError):
        profile.dimensions["strategy"] = 10


@given(st.dictionaries(st.text(max_size=5), st.integers(), max_size=8))
def test_frozen_dict_behaves_as_a_read_only_dict(data: dict[str, int]) -> None:
    frozen = FrozenDict(data)
    assert isinstance(frozen, Mapping)
    assert frozen == data
    assert data == frozen
    assert list(frozen) == list(data)
    assert dict(frozen) == data
    assert repr(frozen) == repr(data)
    assert hash(frozen) == hash(FrozenDict(dict(data)))
    assert pickle.loads(pickle.dumps(frozen)) == frozen
    with pytest.raises(AttributeError):
        setattr(frozen, "_data", {})  # noqa: B010 - the point is that it fails
