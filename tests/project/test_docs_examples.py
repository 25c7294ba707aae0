"""The ```python blocks of README.md and docs/*.md run as written.

A block whose first line is ``# not run`` is illustrative and skipped. The blocks run in a
fresh directory that holds ``survey.csv`` (one organization of the bundled example data),
the file the README and docs/responses.md read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import lomaturity as lm

REPO = Path(__file__).resolve().parents[2]
FILES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```", re.S | re.M)


def _blocks() -> list[Any]:
    params = []
    for path in FILES:
        for k, match in enumerate(BLOCK.finditer(path.read_text(encoding="utf-8"))):
            code = match.group(1)
            if code.lstrip().startswith("# not run"):
                continue
            params.append(pytest.param(path, code, id=f"{path.name}#{k}"))
    return params


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The docs use the default rubric (its newest version), so survey.csv holds its answers.
    one = lm.example_responses().for_organization("nordwind-manufacturing")
    (tmp_path / "survey.csv").write_text(lm.responses_to_csv_text(one), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_there_are_examples_to_run() -> None:
    names = {p.id.split("#")[0] for p in _blocks()}
    assert {"README.md", "recommendations.md", "agreement.md", "groups.md"} <= names


@pytest.mark.parametrize(("path", "code"), _blocks())
def test_doc_example_runs(path: Path, code: str, workdir: Path) -> None:
    namespace: dict[str, Any] = {"__name__": f"doc_example_{path.stem}"}
    exec(compile(code, str(path), "exec"), namespace)
