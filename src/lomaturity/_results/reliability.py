"""Reliability result records: alpha, omega and item statistics per dimension."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import FrozenDict, frozen_dict
from .._model.notice import Notice
from .tables import Record, Tabular, reliability_records

MissingMode = Literal["pairwise", "listwise"]
"""How missing answers are handled: pairwise-complete covariances, or complete rows only."""


# ----------------------------------------------------------------------------------------
# Result records


@frozen
class ItemReliability:
    """Item statistics within its dimension (answers on 0-100, reverse keying applied).

    Attributes:
        id: indicator id.
        n: answers used (pairwise: the item's answers; listwise: complete respondents).
        mean, sd: mean and standard deviation (``n - 1`` denominator) of those answers.
        item_total: corrected item-total correlation: the item against the sum of the
            *other* items of the dimension (psych's ``r.drop``). Negative means the item
            runs against the rest: a likely reverse-keying mistake.
        alpha_if_deleted: raw alpha of the dimension without this item (needs 3+ items).
        reason: why the item was left out of the dimension's reliability, when it was.
    """

    id: str
    n: int
    mean: float | None
    sd: float | None
    item_total: float | None = None
    alpha_if_deleted: float | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals; ``None`` where undefined)."""
        out: dict[str, Any] = {
            "n": self.n,
            "mean": rounded(self.mean),
            "sd": rounded(self.sd),
            "item_total": rounded(self.item_total),
            "alpha_if_deleted": rounded(self.alpha_if_deleted),
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen(hash=False)
class DimensionReliability:
    """Internal consistency of one dimension.

    Attributes:
        id: dimension id.
        n_items: indicators of the dimension in the rubric.
        n_items_used: indicators that entered alpha (items with fewer than 2 answers or
            with no variance are left out, as psych does).
        n_respondents: respondents behind the covariances (pairwise: who answered at least
            one used item; listwise: complete respondents).
        n_complete: respondents who answered every used item.
        alpha_raw: Cronbach's alpha from the covariance matrix.
        alpha_std: standardized alpha from the mean inter-item correlation.
        alpha_low, alpha_high: bootstrap percentile range of ``alpha_raw``.
        mean_r: mean inter-item correlation.
        omega_total: McDonald's omega total of a one-factor minres model (psych's
            ``omega(nfactors = 1)$omega.tot``).
        items: indicator id -> item statistics, in rubric order.
        reason: why alpha is undefined, when it is.
        omega_reason: why omega is undefined when alpha is defined but omega is not.
        flags: notices about this dimension and its items.
        seed: the seed of the alpha range's bootstrap when :func:`lomaturity.item_analysis`
            drew one (recorded so that the range can be reproduced); ``None`` otherwise
            (:func:`lomaturity.reliability` records its seed on the whole result).
    """

    id: str
    n_items: int
    n_items_used: int
    n_respondents: int
    n_complete: int
    alpha_raw: float | None
    alpha_std: float | None
    alpha_low: float | None
    alpha_high: float | None
    mean_r: float | None
    omega_total: float | None
    items: Mapping[str, ItemReliability] = field(converter=frozen_dict)
    reason: str | None = None
    omega_reason: str | None = None
    flags: tuple[Notice, ...] = ()
    seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals; ``None`` where undefined)."""
        out: dict[str, Any] = {
            "n_items": self.n_items,
            "n_items_used": self.n_items_used,
            "n_respondents": self.n_respondents,
            "n_complete": self.n_complete,
            "alpha_raw": rounded(self.alpha_raw),
            "alpha_std": rounded(self.alpha_std),
            "alpha_low": rounded(self.alpha_low),
            "alpha_high": rounded(self.alpha_high),
            "mean_r": rounded(self.mean_r),
            "omega_total": rounded(self.omega_total),
            "items": {k: v.to_dict() for k, v in self.items.items()},
            "flags": [f.to_dict() for f in self.flags],
        }
        if self.reason is not None:
            out["reason"] = self.reason
        if self.omega_reason is not None:
            out["omega_reason"] = self.omega_reason
        if self.seed is not None:
            out["seed"] = self.seed
        return out


def _frozen_rows(value: Mapping[str, Mapping[str, float | None]]) -> FrozenDict[str, Any]:
    """A read-only table: each row read-only too."""
    return FrozenDict({key: FrozenDict(row) for key, row in value.items()})


@frozen(hash=False)
class ReliabilityResult(Tabular):
    """Reliability of every dimension of a rubric, from :func:`reliability`.

    Attributes:
        rubric_key: ``id@version`` of the rubric.
        organization: the organization analysed, or ``None`` for all respondents pooled.
        n_respondents: respondents analysed.
        missing: ``"pairwise"`` or ``"listwise"``.
        alpha_threshold, separability_threshold: flagging thresholds used.
        confidence, n_resamples, seed: settings of the bootstrap range of alpha (``seed``
            is the root seed actually used, recorded even when the caller gave none).
        dimensions: dimension id -> :class:`DimensionReliability`, in rubric order.
        dimension_correlations: Pearson correlations between respondents' dimension
            scores (pairwise complete), ``[a][b]``; ``None`` where undefined.
        flags: every notice (dimension and item flags, then ``not_separable`` pairs).
    """

    TABLE = "reliability"

    rubric_key: str
    organization: str | None
    n_respondents: int
    missing: MissingMode
    alpha_threshold: float
    separability_threshold: float
    confidence: float
    n_resamples: int
    seed: int | None
    dimensions: Mapping[str, DimensionReliability] = field(converter=frozen_dict)
    dimension_correlations: Mapping[str, Mapping[str, float | None]] = field(
        factory=FrozenDict, converter=_frozen_rows
    )
    flags: tuple[Notice, ...] = ()

    def to_records(self) -> list[Record]:
        """The ``reliability`` table (docs/tables.md): dimension and item statistics."""
        return reliability_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (rounded to 4 decimals; no NaN: ``None`` where undefined)."""
        return {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "n_respondents": self.n_respondents,
            "options": {
                "missing": self.missing,
                "alpha_threshold": self.alpha_threshold,
                "separability_threshold": self.separability_threshold,
                "confidence": self.confidence,
                "n_resamples": self.n_resamples,
                "seed": self.seed,
            },
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "dimension_correlations": {
                a: {b: rounded(r) for b, r in row.items()}
                for a, row in self.dimension_correlations.items()
            },
            "flags": [f.to_dict() for f in self.flags],
        }
