"""Charts render headless (Agg) and every test closes its figures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import lomaturity as lm

matplotlib = pytest.importorskip("matplotlib", reason="charts need the plot extra (matplotlib)")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

ORGANIZATION = "nordwind-manufacturing"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def rubric() -> lm.Rubric:
    """The bundled default rubric (newest version), the example data's."""
    return lm.load_rubric()


@pytest.fixture(scope="session")
def report(rubric: lm.Rubric) -> lm.Report:
    """One organization of the bundled example data, scored quickly (seeded)."""
    responses = lm.example_responses()
    return lm.score(rubric, responses, organization=ORGANIZATION, n_resamples=200, seed=1)


@pytest.fixture(scope="session")
def detailed(rubric: lm.Rubric) -> lm.Report:
    """The same organization with its groups (team) and perception gap (role) attached."""
    responses = lm.example_responses()
    return lm.score(
        rubric, responses, organization=ORGANIZATION, n_resamples=200, seed=1, details=True
    )


@pytest.fixture(scope="session")
def other(rubric: lm.Rubric) -> lm.Report:
    """A second organization of the example data."""
    responses = lm.example_responses()
    return lm.score(rubric, responses, organization="quanta-software", n_resamples=200, seed=1)
