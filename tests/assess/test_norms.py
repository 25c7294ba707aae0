"""build_norms and benchmark through the public API: one-call norms from a panel, refusals
(too few organizations, another rubric, tampered files), unscorable organizations left out
and counted, notices, and the rank range covering the rank of the true score."""

from __future__ import annotations

import datetime

import attrs
import numpy as np
import pytest

import lomaturity as lm
from lomaturity._stats.norms import percentile_rank
from lomaturity.results import Benchmark, BenchmarkSet

SEED = 8
RESAMPLES = 100


@pytest.fixture(scope="module")
def rubric() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.0.0")


@pytest.fixture(scope="module")
def panel(rubric: lm.Rubric) -> lm.Responses:
    return lm.simulate_responses(rubric, organizations=30, respondents=6, seed=SEED).responses


@pytest.fixture(scope="module")
def reports(rubric: lm.Rubric, panel: lm.Responses) -> lm.ReportSet:
    return lm.score_organizations(rubric, panel, seed=SEED, n_resamples=RESAMPLES)


@pytest.fixture(scope="module")
def norms(rubric: lm.Rubric, reports: lm.ReportSet) -> lm.NormTable:
    return lm.build_norms(
        rubric, reports, title="Panel", source_description="tests", date=datetime.date(2026, 1, 1)
    )


@pytest.fixture(scope="module")
def example_reports(rubric: lm.Rubric) -> lm.ReportSet:
    return lm.score_organizations(
        rubric, lm.example_responses("learning-organization@1.0.0"), seed=1, n_resamples=RESAMPLES
    )


# --- building ----------------------------------------------------------------------------


def test_a_norm_in_one_call_from_responses_equals_one_from_reports(
    rubric: lm.Rubric, panel: lm.Responses, norms: lm.NormTable
) -> None:
    built = lm.build_norms(
        rubric,
        panel,
        title="Panel",
        source_description="tests",
        date=datetime.date(2026, 1, 1),
        seed=SEED,
        n_resamples=RESAMPLES,
    )
    assert built == norms
    assert norms.n_organizations == 30
    assert norms.overall.n == 30
    assert norms.rubric_fingerprint == rubric.fingerprint
    assert list(norms.dimensions) == [d.id for d in rubric.dimensions]
    assert norms.indicators == {}
    assert norms.synthetic is False
    assert norms.settings.seed == SEED
    assert norms.settings.n_resamples == RESAMPLES


def test_indicators_on_request_and_the_date_defaults_to_today(
    rubric: lm.Rubric, reports: lm.ReportSet
) -> None:
    built = lm.build_norms(rubric, reports, title="T", source_description="S", indicators=True)
    assert list(built.indicators) == list(rubric.indicator_ids)
    assert built.date == datetime.datetime.now(datetime.UTC).date()


def test_no_organization_name_is_stored(norms: lm.NormTable, reports: lm.ReportSet) -> None:
    text = lm.dump_norms(norms)
    assert not [name for name in reports if name in text]


def test_too_few_organizations_are_refused(rubric: lm.Rubric, reports: lm.ReportSet) -> None:
    few = lm.ReportSet(dict(list(reports.reports.items())[:19]))
    with pytest.raises(lm.ScoringError, match=r"at least 20 organizations.*has 19"):
        lm.build_norms(rubric, few, title="T", source_description="S")
    with pytest.raises(lm.ScoringError, match=r"at least 31 .*has 30"):
        lm.build_norms(rubric, reports, title="T", source_description="S", min_organizations=31)
    with pytest.raises(lm.ScoringError, match="min_organizations: 10"):
        lm.build_norms(rubric, reports, title="T", source_description="S", min_organizations=10)
    with pytest.raises(lm.ScoringError, match="at least 20"):
        lm.build_norms(rubric, lm.ReportSet({}), title="T", source_description="S")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"title": ""}, "title"),
        ({"title": "a\nb"}, "title"),
        ({"source_description": 3}, "source_description"),
        ({"date": "2026-01-01"}, "date"),
        ({"date": datetime.datetime(2026, 1, 1)}, "date"),
        ({"synthetic": "yes"}, "synthetic"),
    ],
)
def test_bad_build_options_are_named(
    rubric: lm.Rubric, reports: lm.ReportSet, options: dict[str, object], message: str
) -> None:
    kwargs: dict[str, object] = {"title": "T", "source_description": "S", **options}
    with pytest.raises(lm.ScoringError, match=message):
        lm.build_norms(rubric, reports, **kwargs)  # type: ignore[arg-type]


def test_wrong_sources_are_refused(rubric: lm.Rubric, reports: lm.ReportSet) -> None:
    with pytest.raises(TypeError, match="source: expected"):
        lm.build_norms(rubric, [1, 2], title="T", source_description="S")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="rubric: expected"):
        lm.build_norms("r", reports, title="T", source_description="S")  # type: ignore[arg-type]
    with pytest.raises(lm.ScoringError, match="apply to responses"):
        lm.build_norms(rubric, reports, title="T", source_description="S", seed=1)
    other = lm.parse_rubric({**rubric.to_dict(), "title": "Another text"})
    with pytest.raises(lm.ScoringError, match="not all scored on the rubric"):
        lm.build_norms(other, reports, title="T", source_description="S")


