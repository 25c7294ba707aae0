"""docs/example.ipynb is stored without outputs and runs headless from top to bottom (a
python3 kernel from ipykernel, executed by nbclient): any error in a cell fails the test."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "docs" / "example.ipynb"

nbformat = pytest.importorskip("nbformat", reason="the test extra installs nbformat")
nbclient = pytest.importorskip("nbclient", reason="the test extra installs nbclient")
pytest.importorskip("matplotlib", reason="the notebook draws charts (the plot extra)")


def _code_cells(notebook: Any) -> list[Any]:
    return [c for c in notebook.cells if c.cell_type == "code"]


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    cells = _code_cells(notebook)
    assert cells
    assert all(c.outputs == [] and c.execution_count is None for c in cells)
    assert notebook.metadata.kernelspec.name == "python3"


def test_the_notebook_runs_headless_without_errors(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=120,  # per cell; a whole run takes a few seconds
        resources={"metadata": {"path": str(tmp_path)}},
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError on the first cell that fails
    seconds = time.perf_counter() - start
    outputs = [o for c in _code_cells(notebook) for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(charts) == 3  # radar, indicators, comparison
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "nordwind-manufacturing" in text
    assert "overall difference" in text
    assert "1. " in text
    assert "3. " in text
    assert seconds < 90, f"the notebook took {seconds:.0f} s"
