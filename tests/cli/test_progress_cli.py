"""Progress on standard error: only on a terminal, only for a run longer than the delay,
never with ``--quiet``; the line is cleared at the end and standard output is untouched."""

from __future__ import annotations

import argparse
import io
import time

import pytest

import lomaturity.cli.parser as cli_parser
import lomaturity.cli.progress as progress
from lomaturity.cli import main
from lomaturity.exceptions import LomaturityError


class Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _slow(args: argparse.Namespace) -> str:
    time.sleep(0.3)
    return "done"


def _slow_rubrics(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """``lomaturity rubrics`` made slow, progress after 0.05 s, standard error a terminal
    (patched in the test itself: pytest resets standard error between setup and call)."""
    monkeypatch.setitem(cli_parser.COMMANDS, "rubrics", _slow)
    monkeypatch.setattr(progress, "DELAY", 0.05)
    monkeypatch.setattr(progress, "EVERY", 0.05)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    return terminal


def test_a_long_run_on_a_terminal_shows_progress_and_clears_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_rubrics = _slow_rubrics(monkeypatch)
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["rubrics"]) == 0
    err = slow_rubrics.getvalue()
    assert "\rlomaturity rubrics: working, 0 s" in err
    assert err.endswith("\r")  # the line is blanked and the cursor back at its start
    assert err.rsplit("\r", 2)[-2].strip() == ""
    assert out.getvalue() == "done\n"


def test_quiet_shows_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    slow_rubrics = _slow_rubrics(monkeypatch)
    assert main(["rubrics", "--quiet"]) == 0
    assert slow_rubrics.getvalue() == ""


def test_no_progress_when_standard_error_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(cli_parser.COMMANDS, "rubrics", _slow)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    assert main(["rubrics"]) == 0
    assert pipe.getvalue() == ""


def test_a_quick_run_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["rubrics"]) == 0  # well below the default delay of a second
    assert terminal.getvalue() == ""


def test_the_line_names_the_resamples_of_a_scoring_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.01)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code = main(["score", "--example", "--seed", "1", "--resamples", "300", "--format", "json"])
    assert code == 0
    assert "lomaturity score: working (300 resamples)" in terminal.getvalue()


def test_an_error_after_progress_starts_on_a_fresh_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(args: argparse.Namespace) -> str:
        time.sleep(0.2)
        raise LomaturityError("bad input")

    monkeypatch.setitem(cli_parser.COMMANDS, "rubrics", failing)
    monkeypatch.setattr(progress, "DELAY", 0.01)
    monkeypatch.setattr(progress, "EVERY", 0.01)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["rubrics"]) == 2
    assert terminal.getvalue().split("\r")[-1] == "lomaturity: error: bad input\n"


class Broken(Terminal):
    """A terminal that fails every write (a full or vanished terminal)."""

    def write(self, text: str) -> int:
        raise OSError("gone")


def test_a_failing_terminal_does_not_stop_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cli_parser.COMMANDS, "rubrics", _slow)
    monkeypatch.setattr(progress, "DELAY", 0.01)
    monkeypatch.setattr(progress, "EVERY", 0.01)
    monkeypatch.setattr("sys.stderr", Broken())
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["rubrics"]) == 0
    assert out.getvalue() == "done\n"


def test_a_closed_standard_error_means_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    closed = io.StringIO()
    closed.close()  # isatty() raises ValueError on a closed file
    monkeypatch.setattr("sys.stderr", closed)
    assert not progress.progress_wanted(argparse.Namespace(quiet=False))
