"""Agreement result records: rwg, rwg(j), r*wg(j), AD and ICC(1)/ICC(2) per organization and
dimension."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import frozen_dict
from .._model.conditions import INDEX_LABEL
from .._model.notice import Notice
from .common import OrganizationMapping
from .tables import Record, Tabular, agreement_records

NullDistribution = Literal["uniform", "slight_skew", "moderate_skew", "heavy_skew", "triangular"]
"""Null ("no agreement") response distributions of LeBreton & Senter (2008), Table 3."""

AgreementIndex = Literal["rwg_star_j", "rwg_j", "ad"]
"""The within-organization agreement index that the ``low_agreement`` notices, the share of
agreeing organizations and :meth:`OrganizationAgreement.supports_aggregation` read:
``"rwg_star_j"`` (Lindell, Brandt & Whitney, 1999; the default), ``"rwg_j"`` (James,
Demaree & Wolf, 1984; grows with the number of items) or ``"ad"`` (Burke, Finkelstein &
Dusig, 1999). docs/agreement.md says why r*wg(j) is the default."""

DEFAULT_INDEX: AgreementIndex = "rwg_star_j"
"""The default :data:`AgreementIndex`."""

AGREEMENT_CUTOFFS: Final[Mapping[str, float]] = {"rwg_star_j": 0.50, "rwg_j": 0.70}
"""Default ``cutoff`` of each rwg-type agreement index (docs/agreement.md): r*wg(j) below
.50 is weak or no agreement (LeBreton & Senter, 2008), about where AD's c/6 rule sits
(single-item rwg near .50); rwg(j) keeps its conventional .70, which it passes by item count
alone."""

INDEX_LABELS: dict[str, str] = {**INDEX_LABEL, "ad": "AD"}
"""How each :data:`AgreementIndex` is written in text (the condition indices' labels and AD)."""


@frozen
class AgreementOptions:
    """Settings of one agreement run.

    Attributes:
        null: the null distribution of ``sigma_EU^2`` (see :func:`null_variance`).
        cutoff: an rwg-type index (``r*wg(j)``, ``rwg(j)``) at or above it counts as enough
            agreement to aggregate.
        icc2_threshold: ``ICC(2)`` below it gets a ``low_icc2`` notice.
        min_respondents: fewer respondents in a dimension get a ``few_respondents`` notice.
        truncate: cap a group's observed variance at ``sigma_EU^2`` so that single-item
            ``rwg`` lies in [0, 1] (James et al., 1984; as R's ``multilevel::rwg``). With
            ``False`` single-item ``rwg = 1 - s^2 / sigma_EU^2`` may be negative.
            ``rwg(j)`` is always truncated: its formula has a pole above ``sigma_EU^2``.
            ``r*wg(j)`` is never truncated (as ``multilevel::rwg.j.lindell``).
        index: the index the ``low_agreement`` notices and the share of agreeing
            organizations read (:data:`AgreementIndex`).
        ad_cutoff: ``AD`` (raw answer units) at or below it counts as agreement; ``None``:
            ``c / 6`` of each item's scale of ``c`` answer options (Burke & Dunlap, 2002).
    """

    null: NullDistribution = "uniform"
    cutoff: float = 0.70
    icc2_threshold: float = 0.70
    min_respondents: int = 3
    truncate: bool = True
    index: AgreementIndex = DEFAULT_INDEX
    ad_cutoff: float | None = None

    @property
    def index_label(self) -> str:
        """The index as written in text: ``r*wg(j)``, ``rwg(j)`` or ``AD``."""
        return INDEX_LABELS[self.index]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "null": self.null,
            "cutoff": self.cutoff,
            "icc2_threshold": self.icc2_threshold,
            "min_respondents": self.min_respondents,
            "truncate": self.truncate,
            "index": self.index,
            "ad_cutoff": self.ad_cutoff,
        }


