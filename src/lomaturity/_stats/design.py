"""Survey design kernels: post-stratification weights, the stratified (weighted) and the
team-clustered respondent bootstrap, the finite-population correction and the design
effect (formulas and references in docs/survey-design.md).

Every kernel is vectorized: Python loops run over strata or nothing, never over
respondents or resamples.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._hints import did_you_mean, listing, quoted
from .._model.notice import Notice
from .._model.population import OrganizationPopulation
from .._results.design import DesignOptions, StratumWeight, SurveyDesign
from ..exceptions import ScoringError
from .aggregate import Aggregates, Bool, Float, Layout, aggregate
from .bootstrap import organization_rng, resampled_sums, respondent_bootstrap
from .prepared import Prepared, Rows
from .studentized import Studentized

Codes = npt.NDArray[np.intp]


@frozen(eq=False)
class DesignPlan:
    """One organization's design, for the respondents kept by the scorer (rows with an
    on-scale answer, in row order).

    ``weights`` is ``None`` when unweighted; ``stratum_codes`` index ``strata``;
    ``cluster_codes`` index the ``n_clusters`` clusters."""

    population: OrganizationPopulation | None
    options: DesignOptions
    weights: Float | None
    stratum_codes: Codes | None
    strata: tuple[StratumWeight, ...]
    cluster_codes: Codes | None
    n_clusters: int | None

    @property
    def resampled(self) -> bool:
        """Whether the draws need the design bootstrap (weights or clusters)."""
        return self.weights is not None or self.cluster_codes is not None

    @property
    def rescaled(self) -> bool:
        """Whether the stratified bootstrap carries the finite-population correction
        itself, per stratum (Rao & Wu 1988): weighted, not clustered, ``fpc`` on."""
        return (
            self.weights is not None
            and self.cluster_codes is None
            and self.population is not None
            and self.options.fpc
        )

    def stratum_scales(self) -> Float:
        """``sqrt(1 - n_h / N_h)`` per stratum when :attr:`rescaled`, else ones."""
        if not self.rescaled:
            return np.ones(len(self.strata))
        n_h = np.array([s.respondents for s in self.strata], dtype=np.float64)
        big_n = np.array([max(s.headcount, 1) for s in self.strata], dtype=np.float64)
        out: Float = np.sqrt(np.clip(1.0 - n_h / big_n, 0.0, 1.0))
        return out


def _kept(scores: Float) -> Bool:
    """The rows the scorer keeps as respondents: those with an on-scale answer (all rows
    when none has one), the rule of ``scoring._Answers.of``."""
    answering: Bool = np.logical_not(np.isnan(scores).all(axis=1))
    if answering.any():
        return answering
    everyone: Bool = np.ones(scores.shape[0], dtype=bool)
    return everyone


def _column(prepared: Prepared, rows: Rows, keep: Bool, name: str) -> npt.NDArray[np.object_]:
    """The values of the per-respondent column ``name`` for the kept rows (``None``: blank)."""
    metadata = prepared.responses.metadata
    if name not in metadata:
        hint = did_you_mean(name, metadata)
        raise ScoringError(
            f"the responses have no {quoted(name)} column to "
            + ("weight" if name != "team" else "cluster")
            + f" by (columns: {listing(tuple(metadata)) or 'none'})"
            + (f"; {hint}" if hint else "")
        )
    values: npt.NDArray[np.object_] = np.asarray(metadata[name], dtype=object)
    return values[np.asarray(rows)[keep]]


def _weights(
    organization: str,
    labels: npt.NDArray[np.object_],
    population: OrganizationPopulation,
    by: str,
) -> tuple[Float, Codes, tuple[StratumWeight, ...]]:
    """Post-stratification weights ``(N_h / N) / (n_h / n)`` over the strata that have
    respondents (population shares renormalized over them)."""
    names = tuple(population.strata)
    blank: Bool = labels == None  # noqa: E711 (elementwise on an object array)
    present = np.unique(labels[~blank].astype(str))
    unknown = [str(v) for v in present if str(v) not in population.strata]
    unknown += ["(blank)"] if blank.any() else []
    if unknown:
        raise ScoringError(
            f"{organization}: respondents with {by} {listing(unknown)} have no headcount in "
            f"the population (strata: {listing(names)}); give a headcount for every {by}"
        )
    order = np.argsort(np.array(names, dtype=object).astype(str))
    sorted_names = np.array(names, dtype=object).astype(str)[order]
    codes = order[np.searchsorted(sorted_names, labels.astype(str))].astype(np.intp)
    n_h = np.bincount(codes, minlength=len(names)).astype(np.float64)
    big_n = np.array([population.strata[s] for s in names], dtype=np.float64)
    over = [f"{s}: {int(a)} > {int(b)}" for s, a, b in zip(names, n_h, big_n, strict=True) if a > b]
    if over:
        raise ScoringError(
            f"{organization}: more respondents than people in {by} ({'; '.join(over)}); "
            "check the population headcounts"
        )
    seen = n_h > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        per = (big_n / big_n[seen].sum()) / (n_h / n_h.sum())
    strata = tuple(
        StratumWeight(
            stratum=s,
            headcount=int(big_n[h]),
            respondents=int(n_h[h]),
            weight=float(per[h]) if seen[h] else None,
            response_rate=float(n_h[h] / big_n[h]) if big_n[h] > 0 else None,
        )
        for h, s in enumerate(names)
    )
    return per[codes], codes, strata


def _clusters(labels: npt.NDArray[np.object_]) -> tuple[Codes, int]:
    """Cluster codes: one per distinct value; a respondent without one is its own cluster."""
    blank: Bool = labels == None  # noqa: E711 (elementwise on an object array)
    codes = np.empty(labels.size, dtype=np.intp)
    _, inverse = np.unique(labels[~blank].astype(str), return_inverse=True)
    codes[~blank] = inverse.ravel()
    found = int(inverse.max()) + 1 if inverse.size else 0
    codes[blank] = found + np.arange(int(blank.sum()))
    return codes, found + int(blank.sum())


def design_plan(
    prepared: Prepared, rows: Rows, organization: str, options: DesignOptions
) -> DesignPlan | None:
    """The design of ``organization`` (its ``rows``), or ``None`` when it has none (no
    headcount and no clusters). Raises :class:`ScoringError` when there are more
    respondents than people, or the design columns are missing."""
    population = None if options.population is None else options.population.get(organization)
    if population is None and options.cluster is None:
        return None
    keep = _kept(prepared.scores[rows])
    n = int(keep.sum()) if bool((~np.isnan(prepared.scores[rows])).any()) else 0
    if population is not None and n > population.headcount:
        raise ScoringError(
            f"{organization}: {n} respondents but a headcount of {population.headcount}; "
            "a response rate above 100 % means the headcount or the organization is wrong"
        )
    weights = codes = None
    strata: tuple[StratumWeight, ...] = ()
    by = None if options.population is None else options.population.by
    if population is not None and by is not None and n > 0:
        labels = _column(prepared, rows, keep, by)
        weights, codes, strata = _weights(organization, labels, population, by)
    cluster_codes, n_clusters = None, None
    if options.cluster is not None and n > 1:
        cluster_codes, n_clusters = _clusters(_column(prepared, rows, keep, options.cluster))
    return DesignPlan(population, options, weights, codes, strata, cluster_codes, n_clusters)


def weighted_data(scores: Float, answered: Bool, weights: Float | None) -> Float:
    """``(n, 2k)`` ``[w * answer | w * answered]`` side by side (0 where unanswered)."""
    k = scores.shape[1]
    data = np.zeros((scores.shape[0], 2 * k))
    np.copyto(data[:, :k], scores, where=answered)
    data[:, k:] = answered
    if weights is not None:
        data *= weights[:, None]
    return data


def design_point(layout: Layout, data: Float, dimension_mask: Bool) -> Aggregates:
    """The (weighted) point estimate from :func:`weighted_data`."""
    k = data.shape[1] // 2
    both = data.sum(0)[None, :]
    return aggregate(layout, both[:, :k], both[:, k:], dimension_mask)


def design_bootstrap(
    layout: Layout,
    data: Float,
    plan: DesignPlan,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
) -> Aggregates:
    """Draws of the design bootstrap from :func:`weighted_data` rows.

    Clusters: whole clusters resampled with replacement (their number fixed), each drawn
    cluster bringing all its respondents (one-stage cluster bootstrap, Davison & Hinkley
    1997, sec. 3.8). Otherwise, strata: respondents resampled with replacement within
    each stratum, ``n_h`` from stratum ``h`` (the post-stratified estimator's bootstrap,
    weights fixed), rescaled when :attr:`DesignPlan.rescaled`: a stratum's resampled sums
    are ``lambda_h S*_h + (1 - lambda_h) S_h`` with ``lambda_h = sqrt(1 - n_h / N_h)``,
    the rescaling bootstrap of Rao & Wu (1988) with ``m_h = n_h`` (its weights
    ``1 - lambda_h + lambda_h c_hi`` are linear in the counts ``c_hi``, so the ratio scores
    take them in both numerator and denominator). Each is a sum of resample counts times
    data, block by block."""
    k = data.shape[1] // 2
    if plan.cluster_codes is not None and plan.n_clusters is not None:
        totals = np.zeros((plan.n_clusters, data.shape[1]))
        np.add.at(totals, plan.cluster_codes, data)
        both = resampled_sums(rng, totals, n_resamples)
    else:
        assert plan.stratum_codes is not None
        both = np.zeros((n_resamples, data.shape[1]))
        scales = plan.stratum_scales()
        for h in range(len(plan.strata)):  # one product per stratum
            members = np.flatnonzero(plan.stratum_codes == h)
            if members.size:
                part = data[members]
                both += scales[h] * resampled_sums(rng, part, n_resamples)
                both += (1.0 - scales[h]) * part.sum(0)
    return aggregate(layout, both[:, :k], both[:, k:], dimension_mask)


def plan_factors(plan: DesignPlan, sizes: tuple[Float, Float, Float]) -> Aggregates | None:
    """The finite-population factors of ``plan`` for scores resting on ``sizes``
    respondents (indicators, dimensions, overall), or ``None`` when not applied (no
    headcount, or ``fpc=False``)."""
    if plan.population is None or not plan.options.fpc:
        return None
    return fpc_factors(plan.population.headcount, sizes)


def designed_draws(
    layout: Layout,
    scores: Float,
    answered: Bool,
    plan: DesignPlan,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
    factors: Aggregates | None,
) -> tuple[Aggregates, Aggregates]:
    """The (weighted) point estimate and the design-bootstrap draws of a plan that is
    :attr:`DesignPlan.resampled`, with the finite-population ``factors`` applied to the
    deviations unless the stratified bootstrap carries them itself
    (:attr:`DesignPlan.rescaled`). Scoring and comparisons both draw here."""
    data = weighted_data(scores, answered, plan.weights)
    point = design_point(layout, data, dimension_mask)
    draws = design_bootstrap(layout, data, plan, rng, n_resamples, dimension_mask)
    if factors is not None and not plan.rescaled:
        draws = shrink(draws, point, factors)
    return point, draws


def effective_sizes(
    plan: DesignPlan, n: int, sizes: tuple[Float, Float, Float]
) -> tuple[Float, Float, Float]:
    """The sample sizes that size an expanded range under ``plan`` (``n`` respondents):
    the number of clusters when clustered, else ``sizes`` scaled by Kish's effective n
    over ``n`` (unchanged when unweighted)."""
    if plan.n_clusters is not None:
        c = float(plan.n_clusters)
        return (np.full_like(sizes[0], c), np.full_like(sizes[1], c), np.full_like(sizes[2], c))
    scale = kish_n(plan.weights, n) / n if n > 0 else 1.0
    return (sizes[0] * scale, sizes[1] * scale, sizes[2] * scale)


def srs_reference(
    layout: Layout,
    scores: Float,
    answered: Bool,
    seed: int,
    key: str,
    n_resamples: int,
    dimension_mask: Bool,
) -> Aggregates:
    """Unweighted respondent-bootstrap draws on their own stream (``key`` + ``"/srs"``):
    the simple-random-sampling reference of the design effect."""
    rng = organization_rng(seed, key + "/srs")
    return respondent_bootstrap(layout, scores, answered, rng, n_resamples, dimension_mask)


def srs_point(layout: Layout, scores: Float, answered: Bool, dimension_mask: Bool) -> Aggregates:
    """The unweighted point estimate (the centre of the SRS reference draws)."""
    return design_point(layout, weighted_data(scores, answered, None), dimension_mask)


def variance_ratio(design: Aggregates, reference: Aggregates) -> Aggregates:
    """Per-score design effect ``var(design draws) / var(reference draws)`` (NaN where the
    reference has no spread)."""

    def ratio(a: Float, b: Float) -> Float:
        with np.errstate(invalid="ignore", divide="ignore"):
            va, vb = np.nanvar(a, axis=0, ddof=1), np.nanvar(b, axis=0, ddof=1)
            out: Float = np.where(vb > 0, va / vb, np.nan)
        return out

    return Aggregates(
        ratio(design.indicator, reference.indicator)[None, :],
        ratio(design.dimension, reference.dimension)[None, :],
        ratio(design.overall[:, None], reference.overall[:, None]),
    )


def fpc_factors(headcount: int, sizes: tuple[Float, Float, Float]) -> Aggregates:
    """``sqrt(1 - n / N)`` per score (one row), ``n`` each score's respondent count."""

    def factor(n: Float) -> Float:
        out: Float = np.sqrt(np.clip(1.0 - np.asarray(n, dtype=np.float64) / headcount, 0.0, 1.0))
        return out[None, :]

    return Aggregates(factor(sizes[0]), factor(sizes[1]), factor(sizes[2])[0])


