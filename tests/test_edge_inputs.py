"""Edge inputs users hit: documents with no content, conflicting versions."""

from __future__ import annotations

import pytest

import lomaturity as lm


@pytest.mark.parametrize(
    "text", [b"---\n", b"---\n...\n", b"\n\n", b"# only a comment\n", b"# a comment\n---\n"]
)
def test_documents_without_content_are_empty(text: bytes) -> None:
    with pytest.raises(lm.RubricError, match="file is empty"):
        lm.read_rubric_bytes(text, file="x.yaml")


def test_explicit_null_document_names_null() -> None:
    with pytest.raises(lm.RubricError, match=r"\$: is null, not a mapping"):
        lm.read_rubric_bytes(b"~\n", file="x.yaml")


def test_conflicting_versions_are_an_error() -> None:
    with pytest.raises(lm.RubricError, match="conflicts with the version"):
        lm.load_rubric("learning-organization@1.0.0", version="2.0.0")
