"""Agreement: may the answers of an organization's respondents be averaged into one score?

Within-organization agreement (James, Demaree & Wolf, 1984): single-item ``rwg`` per
organization and indicator, multi-item ``rwg(j)`` per organization and dimension, each
against a selectable null ("no agreement") distribution (LeBreton & Senter, 2008); with
them Lindell, Brandt & Whitney's (1999) ``r*wg(j)`` and Burke, Finkelstein & Dusig's (1999)
average deviation ``AD_M``, which, unlike ``rwg(j)``, do not grow with the number of items.
Between-organization reliability (Bliese, 2000): ``ICC(1)`` and ``ICC(2)`` per dimension
from a one-way ANOVA of respondent-level dimension scores on organization.

Every formula matches R's ``multilevel`` package (``rwg``, ``rwg.j``, ``rwg.j.lindell``,
``ad.m``, ``ICC1``, ``ICC2``);
``docs/agreement.md`` gives the formulas, the sources and the cross-check against R.

All group-wise sums are vectorized over organizations (``np.add.reduceat`` over rows sorted
by organization, ``np.bincount``); Python loops run only over dimensions and, to build the
result records, over organizations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import get_args

import numpy as np
import numpy.typing as npt
from attrs import frozen

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import (
    AgreementOptions,
    AgreementResult,
    DimensionAgreement,
    NullDistribution,
    OrganizationAgreement,
    Rwg,
)
from ..exceptions import ScoringError
from .aggregate import Float, Layout
from .options import choice_error, make_agreement_options
from .prepared import Prepared, Rows, check_types, prepare

NULL_PROBABILITIES: dict[str, tuple[float, ...]] = {
    "slight_skew": (0.05, 0.15, 0.20, 0.35, 0.25),
    "moderate_skew": (0.00, 0.10, 0.15, 0.40, 0.35),
    "heavy_skew": (0.00, 0.00, 0.10, 0.40, 0.50),
    "triangular": (0.11, 0.22, 0.34, 0.22, 0.11),
}
"""Probabilities of the answer options 1..5 under the non-uniform nulls for ``A = 5``.

Their variances are 1.34, 0.90, 0.44 and 1.32, the values LeBreton & Senter (2008, Table 3)
tabulate. The skewed nulls lean towards the top of the scale (a leniency bias); a variance
does not depend on the direction of the skew.
"""

TABULATED_NULL_VARIANCES: dict[int, dict[str, float]] = {
    7: {"slight_skew": 2.90, "moderate_skew": 2.14, "heavy_skew": 1.39, "triangular": 2.10},
}
"""Null variances LeBreton & Senter (2008, Table 3) tabulate for ``A = 7`` (two decimals;
the probability vectors behind them are not reproduced here)."""

_SMALL = 1e-12
"""Relative size below which a mean square counts as zero (rounding noise)."""


def null_variance(null: str, points: int) -> float:
    """Expected variance ``sigma_EU^2`` of answers on an ``points``-option scale under ``null``.

    ``"uniform"`` is ``(A^2 - 1) / 12`` for any ``A``. The skewed and triangular nulls are
    defined for ``A = 5`` (variance of :data:`NULL_PROBABILITIES`) and ``A = 7``
    (:data:`TABULATED_NULL_VARIANCES`); other scales raise :class:`ScoringError`.
    """
    error = choice_error("null", null, get_args(NullDistribution))
    if error is not None:
        raise ScoringError(error)
    if points < 2:
        raise ScoringError(f"agreement needs a scale with at least 2 answer options, not {points}")
    if null == "uniform":
        return (points * points - 1) / 12.0
    if points == 5:
        # Exact rational arithmetic: the tabulated two-decimal variances come out exactly.
        p = [Fraction(str(q)) for q in NULL_PROBABILITIES[null]]
        mean = sum(q * x for q, x in zip(p, range(1, 6), strict=True))
        return float(sum(q * (x - mean) ** 2 for q, x in zip(p, range(1, 6), strict=True)))
    if points in TABULATED_NULL_VARIANCES:
        return TABULATED_NULL_VARIANCES[points][null]
    raise ScoringError(
        f"null {null!r} is defined for 5- and 7-point scales only (LeBreton & Senter, 2008); "
        f"this rubric has a {points}-point scale; use null='uniform'"
    )


# --- computation ------------------------------------------------------------------------


def _divide(numerator: Float, denominator: Float, where: npt.NDArray[np.bool_]) -> Float:
    """``numerator / denominator`` where ``where``, NaN elsewhere (no warnings)."""
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    np.divide(numerator, denominator, out=out, where=where)
    return out


@frozen(eq=False)
class _Groups:
    """Rows sorted by organization (within one, by respondent id, as :attr:`Prepared.rows`):
    ``order`` sorts rows, ``codes`` are the sorted rows' organization codes (0..G-1 in order
    of first appearance), ``starts`` each block's start."""

    names: tuple[str, ...]
    order: npt.NDArray[np.intp]
    codes: npt.NDArray[np.intp]
    starts: npt.NDArray[np.intp]
    sizes: npt.NDArray[np.intp]

    @classmethod
    def of(cls, rows: dict[str, Rows]) -> _Groups:
        """From :attr:`Prepared.rows` (every organization has at least one row)."""
        sizes = np.array([len(r) for r in rows.values()], dtype=np.intp)
        order = np.concatenate(list(rows.values())).astype(np.intp)
        codes = np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp)
        return cls(tuple(rows), order, codes, starts, sizes)

    def sum(self, values: Float) -> Float:
        """Column sums per organization: ``(G, ...)`` from ``(N, ...)`` sorted rows."""
        out: Float = np.add.reduceat(values, self.starts, axis=0)
        return out


