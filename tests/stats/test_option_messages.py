"""Option messages say the real problem (issue 12, item 16): a value of the wrong type is
named with its type and what to pass, never said to be out of a range it is within."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import lomaturity as lm
from lomaturity._stats.options import (
    confidence_error,
    count_error,
    make_options,
    resamples_error,
    share_error,
)


@pytest.mark.parametrize("value", [np.float32(0.9), np.float16(0.9), np.float64(0.9), 0.9])
def test_numpy_and_python_floats_in_range_are_confidences(value: object) -> None:
    assert confidence_error(value) is None
    assert make_options(confidence=value, seed=1).confidence == pytest.approx(0.9, abs=1e-3)  # type: ignore[arg-type]


def test_fraction_is_a_number() -> None:
    assert confidence_error(Fraction(9, 10)) is None


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            confidence_error(Decimal("0.9")),
            "confidence: Decimal('0.9') is a decimal.Decimal, not an int or float (Python or "
            "numpy); pass 0.9 (float(value))",
        ),
        (
            confidence_error("0.9"),
            "confidence: '0.9' is a str, not an int or float (Python or numpy); pass a float "
            "such as 0.95",
        ),
        (confidence_error(1.5), "confidence: 1.5 is not within 0 < confidence < 1"),
        (
            resamples_error(Decimal("300")),
            "n_resamples: Decimal('300') is a decimal.Decimal, not an int (Python or numpy); "
            "pass 300 (int(value))",
        ),
        (
            resamples_error(300.0),
            "n_resamples: 300.0 is a float, not an int (Python or numpy); pass 300 (int(value))",
        ),
        (
            resamples_error(300.5),
            "n_resamples: 300.5 is a float, not an int (Python or numpy); pass an integer "
            "such as 2000",
        ),
        (resamples_error(50), "n_resamples: 50 is not an integer within 100..100000"),
        (
            resamples_error(True),
            "n_resamples: True is a bool, not an int (Python or numpy); pass an integer such "
            "as 2000",
        ),
        (
            count_error("min_respondents", Decimal(3)),
            "min_respondents: Decimal('3') is a decimal.Decimal, not an int (Python or numpy); "
            "pass 3 (int(value))",
        ),
        (
            share_error("cutoff", Decimal("0.5")),
            "cutoff: Decimal('0.5') is a decimal.Decimal, not an int or float (Python or "
            "numpy); pass 0.5 (float(value))",
        ),
        (
            confidence_error(0.9 + 0j),
            "confidence: (0.9+0j) is a complex, not an int or float (Python or numpy); pass a "
            "float such as 0.95",
        ),
    ],
)
def test_messages(error: str | None, expected: str) -> None:
    assert error == expected


def test_entry_point_says_what_to_pass() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    responses = lm.example_responses("learning-organization@1.0.0")
    with pytest.raises(lm.ScoringError, match=r"pass 0\.9 \(float\(value\)\)"):
        lm.score(
            rubric,
            responses,
            organization=responses.organizations[0],
            confidence=Decimal("0.9"),  # type: ignore[arg-type]
        )
