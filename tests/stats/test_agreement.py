"""Agreement statistics: rwg, rwg(j), ICC(1), ICC(2) against R's multilevel, by hand, and
by properties; bad input gives reasons and notices, never warnings or crashes."""

from __future__ import annotations

import csv
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lomaturity
from factories import make_responses, make_rubric
from lomaturity import Responses, Rubric, ScoringError, agreement, read_rubric_bytes
from lomaturity._stats.agreement import NULL_PROBABILITIES, null_variance
from lomaturity.results import AgreementResult, Notice

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
REF = json.loads((REFERENCE / "multilevel_reference.json").read_text(encoding="utf-8"))
DATASETS = {d["name"]: d for d in REF["datasets"]}

RTOL = 1e-12  # observed agreement with R is ~1e-15 relative (see docs/agreement.md)
ATOL = 1e-14


# --- helpers ------------------------------------------------------------------------------


def load_dataset(name: str) -> tuple[Rubric, Responses, dict[str, Any]]:
    ref = DATASETS[name]
    with (REFERENCE / ref["file"]).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    items = header[2:]
    values = [[float(c) if c else math.nan for c in row[2:]] for row in body]
    rubric = make_rubric(
        ref["dimensions"],
        points=int(ref["scale"]["max"]),
        reverse=frozenset(ref["reversed"]),
        rubric_id="agreement-test",
    )
    assert rubric.indicator_ids == tuple(items)
    return rubric, make_responses(values, tuple(items), [row[0] for row in body]), ref


def listwise(rubric: Rubric, responses: Responses) -> Responses:
    """Blank a dimension's answers of respondents who skipped any of its items (what
    multilevel::rwg.j does through na.exclude)."""
    values = responses.values.copy()
    for dim in rubric.dimensions:
        cols = [responses.indicator_ids.index(i.id) for i in rubric.indicators_of(dim.id)]
        incomplete = np.isnan(values[:, cols]).any(axis=1)
        values[np.ix_(incomplete, np.array(cols, dtype=np.intp))] = np.nan
    return make_responses(values, responses.indicator_ids, list(responses.organizations))


