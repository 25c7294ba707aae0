"""Response quality: straightlining and acquiescence indices, flags, counts, screening."""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._results.tables import TABLES
from lomaturity._stats.quality import (
    ACQUIESCENCE_THRESHOLD,
    NOTICE_SHARE,
    STRAIGHTLINE_MIN_ITEMS,
    respondent_indices,
)

FAST: dict[str, Any] = {"seed": 7, "n_resamples": 200, "agreement": False}
V1 = "learning-organization@1.0.0"


def _all_agree(n: int = 30, answer: float = 5.0) -> tuple[lm.Rubric, lm.Responses]:
    rubric = lm.load_rubric(V1)
    values = np.full((n, len(rubric.indicators)), answer)
    return rubric, lm.responses_from_array(values, rubric, organizations=["acme"] * n)


def test_all_strongly_agree_is_flagged_and_the_report_says_so() -> None:
    rubric, responses = _all_agree()
    report = lm.score(rubric, responses, **FAST)
    assert report.overall.value == pytest.approx(88.69, abs=0.01)  # flag keeps them
    quality = report.quality
    assert quality is not None
    assert (quality.n_straightlining, quality.n_acquiescent, quality.n_flagged) == (30, 30, 30)
    notice = next(n for n in report.notices if n.code == "response_quality")
    assert "30 of 30 respondents (100%)" in notice.message
    assert "none could be left out" in notice.message
    # exclude cannot leave everyone out: they are kept, and the notice says so
    excluded = lm.score(rubric, responses, screen="exclude", **FAST)
    assert excluded.n_respondents == 30
    assert excluded.quality is not None
    assert excluded.quality.n_excluded == 0
    assert any(n.code == "response_quality" for n in excluded.notices)


def test_indices_by_hand() -> None:
    rubric = make_rubric({"d": ["a", "b", "c", "r"]}, reverse=["r"])
    # raw answers on 1..5: positions 0, 25, 50, 75, 100
    values = [[5, 5, 4, 4], [2, 2, 2, 2], [5, 4, 5, 1], [np.nan, np.nan, np.nan, np.nan]]
    quality = lm.response_quality(rubric, make_responses(values, ["a", "b", "c", "r"]))["acme"]
    assert quality.n_items.tolist() == [4, 4, 4, 0]
    np.testing.assert_allclose(quality.modal_share[:3], [0.5, 1.0, 0.5])
    np.testing.assert_allclose(quality.regular_mean[:3], [275 / 3, 25.0, 275 / 3])
    np.testing.assert_allclose(quality.reverse_mean[:3], [75.0, 25.0, 0.0])
    np.testing.assert_allclose(
        quality.acquiescence[:3], [(275 / 3 + 75) / 2 - 50, -25, (275 / 3) / 2 - 50]
    )
    np.testing.assert_allclose(
        quality.answer_sd[:3], np.std([[100, 100, 75, 75], [25] * 4, [100, 75, 100, 0]], axis=1)
    )
    assert math.isnan(quality.modal_share[3])
    assert math.isnan(quality.acquiescence[3])
    # 4 items < STRAIGHTLINE_MIN_ITEMS: identical answers are not yet straightlining
    assert STRAIGHTLINE_MIN_ITEMS > 4
    assert not quality.straightlining.any()
    assert quality.acquiescent.tolist() == [True, False, False, False]


