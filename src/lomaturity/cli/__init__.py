"""The ``lomaturity`` command line: validate rubrics, score survey responses, recommend
next steps and explain how a score or a recommendation came about.

One module per command or group of commands (``score``, ``recommend``, ``compare``, ...),
``options.py`` for the options they share, ``inputs.py`` for what they read, ``output.py``
for delivering the output, ``parser.py`` for the argument parser.

Exit codes: 0 success; 1 the output could not be delivered (standard output closed, full or
a closed pipe); 2 bad input or options, or an ``--output`` file that cannot be written (the
message goes to standard error, when standard error can take it).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._files import write_text_atomic
from ..exceptions import LomaturityError
from .formats import formatted
from .output import EXIT_OK, deliver, error_text, output_over_input, report_error
from .parser import COMMANDS, build_parser
from .progress import working

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 success, 1 the output could not be
    delivered, 2 bad input, options or ``--output`` file)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "score" and args.format == "csv" and args.details:
        parser.error(
            "--format csv writes the scores table; --details needs --format text or json "
            "(the agreement, reliability, group and gap tables: docs/tables.md)"
        )
    clash = output_over_input(args)
    if clash is not None:
        return report_error(clash)
    try:
        with working(args):
            out = formatted(COMMANDS[args.command](args), getattr(args, "format", None))
        output = getattr(args, "output", None)
        if output is not None:  # what would be printed, line end included; atomically
            write_text_atomic(output, out + "\n")
            return EXIT_OK
    except (LomaturityError, OSError) as exc:
        return report_error(error_text(exc))
    except MemoryError:
        resamples = getattr(args, "resamples", None)
        hint = (
            ""
            if resamples is None
            else f" while scoring with --resamples {resamples}; try fewer resamples (the "
            "default is 2000)"
        )
        return report_error(f"out of memory{hint}")
    return deliver(out)