def shrink(draws: Aggregates, point: Aggregates, factors: Aggregates) -> Aggregates:
    """``point + f (draw - point)``: bootstrap deviations scaled by the FPC factors."""
    return Aggregates(
        point.indicator + factors.indicator * (draws.indicator - point.indicator),
        point.dimension + factors.dimension * (draws.dimension - point.dimension),
        point.overall + factors.overall * (draws.overall - point.overall),
    )


def shrink_studentized(st: Studentized, point: Aggregates, factors: Aggregates) -> Studentized:
    """The studentized draws with deviations and standard errors scaled by the FPC factors
    (the pivots are unchanged, so the range's half-widths scale by ``f``)."""

    def scaled(values: Aggregates) -> Aggregates:
        return Aggregates(
            values.indicator * factors.indicator,
            values.dimension * factors.dimension,
            values.overall * factors.overall,
        )

    return evolve(
        st, draws=shrink(st.draws, point, factors), draw_se=scaled(st.draw_se), se=scaled(st.se)
    )


def kish_n(weights: Float | None, n: int) -> float:
    """Kish's effective sample size ``(sum w)^2 / sum w^2`` (``n`` when unweighted)."""
    if weights is None or weights.size == 0:
        return float(n)
    return float(weights.sum() ** 2 / (weights**2).sum())


