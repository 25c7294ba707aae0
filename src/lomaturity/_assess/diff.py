"""``diff_rubrics``: what changed between two rubrics (two versions, or a short form and its
full form) and whether their scores compare (docs/rubric-versions.md).

Records are matched by id and compared model field by model field (so a field added to
the model is compared without a change here); a migration map's one-to-one
links between different ids are read as renames. Texts of a format-2 rubric's catalogs, in
every language, are compared by :func:`catalog_changes`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from .._model.migrations import MigrationMap
from .._model.rubric import Rubric
from .._results.rubric_diff import Comparable, RubricChange, RubricDiff
from .._rubrics.migrations import Migrations, resolve_migration
from .._types import RUBRIC, expect

TEXT_FIELDS: Final = frozenset(
    {
        "statement",
        "descriptors",
        "name",
        "description",
        "title",
        "labels",
        "na_label",
        "dont_know_label",
        "question",
        "action",
        "rationale",
    }
)
"""Fields whose change is a rewording (texts shown to respondents or readers)."""

KIND_OF_FIELD: Final = {
    "weight": "reweighted",
    "scale": "rescaled",
    "min": "rescaled",
    "max": "rescaled",
    "reverse": "rekeyed",
    "dimension": "moved",
    "lower": "rebounded",
}
"""Field -> its change kind (fields not listed: ``reworded`` for :data:`TEXT_FIELDS`, else
``changed``)."""

BREAKING: Final = frozenset(
    {
        ("indicator", "added"),
        ("indicator", "removed"),
        ("indicator", "renamed"),
        ("indicator", "reweighted"),
        ("indicator", "rescaled"),
        ("indicator", "rekeyed"),
        ("indicator", "moved"),
        ("dimension", "added"),
        ("dimension", "removed"),
        ("dimension", "reweighted"),
        ("scale", "rescaled"),
    }
)
"""``(target, change)`` pairs that change what a score means or how it is computed; an
indicator's reworded ``statement`` also breaks (see :func:`_breaks`)."""

_RUBRIC_SKIP: Final = frozenset(
    {
        "format",
        "id",
        "version",
        "scales",
        "dimensions",
        "indicators",
        "stages",
        "facts",
        "recommendations",
        "texts",
    }
)
"""Rubric-level keys not compared as the rubric's own fields (compared record by record, or
by :func:`catalog_changes`)."""

_SECTIONS: Final = (
    ("indicator", "indicators"),
    ("dimension", "dimensions"),
    ("scale", "scales"),
    ("stage", "stages"),
    ("fact", "facts"),
    ("recommendation", "recommendations"),
)


def _shown(value: Any) -> str | None:
    """A field value as text for the ``before``/``after`` cells (``None``: absent)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
        return " | ".join(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _kind(field: str) -> str:
    head = field.split(".", 1)[0]
    return KIND_OF_FIELD.get(head, "reworded" if head in TEXT_FIELDS else "changed")


def field_changes(
    target: str, item_id: str, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[RubricChange]:
    """The changes between two ``to_dict()`` mappings of one record, field by field (a
    mapping-valued field such as ``descriptors`` key by key)."""
    out: list[RubricChange] = []
    for key in [*before, *(k for k in after if k not in before)]:
        if key == "id":
            continue
        old, new = before.get(key), after.get(key)
        if isinstance(old, Mapping) and isinstance(new, Mapping) and key == "descriptors":
            out += field_changes(target, item_id, _prefixed(key, old), _prefixed(key, new))
        elif old != new:
            out.append(RubricChange(target, item_id, _kind(key), key, _shown(old), _shown(new)))
    return out


def _prefixed(prefix: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {f"{prefix}.{k}": v for k, v in values.items()}


def _indicator_dict(rubric: Rubric, item: Mapping[str, Any]) -> dict[str, Any]:
    """An indicator's mapping with its scale shown with its points (``agree5 (1-5)``), so
    that a scale whose points changed under the same id reads as ``rescaled``."""
    scale = rubric.scale(item["scale"])
    return {**item, "scale": f"{scale.id} ({scale.min}-{scale.max})"}


def _plain(value: Any) -> Any:
    """A field value as plain data: nested records (conditions) by their ``to_dict()``,
    mappings as dicts, tuples as lists."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def model_fields(record: Any) -> dict[str, Any]:
    """The fields of a model record that take part in its equality (``path`` and the
    fingerprint do not), as plain data: the MODEL's fields, so texts are those of the
    selected language whatever the file format (catalogs: :func:`catalog_changes`)."""
    return {f.name: _plain(getattr(record, f.name)) for f in attrs.fields(type(record)) if f.eq}


