"""The comparison, benchmark, group and gap charts show the results' numbers: checked in the
drawn artists (rows, labels, ranges, notes), not only that drawing works."""

from __future__ import annotations

from typing import Any

import pytest
from attrs import evolve
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

import lomaturity as lm
import lomaturity.plot as lp
from lomaturity.results import Benchmark, Comparison, Contrast

ORANGE, GREY = "#E69F00", "#7F7F7F"


def by_gid(ax: Axes, gid: str) -> list[Any]:
    return [a for a in ax.get_children() if a.get_gid() == gid]


def rows_of(ax: Axes) -> dict[str, tuple[float, float, float]]:
    """Row label -> (point, range low, range high), over every colour's artists."""
    ticks = {
        round(float(y)): t.get_text()
        for y, t in zip(ax.get_yticks(), ax.get_yticklabels(), strict=False)
    }
    out: dict[str, tuple[float, float, float]] = {}
    ranges = {}
    for lines in by_gid(ax, "range"):
        for seg in lines.get_segments():
            ranges[round(float(seg[0, 1]))] = (float(seg[0, 0]), float(seg[1, 0]))
    for points in by_gid(ax, "score"):
        for x, y in zip(points.get_xdata(), points.get_ydata(), strict=True):
            out[ticks[round(float(y))]] = (float(x), *ranges[round(float(y))])
    return out


def right_texts(ax: Axes) -> list[str]:
    """The texts written at the right of the rows, top down."""
    found = [t for t in ax.texts if t.get_position()[0] == pytest.approx(1.01)]
    return [t.get_text() for t in sorted(found, key=lambda t: -t.get_position()[1])]


def names(rubric: lm.Rubric) -> list[str]:
    return ["Overall", *(d.name for d in rubric.dimensions)]


@pytest.fixture
def comparison(report: lm.Report, other: lm.Report) -> Comparison:
    found = lm.compare(report, other)
    assert isinstance(found, Comparison)
    return found


def test_comparison_rows_are_the_differences_with_their_ranges(
    comparison: Comparison, rubric: lm.Rubric
) -> None:
    ax = lp.comparison(comparison)
    rows = rows_of(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == names(rubric)
    contrasts: list[Contrast] = [comparison.overall, *comparison.dimensions.values()]
    for label, c in zip(names(rubric), contrasts, strict=True):
        assert rows[label] == pytest.approx((c.difference, c.low, c.high))
    (zero,) = by_gid(ax, "zero")
    assert list(zero.get_xdata()) == [0, 0]
    low, high = ax.get_xlim()
    assert low == -high
    assert high >= max(abs(c.low or 0) for c in contrasts)
    assert high % 5 == 0
    want = [f"{c.first:.0f} → {c.second:.0f}" for c in contrasts]
    assert right_texts(ax) == want
    title = ax.get_title(loc="left")
    assert title.startswith(f"{comparison.second} − {comparison.first}")


def test_comparison_colours_say_whether_the_range_excludes_zero(
    comparison: Comparison, rubric: lm.Rubric
) -> None:
    narrow = comparison.overall  # a made-up contrast whose range includes 0
    wide = Contrast("overall", narrow.first, narrow.second, 1.0, -2.0, 4.0)
    ax = lp.comparison(evolve(comparison, overall=wide))
    colours = {to_hex(p.get_color()).upper(): len(p.get_xdata()) for p in by_gid(ax, "score")}
    excluded = sum(c.excludes_zero for c in comparison.dimensions.values())
    assert colours.get(GREY, 0) == 1 + (len(comparison.dimensions) - excluded)
    assert colours.get(ORANGE, 0) == excluded


def test_comparison_of_indicators_is_sorted_by_difference(
    comparison: Comparison, rubric: lm.Rubric
) -> None:
    ax = lp.comparison(comparison, level="indicators")
    points = [x for x, _, _ in rows_of(ax).values()]
    assert len(points) == len(rubric.indicators)
    top_down = [rows_of(ax)[t.get_text()][0] for t in ax.get_yticklabels()]
    assert top_down == sorted(top_down, reverse=True)


def test_comparison_refuses_sets_and_unknown_levels(
    comparison: Comparison, rubric: lm.Rubric
) -> None:
    panel = lm.score_organizations(rubric, lm.example_responses(), n_resamples=100, seed=1)
    several = lm.compare(panel, panel, labels=("2024", "2025"))
    with pytest.raises(TypeError, match=r"ComparisonSet .* comparisons\["):
        lp.comparison(several)  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="level"):
        lp.comparison(comparison, level="teams")  # type: ignore[arg-type]


def test_benchmark_rows_are_the_percentile_ranks(report: lm.Report, rubric: lm.Rubric) -> None:
    found = lm.benchmark(report, lm.example_norms())
    assert isinstance(found, Benchmark)
    ax = lp.benchmark(found)
    rows = rows_of(ax)
    standings = [found.overall, *found.dimensions.values()]
    for label, s in zip(names(rubric), standings, strict=True):
        assert rows[label] == pytest.approx((s.percentile, s.percentile_low, s.percentile_high))
    assert right_texts(ax) == [f"{s.rank_text} (score {s.value:.0f})" for s in standings]
    quartiles = sorted((b.get_x(), b.get_width()) for b in by_gid(ax, "stage-band"))
    assert quartiles == [(0, 25), (25, 25), (50, 25), (75, 25)]
    assert "SYNTHETIC" in ax.get_title(loc="left")