def _moments(layout: Layout, groups: _Groups, x: Float) -> tuple[Float, Float, Float, Float]:
    """Per organization and item ``(G, k)``: answer counts, sums of squared and of absolute
    deviations from the organization mean; per respondent ``(N, d)``: dimension scores.

    Variances take two passes (mean, then squared deviations) so that a constant group has
    exactly zero. A respondent's dimension score is the indicator-weighted mean of the
    answered indicators on 0-100, reverse-keyed ones flipped (as
    ``normalized`` in ``_stats/aggregate.py``): ``100 (x - min) / (max - min)`` is written as
    ``a + b x`` so that both sums are matrix products over the raw answers.
    """
    answered = ~np.isnan(x)
    answered_f = answered.astype(np.float64)
    filled = np.where(answered, x, 0.0)
    n = groups.sum(answered_f)
    mean = _divide(groups.sum(filled), n, n > 0)
    dev = np.where(answered, x - mean[groups.codes], 0.0)
    ss = groups.sum(dev * dev)
    sad = groups.sum(np.abs(dev, out=dev))  # dev is not needed after this

    slope = np.where(layout.reverse, -100.0, 100.0) / layout.span
    intercept = np.where(layout.reverse, 100.0, 0.0) - slope * layout.low
    weighted = layout.indicator_weight[:, None] * layout.membership
    numerator = filled @ (slope[:, None] * weighted) + answered_f @ (intercept[:, None] * weighted)
    denominator = answered_f @ weighted
    return n, ss, sad, _divide(numerator, denominator, denominator > 0)


@frozen
class _Icc:
    n_groups: int
    n: int
    icc1: float | None = None
    icc2: float | None = None
    k: float | None = None
    k_adjusted: float | None = None
    msb: float | None = None
    msw: float | None = None
    reason: str | None = None


