"""Norm kernels: percentile points of a panel's scores, and percentile ranks of a report's
scores in a norm table (docs/norms.md).

Percentile points are numpy's default (``method="linear"``, Hyndman and Fan type 7): the
point of ``p`` percent is the value at position ``(n - 1) * p / 100`` of the sorted scores,
interpolated between neighbours. A percentile rank inverts that, piecewise linearly between
the stored points: the rank of a score between the points ``(p_k, v_k)`` and
``(p_k+1, v_k+1)`` is ``p_k + (p_k+1 - p_k) * (x - v_k) / (v_k+1 - v_k)``; a score equal to
a run of tied points gets the middle of their percents; a score beyond the lowest or the
highest point is censored (shown ``<p`` or ``>p``).
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from .._model.norms import (
    PERCENTILE_GRID,
    PERCENTILE_METHOD,
    Level,
    NormDistribution,
    NormSettings,
    NormTable,
)
from .._model.notice import Notice
from .._results.benchmark import Band, Benchmark, Censored, Standing
from .._results.common import Score, ScoringOptions
from .._results.report import Report, ReportSet
from .compare import sound

Float = npt.NDArray[np.float64]

BANDS: tuple[tuple[float, Band], ...] = (
    (75.0, "top quartile"),
    (50.0, "third quartile"),
    (25.0, "second quartile"),
    (0.0, "bottom quartile"),
)
"""Lower edge of each quartile band, highest first (a rank of exactly 25 is in the second
quartile)."""

SYNTHETIC_NOTICE = "synthetic norm table: not real organizations"
"""The start of the notice every benchmark against a synthetic norm carries."""


def grid_for(n: int) -> tuple[int, ...]:
    """The percents of :data:`PERCENTILE_GRID` that ``n`` organizations resolve:
    ``100 / n <= p <= 100 - 100 / n``."""
    return tuple(p for p in PERCENTILE_GRID if p * n >= 100 and (100 - p) * n >= 100)


def norm_distribution(
    score_id: str, level: Level, values: Float, n_excluded: int
) -> NormDistribution:
    """The distribution of one score over the organizations where it is scorable
    (``values``: their scores, 0-100, at least two)."""
    percents = grid_for(len(values))
    points = np.percentile(values, percents, method=PERCENTILE_METHOD)
    points = np.maximum.accumulate(points)  # float noise must not break the order
    return NormDistribution(
        id=score_id,
        level=level,
        n=len(values),
        n_excluded=n_excluded,
        mean=round(float(np.mean(values)), 4),
        sd=round(float(np.std(values, ddof=1)), 4),
        percentiles=tuple(
            (float(p), round(float(v), 4)) for p, v in zip(percents, points, strict=True)
        ),
    )


def _scores(reports: ReportSet, score_id: str, level: Level) -> list[Score]:
    if level == "overall":
        return [r.overall for r in reports.values()]
    if level == "dimension":
        return [r.dimensions[score_id] for r in reports.values()]
    return [r.indicators[score_id] for r in reports.values()]


def panel_distributions(
    reports: ReportSet, subjects: Sequence[tuple[str, Level]], min_organizations: int
) -> tuple[dict[str, NormDistribution], dict[str, int]]:
    """The distribution of each ``(id, level)`` over the organizations where it is
    scorable; those scorable in fewer than ``min_organizations`` are returned apart as
    ``id -> count``."""
    built: dict[str, NormDistribution] = {}
    too_few: dict[str, int] = {}
    for score_id, level in subjects:
        values = [s.value for s in _scores(reports, score_id, level) if s.value is not None]
        if len(values) < min_organizations:
            too_few[score_id] = len(values)
            continue
        array = np.asarray(values, dtype=np.float64)
        built[score_id] = norm_distribution(score_id, level, array, len(reports) - len(values))
    return built, too_few


def norm_settings(options: ScoringOptions) -> NormSettings:
    """The scoring settings a norm records."""
    return NormSettings(
        confidence=options.confidence,
        n_resamples=options.n_resamples,
        interval=options.interval,
        seed=options.seed,
        min_respondents=options.min_respondents,
        min_indicator_share=options.min_indicator_share,
        min_dimension_share=options.min_dimension_share,
    )


def today() -> datetime.date:
    """Today's date in UTC."""
    return datetime.datetime.now(datetime.UTC).date()


# ------------------------------------------------------------------------------ ranks


def percentile_rank(dist: NormDistribution, x: float) -> tuple[float, Censored | None]:
    """The percentile rank (0-100) of score ``x`` in ``dist``, and whether it is censored
    (beyond the lowest or highest point: the rank is then that point's percent, a bound)."""
    percents, values = dist.percents, dist.values
    left = bisect.bisect_left(values, x)
    right = bisect.bisect_right(values, x)
    if left < right:  # equal to one point or a run of tied points: the middle of their percents
        return (percents[left] + percents[right - 1]) / 2, None
    if left == 0:
        return percents[0], None if percents[0] == 0 else "below"
    if left == len(values):
        return percents[-1], None if percents[-1] == 100 else "above"
    p0, p1, v0, v1 = percents[left - 1], percents[left], values[left - 1], values[left]
    return p0 + (p1 - p0) * (x - v0) / (v1 - v0), None


