"""The linked core of two rubric versions joined by a migration map (docs/rubric-versions.md).

Two sides scored on different rubrics (two versions, or a short form and its full form)
compare only on what the migration map links with comparability ``same`` or
``approximate``. Each usable link becomes one indicator of a *core* rubric built from the
second rubric: a one-to-one link keeps the second rubric's id; a split or merge is one
indicator named by its second-rubric ids joined with ``+``. Its dimension, scale and weight
(summed over a split's ids) are the second rubric's, so both sides are weighted alike.

Each side's answers are first put on 0-100 by its own rubric (its scale and reverse keying),
averaged over the ids of a split or merge per respondent, and put back on the core
indicator's scale. Dimension and overall scores are then recomputed on the core on BOTH
sides: they are not the full rubrics' scores, and a notice says so, listing the indicators.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from attrs import evolve, frozen

from .._hints import listing
from .._model.migrations import Link, MigrationMap
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Dimension, Indicator, Rubric, Scale, Stage
from .._results.common import Score
from .._results.report import Report
from ..exceptions import ScoringError
from .prepared import prepare

JOIN = "+"
"""Joins the second rubric's ids of a split or merge into one core indicator id."""


@frozen
class Core:
    """The linked core of two rubrics: the ``rubric`` both sides are scored on, and the
    usable ``links`` in core indicator order."""

    rubric: Rubric
    links: tuple[Link, ...]
    migration: MigrationMap

    @property
    def ids(self) -> tuple[str, ...]:
        """The core indicator ids."""
        return self.rubric.indicator_ids

    def notice(self) -> Notice:
        """The ``linked_core`` notice: what was compared and why the scores differ from the
        full rubrics' scores."""
        approximate = [
            i for i, k in zip(self.ids, self.links, strict=True) if k.comparability == "approximate"
        ]
        text = (
            f"compared across rubric versions through the migration map {self.migration.key}, "
            f"on the {len(self.ids)} linked indicator(s) only ({', '.join(self.ids)}); "
            "dimension and overall scores were recomputed on these indicators on both sides "
            f"(weights of {self.rubric.key}) and differ from the full rubrics' scores"
        )
        if approximate:
            text += (
                f"; APPROXIMATE: {len(approximate)} link(s) join reworded, split or merged "
                f"questions ({listing(approximate)}): read their differences with caution"
            )
        return Notice("linked_core", text)


def _core_indicator(second: Rubric, link: Link) -> Indicator:
    parts = [second.indicator(i) for i in link.target]
    head = parts[0]
    return Indicator(
        id=JOIN.join(link.target),
        dimension=head.dimension,
        statement=" / ".join(p.statement for p in parts),
        scale=head.scale,
        weight=sum(p.weight for p in parts),
        reverse=False,
        allow_na=any(p.allow_na for p in parts),
        source=head.source,
    )


def core_of(first: Rubric, second: Rubric, migration: MigrationMap) -> Core:
    """The core rubric of ``migration``'s usable links (checked against both rubrics)."""
    links = migration.usable_links
    indicators = tuple(_core_indicator(second, k) for k in links)
    used = {i.dimension for i in indicators}
    dimensions: tuple[Dimension, ...] = tuple(d for d in second.dimensions if d.id in used)
    order = {d.id: n for n, d in enumerate(dimensions)}
    ranked = sorted(zip(indicators, links, strict=True), key=lambda p: order[p[0].dimension])
    scales: tuple[Scale, ...] = tuple(
        s for s in second.scales if s.id in {i.scale for i in indicators}
    )
    rubric = evolve(
        second,
        title=f"{second.title} (linked core with {first.key})",
        scales=scales,
        dimensions=dimensions,
        indicators=tuple(i for i, _ in ranked),
        recommendations=(),
        facts=(),
        path=None,
    )
    return Core(rubric, tuple(k for _, k in ranked), migration)


def _side_values(
    rubric: Rubric, responses: Responses, core: Core, side: str, which: str
) -> tuple[np.ndarray, np.ndarray]:
    """``(values, not_applicable)`` of one side on the core indicators: answers on 0-100 by
    the side's own rubric, averaged over a split or merge, put on the core scale."""
    try:
        prepared = prepare(rubric, responses)
    except ScoringError as exc:
        raise ScoringError(f"the {which} responses: {exc}") from None
    column = {i: n for n, i in enumerate(prepared.layout.indicator_ids)}
    n = responses.n_respondents
    values = np.full((n, len(core.links)), np.nan)
    na = np.zeros((n, len(core.links)), dtype=bool)
    for j, (indicator, link) in enumerate(zip(core.rubric.indicators, core.links, strict=True)):
        cols = [column[i] for i in getattr(link, side)]
        block = prepared.scores[:, cols]
        answered = ~np.isnan(block)
        count = answered.sum(axis=1)
        mean = np.where(answered, block, 0.0).sum(axis=1) / np.maximum(count, 1)
        scale = core.rubric.scale(indicator.scale)
        on_scale = scale.min + mean / 100.0 * (scale.max - scale.min)
        values[:, j] = np.where(count > 0, on_scale, np.nan)
        na[:, j] = prepared.not_applicable[:, cols].all(axis=1)
    return values, na


