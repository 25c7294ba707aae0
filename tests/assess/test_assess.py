"""The assessment entry points: one Report type from score(), typed evidence on reports,
argument type checks, one validation path and one preparation per call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
import pytest

import lomaturity as lm
from lomaturity._stats import prepared as _prepared

NORDWIND = "nordwind-manufacturing"


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def panel() -> lm.Responses:
    return lm.example_responses("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def detailed(rubric: lm.Rubric, panel: lm.Responses) -> lm.Report:
    return lm.score(rubric, panel, organization=NORDWIND, details=True, seed=3, n_resamples=200)


# --- typed evidence -----------------------------------------------------------------------


def test_report_evidence_is_typed(detailed: lm.Report, rubric: lm.Rubric) -> None:
    assert isinstance(detailed.agreement, lm.results.OrganizationAgreement)
    assert detailed.agreement.organization == NORDWIND
    assert set(detailed.icc) == {d.id for d in rubric.dimensions}
    assert all(isinstance(v, lm.results.DimensionAgreement) for v in detailed.icc.values())
    assert isinstance(detailed.reliability, lm.results.ReliabilityResult)
    assert isinstance(detailed.groups, lm.results.OrganizationGroups)
    assert isinstance(detailed.perception_gap, lm.results.OrganizationGap)
    assert detailed.rubric_fingerprint == rubric.fingerprint


def test_report_to_dict_keeps_its_keys(detailed: lm.Report, rubric: lm.Rubric) -> None:
    data = detailed.to_dict()
    assert list(data)[-5:] == ["agreement", "icc", "reliability", "perception_gap", "groups"]
    assert data["rubric_fingerprint"] == rubric.fingerprint
    assert data["icc"] == {k: v.to_dict() for k, v in detailed.icc.items()}
    assert data["agreement"] == detailed.agreement.to_dict()  # type: ignore[union-attr]
    assert "extras" not in data


def test_plain_report_has_no_evidence(rubric: lm.Rubric, panel: lm.Responses) -> None:
    report = lm.score(
        rubric, panel, organization=NORDWIND, agreement=False, seed=3, n_resamples=100
    )
    assert report.agreement is None
    assert report.icc == {}
    assert report.reliability is None
    assert report.groups is None
    assert report.perception_gap is None
    assert not {"agreement", "icc", "reliability", "groups"} & set(report.to_dict())


def test_evidence_fields_can_be_replaced(detailed: lm.Report) -> None:
    bare = attrs.evolve(detailed, agreement=None, perception_gap=None)
    assert bare.agreement is None
    assert bare.perception_gap is None
    assert bare.reliability is detailed.reliability


def test_score_of_one_organization_equals_the_panel(
    rubric: lm.Rubric, panel: lm.Responses, detailed: lm.Report
) -> None:
    reports = lm.score_organizations(rubric, panel, details=True, seed=3, n_resamples=200)
    assert reports[NORDWIND].to_dict() == detailed.to_dict()


# --- argument types -----------------------------------------------------------------------


class DataFrame:
    """Stands in for a pandas DataFrame (pandas is not a dependency)."""


DataFrame.__module__ = "pandas.core.frame"

ENTRY_POINTS: list[tuple[str, Callable[..., Any]]] = [
    ("score", lm.score),
    ("score_organizations", lm.score_organizations),
    ("agreement", lm.agreement),
    ("reliability", lm.reliability),
    ("group_scores", lm.group_scores),
    ("perception_gap", lm.perception_gap),
]


@pytest.mark.parametrize(("name", "function"), ENTRY_POINTS)
def test_wrong_responses_type_is_a_type_error(
    name: str, function: Callable[..., Any], rubric: lm.Rubric
) -> None:
    with pytest.raises(TypeError) as caught:
        function(rubric, DataFrame())
    assert str(caught.value) == (
        "responses: expected lomaturity.Responses (read with lm.read_responses / "
        "lm.responses_from_records), got pandas.DataFrame"
    )


@pytest.mark.parametrize(("name", "function"), ENTRY_POINTS)
def test_wrong_rubric_type_is_a_type_error(
    name: str, function: Callable[..., Any], panel: lm.Responses
) -> None:
    with pytest.raises(TypeError, match=r"^rubric: expected lomaturity\.Rubric .*got str$"):
        function("learning-organization", panel)


def test_item_analysis_wants_numbers() -> None:
    with pytest.raises(TypeError, match=r"values: expected a 2-d array of numbers.*got str"):
        lm.item_analysis("1,2,3")
    with pytest.raises(TypeError, match="got list"):
        lm.item_analysis([["a", "b"], ["c", "d"]])


def test_organization_must_be_a_name(rubric: lm.Rubric, panel: lm.Responses) -> None:
    with pytest.raises(TypeError, match="organization: expected an organization name"):
        lm.score(rubric, panel, organization=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="organization: expected an organization name"):
        lm.reliability(rubric, panel, organization=3)  # type: ignore[arg-type]


def test_unknown_organization_is_one_error_everywhere(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: lm.score(rubric, panel, organization="nordwind"),
        lambda: lm.reliability(rubric, panel, organization="nordwind"),
        lambda: lm.group_scores(rubric, panel, organization="nordwind"),
        lambda: lm.perception_gap(rubric, panel, organization="nordwind"),
    ]
    for call in calls:
        with pytest.raises(lm.UnknownOrganizationError, match=f"did you mean '{NORDWIND}'"):
            call()


# --- one validation path ------------------------------------------------------------------


def test_agreement_options_follow_the_shared_rules(rubric: lm.Rubric, panel: lm.Responses) -> None:
    result = lm.agreement(
        rubric,
        panel,
        min_respondents=np.int64(3),  # type: ignore[arg-type]
        cutoff=np.float64(0.7),
    )
    assert result.options.min_respondents == 3
    assert type(result.options.min_respondents) is int
    with pytest.raises(lm.ScoringError) as caught:
        lm.agreement(rubric, panel, cutoff=2, truncate="yes")  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("invalid agreement options: ")
    assert "cutoff: 2 is not within 0 <= x <= 1" in message
    assert "truncate: 'yes' is not True or False" in message


def test_score_validates_null_and_min_group_size_up_front(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    with pytest.raises(lm.ScoringError, match="null: 'flat' is not one of"):
        lm.score(rubric, panel, organization=NORDWIND, null="flat")  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="min_group_size: 0 is not an integer >= 1"):
        lm.score(rubric, panel, organization=NORDWIND, min_group_size=0)


def test_reliability_seed_rule_is_the_shared_one(rubric: lm.Rubric, panel: lm.Responses) -> None:
    a = lm.reliability(rubric, panel, seed=np.int64(3), n_resamples=100)  # type: ignore[arg-type]
    b = lm.reliability(rubric, panel, seed=3, n_resamples=100)
    assert a.to_dict() == b.to_dict()
    drawn = lm.reliability(rubric, panel, n_resamples=0)
    assert drawn.seed is not None
    assert 0 <= drawn.seed < 2**53
    with pytest.raises(lm.ScoringError, match="n_resamples"):
        lm.reliability(rubric, panel, n_resamples=200_000)


# --- one preparation per call -------------------------------------------------------------


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the compatibility checks (one per prepare())."""
    calls: list[int] = []
    original = _prepared.check_compatible

    def counted(rubric: lm.Rubric, responses: lm.Responses) -> None:
        calls.append(1)
        original(rubric, responses)

    monkeypatch.setattr(_prepared, "check_compatible", counted)
    return calls


