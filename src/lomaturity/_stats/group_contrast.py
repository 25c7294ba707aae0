"""Contrasts between groups of organizations: organization scores, the organization-level
bootstrap of each group's mean, expanded percentile ranges, p-values and Hedges' g.

The organization is the sampling unit. A group's score is the unweighted mean of its
organizations' scores; each side of a contrast is resampled on its own seeded stream:
organizations with replacement when it holds two or more (a cluster bootstrap), the
respondents of its one organization when it holds one. The percentile range of the
difference is *expanded* for few units (a two-sample form of Hesterberg's expanded
percentile, Welch degrees of freedom). Formulas and the coverage study:
docs/group-contrasts.md.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._hints import listing
from .._model.notice import Notice
from .._model.rubric import Rubric
from .._results.common import ScoringOptions
from .._results.contrast import Contrast
from .._results.group_contrast import (
    BY_ORGANIZATION,
    CLUSTER_METHOD,
    EFFECT_SIZE_KIND,
    REST,
    SINGLE_METHOD,
    ContrastKind,
    GroupComparison,
    GroupContrast,
    OrganizationGroup,
)
from .aggregate import Aggregates, Float, aggregate
from .bootstrap import (
    organization_rng,
    quantiles,
    resample_counts,
    respondent_bootstrap,
    t_cdf,
    t_quantile,
)
from .multiplicity import holm
from .prepared import Prepared, Rows

Int = npt.NDArray[np.int64]

MIN_ORGANIZATIONS = 8
"""Below this many organizations in a group, a contrast carries a ``few_organizations``
notice quoting the coverage measured in docs/group-contrasts.md."""

FEW_ORGANIZATIONS_COVERAGE = (
    "in simulations with 4 organizations per group nominal 95 % ranges held the true "
    "difference 93.6-94.2 % of the time and 90 % ranges 89.4-90.2 % (from 8 organizations on: "
    "94.4-95.8 % and 89.6-91.2 %), see docs/group-contrasts.md"
)
"""The measured coverage quoted by the ``few_organizations`` notice."""


def _flat(a: Aggregates) -> Float:
    """``(r, k + d + 1)``: indicators, dimensions, overall; the overall score is NaN where
    a dimension is (every dimension is needed, as ``score``'s default)."""
    overall = np.where(np.isnan(a.dimension).any(1), np.nan, a.overall)
    return np.hstack([a.indicator, a.dimension, overall[:, None]])


@frozen(eq=False)
class OrganizationScores:
    """Every organization's point scores, as flat columns (indicators, dimensions, overall).

    Attributes:
        index: organization name -> row of ``values``.
        values: ``(n_organizations, k + d + 1)`` scores on 0-100, NaN where not scored.
        n_respondents: respondents with at least one answer, per organization.
        rows: organization -> its answering rows (ordered by respondent id).
    """

    index: dict[str, int]
    values: Float
    n_respondents: Int
    rows: dict[str, Rows]


def organization_scores(prepared: Prepared) -> OrganizationScores:
    """Each organization's indicator means and weighted dimension and overall scores, as
    :func:`lomaturity.score` computes the point value (rows without any answer left out)."""
    names = prepared.organizations
    k = prepared.scores.shape[1]
    sums, counts = np.zeros((len(names), k)), np.zeros((len(names), k))
    rows: dict[str, Rows] = {}
    for i, name in enumerate(names):  # one step per organization, vectorized within
        block = prepared.scores[prepared.rows[name]]
        answering = ~np.isnan(block).all(1)
        rows[name] = prepared.rows[name][answering]
        answered = ~np.isnan(block)
        sums[i], counts[i] = np.where(answered, block, 0.0).sum(0), answered.sum(0)
    values = _flat(aggregate(prepared.layout, sums, counts))
    return OrganizationScores(
        index={name: i for i, name in enumerate(names)},
        values=values,
        n_respondents=np.array([len(rows[n]) for n in names], dtype=np.int64),
        rows=rows,
    )


@frozen(eq=False)
class Side:
    """One side of a contrast: the mean of its units and its bootstrap replicates.

    Attributes:
        point: ``(m,)`` the side's score (mean of its organizations' scores).
        draws: ``(B, m)`` bootstrap replicates of ``point``.
        unbiased: ``(m,)`` unbiased variance of ``point`` (``s^2 / n`` over its units).
        plugin: ``(m,)`` the variance the bootstrap implies (``s^2 (n - 1) / n^2``).
        units: ``(m,)`` units behind each column (organizations, or respondents of a
            one-organization side).
        n_organizations: ``(m,)`` organizations with the score.
        squares, dof: ``(m,)`` within-side sum of squared deviations of organization scores
            and its degrees of freedom (0 for a one-organization side), for Hedges' g.
        single: a one-organization side (its respondents were resampled).
    """

    point: Float
    draws: Float
    unbiased: Float
    plugin: Float
    units: Float
    n_organizations: Int
    squares: Float
    dof: Float
    single: bool = False


def cluster_side(values: Float, rng: np.random.Generator, n_resamples: int) -> Side:
    """Organizations (rows of ``values``) resampled with replacement: replicate means
    ``(W @ x) / (W @ present)`` with ``W`` the ``(B, n)`` resample counts."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    counts = resample_counts(rng, values.shape[0], n_resamples)
    with np.errstate(invalid="ignore", divide="ignore"):
        draws: Float = (counts @ filled) / (counts @ present.astype(np.float64))
    n = present.sum(0).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        point = filled.sum(0) / n
        squares = np.where(present, (values - point) ** 2, 0.0).sum(0)
        unbiased = squares / (n - 1.0) / n
    plugin = unbiased * (n - 1.0) / n
    ok = n >= 2
    return Side(
        point=np.where(n > 0, point, np.nan),
        draws=draws,
        unbiased=np.where(ok, unbiased, np.nan),
        plugin=np.where(ok, plugin, np.nan),
        units=n,
        n_organizations=n.astype(np.int64),
        squares=np.where(ok, squares, 0.0),
        dof=np.maximum(n - 1.0, 0.0),
    )


def respondent_side(
    prepared: Prepared, rows: Rows, point: Float, rng: np.random.Generator, n_resamples: int
) -> Side:
    """One organization: its respondents resampled (the respondent bootstrap of
    :func:`lomaturity.score`); ``units`` are the respondents who gave each score."""
    scores = prepared.scores[rows]
    answered = ~np.isnan(scores)
    dims = np.ones(prepared.layout.dimension_weight.size, dtype=np.bool_)
    draws = _flat(respondent_bootstrap(prepared.layout, scores, answered, rng, n_resamples, dims))
    units = _respondent_units(prepared, answered)
    with np.errstate(invalid="ignore", divide="ignore"):
        plugin = np.nanvar(draws, axis=0) if draws.size else np.full(point.shape, np.nan)
        unbiased = plugin * units / (units - 1.0)
    ok = units >= 2
    return Side(
        point=point,
        draws=draws,
        unbiased=np.where(ok, unbiased, np.nan),
        plugin=np.where(ok, plugin, np.nan),
        units=units,
        n_organizations=(~np.isnan(point)).astype(np.int64),
        squares=np.zeros(point.shape),
        dof=np.zeros(point.shape),
        single=True,
    )


def _respondent_units(prepared: Prepared, answered: npt.NDArray[np.bool_]) -> Float:
    """Respondents behind each flat column: answering each indicator, any indicator of each
    dimension, any indicator at all (overall)."""
    per_indicator = answered.sum(0).astype(np.float64)
    per_dimension = ((answered.astype(np.float64) @ prepared.layout.membership) > 0).sum(0)
    overall = float(answered.any(1).sum())
    return np.concatenate([per_indicator, per_dimension.astype(np.float64), [overall]])


# --------------------------------------------------------------------------- the interval

_NORMAL = NormalDist()


CORNISH_FISHER_DF = 50.0
"""From this many degrees of freedom the Cornish-Fisher expansion is the t quantile (relative
error below 1e-6 up to p = 0.99999); below it, Newton steps refine it."""


def _cornish_fisher(p: float, df: float) -> float:
    """Student's t quantile by the Cornish-Fisher expansion to ``df^-4`` (Abramowitz &
    Stegun 26.7.5)."""
    x = _NORMAL.inv_cdf(p)
    g1 = (x**3 + x) / 4
    g2 = (5 * x**5 + 16 * x**3 + 3 * x) / 96
    g3 = (3 * x**7 + 19 * x**5 + 17 * x**3 - 15 * x) / 384
    g4 = (79 * x**9 + 776 * x**7 + 1482 * x**5 - 1920 * x**3 - 945 * x) / 92160
    return x + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


@functools.lru_cache(maxsize=4096)
def t_quantile_fast(p: float, df: float) -> float:
    """Student's t quantile for ``0.5 <= p < 1`` and real ``df > 0``: the Cornish-Fisher
    expansion from :data:`CORNISH_FISHER_DF` degrees of freedom on, else Newton steps on
    :func:`t_cdf` from it (a few ``t_cdf`` calls instead of the bisection's ~50); falls back
    to the bisection if Newton does not settle."""
    t = _cornish_fisher(p, df)
    if df >= CORNISH_FISHER_DF:
        return t
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    for _ in range(30):
        density = math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))
        step = (t_cdf(t, df) - p) / density
        t = max(t - step, t / 2)
        if abs(step) <= 1e-12 * max(1.0, abs(t)):
            return t
    return t_quantile(p, df)


def welch_dof(a: Side, b: Side) -> Float:
    """Welch-Satterthwaite degrees of freedom ``U^2 / sum(u_i^2 / (n_i - 1))``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = (a.unbiased + b.unbiased) ** 2 / (
            a.unbiased**2 / (a.units - 1.0) + b.unbiased**2 / (b.units - 1.0)
        )
    return out


def expansion(a: Side, b: Side) -> Float:
    """``sqrt(U / V)``: the unbiased over the bootstrap variance of the difference (>= 1)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = np.sqrt((a.unbiased + b.unbiased) / (a.plugin + b.plugin))
    return out


def expanded_tails(factor: Float, dof: Float, confidence: float) -> Float:
    """Lower percentile level per column: ``Phi(-f t_df(1 - alpha))``, ``alpha`` the
    two-sided half (the plain ``alpha`` where ``f`` or ``df`` is not finite)."""
    alpha = (1.0 - confidence) / 2.0
    out = np.full(factor.shape, alpha)
    for j in np.flatnonzero(np.isfinite(factor) & np.isfinite(dof) & (dof > 0)):
        t = t_quantile_fast(1.0 - alpha, round(float(dof[j]), 6))
        out[j] = _NORMAL.cdf(-float(factor[j]) * t)
    return out


def welch_p_values(point: Float, unbiased: Float, dof: Float) -> Float:
    """Two-sided p-values of "no difference" from the Welch statistic ``t = D / sqrt(U)``
    with the range's variance ``U`` and degrees of freedom: ``p = 2 T_df(-|t|)`` (computed
    from the tail, so small p-values keep their precision). With organizations on both
    sides this is exactly Welch's test on the organization scores."""
    out = np.full(point.shape, np.nan)
    ok = np.isfinite(point) & np.isfinite(unbiased) & np.isfinite(dof) & (dof > 0)
    for j in np.flatnonzero(ok):
        if unbiased[j] <= 0:
            out[j] = 1.0 if point[j] == 0 else 0.0
            continue
        t = abs(float(point[j])) / math.sqrt(float(unbiased[j]))
        out[j] = min(1.0, 2.0 * t_cdf(-t, float(dof[j])))
    return out