@frozen(eq=False)
class GroupSums:
    """Per organization ``(G,)``, of one respondent-level score (NaN: left out): respondents
    with a value, the sum of their values, the sum of squared deviations from the
    organization mean (two passes, so a constant organization has exactly zero) and the sum
    of squares. Each organization's figures depend on its own rows only, so sums built
    chunk by chunk and concatenated are those of the whole panel."""

    size: Float
    total: Float
    ss: Float
    squares: Float

    @classmethod
    def of(cls, codes: npt.NDArray[np.intp], n_groups: int, y: Float) -> GroupSums:
        """From respondent scores ``y`` and their organization codes ``0..n_groups-1``."""
        valid = ~np.isnan(y)
        c = codes[valid]
        v = y[valid]
        size = np.bincount(c, minlength=n_groups).astype(np.float64)
        total = np.bincount(c, weights=v, minlength=n_groups).astype(np.float64)
        mean = _divide(total, size, size > 0)
        ss = np.bincount(c, weights=(v - mean[c]) ** 2, minlength=n_groups)
        squares = np.bincount(c, weights=v * v, minlength=n_groups)
        return cls(size, total, ss.astype(np.float64), squares.astype(np.float64))

    @classmethod
    def concatenated(cls, parts: list[GroupSums]) -> GroupSums:
        """The sums of several sets of organizations, one after the other."""
        return cls(
            np.concatenate([p.size for p in parts]),
            np.concatenate([p.total for p in parts]),
            np.concatenate([p.ss for p in parts]),
            np.concatenate([p.squares for p in parts]),
        )


def icc_of(sums: GroupSums) -> _Icc:
    """One-way ANOVA of a score on organization, as ``aov(y ~ factor(org))`` and
    ``multilevel::ICC1`` / ``ICC2``, from per-organization sums (:class:`GroupSums`)."""
    present = sums.size > 0
    g = int(present.sum())
    n = int(sums.size.sum())
    if g < 2:
        reason = f"needs at least 2 organizations with answers; the responses hold {g}"
        return _Icc(g, n, reason=reason)
    k = n / g
    if n == g:
        reason = (
            "every organization has a single respondent with answers: "
            "there is no within-organization variance"
        )
        return _Icc(g, n, k=k, reason=reason)
    mean = _divide(sums.total, sums.size, present)
    grand = float(sums.total.sum() / n)
    msb = float((sums.size[present] * (mean[present] - grand) ** 2).sum()) / (g - 1)
    msw = float(sums.ss.sum()) / (n - g)
    k_adjusted = (n - float((sums.size * sums.size).sum()) / n) / (g - 1)
    tiny = _SMALL * float(sums.squares.sum()) / n
    if msb <= tiny and msw <= tiny:
        reason = "every respondent has the same score"
        return _Icc(g, n, k=k, k_adjusted=k_adjusted, msb=msb, msw=msw, reason=reason)
    icc1 = (msb - msw) / (msb + (k - 1.0) * msw)
    if msb <= tiny:
        reason = (
            "ICC(2) undefined: every organization has the same mean "
            "(no between-organization variance)"
        )
        return _Icc(g, n, icc1, None, k, k_adjusted, msb, msw, reason)
    return _Icc(g, n, icc1, (msb - msw) / msb, k, k_adjusted, msb, msw)


