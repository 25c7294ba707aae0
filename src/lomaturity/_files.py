"""Writing files whole or not at all: the one home of the atomic writer, shared by the
result tables, panel outputs, norm tables and the command line."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def _write_error(path: str | os.PathLike[str], exc: OSError) -> OSError:
    return OSError(exc.errno, f"cannot write {os.fspath(path)!r}: {exc.strerror or exc}")


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all (see :func:`open_atomic`)."""
    with open_atomic(path) as handle, write_errors(path):
        handle.write(text)


@contextmanager
def write_errors(path: str | os.PathLike[str]) -> Iterator[None]:
    """An :class:`OSError` raised inside the block becomes one naming ``path`` (for writes
    into a handle of :func:`open_atomic`, whose own errors already name it)."""
    try:
        yield
    except OSError as exc:
        raise _write_error(path, exc) from None


@contextmanager
def open_atomic(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO[Any]]:
    """A file handle whose contents land at ``path`` whole or not at all: written into a new
    temporary file in the same folder, synced, then renamed over ``path`` when the block
    ends without an error; the temporary file is removed on failure (also on an exception
    raised inside the block). Text handles are UTF-8 with untranslated line ends;
    ``binary=True`` gives a byte handle (for writers such as pyarrow's). A symbolic link
    is written through (its target is replaced), an existing file keeps its permission
    bits, a new one gets those a plain ``open`` would give (umask). Errors of the file are
    an :class:`OSError` naming ``path``, never the temporary file; errors raised by the
    block itself propagate unchanged (wrap its writes in :func:`write_errors`).

    A path that is neither a regular file nor missing (a named pipe, ``/dev/stdout``, a
    process substitution's ``/dev/fd/63``, a device) cannot be replaced whole: it is
    written through, as a plain ``open`` would (:func:`_open_special`), never replaced by a
    regular file."""
    if _is_special(path):
        with _open_special(path, binary) as special:
            yield special
        return
    target = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    temporary = target.parent / f".lomaturity-{secrets.token_hex(6)}.tmp"
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else None
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _write_error(path, exc) from None
    body_failed = False
    try:
        # closed below, before the rename
        handle: IO[Any] = (
            open(fd, "wb")  # noqa: SIM115
            if binary
            else open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115
        )
        with handle:
            try:
                yield handle
            except BaseException:
                body_failed = True
                raise
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        if body_failed:
            raise
        raise _write_error(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _is_special(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (its link followed) exists and is neither a regular file nor a
    folder: a named pipe, a character or block device, a socket."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def _open_special(path: str | os.PathLike[str], binary: bool) -> Iterator[IO[Any]]:
    """A handle writing straight into the special file ``path`` (see :func:`open_atomic`);
    its errors name ``path``."""
    try:
        handle: IO[Any] = (
            open(path, "wb")  # noqa: SIM115
            if binary
            else open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        )
    except OSError as exc:
        raise _write_error(path, exc) from None
    with handle:
        yield handle
        try:
            handle.flush()
        except OSError as exc:
            raise _write_error(path, exc) from None
