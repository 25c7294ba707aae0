"""The ``$ lomaturity ...`` commands of docs/cli.md run as written and succeed (from a
directory laid out like the repository root: the export fixtures under tests/survey/data)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "cli.md"
BLOCK = re.compile(r"^```console[ \t]*\n(.*?)^```", re.S | re.M)


def _commands() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    return [
        line.removeprefix("$ ").strip()
        for block in BLOCK.findall(text)
        for line in block.splitlines()
        if line.startswith("$ lomaturity ")
    ]


def test_the_page_has_commands_to_run() -> None:
    commands = _commands()
    assert len(commands) >= 8
    assert any("--answers labels" in c and "webropol" in c for c in commands)
    assert any("--header-rows qualtrics" in c for c in commands)


@pytest.mark.parametrize("command", _commands())
def test_a_documented_command_succeeds(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "tests" / "survey" / "data", tmp_path / "tests" / "survey" / "data")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)[1:]
    if argv == ["--version"]:
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 0
        return
    if "--resamples" not in argv and argv[0] not in ("rubrics", "diff", "validate"):
        argv += ["--resamples", "200"]  # the documented defaults, only faster
    assert main(argv) == 0