def agreement(
    rubric: Rubric,
    responses: Responses,
    *,
    null: str = "uniform",
    cutoff: float | None = None,
    icc2_threshold: float = 0.70,
    min_respondents: int = 3,
    truncate: bool = True,
    index: str = "rwg_star_j",
    ad_cutoff: float | None = None,
) -> AgreementResult:
    """May each organization's answers be averaged into one organizational score?

    Computes, on the raw answer scale, single-item ``rwg`` per organization and indicator
    and ``rwg(j)`` per organization and dimension (James, Demaree & Wolf, 1984), with
    ``r*wg(j)`` (Lindell, Brandt & Whitney, 1999) and the average deviation ``AD``
    (Burke, Finkelstein & Dusig, 1999; also on 0-100), the share of organizations that
    agree by ``index`` per dimension, and ``ICC(1)`` / ``ICC(2)``
    per dimension from a one-way ANOVA of respondent dimension scores (0-100) on
    organization (Bliese, 2000). Doubtful aggregation is reported as notices, never only
    as numbers. Formulas, sources and the cross-check against R: ``docs/agreement.md``.

    Args:
        rubric: the rubric the responses were read for.
        responses: the answers; any number of organizations.
        null: ``sigma_EU^2`` of "no agreement": ``"uniform"`` ``(A^2 - 1) / 12`` (default),
            or LeBreton & Senter's (2008) ``"slight_skew"``, ``"moderate_skew"``,
            ``"heavy_skew"``, ``"triangular"`` (5- and 7-point scales only).
        cutoff: an rwg-type ``index`` below it gets a ``low_agreement`` notice; ``None``
            (default): .50 for r*wg(j), .70 for rwg(j) (``AGREEMENT_CUTOFFS``, docs/agreement.md).
        icc2_threshold: ``ICC(2)`` below it gets a ``low_icc2`` notice (default .70).
        min_respondents: fewer respondents answering a dimension get ``few_respondents``.
        truncate: cap the observed variance at ``sigma_EU^2`` (single-item ``rwg`` in
            [0, 1], as ``multilevel::rwg``); ``False`` lets single-item ``rwg`` go negative.
            ``r*wg(j)`` is never truncated, ``rwg(j)`` always.
        index: the index the ``low_agreement`` notices and the share of agreeing
            organizations read: ``"rwg_star_j"`` (default; ``r*wg(j) < cutoff``),
            ``"rwg_j"`` (``rwg(j) < cutoff``; inflates with the number of items) or ``"ad"``
            (``AD > ad_cutoff``). docs/agreement.md says why.
        ad_cutoff: the ``AD`` (raw answer units) above which ``index="ad"`` warns; ``None``
            (default): ``c / 6`` for a scale of ``c`` answer options (0.83 for 5).

    Returns:
        An :class:`AgreementResult` (also a mapping organization ->
        :class:`OrganizationAgreement`); :meth:`AgreementResult.for_organization` gives
        the part a score report attaches.

    Raises:
        ScoringError: bad options, responses that do not fit the rubric or hold no
            respondents, or a skewed null on a scale other than 5 or 7 points.
    """
    check_types(rubric, responses)
    options = make_agreement_options(
        null=null,
        cutoff=cutoff,
        icc2_threshold=icc2_threshold,
        min_respondents=min_respondents,
        truncate=truncate,
        index=index,
        ad_cutoff=ad_cutoff,
    )
    return agreement_of(prepare(rubric, responses), options)


@frozen(eq=False)
class AgreementParts:
    """The per-organization figures of :func:`agreement_of`: each organization's record,
    per dimension ``(G, d)`` its ``rwg(j)``, ``r*wg(j)``, ``AD`` and whether it agrees by
    the selected index (1.0 / 0.0, NaN: undefined), and the ICC's :class:`GroupSums` per
    dimension. Parts of disjoint sets of organizations concatenate into those of the whole
    panel (:func:`combined`)."""

    organizations: dict[str, OrganizationAgreement]
    rwg_j: Float
    sums: list[GroupSums]
    rwg_star_j: Float
    ad: Float
    agrees: Float

    def without_records(self) -> AgreementParts:
        """The same figures without the per-organization records (a panel keeps only
        these few numbers per organization and dimension)."""
        return AgreementParts({}, self.rwg_j, self.sums, self.rwg_star_j, self.ad, self.agrees)


