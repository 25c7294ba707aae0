"""Text reports never print untrusted names raw (issue 12, items 6 and 7): control, bidi
and zero-width characters are escaped, an embedded line break cannot forge a line, and no
line starts with a spreadsheet formula character taken from the data."""

from __future__ import annotations

import attrs
import pytest

import lomaturity as lm
from lomaturity._format import FORMULA_STARTS, UNSAFE
from lomaturity._present.explain import explain_score
from lomaturity._present.text import render_details, render_recommendations, render_report

RUBRIC = lm.load_rubric("learning-organization@1.0.0")
HOSTILE = "=cmd|' /C calc'!A0\x1b[2J\u202eevil\nforged line\x00\u200b"
TEAM = "@team\x1b]0;title\x07\u2066x"


def _outputs(organization: str, team: str) -> list[str]:
    example = lm.example_responses("learning-organization@1.0.0")
    first = example.organizations[0]
    organizations = [organization if org == first else org for org in example.organizations]
    teams = [team if t == example.metadata["team"][0] else t for t in example.metadata["team"]]
    metadata = {**example.metadata, "team": teams}
    responses = attrs.evolve(example, organizations=organizations, metadata=metadata)
    report = lm.score(
        RUBRIC, responses, organization=organization, n_resamples=100, seed=1, details=True
    )
    return [
        render_report(report, RUBRIC),
        render_details(report, RUBRIC),
        render_recommendations(lm.recommend(RUBRIC, report), RUBRIC),
        explain_score(RUBRIC, report, "overall"),
    ]


@pytest.fixture(scope="module")
def plain() -> list[str]:
    return _outputs("acme", "team")


@pytest.fixture(scope="module")
def hostile() -> list[str]:
    return _outputs(HOSTILE, TEAM)


def test_no_unsafe_character_is_printed_raw(hostile: list[str]) -> None:
    for text in hostile:
        assert not UNSAFE.search(text.replace("\n", "")), text
    assert "\\x1b[2J" in hostile[0]
    assert "\\u202e" in hostile[0]


def test_no_forged_lines(plain: list[str], hostile: list[str]) -> None:
    """A line break in a name is escaped in table rows and whitespace in wrapped text."""
    for safe, text in zip(plain, hostile, strict=True):
        assert not any(line.lstrip().startswith("forged") for line in text.splitlines())
        assert text.count("\n") - safe.count("\n") <= 2  # longer names wrap, nothing more


def test_no_line_starts_like_a_formula(hostile: list[str]) -> None:
    for text in hostile:
        for line in text.splitlines():
            assert not line.startswith(FORMULA_STARTS), line
    assert hostile[0].startswith("'=cmd")