def test_detailed_score_prepares_the_responses_once(
    rubric: lm.Rubric, panel: lm.Responses, checks: list[int]
) -> None:
    report = lm.score(rubric, panel, organization=NORDWIND, details=True, n_resamples=100)
    assert report.reliability is not None
    assert report.groups is not None
    assert report.perception_gap is not None
    assert len(checks) == 1
    lm.score_organizations(rubric, panel, details=True, n_resamples=100)
    assert len(checks) == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda r, p: lm.agreement(r, p),
        lambda r, p: lm.reliability(r, p, n_resamples=0),
        lambda r, p: lm.group_scores(r, p, n_resamples=100),
        lambda r, p: lm.perception_gap(r, p, n_resamples=100),
    ],
)
def test_each_analysis_prepares_once(
    rubric: lm.Rubric,
    panel: lm.Responses,
    checks: list[int],
    call: Callable[[lm.Rubric, lm.Responses], Any],
) -> None:
    call(rubric, panel)
    assert len(checks) == 1


# --- indicators absent from the responses file --------------------------------------------


def test_absent_indicators_get_a_report_notice(rubric: lm.Rubric, panel: lm.Responses) -> None:
    one = panel.for_organization(NORDWIND)
    absent = attrs.evolve(one, absent_indicators=(rubric.indicator_ids[0],))
    report = lm.score(rubric, absent, seed=1, n_resamples=100)
    notices = [n for n in report.notices if n.code == "absent_indicators"]
    assert [n.subject for n in notices] == [rubric.indicator_ids[0]]
    assert rubric.indicator_ids[0] in notices[0].message
    plain = lm.score(rubric, one, seed=1, n_resamples=100)
    assert not [n for n in plain.notices if n.code == "absent_indicators"]


def test_agreement_does_not_depend_on_row_order(rubric: lm.Rubric, panel: lm.Responses) -> None:
    """Rows are grouped by organization one way (respondent-id order within each), so a
    shuffled file gives the same organization figures to the last bit (the ICCs sum over
    organizations in order of first appearance, so they agree to rounding)."""
    order = np.random.default_rng(0).permutation(panel.n_respondents)
    first, second = lm.agreement(rubric, panel), lm.agreement(rubric, panel.select(order))
    for dim, figures in first.dimensions.items():
        assert figures.icc1 == pytest.approx(second.dimensions[dim].icc1, rel=1e-12)
    for org, part in first.items():
        assert part.dimensions == second[org].dimensions
        assert part.indicators == second[org].indicators


# --- refusals and rare notices --------------------------------------------------------------


def test_responses_read_for_another_rubric_are_refused(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    with pytest.raises(lm.ScoringError, match=r"read for rubric other@2\.0\.0, not"):
        lm.score_organizations(rubric, attrs.evolve(panel, rubric_key="other@2.0.0"))
    changed = attrs.evolve(panel, rubric_key=rubric.key, rubric_fingerprint="sha256:0123")
    with pytest.raises(lm.ScoringError, match="another rubric that is also called"):
        lm.agreement(rubric, changed)


def test_bad_group_column_and_seed_are_named(rubric: lm.Rubric, panel: lm.Responses) -> None:
    with pytest.raises(lm.ScoringError, match="by: 3 is not a column name"):
        lm.group_scores(rubric, panel, 3)  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="seed: a Generator is not accepted"):
        lm.score_organizations(rubric, panel, seed=np.random.default_rng(1))  # type: ignore[arg-type]


def test_thin_indicator_in_a_large_sample_gets_few_answers(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    one = panel.for_organization(NORDWIND)
    values = np.array(one.values)
    values[2:, 0] = np.nan
    thin = attrs.evolve(one, values=values, not_applicable=np.zeros(values.shape, dtype=bool))
    report = lm.score(rubric, thin, seed=1, n_resamples=100)
    notices = [n for n in report.notices if n.code == "few_answers"]
    assert len(notices) == 1
    assert rubric.indicator_ids[0] in notices[0].message
