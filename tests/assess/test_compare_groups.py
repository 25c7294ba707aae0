"""``lm.compare_groups``: arguments, bad input (clear errors or flagged results), notices."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

import lomaturity as lm

RESAMPLES = 200


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def panel(rubric: lm.Rubric) -> lm.Responses:
    return lm.simulate_responses(
        rubric, organizations=6, respondents=8, seed=1, sectors={"a": 0.0, "b": 0.4}
    ).responses


def rebuilt(r: lm.Responses, **changes: Any) -> lm.Responses:
    fields: dict[str, Any] = {
        "indicator_ids": r.indicator_ids,
        "values": r.values,
        "not_applicable": r.not_applicable,
        "respondent_ids": r.respondent_ids,
        "organizations": r.organizations,
        "metadata": dict(r.metadata),
        "rubric_key": r.rubric_key,
        "rubric_fingerprint": r.rubric_fingerprint,
    }
    fields.update(changes)
    return lm.Responses(**fields)


def with_sector(r: lm.Responses, sector: list[str | None]) -> lm.Responses:
    return rebuilt(r, metadata={**r.metadata, "sector": sector})


def compare(rubric: lm.Rubric, responses: lm.Responses, by: Any, **kw: Any) -> Any:
    return lm.compare_groups(rubric, responses, by, seed=1, n_resamples=RESAMPLES, **kw)


def test_unknown_column_names_the_columns_and_a_hint(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    with pytest.raises(
        lm.ScoringError, match=r"no metadata column 'secter'.*did you mean 'sector'"
    ):
        compare(rubric, panel, "secter")


def test_column_not_constant_within_an_organization(rubric: lm.Rubric, panel: lm.Responses) -> None:
    sector = list(panel.metadata["sector"])
    sector[0] = "b" if sector[0] == "a" else "a"
    with pytest.raises(
        lm.ScoringError, match=r"not constant within each organization: 'org-0001' has 'a', 'b'"
    ):
        compare(rubric, with_sector(panel, sector), "sector")


def test_blank_group_value_is_refused(rubric: lm.Rubric, panel: lm.Responses) -> None:
    sector = [
        None if o == "org-0002" else s
        for o, s in zip(panel.organizations, panel.metadata["sector"], strict=True)
    ]
    with pytest.raises(lm.ScoringError, match=r"blank for 1 organization\(s\): 'org-0002'"):
        compare(rubric, with_sector(panel, sector), "sector")


def test_one_group_is_refused(rubric: lm.Rubric, panel: lm.Responses) -> None:
    with pytest.raises(lm.ScoringError, match="at least two groups"):
        compare(rubric, with_sector(panel, ["x"] * panel.n_respondents), "sector")
    with pytest.raises(lm.ScoringError, match="at least two groups"):
        compare(rubric, panel, dict.fromkeys(panel.organization_ids, "all"))


def test_mapping_must_name_every_organization_and_only_those(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    names = panel.organization_ids
    partial = {o: "x" if i % 2 else "y" for i, o in enumerate(names[:-1])}
    with pytest.raises(lm.ScoringError, match=r"leaves out 1 organization\(s\).*'org-0006'"):
        compare(rubric, panel, partial)
    extra = partial | {names[-1]: "x", "org-0007": "y"}
    with pytest.raises(lm.ScoringError, match=r"do not hold: 'org-0007'$"):
        compare(rubric, panel, extra)
    typo = partial | {"ORG-0006": "x"}
    with pytest.raises(lm.ScoringError, match=r"did you mean 'org-0006'"):
        compare(rubric, panel, typo)
    blank = partial | {names[-1]: " "}
    with pytest.raises(lm.ScoringError, match="not blank"):
        compare(rubric, panel, blank)


def test_bad_options_are_named_together(rubric: lm.Rubric, panel: lm.Responses) -> None:
    with pytest.raises(lm.ScoringError) as info:
        lm.compare_groups(
            rubric,
            panel,
            "sector",
            contrasts="all",
            adjust="bonferroni",
            confidence=1.5,
            n_resamples=5,
        )
    message = str(info.value)
    for part in ("contrasts: 'all'", "adjust: 'bonferroni'", "confidence", "n_resamples"):
        assert part in message


def test_wrong_argument_types(rubric: lm.Rubric, panel: lm.Responses) -> None:
    with pytest.raises(TypeError, match="by: expected"):
        compare(rubric, panel, 3)
    with pytest.raises(TypeError):
        compare(panel, panel, "sector")  # type: ignore[arg-type]


def test_a_group_of_one_organization_is_flagged(rubric: lm.Rubric, panel: lm.Responses) -> None:
    mapping = {o: ("solo" if o == "org-0001" else "many") for o in panel.organization_ids}
    res = compare(rubric, panel, mapping)
    c = res.contrast("many", "solo")
    assert res.column == "mapping"
    assert (c.n_first, c.n_second) == (5, 1)
    assert "respondent-bootstrap" in c.method
    codes = [n.code for n in c.notices]
    assert "one_organization_group" in codes
    assert "few_organizations" in codes
    rows = res.to_records()
    assert {r["method"] for r in rows} == {c.method}


def test_an_organization_with_one_respondent_is_flagged(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        rubric,
        organizations=6,
        respondents=[1, 8, 8, 8, 8, 8],
        seed=2,
        sectors={"a": 0.0, "b": 0.0},
        missing=0.0,
    )
    res = compare(rubric, sim.responses, "sector")
    notice = next(n for n in res.notices if n.code == "one_respondent")
    assert "'org-0001'" in notice.message
    assert res.contrast("a", "b").overall.difference is not None


def test_a_one_organization_side_with_one_respondent_has_no_range(rubric: lm.Rubric) -> None:
    sim = lm.simulate_responses(
        rubric, organizations=4, respondents=[1, 8, 8, 8], seed=2, missing=0.0
    )
    res = compare(rubric, sim.responses, "organization", contrasts="vs_rest")
    c = res.contrast("(all others)", "org-0001")
    assert c.overall.difference is None
    assert c.overall.low is None
    assert c.overall.reason is not None
    assert "fewer than two respondents" in c.overall.reason
    assert c.overall.p_value is None
    assert c.overall.effect_size is None
    other = res.contrast("(all others)", "org-0002").overall
    assert other.difference is not None
    assert other.low is not None


def test_a_score_no_organization_of_a_group_has(rubric: lm.Rubric, panel: lm.Responses) -> None:
    indicator = panel.indicator_ids[0]
    values = panel.values.copy()
    group_a = np.array([s == "a" for s in panel.metadata["sector"]])
    values[group_a, 0] = np.nan
    res = compare(rubric, rebuilt(panel, values=values), "sector")
    entry = res.contrast("a", "b").indicators[indicator]
    assert entry.difference is None
    assert entry.reason == "no organization of 'a' has this score"
    assert entry.n_first == 0
    assert res.groups["a"].indicators[indicator] is None
    # the overall score needs every dimension, not every indicator
    assert res.contrast("a", "b").overall.difference is not None


def test_vs_rest_with_two_groups_says_it_repeats_itself(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    res = compare(rubric, panel, "sector", contrasts="vs_rest")
    assert any(n.code == "two_groups" for n in res.notices)
    a, b = res.contrast("(all others)", "a"), res.contrast("(all others)", "b")
    assert a.overall.difference == pytest.approx(-(b.overall.difference or 0.0))
    # the rest of 'a' is 'b' itself: the same organizations get the same draws
    assert a.overall.low == pytest.approx(-(b.overall.high or 0.0))


def test_seed_is_recorded_and_reproduces(rubric: lm.Rubric, panel: lm.Responses) -> None:
    first = lm.compare_groups(rubric, panel, "sector", n_resamples=RESAMPLES)
    seed = first.options.seed
    assert isinstance(seed, int)
    again = lm.compare_groups(rubric, panel, "sector", n_resamples=RESAMPLES, seed=seed)
    assert first.to_dict() == again.to_dict()
    assert first.options.interval == "expanded"


def test_groups_record_their_organizations(rubric: lm.Rubric, panel: lm.Responses) -> None:
    res = compare(rubric, panel, "sector")
    assert list(res.groups) == ["a", "b"]
    assert res.groups["a"].organizations == ("org-0001", "org-0003", "org-0005")
    assert res.groups["a"].n_respondents == 24
    assert repr(res).startswith("GroupComparison('learning-organization@1.0.0'")
    with pytest.raises(KeyError, match="no contrast"):
        res.contrast("b", "a")


def test_by_organization_quotes_its_measured_coverage(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    res = compare(rubric, panel, "organization", contrasts="vs_rest")
    notice = next(n for n in res.notices if n.code == "organization_sides")
    assert "93.6" in notice.message
    assert "docs/group-contrasts.md" in notice.message
    assert not any(n.code == "organization_sides" for n in compare(rubric, panel, "sector").notices)


def test_a_group_whose_organizations_have_no_answers(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    values = panel.values.copy()
    group_a = np.array([s == "a" for s in panel.metadata["sector"]])
    values[group_a] = np.nan
    res = compare(rubric, rebuilt(panel, values=values), "sector")
    notice = next(n for n in res.notices if n.code == "no_answers")
    assert "3 organization(s)" in notice.message
    assert "'org-0001'" in notice.message
    c = res.contrast("a", "b")
    for entry in [c.overall, *c.dimensions.values(), *c.indicators.values()]:
        assert entry.difference is None
        assert entry.low is None
        assert entry.p_value is None
        assert entry.reason == "no organization of 'a' has this score"
    assert res.groups["a"].overall is None
    assert res.groups["a"].n_respondents == 0
    assert json_ready(res.to_dict())


def json_ready(data: Any) -> bool:
    json.dumps(data, allow_nan=False)
    return True


def test_one_organization_by_organization_is_refused(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    with pytest.raises(lm.ScoringError, match="hold one organization"):
        compare(rubric, panel.for_organization("org-0001"), "organization")
