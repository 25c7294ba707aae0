"""Unit tests of :func:`lomaturity.score` with hand-computed expectations.

The rubric below is small enough to score by hand: two dimensions with unequal weights
(alpha 3, beta 1), four indicators with unequal weights, one of them reverse-keyed, all on
a 1..5 scale that allows "not applicable", and three stages (0, 50, 75).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import numpy as np
import pytest

import lomaturity as lm
from lomaturity._stats.options import resolve_interval
from lomaturity._stats.scoring import SMALL_SAMPLE
from lomaturity._stats.small_samples import holds_from

TINY_YAML = """\
format: 1
id: tiny-scoring
version: "1.0.0"
title: Tiny scoring rubric
description: Two dimensions, four indicators, one reverse-keyed.
language: en
scales:
  - id: s5
    min: 1
    max: 5
    allow_na: true
dimensions:
  - {{id: alpha, name: Alpha, description: First dimension., weight: {wa}}}
  - {{id: beta, name: Beta, description: Second dimension., weight: {wb}}}
indicators:
  - {{id: a1, dimension: alpha, statement: A one., scale: s5, weight: 2}}
  - {{id: a2, dimension: alpha, statement: A two., scale: s5, weight: 1, reverse: true}}
  - {{id: b1, dimension: beta, statement: B one., scale: s5, weight: 1}}
  - {{id: b2, dimension: beta, statement: B two., scale: s5, weight: 3}}
stages:
  - {{id: low, name: Low, lower: 0, description: Low.}}
  - {{id: mid, name: Mid, lower: 50, description: Mid.}}
  - {{id: high, name: High, lower: 75, description: High.}}
