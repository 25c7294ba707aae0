"""Bootstrap differences between two sets of responses scored on one rubric: two
organizations, or two survey waves (paired when the same respondents answered both).

The point estimates are the two sides' scores exactly as :func:`lomaturity.score` computes
them (:func:`~lomaturity._stats.scoring.score_rows`, same seed stream per organization). The
range of ``second - first`` comes from resampling the difference directly:

- independent sides: each side's respondents are resampled separately (a side with one
  respondent uses the indicator bootstrap of scoring);
- paired waves: the *union* of the two waves' respondent ids is resampled jointly, each
  drawn id carrying its answers in the first wave (if it took part) and in the second (if
  it took part). People who answered both waves keep their correlation; people who left or
  joined count on their own side only.

With a survey design (independent sides only: docs/comparisons.md), each side is resampled
by the design bootstrap of scoring (weighted within strata, or whole clusters) and its
deviations carry its finite-population correction, exactly as its own ranges do.

Ranges are percentile ranges of the resampled differences (or expanded percentile ranges,
Hesterberg 2015, with ``n = min(n_first, n_second)`` respondents per score: under a design,
the smaller side's clusters or Kish effective n); p-values are
the bootstrap p-values of :mod:`~lomaturity._stats.multiplicity`. Every resample is one row
of a count matrix: no Python loop per respondent or per resample.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._results.common import Score, ScoringOptions
from .._results.contrast import Contrast
from .._results.design import DesignOptions
from .._results.report import Report
from .aggregate import Aggregates, Bool, Float, Layout, aggregate
from .bootstrap import (
    expanded_levels,
    indicator_bootstrap,
    organization_rng,
    quantiles,
    resampled_sums,
    respondent_bootstrap,
)
from .compare import Levels, missing_reason
from .design import (
    DesignPlan,
    design_plan,
    design_point,
    designed_draws,
    effective_sizes,
    no_headcount_notice,
    plan_factors,
    shrink,
    weighted_data,
)
from .effect_size import d_av, hedges_g
from .multiplicity import bootstrap_p_values, expanded_p_values
from .prepared import Prepared, Rows
from .scoring import score_rows

Ids = npt.NDArray[np.str_]


@frozen(eq=False)
class Side:
    """One side of a comparison: the report (as :func:`lomaturity.score` gives it) and the
    answers behind it.

    Attributes:
        report: the side's scores.
        scores: ``(n, k)`` answers on 0-100 of its respondents (rows without any answer
            dropped: they are not respondents), rubric indicator order; ``n`` may be 0.
        ids: ``(n,)`` their respondent ids.
        dimension_ok: ``(d,)`` dimensions scored (the ones in the overall score).
        plan: the side's survey design (``None``: none), for its rows of ``scores``.
    """

    report: Report
    scores: Float
    ids: Ids
    dimension_ok: Bool
    plan: DesignPlan | None = None

    @property
    def n(self) -> int:
        """Respondents with at least one answer."""
        return int(self.scores.shape[0])


def side(
    prepared: Prepared,
    rows: Rows,
    ids: Ids,
    key: str,
    options: ScoringOptions,
    design: DesignOptions | None = None,
) -> Side:
    """The side of the respondents ``rows`` of ``prepared`` (``ids``: every respondent id of
    ``prepared``, as an array), scored under the name ``key`` with the survey ``design``
    as :func:`lomaturity.score` scores it."""
    report = score_rows(prepared, rows, key, options, design=design)
    missing = no_headcount_notice(design, key)
    if missing is not None:
        report = evolve(report, notices=(*report.notices, missing))
    plan = None if design is None else design_plan(prepared, rows, key, design)
    scores, own = prepared.scores[rows], ids[rows]
    answering = ~np.isnan(scores).all(1)
    scores, own = scores[answering], own[answering]
    ok = np.array([report.dimensions[d].value is not None for d in prepared.layout.dimension_ids])
    return Side(report=report, scores=scores, ids=own, dimension_ok=ok, plan=plan)


def _sizes(report: Report) -> tuple[Float, Float, Float]:
    """The respondent count behind each score of ``report`` (indicators, dimensions,
    overall), as scoring sizes its finite-population factors and expanded ranges."""
    return (
        np.array([s.n_respondents for s in report.indicators.values()], dtype=np.float64),
        np.array([s.n_respondents for s in report.dimensions.values()], dtype=np.float64),
        np.array([report.overall.n_respondents], dtype=np.float64),
    )


def effective_n(s: Side) -> tuple[Float, Float, Float]:
    """The sample size behind each score of side ``s`` for an expanded range: its
    respondents, or under a design the clusters or Kish's effective n
    (:func:`~lomaturity._stats.design.effective_sizes`)."""
    sizes = _sizes(s.report)
    if s.plan is None or not s.plan.resampled or s.n <= 1:
        return sizes
    return effective_sizes(s.plan, s.n, sizes)


def level_sizes(first: Side, second: Side) -> tuple[Float, Float, Float]:
    """The sample size behind each difference (indicators, dimensions, overall): the
    smaller of the two sides' :func:`effective_n`. It sizes the expanded ranges and their
    p-values."""
    n_a, n_b = effective_n(first), effective_n(second)
    return (np.minimum(n_a[0], n_b[0]), np.minimum(n_a[1], n_b[1]), np.minimum(n_a[2], n_b[2]))


def _designed(
    layout: Layout, s: Side, rng: np.random.Generator, n_resamples: int
) -> Aggregates | None:
    """The side's draws under its design (the design bootstrap of scoring, then the
    finite-population correction), or ``None`` when its design changes no draw."""
    plan = s.plan
    if plan is None or s.n <= 1:
        return None
    factors = plan_factors(plan, _sizes(s.report))
    answered = ~np.isnan(s.scores)
    if plan.resampled:
        return designed_draws(
            layout, s.scores, answered, plan, rng, n_resamples, s.dimension_ok, factors
        )[1]
    if factors is None:
        return None
    draws = respondent_bootstrap(layout, s.scores, answered, rng, n_resamples, s.dimension_ok)
    point = design_point(layout, weighted_data(s.scores, answered, None), s.dimension_ok)
    return shrink(draws, point, factors)


def common_ids(first: Side, second: Side) -> int:
    """How many respondent ids answered on both sides."""
    return int(np.intersect1d(first.ids, second.ids).size)


def _independent(layout: Layout, s: Side, rng: np.random.Generator, n_resamples: int) -> Aggregates:
    """Resampled scores of one side on its own (indicator bootstrap for one respondent; all
    NaN for a side without answers)."""
    if s.n == 0:
        k, d = s.scores.shape[1], s.dimension_ok.size
        return Aggregates(
            np.full((n_resamples, k), np.nan),
            np.full((n_resamples, d), np.nan),
            np.full(n_resamples, np.nan),
        )
    if s.n == 1:
        return indicator_bootstrap(layout, s.scores, rng, n_resamples, s.dimension_ok)
    designed = _designed(layout, s, rng, n_resamples)
    if designed is not None:
        return designed
    answered = ~np.isnan(s.scores)
    return respondent_bootstrap(layout, s.scores, answered, rng, n_resamples, s.dimension_ok)


def _paired(
    layout: Layout, first: Side, second: Side, rng: np.random.Generator, n_resamples: int
) -> tuple[Aggregates, Aggregates]:
    """Resampled scores of both waves from one resample of the union of their ids."""
    union = np.union1d(first.ids, second.ids)
    k = len(layout.indicator_ids)
    blocks = []
    for s in (first, second):
        wave = np.full((union.size, k), np.nan)
        wave[np.searchsorted(union, s.ids)] = s.scores
        answered = ~np.isnan(wave)
        blocks += [np.where(answered, wave, 0.0), answered.astype(np.float64)]
    both = resampled_sums(rng, np.hstack(blocks), n_resamples)
    one = aggregate(layout, both[:, :k], both[:, k : 2 * k], first.dimension_ok)
    two = aggregate(layout, both[:, 2 * k : 3 * k], both[:, 3 * k :], second.dimension_ok)
    return one, two


def difference_draws(
    layout: Layout, first: Side, second: Side, key: str, options: ScoringOptions, paired: bool
) -> Aggregates:
    """``(B, ...)`` resampled differences ``second - first`` of every score, from the
    stream of ``key`` (an organization name, or both names): independent of other units."""
    rng = organization_rng(int(options.seed or 0), key)
    if paired:
        one, two = _paired(layout, first, second, rng, options.n_resamples)
    else:
        one = _independent(layout, first, rng, options.n_resamples)
        two = _independent(layout, second, rng, options.n_resamples)
    return Aggregates(
        two.indicator - one.indicator, two.dimension - one.dimension, two.overall - one.overall
    )


def _column(
    draws: Float,
    pairs: list[tuple[Score, Score]],
    options: ScoringOptions,
    paired: bool,
    sizes: Float,
) -> list[Contrast]:
    """The contrasts of one level: ``draws`` ``(B, m)`` resampled differences of the ``m``
    score pairs ``(first, second)``; ``sizes`` ``(m,)`` size their expanded ranges (the
    smaller side's respondents, or its effective sample size under a design)."""
    point = np.array(
        [np.nan if a.value is None or b.value is None else b.value - a.value for a, b in pairs]
    )
    p = bootstrap_p_values(draws)
    if options.interval == "expanded":
        n_eff = sizes
        levels = expanded_levels(n_eff, options.confidence)
        # The p-value of the range shown: below 1 - confidence when it excludes 0.
        p = expanded_p_values(p, n_eff)
    else:
        alpha = (1.0 - options.confidence) / 2.0
        levels = np.array([alpha, 1.0 - alpha])
    low, high = quantiles(draws, levels)
    # A percentile range can miss a skewed small-sample estimate; widen it to hold the point.
    low, high = np.fmin(low, point), np.fmax(high, point)
    return [
        _contrast(a, b, float(d), float(lo), float(hi), float(pv), paired)
        for (a, b), d, lo, hi, pv in zip(pairs, point, low, high, p, strict=True)
    ]


def _contrast(
    a: Score, b: Score, d: float, low: float, high: float, p: float, paired: bool
) -> Contrast:
    """One contrast ``b - a``; no difference (and a reason) when a side has no score."""
    ok = not np.isnan(d) and not np.isnan(low) and not np.isnan(high)
    effect = None
    if ok:
        effect = (
            d_av(d, a.sd, b.sd)
            if paired
            else hedges_g(d, a.sd, a.n_respondents, b.sd, b.n_respondents)
        )
    return Contrast(
        id=b.id,
        first=a.value,
        second=b.value,
        difference=d if ok else None,
        low=low if ok else None,
        high=high if ok else None,
        effect_size=effect,
        p_value=None if not ok or np.isnan(p) else p,
        first_stage=a.stage,
        second_stage=b.stage,
        n_first=a.n_respondents,
        n_second=b.n_respondents,
        reason=None if ok else missing_reason(a, b),
    )


def bootstrap_levels(
    layout: Layout,
    first: Side,
    second: Side,
    key: str,
    options: ScoringOptions,
    paired: bool,
) -> Levels:
    """Every contrast ``second - first`` with its bootstrap range and p-value."""
    draws = difference_draws(layout, first, second, key, options, paired)
    a, b = first.report, second.report
    sizes = level_sizes(first, second)
    overall = _column(draws.overall[:, None], [(a.overall, b.overall)], options, paired, sizes[2])[
        0
    ]
    dims = list(layout.dimension_ids)
    inds = list(layout.indicator_ids)
    dimensions = _column(
        draws.dimension,
        [(a.dimensions[d], b.dimensions[d]) for d in dims],
        options,
        paired,
        sizes[1],
    )
    indicators = _column(
        draws.indicator,
        [(a.indicators[i], b.indicators[i]) for i in inds],
        options,
        paired,
        sizes[0],
    )
    return (
        overall,
        dict(zip(dims, dimensions, strict=True)),
        dict(zip(inds, indicators, strict=True)),
    )
