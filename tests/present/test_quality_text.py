"""The text report's response-quality line."""

from __future__ import annotations

import numpy as np

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity._present.text import render_report

ITEMS = [f"i{k}" for k in range(8)]


def _line(rubric: lm.Rubric, values: np.ndarray, screen: str = "flag") -> str:
    report = lm.score(
        rubric,
        make_responses(values, ITEMS),
        seed=1,
        n_resamples=200,
        agreement=False,
        allow_small=True,
        screen=screen,  # type: ignore[arg-type]
    )
    text = " ".join(render_report(report, rubric).split())
    start = text.index("response quality:")
    return text[start : text.index(" Dimension", start)]


def test_no_reverse_items_says_acquiescence_is_not_estimable() -> None:
    rubric = make_rubric({"d": ITEMS})
    honest = np.tile([1, 2, 3, 4, 5, 4, 3, 2], (3, 1))
    assert _line(rubric, honest) == (
        "response quality: no respondent flagged (straightlining); acquiescence not "
        "estimable (the rubric lacks reverse-keyed or regular items)"
    )
    flagged = np.vstack([honest, np.full(8, 4)])
    assert _line(rubric, flagged, "exclude").startswith(
        "response quality: 1 of 4 respondents flagged (1 straightlining); left out of the scores"
    )


def test_with_reverse_items_both_kinds_are_counted() -> None:
    rubric = make_rubric({"d": ITEMS}, reverse=["i7"])
    values = np.vstack([np.tile([1, 2, 3, 4, 5, 4, 3, 2], (3, 1)), np.full(8, 5)])
    assert _line(rubric, values) == (
        "response quality: 1 of 4 respondents flagged (1 straightlining, 1 acquiescent); "
        "kept in the scores"
    )