def hedges_g(difference: Float, a: Side, b: Side) -> Float:
    """Difference over the pooled within-group SD of organization scores, times Hedges'
    exact small-sample factor ``J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))``;
    NaN below 2 degrees of freedom or with no spread."""
    dof = a.dof + b.dof
    out = np.full(difference.shape, np.nan)
    for j in np.flatnonzero((dof >= 2) & np.isfinite(difference)):
        df = float(dof[j])
        sd = math.sqrt((a.squares[j] + b.squares[j]) / df)
        if sd > 0:
            j_factor = math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)
            out[j] = float(difference[j]) / sd * j_factor
    return out


@frozen(eq=False)
class Difference:
    """The raw figures of one contrast, per flat column (before Holm)."""

    point: Float
    low: Float
    high: Float
    p_value: Float
    effect_size: Float


def difference(a: Side, b: Side, confidence: float) -> Difference:
    """``b - a``: point, expanded percentile range (widened to hold the point), p-value
    and Hedges' g."""
    point = b.point - a.point
    draws = b.draws - a.draws
    factor, dof = expansion(a, b), welch_dof(a, b)
    tails = expanded_tails(factor, dof, confidence)
    low, high = quantiles(draws, np.vstack([tails, 1.0 - tails]))
    ok = np.isfinite(point) & np.isfinite(a.unbiased) & np.isfinite(b.unbiased)
    nan = np.full(point.shape, np.nan)
    return Difference(
        point=np.where(ok, point, np.nan),
        low=np.where(ok, np.fmin(low, point), nan),
        high=np.where(ok, np.fmax(high, point), nan),
        p_value=np.where(ok, welch_p_values(point, a.unbiased + b.unbiased, dof), nan),
        effect_size=np.where(ok, hedges_g(point, a, b), nan),
    )


