"""Reliability of each dimension: Cronbach's alpha (raw and standardized), alpha if an item
is deleted, corrected item-total correlations, McDonald's omega total from a one-factor
model, a bootstrap range for alpha, and correlations between dimension scores.

Formulas follow Revelle's R package psych (``alpha``, ``omega(nfactors = 1)``) and are
cross-checked against it (``tests/reference/psych_reference.json``, made by
``scripts/r_psych_reference.R``); docs/reliability.md has every formula.

All covariances come from one vectorized routine, :func:`_pair_moments`, that takes
per-respondent weights: a row of ones for the estimate, and multinomial resample counts
for the bootstrap, so every resample is computed at once (in fixed-size blocks of
resamples) with matrix products, never with a Python loop per respondent or resample.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any, get_args

import numpy as np
from attrs import evolve, frozen

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import ScoringOptions
from .._results.reliability import (
    DimensionReliability,
    ItemReliability,
    MissingMode,
    ReliabilityResult,
)
from .._types import type_name
from ..exceptions import ScoringError
from .aggregate import Bool, Float, Layout, respondent_dimension_scores
from .bootstrap import count_blocks, organization_rng, quantiles
from .one_factor import HEYWOOD_BOUND, one_factor_minres
from .options import choice_error, make_options, share_error
from .prepared import Prepared, check_types, prepare

MIN_RESPONDENTS = 3
"""Fewer respondents (complete rows, or respondents answering a pair of items) than this
leave alpha undefined."""

POOLED = "(pooled)"
"""Name used for the respondent pool when no organization is selected (seeds the bootstrap)."""


def _opt(value: float | np.floating[Any]) -> float | None:
    x = float(value)
    return x if math.isfinite(x) else None


# ----------------------------------------------------------------------------------------
# Vectorized moments


def _pair_moments(
    weights: Float, x: Float, present: Float, squares: bool = False
) -> tuple[Float, Float, Float | None]:
    """Weighted pairwise-complete covariances of every replicate at once.

    Args:
        weights: ``(B, n)`` respondent weights (ones for the sample, resample counts for
            the bootstrap).
        x: ``(n, k)`` answers, column-centred, 0 where missing.
        present: ``(n, k)`` 1.0 where answered.
        squares: also return the pairwise-complete correlations (each pair's own means and
            variances, as R's ``cor(use = "pairwise")``).

    Returns:
        ``count (B, k, k)`` (weighted) respondents answering both items, ``cov (B, k, k)``
        with denominator ``count - 1`` (NaN where ``count < 2``), and the correlations or
        ``None``. The diagonal is each item's variance over its own answers.
    """
    n, k = x.shape
    both = (present[:, :, None] * present[:, None, :]).reshape(n, k * k)
    on_pair = (x[:, :, None] * present[:, None, :]).reshape(n, k * k)
    cross = (x[:, :, None] * x[:, None, :]).reshape(n, k * k)
    shape = (weights.shape[0], k, k)
    count = (weights @ both).reshape(shape)
    s = (weights @ on_pair).reshape(shape)  # s[j, l]: sum of x_j where j and l answered
    sxy = (weights @ cross).reshape(shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        centred = sxy - s * np.swapaxes(s, 1, 2) / count
        cov: Float = centred / (count - 1.0)
    cov[count < 2.0] = np.nan
    cor: Float | None = None
    if squares:
        sq = (weights @ (x[:, :, None] ** 2 * present[:, None, :]).reshape(n, k * k)).reshape(shape)
        with np.errstate(invalid="ignore", divide="ignore"):
            ss = sq - s**2 / count  # ss[j, l]: sum of squares of x_j about its pair mean
            cor = centred / np.sqrt(ss * np.swapaxes(ss, 1, 2))
        bad = (count < 2.0) | ~(ss > 0) | ~(np.swapaxes(ss, 1, 2) > 0)
        cor[bad] = np.nan
    return count, cov, cor


def _raw_alpha(cov: Float, floor: float = 0.0) -> Float:
    """``k / (k - 1) * (1 - tr C / 1'C1)`` for a stack ``(B, k, k)``; NaN where undefined:
    where the total variance ``1'C1`` is not above ``floor`` (rounding-error size, e.g.
    a resample of identical respondents)."""
    k = cov.shape[-1]
    total = cov.sum((-2, -1))
    trace = np.trace(cov, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float = k / (k - 1.0) * (1.0 - trace / total)
    out[~(total > floor)] = np.nan
    return out


# ----------------------------------------------------------------------------------------
# One dimension


def _described_item(item_id: str, values: Float, reason: str | None) -> ItemReliability:
    answered = values[~np.isnan(values)]
    n = int(answered.size)
    mean = float(answered.mean()) if n else None
    sd = float(answered.std(ddof=1)) if n > 1 else None
    return ItemReliability(item_id, n, mean, sd, reason=reason)


class _Undefined(Exception):
    """Alpha of a dimension is undefined: ``reason``, and the counts reported with it."""

    def __init__(self, reason: str, n_respondents: int, n_complete: int, used: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.n_respondents = n_respondents
        self.n_complete = n_complete
        self.used = used


@frozen(eq=False)
class _Screened:
    """The items and rows alpha is computed from: ``used`` column indices, the analysed
    ``rows`` (all, or the complete rows under listwise deletion), and the answers ``xu``."""

    used: list[int]
    rows: Bool
    xu: Float


def _complete_rows(answered: Bool) -> int:
    """Respondents who answered every one of the given indicators."""
    return int(answered.all(1).sum()) if answered.shape[1] else 0


def _screen(
    dimension_id: str,
    item_ids: Sequence[str],
    x: Float,
    missing: MissingMode,
    items: dict[str, ItemReliability],
    flags: list[Notice],
) -> _Screened:
    """Drop items with fewer than 2 answers or no variance (describing them in ``items`` and
    ``flags``) and apply listwise deletion; :class:`_Undefined` when alpha cannot be had."""
    n_items = len(item_ids)
    answered = ~np.isnan(x)
    n_any = int(answered.any(1).sum())
    n_all = _complete_rows(answered)
    if n_items < 2:
        raise _Undefined(
            f"alpha needs at least 2 indicators; the dimension has {n_items}", n_any, n_all, 0
        )
    if not answered.any():
        raise _Undefined("no answers to any of its indicators", 0, 0, 0)
    keep = answered.sum(0) >= 2  # fewer than 2 answers: no variance to speak of
    for j in np.flatnonzero(~keep).tolist():
        reason = "fewer than 2 answers"
        items[item_ids[j]] = _described_item(item_ids[j], x[:, j], reason)
        flags.append(Notice("too_few_answers", f"left out of alpha: {reason}", item_ids[j]))
    if keep.sum() < 2:
        left = int(keep.sum())
        raise _Undefined(
            f"alpha needs at least 2 indicators with 2 or more answers; {left} left",
            n_any,
            n_all,
            left,
        )
    complete: Bool = np.asarray(answered[:, keep].all(1))
    rows = complete if missing == "listwise" else np.ones(x.shape[0], dtype=bool)
    if missing == "listwise" and complete.sum() < MIN_RESPONDENTS:
        n = int(complete.sum())
        raise _Undefined(
            f"{n} respondent(s) answered every indicator; at least {MIN_RESPONDENTS} needed "
            "(listwise)",
            n,
            n,
            int(keep.sum()),
        )
    xs = x[rows]
    # Constant items (psych drops them too): correlations with them are undefined.
    kept = np.flatnonzero(keep)
    spread = np.zeros(x.shape[1])
    spread[kept] = np.nanmax(xs[:, kept], axis=0) - np.nanmin(xs[:, kept], axis=0)
    for j in np.flatnonzero(keep & (spread <= 0)).tolist():
        keep[j] = False
        reason = "every answer is the same (zero variance)"
        items[item_ids[j]] = _described_item(item_ids[j], xs[:, j], reason)
        flags.append(Notice("zero_variance", f"left out of alpha: {reason}", item_ids[j]))
    used = np.flatnonzero(keep).tolist()
    xu = xs[:, used]
    if len(used) < 2:
        present = ~np.isnan(xu)
        raise _Undefined(
            f"alpha needs at least 2 indicators with varying answers; {len(used)} left",
            int(present.any(1).sum()),
            _complete_rows(present),
            len(used),
        )
    return _Screened(used, rows, xu)


def _thin_pair(count: Float, ids: Sequence[str]) -> str | None:
    """Why pairwise covariances are too thin, or ``None``: an item answered by fewer than
    :data:`MIN_RESPONDENTS` respondents, else the pair of items answered together least."""
    diagonal = np.diag(count)
    if diagonal.min() < MIN_RESPONDENTS:
        a = int(np.argmin(diagonal))
        return (
            f"only {int(diagonal[a])} respondent(s) answered {ids[a]}; at least "
            f"{MIN_RESPONDENTS} needed for pairwise covariances"
        )
    if count.min() >= MIN_RESPONDENTS:
        return None
    a, b = (int(i) for i in np.unravel_index(int(np.argmin(count)), count.shape))
    return (
        f"only {int(count[a, b])} respondent(s) answered both {ids[a]} and {ids[b]}; "
        f"at least {MIN_RESPONDENTS} needed for pairwise covariances"
    )


@frozen(eq=False)
class _ItemFigures:
    """Alpha-related figures of the used items: correlation matrix, standardized alpha,
    mean inter-item correlation, corrected item-total correlations, alpha if deleted."""

    sd: Float
    cor: Float
    alpha_std: float
    mean_r: float
    r_drop: Float
    a_drop: Float


def _item_figures(cov: Float) -> _ItemFigures:
    """Figures derived from the item covariance matrix ``cov`` (``k x k``, ``k >= 2``)."""
    k = cov.shape[0]
    sd = np.sqrt(np.diag(cov))
    cor = cov / np.outer(sd, sd)  # psych: cov2cor of the (pairwise) covariance matrix
    off = ~np.eye(k, dtype=bool)
    mean_r = float(cor[off].mean())
    spread_r = 1.0 + (k - 1) * mean_r  # 1'R1 / k
    alpha_std = k * mean_r / spread_r if abs(spread_r) > 1e-12 else math.nan
    # Alpha if deleted and the corrected item-total correlation, all items at once.
    total = cov.sum()
    colsum = cov.sum(0)
    diag = np.diag(cov)
    rest_total = total - 2.0 * colsum + diag  # 1'C1 of the other items
    rest_trace = np.trace(cov) - diag
    with np.errstate(invalid="ignore", divide="ignore"):
        r_drop = (colsum - diag) / np.sqrt(diag * rest_total)
        if k >= 3:
            a_drop = (k - 1.0) / (k - 2.0) * (1.0 - rest_trace / rest_total)
        else:
            a_drop = np.full(k, np.nan)
    r_drop[~(rest_total > 0)] = np.nan
    a_drop[~(rest_total > 0)] = np.nan
    return _ItemFigures(sd, cor, alpha_std, mean_r, r_drop, a_drop)


def _omega(r: Float) -> tuple[float | None, str | None, bool]:
    """Omega total from the item correlations ``r`` (psych: ``omega.tot = (1'R1 - sum(u2))
    / 1'R1``): ``(omega, reason it is undefined, Heywood case)``."""
    k = r.shape[0]
    if k < 3:
        return (
            None,
            f"omega needs at least 3 indicators with varying answers ({k} here): a one-factor "
            "model of 2 is not identified",
            False,
        )
    if not np.all(np.isfinite(r)):
        return (
            None,
            "a pairwise correlation is undefined (an item has no variance among the "
            "respondents who answered another item)",
            False,
        )
    r = (r + r.T) / 2.0
    r[np.diag_indices(k)] = 1.0
    loadings, converged, heywood, identified = one_factor_minres(r)
    r_sum = float(r.sum())
    if not converged:
        return None, "the one-factor model did not converge", False
    if not identified:
        return (
            None,
            "the one-factor model is not identified: equally good solutions give different "
            "omegas (the item correlations are symmetric enough that no first factor stands "
            "out)",
            False,
        )
    if not r_sum > 1e-12 * k:
        return None, "the item correlations do not sum to a positive total", False
    return 1.0 - float((1.0 - loadings**2).sum()) / r_sum, None, heywood


def _dimension_notices(
    dimension_id: str,
    alpha_raw: float,
    alpha_threshold: float,
    omega_reason: str | None,
    heywood: bool,
    item_totals: dict[str, float | None],
) -> list[Notice]:
    """The worded flags of one dimension whose alpha is defined."""
    out: list[Notice] = []
    if heywood:
        out.append(
            Notice(
                "heywood_case",
                "the one-factor model put an item's communality at its bound "
                f"({HEYWOOD_BOUND}); read omega with care",
                dimension_id,
            )
        )
    if omega_reason is not None:
        out.append(Notice("omega_undefined", f"omega undefined: {omega_reason}", dimension_id))
    if alpha_raw < alpha_threshold:
        out.append(
            Notice(
                "low_alpha",
                f"alpha {alpha_raw:.2f} is below {alpha_threshold:.2f}: the indicators do not "
                "hang together well enough to read the dimension score as one thing",
                dimension_id,
            )
        )
    for item_id, rt in item_totals.items():
        if rt is not None and rt < 0:
            out.append(
                Notice(
                    "negative_item_total",
                    f"corrected item-total correlation {rt:.2f} is negative: the item runs "
                    "against the rest of its dimension; check its reverse keying in the "
                    "rubric and in the data",
                    item_id,
                )
            )
    return out


def _undefined_dimension(
    dimension_id: str,
    item_ids: Sequence[str],
    x: Float,
    items: dict[str, ItemReliability],
    flags: list[Notice],
    why: _Undefined,
) -> DimensionReliability:
    for j, item_id in enumerate(item_ids):
        if item_id not in items:
            items[item_id] = _described_item(item_id, x[:, j], None)
    flags.append(Notice("alpha_undefined", f"alpha undefined: {why.reason}", dimension_id))
    return DimensionReliability(
        id=dimension_id,
        n_items=len(item_ids),
        n_items_used=why.used,
        n_respondents=why.n_respondents,
        n_complete=why.n_complete,
        alpha_raw=None,
        alpha_std=None,
        alpha_low=None,
        alpha_high=None,
        mean_r=None,
        omega_total=None,
        items={i: items[i] for i in item_ids},
        reason=why.reason,
        flags=tuple(flags),
    )


def _analyze(
    dimension_id: str,
    item_ids: Sequence[str],
    x: Float,
    *,
    missing: MissingMode,
    alpha_threshold: float,
) -> tuple[DimensionReliability, _Sample | None]:
    """Reliability of one dimension, without the bootstrap range: ``x`` is ``(n, k)`` with
    NaN for missing answers. Also returns what the bootstrap needs when alpha is defined.

    ``n_respondents`` counts respondents who answered any analysed indicator and
    ``n_complete`` those who answered all of them (all the dimension's indicators when
    alpha is undefined before any indicator is dropped)."""
    flags: list[Notice] = []
    items: dict[str, ItemReliability] = {}
    try:
        screened = _screen(dimension_id, item_ids, x, missing, items, flags)
        xu = screened.xu
        ids = [item_ids[j] for j in screened.used]
        present = ~np.isnan(xu)
        n_complete, n_resp, k = _complete_rows(present), int(present.any(1).sum()), len(ids)
        column_mean = np.nanmean(xu, axis=0)
        centred = np.where(present, xu - column_mean, 0.0)
        pf = present.astype(np.float64)
        ones = np.ones((1, xu.shape[0]))
        count3, cov3, cor3 = _pair_moments(ones, centred, pf, squares=missing == "pairwise")
        count, cov = count3[0], cov3[0]
        thin = _thin_pair(count, ids)
        if thin is not None:
            raise _Undefined(thin, n_resp, n_complete, k)
        floor = 1e-12 * float(np.max(np.diag(cov)))
        alpha_raw = _opt(_raw_alpha(cov[None], floor)[0])
        if alpha_raw is None:
            raise _Undefined(
                "the item covariances do not sum to a positive total", n_resp, n_complete, k
            )
    except _Undefined as why:
        return _undefined_dimension(dimension_id, item_ids, x, items, flags, why), None
    fig = _item_figures(cov)
    means = np.nanmean(xu, axis=0)
    item_n = present.sum(0)
    for pos, item_id in enumerate(ids):
        items[item_id] = ItemReliability(
            id=item_id,
            n=int(item_n[pos]),
            mean=float(means[pos]),
            sd=float(fig.sd[pos]),
            item_total=_opt(fig.r_drop[pos]),
            alpha_if_deleted=_opt(fig.a_drop[pos]),
        )
    # psych: omega from cor(x, use = "pairwise"); alpha from cov2cor of the covariances.
    omega_total, omega_reason, heywood = _omega(fig.cor if cor3 is None else cor3[0])
    flags += _dimension_notices(
        dimension_id,
        alpha_raw,
        alpha_threshold,
        omega_reason,
        heywood,
        {i: items[i].item_total for i in ids},
    )
    dim = DimensionReliability(
        id=dimension_id,
        n_items=len(item_ids),
        n_items_used=k,
        n_respondents=n_resp,
        n_complete=n_complete,
        alpha_raw=alpha_raw,
        alpha_std=_opt(fig.alpha_std),
        alpha_low=None,
        alpha_high=None,
        mean_r=_opt(fig.mean_r),
        omega_total=omega_total,
        items={i: items[i] for i in item_ids},
        reason=None,
        omega_reason=omega_reason,
        flags=tuple(flags),
    )
    return dim, _Sample(screened.rows, centred, pf, floor)


@frozen
class Resampling:
    """The respondent bootstrap: ``n_resamples`` multinomial resamples of ``n`` respondents
    drawn from ``organization_rng(seed, key)``, block by block so that no ``(B, n)`` matrix
    is held; every dimension sees the same resamples."""

    seed: int
    key: str
    n: int
    n_resamples: int

    def blocks(self) -> Iterator[Float]:
        """``(b, n)`` resample counts, block by block (block size depends on ``n`` only)."""
        rng = organization_rng(self.seed, self.key)
        yield from count_blocks(rng, self.n, self.n_resamples)


@frozen(eq=False)
class _Sample:
    """What the bootstrap of one dimension needs: the analysed ``rows`` of the sample,
    the centred answers (0 where missing), the answered mask and the variance floor."""

    rows: Bool
    centred: Float
    present: Float
    floor: float


def _with_ranges(
    analysed: Sequence[tuple[DimensionReliability, _Sample | None]],
    bootstrap: Resampling | None,
    confidence: float,
) -> list[DimensionReliability]:
    """Add the bootstrap percentile range of raw alpha to every dimension that has an alpha.

    Resamples are drawn block by block; each block serves every dimension (matrix products
    over all resamples of the block at once).
    """
    out = [dim for dim, _ in analysed]
    pending = [(i, sample) for i, (_, sample) in enumerate(analysed) if sample is not None]
    if bootstrap is None or not pending:
        return out
    draws: dict[int, list[Float]] = {i: [] for i, _ in pending}
    for counts in bootstrap.blocks():
        for i, sample in pending:
            cov = _pair_moments(counts[:, sample.rows], sample.centred, sample.present)[1]
            draws[i].append(_raw_alpha(cov, sample.floor))
    half = (1.0 - confidence) / 2.0
    for i, _ in pending:
        dim = out[i]
        assert dim.alpha_raw is not None
        values = np.concatenate(draws[i])
        valid = int(np.isfinite(values).sum())
        low = high = None
        if valid:
            lo, hi = quantiles(values[:, None], np.array([half, 1.0 - half]))[:, 0]
            # A percentile range can miss a skewed estimate; widen it to hold the point.
            low, high = float(min(lo, dim.alpha_raw)), float(max(hi, dim.alpha_raw))
        flags = dim.flags
        if valid < values.size:
            flags += (
                Notice(
                    "bootstrap_incomplete",
                    f"alpha was undefined in {values.size - valid} of {values.size} bootstrap "
                    "resamples; the range comes from the others",
                    dim.id,
                ),
            )
        out[i] = evolve(dim, alpha_low=low, alpha_high=high, flags=flags)
    return out


# ----------------------------------------------------------------------------------------
# Public API


def _dimension_scores(layout: Layout, x: Float, missing: MissingMode) -> Float:
    """``(n, d)`` respondent dimension scores: weighted mean of the answered indicators
    (listwise: NaN unless every indicator of the dimension is answered)."""
    scores = respondent_dimension_scores(layout, x)
    if missing == "listwise":
        incomplete = np.isnan(x).astype(np.float64) @ layout.membership > 0
        scores[incomplete] = np.nan
    return scores


def _correlations(scores: Float) -> Float:
    """Pairwise-complete Pearson correlations of the columns; NaN where undefined
    (fewer than ``MIN_RESPONDENTS`` in common, or no variance)."""
    present = ~np.isnan(scores)
    mean = (np.where(present, scores, 0.0).sum(0)) / np.maximum(present.sum(0), 1)
    centred = np.where(present, scores - mean, 0.0)
    count, _, cor = _pair_moments(
        np.ones((1, scores.shape[0])), centred, present.astype(np.float64), squares=True
    )
    assert cor is not None
    out: Float = cor[0]
    out[count[0] < MIN_RESPONDENTS] = np.nan
    return out


def reliability(
    rubric: Rubric,
    responses: Responses,
    *,
    missing: str = "pairwise",
    alpha_threshold: float = 0.70,
    separability_threshold: float = 0.85,
    confidence: float = 0.95,
    n_resamples: int = 1000,
    seed: int | None = None,
    organization: str | None = None,
) -> ReliabilityResult:
    """Reliability of each dimension of ``rubric`` in ``responses``.

    Answers are put on 0-100 with reverse keying applied as the rubric declares, so a
    negative corrected item-total correlation means the declared keying disagrees with
    the data. "Not applicable" and unanswered count as missing.

    Args:
        missing: ``"pairwise"`` (default, as psych): each covariance from the respondents
            who answered both items; ``"listwise"``: only respondents who answered every
            indicator of the dimension.
        alpha_threshold: dimensions with raw alpha below it get a ``low_alpha`` flag.
        separability_threshold: dimension pairs whose scores correlate above it get a
            ``not_separable`` flag.
        confidence: level of the bootstrap range of alpha, in (0, 1).
        n_resamples: bootstrap resamples (100..100000), or 0 for no range.
        seed: root seed of the bootstrap; ``None`` draws one below 2**53 and records it.
        organization: analyse only this organization's respondents; ``None`` pools all.

    Returns:
        A frozen :class:`ReliabilityResult`; ``to_dict()`` is JSON-ready.

    Raises:
        TypeError: ``rubric`` or ``responses`` of the wrong type.
        ScoringError: bad options, responses that do not fit the rubric, or no respondents.
        UnknownOrganizationError: an ``organization`` the responses do not hold.
    """
    check_types(rubric, responses)
    options = _reliability_options(
        missing, alpha_threshold, separability_threshold, confidence, n_resamples, seed
    )
    return reliability_of(
        prepare(rubric, responses),
        options,
        missing="listwise" if missing == "listwise" else "pairwise",
        alpha_threshold=float(alpha_threshold),
        separability_threshold=float(separability_threshold),
        organization=organization,
    )


def _reliability_options(
    missing: object,
    alpha_threshold: object,
    separability_threshold: object,
    confidence: object,
    n_resamples: object,
    seed: object,
) -> ScoringOptions:
    """The shared options (0 resamples allowed: no range) plus reliability's own checks."""
    return make_options(
        confidence=confidence,  # type: ignore[arg-type]
        n_resamples=n_resamples,  # type: ignore[arg-type]
        seed=seed,  # type: ignore[arg-type]
        what="reliability",
        no_range=True,
        extra=[
            choice_error("missing", missing, get_args(MissingMode)),
            share_error("alpha_threshold", alpha_threshold, zero=True),
            share_error("separability_threshold", separability_threshold),
        ],
    )


def reliability_of(
    prepared: Prepared,
    options: ScoringOptions,
    *,
    missing: MissingMode = "pairwise",
    alpha_threshold: float = 0.70,
    separability_threshold: float = 0.85,
    organization: str | None = None,
) -> ReliabilityResult:
    """The computation of :func:`reliability` on prepared responses and validated options
    (``options.n_resamples == 0``: no bootstrap range)."""
    if organization is None:
        # Rows in respondent-id order: the bootstrap does not depend on the file's row order.
        ids = np.array(prepared.responses.respondent_ids, dtype=object)
        rows = np.argsort(ids, kind="stable")
        key = POOLED
    else:
        (key,) = prepared.select(organization)
        rows = prepared.rows[key]
    x = prepared.scores[rows]
    layout = prepared.layout
    bootstrap = None
    if options.n_resamples:
        assert options.seed is not None
        bootstrap = Resampling(options.seed, key, x.shape[0], options.n_resamples)
    analysed = []
    for c, dim_id in enumerate(layout.dimension_ids):
        members = np.flatnonzero(layout.membership[:, c] > 0)
        analysed.append(
            _analyze(
                dim_id,
                [layout.indicator_ids[j] for j in members],
                x[:, members],
                missing=missing,
                alpha_threshold=alpha_threshold,
            )
        )
    dimensions = {d.id: d for d in _with_ranges(analysed, bootstrap, options.confidence)}
    matrix = _correlation_matrix(layout, x, missing)
    flags = [f for d in dimensions.values() for f in d.flags]
    flags += _separability_flags(matrix, separability_threshold)
    return ReliabilityResult(
        rubric_key=prepared.rubric.key,
        organization=organization,
        n_respondents=int(x.shape[0]),
        missing=missing,
        alpha_threshold=alpha_threshold,
        separability_threshold=separability_threshold,
        confidence=options.confidence,
        n_resamples=options.n_resamples,
        seed=options.seed,
        dimensions=dimensions,
        dimension_correlations=matrix,
        flags=tuple(flags),
    )


def _correlation_matrix(
    layout: Layout, x: Float, missing: MissingMode
) -> dict[str, dict[str, float | None]]:
    """Correlations between the respondents' dimension scores, by dimension id."""
    cor = _correlations(_dimension_scores(layout, x, missing))
    dims = layout.dimension_ids
    return {a: {b: _opt(cor[i, j]) for j, b in enumerate(dims)} for i, a in enumerate(dims)}


def _separability_flags(
    matrix: dict[str, dict[str, float | None]], threshold: float
) -> list[Notice]:
    """``not_separable`` for each dimension pair correlating above ``threshold``."""
    dims = list(matrix)
    flags = []
    for i, a in enumerate(dims):
        for b in dims[i + 1 :]:
            value = matrix[a][b]
            if value is not None and value > threshold:
                flags.append(
                    Notice(
                        "not_separable",
                        f"the scores of {a} and {b} correlate {value:.3f} (above "
                        f"{threshold:.2f}): respondents do not tell the two dimensions apart",
                        f"{a}/{b}",
                    )
                )
    return flags


def item_analysis(
    values: Any,
    *,
    item_ids: Sequence[str] | None = None,
    missing: str = "pairwise",
    alpha_threshold: float = 0.70,
    confidence: float = 0.95,
    n_resamples: int = 0,
    seed: int | None = None,
    scale_id: str = "scale",
) -> DimensionReliability:
    """Alpha, omega and item statistics of one scale given as an ``(n, k)`` array.

    ``values`` holds respondents in rows and items in columns, NaN for missing answers
    (no reverse keying is applied). The same computation :func:`reliability` runs per
    dimension; useful to check a scale outside a rubric.

    Raises:
        TypeError: ``values`` is not an array of numbers.
        ScoringError: bad options, not a 2-d array, or item ids that do not fit it.
    """
    x = _as_matrix(values)
    options = _reliability_options(missing, alpha_threshold, 0.85, confidence, n_resamples, seed)
    ids = tuple(item_ids) if item_ids is not None else tuple(f"V{j + 1}" for j in range(x.shape[1]))
    if len(ids) != x.shape[1]:
        raise ScoringError(f"{len(ids)} item ids for {x.shape[1]} columns")
    bootstrap = None
    if options.n_resamples:
        assert options.seed is not None
        bootstrap = Resampling(options.seed, scale_id, x.shape[0], options.n_resamples)
    analysed = _analyze(
        scale_id,
        ids,
        x,
        missing="listwise" if missing == "listwise" else "pairwise",
        alpha_threshold=float(alpha_threshold),
    )
    result = _with_ranges([analysed], bootstrap, options.confidence)[0]
    return evolve(result, seed=options.seed) if bootstrap is not None else result


def _as_matrix(values: object) -> Float:
    """``values`` as a fresh 2-d float array; :class:`TypeError` when it holds no numbers."""
    if isinstance(values, str | bytes | Responses | Rubric):
        raise TypeError(
            "values: expected a 2-d array of numbers (respondents x items), "
            f"got {type_name(values)}; for a rubric and responses use lm.reliability"
        )
    try:
        x: Float = np.array(values, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as error:
        raise TypeError(
            "values: expected a 2-d array of numbers (respondents x items), "
            f"got {type_name(values)} ({error})"
        ) from None
    if x.ndim != 2:
        raise ScoringError(f"values must be a 2-d array (respondents x items), not {x.ndim}-d")
    return x
