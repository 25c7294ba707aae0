"""r*wg(j) and AD: against R's multilevel (``rwg.j.lindell`` and ``ad.m``, values in
tests/reference/multilevel_reference.json, complete cases) and against a plain independent
implementation (on the R reference data and on hypothesis data, with missing answers), their
behaviour with the number of items, and the ``low_agreement`` warnings and recommendation
conditions that read them.

The plain implementation below is written from the published formulas with ``statistics``
and explicit loops, independent of the library's vectorized kernel.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import make_responses, make_rubric
from lomaturity import Responses, Rubric, ScoringError
from lomaturity._model.conditions import LowAgreement
from lomaturity._recommend.evaluate import evaluate
from lomaturity._stats.agreement import null_variance
from lomaturity.recommendations import Evidence

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
REF = json.loads((REFERENCE / "multilevel_reference.json").read_text(encoding="utf-8"))
DATASETS = {d["name"]: d for d in REF["datasets"]}
RUBRIC_100 = lm.load_rubric("learning-organization@1.0.0")


def load_dataset(name: str) -> tuple[Rubric, Responses]:
    ref = DATASETS[name]
    with (REFERENCE / ref["file"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    values = [[float(c) if c else math.nan for c in row[2:]] for row in body]
    rubric = make_rubric(
        ref["dimensions"],
        points=int(ref["scale"]["max"]),
        reverse=frozenset(ref["reversed"]),
        rubric_id="agreement-test",
    )
    return rubric, make_responses(values, tuple(header[2:]), [row[0] for row in body])


# --- a plain implementation, independent of the kernel -------------------------------------


def plain_indices(
    rubric: Rubric, responses: Responses, null: str = "uniform"
) -> dict[tuple[str, str, str], float | None]:
    """(organization, "indicator"/"dimension", id) -> r*wg, AD, AD on 0-100, AD cut-off,
    keyed further by the index name in the last tuple slot, from the formulas:
    item: s2 = sample variance (n - 1), AD = sum |x - mean| / n (Burke et al., 1999);
    dimension: r*wg(j) = 1 - mean(s2_j / sigma2_j) over the items with >= 2 answers
    (Lindell et al., 1999), AD = mean of the item ADs, cut-off mean of c_j / 6."""
    out: dict[tuple[str, str, str], float | None] = {}
    column = {ind: responses.indicator_ids.index(ind) for ind in responses.indicator_ids}
    for org in dict.fromkeys(responses.organizations):
        rows = [i for i, o in enumerate(responses.organizations) if o == org]
        items: dict[str, tuple[float, float, float, float]] = {}
        for ind in rubric.indicators:
            scale = rubric.scale(ind.scale)
            points = scale.max - scale.min + 1
            xs = [
                float(responses.values[i, column[ind.id]])
                for i in rows
                if not math.isnan(responses.values[i, column[ind.id]])
            ]
            if len(xs) < 2:
                for what in ("rwg_star", "ad", "ad_points", "ad_cutoff"):
                    out[(org, ind.id, what)] = None
                continue
            mean = statistics.fmean(xs)
            ratio = statistics.variance(xs) / null_variance(null, points)
            ad = sum(abs(x - mean) for x in xs) / len(xs)
            items[ind.id] = (ratio, ad, ad * 100 / (points - 1), points / 6)
            out[(org, ind.id, "rwg_star")] = 1 - ratio
            out[(org, ind.id, "ad")] = ad
            out[(org, ind.id, "ad_points")] = ad * 100 / (points - 1)
            out[(org, ind.id, "ad_cutoff")] = points / 6
        for dim in rubric.dimensions:
            mine = [items[i.id] for i in rubric.indicators_of(dim.id) if i.id in items]
            if not mine:
                for what in ("rwg_star", "ad", "ad_points", "ad_cutoff"):
                    out[(org, dim.id, what)] = None
                continue
            out[(org, dim.id, "rwg_star")] = 1 - statistics.fmean(m[0] for m in mine)
            out[(org, dim.id, "ad")] = statistics.fmean(m[1] for m in mine)
            out[(org, dim.id, "ad_points")] = statistics.fmean(m[2] for m in mine)
            out[(org, dim.id, "ad_cutoff")] = statistics.fmean(m[3] for m in mine)
    return out


def library_indices(result: lm.results.AgreementResult) -> dict[tuple[str, str, str], Any]:
    out: dict[tuple[str, str, str], Any] = {}
    for org, a in result.items():
        for key, r in (*a.indicators.items(), *a.dimensions.items()):
            for what in ("rwg_star", "ad", "ad_points", "ad_cutoff"):
                out[(org, key, what)] = getattr(r, what)
    return out


def assert_same(ours: dict[Any, Any], plain: dict[Any, Any]) -> int:
    assert ours.keys() == plain.keys()
    compared = 0
    for key, expected in plain.items():
        got = ours[key]
        if expected is None:
            assert got is None, key
            continue
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-13), key
        compared += 1
    return compared


@pytest.mark.parametrize(
    ("name", "null"),
    [(n, null) for n in sorted(DATASETS) for null in DATASETS[n]["nulls"]],
)
def test_indices_match_a_plain_implementation_on_the_reference_data(name: str, null: str) -> None:
    rubric, responses = load_dataset(name)
    result = lm.agreement(rubric, responses, null=null)
    assert assert_same(library_indices(result), plain_indices(rubric, responses, null)) > 50


PROPERTY_RUBRIC = make_rubric(
    {"d1": ["a", "b", "c"], "d2": ["e", "f"]},
    points=5,
    reverse=frozenset({"b"}),
    weights={"a": 2.0, "e": 0.5},
    rubric_id="agreement-test",
)


@st.composite
def surveys(draw: st.DrawFn) -> Responses:
    sizes = draw(st.lists(st.integers(1, 7), min_size=1, max_size=4))
    n = sum(sizes)
    cells = draw(
        st.lists(
            st.one_of(st.integers(1, 5).map(float), st.just(math.nan)),
            min_size=n * 5,
            max_size=n * 5,
        )
    )
    organizations = [f"o{g}" for g, size in enumerate(sizes) for _ in range(size)]
    return make_responses(cells, PROPERTY_RUBRIC.indicator_ids, organizations)


@settings(max_examples=60, deadline=None)
@given(surveys(), st.sampled_from(["uniform", "heavy_skew"]))
def test_indices_match_a_plain_implementation_on_any_data(responses: Responses, null: str) -> None:
    result = lm.agreement(PROPERTY_RUBRIC, responses, null=null)
    assert_same(library_indices(result), plain_indices(PROPERTY_RUBRIC, responses, null))
    for org in result.values():
        for r in (*org.indicators.values(), *org.dimensions.values()):
            if r.value is None:
                assert (r.rwg_star, r.ad, r.ad_points, r.ad_cutoff) == (None,) * 4
                continue
            assert r.rwg_star is not None
            assert r.ad is not None
            assert r.ad_points is not None
            assert r.rwg_star <= 1.0
            assert 0.0 <= r.ad <= 2.0  # at most half the range of a 1-5 scale
            assert r.ad_points == pytest.approx(r.ad * 25.0, rel=1e-12)
            assert r.ad_cutoff == pytest.approx(5 / 6, rel=1e-15)
    json.dumps(result.to_dict(), allow_nan=False)


# --- item count --------------------------------------------------------------------------


@pytest.mark.parametrize("n_items", [1, 2, 4, 7, 10])
def test_rstar_and_ad_do_not_grow_with_the_number_of_items(n_items: int) -> None:
    """The same item answered J times: its agreement is that of one item at any J."""
    answers = [1.0, 3.0, 3.0, 4.0, 4.0]  # mean 3, s2 = 6 / 4 = 1.5: single-item rwg = .25
    rubric = make_rubric({"d": [f"i{j}" for j in range(n_items)]}, points=5, rubric_id="ic")
    values = [[x] * n_items for x in answers]
    responses = make_responses(values, rubric.indicator_ids, ["o"] * len(answers))
    d = lm.agreement(rubric, responses)["o"].dimensions["d"]
    assert d.rwg_star == pytest.approx(0.25, rel=1e-12)
    assert d.ad == pytest.approx(statistics.fmean(abs(x - 3.0) for x in answers), rel=1e-12)
    # rwg(j) = J (1 - .75) / (J (1 - .75) + .75): .25, .40, .57, .70, .77
    assert d.value == pytest.approx(n_items * 0.25 / (n_items * 0.25 + 0.75), rel=1e-12)
    assert d.value is not None
    assert (d.value >= 0.70) is (n_items >= 7)


def test_rstar_is_reported_untruncated() -> None:
    """Answers split between both ends spread more than the uniform null: r*wg(j) < 0,
    while rwg(j) is truncated to 0."""
    rubric = make_rubric({"d": ["a", "b"]}, points=5, rubric_id="split")
    values = [[1.0, 1.0], [5.0, 5.0], [1.0, 5.0], [5.0, 1.0]]
    responses = make_responses(values, rubric.indicator_ids, ["o"] * 4)
    result = lm.agreement(rubric, responses)
    d = result["o"].dimensions["d"]
    assert d.value == 0.0
    assert d.rwg_star == pytest.approx(1 - (16 / 3) / 2, rel=1e-12)  # s2 = 16/3
    assert d.ad == 2.0
    assert d.ad_points == 50.0
    assert result["o"].supports_aggregation("d") is False
    json.dumps(result.to_dict(), allow_nan=False)


# --- warnings and conditions ---------------------------------------------------------------


def _simulated(spread: dict[str, float]) -> Responses:
    sim = lm.simulate_responses(
        RUBRIC_100,
        organizations=3,
        respondents=30,
        seed=11,
        noise_sd=spread["noise_sd"],
        respondent_sd=spread["respondent_sd"],
        team_sd=spread.get("team_sd", 0.3),
    )
    return sim.responses


LOW = {"noise_sd": 1.0, "respondent_sd": 0.6}
"""Answers about one category apart around each organization's mean (single-item rwg
about .35-.6): rwg(j) with 6-8 items still clears .70, r*wg(j) does not."""
HIGH = {"noise_sd": 0.25, "respondent_sd": 0.1, "team_sd": 0.0}


def test_low_agreement_fires_on_low_agreement_that_rwg_j_hides() -> None:
    responses = _simulated(LOW)
    # both indices at rwg(j)'s conventional .70 (r*wg(j)'s own default cut-off is .50)
    result = lm.agreement(RUBRIC_100, responses, cutoff=0.70)
    for org in result.values():
        for dim, r in org.dimensions.items():
            assert r.rwg_star is not None
            assert r.value is not None
            assert r.rwg_star < 0.70, (org.organization, dim)
            assert r.value >= 0.70, (org.organization, dim)  # the old index stays silent
        codes = [(n.code, n.subject) for n in org.notices]
        assert codes == [("low_agreement", d) for d in org.dimensions]
    assert all(d.share_above_cutoff == 0.0 for d in result.dimensions.values())
    old = lm.agreement(RUBRIC_100, responses, index="rwg_j")
    assert not [n for n in old.notices if n.code == "low_agreement"]
    # score reports carry the warning, and the rubric's low_agreement step holds
    reports = lm.score_organizations(RUBRIC_100, responses, seed=1, n_resamples=200)
    step = RUBRIC_100.recommendation("team_level_follow_up").when
    for report in reports.values():
        assert any(n.code == "low_agreement" for n in report.notices)
        assert evaluate(RUBRIC_100, report, step).holds is True


def test_low_agreement_does_not_fire_on_high_agreement() -> None:
    responses = _simulated(HIGH)
    result = lm.agreement(RUBRIC_100, responses)
    assert not [n for n in result.notices if n.code == "low_agreement"]
    for org in result.values():
        assert all(org.supports_aggregation(d) for d in org.dimensions)
        assert all(r.ad is not None and r.ad < 5 / 6 for r in org.dimensions.values())
    reports = lm.score_organizations(RUBRIC_100, responses, seed=1, n_resamples=200)
    step = RUBRIC_100.recommendation("team_level_follow_up").when
    for report in reports.values():
        assert not any(n.code == "low_agreement" for n in report.notices)
        assert evaluate(RUBRIC_100, report, step).holds is False


def test_the_ad_index_and_its_cutoff() -> None:
    responses = _simulated(LOW)
    result = lm.agreement(RUBRIC_100, responses, index="ad")
    for org in result.values():
        flagged = {n.subject for n in org.notices if n.code == "low_agreement"}
        above = {d for d, r in org.dimensions.items() if r.ad is not None and r.ad > 5 / 6}
        assert flagged == above
        for dim in flagged:
            assert org.supports_aggregation(dim) is False
    strict = lm.agreement(RUBRIC_100, responses, index="ad", ad_cutoff=0.1)
    assert all(d.share_above_cutoff == 0.0 for d in strict.dimensions.values())
    message = next(n.message for n in strict.notices if n.code == "low_agreement")
    assert "AD = " in message
    assert "> 0.10" in message
    with pytest.raises(ScoringError, match="ad_cutoff"):
        lm.agreement(RUBRIC_100, responses, ad_cutoff=-1)
    with pytest.raises(ScoringError, match="index"):
        lm.agreement(RUBRIC_100, responses, index="rwg")


def test_a_condition_naming_rwg_j_reads_rwg_j() -> None:
    responses = _simulated(LOW)
    org = responses.organization_ids[0]
    evidence = Evidence(agreement=lm.agreement(RUBRIC_100, responses)[org])
    report = lm.score_organizations(
        RUBRIC_100, responses, seed=1, n_resamples=200, agreement=False
    )[org]
    default = evaluate(RUBRIC_100, report, LowAgreement("practice"), evidence)
    named = evaluate(RUBRIC_100, report, LowAgreement("practice", 0.7, "rwg_j"), evidence)
    assert default.holds is True
    assert default.triggers[0].text.startswith("practice: r*wg(j)")
    assert named.holds is False
    assert named.triggers[0].text.startswith("practice: rwg(j)")


def test_rubric_conditions_may_name_the_index() -> None:
    text = (REFERENCE.parents[1] / "rubrics" / "learning-organization" / "1.0.0.yaml").read_text(
        encoding="utf-8"
    )
    line = "{kind: low_agreement, dimension: practice, threshold: 0.7}"
    assert line in text
    named = lm.read_rubric_bytes(text.replace(line, line[:-1] + ", index: rwg_j}").encode("utf-8"))
    leaves = [
        leaf
        for leaf in named.recommendation("team_level_follow_up").when.leaves()
        if isinstance(leaf, LowAgreement)
    ]
    assert [leaf.index for leaf in leaves] == [None, None, "rwg_j", None]
    assert leaves[2].to_dict()["index"] == "rwg_j"
    assert "index" not in leaves[0].to_dict()  # unchanged rubrics keep their fingerprint
    with pytest.raises(lm.RubricError, match="index"):
        lm.read_rubric_bytes(text.replace(line, line[:-1] + ", index: ad}").encode("utf-8"))


def test_table_columns_carry_the_new_indices() -> None:
    result = lm.agreement(RUBRIC_100, _simulated(HIGH))
    rows = [r for r in result.to_records() if r["statistic"] == "rwg_j"]
    org = result[str(rows[0]["organization"])]
    entry = org.dimensions[str(rows[0]["id"])]
    assert rows[0]["rwg_star"] == round(entry.rwg_star or 0, 4)
    assert rows[0]["ad"] == round(entry.ad or 0, 4)
    assert rows[0]["ad_cutoff"] == round(5 / 6, 4)
    icc_rows = [r for r in result.to_records() if r["statistic"] == "icc1"]
    assert all(r["rwg_star"] is None for r in icc_rows)


def test_dimension_summary_means() -> None:
    result = lm.agreement(RUBRIC_100, _simulated(LOW))
    for dim, summary in result.dimensions.items():
        stars = [org.dimensions[dim].rwg_star or math.nan for org in result.values()]
        ads = [org.dimensions[dim].ad or math.nan for org in result.values()]
        assert summary.mean_rwg_star_j == pytest.approx(statistics.fmean(stars), rel=1e-12)
        assert summary.mean_ad == pytest.approx(statistics.fmean(ads), rel=1e-12)
    assert np.isfinite([d.mean_ad or math.nan for d in result.dimensions.values()]).all()


def test_bad_ad_cutoff_and_evidence_without_the_index_are_explained() -> None:
    responses = _simulated(HIGH)
    with pytest.raises(ScoringError, match=r"ad_cutoff: .*None"):
        lm.agreement(RUBRIC_100, responses, ad_cutoff="c/6")  # type: ignore[arg-type]
    report = lm.score_organizations(
        RUBRIC_100, responses, seed=1, n_resamples=200, agreement=False
    )[responses.organization_ids[0]]
    only_rwg_j = Evidence(agreement={"practice": {"value": 0.9}})  # an rwg(j)-only result
    ev = evaluate(RUBRIC_100, report, LowAgreement("practice"), only_rwg_j)
    assert ev.holds is None
    assert "have no r*wg(j) ('rwg_star')" in (ev.triggers[0].reason or "")
    named = evaluate(RUBRIC_100, report, LowAgreement("practice", 0.7, "rwg_j"), only_rwg_j)
    assert named.holds is False


def test_undefined_indices_support_nothing() -> None:
    rubric = make_rubric({"d": ["a", "b"]}, points=5, rubric_id="one")
    responses = make_responses([[1.0, 2.0], [3.0, 3.0]], rubric.indicator_ids, ["x", "o"])
    result = lm.agreement(rubric, responses, index="ad")
    assert result["o"].supports_aggregation("d") is None
    assert result["o"].dimensions["d"].agrees(result.options) is None
    assert result.dimensions["d"].n_rated == 0
    assert result.dimensions["d"].mean_ad is None


def close(ours: float | None, theirs: float | None) -> bool:
    """Equal within rel 1e-12 (abs 1e-14), or both undefined (None here, NA in R)."""
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(ours, theirs, rel_tol=1e-12, abs_tol=1e-14)


def listwise(rubric: Rubric, responses: Responses) -> Responses:
    """Blank a dimension's answers of respondents who skipped any of its items (what
    multilevel::rwg.j.lindell and ad.m do through na.exclude)."""
    values = responses.values.copy()
    for dim in rubric.dimensions:
        cols = [responses.indicator_ids.index(i.id) for i in rubric.indicators_of(dim.id)]
        incomplete = np.isnan(values[:, cols]).any(axis=1)
        values[np.ix_(incomplete, np.array(cols, dtype=np.intp))] = np.nan
    return make_responses(values, responses.indicator_ids, list(responses.organizations))


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_indices_match_multilevel(name: str) -> None:
    """r*wg(j) (rwg.j.lindell) and AD (ad.m) against R, on complete cases (the listwise
    deletion those functions do)."""
    ref = DATASETS[name]
    rubric, responses = load_dataset(name)
    complete = listwise(rubric, responses)
    for null, dims in ref["rwg_j_lindell"].items():
        result = lm.agreement(rubric, complete, null=null)
        for dim, out in dims.items():
            for group, value in zip(out["groups"], out["value"], strict=True):
                got = result[group].dimensions[dim].rwg_star
                assert close(got, value), (null, dim, group, got, value)
    result = lm.agreement(rubric, complete)
    for dim, out in ref["ad_m"].items():
        for group, value in zip(out["groups"], out["value"], strict=True):
            got = result[group].dimensions[dim].ad
            assert close(got, value), (dim, group, got, value)


def test_default_cutoff_depends_on_the_index() -> None:
    responses = _simulated(LOW)
    star = lm.agreement(RUBRIC_100, responses)
    assert star.options.cutoff == 0.50
    assert lm.agreement(RUBRIC_100, responses, index="rwg_j").options.cutoff == 0.70
    flagged = {
        (org.organization, n.subject)
        for org in star.values()
        for n in org.notices
        if n.code == "low_agreement"
    }
    below = {
        (org.organization, dim)
        for org in star.values()
        for dim, r in org.dimensions.items()
        if r.rwg_star is not None and r.rwg_star < 0.50
    }
    assert flagged == below
    assert below
