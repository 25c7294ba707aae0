"""The content of a report file: one organization's results as a :class:`Document`
(summary, dimensions with stage descriptors, strongest and weakest indicators, comparison
with the previous survey, norm standing, groups and the manager-employee gap, agreement
and reliability, warnings, the method, next steps), in the rubric's language.

Only presentation: every number comes from the results given; charts come from a
``draw`` callable (:mod:`lomaturity._present.report_charts`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .._model.notice import Notice
from .._model.rubric import Rubric
from .._results.agreement import AGREEMENT_CUTOFFS, DEFAULT_INDEX, INDEX_LABELS, AgreementOptions
from .._results.benchmark import Benchmark
from .._results.common import Score
from .._results.comparison import Comparison
from .._results.plan import RecommendationResult, Step
from .._results.report import Report
from .._version import __version__
from .markup import (
    Align,
    Block,
    BulletList,
    Content,
    Document,
    Emphasis,
    Facts,
    Figure,
    Heading,
    Inline,
    Meter,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
)
from .strings import decimal, level, percent, ui

Draw = Callable[[str, object], str]
"""``draw(kind, result)``: the SVG of a chart of ``kind`` (``"radar"``, ``"indicators"``,
``"comparison"``, ``"benchmark"``, ``"groups"``, ``"gap"``) of ``result``; raises
:class:`ImportError` when charts cannot be drawn here (no matplotlib)."""

TOP = 3
"""How many strongest and weakest indicators the report lists."""

DETAILED = 5
"""How many next steps the report shows in full (action, reason, evidence); the later ones
are listed by title."""

KINDS: Mapping[str, str] = {
    "few_respondents": "small_sample",
    "not_reportable": "small_sample",
    "one_respondent": "small_sample",
    "self_assessment": "small_sample",
    "near_scale_end": "small_sample",
    "few_answers": "small_sample",
    "few_in_group": "groups",
    "group_suppressed": "groups",
    "low_agreement": "agreement",
    "rwg_undefined": "agreement",
    "icc_undefined": "agreement",
    "rwg_star_j": "agreement",
    "low_alpha": "reliability",
    "alpha_undefined": "reliability",
    "omega_undefined": "reliability",
    "not_separable": "reliability",
    "negative_item_total": "reliability",
    "heywood_case": "reliability",
    "zero_variance": "reliability",
    "too_few_answers": "reliability",
    "response_quality": "quality",
    "respondents_excluded": "quality",
    "dont_know_share": "quality",
    "perception_gap_suppressed": "gap",
}
"""Notice code -> the heading it is listed under in the report's warnings (any other code:
"other"). A ``perception_gap`` notice is a finding, shown with the gap, not a warning."""

KIND_ORDER = ("small_sample", "quality", "agreement", "reliability", "groups", "gap", "other")


class _Context:
    """What every section builder needs: the rubric, its strings, number formatting."""

    def __init__(self, rubric: Rubric, report: Report, draw: Draw | None) -> None:
        self.rubric = rubric
        self.report = report
        self.lang = rubric.language
        self.t = ui(rubric.language)
        self.draw = draw
        self.charts_missing = False

    def num(self, value: float | None, spec: str = ".1f") -> str:
        return decimal(value, self.lang, spec)

    def span(self, low: float | None, high: float | None, spec: str = ".1f") -> str:
        if low is None or high is None:
            return "—"
        return f"{self.num(low, spec)}–{self.num(high, spec)}"

    def stage_name(self, stage_id: str | None) -> str:
        return "—" if stage_id is None else self.rubric.stage(stage_id).name

    def confidence(self) -> str:
        return self.level(self.report.interval.confidence)

    def level(self, confidence: float) -> str:
        """A confidence level in the rubric's language (``95 %``, ``97,5 %``)."""
        return level(confidence, self.rubric.language)

    def figure(self, kind: str, result: object, caption: str, alt: str) -> list[Block]:
        """The chart of ``kind`` (one figure), or nothing when charts cannot be drawn here
        (the method section then says so, once)."""
        if self.draw is None or self.charts_missing:
            return []
        try:
            return [Figure(caption, alt, self.draw(kind, result))]
        except ImportError:
            self.charts_missing = True
            return []


