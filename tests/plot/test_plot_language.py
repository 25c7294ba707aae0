"""Chart texts follow the rubric's language: a Finnish rubric gives Finnish titles, axis
labels, legends and notes (none of the English ones), Finnish numbers (decimal comma); an
English rubric and a language without chart texts give the English ones."""

from __future__ import annotations

import re

import pytest
from attrs import evolve
from matplotlib.axes import Axes

import lomaturity as lm
import lomaturity.plot as lp
from lomaturity._present import strings as report_strings
from lomaturity._present.charts.strings import CATALOGS, EN, FI
from lomaturity.results import Benchmark, Comparison

ORG = "harbor-city-agency"

ENGLISH = (
    "Indicators",
    "highest score first",
    "Score (0-100)",
    "range",
    "Target",
    "Overall",
    "overall",
    "quartile",
    "Percentile rank",
    "percentile ranks",
    "Difference",
    "Gap (points)",
    "orange",
    "(score ",
    " by ",
    "suppressed",
    "respondents",
    "not scorable",
    "SYNTHETIC norm",
)
"""Phrases of the English chart texts that no Finnish chart may show (the example data's
names, e.g. the norm's title, hold none of them)."""


def texts(ax: Axes) -> list[str]:
    """Every text of a chart: title, axis labels, tick labels, notes, legend entries."""
    found = [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
    found += [t.get_text() for t in (*ax.get_xticklabels(), *ax.get_yticklabels())]
    found += [t.get_text() for t in ax.texts]
    legend = ax.get_legend()
    if legend is not None:
        found += [t.get_text() for t in legend.get_texts()]
    return [t for t in found if t]


def english_in(ax: Axes) -> list[str]:
    return [t for t in texts(ax) if any(phrase in t for phrase in ENGLISH)]


def right_texts(ax: Axes) -> list[str]:
    """The texts written at the right of the rows, top down."""
    found = [t for t in ax.texts if t.get_position()[0] == pytest.approx(1.01)]
    return [t.get_text() for t in sorted(found, key=lambda t: -t.get_position()[1])]


@pytest.fixture(scope="module")
def fi() -> lm.Rubric:
    return lm.load_rubric("learning-organization@1.1.0", language="fi")


@pytest.fixture(scope="module")
def fi_reports(fi: lm.Rubric) -> lm.ReportSet:
    return lm.score_organizations(
        fi, lm.example_responses(fi), details=True, n_resamples=200, seed=1
    )


@pytest.fixture(scope="module")
def fi_report(fi_reports: lm.ReportSet) -> lm.Report:
    return fi_reports[ORG]


def test_chart_catalogs_have_the_same_keys_and_fields() -> None:
    assert set(CATALOGS) == {"en", "fi"}
    assert set(EN) == set(FI)
    for key in EN:
        en_fields = set(re.findall(r"{(\w+)}", EN[key]))
        fi_fields = set(re.findall(r"{(\w+)}", FI[key]))
        # Finnish may leave out the English reason sentences, and say why in its own words
        assert en_fields - {"reason"} <= fi_fields, key
        assert FI[key] != EN[key] or key in ("change",), key
    # the same words as the report's Finnish strings
    for key in ("overall", "bottom quartile", "second quartile", "third quartile", "top quartile"):
        assert FI[key] == report_strings.FI[key]
        assert EN[key] == report_strings.EN[key]


def test_finnish_radar(fi_report: lm.Report, fi: lm.Rubric) -> None:
    ax = lp.radar(fi_report, target="next")  # the report's own (Finnish) rubric
    legend = ax.get_legend()
    assert legend is not None
    assert {t.get_text() for t in legend.get_texts()} == {"95 %:n vaihteluväli", ORG, "Tavoite"}
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == [d.name for d in fi.dimensions]
    overall, stage = fi_report.overall.value, fi_report.stage
    assert overall is not None
    assert stage is not None
    assert ax.get_title(loc="left") == f"{ORG}\nkokonaisuus {overall:.0f}, {stage.name}"
    assert english_in(ax) == []


def test_finnish_indicators(fi_report: lm.Report) -> None:
    ax = lp.indicators(fi_report)
    assert ax.get_xlabel() == "Pisteet (0–100) ja 95 %:n vaihteluväli"
    assert ax.get_title(loc="left") == f"{ORG} — Väittämät\nkorkeimmat pisteet ensin"
    assert english_in(ax) == []


def test_finnish_numbers_have_a_decimal_comma(fi: lm.Rubric) -> None:
    report = lm.score(
        fi, lm.example_responses(fi), organization=ORG, confidence=0.975, n_resamples=200, seed=1
    )
    ax = lp.indicators(report)
    assert ax.get_xlabel() == "Pisteet (0–100) ja 97,5 %:n vaihteluväli"
    en = lp.indicators(report, rubric=lm.load_rubric("learning-organization@1.1.0"))
    assert en.get_xlabel() == "Score (0-100) with 97.5 % range"


def test_finnish_groups(fi_report: lm.Report, fi: lm.Rubric) -> None:
    ax = lp.groups(fi_report)
    assert ax.get_xlabel() == "Pisteet (0–100) ja 95 %:n vaihteluväli"
    assert ax.get_title(loc="left") == (
        f"{ORG}\nKokonaisuus ryhmittäin (team); alle 5 vastaajan ryhmiä ei näytetä"
    )
    assert english_in(ax) == []
    breakdown = lm.group_scores(
        fi, lm.example_responses(fi), min_group_size=13, organization=ORG, n_resamples=100, seed=1
    )
    ax = lp.groups(breakdown, rubric=fi)
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "suppressed"]
    assert notes == ["ei näytetä (alle 13 vastaajaa)"] * 3  # finance, hr, it: 12 each
    assert english_in(ax) == []


