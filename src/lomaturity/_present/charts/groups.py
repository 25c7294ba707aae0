"""The group chart: one organization's groups (teams, ...) on one score with confidence
ranges over the shaded stage bands; suppressed groups shown by their count only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._hints import did_you_mean
from ..._model.rubric import Rubric
from ..._results.groups import GroupScore, OrganizationGroups
from ...exceptions import ScoringError
from .forest import Row, draw_rows, row_axes
from .style import NEUTRAL, apply_title, percent, shade_stages

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes


def _group_row(group: GroupScore, score: str) -> Row:
    label = f"{group.value} (n={group.n_respondents})"
    if group.suppressed:
        return Row(label, None, None, None, note=f"suppressed: {group.reason or 'too few'}")
    found = group.overall if score == "overall" else group.dimensions.get(score)
    if found is None or found.value is None:
        reason = "not scorable" if found is None else f"not scorable: {found.reason}"
        return Row(label, None, None, None, note=reason)
    return Row(label, found.value, found.low, found.high)


def check_score(score: str, rubric: Rubric) -> None:
    """``score`` is ``"overall"`` or a dimension id of ``rubric``."""
    known = ["overall", *(d.id for d in rubric.dimensions)]
    if score not in known:
        hint = did_you_mean(score, known)
        raise ScoringError(
            f"score: no score {score!r} to chart by group; give 'overall' or a dimension id"
            + (f" ({hint})" if hint else "")
            + "; dimensions: "
            + ", ".join(known[1:])
        )


def draw_groups(
    groups: OrganizationGroups, rubric: Rubric, *, score: str = "overall", ax: Axes | None = None
) -> Axes:
    """The groups of one organization on ``score`` (``"overall"`` or a dimension id), in
    their order (by value, ``(missing)`` last), with confidence ranges over the stage bands;
    a suppressed group is a row with its count and the reason, and no score."""
    check_score(score, rubric)
    rows = [_group_row(g, score) for g in groups.groups.values()]
    ax = row_axes(ax, len(rows))
    shade_stages(ax, rubric)
    draw_rows(ax, rows)
    ax.set_xlabel(f"Score (0-100) with {percent(groups.interval.confidence)} range")
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)
    names = {"overall": "Overall", **{d.id: d.name for d in rubric.dimensions}}
    note = f"{names[score]} by {groups.column}; groups under {groups.min_group_size} suppressed"
    apply_title(ax, groups.organization, note, pad=True)
    return ax
