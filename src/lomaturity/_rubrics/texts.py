"""The text catalogs of a format-2 rubric file: reading and checking the ``texts`` section.

A format-2 file keeps its structure (ids, scales, weights, conditions) language-neutral and
every text in ``texts.<language>``. This module

* refuses texts written into the structure (``statement`` on an indicator of a format-2
  file belongs in ``texts.<language>.indicators.<id>.statement``) and format-2 keys in a
  format-1 file ("needs format: 2");
* puts placeholder texts into a copy of the structure, so the format-1 field checks of
  :mod:`.parse` read it unchanged (the real texts then come from the catalog, through
  :meth:`Rubric.in_language <lomaturity.Rubric.in_language>`);
* reads every catalog into the flat shape of :mod:`lomaturity._model.catalog`, checking
  completeness: every id of the structure has every required text in every declared
  language, no catalog has a stray language, section, id or field, label lists fit their
  scale, descriptors name stages, choice labels name the fact's choices, and the optional
  texts (labels, ``na_label``, descriptors) are given in every language or in none.

Writing a catalog back is :meth:`Rubric.to_dict <lomaturity.Rubric.to_dict>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from .._hints import listing, quoted
from .._model.catalog import CATALOG_FIELDS, STRUCTURE_TEXTS, TOP_TEXTS, flatten, key
from .fields import MISSING, Collector, Spec, check_value, read_fields
from .yaml import REFUSED, Path, clip

FORMAT2_ONLY: Final[Mapping[str, tuple[str, ...]]] = {
    "": ("languages", "texts", "facts", "stage_rule"),
    "scales": ("dont_know", "dont_know_label"),
    "indicators": ("referent",),
}
"""Where ("" = top level) the keys that only a format-2 file may hold are."""

PLACEHOLDER: Final = "-"
"""Text put into a format-2 structure where :mod:`.parse` needs one before the catalog's."""

_SINGULAR: Final = {
    "scales": "scale",
    "dimensions": "dimension",
    "indicators": "indicator",
    "stages": "stage",
    "facts": "fact",
    "recommendations": "recommendation",
}
_REQUIRED: Final[Mapping[str, frozenset[str]]] = {
    "scales": frozenset(),
    "dimensions": frozenset({"name", "description"}),
    "indicators": frozenset({"statement"}),
    "stages": frozenset({"name", "description"}),
    "facts": frozenset({"question"}),
    "recommendations": frozenset({"title", "action", "rationale"}),
}
"""Catalog fields every item of a section needs in every language."""
_OPTIONAL: Final = ("labels", "na_label", "descriptors")
"""Catalog fields an item may leave out, if it does so in every language."""


def check_format_keys(c: Collector, data: Mapping[str, Any], fmt: int) -> None:
    """Report keys of the wrong format: format-2 keys in a format-1 file, texts (and
    ``language``) in the structure of a format-2 file."""
    if fmt == 1:
        for section, names in FORMAT2_ONLY.items():
            for path, item in _items(data, section):
                for name in names:
                    if name in item:
                        c.add(
                            (*path, name),
                            "needs format: 2 (this file says format: 1)",
                            show_value=False,
                            code="needs_format_2",
                            hint="write format: 2 at the top, with languages and texts",
                        )
        return
    if "language" in data:
        c.add(
            ("language",),
            "is a format-1 field; a format-2 file lists its languages in 'languages'",
            data["language"],
            code="format_1_field",
            hint="languages: [en, fi] (the first is the default)",
        )
    for name in TOP_TEXTS:
        if name in data:
            _text_in_structure(c, (name,), f"texts.<language>.{name}")
    for section, names in STRUCTURE_TEXTS.items():
        for path, item in _items(data, section):
            for name in names:
                if name in item:
                    where = key(
                        "texts.<language>", section, clip(str(item.get("id", "<id>"))), name
                    )
                    _text_in_structure(c, (*path, name), where)


def _text_in_structure(c: Collector, path: Path, where: str) -> None:
    c.add(
        path,
        f"is a text; in a format-2 file it belongs in {where}",
        show_value=False,
        code="text_in_structure",
    )


