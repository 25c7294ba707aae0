"""Comparisons: frozen, JSON-ready results of :func:`lomaturity.compare` (two organizations,
or two survey waves of one organization or of a panel)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from .._frozen import frozen_dict
from .._model.notice import Notice
from .common import IntervalInfo, OrganizationMapping, ScoringOptions
from .contrast import Contrast
from .design import SurveyDesign
from .display import comparison_html, comparisons_html
from .quality import OrganizationQuality
from .tables import Cell, Record, Tabular, concatenated, contrast_records


def _sides(
    key: str,
    first: OrganizationQuality | SurveyDesign | None,
    second: OrganizationQuality | SurveyDesign | None,
) -> dict[str, Any]:
    """``{key: {"first": ..., "second": ...}}`` when a side has the record, else nothing."""
    if first is None and second is None:
        return {}
    return {
        key: {
            "first": None if first is None else first.to_dict(),
            "second": None if second is None else second.to_dict(),
        }
    }


@frozen(hash=False)
class Comparison(Tabular):
    """Differences ``second - first`` on every score of two organizations or two waves.

    Attributes:
        rubric_key: ``id@version`` of the rubric both sides were scored against.
        first, second: labels of the two sides (organization names, or wave labels).
        organization: the organization compared with itself across two waves; ``None``
            when two organizations are compared.
        overall, dimensions, indicators: :class:`~lomaturity.results.Contrast` per score, in
            rubric order (``difference`` is ``second - first``, in 0-100 points).
        method: how the ranges were made: ``"paired-respondent-bootstrap"`` (respondents in
            both waves resampled jointly), ``"independent-respondent-bootstrap"`` (each side
            resampled separately) or ``"report-mover"`` (from two reports' ranges, sides
            taken as independent; docs/comparisons.md).
        effect_size_kind: ``"hedges_g"`` (independent sides) or ``"d_av"`` (paired).
        adjustment: ``"holm"`` when ``p_adjusted`` holds Holm-adjusted p-values, else ``None``.
        adjustment_family: which p-values were adjusted together (``"level"``: the
            dimensions together, the indicators together; ``"organizations"``: one score
            across the organizations of a :class:`ComparisonSet`).
        interval: how the ranges were made (method, kind, confidence, resamples, seed).
        options: the scoring settings of the two sides (``None`` for two reports).
        n_first, n_second: respondents on each side.
        n_paired: respondents present in both waves (0 for independent sides).
        notices: warnings a reader must see (small samples, measured coverage, pairing).
        rubric_fingerprint: the rubric's content fingerprint.
        first_quality, second_quality: each side's response quality (responses compared
            unless ``screen="off"``; docs/response-quality.md), else ``None``.
        first_design, second_design: each side's survey design (responses compared with
            ``population=`` or ``cluster=``; docs/survey-design.md), else ``None``.
    """

    TABLE = "comparisons"

    rubric_key: str
    first: str
    second: str
    organization: str | None
    overall: Contrast
    dimensions: Mapping[str, Contrast] = field(converter=frozen_dict)
    indicators: Mapping[str, Contrast] = field(converter=frozen_dict)
    method: str
    effect_size_kind: str
    adjustment: str | None
    interval: IntervalInfo
    options: ScoringOptions | None = None
    n_first: int = 0
    n_second: int = 0
    n_paired: int = 0
    notices: tuple[Notice, ...] = ()
    rubric_fingerprint: str | None = None
    adjustment_family: str | None = None
    first_quality: OrganizationQuality | None = None
    second_quality: OrganizationQuality | None = None
    first_design: SurveyDesign | None = None
    second_design: SurveyDesign | None = None

    @property
    def paired(self) -> bool:
        """Whether the respondents of both waves were resampled jointly."""
        return self.method.startswith("paired")

    def _base(self) -> dict[str, Cell]:
        return {
            "rubric": self.rubric_key,
            "organization": self.organization,
            "first": self.first,
            "second": self.second,
            "effect_size_kind": self.effect_size_kind,
            "adjustment": self.adjustment,
            "method": self.method,
        }

    def to_records(self) -> list[Record]:
        """The ``comparisons`` table (docs/tables.md): one row per overall, dimension and
        indicator contrast."""
        return contrast_records(self._base(), self.overall, self.dimensions, self.indicators)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (figures rounded to 4 decimals)."""
        return {
            "rubric": self.rubric_key,
            "rubric_fingerprint": self.rubric_fingerprint,
            "first": self.first,
            "second": self.second,
            "organization": self.organization,
            "method": self.method,
            "effect_size_kind": self.effect_size_kind,
            "adjustment": self.adjustment,
            "adjustment_family": self.adjustment_family,
            "n_first": self.n_first,
            "n_second": self.n_second,
            "n_paired": self.n_paired,
            "overall": self.overall.to_dict(),
            "dimensions": {k: v.to_dict() for k, v in self.dimensions.items()},
            "indicators": {k: v.to_dict() for k, v in self.indicators.items()},
            "interval": self.interval.to_dict(),
            "options": None if self.options is None else self.options.to_dict(),
            "notices": [n.to_dict() for n in self.notices],
            **_sides("quality", self.first_quality, self.second_quality),
            **_sides("design", self.first_design, self.second_design),
        }

    def _repr_html_(self) -> str:
        """The notebook display: differences per dimension and overall (docs/notebooks.md)."""
        return comparison_html(self)

    def __repr__(self) -> str:
        d = self.overall
        shown = "—" if d.difference is None else f"{d.difference:+.1f}"
        return (
            f"<Comparison {self.rubric_key} {self.first!r} -> {self.second!r}: overall "
            f"{shown} ({self.method})>"
        )


@frozen(hash=False)
class ComparisonSet(OrganizationMapping[Comparison], Tabular):
    """Two waves of a panel: organization -> its :class:`Comparison` across the waves, in
    order of appearance. ``p_adjusted`` is adjusted across the organizations, per score."""

    TABLE = "comparisons"

    rubric_key: str
    first: str
    second: str
    adjustment: str | None
    comparisons: Mapping[str, Comparison] = field(converter=frozen_dict)
    notices: tuple[Notice, ...] = field(default=())

    def _entries(self) -> Mapping[str, Comparison]:
        return self.comparisons

    def to_records(self) -> list[Record]:
        """The ``comparisons`` table: the comparisons' rows, one organization after the other."""
        return concatenated(self.comparisons.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``{"organizations": {name: comparison.to_dict()}, ...}``."""
        return {
            "rubric": self.rubric_key,
            "first": self.first,
            "second": self.second,
            "adjustment": self.adjustment,
            "notices": [n.to_dict() for n in self.notices],
            "organizations": {k: v.to_dict() for k, v in self.comparisons.items()},
        }

    def _repr_html_(self) -> str:
        """The notebook display: one row per organization (docs/notebooks.md)."""
        return comparisons_html(
            self.comparisons, self.first, self.second, self.rubric_key, self.adjustment
        )

    def __repr__(self) -> str:
        return (
            f"<ComparisonSet {self.rubric_key} {self.first!r} -> {self.second!r}: "
            f"{len(self.comparisons)} organizations>"
        )
