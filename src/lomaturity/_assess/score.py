"""The public scoring entry points: scores plus the attached aggregation evidence.

Both entry points validate every option once, prepare the responses once
(:func:`~lomaturity._stats.prepared.prepare`) and hand the same prepared data to the scorer
and to every attached analysis.
"""

from __future__ import annotations

from attrs import frozen

from .._hints import listing
from .._model.population import Population
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.agreement import AgreementOptions, NullDistribution
from .._results.common import IntervalMethod, ScoringOptions, ScreenMode
from .._results.design import DesignOptions
from .._results.report import Report, ReportSet
from .._stats.options import MIN_REPORTING_SIZE, Design, count_error, flag_error
from .._stats.prepared import Prepared, check_organization, check_types, prepare
from .._stats.quality import screen
from .._stats.scoring import score_prepared
from ..exceptions import ScoringError
from .attach import attach, gather
from .quality import attach_quality
from .settings import Ranges, Scorable, agreement_options, scoring_options


@frozen
class _Settings:
    """Everything one scoring call was asked for, validated."""

    options: ScoringOptions
    agreement: AgreementOptions | None
    details: bool
    min_group_size: int
    design: DesignOptions | None = None


def _settings(
    ranges: Ranges,
    scorable: Scorable,
    reporting: tuple[object, object, object],
    evidence: tuple[object, object, object, object],
    design: Design,
) -> _Settings:
    """Validate every option of :func:`score` (all bad ones named in one error);
    ``reporting`` is ``(min_reporting_size, allow_small, screen)``, ``evidence``
    ``(agreement, details, null, min_group_size)`` and ``design``
    ``(population, cluster, fpc)``."""
    agreement, details, null, min_group_size = evidence
    options, design_options = scoring_options(
        ranges,
        scorable,
        design=design,
        screen=reporting[2],
        reporting=(reporting[0], reporting[1]),
        extra=[
            count_error("min_group_size", min_group_size),
            flag_error("agreement", agreement),
            flag_error("details", details),
        ],
    )
    return _Settings(
        options=options,
        agreement=agreement_options(agreement, null),
        details=bool(details),
        min_group_size=int(min_group_size),  # type: ignore[call-overload]
        design=design_options,
    )


def _assess(prepared: Prepared, settings: _Settings, organization: str | None) -> ReportSet:
    """Score ``organization`` (``None``: every one) and attach the evidence asked for."""
    prepared, quality = screen(prepared, settings.options)
    reports = attach_quality(
        score_prepared(
            prepared,
            settings.options,
            None if organization is None else (organization,),
            settings.design,
        ),
        quality,
    )
    if settings.agreement is None and not settings.details:
        return reports
    evidence = gather(
        prepared,
        settings.options,
        settings.agreement,
        details=settings.details,
        min_group_size=settings.min_group_size,
        organization=organization,
    )
    return attach(reports, evidence)


def score_organizations(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "auto",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    dont_know_threshold: float = 0.25,
    min_reporting_size: int = 5,
    allow_small: bool = False,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = MIN_REPORTING_SIZE,
    population: Population | None = None,
    cluster: str | None = None,
    fpc: bool = True,
    screen: ScreenMode = "flag",
) -> ReportSet:
    """Score every organization in ``responses``; see :func:`score` for the arguments.

    Always returns a :class:`ReportSet` (organization name -> :class:`Report`), also for a
    single organization.
    """
    check_types(rubric, responses)
    settings = _settings(
        (confidence, n_resamples, seed, interval),
        (min_respondents, min_indicator_share, min_dimension_share, dont_know_threshold),
        (min_reporting_size, allow_small, screen),
        (agreement, details, null, min_group_size),
        (population, cluster, fpc),
    )
    return _assess(prepare(rubric, responses), settings, None)


def _the_organization(prepared: Prepared, organization: str | None) -> str:
    """The organization :func:`score` reports on."""
    if organization is None and len(prepared.organizations) > 1:
        names = prepared.organizations
        raise ScoringError(
            f"the responses hold {len(names)} organizations ({listing(names)}); name one "
            "with organization= or use score_organizations()"
        )
    if organization is None:
        return prepared.organizations[0]
    return prepared.select(organization)[0]


