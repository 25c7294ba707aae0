"""Response quality attached to reports: each organization's record and its notices
(screening itself: ``_stats/quality.py`` ``screen``; docs/response-quality.md)."""

from __future__ import annotations

from .._results.quality import ResponseQuality
from .._results.report import ReportSet
from .._stats.quality import with_quality


def attach_quality(reports: ReportSet, quality: ResponseQuality | None) -> ReportSet:
    """Reports with their organization's quality in ``report.quality`` and its notices."""
    if quality is None:
        return reports
    return ReportSet(
        {
            name: with_quality(report, quality.for_organization(name))
            for name, report in reports.items()
        }
    )
