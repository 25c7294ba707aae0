"""Organization facts: small, typed, per-organization inputs a rubric declares.

A survey measures perceptions; some recommendations also depend on plain facts about the
organization that no respondent needs to be asked ("a person or role owns competence
management", "headcount"). A rubric (format 2) declares them as :class:`Fact` values;
recommendation conditions of kind ``fact`` test them. The values of one organization are
given when recommending (see :func:`lomaturity.recommend`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final, Literal

from attrs import field, frozen

from .._frozen import FrozenDict, frozen_dict

__all__ = ["FACT_TYPES", "Fact", "FactType", "FactValue", "OrganizationFacts"]

FactType = Literal["boolean", "integer", "number", "choice"]
FACT_TYPES: Final[tuple[FactType, ...]] = ("boolean", "integer", "number", "choice")
"""The value types a fact may declare."""
FactValue = bool | int | float | str
"""One fact's value: ``bool`` (boolean), ``int`` (integer), ``int | float`` (number) or
``str`` (one of a choice fact's choices)."""


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

    def problem(self, value: object) -> str | None:
        """What is wrong with ``value`` as this fact's value (phrased to follow the
        value, e.g. ``"is not one of the choices 'none', 'dedicated'"``), or ``None``."""
        if self.type == "boolean":
            return None if isinstance(value, bool) else "is not true or false"
        if self.type == "choice":
            if isinstance(value, str) and value in self.choices:
                return None
            return "is not one of the choices " + ", ".join(repr(c) for c in self.choices)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or (self.type == "integer" and not isinstance(value, int)):
            return "is not " + ("an integer" if self.type == "integer" else "a number")
        assert isinstance(value, int | float)
        if isinstance(value, float) and not math.isfinite(value):
            return "is not a finite number"
        if self.minimum is not None and value < self.minimum:
            return f"is below the minimum {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"is above the maximum {self.maximum:g}"
        return None

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


def _frozen_values(value: Mapping[str, FactValue]) -> FrozenDict[str, FactValue]:
    return FrozenDict(value)


@frozen
class OrganizationFacts:
    """The fact values given for one organization (``lm.read_facts``, ``facts=``).

    A fact that is absent was *not given*: conditions on it use their ``if_unknown``.

    Attributes:
        organization: the organization the values are about (``None``: the one report they
            were given with).
        values: fact id -> value, as given; after validation against a rubric, of the
            declared type (see :data:`FactValue`).
        file: the file the values were read from, for messages.
    """

    organization: str | None
    values: FrozenDict[str, FactValue] = field(factory=FrozenDict, converter=_frozen_values)
    file: str | None = None

    def get(self, fact_id: str) -> FactValue | None:
        """The value of ``fact_id``, or ``None`` when it was not given."""
        return self.values.get(fact_id)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: organization and values."""
        return {"organization": self.organization, "values": dict(self.values)}
