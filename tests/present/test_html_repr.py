"""The notebook display (``_repr_html_``): compact, well-formed, escaped, without scripts,
external resources or colours (docs/notebooks.md)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import attrs
import pytest

import lomaturity as lm
from public_objects import reachable, roots

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;\x1b[2J'

DISPLAYED = (
    lm.Rubric,
    lm.Responses,
    lm.Report,
    lm.ReportSet,
    lm.Comparison,
    lm.results.ComparisonSet,
    lm.RecommendationResult,
    lm.results.Benchmark,
    lm.results.BenchmarkSet,
)

TAGS = {"div", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
ATTRIBUTES = {"style", "class", "colspan"}
STYLE = re.compile(r"color|background|url|expression|@import|position", re.IGNORECASE)
"""No colour (the theme decides) and nothing that loads or places anything."""


def _checked(html: str) -> ET.Element:
    """``html`` is one well-formed element of plain layout tags only: no script, no
    external resource, no event handler, no colour."""
    assert "\x1b" not in html
    root = ET.fromstring(html)
    for element in root.iter():
        assert element.tag in TAGS, element.tag
        assert set(element.attrib) <= ATTRIBUTES, element.attrib
        assert not STYLE.search(element.attrib.get("style", "")), element.attrib
    return root


@pytest.mark.parametrize("cls", DISPLAYED, ids=lambda c: c.__name__)
def test_display_is_compact_well_formed_and_inert(cls: type) -> None:
    html = reachable()[cls]._repr_html_()
    root = _checked(html)
    assert root.tag == "div"
    assert len(html) < 20_000
    for table in root.iter("table"):
        assert len(table.findall("./tbody/tr")) <= 16  # 15 rows and a "… n more" row


def test_report_display_shows_the_text_s_numbers() -> None:
    report = reachable()[lm.Report]
    root = _checked(report._repr_html_())
    cells = ["".join(td.itertext()) for td in root.iter("td")]
    assert report.rubric is not None
    for dimension in report.rubric.dimensions:
        assert dimension.name in cells
    assert f"{report.overall.value:.1f}" in cells
    assert f"[{report.overall.low:.1f}, {report.overall.high:.1f}]" in cells


def test_a_synthetic_norm_says_so_first() -> None:
    benchmark = reachable()[lm.results.Benchmark]
    assert benchmark.synthetic
    root = _checked(benchmark._repr_html_())
    lines = ["".join(div.itertext()) for div in root.findall("div")]
    assert lines[1].startswith("SYNTHETIC")


def test_many_organizations_are_counted_not_listed() -> None:
    responses = reachable()[lm.Responses]
    html = responses._repr_html_()
    organizations = len(set(responses.organizations))
    assert organizations > 15
    assert f"… {organizations - 15} more" in html


def _hostile_objects() -> list[Any]:
    objects: dict[type, Any] = {type(o): o for o in roots() if isinstance(o, DISPLAYED)}
    rubric = attrs.evolve(objects[lm.Rubric], title=HOSTILE)
    report = attrs.evolve(reachable()[lm.Report], organization=HOSTILE, rubric=rubric)
    responses = objects[lm.Responses]
    comparison = attrs.evolve(objects[lm.Comparison], first=HOSTILE, second=HOSTILE)
    waves = objects[lm.results.ComparisonSet]
    return [
        rubric,
        attrs.evolve(responses, organizations=(HOSTILE,) * responses.n_respondents),
        report,
        lm.ReportSet({HOSTILE: report}),
        comparison,
        attrs.evolve(waves, first=HOSTILE, comparisons={HOSTILE: comparison}),
        attrs.evolve(objects[lm.RecommendationResult], organization=HOSTILE, rubric=rubric),
        attrs.evolve(objects[lm.results.Benchmark], organization=HOSTILE, norm_title=HOSTILE),
        lm.results.BenchmarkSet({HOSTILE: objects[lm.results.Benchmark]}),
    ]


@pytest.mark.parametrize("obj", _hostile_objects(), ids=lambda o: type(o).__name__)
def test_untrusted_names_are_escaped(obj: Any) -> None:
    html = obj._repr_html_()
    root = _checked(html)
    assert "&lt;script&gt;" in html
    assert "&amp;amp;" in html  # an entity in the input is shown, not interpreted
    assert HOSTILE.replace("\x1b", "\\x1b") in "".join(root.itertext())
