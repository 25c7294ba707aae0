"""The rubric's stage rule where the overall stage is decided: score, report, bootstrap
support, core comparison, text report and explain (issue 10's example: strategy at 16 and
the rest at about 83)."""

from __future__ import annotations

import json

import attrs
import numpy as np
import pytest

import lomaturity as lm
from factories import format2_of
from lomaturity._present.text import render_report
from lomaturity._stats.stage_certainty import overall_stage_accuracy
from lomaturity.rubric import StageRule

NEW = lm.load_rubric("learning-organization@1.1.0")
OLD = lm.load_rubric("learning-organization@1.0.0")


def lopsided(rubric: lm.Rubric, n: int = 20) -> lm.Responses:
    """``n`` respondents: strategy about 16, every other dimension about 83 (1-5 scales)."""
    high = np.array([4.0] * 13 + [5.0] * 7)[:n]  # mean 4.35: 83.75
    low = 6.0 - high  # mean 1.65: 16.25
    columns: list[np.ndarray] = []
    for ind in rubric.indicators:
        good = ind.dimension != "strategy"
        column = high if good != ind.reverse else low
        columns.append(np.roll(column, len(columns)))  # not every respondent alike
    values = np.column_stack(columns)
    return lm.Responses(
        indicator_ids=rubric.indicator_ids,
        values=values,
        not_applicable=np.zeros(values.shape, dtype=bool),
        respondent_ids=[f"r{i:03d}" for i in range(n)],
        organizations=["acme"] * n,
    )


@pytest.fixture(scope="module")
def new() -> lm.Report:
    return lm.score(NEW, lopsided(NEW), seed=7, n_resamples=400)


@pytest.fixture(scope="module")
def old() -> lm.Report:
    return lm.score(OLD, lopsided(OLD), seed=7, n_resamples=400)


def test_issue_example_is_not_established_under_1_1_0(new: lm.Report) -> None:
    assert new.dimensions["strategy"].stage == "ad_hoc"
    assert new.overall.value is not None
    assert 60 < new.overall.value < 70
    assert NEW.stage_for(new.overall.value).id == "established"  # the score's band
    assert new.stage is not None
    assert new.stage.id == "emerging"
    assert new.overall.stage == "emerging"
    assert new.stage_capped_by == ("strategy",)
    out = new.to_dict()
    assert out["stage"]["id"] == "emerging"
    assert out["stage_capped_by"] == ["strategy"]
    json.dumps(out, allow_nan=False)


def test_issue_example_is_established_under_compensatory_1_0_0(old: lm.Report) -> None:
    assert old.dimensions["strategy"].stage == "ad_hoc"
    assert old.stage is not None
    assert old.stage.id == "established"
    assert old.stage_capped_by == ()
    assert "stage_capped_by" not in old.to_dict()


def test_the_score_and_its_range_stay_the_weighted_mean(new: lm.Report) -> None:
    free = lm.score(
        attrs.evolve(NEW, stage_rule=StageRule()), lopsided(NEW), seed=7, n_resamples=400
    )
    assert (new.overall.value, new.overall.low, new.overall.high) == (
        free.overall.value,
        free.overall.low,
        free.overall.high,
    )
    assert free.stage is not None
    assert free.stage.id == "established"
    assert free.overall.stage_support["established"] > 0.5


def test_support_applies_the_rule_in_every_resample(new: lm.Report) -> None:
    support = new.overall.stage_support
    assert sum(support.values()) == pytest.approx(1.0)
    # strategy is ad hoc in every resample, so no resample can be above emerging
    assert support["emerging"] == pytest.approx(1.0)
    assert support["established"] == 0.0
    # the ruled overall stage quotes the rule's own calibration (weakest, allowance 1)
    assert new.overall.stage_accuracy == overall_stage_accuracy(
        NEW.stage_rule, new.overall.n_respondents, 1.0
    )
    assert new.overall.stage_accuracy is not None
    assert new.dimensions["strategy"].stage_accuracy is not None


