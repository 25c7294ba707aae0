"""Response-quality screening within one scoring call: the quality of every organization,
the responses without the excluded respondents, and the record and its notices attached to
each report (docs/response-quality.md)."""

from __future__ import annotations

from attrs import evolve

from .._results.common import ScoringOptions
from .._results.quality import ResponseQuality
from .._results.report import ReportSet
from .._stats.prepared import Prepared
from .._stats.quality import quality_notices, quality_of, screened


def screen(prepared: Prepared, options: ScoringOptions) -> tuple[Prepared, ResponseQuality | None]:
    """The responses to score (without the excluded respondents with
    ``screen="exclude"``) and the response quality (``None`` with ``screen="off"``)."""
    if options.screen == "off":
        return prepared, None
    quality = quality_of(prepared, options.screen)
    return (screened(prepared, quality) if options.screen == "exclude" else prepared), quality


def attach_quality(reports: ReportSet, quality: ResponseQuality | None) -> ReportSet:
    """Reports with their organization's quality in ``report.quality`` and its notices."""
    if quality is None:
        return reports
    out = {}
    for name, report in reports.items():
        part = quality.for_organization(name)
        notices = (*report.notices, *quality_notices(part))
        out[name] = evolve(report, quality=part, notices=notices)
    return ReportSet(out)