def test_groups_rows_are_the_groups_on_the_chosen_score(
    detailed: lm.Report, rubric: lm.Rubric
) -> None:
    assert detailed.groups is not None
    for score in ("overall", "strategy"):
        ax = lp.groups(detailed, score=score)
        rows = rows_of(ax)
        assert len(rows) == len(detailed.groups.groups)
        for value, group in detailed.groups.groups.items():
            s = group.overall if score == "overall" else group.dimensions[score]
            assert s is not None
            label = f"{value} (n={group.n_respondents})"
            assert rows[label] == pytest.approx((s.value, s.low, s.high))
        assert len(by_gid(ax, "stage-band")) == len(rubric.stages)
    assert "Strategy by team" in ax.get_title(loc="left")


def test_groups_show_suppressed_groups_by_count_only(rubric: lm.Rubric) -> None:
    breakdown = lm.group_scores(
        rubric, lm.example_responses(), min_group_size=12, n_resamples=100, seed=1
    )
    with pytest.raises(lm.UnknownOrganizationError, match="name one with organization="):
        lp.groups(breakdown)
    ax = lp.groups(breakdown, organization="nordwind-manufacturing")
    groups = breakdown["nordwind-manufacturing"]
    hidden = groups.suppressed
    assert hidden  # hr (10) and it (8) are under 12
    notes = [t.get_text() for t in by_gid(ax, "suppressed")]
    assert len(notes) == len(hidden)
    assert all(n.startswith("suppressed") for n in notes)
    shown = [k for k in rows_of(ax) if k.split(" (n=")[0] in groups.shown]
    assert len(shown) == len(groups.shown)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(groups.groups)


def test_groups_refuse_unknown_scores_and_reports_without_groups(
    detailed: lm.Report, report: lm.Report
) -> None:
    with pytest.raises(lm.ScoringError, match=r"did you mean 'strategy'"):
        lp.groups(detailed, score="stratgy")
    with pytest.raises(lm.ScoringError, match="details=True"):
        lp.groups(report)


def test_gap_rows_are_the_perception_gaps(detailed: lm.Report, rubric: lm.Rubric) -> None:
    gap = detailed.perception_gap
    assert gap is not None
    assert gap.overall is not None
    ax = lp.gap(detailed)
    rows = rows_of(ax)
    items = [gap.overall, *gap.dimensions.values()]
    for label, g in zip(names(rubric), items, strict=True):
        assert rows[label] == pytest.approx((g.difference, g.low, g.high))
    assert right_texts(ax) == [f"{g.first:.0f} vs {g.second:.0f}" for g in items]
    assert "manager − employee" in ax.get_title(loc="left")
    assert len(by_gid(ax, "zero")) == 1


def test_a_suppressed_gap_is_a_note_without_rows(rubric: lm.Rubric) -> None:
    result = lm.perception_gap(
        rubric, lm.example_responses(), min_group_size=50, n_resamples=100, seed=1
    )
    ax = lp.gap(result, organization="nordwind-manufacturing")
    (note,) = by_gid(ax, "suppressed")
    assert note.get_text().startswith("gap suppressed")
    assert by_gid(ax, "score") == []
    with pytest.raises(lm.ScoringError, match="perception gap"):
        lp.gap(lm.score(rubric, lm.example_responses(), organization="quanta-software"))


def test_a_comparison_of_two_rubric_versions_takes_either_rubrics_names(
    report: lm.Report, rubric: lm.Rubric
) -> None:
    older = lm.load_rubric("learning-organization@1.0.0")
    before = lm.score(
        older,
        lm.example_responses(older),
        organization="nordwind-manufacturing",
        n_resamples=200,
        seed=1,
    )
    found = lm.compare(before, report, rubric=(older, rubric))
    assert isinstance(found, Comparison)
    assert " -> " in found.rubric_key
    for given in (None, older, rubric):
        ax = lp.comparison(found, rubric=given)
        assert [t.get_text() for t in ax.get_yticklabels()] == names(rubric)
    with pytest.raises(lm.RubricError, match="not the rubric of the comparison"):
        lp.comparison(found, rubric=lm.load_rubric("learning-organization-pulse"))


def test_rows_without_a_number_are_notes_not_points(
    comparison: Comparison, report: lm.Report, detailed: lm.Report
) -> None:
    missing = evolve(
        comparison.dimensions["strategy"],
        first=None,
        difference=None,
        low=None,
        high=None,
        reason="not scorable in the first",
    )
    dims = {**comparison.dimensions, "strategy": missing}
    ax = lp.comparison(evolve(comparison, dimensions=dims))
    assert [t.get_text() for t in by_gid(ax, "suppressed")] == [
        "no difference: not scorable in the first"
    ]
    assert len(right_texts(ax)) == 4
    assert "Strategy" not in rows_of(ax)

    found = lm.benchmark(report, lm.example_norms())
    assert isinstance(found, Benchmark)
    unranked = evolve(found.dimensions["practice"], percentile=None, reason="not scorable")
    ax = lp.benchmark(evolve(found, dimensions={**found.dimensions, "practice": unranked}))
    assert [t.get_text() for t in by_gid(ax, "suppressed")] == ["no rank: not scorable"]
    assert len(right_texts(ax)) == 4

    assert detailed.groups is not None
    first = next(iter(detailed.groups.groups))
    bare = evolve(detailed.groups.groups[first], dimensions={})
    groups = evolve(detailed.groups, groups={**detailed.groups.groups, first: bare})
    ax = lp.groups(evolve(detailed, groups=groups), score="practice")
    assert [t.get_text() for t in by_gid(ax, "suppressed")] == ["not scorable"]