def _shown(score: Score) -> bool:
    return score.value is not None and score.reportable


# --- summary -------------------------------------------------------------------------------


def _summary(c: _Context) -> Section:
    report, t = c.report, c.t
    blocks: list[Block] = []
    if not report.reportable:
        text = t["not_reportable_text"].format(
            n=report.n_respondents, minimum=report.options.min_reporting_size
        )
        blocks.append(Note("warning", t["not_reportable"], (Paragraph(text),)))
        return Section(Heading(t["summary"], 2, anchor="summary"), blocks)
    score = report.overall
    stage = report.stage
    levels = len(c.rubric.stages)
    facts: list[tuple[str, Content]] = []
    if stage is not None:
        where = t["stage_of"].format(level=stage.level, levels=levels)
        facts.append((t["overall_stage"], (Strong(stage.name), f" {where}")))
    facts += [
        (t["overall_score"], (Strong(c.num(score.value)), " / 100")),
        (f"{c.confidence()} {t['range']}", Strong(c.span(score.low, score.high))),
        (t["respondents"], Strong(str(report.n_respondents))),
    ]
    blocks.append(Facts(facts))
    if stage is not None:
        blocks.append(Paragraph(stage.description))
        support = score.stage_support.get(stage.id)
        if support is not None and not report.stage_capped_by:
            blocks.append(Paragraph(Emphasis(t["stage_support"].format(share=percent(support)))))
    if report.stage_capped_by and score.value is not None:
        names = ", ".join(c.rubric.dimension(d).name for d in report.stage_capped_by)
        band = c.rubric.stage_for(score.value).name
        blocks.append(
            Note(
                "info",
                t["overall_stage"],
                (Paragraph(t["capped"].format(band=band, dimensions=names)),),
            )
        )
    return Section(Heading(t["summary"], 2, anchor="summary"), blocks)


# --- dimensions ----------------------------------------------------------------------------


def _dimensions(c: _Context) -> Section:
    report, t = c.report, c.t
    rows = []
    for dim in c.rubric.dimensions:
        s = report.dimensions[dim.id]
        rows.append(_score_row(c, dim.name, s))
    rows.append(_score_row(c, t["overall"], report.overall, strong=True))
    blocks: list[Block] = [
        Table(
            (t["dimension"], t["score"], f"{c.confidence()} {t['range']}", "", t["stage"]),
            rows,
            align=("left", "right", "right", "left", "left"),
        )
    ]
    if report.reportable:
        blocks.extend(
            c.figure(
                "radar",
                report,
                t["chart_radar"].format(confidence=c.confidence()),
                t["chart_radar_alt"],
            )
        )
    for dim in c.rubric.dimensions:
        s = report.dimensions[dim.id]
        parts: list[Block] = [Paragraph(dim.description)]
        if _shown(s) and s.stage is not None:
            stage = c.rubric.stage(s.stage)
            parts.append(
                Paragraph(
                    (
                        Strong(f"{stage.name} · {c.num(s.value)}"),
                        f" ({c.confidence()} {t['range']} {c.span(s.low, s.high)})",
                    )
                )
            )
        elif s.reason:
            parts.append(Paragraph(Emphasis(s.reason)))
        blocks.append(Section(Heading(dim.name, 3), parts))
    blocks += _stage_meanings(c)
    heading = t["dimensions"] if len(c.rubric.dimensions) == 4 else t["dimensions_n"]
    return Section(Heading(heading, 2, anchor="dimensions"), blocks)


