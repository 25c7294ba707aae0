"""Where exported objects say they live: their public import path, not a private module."""

from __future__ import annotations


def publish(namespace: str, *objects: object) -> None:
    """Set ``__module__`` of each class and function to ``namespace`` (its public path), so
    that ``repr``, pickling, documentation and tracebacks name the path users import from."""
    for obj in objects:
        if isinstance(obj, type) or callable(obj):
            obj.__module__ = namespace
