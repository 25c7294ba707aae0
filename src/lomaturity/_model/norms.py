"""Norm tables: how the scores of a panel of organizations were distributed, as percentile
points per score, tied to one rubric (id, version and fingerprint). Plain values only: the
percentiles are computed in ``_stats/norms.py``, files are read and written in ``_norms/``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Final, Literal

from attrs import field, frozen

from .._frozen import FrozenDict, frozen_dict

NORMS_FORMAT: Final = 1
"""Version of the norm-table format (the ``format`` field of a file)."""

MIN_ORGANIZATIONS: Final = 20
"""Fewest organizations a norm (each of its distributions) is built from: fewer give
percentile points that are mostly interpolation between a handful of organizations, and
bring each point close to one organization's score (docs/norms.md, "Minimum sizes")."""

PERCENTILE_GRID: Final = (1, *range(5, 100, 5), 99)
"""The percents a built norm stores: 1, 5, 10, ..., 95, 99, keeping only those the panel
resolves (``100 / n <= p <= 100 - 100 / n``, n organizations): 5..95 for 20 to 99
organizations, 1..99 from 100 on."""

PERCENTILE_METHOD: Final = "linear"
"""How the percentile points were computed: numpy's default (``method="linear"``, type 7
of Hyndman and Fan 1996)."""

Level = Literal["overall", "dimension", "indicator"]
"""What a distribution describes: the overall score, a dimension or an indicator."""


@frozen
class NormDistribution:
    """The distribution of one score (overall, a dimension or an indicator) in the panel.

    Attributes:
        id: ``"overall"``, a dimension id or an indicator id.
        level: ``"overall"``, ``"dimension"`` or ``"indicator"``.
        n: organizations whose score went in (scorable ones).
        n_excluded: organizations of the panel left out because this score was not scorable.
        mean: mean score (0-100) of the ``n`` organizations.
        sd: their standard deviation (sample sd, ``n - 1`` in the denominator).
        percentiles: ``(percent, score)`` points, percents strictly increasing within
            0..100 and scores (0-100) non-decreasing; at least two points.
    """

    id: str
    level: Level
    n: int
    n_excluded: int
    mean: float
    sd: float
    percentiles: tuple[tuple[float, float], ...]

    @property
    def percents(self) -> tuple[float, ...]:
        """The percents of the points, increasing."""
        return tuple(p for p, _ in self.percentiles)

    @property
    def values(self) -> tuple[float, ...]:
        """The scores at the points, non-decreasing."""
        return tuple(v for _, v in self.percentiles)

    def to_dict(self) -> dict[str, Any]:
        """The file form: ``percentiles`` keyed by percent (``"5"``, ``"50"``, ...)."""
        return {
            "level": self.level,
            "n": self.n,
            "n_excluded": self.n_excluded,
            "mean": self.mean,
            "sd": self.sd,
            "percentiles": {_percent_key(p): v for p, v in self.percentiles},
        }


def _percent_key(percent: float) -> str:
    """``5.0`` -> ``"5"``, ``2.5`` -> ``"2.5"``."""
    return str(int(percent)) if float(percent).is_integer() else repr(float(percent))


@frozen
class NormSettings:
    """The scoring settings that produced the panel's scores.

    ``min_respondents``, ``min_indicator_share`` and ``min_dimension_share`` decide which
    organizations' scores were scorable and so entered the norm; ``confidence``,
    ``n_resamples``, ``interval`` and ``seed`` made the panel's ranges, which a norm does not
    use (it holds point estimates), and are kept for the record.
    """

    confidence: float
    n_resamples: int
    interval: str
    seed: int | None
    min_respondents: int
    min_indicator_share: float
    min_dimension_share: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "confidence": self.confidence,
            "n_resamples": self.n_resamples,
            "interval": self.interval,
            "seed": self.seed,
            "min_respondents": self.min_respondents,
            "min_indicator_share": self.min_indicator_share,
            "min_dimension_share": self.min_dimension_share,
        }


@frozen(hash=False)
class NormTable:
    """A norm table: percentile points of a panel's scores on one rubric.

    Attributes:
        title: what the norm is (``"Manufacturing, EU, 2026"``).
        source: who collected the panel and how (``"consortium X, 2026 survey"``).
        synthetic: ``True`` when the organizations are simulated, not real; every result
            that uses the table says so.
        date: when the norm was built.
        rubric_id, rubric_version, rubric_fingerprint: the rubric the panel was scored on
            (:attr:`~lomaturity.Rubric.fingerprint` tells apart two files sharing one
            ``id@version``).
        n_organizations: organizations in the panel (scorable or not).
        settings: the scoring settings of the panel.
        overall: the distribution of the overall score.
        dimensions: dimension id -> distribution, in rubric order (a dimension scorable in
            fewer than the minimum number of organizations is absent).
        indicators: indicator id -> distribution (optional; often absent).
        method: how the percentile points were computed (:data:`PERCENTILE_METHOD`).
        format: the format version (:data:`NORMS_FORMAT`).
        path: the file it was read from, if any (not part of equality).
    """

    title: str
    source: str
    synthetic: bool
    date: datetime.date
    rubric_id: str
    rubric_version: str
    rubric_fingerprint: str
    n_organizations: int
    settings: NormSettings
    overall: NormDistribution
    dimensions: Mapping[str, NormDistribution] = field(converter=frozen_dict)
    indicators: Mapping[str, NormDistribution] = field(factory=FrozenDict, converter=frozen_dict)
    method: str = PERCENTILE_METHOD
    format: int = NORMS_FORMAT
    path: str | None = field(default=None, eq=False, repr=False)

    @property
    def rubric_key(self) -> str:
        """``id@version`` of the rubric."""
        return f"{self.rubric_id}@{self.rubric_version}"

    def distribution(self, score_id: str) -> NormDistribution | None:
        """The distribution of ``"overall"``, a dimension or an indicator, or ``None``."""
        if score_id == "overall":
            return self.overall
        return self.dimensions.get(score_id) or self.indicators.get(score_id)

    def to_dict(self) -> dict[str, Any]:
        """The file form (format 1); :func:`lomaturity.parse_norms` reads it back equal."""
        scores = {"overall": self.overall.to_dict()}
        scores.update((k, v.to_dict()) for k, v in self.dimensions.items())
        scores.update((k, v.to_dict()) for k, v in self.indicators.items())
        return {
            "format": self.format,
            "kind": "norms",
            "title": self.title,
            "source": self.source,
            "synthetic": self.synthetic,
            "date": self.date.isoformat(),
            "rubric": {
                "id": self.rubric_id,
                "version": self.rubric_version,
                "fingerprint": self.rubric_fingerprint,
            },
            "n_organizations": self.n_organizations,
            "method": self.method,
            "settings": self.settings.to_dict(),
            "scores": scores,
        }

    def __repr__(self) -> str:
        flag = ", SYNTHETIC" if self.synthetic else ""
        return (
            f"NormTable({self.title!r}, rubric={self.rubric_key}, "
            f"n_organizations={self.n_organizations}{flag})"
        )
