"""Report files (lm.render_report, lm.write_report): contents, languages, formats, files,
escaping, small samples and suppressed groups."""

from __future__ import annotations

import html
import re
from pathlib import Path

import attrs
import numpy as np
import pytest

import lomaturity as lm
import lomaturity._present.report as module
from lomaturity._present.report import report_paths, slug
from lomaturity._present.strings import CATALOGS, EN, FI

ORG = "harbor-city-agency"


@pytest.fixture(scope="module")
def scored() -> dict[str, tuple[lm.Rubric, lm.ReportSet]]:
    out = {}
    for language in ("en", "fi"):
        rubric = lm.load_rubric("learning-organization", language=language)
        responses = lm.example_responses(rubric)
        reports = lm.score_organizations(
            rubric, responses, details=True, agreement=True, n_resamples=200, seed=7
        )
        out[language] = (rubric, reports)
    return out


def _h2(page: str) -> list[str]:
    return re.findall(r"<h2[^>]*>([^<]*)</h2>", page)


def test_catalogs_have_the_same_keys_and_fields() -> None:
    assert set(EN) == set(FI)
    for key in EN:
        fields = set(re.findall(r"{(\w+)}", EN[key]))
        assert fields == set(re.findall(r"{(\w+)}", FI[key])), key
    assert set(CATALOGS) == {"en", "fi"}


def test_english_report_has_every_section(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]],
) -> None:
    rubric, reports = scored["en"]
    page = lm.render_report(rubric, reports, organization=ORG, charts=False)
    assert _h2(page) == [
        "Summary",
        "The four dimensions",
        "Indicators",
        "Groups",
        "Agreement and reliability",
        "Warnings and data quality",
        "Next steps",
        "How the ranges were made",
    ]
    assert '<html lang="en">' in page
    report = reports[ORG]
    assert report.stage is not None
    assert f"<strong>{report.stage.name}</strong>" in page
    # the overall range as shown
    assert f"{report.overall.low:.1f}–{report.overall.high:.1f}" in page
    # every dimension with its stage's description
    for dim in rubric.dimensions:
        assert f"<h3>{dim.name}</h3>" in page
    description = rubric.stage(report.dimensions["practice"].stage or "").description
    assert html.escape(description) in page
    # strongest and weakest indicators with their descriptors
    assert "Strongest indicators" in page
    assert "Weakest indicators" in page
    weakest = min(report.indicators.values(), key=lambda s: s.value or 100.0)
    assert html.escape(rubric.indicator(weakest.id).statement) in page
    # the perception gap is a finding, not a warning
    assert '<aside class="note finding">' in page
    assert "Overall: manager respondents rate 12." in page  # the finding, in plain words
    assert "2000" not in page  # n_resamples=200 was used: the method says so
    assert "200 resamples (seed 7)" in page
    assert "<script" not in page


def test_finnish_report_follows_the_rubric_language(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]],
) -> None:
    rubric, reports = scored["fi"]
    page = lm.render_report(rubric, reports, organization=ORG, charts=False)
    assert '<html lang="fi">' in page
    assert _h2(page)[:3] == ["Yhteenveto", "Neljä ulottuvuutta", "Väittämät"]
    assert "Seuraavat askeleet" in _h2(page)
    assert "Arvot ja kulttuuri" in page  # the rubric's Finnish dimension name
    overall = reports[ORG].overall.value
    assert overall is not None
    assert f"{overall:.1f}".replace(".", ",") in page  # Finnish decimal comma
    markdown = lm.render_report(rubric, reports, organization=ORG, format="markdown", charts=False)
    assert "## Yhteenveto" in markdown.splitlines()
    assert "Kokonaisuus: ryhmän manager vastaajien arviot ovat 12," in markdown


def test_agreement_shows_the_index_the_warnings_read_and_ad(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]],
) -> None:
    rubric, reports = scored["en"]
    report = reports[ORG]
    assert report.agreement is not None
    text = lm.render_report(rubric, report, format="markdown", charts=False)
    section = text.split("## Agreement and reliability")[1].split("\n## ")[0]
    # the default index, its span (never truncated: it may be below 0) and its cut-off
    span = "at most 1, below 0 when answers spread more than at random"
    assert f"r\\*wg(j) ({span}; below 0.50" in section
    assert "r\\*wg(j) (0-1" not in section
    assert "| Dimension | Agreement r\\*wg(j) | AD | Alpha |" in section
    for dim in rubric.dimensions:
        a = report.agreement.dimensions[dim.id]
        assert a.rwg_star is not None
        assert a.ad is not None
        row = f"| {dim.name} | {a.rwg_star:.2f} | {a.ad:.2f} |"
        assert row in section
    # rwg(j) when asked for: its own cut-off
    by_rwg_j = lm.agreement(rubric, lm.example_responses(rubric), index="rwg_j")[ORG]
    asked = attrs.evolve(report, agreement=by_rwg_j)
    text = lm.render_report(rubric, asked, format="markdown", charts=False)
    assert "rwg(j) (0-1; below 0.70" in text
    assert "Agreement rwg(j)" in text


