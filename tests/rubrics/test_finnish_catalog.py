"""The Finnish text catalogs (`texts.fi`) of learning-organization 1.1.0 and its pulse form.

The catalogs were written as fragments (`1.1.0.fi-catalog.yaml`, one top-level key `fi:`)
to be indented under `texts:` of `1.1.0.yaml`; the tests read the fragment when it is
there and the rubric file's `texts.fi` otherwise. They check completeness against the
English catalog, the house wording (scale labels, "esihenkilö", no "sinä", one referent
per statement) and the encoding (no UTF-8-read-as-Latin-1 mojibake, no English leftovers).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
FULL = REPO / "rubrics" / "learning-organization"
PULSE = REPO / "rubrics" / "learning-organization-pulse"
VERSION = "1.1.0"
STAGES = ("ad_hoc", "emerging", "developing", "established", "learning_organization")
SCALE_LABELS = {
    "agree5": [
        "Täysin eri mieltä",
        "Jokseenkin eri mieltä",
        "Ei samaa eikä eri mieltä",
        "Jokseenkin samaa mieltä",
        "Täysin samaa mieltä",
    ],
    "freq5": ["Ei koskaan", "Harvoin", "Joskus", "Usein", "Hyvin usein tai aina"],
}
# UTF-8 bytes decoded as Latin-1 / cp1252 ("Ã¤" for "ä", "â€" for a dash), or U+FFFD.
MOJIBAKE = re.compile("Ã.|Â|â€|\ufffd")
# fmt: off
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "with", "for", "is", "are", "learning", "employee", "employees",
    "manager", "managers", "team", "teams", "organization", "strategy", "skills", "work",
    "agree", "disagree", "never", "often", "sometimes", "rarely", "applicable", "know", "don't",
})
# fmt: on
ALLOWED_ENGLISH = ("Chief Learning Officer",)  # kept beside "oppimisjohtaja" on purpose
SECOND_PERSON = frozenset(
    ["sinä", "sinun", "sinua", "sinulle", "sinulla", "sinusta", "sinuun", "sinut"]
)
# Who a statement is about (`referent` in the rubric) -> how the Finnish statement opens.
REFERENT_OPENINGS = {
    "team": ("Tiimissäni",),
    "manager": ("Esihenkilöni",),
    "organization": ("Organisaatiossamme", "Organisaatiomme"),
    "leaders": ("Organisaatiomme ylin johto",),
}


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fi_catalog(folder: Path) -> dict[str, Any]:
    """The Finnish catalog of `folder`'s 1.1.0: the fragment, else `texts.fi` of the file."""
    fragment = folder / f"{VERSION}.fi-catalog.yaml"
    if fragment.exists():
        data = _read(fragment)
        assert isinstance(data, dict)
        assert list(data) == ["fi"], f"{fragment}: only a `fi:` key"
        catalog: dict[str, Any] = data["fi"]
        return catalog
    rubric = folder / f"{VERSION}.yaml"
    if not rubric.exists():
        pytest.skip(f"{rubric} is not in this tree")
    texts = _read(rubric).get("texts", {})
    assert "fi" in texts, f"{rubric}: no `texts.fi` and no {fragment.name}"
    merged: dict[str, Any] = texts["fi"]
    return merged


def en_catalog(folder: Path) -> dict[str, Any]:
    rubric = folder / f"{VERSION}.yaml"
    if not rubric.exists():
        pytest.skip(f"{rubric} (the English catalog) is not in this tree")
    catalog: dict[str, Any] = _read(rubric)["texts"]["en"]
    return catalog


def leaves(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, value) for every leaf; list items get `[i]`."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, f"{path}[{i}]")
    else:
        yield path, node