def agreement_parts(prepared: Prepared, options: AgreementOptions) -> AgreementParts:
    """The per-organization figures of the responses in ``prepared``."""
    layout = prepared.layout
    null_variances = {s.id: null_variance(options.null, s.points) for s in prepared.rubric.scales}
    sigma2 = np.array([null_variances[i.scale] for i in prepared.rubric.indicators])
    groups = _Groups.of(prepared.rows)
    x = _raw_answers(prepared)[groups.order]

    # --- per organization x indicator (G, k): rwg, r*wg, AD ------------------------------
    n_item, ss, sad, dim_scores = _moments(layout, groups, x)
    has_var = n_item >= 2
    s2 = _divide(ss, n_item - 1.0, has_var)
    ratio = s2 / sigma2  # NaN where undefined
    rwg = 1.0 - (np.minimum(ratio, 1.0) if options.truncate else ratio)  # NaN stays NaN
    ad = _divide(sad, n_item, has_var)  # AD_M: mean absolute deviation (denominator n)
    # AD's practical cut-off c/6 (c = max - min + 1 answer options), per item
    cutoff = (layout.span + 1.0) / 6.0 if options.ad_cutoff is None else options.ad_cutoff
    item_cutoff = np.broadcast_to(np.asarray(cutoff, dtype=np.float64), ad.shape)
    item = _Indices(n_item, s2, rwg, 1.0 - ratio, ad, ad * (100.0 / layout.span), item_cutoff)

    # --- per organization x dimension (G, d): rwg(j), r*wg(j), AD ------------------------
    # mean_ratio is mean(s2_j) / sigma_EU^2 (the mean of s2_j / sigma_EU^2_j when scales
    # differ); as multilevel::rwg.j the *mean* is capped at 1 for rwg(j), giving 0; r*wg(j)
    # = 1 - mean_ratio uncapped (multilevel::rwg.j.lindell).
    n_dim = groups.sum((~np.isnan(dim_scores)).astype(np.float64))
    columns = [np.flatnonzero(layout.membership[:, c]) for c in range(layout.membership.shape[1])]

    def per_dimension(values: Float) -> Float:
        # Sums over each dimension's columns, added one column at a time: unlike a matrix
        # product or a row reduction, the order of additions (and so every rounding) does
        # not depend on how many organizations are computed together (panel chunks).
        out = np.zeros((values.shape[0], len(columns)))
        for c, cols in enumerate(columns):
            for j in cols:
                out[:, c] += values[:, j]
        return out

    n_j = per_dimension(has_var.astype(np.float64))
    rated = n_j > 0

    def mean_over_items(values: Float) -> Float:
        return _divide(per_dimension(np.where(has_var, values, 0.0)), n_j, rated)

    mean_ratio = mean_over_items(ratio)
    capped = np.minimum(mean_ratio, 1.0)
    agree_part = n_j * (1.0 - capped)
    dim = _Indices(
        n_dim,
        mean_over_items(s2),
        _divide(agree_part, agree_part + capped, rated),
        1.0 - mean_ratio,
        mean_over_items(ad),
        mean_over_items(item.ad_points),
        mean_over_items(item.ad_cutoff),
        n_j,
    )
    agrees = _agrees(dim, options)
    organizations = {
        org: _organization(
            layout, options, null_variances, org, int(groups.sizes[g]), item.row(g), dim.row(g)
        )
        for g, org in enumerate(groups.names)
    }
    sums = [
        GroupSums.of(groups.codes, len(groups.names), dim_scores[:, c])
        for c in range(len(layout.dimension_ids))
    ]
    return AgreementParts(organizations, dim.rwg, sums, dim.rwg_star, dim.ad, agrees)


@frozen(eq=False)
class _Indices:
    """The agreement indices of every organization ``(G, k)`` items or ``(G, d)``
    dimensions: respondents, (mean) variance, ``rwg`` / ``rwg(j)``, ``r*wg(j)``, ``AD``,
    ``AD`` on 0-100, the ``AD`` cut-off and (dimensions) the items ``J`` that entered."""

    n: Float
    variance: Float
    rwg: Float
    rwg_star: Float
    ad: Float
    ad_points: Float
    ad_cutoff: Float
    n_items: Float | None = None

    def row(self, g: int) -> _Indices:
        """Organization ``g``'s ``(k,)`` or ``(d,)`` arrays."""
        return _Indices(
            self.n[g],
            self.variance[g],
            self.rwg[g],
            self.rwg_star[g],
            self.ad[g],
            self.ad_points[g],
            self.ad_cutoff[g],
            None if self.n_items is None else self.n_items[g],
        )

    def records(self, ids: tuple[str, ...], reason: Callable[[int], str]) -> dict[str, Rwg]:
        """One organization's :class:`Rwg` per id (``row`` arrays)."""
        n, variance, rwg, star, ad, points, cut = (
            a.tolist()
            for a in (
                self.n,
                self.variance,
                self.rwg,
                self.rwg_star,
                self.ad,
                self.ad_points,
                self.ad_cutoff,
            )
        )
        n_items = [1] * len(ids) if self.n_items is None else self.n_items.astype(int).tolist()
        out: dict[str, Rwg] = {}
        for j, key in enumerate(ids):
            count = int(n[j])
            if rwg[j] != rwg[j]:  # NaN: undefined
                out[key] = Rwg(None, count, 0, None, reason(count))
            else:
                out[key] = Rwg(
                    rwg[j], count, n_items[j], variance[j], None, star[j], ad[j], points[j], cut[j]
                )
        return out