"""

IDS = ("a1", "a2", "b1", "b2")
NA = "NA"
Cell = float | int | str | None
"""A cell of a hand-written table: a scale point, ``None`` (no answer) or ``NA``."""


def tiny_rubric(wa: float = 3, wb: float = 1) -> lm.Rubric:
    return lm.read_rubric_bytes(TINY_YAML.format(wa=wa, wb=wb))


def responses(
    rows: Sequence[Sequence[Cell]],
    organizations: Sequence[str] | None = None,
    respondent_ids: Sequence[str] | None = None,
    indicator_ids: Sequence[str] = IDS,
) -> lm.Responses:
    values = np.array(
        [[np.nan if c is None or c == NA else float(c) for c in row] for row in rows],
        dtype=np.float64,
    ).reshape(len(rows), len(indicator_ids))
    na = np.array([[c == NA for c in row] for row in rows], dtype=bool).reshape(values.shape)
    n = len(rows)
    return lm.Responses(
        indicator_ids=tuple(indicator_ids),
        values=values,
        not_applicable=na,
        respondent_ids=respondent_ids or [f"r{i + 1:03d}" for i in range(n)],
        organizations=organizations or ["acme"] * n,
    )


def single(result: lm.Report | lm.ReportSet) -> lm.Report:
    assert isinstance(result, lm.Report)
    return result


def norm(x: float) -> float:
    """A 1..5 answer on 0-100."""
    return (x - 1) / 4 * 100


def rev(x: float) -> float:
    """A reverse-keyed 1..5 answer on 0-100."""
    return 100 - norm(x)


def mean(xs: Sequence[float]) -> float:
    return sum(xs) / len(xs)


def figures(report: lm.Report) -> dict[str, object]:
    """The scoring part of ``report.to_dict()`` (not the attached diagnostics, some of
    which, such as ICC(2), legitimately depend on the other organizations scored)."""
    data = report.to_dict()
    keys = ("organization", "n_respondents", "stage", "overall", "dimensions", "indicators")
    return {k: data[k] for k in (*keys, "interval", "options")}


def all_scores(report: lm.Report) -> list[lm.results.Score]:
    return [report.overall, *report.dimensions.values(), *report.indicators.values()]


# The hand-scored data set: 4 respondents of one organization.
#          a1    a2   b1  b2
BASE: list[list[Cell]] = [
    [5, 1, 2, 4],
    [4, 2, 3, NA],
    [3, NA, 4, 5],
    [None, 2, 5, 3],
]


# --- exact values ---------------------------------------------------------------------


def test_exact_indicator_dimension_and_overall_values() -> None:
    report = single(lm.score(tiny_rubric(), responses(BASE), seed=1, n_resamples=200))

    a1 = mean([norm(5), norm(4), norm(3)])  # 75
    a2 = mean([rev(1), rev(2), rev(2)])  # 83.33
    b1 = mean([norm(2), norm(3), norm(4), norm(5)])  # 62.5
    b2 = mean([norm(4), norm(5), norm(3)])  # 75
    alpha = (2 * a1 + 1 * a2) / (2 + 1)
    beta = (1 * b1 + 3 * b2) / (1 + 3)
    overall = (3 * alpha + 1 * beta) / (3 + 1)
    assert (a1, a2, b1, b2) == pytest.approx((75, 250 / 3, 62.5, 75), rel=1e-15)
    assert (alpha, beta, overall) == pytest.approx((700 / 9, 71.875, 76.30208333333333))

    got = {k: s.value for k, s in report.indicators.items()}
    assert got == pytest.approx({"a1": a1, "a2": a2, "b1": b1, "b2": b2}, rel=1e-12)
    assert report.dimensions["alpha"].value == pytest.approx(alpha, rel=1e-12)
    assert report.dimensions["beta"].value == pytest.approx(beta, rel=1e-12)
    assert report.overall.value == pytest.approx(overall, rel=1e-12)
    assert list(report.dimensions) == ["alpha", "beta"]
    assert list(report.indicators) == list(IDS)

    # Stages: alpha 77.8 and overall 76.3 are "high" (>= 75), beta 71.9 is "mid".
    assert report.dimensions["alpha"].stage == "high"
    assert report.dimensions["beta"].stage == "mid"
    assert report.overall.stage == "high"
    assert report.stage is not None
    assert (report.stage.id, report.stage.level) == ("high", 3)


def test_counts_and_coverage() -> None:
    report = single(lm.score(tiny_rubric(), responses(BASE), seed=1, n_resamples=200))
    ind = report.indicators
    # a1: 3 answers, 1 blank -> coverage 3/4; a2: 3 answers, 1 NA -> coverage 3/3.
    assert (ind["a1"].n_answers, ind["a1"].n_not_applicable, ind["a1"].coverage) == (3, 0, 0.75)
    assert (ind["a2"].n_answers, ind["a2"].n_not_applicable, ind["a2"].coverage) == (3, 1, 1.0)
    assert (ind["b1"].n_answers, ind["b1"].n_not_applicable, ind["b1"].coverage) == (4, 0, 1.0)
    assert (ind["b2"].n_answers, ind["b2"].n_not_applicable, ind["b2"].coverage) == (3, 1, 1.0)
    assert ind["a1"].n_respondents == 3

    alpha, beta = report.dimensions["alpha"], report.dimensions["beta"]
    assert (alpha.n_answers, alpha.n_not_applicable, alpha.n_respondents) == (6, 1, 4)
    assert alpha.coverage == pytest.approx(6 / 7)
    assert (beta.n_answers, beta.n_not_applicable, beta.n_respondents) == (7, 1, 4)
    assert beta.coverage == 1.0

    o = report.overall
    assert (o.n_answers, o.n_not_applicable, o.n_respondents) == (13, 2, 4)
    assert o.coverage == pytest.approx(13 / 14)
    assert report.n_respondents == 4
    assert report.organization == "acme"
    assert report.rubric_key == "tiny-scoring@1.0.0"


def test_not_applicable_leaves_the_denominator_and_weights_renormalize() -> None:
    rows = [[r[0], NA, r[2], r[3]] for r in BASE]  # a2 "not applicable" for everyone
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    a2 = report.indicators["a2"]
    assert a2.value is None
    assert (a2.low, a2.high) == (None, None)
    assert a2.reason == "every answer was 'not applicable'"
    assert (a2.n_answers, a2.n_not_applicable, a2.coverage) == (0, 4, 0.0)
    # alpha is a1 alone (its weight renormalizes to 1) and stays scorable.
    a1 = mean([norm(5), norm(4), norm(3)])
    alpha = report.dimensions["alpha"]
    assert alpha.value == pytest.approx(a1, rel=1e-12)
    assert alpha.reason is None
    assert alpha.coverage == pytest.approx(3 / 4)  # a1's blank; a2's NAs are not counted


def test_not_applicable_answers_do_not_enter_an_indicator_mean() -> None:
    with_na = single(lm.score(tiny_rubric(), responses(BASE), seed=1, n_resamples=200))
    rows = [list(r) for r in BASE]
    rows[1][3] = None  # b2 of r002: NA -> blank
    with_blank = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    for report in (with_na, with_blank):
        assert report.indicators["b2"].value == pytest.approx(75.0, rel=1e-12)
    # Same value, but a blank counts against coverage and an NA does not.
    assert with_na.indicators["b2"].coverage == 1.0
    assert with_blank.indicators["b2"].coverage == 0.75
    assert with_blank.dimensions["beta"].coverage == pytest.approx(7 / 8)
    assert with_blank.overall.coverage == pytest.approx(13 / 15)


def test_an_unanswered_indicator_has_a_reason() -> None:
    rows = [[r[0], None, r[2], r[3]] for r in BASE]
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    a2 = report.indicators["a2"]
    assert a2.value is None
    assert a2.reason == "no respondent answered"
    assert a2.coverage == 0.0
    # a1 carries 2 of alpha's 3 weight units (67% >= 50%): alpha is still scorable.
    assert report.dimensions["alpha"].value == pytest.approx(75.0, rel=1e-12)


# --- scorability ----------------------------------------------------------------------


def test_blank_indicator_below_min_indicator_share_makes_dimension_unscorable() -> None:
    rows = [[r[0], r[1], r[2], None] for r in BASE]  # b2 (weight 3 of 4) never answered
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    beta = report.dimensions["beta"]
    assert beta.value is None
    assert (beta.low, beta.high, beta.stage) == (None, None, None)
    assert beta.stage_support == {}
    assert beta.reason is not None
    assert "25%" in beta.reason
    assert "50%" in beta.reason
    codes = {(n.code, n.subject) for n in report.notices}
    assert ("dimension_not_scorable", "beta") in codes
    assert ("overall_not_scorable", "overall") in codes
    assert report.overall.value is None
    assert report.stage is None

    # The same b2 answered "not applicable" by everyone leaves the denominator: scorable.
    rows = [[r[0], r[1], r[2], NA] for r in BASE]
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    assert report.dimensions["beta"].value == pytest.approx(62.5, rel=1e-12)
    assert report.overall.value is not None

    # A lower share requirement makes it scorable again (b1 alone: 25%).
    rows = [[r[0], r[1], r[2], None] for r in BASE]
    report = single(
        lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200, min_indicator_share=0.25)
    )
    assert report.dimensions["beta"].value == pytest.approx(62.5, rel=1e-12)


# beta answered by two respondents only: below min_respondents=3.
FEW_BETA: list[list[Cell]] = [
    [5, 1, 2, 4],
    [4, 2, 3, 5],
    [3, 3, None, None],
    [2, 2, None, None],
]


def test_dimension_below_min_respondents_is_not_scorable() -> None:
    report = single(lm.score(tiny_rubric(), responses(FEW_BETA), seed=1, n_resamples=200))
    beta = report.dimensions["beta"]
    assert beta.value is None
    assert beta.n_respondents == 2
    assert beta.reason == "answers from 2 respondent(s); at least 3 needed"
    notice = next(n for n in report.notices if n.code == "dimension_not_scorable")
    assert notice.subject == "beta"
    assert beta.reason in notice.message
    # Default min_dimension_share=1.0: alpha (3/4 of the weight) is not enough.
    assert report.overall.value is None
    assert report.overall.reason is not None
    assert "75%" in report.overall.reason
    assert any(n.code == "overall_not_scorable" for n in report.notices)
    assert report.stage is None
    # The indicators of beta are still reported.
    assert report.indicators["b1"].value == pytest.approx(mean([norm(2), norm(3)]))

    # min_respondents=2 makes beta scorable.
    report = single(
        lm.score(tiny_rubric(), responses(FEW_BETA), seed=1, n_resamples=200, min_respondents=2)
    )
    assert report.dimensions["beta"].value is not None


def test_overall_scorable_with_lower_min_dimension_share() -> None:
    report = single(
        lm.score(
            tiny_rubric(), responses(FEW_BETA), seed=1, n_resamples=200, min_dimension_share=0.5
        )
    )
    alpha = report.dimensions["alpha"]
    assert report.dimensions["beta"].value is None
    # Only scorable dimensions enter the overall score: it equals alpha.
    a1 = mean([norm(x) for x in (5, 4, 3, 2)])  # 62.5
    a2 = mean([rev(x) for x in (1, 2, 3, 2)])  # 75
    expected_alpha = (2 * a1 + a2) / 3
    assert expected_alpha == pytest.approx(200 / 3)
    assert alpha.value == pytest.approx(expected_alpha, rel=1e-12)
    assert report.overall.value == pytest.approx(expected_alpha, rel=1e-12)
    low, value, high = report.overall.low, report.overall.value, report.overall.high
    assert low is not None
    assert value is not None
    assert high is not None
    assert low <= value <= high
    assert report.stage is not None
    assert report.stage.id == report.overall.stage == "mid"  # 200 / 3 = 66.7
    assert not any(n.code == "overall_not_scorable" for n in report.notices)

    # 0.8 > 0.75: not scorable again.
    report = single(
        lm.score(
            tiny_rubric(), responses(FEW_BETA), seed=1, n_resamples=200, min_dimension_share=0.8
        )
    )
    assert report.overall.value is None


def test_every_indicator_not_applicable_makes_dimension_unscorable() -> None:
    rows = [[r[0], r[1], NA, NA] for r in BASE]
    report = single(
        lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200, min_dimension_share=0.5)
    )
    beta = report.dimensions["beta"]
    assert beta.value is None
    assert beta.reason == "every indicator was answered 'not applicable'"
    assert beta.coverage == 0.0
    assert report.overall.value == pytest.approx(report.dimensions["alpha"].value)


# --- stages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "reversed_answer", "value", "stage"),
    [
        (3, 3, 50.0, "mid"),  # exactly at the lower bound of "mid"
        (4, 2, 75.0, "high"),  # exactly at the lower bound of "high"
        (1, 5, 0.0, "low"),
        (5, 1, 100.0, "high"),
    ],
)
def test_score_exactly_at_a_lower_bound_belongs_to_that_stage(
    answer: int, reversed_answer: int, value: float, stage: str
) -> None:
    rows: list[list[Cell]] = [[answer, reversed_answer, answer, answer]] * 5
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    for s in [report.overall, *report.dimensions.values()]:
        assert s.value == value
        assert s.stage == stage
        # Every resample gives the same score: the stage is certain.
        assert s.stage_support[stage] == 1.0
        assert (s.low, s.high) == (value, value)
    assert report.stage is not None
    assert report.stage.id == stage


def test_stage_for_band_boundaries() -> None:
    rubric = tiny_rubric()
    assert rubric.stage_for(0.0).id == "low"
    assert rubric.stage_for(49.9999).id == "low"
    # Stages follow the value as reports show it (4 decimals): 49.99996 shows as 50.0.
    assert rubric.stage_for(49.99996).id == "mid"
    assert rubric.stage_for(49.99994).id == "low"
    assert rubric.stage_for(50.0).id == "mid"
    assert rubric.stage_for(74.99).id == "mid"
    assert rubric.stage_for(75.0).id == "high"
    assert rubric.stage_for(100.0).id == "high"


def test_stage_just_below_a_bound() -> None:
    # a1 mean 50, a2 mean 43.75 -> alpha (100 + 43.75) / 3 = 47.9: "low".
    rows: list[list[Cell]] = [[3, 3, 3, 3], [3, 4, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3]]
    report = single(lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200))
    alpha = report.dimensions["alpha"]
    assert alpha.value == pytest.approx((2 * 50 + mean([50, 25, 50, 50])) / 3)
    assert alpha.stage == "low"
    assert report.dimensions["beta"].stage == "mid"


def test_stage_support_is_a_distribution_over_the_stages() -> None:
    rows = np.random.default_rng(3).integers(1, 6, size=(25, 4)).tolist()
    report = single(lm.score(tiny_rubric(), responses(rows), seed=5, n_resamples=500))
    for s in [report.overall, *report.dimensions.values()]:
        assert list(s.stage_support) == ["low", "mid", "high"]
        assert sum(s.stage_support.values()) == pytest.approx(1.0)
        assert all(0.0 <= p <= 1.0 for p in s.stage_support.values())
    for s in report.indicators.values():
        assert s.stage is None
        assert s.stage_support == {}


def test_stage_not_disturbed_by_float_noise_in_weighted_means() -> None:
    # Regression: with dimension weights 0.1 and 0.2 the weighted mean of two exact 50s is
    # 49.99999999999999; the stage used to be read off that and came out "low".
    rows: list[list[Cell]] = [[3, 3, 3, 3]] * 5
    report = single(lm.score(tiny_rubric(0.1, 0.2), responses(rows), seed=1, n_resamples=200))
    assert report.dimensions["alpha"].stage == "mid"
    assert report.dimensions["beta"].stage == "mid"
    assert report.to_dict()["overall"]["value"] == 50.0
    assert report.overall.stage == "mid"
    assert report.stage is not None
    assert report.stage.id == "mid"
    assert report.overall.stage_support["mid"] == 1.0


# --- organizations, seeds, serialization ----------------------------------------------

OTHER: list[list[Cell]] = [
    [2, 4, 2, 1],
    [1, 5, 2, 2],
    [3, 3, 3, 3],
    [2, 4, 1, 2],
    [2, 5, 2, None],
]


def two_orgs(extra: bool = False) -> lm.Responses:
    rows: list[list[Cell]] = []
    orgs: list[str] = []
    ids: list[str] = []
    # Interleave the rows of the organizations.
    for i in range(5):
        if i < len(BASE):
            rows.append(BASE[i])
            orgs.append("acme")
            ids.append(f"a{i}")
        rows.append(OTHER[i])
        orgs.append("globex")
        ids.append(f"g{i}")
        if extra:
            rows.append([4, 4, 4, 4])
            orgs.append("initech")
            ids.append(f"i{i}")
    return responses(rows, orgs, ids)


def test_multiple_organizations_give_a_report_set() -> None:
    result = lm.score_organizations(tiny_rubric(), two_orgs(), seed=7, n_resamples=200)
    assert isinstance(result, lm.ReportSet)
    assert list(result) == ["acme", "globex"]
    assert len(result) == 2
    assert result["acme"].organization == "acme"
    assert result["acme"].n_respondents == 4
    assert result["globex"].n_respondents == 5
    # Each organization is scored on its own rows.
    assert result["globex"].indicators["a1"].value == pytest.approx(
        mean([norm(x) for x in (2, 1, 3, 2, 2)])
    )
    alone = single(
        lm.score(
            tiny_rubric(),
            responses(BASE, respondent_ids=[f"a{i}" for i in range(4)]),
            seed=7,
            n_resamples=200,
        )
    )
    assert figures(result["acme"]) == figures(alone)
    data = result.to_dict()
    assert list(data["organizations"]) == ["acme", "globex"]


def test_score_returns_a_report_for_one_organization() -> None:
    result = lm.score(tiny_rubric(), responses(BASE), seed=1, n_resamples=200)
    assert isinstance(result, lm.Report)
    assert not isinstance(result, lm.ReportSet)
    always = lm.score_organizations(tiny_rubric(), responses(BASE), seed=1, n_resamples=200)
    assert isinstance(always, lm.ReportSet)
    assert list(always) == ["acme"]
    assert figures(always["acme"]) == figures(result)


def test_score_refuses_several_organizations_without_a_name() -> None:
    with pytest.raises(lm.ScoringError) as caught:
        lm.score(tiny_rubric(), two_orgs(), seed=7, n_resamples=200)
    message = str(caught.value)
    assert "the responses hold 2 organizations ('acme', 'globex')" in message
    assert "name one with organization= or use score_organizations()" in message


def test_score_of_a_named_organization_equals_its_panel_report() -> None:
    panel = lm.score_organizations(tiny_rubric(), two_orgs(), seed=7, n_resamples=200)
    named = lm.score(tiny_rubric(), two_orgs(), seed=7, n_resamples=200, organization="globex")
    assert isinstance(named, lm.Report)
    assert named.to_dict() == panel["globex"].to_dict()
    with pytest.raises(lm.UnknownOrganizationError, match="did you mean 'globex'"):
        lm.score(tiny_rubric(), two_orgs(), seed=7, n_resamples=200, organization="Globex")


def test_adding_organizations_does_not_change_an_organizations_figures() -> None:
    before = lm.score_organizations(tiny_rubric(), two_orgs(), seed=11, n_resamples=300)
    after = lm.score_organizations(tiny_rubric(), two_orgs(extra=True), seed=11, n_resamples=300)
    assert list(after) == ["acme", "globex", "initech"]
    for org in ("acme", "globex"):
        assert figures(after[org]) == figures(before[org])


def test_same_seed_same_result_and_seed_is_recorded() -> None:
    rows = np.random.default_rng(1).integers(1, 6, size=(30, 4)).tolist()
    rubric, data = tiny_rubric(), responses(rows)
    first = single(lm.score(rubric, data, seed=123, n_resamples=300))
    second = single(lm.score(rubric, data, seed=123, n_resamples=300))
    assert first.to_dict() == second.to_dict()
    assert first.interval.seed == first.options.seed == 123
    other = single(lm.score(rubric, data, seed=124, n_resamples=300))
    assert other.overall.value == first.overall.value
    assert (other.overall.low, other.overall.high) != (first.overall.low, first.overall.high)

    # Without a seed one is drawn, recorded, and reproduces the result.
    drawn = single(lm.score(rubric, data, n_resamples=300))
    seed = drawn.options.seed
    assert isinstance(seed, int)
    assert seed >= 0
    assert drawn.interval.seed == seed
    again = single(lm.score(rubric, data, seed=seed, n_resamples=300))
    assert again.to_dict() == drawn.to_dict()


def test_to_dict_is_json_serializable() -> None:
    rubric = tiny_rubric()
    results: list[lm.Report | lm.ReportSet] = [
        lm.score(rubric, responses(BASE), seed=1, n_resamples=200),
        lm.score(rubric, responses(FEW_BETA), seed=1, n_resamples=200),  # not scorable parts
        lm.score(rubric, responses(BASE[:1]), seed=1, n_resamples=200),  # self-assessment
        lm.score_organizations(rubric, two_orgs(), seed=1, n_resamples=200, interval="bca"),
        lm.score(rubric, responses(BASE), n_resamples=200),  # drawn 128-bit seed
    ]
    for result in results:
        text = json.dumps(result.to_dict(), allow_nan=False)
        back = json.loads(text)
        reports = [result] if isinstance(result, lm.Report) else list(result.values())
        for report in reports:
            data = (
                back
                if isinstance(result, lm.Report)
                else back["organizations"][report.organization]
            )
            assert {k: data[k] for k in figures(report)} == figures(report)
    report = single(results[0])
    data = report.to_dict()
    assert data["organization"] == "acme"
    assert data["stage"] == {"id": "high", "name": "High", "level": 3}
    assert data["overall"]["value"] == round(report.overall.value or 0.0, 4)
    assert data["interval"]["method"] == "respondent-bootstrap"
    assert data["interval"]["kind"] == resolve_interval("auto", report.n_respondents)
    assert data["options"]["interval"] == "auto"
    assert data["options"]["n_resamples"] == 200
    assert data["reportable"] is (report.n_respondents >= 5)


# --- intervals ------------------------------------------------------------------------


def check_intervals(report: lm.Report) -> None:
    for s in all_scores(report):
        if s.value is None:
            assert (s.low, s.high) == (None, None)
            continue
        assert s.low is not None
        assert s.high is not None
        assert 0.0 <= s.low <= s.value <= s.high <= 100.0


def test_percentile_intervals_hold_the_point_and_nest_by_confidence() -> None:
    rows = np.random.default_rng(0).integers(1, 6, size=(max(30, SMALL_SAMPLE), 4)).tolist()
    data = responses(rows)
    wide = single(lm.score(tiny_rubric(), data, seed=2, n_resamples=1000, confidence=0.95))
    narrow = single(lm.score(tiny_rubric(), data, seed=2, n_resamples=1000, confidence=0.5))
    check_intervals(wide)
    check_intervals(narrow)
    assert wide.interval.method == "respondent-bootstrap"
    assert wide.interval.confidence == 0.95
    assert wide.interval.n_resamples == 1000
    for w, n in zip(all_scores(wide), all_scores(narrow), strict=True):
        assert w.low is not None
        assert w.high is not None
        assert n.low is not None
        assert n.high is not None
        assert w.low <= n.low <= n.high <= w.high
        assert w.low < w.high
    assert not any(n.code == "few_respondents" for n in wide.notices)


def test_single_respondent_uses_the_indicator_bootstrap() -> None:
    report = single(lm.score(tiny_rubric(), responses([[5, 2, 3, 1]]), seed=4, n_resamples=500))
    assert report.self_assessment
    assert report.n_respondents == 1
    assert report.interval.method == "indicator-bootstrap"
    assert report.notices[0].code == "self_assessment"
    assert not any(n.code == "few_respondents" for n in report.notices)
    check_intervals(report)
    for s in all_scores(report):
        assert s.value is not None
        assert s.low is not None
        assert s.high is not None
        assert s.low < s.high  # nondegenerate
    # The point estimates are the answers themselves.
    assert report.indicators["a1"].value == 100.0
    assert report.indicators["a2"].value == 75.0
    # An answer at the top of the scale: jitter is clipped, the range stays within 0-100.
    assert report.indicators["a1"].high == 100.0
    # Half the draws are clipped to 100, the rest uniform on 87.5..100: 2.5% point 88.125.
    assert report.indicators["a1"].low == pytest.approx(88.125, abs=0.75)
    assert report.indicators["b2"].low == 0.0
    assert report.indicators["b2"].high == pytest.approx(11.875, abs=0.75)


def test_single_respondent_all_answers_identical_still_has_a_range() -> None:
    report = single(lm.score(tiny_rubric(), responses([[3, 3, 3, 3]]), seed=4, n_resamples=500))
    check_intervals(report)
    for s in all_scores(report):
        assert s.low is not None
        assert s.high is not None
        assert s.low < 50.0 < s.high
        assert s.high - s.low <= 12.5 * 2


PERCENTILE_HOLDS = holds_from("percentile", 0.95) or SMALL_SAMPLE
"""From this size on, percentile ranges held their level in the coverage study."""


@pytest.mark.parametrize(
    ("n", "notice"),
    [
        (2, True),
        (PERCENTILE_HOLDS - 1, True),
        (PERCENTILE_HOLDS, False),
        (2 * PERCENTILE_HOLDS, False),
    ],
)
def test_few_respondents_notice(n: int, notice: bool) -> None:
    rows = np.random.default_rng(n).integers(1, 6, size=(n, 4)).tolist()
    report = single(
        lm.score(tiny_rubric(), responses(rows), seed=1, n_resamples=200, interval="percentile")
    )
    codes = [x.code for x in report.notices]
    assert ("few_respondents" in codes) is notice
    if notice:
        assert codes[0] == "few_respondents"
        assert str(n) in report.notices[0].message


def test_bca_intervals() -> None:
    rows = np.random.default_rng(8).integers(1, 6, size=(20, 4)).tolist()
    rows[0][0] = None
    rows[1][3] = NA
    data = responses(rows)
    bca = single(lm.score(tiny_rubric(), data, seed=9, n_resamples=1000, interval="bca"))
    assert bca.interval.kind == "bca"
    assert bca.options.interval == "bca"
    assert bca.interval.method == "respondent-bootstrap"
    check_intervals(bca)
    pct = single(lm.score(tiny_rubric(), data, seed=9, n_resamples=1000, interval="percentile"))
    assert pct.interval.kind == "percentile"
    # Same point estimates; different (adjusted) percentile levels.
    assert [s.value for s in all_scores(bca)] == [s.value for s in all_scores(pct)]
    assert [(s.low, s.high) for s in all_scores(bca)] != [(s.low, s.high) for s in all_scores(pct)]


def test_bca_on_skewed_data_holds_the_point() -> None:
    # Mostly top answers with a few low ones: strongly skewed bootstrap distributions.
    rows: list[list[Cell]] = [[5, 1, 5, 5] for _ in range(12)]
    rows += [[1, 5, 1, 2], [2, 4, 1, 1]]
    ids = [f"r{i:02d}" for i in range(len(rows))]
    report = single(
        lm.score(
            tiny_rubric(),
            responses(rows, respondent_ids=ids),
            seed=3,
            n_resamples=2000,
            interval="bca",
        )
    )
    check_intervals(report)


@pytest.mark.parametrize("n", [1, 2])
def test_bca_falls_back_to_percentile_for_tiny_samples(n: int) -> None:
    report = single(
        lm.score(tiny_rubric(), responses(BASE[:n]), seed=1, n_resamples=200, interval="bca")
    )
    assert report.interval.kind == "percentile"
    check_intervals(report)


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("confidence", 1.5, "confidence: 1.5"),
        ("confidence", 0, "confidence: 0"),
        ("n_resamples", 10, "n_resamples: 10"),
        ("n_resamples", 500.0, "n_resamples: 500.0"),
        ("seed", -1, "seed: -1"),
        ("seed", "abc", "seed: 'abc'"),
        ("interval", "foo", "interval: 'foo'"),
        ("min_respondents", 0, "min_respondents: 0"),
        ("min_indicator_share", 0.0, "min_indicator_share: 0.0"),
        ("min_dimension_share", 1.5, "min_dimension_share: 1.5"),
    ],
)
def test_bad_options_raise_scoring_error_naming_option_and_value(
    option: str, value: object, shown: str
) -> None:
    with pytest.raises(lm.ScoringError) as info:
        lm.score(tiny_rubric(), responses(BASE), **{option: value})  # type: ignore[arg-type]
    assert shown in str(info.value)
    with pytest.raises(lm.ScoringError, match=option):
        lm.score_organizations(tiny_rubric(), responses(BASE), **{option: value})  # type: ignore[arg-type]


def test_all_bad_options_are_listed_together() -> None:
    with pytest.raises(lm.ScoringError) as info:
        lm.score(tiny_rubric(), responses(BASE), confidence=1.5, n_resamples=10, seed=-1)
    message = str(info.value)
    for part in ("confidence: 1.5", "n_resamples: 10", "seed: -1"):
        assert part in message
    assert isinstance(info.value, lm.LomaturityError)
    assert isinstance(info.value, ValueError)


def test_responses_that_do_not_fit_the_rubric() -> None:
    rubric = tiny_rubric()
    unknown = responses([[1, 2, 3, 4, 5]], indicator_ids=(*IDS, "zz"))
    with pytest.raises(lm.ScoringError, match=r"unknown indicators \['zz'\]"):
        lm.score(rubric, unknown)
    missing = responses([[1, 2, 3]], indicator_ids=IDS[:3])
    with pytest.raises(lm.ScoringError, match=r"missing indicators \['b2'\]"):
        lm.score(rubric, missing)
    empty = responses([])
    with pytest.raises(lm.ScoringError, match="no respondents"):
        lm.score(rubric, empty)


def test_indicator_columns_in_another_order() -> None:
    order = [2, 0, 3, 1]
    rows = [[r[j] for j in order] for r in BASE]
    shuffled = responses(rows, indicator_ids=[IDS[j] for j in order])
    a = single(lm.score(tiny_rubric(), shuffled, seed=1, n_resamples=200))
    b = single(lm.score(tiny_rubric(), responses(BASE), seed=1, n_resamples=200))
    assert figures(a) == figures(b)
    assert list(a.indicators) == list(IDS)  # rubric order, not column order


def test_default_rubric_scores_example_like_data() -> None:
    rubric = lm.load_rubric("learning-organization@1.0.0")
    k = len(rubric.indicators)
    rng = np.random.default_rng(0)
    values = rng.integers(1, 6, size=(15, k)).astype(float)
    data = lm.Responses(
        rubric.indicator_ids,
        values,
        np.zeros(values.shape, dtype=bool),
        [f"p{i}" for i in range(15)],
        ["org"] * 15,
    )
    report = single(lm.score(rubric, data, seed=1, n_resamples=200))
    check_intervals(report)
    assert report.overall.value is not None
    assert not math.isnan(report.overall.value)
    assert report.stage is not None
