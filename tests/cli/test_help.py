"""Every option of every subcommand has help text; ``--version`` and ``--help`` work."""

from __future__ import annotations

import argparse

import pytest

import lomaturity as lm
from lomaturity.cli import main
from lomaturity.cli.parser import build_parser


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    """The top-level parser and every subcommand's, by name."""
    top = build_parser()
    found = [("lomaturity", top)]
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += [(f"lomaturity {name}", p) for name, p in action.choices.items()]
    return found


def test_the_parser_walk_finds_every_command() -> None:
    names = {name for name, _ in _parsers()}
    assert {
        "lomaturity score",
        "lomaturity compare",
        "lomaturity panel",
        "lomaturity diff",
    } <= names
    assert len(names) >= 12


@pytest.mark.parametrize(("name", "parser"), _parsers(), ids=lambda x: str(x).split()[-1])
def test_every_option_has_help(name: str, parser: argparse.ArgumentParser) -> None:
    missing = [
        "/".join(action.option_strings) or action.dest
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and (not action.help or action.help == argparse.SUPPRESS)
    ]
    assert not missing, f"{name}: options without help: {missing}"


@pytest.mark.parametrize(("name", "parser"), _parsers(), ids=lambda x: str(x).split()[-1])
def test_every_subcommand_has_a_description_in_the_listing(
    name: str, parser: argparse.ArgumentParser
) -> None:
    top = build_parser()
    listing = top.format_help()
    command = name.removeprefix("lomaturity").strip()
    if command:
        assert command in listing
        helps = [
            a.help
            for action in top._actions
            if isinstance(action, argparse._SubParsersAction)
            for a in action._choices_actions
            if a.dest == command
        ]
        assert helps, f"{command} is not listed"
        assert helps[0], f"{command} has no one-line help"


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"lomaturity {lm.__version__}"


@pytest.mark.parametrize("command", ["score", "compare", "panel", "norms", "diff", "explain"])
def test_help_exits_0_and_names_quiet(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "--quiet" in capsys.readouterr().out