def band_of(rank: float) -> Band:
    """The quartile band of a percentile rank."""
    return next(band for edge, band in BANDS if rank >= edge)


def _range_rank(dist: NormDistribution, x: float, end: str) -> float:
    """The rank of a range end, widened to 0 or 100 where it is censored outward."""
    rank, censored = percentile_rank(dist, x)
    if censored == "below" and end == "low":
        return 0.0
    if censored == "above" and end == "high":
        return 100.0
    return rank


def standing(score: Score, level: str, dist: NormDistribution | None) -> Standing:
    """Where ``score`` stands in ``dist`` (``None``: the norm has no such distribution)."""
    base = Standing(id=score.id, level=level, value=score.value, low=score.low, high=score.high)
    if dist is None:
        return attrs.evolve(base, reason="the norm table has no distribution of this score")
    if score.value is None:
        return attrs.evolve(base, norm_n=dist.n, reason=f"not scorable: {score.reason}")
    if not sound(score):
        return attrs.evolve(
            Standing(id=score.id, level=level, value=None, low=None, high=None),
            norm_n=dist.n,
            reason="the score and range are not finite numbers with low <= value <= high "
            "(a report edited by hand?)",
        )
    rank, censored = percentile_rank(dist, score.value)
    band = band_of(rank)
    low = high = None
    certain = None
    if score.low is not None and score.high is not None:
        low = _range_rank(dist, score.low, "low")
        high = _range_rank(dist, score.high, "high")
        certain = band_of(low) == band and band_of(high) == band
    return attrs.evolve(
        base,
        percentile=rank,
        censored=censored,
        percentile_low=low,
        percentile_high=high,
        band=band,
        band_certain=certain,
        norm_n=dist.n,
    )


# ------------------------------------------------------------------------------ benchmark

THRESHOLDS = ("min_respondents", "min_indicator_share", "min_dimension_share")
"""The scoring settings that decide which scores are scorable, and so which organizations
entered a norm."""


def _notices(report: Report, norms: NormTable) -> tuple[Notice, ...]:
    notices: list[Notice] = []
    if norms.synthetic:
        notices.append(
            Notice(
                "synthetic_norms",
                f"{SYNTHETIC_NOTICE}; the norm table {norms.title!r} was built from simulated "
                "organizations, for trying the feature out: its percentile ranks say nothing "
                "about real organizations",
            )
        )
    differ = [
        f"{name} {getattr(norms.settings, name)} (norm) vs {getattr(report.options, name)}"
        for name in THRESHOLDS
        if getattr(norms.settings, name) != getattr(report.options, name)
    ]
    if differ:
        notices.append(
            Notice(
                "norm_settings_differ",
                "the norm's organizations were scored with other scorability thresholds ("
                + "; ".join(differ)
                + "): the norm may include organizations this report's settings would not score",
            )
        )
    notices += _excluded_notices(norms)
    if report.self_assessment:
        notices.append(
            Notice(
                "self_assessment_vs_norm",
                "a single respondent's self-assessment is compared with a norm of survey "
                "scores; one person's view varies more than an organization's mean",
            )
        )
    return tuple(notices)


EXCLUDED_SHARE = 0.1
"""A norm distribution that leaves out at least this share of the panel's organizations (not
scorable) gets a notice: it describes the scorable ones only."""


def _excluded_notices(norms: NormTable) -> list[Notice]:
    dists = [norms.overall, *norms.dimensions.values(), *norms.indicators.values()]
    return [
        Notice(
            "norm_excludes_organizations",
            f"the norm's distribution of this score leaves out {d.n_excluded} of "
            f"{norms.n_organizations} organizations, where it was not scorable; it describes "
            "the other ones",
            subject=d.id,
        )
        for d in dists
        if d.n_excluded >= EXCLUDED_SHARE * norms.n_organizations
    ]


def benchmark_report(report: Report, norms: NormTable) -> Benchmark:
    """``report``'s standings in ``norms`` (already checked to be of the same rubric):
    overall, every dimension, and the indicators the norm holds."""
    return Benchmark(
        rubric_key=report.rubric_key,
        organization=report.organization,
        norm_title=norms.title,
        norm_source=norms.source,
        norm_date=norms.date.isoformat(),
        synthetic=norms.synthetic,
        norm_organizations=norms.n_organizations,
        overall=standing(report.overall, "overall", norms.overall),
        dimensions={
            k: standing(s, "dimension", norms.dimensions.get(k))
            for k, s in report.dimensions.items()
        },
        indicators={
            k: standing(s, "indicator", norms.indicators[k])
            for k, s in report.indicators.items()
            if k in norms.indicators
        },
        notices=_notices(report, norms),
    )


def subjects_of(reports: Mapping[str, Report], indicators: bool) -> list[tuple[str, Level]]:
    """``(id, level)`` of the overall score, every dimension and (with ``indicators``) every
    indicator of the reports' rubric."""
    first = next(iter(reports.values()))
    out: list[tuple[str, Level]] = [("overall", "overall")]
    out += [(k, "dimension") for k in first.dimensions]
    out += [(k, "indicator") for k in first.indicators] if indicators else []
    return out
