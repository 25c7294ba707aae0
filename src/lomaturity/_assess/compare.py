"""The comparison entry point: :func:`compare`, differences between two organizations or two
survey waves with honest ranges (docs/comparisons.md).

Two kinds of input, one result:

- two :class:`Responses` with ``rubric=``: both sides are scored exactly as :func:`score`
  scores them, and the range of the difference comes from resampling the difference directly
  (paired when respondent ids recur across the waves; ``_stats/difference.py``);
- two :class:`Report` (or two :class:`ReportSet`): no raw data, so the two ranges are
  combined under independence by MOVER (``_stats/compare.py``).

Comparisons that are not comparable are refused with a :class:`ScoringError` saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

import numpy as np
import numpy.typing as npt
from attrs import evolve, frozen

from .._hints import find_organization, listing
from .._model.notice import Notice
from .._model.population import Population
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import IntervalInfo, ScoringOptions, ScreenMode
from .._results.comparison import Comparison, ComparisonSet
from .._results.design import DesignOptions
from .._results.quality import ResponseQuality
from .._results.report import Report, ReportSet
from .._rubrics.migrations import Migrations, require_migration
from .._stats.compare import Levels, adjust_across, adjust_levels, report_levels
from .._stats.core import RECOMPUTED, Core, core_of, core_report, core_responses, rubric_pair
from .._stats.design import design_notices
from .._stats.difference import Ids, Side, bootstrap_levels, common_ids, level_sizes, side
from .._stats.multiplicity import ADJUSTMENTS, expanded_p_values
from .._stats.options import (
    STUDENTIZED_KINDS,
    choice_error,
    make_survey_options,
    raise_errors,
)
from .._stats.prepared import Prepared, check_organization, prepare
from .._stats.quality import quality_notices, screen
from .._types import RUBRIC, expect, type_name
from ..exceptions import ScoringError

RubricPair = tuple[Rubric, Rubric]
"""The rubrics of the first and second side, when they differ (compared through a map)."""

Paired = Literal["auto"] | bool
"""``"auto"`` (paired when respondent ids recur), ``True`` or ``False``."""

SMALL_SIDE = 20
"""Below this many respondents on a side, a comparison carries a ``few_respondents`` notice."""

MEASURED = {
    ("bootstrap", "percentile"): "78-95 %",
    ("bootstrap", "expanded"): "84-98 %",
    ("mover", "percentile"): "89-92 %",
    ("mover", "expanded"): "93-98 %",
}
"""Coverage of nominal 95 % ranges of a difference with 5-10 respondents per side, measured by
``benchmarks/compare_coverage.py`` (400 simulated organizations per cell; docs/comparisons.md):
(method, range kind) -> the range over the designs (independent, paired, partial overlap)."""

ADVICE = {
    ("bootstrap", "percentile"): "compare with interval='expanded' for ranges that hold "
    "their level better",
    ("mover", "percentile"): "score both sides with interval='expanded' for ranges that "
    "hold their level better",
}


def few_notice(n: int, method: str, kind: str) -> Notice:
    """The ``few_respondents`` notice of a comparison whose smaller side has ``n``
    respondents, quoting the measured coverage of ``method`` (``bootstrap``/``mover``) with
    ranges of ``kind``."""
    measured = MEASURED.get((method, kind))
    text = f"only {n} respondents on a side (fewer than {SMALL_SIDE}): "
    if measured is None:
        text += "ranges of this kind were not checked by simulation at this size"
    else:
        text += (
            f"in simulations, nominal 95 % {kind} ranges of a difference held the true "
            f"difference {measured} of the time with 5-10 respondents per side "
            "(docs/comparisons.md)"
        )
    advice = ADVICE.get((method, kind))
    return Notice("few_respondents", text + (f"; {advice}" if advice else ""))


FloatArray = npt.NDArray[np.float64]

_Settings = tuple[ScoringOptions, DesignOptions | None]
"""The validated options of a comparison of responses: scoring and survey design."""

INPUTS = "two lomaturity.Report, two lomaturity.ReportSet, or two lomaturity.Responses with rubric="


@frozen
class _Request:
    """What one :func:`compare` call asked for, validated."""

    paired: Paired
    adjust: str
    labels: tuple[str, str] | None
    organization: str | None
    migrations: Migrations = ()


def _request(
    paired: object, adjust: object, labels: object, organization: object, migrations: object = ()
) -> _Request:
    check_organization(organization)
    errors = [choice_error("adjust", adjust, ADJUSTMENTS)]
    if not (paired == "auto" or isinstance(paired, bool)):
        errors.append(f"paired: {paired!r} is not 'auto', True or False")
    good_labels = labels is None or (
        isinstance(labels, tuple | list)
        and len(labels) == 2
        and all(isinstance(x, str) and x.strip() for x in labels)
    )
    if not good_labels:
        errors.append(f"labels: {labels!r} is not a pair of non-blank names")
    raise_errors("comparison", errors)
    return _Request(
        paired=paired,  # type: ignore[arg-type]
        adjust=str(adjust),
        labels=None if labels is None else (str(labels[0]), str(labels[1])),  # type: ignore[index]
        organization=organization,  # type: ignore[arg-type]
        migrations=migrations,  # type: ignore[arg-type]
    )


def _names(first: str, second: str, request: _Request) -> tuple[str, str, str | None]:
    """Labels of the sides and the organization compared with itself (``None``: two)."""
    same = first if first == second else None
    if request.labels is not None:
        return request.labels[0], request.labels[1], same
    if same is not None:
        return "first", "second", same
    return first, second, None


def _panel(first: Sequence[str], second: Sequence[str], organization: str | None) -> list[str]:
    """The organizations of a panel compared with themselves across two waves."""
    if organization is not None:
        find_organization(organization, first, where="the first wave")
        find_organization(organization, second, where="the second wave")
        return [organization]
    if not first and not second:
        raise ScoringError("both sides hold no organization: there is nothing to compare")
    only_first = [o for o in first if o not in set(second)]
    only_second = [o for o in second if o not in set(first)]
    if only_first or only_second:
        parts = []
        if only_first:
            parts.append(f"only in the first: {listing(only_first)}")
        if only_second:
            parts.append(f"only in the second: {listing(only_second)}")
        raise ScoringError(
            "the two waves do not hold the same organizations (" + "; ".join(parts) + "); "
            "compare one organization present in both with organization=, or compare "
            "waves holding the same organizations"
        )
    return list(first)


def _comparison(
    levels: Levels,
    first: Report,
    second: Report,
    request: _Request,
    *,
    method: str,
    interval: IntervalInfo,
    options: ScoringOptions | None,
    n_paired: int = 0,
    notices: Sequence[Notice] = (),
) -> Comparison:
    """The :class:`Comparison` of ``first`` and ``second`` from its contrasts (Holm within
    each level; a panel re-adjusts across organizations later)."""
    label_first, label_second, organization = _names(
        first.organization, second.organization, request
    )
    overall, dimensions, indicators = adjust_levels(levels, request.adjust)
    return Comparison(
        rubric_key=first.rubric_key,
        first=label_first,
        second=label_second,
        organization=organization,
        overall=overall,
        dimensions=dimensions,
        indicators=indicators,
        method=method,
        effect_size_kind="d_av" if method.startswith("paired") else "hedges_g",
        adjustment=None if request.adjust == "none" else request.adjust,
        adjustment_family=None if request.adjust == "none" else "level",
        interval=interval,
        options=options,
        n_first=first.n_respondents,
        n_second=second.n_respondents,
        n_paired=n_paired,
        notices=tuple(notices),
        rubric_fingerprint=first.rubric_fingerprint,
    )


def _panel_set(comparisons: dict[str, Comparison], request: _Request) -> ComparisonSet:
    """Two waves of a panel: the comparisons with ``p_adjusted`` re-adjusted across the
    organizations, per score id."""
    units = {n: (c.overall, c.dimensions, c.indicators) for n, c in comparisons.items()}
    adjusted = adjust_across(units, request.adjust)
    family = None if request.adjust == "none" else "organizations"
    out = {
        n: evolve(c, overall=o, dimensions=d, indicators=i, adjustment_family=family)
        for (n, c), (o, d, i) in zip(comparisons.items(), adjusted.values(), strict=True)
    }
    first = next(iter(out.values()))
    return ComparisonSet(
        rubric_key=first.rubric_key,
        first=first.first,
        second=first.second,
        adjustment=first.adjustment,
        comparisons=out,
    )


# ------------------------------------------------------------------------------ reports


def _check_reports(first: Report, second: Report, rubric: Rubric | None) -> None:
    """Refuse two reports that cannot be compared, saying why."""
    if first.rubric_key != second.rubric_key:
        raise ScoringError(
            f"the reports were scored against different rubrics ({first.rubric_key} and "
            f"{second.rubric_key}); reports of two rubric versions compare only through a "
            "migration map: pass rubric=(first_rubric, second_rubric) and, unless a bundled "
            "map links them, migrations=path (docs/rubric-versions.md)"
        )
    prints = (first.rubric_fingerprint, second.rubric_fingerprint)
    if None not in prints and prints[0] != prints[1]:
        raise ScoringError(
            f"the reports were scored against two different rubrics that are both called "
            f"{first.rubric_key} (fingerprints {str(prints[0])[:19]} and {str(prints[1])[:19]}): "
            "their scales, keying or weights may differ; score both with the same rubric file"
        )
    if rubric is not None and (
        rubric.key != first.rubric_key or (prints[0] not in (None, rubric.fingerprint))
    ):
        raise ScoringError(
            f"the reports were scored against {first.rubric_key}, not the rubric given "
            f"({rubric.key}); leave out rubric= or pass the rubric they were scored with"
        )
    if list(first.indicators) != list(second.indicators) or list(first.dimensions) != list(
        second.dimensions
    ):
        raise ScoringError(
            "the reports do not score the same dimensions and indicators; compare reports "
            "of one rubric as lm.score gives them"
        )
    if first.interval.confidence != second.interval.confidence:
        raise ScoringError(
            f"the reports' ranges have different confidence levels "
            f"({first.interval.confidence:g} and {second.interval.confidence:g}); score both "
            "with the same confidence="
        )


def _report_notices(first: Report, second: Report) -> list[Notice]:
    out: list[Notice] = []
    smallest = min(first.n_respondents, second.n_respondents)
    if smallest == 1:
        out.append(
            Notice(
                "self_assessment",
                "a side is a single respondent's self-assessment: its range comes from "
                "resampling indicators and answer resolution (docs/scoring.md), not from "
                "other people; the difference says little about the organization",
            )
        )
    elif 1 < smallest < SMALL_SIDE:
        kinds = {first.interval.kind, second.interval.kind}
        out.append(few_notice(smallest, "mover", kinds.pop() if len(kinds) == 1 else "mixed"))
    if first.organization != second.organization:
        return out
    return [
        *out,
        Notice(
            "reports_independent",
            "two reports of the same organization are compared as independent samples "
            "(MOVER from their ranges): reports hold no respondent ids, so if the same "
            "people answered both waves the range is wider than it need be; compare the "
            "two responses with rubric= for a paired comparison (narrower, correct ranges)",
        ),
    ]


def _compare_reports(
    first: Report, second: Report, rubric: Rubric | RubricPair | None, request: _Request
) -> Comparison:
    if isinstance(rubric, tuple):
        return _across_reports(first, second, rubric, request)
    _check_reports(first, second, rubric)
    interval = IntervalInfo(
        method="report-mover",
        kind="mover",
        confidence=first.interval.confidence,
        n_resamples=0,
        seed=None,
    )
    result = _comparison(
        report_levels(first, second),
        first,
        second,
        request,
        method="report-mover",
        interval=interval,
        options=None,
        notices=_report_notices(first, second),
    )
    # the reports' own records: MOVER combines ranges already made under their design
    return evolve(
        result,
        first_quality=first.quality,
        second_quality=second.quality,
        first_design=first.design,
        second_design=second.design,
    )


def _compare_report_sets(
    first: ReportSet, second: ReportSet, rubric: Rubric | RubricPair | None, request: _Request
) -> Comparison | ComparisonSet:
    names = _panel(list(first), list(second), request.organization)
    comparisons = {n: _compare_reports(first[n], second[n], rubric, request) for n in names}
    if request.organization is not None:
        return comparisons[request.organization]
    return _panel_set(comparisons, request)


# ----------------------------------------------------------------- across rubric versions


def _core_pair(pair: RubricPair, request: _Request) -> tuple[Core, tuple[str, str]]:
    """The linked core of two rubrics through their migration map (refused without one),
    and the map side (``"source"``/``"target"``) of the first and the second rubric.

    The core is built in the map's own direction (on its ``to`` rubric) whichever side is
    given first, so that swapping the sides only flips the sign of every difference."""
    found = require_migration(*pair, request.migrations)
    if found.read_reversed:
        return core_of(pair[1], pair[0], found.reversed()), ("target", "source")
    return core_of(*pair, found), ("source", "target")


def _pair_key(pair: RubricPair) -> str:
    return f"{pair[0].key} -> {pair[1].key}"


def _relabel(result: Comparison, core: Core, key: str, *notices: Notice) -> Comparison:
    """A comparison on the core, labelled with the two rubrics (``key``) and carrying the
    ``linked_core`` notice first."""
    return evolve(
        result,
        rubric_key=key,
        rubric_fingerprint=None,
        notices=(core.notice(), *notices, *result.notices),
    )


def _relabel_any(
    result: Comparison | ComparisonSet, core: Core, key: str, *notices: Notice
) -> Comparison | ComparisonSet:
    if isinstance(result, Comparison):
        return _relabel(result, core, key, *notices)
    comparisons = {n: _relabel(c, core, key, *notices) for n, c in result.comparisons.items()}
    return evolve(result, rubric_key=key, comparisons=comparisons)


def _across_reports(
    first: Report, second: Report, pair: RubricPair, request: _Request
) -> Comparison:
    """Two reports of two rubric versions, recomputed on the linked core (conservative
    ranges for the recomputed dimension and overall scores)."""
    for which, report, rubric in (("first", first, pair[0]), ("second", second, pair[1])):
        if report.rubric_key != rubric.key:
            raise ScoringError(
                f"the {which} report was scored against {report.rubric_key}, not the "
                f"{which} rubric given ({rubric.key}); pass rubric=(first_rubric, "
                "second_rubric) in the order of the reports"
            )
    core, sides = _core_pair(pair, request)
    a, b = core_report(first, core, sides[0]), core_report(second, core, sides[1])
    result = _compare_reports(a, b, core.rubric, request)
    return _relabel(
        result,
        core,
        _pair_key(pair),
        Notice("linked_core_ranges", "dimension and overall scores " + RECOMPUTED),
    )


def _across_responses(
    first: Responses,
    second: Responses,
    pair: RubricPair,
    options: _Settings,
    request: _Request,
) -> Comparison | ComparisonSet:
    """Two sets of responses to two rubric versions, rescored on the linked core."""
    core, sides = _core_pair(pair, request)
    a = core_responses(pair[0], first, core, sides[0], "first")
    b = core_responses(pair[1], second, core, sides[1], "second")
    result = _compare_responses(a, b, core.rubric, options, request)
    return _relabel_any(result, core, _pair_key(pair))


# ---------------------------------------------------------------------------- responses


@frozen(eq=False)
class Wave:
    """One side's responses prepared and screened (``options.screen``, as :func:`score`
    screens), with every respondent id kept as an array and the response quality."""

    prepared: Prepared
    ids: Ids
    quality: ResponseQuality | None = None

    @classmethod
    def of(cls, rubric: Rubric, responses: Responses, which: str, options: ScoringOptions) -> Wave:
        """``responses`` prepared for ``rubric`` and screened; an error names the side
        (``which``)."""
        try:
            prepared = prepare(rubric, responses)
        except ScoringError as exc:
            raise ScoringError(f"the {which} responses: {exc}") from None
        prepared, quality = screen(prepared, options)
        ids = np.asarray(prepared.responses.respondent_ids, dtype=np.str_)
        return cls(prepared, ids, quality)


def _check_waves(first: Responses, second: Responses) -> None:
    """Refuse two sets of responses whose indicators differ (a column one lacks)."""
    only_first = sorted(set(second.absent_indicators) - set(first.absent_indicators))
    only_second = sorted(set(first.absent_indicators) - set(second.absent_indicators))
    if only_first or only_second:
        parts = []
        if only_first:
            parts.append(f"only the first has {only_first}")
        if only_second:
            parts.append(f"only the second has {only_second}")
        raise ScoringError(
            "the two sets of responses do not ask the same indicators ("
            + "; ".join(parts)
            + "): scores would mix questions asked on one side only; compare responses "
            "with the same indicator columns"
        )


def _unpairable(design: DesignOptions | None, first: Side, second: Side) -> list[str]:
    """The design options a paired comparison of these sides cannot honour: the paired
    bootstrap resamples the union of both waves' respondent ids, so it has no derivation
    for clusters (teams change between waves), for strata weights, or for a
    finite-population correction of a difference of two overlapping samples."""
    if design is None:
        return []
    out = []
    if design.cluster is not None:
        out.append(f"cluster={design.cluster!r}")
    if design.weighted:
        by = design.population.by if design.population is not None else None
        out.append(f"population= with strata (weights by {by!r})")
    headcount = any(s.plan is not None and s.plan.population is not None for s in (first, second))
    if design.fpc and headcount and not design.weighted:
        out.append("fpc=True (the finite-population correction)")
    return out


def _pairing(
    paired: Paired, first: Side, second: Side, same: bool, design: DesignOptions | None = None
) -> tuple[bool, int]:
    """Whether to pair (and how many respondents answered both): ``"auto"`` pairs two waves
    of one organization whose respondent ids recur; a side of one respondent never pairs.
    A pairing refused by the survey design (:func:`_unpairable`) is an error naming the
    options."""
    common = common_ids(first, second)
    if paired is True and common == 0:
        raise ScoringError(
            "paired=True, but no respondent id recurs across the two sides; compare them "
            "with paired=False (independent samples) or check the respondent ids"
        )
    want = (common > 0 and same) if paired == "auto" else bool(paired)
    if want:
        for which, s in (("first", first), ("second", second)):
            ids, counts = np.unique(s.ids, return_counts=True)
            repeated = [str(x) for x in ids[counts > 1]]
            if repeated:
                raise ScoringError(
                    f"respondent ids repeat within the {which} side ({listing(repeated)}): "
                    "pairing by id needs one row per respondent; fix the ids or compare "
                    "with paired=False"
                )
    pairs = want and first.n > 1 and second.n > 1
    refused = _unpairable(design, first, second) if pairs else []
    if refused:
        raise ScoringError(
            f"a paired comparison ({common} respondent id(s) recur across the two waves) "
            f"cannot use {' or '.join(refused)}: the paired bootstrap resamples the "
            "respondents of both waves jointly and has no derivation for it "
            "(docs/comparisons.md); compare with paired=False (independent samples, each "
            "side resampled under its design) or leave the option out (fpc=False keeps the "
            "response rate)"
        )
    return pairs, common


def _side_notices(
    first: Side, second: Side, paired: bool, common: int, kind: str, *, same: bool
) -> list[Notice]:
    """Pairing, small-sample and single-respondent notices of one comparison."""
    out: list[Notice] = []
    if not paired and same and common == 0 and min(first.n, second.n) > 0:
        out.append(
            Notice(
                "independent_waves",
                "no respondent id recurs across the two waves: they are compared as "
                "independent samples; if the same people answered both, give them the same "
                "ids in both files for a paired comparison (narrower ranges)",
            )
        )
    if paired:
        out.append(
            Notice(
                "paired_by_id",
                f"paired by respondent id: {common} respondent(s) answered both waves and "
                f"were resampled jointly with the {first.n - common} who answered only the "
                f"first and the {second.n - common} who answered only the second; if the ids "
                "do not identify the same people in both waves, compare with paired=False",
            )
        )
    smallest = min(first.n, second.n)
    if smallest == 0:
        out.append(
            Notice(
                "no_answers",
                "a side has no respondent with an on-scale answer: there is nothing to compare",
            )
        )
    elif any(s.n == 1 for s in (first, second)):
        out.append(
            Notice(
                "self_assessment",
                "a side has a single respondent: its range comes from resampling indicators "
                "within each dimension and half a scale step of answer resolution "
                "(docs/scoring.md); the difference says little about the organization",
            )
        )
    elif smallest < SMALL_SIDE:
        out.append(few_notice(smallest, "bootstrap", kind))
    return out


def _method(paired: bool, a: Side, b: Side) -> str:
    """The comparison's method: paired, or independent with each side's resampling
    (``respondent``, or ``cluster``/``stratified`` under a design; ``design`` when the
    sides differ)."""
    if paired:
        return "paired-respondent-bootstrap"
    designed = ("cluster-bootstrap", "stratified-bootstrap")
    kinds = {s.report.interval.method for s in (a, b) if s.report.interval.method in designed}
    kind = "respondent" if not kinds else "design"
    if len(kinds) == 1:
        kind = kinds.pop().removesuffix("-bootstrap")
    return f"independent-{kind}-bootstrap"


def _with_sides(
    result: Comparison, sides: tuple[Side, Side], waves: tuple[Wave, Wave], names: tuple[str, str]
) -> Comparison:
    """``result`` with each side's quality and design records and their notices (each
    notice's message starts with the side's label)."""
    qualities = [
        None if w.quality is None else w.quality.for_organization(n)
        for w, n in zip(waves, names, strict=True)
    ]
    notices: list[Notice] = []
    labels = (result.first, result.second)
    for label, s, quality in zip(labels, sides, qualities, strict=True):
        own = [] if quality is None else quality_notices(quality)
        own += design_notices(s.report.design)
        own += [n for n in s.report.notices if n.code == "no_headcount"]
        notices += [evolve(n, message=f"{label}: {n.message}") for n in own]
    return evolve(
        result,
        notices=(*result.notices, *notices),
        first_quality=qualities[0],
        second_quality=qualities[1],
        first_design=sides[0].report.design,
        second_design=sides[1].report.design,
    )


def _compare_one(
    first: Wave,
    second: Wave,
    names: tuple[str, str],
    settings: _Settings,
    request: _Request,
    panel: int = 0,
) -> Comparison:
    """The comparison of organization ``names[0]`` of ``first`` with ``names[1]`` of
    ``second`` (one of the ``panel`` organizations of two waves, adjusted across them)."""
    options, design = settings
    a = side(first.prepared, first.prepared.rows[names[0]], first.ids, names[0], options, design)
    b = side(second.prepared, second.prepared.rows[names[1]], second.ids, names[1], options, design)
    paired, common = _pairing(request.paired, a, b, names[0] == names[1], design)
    method = _method(paired, a, b)
    key = "\x1f".join(("compare", *names))
    levels = bootstrap_levels(first.prepared.layout, a, b, key, options, paired)
    interval = IntervalInfo(
        method=method,
        kind=options.interval,
        confidence=options.confidence,
        n_resamples=options.n_resamples,
        seed=options.seed,
    )
    result = _comparison(
        levels,
        a.report,
        b.report,
        request,
        method=method,
        interval=interval,
        options=options,
        n_paired=common if paired else 0,
        notices=[
            *_side_notices(a, b, paired, common, options.interval, same=names[0] == names[1]),
            *_resolution(levels, options, request, panel, level_sizes(a, b)),
        ],
    )
    return _with_sides(result, (a, b), (first, second), names)


def _resolution(
    levels: Levels,
    options: ScoringOptions,
    request: _Request,
    panel: int,
    sizes: tuple[FloatArray, FloatArray, FloatArray],
) -> list[Notice]:
    """A notice when ``n_resamples`` is too few for a p-value to fall below
    ``1 - confidence`` at all (a bootstrap p-value is at least ``2 / (B + 1)``; more for an
    expanded range with few respondents, or few clusters: ``sizes`` per indicator,
    dimension and overall difference), or for a Holm-adjusted one to: among the indicators
    of one comparison, or, in a ``panel`` of organizations (each score adjusted across
    them), among the organizations."""
    overall, dimensions, indicators = levels
    contrasts = (overall, *dimensions.values(), *indicators.values())
    every = np.concatenate([sizes[2], sizes[1], sizes[0]])
    scored = [c for c in contrasts if c.p_value is not None]
    m = panel or sum(c.p_value is not None for c in indicators.values())
    floor = 2.0 / (options.n_resamples + 1.0)
    if options.interval == "expanded" and scored:
        # The p-value of an expanded range is larger: its floor depends on the sample size.
        n_eff = every[[c.p_value is not None for c in contrasts]]
        floor = float(expanded_p_values(np.full(len(scored), floor), n_eff).min())
    alpha = 1.0 - options.confidence
    if floor > alpha:
        text = f"no p-value can fall below {floor:.3f} (the smallest bootstrap p-value)"
    elif request.adjust != "none" and m * floor > alpha:
        what = (
            f"the {m} organizations (each score adjusted across them)"
            if panel
            else (f"the {m} indicators")
        )
        text = (
            f"the smallest bootstrap p-value is {floor:.4f}, so Holm-adjusted p-values of "
            f"{what} cannot fall below {min(1.0, m * floor):.3f}"
        )
    else:
        return []
    return [
        Notice(
            "p_value_resolution",
            f"with {options.n_resamples} resamples {text}; use more resamples for p-values "
            "that can show a difference",
        )
    ]


def _compare_responses(
    first: Responses, second: Responses, rubric: Rubric, options: _Settings, request: _Request
) -> Comparison | ComparisonSet:
    a = Wave.of(rubric, first, "first", options[0])
    b = Wave.of(rubric, second, "second", options[0])
    _check_waves(first, second)
    orgs_a, orgs_b = a.prepared.organizations, b.prepared.organizations
    if request.organization is None and len(orgs_a) == 1 and len(orgs_b) == 1:
        return _compare_one(a, b, (orgs_a[0], orgs_b[0]), options, request)
    names = _panel(orgs_a, orgs_b, request.organization)
    panel = 0 if request.organization is not None else len(names)
    comparisons = {n: _compare_one(a, b, (n, n), options, request, panel) for n in names}
    if request.organization is not None:
        return comparisons[request.organization]
    return _panel_set(comparisons, request)


# -------------------------------------------------------------------------- entry point


RESPONSES_ONLY = (
    "confidence",
    "n_resamples",
    "seed",
    "interval",
    "screen",
    "population",
    "cluster",
    "fpc",
)
"""The options of :func:`compare` that apply to responses only, in the order of
:data:`ResponsesOnly`: refused for reports, which are scored already."""

ResponsesOnly = tuple[object, object, object, object, object, object, object, object]
"""``(confidence, n_resamples, seed, interval, screen, population, cluster, fpc)`` as
:func:`compare` was given them (``None``: not given)."""


def _no_options(given: ResponsesOnly) -> None:
    """Refuse scoring options with reports (they keep the options they were scored with)."""
    named = [k for k, v in zip(RESPONSES_ONLY, given, strict=True) if v is not None]
    if named:
        raise ScoringError(
            f"{', '.join(named)}: reports keep the options they were scored with; these "
            "options apply only when comparing two Responses (with rubric=)"
        )


def _options(given: ResponsesOnly) -> _Settings:
    """The options of a comparison of responses, defaults filled in and validated (the
    shared home of :func:`score`'s options)."""
    confidence, n_resamples, seed, interval, screen_mode, population, cluster, fpc = given
    unavailable = (
        f"interval: {interval!r} is not available for comparisons; use 'percentile' or 'expanded'"
    )
    return make_survey_options(
        design=(population, cluster, True if fpc is None else fpc),
        confidence=0.95 if confidence is None else confidence,
        n_resamples=2000 if n_resamples is None else n_resamples,
        seed=seed,
        interval="expanded" if interval is None else interval,
        screen="flag" if screen_mode is None else screen_mode,
        what="comparison",
        extra=[unavailable if interval in ("bca", "auto", *STUDENTIZED_KINDS) else None],
    )


def _checked_rubric(rubric: object) -> Rubric | RubricPair | None:
    """``rubric=`` checked: one rubric, a pair of two different rubrics (a pair naming one
    rubric twice is that rubric) or ``None``."""
    pair = rubric_pair(rubric)
    if pair is not None and pair[0] == pair[1]:  # one rubric named twice
        return pair[0]
    if pair is not None:
        return pair
    if rubric is None:
        return None
    expect(rubric, Rubric, "rubric", RUBRIC)
    assert isinstance(rubric, Rubric)
    return rubric


def _of_responses(
    first: Responses,
    second: Responses,
    rubric: Rubric | RubricPair | None,
    options: _Settings,
    request: _Request,
) -> Comparison | ComparisonSet:
    """Two sets of responses, scored with one rubric or rescored on a pair's linked core."""
    if isinstance(rubric, tuple):
        return _across_responses(first, second, rubric, options, request)
    if rubric is None:
        raise ScoringError("comparing two Responses needs rubric= (the rubric to score with)")
    return _compare_responses(first, second, rubric, options, request)


def _of_reports(
    first: object,
    second: object,
    rubric: Rubric | RubricPair | None,
    request: _Request,
    given: ResponsesOnly,
) -> Comparison | ComparisonSet:
    """Two reports or two report sets (options of responses only refused); anything else
    is a :class:`TypeError`."""
    if isinstance(first, Report) and isinstance(second, Report):
        _no_options(given)
        if request.organization is not None:
            raise ScoringError("organization= picks from ReportSets or Responses, not Reports")
        return _compare_reports(first, second, rubric, request)
    if isinstance(first, ReportSet) and isinstance(second, ReportSet):
        _no_options(given)
        return _compare_report_sets(first, second, rubric, request)
    raise TypeError(f"compare: expected {INPUTS}, got {type_name(first)} and {type_name(second)}")


@overload
def compare(
    a: Report,
    b: Report,
    *,
    rubric: Rubric | RubricPair | None = None,
    migrations: Migrations = (),
    paired: Paired = "auto",
    organization: None = None,
    adjust: Literal["holm", "none"] = "holm",
    labels: tuple[str, str] | None = None,
    confidence: None = None,
    n_resamples: None = None,
    seed: None = None,
    interval: None = None,
    screen: None = None,
    population: None = None,
    cluster: None = None,
    fpc: None = None,
) -> Comparison: ...
@overload
def compare(
    a: ReportSet,
    b: ReportSet,
    *,
    rubric: Rubric | RubricPair | None = None,
    migrations: Migrations = (),
    paired: Paired = "auto",
    organization: str,
    adjust: Literal["holm", "none"] = "holm",
    labels: tuple[str, str] | None = None,
    confidence: None = None,
    n_resamples: None = None,
    seed: None = None,
    interval: None = None,
    screen: None = None,
    population: None = None,
    cluster: None = None,
    fpc: None = None,
) -> Comparison: ...
@overload
def compare(
    a: ReportSet,
    b: ReportSet,
    *,
    rubric: Rubric | RubricPair | None = None,
    migrations: Migrations = (),
    paired: Paired = "auto",
    organization: None = None,
    adjust: Literal["holm", "none"] = "holm",
    labels: tuple[str, str] | None = None,
    confidence: None = None,
    n_resamples: None = None,
    seed: None = None,
    interval: None = None,
    screen: None = None,
    population: None = None,
    cluster: None = None,
    fpc: None = None,
) -> ComparisonSet: ...
@overload
def compare(
    a: Responses,
    b: Responses,
    *,
    rubric: Rubric | RubricPair | None = None,
    migrations: Migrations = (),
    paired: Paired = "auto",
    organization: str | None = None,
    adjust: Literal["holm", "none"] = "holm",
    labels: tuple[str, str] | None = None,
    confidence: float | None = None,
    n_resamples: int | None = None,
    seed: int | None = None,
    interval: Literal["percentile", "expanded"] | None = None,
    screen: ScreenMode | None = None,
    population: Population | None = None,
    cluster: str | None = None,
    fpc: bool | None = None,
) -> Comparison | ComparisonSet: ...
def compare(
    a: Report | ReportSet | Responses,
    b: Report | ReportSet | Responses,
    *,
    rubric: Rubric | RubricPair | None = None,
    migrations: Migrations = (),
    paired: Paired = "auto",
    organization: str | None = None,
    adjust: Literal["holm", "none"] = "holm",
    labels: tuple[str, str] | None = None,
    confidence: float | None = None,
    n_resamples: int | None = None,
    seed: int | None = None,
    interval: Literal["percentile", "expanded"] | None = None,
    screen: ScreenMode | None = None,
    population: Population | None = None,
    cluster: str | None = None,
    fpc: bool | None = None,
) -> Comparison | ComparisonSet:
    """Differences ``b - a`` between two organizations or two survey waves, per indicator,
    dimension and overall, with confidence ranges, effect sizes and stage changes.

    A positive difference means ``b`` scores higher: ``compare(last_year, this_year)`` is
    improvement. See docs/comparisons.md for the methods, formulas and measured coverage.

    Args:
        a, b: two :class:`Responses` (with ``rubric=``): both sides are scored exactly as
            :func:`score` does and the difference is bootstrapped directly; or two
            :class:`Report` (two :class:`ReportSet`, matched by organization): the reports'
            ranges are combined as independent (MOVER; ``method="report-mover"``).
        rubric: the rubric the responses are scored with (needed for responses; for
            reports, optional and then checked against them). Sides of two different rubric
            versions (or a short form and its full form): the pair ``(first_rubric,
            second_rubric)``; they are compared through a migration map, on its linked
            indicators only, with dimension and overall scores recomputed on them on both
            sides (notice ``linked_core``; docs/rubric-versions.md).
        migrations: migration maps (or map file paths) to use before the bundled ones, for
            a pair of rubrics.
        paired: responses only. ``"auto"``: two waves of one organization are paired when
            respondent ids recur (respondents resampled jointly, partial overlap allowed);
            ``True`` forces pairing (an error when no id recurs), ``False`` independence.
        organization: with several organizations per side (two waves of a panel), compare
            only this one; without it every organization is compared with itself.
        adjust: ``"holm"`` (default) fills ``p_adjusted`` with Holm-adjusted p-values
            (within each level of one comparison; across organizations in a panel);
            ``"none"`` leaves it empty.
        labels: names of the two sides; default the organization names, or ``"first"`` /
            ``"second"`` for two waves of one organization.
        confidence, n_resamples, seed, interval: bootstrap options for responses (defaults
            0.95, 2000, a drawn seed recorded in the result, ``"expanded"``: the expanded
            percentile range, which held its level in simulations where plain
            ``"percentile"`` ranges fell short below 20 respondents per side, and matches it
            beyond; docs/comparisons.md). Refused for reports.
        screen: responses only: response-quality screening of each side, as for
            :func:`score` (default ``"flag"``; ``"exclude"`` leaves flagged respondents out
            of that side; ``"off"``): ``first_quality``/``second_quality`` and their
            notices. Refused for reports (they keep how they were scored).
        population, cluster, fpc: responses only: the survey design of each side, as for
            :func:`score` (docs/survey-design.md): each side is resampled under its design
            (post-stratification weights, whole clusters, finite-population correction)
            and the two are combined as independent samples; ``first_design`` /
            ``second_design`` hold the records. A *paired* comparison (respondent ids
            recurring across two waves) cannot use ``cluster``, strata weights or the
            finite-population correction and refuses them with an error naming the option
            (compare with ``paired=False``, or ``fpc=False``). Refused for reports.

    Returns:
        A :class:`Comparison`; a :class:`~lomaturity.results.ComparisonSet` (organization ->
        comparison) for two waves holding several organizations, or two ReportSets.

    Raises:
        TypeError: ``a``/``b`` are not two results of one kind listed above.
        ScoringError: sides that cannot be compared (different rubric ids, versions or
            fingerprints, different indicators, organizations missing from a wave, empty
            responses), or bad options.
        UnknownOrganizationError: an ``organization`` a side does not hold.
    """
    request = _request(paired, adjust, labels, organization, migrations)
    checked = _checked_rubric(rubric)
    given = (confidence, n_resamples, seed, interval, screen, population, cluster, fpc)
    if isinstance(a, Responses) and isinstance(b, Responses):
        return _of_responses(a, b, checked, _options(given), request)
    return _of_reports(a, b, checked, request, given)
