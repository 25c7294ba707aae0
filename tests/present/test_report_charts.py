"""Charts in report files: each chart embedded as inline SVG (matplotlib's SVG writer, the
chart engine behind lomaturity.plot); without matplotlib the report leaves the charts out
and says so once."""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest

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