def close(ours: float | None, theirs: float | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(ours, theirs, rel_tol=RTOL, abs_tol=ATOL)


def assert_per_group(result: AgreementResult, kind: str, subject: str, ref: dict[str, Any]) -> None:
    """Compare ``rwg`` (kind "indicators") or ``rwg(j)`` ("dimensions") with one R output."""
    seen = set()
    for group, value, gsize in zip(ref["groups"], ref["value"], ref["gsize"], strict=True):
        estimate = getattr(result[group], kind)[subject]
        assert close(estimate.value, value), (group, subject, estimate.value, value)
        assert estimate.n_respondents == gsize, (group, subject)
        seen.add(group)
    for group in set(result) - seen:  # R leaves out groups without data
        estimate = getattr(result[group], kind)[subject]
        assert estimate.value is None
        assert estimate.n_respondents == 0
        assert estimate.reason


# --- R cross-check ------------------------------------------------------------------------


def test_reference_file_describes_its_origin() -> None:
    assert REF["generated_by"] == "scripts/r_multilevel_reference.R"
    assert REF["multilevel_version"]
    assert set(DATASETS) == {"a", "b", "c", "d"}
    assert (Path(__file__).parents[2] / REF["generated_by"]).is_file()


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_null_variances_match_the_ones_given_to_r(name: str) -> None:
    ref = DATASETS[name]
    points = int(ref["scale"]["max"])
    for null, value in ref["nulls"].items():
        assert null_variance(null, points) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize(
    ("name", "null"),
    [(n, null) for n in sorted(DATASETS) for null in DATASETS[n]["nulls"]],
)
def test_rwg_matches_multilevel(name: str, null: str) -> None:
    rubric, responses, ref = load_dataset(name)
    result = agreement(rubric, responses, null=null)
    for item, out in ref["rwg"][null].items():
        assert_per_group(result, "indicators", item, out)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_untruncated_rwg_matches_plain_r(name: str) -> None:
    rubric, responses, ref = load_dataset(name)
    result = agreement(rubric, responses, truncate=False)
    for item, out in ref["rwg_untruncated"]["uniform"].items():
        assert_per_group(result, "indicators", item, out)
    if name == "b":  # organizations answering at random: variance above the null
        values = [v for out in ref["rwg_untruncated"]["uniform"].values() for v in out["value"]]
        assert any(v is not None and v < 0 for v in values)


@pytest.mark.parametrize(
    ("name", "null"),
    [(n, null) for n in sorted(DATASETS) for null in DATASETS[n]["nulls"]],
)
def test_rwg_j_matches_multilevel_on_complete_cases(name: str, null: str) -> None:
    rubric, responses, ref = load_dataset(name)
    result = agreement(rubric, listwise(rubric, responses), null=null)
    for dim, out in ref["rwg_j"][null].items():
        assert_per_group(result, "dimensions", dim, out)


@pytest.mark.parametrize("null", ["uniform", "slight_skew", "heavy_skew"])
def test_rwg_j_with_missing_answers_matches_pairwise_r(null: str) -> None:
    rubric, responses, ref = load_dataset("c")
    assert ref["missing_answers"]
    result = agreement(rubric, responses, null=null)
    for dim, out in ref["rwg_j_pairwise"][null].items():
        assert_per_group(result, "dimensions", dim, out)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_icc_matches_multilevel(name: str) -> None:
    rubric, responses, ref = load_dataset(name)
    result = agreement(rubric, responses)
    for dim, out in ref["icc"].items():
        ours = result.dimensions[dim]
        assert close(ours.icc1, out["icc1"]), (dim, ours.icc1, out["icc1"])
        assert close(ours.icc2, out["icc2"]), (dim, ours.icc2, out["icc2"])
        assert close(ours.ms_between, out["ms_between"])
        assert close(ours.ms_within, out["ms_within"])
        assert ours.n_organizations - 1 == out["df_between"]
        assert ours.n_respondents - ours.n_organizations == out["df_within"]
        assert ours.k == ours.n_respondents / ours.n_organizations


def test_reference_data_exercise_the_edge_cases() -> None:
    b = DATASETS["b"]
    assert 0 in b["rwg_j"]["uniform"]["d1"]["value"]  # truncated: variance above the null
    assert 1 in b["rwg_j"]["uniform"]["d1"]["value"]  # zero variance
    c = DATASETS["c"]
    assert None in c["rwg"]["uniform"]["d2_i2"]["value"]  # a single answer
    assert "g07" not in c["rwg"]["uniform"]["d1_i3"]["groups"]  # no answer at all
    assert 1 in c["rwg"]["uniform"]["d1_i1"]["gsize"]  # a one-respondent organization


# --- hand-computed ------------------------------------------------------------------------


@pytest.fixture
def tiny(tiny_rubric_yaml: str) -> tuple[Rubric, Responses]:
    """Org A: 3 respondents, org B: 2 (tiny rubric: 1..3 scales, cu_blame reverse-keyed,
    cu_talk weight 1.5, pr_time allows NA)."""
    rubric = read_rubric_bytes(tiny_rubric_yaml.encode())
    nan = math.nan
    values = [
        # cu_talk, cu_blame, pr_time
        [2, 1, 3],
        [2, 1, nan],  # pr_time "not applicable"
        [3, 1, 1],
        [1, 3, 2],
        [1, 2, 2],
    ]
    na = np.zeros((5, 3), dtype=bool)
    na[1, 2] = True
    responses = make_responses(values, rubric.indicator_ids, ["A", "A", "A", "B", "B"], na)
    return rubric, responses


def test_hand_computed_rwg(tiny: tuple[Rubric, Responses]) -> None:
    rubric, responses = tiny
    result = agreement(rubric, responses)
    assert result.null_variances == {"agree3": 2 / 3, "agree3_na": 2 / 3}  # (3^2 - 1) / 12
    a = result.for_organization("A")
    # cu_talk 2, 2, 3: s2 = 1/3, rwg = 1 - (1/3)/(2/3) = 1/2
    assert a.indicators["cu_talk"].value == pytest.approx(0.5, abs=1e-15)
    assert a.indicators["cu_talk"].variance == pytest.approx(1 / 3, abs=1e-15)
    # cu_blame 1, 1, 1: s2 = 0, rwg = 1 exactly
    assert a.indicators["cu_blame"].value == 1.0
    # pr_time 3, NA, 1: s2 = 2 > 2/3, truncated to 0 (1 - 3 = -2 without truncation)
    assert a.indicators["pr_time"].value == 0.0
    assert a.indicators["pr_time"].n_respondents == 2
    raw = agreement(rubric, responses, truncate=False).for_organization("A")
    assert raw.indicators["pr_time"].value == pytest.approx(-2.0, abs=1e-15)
    # culture: mean s2 = 1/6, ratio 1/4, rwg(j) = 2 (3/4) / (2 (3/4) + 1/4) = 6/7
    culture = a.dimensions["culture"]
    assert culture.value == pytest.approx(6 / 7, abs=1e-15)
    assert (culture.n_respondents, culture.n_items) == (3, 2)
    assert culture.variance == pytest.approx(1 / 6, abs=1e-15)
    # practice: one item, ratio 3 capped at 1 -> rwg(j) = 0
    assert a.dimensions["practice"].value == 0.0
    assert a.supports_aggregation("culture") is True
    assert a.supports_aggregation("practice") is False


def test_hand_computed_icc(tiny: tuple[Rubric, Responses]) -> None:
    rubric, responses = tiny
    result = agreement(rubric, responses)
    # Respondent culture scores (weights 1.5 / 1, cu_blame reversed, 0-100):
    # A: 70, 70, 100 (mean 80); B: 0, 20 (mean 10); grand mean 52.
    msb = Fraction(3 * 28**2 + 2 * 42**2, 1)
    msw = Fraction(100 + 100 + 400 + 100 + 100, 3)
    k = Fraction(5, 2)
    culture = result.dimensions["culture"]
    assert culture.ms_between == pytest.approx(float(msb), rel=1e-14)
    assert culture.ms_within == pytest.approx(float(msw), rel=1e-14)
    assert culture.k == 2.5
    assert culture.icc1 == pytest.approx(float((msb - msw) / (msb + (k - 1) * msw)), rel=1e-14)
    assert culture.icc2 == pytest.approx(float((msb - msw) / msb), rel=1e-14)
    # Bliese's (2000) adjusted size: (N - sum n^2 / N) / (G - 1) = (5 - 13/5) / 1
    assert culture.k_adjusted == pytest.approx(2.4, rel=1e-14)
    assert (culture.n_organizations, culture.n_respondents) == (2, 5)


def test_share_above_cutoff_and_notices(tiny: tuple[Rubric, Responses]) -> None:
    rubric, responses = tiny
    result = agreement(rubric, responses, cutoff=0.8, min_respondents=3, index="rwg_j")
    culture = result.dimensions["culture"]
    b_culture = result["B"].dimensions["culture"]
    assert b_culture.value is not None
    assert culture.n_rated == 2
    assert culture.n_above_cutoff == int(b_culture.value >= 0.8) + 1
    assert culture.share_above_cutoff == culture.n_above_cutoff / 2
    codes = {(n.code, n.subject) for n in result.notices}
    assert ("few_respondents", "B/culture") in codes
    assert ("low_agreement", "A/practice") in codes
    assert ("low_icc2", "practice") in codes or result.dimensions["practice"].icc2 is None
    # The per-organization view uses the score report's subject convention.
    assert all(n.subject in {"culture", "practice"} for n in result["A"].notices)
    assert isinstance(result["A"].notices[0], Notice)


def test_skewed_null_variances_follow_lebreton_senter() -> None:
    # LeBreton & Senter (2008), Table 3: A = 5 and A = 7.
    table = {
        5: {
            "uniform": 2.0,
            "slight_skew": 1.34,
            "moderate_skew": 0.90,
            "heavy_skew": 0.44,
            "triangular": 1.32,
        },
        7: {
            "uniform": 4.0,
            "slight_skew": 2.90,
            "moderate_skew": 2.14,
            "heavy_skew": 1.39,
            "triangular": 2.10,
        },
    }
    for points, row in table.items():
        for null, value in row.items():
            assert null_variance(null, points) == value
    for probabilities in NULL_PROBABILITIES.values():
        assert sum(Fraction(str(p)) for p in probabilities) == 1
    assert null_variance("uniform", 3) == 8 / 12
    assert null_variance("uniform", 11) == 10.0
    with pytest.raises(lomaturity.ScoringError, match="null: 'flat' is not one of"):
        null_variance("flat", 5)
    with pytest.raises(lomaturity.ScoringError, match="at least 2 answer options, not 1"):
        null_variance("uniform", 1)


def test_skewed_null_on_other_scales_is_a_clear_error(tiny_rubric_yaml: str) -> None:
    rubric = read_rubric_bytes(tiny_rubric_yaml.encode())
    responses = make_responses([[1, 2, 3]], rubric.indicator_ids, ["A"])
    with pytest.raises(ScoringError, match=r"5- and 7-point scales only.*3-point"):
        agreement(rubric, responses, null="slight_skew")


def test_bad_options_are_named() -> None:
    rubric = make_rubric({"d": ["i1", "i2"]}, points=5, rubric_id="agreement-test")
    responses = make_responses([[1, 2], [2, 2]], rubric.indicator_ids, ["A", "A"])
    with pytest.raises(ScoringError) as info:
        agreement(
            rubric,
            responses,
            null="gaussian",
            cutoff=1.5,
            icc2_threshold=math.nan,
            min_respondents=0,
            truncate="yes",  # type: ignore[arg-type]
        )
    message = str(info.value)
    for name in ("null", "cutoff", "icc2_threshold", "min_respondents", "truncate"):
        assert f"{name}:" in message


def test_responses_must_fit_and_be_non_empty() -> None:
    rubric = make_rubric({"d": ["i1", "i2"]}, points=5, rubric_id="agreement-test")
    other = make_responses([[1, 2]], ("i1", "x"), ["A"])
    with pytest.raises(ScoringError, match="do not fit"):
        agreement(rubric, other)
    empty = make_responses(np.empty((0, 2)), rubric.indicator_ids, [])
    with pytest.raises(ScoringError, match="no respondents"):
        agreement(rubric, empty)


def test_unknown_organization_is_a_clear_error(tiny: tuple[Rubric, Responses]) -> None:
    result = agreement(*tiny)
    with pytest.raises(lomaturity.UnknownOrganizationError, match="no organization 'Z'"):
        result.for_organization("Z")


# --- bad input: reasons and notices, no warnings ------------------------------------------


def test_all_answers_missing() -> None:
    rubric = make_rubric({"d1": ["a", "b"], "d2": ["c"]}, points=5, rubric_id="agreement-test")
    responses = make_responses(np.full((6, 3), np.nan), rubric.indicator_ids, ["A"] * 3 + ["B"] * 3)
    result = agreement(rubric, responses)
    for org in result.values():
        for estimate in (*org.dimensions.values(), *org.indicators.values()):
            assert estimate.value is None
            assert estimate.n_respondents == 0
            assert "no answers" in (estimate.reason or "")
    for dim in result.dimensions.values():
        assert dim.icc1 is None
        assert dim.icc2 is None
        assert dim.share_above_cutoff is None
        assert dim.n_rated == 0
        assert "at least 2 organizations" in (dim.reason or "")
    codes = [n.code for n in result.notices]
    assert codes.count("icc_undefined") == 2
    assert codes.count("rwg_undefined") == 4
    json.dumps(result.to_dict(), allow_nan=False)


def test_zero_variance_everywhere() -> None:
    rubric = make_rubric({"d1": ["a", "b"], "d2": ["c"]}, points=5, rubric_id="agreement-test")
    responses = make_responses(np.full((6, 3), 4.0), rubric.indicator_ids, ["A"] * 3 + ["B"] * 3)
    result = agreement(rubric, responses)
    for org in result.values():
        assert all(e.value == 1.0 for e in org.dimensions.values())
        assert all(e.value == 1.0 and e.variance == 0.0 for e in org.indicators.values())
    for dim in result.dimensions.values():
        assert dim.icc1 is None
        assert dim.icc2 is None
        assert dim.reason == "every respondent has the same score"
        assert dim.share_above_cutoff == 1.0
    assert {n.code for n in result.notices} == {"icc_undefined"}


def test_equal_organization_means_leave_icc2_undefined() -> None:
    rubric = make_rubric({"d": ["a"]}, points=5, rubric_id="agreement-test")
    responses = make_responses([[1], [5], [1], [5]], rubric.indicator_ids, ["A", "A", "B", "B"])
    dim = agreement(rubric, responses).dimensions["d"]
    assert dim.icc2 is None
    assert dim.icc1 == pytest.approx(-1.0)  # -1 / (k - 1) with k = 2
    assert "same mean" in (dim.reason or "")


def test_single_respondent_organizations() -> None:
    rubric = make_rubric({"d": ["a", "b"]}, points=5, rubric_id="agreement-test")
    responses = make_responses([[1, 2], [3, 4], [5, 5]], rubric.indicator_ids, ["A", "B", "C"])
    result = agreement(rubric, responses)
    for org in result.values():
        assert org.dimensions["d"].value is None
        assert "single respondent" in (org.dimensions["d"].reason or "")
        assert org.indicators["a"].reason == (
            "a single answer: agreement needs at least 2 respondents"
        )
    dim = result.dimensions["d"]
    assert dim.icc1 is None
    assert "single respondent" in (dim.reason or "")
    assert {n.code for n in result.notices} == {"rwg_undefined", "icc_undefined"}
    json.dumps(result.to_dict(), allow_nan=False)


def test_single_organization_has_no_icc() -> None:
    rubric = make_rubric({"d": ["a", "b"]}, points=5, rubric_id="agreement-test")
    responses = make_responses([[1, 2], [2, 2], [2, 3]], rubric.indicator_ids, ["A"] * 3)
    result = agreement(rubric, responses)
    assert result["A"].dimensions["d"].value is not None
    assert result.dimensions["d"].reason == (
        "needs at least 2 organizations with answers; the responses hold 1"
    )


def test_no_item_with_two_answers() -> None:
    rubric = make_rubric({"d": ["a", "b"]}, points=5, rubric_id="agreement-test")
    nan = math.nan
    responses = make_responses([[1, nan], [nan, 2]], rubric.indicator_ids, ["A", "A"])
    estimate = agreement(rubric, responses)["A"].dimensions["d"]
    assert estimate.value is None
    assert estimate.n_respondents == 2
    assert estimate.reason == "no indicator of the dimension was answered by at least 2 respondents"


def test_column_order_does_not_matter() -> None:
    rubric, responses, _ = load_dataset("c")
    order = list(reversed(range(len(responses.indicator_ids))))
    shuffled = Responses(
        indicator_ids=[responses.indicator_ids[i] for i in order],
        values=responses.values[:, order],
        not_applicable=responses.not_applicable[:, order],
        respondent_ids=responses.respondent_ids,
        organizations=responses.organizations,
    )
    assert agreement(rubric, shuffled).to_dict() == agreement(rubric, responses).to_dict()


def test_default_rubric_json_ready(default_rubric: Rubric) -> None:
    rng = np.random.default_rng(3)
    n = 60
    values = rng.integers(1, 6, size=(n, len(default_rubric.indicators))).astype(float)
    values[rng.random(values.shape) < 0.1] = np.nan
    orgs = [f"org{i % 4}" for i in range(n)]
    responses = make_responses(values, default_rubric.indicator_ids, orgs)
    result = agreement(default_rubric, responses, null="moderate_skew")
    payload = result.to_dict()
    text = json.dumps(payload, allow_nan=False)
    assert json.loads(text) == payload
    assert list(payload["dimensions"]) == [d.id for d in default_rubric.dimensions]
    assert set(payload["organizations"]["org0"]["rwg"]) == set(default_rubric.indicator_ids)
    json.dumps(result["org1"].to_dict(), allow_nan=False)


# --- properties ---------------------------------------------------------------------------

PROPERTY_RUBRIC = make_rubric(
    {"d1": ["a", "b", "c"], "d2": ["e", "f"]},
    points=5,
    reverse=frozenset({"b"}),
    weights={"a": 2.0, "e": 0.5},
    rubric_id="agreement-test",
)


@st.composite
def surveys(draw: st.DrawFn) -> Responses:
    n_orgs = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 7), min_size=n_orgs, max_size=n_orgs))
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


