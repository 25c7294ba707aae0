"""The "don't know" answer in scoring and its results: scored as missing (never imputed),
counted per indicator, dimension and overall, the ``dont_know_share`` finding and its
threshold, and the paths built on scores (groups, compare, recommend, panels)."""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import dont_know_rubric

RUBRIC = dont_know_rubric()
FAST: dict[str, Any] = {"n_resamples": 100, "seed": 9, "agreement": False}


def _simulated(seed: int = 1, respondents: int = 30, **dont_know: float) -> lm.Responses:
    chances = dont_know or {"st_skill_gaps": 0.4, "st_future_skills": 0.1}
    sim = lm.simulate_responses(
        RUBRIC, organizations=2, respondents=respondents, seed=seed, dont_know=chances
    )
    return sim.responses


def _as_blank(responses: lm.Responses) -> lm.Responses:
    """The same responses with every "don't know" turned into a blank."""
    return attrs.evolve(responses, dont_know=np.zeros_like(responses.dont_know))


def _without_dont_know(score: lm.results.Score) -> lm.results.Score:
    return attrs.evolve(score, dont_know=0, dont_know_share=None)


def _same_scores(a: lm.Report, b: lm.Report) -> None:
    assert _without_dont_know(a.overall) == _without_dont_know(b.overall)
    for level in ("dimensions", "indicators"):
        for key, score in getattr(a, level).items():
            assert _without_dont_know(score) == _without_dont_know(getattr(b, level)[key])


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31), share=st.floats(0.0, 0.6))
def test_dont_know_is_scored_exactly_as_a_blank(seed: int, share: float) -> None:
    """Values, ranges, counts and coverage are those of the same cells left blank: a DK is
    never imputed and never enters n; only the DK counts (and the finding) differ."""
    responses = _simulated(seed, respondents=8, st_skill_gaps=share, vc_learning_talk=share)
    with_dk = lm.score_organizations(RUBRIC, responses, **FAST)
    blank = lm.score_organizations(RUBRIC, _as_blank(responses), **FAST)
    for organization, report in with_dk.items():
        _same_scores(report, blank[organization])
        assert not [n for n in blank[organization].notices if n.code == "dont_know_share"]


def test_counts_and_shares_follow_the_masks() -> None:
    responses = _simulated()
    reports = lm.score_organizations(RUBRIC, responses, **FAST)
    for organization, report in reports.items():
        rows = responses.for_organization(organization)
        dk, answered = rows.dont_know.sum(0), rows.answered.sum(0)
        for j, iid in enumerate(rows.indicator_ids):
            score = report.indicators[iid]
            assert score.dont_know == dk[j]
            assert score.n_answers == answered[j]  # n excludes DK
            total = dk[j] + answered[j]
            assert score.dont_know_share == pytest.approx(dk[j] / total)
        strategy = [j for j, i in enumerate(rows.indicator_ids) if i.startswith("st_")]
        dimension = report.dimensions["strategy"]
        assert dimension.dont_know == dk[strategy].sum()
        assert dimension.dont_know_share == pytest.approx(
            dk[strategy].sum() / (dk[strategy].sum() + answered[strategy].sum())
        )
        assert report.overall.dont_know == dk.sum()
        assert report.overall.dont_know_share == pytest.approx(dk.sum() / (dk + answered).sum())


def test_an_indicator_nobody_could_answer_has_no_score_and_a_share_of_one() -> None:
    values = np.full((4, len(RUBRIC.indicators)), 3.0)
    j = RUBRIC.indicator_ids.index("st_skill_gaps")
    values[:, j] = np.nan
    mask = np.zeros(values.shape, dtype=bool)
    mask[:, j] = True
    responses = lm.responses_from_array(values, RUBRIC, dont_know=mask)
    report = lm.score(RUBRIC, responses, **FAST)
    score = report.indicators["st_skill_gaps"]
    assert (score.value, score.n_answers, score.dont_know, score.dont_know_share) == (
        None,
        0,
        4,
        1.0,
    )
    assert score.coverage == 0.0
    # they answered, "don't know": the reason says so (review9)
    assert score.reason == "every answer was 'don't know'"
    empty = lm.score(RUBRIC, lm.responses_from_array(values, RUBRIC), **FAST)
    assert empty.indicators["st_skill_gaps"].reason == "no respondent answered"
    assert empty.indicators["st_skill_gaps"].dont_know_share is None


def _one_indicator(dk: int, answers: int, threshold: float | None = None) -> lm.Report:
    """An organization of 20 with ``dk`` DK and ``answers`` answers on st_skill_gaps."""
    n = 20
    values = np.full((n, len(RUBRIC.indicators)), 4.0)
    j = RUBRIC.indicator_ids.index("st_skill_gaps")
    values[:, j] = np.nan
    values[:answers, j] = 2.0
    mask = np.zeros(values.shape, dtype=bool)
    mask[answers : answers + dk, j] = True
    responses = lm.responses_from_array(values, RUBRIC, dont_know=mask)
    extra: dict[str, Any] = {} if threshold is None else {"dont_know_threshold": threshold}
    return lm.score(RUBRIC, responses, **FAST, **extra)