@frozen
class Rwg:
    """The agreement indices of one indicator or one dimension of one organization.

    ``value`` is James et al.'s ``rwg`` (an indicator) or ``rwg(j)`` (a dimension), kept
    under its old name; the other indices are defined, and ``None``, together with it.

    Attributes:
        value: ``rwg`` / ``rwg(j)``, ``None`` when undefined (then ``reason`` says why).
        n_respondents: respondents who answered (the indicator / any indicator of the
            dimension).
        n_items: items whose variance entered: 1 for a defined single-item ``rwg``, ``J``
            for ``rwg(j)``; 0 when undefined.
        variance: observed within-organization variance on the raw answer scale (the mean
            item variance for ``rwg(j)``), ``None`` when undefined.
        reason: why ``value`` is ``None``.
        rwg_star: Lindell et al.'s (1999) ``r*wg(j) = 1 - mean(s_j^2 / sigma_EU,j^2)`` over
            the ``n_items`` items (for an indicator: the untruncated ``1 - s^2/sigma_EU^2``);
            never truncated, so it is below 0 when answers spread more than the null.
        ad: Burke et al.'s (1999) average deviation around the mean, ``AD_M``: per item
            ``sum |x - mean| / n`` on the raw answer scale, averaged over the items; 0 is
            full agreement.
        ad_points: ``ad`` on the 0-100 score scale (each item's ``AD`` times
            ``100 / (max - min)``, averaged).
        ad_cutoff: the ``AD`` at or below which the answers count as agreeing: ``c / 6``
            (``c`` answer options; the mean over the items when scales differ) or the
            ``ad_cutoff`` option.
    """

    value: float | None
    n_respondents: int
    n_items: int
    variance: float | None
    reason: str | None = None
    rwg_star: float | None = None
    ad: float | None = None
    ad_points: float | None = None
    ad_cutoff: float | None = None

    def index(self, which: str) -> float | None:
        """The value of the :data:`AgreementIndex` ``which``."""
        return {"rwg_j": self.value, "rwg_star_j": self.rwg_star, "ad": self.ad}[which]

    def agrees(self, options: AgreementOptions) -> bool | None:
        """Whether the index ``options.index`` shows enough agreement to aggregate;
        ``None`` when it is undefined."""
        value = self.index(options.index)
        if value is None:
            return None
        if options.index == "ad":
            return self.ad_cutoff is not None and value <= self.ad_cutoff
        return value >= options.cutoff

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
            "rwg_star": rounded(self.rwg_star),
            "ad": rounded(self.ad),
            "ad_points": rounded(self.ad_points),
            "ad_cutoff": rounded(self.ad_cutoff),
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
        dimensions: dimension id -> ``rwg(j)``, ``r*wg(j)`` and ``AD``, in rubric order.
        indicators: indicator id -> single-item ``rwg``, ``r*wg`` and ``AD``, in rubric
            order.
        notices: ``low_agreement``, ``few_respondents`` and ``rwg_undefined`` warnings; ``subject``
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
        """Whether the agreement index ``options.index`` (default ``r*wg(j)``) of
        ``dimension`` reaches its cut-off; ``None`` when the index is undefined."""
        return self.dimensions[dimension].agrees(self.options)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "organization": self.organization,
            "n_respondents": self.n_respondents,
            "null": self.options.null,
            "null_variances": dict(self.null_variances),
            "cutoff": self.options.cutoff,
            "index": self.options.index,
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
        n_rated: organizations with a defined agreement index.
        n_above_cutoff: of those, how many agree by the index ``options.index`` (``r*wg(j)``
            or ``rwg(j)`` at or above ``cutoff``, or ``AD`` at or below its cut-off).
        share_above_cutoff: ``n_above_cutoff / n_rated``; ``None`` when ``n_rated == 0``.
        mean_rwg_j: mean ``rwg(j)`` over the rated organizations.
        reason: why the ICCs are undefined, when they are.
        mean_rwg_star_j: mean ``r*wg(j)`` over the rated organizations.
        mean_ad: mean ``AD`` (raw answer units) over the rated organizations.
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
    mean_rwg_star_j: float | None = None
    mean_ad: float | None = None

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
            "mean_rwg_star_j": rounded(self.mean_rwg_star_j),
            "mean_ad": rounded(self.mean_ad),
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
            ``low_agreement`` (subject ``"<organization>/<dimension>"``).
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
        organization (with ``rwg_star``, ``ad``, ``ad_points`` and ``ad_cutoff`` columns),
        then ``icc1``/``icc2`` rows per dimension."""
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
