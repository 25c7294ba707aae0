"""Text rendering of comparisons: every line fits the text width."""

from __future__ import annotations

import lomaturity as lm
from lomaturity._format import WIDTH
from lomaturity._present.compare import render_comparisons


def test_long_stage_names_and_reasons_fit_the_width() -> None:
    # Regression: "4 → 5 Learning organization" made rows of 104 columns, and a missing
    # difference printed up to 200 columns of reason on one line.
    rubric = lm.load_rubric("learning-organization@1.0.0")
    common = {"organizations": 2, "respondents": 8, "seed": 1}
    first = lm.simulate_responses(rubric, **common).responses  # type: ignore[arg-type]
    second = lm.simulate_responses(rubric, maturity_mean=0.3, **common)  # type: ignore[arg-type]
    values = second.responses.values.copy()
    values[:, 0] = float("nan")  # one indicator nobody answered in the second wave
    blank = lm.responses_from_array(
        values,
        rubric,
        organizations=list(second.responses.organizations),
        respondent_ids=list(second.responses.respondent_ids),
    )
    result = lm.compare(first, blank, rubric=rubric, seed=1, n_resamples=200)
    text = render_comparisons(result, rubric)
    assert "→ 5 Learning organ" in text
    assert "not compared:" in text
    assert max(len(line) for line in text.splitlines()) <= WIDTH