# --------------------------------------------------------------------------- the result


@frozen(eq=False)
class Plan:
    """What to compare: the groups (label -> organizations, sorted) and the kind."""

    column: str
    groups: dict[str, tuple[str, ...]]
    kind: ContrastKind
    adjust: str


def side_key(organizations: Sequence[str]) -> str:
    """The seeded stream name of a side: its set of organizations only, so a side's draws
    depend neither on the order of the data nor on the group's label, and the same
    organizations get the same draws wherever they appear (a group, or a group's rest)."""
    return "compare-groups\x1f" + "\x1e".join(sorted(organizations))


def make_side(
    prepared: Prepared,
    scores: OrganizationScores,
    organizations: Sequence[str],
    options: ScoringOptions,
) -> Side:
    """The side of ``organizations`` (sorted, so the result does not depend on order), on
    the stream of :func:`side_key`."""
    ordered = sorted(organizations)
    rng = organization_rng(int(options.seed or 0), side_key(ordered))
    if len(ordered) == 1:
        i = scores.index[ordered[0]]
        rows = scores.rows[ordered[0]]
        return respondent_side(prepared, rows, scores.values[i], rng, options.n_resamples)
    values = scores.values[[scores.index[o] for o in ordered]]
    return cluster_side(values, rng, options.n_resamples)


