"""The bundled example norm table: SYNTHETIC, built from simulated organizations with
``scripts/make_example_norms.py`` (the only norms module that knows the rubric registry)."""

from __future__ import annotations

from importlib import resources
from typing import Final

from .._model.norms import NormTable
from .._rubrics.registry import DEFAULT_RUBRIC, load_rubric
from ..exceptions import NormsError, Problem
from .files import read_norms_bytes

EXAMPLE_NORMS_FILE: Final = "example-norms.yaml"
"""File name of the bundled example norm table (in the package's ``data`` folder)."""

EXAMPLE_SEED: Final = 20261201
"""Seed of the simulation and the scoring behind the example norm table."""

EXAMPLE_ORGANIZATIONS: Final = 200
"""Simulated organizations in the example norm table."""


def example_norms() -> NormTable:
    """The bundled example norm table for the default rubric: SYNTHETIC.

    Built from 200 simulated organizations (``lm.simulate_responses``, seed 20261201) by
    ``scripts/make_example_norms.py``; its title says SYNTHETIC, ``synthetic`` is true and
    every benchmark against it carries a notice. For trying benchmarking out only.
    """
    resource = resources.files("lomaturity") / "data" / EXAMPLE_NORMS_FILE
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        problem = Problem(
            "$",
            f"cannot be read: {exc.strerror or exc}",
            file=EXAMPLE_NORMS_FILE,
            show_value=False,
            hint="the package installation is incomplete; reinstall lomaturity",
            code="unreadable",
        )
        raise NormsError([problem], EXAMPLE_NORMS_FILE) from None
    norms = read_norms_bytes(raw, file=EXAMPLE_NORMS_FILE)
    rubric = load_rubric(DEFAULT_RUBRIC)
    if not norms.synthetic or norms.rubric_fingerprint != rubric.fingerprint:
        problem = Problem(
            "$.rubric.fingerprint",
            f"does not match the bundled {rubric.key} rubric (or the table is not marked "
            "synthetic); regenerate it with scripts/make_example_norms.py",
            norms.rubric_fingerprint,
            file=EXAMPLE_NORMS_FILE,
            code="fingerprint_mismatch",
        )
        raise NormsError([problem], EXAMPLE_NORMS_FILE)
    return norms
