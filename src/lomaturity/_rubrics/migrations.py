"""Migration map files: reading, validating (alone and against both rubrics), finding.

A map file (format 1, docs/rubric-versions.md) says how the indicators of one rubric version
correspond to another's. Bundled maps live beside the rubrics, in
``rubrics/<id>/migrations/*.yaml``, and are found by their ``from``/``to`` keys; users pass
their own by path. Every problem is reported with its path, value and line, as for rubrics.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

from .._model.migrations import COMPARABILITIES, MIGRATION_FORMAT, Comparability, Link, MigrationMap
from .._model.rubric import Rubric
from ..exceptions import Problem, RubricError, ScoringError
from .fields import MISSING, Collector, Spec, check_value, read_fields
from .files import FileRefused, read_bounded
from .registry import bundled_root
from .yaml import Path, format_path, read_yaml

MAX_MAP_BYTES: Final = 1_000_000
"""Largest migration map file accepted, in bytes."""
MAX_LINK_IDS: Final = 20
"""Most indicator ids one side of a link may list."""

_TOP: Final[Spec] = {
    "format": ("int", True, None),
    "from": ("text", True, None),
    "to": ("text", True, None),
    "indicators": ("list", True, None),
}
_LINK: Final[Spec] = {
    "from": ("any", True, None),
    "to": ("any", True, None),
    "comparability": ("text", True, None),
    "note": ("text", False, None),
}


def _ids(c: Collector, path: Path, raw: Any) -> tuple[str, ...] | None:
    """One id (a string) or a non-empty list of distinct ids; ``None`` (reported) if not."""
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        c.add(path, "is not an indicator id or a non-empty list of ids", raw, code="wrong_type")
        return None
    if len(items) > MAX_LINK_IDS:
        c.add(path, f"lists more than {MAX_LINK_IDS} ids", show_value=False, code="too_many")
        return None
    ok = all(check_value(c, (*path, i), "id", x) for i, x in enumerate(items))
    if ok and len(set(items)) < len(items):
        c.add(path, "lists an id twice", items, code="duplicate_id")
        return None
    return tuple(items) if ok else None


def _link(c: Collector, path: Path, raw: Any) -> Link | None:
    values = read_fields(c, raw, path, _LINK)
    if values is None:
        return None
    source = _ids(c, (*path, "from"), values["from"]) if values["from"] is not MISSING else None
    target = _ids(c, (*path, "to"), values["to"]) if values["to"] is not MISSING else None
    level = values["comparability"]
    if level is not MISSING and level not in COMPARABILITIES:
        c.add(
            (*path, "comparability"),
            "is not one of " + ", ".join(COMPARABILITIES),
            level,
            hint=c.hint(level, COMPARABILITIES),
            code="invalid_comparability",
        )
        return None
    if source is None or target is None or level is MISSING:
        return None
    if len(source) > 1 and len(target) > 1:
        c.add(
            path,
            "links several ids to several ids; write each split or merge as its own link",
            show_value=False,
            code="many_to_many",
        )
        return None
    return Link(source, target, cast(Comparability, level), values["note"])


def _check_key(c: Collector, field: str, value: Any) -> None:
    rubric_id, at, version = value.partition("@") if isinstance(value, str) else ("", "", "")
    if not (rubric_id and at and version):
        c.add((field,), "is not a rubric key such as 'learning-organization@1.0.0'", value)


def _check_repeats(c: Collector, links: list[tuple[Path, Link]]) -> None:
    """An id linked twice on one side: a split or merge must be one link listing the ids."""
    for side, label in (("source", "from"), ("target", "to")):
        seen: dict[str, Path] = {}
        for path, link in links:
            for item in getattr(link, side):
                if item in seen:
                    c.add(
                        (*path, label),
                        f"links {item!r} again (first at {format_path(seen[item])}); write a "
                        "split or merge as one link listing the ids",
                        item,
                        code="linked_twice",
                    )
                else:
                    seen[item] = path


def parse_migration(
    data: Any, *, file: str | None = None, lines: Mapping[Path, int] | None = None
) -> MigrationMap:
    """Validate a migration map mapping (as read from YAML) into a :class:`MigrationMap`.

    Raises:
        RubricError: every problem found (unknown fields, bad ids or levels, an id linked
            twice, a many-to-many link), each with its path, value and line.
    """
    c = Collector(file, lines)
    top = read_fields(c, data, (), _TOP)
    if top is None:
        raise RubricError(c.problems, file)
    if top["format"] is not MISSING and top["format"] != MIGRATION_FORMAT:
        c.add(
            ("format",),
            f"is not a supported migration map format (this release reads {MIGRATION_FORMAT})",
            top["format"],
            code="unsupported_format",
        )
    for key in ("from", "to"):
        if top[key] is not MISSING:
            _check_key(c, key, top[key])
    links: list[tuple[Path, Link]] = []
    raw_links = top["indicators"] if top["indicators"] is not MISSING else []
    for i, raw in enumerate(raw_links):
        link = _link(c, ("indicators", i), raw)
        if link is not None:
            links.append((("indicators", i), link))
    _check_repeats(c, links)
    if c.problems:
        raise RubricError(c.problems, file)
    return MigrationMap(top["from"], top["to"], tuple(k for _, k in links), path=file)


def read_migration_bytes(raw: bytes | str, *, file: str | None = None) -> MigrationMap:
    """Read and validate migration map YAML given as bytes or text."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    document, problems = read_yaml(raw, file)
    if document is None or problems:
        raise RubricError(problems, file)
    return parse_migration(document.data, file=file, lines=document.lines)


