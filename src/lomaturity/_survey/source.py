"""Where CSV bytes come from: a path or a file object (an upload), read with a size limit."""

from __future__ import annotations

import os
from typing import Final, Protocol

from .._types import type_name
from .problems import file_error

DEFAULT_MAX_BYTES: Final = 200 * 1024 * 1024
"""Default size limit of :func:`~lomaturity.read_responses`: 200 MiB."""

_UNNAMED: Final = None


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> object: ...


def check_max_bytes(max_bytes: object) -> int:
    """``max_bytes`` as a positive integer, else :class:`TypeError` / :class:`ValueError`."""
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool):
        raise TypeError(f"max_bytes must be a positive integer, got {type_name(max_bytes)}")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive integer, got {max_bytes}")
    return max_bytes


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
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        with open(name, "rb") as file:
            raw = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise file_error(name, "does not exist", code="file_not_found") from None
    except IsADirectoryError:
        raise file_error(name, "is a directory, not a file", code="not_a_file") from None
    except OSError as exc:
        message = f"cannot be read: {exc.strerror or exc}"
        raise file_error(name, message, code="unreadable") from None
    if len(raw) > max_bytes:  # the file grew, or a device without a size
        raise _too_large(name, None, max_bytes)
    return raw


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