def _stage_meanings(c: _Context) -> list[Block]:
    """Each stage the dimensions are in, once, lowest first: its description and the
    dimensions in it."""
    staged: dict[str, list[str]] = {}
    for dim in c.rubric.dimensions:
        s = c.report.dimensions[dim.id]
        if _shown(s) and s.stage is not None:
            staged.setdefault(s.stage, []).append(dim.name)
    items: list[Content] = [
        (Strong(stage.name), f" ({', '.join(staged[stage.id])}): ", stage.description)
        for stage in c.rubric.stages
        if stage.id in staged
    ]
    return [Heading(c.t["stage_meanings"], 3), BulletList(items)] if items else []


def _score_row(c: _Context, label: str, s: Score, strong: bool = False) -> list[Content]:
    name: Inline = Strong(label) if strong else label
    if s.value is None:
        return [name, "—", c.t["not_scorable"], "", "—"]
    if not s.reportable:
        return [name, "—", c.t["not_reportable"].lower(), "", "—"]
    label = f"{c.num(s.value)} ({c.span(s.low, s.high)})"
    meter = Meter(_clip(s.value), _clip(s.low), _clip(s.high), label)
    return [name, c.num(s.value), c.span(s.low, s.high), meter, c.stage_name(s.stage)]


def _clip(value: float | None) -> float:
    """A score for a meter: within 0-100 (float noise at the ends removed)."""
    return 0.0 if value is None else min(100.0, max(0.0, value))


# --- indicators ----------------------------------------------------------------------------


def _indicator_rows(c: _Context, ids: Sequence[str]) -> list[list[Content]]:
    rows: list[list[Content]] = []
    for i in ids:
        indicator = c.rubric.indicator(i)
        s = c.report.indicators[i]
        assert s.value is not None
        stage = c.rubric.stage_for(s.value)
        described = indicator.descriptors.get(stage.id, stage.description)
        rows.append(
            [
                indicator.statement,
                c.rubric.dimension(indicator.dimension).name,
                c.num(s.value),
                c.span(s.low, s.high),
                (Strong(stage.name), ": ", described),
            ]
        )
    return rows


