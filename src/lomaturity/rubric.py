"""Rubric model: scales, dimensions, indicators, stages, the stage rule and the source
references behind them.

Load a rubric with :func:`lomaturity.load_rubric`; everything here is a frozen value::

    from lomaturity.rubric import Indicator, Stage
"""

from __future__ import annotations

from ._model.facts import Fact
from ._model.migrations import Link, MigrationMap
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
from ._model.stage_rule import STAGE_RULE_KINDS, StageRule
from ._public import publish
from ._rubrics.registry import DEFAULT_RUBRIC, RubricInfo

__all__ = [
    "DEFAULT_RUBRIC",
    "FORMATS",
    "FORMAT_VERSION",
    "REFERENTS",
    "STAGE_RULE_KINDS",
    "Dimension",
    "Fact",
    "Indicator",
    "Link",
    "MigrationMap",
    "Rubric",
    "RubricInfo",
    "Scale",
    "SourceRef",
    "Stage",
    "StageRule",
]

publish(
    __name__,
    Dimension,
    Fact,
    Indicator,
    Link,
    MigrationMap,
    Rubric,
    RubricInfo,
    Scale,
    SourceRef,
    Stage,
    StageRule,
)

del publish  # the helper is not part of the public surface
