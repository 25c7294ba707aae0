"""The bundled example norm table: SYNTHETIC, built from simulated organizations with
``scripts/make_example_norms.py`` (the only norms module that knows the rubric registry)."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

from .._hints import listing
from .._model.norms import NormTable
from .._model.rubric import Rubric
from .._rubrics.registry import bundled_or_given
from ..exceptions import NormsError, Problem
from .files import read_norms_bytes

EXAMPLE_NORMS_FILES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "learning-organization@1.0.0": "example-norms.yaml",
        "learning-organization@1.1.0": "example-norms-1.1.0.yaml",
    }
)
"""Rubric key -> file name of its bundled example norm table (in the package's ``data``
folder)."""

EXAMPLE_NORMS_FILE: Final = EXAMPLE_NORMS_FILES["learning-organization@1.0.0"]
"""File name of the example norm table of rubric 1.0.0 (kept for code that named it)."""

EXAMPLE_SEED: Final = 20261201
"""Seed of the simulation and the scoring behind the example norm table."""

EXAMPLE_ORGANIZATIONS: Final = 200
"""Simulated organizations in the example norm table."""


def example_norms(rubric: Rubric | str | None = None) -> NormTable:
    """The bundled example norm table of a rubric: SYNTHETIC.

    Built from 200 simulated organizations (``lm.simulate_responses``, seed 20261201) by
    ``scripts/make_example_norms.py``; its title says SYNTHETIC, ``synthetic`` is true and
    every benchmark against it carries a notice. For trying benchmarking out only.

    Args:
        rubric: ``None`` for the default rubric (its newest bundled version), a bundled
            rubric key such as ``"learning-organization@1.0.0"``, or a loaded rubric.

    Raises:
        NormsError: no example table exists for the rubric (the message lists those that
            do), or the table does not belong to it (another fingerprint).
    """
    chosen = bundled_or_given(rubric)
    name = EXAMPLE_NORMS_FILES.get(chosen.key)
    if name is None:
        problem = Problem(
            "rubric",
            "has no bundled example norm table",
            chosen.key,
            hint=f"example norms exist for {listing(sorted(EXAMPLE_NORMS_FILES))}",
            code="no_example",
        )
        raise NormsError([problem])
    resource = resources.files("lomaturity") / "data" / name
    try:
        raw = resource.read_bytes()
    except OSError as exc:
        problem = Problem(
            "$",
            f"cannot be read: {exc.strerror or exc}",
            file=name,
            show_value=False,
            hint="the package installation is incomplete; reinstall lomaturity",
            code="unreadable",
        )
        raise NormsError([problem], name) from None
    norms = read_norms_bytes(raw, file=name)
    if not norms.synthetic or norms.rubric_fingerprint != chosen.fingerprint:
        problem = Problem(
            "$.rubric.fingerprint",
            f"does not match the {chosen.key} rubric (or the table is not marked "
            "synthetic); regenerate it with scripts/make_example_norms.py",
            norms.rubric_fingerprint,
            file=name,
            code="fingerprint_mismatch",
        )
        raise NormsError([problem], name)
    return norms
