"""Rubric diffs: the frozen, JSON-ready result of :func:`lomaturity.diff_rubrics`."""

from __future__ import annotations

from typing import Any, Literal

from attrs import frozen

from .tables import Record, Tabular, change_records

Comparable = Literal["yes", "migration", "no"]
"""``yes``: scores of the two rubrics compare directly (no change that moves a score);
``migration``: only through a migration map, on the linked indicators; ``no``: not at all."""


@frozen
class RubricChange:
    """One difference between two rubrics.

    Attributes:
        target: what changed: ``rubric``, ``indicator``, ``dimension``, ``stage``, ``scale``,
            ``recommendation`` or ``fact``.
        id: its id (the first rubric's id; for ``renamed``, the old id).
        change: ``added``, ``removed``, ``reworded`` (a text), ``reweighted`` (a weight),
            ``rescaled`` (another scale, or a scale's points), ``rekeyed`` (the reverse flag
            flipped), ``moved`` (an indicator in another dimension), ``renamed`` (another
            id, by a migration map's same-item link), ``rebounded`` (a stage's lower bound)
            or ``changed`` (any other field).
        field: the field that changed (``statement``, ``weight``, ...); ``None`` for
            ``added``/``removed``.
        before, after: the values, as text (``None`` when absent on that side).
    """

    target: str
    id: str
    change: str
    field: str | None = None
    before: str | None = None
    after: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "target": self.target,
            "id": self.id,
            "change": self.change,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@frozen
class RubricDiff(Tabular):
    """What changed from rubric ``first`` to rubric ``second`` and whether their scores
    compare (docs/rubric-versions.md).

    Attributes:
        first, second: the two rubrics' keys (``id@version``).
        first_fingerprint, second_fingerprint: their content fingerprints.
        changes: every change, rubric order (indicators, dimensions, scales, stages, facts,
            recommendations, then the rubric's own texts).
        comparable: see :data:`Comparable`.
        reason: why the scores do or do not compare, in one sentence.
        migration: the key of the migration map that links them (``None``: none found).
        linked: indicator links the map makes usable (``same`` or ``approximate``).
    """

    TABLE = "changes"

    first: str
    second: str
    first_fingerprint: str
    second_fingerprint: str
    changes: tuple[RubricChange, ...]
    comparable: Comparable
    reason: str
    migration: str | None = None
    linked: int = 0

    def of(self, change: str) -> tuple[RubricChange, ...]:
        """The changes of one kind (``"added"``, ``"reworded"``, ...)."""
        return tuple(c for c in self.changes if c.change == change)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "first": self.first,
            "second": self.second,
            "first_fingerprint": self.first_fingerprint,
            "second_fingerprint": self.second_fingerprint,
            "comparable": self.comparable,
            "reason": self.reason,
            "migration": self.migration,
            "linked": self.linked,
            "changes": [c.to_dict() for c in self.changes],
        }

    def to_records(self) -> list[Record]:
        """One ``changes`` row per change (docs/tables.md)."""
        return change_records(self)

    def __repr__(self) -> str:
        return (
            f"RubricDiff({self.first} -> {self.second}: {len(self.changes)} changes, "
            f"comparable={self.comparable!r})"
        )