@pytest.mark.parametrize(
    ("rule", "stage", "capped_by"),
    [
        (StageRule("weakest", allowance=0), "ad_hoc", ("strategy",)),
        (StageRule("weakest", allowance=2), "developing", ("strategy",)),
        (StageRule("weakest", allowance=3), "established", ()),
        (StageRule("gated", floors={"established": "emerging"}), "developing", ("strategy",)),
        (StageRule("gated", floors={"learning_organization": "developing"}), "established", ()),
    ],
)
def test_each_kind(rule: StageRule, stage: str, capped_by: tuple[str, ...]) -> None:
    rubric = attrs.evolve(NEW, stage_rule=rule)
    report = lm.score(rubric, lopsided(rubric), seed=7, n_resamples=200)
    assert report.stage is not None
    assert report.stage.id == stage
    assert report.stage_capped_by == capped_by
    assert report.overall.stage_support[stage] == pytest.approx(1.0)


def test_the_text_report_says_the_stage_was_capped(new: lm.Report, old: lm.Report) -> None:
    text = render_report(new, NEW)
    assert "Overall stage capped at Emerging by strategy (Ad hoc)" in " ".join(text.split())
    assert "capped" not in render_report(old, OLD)


def test_explain_names_the_rule_and_the_cap(new: lm.Report, old: lm.Report) -> None:
    text = " ".join(lm.explain_score(NEW, new, "overall").split())
    assert "capped by the stage rule" in text
    assert "Overall stage capped at Emerging by strategy (Ad hoc)" in text
    assert "at most 1 stage above the lowest dimension stage" in text
    assert "the band 65 ≤ score" not in text  # the band of the capped stage does not hold it
    assert "stage rule" not in lm.explain_score(OLD, old, "overall")


def test_overall_below_recommendations_still_use_the_score() -> None:
    # 1.0.0 with the rule and one step for an overall score below Established: the
    # condition tests the score (about 67, in Established's band), not the capped stage.
    data = format2_of(OLD.to_dict())
    data["stage_rule"] = {"kind": "weakest", "allowance": 1}
    step = dict(data["recommendations"][0], id="lift_overall")
    step["when"] = {"kind": "overall_below", "stage": "developing"}
    data["recommendations"] = [step]
    data["texts"]["en"]["recommendations"] = {
        "lift_overall": data["texts"]["en"]["recommendations"]["clo_role"]
    }
    rubric = lm.parse_rubric(data)
    report = lm.score(rubric, lopsided(rubric), seed=7, n_resamples=200)
    assert report.stage is not None
    assert report.stage.id == "emerging"  # capped
    assert "lift_overall" not in {s.id for s in lm.recommend(rubric, report).steps}
    data["recommendations"][0]["when"] = {"kind": "overall_below", "stage": "established"}
    rubric = lm.parse_rubric(data)
    report = lm.score(rubric, lopsided(rubric), seed=7, n_resamples=200)
    assert report.overall.value is not None
    assert report.overall.value > 65
    assert "lift_overall" not in {s.id for s in lm.recommend(rubric, report).steps}
    data["recommendations"][0]["when"] = {"kind": "overall_below", "score": 70}
    rubric = lm.parse_rubric(data)
    report = lm.score(rubric, lopsided(rubric), seed=7, n_resamples=200)
    assert "lift_overall" in {s.id for s in lm.recommend(rubric, report).steps}


def test_group_contrasts_rule_the_overall_stage_of_each_side() -> None:
    acme = lopsided(NEW)
    even = lopsided(NEW).values.copy()
    for j, ind in enumerate(NEW.indicators):
        if ind.dimension == "strategy":  # beta: every dimension about 83
            even[:, j] = 6.0 - even[:, j]
    values = np.vstack([acme.values, even])
    responses = lm.Responses(
        indicator_ids=NEW.indicator_ids,
        values=values,
        not_applicable=np.zeros(values.shape, dtype=bool),
        respondent_ids=[f"r{i:03d}" for i in range(len(values))],
        organizations=["acme"] * 20 + ["beta"] * 20,
    )
    result = lm.compare_groups(NEW, responses, {"acme": "a", "beta": "b"}, seed=1, n_resamples=200)
    overall = result.contrasts[0].overall
    assert overall.first is not None
    assert NEW.stage_for(overall.first).id == "established"
    assert (overall.first_stage, overall.second_stage) == ("emerging", "learning_organization")
