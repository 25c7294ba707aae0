"""Safe YAML reading that keeps line numbers and refuses hostile documents.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys and expands
alias bombs without limit; this module composes the node tree with the (C, when
available) safe loader and builds plain Python data itself, recording the line of
every node and reporting problems instead of raising deep tracebacks.
"""

from __future__ import annotations

from typing import Any, Final

import yaml
from attrs import frozen

from ..exceptions import Problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2_000_000
"""Largest YAML input accepted, in bytes."""
MAX_NODES = 200_000
"""Most nodes a document may expand to (aliases counted each time they are used)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted."""

PathKey = str | int
Path = tuple[PathKey, ...]


def format_path(path: Path) -> str:
    """Render a path tuple as ``$.indicators[3].weight``."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
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


def read_yaml(raw: bytes, file: str | None) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse ``raw`` YAML bytes safely.

    Returns the document (``None`` when it could not be read) and the problems found.
    """
    problems: list[Problem] = []

    def fail(message: str, line: int | None = None, *, code: str) -> None:
        problems.append(Problem("$", message, file=file, line=line, show_value=False, code=code))

    if len(raw) > MAX_BYTES:
        fail(
            f"file is {len(raw)} bytes, more than the limit of {MAX_BYTES} bytes", code="too_large"
        )
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            _line_of_offset(raw, exc.start),
            code="bad_encoding",
        )
        return None, problems
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not s.strip() or s.lstrip().startswith("#") for s in text.splitlines()
    ):
        fail("file is empty", code="empty_file")
        return None, problems

    loader = (_Loader if not _looks_deep(text) else yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s) or "malformed YAML"
        if mark is not None and _tab_indented(text, mark.line):
            what = "tab character in indentation; YAML indents with spaces only"
            fail(what, mark.line + 1, code="yaml_syntax")
        else:
            fail(f"not valid YAML: {what}", mark.line + 1 if mark else None, code="yaml_syntax")
        return None, problems
    except RecursionError:
        fail(f"document nests deeper than {MAX_DEPTH} levels; refusing to read it", code="too_deep")
        return None, problems
    except yaml.YAMLError as exc:
        fail(f"not valid YAML: {exc}", code="yaml_syntax")
        return None, problems
    finally:
        loader.dispose()
    if node is None or (node.tag == "tag:yaml.org,2002:null" and not node.value):
        fail("file is empty", code="empty_file")
        return None, problems

    builder = _Builder(file, problems)
    try:
        data = builder.build(node, ())
    except _Budget as exc:
        fail(str(exc), code="too_complex")
        return None, problems
    return YamlDocument(data, builder.lines), problems


def _tab_indented(text: str, index: int) -> bool:
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def _looks_deep(text: str) -> bool:
    """Whether ``text`` may nest deeper than the C composer survives (it can crash)."""
    depth = peak = 0
    for char in text:
        if char in "[{":
            depth += 1
            peak = max(peak, depth)
        elif char in "]}" and depth:
            depth -= 1
    if peak > MAX_DEPTH:
        return True
    return any(len(line) - len(line.lstrip(" -")) > 2 * MAX_DEPTH for line in text.splitlines())


class _Builder:
    def __init__(self, file: str | None, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.lines: dict[Path, int] = {}
        self.count = 0
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Budget(
                f"document expands to more than {MAX_NODES} nodes "
                "(an alias-expansion bomb?); refusing to read it"
            )
        if len(path) > MAX_DEPTH:
            raise _Budget(f"document nests deeper than {MAX_DEPTH} levels; refusing to read it")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _DATA_TAGS:
            self.problems.append(
                Problem(
                    format_path(path),
                    f"uses the YAML tag {node.tag!r}; rubric files hold plain data only",
                    file=self.file,
                    line=node.start_mark.line + 1,
                    show_value=False,
                    code="yaml_tag",
                    location=path,
                )
            )
            return REFUSED
        if isinstance(node, yaml.ScalarNode):
            return self.constructor.construct_object(node, deep=True)
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

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        _fmt(path),
                        "has a non-scalar mapping key",
                        file=self.file,
                        line=line,
                        show_value=False,
                        code="bad_key",
                        location=path,
                    )
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(
                        _fmt(path),
                        "uses a '<<' merge key, which rubric files do not support",
                        file=self.file,
                        line=line,
                        show_value=False,
                        code="merge_key",
                        location=path,
                    )
                )
                continue
            if key_node.tag not in _DATA_TAGS:
                self.problems.append(
                    Problem(
                        _fmt(path),
                        f"has a key with the YAML tag {key_node.tag!r}; "
                        "rubric files hold plain data only",
                        file=self.file,
                        line=line,
                        show_value=False,
                        code="yaml_tag",
                        location=path,
                    )
                )
                continue
            raw_key = self.constructor.construct_object(key_node, deep=True)
            # Keys are text in JSON and in every rubric field: 1 and "1" are the same key.
            key = raw_key if isinstance(raw_key, str) else str(raw_key)
            if key in out:
                first = self.lines.get((*path, key))
                self.problems.append(
                    Problem(
                        format_path((*path, key)),
                        f"duplicate key {key!r}"
                        + (f" (first defined on line {first})" if first else "")
                        + "; YAML would silently keep only the last value",
                        file=self.file,
                        line=line,
                        show_value=False,
                        code="duplicate_key",
                        location=(*path, key),
                    )
                )
                continue
            child: Path = (*path, key)
            self.lines[child] = line
            out[key] = self.build(value_node, child)
            self.lines[child] = line
        return out


def _fmt(path: Path) -> str:
    return format_path(path)


def dump_yaml(data: Any) -> str:
    """Serialize plain data as block-style YAML, keeping key order."""
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text
