"""Where CSV bytes come from: a path or a file object (an upload), read with a size limit."""

from __future__ import annotations

import numbers
import os
from typing import Final, Protocol

from .._rubrics.files import FileRefused, read_bounded
from .._types import type_name
from ..exceptions import Problem, ResponsesError
from .problems import file_error

DEFAULT_MAX_BYTES: Final = 200 * 1024 * 1024
"""Default size limit of :func:`~lomaturity.read_responses`: 200 MiB."""

_UNNAMED: Final = None


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> object: ...


def check_max_bytes(max_bytes: object) -> int:
    """``max_bytes`` as a positive integer, else :class:`TypeError` (not an integer) or
    :class:`~lomaturity.ResponsesError` (not positive)."""
    if not isinstance(max_bytes, numbers.Integral) or isinstance(max_bytes, bool):
        raise TypeError(f"max_bytes must be a positive integer, got {type_name(max_bytes)}")
    if max_bytes < 1:
        raise ResponsesError(
            [
                Problem(
                    "max_bytes",
                    "is not a positive number of bytes",
                    int(max_bytes),
                    code="invalid_option",
                    location=("max_bytes",),
                )
            ]
        )
    return int(max_bytes)


def read_source(source: object, max_bytes: int) -> tuple[bytes, str | None]:
    """The bytes of a path or file object and its name; at most ``max_bytes`` are accepted.

    Raises:
        TypeError: ``source`` is neither a path nor a readable file object.
        ResponsesError: the file does not exist, cannot be read, or is too large.
    """
    if isinstance(source, str | os.PathLike):
        name = os.fsdecode(os.fspath(source))
        return _read_path(name, max_bytes), name
    if callable(getattr(source, "read", None)):
        label = getattr(source, "name", None)
        stream_name = label if isinstance(label, str) else _UNNAMED
        return _read_stream(source, stream_name, max_bytes), stream_name  # type: ignore[arg-type]
    hint = "; wrap bytes in io.BytesIO" if isinstance(source, bytes | bytearray) else ""
    raise TypeError(
        "read_responses() expected a path or a file object opened for reading (open(...), "
        f"io.BytesIO, io.StringIO, an upload), got {type_name(source)}{hint}"
    )


def _too_large(name: str | None, size: int | None, max_bytes: int) -> Exception:
    shown = "is larger than" if size is None else f"is {size} bytes, more than"
    return file_error(
        name,
        f"{shown} the limit of {max_bytes} bytes",
        code="too_large",
        hint="pass a larger max_bytes= to read_responses if the file is genuine",
    )


def _read_path(name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` bytes of a regular file or pipe (see :mod:`.._rubrics.files`)."""
    try:
        return read_bounded(name, max_bytes)
    except FileRefused as exc:
        if exc.code == "too_large":
            raise _too_large(name, exc.size, max_bytes) from None
        raise file_error(name or None, exc.message, code=exc.code) from None


def _read_stream(stream: _Readable, name: str | None, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes (characters of a text stream)."""
    try:
        data = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        raise file_error(
            name,
            f"is not valid text in the stream's encoding ({exc.reason})",
            code="bad_encoding",
            hint="open the file in binary mode ('rb'); lomaturity reads UTF-8",
        ) from None
    except (OSError, ValueError) as exc:  # a closed or write-only file
        raise file_error(name, f"cannot be read: {exc}", code="unreadable") from None
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"the file object's read() returned {type_name(data)}, not bytes or text")
    if len(data) > max_bytes:
        raise _too_large(name, None, max_bytes)
    return bytes(data)
