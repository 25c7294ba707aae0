"""Argument type checks: a :class:`TypeError` that says what to pass instead.

Every public entry point checks its main arguments here, so that a pandas DataFrame, a path
or ``None`` passed where a rubric, responses or a report belongs gets one kind of message:
``"responses: expected lomaturity.Responses (...), got pandas.DataFrame"``.
"""

from __future__ import annotations


def type_name(value: object) -> str:
    """``pandas.DataFrame`` for a DataFrame: the top-level package and the class name
    (just the class name for builtins)."""
    cls = type(value)
    package = cls.__module__.split(".")[0]
    return cls.__qualname__ if package == "builtins" else f"{package}.{cls.__qualname__}"


def expect(value: object, cls: type | tuple[type, ...], name: str, expected: str) -> None:
    """Raise ``TypeError("<name>: expected <expected>, got <type>")`` unless ``value`` is a
    ``cls``."""
    if not isinstance(value, cls):
        raise TypeError(f"{name}: expected {expected}, got {type_name(value)}")


RUBRIC = "lomaturity.Rubric (load with lm.load_rubric / lm.parse_rubric)"
"""What a ``rubric`` argument must be."""

RESPONSES = "lomaturity.Responses (read with lm.read_responses / lm.responses_from_records)"
"""What a ``responses`` argument must be."""

NORMS = "lomaturity.NormTable (lm.read_norms / lm.build_norms / lm.example_norms)"
"""What a ``norms`` argument must be."""

FACTS = (
    "a mapping fact id -> value, a mapping organization -> such a mapping, "
    "lomaturity.recommendations.OrganizationFacts or None (read a file with lm.read_facts)"
)
"""What a ``facts`` argument must be."""