def test_agreement_read_by_ad_or_not_run_shows_r_star_wg_j_with_its_own_cutoff() -> None:
    """With the warnings reading AD (``options.cutoff`` is then rwg(j)'s .70, read by
    nothing) or without agreement, the r*wg(j) column is explained with r*wg(j)'s .50."""
    rubric = lm.load_rubric("learning-organization", language="en")
    responses = lm.example_responses(rubric)
    report = lm.score(rubric, responses, organization=ORG, details=True, n_resamples=100, seed=1)
    by_ad = lm.agreement(rubric, responses, index="ad")[ORG]
    assert by_ad.options.cutoff == 0.70
    for agreement in (by_ad, None):
        shown = attrs.evolve(report, agreement=agreement)
        text = lm.render_report(rubric, shown, format="markdown", charts=False)
        section = text.split("## Agreement and reliability")[1].split("\n## ")[0]
        assert "at random; below 0.50" in section, agreement
        assert "below 0.70" not in section


def test_markdown_has_the_same_sections(scored: dict[str, tuple[lm.Rubric, lm.ReportSet]]) -> None:
    rubric, reports = scored["en"]
    page = lm.render_report(rubric, reports[ORG], charts=False)
    text = lm.render_report(rubric, reports[ORG], format="markdown", charts=False)
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == _h2(page)
    assert text.startswith(f"# {ORG}: learning-organization maturity\n")
    assert "<" not in text.replace("\\<", "")


def test_baseline_and_norms_sections(scored: dict[str, tuple[lm.Rubric, lm.ReportSet]]) -> None:
    rubric, reports = scored["en"]
    now = reports[ORG]
    before = reports["nordwind-manufacturing"]
    comparison = lm.compare(before, now, labels=("2025", "2026"))
    bench = lm.benchmark(now, lm.example_norms(rubric))
    assert isinstance(bench, lm.results.Benchmark)
    page = lm.render_report(
        rubric, now, baseline=comparison, norms=bench, recommendations=False, charts=False
    )
    headings = _h2(page)
    assert "Change since the previous survey" in headings
    assert "Against the norm" in headings
    assert "Next steps" not in headings
    assert "SYNTHETIC" in page  # the example norms are made up and the report says so
    change = comparison.overall.difference
    assert change is not None
    assert f"{change:+.1f}" in page
    assert bench.overall.rank_text is not None
    assert f'<td data-label="Percentile" class="right">{bench.overall.rank_text}</td>' in page


def test_not_reportable_report_withholds_scores() -> None:
    rubric = lm.load_rubric("learning-organization")
    sim = lm.simulate_responses(rubric, organizations=1, respondents=3, seed=3)
    report = lm.score(rubric, sim.responses, n_resamples=100, seed=1)
    assert not report.reportable
    page = lm.render_report(rubric, report, charts=False)
    assert "Not reportable" in page
    assert _h2(page) == ["Summary", "Warnings and data quality", "How the ranges were made"]
    assert report.overall.value is not None
    assert f"{report.overall.value:.1f}" not in page


def test_small_groups_are_suppressed(scored: dict[str, tuple[lm.Rubric, lm.ReportSet]]) -> None:
    rubric, reports = scored["en"]
    report = reports[ORG]
    assert report.groups is not None
    rubric_small = rubric
    responses = lm.example_responses(rubric)
    small = lm.score(
        rubric_small,
        responses,
        organization=ORG,
        details=True,
        n_resamples=100,
        seed=1,
        min_group_size=13,
    )
    assert small.groups is not None
    hidden = [v for v, g in small.groups.groups.items() if g.suppressed]
    assert hidden  # finance, hr (12 each)
    page = lm.render_report(rubric, small, charts=False, recommendations=False)
    for value in hidden:
        row = re.search(rf'<tr><td data-label="Group">{value}</td>.*?</tr>', page)
        assert row is not None
        assert "suppressed (fewer than 13 respondents)" in row.group()
        assert re.search(r"\d+\.\d", row.group().split("</td>", 2)[2]) is None


def test_untrusted_names_are_escaped() -> None:
    rubric = lm.load_rubric("learning-organization")
    sim = lm.simulate_responses(rubric, organizations=1, respondents=12, seed=5)
    evil = "<img src=x onerror=alert(1)>|# x"
    responses = lm.Responses(
        indicator_ids=sim.responses.indicator_ids,
        values=sim.responses.values,
        not_applicable=sim.responses.not_applicable,
        respondent_ids=list(sim.responses.respondent_ids),
        organizations=[evil] * len(sim.responses.respondent_ids),
    )
    report = lm.score(rubric, responses, n_resamples=100, seed=1)
    page = lm.render_report(rubric, report, charts=False)
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    text = lm.render_report(rubric, report, format="markdown", charts=False)
    assert text.splitlines()[0].startswith("# \\<img src=x onerror=alert(1)\\>\\|# x:")