def text_problems(catalog: Mapping[str, Any]) -> list[str]:
    """Every leaf that is empty, mojibake, English, second person or says "esimies"."""
    found = []
    for key, value in leaves(catalog):
        if not isinstance(value, str) or not value.strip():
            found.append(f"{key}: not a non-empty text: {value!r}")
            continue
        if MOJIBAKE.search(value):
            found.append(f"{key}: mojibake: {value!r}")
        plain = value
        for phrase in ALLOWED_ENGLISH:
            plain = plain.replace(phrase, "")
        words = {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö']+", plain)}
        if words & ENGLISH_WORDS:
            found.append(f"{key}: English {sorted(words & ENGLISH_WORDS)}: {value!r}")
        if words & SECOND_PERSON:
            found.append(f"{key}: second person {sorted(words & SECOND_PERSON)}: {value!r}")
        if "esimie" in value.lower():
            found.append(f"{key}: 'esimies' (use 'esihenkilö'): {value!r}")
    return found


def missing_indicator_texts(fi: Mapping[str, Any], en: Mapping[str, Any]) -> list[str]:
    """Indicator ids of the English catalog without a Finnish statement and five descriptors."""
    missing = []
    for indicator_id in en["indicators"]:
        entry = fi.get("indicators", {}).get(indicator_id)
        if not isinstance(entry, Mapping) or not entry.get("statement"):
            missing.append(f"{indicator_id}: no statement")
            continue
        descriptors = entry.get("descriptors") or {}
        if tuple(descriptors) != STAGES or not all(descriptors.values()):
            missing.append(f"{indicator_id}: descriptors {list(descriptors)}")
    return missing


FOLDERS = pytest.mark.parametrize("folder", [FULL, PULSE], ids=["full", "pulse"])


@FOLDERS
def test_every_indicator_has_a_finnish_statement_and_five_descriptors(folder: Path) -> None:
    assert missing_indicator_texts(fi_catalog(folder), en_catalog(folder)) == []


@FOLDERS
def test_finnish_catalog_has_exactly_the_english_keys(folder: Path) -> None:
    fi_keys = {key for key, _ in leaves(fi_catalog(folder))}
    en_keys = {key for key, _ in leaves(en_catalog(folder))}
    assert sorted(en_keys - fi_keys) == [], "missing in fi"
    assert sorted(fi_keys - en_keys) == [], "stray in fi"


@FOLDERS
def test_texts_are_clean_finnish(folder: Path) -> None:
    assert text_problems(fi_catalog(folder)) == []


@FOLDERS
def test_scale_labels_are_worded_as_finnish_surveys_word_them(folder: Path) -> None:
    for scale_id, scale in fi_catalog(folder)["scales"].items():
        assert scale["labels"] == SCALE_LABELS[scale_id]
        assert scale["na_label"] == "Ei koske minua"
        assert scale["dont_know_label"] == "En osaa sanoa"


@FOLDERS
def test_statements_open_with_their_referent(folder: Path) -> None:
    rubric = folder / f"{VERSION}.yaml"
    if not rubric.exists():
        pytest.skip(f"{rubric} is not in this tree")
    statements = {k: v["statement"] for k, v in fi_catalog(folder)["indicators"].items()}
    wrong = []
    for indicator in _read(rubric)["indicators"]:
        openings = REFERENT_OPENINGS.get(indicator.get("referent"), ())
        if openings and not statements[indicator["id"]].startswith(openings):
            wrong.append((indicator["id"], indicator["referent"]))
        if indicator.get("referent") == "self" and statements[indicator["id"]].startswith(
            ("Tiimissäni", "Organisaatio", "Esihenkilöni")
        ):
            wrong.append((indicator["id"], "self"))
    assert wrong == []


def test_pulse_texts_are_the_full_forms_texts() -> None:
    full, pulse = fi_catalog(FULL), fi_catalog(PULSE)
    for section in ("scales", "dimensions", "indicators", "stages"):
        for key, value in pulse[section].items():
            assert value == full[section][key], f"{section}.{key}"


def test_the_checks_catch_a_doctored_catalog() -> None:
    doctored = copy.deepcopy(fi_catalog(FULL))
    first, second, *_ = doctored["indicators"]
    del doctored["indicators"][first]["descriptors"]["emerging"]
    doctored["indicators"][second]["statement"] = "Tiimissäni pÃ¤Ã¤tetÃ¤Ã¤n yhdessÃ¤."
    doctored["stages"]["ad_hoc"]["name"] = "Ad hoc stage of the organization"
    doctored["dimensions"]["strategy"]["name"] = "Sinä ja esimiehesi"
    doctored["title"] = ""
    problems = text_problems(doctored)
    assert any(p.startswith(f"indicators.{second}.statement: mojibake") for p in problems)
    assert any(p.startswith("stages.ad_hoc.name: English") for p in problems)
    assert any(p.startswith("dimensions.strategy.name: second person") for p in problems)
    assert any(p.startswith("dimensions.strategy.name: 'esimies'") for p in problems)
    assert any(p.startswith("title: not a non-empty text") for p in problems)
    en: dict[str, Any] = {"indicators": {first: {}, second: {}, "unknown_id": {}}}
    assert missing_indicator_texts(doctored, en) == [
        f"{first}: descriptors {list(STAGES[:1] + STAGES[2:])}",
        "unknown_id: no statement",
    ]