def _agrees(dim: _Indices, options: AgreementOptions) -> Float:
    """1.0 where the dimension index ``options.index`` shows agreement, 0.0 where not,
    NaN where undefined; the rule of :meth:`Rwg.agrees`."""
    value = {"rwg_j": dim.rwg, "rwg_star_j": dim.rwg_star, "ad": dim.ad}[options.index]
    ok = value <= dim.ad_cutoff if options.index == "ad" else value >= options.cutoff
    return np.where(np.isnan(value), np.nan, ok.astype(np.float64))


def combined(parts: list[AgreementParts]) -> AgreementParts:
    """The parts of several disjoint sets of organizations as one (in the given order)."""
    if len(parts) == 1:
        return parts[0]
    return AgreementParts(
        {k: v for p in parts for k, v in p.organizations.items()},
        np.concatenate([p.rwg_j for p in parts]),
        [GroupSums.concatenated([p.sums[c] for p in parts]) for c in range(len(parts[0].sums))],
        np.concatenate([p.rwg_star_j for p in parts]),
        np.concatenate([p.ad for p in parts]),
        np.concatenate([p.agrees for p in parts]),
    )


def panel_agreement(
    layout: Layout, parts: AgreementParts, options: AgreementOptions
) -> tuple[dict[str, DimensionAgreement], list[Notice]]:
    """The panel-wide figures per dimension (ICC(1), ICC(2), the share of agreeing
    organizations) and their notices, from the per-organization parts."""
    iccs = [icc_of(s) for s in parts.sums]
    dimensions = _dimension_agreements(layout, parts, iccs)
    return dimensions, _icc_notices(dimensions, options)


def agreement_of(prepared: Prepared, options: AgreementOptions) -> AgreementResult:
    """The computation of :func:`agreement` on prepared responses and validated options."""
    rubric = prepared.rubric
    parts = agreement_parts(prepared, options)
    dimensions, icc_notices = panel_agreement(prepared.layout, parts, options)
    org_notices = [
        Notice(n.code, n.message, f"{org}/{n.subject}")
        for org, part in parts.organizations.items()
        for n in part.notices
    ]
    return AgreementResult(
        rubric_key=rubric.key,
        options=options,
        null_variances={s.id: null_variance(options.null, s.points) for s in rubric.scales},
        organizations=parts.organizations,
        dimensions=dimensions,
        notices=(*icc_notices, *org_notices),
    )


def _raw_answers(prepared: Prepared) -> Float:
    """The answers on their raw scales, in rubric indicator order."""
    responses, layout = prepared.responses, prepared.layout
    if responses.indicator_ids != layout.indicator_ids:
        columns = [responses.indicator_ids.index(i) for i in layout.indicator_ids]
        raw: Float = responses.values[:, columns]
        return raw
    return responses.values


def _item_reason(n: int) -> str:
    if n == 0:
        return "no answers (all missing or 'not applicable')"
    return "a single answer: agreement needs at least 2 respondents"


def _dimension_reason(n: int) -> str:
    if n == 0:
        return "no answers to any indicator of the dimension (all missing or 'not applicable')"
    if n == 1:
        return "a single respondent answered: agreement needs at least 2"
    return "no indicator of the dimension was answered by at least 2 respondents"


def _dimension_agreements(
    layout: Layout, parts: AgreementParts, iccs: list[_Icc]
) -> dict[str, DimensionAgreement]:
    """ICCs and the share of agreeing organizations (by the selected index), per dimension."""

    def mean(values: Float) -> float | None:  # exactly rounded: independent of the order
        return math.fsum(values.tolist()) / len(values) if len(values) else None

    out: dict[str, DimensionAgreement] = {}
    for c, dim in enumerate(layout.dimension_ids):
        icc = iccs[c]
        rated = ~np.isnan(parts.agrees[:, c])
        n_rated = int(rated.sum())
        n_above = int(parts.agrees[rated, c].sum())
        out[dim] = DimensionAgreement(
            dimension=dim,
            icc1=icc.icc1,
            icc2=icc.icc2,
            k=icc.k,
            k_adjusted=icc.k_adjusted,
            n_organizations=icc.n_groups,
            n_respondents=icc.n,
            ms_between=icc.msb,
            ms_within=icc.msw,
            n_rated=n_rated,
            n_above_cutoff=n_above,
            share_above_cutoff=n_above / n_rated if n_rated else None,
            mean_rwg_j=mean(parts.rwg_j[rated, c]),
            reason=icc.reason,
            mean_rwg_star_j=mean(parts.rwg_star_j[rated, c]),
            mean_ad=mean(parts.ad[rated, c]),
        )
    return out


