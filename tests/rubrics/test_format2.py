"""Rubric format 2: language-neutral structure plus text catalogs, and format 1 unchanged."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from lomaturity._model.catalog import flatten, nest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
TINY2 = DATA / "tiny-bilingual.yaml"
TINY2_TEXT = TINY2.read_text(encoding="utf-8")
SCHEMA = json.loads((REPO / "rubrics" / "rubric.schema.json").read_text(encoding="utf-8"))
FINGERPRINT_1_0_0 = "sha256:feeae1dc0af3824fbd090649fe506847115500234cd226086faaff887f80c066"


def tiny2() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TINY2_TEXT)
    return data


def problems(data: Any, **kwargs: Any) -> list[lm.exceptions.Problem]:
    with pytest.raises(lm.RubricError) as info:
        lm.parse_rubric(data, **kwargs)
    return list(info.value.problems)


def one(found: list[lm.exceptions.Problem], path: str) -> lm.exceptions.Problem:
    at = [p for p in found if p.path == path]
    assert len(at) == 1, "\n".join(str(p) for p in found)
    return at[0]


# --- format 1 stays as it was ---------------------------------------------------------------


def test_1_0_0_keeps_its_fingerprint_and_shape() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert rubric.fingerprint == FINGERPRINT_1_0_0
    assert rubric.format == 1
    assert rubric.languages == ("en",)
    assert rubric.language == "en"
    assert rubric.texts == {}
    assert rubric.in_language("en") is rubric
    data = rubric.to_dict()
    assert list(data)[:6] == ["format", "id", "version", "title", "description", "language"]
    assert not {"languages", "texts", "facts"} & set(data)
    assert all(
        "referent" not in i and "dont_know" not in s
        for i in data["indicators"]
        for s in data["scales"]
    )


def test_format_1_has_one_language() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    with pytest.raises(lm.RubricError, match="available: en") as info:
        rubric.in_language("fi")
    assert info.value.problems[0].code == "unknown_language"
    with pytest.raises(lm.RubricError, match="is not a language of"):
        lm.load_rubric("learning-organization@1.0.0", language="fi")


@pytest.mark.parametrize(
    ("where", "key", "value", "path"),
    [
        ((), "languages", ["en"], "$.languages"),
        ((), "texts", {"en": {}}, "$.texts"),
        ((), "facts", [], "$.facts"),
        (("scales", 0), "dont_know", True, "$.scales[0].dont_know"),
        (("scales", 0), "dont_know_label", "Don't know", "$.scales[0].dont_know_label"),
        (("indicators", 0), "referent", "team", "$.indicators[0].referent"),
    ],
)
def test_format_2_keys_in_a_format_1_file_need_format_2(
    tiny_rubric_yaml: str, where: tuple[Any, ...], key: str, value: Any, path: str
) -> None:
    data = yaml.safe_load(tiny_rubric_yaml)
    target = data
    for part in where:
        target = target[part]
    target[key] = value
    found = problems(data)
    assert len(found) == 1, found
    problem = one(found, path)
    assert problem.code == "needs_format_2"
    assert "needs format: 2" in problem.message


def test_format_2_key_in_a_format_1_file_has_its_line(
    tmp_path: Path, tiny_rubric_yaml: str
) -> None:
    text = tiny_rubric_yaml.replace("language: en\n", "language: en\nlanguages: [en, fi]\n", 1)
    path = tmp_path / "old.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric(path)
    line = text.splitlines().index("languages: [en, fi]") + 1
    assert f"old.yaml:{line}: $.languages: needs format: 2" in str(info.value)


# --- format 2 loads, switches language and round-trips --------------------------------------


def test_format_2_loads_in_its_default_language() -> None:
    rubric = lm.load_rubric(TINY2)
    assert rubric.format == 2
    assert rubric.languages == ("en", "fi")
    assert rubric.language == "en"
    assert rubric.title == "Tiny bilingual rubric"
    agree = rubric.scale("agree5")
    assert agree.labels[0] == "Strongly disagree"
    assert (agree.dont_know, agree.dont_know_label, agree.na_label) == (
        True,
        "Don't know",
        "Not applicable",
    )
    assert rubric.scale("freq5").na_label is None
    blame = rubric.indicator("cu_blame")
    assert blame.referent == "team"
    assert blame.descriptors == {
        "low": "Failures are punished.",
        "high": "Failures are discussed openly.",
    }
    assert rubric.indicator("cu_talk").descriptors == {}
    assert rubric.stage("high").name == "High"
    assert rubric.recommendation("name_owner").title == "Name an owner for learning"
    assert set(rubric.texts) == {"en", "fi"}
    assert rubric.texts["fi"]["indicators.st_skills.statement"].startswith("Strategiassa")


def test_format_2_facts_are_declared() -> None:
    rubric = lm.load_rubric(TINY2, language="fi")
    owner = rubric.fact("learning_owner")
    assert owner.type == "choice"
    assert owner.choices == ("none", "part_time", "dedicated")
    assert owner.choice_labels["none"] == "Ei ole"
    assert owner.source == "A new role for help"
    assert owner.question.startswith("Onko")
    headcount = rubric.fact("headcount")
    assert (headcount.type, headcount.minimum, headcount.maximum) == ("integer", 1, None)
    assert headcount.choice_labels == {}


def test_language_picks_the_catalog_and_keeps_the_identity() -> None:
    en = lm.load_rubric(TINY2)
    fi = lm.load_rubric(TINY2, language="fi")
    assert fi.language == "fi"
    assert fi.title == "Pieni kaksikielinen arviointimalli"
    assert fi.scale("agree5").dont_know_label == "en osaa sanoa"
    assert fi.recommendation("name_owner").title == "Nimeä oppimiselle omistaja"
    assert fi.key == en.key
    assert fi.fingerprint == en.fingerprint
    assert fi.to_dict() == en.to_dict()
    assert fi != en
    assert en.in_language("fi") == fi
    assert fi.in_language("en") == en
    # structure is untouched
    assert [i.weight for i in fi.indicators] == [i.weight for i in en.indicators]
    assert fi.recommendation("name_owner").when == en.recommendation("name_owner").when


def test_unknown_language_names_the_available_ones() -> None:
    with pytest.raises(lm.RubricError, match="available: en, fi") as info:
        lm.load_rubric(TINY2, language="sv")
    assert info.value.problems[0].code == "unknown_language"


@pytest.mark.parametrize("language", ["en", "fi"])
def test_dump_and_parse_round_trip(language: str) -> None:
    rubric = lm.load_rubric(TINY2, language=language)
    text = lm.dump_rubric(rubric)
    again = lm.read_rubric_bytes(text, language=language)
    assert again == rubric
    assert again.fingerprint == rubric.fingerprint
    written = yaml.safe_load(text)
    assert list(written)[-1] == "texts"
    for lang in ("en", "fi"):
        assert flatten(written["texts"][lang]) == flatten(tiny2()["texts"][lang])
    assert written["languages"] == ["en", "fi"]
    assert "statement" not in written["indicators"][0]


def test_catalog_flattening_round_trips() -> None:
    catalog = tiny2()["texts"]["en"]
    flat = flatten(catalog)
    assert flat["scales.agree5.labels.4"] == "Strongly agree"
    assert flat["facts.learning_owner.choices.none"] == "No one"
    assert nest(flat) == catalog


def test_repr_leaves_the_catalogs_out() -> None:
    shown = repr(lm.load_rubric(TINY2))
    assert "Strategiassa" not in shown
    assert "texts=" not in shown


# --- format-2 problems: path, line, code, did-you-mean --------------------------------------


def test_missing_text_names_language_section_and_id(tmp_path: Path) -> None:
    text = TINY2_TEXT.replace(
        "      cu_talk:\n        statement: Kuinka usein oppiminen tulee puheeksi tiimini "
        "keskusteluissa.\n",
        "",
    )
    assert text != TINY2_TEXT
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric(path)
    (problem,) = info.value.problems
    assert problem.path == "$.texts.fi.indicators"
    assert problem.code == "missing_text"
    assert "no texts for indicator 'cu_talk'" in problem.message
    assert problem.line is not None
    assert problem.file == str(path)


def test_misspelt_id_in_a_catalog_gets_a_hint() -> None:
    data = tiny2()
    indicators = data["texts"]["fi"]["indicators"]
    indicators["st_skils"] = indicators.pop("st_skills")
    found = problems(data)
    stray = one(found, "$.texts.fi.indicators.st_skils")
    assert stray.code == "unknown_reference"
    assert stray.hint == "did you mean 'st_skills'?"
    assert one(found, "$.texts.fi.indicators").code == "missing_text"


def test_missing_statement_is_reported_at_its_catalog_path() -> None:
    data = tiny2()
    del data["texts"]["fi"]["indicators"]["st_skills"]["statement"]
    problem = one(problems(data), "$.texts.fi.indicators.st_skills")
    assert "missing required field 'statement'" in problem.message


def test_misspelt_text_field_gets_a_hint() -> None:
    data = tiny2()
    item = data["texts"]["en"]["indicators"]["cu_talk"]
    item["statment"] = item.pop("statement")
    found = problems(data)
    assert one(found, "$.texts.en.indicators.cu_talk.statment").hint == "did you mean 'statement'?"


@pytest.mark.parametrize(
    ("mutate", "path", "code"),
    [
        (lambda d: d["texts"].pop("fi"), "$.texts", "missing_text"),
        (
            lambda d: d["texts"].__setitem__("sv", d["texts"]["en"]),
            "$.texts.sv",
            "unknown_language",
        ),
        (
            lambda d: d.__setitem__("languages", ["en", "fi", "en"]),
            "$.languages[2]",
            "duplicate_id",
        ),
        (
            lambda d: d.__setitem__("languages", ["en", "Finnish"]),
            "$.languages[1]",
            "invalid_language",
        ),
        (lambda d: d.__setitem__("languages", []), "$.languages", "empty"),
        (lambda d: d.pop("languages"), "$", "missing_field"),
        (lambda d: d.pop("texts"), "$", "missing_field"),
        (lambda d: d.__setitem__("language", "en"), "$.language", "format_1_field"),
        (lambda d: d.__setitem__("title", "T"), "$.title", "text_in_structure"),
        (
            lambda d: d["indicators"][0].__setitem__("statement", "S"),
            "$.indicators[0].statement",
            "text_in_structure",
        ),
        (
            lambda d: d["recommendations"][0].__setitem__("title", "T"),
            "$.recommendations[0].title",
            "text_in_structure",
        ),
        (
            lambda d: d["texts"]["fi"]["scales"]["freq5"]["labels"].pop(),
            "$.texts.fi.scales.freq5.labels",
            "wrong_length",
        ),
        (
            lambda d: d["texts"]["fi"]["scales"]["freq5"]["labels"].__setitem__(0, ""),
            "$.texts.fi.scales.freq5.labels[0]",
            "empty",
        ),
        (
            lambda d: d["texts"]["fi"]["indicators"]["cu_blame"]["descriptors"].__setitem__(
                "hihg", "x"
            ),
            "$.texts.fi.indicators.cu_blame.descriptors.hihg",
            "unknown_reference",
        ),
        (
            lambda d: d["texts"]["fi"]["scales"]["agree5"].pop("na_label"),
            "$.texts.fi.scales.agree5.na_label",
            "missing_text",
        ),
        (
            lambda d: d["texts"]["fi"]["scales"]["agree5"].pop("dont_know_label"),
            "$.texts.fi.scales.agree5",
            "missing_text",
        ),
        (
            lambda d: d["scales"][1].__setitem__("dont_know", False),
            "$.texts.en.scales.freq5.dont_know_label",
            "inconsistent",
        ),
        (
            lambda d: d["texts"]["en"]["facts"]["learning_owner"]["choices"].pop("none"),
            "$.texts.en.facts.learning_owner",
            "missing_text",
        ),
        (
            lambda d: d["indicators"][0].__setitem__("referent", "teams"),
            "$.indicators[0].referent",
            "unknown_reference",
        ),
        (lambda d: d["facts"][1].__setitem__("type", "int"), "$.facts[1].type", "unknown_type"),
        (
            lambda d: d["facts"][1].__setitem__("choices", ["a", "b"]),
            "$.facts[1].choices",
            "inconsistent",
        ),
        (lambda d: d["facts"][0].pop("choices"), "$.facts[0].choices", "empty"),
        (
            lambda d: d["facts"][0].__setitem__("choices", ["none", "none"]),
            "$.facts[0].choices[1]",
            "duplicate_id",
        ),
        (lambda d: d["facts"][1].__setitem__("minimum", 1.5), "$.facts[1].minimum", "wrong_type"),
        (lambda d: d["facts"][1].__setitem__("maximum", 0), "$.facts[1].maximum", "out_of_range"),
        (
            lambda d: d["facts"][0].__setitem__("minimum", 0),
            "$.facts[0].minimum",
            "inconsistent",
        ),
        (
            lambda d: d["facts"][1].__setitem__("id", "learning_owner"),
            "$.facts[1].id",
            "duplicate_id",
        ),
    ],
)
def test_format_2_problem(mutate: Any, path: str, code: str) -> None:
    data = tiny2()
    mutate(data)
    problem = one(problems(data), path)
    assert problem.code == code, problem


def test_misspelt_referent_and_fact_type_get_hints() -> None:
    data = tiny2()
    data["indicators"][0]["referent"] = "teams"
    data["facts"][1]["type"] = "integr"
    found = problems(data)
    assert one(found, "$.indicators[0].referent").hint == "did you mean 'team'?"
    assert one(found, "$.facts[1].type").hint == "did you mean 'integer'?"


def test_a_format_1_file_marked_format_2_gets_one_clear_problem(tiny_rubric_yaml: str) -> None:
    data = yaml.safe_load(tiny_rubric_yaml)
    data["format"] = 2
    (problem,) = problems(data)
    assert problem.path == "$.format"
    assert problem.code == "format_mismatch"
    assert "is it a format-1 file?" in problem.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_missing_catalog_text_is_reported_in_its_catalog(data: st.DataObject) -> None:
    """Deleting any one text of the Finnish catalog is an error whose path is in that
    catalog (never a crash, never a silently shorter rubric)."""
    mapping = tiny2()
    flat = flatten(mapping["texts"]["fi"])
    dotted = data.draw(st.sampled_from(sorted(flat)))
    del flat[dotted]
    mapping["texts"]["fi"] = nest(flat)
    found = problems(mapping)
    assert any(p.path.startswith("$.texts.fi") for p in found), found


# --- the search path --------------------------------------------------------------------------


def write_rubric(folder: Path, version: str = "1.0.0", name: str | None = None) -> Path:
    target = folder / "tiny-bilingual" / (name or f"{version}.yaml")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(TINY2_TEXT.replace('version: "1.0.0"', f'version: "{version}"'), "utf-8")
    return target


def test_paths_find_a_user_rubric_by_id(tmp_path: Path) -> None:
    where = write_rubric(tmp_path)
    rubric = lm.load_rubric("tiny-bilingual", paths=[tmp_path], language="fi")
    assert rubric.key == "tiny-bilingual@1.0.0"
    assert rubric.language == "fi"
    assert rubric.path == str(where)
    assert lm.load_rubric("tiny-bilingual@1.0.0", paths=[str(tmp_path)]).language == "en"


def test_the_newest_version_across_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_rubric(tmp_path / "a", "1.0.0")
    write_rubric(tmp_path / "b", "1.10.0")
    write_rubric(tmp_path / "b", "1.9.0")
    monkeypatch.setenv("LOMATURITY_RUBRIC_PATH", str(tmp_path / "b"))
    assert lm.load_rubric("tiny-bilingual", paths=[tmp_path / "a"]).version == "1.10.0"
    assert lm.load_rubric("tiny-bilingual@1.0.0", paths=[tmp_path / "a"]).version == "1.0.0"


def test_environment_variable_folders_are_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_rubric(tmp_path)
    monkeypatch.setenv("LOMATURITY_RUBRIC_PATH", f"{tmp_path / 'nope'}:{tmp_path}")
    assert lm.load_rubric("tiny-bilingual").key == "tiny-bilingual@1.0.0"
    listed = {(r.id, r.place) for r in lm.available_rubrics()}
    assert ("tiny-bilingual", str(tmp_path)) in listed
    assert ("learning-organization", "bundled") in listed


def test_the_same_id_and_version_twice_is_an_error_naming_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_rubric(tmp_path / "one")
    second = write_rubric(tmp_path / "two", name="copy.yaml")
    monkeypatch.setenv("LOMATURITY_RUBRIC_PATH", str(tmp_path / "two"))
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("tiny-bilingual", paths=[tmp_path / "one"])
    problem = info.value.problems[0]
    assert problem.code == "duplicate_rubric"
    assert str(first) in problem.message
    assert str(second) in problem.message


def test_a_user_folder_cannot_shadow_a_bundled_rubric(tmp_path: Path) -> None:
    bundled = REPO / "rubrics" / "learning-organization" / "1.0.0.yaml"
    copy_ = tmp_path / "mine.yaml"
    copy_.write_bytes(bundled.read_bytes())
    with pytest.raises(lm.RubricError, match="is found twice") as info:
        lm.load_rubric("learning-organization@1.0.0", paths=[tmp_path])
    assert str(copy_) in str(info.value)


def test_not_found_names_the_folders_searched(tmp_path: Path) -> None:
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("nope", paths=[tmp_path])
    problem = info.value.problems[0]
    assert problem.code == "unknown_rubric"
    assert str(tmp_path) in problem.message
    assert "bundled" in str(info.value)


def test_a_missing_paths_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(lm.RubricError, match="is not a folder"):
        lm.load_rubric("tiny-bilingual", paths=[tmp_path / "nope"])


def test_allow_path_false_reads_no_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_rubric(tmp_path)
    monkeypatch.setenv("LOMATURITY_RUBRIC_PATH", str(tmp_path))
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("tiny-bilingual", allow_path=False)
    assert info.value.problems[0].code == "unknown_rubric"
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("tiny-bilingual", paths=[tmp_path], allow_path=False)
    assert info.value.problems[0].code == "path_not_allowed"
    assert lm.load_rubric("learning-organization@1.0.0", allow_path=False).format == 1


def test_available_rubrics_lists_user_folders(tmp_path: Path) -> None:
    write_rubric(tmp_path)
    found = [r for r in lm.available_rubrics(paths=[tmp_path]) if r.id == "tiny-bilingual"]
    assert len(found) == 1
    info = found[0]
    assert (info.place, info.languages, info.title) == (
        str(tmp_path),
        ("en", "fi"),
        "Tiny bilingual rubric",
    )


def test_files_that_are_not_rubrics_are_skipped(tmp_path: Path) -> None:
    write_rubric(tmp_path)
    (tmp_path / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert lm.load_rubric("tiny-bilingual", paths=[tmp_path]).id == "tiny-bilingual"


# --- the JSON Schema -----------------------------------------------------------------------


def rubric_files() -> list[Path]:
    """Every bundled rubric and every test rubric (not the migration maps)."""
    files = sorted((REPO / "rubrics").rglob("*.yaml")) + sorted(DATA.glob("*.yaml"))
    return [f for f in files if "migrations" not in f.parts]


@pytest.mark.parametrize("path", rubric_files(), ids=lambda p: p.name)
def test_every_rubric_file_passes_the_schema_and_the_loader(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors(data)] == []
    rubric = lm.load_rubric(path)
    for language in rubric.languages:
        assert rubric.in_language(language).fingerprint == rubric.fingerprint


def test_schema_rejects_format_2_mistakes() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    mutations: list[Callable[[dict[str, Any]], Any]] = [
        lambda d: d["indicators"][0].__setitem__("statement", "S"),
        lambda d: d["texts"]["en"]["indicators"]["cu_talk"].__setitem__("statment", "S"),
        lambda d: d["indicators"][0].__setitem__("referent", "teams"),
        lambda d: d["facts"][0].pop("choices"),
        lambda d: d.pop("texts"),
        lambda d: d.__setitem__("language", "en"),
    ]
    for mutate in mutations:
        data = tiny2()
        mutate(data)
        assert list(validator.iter_errors(data)), mutate


def test_schema_format_2_items_are_format_1_items_without_their_texts() -> None:
    """The format-2 definitions stay in step with the format-1 ones they derive from."""
    defs = SCHEMA["$defs"]
    texts = {
        "scale": {"labels", "na_label"},
        "dimension": {"name", "description"},
        "indicator": {"statement", "descriptors"},
        "stage": {"name", "description"},
        "recommendation": {"title", "action", "rationale"},
    }
    added = {"scale": {"dont_know"}, "indicator": {"referent"}}
    for name, dropped in texts.items():
        one_props = set(defs[name]["properties"])
        two_props = set(defs[name + "2"]["properties"])
        assert two_props == (one_props - dropped) | added.get(name, set()), name
        old = copy.deepcopy(defs[name]["required"])
        assert defs[name + "2"]["required"] == [r for r in old if r not in dropped]


# --- the example of docs/rubric-format.md ---------------------------------------------------


def docs_example() -> str:
    text = (REPO / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    section = text[text.index("## Format 2: several languages") :]
    start = section.index("```yaml\n") + len("```yaml\n")
    return section[start : section.index("```\n", start)]


def test_the_documented_format_2_example_loads_in_both_languages() -> None:
    example = docs_example()
    en = lm.read_rubric_bytes(example)
    fi = lm.read_rubric_bytes(example, language="fi")
    assert (en.format, en.languages, fi.language) == (2, ("en", "fi"), "fi")
    assert fi.indicator("cu_talk").statement.startswith("Tiimissäni")
    assert fi.fingerprint == en.fingerprint
    assert lm.read_rubric_bytes(lm.dump_rubric(fi), language="fi") == fi
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert list(validator.iter_errors(yaml.safe_load(example))) == []


def test_labels_may_be_left_out_in_every_language() -> None:
    data = tiny2()
    for lang in ("en", "fi"):
        data["texts"][lang]["scales"]["freq5"]["labels"] = []
    rubric = lm.parse_rubric(data, language="fi")
    assert rubric.scale("freq5").labels == ()
    assert rubric.scale("agree5").labels[0] == "täysin eri mieltä"


def test_a_format_2_parse_never_crashes_on_a_broken_languages_field() -> None:
    for value in ("en", [1], None, {"en": 1}):
        data = tiny2()
        data["languages"] = value
        found = problems(data)
        assert found
        assert all(p.path.startswith("$") for p in found)


@pytest.mark.parametrize(
    ("mutate", "path", "code"),
    [
        (lambda d: d["facts"][0].__setitem__("choices", ["none"]), "$.facts[0].choices", "empty"),
        (
            lambda d: d["facts"][0].__setitem__("choices", ["none", "Part time"]),
            "$.facts[0].choices[1]",
            "invalid_id",
        ),
        (lambda d: d["facts"][0].pop("type"), "$.facts[0]", "missing_field"),
        (
            lambda d: d["facts"][0].__setitem__("choices", "none"),
            "$.facts[0].choices",
            "wrong_type",
        ),
        (lambda d: d.__setitem__("texts", ["en"]), "$.texts", "wrong_type"),
        (lambda d: d["texts"].__setitem__("fi", "Finnish"), "$.texts.fi", "wrong_type"),
        (
            lambda d: d["texts"]["fi"]["stages"].__setitem__("low", "Alhainen"),
            "$.texts.fi.stages.low",
            "wrong_type",
        ),
        (
            lambda d: d["texts"]["fi"].__setitem__("dimensions", ["culture"]),
            "$.texts.fi.dimensions",
            "wrong_type",
        ),
        (
            lambda d: d["texts"]["fi"]["indicators"]["cu_talk"].__setitem__(
                "descriptors", {"low": 5}
            ),
            "$.texts.fi.indicators.cu_talk.descriptors.low",
            "wrong_type",
        ),
    ],
)
def test_more_format_2_problems(mutate: Any, path: str, code: str) -> None:
    data = tiny2()
    mutate(data)
    problem = one(problems(data), path)
    assert problem.code == code, problem


def test_one_folder_may_be_given_as_a_single_path(tmp_path: Path) -> None:
    write_rubric(tmp_path)
    (tmp_path / "odd.yaml").write_text("id: odd\nversion: 1.0\n", encoding="utf-8")
    (tmp_path / "odd2.yaml").write_text('id: odd\nversion: "x.y"\n', encoding="utf-8")
    assert lm.load_rubric("tiny-bilingual", paths=tmp_path).id == "tiny-bilingual"
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("odd", paths=tmp_path)
    assert info.value.problems[0].code == "unknown_rubric"


def test_version_conflict_and_unknown_version_on_the_search_path(tmp_path: Path) -> None:
    write_rubric(tmp_path)
    with pytest.raises(lm.RubricError, match="conflicts with the version"):
        lm.load_rubric("tiny-bilingual@1.0.0", version="2.0.0", paths=[tmp_path])
    with pytest.raises(lm.RubricError, match=r"available: 1\.0\.0") as info:
        lm.load_rubric("tiny-bilingual@2.0.0", paths=[tmp_path])
    assert info.value.problems[0].code == "unknown_version"


def test_an_unreadable_user_file_is_not_a_rubric(tmp_path: Path) -> None:
    write_rubric(tmp_path)
    (tmp_path / "fifo.yaml").mkdir()  # a folder named like a file is searched as a folder
    (tmp_path / "big.yaml").write_bytes(b"id: big\n" + b"#" * 2_000_001)
    assert lm.load_rubric("tiny-bilingual", paths=[tmp_path]).id == "tiny-bilingual"


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("languages: [en, fi]", "languages: 0x10", "yaml_number"),
        ("texts:\n  en:", "texts: !!set\n  en:", "yaml_tag"),
    ],
)
def test_a_refused_yaml_node_in_languages_or_texts_is_an_error(
    old: str, new: str, code: str
) -> None:
    text = TINY2_TEXT.replace(old, new, 1)
    assert text != TINY2_TEXT
    with pytest.raises(lm.RubricError) as info:
        lm.read_rubric_bytes(text)
    assert [p.code for p in info.value.problems] == [code]


# --- a "don't know" label that a responses file could not tell apart (review9) ----------------


@pytest.mark.parametrize("label", ["3", " 4.0 ", "NA", "n/a", "Na", "-1"])
def test_dont_know_label_that_reads_as_an_answer_is_refused_by_both(label: str) -> None:
    """A label that is a number or the N/A token could never be read back as "don't know"
    (the cell reads as that number or as N/A): refused by the loader and by the schema."""
    data = tiny2()
    data["texts"]["fi"]["scales"]["agree5"]["dont_know_label"] = label
    problem = one(problems(data), "$.texts.fi.scales.agree5.dont_know_label")
    assert problem.code == "ambiguous_label", problem
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))


def test_dont_know_label_equal_to_another_answer_label_is_refused() -> None:
    data = tiny2()
    na_label = data["texts"]["en"]["scales"]["agree5"]["na_label"]
    data["texts"]["en"]["scales"]["agree5"]["dont_know_label"] = na_label.upper()
    problem = one(problems(data), "$.texts.en.scales.agree5.dont_know_label")
    assert problem.code == "ambiguous_label", problem
    data = tiny2()
    first = data["texts"]["fi"]["scales"]["freq5"]["labels"][0]
    data["texts"]["fi"]["scales"]["freq5"]["dont_know_label"] = first
    problem = one(problems(data), "$.texts.fi.scales.freq5.dont_know_label")
    assert problem.code == "ambiguous_label", problem


@pytest.mark.parametrize("alias", ["1.1", "1.1.0.0"])
def test_a_version_spelt_otherwise_cannot_shadow_the_newest(tmp_path: Path, alias: str) -> None:
    """``1.1`` and ``1.1.0`` are the same version: the newest ``learning-organization``
    is then found twice, an error naming both files (not, depending on set order, the
    bundled file one run and the user's file the next)."""
    bundled = REPO / "rubrics" / "learning-organization" / "1.1.0.yaml"
    copy_ = tmp_path / "mine.yaml"
    copy_.write_text(
        bundled.read_text("utf-8").replace('version: "1.1.0"', f'version: "{alias}"', 1), "utf-8"
    )
    with pytest.raises(lm.RubricError) as info:
        lm.load_rubric("learning-organization", paths=[tmp_path])
    problem = info.value.problems[0]
    assert problem.code == "duplicate_rubric"
    assert str(copy_) in problem.message
