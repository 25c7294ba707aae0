"""The bundled example survey: the only survey module that knows the rubric registry."""

from __future__ import annotations

from importlib import resources
from typing import Final

from .._model.responses import Responses
from .._rubrics.registry import DEFAULT_RUBRIC, load_rubric
from .csvfile import parse_csv_bytes
from .problems import file_error

EXAMPLE_FILE: Final = "example-responses.csv"
"""File name of the bundled example data (in the package's ``data`` folder)."""


def example_responses() -> Responses:
    """The bundled synthetic example survey, validated against the default rubric.

    Four made-up organizations answering the ``learning-organization`` rubric; see
    ``docs/example-data.md``. Read from the installed package, so it also works from a
    zipped wheel.
    """
    resource = resources.files("lomaturity") / "data" / EXAMPLE_FILE
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        raise file_error(
            EXAMPLE_FILE,
            f"cannot be read: {exc.strerror or exc}",
            code="unreadable",
            hint="the package installation is incomplete; reinstall lomaturity",
        ) from None
    return parse_csv_bytes(raw, load_rubric(DEFAULT_RUBRIC), EXAMPLE_FILE)
