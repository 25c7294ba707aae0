"""Edge inputs users hit: documents with no content, conflicting versions."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm


@pytest.mark.parametrize(
    "text", [b"---\n", b"---\n...\n", b"\n\n", b"# only a comment\n", b"# a comment\n---\n"]
)
def test_documents_without_content_are_empty(text: bytes) -> None:
    with pytest.raises(lm.RubricError, match="file is empty"):
        lm.read_rubric_bytes(text, file="x.yaml")


def test_explicit_null_document_names_null() -> None:
    with pytest.raises(lm.RubricError, match=r"\$: holds null, not a mapping"):
        lm.read_rubric_bytes(b"~\n", file="x.yaml")


def test_conflicting_versions_are_an_error() -> None:
    with pytest.raises(lm.RubricError, match="conflicts with the version"):
        lm.load_rubric("learning-organization@1.0.0", version="2.0.0")


# --- YAML tags, keys and tabs -------------------------------------------------------------

REPO_RUBRIC = (
    __import__("pathlib").Path(__file__).resolve().parents[2]
    / "rubrics"
    / "learning-organization"
    / "1.0.0.yaml"
).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "tag"),
    [
        ("title: Learning", "title: !Ref Learning", "'!Ref'"),
        ("source:\n", "source: !!python/object:os.system\n", "python/object:os.system"),
        ("source:\n", "source: !!set\n", "tag:yaml.org,2002:set"),
        ("\nid:", "\n!!python/str id:", "python/str"),
    ],
)
def test_yaml_tags_are_refused_once_with_their_line(old: str, new: str, tag: str) -> None:
    text = REPO_RUBRIC.replace(old, new, 1)
    assert text != REPO_RUBRIC
    with pytest.raises(lm.RubricError) as info:
        lm.read_rubric_bytes(text, file="tagged.yaml")
    tagged = [p for p in info.value.problems if "tag" in p.message]
    assert len(tagged) == 1
    assert tag in tagged[0].message
    assert tagged[0].line is not None
    # the refused value is not reported a second time as a wrong type
    assert not any("is null" in p.message for p in info.value.problems)


def test_integer_and_boolean_keys_are_text_with_their_own_line() -> None:
    text = REPO_RUBRIC.replace("format: 1\n", "format: 1\n5: x\nyes: y\n", 1)
    with pytest.raises(lm.RubricError) as info:
        lm.read_rubric_bytes(text, file="keys.yaml")
    problems = {p.path: p for p in info.value.problems}
    assert problems["$.5"].line == text.splitlines().index("5: x") + 1
    assert problems["$.True"].line == text.splitlines().index("yes: y") + 1


def test_same_key_as_number_and_text_is_a_duplicate() -> None:
    text = REPO_RUBRIC.replace("format: 1\n", 'format: 1\n1: a\n"1": b\n', 1)
    with pytest.raises(lm.RubricError, match="duplicate key '1'"):
        lm.read_rubric_bytes(text, file="dup.yaml")


def test_tab_inside_a_block_scalar_is_valid_yaml() -> None:
    head, rest = REPO_RUBRIC.split("\ndescription:", 1)
    rest = rest.split("\nlanguage:", 1)[1]
    text = head + "\ndescription: |\n  Intro\n  \tindented with a tab\nlanguage:" + rest
    rubric = lm.read_rubric_bytes(text, file="tab.yaml")
    assert rubric.description == "Intro\n\tindented with a tab\n"


# --- extreme numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("weight", ["1.7e+308", "5.0e-324", "1.0e-9", "1.0e+9"])
def test_extreme_equal_weights_give_the_equal_weight_scores(weight: str, tmp_path: Path) -> None:
    base = lm.load_rubric("learning-organization@1.0.0")
    text = lm.dump_rubric(base).replace("weight: 1.0", f"weight: {weight}")
    extreme = lm.read_rubric_bytes(text)
    data = lm.example_responses("learning-organization@1.0.0").for_organization("quanta-software")
    path = tmp_path / "quanta.csv"
    path.write_text(lm.responses_to_csv_text(data), encoding="utf-8")
    plain = lm.score(base, data, seed=3, n_resamples=200, agreement=False)
    tilted = lm.score(
        extreme, lm.read_responses(path, extreme), seed=3, n_resamples=200, agreement=False
    )
    assert isinstance(plain, lm.Report)
    assert isinstance(tilted, lm.Report)
    assert tilted.overall.value == pytest.approx(plain.overall.value, abs=1e-9)
    assert tilted.overall.low == pytest.approx(plain.overall.low, abs=1e-9)


def test_scale_bounds_are_limited() -> None:
    text = REPO_RUBRIC.replace("    min: 1\n", "    min: -10000000\n", 1)
    assert text != REPO_RUBRIC
    with pytest.raises(lm.RubricError, match=r"min: -10000000 is outside -1000000\.\.1000000"):
        lm.read_rubric_bytes(text, file="scale.yaml")
