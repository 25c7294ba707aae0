"""The measured stage accuracy is shown as a whole percentage rounded down: never 100 %."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lomaturity._present.text import accuracy_text


def test_examples() -> None:
    assert accuracy_text(0.999) == "99 %"
    assert accuracy_text(0.695) == "69 %"
    assert accuracy_text(0.5) == "50 %"


@given(st.floats(min_value=0.0, max_value=0.9999))
def test_below_one_never_shows_100(share: float) -> None:
    shown = int(accuracy_text(share).removesuffix(" %"))
    assert shown <= 100 * share + 1e-6
    assert shown < 100
