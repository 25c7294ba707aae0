"""lm.diff_rubrics: every kind of change, the comparability verdict, the changes table."""

from __future__ import annotations

import json

import attrs
import pytest

import lomaturity as lm
from lomaturity._assess.diff import catalog_changes
from lomaturity._results.tables import TABLES
from rubric_versions import MAP_PATH, new_rubric, old_rubric


def _kinds(diff: lm.results.RubricDiff, target: str = "indicator") -> set[tuple[str, str]]:
    return {(c.id, c.change) for c in diff.changes if c.target == target}


def test_every_indicator_change_is_found() -> None:
    diff = lm.diff_rubrics(old_rubric(), new_rubric(), migrations=MAP_PATH)
    assert _kinds(diff) == {
        ("vc_values_stated", "reworded"),
        ("vc_dei_daily", "removed"),
        ("vc_new_item", "added"),
        ("st_skill_gaps", "reweighted"),
        ("pr_permission_required", "reworded"),
        ("pr_permission_required", "rekeyed"),
        ("ex_job_rotation", "moved"),
        ("st_learning_resources", "renamed"),
        ("st_learning_environment", "removed"),
        ("st_platforms_current", "added"),
        ("st_platforms_access", "added"),
    }
    moved = next(c for c in diff.changes if c.change == "moved")
    assert (moved.field, moved.before, moved.after) == (
        "dimension",
        "employee_experience",
        "practice",
    )
    renamed = next(c for c in diff.changes if c.change == "renamed")
    assert (renamed.before, renamed.after) == ("st_learning_resources", "st_learning_budget")
    reweighted = diff.of("reweighted")[0]
    assert (reweighted.before, reweighted.after) == ("1", "2")


def test_without_a_map_renames_are_a_removal_and_an_addition() -> None:
    diff = lm.diff_rubrics(old_rubric(), new_rubric())
    kinds = _kinds(diff)
    assert ("st_learning_resources", "removed") in kinds
    assert ("st_learning_budget", "added") in kinds
    assert diff.comparable == "no"
    assert diff.migration is None
    assert "migrations=" in diff.reason


def test_verdicts() -> None:
    old = old_rubric()
    same = lm.diff_rubrics(old, old)
    assert same.changes == ()
    assert same.comparable == "yes"
    mapped = lm.diff_rubrics(old, new_rubric(), migrations=MAP_PATH)
    assert mapped.comparable == "migration"
    assert mapped.linked == 26
    assert "2 approximate" in mapped.reason
    # Texts that are not questions (a dimension's description) and stage names keep scores
    # comparable; the stages' change is said.
    dims = (attrs.evolve(old.dimensions[0], description="Reworded."), *old.dimensions[1:])
    stages = (attrs.evolve(old.stages[0], name="Beginning"), *old.stages[1:])
    texts = attrs.evolve(old, version="1.0.2", dimensions=dims, stages=stages)
    diff = lm.diff_rubrics(old, texts)
    assert diff.comparable == "yes"
    assert "stage" in diff.reason
    assert {(c.target, c.change, c.field) for c in diff.changes} == {
        ("dimension", "reworded", "description"),
        ("stage", "reworded", "name"),
    }


def test_scale_and_stage_changes() -> None:
    old = old_rubric()
    scale = attrs.evolve(old.scales[0], max=7, labels=())
    stages = (*old.stages[:-1], attrs.evolve(old.stages[-1], lower=85.0))
    new = attrs.evolve(old, version="2.0.0", scales=(scale,), stages=stages)
    diff = lm.diff_rubrics(old, new)
    kinds = {(c.target, c.change) for c in diff.changes}
    assert ("scale", "rescaled") in kinds
    assert ("stage", "rebounded") in kinds
    # Every indicator on the scale reads as rescaled (its points changed under one id).
    assert (
        len([c for c in diff.changes if c.target == "indicator" and c.change == "rescaled"]) == 28
    )
    assert diff.comparable == "no"


def test_different_rubric_ids_need_a_map() -> None:
    old = old_rubric()
    other = attrs.evolve(old, id="learning-organization-pulse")
    diff = lm.diff_rubrics(old, other)
    assert diff.comparable == "no"
    assert "different rubrics" in diff.reason


def test_table_and_dict() -> None:
    diff = lm.diff_rubrics(old_rubric(), new_rubric(), migrations=MAP_PATH)
    rows = diff.to_records()
    assert len(rows) == len(diff.changes)
    assert all(list(r) == list(TABLES["changes"]) for r in rows)
    assert {r["comparable"] for r in rows} == {"migration"}
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["comparable"] == "migration"
    assert len(data["changes"]) == len(rows)
    assert diff.to_csv().splitlines()[0] == ",".join(TABLES["changes"])
    assert "comparable='migration'" in repr(diff)
    assert type(diff).__module__ == "lomaturity.results"