def test_unscorable_organizations_are_left_out_and_counted(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    dimension = rubric.dimensions[0].id
    columns = np.array([i.dimension == dimension for i in rubric.indicators])
    organizations = np.asarray(panel.organizations)
    blank = np.isin(organizations, ["org-0001", "org-0002", "org-0003"])
    values = panel.values.copy()
    values[np.ix_(blank, columns)] = np.nan
    holed = attrs.evolve(panel, values=values)
    built = lm.build_norms(
        rubric, holed, title="T", source_description="S", seed=SEED, n_resamples=RESAMPLES
    )
    assert (built.dimensions[dimension].n, built.dimensions[dimension].n_excluded) == (27, 3)
    assert (built.overall.n, built.overall.n_excluded) == (27, 3)  # needs every dimension
    other = rubric.dimensions[1].id
    assert (built.dimensions[other].n, built.dimensions[other].n_excluded) == (30, 0)
    # scorable in fewer organizations than the minimum: left out of the table
    strict = lm.build_norms(
        rubric,
        holed,
        title="T",
        source_description="S",
        min_organizations=28,
        seed=SEED,
        n_resamples=RESAMPLES,
        min_dimension_share=0.5,
    )
    assert dimension not in strict.dimensions
    assert strict.overall.n == 30
    report = lm.score(rubric, holed, organization="org-0004", seed=1, n_resamples=RESAMPLES)
    result = lm.benchmark(report, strict)
    assert isinstance(result, Benchmark)
    missing = result.dimensions[dimension]
    assert missing.percentile is None
    assert "no distribution" in (missing.reason or "")
    assert [n.code for n in result.notices] == ["norm_settings_differ"]
    # 3 of 30 organizations (10 %) left out of the dimension: the benchmark says so
    holed_result = lm.benchmark(report, built)
    assert isinstance(holed_result, Benchmark)
    excluded = [n for n in holed_result.notices if n.code == "norm_excludes_organizations"]
    assert {n.subject for n in excluded} == {"overall", dimension}
    assert "leaves out 3 of 30 organizations" in excluded[0].message
    assert "min_dimension_share 0.5 (norm) vs 1.0" in result.notices[0].message


# --- benchmarking ------------------------------------------------------------------------


def test_a_report_set_gives_one_benchmark_per_organization(
    example_reports: lm.ReportSet, norms: lm.NormTable
) -> None:
    result = lm.benchmark(example_reports, norms)
    assert isinstance(result, BenchmarkSet)
    assert list(result) == list(example_reports)
    one = result["nordwind-manufacturing"]
    assert one == lm.benchmark(example_reports["nordwind-manufacturing"], norms)
    assert one.synthetic is False
    assert one.notices == ()
    assert one.overall.norm_n == 30
    assert set(one.dimensions) == set(norms.dimensions)
    assert one.indicators == {}
    with pytest.raises(lm.UnknownOrganizationError):
        result.for_organization("nordwind")


def test_indicators_are_ranked_when_the_norm_holds_them(
    example_reports: lm.ReportSet,
) -> None:
    result = lm.benchmark(
        example_reports["quanta-software"], lm.example_norms("learning-organization@1.0.0")
    )
    assert isinstance(result, Benchmark)
    assert len(result.indicators) == 28
    assert {r["level"] for r in result.to_records()} == {"overall", "dimension", "indicator"}


def test_norms_of_another_rubric_are_refused_naming_both(
    example_reports: lm.ReportSet, norms: lm.NormTable
) -> None:
    report = example_reports["nordwind-manufacturing"]
    for other, code in (
        (attrs.evolve(norms, rubric_id="other-rubric"), "rubric_mismatch"),
        (attrs.evolve(norms, rubric_version="2.0.0"), "rubric_mismatch"),
        (attrs.evolve(norms, rubric_fingerprint="sha256:" + "0" * 64), "fingerprint_mismatch"),
    ):
        with pytest.raises(lm.NormsError) as caught:
            lm.benchmark(report, other)
        (problem,) = caught.value.problems
        assert problem.code == code
        assert report.rubric_key in str(caught.value)
    with pytest.raises(lm.NormsError, match=r"other-rubric@1\.0\.0"):
        lm.benchmark(example_reports, attrs.evolve(norms, rubric_id="other-rubric"))


def test_a_report_without_a_fingerprint_is_refused(
    example_reports: lm.ReportSet, norms: lm.NormTable
) -> None:
    report = attrs.evolve(example_reports["nordwind-manufacturing"], rubric_fingerprint=None)
    with pytest.raises(lm.NormsError, match="no fingerprint recorded"):
        lm.benchmark(report, norms)


def test_reports_scored_with_different_thresholds_are_refused(
    rubric: lm.Rubric, reports: lm.ReportSet
) -> None:
    first = next(iter(reports))
    changed = attrs.evolve(
        reports[first], options=attrs.evolve(reports[first].options, min_respondents=5)
    )
    mixed = lm.ReportSet({**reports.reports, first: changed})
    with pytest.raises(lm.ScoringError, match="one rule of what is scorable"):
        lm.build_norms(rubric, mixed, title="T", source_description="S")


def test_distributions_of_unknown_ids_are_refused(
    example_reports: lm.ReportSet, norms: lm.NormTable
) -> None:
    stray = attrs.evolve(norms.overall, id="ghost", level="dimension")
    bad = attrs.evolve(norms, dimensions={**norms.dimensions, "ghost": stray})
    with pytest.raises(lm.NormsError, match=r"\$\.scores\.ghost: 'ghost' is not a dimension"):
        lm.benchmark(example_reports["nordwind-manufacturing"], bad)


def test_wrong_argument_types(example_reports: lm.ReportSet, norms: lm.NormTable) -> None:
    with pytest.raises(TypeError, match="report: expected"):
        lm.benchmark("x", norms)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"norms: expected lomaturity\.NormTable"):
        lm.benchmark(example_reports, norms.to_dict())  # type: ignore[arg-type]


