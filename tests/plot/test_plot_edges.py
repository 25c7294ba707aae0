"""Charts of reports with gaps in them (unscorable scores, too few respondents) and of a
rubric of one's own: nothing silently wrong, nothing left out without a note."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest
from matplotlib.axes import Axes

import lomaturity as lm
import lomaturity.plot as lp
from factories import make_report, make_rubric


def by_gid(ax: Axes, gid: str) -> list[Any]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


@pytest.fixture
def own() -> lm.Rubric:
    return make_rubric({"culture": ["c1", "c2"], "practice": ["p1", "p2"], "time": ["t1"]})


def test_a_rubric_of_ones_own_is_required_and_named(own: lm.Rubric) -> None:
    report = make_report({"culture": 60.0, "practice": 40.0, "time": 55.0}, rubric=own)
    with pytest.raises(lm.RubricError, match=r"not a bundled rubric .*rubric="):
        lp.radar(report)
    ax = lp.radar(report, rubric=own)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["culture", "practice", "time"]
    assert len(by_gid(ax, "stage-band")) == 2
    (line,) = by_gid(ax, "score")
    assert list(line.get_ydata()) == pytest.approx([60, 40, 55, 60])


def test_a_rubric_with_the_same_key_and_other_content_is_refused(own: lm.Rubric) -> None:
    report = make_report({"culture": 60.0, "practice": 40.0, "time": 55.0}, rubric=own)
    report = attrs.evolve(report, rubric_fingerprint=own.fingerprint)
    changed = attrs.evolve(own, title="Another title")
    with pytest.raises(lm.RubricError, match="same id@version, other content"):
        lp.indicators(report, rubric=changed)
    assert lp.indicators(report, rubric=own) is not None


def test_an_unscorable_dimension_leaves_a_gap_not_a_zero(own: lm.Rubric) -> None:
    report = make_report({"culture": 60.0, "practice": None, "time": 55.0}, rubric=own)
    ax = lp.radar(report, rubric=own)
    (line,) = by_gid(ax, "score")
    values = list(line.get_ydata())
    assert math.isnan(values[1])
    assert values[0] == 60
    assert "overall not scorable" in ax.get_title(loc="left")


def test_unscorable_indicators_come_last_with_the_reason(own: lm.Rubric) -> None:
    report = make_report(
        {"culture": 60.0, "practice": 40.0, "time": 55.0},
        {"c1": 70.0, "c2": None, "p1": 20.0, "p2": 90.0, "t1": None},
        rubric=own,
    )
    ax = lp.indicators(report, rubric=own)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Item p2.", "Item c1.", "Item p1.", "Item c2.", "Item t1."]
    notes = [t.get_text() for t in by_gid(ax, "suppressed")]
    assert notes == ["not scorable: no answers"] * 2
    (points,) = by_gid(ax, "score")
    assert list(points.get_xdata()) == [90.0, 70.0, 20.0]


def test_a_report_below_the_reporting_minimum_says_so(own: lm.Rubric) -> None:
    report = make_report({"culture": 60.0, "practice": 40.0, "time": 55.0}, rubric=own)
    report = attrs.evolve(report, overall=attrs.evolve(report.overall, reportable=False))
    ax = lp.radar(report, rubric=own)
    assert "below the reporting minimum (10 respondents)" in ax.get_title(loc="left")
