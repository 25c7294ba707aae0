"""Charts in report files: each chart embedded as inline SVG (matplotlib's SVG writer, the
chart engine behind lomaturity.plot); without matplotlib the report leaves the charts out
and says so once."""

from __future__ import annotations

import html
import re
import sys
from collections import Counter

import pytest
from attrs import evolve

import lomaturity as lm
from lomaturity._present.markup import check_svg
from lomaturity._present.report_charts import draw

pytest.importorskip("matplotlib", reason="charts need the plot extra (matplotlib)")


@pytest.fixture(scope="module")
def scored() -> tuple[lm.Rubric, lm.Report]:
    rubric = lm.load_rubric("learning-organization")
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), details=True, n_resamples=100, seed=2
    )
    return rubric, reports["quanta-software"]


def test_charts_are_inline_svg_with_distinct_ids(scored: tuple[lm.Rubric, lm.Report]) -> None:
    rubric, report = scored
    page = lm.render_report(rubric, report, recommendations=False)
    figures = re.findall(r'<figure class="chart" role="img".*?</figure>', page, re.S)
    assert len(figures) == 4  # radar, indicators, groups, gap
    for figure in figures:
        svg = figure[figure.index("<svg") : figure.rindex("</svg>") + 6]
        check_svg(svg)
        assert "<?xml" not in figure
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert "need matplotlib" not in page
    # the same results give the same page (no date, salted ids)
    assert lm.render_report(rubric, report, recommendations=False) == page


def test_draw_refuses_unknown_chart_and_wrong_result(scored: tuple[lm.Rubric, lm.Report]) -> None:
    rubric, report = scored
    with pytest.raises(ValueError, match="no chart 'pie'"):
        draw("pie", report, rubric)
    with pytest.raises(TypeError, match="the gap chart draws a OrganizationGap, got Report"):
        draw("gap", report, rubric)


def test_without_matplotlib_charts_are_left_out(
    scored: tuple[lm.Rubric, lm.Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    rubric, report = scored
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)  # the import fails
    with pytest.raises(ImportError, match=r"pip install 'lomaturity\[plot\]'"):
        draw("radar", report, rubric)
    page = lm.render_report(rubric, report, recommendations=False)
    assert "<figure" not in page
    assert page.count("Charts are not shown: they need matplotlib") == 1
    plain = lm.render_report(rubric, report, recommendations=False, charts=False)
    assert "<figure" not in plain
    assert "need matplotlib" not in plain


def _svg_texts(page: str) -> list[str]:
    """The texts of every chart of a page (SVG ``<text>`` elements, unescaped)."""
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    return [html.unescape(t) for svg in svgs for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_a_finnish_report_draws_finnish_charts() -> None:
    rubric = lm.load_rubric("learning-organization@1.1.0", language="fi")
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), details=True, n_resamples=100, seed=2
    )
    now = reports["harbor-city-agency"]
    comparison = lm.compare(reports["nordwind-manufacturing"], now)
    bench = lm.benchmark(now, lm.example_norms(rubric))
    page = lm.render_report(rubric, now, baseline=comparison, norms=bench, recommendations=False)
    texts = _svg_texts(page)
    assert len(re.findall(r"<svg", page)) == 6
    for finnish in (
        "95 %:n vaihteluväli",  # the radar's legend
        "Pisteet (0–100) ja 95 %:n vaihteluväli",
        "korkeimmat pisteet ensin",
        "Erotus (pistettä asteikolla 0–100) ja 95 %:n vaihteluväli",
        "alin neljännes",
        "ylin neljännes",
        "Ero (pistettä) ja 95 %:n vaihteluväli",
        "Kokonaisuus",
    ):
        assert finnish in texts, finnish
    english = (
        "range",
        "Score",
        "Overall",
        "overall",
        "quartile",
        "Percentile",
        "percentile ranks",
        "highest score first",
        "respondents",
        " by ",
        "(score ",
        "Gap",
        "Difference",
    )
    assert [t for t in texts if any(e in t for e in english)] == []
    # an unknown language: the English chart texts
    swedish = evolve(lm.load_rubric("learning-organization@1.1.0"), language="sv")
    assert "Score (0-100) with 95 % range" in _svg_texts(draw("indicators", now, swedish))
