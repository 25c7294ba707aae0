"""``AnswerMap``: answer texts of a survey export mapped to scale values (docs/survey-exports.md).

A survey tool that exports the chosen option's text (``Täysin samaa mieltä``, ``Often``)
instead of its number needs a map from text to scale point. The rubric's own scale labels
are one (``answers="labels"``); an :class:`AnswerMap` is the other, read from a small file
by :func:`lomaturity.read_answer_map` or built from a mapping. Plain values only: the
readers in ``_survey`` check and apply it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from attrs import field, frozen

from .._frozen import FrozenDict

__all__ = ["DONT_KNOW", "NOT_APPLICABLE", "AnswerMap", "AnswerValue"]

DONT_KNOW: Final = "DK"
"""The value of a text meaning "don't know" (the same token as :data:`lomaturity.DK`)."""
NOT_APPLICABLE: Final = "NA"
"""The value of a text meaning "not applicable" (the same token as :data:`lomaturity.NA`)."""

AnswerValue = int | Literal["DK", "NA"]
"""What an answer text stands for: a scale point, ``"DK"`` or ``"NA"``."""


def _entries(value: Mapping[str, AnswerValue]) -> FrozenDict[str, AnswerValue]:
    return value if isinstance(value, FrozenDict) else FrozenDict(value)


def _lines(value: Mapping[str, int]) -> FrozenDict[str, int]:
    return value if isinstance(value, FrozenDict) else FrozenDict(value)


@frozen
class AnswerMap:
    """Answer texts and the scale values they stand for.

    Attributes:
        entries: answer text (as written in the map) -> a whole scale point, or ``"DK"``
            (don't know) or ``"NA"`` (not applicable). Texts are matched after
            case-folding and whitespace normalisation.
        source: the file the map was read from (``None`` when built from a mapping).
        lines: answer text -> the line of the file that maps it (for messages).
    """

    entries: Mapping[str, AnswerValue] = field(converter=_entries)
    source: str | None = None
    lines: Mapping[str, int] = field(factory=FrozenDict, converter=_lines, repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        where = f" from {self.source!r}" if self.source else ""
        return f"<AnswerMap: {len(self.entries)} texts{where}>"
