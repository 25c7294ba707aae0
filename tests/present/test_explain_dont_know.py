"""``explain_score`` shows "don't know" answers apart from "not applicable" and blanks."""

from __future__ import annotations

import numpy as np

import lomaturity as lm
from factories import dont_know_rubric


def test_explain_counts_dont_know_apart_from_blanks() -> None:
    rubric = dont_know_rubric()
    n = 10
    values = np.full((n, len(rubric.indicators)), 4.0)
    j = rubric.indicator_ids.index("st_skill_gaps")
    values[:6, j] = np.nan  # 4 don't know, 2 blank
    mask = np.zeros(values.shape, dtype=bool)
    mask[:4, j] = True
    responses = lm.responses_from_array(values, rubric, dont_know=mask)
    report = lm.score(rubric, responses, n_resamples=100, seed=1, agreement=False)
    text = lm.explain_score(rubric, report, "st_skill_gaps", responses=responses)
    assert "| not applicable: 0 | don't know: 4 | no answer: 2" in text
    assert "4 'don't know' (scored as no answer; 50.0% of those who took a position)" in text
    plain = lm.load_rubric("learning-organization@1.0.0")
    other = lm.score(plain, lm.responses_from_array(values, plain), n_resamples=100, seed=1)
    assert "don't know" not in lm.explain_score(plain, other, "st_skill_gaps").replace(
        "(and 'don't know')", ""
    )