def describe(
    plan: DesignPlan,
    names: tuple[str, str],
    n: int,
    design_effect: float | None,
    fpc: float | None,
) -> SurveyDesign:
    """The :class:`SurveyDesign` record of ``plan`` for ``n`` respondents; ``names`` are
    the rubric key and the organization."""
    population = plan.population
    by = None if plan.options.population is None else plan.options.population.by
    parts = []
    if plan.cluster_codes is not None:
        parts.append(f"clusters ({plan.options.cluster}) resampled with replacement")
    elif plan.weights is not None:
        parts.append(f"respondents resampled within strata ({by}), post-stratification weights")
    else:
        parts.append("respondents resampled with replacement")
    if fpc is not None and plan.rescaled:
        parts.append("each stratum's deviations scaled by sqrt(1 - n_h/N_h) (Rao & Wu 1988)")
    elif fpc is not None:
        parts.append("deviations scaled by sqrt(1 - n/N)")
    return SurveyDesign(
        rubric_key=names[0],
        organization=names[1],
        headcount=None if population is None else population.headcount,
        respondents=n,
        response_rate=None if population is None else n / population.headcount,
        fpc=fpc,
        weighted_by=by if plan.weights is not None else None,
        strata=plan.strata,
        effective_n=kish_n(plan.weights, n),
        cluster=plan.options.cluster if plan.cluster_codes is not None else None,
        n_clusters=plan.n_clusters,
        design_effect=None if design_effect is None or math.isnan(design_effect) else design_effect,
        method="; ".join(parts),
    )


