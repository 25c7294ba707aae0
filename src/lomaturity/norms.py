"""Norm tables: percentile points of a panel of organizations' scores on one rubric, to
benchmark a report against (:func:`lomaturity.benchmark`; docs/norms.md)::

    from lomaturity.norms import NormDistribution, MIN_ORGANIZATIONS

Build one with :func:`lomaturity.build_norms`, read one with :func:`lomaturity.read_norms`,
try the bundled SYNTHETIC one with :func:`lomaturity.example_norms`.
"""

from __future__ import annotations

from ._model.norms import (
    MIN_ORGANIZATIONS,
    NORMS_FORMAT,
    PERCENTILE_GRID,
    PERCENTILE_METHOD,
    NormDistribution,
    NormSettings,
    NormTable,
)
from ._public import publish

__all__ = [
    "MIN_ORGANIZATIONS",
    "NORMS_FORMAT",
    "PERCENTILE_GRID",
    "PERCENTILE_METHOD",
    "NormDistribution",
    "NormSettings",
    "NormTable",
]

publish(__name__, NormDistribution, NormSettings, NormTable)

del publish  # the helper is not part of the public surface