def _records(rubric: Rubric, section: str) -> dict[str, dict[str, Any]]:
    items = [model_fields(r) for r in getattr(rubric, section)]
    if section == "indicators":
        items = [_indicator_dict(rubric, i) for i in items]
    return {i["id"]: i for i in items}


def _renames(migration: MigrationMap | None) -> dict[str, str]:
    """Old id -> new id of the map's one-to-one links between different ids."""
    if migration is None:
        return {}
    return {
        k.source[0]: k.target[0]
        for k in migration.links
        if k.kind == "one-to-one" and k.source[0] != k.target[0]
    }


def _section_changes(
    first: Rubric, second: Rubric, target: str, section: str, renames: Mapping[str, str]
) -> list[RubricChange]:
    old, new = _records(first, section), _records(second, section)
    renamed = {a: b for a, b in renames.items() if a in old and b in new and a not in new}
    out: list[RubricChange] = []
    for item_id, before in old.items():
        partner = renamed.get(item_id, item_id)
        if partner not in new:
            out.append(RubricChange(target, item_id, "removed", before=item_id))
            continue
        if partner != item_id:
            out.append(RubricChange(target, item_id, "renamed", "id", item_id, partner))
        out += field_changes(target, item_id, before, new[partner])
    claimed = set(renamed.values())
    out += [
        RubricChange(target, i, "added", after=i) for i in new if i not in old and i not in claimed
    ]
    return out


def catalog_changes(
    first: Mapping[str, Mapping[str, str]],
    second: Mapping[str, Mapping[str, str]],
    *,
    skip: str | None = None,
) -> list[RubricChange]:
    """Rewordings in the text catalogs of two format-2 rubrics, in every language.

    ``first``/``second``: language -> flat catalog (dotted keys such as
    ``indicators.vc_values_stated.statement``), as ``Rubric.texts`` holds them (empty for
    format 1). A text changed, added or dropped in any language is one ``reworded`` change
    with the language in brackets in ``field`` (``statement [fi]``); a language present on
    one side only is left to the rubric's own ``languages`` field. ``skip``: a language
    not compared here (the one both rubrics are loaded in, whose texts the model fields
    already compare).
    """
    out: list[RubricChange] = []
    for language in sorted((set(first) & set(second)) - {skip}):
        old, new = first[language], second[language]
        for key in sorted(set(old) | set(new)):
            if old.get(key) == new.get(key):
                continue
            parts = key.split(".")
            if len(parts) >= 3:
                target, item_id, field = parts[0].removesuffix("s"), parts[1], ".".join(parts[2:])
            else:
                target, item_id, field = "rubric", "", key
            out.append(
                RubricChange(
                    target, item_id, "reworded", f"{field} [{language}]", old.get(key), new.get(key)
                )
            )
    return out


def rubric_changes(
    first: Rubric, second: Rubric, migration: MigrationMap | None = None
) -> list[RubricChange]:
    """Every change from ``first`` to ``second``: indicators, dimensions, scales, stages,
    facts, recommendations, then the rubric's own fields (title, source, language, ...)."""
    out: list[RubricChange] = []
    if second.language != first.language and first.language in second.languages:
        second = second.in_language(first.language)  # compare like with like
    renames = _renames(migration)
    for target, section in _SECTIONS:
        out += _section_changes(
            first, second, target, section, renames if target == "indicator" else {}
        )
    top_a, top_b = model_fields(first), model_fields(second)
    own_a = {k: v for k, v in top_a.items() if k not in _RUBRIC_SKIP}
    own_b = {k: v for k, v in top_b.items() if k not in _RUBRIC_SKIP}
    out += field_changes("rubric", first.id, own_a, own_b)
    # The other languages' catalogs (the selected one was compared field by field above),
    # on the items both rubrics hold (added, removed and renamed items are listed above).
    others = (set(first.texts) & set(second.texts)) - {first.language}
    out += catalog_changes(
        {lang: _on_shared_items(first.texts[lang], second.texts[lang]) for lang in others},
        {lang: _on_shared_items(second.texts[lang], first.texts[lang]) for lang in others},
    )
    return out