def _numbers(result: AgreementResult) -> dict[tuple[str, ...], float | None]:
    out: dict[tuple[str, ...], float | None] = {}
    for org, agreement_ in result.items():
        for dim, estimate in agreement_.dimensions.items():
            out[(org, dim)] = estimate.value
        for ind, estimate in agreement_.indicators.items():
            out[(org, ind)] = estimate.value
    for dim, d in result.dimensions.items():
        out[(dim, "icc1")] = d.icc1
        out[(dim, "icc2")] = d.icc2
    return out


def _loop_reference(responses: Responses, null_var: float) -> dict[tuple[str, str], float | None]:
    """Straightforward per-organization loop: rwg and rwg(j) with pairwise deletion."""
    out: dict[tuple[str, str], float | None] = {}
    orgs = np.array(responses.organizations)
    ids = responses.indicator_ids
    for org in dict.fromkeys(responses.organizations):
        block = responses.values[orgs == org]
        variances = {}
        for j, ind in enumerate(ids):
            x = block[:, j][~np.isnan(block[:, j])]
            if x.size >= 2:
                variances[ind] = float(np.var(x, ddof=1))
                out[(org, ind)] = 1.0 - min(variances[ind], null_var) / null_var
            else:
                out[(org, ind)] = None
        for dim in PROPERTY_RUBRIC.dimensions:
            used = [
                variances[i.id] for i in PROPERTY_RUBRIC.indicators_of(dim.id) if i.id in variances
            ]
            if not used:
                out[(org, dim.id)] = None
                continue
            r = min(sum(used) / len(used) / null_var, 1.0)
            out[(org, dim.id)] = len(used) * (1 - r) / (len(used) * (1 - r) + r)
    return out