def _reference(positions: np.ndarray, reverse: np.ndarray) -> list[tuple[Any, ...]]:
    """Per-row indices with a Python loop (the vectorized kernel must agree)."""
    out: list[tuple[Any, ...]] = []
    for row in positions:
        answered = ~np.isnan(row)
        x = row[answered]
        if x.size == 0:
            out.append((0, math.nan, math.nan, math.nan, math.nan, False, False))
            continue
        modal = max(Counter(x.tolist()).values()) / x.size
        reg = row[answered & ~reverse]
        rev = row[answered & reverse]
        p = float(reg.mean()) if reg.size else math.nan
        r = float(rev.mean()) if rev.size else math.nan
        acq = (p + r) / 2 - 50
        straight = x.size >= STRAIGHTLINE_MIN_ITEMS and modal == 1.0
        acquiescent = p > 50 and r > 50 and acq >= ACQUIESCENCE_THRESHOLD
        out.append((x.size, modal, float(np.std(x)), acq, p, straight, acquiescent))
    return out


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 12), st.integers(2, 9)),
        elements=st.sampled_from([0.0, 25.0, 50.0, 75.0, 100.0, math.nan]),
    ),
    st.data(),
)
def test_vectorized_indices_match_a_per_row_reference(
    positions: np.ndarray, data: st.DataObject
) -> None:
    reverse = np.array(
        data.draw(st.lists(st.booleans(), min_size=positions.shape[1], max_size=positions.shape[1]))
    )
    got = respondent_indices(positions, reverse)
    for i, (n, modal, sd, acq, p, straight, acquiescent) in enumerate(
        _reference(positions, reverse)
    ):
        assert got.n_items[i] == n
        np.testing.assert_allclose(
            [got.modal_share[i], got.answer_sd[i], got.acquiescence[i], got.regular_mean[i]],
            [modal, sd, acq, p],
            equal_nan=True,
            atol=1e-9,
        )
        assert (bool(got.straightlining[i]), bool(got.acquiescent[i])) == (straight, acquiescent)


def test_without_reverse_items_acquiescence_is_not_estimated() -> None:
    items = [f"i{k}" for k in range(8)]
    rubric = make_rubric({"d": items})
    values = np.vstack([np.full(8, 5.0), np.tile([1, 2, 3, 4], 2), np.full(8, 3.0)])
    responses = make_responses(values, items)
    report = lm.score(rubric, responses, **FAST)
    quality = report.quality
    assert quality is not None
    assert not quality.acquiescence_estimable
    assert quality.reason is not None
    assert "no reverse-keyed indicator" in quality.reason
    assert not quality.acquiescent.any()
    assert np.isnan(quality.acquiescence).all()
    assert quality.straightlining.tolist() == [True, False, True]
    assert quality.to_dict()["acquiescence_estimable"] is False


def test_exclude_equals_scoring_the_unflagged_respondents() -> None:
    rubric = lm.load_rubric(V1)
    sim = lm.simulate_responses(rubric, organizations=2, respondents=25, seed=11)
    values = sim.responses.values.copy()
    values[[0, 3, 30]] = 5.0  # three yea-saying straightliners, two in the first organization
    responses = lm.responses_from_array(
        values,
        rubric,
        respondent_ids=sim.responses.respondent_ids,
        organizations=sim.responses.organizations,
        metadata=dict(sim.responses.metadata),
    )
    excluded = lm.score_organizations(rubric, responses, screen="exclude", **FAST)
    keep = np.ones(len(values), dtype=bool)
    keep[[0, 3, 30]] = False
    honest = lm.score_organizations(rubric, responses.select(keep), screen="off", **FAST)
    for name, report in excluded.items():
        assert report.quality is not None
        assert report.n_respondents == honest[name].n_respondents
        assert report.n_respondents == report.quality.n_respondents - report.quality.n_excluded
        assert report.overall == honest[name].overall
    first = excluded["org-0001"]
    assert first.quality is not None
    assert first.quality.n_excluded == 2
    assert set(first.quality.flagged_ids) == {
        responses.respondent_ids[0],
        responses.respondent_ids[3],
    }
    flagged = lm.score_organizations(rubric, responses, **FAST)
    assert flagged["org-0001"].n_respondents == 25
    assert flagged["org-0001"].overall.value != first.overall.value


