"""Rubric model: scales, dimensions, indicators, stages and the source references behind them.

Load a rubric with :func:`lomaturity.load_rubric`; everything here is a frozen value::

    from lomaturity.rubric import Indicator, Stage
"""

from __future__ import annotations

from ._model.rubric import (
    FORMAT_VERSION,
    FORMATS,
    REFERENTS,
    Dimension,
    Indicator,
    Rubric,
    Scale,
    SourceRef,
    Stage,
)
from ._public import publish
from ._rubrics.registry import DEFAULT_RUBRIC, RubricInfo

__all__ = [
    "DEFAULT_RUBRIC",
    "FORMATS",
    "FORMAT_VERSION",
    "REFERENTS",
    "Dimension",
    "Indicator",
    "Rubric",
    "RubricInfo",
    "Scale",
    "SourceRef",
    "Stage",
]

publish(__name__, Dimension, Indicator, Rubric, RubricInfo, Scale, SourceRef, Stage)

del publish  # the helper is not part of the public surface
