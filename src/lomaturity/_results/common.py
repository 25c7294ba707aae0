"""Shared result records: scores with their ranges, notices, options, per-organization mappings."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from typing import Any, Literal, TypeVar

from attrs import field, frozen

from .._format import rounded
from .._frozen import FrozenDict, frozen_dict
from .._hints import find_organization
from .._repr import ranged, text

IntervalMethod = Literal[
    "auto", "percentile", "bca", "expanded", "studentized", "studentized_union"
]
"""Confidence-range kinds: ``auto`` (chosen by respondent count, docs/coverage.md),
bootstrap percentile, bias-corrected and accelerated, the expanded percentile range
(Hesterberg 2015), the studentized (bootstrap-t) range, or the union of the equal-tailed
and the symmetric studentized ranges (Hall 1988; the default below 20 respondents)."""

ScreenMode = Literal["flag", "exclude", "off"]
"""Response-quality screening (docs/response-quality.md): ``flag`` (default: straightlining
and acquiescent respondents are flagged and counted, and kept in the scores), ``exclude``
(flagged respondents are left out of the scores) or ``off`` (no screening)."""


@frozen
class ScoringOptions:
    """Settings of one scoring run.

    Attributes:
        confidence: level of the confidence ranges, in (0, 1).
        n_resamples: bootstrap resamples (>= 100).
        seed: the root seed actually used (recorded even when the caller gave none).
        interval: ``"auto"`` (default: chosen by respondent count so that the ranges hold
            their level, docs/coverage.md), ``"percentile"``, ``"bca"`` (bias-corrected and
            accelerated), ``"expanded"`` (expanded percentile), ``"studentized"``
            (bootstrap-t) or ``"studentized_union"`` (the equal-tailed and the symmetric
            bootstrap-t ranges joined).
        min_respondents: a dimension needs answers from at least ``min(min_respondents, N)``
            respondents, ``N`` being the organization's respondent count.
        min_indicator_share: a dimension needs answers to at least this share (0-1) of the
            weight of its applicable indicators.
        min_dimension_share: the overall score needs this share (0-1) of dimension weight scorable.
        dont_know_threshold: an indicator whose "don't know" share (0-1) is at least this
            gets a ``dont_know_share`` notice (docs/scoring.md, "Don't know answers").
        min_reporting_size: scores resting on fewer respondents than this are marked not
            reportable (default 5, docs/coverage.md); ``min_respondents`` only decides which
            dimensions are scorable *within* an organization.
        allow_small: mark them reportable anyway (an explicit override).
        screen: response-quality screening, ``"flag"`` (default), ``"exclude"`` or
            ``"off"`` (docs/response-quality.md).
    """

    confidence: float = 0.95
    n_resamples: int = 2000
    seed: int | None = None
    interval: IntervalMethod = "auto"
    min_respondents: int = 3
    min_indicator_share: float = 0.5
    min_dimension_share: float = 1.0
    dont_know_threshold: float = 0.25
    min_reporting_size: int = 5
    allow_small: bool = False
    screen: ScreenMode = "flag"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "confidence": self.confidence,
            "n_resamples": self.n_resamples,
            "seed": self.seed,
            "interval": self.interval,
            "min_respondents": self.min_respondents,
            "min_indicator_share": self.min_indicator_share,
            "min_dimension_share": self.min_dimension_share,
            "dont_know_threshold": self.dont_know_threshold,
            "min_reporting_size": self.min_reporting_size,
            "allow_small": self.allow_small,
            "screen": self.screen,
        }


@frozen
class IntervalInfo:
    """How the confidence ranges of a report were made.

    ``method`` is ``"respondent-bootstrap"``, or ``"indicator-bootstrap"`` for a single
    respondent (an expert self-assessment) where there is no respondent sample to resample;
    ``kind`` is ``"percentile"``, ``"bca"`` or ``"expanded"`` (the kind actually used: a
    single respondent, or BCa with fewer than 3 respondents, falls back to percentile).
    """

    method: str
    kind: str
    confidence: float
    n_resamples: int
    seed: int | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "method": self.method,
            "kind": self.kind,
            "confidence": self.confidence,
            "n_resamples": self.n_resamples,
            "seed": self.seed,
        }


@frozen(hash=False)
class Score:
    """One score on 0-100 with its confidence range.

    Attributes:
        id: ``"overall"``, a dimension id or an indicator id.
        value, low, high: the estimate and its range on 0-100; all ``None`` when not scorable.
        n_respondents: respondents whose answers went into the score.
        n_answers: on-scale answers behind the score.
        n_not_applicable: "not applicable" answers (left out of the denominator).
        coverage: answered share (0-1) of the cells that were applicable (not "not applicable").
        stage: id of the stage whose band holds ``value`` (dimension and overall scores only).
        stage_support: stage id -> share (0-1) of bootstrap resamples falling in that stage
            band: the bootstrap *support* of each stage, not the probability that it is the
            true stage (with 2 respondents it is often 1.00; docs/stage-certainty.md).
        stage_accuracy: how often, in the stage calibration study, a stage reported with
            this support at this respondent count was the true stage (0-1, the measured
            share for the support bin at the largest studied size not above
            ``n_respondents``; docs/stage-certainty.md); ``None`` without a stage or when
            not measured (a single respondent).
        reason: why the score is not scorable, when it is not.
        reportable: ``False`` when the score rests on fewer respondents than the minimum
            reporting size (``ScoringOptions.min_reporting_size``) and no override was
            given: too few for its range to hold its level; shown only on request.
        design_effect: variance of this score's bootstrap draws under the survey design
            (weights, clusters) over simple random resampling (Kish 1965); ``None`` when
            scored without weights or clusters (docs/survey-design.md).
        sd: sample standard deviation (``ddof=1``, points on 0-100) over respondents of
            their own score at this level (indicator: the answers; dimension: each
            respondent's weighted mean of the dimension's indicators they answered; overall:
            each respondent's weighted mean of their own dimension scores); ``None`` with
            fewer than 2 values. The standardizer of effect sizes (docs/comparisons.md).
        dont_know: "don't know" answers (scored as missing: not in ``n_answers``, not in
            the mean, never imputed; they count against ``coverage`` like blanks).
        dont_know_share: ``dont_know / (n_answers + dont_know)`` in 0-1: the share of the
            people who answered (on the scale or "don't know") who said they don't know;
            ``None`` when there is neither. For a dimension or the overall score, over all
            its indicators' answer cells.
    """

    id: str
    value: float | None
    low: float | None
    high: float | None
    n_respondents: int
    n_answers: int
    n_not_applicable: int
    coverage: float
    stage: str | None = None
    stage_support: Mapping[str, float] = field(factory=FrozenDict, converter=frozen_dict)
    reason: str | None = None
    sd: float | None = None
    dont_know: int = 0
    dont_know_share: float | None = None
    reportable: bool = True
    stage_accuracy: float | None = None
    design_effect: float | None = None

    def __repr__(self) -> str:
        if self.value is None:
            shown = "not scorable"
        elif not self.reportable:
            shown = "not reportable"
        else:
            shown = ranged(self.value, self.low, self.high)
        stage = "" if self.stage is None else f", stage {text(self.stage)}"
        return f"Score({text(self.id)}, {shown}, n={self.n_respondents}{stage})"

    @property
    def stage_probabilities(self) -> Mapping[str, float]:
        """Deprecated alias of :attr:`stage_support` (the same values): they are shares of
        bootstrap resamples, not probabilities that the stage is right."""
        warnings.warn(
            "Score.stage_probabilities is deprecated: use Score.stage_support (bootstrap "
            "support, not a probability; see docs/stage-certainty.md)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.stage_support

    @property
    def scorable(self) -> bool:
        """Whether there is a value."""
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "value": rounded(self.value),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "n_respondents": self.n_respondents,
            "n_answers": self.n_answers,
            "n_not_applicable": self.n_not_applicable,
            "coverage": rounded(self.coverage),
            "sd": rounded(self.sd),
            "dont_know": self.dont_know,
            "dont_know_share": rounded(self.dont_know_share),
            "reportable": self.reportable,
        }
        if self.stage is not None or self.stage_support:
            out["stage"] = self.stage
            out["stage_support"] = {k: rounded(v) for k, v in self.stage_support.items()}
            out["stage_accuracy"] = rounded(self.stage_accuracy)
        if self.reason is not None:
            out["reason"] = self.reason
        if self.design_effect is not None:  # scored with weights or clusters
            out["design_effect"] = rounded(self.design_effect)
        return out


_V = TypeVar("_V")


class OrganizationMapping(Mapping[str, _V]):
    """A result holding one entry per organization: a read-only mapping by organization
    name, in order of appearance, with :meth:`for_organization` for a clear error."""

    def _entries(self) -> Mapping[str, _V]:
        raise NotImplementedError

    def __getitem__(self, organization: str) -> _V:
        entries = self._entries()
        if organization in entries:
            return entries[organization]
        find_organization(organization, list(entries), where="the results")
        raise AssertionError  # find_organization raised: the name is unknown

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __len__(self) -> int:
        return len(self._entries())

    def __contains__(self, organization: object) -> bool:
        return organization in self._entries()

    def for_organization(self, organization: str) -> _V:
        """The entry of one organization; :class:`~lomaturity.exceptions.UnknownOrganizationError`
        (with a "did you mean" hint and the organizations present) when there is none."""
        return self[organization]
