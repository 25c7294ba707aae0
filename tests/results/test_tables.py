"""Tidy tables of every result: to_records, to_csv and to_frame (docs/tables.md)."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lomaturity as lm
from factories import make_rubric
from lomaturity._results import tables as tables_module
from lomaturity._results.tables import csv_cell
from lomaturity.recommendations import Roadmap, Targets
from lomaturity.results import (
    AgreementResult,
    Benchmark,
    BenchmarkSet,
    ComparisonSet,
    GroupBreakdown,
    GroupComparison,
    OrganizationQuality,
    PerceptionGap,
    ReliabilityResult,
    ResponseQuality,
    RubricDiff,
    SurveyDesign,
)

REPO = Path(__file__).resolve().parents[2]
RESAMPLES = 200
EVIL = '=HYPERLINK("http://evil.example","click")'

Table = (
    lm.Report
    | lm.ReportSet
    | AgreementResult
    | ReliabilityResult
    | GroupBreakdown
    | PerceptionGap
    | lm.RecommendationResult
    | Targets
    | Roadmap
    | Benchmark
    | BenchmarkSet
    | lm.Comparison
    | ComparisonSet
    | GroupComparison
    | RubricDiff
    | SurveyDesign
    | ResponseQuality
    | OrganizationQuality
)


def documented_columns() -> dict[str, list[str]]:
    """Table kind -> its columns, as listed in docs/tables.md (``## `kind` ...`` sections
    with a ``| `column` | meaning |`` table)."""
    text = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for section in text.split("\n## ")[1:]:
        kind = re.match(r"`(\w+)`", section)
        if kind is not None:
            out[kind.group(1)] = re.findall(r"^\| `(\w+)` \|", section, re.M)
    return out


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def panel() -> lm.Responses:
    return lm.example_responses("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def reports(rubric: lm.Rubric, panel: lm.Responses) -> lm.ReportSet:
    return lm.score_organizations(rubric, panel, seed=1, n_resamples=RESAMPLES)


@pytest.fixture(scope="module")
def tables(rubric: lm.Rubric, panel: lm.Responses, reports: lm.ReportSet) -> dict[str, Table]:
    """One result of every kind that has a table, by the table kind it makes."""
    report = reports["nordwind-manufacturing"]
    return {
        "report": report,
        "reports": reports,
        "agreement": lm.agreement(rubric, panel),
        "reliability": lm.reliability(rubric, panel, seed=1, n_resamples=RESAMPLES),
        "groups": lm.group_scores(rubric, panel, seed=1, n_resamples=RESAMPLES),
        "gaps": lm.perception_gap(rubric, panel, seed=1, n_resamples=RESAMPLES),
        "steps": lm.recommend(rubric, report),
        "targets": lm.targets(rubric, report),
        "roadmap": lm.roadmap(rubric, report),
        "benchmark": lm.benchmark(report, lm.example_norms("learning-organization@1.0.0")),
        "benchmarks": lm.benchmark(reports, lm.example_norms("learning-organization@1.0.0")),
        "comparison": lm.compare(reports["brightloom-design"], report),
        "comparisons": lm.compare(
            panel, panel, rubric=rubric, paired=False, seed=1, n_resamples=RESAMPLES
        ),
        "group_contrasts": lm.compare_groups(
            rubric, panel, "organization", contrasts="vs_rest", seed=1, n_resamples=RESAMPLES
        ),
        "rubric_diff": lm.diff_rubrics(rubric, _changed(rubric)),
        "design": _design(rubric, panel),
        "quality": lm.response_quality(rubric, panel),
        "report_quality": _quality(report),
    }


def _design(rubric: lm.Rubric, panel: lm.Responses) -> Table:
    """The survey design of one organization scored with headcounts by role."""
    strata = {"nordwind-manufacturing": {"manager": 24, "employee": 276}}
    report = lm.score(
        rubric,
        panel,
        organization="nordwind-manufacturing",
        seed=1,
        n_resamples=RESAMPLES,
        population=lm.Population.of(strata, by="role"),
    )
    assert report.design is not None
    return report.design


def _quality(report: lm.Report) -> OrganizationQuality:
    assert report.quality is not None  # scored with the default screen="flag"
    return report.quality


def _changed(rubric: lm.Rubric) -> lm.Rubric:
    """``rubric`` with one dimension reweighted and one indicator reworded (for a diff)."""
    dimensions = (attrs.evolve(rubric.dimensions[0], weight=2.0), *rubric.dimensions[1:])
    first = attrs.evolve(rubric.indicators[0], statement="Reworded, with a =formula.")
    return attrs.evolve(
        rubric, version="9.0.0", dimensions=dimensions, indicators=(first, *rubric.indicators[1:])
    )


KINDS = {
    "report": "scores",
    "reports": "scores",
    "agreement": "agreement",
    "reliability": "reliability",
    "groups": "groups",
    "gaps": "gaps",
    "steps": "steps",
    "targets": "targets",
    "roadmap": "steps",
    "benchmark": "benchmarks",
    "benchmarks": "benchmarks",
    "comparison": "comparisons",
    "comparisons": "comparisons",
    "group_contrasts": "comparisons",
    "rubric_diff": "changes",
    "design": "design",
    "quality": "quality",
    "report_quality": "quality",
}


def test_docs_list_every_table_kind() -> None:
    assert set(documented_columns()) == set(KINDS.values())


@pytest.mark.parametrize("name", list(KINDS))
def test_every_row_has_the_documented_columns_in_order(tables: dict[str, Table], name: str) -> None:
    columns = documented_columns()[KINDS[name]]
    records = tables[name].to_records()
    assert records
    for record in records:
        assert list(record) == columns


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.parametrize("name", list(KINDS))
def test_csv_round_trips_through_dict_reader(tables: dict[str, Table], name: str) -> None:
    result = tables[name]
    records = result.to_records()
    text = result.to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.endswith("\n")
    assert "\r" not in text
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row == {k: csv_value(v) for k, v in record.items()}


@pytest.mark.parametrize("name", list(KINDS))
def test_frame_has_the_same_rows(tables: dict[str, Table], name: str) -> None:
    pytest.importorskip("pandas")
    result = tables[name]
    frame = result.to_frame()
    records = result.to_records()
    assert list(frame.columns) == list(records[0])
    assert len(frame) == len(records)
    for got, want in zip(frame.to_dict("records"), records, strict=True):
        for key, value in want.items():
            cell = got[key]
            if value is None:
                assert cell is None or (isinstance(cell, float) and math.isnan(cell)), key
            else:
                assert cell == value, key


def test_frame_without_pandas_says_how_to_install(
    tables: dict[str, Table], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    with pytest.raises(ImportError, match=re.escape("pip install 'lomaturity[pandas]'")):
        tables["report"].to_frame()


def test_report_rows_carry_the_scores(reports: lm.ReportSet) -> None:
    report = reports["nordwind-manufacturing"]
    records = report.to_records()
    assert [r["level"] for r in records[:2]] == ["overall", "dimension"]
    first = records[0]
    assert first["organization"] == "nordwind-manufacturing"
    assert first["rubric"] == report.rubric_key
    assert first["id"] == "overall"
    assert first["value"] == round(report.overall.value or 0.0, 4)
    assert first["stage"] == report.overall.stage
    practice = next(r for r in records if r["id"] == "practice")
    assert practice["low"] == report.dimensions["practice"].to_dict()["low"]
    indicators = [r for r in records if r["level"] == "indicator"]
    assert [r["id"] for r in indicators] == list(report.indicators)
    assert all(r["stage"] is None for r in indicators)


def test_report_set_is_the_concatenation_of_its_reports(reports: lm.ReportSet) -> None:
    expected = [row for report in reports.values() for row in report.to_records()]
    assert reports.to_records() == expected
    header, *lines = reports.to_csv().splitlines()
    assert len(lines) == len(expected)
    assert header == ",".join(expected[0])


def test_agreement_rows_per_organization_then_icc(tables: dict[str, Table]) -> None:
    result = tables["agreement"]
    assert isinstance(result, AgreementResult)
    records = result.to_records()
    org = result["brightloom-design"]
    rwg_j = next(
        r for r in records if r["organization"] == "brightloom-design" and r["id"] == "practice"
    )
    assert rwg_j["statistic"] == "rwg_j"
    assert rwg_j["value"] == org.dimensions["practice"].to_dict()["value"]
    icc = [r for r in records if r["organization"] is None]
    assert [r["statistic"] for r in icc[:2]] == ["icc1", "icc2"]
    assert icc[1]["value"] == result.dimensions[str(icc[1]["id"])].to_dict()["icc2"]
    assert icc[0]["n_organizations"] == 4
    assert len(records) == 4 * (4 + 28) + 2 * 4


def test_reliability_rows(tables: dict[str, Table]) -> None:
    result = tables["reliability"]
    assert isinstance(result, ReliabilityResult)
    records = result.to_records()
    dim = result.dimensions["practice"]
    alpha = next(r for r in records if r["id"] == "practice" and r["statistic"] == "alpha")
    assert (alpha["value"], alpha["low"], alpha["high"]) == (
        round(dim.alpha_raw or 0.0, 4),
        round(dim.alpha_low or 0.0, 4),
        round(dim.alpha_high or 0.0, 4),
    )
    omega = next(r for r in records if r["id"] == "practice" and r["statistic"] == "omega_total")
    assert omega["low"] is None
    item_id, item = next(iter(dim.items.items()))
    sd = next(r for r in records if r["id"] == item_id and r["statistic"] == "sd")
    assert sd["dimension"] == "practice"
    assert sd["value"] == item.to_dict()["sd"]
    assert sd["n_respondents"] == item.n
    assert all(r["organization"] is None for r in records)  # all respondents pooled


def test_group_and_gap_rows(tables: dict[str, Table]) -> None:
    groups = tables["groups"]
    assert isinstance(groups, GroupBreakdown)
    records = groups.to_records()
    org, by_team = next(iter(groups.items()))
    name, group = next(iter(by_team.shown.items()))
    row = next(r for r in records if r["organization"] == org and r["group"] == name)
    assert (row["column"], row["level"], row["suppressed"]) == ("team", "overall", False)
    assert group.overall is not None
    assert row["value"] == group.overall.to_dict()["value"]

    gaps = tables["gaps"]
    assert isinstance(gaps, PerceptionGap)
    gap_rows = gaps.to_records()
    gap = gaps["brightloom-design"]
    assert gap.overall is not None
    first = gap_rows[0]
    assert (first["first"], first["second"], first["id"]) == ("manager", "employee", "overall")
    assert first["value"] == gap.overall.to_dict()["difference"]
    assert first["first_value"] == gap.overall.to_dict()["first"]


def test_suppressed_groups_and_gaps_have_one_row_with_the_reason(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    options: dict[str, Any] = {"seed": 1, "n_resamples": 100, "min_group_size": 10_000}
    groups = lm.group_scores(rubric, panel, **options).to_records()
    assert groups
    assert all(r["suppressed"] is True and r["value"] is None for r in groups)
    assert all(r["reason"] and r["level"] == "overall" for r in groups)
    assert all(isinstance(r["n_respondents"], int) for r in groups)
    gaps = lm.perception_gap(rubric, panel, **options)
    rows = gaps.to_records()
    assert len(rows) == len(gaps)
    assert all(r["suppressed"] is True and r["reason"] and r["value"] is None for r in rows)
    assert rows[0]["n_first"] == gaps["brightloom-design"].n_first


def test_step_rows_in_plan_order_then_unranked(tables: dict[str, Table]) -> None:
    result = tables["steps"]
    assert isinstance(result, lm.RecommendationResult)
    records = result.to_records()
    ranked = records[: len(result.steps)]
    assert [r["id"] for r in ranked] == list(result.ids)
    assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))
    alone = next(r for r in ranked if not result.step(str(r["id"])).recommendation.requires)
    assert alone["requires"] is None  # an empty list is a missing value, not ""
    needing = next(s for s in result.steps if s.needed_by)
    row = next(r for r in ranked if r["id"] == needing.id)
    assert row["needed_by"] == ";".join(needing.needed_by)
    assert row["gain"] == round(needing.gain, 6)
    unranked = records[len(result.steps) :]
    expected = [u.id for u in (*result.deferred, *result.borderline, *result.not_evaluable)]
    assert [r["id"] for r in unranked] == expected
    assert all(r["rank"] is None and r["reason"] for r in unranked)
    roadmap = tables["roadmap"]
    assert isinstance(roadmap, Roadmap)
    phases = [r["phase"] for r in roadmap.to_records()[: len(roadmap.steps)]]
    assert phases == sorted(p for p in phases if isinstance(p, int))


def test_target_rows(tables: dict[str, Table]) -> None:
    targets = tables["targets"]
    assert isinstance(targets, Targets)
    records = targets.to_records()
    assert len(records) == 1 + len(targets.dimensions) + len(targets.indicators)
    first = records[0]
    assert (first["level"], first["id"]) == ("overall", "overall")
    assert first["target"] == targets.overall.to_dict()["target"]
    assert first["met"] is targets.overall.met
    assert first["value"] == targets.overall.to_dict()["current"]
    assert first["percent_to_target"] == targets.overall.to_dict()["percent_to_target"]


# --------------------------------------------------------------------------- CSV safety


def hostile_responses() -> tuple[lm.Rubric, lm.Responses]:
    rubric = make_rubric({"d1": ["a", "b"], "d2": ["c"]})
    values = np.tile([[1, 2, 3], [4, 5, 5], [2, 3, 4]], (2, 1)).astype(float)
    teams = ["+SUM(1)", "+SUM(1)", "@cmd", "@cmd", "line\nbreak\x07", "line\nbreak\x07"]
    responses = lm.responses_from_array(
        values, rubric, organizations=[EVIL] * 6, metadata={"team": teams}
    )
    return rubric, responses


def test_formula_like_text_is_escaped_and_numbers_are_not() -> None:
    rubric, responses = hostile_responses()
    report = lm.score(rubric, responses, seed=1, n_resamples=100)
    rows = list(csv.DictReader(io.StringIO(report.to_csv())))
    assert {r["organization"] for r in rows} == {"'" + EVIL}
    assert report.to_records()[0]["organization"] == EVIL  # records keep the text as is
    breakdown = lm.group_scores(rubric, responses, seed=1, n_resamples=100, min_group_size=1)
    text = breakdown.to_csv()
    groups = {r["group"] for r in csv.DictReader(io.StringIO(text))}
    assert groups == {"'+SUM(1)", "'@cmd", "line\\nbreak\\x07"}
    assert "\x07" not in text
    assert len(text.splitlines()) == 1 + 3 * 6  # no line broken by a cell


@given(st.text(max_size=12))
def test_no_text_cell_can_start_a_formula_or_break_a_line(text: str) -> None:
    cell = tables_module.csv_cell(text)
    assert not cell.startswith(tables_module.FORMULA_STARTS)
    assert cell == text or cell.startswith("'") or "\\" in cell
    assert not any(ord(c) < 32 or ord(c) == 127 for c in cell)
    assert tables_module.csv_cell("\tx") == "'\\tx"
    assert tables_module.csv_cell("\r=1") == "'\\r=1"


def test_negative_numbers_stay_numbers(tables: dict[str, Table]) -> None:
    gaps = tables["gaps"]
    negative = [r for r in gaps.to_records() if isinstance(r["low"], float) and r["low"] < 0]
    assert negative
    rows = list(csv.DictReader(io.StringIO(gaps.to_csv())))
    lows = [row["low"] for row in rows if row["low"].startswith("-")]
    assert len(lows) == len(negative)
    assert [float(x) for x in lows] == [r["low"] for r in negative]


def test_dialect_is_comma_newline_minimal_quoting(reports: lm.ReportSet) -> None:
    text = reports["nordwind-manufacturing"].to_csv()
    header = text.split("\n", 1)[0]
    assert header.startswith("rubric,organization,level,id,value,low,high")
    assert '"' not in text  # nothing here needs quoting


# ------------------------------------------------------------------------- atomic files


def test_to_csv_writes_the_file(reports: lm.ReportSet, tmp_path: Path) -> None:
    target = tmp_path / "scores.csv"
    assert reports.to_csv(target) is None
    assert target.read_text(encoding="utf-8") == reports.to_csv()
    assert target.read_bytes().count(b"\r") == 0
    reports["nordwind-manufacturing"].to_csv(str(target))  # replaces, str paths too
    assert target.read_text(encoding="utf-8") == reports["nordwind-manufacturing"].to_csv()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


def test_written_files_get_the_usual_permissions(reports: lm.ReportSet, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    target = tmp_path / "scores.csv"
    reports.to_csv(target)
    plain = tmp_path / "plain.csv"
    plain.write_text("x", encoding="utf-8")
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    reports: lm.ReportSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "scores.csv"
    target.write_text("old\n", encoding="utf-8")

    def fail(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        reports.to_csv(target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


# ----------------------------------------------------------------------------- property


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_dimensions=st.integers(1, 3),
    n_indicators=st.integers(1, 3),
    n_organizations=st.integers(1, 3),
    seed=st.integers(0, 2**16),
)
def test_rows_are_organizations_times_scores(
    n_dimensions: int, n_indicators: int, n_organizations: int, seed: int
) -> None:
    dims = {f"d{d}": [f"d{d}i{i}" for i in range(n_indicators)] for d in range(n_dimensions)}
    rubric = make_rubric(dims)
    rng = np.random.default_rng(seed)
    n = 4 * n_organizations
    values = rng.integers(1, 6, size=(n, n_dimensions * n_indicators)).astype(float)
    organizations = [f"org{k // 4}" for k in range(n)]
    responses = lm.responses_from_array(values, rubric, organizations=organizations)
    result = lm.score_organizations(rubric, responses, seed=seed, n_resamples=100)
    records = result.to_records()
    assert len(records) == n_organizations * (1 + n_dimensions + n_dimensions * n_indicators)
    assert [r["organization"] for r in records[:: len(records) // n_organizations]] == [
        f"org{k}" for k in range(n_organizations)
    ]


def test_writing_keeps_an_existing_files_permissions(reports: lm.ReportSet, tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    reports.to_csv(target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8").startswith("rubric,")


def test_writing_goes_through_a_symbolic_link(reports: lm.ReportSet, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    reports.to_csv(link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("rubric,")


def test_write_errors_name_the_users_path(reports: lm.ReportSet, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "scores.csv"
    with pytest.raises(OSError, match=r"cannot write .*missing-folder/scores\.csv") as info:
        reports.to_csv(target)
    assert ".tmp" not in str(info.value)


def test_a_long_valid_file_name_can_be_written(reports: lm.ReportSet, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 240 + ".csv")
    reports.to_csv(target)
    assert target.is_file()


@pytest.mark.parametrize(
    "name", ["x\u2028=1", "\u202e=cmd|calc", "\u200b=1+1", "\ufeff=1+1", "a\u0085b"]
)
def test_invisible_and_line_characters_are_escaped(name: str) -> None:
    cell = csv_cell(name)
    assert len(cell.splitlines()) == 1
    assert cell.isascii()
    assert not cell.startswith(("=", "+", "-", "@"))


def test_tiny_p_values_are_not_rounded_to_zero() -> None:
    # Regression: a MOVER p-value of 3e-12 was written as 0.0 (rounded to 4 decimals).
    from lomaturity._results.tables import contrast_records
    from lomaturity.results import Contrast

    c = Contrast(
        id="overall",
        first=70.0,
        second=40.0,
        difference=-30.0,
        low=-35.0,
        high=-25.0,
        p_value=3e-12,
        p_adjusted=0.04673,
    )
    assert c.to_dict()["p_value"] == 3e-12
    assert c.to_dict()["p_adjusted"] == 0.0467
    row = contrast_records({}, c, {}, {})[0]
    assert row["p_value"] == 3e-12
    assert (
        Contrast(
            id="x", first=1.0, second=1.0, difference=0.0, low=0.0, high=0.0, p_value=0.0
        ).to_dict()["p_value"]
        == 0.0
    )


def test_scores_rows_show_the_interval_kind_and_the_stage_support() -> None:
    rubric = lm.load_rubric("learning-organization@1.1.0")
    small = lm.simulate_responses(rubric, organizations=1, respondents=12, seed=5).responses
    report = lm.score(rubric, small, seed=1, n_resamples=200)
    rows = report.to_records()
    assert {row["interval"] for row in rows} == {report.interval.kind} == {"studentized_union"}
    overall = rows[0]
    stage = report.overall.stage
    assert stage is not None
    assert overall["stage"] == stage
    assert overall["stage_support"] == pytest.approx(report.overall.stage_support[stage], abs=1e-4)
    indicator = rows[-1]
    assert indicator["stage"] is None
    assert indicator["stage_support"] is None
