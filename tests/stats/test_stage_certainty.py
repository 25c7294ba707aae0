"""What a stage's bootstrap support is worth: the measured accuracy table in the library
equals docs/stage-certainty.md, the lookup picks the right bin and size, and scoring
attaches it to every staged score."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._model.stage_rule import StageRule
from lomaturity._stats.stage_calibration_table import ACCURACY, BINS, RULE_ACCURACY
from lomaturity._stats.stage_certainty import (
    overall_stage_accuracy,
    rule_key,
    stage_accuracy,
    support_bin,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "stage-certainty.md"
MIN_COUNT = 50  # the generator's rule: fewer stages in a bin give None


def _docs_table(heading: str = "### All true scores") -> dict[int, tuple[float | None, ...]]:
    """A table of docs/stage-certainty.md (by default the first, all true scores):
    n -> shares (%)."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("###", 1)[0]
    out: dict[int, tuple[float | None, ...]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not cells[0].isdigit():
            continue
        shares: list[float | None] = []
        for cell in cells[1:]:
            found = re.fullmatch(r"([\d.]+) \[[\d.]+, [\d.]+\] \(([\d,]+)\)", cell)
            if found is None:
                assert cell == "—", cell
                shares.append(None)
            else:
                count = int(found.group(2).replace(",", ""))
                shares.append(float(found.group(1)) if count >= MIN_COUNT else None)
        out[int(cells[0])] = tuple(shares)
    return out


def test_library_table_equals_the_docs() -> None:
    assert _docs_table() == ACCURACY
    header = "| n | " + " | ".join(f"{BINS[b]:.2f}-{BINS[b + 1]:.2f}" for b in range(len(BINS) - 2))
    assert header in DOCS.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["weakest:1"])
def test_rule_tables_equal_the_docs(key: str) -> None:
    assert _docs_table(f"### Overall stage, stage rule {key}") == RULE_ACCURACY[key]


def test_rule_keys() -> None:
    assert rule_key(StageRule()) == "compensatory"
    assert rule_key(StageRule("weakest", allowance=2)) == "weakest:2"
    gated = StageRule("gated", floors={"established": "emerging", "advanced": "developing"})
    assert rule_key(gated) == "gated:advanced>developing,established>emerging"


def test_overall_accuracy_by_rule() -> None:
    assert overall_stage_accuracy(StageRule(), 7, 0.95) == stage_accuracy(7, 0.95)
    weakest = StageRule("weakest", allowance=1)
    expected = RULE_ACCURACY["weakest:1"][5][-1]
    assert expected is not None
    assert overall_stage_accuracy(weakest, 7, 1.0) == pytest.approx(expected / 100)
    assert overall_stage_accuracy(weakest, 1, 1.0) is None  # below the smallest studied n
    # rules the study did not measure: no accuracy rather than another rule's
    assert overall_stage_accuracy(StageRule("weakest", allowance=3), 7, 1.0) is None
    gated = StageRule("gated", floors={"established": "emerging"})
    assert overall_stage_accuracy(gated, 7, 1.0) is None


def test_support_bins() -> None:
    assert support_bin(0.0) == 0
    assert support_bin(0.4999) == 0
    assert support_bin(0.5) == 1
    assert support_bin(0.95) == 3
    assert support_bin(0.99) == 4
    assert support_bin(1.0) == len(BINS) - 2  # the last bin is closed


def _measured(n: int, b: int) -> float:
    share = ACCURACY[n][b]
    assert share is not None
    return share / 100


def test_accuracy_uses_the_largest_studied_size_not_above() -> None:
    assert stage_accuracy(1, 1.0) is None  # a single respondent was not studied
    assert stage_accuracy(2, 1.0) == pytest.approx(_measured(2, -1))
    assert stage_accuracy(7, 1.0) == pytest.approx(_measured(5, -1))
    assert stage_accuracy(10_000, 0.6) == pytest.approx(_measured(max(ACCURACY), 1))
    # 0.90-0.99 was never seen with 2 respondents: the nearest lower measured bin.
    assert ACCURACY[2][3] is None
    assert stage_accuracy(2, 0.95) == pytest.approx(_measured(2, 2))


def test_the_support_overclaims_at_small_n() -> None:
    # The reason the support is not called a probability (docs/stage-certainty.md).
    top = stage_accuracy(2, 1.0)
    assert top is not None
    assert top < 0.75


RUBRIC = make_rubric({"d1": ["i1", "i2"], "d2": ["i3", "i4"]})


@pytest.mark.parametrize("n", [1, 2, 6, 30])
def test_scoring_attaches_the_measured_accuracy(n: int) -> None:
    values = np.random.default_rng(n).integers(1, 6, size=(n, 4)).astype(float)
    report = lm.score(RUBRIC, make_responses(values, RUBRIC.indicator_ids), seed=2, n_resamples=300)
    for score in (report.overall, *report.dimensions.values()):
        assert score.stage is not None
        expected = stage_accuracy(score.n_respondents, score.stage_support[score.stage])
        assert score.stage_accuracy == expected
        assert (score.stage_accuracy is None) == (n == 1)
        assert score.to_dict()["stage_accuracy"] == expected
    assert all(s.stage_accuracy is None for s in report.indicators.values())
