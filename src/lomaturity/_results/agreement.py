"""Agreement result records: rwg, rwg(j), ICC(1)/ICC(2) per organization and dimension."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import frozen_dict
from .._model.notice import Notice
from .common import OrganizationMapping
from .tables import Record, Tabular, agreement_records

NullDistribution = Literal["uniform", "slight_skew", "moderate_skew", "heavy_skew", "triangular"]
"""Null ("no agreement") response distributions of LeBreton & Senter (2008), Table 3."""


@frozen
class AgreementOptions:
    """Settings of one agreement run.

    Attributes:
        null: the null distribution of ``sigma_EU^2`` (see :func:`null_variance`).
        cutoff: ``rwg(j)`` at or above it counts as enough agreement to aggregate.
        icc2_threshold: ``ICC(2)`` below it gets a ``low_icc2`` notice.
        min_respondents: fewer respondents in a dimension get a ``few_respondents`` notice.
        truncate: cap a group's observed variance at ``sigma_EU^2`` so that single-item
            ``rwg`` lies in [0, 1] (James et al., 1984; as R's ``multilevel::rwg``). With
            ``False`` single-item ``rwg = 1 - s^2 / sigma_EU^2`` may be negative.
            ``rwg(j)`` is always truncated: its formula has a pole above ``sigma_EU^2``.
    """

    null: NullDistribution = "uniform"
    cutoff: float = 0.70
    icc2_threshold: float = 0.70
    min_respondents: int = 3
    truncate: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "null": self.null,
            "cutoff": self.cutoff,
            "icc2_threshold": self.icc2_threshold,
            "min_respondents": self.min_respondents,
            "truncate": self.truncate,
        }


@frozen
class Rwg:
    """One ``rwg`` (an indicator) or ``rwg(j)`` (a dimension) of one organization.

    Attributes:
        value: the agreement index, ``None`` when undefined (then ``reason`` says why).
        n_respondents: respondents who answered (the indicator / any indicator of the
            dimension).
        n_items: items whose variance entered: 1 for a defined single-item ``rwg``, ``J``
            for ``rwg(j)``; 0 when undefined.
        variance: observed within-organization variance on the raw answer scale (the mean
            item variance for ``rwg(j)``), ``None`` when undefined.
        reason: why ``value`` is ``None``.
    """

    value: float | None
    n_respondents: int
    n_items: int
    variance: float | None
    reason: str | None = None

    @property
    def defined(self) -> bool:
        """Whether there is a value."""
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "value": rounded(self.value),
            "n_respondents": self.n_respondents,
            "n_items": self.n_items,
            "variance": rounded(self.variance),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen
class OrganizationAgreement:
    """Agreement within one organization: attach it to that organization's score report.

    Attributes:
        organization: the organization's name.
        n_respondents: respondents (rows) of the organization.
        dimensions: dimension id -> ``rwg(j)``, in rubric order.
        indicators: indicator id -> single-item ``rwg``, in rubric order.
        notices: ``low_rwg``, ``few_respondents`` and ``rwg_undefined`` warnings; ``subject``
            is the dimension id (the convention of :class:`lomaturity.Report`).
        options: the settings used.
        null_variances: scale id -> ``sigma_EU^2`` used.
    """

    organization: str
    n_respondents: int
    dimensions: Mapping[str, Rwg] = field(converter=frozen_dict)
    indicators: Mapping[str, Rwg] = field(converter=frozen_dict)
    notices: tuple[Notice, ...]
    options: AgreementOptions
    null_variances: Mapping[str, float] = field(converter=frozen_dict)

    def supports_aggregation(self, dimension: str) -> bool | None:
        """``rwg(j) >= cutoff`` for ``dimension``; ``None`` when ``rwg(j)`` is undefined."""
        value = self.dimensions[dimension].value
        return None if value is None else value >= self.options.cutoff

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "organization": self.organization,
            "n_respondents": self.n_respondents,
            "null": self.options.null,
            "null_variances": dict(self.null_variances),
            "cutoff": self.options.cutoff,
            "rwg_j": {k: v.to_dict() for k, v in self.dimensions.items()},
            "rwg": {k: v.to_dict() for k, v in self.indicators.items()},
            "notices": [n.to_dict() for n in self.notices],
        }


@frozen
class DimensionAgreement:
    """Agreement figures of one dimension across organizations.

    Attributes:
        dimension: the dimension id.
        icc1: ``ICC(1) = (MSB - MSW) / (MSB + (k - 1) MSW)``; ``None`` when undefined.
        icc2: ``ICC(2) = (MSB - MSW) / MSB``; ``None`` when undefined.
        k: group size used in ``ICC(1)``: the mean organization size ``N / G`` (as
            ``multilevel::ICC1``).
        k_adjusted: Bliese's (2000) size for unequal groups, ``(N - sum n_g^2 / N) / (G - 1)``;
            reported for comparison, not used.
        n_organizations: organizations in the ANOVA (``G``: those with a dimension score).
        n_respondents: respondents with a dimension score (``N``).
        ms_between, ms_within: the ANOVA mean squares (0-100 score units squared).
        n_rated: organizations with a defined ``rwg(j)``.
        n_above_cutoff: of those, how many have ``rwg(j) >= cutoff``.
        share_above_cutoff: ``n_above_cutoff / n_rated``; ``None`` when ``n_rated == 0``.
        mean_rwg_j: mean ``rwg(j)`` over the rated organizations.
        reason: why the ICCs are undefined, when they are.
    """

    dimension: str
    icc1: float | None
    icc2: float | None
    k: float | None
    k_adjusted: float | None
    n_organizations: int
    n_respondents: int
    ms_between: float | None
    ms_within: float | None
    n_rated: int
    n_above_cutoff: int
    share_above_cutoff: float | None
    mean_rwg_j: float | None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals)."""
        out: dict[str, Any] = {
            "icc1": rounded(self.icc1),
            "icc2": rounded(self.icc2),
            "k": rounded(self.k),
            "k_adjusted": rounded(self.k_adjusted),
            "n_organizations": self.n_organizations,
            "n_respondents": self.n_respondents,
            "ms_between": rounded(self.ms_between),
            "ms_within": rounded(self.ms_within),
            "n_rated": self.n_rated,
            "n_above_cutoff": self.n_above_cutoff,
            "share_above_cutoff": rounded(self.share_above_cutoff),
            "mean_rwg_j": rounded(self.mean_rwg_j),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen(hash=False)
class AgreementResult(OrganizationMapping[OrganizationAgreement], Tabular):
    """Agreement of every organization and every dimension; a mapping organization ->
    :class:`OrganizationAgreement`, in order of first appearance.

    Attributes:
        rubric_key: ``id@version`` of the rubric.
        options: the settings used.
        null_variances: scale id -> ``sigma_EU^2`` used.
        organizations: organization -> its agreement.
        dimensions: dimension id -> ICCs and the share of agreeing organizations.
        notices: every warning: ``low_icc2`` and ``icc_undefined`` (subject: the dimension
            id), then per organization ``rwg_undefined``, ``few_respondents`` and
            ``low_rwg`` (subject ``"<organization>/<dimension>"``).
    """

    TABLE = "agreement"

    rubric_key: str
    options: AgreementOptions
    null_variances: Mapping[str, float] = field(converter=frozen_dict)
    organizations: Mapping[str, OrganizationAgreement] = field(converter=frozen_dict)
    dimensions: Mapping[str, DimensionAgreement] = field(converter=frozen_dict)
    notices: tuple[Notice, ...]

    def _entries(self) -> Mapping[str, OrganizationAgreement]:
        return self.organizations

    def to_records(self) -> list[Record]:
        """The ``agreement`` table (docs/tables.md): ``rwg_j``/``rwg`` rows per
        organization, then ``icc1``/``icc2`` rows per dimension."""
        return agreement_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping of the whole result."""
        return {
            "rubric": self.rubric_key,
            "options": self.options.to_dict(),
            "null_variances": dict(self.null_variances),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "organizations": {k: v.to_dict() for k, v in self.organizations.items()},
            "notices": [n.to_dict() for n in self.notices],
        }
