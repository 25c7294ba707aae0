"""Hostile organization names in report files and charts: control characters, mathtext
dollars, very long names (review of issue 11)."""

from __future__ import annotations

import re

import numpy as np
import pytest

import lomaturity as lm
from factories import make_responses, make_rubric, rubric_yaml

pytest.importorskip("matplotlib", reason="charts need the plot extra (matplotlib)")

DIMENSIONS = {"d0": ["d0i0", "d0i1", "d0i2"], "d1": ["d1i0", "d1i1", "d1i2"]}
IDS = [i for items in DIMENSIONS.values() for i in items]


def _report(name: str) -> tuple[lm.Rubric, lm.Report]:
    rubric = make_rubric(DIMENSIONS)
    values = np.random.default_rng(0).integers(1, 6, size=(12, len(IDS)))
    responses = make_responses(values, IDS, organizations=[name] * 12)
    return rubric, lm.score(rubric, responses, n_resamples=100, seed=1)


def _svg_texts(page: str) -> str:
    return " ".join(re.findall(r"<svg.*?</svg>", page, re.S))


def test_control_characters_never_reach_a_chart() -> None:
    rubric, report = _report("a\x1b[31mred\u202eevil")
    page = lm.render_report(rubric, report, recommendations=False)
    assert "<svg" in page
    assert "\x1b" not in page
    assert "\u202e" not in page
    assert "a\\x1b[31mred\\u202eevil" in _svg_texts(page)


@pytest.mark.parametrize("name", [r"Sales $\frac$ team", r"Cost $5 to $x^2$"])
def test_dollar_signs_are_text_not_mathtext(name: str) -> None:
    rubric, report = _report(name)
    page = lm.render_report(rubric, report, recommendations=False)  # no ParseException
    assert name.replace("$", "") not in _svg_texts(page)  # the dollars kept, not eaten
    assert name.split("$")[1] + "$" in _svg_texts(page)


def test_plot_radar_shows_dollars_and_escapes_as_text() -> None:
    import matplotlib.pyplot as plt

    import lomaturity.plot

    rubric, report = _report(r"Sales $\frac$ team")
    ax = lomaturity.plot.radar(report, rubric=rubric)
    ax.figure.canvas.draw()  # no ParseException
    from matplotlib.text import Text

    texts = [t.get_text() for t in ax.findobj(Text)]
    assert r"Sales \$\frac\$ team" in texts  # matplotlib draws the escaped $ as $
    plt.close("all")


def test_a_very_long_name_keeps_the_chart_readable() -> None:
    rubric, report = _report("x" * 300)
    with_warnings = lm.render_report(rubric, report, recommendations=False)
    svg = _svg_texts(with_warnings)
    assert "x" * 300 not in svg
    assert "x" * 300 in with_warnings  # the heading keeps the whole name


@pytest.fixture(scope="module")
def finnish() -> tuple[lm.Rubric, lm.ReportSet]:
    rubric = lm.load_rubric("learning-organization", language="fi")
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), details=True, n_resamples=100, seed=1
    )
    return rubric, reports


def test_a_finnish_next_steps_section_names_the_default_target_in_finnish(
    finnish: tuple[lm.Rubric, lm.ReportSet],
) -> None:
    rubric, reports = finnish
    text = lm.render_report(rubric, reports["brightloom-design"], format="markdown", charts=False)
    assert "one stage above" not in text
    assert "yksi taso nykyistä ylemmäs" in text


def test_next_steps_name_required_steps_by_their_titles(
    finnish: tuple[lm.Rubric, lm.ReportSet],
) -> None:
    rubric, reports = finnish
    text = lm.render_report(rubric, reports["brightloom-design"], format="markdown", charts=False)
    required = [line for line in text.splitlines() if line.startswith("**Edellyttää:**")]
    assert required
    titles = {r.title for r in rubric.recommendations}
    ids = {r.id for r in rubric.recommendations}
    for line in required:
        assert not any(i.replace("_", "\\_") in line for i in ids), line
        assert any(escaped in line for escaped in (t.replace("-", "-") for t in titles)), line


def test_hostile_dimension_names_on_the_radar_spokes_are_plain_text() -> None:
    """The radar's spoke labels (a polar axis's tick labels, written by a FuncFormatter at
    every draw) are made plain too: no control character in the SVG, no mathtext."""
    import matplotlib.pyplot as plt

    import lomaturity.plot

    name = r"Sales $\\frac$ \e[31mred"  # YAML: \e is ESC, \\ one backslash
    text = rubric_yaml(DIMENSIONS).replace("name: d0,", f'name: "{name}",')
    rubric = lm.read_rubric_bytes(text)
    values = np.random.default_rng(0).integers(1, 6, size=(12, len(IDS)))
    report = lm.score(rubric, make_responses(values, IDS), n_resamples=100, seed=1)
    page = lm.render_report(rubric, report, recommendations=False)  # no ParseException
    assert "\x1b" not in page
    svg = _svg_texts(page)
    assert r"$\frac$" in svg  # the dollars kept as text (the spoke is wrapped onto lines)
    assert r"\x1b[31mred" in svg
    ax = lomaturity.plot.radar(report, rubric=rubric)
    ax.figure.canvas.draw()  # no ParseException
    spokes = [t.get_text() for t in ax.get_xticklabels()]
    assert r"Sales \$\frac\$" in spokes[0]
    assert "\x1b" not in "".join(spokes)
    plt.close("all")