def core_responses(
    rubric: Rubric, responses: Responses, core: Core, side: str, which: str
) -> Responses:
    """One side's responses rewritten onto the core rubric (``side``: ``"source"`` for the
    map's first rubric, ``"target"`` for its second)."""
    values, na = _side_values(rubric, responses, core, side, which)
    return Responses(
        indicator_ids=core.ids,
        values=values,
        not_applicable=na,
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
        metadata=responses.metadata,
        rubric_key=core.rubric.key,
        source=responses.source,
        rubric_fingerprint=core.rubric.fingerprint,
    )


def rubric_pair(rubric: object) -> tuple[Rubric, Rubric] | None:
    """``(first, second)`` when ``rubric`` is a pair of two rubrics, else ``None``."""
    if (
        isinstance(rubric, tuple | list)
        and len(rubric) == 2
        and all(isinstance(r, Rubric) for r in rubric)
    ):
        return rubric[0], rubric[1]
    return None


RECOMPUTED = (
    "recomputed on the linked core from the report's indicator scores; its range is the "
    "weighted mean of their ranges, a conservative range (as if the indicator estimates "
    "were fully correlated; docs/rubric-versions.md)"
)
"""What a core score recomputed from a report's scores is (the notice quotes it)."""


def _mean_score(score_id: str, parts: Sequence[tuple[Score, float]]) -> Score:
    """The weighted mean of ``parts`` (score, weight) and of their range ends (conservative
    range); not scorable when no part has a value and a range."""
    ok = [(s, w) for s, w in parts if None not in (s.value, s.low, s.high)]
    n = max((s.n_respondents for s, _ in parts), default=0)
    answers = sum(s.n_answers for s, _ in parts)
    na = sum(s.n_not_applicable for s, _ in parts)
    if not ok:
        return Score(score_id, None, None, None, n, answers, na, 0.0, reason="no linked score")
    total = sum(w for _, w in ok)

    def mean(values: Iterable[float]) -> float:
        return sum(v * w for v, (_, w) in zip(values, ok, strict=True)) / total

    value = mean(s.value for s, _ in ok)  # type: ignore[misc]
    low = mean(s.low for s, _ in ok)  # type: ignore[misc]
    high = mean(s.high for s, _ in ok)  # type: ignore[misc]
    coverage = sum(s.coverage for s, _ in parts) / len(parts)
    return Score(score_id, value, low, high, n, answers, na, coverage)


def core_report(report: Report, core: Core, side: str) -> Report:
    """One side's report recomputed on the core: indicator scores of one-to-one links kept,
    those of a split or merge averaged; dimension and overall scores the weighted means of
    them with conservative ranges (see :data:`RECOMPUTED`)."""
    rubric = core.rubric
    indicators: dict[str, Score] = {}
    for indicator, link in zip(rubric.indicators, core.links, strict=True):
        ids = getattr(link, side)
        if len(ids) == 1:
            indicators[indicator.id] = evolve(report.indicators[ids[0]], id=indicator.id)
        else:
            parts = [(report.indicators[i], 1.0) for i in ids]
            indicators[indicator.id] = evolve(_mean_score(indicator.id, parts), reason=None)
    dimensions: dict[str, Score] = {}
    for d in rubric.dimensions:
        parts = [(indicators[i.id], i.weight) for i in rubric.indicators_of(d.id)]
        dimensions[d.id] = _staged(rubric, _mean_score(d.id, parts))
    overall = _mean_score("overall", [(dimensions[d.id], d.weight) for d in rubric.dimensions])
    stage: Stage | None = None
    capped_by: tuple[str, ...] = ()
    if overall.value is not None:
        values = {k: d.value for k, d in dimensions.items()}
        stage, capped_by = rubric.overall_stage(overall.value, values)
        overall = evolve(overall, stage=stage.id)
    return evolve(
        report,
        rubric_key=rubric.key,
        rubric_fingerprint=rubric.fingerprint,
        overall=overall,
        dimensions=dimensions,
        indicators=indicators,
        stage=stage,
        stage_capped_by=capped_by,
        notices=(),
        agreement=None,
        icc={},
        reliability=None,
        perception_gap=None,
        groups=None,
    )


def _staged(rubric: Rubric, score: Score) -> Score:
    if score.value is None:
        return score
    return evolve(score, stage=rubric.stage_for(score.value).id)