def _indicators(c: _Context) -> Section | None:
    t = c.t
    scored = [(s.value, i) for i, s in c.report.indicators.items() if _shown(s)]
    if not scored:
        return None
    ranked = [i for _, i in sorted(scored, key=lambda p: (-(p[0] or 0.0), p[1]))]
    top = min(TOP, len(ranked) // 2) or 1
    header = (t["indicator"], t["dimension"], t["score"], t["range"].capitalize(), t["describes"])
    align: tuple[Align, ...] = ("left", "left", "right", "right", "left")
    blocks: list[Block] = [
        Paragraph(t["strong_weak_intro"]),
        Heading(t["strongest"], 3),
        Table(header, _indicator_rows(c, ranked[:top]), align=align),
        Heading(t["weakest"], 3),
        Table(header, _indicator_rows(c, ranked[::-1][:top]), align=align),
        *c.figure("indicators", c.report, t["chart_indicators"], t["chart_indicators_alt"]),
    ]
    return Section(Heading(t["indicators"], 2, anchor="indicators"), blocks)


# --- comparison and norms ------------------------------------------------------------------


def _comparison(c: _Context, comparison: Comparison) -> Section:
    t = c.t
    intro = t["comparison_intro"].format(
        first=comparison.first,
        second=comparison.second,
        n_first=comparison.n_first,
        n_second=comparison.n_second,
    )
    rows: list[list[Content]] = []
    contrasts = [(c.rubric.dimension(d).name, x) for d, x in comparison.dimensions.items()]
    for label, x in [*contrasts, (t["overall"], comparison.overall)]:
        if x.difference is None:
            verdict: Content = Emphasis(x.reason or "—")
        else:
            clear = x.low is not None and x.high is not None and (x.low > 0 or x.high < 0)
            verdict = Strong(t["clear_change"]) if clear else t["no_clear_change"]
        rows.append(
            [
                label,
                c.num(x.first),
                c.num(x.second),
                c.num(x.difference, "+.1f"),
                c.span(x.low, x.high, "+.1f"),
                verdict,
            ]
        )
    header = (t["dimension"], t["previous"], t["now"], t["change"], t["change_range"], "")
    blocks: list[Block] = [
        Paragraph(intro),
        Table(header, rows, align=("left", "right", "right", "right", "right", "left")),
        Paragraph(
            Emphasis(
                t["clear_note"]
                + " "
                + t["comparison_method"].format(
                    method=comparison.method, confidence=c.level(comparison.interval.confidence)
                )
            )
        ),
        *c.figure("comparison", comparison, t["chart_comparison"], t["chart_comparison_alt"]),
    ]
    blocks += _notice_notes(c, comparison.notices, warning_title=t["comparison"])
    return Section(Heading(t["comparison"], 2, anchor="comparison"), blocks)


def _benchmark(c: _Context, benchmark: Benchmark) -> Section:
    t = c.t
    blocks: list[Block] = []
    if benchmark.synthetic:
        blocks.append(
            Note("warning", t["synthetic_norms"], (Paragraph(t["synthetic_norms_text"]),))
        )
    blocks.append(
        Paragraph(
            t["benchmark_intro"].format(
                title=benchmark.norm_title,
                organizations=benchmark.norm_organizations,
                source=benchmark.norm_source,
                date=benchmark.norm_date,
            )
        )
    )
    rows: list[list[Content]] = []
    standings = [(c.rubric.dimension(d).name, s) for d, s in benchmark.dimensions.items()]
    for label, s in [*standings, (t["overall"], benchmark.overall)]:
        rank = s.rank_text
        rows.append(
            [
                label,
                c.num(s.value),
                rank if rank is not None else Emphasis(s.reason or "—"),
                c.span(s.percentile_low, s.percentile_high, ".0f"),
                "—" if s.band is None else t[s.band],
            ]
        )
    header = (t["dimension"], t["score"], t["percentile"], t["percentile_range"], t["band"])
    blocks.append(Table(header, rows, align=("left", "right", "right", "right", "left")))
    blocks.extend(c.figure("benchmark", benchmark, t["chart_benchmark"], t["chart_benchmark_alt"]))
    blocks += _notice_notes(
        c,
        [n for n in benchmark.notices if n.code != "synthetic_norms"],
        warning_title=t["benchmark"],
    )
    return Section(Heading(t["benchmark"], 2, anchor="benchmark"), blocks)


# --- groups and the gap --------------------------------------------------------------------


def _groups(c: _Context) -> Section | None:
    report, t = c.report, c.t
    groups = report.groups
    gap = report.perception_gap
    if groups is None and gap is None:
        return None
    blocks: list[Block] = []
    if groups is not None:
        blocks.append(
            Paragraph(t["groups_intro"].format(column=groups.column, minimum=groups.min_group_size))
        )
        rows: list[list[Content]] = []
        for value, g in groups.groups.items():
            if g.suppressed or g.overall is None:
                why = t["suppressed_why"].format(minimum=groups.min_group_size)
                rows.append([value, str(g.n_respondents), "—", Emphasis(why), "—"])
            else:
                s = g.overall
                rows.append(
                    [
                        value,
                        str(g.n_respondents),
                        c.num(s.value),
                        c.span(s.low, s.high),
                        c.stage_name(g.stage),
                    ]
                )
        header = (t["group"], t["respondents"], t["score"], t["range"].capitalize(), t["stage"])
        blocks.append(Table(header, rows, align=("left", "right", "right", "right", "left")))
        blocks.extend(
            c.figure(
                "groups",
                groups,
                t["chart_groups"].format(column=groups.column),
                t["chart_groups_alt"],
            )
        )
    if gap is not None:
        blocks.append(_gap(c))
    return Section(Heading(t["groups"], 2, anchor="groups"), blocks)


def _gap(c: _Context) -> Section:
    t = c.t
    gap = c.report.perception_gap
    assert gap is not None
    first, second = gap.groups
    blocks: list[Block] = []
    if gap.suppressed:
        blocks.append(Paragraph(Emphasis(t["gap_suppressed"].format(reason=gap.reason or ""))))
        return Section(Heading(t["gap"], 3), blocks)
    blocks.append(
        Paragraph(
            t["gap_intro"].format(
                first=first, second=second, n_first=gap.n_first, n_second=gap.n_second
            )
        )
    )
    rows: list[list[Content]] = []
    pairs = [(c.rubric.dimension(d).name, g) for d, g in gap.dimensions.items()]
    for label, g in [*pairs, (t["overall"], gap.overall)]:
        if g is None:
            continue
        verdict: Content = Strong(t["clear_change"]) if g.excludes_zero else t["no_clear_change"]
        if g.difference is None:
            verdict = Emphasis(g.reason or "—")
        rows.append(
            [
                label,
                c.num(g.first),
                c.num(g.second),
                c.num(g.difference, "+.1f"),
                c.span(g.low, g.high, "+.1f"),
                verdict,
            ]
        )
    header = (t["dimension"], first, second, t["gap_column"], t["range"].capitalize(), "")
    blocks.append(Table(header, rows, align=("left", "right", "right", "right", "right", "left")))
    blocks.extend(c.figure("gap", gap, t["chart_gap"], t["chart_gap_alt"]))
    findings: list[Content] = []
    for label, g in [(t["overall"], gap.overall), *pairs]:
        if g is None or g.difference is None or not g.excludes_zero:
            continue
        findings.append(
            t["gap_finding"].format(
                subject=label,
                first=first,
                second=second,
                size=c.num(abs(g.difference)),
                direction=t["higher"] if g.difference > 0 else t["lower"],
                confidence=c.level(gap.interval.confidence),
                range=c.span(g.low, g.high, "+.1f"),
            )
        )
    if findings:
        blocks.append(Note("finding", t["finding"], (BulletList(findings),)))
    return Section(Heading(t["gap"], 3), blocks)


# --- agreement, reliability, quality, warnings ---------------------------------------------


def _evidence(c: _Context) -> Section | None:
    report, t = c.report, c.t
    agreement, reliability = report.agreement, report.reliability
    if agreement is None and reliability is None:
        return None
    options = agreement.options if agreement is not None else AgreementOptions()
    # the rwg-type index the warnings read (r*wg(j) unless rwg(j) was asked for), and AD;
    # when the warnings read AD (or agreement was not run) ``options.cutoff`` is not
    # r*wg(j)'s, so r*wg(j) is shown with its own default cut-off
    index = options.index if options.index != "ad" else DEFAULT_INDEX
    cutoff = (
        options.cutoff
        if agreement is not None and options.index == index
        else AGREEMENT_CUTOFFS[index]
    )
    rows: list[list[Content]] = []
    # a cut-off of one's own holds for every dimension, also one whose AD is undefined
    ad_cutoffs: set[float] = set() if options.ad_cutoff is None else {options.ad_cutoff}
    for dim in c.rubric.dimensions:
        rwg = ad = alpha = low = high = omega = None
        if agreement is not None:
            a = agreement.dimensions[dim.id]
            rwg, ad = a.index(index), a.ad
            ad_cutoffs.update([round(a.ad_cutoff, 9)] if a.ad_cutoff is not None else [])
        if reliability is not None and dim.id in reliability.dimensions:
            r = reliability.dimensions[dim.id]
            alpha, low, high, omega = r.alpha_raw, r.alpha_low, r.alpha_high, r.omega_total
        rows.append(
            [
                dim.name,
                c.num(rwg, ".2f"),
                c.num(ad, ".2f"),
                c.num(alpha, ".2f"),
                c.span(low, high, ".2f"),
                c.num(omega, ".2f"),
            ]
        )
    label = INDEX_LABELS[index]
    ad_rule = (
        t["ad_rule"].format(cutoff=c.num(next(iter(ad_cutoffs)), ".2f"))
        if len(ad_cutoffs) == 1
        else t["ad_rule_scales"]
    )
    intro = t["agreement_intro"].format(
        index=label, span=t[f"span_{index}"], cutoff=c.num(cutoff, ".2f"), ad_rule=ad_rule
    )
    header = (
        t["dimension"],
        t["agreement_column"].format(index=label),
        t["ad_column"],
        t["alpha"],
        t["alpha_range"],
        t["omega"],
    )
    blocks: list[Block] = [
        Paragraph(intro),
        Table(header, rows, align=("left", "right", "right", "right", "right", "right")),
    ]
    return Section(Heading(t["evidence"], 2, anchor="evidence"), blocks)


def _quality(c: _Context) -> Paragraph:
    t, q = c.t, c.report.quality
    if q is None:
        return Paragraph(t["quality_off"])
    if q.n_flagged == 0:
        return Paragraph(t["quality_none"])
    fate = t["quality_excluded"] if q.n_excluded else t["quality_kept"]
    return Paragraph(
        t["quality_flagged"].format(
            flagged=q.n_flagged,
            n=q.n_respondents,
            straight=q.n_straightlining,
            acquiescent=q.n_acquiescent if q.acquiescence_estimable else "—",
            fate=fate,
        )
    )


def _notice_notes(
    c: _Context, notices: Sequence[Notice], warning_title: str | None = None
) -> list[Block]:
    """Notices grouped by kind, one warning box per kind (perception-gap findings left out:
    they are shown with the gap)."""
    by_kind: dict[str, list[str]] = {}
    for n in notices:
        if n.code == "perception_gap":
            continue
        kind = KINDS.get(n.code, "other")
        by_kind.setdefault(kind, []).append(n.message)
    notes: list[Block] = []
    for kind in KIND_ORDER:
        if kind in by_kind:
            title = warning_title if warning_title is not None else c.t[f"kind_{kind}"]
            notes.append(Note("warning", title, (BulletList(by_kind[kind]),)))
    return notes


def _warnings(c: _Context) -> Section:
    t = c.t
    blocks: list[Block] = [Heading(t["quality"], 3), _quality(c)]
    notes = _notice_notes(c, c.report.notices)
    blocks += [Heading(t["notices"], 3)]
    blocks += [Paragraph(t["warnings_intro"]), *notes] if notes else [Paragraph(t["no_warnings"])]
    return Section(Heading(t["warnings"], 2, anchor="warnings"), blocks)


def _method(c: _Context) -> Section:
    report, t = c.report, c.t
    info, options = report.interval, report.options
    blocks: list[Block] = [
        Paragraph(
            t["method_text"].format(
                confidence=c.level(info.confidence),
                kind=info.kind,
                method=info.method,
                resamples=info.n_resamples,
                seed=info.seed,
            )
        ),
        Paragraph(
            t["reportability_text"].format(
                minimum=options.min_reporting_size,
                override=t["override"] if options.allow_small else "",
            )
        ),
    ]
    design = report.design
    if design is not None and design.headcount is not None and design.response_rate is not None:
        rate = t["response_rate"].format(
            n=design.respondents, headcount=design.headcount, rate=percent(design.response_rate)
        )
        blocks.append(Paragraph(t["design_text"].format(text=rate)))
    if c.charts_missing:
        blocks.append(Paragraph(Emphasis(t["charts_missing"])))
    return Section(Heading(t["method"], 2, anchor="method"), blocks)


# --- next steps ----------------------------------------------------------------------------


def _step(c: _Context, step: Step) -> Section:
    t = c.t
    rec = step.recommendation
    flags = [t["phase"].format(phase=step.phase)]
    if step.status != "triggered":
        flags.append(t["prerequisite"])
    elif step.uncertain:
        flags.append(t["uncertain"])
    blocks: list[Block] = [
        Paragraph(Emphasis(" · ".join(flags))),
        Paragraph((Strong(f"{t['do']}:"), " ", rec.action)),
        Paragraph((Strong(f"{t['why']}:"), " ", rec.rationale)),
    ]
    evidence = [e.text for e in step.evidence if e.holds or e.holds is None]
    if step.status == "triggered" and evidence:
        blocks.append(Paragraph((Strong(f"{t['because']}:"), " ", "; ".join(evidence))))
    if rec.requires:
        titles = {r.id: r.title for r in c.rubric.recommendations}
        required = ", ".join(titles.get(r, r) for r in rec.requires)
        blocks.append(Paragraph((Strong(f"{t['requires']}:"), " ", required)))
    return Section(Heading(f"{step.rank}. {rec.title}", 3), blocks)


def _target_text(c: _Context, result: RecommendationResult) -> str:
    """The target the steps are ranked toward: the default rule in the report's language;
    a profile of the user's own as the profile describes it."""
    profile = result.targets.profile
    return c.t["target_next"] if profile.is_default else profile.describe()


def _next_steps(c: _Context, result: RecommendationResult) -> Section:
    t = c.t
    blocks: list[Block] = [Paragraph(t["next_steps_intro"].format(target=_target_text(c, result)))]
    if not result.steps:
        blocks.append(Paragraph(t["no_steps"]))
    blocks += [_step(c, step) for step in result.steps[:DETAILED]]
    rest = result.steps[DETAILED:]
    if rest:
        later: list[Content] = [
            (
                f"{s.rank}. ",
                Strong(s.recommendation.title),
                " · " + t["phase"].format(phase=s.phase),
            )
            for s in rest
        ]
        blocks += [Heading(t["later_steps"], 3), BulletList(later)]
    if result.omitted:
        blocks.append(Paragraph(Emphasis(t["more_steps"].format(n=result.omitted))))
    if result.borderline:
        titles = ", ".join(u.recommendation.title for u in result.borderline)
        blocks.append(Paragraph(Emphasis(t["borderline"].format(items=titles))))
    if result.not_evaluable:
        titles = ", ".join(u.recommendation.title for u in result.not_evaluable)
        blocks.append(Paragraph(Emphasis(t["not_evaluable"].format(items=titles))))
    return Section(Heading(t["next_steps"], 2, anchor="next-steps"), blocks)


# --- the document --------------------------------------------------------------------------


def report_document(
    rubric: Rubric,
    report: Report,
    *,
    comparison: Comparison | None = None,
    benchmark: Benchmark | None = None,
    recommendations: RecommendationResult | None = None,
    draw: Draw | None = None,
    date: str | None = None,
) -> Document:
    """One organization's report as a document in ``rubric.language``: the sections with
    results present (groups, gap, agreement, reliability, comparison, norms and next steps
    only when given or attached)."""
    c = _Context(rubric, report, draw)
    t = c.t
    key = (
        f"{report.rubric_key}, {rubric.language}"
        if len(rubric.languages) > 1
        else report.rubric_key
    )
    sections: list[Section | None] = [_summary(c)]
    if report.reportable:
        sections += [_dimensions(c), _indicators(c)]
        if comparison is not None:
            sections.append(_comparison(c, comparison))
        if benchmark is not None:
            sections.append(_benchmark(c, benchmark))
        sections += [_groups(c), _evidence(c)]
    sections.append(_warnings(c))
    if report.reportable and recommendations is not None:
        sections.append(_next_steps(c, recommendations))
    sections.append(_method(c))
    subtitle = (t["subtitle"] if date else t["subtitle_no_date"]).format(
        n=report.n_respondents, rubric=key, date=date
    )
    fingerprint = (report.rubric_fingerprint or "—")[:19]
    return Document(
        title=t["report_title"].format(organization=report.organization),
        subtitle=subtitle,
        blocks=[s for s in sections if s is not None],
        language=rubric.language,
        footer=t["footer"].format(version=__version__, rubric=key, fingerprint=fingerprint),
    )
