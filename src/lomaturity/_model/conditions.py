"""Recommendations as rubric content: declarative trigger conditions and next steps.

Everything here is a frozen value with a JSON-ready ``to_dict()``; evaluation lives in
the recommendation layer (``lomaturity._recommend``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Final

from attrs import field, frozen

from .facts import FactValue

IMPACT_LEVELS: tuple[int, ...] = (1, 2, 3)
"""Ordinal impact: 1 = low, 2 = medium, 3 = high."""
EFFORT_LEVELS: tuple[int, ...] = (1, 2, 3)
"""Ordinal effort: 1 = low (weeks, within existing budgets), 2 = medium, 3 = high."""


# --------------------------------------------------------------------------- conditions


class Condition:
    """A declarative trigger condition: one of the ``kind`` classes below, or an
    :class:`AllOf` / :class:`AnyOf` combination of them.

    Conditions are plain data read from the rubric; :func:`lomaturity.recommend` evaluates
    them against a report's scores and their confidence ranges.
    """

    __slots__ = ()
    kind: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file."""
        raise NotImplementedError

    def leaves(self) -> Iterator[Condition]:
        """The leaf conditions (every condition that is not a combination), in order."""
        yield self

    @property
    def below_only(self) -> bool:
        """Whether every leaf is of a "below" kind (see :data:`BELOW_KINDS`): such a
        condition can only stop holding when scores rise."""
        return all(leaf.kind in BELOW_KINDS for leaf in self.leaves())


def _threshold_dict(stage: str | None, score: float | None) -> dict[str, Any]:
    return {"stage": stage} if stage is not None else {"score": score}


def _check_threshold(stage: str | None, score: float | None) -> None:
    if (stage is None) == (score is None):
        raise ValueError("give exactly one of 'stage' and 'score'")


@frozen
class DimensionBelow(Condition):
    """Holds when a dimension's score is below ``score``, or below the lower bound of
    ``stage`` (i.e. the dimension has not reached that stage)."""

    kind: ClassVar[str] = "dimension_below"
    dimension: str
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "dimension": self.dimension} | _threshold_dict(
            self.stage, self.score
        )


@frozen
class IndicatorBelow(Condition):
    """Holds when an indicator's score is below ``score`` or below ``stage``'s lower bound."""

    kind: ClassVar[str] = "indicator_below"
    indicator: str
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "indicator": self.indicator} | _threshold_dict(
            self.stage, self.score
        )


@frozen
class OverallBelow(Condition):
    """Holds when the overall score is below ``score`` or below ``stage``'s lower bound."""

    kind: ClassVar[str] = "overall_below"
    stage: str | None = None
    score: float | None = None

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind} | _threshold_dict(self.stage, self.score)


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value)


@frozen
class DimensionsBelowCount(Condition):
    """Holds when at least ``count`` dimensions score below the threshold.

    ``dimensions`` restricts the count to those dimensions (all of the rubric's when empty).
    The source text's new role ("A new role for help": begin with it when there are
    "individual or multiple deficiencies" at the four levels) is
    ``DimensionsBelowCount(count=1, stage="developing")``: at least one dimension not yet
    at the Developing stage (docs/recommendations.md says why that threshold).
    """

    kind: ClassVar[str] = "dimensions_below_count"
    count: int
    stage: str | None = None
    score: float | None = None
    dimensions: tuple[str, ...] = field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_threshold(self.stage, self.score)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        out |= _threshold_dict(self.stage, self.score)
        out["count"] = self.count
        if self.dimensions:
            out["dimensions"] = list(self.dimensions)
        return out


def _pair(value: Any) -> tuple[str, str]:
    first, second = value
    return (str(first), str(second))


@frozen
class PerceptionGapAtLeast(Condition):
    """Holds when respondents of the first role rate a dimension (or an indicator) at
    least ``min_gap`` points higher than those of the second role.

    Needs per-role results (see :class:`Evidence`); without them the condition is *not
    evaluable* and reported as such.
    """

    kind: ClassVar[str] = "perception_gap"
    roles: tuple[str, str] = field(converter=_pair)
    min_gap: float
    dimension: str | None = None
    indicator: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.dimension is None) == (self.indicator is None):
            raise ValueError("give exactly one of 'dimension' and 'indicator'")

    @property
    def subject(self) -> str:
        """The dimension or indicator id compared."""
        return self.dimension if self.dimension is not None else str(self.indicator)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.dimension is not None:
            out["dimension"] = self.dimension
        else:
            out["indicator"] = self.indicator
        out["roles"] = list(self.roles)
        out["min_gap"] = self.min_gap
        return out


AGREEMENT_CONDITION_INDICES: Final = ("rwg_star_j", "rwg_j")
"""Agreement indices a ``low_agreement`` condition may name (``index:``): Lindell et al.'s
``r*wg(j)`` (the default when none is named) and James et al.'s ``rwg(j)``."""

INDEX_LABEL: Final = {"rwg_star_j": "r*wg(j)", "rwg_j": "rwg(j)"}
"""How each condition index is written in text."""


@frozen
class LowAgreement(Condition):
    """Holds when within-organization agreement on a dimension is below ``threshold``
    (default .70): the average hides respondents who disagree.

    ``index`` names the agreement index read: ``"rwg_star_j"`` (Lindell et al.'s
    ``r*wg(j)``, which does not grow with the number of items) or ``"rwg_j"`` (James et
    al.'s ``rwg(j)``); ``None`` (not named in the rubric) reads ``r*wg(j)``. Needs agreement
    results (see :class:`Evidence`); without them the condition is *not evaluable* and
    reported as such.
    """

    kind: ClassVar[str] = "low_agreement"
    dimension: str
    threshold: float = 0.70
    index: str | None = None

    @property
    def index_read(self) -> str:
        """The index the condition reads: ``index``, or ``"rwg_star_j"`` when not named."""
        return self.index or "rwg_star_j"

    @property
    def index_label(self) -> str:
        """The index read, as written in text (``r*wg(j)``, ``rwg(j)``)."""
        return INDEX_LABEL[self.index_read]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "dimension": self.dimension,
            "threshold": self.threshold,
        }
        if self.index is not None:  # absent stays absent: rubric fingerprints unchanged
            out["index"] = self.index
        return out


