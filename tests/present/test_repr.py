"""Short reprs: every public object shows itself in one line, without arrays or long
floats (docs/notebooks.md)."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import lomaturity as lm
from public_objects import public_classes, reachable, roots

MAX_LENGTH = 300
"""The longest repr any public object may have (characters)."""

ABSTRACT = {"lomaturity.recommendations.Condition": "the base class of the condition records"}
"""Exported classes with no instances of their own."""

DECIMAL = re.compile(r"\d+\.\d+")


def _long_numbers(text: str) -> list[str]:
    """Decimal numbers in ``text`` with more than 4 significant digits."""
    return [m for m in DECIMAL.findall(text) if len(m.replace(".", "").lstrip("0")) > 4]


def test_every_public_class_has_an_instance_to_check() -> None:
    found = reachable()
    missing = [
        name for name, cls in public_classes().items() if cls not in found and name not in ABSTRACT
    ]
    assert missing == []


@pytest.mark.parametrize("name", sorted(public_classes()))
def test_repr_is_one_short_line(name: str) -> None:
    cls = public_classes()[name]
    if name in ABSTRACT:
        pytest.skip(ABSTRACT[name])
    shown = repr(reachable()[cls])
    assert len(shown) <= MAX_LENGTH, shown
    assert "\n" not in shown
    assert "array(" not in shown or "shape=" in shown  # an array by its shape, never its values
    assert _long_numbers(shown) == [], shown  # numbers rounded
    assert shown.startswith(cls.__name__) or shown.startswith(f"<{cls.__name__}")


def test_the_main_results_say_what_they_hold() -> None:
    report = reachable()[lm.Report]
    shown = repr(report)
    assert repr(report.organization) in shown
    assert f"{report.n_respondents} respondents" in shown
    assert f"{report.overall.value:.1f}" in shown
    rubric = reachable()[lm.Rubric]
    assert repr(rubric) == (
        f"Rubric('{rubric.key}', '{rubric.title}', {', '.join(rubric.languages)}: "
        f"{len(rubric.dimensions)} dimensions, {len(rubric.indicators)} indicators, "
        f"{len(rubric.stages)} stages, {len(rubric.recommendations)} recommendations)"
    )
    responses = reachable()[lm.Responses]
    assert repr(responses).startswith(f"Responses({responses.n_respondents} respondents, ")


def test_reprs_are_far_shorter_than_attrs_made_them() -> None:
    """The measured sizes before (docs/notebooks.md): a report with details was 306,137
    characters; every root result is now a line."""
    for obj in roots():
        if not isinstance(obj, tuple):
            assert len(repr(obj)) <= MAX_LENGTH, type(obj)


def test_hostile_names_stay_one_visible_line() -> None:
    report = reachable()[lm.Report]
    hostile = lm.Report(
        **{
            **{a: getattr(report, a) for a in ("rubric_key", "n_respondents", "overall")},
            **{a: getattr(report, a) for a in ("dimensions", "indicators", "stage")},
            **{a: getattr(report, a) for a in ("interval", "options")},
            "organization": "evil\n\x1b[31mred\u202e" + "x" * 500,
        }
    )
    shown = repr(hostile)
    assert "\n" not in shown
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert len(shown) <= MAX_LENGTH


@given(name=st.text(max_size=300))
@example(name="00000000" + "\x1f" * 6 + "\U00014647" * 30)  # escapes longer than the cut
def test_any_organization_name_gives_one_short_printable_line(name: str) -> None:
    report = attrs.evolve(reachable()[lm.Report], organization=name)
    for obj in (report, lm.ReportSet({name: report})):
        shown = repr(obj)
        assert len(shown) <= MAX_LENGTH
        assert shown.isprintable(), shown
