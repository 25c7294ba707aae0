"""The bundled default rubric 1.1.0, its pulse short form, the migration maps and the example
data of both versions (docs/default-rubric.md, docs/example-data.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import lomaturity as lm
from lomaturity.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRICS = REPO / "rubrics"
FULL = "learning-organization@1.1.0"
OLD = "learning-organization@1.0.0"
PULSE = "learning-organization-pulse@1.1.0"

# The indicator plan of issue 9: ids, dimension, referent (contracts other code relies on).
PLAN = {
    "values_culture": (
        "vc_values_stated vc_values_lived vc_manager_support vc_learning_talk "
        "vc_experimentation vc_failure_blamed vc_curiosity_new vc_diversity_valued "
        "vc_inclusion_daily vc_leaders_learn vc_manager_coaching vc_peer_learning"
    ),
    "strategy": (
        "st_future_skills st_skill_gaps st_training_procurement st_org_followup "
        "st_team_followup st_development_discussion st_learning_budget st_learning_time "
        "st_platforms_current st_platforms_access st_fair_access st_learning_cut_first"
    ),
    "practice": (
        "pr_self_service pr_permission_required pr_team_initiative pr_voice_to_strategy "
        "pr_learning_time_in_job pr_outside_hours_compensated pr_opportunities_shown "
        "pr_say_in_team_planning pr_org_planning_involves"
    ),
    "employee_experience": (
        "ex_worth_investing ex_seen_capable ex_free_to_learn ex_ease_of_learning "
        "ex_smart_online_learning ex_learning_paths ex_job_rotation ex_learning_in_pay "
        "ex_learning_recognized ex_career_progress ex_experience_invested"
    ),
}
REVERSE = {
    "vc_values_lived",
    "vc_failure_blamed",
    "st_learning_cut_first",
    "pr_permission_required",
    "ex_learning_in_pay",
}
FREQUENCY = {
    "vc_learning_talk",
    "vc_manager_coaching",
    "vc_peer_learning",
    "pr_opportunities_shown",
}
NOT_APPLICABLE = {
    "st_development_discussion",
    "pr_outside_hours_compensated",
    "ex_smart_online_learning",
}


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric(FULL)


@pytest.fixture(scope="module")
def reports(rubric: lm.Rubric) -> lm.ReportSet:
    return lm.score_organizations(rubric, lm.example_responses(), seed=1, n_resamples=100)


def test_the_default_is_1_1_0_in_english_and_finnish(rubric: lm.Rubric) -> None:
    assert lm.load_rubric("learning-organization") == rubric
    assert rubric.languages == ("en", "fi")
    assert rubric.in_language("fi").fingerprint == rubric.fingerprint


def test_indicators_follow_the_plan(rubric: lm.Rubric) -> None:
    by_dimension = {d: tuple(ids.split()) for d, ids in PLAN.items()}
    assert rubric.indicator_ids == tuple(i for ids in by_dimension.values() for i in ids)
    for indicator in rubric.indicators:
        assert indicator.id in by_dimension[indicator.dimension]
        assert indicator.reverse == (indicator.id in REVERSE), indicator.id
        assert (indicator.scale == "freq5") == (indicator.id in FREQUENCY), indicator.id
        assert indicator.allow_na == (indicator.id in NOT_APPLICABLE), indicator.id
        assert indicator.referent in lm.rubric.REFERENTS
        assert indicator.source
        assert set(indicator.descriptors) == {s.id for s in rubric.stages}
    for dimension in rubric.dimensions:  # acquiescence needs a reverse item in each
        assert any(i.reverse for i in rubric.indicators_of(dimension.id)), dimension.id


def test_both_scales_offer_dont_know_apart_from_not_applicable(rubric: lm.Rubric) -> None:
    for scale in rubric.scales:
        assert scale.dont_know
        assert scale.allow_na
        assert scale.dont_know_label == "Don't know"
    assert rubric.scale("freq5").labels[0] == "Never"


def test_every_indicator_is_addressed_by_a_step(rubric: lm.Rubric) -> None:
    addressed = {i for r in rubric.recommendations for i in r.addresses}
    assert addressed == set(rubric.indicator_ids)


def test_the_new_role_leads_with_effort_1(rubric: lm.Rubric) -> None:
    for rec_id in ("clo_role", "clo_mandate"):
        rec = rubric.recommendation(rec_id)
        assert (rec.lead, rec.effort, rec.impact) == (True, 1, 3)
    assert [f.id for f in rubric.facts] == [
        "learning_owner",
        "owner_executive_link",
        "headcount",
        "managers",
    ]


def _first(result: Any) -> list[tuple[str, str]]:
    return [(s.id, s.status) for s in result.steps if s.status == "triggered"][:1]


def test_one_deficient_dimension_is_enough_for_the_new_role(
    rubric: lm.Rubric, reports: lm.ReportSet
) -> None:
    quanta = reports["quanta-software"]  # strategy below 50, the other three above
    below = [d for d, s in quanta.dimensions.items() if (s.value or 0.0) < 50]
    assert below == ["strategy"]
    for facts in ({}, {"learning_owner": "none"}):
        assert _first(lm.recommend(rubric, quanta, facts=facts)) == [("clo_role", "triggered")]
    mandate = lm.recommend(rubric, quanta, facts={"learning_owner": "dedicated"})
    assert _first(mandate) == [("clo_mandate", "triggered")]
    linked = {"learning_owner": "part_time", "owner_executive_link": True}
    steps = {s.id: s.status for s in lm.recommend(rubric, quanta, facts=linked).steps}
    assert steps.get("clo_role") != "triggered"
    assert steps.get("clo_mandate") != "triggered"


def test_no_deficient_dimension_no_new_role(rubric: lm.Rubric, reports: lm.ReportSet) -> None:
    brightloom = reports["brightloom-design"]
    assert min(s.value or 0.0 for s in brightloom.dimensions.values()) >= 50
    steps = {s.id: s.status for s in lm.recommend(rubric, brightloom).steps}
    assert steps.get("clo_role") != "triggered"


# --- pulse short form ---------------------------------------------------------------------


def test_pulse_items_are_the_full_forms(rubric: lm.Rubric) -> None:
    pulse = lm.load_rubric(PULSE)
    assert pulse.languages == rubric.languages
    assert len(pulse.indicators) == 8
    for dimension in pulse.dimensions:
        assert len(pulse.indicators_of(dimension.id)) == 2
    for language in pulse.languages:
        short, full = pulse.in_language(language), rubric.in_language(language)
        for indicator in short.indicators:
            twin = full.indicator(indicator.id)
            assert indicator.statement == twin.statement
            assert indicator.descriptors == twin.descriptors
            assert (indicator.scale, indicator.reverse, indicator.allow_na) == (
                twin.scale,
                twin.reverse,
                twin.allow_na,
            )
            assert short.scale(indicator.scale).labels == full.scale(twin.scale).labels


# --- migration maps -------------------------------------------------------------------------


def _ids(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _links(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    links: list[dict[str, Any]] = data["indicators"]
    return links


def test_the_1_0_0_map_names_every_old_indicator_once(rubric: lm.Rubric) -> None:
    links = _links(RUBRICS / "learning-organization" / "migrations" / "1.0.0--1.1.0.yaml")
    old = lm.load_rubric(OLD)
    sources = [i for link in links for i in _ids(link["from"])]
    targets = [i for link in links for i in _ids(link["to"])]
    assert sorted(sources) == sorted(old.indicator_ids)
    assert len(set(targets)) == len(targets)
    assert set(targets) <= set(rubric.indicator_ids)
    for link in links:
        assert link["note"]
        rescaled = any(
            rubric.indicator(t).scale != old.indicator(f).scale
            for f in _ids(link["from"])
            for t in _ids(link["to"])
        )
        assert (link["comparability"] == "none") == rescaled, link


def test_the_pulse_map_links_every_pulse_item_as_same() -> None:
    path = RUBRICS / "learning-organization-pulse" / "migrations"
    links = _links(path / "1.1.0--learning-organization@1.1.0.yaml")
    pulse = lm.load_rubric(PULSE)
    assert [link["from"] for link in links] == list(pulse.indicator_ids)
    assert all(link["to"] == link["from"] and link["comparability"] == "same" for link in links)


# --- example data ---------------------------------------------------------------------------


def test_example_data_follows_the_rubric_version() -> None:
    new, old = lm.example_responses(), lm.example_responses(OLD)
    assert new.rubric_key == FULL
    assert old.rubric_key == OLD
    assert lm.example_responses(lm.load_rubric(OLD)).equals(old)
    assert new.organization_ids == old.organization_ids
    assert new.metadata == old.metadata


def test_example_data_of_an_unknown_rubric_is_refused(tiny_rubric_yaml: str) -> None:
    with pytest.raises(lm.RubricError, match="no bundled example data"):
        lm.example_responses(lm.parse_rubric(yaml.safe_load(tiny_rubric_yaml)))
    with pytest.raises(TypeError, match="rubric: expected"):
        lm.example_responses(3)  # type: ignore[arg-type]


def test_1_0_0_scores_its_example_data_to_the_same_points() -> None:
    """The point values before 1.1.0 existed (seed does not move point estimates)."""
    old = lm.load_rubric(OLD)
    assert old.fingerprint == (
        "sha256:feeae1dc0af3824fbd090649fe506847115500234cd226086faaff887f80c066"
    )
    reports = lm.score_organizations(old, lm.example_responses(OLD), seed=1, n_resamples=100)
    overall = {org: round(r.overall.value or 0.0, 4) for org, r in reports.items()}
    assert overall == {
        "brightloom-design": 74.168,
        "nordwind-manufacturing": 47.6615,
        "harbor-city-agency": 37.0716,
        "quanta-software": 62.7168,
    }
    practice = reports["nordwind-manufacturing"].dimensions["practice"].value
    assert round(practice or 0.0, 4) == 27.538


def test_score_example_uses_the_chosen_version(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["--rubric", OLD]):
        assert main(["score", "--example", "--format", "json", "--resamples", "100", *args]) == 0
        assert (FULL if not args else OLD) in capsys.readouterr().out


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_example_data", REPO / "scripts" / "generate_example_data.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.mark.parametrize(
    ("version", "file"),
    [("1.0.0", "example-responses.csv"), ("1.1.0", "example-responses-1.1.0.csv")],
)
def test_the_shipped_example_files_equal_a_fresh_build(version: str, file: str) -> None:
    generator = _generator()
    rubric_file = RUBRICS / "learning-organization" / f"{version}.yaml"
    assert generator.default_out(rubric_file).name == file
    rows = generator.generate(
        generator.load_indicators(rubric_file),
        generator.DEFAULT_SEED,
        generator.DEFAULT_DONT_KNOW,
    )
    text = "".join(",".join(row) + "\n" for row in rows)
    shipped = REPO / "src" / "lomaturity" / "data" / file
    assert shipped.read_text(encoding="utf-8") == text


# --- survey-method review of the 1.1.0 texts (review9) ---------------------------------------


def test_items_that_presuppose_a_practice_allow_not_applicable(rubric: lm.Rubric) -> None:
    """ "My development discussions" presupposes that the respondent has them (many do
    not): without N/A such respondents must pick a point of the scale. Learning outside
    working hours and online learning likewise."""
    for indicator_id in (
        "st_development_discussion",
        "pr_outside_hours_compensated",
        "ex_smart_online_learning",
    ):
        assert rubric.indicator(indicator_id).allow_na, indicator_id


def test_finnish_statement_asks_one_thing_as_the_english_does(rubric: lm.Rubric) -> None:
    """The English asks whether one is seen as capable of growing; the Finnish must not
    add a second verb ("kehittymään ja kasvamaan")."""
    finnish = rubric.in_language("fi").indicator("ex_seen_capable").statement
    assert " ja " not in finnish


# --- the Done-when list of issue 9, literally (review9) --------------------------------------

BUNDLED_FILES = {
    FULL: RUBRICS / "learning-organization" / "1.1.0.yaml",
    PULSE: RUBRICS / "learning-organization-pulse" / "1.1.0.yaml",
}
EXAMPLE_1_1_0 = REPO / "src" / "lomaturity" / "data" / "example-responses-1.1.0.csv"


@pytest.mark.parametrize("name", sorted(BUNDLED_FILES))
@pytest.mark.parametrize("language", ["en", "fi"])
def test_bundled_1_1_0_rubrics_validate_and_score_the_example_data(
    name: str, language: str
) -> None:
    """1.1.0, the pulse form and the Finnish texts load, validate against the JSON Schema
    and score their example data (the pulse form: the 1.1.0 file, its eight columns)."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = yaml.safe_load((RUBRICS / "rubric.schema.json").read_text("utf-8"))
    data = yaml.safe_load(BUNDLED_FILES[name].read_text("utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    rubric = lm.load_rubric(name, language=language)
    responses = lm.read_responses(EXAMPLE_1_1_0, rubric)
    reports = lm.score_organizations(rubric, responses, seed=1, n_resamples=100)
    assert len(reports) == 4
    for organization in reports:
        report = reports[organization]
        assert report.overall.value is not None
        assert report.stage is not None
        assert report.stage.name == rubric.stage(report.stage.id).name