def score(
    rubric: Rubric,
    responses: Responses,
    *,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: IntervalMethod = "auto",
    min_respondents: int = 3,
    min_indicator_share: float = 0.5,
    min_dimension_share: float = 1.0,
    dont_know_threshold: float = 0.25,
    min_reporting_size: int = 5,
    allow_small: bool = False,
    agreement: bool = True,
    details: bool = False,
    null: NullDistribution = "uniform",
    min_group_size: int = MIN_REPORTING_SIZE,
    population: Population | None = None,
    cluster: str | None = None,
    fpc: bool = True,
    organization: str | None = None,
    screen: ScreenMode = "flag",
) -> Report:
    """Score responses on a rubric: indicator, dimension and overall maturity on 0-100.

    Answers are reverse-keyed where declared and normalized to 0-100; an indicator's score
    is the mean over respondents who answered; a dimension's is the weighted mean of its
    indicators; the overall score is the weighted mean of the dimensions ("not applicable"
    answers leave the denominator and weights renormalize; "don't know" counts as no answer).
    Every score has a bootstrap range (respondents resampled whole; ``seed`` reproduces it).

    Args:
        confidence: level of the ranges, in (0, 1).
        n_resamples: bootstrap resamples, >= 100.
        seed: root seed; ``None`` draws one and records it in the report.
        interval: ``"auto"`` (default: the studentized union range below 20
            respondents, the expanded percentile range from 20 on; chosen so that the
            ranges hold their nominal level, docs/coverage.md), ``"percentile"``, ``"bca"``
            (bias-corrected and accelerated), ``"expanded"`` (expanded percentile,
            Hesterberg 2015), ``"studentized"`` (bootstrap-t) or ``"studentized_union"``
            (the equal-tailed and the symmetric bootstrap-t ranges joined, Hall 1988).
        min_respondents: a dimension needs answers from ``min(min_respondents, N)`` respondents.
        min_indicator_share: a dimension needs answers to this share of its indicator weight.
        min_dimension_share: the overall score needs this share of dimension weight scorable.
        dont_know_threshold: a ``dont_know_share`` notice marks indicators whose "don't
            know" share is at least this, ``0 < x <= 1`` (docs/scoring.md).
        min_reporting_size: scores resting on fewer respondents than this (default 5: the
            smallest size at which the default ranges hold their level, docs/coverage.md)
            are marked not reportable (``Score.reportable``, ``Report.reportable``, a
            ``not_reportable`` notice; text output withholds them).
        allow_small: report them anyway (the ``few_respondents`` notice still gives the
            measured coverage of their ranges).
        agreement: attach within-organization agreement (r*wg(j), rwg(j) and AD per
            dimension and indicator; ``report.agreement``) and warn where aggregation is
            questionable (``low_agreement``: r*wg(j) below .50, see docs/agreement.md;
            ICC(2) below .70 across the organizations scored together).
        details: also attach dimension reliability (``report.reliability``, pooled over all
            respondents), scores by team (``report.groups``) and the manager/employee
            perception gap (``report.perception_gap``), with their warnings.
        null: null distribution of rwg: ``"uniform"``, ``"slight_skew"``,
            ``"moderate_skew"``, ``"heavy_skew"`` or ``"triangular"``.
        min_group_size: with ``details``, teams and role groups smaller than this are
            suppressed (anonymity); by default the minimum reporting size (one rule for
            organizations and groups). The attached gap and team ranges use ``interval``
            too (``"auto"``: chosen by each group's size; the gap's by the smaller group).
        organization: the organization to score; needed when the responses hold several
            (agreement still compares it with all of them: ICC(1)/ICC(2) need the panel).
        population: headcounts per organization (:class:`Population`, optionally by a
            stratum column such as ``role``): the report gets the response rate
            (``report.design``, ``report.response_rate``), ranges get the finite-population
            correction and, with strata, scores are post-stratification weighted with a
            stratified bootstrap (docs/survey-design.md). More respondents than people is
            an error. Organizations without a headcount are scored as without it.
        cluster: a per-respondent column (``"team"``) whose values are resampled whole
            (team-clustered bootstrap); each score reports its ``design_effect``.
        fpc: apply the finite-population correction when a headcount is known (default).
        screen: response-quality screening (docs/response-quality.md): ``"flag"``
            (default: straightlining and acquiescent respondents are counted in
            ``report.quality``, with a ``response_quality`` notice when they are at least
            10 % of the respondents, and kept in the scores), ``"exclude"`` (left out of
            every score and analysis; kept when every respondent is flagged) or ``"off"``.

    Returns:
        The :class:`Report` of the one organization in the responses, or of the one named
        with ``organization``. Use :func:`score_organizations` for a :class:`ReportSet`
        of every organization.

    Raises:
        TypeError: ``rubric`` is not a :class:`Rubric` or ``responses`` not a
            :class:`Responses`.
        ScoringError: bad options, responses that do not fit the rubric, or responses
            holding several organizations and no ``organization`` named.
        UnknownOrganizationError: an ``organization`` the responses do not hold.
    """
    check_types(rubric, responses)
    check_organization(organization)
    settings = _settings(
        (confidence, n_resamples, seed, interval),
        (min_respondents, min_indicator_share, min_dimension_share, dont_know_threshold),
        (min_reporting_size, allow_small, screen),
        (agreement, details, null, min_group_size),
        (population, cluster, fpc),
    )
    prepared = prepare(rubric, responses)
    name = _the_organization(prepared, organization)
    return _assess(prepared, settings, name)[name]