def _without_draws(side: Side) -> Side:
    """``side`` without its replicates (kept until Holm needs every contrast: the draws of
    one rest side per organization would otherwise pile up)."""
    return evolve(side, draws=side.draws[:0])


def _pairs(plan: Plan) -> list[tuple[str, str]]:
    labels = list(plan.groups)
    if plan.kind == "vs_rest":
        return [(REST, g) for g in labels]
    return [(f, s) for i, f in enumerate(labels) for s in labels[i + 1 :]]


def compare_prepared(
    prepared: Prepared, options: ScoringOptions, plan: Plan, notices: Sequence[Notice] = ()
) -> GroupComparison:
    """Every contrast of ``plan`` on ``prepared``, Holm-adjusted per score if asked."""
    scores = organization_scores(prepared)
    sides = {g: make_side(prepared, scores, orgs, options) for g, orgs in plan.groups.items()}
    everyone = [o for orgs in plan.groups.values() for o in orgs]
    raw: list[tuple[str, str, Difference, Side, Side]] = []
    for first, second in _pairs(plan):
        if first == REST:
            inside = set(plan.groups[second])
            a = make_side(prepared, scores, [o for o in everyone if o not in inside], options)
        else:
            a = sides[first]
        b = sides[second]
        d = difference(a, b, options.confidence)
        raw.append((first, second, d, _without_draws(a), _without_draws(b)))
    p = np.array([d.p_value for _, _, d, _, _ in raw])
    # Holm's family: every contrast of one score (a column of ``p``).
    p_adj = None if plan.adjust == "none" else np.column_stack([holm(col) for col in p.T])
    contrasts = tuple(
        _contrast(prepared.rubric, plan, options, r, None if p_adj is None else p_adj[i])
        for i, r in enumerate(raw)
    )
    groups = {g: _group(prepared, scores, g, orgs) for g, orgs in plan.groups.items()}
    return GroupComparison(
        rubric_key=prepared.rubric.key,
        column=plan.column,
        contrasts_kind=plan.kind,
        groups=groups,
        contrasts=contrasts,
        effect_size_kind=EFFECT_SIZE_KIND,
        adjustment=plan.adjust,
        options=options,
        notices=(*notices, *_respondent_notices(scores, everyone)),
    )


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _ids_of(rubric: Rubric) -> list[tuple[str, str]]:
    """``(level, id)`` of every flat column, in layout (rubric) order."""
    return (
        [("indicator", i) for i in rubric.indicator_ids]
        + [("dimension", d.id) for d in rubric.dimensions]
        + [("overall", "overall")]
    )


