"""Progress on standard error while a command works: one line, rewritten in place, that
appears only when the command runs longer than :data:`DELAY` seconds, only when standard
error is a terminal and never with ``--quiet`` (a pipe, a log file or a script sees
nothing)."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

DELAY = 1.0
"""Seconds before the first progress line (a quick command shows none)."""

EVERY = 1.0
"""Seconds between updates of the line."""


def progress_wanted(args: argparse.Namespace) -> bool:
    """Whether to show progress: standard error is a terminal and ``--quiet`` is not given."""
    if getattr(args, "quiet", False):
        return False
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError, AttributeError):  # a closed or odd standard error
        return False


def show(text: str) -> None:
    """Write ``text`` to standard error at once (a closed or full one is ignored)."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _what(args: argparse.Namespace) -> str:
    """What the command is doing, for the progress line."""
    resamples = getattr(args, "resamples", None)
    done = f" ({resamples:,} resamples)" if isinstance(resamples, int) else ""
    return f"lomaturity {args.command}: working{done}"


def _tick(label: str, stop: threading.Event) -> None:
    """Rewrite ``label`` with the elapsed seconds every :data:`EVERY` seconds until
    ``stop``; then clear the line (only if one was written)."""
    start = time.monotonic()
    if stop.wait(DELAY):
        return
    width = 0
    while True:
        line = f"{label}, {time.monotonic() - start:.0f} s"
        width = max(width, len(line))
        show(f"\r{line.ljust(width)}")
        if stop.wait(EVERY):
            break
    show("\r" + " " * width + "\r")


@contextmanager
def working(args: argparse.Namespace) -> Iterator[None]:
    """Show progress on standard error while the body runs (when :func:`progress_wanted`,
    and the command does not show its own: ``own_progress``, as ``panel`` does)."""
    if not progress_wanted(args) or getattr(args, "own_progress", False):
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(target=_tick, args=(_what(args), stop), daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
