"""Plain text for the command line: the renderers of reports and recommendations.

They live with the records (``_results/report_text.py``, ``_results/plan_text.py``) so
that ``Report.summary()`` and ``RecommendationResult.summary()`` return exactly what the
command line prints without a record importing this layer; they are re-exported here for
the presentation layer (docs/architecture.md)."""

from __future__ import annotations

from .._results.plan_text import render_recommendations
from .._results.report_text import (
    STAGE_ACCURACY_NOTE,
    accuracy_text,
    capped_text,
    descriptor_of,
    identity,
    render_details,
    render_report,
    report_text,
    stage_rule_text,
)

__all__ = [
    "STAGE_ACCURACY_NOTE",
    "accuracy_text",
    "capped_text",
    "descriptor_of",
    "identity",
    "render_details",
    "render_recommendations",
    "render_report",
    "report_text",
    "stage_rule_text",
]
