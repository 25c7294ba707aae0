"""Where exported objects say they live: their public import path, not a private module."""

from __future__ import annotations

from ._repr import give_short_repr


def publish(namespace: str, *objects: object) -> None:
    """Set ``__module__`` of each class and function to ``namespace`` (its public path), so
    that ``repr``, pickling, documentation and tracebacks name the path users import from;
    give each exported record class the short repr of ``_repr.py`` unless it writes its own
    (one line, no arrays, numbers rounded: docs/notebooks.md)."""
    for obj in objects:
        if isinstance(obj, type) or callable(obj):
            obj.__module__ = namespace
        if isinstance(obj, type):
            give_short_repr(obj)