@settings(max_examples=150, deadline=None)
@given(surveys(), st.sampled_from(["uniform", "slight_skew", "heavy_skew", "triangular"]))
def test_properties(responses: Responses, null: str) -> None:
    result = agreement(PROPERTY_RUBRIC, responses, null=null)
    json.dumps(result.to_dict(), allow_nan=False)
    expected = _loop_reference(responses, null_variance(null, 5))
    for org, agreement_ in result.items():
        for key, estimate in (*agreement_.dimensions.items(), *agreement_.indicators.items()):
            if estimate.value is None:
                assert expected[(org, key)] is None
                assert estimate.reason
            else:
                assert 0.0 <= estimate.value <= 1.0
                assert estimate.value == pytest.approx(expected[(org, key)], abs=1e-12)
    for dim in result.dimensions.values():
        for value in (dim.icc1, dim.icc2):
            assert value is None or value <= 1.0 + 1e-12
        if dim.icc1 is None and dim.icc2 is None:
            assert dim.reason


@settings(max_examples=60, deadline=None)
@given(surveys(), st.randoms(use_true_random=False))
def test_invariant_to_respondent_and_organization_order(responses: Responses, rnd: Any) -> None:
    order = list(range(responses.n_respondents))
    rnd.shuffle(order)
    shuffled = responses.select(np.array(order, dtype=np.intp))
    ours, theirs = (
        _numbers(agreement(PROPERTY_RUBRIC, responses)),
        _numbers(agreement(PROPERTY_RUBRIC, shuffled)),
    )
    assert ours.keys() == theirs.keys()
    for key, value in ours.items():
        other = theirs[key]
        assert (value is None) == (other is None), key
        if value is not None and other is not None:
            assert value == pytest.approx(other, rel=1e-9, abs=1e-9), key


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(2, 6), min_size=1, max_size=4),
    st.lists(st.integers(1, 5), min_size=20, max_size=20),
)
def test_perfect_agreement_gives_one(sizes: list[int], answers: list[int]) -> None:
    rows, organizations = [], []
    for g, size in enumerate(sizes):
        rows += [answers[5 * (g % 4) : 5 * (g % 4) + 5]] * size
        organizations += [f"o{g}"] * size
    result = agreement(
        PROPERTY_RUBRIC, make_responses(rows, PROPERTY_RUBRIC.indicator_ids, organizations)
    )
    for org in result.values():
        assert all(e.value == 1.0 for e in org.dimensions.values())
        assert all(e.value == 1.0 for e in org.indicators.values())
        assert not org.notices or {n.code for n in org.notices} == {"few_respondents"}


def test_example_data_and_attaching_to_a_score_report(default_rubric: Rubric) -> None:
    responses = lomaturity.example_responses("learning-organization@1.0.0")
    result = agreement(default_rubric, responses)
    assert list(result) == list(responses.organization_ids)
    for dim in result.dimensions.values():
        assert dim.icc2 is not None
        assert dim.n_organizations == len(responses.organization_ids)
    reports = lomaturity.score_organizations(default_rubric, responses, n_resamples=100, seed=1)
    for name, report in reports.items():
        part = result.for_organization(name)
        attached = attrs.evolve(
            report,
            notices=(*report.notices, *part.notices),
            agreement=part,
        )
        payload = attached.to_dict()
        assert payload["agreement"]["rwg_j"].keys() == report.dimensions.keys()
        json.dumps(payload, allow_nan=False)
