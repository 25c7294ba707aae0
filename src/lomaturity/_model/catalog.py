"""Text catalogs of a format-2 rubric: the keys, and the flat <-> nested shapes.

A format-2 rubric file keeps its structure language-neutral and its texts in one catalog
per language (``texts: {en: {...}, fi: {...}}``). In memory a catalog is *flat*: dotted keys
such as ``indicators.vc_values_stated.statement`` or ``scales.agree5.labels.0`` mapping to
text. This module is the one home of that key scheme; :meth:`Rubric.in_language
<lomaturity.Rubric.in_language>` puts one catalog's texts into the model's text fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = [
    "CATALOG_FIELDS",
    "STRUCTURE_TEXTS",
    "TOP_TEXTS",
    "flatten",
    "key",
    "labels_of",
    "mapping_of",
    "nest",
]

TOP_TEXTS: Final = ("title", "description")
"""Texts of the rubric itself (catalog keys ``title`` and ``description``)."""

CATALOG_FIELDS: Final[Mapping[str, Mapping[str, str]]] = {
    "scales": {"labels": "list", "na_label": "text", "dont_know_label": "text"},
    "dimensions": {"name": "text", "description": "text"},
    "indicators": {"statement": "text", "descriptors": "mapping"},
    "stages": {"name": "text", "description": "text"},
    "facts": {"question": "text", "choices": "mapping"},
    "recommendations": {"title": "text", "action": "text", "rationale": "text"},
}
"""Section -> catalog field -> shape (``text``, a ``list`` of texts or a ``mapping`` of id
to text) of the texts one item of a rubric section has in a catalog."""

STRUCTURE_TEXTS: Final[Mapping[str, tuple[str, ...]]] = {
    "scales": ("labels", "na_label", "dont_know_label"),
    "dimensions": ("name", "description"),
    "indicators": ("statement", "descriptors"),
    "stages": ("name", "description"),
    "facts": ("question", "choice_labels"),
    "recommendations": ("title", "action", "rationale"),
}
"""Section -> the keys of an item's ``to_dict()`` that are texts: a format-2 file keeps them
in ``texts``, not in the structure."""


def key(*parts: str | int) -> str:
    """The flat catalog key of ``parts``: ``key("scales", "agree5", "labels", 0)``."""
    return ".".join(str(p) for p in parts)


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A nested catalog (mappings, lists of texts, texts) as flat dotted keys, in order."""
    out: dict[str, str] = {}
    for name, value in tree.items():
        here = f"{prefix}{name}"
        if isinstance(value, Mapping):
            out.update(flatten(value, here + "."))
        elif isinstance(value, list | tuple):
            out.update((f"{here}.{i}", text) for i, text in enumerate(value))
        else:
            out[here] = value
    return out


def nest(flat: Mapping[str, str]) -> dict[str, Any]:
    """A flat catalog as the nested mapping written to a file (label lists as lists).

    Ids never consist of digits only, so a mapping whose keys are ``0..n-1`` is a list.
    """
    tree: dict[str, Any] = {}
    for dotted, text in flat.items():
        *parents, last = dotted.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = text
    out: dict[str, Any] = _lists(tree)
    return out


def _lists(node: dict[str, Any]) -> Any:
    if node and all(k == str(i) for i, k in enumerate(node)):
        return [node[k] for k in node]
    return {k: _lists(v) if isinstance(v, dict) else v for k, v in node.items()}


def labels_of(catalog: Mapping[str, str], prefix: str) -> tuple[str, ...]:
    """The texts under ``prefix.0``, ``prefix.1``, ... (empty when there are none)."""
    out: list[str] = []
    while (text := catalog.get(f"{prefix}.{len(out)}")) is not None:
        out.append(text)
    return tuple(out)


def mapping_of(catalog: Mapping[str, str], prefix: str) -> dict[str, str]:
    """The texts under ``prefix.<name>``, by name, in catalog order."""
    start = prefix + "."
    return {k[len(start) :]: v for k, v in catalog.items() if k.startswith(start)}
