"""The group chart: one organization's groups (teams, ...) on one score with confidence
ranges over the shaded stage bands; suppressed groups shown by their count only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._hints import did_you_mean
from ..._model.rubric import Rubric
from ..._results.groups import GroupScore, OrganizationGroups
from ...exceptions import ScoringError
from .forest import Row, draw_rows, row_axes
from .strings import ChartText, chart_text
from .style import NEUTRAL, apply_title, shade_stages

if TYPE_CHECKING:  # matplotlib is an optional extra: its types only for the checker
    from matplotlib.axes import Axes


def _group_row(group: GroupScore, score: str, minimum: int, t: ChartText) -> Row:
    label = f"{group.value} (n={group.n_respondents})"
    if group.suppressed:
        why = "suppressed_small" if group.n_respondents < minimum else "suppressed_complementary"
        note = t(why, reason=group.reason or t("too_few"), minimum=minimum)
        return Row(label, None, None, None, note=note)
    found = group.overall if score == "overall" else group.dimensions.get(score)
    if found is None or found.value is None:
        reason = t("not_scorable") if found is None else t("not_scorable_why", reason=found.reason)
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
    t = chart_text(rubric)
    rows = [_group_row(g, score, groups.min_group_size, t) for g in groups.groups.values()]
    ax = row_axes(ax, len(rows))
    shade_stages(ax, rubric)
    draw_rows(ax, rows)
    ax.set_xlabel(t("score_axis", confidence=t.confidence(groups.interval.confidence)))
    ax.grid(axis="x", color=NEUTRAL, alpha=0.2)
    names = {"overall": t("overall"), **{d.id: d.name for d in rubric.dimensions}}
    note = t("groups_note", score=names[score], column=groups.column, minimum=groups.min_group_size)
    apply_title(ax, groups.organization, note, pad=True)
    return ax
