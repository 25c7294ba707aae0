"""The charts' own texts (titles, axis labels, legend entries, notes), in English and Finnish.

A chart's texts follow the language of the rubric it is drawn with (``rubric.language``),
as the report's strings do (:mod:`lomaturity._present.strings`, whose language lookup and
decimal mark this module reuses): :func:`chart_text` gives the texts of that language,
English for a language without a catalog. The names on a chart (dimensions, statements,
stages) come from the rubric itself.

Every catalog holds the same keys (a test checks it); a value may hold ``str.format``
fields. A translation may leave out the ``{reason}`` field: the library's reasons are
English sentences (as its notices are in every language), so the Finnish notes say what
happened without them (the report's warnings section lists the reasons).
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from ..._frozen import FrozenDict
from ..._model.rubric import Rubric
from ..strings import decimal, in_language, level

EN: Mapping[str, str] = FrozenDict(
    {
        "overall": "Overall",
        "indicators": "Indicators",
        "score_axis": "Score (0-100) with {confidence} range",
        "range": "{confidence} range",
        "target": "Target",
        "radar_overall": "overall {score}",
        "radar_not_scorable": "overall not scorable",
        "below_minimum": "below the reporting minimum ({n} respondents)",
        "highest_first": "highest score first",
        "not_scorable": "not scorable",
        "not_scorable_why": "not scorable: {reason}",
        "no_answers": "no answers",
        "no_score": "no score",
        "suppressed_small": "suppressed: {reason}",
        "suppressed_complementary": "suppressed: {reason}",
        "too_few": "too few",
        "groups_note": "{score} by {column}; groups under {minimum} suppressed",
        "difference_axis": "Difference (points, 0-100 scale) with {confidence} range",
        "no_difference": "no difference: {reason}",
        "comparison_note": "{method}; orange: the range excludes 0",
        "change": "{first} → {second}",
        "versus": "{first} vs {second}",
        "gap_axis": "Gap (points) with {confidence} range",
        "gap_suppressed": "gap suppressed: {reason} ({first} {n_first}, {second} {n_second})",
        "groups_too_small": "groups too small",
        "gap_note": "{first} {n_first}, {second} {n_second} respondents",
        "bottom quartile": "bottom quartile",
        "second quartile": "second quartile",
        "third quartile": "third quartile",
        "top quartile": "top quartile",
        "no_rank": "no rank: {reason}",
        "rank_score": "{rank} (score {score})",
        "percentile_axis": (
            "Percentile rank in the norm (0-100), with the ranks of the range's ends"
        ),
        "norm_note": "{title}: {n} organizations",
        "synthetic_note": "SYNTHETIC norm — {note}",
        "percentile_title": "{organization} — percentile ranks",
    }
)


FI: Mapping[str, str] = FrozenDict(
    {
        "overall": "Kokonaisuus",
        "indicators": "Väittämät",
        "score_axis": "Pisteet (0–100) ja {confidence}:n vaihteluväli",
        "range": "{confidence}:n vaihteluväli",
        "target": "Tavoite",
        "radar_overall": "kokonaisuus {score}",
        "radar_not_scorable": "kokonaisuus ei pisteytettävissä",
        "below_minimum": "alle raportoinnin vähimmäismäärän ({n} vastaajaa)",
        "highest_first": "korkeimmat pisteet ensin",
        "not_scorable": "ei pisteytettävissä",
        "not_scorable_why": "ei pisteytettävissä",
        "no_answers": "ei vastauksia",
        "no_score": "ei pisteitä",
        "suppressed_small": "ei näytetä (alle {minimum} vastaajaa)",
        "suppressed_complementary": (
            "ei näytetä (täydentävä suojaus: muuten pienempien ryhmien pisteet voisi päätellä)"
        ),
        "too_few": "liian vähän vastaajia",
        "groups_note": "{score} ryhmittäin ({column}); alle {minimum} vastaajan ryhmiä ei näytetä",
        "difference_axis": "Erotus (pistettä asteikolla 0–100) ja {confidence}:n vaihteluväli",
        "no_difference": "erotusta ei voitu laskea",
        "comparison_note": "{method}; oranssi: vaihteluväli ei sisällä nollaa",
        "change": "{first} → {second}",
        "versus": "{first} vs. {second}",
        "gap_axis": "Ero (pistettä) ja {confidence}:n vaihteluväli",
        "gap_suppressed": (
            "eroa ei näytetä vastaajien nimettömyyden suojaamiseksi ({first} {n_first}, "
            "{second} {n_second} vastaajaa; ryhmän vähimmäiskoko {minimum})"
        ),
        "groups_too_small": "ryhmät liian pieniä",
        "gap_note": "{first} {n_first}, {second} {n_second} vastaajaa",
        "bottom quartile": "alin neljännes",
        "second quartile": "toinen neljännes",
        "third quartile": "kolmas neljännes",
        "top quartile": "ylin neljännes",
        "no_rank": "persentiiliä ei voitu määrittää",
        "rank_score": "{rank} (pisteet {score})",
        "percentile_axis": (
            "Persentiili vertailuaineistossa (0–100) ja vaihteluvälin päiden persentiilit"
        ),
        "norm_note": "{title}: {n} organisaatiota",
        "synthetic_note": "KEKSITTY vertailuaineisto — {note}",
        "percentile_title": "{organization} — persentiilit",
    }
)


CATALOGS: Mapping[str, Mapping[str, str]] = FrozenDict({"en": EN, "fi": FI})
"""Language tag -> the charts' texts."""


@frozen
class ChartText:
    """The chart texts of one language: ``t("key", field=...)``, and its numbers."""

    language: str
    catalog: Mapping[str, str]

    def __call__(self, key: str, **fields: object) -> str:
        """The text ``key`` with its ``str.format`` fields filled in."""
        return self.catalog[key].format(**fields)

    def number(self, value: float, spec: str = ".0f") -> str:
        """``value`` with the language's decimal mark (``decimal`` of the report strings)."""
        return decimal(value, self.language, spec)

    def confidence(self, confidence: float) -> str:
        """A confidence level as a percentage: ``95 %`` (Finnish ``97,5 %``)."""
        return level(confidence, self.language)


def chart_text(rubric: Rubric) -> ChartText:
    """The chart texts in ``rubric``'s language, English for a language without them."""
    return ChartText(rubric.language, in_language(CATALOGS, rubric.language))