def _findings(report: lm.Report) -> list[lm.results.Notice]:
    return [n for n in report.notices if n.code == "dont_know_share"]


def test_the_finding_is_worded_as_evidence_with_its_counts() -> None:
    (notice,) = _findings(_one_indicator(dk=10, answers=10))
    assert notice.subject == "st_skill_gaps"
    statement = RUBRIC.indicator("st_skill_gaps").statement.rstrip(".")
    assert notice.message.startswith(
        f'50% of respondents (10 of 20) don\'t know whether "{statement}": itself a finding'
    )


@pytest.mark.parametrize(
    ("dk", "answers", "threshold", "found"),
    [
        (5, 15, None, True),  # exactly the default 0.25
        (4, 16, None, False),  # 0.2
        (4, 16, 0.2, True),
        (19, 1, 1.0, False),
        (20, 0, 1.0, True),
        (0, 20, None, False),
    ],
)
def test_the_threshold(dk: int, answers: int, threshold: float | None, found: bool) -> None:
    report = _one_indicator(dk, answers, threshold)
    assert bool(_findings(report)) is found
    assert report.options.dont_know_threshold == (0.25 if threshold is None else threshold)


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5, "0.3", None])
def test_a_bad_threshold_is_named(threshold: object) -> None:
    with pytest.raises(lm.ScoringError, match="dont_know_threshold"):
        lm.score(
            RUBRIC,
            _simulated(),
            organization="org-0001",
            dont_know_threshold=threshold,  # type: ignore[arg-type]
            **FAST,
        )


def test_dicts_and_tables_carry_dont_know() -> None:
    report = _one_indicator(dk=5, answers=15)
    data = report.to_dict()
    assert data["indicators"]["st_skill_gaps"]["dont_know"] == 5
    assert data["indicators"]["st_skill_gaps"]["dont_know_share"] == 0.25
    assert data["dimensions"]["strategy"]["dont_know"] == 5
    assert data["options"]["dont_know_threshold"] == 0.25
    row = next(r for r in report.to_records() if r["id"] == "st_skill_gaps")
    assert (row["dont_know"], row["dont_know_share"]) == (5, 0.25)
    assert "dont_know_share" in report.to_csv().splitlines()[0].split(",")


def test_group_scores_count_dont_know_by_group() -> None:
    responses = _simulated(respondents=60).for_organization("org-0001")
    breakdown = lm.group_scores(RUBRIC, responses, "team", n_resamples=100, seed=1)
    j = responses.indicator_ids.index("st_skill_gaps")
    rows = [
        r
        for r in breakdown.to_records()
        if r["id"] == "st_skill_gaps" and not r["suppressed"] and r["column"] == "team"
    ]
    assert rows
    for row in rows:
        members = np.array([t == row["group"] for t in responses.teams])
        assert row["dont_know"] == int(responses.dont_know[members, j].sum())


def test_compare_and_recommend_treat_dont_know_as_missing() -> None:
    first, second = _simulated(seed=1), _simulated(seed=2)
    a = lm.score(RUBRIC, first, organization="org-0001", **FAST)
    b = lm.score(RUBRIC, second, organization="org-0001", **FAST)
    options: dict[str, Any] = {"rubric": RUBRIC, "organization": "org-0001", "seed": 3}
    compared = lm.compare(first, second, n_resamples=200, **options)
    blank = lm.compare(_as_blank(first), _as_blank(second), n_resamples=200, **options)
    assert compared.to_records() == blank.to_records()
    plan = lm.recommend(RUBRIC, b, baseline=a)
    plan_blank = lm.recommend(
        RUBRIC,
        lm.score(RUBRIC, _as_blank(second), organization="org-0001", **FAST),
        baseline=lm.score(RUBRIC, _as_blank(first), organization="org-0001", **FAST),
    )
    assert [s.recommendation.id for s in plan.steps] == [
        s.recommendation.id for s in plan_blank.steps
    ]


def test_panels_count_the_organizations_with_the_finding() -> None:
    sim = lm.simulate_responses(
        RUBRIC, organizations=5, respondents=20, seed=1, dont_know={"st_skill_gaps": 0.3}
    )
    options: dict[str, Any] = {"n_resamples": 100, "seed": 1, "agreement": False}
    for threshold in (0.3, 0.5):
        reports = lm.score_organizations(
            RUBRIC, sim.responses, dont_know_threshold=threshold, **options
        )
        flagged = sum(bool(_findings(report)) for report in reports.values())
        panel = lm.score_panel(
            RUBRIC, sim.responses, dont_know_threshold=threshold, chunk_organizations=2, **options
        )
        found = [n.message for n in panel.notices if n.code == "dont_know_share"]
        if threshold == 0.3:
            assert flagged > 0
        expected = [f"{flagged} of 5 organizations"] if flagged else []
        assert [message.split(";")[0] for message in found] == expected
        assert panel.to_records() == reports.to_records()