def _values(value: Any) -> tuple[FactValue, ...] | None:
    return None if value is None else tuple(value)


@frozen
class FactCondition(Condition):
    """Holds when an organization fact (declared in the rubric's ``facts``) has a value
    that passes the test: ``equals`` a value, is ``in`` a list of values (written ``in``,
    held as ``one_of``), or is ``at_least`` and/or ``below`` a number.

    When the organization's value was not given, the condition holds when ``if_unknown``
    is true (default false), and its evidence says the fact was not given and how to give
    it.
    """

    kind: ClassVar[str] = "fact"
    fact: str
    equals: FactValue | None = None
    one_of: tuple[FactValue, ...] | None = field(default=None, converter=_values)
    at_least: float | None = None
    below: float | None = None
    if_unknown: bool = False

    def __attrs_post_init__(self) -> None:
        tests = [
            self.equals is not None,
            self.one_of is not None,
            self.at_least is not None or self.below is not None,
        ]
        if sum(tests) != 1:
            raise ValueError("give exactly one test: 'equals', 'in', or 'at_least'/'below'")

    def test(self, value: FactValue) -> bool:
        """Whether a given value passes the test (numbers compared as numbers)."""
        if self.equals is not None:
            return _same(value, self.equals)
        if self.one_of is not None:
            return any(_same(value, option) for option in self.one_of)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        low_ok = self.at_least is None or value >= self.at_least
        return low_ok and (self.below is None or value < self.below)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "fact": self.fact}
        if self.equals is not None:
            out["equals"] = self.equals
        if self.one_of is not None:
            out["in"] = list(self.one_of)
        for key in ("at_least", "below"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.if_unknown:
            out["if_unknown"] = True
        return out


def _same(value: FactValue, expected: FactValue) -> bool:
    """Equality that keeps ``True`` apart from ``1`` (a boolean is not a number)."""
    return isinstance(value, bool) == isinstance(expected, bool) and value == expected


def _conditions(value: Any) -> tuple[Condition, ...]:
    return tuple(value)


@frozen
class AllOf(Condition):
    """Holds when every one of ``conditions`` holds (written ``all: [...]``)."""

    kind: ClassVar[str] = "all"
    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def leaves(self) -> Iterator[Condition]:
        for condition in self.conditions:
            yield from condition.leaves()

    def to_dict(self) -> dict[str, Any]:
        return {"all": [c.to_dict() for c in self.conditions]}


@frozen
class AnyOf(Condition):
    """Holds when at least one of ``conditions`` holds (written ``any: [...]``)."""

    kind: ClassVar[str] = "any"
    conditions: tuple[Condition, ...] = field(converter=_conditions)

    def leaves(self) -> Iterator[Condition]:
        for condition in self.conditions:
            yield from condition.leaves()

    def to_dict(self) -> dict[str, Any]:
        return {"any": [c.to_dict() for c in self.conditions]}


CONDITION_KINDS: dict[str, type[Condition]] = {
    cls.kind: cls
    for cls in (
        DimensionBelow,
        IndicatorBelow,
        OverallBelow,
        DimensionsBelowCount,
        PerceptionGapAtLeast,
        LowAgreement,
        FactCondition,
    )
}
"""Leaf condition kind -> class."""

BELOW_KINDS: frozenset[str] = frozenset(
    {"dimension_below", "indicator_below", "overall_below", "dimensions_below_count"}
)
"""Kinds that hold when scores are low; raising scores can only make them stop holding."""


# --------------------------------------------------------------------------- recommendation


@frozen
class Recommendation:
    """One next step a rubric recommends.

    Attributes:
        id: unique among the rubric's recommendations (snake_case).
        title: a short imperative headline.
        action: what to do, concretely.
        rationale: why: the passage of the source text or the indicators it rests on.
        addresses: ids of the indicators the step is meant to move (at least one).
        stage: id of the stage the step helps reach (never the lowest stage).
        impact: expected effect on the addressed indicators, 1 low / 2 medium / 3 high.
        effort: cost in time, money and attention, 1 low / 2 medium / 3 high.
        when: the condition that triggers the step.
        requires: ids of recommendations that must come before this one.
        source: optional reference to the passage of the rubric's source text.
        lead: whether the step, when triggered, ranks first among the starting steps (the
            steps with no prerequisite), whatever its gain: the source text's "simplest
            and most cost-effective way to begin". Written to the rubric only when true.
    """

    id: str
    title: str
    action: str
    rationale: str
    addresses: tuple[str, ...] = field(converter=_tuple)
    stage: str
    impact: int
    effort: int
    when: Condition
    requires: tuple[str, ...] = field(default=(), converter=_tuple)
    source: str | None = None
    lead: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a rubric file (``lead`` only when true, so rubrics
        without lead steps keep their fingerprint)."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "stage": self.stage,
            "action": self.action,
            "rationale": self.rationale,
        }
        if self.source is not None:
            out["source"] = self.source
        out["addresses"] = list(self.addresses)
        out["impact"] = self.impact
        out["effort"] = self.effort
        out["when"] = self.when.to_dict()
        if self.requires:
            out["requires"] = list(self.requires)
        if self.lead:
            out["lead"] = True
        return out