def test_write_report_one_file_per_organization(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]], tmp_path: Path
) -> None:
    rubric, reports = scored["en"]
    written = lm.write_report(rubric, reports, tmp_path / "report.html", charts=False)
    assert [p.name for p in written] == [f"report-{name}.html" for name in reports]
    for path, name in zip(written, reports, strict=True):
        assert f"<title>{name}: learning-organization maturity</title>" in path.read_text("utf-8")
    one = lm.write_report(rubric, reports, tmp_path / "one.md", organization=ORG, charts=False)
    assert one == [tmp_path / "one.md"]
    assert one[0].read_text("utf-8").startswith(f"# {ORG}")


def test_write_report_refuses_unknown_endings_and_organizations(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]], tmp_path: Path
) -> None:
    rubric, reports = scored["en"]
    with pytest.raises(ValueError, match=r"name it \.html or \.md"):
        lm.write_report(rubric, reports, tmp_path / "report.pdf")
    with pytest.raises(lm.UnknownOrganizationError, match="harbour"):
        lm.render_report(rubric, reports, organization="harbour-city-agency")
    with pytest.raises(lm.UnknownOrganizationError, match="name one"):
        lm.render_report(rubric, reports)
    with pytest.raises(ValueError, match="format must be"):
        lm.render_report(rubric, reports[ORG], format="pdf")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"rubric: expected lomaturity\.Rubric"):
        lm.render_report("learning-organization", reports[ORG])  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_report_paths_are_distinct() -> None:
    paths = report_paths("out/r.html", ["Acme Oy", "acme-oy", "Ääkköset!", "<>"])
    assert [p.name for p in paths.values()] == [
        "r-acme-oy.html",
        "r-acme-oy-2.html",
        "r-aakkoset.html",
        "r-organization.html",
    ]
    assert report_paths("r.md", ["x"]) == {"x": Path("r.md")}
    assert slug("Nordwind Ltd.") == "nordwind-ltd"


def test_meters_and_numbers_stay_within_the_scale(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]],
) -> None:
    rubric, reports = scored["en"]
    page = lm.render_report(rubric, reports["brightloom-design"], charts=False)
    lefts = [float(x) for x in re.findall(r"left:(-?[\d.]+)%", page)]
    assert lefts
    assert np.all((np.array(lefts) >= 0) & (np.array(lefts) <= 100))


def test_write_report_leaves_no_partial_set(
    scored: dict[str, tuple[lm.Rubric, lm.ReportSet]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failure while rendering the third of several reports writes none of them (and
    leaves no hidden part files), rather than the first two."""
    rubric, reports = scored["en"]
    real = module.render_report
    calls = 0

    def failing(*args: object, **kwargs: object) -> str:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise MemoryError("third report")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "render_report", failing)
    with pytest.raises(MemoryError):
        lm.write_report(rubric, reports, tmp_path / "report.html", charts=False)
    assert calls == 3
    assert list(tmp_path.iterdir()) == []


def test_an_ad_cutoff_of_ones_own_is_named_when_no_dimension_has_an_ad() -> None:
    """One respondent: AD is undefined everywhere; the text still gives the ``ad_cutoff``
    asked for, not the c/6 rule."""
    rubric = lm.load_rubric("learning-organization", language="en")
    responses = lm.example_responses(rubric)
    one = responses.select([0])
    report = lm.score(
        rubric, one, allow_small=True, min_respondents=1, min_reporting_size=1, n_resamples=100
    )
    own = lm.agreement(rubric, one, ad_cutoff=0.9)
    shown = attrs.evolve(report, agreement=own[report.organization])
    assert all(a.ad is None for a in shown.agreement.dimensions.values())  # type: ignore[union-attr]
    text = lm.render_report(rubric, shown, format="markdown", charts=False)
    assert "(above 0.90 the same)" in text
    assert "c/6" not in text


def test_a_confidence_level_is_written_with_its_digits() -> None:
    rubric = lm.load_rubric("learning-organization@1.1.0")
    responses = lm.example_responses(rubric).for_organization(ORG)
    report = lm.score(rubric, responses, confidence=0.975, n_resamples=100, seed=3)
    text = lm.render_report(rubric, report, format="markdown", charts=False)
    assert "97.5 % range" in text
    assert "98 %" not in text  # a 97.5 % range is never called 98 %
    fi = lm.load_rubric("learning-organization@1.1.0", language="fi")
    text = lm.render_report(
        fi,
        lm.score(fi, responses, confidence=0.975, n_resamples=100, seed=3),
        format="markdown",
        charts=False,
    )
    assert "97,5 % vaihteluväli" in text