def no_headcount_notice(options: DesignOptions | None, organization: str) -> Notice | None:
    """A ``no_headcount`` notice when a population was given but not for ``organization``
    (with a did-you-mean among the population's names)."""
    if options is None or options.population is None:
        return None
    if options.population.get(organization) is not None:
        return None
    hint = did_you_mean(organization, options.population.organizations)
    return Notice(
        "no_headcount",
        f"the population gives no headcount for {quoted(organization)}"
        + (f" ({hint})" if hint else "")
        + ": no response rate, finite-population correction or weights for it",
    )


FEW_CLUSTERS = 10
"""Below this many clusters a cluster bootstrap understates the variance (it is
``(g - 1) / g`` of the cluster-level variance and the ``t`` tail is heavy); a
``few_clusters`` notice says so (docs/survey-design.md)."""


def design_notices(survey: SurveyDesign | None) -> list[Notice]:
    """``few_clusters`` when a clustered bootstrap rests on fewer than :data:`FEW_CLUSTERS`;
    ``empty_stratum`` for strata with people but no respondents (the weights cannot
    represent them); ``thin_stratum`` for strata of one respondent (no spread to resample)."""
    if survey is None:
        return []
    out = _stratum_notices(survey)
    if survey.n_clusters is None or survey.n_clusters >= FEW_CLUSTERS:
        return out
    return [
        *out,
        Notice(
            "few_clusters",
            f"only {survey.n_clusters} {survey.cluster} cluster(s): the clustered ranges and "
            f"the design effect rest on so few clusters that they are rough (at least "
            f"{FEW_CLUSTERS} are advised; docs/survey-design.md)",
        ),
    ]


def _stratum_notices(survey: SurveyDesign) -> list[Notice]:
    """Notices about strata the weights cannot represent well."""
    by = survey.weighted_by
    empty = [x.stratum for x in survey.strata if x.respondents == 0 and x.headcount > 0]
    thin = [x.stratum for x in survey.strata if x.respondents == 1]
    out = []
    if empty:
        out.append(
            Notice(
                "empty_stratum",
                f"no respondent in {by} {listing(empty)}: the weights spread their share over "
                "the other strata, so the scores represent the organization only as far as "
                f"those people resemble the rest",
            )
        )
    if thin:
        out.append(
            Notice(
                "thin_stratum",
                f"one respondent in {by} {listing(thin)}: the stratified bootstrap has no spread "
                "to resample there, so the ranges understate that stratum's uncertainty",
            )
        )
    return out