def test_screen_off_and_bad_values() -> None:
    rubric, responses = _all_agree(6)
    off = lm.score(rubric, responses, screen="off", **FAST)
    assert off.quality is None
    assert not any(n.code == "response_quality" for n in off.notices)
    assert off.options.screen == "off"
    assert off.to_dict()["options"]["screen"] == "off"
    with pytest.raises(lm.ScoringError, match="screen: 'drop' is not one of flag, exclude, off"):
        lm.score(rubric, responses, screen="drop", **FAST)  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="screen"):
        lm.response_quality(rubric, responses, screen="off")
    with pytest.raises(TypeError):
        lm.response_quality("rubric", responses)  # type: ignore[arg-type]


def test_tables_and_json() -> None:
    rubric, responses = _all_agree(4)
    quality = lm.response_quality(rubric, responses)
    records = quality.to_records()
    assert [r["level"] for r in records] == ["organization"] + ["respondent"] * 4
    assert all(list(r) == list(TABLES["quality"]) for r in records)
    assert records[0]["n_flagged"] == 4
    assert records[0]["flagged_share"] == 1.0
    assert records[1]["flagged"] is True
    assert records[1]["modal_share"] == 1.0
    assert quality.to_csv().splitlines()[0] == ",".join(TABLES["quality"])
    text = json.dumps(lm.score(rubric, responses, **FAST).to_dict(), allow_nan=False)
    assert json.loads(text)["quality"]["n_flagged"] == 4
    assert "flagged 4 of 4" in repr(quality["acme"])


def test_few_false_positives_on_honest_simulated_respondents() -> None:
    # docs/response-quality.md: 0.0-0.1 % on the 1.0.0 rubric (benchmarks/response_quality.py)
    rubric = lm.load_rubric(V1)
    sim = lm.simulate_responses(rubric, organizations=8, respondents=30, seed=5)
    quality = lm.response_quality(rubric, sim.responses)
    flagged = sum(q.n_flagged for q in quality.values())
    assert flagged <= 2
    reports = lm.score_organizations(rubric, sim.responses, **FAST)
    assert not any(n.code == "response_quality" for r in reports.values() for n in r.notices)
    assert NOTICE_SHARE == 0.10


def test_exclude_never_leaves_only_empty_rows() -> None:
    rubric, responses = _all_agree(3)
    blank = lm.responses_from_array(
        np.full((2, len(rubric.indicators)), np.nan),
        rubric,
        respondent_ids=["b1", "b2"],
        organizations=["acme"] * 2,
    )
    both = lm.responses_from_array(
        np.vstack([responses.values, blank.values]),
        rubric,
        respondent_ids=[*responses.respondent_ids, "b1", "b2"],
        organizations=["acme"] * 5,
    )
    report = lm.score(rubric, both, screen="exclude", allow_small=True, **FAST)
    assert report.quality is not None
    assert report.quality.n_excluded == 0
    assert report.quality.n_answering == 3
    assert report.n_respondents == 3
    notice = next(n for n in report.notices if n.code == "response_quality")
    assert "every respondent who answered is flagged" in notice.message


def test_all_reverse_keyed_rubric_and_records_by_value() -> None:
    items = [f"i{k}" for k in range(6)]
    rubric = make_rubric({"d": items}, reverse=items)
    responses = make_responses(np.vstack([np.full(6, 5.0), np.arange(1.0, 7.0).clip(1, 5)]), items)
    quality = lm.response_quality(rubric, responses, screen="exclude")
    assert not quality.acquiescence_estimable
    assert quality.reason is not None
    assert "every indicator of the rubric is reverse-keyed" in quality.reason
    assert quality["acme"].straightlining.tolist() == [True, False]
    data = quality.to_dict()
    assert data["screen"] == "exclude"
    assert data["organizations"]["acme"]["n_excluded"] == 1
    assert data["organizations"]["acme"]["flagged"][0]["respondent"] == "r00000"
    assert "1 respondent(s) flagged" in repr(quality)
    assert quality == lm.response_quality(rubric, responses, screen="exclude")
    assert quality != lm.response_quality(rubric, responses)
