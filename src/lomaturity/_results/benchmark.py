"""Benchmarks: where an organization's scores stand in a norm table (percentile ranks with
ranges and quartile bands), results of :func:`lomaturity.benchmark`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from attrs import field, frozen

from .._format import rounded
from .._frozen import FrozenDict, frozen_dict
from .._model.notice import Notice
from .common import OrganizationMapping
from .display import benchmark_html, benchmarks_html
from .tables import Record, Tabular, benchmark_records, concatenated

Band = Literal["bottom quartile", "second quartile", "third quartile", "top quartile"]
"""Quartile bands of the percentile rank: below 25, 25 to below 50, 50 to below 75, 75 and
above."""

Censored = Literal["below", "above"]
"""A value below the norm's lowest percentile point or above its highest one."""


@frozen
class Standing:
    """Where one score stands in the norm.

    Attributes:
        id: ``"overall"``, a dimension id or an indicator id.
        level: ``"overall"``, ``"dimension"`` or ``"indicator"``.
        value, low, high: the organization's score (0-100) and its confidence range.
        percentile: percentile rank (0-100) of ``value`` in the norm, interpolated linearly
            between the norm's percentile points; when ``censored``, the norm's lowest
            (``"below"``) or highest (``"above"``) percent, a bound rather than a rank.
        censored: ``"below"`` / ``"above"`` when ``value`` lies outside the norm's points
            (shown ``<5`` / ``>95``), else ``None``.
        percentile_low, percentile_high: the ranks of ``low`` and ``high`` (0 and 100 when
            they lie beyond the norm's points, so the range always bounds the rank). They
            reflect the organization's own sampling uncertainty, not the norm's.
        band: the quartile band of ``percentile``.
        band_certain: whether the whole range lies in that band (``None`` without a range).
        norm_n: organizations the norm's distribution of this score rests on.
        reason: why there is no rank (not scorable, or no distribution in the norm).
    """

    id: str
    level: str
    value: float | None
    low: float | None
    high: float | None
    percentile: float | None = None
    censored: Censored | None = None
    percentile_low: float | None = None
    percentile_high: float | None = None
    band: Band | None = None
    band_certain: bool | None = None
    norm_n: int | None = None
    reason: str | None = None

    @property
    def rank_text(self) -> str | None:
        """The rank as shown: ``"37"``, ``"<5"``, ``">95"``, or ``None`` without one."""
        if self.percentile is None:
            return None
        if self.censored == "below":
            return f"<{self.percentile:g}"
        if self.censored == "above":
            return f">{self.percentile:g}"
        return f"{self.percentile:.0f}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (numbers rounded to 4 decimals, ranks to 2)."""
        out: dict[str, Any] = {
            "level": self.level,
            "value": rounded(self.value),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "percentile": rounded(self.percentile, 2),
            "rank": self.rank_text,
            "censored": self.censored,
            "percentile_low": rounded(self.percentile_low, 2),
            "percentile_high": rounded(self.percentile_high, 2),
            "band": self.band,
            "band_certain": self.band_certain,
            "norm_n": self.norm_n,
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@frozen(hash=False)
class Benchmark(Tabular):
    """One organization's scores against a norm table.

    Attributes:
        rubric_key: ``id@version`` of the rubric (the report's and the norm's).
        organization: the organization's name.
        norm_title, norm_source, norm_date: the norm table's title, source and date
            (ISO).
        synthetic: whether the norm table is synthetic (simulated organizations); then
            ``notices`` says so too.
        norm_organizations: organizations in the norm's panel.
        overall: the overall score's standing.
        dimensions: dimension id -> standing, in rubric order.
        indicators: indicator id -> standing (only for indicators the norm holds).
        notices: warnings a reader must see (a synthetic norm, other scoring thresholds,
            a self-assessment compared with a survey panel, ...).
    """

    TABLE = "benchmarks"

    rubric_key: str
    organization: str
    norm_title: str
    norm_source: str
    norm_date: str
    synthetic: bool
    norm_organizations: int
    overall: Standing
    dimensions: Mapping[str, Standing] = field(converter=frozen_dict)
    indicators: Mapping[str, Standing] = field(factory=FrozenDict, converter=frozen_dict)
    notices: tuple[Notice, ...] = ()

    def to_records(self) -> list[Record]:
        """The ``benchmarks`` table (docs/tables.md): one row per overall, dimension and
        indicator standing."""
        return benchmark_records(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping; ``synthetic`` is always present."""
        return {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "norm": {
                "title": self.norm_title,
                "source": self.norm_source,
                "date": self.norm_date,
                "synthetic": self.synthetic,
                "n_organizations": self.norm_organizations,
            },
            "synthetic": self.synthetic,
            "overall": self.overall.to_dict(),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "notices": [n.to_dict() for n in self.notices],
        }

    def _repr_html_(self) -> str:
        """The notebook display: percentile ranks per dimension and overall, a synthetic
        norm flagged first (docs/notebooks.md)."""
        return benchmark_html(self)

    def __repr__(self) -> str:
        flag = ", SYNTHETIC norm" if self.synthetic else ""
        rank = self.overall.rank_text or "—"
        return f"Benchmark({self.organization!r}, overall percentile {rank}{flag})"


@frozen(hash=False)
class BenchmarkSet(OrganizationMapping[Benchmark], Tabular):
    """Benchmarks of several organizations, by organization name, in order of appearance."""

    TABLE = "benchmarks"

    benchmarks: Mapping[str, Benchmark] = field(converter=frozen_dict)

    def _entries(self) -> Mapping[str, Benchmark]:
        return self.benchmarks

    def _repr_html_(self) -> str:
        """The notebook display: one row per organization (docs/notebooks.md)."""
        return benchmarks_html(self.benchmarks)

    @property
    def synthetic(self) -> bool:
        """Whether the norm table is synthetic."""
        return any(b.synthetic for b in self.benchmarks.values())

    def to_records(self) -> list[Record]:
        """The ``benchmarks`` table: the benchmarks' rows, one organization after the other."""
        return concatenated(self.benchmarks.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``{"synthetic": ..., "organizations": {name: ...}}``."""
        return {
            "synthetic": self.synthetic,
            "organizations": {k: v.to_dict() for k, v in self.benchmarks.items()},
        }
