"""Organization facts: small, typed, per-organization inputs a rubric declares.

A survey measures perceptions; some recommendations also depend on plain facts about the
organization that no respondent needs to be asked ("a person or role owns competence
management", "headcount"). A rubric (format 2) declares them as :class:`Fact` values;
recommendation conditions of kind ``fact`` test them. The values of one organization are
given when recommending (see :func:`lomaturity.recommend`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal

from attrs import field, frozen

from .._frozen import FrozenDict, frozen_dict

__all__ = ["FACT_TYPES", "Fact", "FactType"]

FactType = Literal["boolean", "integer", "number", "choice"]
FACT_TYPES: Final[tuple[FactType, ...]] = ("boolean", "integer", "number", "choice")
"""The value types a fact may declare."""


@frozen
class Fact:
    """One declared organization fact.

    Attributes:
        id: the fact's id (a rubric id: lower case, digits, ``_``).
        type: ``"boolean"``, ``"integer"``, ``"number"`` or ``"choice"``.
        question: how the fact is asked, in the rubric's language.
        choices: the allowed values of a ``"choice"`` fact (empty otherwise).
        minimum: smallest allowed value of a numeric fact (``None``: unbounded).
        maximum: largest allowed value of a numeric fact (``None``: unbounded).
        source: the passage of the rubric's source text the fact comes from.
        choice_labels: choice -> how it reads in the rubric's language (a ``"choice"`` fact
            of a format-2 rubric; empty otherwise).
    """

    id: str
    type: FactType
    question: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    source: str | None = None
    choice_labels: Mapping[str, str] = field(factory=FrozenDict, converter=frozen_dict)

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file (absent fields left out)."""
        out: dict[str, Any] = {"id": self.id, "type": self.type, "question": self.question}
        if self.choices:
            out["choices"] = list(self.choices)
        for key in ("minimum", "maximum", "source"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.choice_labels:
            out["choice_labels"] = dict(self.choice_labels)
        return out
