"""Norm-table files: reading YAML or JSON (untrusted: bounded size, nesting and node count,
no duplicate keys, no NaN or infinity) and writing them whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path as FsPath
from typing import Any, Literal

from .._files import write_text_atomic
from .._model.norms import NormTable
from .._rubrics.yaml import MAX_BYTES, MAX_DEPTH, dump_yaml, read_yaml
from .._types import NORMS, expect
from ..exceptions import NormsError, Problem
from .parse import parse_norms

NormsFormat = Literal["yaml", "json"]
"""The two file formats of a norm table."""


def _file_problem(name: str | None, message: str, code: str, line: int | None = None) -> Problem:
    return Problem("$", message, file=name, line=line, show_value=False, code=code)


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a norm table can hold")


def _depth(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests deeper than ``limit`` levels."""
    if limit < 0:
        return True
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    return any(_depth(child, limit - 1) for child in children)


def _json(text: str, name: str | None) -> Any:
    """JSON text as plain data; a :class:`NormsError` for anything a norm cannot hold."""
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_refuse_constant)
    except _Duplicate as exc:
        message = f"duplicate key {exc.key!r}; JSON readers would silently keep one value"
        raise NormsError([_file_problem(name, message, "duplicate_key")], name) from None
    except json.JSONDecodeError as exc:
        problem = _file_problem(name, f"not valid JSON: {exc.msg}", "json_syntax", exc.lineno)
        raise NormsError([problem], name) from None
    except RecursionError:
        message = f"document nests deeper than {MAX_DEPTH} levels; refusing to read it"
        raise NormsError([_file_problem(name, message, "too_deep")], name) from None
    except ValueError as exc:  # NaN/Infinity, or an integer with too many digits
        raise NormsError([_file_problem(name, str(exc), "invalid")], name) from None
    if _depth(data):
        message = f"document nests deeper than {MAX_DEPTH} levels; refusing to read it"
        raise NormsError([_file_problem(name, message, "too_deep")], name)
    return data


def _is_json(raw: bytes, name: str | None) -> bool:
    if name is not None and name.lower().endswith(".json"):
        return True
    if name is not None and name.lower().endswith((".yaml", ".yml")):
        return False
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def read_norms_bytes(raw: bytes | str, *, file: str | None = None) -> NormTable:
    """A norm table from the bytes (or text) of a YAML or JSON file.

    JSON when ``file`` ends in ``.json`` or the text starts with ``{``, else YAML (read
    with the bounded loader of rubric files: size, nesting and alias limits, no tags).

    Raises:
        NormsError: the file cannot be read or is not a valid norm table; every problem
            names the field path, the value and, for YAML, the line.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if not isinstance(data, bytes):
        raise TypeError(f"raw: expected bytes or str, got {type(raw).__name__}")
    if len(data) > MAX_BYTES:
        message = f"file is larger than the limit of {MAX_BYTES} bytes"
        raise NormsError([_file_problem(file, message, "too_large")], file)
    if _is_json(data, file):
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            message = f"file is not valid UTF-8 (offset {exc.start})"
            raise NormsError([_file_problem(file, message, "bad_encoding")], file) from None
        return parse_norms(_json(text, file), file=file)
    document, problems = read_yaml(data, file)
    if document is None or problems:
        raise NormsError(problems, file)
    return parse_norms(document.data, file=file, lines=document.lines)


def read_norms(path: str | os.PathLike[str]) -> NormTable:
    """Read and validate a norm-table file (``.yaml``, ``.yml`` or ``.json``).

    Raises:
        NormsError: the file is missing, unreadable, too large or not a valid norm table
            (every problem names the file, the field path, the value and the line).
    """
    name = os.fspath(path)
    fs_path = FsPath(name)
    try:
        with fs_path.open("rb") as handle:  # never more than the limit (a device, a pipe)
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise NormsError(
            [_file_problem(name, "file does not exist", "file_not_found")], name
        ) from None
    except IsADirectoryError:
        problem = _file_problem(name, "is a directory, not a file", "not_a_file")
        raise NormsError([problem], name) from None
    except OSError as exc:
        problem = _file_problem(name, f"cannot be read: {exc.strerror or exc}", "unreadable")
        raise NormsError([problem], name) from None
    return read_norms_bytes(raw, file=name)


SYNTHETIC_HEADER = (
    "# SYNTHETIC norm table: built from simulated organizations, not real ones.\n"
    "# Use it to try lomaturity's benchmarking out, never to judge an organization.\n"
)


def dump_norms(norms: NormTable, format: NormsFormat = "yaml") -> str:
    """A norm table as YAML (default) or JSON text; :func:`read_norms_bytes` reads it
    back equal. A synthetic table's YAML starts with a comment saying so.

    Raises:
        NormsError: the table (built in code) is not valid, so it would not read back.
    """
    expect(norms, NormTable, "norms", NORMS)
    data = norms.to_dict()
    parse_norms(data, file=norms.path)  # never write a file that cannot be read back
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if format != "yaml":
        raise ValueError(f"format: {format!r} is not 'yaml' or 'json'")
    header = SYNTHETIC_HEADER if norms.synthetic else ""
    return header + dump_yaml(data)


def write_norms(norms: NormTable, path: str | os.PathLike[str]) -> None:
    """Write a norm table to ``path`` whole or not at all: JSON when the name ends in
    ``.json``, else YAML."""
    format: NormsFormat = "json" if os.fspath(path).lower().endswith(".json") else "yaml"
    write_text_atomic(path, dump_norms(norms, format))
