"""Charts in report files: each chart of lomaturity.plot embedded as inline SVG; without
matplotlib (no lomaturity.plot) the report leaves the charts out and says so once."""

from __future__ import annotations

import io
import sys
import types
from typing import Any

import pytest

import lomaturity as lm
from lomaturity._present.report_charts import CHARTS, draw

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">'
    '<rect width="4" height="4"/></svg>'
)


class _Figure:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def savefig(self, buffer: io.StringIO, **options: Any) -> None:
        assert options["format"] == "svg"
        buffer.write(
            '<?xml version="1.0"?>\n' + SVG.replace("<rect", f'<g id="{self.kind}"/><rect')
        )


class _Axes:
    def __init__(self, kind: str) -> None:
        self.figure = _Figure(kind)


@pytest.fixture
def fake_plot(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """A stand-in lomaturity.plot (and pyplot.close) that records what was drawn."""
    drawn: list[tuple[str, object]] = []
    plot = types.ModuleType("lomaturity.plot")
    for kind in CHARTS:

        def chart(result: object, _kind: str = kind) -> _Axes:
            drawn.append((_kind, result))
            return _Axes(_kind)

        setattr(plot, kind, chart)
    pyplot = types.ModuleType("matplotlib.pyplot")
    closed: list[object] = []
    pyplot.close = closed.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lomaturity.plot", plot)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", pyplot)
    return drawn


def _report() -> tuple[lm.Rubric, lm.Report]:
    rubric = lm.load_rubric("learning-organization")
    reports = lm.score_organizations(
        rubric, lm.example_responses(rubric), details=True, n_resamples=100, seed=2
    )
    return rubric, reports["quanta-software"]


def test_charts_are_inline_svg(fake_plot: list[tuple[str, object]]) -> None:
    rubric, report = _report()
    page = lm.render_report(rubric, report, recommendations=False)
    kinds = [kind for kind, _ in fake_plot]
    assert kinds == ["radar", "indicators", "groups", "gap"]
    assert all(result is report for _, result in fake_plot)
    assert page.count('<figure class="chart" role="img"') == 4
    assert '<g id="radar"/>' in page
    assert "<?xml" not in page
    assert "need matplotlib" not in page


def test_draw_refuses_unknown_chart(fake_plot: list[tuple[str, object]]) -> None:
    with pytest.raises(ValueError, match="no chart 'pie'"):
        draw("pie", object())
    assert draw("gap", object()).startswith('<?xml version="1.0"?>\n<svg')


def test_without_matplotlib_charts_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "lomaturity.plot", None)  # import fails
    with pytest.raises(ImportError, match=r"pip install 'lomaturity\[plot\]'"):
        draw("radar", object())
    rubric, report = _report()
    page = lm.render_report(rubric, report, recommendations=False)
    assert "<figure" not in page
    assert page.count("Charts are not shown: they need matplotlib") == 1
    plain = lm.render_report(rubric, report, recommendations=False, charts=False)
    assert "<figure" not in plain
