"""Resampling: respondent bootstrap counts, the single-respondent indicator bootstrap,
and NaN-aware percentile intervals. No Python loop runs per respondent or per resample."""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Iterator
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from .aggregate import Aggregates, Bool, Float, Layout, aggregate


def organization_rng(entropy: int, organization: str) -> np.random.Generator:
    """The generator for one organization: depends on the seed and the organization name
    only, so an organization's figures do not change when others are added or removed."""
    digest = hashlib.sha256(organization.encode("utf-8")).digest()
    key = tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))
    return np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=key))


BLOCK_CELLS = 1 << 22
"""Resample counts held at once (``rows x respondents``, 32 MiB as float64): the respondent
bootstrap works block by block, so its memory does not grow with resamples x respondents."""


def count_blocks(
    rng: np.random.Generator, n: int, n_resamples: int, block_cells: int | None = None
) -> Iterator[Float]:
    """The ``(B, n)`` multiplicities of :func:`resample_counts`, as consecutive blocks of
    rows of at most ``block_cells`` counts (default :data:`BLOCK_CELLS`; at least one
    row). The draws come from the same stream whatever the block size (numpy's bounded
    integers are drawn in sequence), and their dtype depends on ``B * n`` only, so the
    counts are identical for every block size.
    """
    dtype = np.int32 if n_resamples * n < 2**31 else np.int64
    rows = max(1, (BLOCK_CELLS if block_cells is None else block_cells) // max(n, 1))
    for start in range(0, n_resamples, rows):
        size = (min(rows, n_resamples - start), n)
        yield tally(rng.integers(0, n, size=size, dtype=dtype))


def resample_counts(rng: np.random.Generator, n: int, n_resamples: int) -> Float:
    """``(B, n)`` multiplicities of each respondent in ``B`` bootstrap resamples of size ``n``.

    Each resample draws ``n`` respondent indices uniformly with replacement (int32 draws
    while ``B * n < 2**31``: the dtype is part of the random stream, so it never changes for
    a given size); the counts are tallied by :func:`tally` (much faster than
    ``multinomial``). For large ``B * n`` use :func:`resampled_sums`, which never holds the
    whole matrix.
    """
    blocks = list(count_blocks(rng, n, n_resamples))
    return blocks[0] if len(blocks) == 1 else np.vstack(blocks)


def resampled_sums(
    rng: np.random.Generator, data: Float, n_resamples: int, block_cells: int | None = None
) -> Float:
    """``(B, m)`` column sums of ``data`` ``(n, m)`` in each of ``B`` bootstrap resamples of
    its rows: ``resample_counts(rng, n, B) @ data``, computed block by block, so memory is
    bounded by ``block_cells`` whatever ``n`` and ``B`` (issue: one organization of 1,000,000
    respondents ran out of memory). Identical for every block size."""
    blocks = [block @ data for block in count_blocks(rng, data.shape[0], n_resamples, block_cells)]
    out: Float = blocks[0] if len(blocks) == 1 else np.vstack(blocks)
    return out


ADD_AT_FROM = 2**16
"""From this many draws (``B * n``) :func:`tally` counts with ``np.add.at``, below it with
``np.bincount`` (measured: equal speed below, up to 3x faster above; docs/panels.md)."""


def tally(draws: npt.NDArray[np.integer]) -> Float:
    """``(B, n)`` counts of each value ``0..n-1`` in each row of ``(B, n)`` integer draws.

    Row ``b``'s values are offset by ``b * n`` (in place: ``draws`` is overwritten) and all
    rows are counted at once: with ``np.bincount`` for small draws, with an unbuffered
    ``np.add.at`` into float64 from :data:`ADD_AT_FROM` draws on (``np.bincount`` on int32
    draws plus the float cast took 6.3 ms at 200 respondents x 2,000 resamples, ``add.at``
    2.1 ms, one BLAS thread). The counts are whole numbers, exact in float64: both paths
    and both draw dtypes give identical counts.
    """
    n_resamples, n = draws.shape
    size = n_resamples * n
    np.add(draws, np.arange(0, size, n, dtype=draws.dtype)[:, None], out=draws)
    if size < ADD_AT_FROM:
        return np.bincount(draws.ravel(), minlength=size).reshape(n_resamples, n).astype(np.float64)
    counts = np.zeros(size, dtype=np.float64)
    np.add.at(counts, draws.ravel(), 1.0)
    return counts.reshape(n_resamples, n)


def respondent_bootstrap(
    layout: Layout,
    scores: Float,
    answered: Bool,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
) -> Aggregates:
    """Bootstrap over respondents (whole rows), keeping correlations between indicators."""
    k = scores.shape[1]
    # One product for sums and answer counts: [filled | answered] side by side, built in
    # place (no temporaries the size of the answers).
    data = np.zeros((scores.shape[0], 2 * k))
    np.copyto(data[:, :k], scores, where=answered)
    data[:, k:] = answered
    both = resampled_sums(rng, data, n_resamples)
    del data
    return aggregate(layout, both[:, :k], both[:, k:], dimension_mask)


def jackknife(layout: Layout, scores: Float, answered: Bool, dimension_mask: Bool) -> Aggregates:
    """Leave-one-respondent-out replicates (row ``i`` omits respondent ``i``)."""
    filled = np.where(answered, scores, 0.0)
    mask = answered.astype(np.float64)
    return aggregate(layout, filled.sum(0) - filled, mask.sum(0) - mask, dimension_mask)


def indicator_bootstrap(
    layout: Layout,
    scores: Float,
    rng: np.random.Generator,
    n_resamples: int,
    dimension_mask: Bool,
) -> Aggregates:
    """Single-respondent alternative to the respondent bootstrap.

    ``scores`` is ``(1, k)``. Each resample (a) resamples the answered indicators within
    each dimension, and (b) replaces each answer by a uniform draw within half a scale step
    of it (clipped to 0-100): an ordinal answer only locates the rater's view to within
    one step. The ranges thus reflect both which statements were asked and answer resolution.
    """
    row = scores[0]
    half_step = 50.0 / layout.span
    jitter = rng.uniform(-1.0, 1.0, size=(n_resamples, row.size)) * half_step
    values = np.clip(row + jitter, 0.0, 100.0)
    dims = np.full((n_resamples, layout.membership.shape[1]), np.nan)
    for c in range(layout.membership.shape[1]):
        members = np.flatnonzero((layout.membership[:, c] > 0) & ~np.isnan(row))
        if members.size == 0:
            continue
        draws = rng.multinomial(
            members.size, np.full(members.size, 1.0 / members.size), size=n_resamples
        )
        weights = draws * layout.indicator_weight[members]
        dims[:, c] = (weights * values[:, members]).sum(1) / weights.sum(1)
    masked = np.where(dimension_mask, dims, np.nan)
    present = ~np.isnan(masked)
    w = np.where(present, layout.dimension_weight, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        overall = (np.where(present, masked, 0.0) * w).sum(1) / w.sum(1)
    overall[w.sum(1) <= 0] = np.nan
    return Aggregates(values, dims, overall)


def quantiles(draws: Float, probabilities: Float) -> Float:
    """NaN-aware linear-interpolation quantiles down axis 0 (numpy's default method).

    ``draws`` is ``(B, m)``; ``probabilities`` is ``(q,)`` or ``(q, m)`` in 0..1.
    Returns ``(q, m)``; NaN in columns with no finite draws.
    """
    ordered = np.sort(draws, axis=0)
    valid = (~np.isnan(draws)).sum(0)
    p = np.broadcast_to(
        np.asarray(probabilities, dtype=np.float64).reshape(len(probabilities), -1),
        (len(probabilities), draws.shape[1]),
    )
    position = p * np.maximum(valid - 1, 0)
    below = np.floor(position).astype(np.intp)
    above = np.minimum(below + 1, np.maximum(valid - 1, 0))
    frac = position - below
    lo = np.take_along_axis(ordered, below, axis=0)
    hi = np.take_along_axis(ordered, above, axis=0)
    diff = hi - lo
    # numpy's lerp: from the upper end when frac >= 0.5, so results match np.quantile exactly.
    out: Float = np.where(frac >= 0.5, hi - diff * (1.0 - frac), lo + diff * frac)
    out[:, valid == 0] = np.nan
    return out


_SQRT2 = math.sqrt(2.0)
_ndtr = np.vectorize(lambda x: 0.5 * math.erfc(-x / _SQRT2), otypes=[np.float64])
_ndtri = np.vectorize(
    lambda p: NormalDist().inv_cdf(p) if 0.0 < p < 1.0 else math.copysign(math.inf, p - 0.5),
    otypes=[np.float64],
)


TIE_TOLERANCE = 1e-9
"""Relative distance below which a resampled score counts as tied with the estimate."""


def bca_probabilities(draws: Float, point: Float, jack: Float, confidence: float) -> Float:
    """Adjusted percentile levels ``(2, m)`` of the BCa interval (Efron 1987).

    ``z0 = Phi^-1(share of draws below the estimate, ties counted half)``;
    ``a = sum(d^3) / (6 * sum(d^2)^1.5)`` with ``d = mean(jack) - jack``;
    level ``Phi(z0 + (z0 + z) / (1 - a (z0 + z)))`` for ``z`` at ``alpha`` and ``1 - alpha``.
    Columns where ``z0`` is infinite (every draw on one side) fall back to plain percentiles.
    """
    valid = ~np.isnan(draws)
    n_valid = np.maximum(valid.sum(0), 1)
    # Ties within float noise: the estimate and the resamples take different float paths.
    tol = TIE_TOLERANCE * np.maximum(1.0, np.abs(point))
    tied = (np.abs(draws - point) <= tol) & valid
    below = ((draws < point) & valid & ~tied).sum(0) + 0.5 * tied.sum(0)
    z0 = _ndtri(below / n_valid)
    jack_ok = ~np.isnan(jack)
    centre = np.where(jack_ok, jack, 0.0).sum(0) / np.maximum(jack_ok.sum(0), 1)
    d = np.where(jack_ok, centre - jack, 0.0)
    den = 6.0 * (d**2).sum(0) ** 1.5
    with np.errstate(invalid="ignore", divide="ignore"):
        accel = np.where(den > 0, (d**3).sum(0) / den, 0.0)
    alpha = (1.0 - confidence) / 2.0
    z = _ndtri(np.array([alpha, 1.0 - alpha]))[:, None]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        levels = _ndtr(z0 + (z0 + z) / (1.0 - accel * (z0 + z)))
    fallback = ~np.isfinite(z0) | ~np.isfinite(levels).all(0)
    levels[:, fallback] = np.array([alpha, 1.0 - alpha])[:, None]
    out: Float = levels
    return out


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularized incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1.0) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1.0)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _regularized_beta(a: float, b: float, x: float) -> float:
    """``I_x(a, b)`` for ``0 <= x <= 1``."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """Student's t distribution function with ``df`` degrees of freedom."""
    if t * t < df:  # near the centre: the complementary form keeps full precision
        half = 0.5 * _regularized_beta(0.5, df / 2.0, t * t / (df + t * t))
        return 0.5 + half if t > 0 else 0.5 - half
    tail = 0.5 * _regularized_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """Quantile of Student's t for ``0.5 <= p < 1`` (bisection on :func:`t_cdf`)."""
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = 0.5 * (low + high)
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low <= 1e-13 * max(1.0, high):
            break
    return 0.5 * (low + high)


@functools.lru_cache(maxsize=1024)
def expanded_tail(n: int, confidence: float) -> float:
    """Lower percentile level of the *expanded percentile* range (Hesterberg 2015).

    ``alpha' = Phi(-sqrt(n / (n - 1)) * t_{n-1}(1 - alpha))`` with ``alpha = (1 - confidence)/2``:
    the percentile range is widened by the factor a ``t`` interval has over a ``z`` interval
    with the divide-by-``n`` variance the bootstrap implies. ``n < 2`` gives ``alpha``.
    """
    alpha = (1.0 - confidence) / 2.0
    if n < 2:
        return alpha
    t = t_quantile(1.0 - alpha, float(n - 1))
    return 0.5 * math.erfc(math.sqrt(n / (n - 1.0)) * t / _SQRT2)


def expanded_levels(n_eff: Float, confidence: float) -> Float:
    """``(2, m)`` percentile levels of the expanded range for per-column sample sizes."""
    tails = np.array([expanded_tail(int(n), confidence) for n in n_eff], dtype=np.float64)
    out: Float = np.vstack([tails, 1.0 - tails])
    return out