def test_catalog_changes_cover_every_language() -> None:
    first = {
        "en": {"indicators.a.statement": "Old", "title": "T"},
        "fi": {"indicators.a.statement": "Vanha"},
    }
    second = {
        "en": {"indicators.a.statement": "Old", "title": "T2"},
        "fi": {"indicators.a.statement": "Uusi"},
    }
    changes = catalog_changes(first, second)
    assert [(c.target, c.id, c.change, c.field) for c in changes] == [
        ("rubric", "", "reworded", "title [en]"),
        ("indicator", "a", "reworded", "statement [fi]"),
    ]
    # a language on one side only is the rubric's own ``languages`` change, not listed here
    assert catalog_changes(first, {**second, "sv": {}}) == changes
    # the language both rubrics are loaded in is compared through the model fields
    assert [c.field for c in catalog_changes(first, second, skip="en")] == ["statement [fi]"]
    assert catalog_changes({}, {}) == []


def test_bundled_1_0_0_to_1_1_0_lists_every_change_once() -> None:
    old = lm.load_rubric("learning-organization@1.0.0")
    new = lm.load_rubric("learning-organization@1.1.0")
    diff = lm.diff_rubrics(old, new)
    assert diff.comparable == "migration"
    kinds = {(c.target, c.id, c.change) for c in diff.changes}
    for indicator in old.indicator_ids:
        if indicator not in new.indicator_ids:  # retired, split or merged; or renamed by the map
            assert {("indicator", indicator, k) for k in ("removed", "renamed")} & kinds
    renamed_to = {c.after for c in diff.changes if c.change == "renamed"}
    for indicator in new.indicator_ids:
        if indicator not in old.indicator_ids and indicator not in renamed_to:
            assert ("indicator", indicator, "added") in kinds
    assert ("indicator", "vc_learning_talk", "rescaled") in kinds
    assert ("rubric", "learning-organization", "changed") in {
        (c.target, c.id, c.change) for c in diff.changes if c.field == "languages"
    }
    keyed = [(c.target, c.id, c.change, c.field) for c in diff.changes]
    assert len(keyed) == len(set(keyed))
    # Finnish loads of both: the English texts are compared through the catalogs instead
    both_fi = lm.diff_rubrics(new.in_language("fi"), new.in_language("fi"))
    assert both_fi.changes == ()
    assert both_fi.comparable == "yes"


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        lm.diff_rubrics(old_rubric(), "learning-organization@1.0.0")  # type: ignore[arg-type]


# --- format-2 catalogs are compared in every language (review9) ------------------------------


def _edited_1_1(tmp_path: object, edit: object) -> lm.Rubric:
    import copy
    from pathlib import Path

    import yaml

    source = Path(__file__).resolve().parents[2] / "rubrics/learning-organization/1.1.0.yaml"
    data = copy.deepcopy(yaml.safe_load(source.read_text("utf-8")))
    data["version"] = "1.1.1"
    edit(data)  # type: ignore[operator]
    path = Path(str(tmp_path)) / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return lm.load_rubric(path)


def test_a_finnish_rewording_is_a_change_whichever_language_is_selected(tmp_path: object) -> None:
    """Finnish respondents were asked another question: the diff lists it (and does not call
    the scores directly comparable) also when the rubrics were loaded in English."""

    def edit(data: dict[str, object]) -> None:
        data["texts"]["fi"]["indicators"]["vc_values_stated"]["statement"] = "Muutettu."  # type: ignore[index]

    old = lm.load_rubric("learning-organization@1.1.0")
    new = _edited_1_1(tmp_path, edit)
    for a, b in ((old, new), (old.in_language("fi"), new), (old, new.in_language("fi"))):
        diff = lm.diff_rubrics(a, b)
        worded = [(c.id, c.field) for c in diff.changes if c.change == "reworded"]
        # the selected language's texts are the model's fields; others carry their language
        field = "statement" if a.language == "fi" else "statement [fi]"
        assert worded == [("vc_values_stated", field)], worded
        assert diff.comparable == "no"


def test_same_rubric_in_two_languages_has_no_change() -> None:
    old = lm.load_rubric("learning-organization@1.1.0")
    diff = lm.diff_rubrics(old, old.in_language("fi"))
    assert diff.changes == ()
    assert diff.comparable == "yes"