def _items(data: Mapping[str, Any], section: str) -> list[tuple[Path, dict[str, Any]]]:
    """``[((), data)]`` for the top level, else the mapping items of a section's list."""
    if not section:
        return [((), dict(data))]
    raw = data.get(section)
    if not isinstance(raw, list):
        return []
    return [((section, i), item) for i, item in enumerate(raw) if isinstance(item, dict)]


def with_placeholders(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a format-2 mapping with :data:`PLACEHOLDER` texts where format 1 requires
    text (titles, names, descriptions, statements, questions, recommendation texts) and
    without the texts the structure must not hold (already reported)."""
    out = {k: v for k, v in data.items() if k not in ("language", *TOP_TEXTS)}
    out.update(dict.fromkeys(TOP_TEXTS, PLACEHOLDER), language="und")
    for section, required in _REQUIRED.items():
        raw = data.get(section)
        if not isinstance(raw, list):
            continue
        dropped = STRUCTURE_TEXTS[section]
        fields = dict.fromkeys(required, PLACEHOLDER)
        out[section] = [
            {**{k: v for k, v in item.items() if k not in dropped}, **fields}
            if isinstance(item, dict)
            else item
            for item in raw
        ]
    return out


class Structure:
    """What the catalogs are checked against: per section, the ids declared (``None``: the
    section is broken, its ids are not checked), and the facts' choices, the scales' point
    counts and "don't know" flags, the stage ids."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.ids: dict[str, list[str] | None] = {}
        self.raw: dict[str, dict[str, dict[str, Any]]] = {}
        for section in CATALOG_FIELDS:
            raw = data.get(section)
            if raw is None and section in ("facts", "recommendations"):
                raw = []
            if not isinstance(raw, list):
                self.ids[section] = None
                continue
            items = {
                item["id"]: item
                for item in raw
                if isinstance(item, dict) and isinstance(item.get("id"), str)
            }
            self.ids[section] = list(items)
            self.raw[section] = items

    def item(self, section: str, item_id: str) -> dict[str, Any]:
        return self.raw.get(section, {}).get(item_id, {})

    def points(self, scale_id: str) -> int | None:
        """Answer points of a scale whose bounds are valid integers (else ``None``)."""
        lo, hi = (self.item("scales", scale_id).get(b) for b in ("min", "max"))
        if not all(isinstance(b, int) and not isinstance(b, bool) for b in (lo, hi)):
            return None
        assert isinstance(lo, int)
        assert isinstance(hi, int)
        return hi - lo + 1 if lo < hi else None


def read_catalogs(
    c: Collector, raw: Any, languages: Sequence[str], structure: Structure
) -> dict[str, dict[str, str]]:
    """The ``texts`` section as language -> flat catalog, checked for completeness."""
    path: Path = ("texts",)
    if raw is MISSING or raw is REFUSED:
        return {}
    if raw is None:
        c.add((), "missing required field 'texts'", show_value=False, code="missing_field")
        return {}
    if not check_value(c, path, "mapping", raw):
        return {}
    for lang in raw:
        if lang not in languages:
            c.add(
                (*path, str(lang)),
                "is not one of the rubric's languages",
                lang,
                code="unknown_language",
                hint=c.hint(lang, languages) or "languages: " + listing(list(languages)),
            )
    catalogs: dict[str, dict[str, str]] = {}
    broken: set[str] = set()
    for lang in languages:
        if lang not in raw:
            c.add(
                path,
                f"has no catalog for language {quoted(lang)}",
                show_value=False,
                code="missing_text",
            )
            continue
        catalog = _catalog(c, raw[lang], (*path, lang), structure, broken)
        if catalog is not None:
            catalogs[lang] = catalog
    _check_optional_alike(c, catalogs, languages, broken)
    return catalogs


def _catalog(
    c: Collector, raw: Any, path: Path, structure: Structure, broken: set[str]
) -> dict[str, str] | None:
    """One language's catalog as flat keys; ``broken`` collects the ``section.id`` of every
    item with a problem (its optional texts are not compared across languages)."""
    spec: Spec = {
        **dict.fromkeys(TOP_TEXTS, ("text", True, None)),
        **{section: ("mapping", False, {}) for section in CATALOG_FIELDS},
    }
    top = read_fields(c, raw, path, spec)
    if top is None:
        return None
    flat = {name: top[name] for name in TOP_TEXTS if top[name] is not MISSING}
    for section in CATALOG_FIELDS:
        if top[section] is not MISSING:
            flat.update(_section(c, top[section], (*path, section), section, structure, broken))
    return flat


def _section(
    c: Collector,
    raw: Mapping[Any, Any],
    path: Path,
    section: str,
    structure: Structure,
    broken: set[str],
) -> dict[str, str]:
    ids = structure.ids[section]
    what = _SINGULAR[section]
    flat: dict[str, str] = {}
    if ids is not None:
        for item_id in ids:
            if item_id not in raw:
                c.add(
                    path,
                    f"has no texts for {what} {quoted(item_id)}",
                    show_value=False,
                    code="missing_text",
                )
    for item_id, item in raw.items():
        if ids is not None and item_id not in ids:
            c.add(
                (*path, str(item_id)),
                f"is not a {what} id of this rubric",
                show_value=False,
                code="unknown_reference",
                hint=c.hint(item_id, ids) or ("known: " + listing(ids) if ids else None),
            )
            continue
        before = len(c.problems)
        texts = _item(c, item, (*path, str(item_id)), section, structure)
        if len(c.problems) > before:
            broken.add(key(section, str(item_id)))
        flat.update({key(section, str(item_id), k): v for k, v in texts.items()})
    return flat


def _item(c: Collector, raw: Any, path: Path, section: str, structure: Structure) -> dict[str, str]:
    """One item's texts as flat keys relative to the item (only the valid ones)."""
    required = _REQUIRED[section]
    spec: Spec = {
        name: (shape, name in required, None) for name, shape in CATALOG_FIELDS[section].items()
    }
    values = read_fields(c, raw, path, spec)
    if values is None:
        return {}
    item_id = str(path[-1])
    out: dict[str, str] = {}
    for name, shape in CATALOG_FIELDS[section].items():
        value = values[name]
        if value is MISSING or value is None:
            continue
        if shape == "list":
            value = _labels(c, (*path, name), value, structure.points(item_id))
        elif shape == "mapping":
            value = _named(c, (*path, name), value, _names(section, item_id, structure))
        if value is not None:
            out.update(flatten({name: value}))
    _check_dont_know(c, path, section, values, structure)
    _check_choices(c, path, section, values, structure)
    return out


def _labels(c: Collector, path: Path, labels: list[Any], points: int | None) -> list[str] | None:
    """Valid answer labels (one per point of the scale), else ``None``; ``[]``: unlabelled."""
    if not labels:
        return None
    checked = [check_value(c, (*path, i), "text", label) for i, label in enumerate(labels)]
    ok = all(checked)  # every label checked, each problem reported
    if ok and points is not None and len(labels) != points:
        c.add(
            path,
            f"has {len(labels)} labels; the scale has {points} answer points",
            show_value=False,
            code="wrong_length",
        )
        ok = False
    return labels if ok else None


def _names(section: str, item_id: str, structure: Structure) -> list[str] | None:
    """The names a mapping of texts may use: stage ids (descriptors), choices (facts)."""
    if section == "indicators":
        return structure.ids["stages"]
    choices = structure.item("facts", item_id).get("choices")
    return [str(x) for x in choices] if isinstance(choices, list) else None


def _named(
    c: Collector, path: Path, texts: Mapping[Any, Any], names: list[str] | None
) -> dict[str, str] | None:
    ok = True
    for name, text in texts.items():
        if names is not None and name not in names:
            c.add(
                (*path, str(name)),
                "names none of "
                + ("the rubric's stages" if path[-1] == "descriptors" else "the fact's choices"),
                name,
                code="unknown_reference",
                hint=c.hint(name, names) or ("known: " + listing(names) if names else None),
            )
            ok = False
        else:
            ok &= check_value(c, (*path, str(name)), "text", text)
    return {str(k): v for k, v in texts.items()} if ok else None


def _check_dont_know(
    c: Collector, path: Path, section: str, values: Mapping[str, Any], structure: Structure
) -> None:
    if section != "scales":
        return
    allowed = structure.item("scales", str(path[-1])).get("dont_know") is True
    given = values["dont_know_label"] not in (None, MISSING)
    if allowed and values["dont_know_label"] is None:
        c.add(
            path,
            "missing 'dont_know_label'; the scale has dont_know: true",
            show_value=False,
            code="missing_text",
        )
    elif given and not allowed:
        c.add(
            (*path, "dont_know_label"),
            "is given but the scale does not have dont_know: true",
            show_value=False,
            code="inconsistent",
        )
    elif given and isinstance(values["dont_know_label"], str):
        _check_dont_know_label(c, (*path, "dont_know_label"), values)


_ANSWER_TOKENS: Final = re.compile(r"\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)|[Nn][Aa]|[Nn]/[Aa])\s*")
"""Cell texts a responses file reads as an answer or as N/A (numbers, ``NA``, ``N/A``); a
"don't know" label must not be one of them (the schema's ``dont_know_label`` pattern)."""


def _check_dont_know_label(c: Collector, path: Path, values: Mapping[str, Any]) -> None:
    """Refuse a "don't know" label a respondent or a responses file could not tell apart:
    a number or the N/A token (the cell would read as that), or another answer label."""
    label: str = values["dont_know_label"]
    if _ANSWER_TOKENS.fullmatch(label):
        why = "reads as an answer (a number) or as N/A in a responses file"
    else:
        others = values["labels"] if isinstance(values["labels"], list) else []
        others = [*others, values["na_label"]]
        if label.strip().casefold() not in {
            o.strip().casefold() for o in others if isinstance(o, str)
        }:
            return
        why = "is also another answer's label of the scale"
    c.add(
        path,
        f"{why}; the don't-know answer needs a label of its own",
        label,
        code="ambiguous_label",
        hint="for example 'Don't know'",
    )


def _check_choices(
    c: Collector, path: Path, section: str, values: Mapping[str, Any], structure: Structure
) -> None:
    if section != "facts":
        return
    choices = _names(section, str(path[-1]), structure)
    labels = values["choices"]
    if not choices or labels is MISSING:
        return
    missing = [x for x in choices if x not in (labels or {})]
    if missing:
        c.add(
            path,
            "has no label for the choice " + listing(missing) + " of the fact",
            show_value=False,
            code="missing_text",
        )


def _check_optional_alike(
    c: Collector,
    catalogs: Mapping[str, dict[str, str]],
    languages: Sequence[str],
    broken: set[str],
) -> None:
    """Optional texts (labels, ``na_label``, descriptors) are given in every language or in
    none: compared with the first language, per item that both catalogs hold."""
    if not languages or languages[0] not in catalogs:
        return
    first = languages[0]
    base = _optional_keys(catalogs[first])
    for lang in languages[1:]:
        if lang not in catalogs:
            continue
        other = _optional_keys(catalogs[lang])
        items = {_owner(k) for k in catalogs[lang]} & {_owner(k) for k in catalogs[first]}
        for flat_key in sorted(base ^ other):
            if _owner(flat_key) not in items or _owner(flat_key) in broken:
                continue
            has = lang if flat_key in other else first
            lacks = first if has == lang else lang
            where = ("texts", lacks, *_parts(flat_key))
            c.add(
                where,
                f"is missing in {quoted(lacks)} but given in {quoted(has)}; optional texts "
                "are given in every language or in none",
                show_value=False,
                code="missing_text",
            )


def _optional_keys(catalog: Mapping[str, str]) -> set[str]:
    return {k for k in catalog if k.count(".") >= 2 and k.split(".")[2] in _OPTIONAL}


def _owner(flat_key: str) -> str:
    """``section.id``: the item a flat key (``section.id.field...``) belongs to."""
    parts = flat_key.split(".")
    return ".".join(parts[:2])


def _parts(flat_key: str) -> Path:
    return tuple(int(p) if p.isdigit() else p for p in flat_key.split("."))