def test_a_self_assessment_gets_a_notice(rubric: lm.Rubric, norms: lm.NormTable) -> None:
    one = lm.example_responses("learning-organization@1.0.0").for_organization("quanta-software")
    first = attrs.evolve(
        one,
        values=one.values[:1],
        not_applicable=one.not_applicable[:1],
        respondent_ids=one.respondent_ids[:1],
        organizations=one.organizations[:1],
        metadata={k: v[:1] for k, v in one.metadata.items()},
    )
    report = lm.score(rubric, first, seed=1, n_resamples=RESAMPLES, agreement=False)
    result = lm.benchmark(report, norms)
    assert isinstance(result, Benchmark)
    assert "self_assessment_vs_norm" in [n.code for n in result.notices]


def test_rank_ranges_cover_the_rank_of_the_true_score_as_often_as_the_score_ranges(
    rubric: lm.Rubric, norms: lm.NormTable
) -> None:
    """The rank range is the score range mapped through a monotone function: it holds the
    true score's rank whenever the score range holds the true score (small seeded check;
    benchmarks/norms_coverage.py measures the rates)."""
    simulation = lm.simulate_responses(rubric, organizations=25, respondents=12, seed=99)
    reports = lm.score_organizations(rubric, simulation.responses, seed=3, n_resamples=200)
    result = lm.benchmark(reports, norms)
    assert isinstance(result, BenchmarkSet)
    agree = 0
    for name, truth in simulation.truth.items():
        score = reports[name].overall
        s = result[name].overall
        assert score.low is not None
        assert score.high is not None
        assert s.percentile_low is not None
        assert s.percentile_high is not None
        covered = score.low <= truth.overall <= score.high
        true_rank = percentile_rank(norms.overall, truth.overall)[0]
        rank_covered = s.percentile_low <= true_rank <= s.percentile_high
        assert rank_covered or not covered
        agree += covered == rank_covered
    assert agree >= 23  # only ties in the norm's points can add coverage


def test_a_norm_table_built_in_code_is_checked_like_a_file(
    rubric: lm.Rubric, norms: lm.NormTable
) -> None:
    # Regression: reversed points ranked a 93rd-percentile score at 1; a NaN point at 50.
    report = lm.score(
        rubric,
        lm.example_responses("learning-organization@1.0.0").for_organization("brightloom-design"),
        seed=1,
    )
    expected = lm.benchmark(report, norms)
    assert isinstance(expected, Benchmark)
    reversed_points = tuple(reversed(norms.overall.percentiles))
    table = attrs.evolve(norms, overall=attrs.evolve(norms.overall, percentiles=reversed_points))
    got = lm.benchmark(report, table)
    assert isinstance(got, Benchmark)
    assert got.overall.percentile == expected.overall.percentile
    nan_point = ((50.0, float("nan")), (90.0, 80.0))
    table = attrs.evolve(norms, overall=attrs.evolve(norms.overall, percentiles=nan_point))
    with pytest.raises(lm.NormsError, match="percentiles"):
        lm.benchmark(report, table)


def test_an_unknown_scoring_option_is_named_with_a_hint(
    rubric: lm.Rubric, panel: lm.Responses
) -> None:
    # Regression: the TypeError named score_organizations, or "multiple values for agreement".
    with pytest.raises(TypeError, match=r"build_norms: 'sed' is not a scoring option \(did you"):
        lm.build_norms(rubric, panel, title="t", source_description="s", sed=1)
    with pytest.raises(TypeError, match="'agreement' is not a scoring option"):
        lm.build_norms(rubric, panel, title="t", source_description="s", agreement=True)


def test_a_title_too_long_for_a_file_is_refused_at_build(
    rubric: lm.Rubric, reports: lm.ReportSet
) -> None:
    # Regression: a 600-character title was built, then refused by benchmark and write_norms.
    with pytest.raises(lm.ScoringError, match="title: is longer than 500 characters"):
        lm.build_norms(rubric, reports, title="x" * 600, source_description="s")
