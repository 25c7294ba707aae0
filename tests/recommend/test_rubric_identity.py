"""Reports and responses made under another rubric that shares the id@version are refused
on the recommendation and explanation paths too (the scoring path refuses them already)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lomaturity as lm

NORDWIND = "nordwind-manufacturing"


@pytest.fixture(scope="module")
def variant() -> lm.Rubric:
    """The default rubric with one reverse flag flipped: same id and version, other content."""
    text = lm.dump_rubric(lm.load_rubric("learning-organization@1.0.0")).replace(
        "reverse: true", "reverse: false", 1
    )
    rubric = lm.read_rubric_bytes(text)
    assert rubric.key == lm.load_rubric("learning-organization@1.0.0").key
    assert rubric.fingerprint != lm.load_rubric("learning-organization@1.0.0").fingerprint
    return rubric


@pytest.fixture(scope="module")
def variant_report(variant: lm.Rubric, tmp_path_factory: pytest.TempPathFactory) -> lm.Report:
    path: Path = tmp_path_factory.mktemp("variant") / "nordwind.csv"
    one = lm.example_responses("learning-organization@1.0.0").for_organization(NORDWIND)
    path.write_text(lm.responses_to_csv_text(one), encoding="utf-8")
    return lm.score(variant, lm.read_responses(path, variant), seed=1, n_resamples=200)


def test_report_carries_the_fingerprint(variant: lm.Rubric, variant_report: lm.Report) -> None:
    assert variant_report.rubric_fingerprint == variant.fingerprint
    assert variant_report.to_dict()["rubric_fingerprint"] == variant.fingerprint


@pytest.mark.parametrize("call", ["recommend", "roadmap", "targets"])
def test_recommendation_paths_refuse_a_report_of_another_rubric(
    variant_report: lm.Report, call: str
) -> None:
    with pytest.raises(lm.RecommendationError, match="another rubric that is also called"):
        getattr(lm, call)(lm.load_rubric("learning-organization@1.0.0"), variant_report)


def test_explain_refuses_a_report_of_another_rubric(variant_report: lm.Report) -> None:
    with pytest.raises(lm.RecommendationError, match="fingerprint"):
        lm.explain_score(lm.load_rubric("learning-organization@1.0.0"), variant_report, "overall")


def test_evidence_refuses_responses_of_another_rubric(variant: lm.Rubric, tmp_path: Path) -> None:
    path = tmp_path / "nordwind.csv"
    one = lm.example_responses("learning-organization@1.0.0").for_organization(NORDWIND)
    path.write_text(lm.responses_to_csv_text(one), encoding="utf-8")
    responses = lm.read_responses(path, variant)
    with pytest.raises(lm.ScoringError, match="fingerprint"):
        lm.recommendations.Evidence.from_responses(
            lm.load_rubric("learning-organization@1.0.0"), responses, seed=1
        )


def test_the_fingerprint_is_computed_once_per_rubric() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    assert rubric.fingerprint is rubric.fingerprint  # a stored value, not recomputed
