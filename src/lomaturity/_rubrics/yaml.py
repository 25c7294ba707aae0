"""Safe YAML reading that keeps line numbers and refuses hostile documents.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys and expands
alias bombs without limit; this module first counts the (C, when available) parser's
events, so that a hostile document is refused *while parsing*, after at most
:data:`MAX_NODES` nodes and :data:`MAX_DEPTH` levels, then composes the node tree with the
safe loader and builds plain Python data itself, recording the line of every node and
reporting problems instead of raising deep tracebacks.

Numbers are read as plain decimals only: the YAML 1.1 forms that PyYAML reads and YAML 1.2
readers do not (or read differently), such as ``010`` (octal 8), ``1:30`` (base 60: 90),
``0x1F``, ``0b101`` and ``1_000``, are refused with the field's path, as are integers of
more than :data:`MAX_INT_DIGITS` digits.
"""

from __future__ import annotations

import re
from typing import Any, Final

import yaml
from attrs import frozen

from .._format import printable
from ..exceptions import Problem

_Parser: Any = getattr(yaml.cyaml, "CParser", None) if hasattr(yaml, "cyaml") else None
"""libyaml's event parser (C), or ``None`` when PyYAML was built without it."""
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader that composes documents :func:`_check_size` let through."""

MAX_BYTES = 2_000_000
"""Largest YAML input accepted, in bytes."""
MAX_NODES = 200_000
"""Most nodes a document may hold (keys, values and list items, counted while parsing) and
expand to (aliases counted each time they are used)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""
MAX_INT_DIGITS = 4300
"""Longest integer accepted, in digits (Python's own limit for integer text)."""
SHOWN_CHARS = 60
"""Longest key, tag or text echoed in a message; longer ones are cut with ``...``."""

PathKey = str | int
Path = tuple[PathKey, ...]


