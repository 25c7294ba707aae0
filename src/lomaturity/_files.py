"""Writing files whole or not at all: the one home of the atomic writer, shared by the
result tables, norm tables and the command line."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def _write_error(path: str | os.PathLike[str], exc: OSError) -> OSError:
    return OSError(exc.errno, f"cannot write {os.fspath(path)!r}: {exc.strerror or exc}")


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all: into a new temporary file in
    the same folder, synced, then renamed over ``path``; the temporary file is removed on
    failure. A symbolic link is written through (its target is replaced), an existing file
    keeps its permission bits, a new one gets those a plain ``open`` would give (umask).
    Errors are an :class:`OSError` naming ``path``, never the temporary file."""
    target = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    temporary = target.parent / f".lomaturity-{secrets.token_hex(6)}.tmp"
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else None
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _write_error(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
