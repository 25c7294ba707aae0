"""The user-interface strings of the report files, in English and Finnish.

A report's strings follow the language its rubric was loaded in (``rubric.language``):
:func:`ui` returns the catalog of that language, English for a language without one. The
rubric's own texts (names, statements, stage descriptions, recommendations) come from the
rubric in that language; the library's warning messages (notices) are English in every
language and are shown under a translated heading.

Every catalog holds the same keys (a test checks it); a value may hold ``str.format``
fields (``{n}``), the same fields in every language.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._format import number
from .._frozen import FrozenDict

EN: Mapping[str, str] = FrozenDict(
    {
        "report_title": "{organization}: learning-organization maturity",
        "subtitle": "{n} respondents · rubric {rubric} · {date}",
        "subtitle_no_date": "{n} respondents · rubric {rubric}",
        "summary": "Summary",
        "overall_stage": "Overall stage",
        "overall_score": "Overall score",
        "range": "range",
        "stage_of": "stage {level} of {levels}",
        "stage_support": "{share} of the bootstrap resamples put the overall score in this stage.",
        "capped": (
            "The stage is capped by the rubric's stage rule: the overall score alone is in "
            "{band}, but {dimensions} is lower."
        ),
        "not_reportable": "Not reportable",
        "not_reportable_text": (
            "Only {n} people answered, fewer than the minimum reporting size of {minimum}: "
            "the scores are withheld to protect the respondents and because they are too "
            "uncertain to act on."
        ),
        "not_scorable": "not scorable",
        "dimensions": "The four dimensions",
        "dimensions_n": "The dimensions",
        "dimension": "Dimension",
        "score": "Score",
        "stage": "Stage",
        "respondents": "Respondents",
        "overall": "Overall",
        "stage_meanings": "What the stages mean",
        "indicators": "Indicators",
        "strongest": "Strongest indicators",
        "weakest": "Weakest indicators",
        "indicator": "Statement",
        "describes": "What the score describes",
        "strong_weak_intro": (
            "The statements respondents rated highest and lowest, each with the rubric's "
            "description of what a score in its stage looks like."
        ),
        "chart_radar": "The four dimensions with their {confidence} ranges",
        "chart_radar_alt": "Radar chart of the dimension scores (0-100) with confidence bands.",
        "chart_indicators": "Indicators sorted by score, stage bands shaded",
        "chart_indicators_alt": "Interval chart of every indicator's score and range.",
        "chart_comparison": "Change since the previous survey, with ranges of the difference",
        "chart_comparison_alt": "Chart of the two surveys' scores and their differences.",
        "chart_benchmark": "Position against the norm's percentiles",
        "chart_benchmark_alt": "Chart of the scores against the norm's percentile bands.",
        "chart_groups": "Overall score by {column}",
        "chart_groups_alt": "Chart of the groups' overall scores and ranges.",
        "chart_gap": "Manager-employee gap by dimension",
        "chart_gap_alt": "Chart of the perception gap per dimension with its range.",
        "charts_missing": (
            "Charts are not shown: they need matplotlib (pip install 'lomaturity[plot]')."
        ),
        "chart_failed": "The chart could not be drawn: {reason}",
        "comparison": "Change since the previous survey",
        "comparison_intro": (
            "{first} ({n_first} respondents) compared with {second} ({n_second}); a positive "
            "change means a higher score now."
        ),
        "previous": "Before",
        "now": "Now",
        "change": "Change",
        "change_range": "Range of the change",
        "clear_change": "clear",
        "no_clear_change": "within noise",
        "clear_note": (
            "“clear”: the range of the change excludes 0; “within noise”: the change may be chance."
        ),
        "benchmark": "Against the norm",
        "benchmark_intro": (
            "{title} ({organizations} organizations, {source}, {date}). The percentile says "
            "what share of the norm's organizations score lower."
        ),
        "synthetic_norms": "Synthetic norm",
        "synthetic_norms_text": (
            "This norm table is SYNTHETIC (made up for examples): the percentiles say "
            "nothing about real organizations."
        ),
        "percentile": "Percentile",
        "percentile_range": "Percentile range",
        "band": "Quartile",
        "bottom quartile": "bottom quartile",
        "second quartile": "second quartile",
        "third quartile": "third quartile",
        "top quartile": "top quartile",
        "comparison_method": "Method: {method}; {confidence} ranges of the change.",
        "groups": "Groups",
        "groups_intro": (
            "Scores by {column}. Groups with fewer than {minimum} respondents are suppressed "
            "to protect anonymity."
        ),
        "group": "Group",
        "suppressed": "suppressed",
        "suppressed_why": "suppressed (fewer than {minimum} respondents)",
        "gap": "Manager-employee gap",
        "gap_intro": (
            "{first} minus {second} ({n_first} and {n_second} respondents): a positive gap "
            "means that {first} respondents rate higher."
        ),
        "gap_column": "Gap",
        "gap_finding": (
            "{subject}: {first} respondents rate {size} points {direction} than {second} "
            "respondents ({confidence} range of the gap {range})."
        ),
        "higher": "higher",
        "lower": "lower",
        "gap_suppressed": "The gap is not shown: {reason}",
        "finding": "Finding",
        "evidence": "Agreement and reliability",
        "agreement_intro": (
            "Agreement says whether the respondents share one view: {index} ({span}; below "
            "{cutoff} the mean hides a split) and AD, how far answers lie from their mean on "
            "average, in answer points ({ad_rule}). Reliability says whether the statements "
            "of a dimension measure one thing (alpha and omega, 0-1; 0.70 or more is usual)."
        ),
        "span_rwg_j": "0-1",
        "span_rwg_star_j": "at most 1, below 0 when answers spread more than at random",
        "ad_rule": "above {cutoff} the same",
        "ad_rule_scales": "above c/6 on a scale of c options the same",
        "agreement_column": "Agreement {index}",
        "ad_column": "AD",
        "alpha": "Alpha",
        "alpha_range": "Alpha range",
        "omega": "Omega",
        "quality": "Response quality",
        "quality_none": "No respondent was flagged for straightlining or acquiescence.",
        "quality_flagged": (
            "{flagged} of {n} respondents were flagged ({straight} straightlining, "
            "{acquiescent} acquiescent); they were {fate}."
        ),
        "quality_kept": "kept in the scores",
        "quality_excluded": "left out of the scores",
        "quality_off": "Responses were not screened for quality.",
        "warnings": "Warnings and data quality",
        "notices": "Warnings",
        "later_steps": "Later steps",
        "warnings_intro": "Read the results with these in mind.",
        "no_warnings": "No warnings.",
        "kind_small_sample": "Small samples and reportability",
        "kind_agreement": "Agreement",
        "kind_reliability": "Reliability",
        "kind_quality": "Response quality",
        "kind_groups": "Groups",
        "kind_gap": "Manager-employee gap",
        "kind_other": "Other",
        "method": "How the ranges were made",
        "method_text": (
            "Every score has a {confidence} range: {kind} {method} with {resamples} "
            "resamples (seed {seed}). The range shows the sampling uncertainty of the "
            "score; a stage is only as certain as its range allows."
        ),
        "reportability_text": (
            "Scores of fewer than {minimum} respondents are not reported{override}."
        ),
        "override": " (the minimum was overridden for this report)",
        "design_text": "Survey design: {text}.",
        "response_rate": "{n} of {headcount} people responded ({rate})",
        "next_steps": "Next steps",
        "next_steps_intro": (
            "The rubric's recommendations that apply, ranked by expected gain toward the "
            "target ({target}); no step comes before a step it requires."
        ),
        "target_next": "one stage above the current stage",
        "no_steps": "No step brings a gain toward the target.",
        "do": "Do",
        "why": "Why",
        "because": "Because",
        "phase": "phase {phase}",
        "uncertain": "uncertain: a range straddles the threshold",
        "prerequisite": "prerequisite: confirm it is in place",
        "requires": "Requires",
        "more_steps": "{n} more step(s) not shown.",
        "borderline": "Might also apply: {items}.",
        "not_evaluable": "Could not be judged (evidence missing): {items}.",
        "footer": "Made with lomaturity {version} · rubric {rubric} · fingerprint {fingerprint}",
        "yes": "yes",
        "no": "no",
    }
)


FI: Mapping[str, str] = FrozenDict(
    {
        "report_title": "{organization}: oppivan organisaation kypsyys",
        "subtitle": "{n} vastaajaa · arviointimalli {rubric} · {date}",
        "subtitle_no_date": "{n} vastaajaa · arviointimalli {rubric}",
        "summary": "Yhteenveto",
        "overall_stage": "Kokonaistaso",
        "overall_score": "Kokonaispisteet",
        "range": "vaihteluväli",
        "stage_of": "taso {level}/{levels}",
        "stage_support": "{share} bootstrap-otoksista sijoitti kokonaispisteet tälle tasolle.",
        "capped": (
            "Arviointimallin tasosääntö rajaa tason: pelkät kokonaispisteet olisivat tasolla "
            "{band}, mutta {dimensions} on matalammalla."
        ),
        "not_reportable": "Ei raportoitavissa",
        "not_reportable_text": (
            "Vain {n} henkilöä vastasi, vähemmän kuin raportoinnin vähimmäismäärä {minimum}: "
            "pisteet jätetään näyttämättä vastaajien suojaamiseksi ja koska ne ovat liian "
            "epävarmoja toimenpiteiden pohjaksi."
        ),
        "not_scorable": "ei pisteytettävissä",
        "dimensions": "Neljä ulottuvuutta",
        "dimensions_n": "Ulottuvuudet",
        "dimension": "Ulottuvuus",
        "score": "Pisteet",
        "stage": "Taso",
        "respondents": "Vastaajat",
        "overall": "Kokonaisuus",
        "stage_meanings": "Mitä tasot tarkoittavat",
        "indicators": "Väittämät",
        "strongest": "Vahvimmat väittämät",
        "weakest": "Heikoimmat väittämät",
        "indicator": "Väittämä",
        "describes": "Mitä pisteet kuvaavat",
        "strong_weak_intro": (
            "Väittämät, jotka vastaajat arvioivat korkeimmiksi ja matalimmiksi, sekä "
            "arviointimallin kuvaus siitä, miltä kyseisen tason pisteet näyttävät."
        ),
        "chart_radar": "Neljä ulottuvuutta ja niiden {confidence} vaihteluvälit",
        "chart_radar_alt": "Tutkakaavio ulottuvuuksien pisteistä (0-100) luottamusvöineen.",
        "chart_indicators": "Väittämät pisteiden mukaan järjestettyinä, tasot varjostettuina",
        "chart_indicators_alt": "Väliarviokaavio jokaisen väittämän pisteistä ja välistä.",
        "chart_comparison": "Muutos edellisestä kyselystä ja erotuksen vaihteluvälit",
        "chart_comparison_alt": "Kaavio kahden kyselyn pisteistä ja niiden erotuksista.",
        "chart_benchmark": "Sijainti vertailuaineiston persentiileihin nähden",
        "chart_benchmark_alt": "Kaavio pisteistä vertailuaineiston persentiilivöitä vasten.",
        "chart_groups": "Kokonaispisteet ryhmittäin ({column})",
        "chart_groups_alt": "Kaavio ryhmien kokonaispisteistä ja vaihteluväleistä.",
        "chart_gap": "Esihenkilöiden ja työntekijöiden ero ulottuvuuksittain",
        "chart_gap_alt": "Kaavio näkemyserosta ulottuvuuksittain vaihteluväleineen.",
        "charts_missing": (
            "Kaavioita ei näytetä: ne vaativat matplotlibin (pip install 'lomaturity[plot]')."
        ),
        "chart_failed": "Kaaviota ei voitu piirtää: {reason}",
        "comparison": "Muutos edellisestä kyselystä",
        "comparison_intro": (
            "{first} ({n_first} vastaajaa) verrattuna: {second} ({n_second}); positiivinen "
            "muutos tarkoittaa korkeampia pisteitä nyt."
        ),
        "previous": "Ennen",
        "now": "Nyt",
        "change": "Muutos",
        "change_range": "Muutoksen vaihteluväli",
        "clear_change": "selvä",
        "no_clear_change": "satunnaisvaihtelun rajoissa",
        "clear_note": (
            "”selvä”: muutoksen vaihteluväli ei sisällä nollaa; ”satunnaisvaihtelun "
            "rajoissa”: muutos voi olla sattumaa."
        ),
        "benchmark": "Vertailu normiin",
        "benchmark_intro": (
            "{title} ({organizations} organisaatiota, {source}, {date}). Persentiili kertoo, "
            "kuinka suuri osa vertailuaineiston organisaatioista saa matalammat pisteet."
        ),
        "synthetic_norms": "Keksitty vertailuaineisto",
        "synthetic_norms_text": (
            "Tämä vertailuaineisto on KEKSITTY (esimerkkejä varten): sen persentiilit eivät "
            "kerro mitään todellisista organisaatioista."
        ),
        "percentile": "Persentiili",
        "percentile_range": "Persentiilin vaihteluväli",
        "band": "Neljännes",
        "bottom quartile": "alin neljännes",
        "second quartile": "toinen neljännes",
        "third quartile": "kolmas neljännes",
        "top quartile": "ylin neljännes",
        "comparison_method": "Menetelmä: {method}; muutoksen {confidence} vaihteluvälit.",
        "groups": "Ryhmät",
        "groups_intro": (
            "Pisteet ryhmittäin ({column}). Alle {minimum} vastaajan ryhmät jätetään "
            "näyttämättä vastaajien nimettömyyden suojaamiseksi."
        ),
        "group": "Ryhmä",
        "suppressed": "ei näytetä",
        "suppressed_why": "ei näytetä (alle {minimum} vastaajaa)",
        "gap": "Esihenkilöiden ja työntekijöiden näkemysero",
        "gap_intro": (
            "{first} miinus {second} ({n_first} ja {n_second} vastaajaa): positiivinen ero "
            "tarkoittaa, että ryhmän {first} vastaajien arviot ovat korkeammat."
        ),
        "gap_column": "Ero",
        "gap_finding": (
            "{subject}: ryhmän {first} vastaajien arviot ovat {size} pistettä {direction} "
            "kuin ryhmän {second} (eron {confidence} vaihteluväli {range})."
        ),
        "higher": "korkeammat",
        "lower": "matalammat",
        "gap_suppressed": "Eroa ei näytetä: {reason}",
        "finding": "Havainto",
        "evidence": "Yksimielisyys ja luotettavuus",
        "agreement_intro": (
            "Yksimielisyys kertoo, jakavatko vastaajat saman näkemyksen: {index} ({span}; alle "
            "{cutoff} keskiarvo kätkee jakautuneet näkemykset) ja AD, vastausten keskimääräinen "
            "etäisyys keskiarvostaan vastausasteikon askelina ({ad_rule}). Luotettavuus "
            "kertoo, mittaavatko ulottuvuuden väittämät samaa asiaa (alfa ja omega, 0-1; "
            "tavallisesti vähintään 0,70)."
        ),
        "span_rwg_j": "0-1",
        "span_rwg_star_j": "enintään 1, alle 0, kun vastaukset hajoavat satunnaista enemmän",
        "ad_rule": "yli {cutoff} samoin",
        "ad_rule_scales": "yli c/6, kun asteikossa on c vaihtoehtoa, samoin",
        "agreement_column": "Yksimielisyys {index}",
        "ad_column": "AD",
        "alpha": "Alfa",
        "alpha_range": "Alfan vaihteluväli",
        "omega": "Omega",
        "quality": "Vastausten laatu",
        "quality_none": "Yhtäkään vastaajaa ei merkitty suoraviivaiseksi tai myöntelijäksi.",
        "quality_flagged": (
            "{flagged}/{n} vastaajaa merkittiin ({straight} suoraviivaista, {acquiescent} "
            "myöntelijää); heidät {fate}."
        ),
        "quality_kept": "pidettiin mukana pisteissä",
        "quality_excluded": "jätettiin pois pisteistä",
        "quality_off": "Vastausten laatua ei tarkistettu.",
        "warnings": "Varoitukset ja aineiston laatu",
        "notices": "Varoitukset",
        "later_steps": "Myöhemmät askeleet",
        "warnings_intro": "Lue tulokset nämä huomioiden.",
        "no_warnings": "Ei varoituksia.",
        "kind_small_sample": "Pienet otokset ja raportoitavuus",
        "kind_agreement": "Yksimielisyys",
        "kind_reliability": "Luotettavuus",
        "kind_quality": "Vastausten laatu",
        "kind_groups": "Ryhmät",
        "kind_gap": "Esihenkilöiden ja työntekijöiden näkemysero",
        "kind_other": "Muut",
        "method": "Miten vaihteluvälit laskettiin",
        "method_text": (
            "Jokaisella pisteluvulla on {confidence} vaihteluväli: {kind} {method}, "
            "{resamples} bootstrap-otosta (siemenluku {seed}). Väli kuvaa pisteiden "
            "otantaepävarmuutta; taso on vain niin varma kuin sen väli sallii."
        ),
        "reportability_text": ("Alle {minimum} vastaajan pisteitä ei raportoida{override}."),
        "override": " (vähimmäismäärä ohitettiin tässä raportissa)",
        "design_text": "Otanta-asetelma: {text}.",
        "response_rate": "{n}/{headcount} henkilöä vastasi ({rate})",
        "next_steps": "Seuraavat askeleet",
        "next_steps_intro": (
            "Arviointimallin suositukset, jotka koskevat tätä organisaatiota, järjestettyinä "
            "odotetun hyödyn mukaan kohti tavoitetta ({target}); mikään askel ei tule ennen "
            "askelta, jota se edellyttää."
        ),
        "target_next": "yksi taso nykyistä ylemmäs",
        "no_steps": "Mikään askel ei vie lähemmäs tavoitetta.",
        "do": "Tee",
        "why": "Miksi",
        "because": "Peruste",
        "phase": "vaihe {phase}",
        "uncertain": "epävarma: vaihteluväli ulottuu kynnyksen yli",
        "prerequisite": "edellytys: varmista, että se on kunnossa",
        "requires": "Edellyttää",
        "more_steps": "{n} askelta lisää jätettiin pois.",
        "borderline": "Saattavat myös koskea: {items}.",
        "not_evaluable": "Ei voitu arvioida (tieto puuttuu): {items}.",
        "footer": (
            "Tehty lomaturity {version} -kirjastolla · arviointimalli {rubric} · "
            "sormenjälki {fingerprint}"
        ),
        "yes": "kyllä",
        "no": "ei",
    }
)


CATALOGS: Mapping[str, Mapping[str, str]] = FrozenDict({"en": EN, "fi": FI})
"""Language tag -> UI strings of the report files."""


def in_language(catalogs: Mapping[str, Mapping[str, str]], language: str) -> Mapping[str, str]:
    """The catalog of ``language`` (``"fi"``, ``"fi-FI"``, ...) in ``catalogs`` (language
    tag -> strings), English (``catalogs["en"]``) for a language without one."""
    return catalogs.get(language.split("-")[0].lower(), catalogs["en"])


def ui(language: str) -> Mapping[str, str]:
    """The report strings of ``language`` (``"fi"``, ``"fi-FI"``, ...), English for a
    language without a catalog."""
    return in_language(CATALOGS, language)


def decimal(value: float | None, language: str, spec: str = ".1f") -> str:
    """``value`` formatted with ``spec`` (``—`` for ``None``) and the decimal mark of
    ``language``: Finnish writes ``41,2`` and a true minus sign (``−3,1``)."""
    text = number(value, spec)
    if value is not None and ui(language) is FI:
        text = text.replace(".", ",").replace("-", "−")
    return text


def percent(share: float) -> str:
    """A share (0-1) as a whole percentage: ``88 %`` (with a space, as both languages'
    style guides write it)."""
    return f"{round(share * 100):d} %"


def level(confidence: float, language: str) -> str:
    """A confidence level (0-1) as a percentage with the digits it has and the language's
    decimal mark: ``95 %``, ``97.5 %`` (Finnish ``97,5 %``); never rounded, so a 97.5 %
    range is not called 98 %."""
    return f"{decimal(confidence * 100, language, 'g')} %"