def clip(text: str, limit: int = SHOWN_CHARS) -> str:
    """``text`` fit for a message: control characters escaped, cut after ``limit``
    characters with ``...``."""
    shown = printable(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def format_path(path: Path) -> str:
    """Render a path tuple as ``$.indicators[3].weight`` (long or odd keys clipped)."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{clip(part)}"
    return out


@frozen
class YamlDocument:
    """Plain data read from YAML, with the 1-based line of each node by path."""

    data: Any
    lines: dict[Path, int]


_DATA_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
"""YAML tags of plain data; anything else (``!Ref``, ``!!python/...``, ``!!set``) is refused."""


class _Refused:
    """A node that was refused (its problem is already reported)."""

    def __repr__(self) -> str:
        return "<refused>"


REFUSED: Final = _Refused()
"""Stands for a refused node in the data, so validators skip it without a second problem."""


class _Budget(Exception):
    pass


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


_TOO_DEEP: Final = f"document nests deeper than {MAX_DEPTH} levels; refusing to read it"


class _Unreadable(Exception):
    """The document cannot be read: ``message`` (at ``line``, if known), with ``code``."""

    def __init__(self, message: str, code: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.code, self.line = message, code, line


def _decoded(raw: bytes) -> str:
    """The UTF-8 text of a non-empty, not-too-large file (a byte order mark dropped)."""
    if len(raw) > MAX_BYTES:
        raise _Unreadable(
            f"file is {len(raw)} bytes, more than the limit of {MAX_BYTES} bytes", "too_large"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unreadable(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "bad_encoding",
            _line_of_offset(raw, exc.start),
        ) from None
    text = text.removeprefix("\ufeff")
    if all(not s.strip() or s.lstrip().startswith("#") for s in text.splitlines()):
        raise _Unreadable("file is empty", "empty_file")
    return text


def _check_size(text: str) -> None:
    """Refuse a document of more than :data:`MAX_NODES` nodes or nesting deeper than
    :data:`MAX_DEPTH`, counting the parser's events as they come: nothing is kept, so time
    and memory stay bounded whatever the document, and the composer (which can crash on very
    deep input in C) only ever sees documents within the limits."""
    parser: Any = _Parser(text) if _Parser is not None else yaml.SafeLoader(text)
    nodes = depth = 0
    event: Any
    try:
        while parser.check_event():
            event = parser.get_event()
            if not isinstance(event, yaml.NodeEvent):
                if isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise _Unreadable(
                    f"document has more than {MAX_NODES} YAML nodes (keys, values and list "
                    "items); refusing to read it",
                    "too_complex",
                    _line(event),
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Unreadable(_TOO_DEEP, "too_deep", _line(event))
    finally:
        parser.dispose()


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None


def _composed(text: str) -> yaml.Node:
    """The document's node tree, composed within :data:`MAX_NODES` and :data:`MAX_DEPTH`."""
    loader = _Loader(text)
    try:
        _check_size(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if mark is not None and _tab_indented(text, mark.line):
            raise _Unreadable(
                "tab character in indentation; YAML indents with spaces only", "yaml_syntax", line
            ) from None
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own limit (1000)
            raise _Unreadable(_TOO_DEEP, "too_deep", line) from None
        what = " ".join(s for s in (exc.context, exc.problem) if s) or "malformed YAML"
        raise _Unreadable(f"not valid YAML: {clip(what, 200)}", "yaml_syntax", line) from None
    except RecursionError:  # pragma: no cover - _check_size stops at MAX_DEPTH first
        raise _Unreadable(_TOO_DEEP, "too_deep") from None
    except yaml.YAMLError as exc:
        raise _Unreadable(f"not valid YAML: {clip(str(exc), 200)}", "yaml_syntax") from None
    finally:
        loader.dispose()
    if node is None or (node.tag == "tag:yaml.org,2002:null" and not node.value):
        raise _Unreadable("file is empty", "empty_file")
    composed: yaml.Node = node
    return composed


def read_yaml(raw: bytes, file: str | None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``raw`` YAML bytes safely.

    Returns the document (``None`` when it could not be read) and the problems found.
    """
    problems: list[Problem] = []
    try:
        node = _composed(_decoded(raw))
        builder = _Builder(file, problems)
        try:
            data = builder.build(node, ())
        except _Budget as exc:
            raise _Unreadable(str(exc), "too_complex") from None
    except _Unreadable as exc:
        problems.append(
            Problem("$", exc.message, file=file, line=exc.line, show_value=False, code=exc.code)
        )
        return None, problems
    return YamlDocument(data, builder.lines), problems


def _tab_indented(text: str, index: int) -> bool:
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


_INT: Final = "tag:yaml.org,2002:int"
_FLOAT: Final = "tag:yaml.org,2002:float"
_DECIMAL_INT: Final = re.compile(r"[-+]?[0-9]+")
_DECIMAL_FLOAT: Final = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _number_form(text: str, tag: str) -> str | None:
    """Why the YAML number ``text`` (resolved as ``tag``) is refused, or ``None``."""
    if tag == _INT and _DECIMAL_INT.fullmatch(text):
        digits = len(text.lstrip("+-"))
        if digits > MAX_INT_DIGITS:
            return f"is an integer of {digits} digits, more than the {MAX_INT_DIGITS} accepted"
        if digits > 1 and text.lstrip("+-").startswith("0"):
            return (
                f"is written {clip(text)!r}, which YAML 1.1 reads as an octal number and "
                "YAML 1.2 as a decimal one; write it without the leading zero, or quote it "
                "if it is text"
            )
        return None
    if tag == _FLOAT and _DECIMAL_FLOAT.fullmatch(text):
        return None
    if ":" in text:
        form = "a base-60 (sexagesimal) number such as a time"
    elif "_" in text:
        form = "a number with '_' digit separators"
    elif text.lstrip("+-")[:2].lower() in ("0x", "0b"):
        form = "a hexadecimal or binary number"
    else:
        form = "a number in a YAML 1.1 form"
    return (
        f"is written {clip(text)!r}, which YAML 1.1 reads as {form} and YAML 1.2 does not; "
        "write the number in plain decimal (8, 90, 1.5), or quote it if it is text"
    )


def short_location(path: Path) -> Path:
    """``path`` with keys longer than 200 characters cut (for a problem's ``location``)."""
    return tuple(p[:200] + "..." if isinstance(p, str) and len(p) > 200 else p for p in path)


class _Builder:
    def __init__(self, file: str | None, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.lines: dict[Path, int] = {}
        self.count = 0
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, path: Path, message: str, line: int, code: str) -> None:
        self.problems.append(
            Problem(
                format_path(path),
                message,
                file=self.file,
                line=line,
                show_value=False,
                code=code,
                location=short_location(path),
            )
        )

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            # The composer counted every node written; only aliases can add more.
            raise _Budget(
                f"document's aliases expand it to more than {MAX_NODES} nodes "
                "(an alias-expansion bomb?); refusing to read it"
            )
        if len(path) > MAX_DEPTH:
            raise _Budget(_TOO_DEEP)
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        if node.tag not in _DATA_TAGS:
            message = f"uses the YAML tag {clip(node.tag)!r}; rubric files hold plain data only"
            self.problem(path, message, line, "yaml_tag")
            return REFUSED
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path, line)
        if id(node) in self.active:
            raise _Budget("document contains a recursive alias; refusing to read it")
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, path)
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: Path, line: int) -> Any:
        if node.tag in (_INT, _FLOAT):
            refused = _number_form(node.value, node.tag)
            if refused is not None:
                self.problem(path, refused, line, "yaml_number")
                return REFUSED
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):  # e.g. a date like 2024-02-30
            what = node.tag.rpartition(":")[2]
            message = f"cannot be read as a YAML {what}; quote it if it is text"
            self.problem(path, message, line, "yaml_value")
            return REFUSED

    def _key(self, node: yaml.ScalarNode) -> str:
        """A mapping key as text: numbers as written (``010`` stays ``"010"``), so that
        ``1`` and ``"1"`` are the same key and no key needs converting a huge number."""
        if node.tag in (_INT, _FLOAT):
            return str(node.value)
        try:
            raw = self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            return str(node.value)
        return raw if isinstance(raw, str) else str(raw)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(path, "has a non-scalar mapping key", line, "bad_key")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                message = "uses a '<<' merge key, which rubric files do not support"
                self.problem(path, message, line, "merge_key")
                continue
            if key_node.tag not in _DATA_TAGS:
                message = (
                    f"has a key with the YAML tag {clip(key_node.tag)!r}; "
                    "rubric files hold plain data only"
                )
                self.problem(path, message, line, "yaml_tag")
                continue
            key = self._key(key_node)
            child: Path = (*path, key)
            if key in out:
                first = self.lines.get(child)
                message = (
                    f"duplicate key {clip(key)!r}"
                    + (f" (first defined on line {first})" if first else "")
                    + "; YAML would silently keep only the last value"
                )
                self.problem(child, message, line, "duplicate_key")
                continue
            self.lines[child] = line
            out[key] = self.build(value_node, child)
            self.lines[child] = line
        return out


def dump_yaml(data: Any) -> str:
    """Serialize plain data as block-style YAML, keeping key order."""
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text
