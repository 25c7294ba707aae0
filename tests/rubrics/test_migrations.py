"""Migration map files: parsing, problems with paths and lines, bounded reading, the checks
against both rubrics, finding a map (given or bundled, either way round)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm
from lomaturity._rubrics.migrations import (
    MAX_MAP_BYTES,
    check_migration,
    find_migration,
    resolve_migration,
)
from lomaturity.rubric import Link, MigrationMap
from rubric_versions import MAP_PATH, new_rubric, old_rubric

HEAD = "format: 1\nfrom: learning-organization@1.0.0\nto: learning-organization@1.0.1\n"


def _problems(text: str) -> tuple[lm.Problem, ...]:
    with pytest.raises(lm.RubricError) as info:
        lm.read_migration_bytes(HEAD + text, file="map.yaml")
    return info.value.problems


def test_reads_the_test_map() -> None:
    m = lm.read_migration(MAP_PATH)
    assert m.source == "learning-organization@1.0.0"
    assert m.target == "learning-organization@1.0.1"
    split = next(k for k in m.links if k.source == ("st_learning_environment",))
    assert split.target == ("st_platforms_current", "st_platforms_access")
    assert split.kind == "split"
    assert split.comparability == "approximate"
    assert not next(k for k in m.links if k.source == ("vc_learning_talk",)).usable
    assert m.approximate
    assert m.path == str(MAP_PATH)


def test_to_dict_reads_back_equal() -> None:
    import yaml

    m = lm.read_migration(MAP_PATH)
    assert lm.read_migration_bytes(yaml.safe_dump(m.to_dict())) == m


def test_merge_and_reversed() -> None:
    m = lm.read_migration_bytes(
        HEAD + "indicators:\n  - {from: [a_one, a_two], to: b_one, comparability: approximate}\n"
    )
    assert m.links[0].kind == "merge"
    back = m.reversed()
    assert (back.source, back.target) == (m.target, m.source)
    assert back.links[0].kind == "split"
    assert back.links[0].target == ("a_one", "a_two")


@pytest.mark.parametrize(
    ("text", "code", "path"),
    [
        (
            "indicators:\n  - {from: a, to: b, comparability: similar}\n",
            "invalid_comparability",
            "$.indicators[0].comparability",
        ),
        (
            "indicators:\n  - {from: a, to: b, comparability: same, extra: 1}\n",
            "unknown_field",
            "$.indicators[0].extra",
        ),
        (
            "indicators:\n  - {from: [], to: b, comparability: same}\n",
            "wrong_type",
            "$.indicators[0].from",
        ),
        (
            "indicators:\n  - {from: A-1, to: b, comparability: same}\n",
            "invalid_id",
            "$.indicators[0].from[0]",
        ),
        (
            "indicators:\n  - {from: [a, b], to: [c, d], comparability: same}\n",
            "many_to_many",
            "$.indicators[0]",
        ),
        (
            "indicators:\n  - {from: a, to: b, comparability: same}\n"
            "  - {from: a, to: c, comparability: same}\n",
            "linked_twice",
            "$.indicators[1].from",
        ),
        (
            "indicators:\n  - {from: [a, a], to: b, comparability: same}\n",
            "duplicate_id",
            "$.indicators[0].from",
        ),
        ("indicators:\n  - {to: b, comparability: same}\n", "missing_field", "$.indicators[0]"),
    ],
)
def test_problems_name_path_and_line(text: str, code: str, path: str) -> None:
    problems = _problems(text)
    found = [p for p in problems if p.code == code]
    assert found, problems
    assert found[0].path == path
    assert found[0].file == "map.yaml"
    assert found[0].line is not None


def test_comparability_typo_gets_a_hint() -> None:
    (problem,) = _problems("indicators:\n  - {from: a, to: b, comparability: approximat}\n")
    assert problem.hint is not None
    assert "approximate" in problem.hint


def test_top_level_problems() -> None:
    with pytest.raises(lm.RubricError) as info:
        lm.read_migration_bytes("format: 2\nfrom: nokey\nto: x@1\nindicators: []\n")
    codes = {p.code for p in info.value.problems}
    assert {"unsupported_format", "invalid"} <= codes
    with pytest.raises(lm.RubricError, match="not a mapping"):
        lm.read_migration_bytes("- just\n- a list\n")


def test_file_reading_is_bounded(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_MAP_BYTES + 1))
    with pytest.raises(lm.RubricError, match="limit"):
        lm.read_migration(big)
    with pytest.raises(lm.RubricError, match="does not exist"):
        lm.read_migration(tmp_path / "missing.yaml")
    with pytest.raises(lm.RubricError, match="directory"):
        lm.read_migration(tmp_path)


def test_check_against_both_rubrics() -> None:
    old, new = old_rubric(), new_rubric()
    check_migration(lm.read_migration(MAP_PATH), old, new)  # fits
    bad = MigrationMap(
        old.key,
        new.key,
        (
            Link(("vc_values_stated",), ("vc_values_stat",), "same"),
            Link(("nothing_here",), ("vc_new_item",), "same"),
        ),
    )
    with pytest.raises(lm.RubricError) as info:
        check_migration(bad, old, new)
    problems = info.value.problems
    assert [p.code for p in problems] == ["unknown_indicator", "unknown_indicator"]
    assert "learning-organization@1.0.0" in problems[0].message  # nothing_here: a from id
    assert problems[1].hint is not None
    assert "vc_values_stated" in problems[1].hint
    with pytest.raises(lm.RubricError, match="not the rubric compared"):
        check_migration(bad, new, old)


def test_same_link_across_scales_is_refused() -> None:
    import attrs

    old = old_rubric()
    seven = attrs.evolve(old.scales[0], id="agree7", max=7, labels=())
    new = attrs.evolve(
        new_rubric(),
        scales=(*new_rubric().scales, seven),
        indicators=tuple(
            attrs.evolve(i, scale="agree7") if i.id == "vc_experimentation" else i
            for i in new_rubric().indicators
        ),
    )
    m = MigrationMap(
        old.key, new.key, (Link(("vc_experimentation",), ("vc_experimentation",), "same"),)
    )
    with pytest.raises(lm.RubricError) as info:
        check_migration(m, old, new)
    assert info.value.problems[0].code == "scale_changed"
    assert "1-5, 1-7" in info.value.problems[0].message


def test_find_given_maps_first_either_way_round() -> None:
    m = lm.read_migration(MAP_PATH)
    assert find_migration(m.source, m.target, [m]) is m
    back = find_migration(m.target, m.source, [m])
    assert back is not None
    assert back.source == m.target
    assert find_migration("x@1.0.0", "x@2.0.0", [m]) is None


def test_resolve_takes_paths_and_maps() -> None:
    old, new = old_rubric(), new_rubric()
    assert resolve_migration(old, new, MAP_PATH) == lm.read_migration(MAP_PATH)
    assert resolve_migration(old, new, [str(MAP_PATH)]) == lm.read_migration(MAP_PATH)
    assert resolve_migration(old, new) is None  # nothing bundled links the test copy
    assert resolve_migration(old, old, MAP_PATH) is None  # one and the same rubric
    with pytest.raises(TypeError, match="MigrationMap or a path"):
        resolve_migration(old, new, [42])  # type: ignore[list-item]


def test_bundled_maps_are_found_in_the_migrations_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lomaturity._rubrics import migrations

    folder = tmp_path / "learning-organization" / "migrations"
    folder.mkdir(parents=True)
    (folder / "1.0.0--1.0.1.yaml").write_bytes(MAP_PATH.read_bytes())
    (folder / "README.txt").write_text("not a map", encoding="utf-8")
    monkeypatch.setattr(migrations, "bundled_root", lambda: tmp_path)
    migrations.bundled_migrations.cache_clear()
    try:
        (found,) = migrations.bundled_migrations()
        assert found.path == "learning-organization/migrations/1.0.0--1.0.1.yaml"
        assert resolve_migration(old_rubric(), new_rubric()) == found
        diff = lm.diff_rubrics(new_rubric(), old_rubric())  # the map read the other way
        assert diff.comparable == "migration"
    finally:
        migrations.bundled_migrations.cache_clear()


# --- 'same' across an agreement and a frequency scale (review9) --------------------------


def test_same_across_answer_scales_of_other_labels_is_refused(tmp_path: Path) -> None:
    """agree5 and freq5 both run 1-5, but "Strongly agree" and "Very often or always" are
    different questions: a user's map cannot call that link 'same' (the shipped map calls
    it 'none')."""
    old = lm.load_rubric("learning-organization@1.0.0")
    new = lm.load_rubric("learning-organization@1.1.0")
    path = tmp_path / "map.yaml"
    path.write_text(
        "format: 1\nfrom: learning-organization@1.0.0\nto: learning-organization@1.1.0\n"
        "indicators:\n"
        "  - {from: vc_learning_talk, to: vc_learning_talk, comparability: same}\n",
        "utf-8",
    )
    with pytest.raises(lm.RubricError) as info:
        lm.diff_rubrics(old, new, migrations=path)
    assert [p.code for p in info.value.problems] == ["scale_changed"]
    assert "Very often or always" in info.value.problems[0].message


def test_shipped_maps_fit_rubrics_loaded_in_other_languages() -> None:
    """The labels of a 'same' link are compared in one language: the pulse form in Finnish
    and the full form in English still fit their shipped map."""
    pulse = lm.load_rubric("learning-organization-pulse@1.1.0", language="fi")
    full = lm.load_rubric("learning-organization@1.1.0")
    assert lm.diff_rubrics(pulse, full).comparable == "migration"
    assert lm.diff_rubrics(full, pulse).comparable == "migration"


def test_a_given_map_that_links_other_rubrics_is_an_error(tmp_path: Path) -> None:
    """A map passed by the user that links neither direction of the pair compared is not
    silently replaced by the bundled map: the error names the map and the pair."""
    old = lm.load_rubric("learning-organization@1.0.0")
    new = lm.load_rubric("learning-organization@1.1.0")
    path = tmp_path / "map.yaml"
    path.write_text(
        "format: 1\nfrom: learning-organization@1.0.0\nto: learning-organization@1.0.1\n"
        "indicators:\n"
        "  - {from: vc_values_stated, to: vc_values_stated, comparability: same}\n",
        "utf-8",
    )
    with pytest.raises(lm.RubricError) as info:
        lm.diff_rubrics(old, new, migrations=path)
    assert [p.code for p in info.value.problems] == ["wrong_rubric"]
    assert "learning-organization@1.0.1" in str(info.value)
    assert lm.diff_rubrics(old, new).comparable == "migration"  # the bundled map still serves
