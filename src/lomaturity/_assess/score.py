"""The public scoring entry points: scores plus the attached aggregation evidence."""

from __future__ import annotations

from typing import overload

from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import NullDistribution
from .._results.common import IntervalMethod
from .._results.report import Report, ReportSet
from .._stats.options import make_options
from .._stats.scoring import score_all
from .attach import attach_diagnostics


def score_organizations(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "percentile",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = 5,
) -> ReportSet:
    """Score every organization in ``responses``; see :func:`score` for the arguments.

    Always returns a :class:`ReportSet` (organization name -> :class:`Report`).
    """
    options = make_options(
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval=interval,
        min_respondents=min_respondents,
        min_indicator_share=min_indicator_share,
        min_dimension_share=min_dimension_share,
    )
    reports = score_all(rubric, responses, options)
    return attach_diagnostics(
        rubric,
        responses,
        reports,
        options,
        agreement=agreement,
        details=details,
        null=null,
        min_group_size=min_group_size,
    )


@overload
def score(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "percentile",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = 5,
    organization: str,
) -> Report: ...


@overload
def score(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "percentile",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = 5,
    organization: None = None,
) -> Report | ReportSet: ...


def score(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "percentile",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = 5,
    organization: str | None = None,
) -> Report | ReportSet:
    """Score responses on a rubric: indicator, dimension and overall maturity on 0-100.

    Answers are reverse-keyed where declared and normalized to 0-100; an indicator's score
    is the mean over respondents who answered; a dimension's is the weighted mean of its
    indicators; the overall score is the weighted mean of the dimensions ("not applicable"
    answers leave the denominator and weights renormalize). Every score has a bootstrap
    confidence range (respondents resampled whole; ``seed`` makes it reproducible).

    Args:
        confidence: level of the ranges, in (0, 1).
        n_resamples: bootstrap resamples, >= 100.
        seed: root seed; ``None`` draws one and records it in the report.
        interval: ``"percentile"``, ``"bca"`` (bias-corrected and accelerated) or
            ``"expanded"`` (expanded percentile, Hesterberg 2015: holds its nominal level
            better with few respondents; docs/coverage.md).
        min_respondents: a dimension needs answers from ``min(min_respondents, N)`` respondents.
        min_indicator_share: a dimension needs answers to this share of its indicator weight.
        min_dimension_share: the overall score needs this share of dimension weight scorable.
        agreement: attach within-organization agreement (rwg(j) per dimension, rwg per
            indicator; ``report.agreement``) and warn where aggregation is questionable (low
            rwg(j); ICC(2) below .70 across the organizations scored together).
        details: also attach dimension reliability (``report.reliability``, pooled over all
            respondents), scores by team (``report.groups``) and the manager/employee
            perception gap (``report.perception_gap``), with their warnings.
        null: null distribution of rwg: ``"uniform"``, ``"slight_skew"``,
            ``"moderate_skew"``, ``"heavy_skew"`` or ``"triangular"``.
        min_group_size: with ``details``, teams and role groups smaller than this are
            suppressed (anonymity).
        organization: return the :class:`Report` of this organization (all organizations
            are still scored together, since ICC(1)/ICC(2) compare them).

    Returns:
        With ``organization``, that organization's :class:`Report` (typed as ``Report``).
        Otherwise a :class:`Report` when the responses hold one organization and a
        :class:`ReportSet` with one report per organization when they hold several
        (use :func:`score_organizations` to always get a ``ReportSet``).

    Raises:
        ScoringError: bad options, responses that do not fit the rubric, or an
            ``organization`` the responses do not hold.
    """
    reports = score_organizations(
        rubric,
        responses,
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval=interval,
        min_respondents=min_respondents,
        min_indicator_share=min_indicator_share,
        min_dimension_share=min_dimension_share,
        agreement=agreement,
        details=details,
        null=null,
        min_group_size=min_group_size,
    )
    if organization is not None:
        return reports.for_organization(organization)
    if len(reports) == 1:
        return next(iter(reports.values()))
    return reports
