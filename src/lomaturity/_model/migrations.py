"""Migration maps: how the indicators of one rubric version correspond to another's.

A :class:`MigrationMap` is data, read from a small YAML file (docs/rubric-versions.md):
one :class:`Link` per correspondence between indicator ids of the ``source`` rubric and of
the ``target`` rubric, each with a :data:`Comparability`. Indicators of ``source`` that no
link names are retired: nothing of the target version answers them.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from attrs import field, frozen

__all__ = ["COMPARABILITIES", "MIGRATION_FORMAT", "Comparability", "Link", "MigrationMap"]

MIGRATION_FORMAT: Final = 1
"""The migration map file format version this release reads and writes."""

Comparability = Literal["same", "approximate", "none"]
"""``same``: the same question on the same scale (scores comparable); ``approximate``:
reworded, split or merged (comparable with caution); ``none``: not comparable."""

COMPARABILITIES: Final = ("same", "approximate", "none")
"""The comparability levels, most comparable first."""


@frozen
class Link:
    """One correspondence between indicators of two rubric versions.

    Attributes:
        source: indicator ids of the map's ``source`` rubric (one; several when merged).
        target: indicator ids of the map's ``target`` rubric (one; several when split).
        comparability: see :data:`Comparability`.
        note: why, in a few words (``"split into budget and time"``).
    """

    source: tuple[str, ...]
    target: tuple[str, ...]
    comparability: Comparability
    note: str | None = None

    @property
    def kind(self) -> str:
        """``"one-to-one"``, ``"split"`` (one to several) or ``"merge"`` (several to one, or
        several to several)."""
        if len(self.source) == 1 and len(self.target) == 1:
            return "one-to-one"
        return "split" if len(self.source) == 1 else "merge"

    @property
    def usable(self) -> bool:
        """Whether the link enters a comparison across versions (``same`` or
        ``approximate``)."""
        return self.comparability != "none"

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a map file (one id as a string, several as a list)."""
        out: dict[str, Any] = {
            "from": self.source[0] if len(self.source) == 1 else list(self.source),
            "to": self.target[0] if len(self.target) == 1 else list(self.target),
            "comparability": self.comparability,
        }
        if self.note is not None:
            out["note"] = self.note
        return out


@frozen
class MigrationMap:
    """How the indicators of rubric ``source`` (``id@version``) map onto ``target``'s.

    ``path`` is the file the map was read from (not part of equality).
    """

    source: str
    target: str
    links: tuple[Link, ...]
    path: str | None = field(default=None, eq=False, repr=False)
    read_reversed: bool = field(default=False, eq=False, repr=False)
    """Whether this map is a file's map read the other way round (:meth:`reversed`)."""

    @property
    def key(self) -> str:
        """``"source -> target"``, e.g. ``learning-organization@1.0.0 -> ...@1.1.0``."""
        return f"{self.source} -> {self.target}"

    @property
    def usable_links(self) -> tuple[Link, ...]:
        """The links that enter a comparison (``same`` or ``approximate``), in map order."""
        return tuple(link for link in self.links if link.usable)

    @property
    def approximate(self) -> bool:
        """Whether any usable link is only ``approximate``."""
        return any(link.comparability == "approximate" for link in self.usable_links)

    def reversed(self) -> MigrationMap:
        """The same map read the other way (``target`` to ``source``)."""
        links = tuple(Link(k.target, k.source, k.comparability, k.note) for k in self.links)
        return MigrationMap(self.target, self.source, links, self.path, not self.read_reversed)

    def to_dict(self) -> dict[str, Any]:
        """The mapping written to a map file."""
        return {
            "format": MIGRATION_FORMAT,
            "from": self.source,
            "to": self.target,
            "indicators": [link.to_dict() for link in self.links],
        }