def _group(
    prepared: Prepared, scores: OrganizationScores, label: str, orgs: Sequence[str]
) -> OrganizationGroup:
    values = scores.values[[scores.index[o] for o in orgs]]
    present = ~np.isnan(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(present, values, 0.0).sum(0) / present.sum(0)
    flat = {
        key: _opt(float(v)) for (_, key), v in zip(_ids_of(prepared.rubric), means, strict=True)
    }
    layout = prepared.layout
    return OrganizationGroup(
        label=label,
        organizations=tuple(sorted(orgs)),
        n_respondents=int(sum(scores.n_respondents[scores.index[o]] for o in orgs)),
        overall=flat["overall"],
        dimensions={d: flat[d] for d in layout.dimension_ids},
        indicators={i: flat[i] for i in layout.indicator_ids},
    )


def _reason(a: Side, b: Side, j: int, names: tuple[str, str]) -> str:
    """Why column ``j`` of a contrast has no difference."""
    for side, name in ((a, names[0]), (b, names[1])):
        if side.n_organizations[j] == 0:
            return f"no organization of {name!r} has this score"
        if not np.isfinite(side.unbiased[j]):
            if side.single:
                return (
                    f"the one organization of {name!r} has fewer than two respondents with "
                    "this score: no spread to resample"
                )
            return f"fewer than two organizations of {name!r} have this score: no spread"
    return "no bootstrap resample gave both sides a score"


def _stage(rubric: Rubric, value: float | None, level: str) -> str | None:
    if value is None or level == "indicator":
        return None
    return rubric.stage_for(value).id


def _ruled(rubric: Rubric, entries: dict[str, Contrast], levels: dict[str, str]) -> Contrast:
    """The overall contrast with each side's stage decided by the rubric's stage rule
    from that side's dimension means (docs/scoring.md#stage-rules)."""
    overall = entries["overall"]
    dims = [k for k, level in levels.items() if level == "dimension"]
    stages = []
    for side in ("first", "second"):
        value = getattr(overall, side)
        means = {k: getattr(entries[k], side) for k in dims}
        stages.append(None if value is None else rubric.overall_stage(value, means)[0].id)
    return evolve(overall, first_stage=stages[0], second_stage=stages[1])


def _contrast(
    rubric: Rubric,
    plan: Plan,
    options: ScoringOptions,
    raw: tuple[str, str, Difference, Side, Side],
    p_adjusted: Float | None,
) -> GroupContrast:
    first, second, d, a, b = raw
    entries: dict[str, Contrast] = {}
    levels: dict[str, str] = {}
    for j, (level, key) in enumerate(_ids_of(rubric)):
        ok = bool(np.isfinite(d.point[j]))
        va, vb = _opt(float(a.point[j])), _opt(float(b.point[j]))
        entries[key] = Contrast(
            id=key,
            first=va,
            second=vb,
            difference=_opt(float(d.point[j])),
            low=_opt(float(d.low[j])),
            high=_opt(float(d.high[j])),
            effect_size=_opt(float(d.effect_size[j])),
            p_value=_opt(float(d.p_value[j])),
            p_adjusted=None if p_adjusted is None else _opt(float(p_adjusted[j])),
            first_stage=_stage(rubric, va, level),
            second_stage=_stage(rubric, vb, level),
            n_first=int(a.n_organizations[j]),
            n_second=int(b.n_organizations[j]),
            reason=None if ok else _reason(a, b, j, (first, second)),
        )
        levels[key] = level
    entries["overall"] = _ruled(rubric, entries, levels)
    single = a.single or b.single
    return GroupContrast(
        first=first,
        second=second,
        n_first=int(a.n_organizations.max(initial=0)),
        n_second=int(b.n_organizations.max(initial=0)),
        overall=entries["overall"],
        dimensions={k: v for k, v in entries.items() if levels[k] == "dimension"},
        indicators={k: v for k, v in entries.items() if levels[k] == "indicator"},
        method=SINGLE_METHOD if single else CLUSTER_METHOD,
        notices=_contrast_notices(plan, options, (first, second), (a, b)),
    )


def _contrast_notices(
    plan: Plan, options: ScoringOptions, names: tuple[str, str], sides: tuple[Side, Side]
) -> tuple[Notice, ...]:
    """``one_organization_group`` when a side of a column's groups holds one organization
    (its range is about that organization only); ``few_organizations`` below
    :data:`MIN_ORGANIZATIONS`."""
    out: list[Notice] = []
    by_organization = plan.column == BY_ORGANIZATION
    for name, side in zip(names, sides, strict=True):
        if side.single and not by_organization:
            out.append(
                Notice(
                    "one_organization_group",
                    f"group {name!r} holds one organization: its range reflects only that "
                    "organization's respondents, not the spread between organizations of the "
                    "group; the contrast does not generalize to the group",
                    name,
                )
            )
    clusters = [int(s.n_organizations.max(initial=0)) for s in sides if not s.single]
    if clusters and min(clusters) < MIN_ORGANIZATIONS:
        out.append(
            Notice(
                "few_organizations",
                f"{names[1]!r} vs {names[0]!r}: {min(clusters)} organization(s) on a side, "
                f"fewer than {MIN_ORGANIZATIONS}: ranges are a little short of their level; "
                + FEW_ORGANIZATIONS_COVERAGE,
            )
        )
    return tuple(out)


def _respondent_notices(scores: OrganizationScores, organizations: Sequence[str]) -> list[Notice]:
    """``no_answers`` naming organizations without a single answer (they are in their
    group but in none of its scores), ``one_respondent`` naming those scored from one."""
    count = {o: int(scores.n_respondents[scores.index[o]]) for o in organizations}
    out: list[Notice] = []
    empty = sorted(o for o, n in count.items() if n == 0)
    if empty:
        out.append(
            Notice(
                "no_answers",
                f"{len(empty)} organization(s) have no answers at all ({listing(empty)}): "
                "they count in no score of their group",
            )
        )
    ones = sorted(o for o, n in count.items() if n == 1)
    if ones:
        out.append(
            Notice(
                "one_respondent",
                f"{len(ones)} organization(s) have a single respondent ({listing(ones)}): "
                "their scores count as much as any organization's but rest on one person's "
                "answers",
            )
        )
    return out