def test_finnish_gap(fi_report: lm.Report, fi: lm.Rubric) -> None:
    gap = fi_report.perception_gap
    assert gap is not None
    assert gap.overall is not None
    ax = lp.gap(fi_report)
    assert ax.get_xlabel() == "Ero (pistettä) ja 95 %:n vaihteluväli"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Kokonaisuus",
        *(d.name for d in fi.dimensions),
    ]
    items = [gap.overall, *gap.dimensions.values()]
    assert right_texts(ax) == [f"{g.first:.0f} vs. {g.second:.0f}" for g in items]
    note = ax.get_title(loc="left").split("\n")[1]
    assert note == f"manager {gap.n_first}, employee {gap.n_second} vastaajaa"
    assert english_in(ax) == []
    withheld = lm.perception_gap(
        fi, lm.example_responses(fi), min_group_size=50, organization=ORG, n_resamples=100, seed=1
    )
    ax = lp.gap(withheld, rubric=fi)
    (note_text,) = [t.get_text() for t in ax.texts if t.get_gid() == "suppressed"]
    assert note_text.startswith("eroa ei näytetä vastaajien nimettömyyden suojaamiseksi")
    assert english_in(ax) == []


def test_finnish_comparison(fi_reports: lm.ReportSet, fi: lm.Rubric) -> None:
    comparison = lm.compare(fi_reports["nordwind-manufacturing"], fi_reports[ORG])
    assert isinstance(comparison, Comparison)
    ax = lp.comparison(comparison, rubric=fi)
    assert ax.get_xlabel() == "Erotus (pistettä asteikolla 0–100) ja 95 %:n vaihteluväli"
    assert ax.get_yticklabels()[0].get_text() == "Kokonaisuus"
    assert ax.get_title(loc="left").endswith("; oranssi: vaihteluväli ei sisällä nollaa")
    assert english_in(ax) == []


def test_finnish_benchmark(fi_report: lm.Report, fi: lm.Rubric) -> None:
    bench = lm.benchmark(fi_report, lm.example_norms(fi))
    assert isinstance(bench, Benchmark)
    ax = lp.benchmark(bench, rubric=fi)
    assert ax.get_xlabel() == (
        "Persentiili vertailuaineistossa (0–100) ja vaihteluvälin päiden persentiilit"
    )
    assert ax.get_yticklabels()[0].get_text() == "Kokonaisuus"
    shown = {t.get_text() for t in ax.texts}
    assert {"alin neljännes", "toinen neljännes", "kolmas neljännes", "ylin neljännes"} <= shown
    standings = [bench.overall, *bench.dimensions.values()]
    assert right_texts(ax) == [f"{s.rank_text} (pisteet {s.value:.0f})" for s in standings]
    assert ax.get_title(loc="left").startswith(
        f"{ORG} — persentiilit\nKEKSITTY vertailuaineisto — "
    )
    assert english_in(ax) == []


def test_a_language_without_chart_texts_falls_back_to_english(fi_report: lm.Report) -> None:
    swedish = evolve(lm.load_rubric("learning-organization@1.1.0"), language="sv")
    assert swedish.language == "sv"
    ax = lp.radar(fi_report, target="next", rubric=swedish)
    legend = ax.get_legend()
    assert legend is not None
    assert {t.get_text() for t in legend.get_texts()} == {"95 % range", ORG, "Target"}
    assert ax.get_title(loc="left").split("\n")[1].startswith("overall ")
    ax = lp.indicators(fi_report, rubric=swedish)
    assert ax.get_xlabel() == "Score (0-100) with 95 % range"
    assert ax.get_title(loc="left") == f"{ORG} — Indicators\nhighest score first"


def test_the_radar_names_the_stage_in_the_charts_language(fi_report: lm.Report) -> None:
    """A Finnish report charted with its English rubric: the stage in the title is the
    English rubric's name of the report's stage, not the Finnish name the report holds."""
    english = lm.load_rubric("learning-organization@1.1.0", language="en")
    assert fi_report.stage is not None
    ax = lp.radar(fi_report, rubric=english)
    note = ax.get_title(loc="left").split("\n")[1]
    assert note.endswith(", " + english.stage(fi_report.stage.id).name), note
    assert fi_report.stage.name not in note