def read_migration(path: str | os.PathLike[str]) -> MigrationMap:
    """Read and validate a migration map file (at most :data:`MAX_MAP_BYTES` bytes read).

    Raises:
        RubricError: the file cannot be read or is not a valid map.
    """
    name = os.fsdecode(os.fspath(path))
    try:
        raw = read_bounded(name, MAX_MAP_BYTES)
    except FileRefused as exc:
        problem = Problem("$", exc.message, file=name or None, show_value=False, code=exc.code)
        raise RubricError([problem], name or None) from None
    return read_migration_bytes(raw, file=name)


@functools.cache
def bundled_migrations() -> tuple[MigrationMap, ...]:
    """Every bundled map (``rubrics/<id>/migrations/*.yaml``), in file name order."""
    root = bundled_root()
    out: list[MigrationMap] = []
    if not root.is_dir():
        return ()
    for folder in sorted(root.iterdir(), key=lambda e: e.name):
        migrations = folder / "migrations"
        if not folder.is_dir() or not migrations.is_dir():
            continue
        for entry in sorted(migrations.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                name = f"{folder.name}/migrations/{entry.name}"
                out.append(read_migration_bytes(entry.read_bytes(), file=name))
    return tuple(out)


def find_migration(
    source: str, target: str, maps: Iterable[MigrationMap] = ()
) -> MigrationMap | None:
    """The map from rubric key ``source`` to ``target``: among ``maps`` first, then the
    bundled ones; a map written the other way round is read reversed. ``None`` if none."""
    for candidates in (tuple(maps), bundled_migrations()):
        for m in candidates:
            if (m.source, m.target) == (source, target):
                return m
        for m in candidates:
            if (m.source, m.target) == (target, source):
                return m.reversed()
    return None


def _check_ids(c: Collector, links: tuple[Link, ...], rubric: Rubric, side: str) -> None:
    known = set(rubric.indicator_ids)
    label = "from" if side == "source" else "to"
    for i, link in enumerate(links):
        for item in getattr(link, side):
            if item not in known:
                c.add(
                    ("indicators", i, label),
                    f"is not an indicator of {rubric.key}",
                    item,
                    hint=c.hint(item, rubric.indicator_ids),
                    code="unknown_indicator",
                )


def _check_same(c: Collector, links: tuple[Link, ...], source: Rubric, target: Rubric) -> None:
    """A ``same`` link must join indicators on scales of the same points and the same
    answer labels (an agreement and a frequency scale of five points ask different
    questions)."""
    old, new = set(source.indicator_ids), set(target.indicator_ids)
    alike = target  # answer labels are compared in one language
    if source.language != target.language and source.language in target.languages:
        alike = target.in_language(source.language)
    for i, link in enumerate(links):
        if link.comparability != "same" or not (
            set(link.source) <= old and set(link.target) <= new
        ):
            continue
        scales = {
            (s.min, s.max)
            for s in [source.scale(source.indicator(x).scale) for x in link.source]
            + [target.scale(target.indicator(x).scale) for x in link.target]
        }
        labels = {
            s.labels
            for s in [source.scale(source.indicator(x).scale) for x in link.source]
            + [alike.scale(alike.indicator(x).scale) for x in link.target]
        }
        if alike.language == source.language and len(scales) == 1 and len(labels) > 1:
            c.add(
                ("indicators", i, "comparability"),
                "is 'same', but the linked indicators' scales have different answers: "
                + "; ".join(" / ".join(x) for x in sorted(labels)),
                "same",
                hint="call a link across answer scales 'approximate' or 'none'",
                code="scale_changed",
            )
        if len(scales) > 1:
            c.add(
                ("indicators", i, "comparability"),
                "is 'same', but the linked indicators' scales have different points "
                + ", ".join(f"{lo}-{hi}" for lo, hi in sorted(scales)),
                "same",
                hint="call a link across scales 'approximate' or 'none'",
                code="scale_changed",
            )


def check_migration(migration: MigrationMap, source: Rubric, target: Rubric) -> None:
    """Check ``migration`` against the two rubrics it joins.

    Raises:
        RubricError: the map's ``from``/``to`` keys are not the rubrics' keys, a linked id is
            not an indicator of its rubric (with did-you-mean), or a ``same`` link joins
            scales of different points.
    """
    c = Collector(migration.path)
    for label, key, rubric in (
        ("from", migration.source, source),
        ("to", migration.target, target),
    ):
        if key != rubric.key:
            c.add((label,), f"is not the rubric compared ({rubric.key})", key, code="wrong_rubric")
    if not c.problems:
        _check_ids(c, migration.links, source, "source")
        _check_ids(c, migration.links, target, "target")
        _check_same(c, migration.links, source, target)
    if c.problems:
        raise RubricError(c.problems, migration.path)


MapSource = MigrationMap | str | os.PathLike[str]
Migrations = MapSource | Iterable[MapSource]
"""What ``migrations=`` takes: a map, a map file's path, or several of them."""


def _maps(migrations: Migrations) -> list[MigrationMap]:
    items: Iterable[MapSource]
    if isinstance(migrations, MigrationMap | str | os.PathLike):
        items = (migrations,)
    elif isinstance(migrations, Iterable):
        items = migrations
    else:
        raise TypeError(
            "migrations: expected a MigrationMap, a path of a map file, or several of them, "
            f"got {type(migrations).__name__}"
        )
    out: list[MigrationMap] = []
    for item in items:
        if isinstance(item, MigrationMap):
            out.append(item)
        elif isinstance(item, str | os.PathLike):
            out.append(read_migration(item))
        else:
            raise TypeError(
                f"migrations: expected a MigrationMap or a path of a map file, got "
                f"{type(item).__name__}"
            )
    return out


def resolve_migration(
    first: Rubric, second: Rubric, migrations: Migrations = ()
) -> MigrationMap | None:
    """The map from ``first`` to ``second`` (``migrations`` first, then the bundled maps;
    one written the other way is reversed), checked against both rubrics; ``None`` when the
    rubrics are one and the same or no map links them.

    Raises:
        RubricError: a map file cannot be read, or the map does not fit the rubrics.
    """
    maps = _maps(migrations)
    if first.key == second.key:
        return None
    pair = {(first.key, second.key), (second.key, first.key)}
    if maps and not any((m.source, m.target) in pair for m in maps):
        _refuse_unfitting(maps, first, second)
    found = find_migration(first.key, second.key, maps)
    if found is not None:
        check_migration(found, first, second)
    return found


def _refuse_unfitting(maps: list[MigrationMap], first: Rubric, second: Rubric) -> None:
    """Raise: none of the maps the caller gave links ``first`` and ``second`` (either way);
    a given map is never silently replaced by a bundled one."""
    c = Collector(maps[0].path)
    c.add(
        (),
        "links " + ", ".join(m.key for m in maps) + ", not the rubrics compared "
        f"({first.key} and {second.key})",
        show_value=False,
        code="wrong_rubric",
        hint="pass the map between these two rubrics, or leave migrations= out to use a "
        "bundled map",
    )
    raise RubricError(c.problems, maps[0].path)


def require_migration(first: Rubric, second: Rubric, migrations: Migrations = ()) -> MigrationMap:
    """:func:`resolve_migration`, refusing (with how to supply a map) when there is none or it
    links nothing comparable."""
    found = resolve_migration(first, second, migrations)
    if found is None:
        raise ScoringError(
            f"the two sides were scored on different rubrics ({first.key} and {second.key}) "
            "and no migration map links them: write a map (docs/rubric-versions.md) and pass "
            "it as migrations=path (command line: --migration FILE)"
        )
    if not found.usable_links:
        raise ScoringError(
            f"the migration map {found.key} links no indicator with comparability 'same' or "
            "'approximate': the two rubrics share nothing comparable"
        )
    return found
