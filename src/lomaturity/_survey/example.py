"""The bundled example surveys: the only survey module that knows the rubric registry."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

from .._hints import listing
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._rubrics.registry import bundled_or_given
from ..exceptions import Problem, RubricError
from .csvfile import parse_csv_bytes
from .problems import file_error

EXAMPLE_FILES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "learning-organization@1.0.0": "example-responses.csv",
        "learning-organization@1.1.0": "example-responses-1.1.0.csv",
    }
)
"""Rubric key -> file name of its bundled example data (in the package's ``data`` folder).
Every file holds the same four made-up organizations (docs/example-data.md)."""

EXAMPLE_FILE: Final = EXAMPLE_FILES["learning-organization@1.0.0"]
"""File name of the example data of rubric 1.0.0 (kept for code that named it)."""


def example_responses(rubric: Rubric | str | None = None) -> Responses:
    """The bundled synthetic example survey of a rubric, validated against it.

    Four made-up organizations (``brightloom-design``, ``nordwind-manufacturing``,
    ``harbor-city-agency``, ``quanta-software``) answering the ``learning-organization``
    rubric; see ``docs/example-data.md``. Read from the installed package, so it also works
    from a zipped wheel.

    Args:
        rubric: ``None`` for the default rubric (its newest bundled version), a bundled
            rubric key such as ``"learning-organization@1.0.0"``, or a loaded rubric: the
            example of that rubric's ``id@version`` (see :data:`EXAMPLE_FILES`).

    Raises:
        RubricError: the rubric has no bundled example (the message lists those that do), or
            a key names no bundled rubric.
        ResponsesError: the rubric has the key of a bundled example but other content (the
            example's answers do not fit it).
    """
    chosen = bundled_or_given(rubric)
    name = EXAMPLE_FILES.get(chosen.key)
    if name is None:
        problem = Problem(
            "rubric",
            "has no bundled example data",
            chosen.key,
            hint=f"examples exist for {listing(sorted(EXAMPLE_FILES))}",
            code="no_example",
        )
        raise RubricError([problem])
    resource = resources.files("lomaturity") / "data" / name
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        raise file_error(
            name,
            f"cannot be read: {exc.strerror or exc}",
            code="unreadable",
            hint="the package installation is incomplete; reinstall lomaturity",
        ) from None
    return parse_csv_bytes(raw, chosen, name)
