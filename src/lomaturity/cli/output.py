"""Delivering a command's output and its errors: exit codes, standard output and error,
quoting values for messages."""

from __future__ import annotations

import argparse
import os
import sys

from .._format import printable

EXIT_OK, EXIT_OUTPUT, EXIT_INPUT = 0, 1, 2
"""Exit codes: success; the output could not be delivered; bad input, options or --output."""


def quoted(value: str) -> str:
    """A user-given value quoted for a message, unsafe characters escaped."""
    return printable(repr(value))


OUTPUT_DESTS = ("output", "panel_output", "report_file")
"""The options naming a file a command writes (``--output`` of each command)."""


def output_over_input(args: argparse.Namespace) -> str | None:
    """Why the file a command would write is one it reads (``None`` when it is not): the
    same file as a responses, answer-map, population, rubric or other input file, by any
    name (a symbolic or hard link too), which writing would destroy."""
    targets = [getattr(args, dest, None) for dest in OUTPUT_DESTS]
    for target in (t for t in targets if isinstance(t, str) and os.path.exists(t)):
        for dest, value in vars(args).items():
            if dest in OUTPUT_DESTS or not isinstance(value, str) or not value:
                continue
            try:
                same = os.path.isfile(value) and os.path.samefile(value, target)
            except (OSError, ValueError):
                same = False
            if same:
                return (
                    f"--output {quoted(target)} is the input file {quoted(value)} "
                    f"({dest.replace('_', ' ')}); writing it would destroy that input: "
                    "write the output to another file"
                )
    return None


def error_text(exc: BaseException) -> str:
    """The message of an error for standard error: an :class:`OSError` without its
    ``[Errno N]`` prefix (its file named when it has one), any other as it reads."""
    if isinstance(exc, OSError) and exc.strerror:
        if exc.filename is not None:
            return f"{exc.strerror}: {quoted(os.fsdecode(exc.filename))}"
        return exc.strerror
    return str(exc)


def report_error(message: str) -> int:
    """Report ``message`` on standard error (if it can take it): exit code 2. Each line is
    made printable (the values in it were escaped where they were put in; this also catches
    terminal control sequences in the text of errors from outside the library)."""
    shown = "\n".join(printable(line) for line in message.split("\n"))
    try:
        print(f"lomaturity: error: {shown}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # closed or full standard error
        pass
    return EXIT_INPUT


def deliver(out: str) -> int:
    """Print ``out`` to standard output: exit code 0, or 1 when it cannot be delivered
    (closed, full, a pipe closed by the reader: ``lomaturity score ... | head``)."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        return EXIT_OUTPUT
    try:
        stream.write(out + "\n")
        stream.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        return EXIT_OUTPUT
    except (OSError, ValueError) as exc:  # a full disk, a closed file
        report_error(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}")
        return EXIT_OUTPUT
    return EXIT_OK
