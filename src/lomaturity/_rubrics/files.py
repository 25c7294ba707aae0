"""Bounded reading of input files by path, shared by the rubric and responses readers.

Whatever the path names, at most ``limit + 1`` bytes are read, so memory stays bounded:

* a regular file larger than the limit is refused from its size, before it is read;
* a pipe (``/dev/stdin`` fed by ``yes``, a named FIFO) is read up to ``limit + 1`` bytes
  and then refused; a named FIFO is opened without blocking, so one with no writer reads
  as empty instead of hanging;
* directories, devices (``/dev/zero``, ``/dev/urandom``, terminals) and sockets are
  refused without being read, also through a symbolic link;
* an empty path or a path holding a NUL character is refused with its own message.
"""

from __future__ import annotations

import os
import stat
from typing import Final

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)  # Windows
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class FileRefused(Exception):
    """A path that was not read: ``message`` (phrased to follow the file name), ``code``
    (``empty_path``, ``invalid_path``, ``file_not_found``, ``not_a_file``, ``too_large``,
    ``unreadable``) and whether the size is known (``size``)."""

    def __init__(self, message: str, code: str, size: int | None = None) -> None:
        super().__init__(message)
        self.message, self.code, self.size = message, code, size


def check_path(name: str) -> None:
    """Refuse an empty path and one holding a NUL character (:class:`FileRefused`)."""
    if not name:
        raise FileRefused("is an empty path; name a file", "empty_path")
    if "\x00" in name:
        raise FileRefused("holds a NUL character, which no file name can hold", "invalid_path")


def _kind(mode: int) -> str | None:
    """What a non-readable file type is, or ``None`` for a regular file or a pipe."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; lomaturity reads regular files and pipes only"
    return "is not a regular file; lomaturity reads regular files and pipes only"


def _checked(mode: int, size: int, limit: int) -> None:
    refused = _kind(mode)
    if refused is not None:
        raise FileRefused(refused, "not_a_file")
    if stat.S_ISREG(mode) and size > limit:
        raise FileRefused(
            f"is {size} bytes, more than the limit of {limit} bytes", "too_large", size
        )


def read_bounded(name: str, limit: int) -> bytes:
    """The bytes of the file at path ``name``, refused (:class:`FileRefused`) when there are
    more than ``limit`` of them or the path is not a regular file or a pipe."""
    check_path(name)
    try:
        info = os.stat(name)
        _checked(info.st_mode, info.st_size, limit)
        fd = os.open(name, _FLAGS | (_NONBLOCK if stat.S_ISFIFO(info.st_mode) else 0))
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefused("does not exist", "file_not_found") from None
    except IsADirectoryError:
        raise FileRefused("is a directory, not a file", "not_a_file") from None
    except OSError as exc:
        raise FileRefused(f"cannot be read: {exc.strerror or exc}", "unreadable") from None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)  # the file opened, should the path have changed meanwhile
            _checked(info.st_mode, info.st_size, limit)
            if _NONBLOCK and stat.S_ISFIFO(info.st_mode):
                os.set_blocking(fd, True)  # a writer may still be producing the data
            raw = file.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"cannot be read: {exc.strerror or exc}", "unreadable") from None
    if len(raw) > limit:  # a pipe, or a file that grew
        raise FileRefused(f"is larger than the limit of {limit} bytes", "too_large")
    return raw