def _on_shared_items(catalog: Mapping[str, str], other: Mapping[str, str]) -> dict[str, str]:
    """The texts of ``catalog`` whose item (``section.id``, or the rubric's own title and
    description) ``other`` holds too."""

    def owner(flat_key: str) -> str:
        return ".".join(flat_key.split(".")[:2]) if flat_key.count(".") >= 2 else ""

    items = {owner(k) for k in other}
    return {k: v for k, v in catalog.items() if owner(k) in items}


def _breaks(change: RubricChange) -> bool:
    """Whether a change moves what a score means (see :data:`BREAKING`)."""
    if (change.target, change.change) in BREAKING:
        return True
    return (
        change.target == "indicator"
        and change.change == "reworded"
        and ((change.field or "").startswith("statement"))
    )


def _verdict(
    first: Rubric, second: Rubric, changes: Sequence[RubricChange], migration: MigrationMap | None
) -> tuple[Comparable, str]:
    breaking = [c for c in changes if _breaks(c)]
    if first.id == second.id and not breaking:
        stages = any(c.target == "stage" for c in changes)
        return "yes", (
            "no indicator, scale, keying, weight or dimension changed: scores compare directly"
            + ("; the stages differ, so compare scores rather than stage names" if stages else "")
        )
    why = (
        f"{len(breaking)} change(s) alter what scores mean"
        if first.id == second.id
        else f"different rubrics ({first.id} and {second.id})"
    )
    if migration is not None and migration.usable_links:
        usable = migration.usable_links
        approximate = sum(k.comparability == "approximate" for k in usable)
        return "migration", (
            f"{why}; the migration map {migration.key} links {len(usable)} indicator group(s) "
            f"({approximate} approximate): compare on those only"
        )
    return "no", (
        f"{why}, and no migration map links them; write one (docs/rubric-versions.md) and "
        "pass it as migrations= (command line: --migration FILE)"
    )


def diff_rubrics(
    a: Rubric,
    b: Rubric,
    *,
    migrations: Migrations = (),
) -> RubricDiff:
    """What changed from rubric ``a`` to rubric ``b``, and whether their scores compare.

    Args:
        a, b: the two rubrics (two versions of one rubric, or a short form and its full form).
        migrations: migration maps (or paths of map files) to look in before the bundled
            ones (``rubrics/<id>/migrations/``); a map from ``b`` to ``a`` is read reversed.

    Returns:
        A :class:`~lomaturity.results.RubricDiff`: every change (added, removed, reworded,
        reweighted, rescaled, rekeyed, moved, renamed, ...), and ``comparable``: ``"yes"``
        (no change that alters scores), ``"migration"`` (through the map, on its linked
        indicators) or ``"no"``, with the reason.

    Raises:
        TypeError: ``a`` or ``b`` is not a Rubric.
        RubricError: a map file that cannot be read, or a map that does not fit the rubrics
            (unknown ids, with did-you-mean).
    """
    expect(a, Rubric, "a", RUBRIC)
    expect(b, Rubric, "b", RUBRIC)
    migration = resolve_migration(a, b, migrations)
    changes = rubric_changes(a, b, migration)
    comparable, reason = _verdict(a, b, changes, migration)
    return RubricDiff(
        first=a.key,
        second=b.key,
        first_fingerprint=a.fingerprint,
        second_fingerprint=b.fingerprint,
        changes=tuple(changes),
        comparable=comparable,
        reason=reason,
        migration=None if migration is None else migration.key,
        linked=0 if migration is None else len(migration.usable_links),
    )
