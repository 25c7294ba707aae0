"""Project wiring a newcomer relies on: the README commands and CI agree, the package is typed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lomaturity as lm

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert "lomaturity score --example" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def test_public_names_are_exported_and_typed() -> None:
    assert (Path(lm.__file__).parent / "py.typed").exists()
    for name in lm.__all__:
        assert hasattr(lm, name), name


def test_import_is_light() -> None:
    code = "import sys, lomaturity; print(sorted({'scipy', 'pandas'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