def _icc_notices(
    dimensions: dict[str, DimensionAgreement], options: AgreementOptions
) -> list[Notice]:
    """``icc_undefined`` and ``low_icc2`` notices, worded from the computed ICCs."""
    out: list[Notice] = []
    for dim, d in dimensions.items():
        if d.icc2 is None:
            out.append(
                Notice(
                    "icc_undefined",
                    f"ICC(2) not computed ({d.reason}); whether {dim} scores differ "
                    "reliably between organizations is unknown",
                    dim,
                )
            )
        elif d.icc2 < options.icc2_threshold:
            assert d.icc1 is not None
            assert d.k is not None
            out.append(
                Notice(
                    "low_icc2",
                    f"ICC(2) = {d.icc2:.2f} is below {options.icc2_threshold:.2f} "
                    f"(ICC(1) = {d.icc1:.3f}, mean organization size k = {d.k:.1f}): "
                    f"organization means of {dim} are not reliable enough to tell "
                    "organizations apart",
                    dim,
                )
            )
    return out


def _organization(
    layout: Layout,
    options: AgreementOptions,
    null_variances: dict[str, float],
    organization: str,
    size: int,
    items: _Indices,
    dims: _Indices,
) -> OrganizationAgreement:
    """One organization's record from its ``(k,)`` item and ``(d,)`` dimension indices."""
    dimensions = dims.records(layout.dimension_ids, _dimension_reason)
    return OrganizationAgreement(
        organization=organization,
        n_respondents=size,
        dimensions=dimensions,
        indicators=items.records(layout.indicator_ids, _item_reason),
        notices=_rwg_notices(dimensions, options),
        options=options,
        null_variances=null_variances,
    )


def _low_message(r: Rwg, options: AgreementOptions, dimension: str) -> str:
    """The ``low_agreement`` message: the index read, its cut-off, and the other indices."""
    assert r.value is not None
    assert r.rwg_star is not None
    assert r.ad is not None
    assert r.ad_points is not None
    assert r.ad_cutoff is not None
    if options.index == "ad":
        rule = " (c/6)" if options.ad_cutoff is None else ""
        head = (
            f"AD = {r.ad:.2f} answer points ({r.ad_points:.1f} on 0-100) > {r.ad_cutoff:.2f}{rule}"
        )
    else:
        value = r.index(options.index)
        assert value is not None
        head = f"{options.index_label} = {value:.2f} < {options.cutoff:.2f} ({options.null} null)"
    others = {
        "rwg_star_j": f"r*wg(j) {r.rwg_star:.2f}",
        "rwg_j": f"rwg(j) {r.value:.2f}",
        "ad": f"AD {r.ad:.2f}",
    }
    rest = ", ".join(v for k, v in others.items() if k != options.index)
    return (
        f"{head}: respondents disagree too much for one {dimension} score to speak for "
        f"them ({rest})"
    )


def _rwg_notices(dimensions: dict[str, Rwg], options: AgreementOptions) -> tuple[Notice, ...]:
    """``rwg_undefined``, ``few_respondents`` and ``low_agreement`` notices of one
    organization; ``low_agreement`` reads the index ``options.index``."""
    out: list[Notice] = []
    for dim, r in dimensions.items():
        if r.value is None:
            out.append(Notice("rwg_undefined", f"agreement not computed: {r.reason}", dim))
            continue
        if r.n_respondents < options.min_respondents:
            out.append(
                Notice(
                    "few_respondents",
                    f"only {r.n_respondents} respondents answered; agreement and the "
                    f"averaged score rest on fewer than {options.min_respondents}",
                    dim,
                )
            )
        if r.agrees(options) is False:
            out.append(Notice("low_agreement", _low_message(r, options, dim), dim))
    return tuple(out)
