"""The plain text of a :class:`~lomaturity.Report`: what ``Report.summary()`` returns and
the command line prints (``lomaturity score``), and the helpers the other plain-text
renderers share.

It lives with the records, not in ``_present/``, so that ``summary()`` on a record can
reach it without a layer importing upward; it reads a report through :class:`ReportText`,
a protocol, so that ``report.py`` can import this module (docs/architecture.md)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from .._format import MISSING, WIDTH, number, span, text_block, wrap
from .._model.notice import Notice
from .._model.rubric import Indicator, Rubric, Stage
from .._model.stage_rule import StageRule
from .._types import RUBRIC, expect
from ..exceptions import LomaturityError, ScoringError
from .agreement import DimensionAgreement, OrganizationAgreement
from .common import IntervalInfo, Score
from .design import SurveyDesign
from .groups import Gap, OrganizationGap, OrganizationGroups
from .quality import OrganizationQuality
from .reliability import ReliabilityResult
from .table_shapes import ReportLike


class ReportText(ReportLike, Protocol):
    """A :class:`~lomaturity.Report` as its text reads it."""

    @property
    def n_respondents(self) -> int: ...
    @property
    def stage(self) -> Stage | None: ...
    @property
    def stage_capped_by(self) -> tuple[str, ...]: ...
    @property
    def interval(self) -> IntervalInfo: ...
    @property
    def notices(self) -> tuple[Notice, ...]: ...
    @property
    def agreement(self) -> OrganizationAgreement | None: ...
    @property
    def icc(self) -> Mapping[str, DimensionAgreement]: ...
    @property
    def reliability(self) -> ReliabilityResult | None: ...
    @property
    def perception_gap(self) -> OrganizationGap | None: ...
    @property
    def groups(self) -> OrganizationGroups | None: ...
    @property
    def design(self) -> SurveyDesign | None: ...
    @property
    def quality(self) -> OrganizationQuality | None: ...


LABEL_WIDTH = 30
"""Dimension names longer than this are shortened in tables, so that every line fits
:data:`~lomaturity._format.WIDTH` columns."""


def _fmt(value: float | None) -> str:
    """A score in a table column: five characters wide."""
    return number(value, "5.1f", 5)


def _label(name: str) -> str:
    return name if len(name) <= LABEL_WIDTH else name[: LABEL_WIDTH - 1] + "…"


def _hang(text: str, indent: int = 2, hang: int = 4) -> list[str]:
    """``text`` wrapped to :data:`WIDTH`, continuation lines indented ``hang`` more."""
    return wrap(text, indent=" " * (indent + hang), first=" " * indent)


def _packed(parts: Sequence[str], indent: int, hang: int = 2) -> list[str]:
    """``parts`` joined by `` · ``, broken into lines of at most :data:`WIDTH` columns
    between parts (a part longer than a line is wrapped on its own)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} · {part}" if current else " " * indent + part
        if current and len(candidate) > WIDTH:
            lines.append(current)
            current = " " * (indent + hang) + part
        else:
            current = candidate
    if current:
        lines.append(current)
    out: list[str] = []
    for line in lines:
        if len(line) <= WIDTH:
            out.append(line)
        else:
            start = len(line) - len(line.lstrip())
            out += _hang(line.strip(), indent=start, hang=hang)
    return out


def _range_text(low: float | None, high: float | None) -> str:
    """A range in a table column: ``low – high``, each end five characters wide."""
    return span(low, high, "5.1f", sep=" – ", brackets=False)


def _row(label: str, s: Score, rubric: Rubric, width: int) -> str:
    if s.value is not None and not s.reportable:  # below the minimum reporting size
        withheld = "not reportable"
        return f"  {label:<{width}}  {MISSING:>5}  {withheld:<15}  {s.n_respondents:>5}  {MISSING}"
    rng = "not scorable" if s.value is None else _range_text(s.low, s.high)
    stage = MISSING
    if s.stage is not None:
        st = rubric.stage(s.stage)
        stage = f"{st.level} {st.name}"
        if s.stage_accuracy is not None:
            stage += f" ({accuracy_text(s.stage_accuracy)} right)"
    return f"  {label:<{width}}  {_fmt(s.value):>5}  {rng:<15}  {s.n_respondents:>5}  {stage}"


def accuracy_text(accuracy: float) -> str:
    """A measured stage accuracy (0-1) as a whole percentage rounded *down*, so that a
    measured 99.6 % never shows as 100 %."""
    return f"{math.floor(accuracy * 100.0 + 1e-9):d} %"


STAGE_ACCURACY_NOTE = (
    "right %: how often a stage shown with the same bootstrap support at this respondent "
    "count was the true stage in simulations (docs/stage-certainty.md)"
)
"""The footnote of a table that shows measured stage accuracies."""


def stage_rule_text(rule: StageRule) -> str:
    """What a rubric's stage rule does, in words (docs/scoring.md)."""
    if rule.kind == "weakest":
        if rule.allowance == 0:
            return "weakest: the overall stage is never above the lowest dimension stage"
        plural = "" if rule.allowance == 1 else "s"
        return (
            f"weakest: the overall stage is at most {rule.allowance} stage{plural} above the "
            "lowest dimension stage"
        )
    if rule.kind == "gated":
        floors = ", ".join(
            f"{stage} needs every dimension at {floor} or above"
            for stage, floor in rule.floors.items()
        )
        return f"gated: {floors}"
    return "compensatory: the overall stage is the band of the overall score"


def capped_text(report: ReportText, rubric: Rubric) -> str | None:
    """ "Overall stage capped at Emerging by strategy (Ad hoc) ..." when the rubric's stage
    rule capped the overall stage below the band of the overall score, else ``None``."""
    if not report.stage_capped_by or report.stage is None or report.overall.value is None:
        return None
    by = ", ".join(
        f"{d} ({rubric.stage(s).name})"
        for d in report.stage_capped_by
        if (s := report.dimensions[d].stage) is not None
    )
    band = rubric.stage_for(report.overall.value).name
    return (
        f"Overall stage capped at {report.stage.name} by {by}: the score alone is in "
        f"{band}, but the rubric's stage rule says {stage_rule_text(rubric.stage_rule)}."
    )


def descriptor_of(rubric: Rubric, indicator: Indicator, score: Score) -> tuple[str, str] | None:
    """The stage an indicator's score lies in and the rubric's descriptor of the indicator
    at that stage, or ``None`` (no score, or no descriptor for that stage)."""
    if score.value is None:
        return None
    stage = rubric.stage_for(score.value)
    text = indicator.descriptors.get(stage.id)
    return None if not text else (stage.name, text)


def _stage_descriptions(report: ReportText, rubric: Rubric, names: Mapping[str, str]) -> list[str]:
    """Each stage the dimensions are in, once, with its description and the dimensions in
    it (lowest stage first)."""
    staged: dict[str, list[str]] = {}
    for dim_id, s in report.dimensions.items():
        if s.stage is not None and s.reportable:  # nothing below the minimum reporting size
            staged.setdefault(s.stage, []).append(names[dim_id])
    lines: list[str] = []
    for stage in rubric.stages:
        if stage.id in staged:
            where = ", ".join(staged[stage.id])
            lines += _hang(f"{stage.level} {stage.name} ({where}): {stage.description}")
    return ["", "  What the stages mean:", *lines] if lines else []


def _warnings(notices: Sequence[Notice]) -> list[str]:
    """The findings (a perception gap: ``finding: ...``) first, then the warnings
    (``warning [code] subject: ...``)."""
    lines: list[str] = []
    for n in notices:
        if n.is_finding:
            lines += _hang(f"finding: {n.message}")
    for n in notices:
        if not n.is_finding:
            lines += _hang(f"warning [{n.code}] {n.subject}: {n.message}")
    return lines


def _design_lines(report: ReportText) -> list[str]:
    """The survey design in one line: response rate, correction, weights, clusters."""
    d = report.design
    if d is None:
        return []
    parts = []
    if d.headcount is not None and d.response_rate is not None:
        parts.append(f"{d.respondents} of {d.headcount} people responded ({d.response_rate:.0%})")
    if d.fpc is not None:
        parts.append(f"ranges finite-population corrected (x{d.fpc:.2f})")
    if d.weighted_by is not None:
        parts.append(f"weighted by {d.weighted_by} (effective n {d.effective_n:.1f})")
    if d.cluster is not None:
        parts.append(f"{d.n_clusters} {d.cluster} clusters resampled")
    if d.design_effect is not None:
        parts.append(f"design effect {d.design_effect:.2f}")
    return _hang("survey design: " + "; ".join(parts))


def _quality_lines(report: ReportText) -> list[str]:
    """One line on response quality (nothing when screening was off)."""
    q = report.quality
    if q is None:
        return []
    if q.n_flagged == 0:
        text = "response quality: no respondent flagged (straightlining"
        text += ", acquiescence)" if q.acquiescence_estimable else ")"
    else:
        kinds = f"{q.n_straightlining} straightlining"
        if q.acquiescence_estimable:
            kinds += f", {q.n_acquiescent} acquiescent"
        fate = "left out of the scores" if q.n_excluded else "kept in the scores"
        text = (
            f"response quality: {q.n_flagged} of {q.n_respondents} respondents flagged "
            f"({kinds}); {fate}"
        )
    if not q.acquiescence_estimable:
        text += "; acquiescence not estimable (the rubric lacks reverse-keyed or regular items)"
    return _hang(text)


def _wrapped(label: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    return wrap(text, indent=pad + " " * len(label), first=pad + label)


def rubric_for(
    key: str,
    given: Rubric | None,
    carried: Rubric | None,
    error: type[LomaturityError] = ScoringError,
) -> Rubric:
    """The rubric a ``summary()`` renders with: ``given`` (any language of it), else the
    one the result carries; ``error`` when there is neither or it is another rubric,
    :class:`TypeError` when ``given`` is not a rubric."""
    if given is not None:
        expect(given, Rubric, "rubric", RUBRIC)
    rubric = given if given is not None else carried
    if rubric is None:
        raise error(
            f"this result of {key} carries no rubric (it was built, not scored): "
            f"pass summary(rubric=...) with the rubric {key}"
        )
    if rubric.key != key:
        raise error(f"rubric {rubric.key} given for a result of {key}: pass the rubric {key}")
    return rubric


def identity(key: str, rubric: Rubric) -> str:
    """``key`` with the rubric's selected language when it has texts in several
    (``learning-organization@1.1.0, fi``): the language is part of what a report shows."""
    return f"{key}, {rubric.language}" if len(rubric.languages) > 1 else key


def render_report(report: ReportText, rubric: Rubric) -> str:
    """A readable table: dimension, score, range, respondents, stage; then notices."""
    info = report.interval
    title = f"{report.organization} — {rubric.title} ({identity(report.rubric_key, rubric)})"
    lines = _hang(title, indent=0)
    lines += _hang(
        f"{report.n_respondents} respondents; {info.confidence:.0%} ranges: {info.kind} "
        f"{info.method}, {info.n_resamples} resamples, seed {info.seed}"
    )
    lines += _design_lines(report)
    lines += _quality_lines(report)
    lines.append("")
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    width = max(len("Overall"), *(len(n) for n in names.values()))
    lines.append(f"  {'Dimension':<{width}}  {'Score':>5}  {'Range':<15}  {'n':>5}  Stage")
    for dim_id, s in report.dimensions.items():
        lines.append(_row(names[dim_id], s, rubric, width))
    lines.append(_row("Overall", report.overall, rubric, width))
    capped = capped_text(report, rubric)
    if capped is not None:
        lines += _hang(capped)
    shown = [report.overall, *report.dimensions.values()]
    if any(x.stage_accuracy is not None and x.reportable for x in shown if x.value is not None):
        lines += _hang(STAGE_ACCURACY_NOTE)
    for s in report.dimensions.values():
        if s.reason:
            lines += _hang(f"note: {names[s.id]}: {s.reason}")
    lines += _stage_descriptions(report, rubric, names)
    if report.notices:
        lines.append("")
        lines += _warnings(report.notices)
    return text_block(lines)


def report_text(report: ReportText, rubric: Rubric, details: bool = False) -> str:
    """The text of one report (``lomaturity score``): the table of scores and notices,
    then with ``details`` the evidence tables and each indicator's descriptor."""
    text = render_report(report, rubric)
    if details:
        text += "\n\n" + render_details(report, rubric)
    return text


def render_details(report: ReportText, rubric: Rubric) -> str:
    """Agreement, reliability, perception-gap and team tables attached to ``report``."""
    names = {d.id: _label(d.name) for d in rubric.dimensions}
    width = max(len(n) for n in names.values())
    lines: list[str] = []
    agreement = report.agreement
    reliability = report.reliability
    if agreement is not None or reliability is not None:
        head = "  Aggregation evidence"
        if agreement is not None:
            options = agreement.options
            cut = (
                f"AD cut-off {'c/6' if options.ad_cutoff is None else f'{options.ad_cutoff:.2f}'}"
                if options.index == "ad"
                else f"cut-off {options.cutoff:.2f}"
            )
            head += f" (warnings from {options.index_label}, {cut}; {options.null} null"
            head += "; ICC across the organizations scored together"
            head += ")" if reliability is None else "; reliability pooled over all respondents)"
        lines += _hang(head.strip())
        lines += [
            f"  {'Dimension':<{width}}  {'r*wg(j)':>7}  {'rwg(j)':>6}  {'AD':>4}  "
            f"{'ICC1':>5}  {'ICC2':>5}  "
            f"{'alpha':>5}  {'alpha range':<11}  {'omega':>5}",
        ]
        for dim_id, name in names.items():
            entry = agreement.dimensions[dim_id] if agreement is not None else None
            rwg, star, ad = (entry.value, entry.rwg_star, entry.ad) if entry else (None,) * 3
            dim_icc = report.icc.get(dim_id)
            alpha = low = high = omega = None
            if reliability is not None:
                rel = reliability.dimensions[dim_id]
                alpha, low, high, omega = (
                    rel.alpha_raw,
                    rel.alpha_low,
                    rel.alpha_high,
                    rel.omega_total,
                )
            alpha_range = span(low, high, ".2f", sep="–", brackets=False)
            icc1, icc2 = (dim_icc.icc1, dim_icc.icc2) if dim_icc is not None else (None, None)
            lines.append(
                f"  {name:<{width}}  {number(star, '.2f'):>7}  {number(rwg, '.2f'):>6}  "
                f"{number(ad, '.2f'):>4}  {number(icc1, '.2f'):>5}  "
                f"{number(icc2, '.2f'):>5}  {number(alpha, '.2f'):>5}  {alpha_range:<11}  "
                f"{number(omega, '.2f'):>5}"
            )
    if report.perception_gap is not None:
        lines += _gap_lines(report.perception_gap, names, width)
    if report.groups is not None:
        lines += _group_lines(report.groups, width)
    lines += _indicator_descriptors(report, rubric)
    return text_block(lines)


def _indicator_descriptors(report: ReportText, rubric: Rubric) -> list[str]:
    """Per dimension, each indicator's score and the rubric's descriptor of the indicator
    at the stage that score lies in."""
    lines: list[str] = []
    for dim in rubric.dimensions:
        rows: list[str] = []
        for indicator in rubric.indicators_of(dim.id):
            score = report.indicators[indicator.id]
            found = descriptor_of(rubric, indicator, score)
            if found is not None:
                stage, text = found
                rows += _hang(f"{indicator.id} {_fmt(score.value).strip()} ({stage}): {text}", 4)
        if rows:
            lines += ["", f"  {_label(dim.name)}: what each indicator's score describes", *rows]
    return lines


def _gap_lines(gap: OrganizationGap, names: Mapping[str, str], width: int) -> list[str]:
    first, second = gap.groups
    lines = [
        "",
        f"  Perception gap ({first} − {second}, {gap.column}; "
        f"n = {gap.n_first} / {gap.n_second}; {gap.interval.kind} ranges)",
    ]
    if gap.suppressed:
        return lines + _hang(f"suppressed: {gap.reason}")
    rows: list[tuple[str, Gap | None]] = [("Overall", gap.overall)]
    rows += [(names[k], g) for k, g in gap.dimensions.items()]
    for label, g in rows:
        if g is None or g.difference is None:
            lines.append(f"  {label:<{width}}  —")
            continue
        mark = "  *" if g.excludes_zero else ""
        lines.append(
            f"  {label:<{width}}  {g.difference:+6.1f}  {span(g.low, g.high, '+.1f')}{mark}"
        )
    lines.append("  * range excludes 0")
    return lines


def _group_lines(groups: OrganizationGroups, width: int) -> list[str]:
    lines = ["", f"  By {groups.column} (groups under {groups.min_group_size} suppressed)"]
    for value, grp in groups.groups.items():
        if grp.suppressed or grp.overall is None:
            lines += _wrapped(
                f"{value:<{width}}  n={grp.n_respondents:<4} ",
                f"suppressed: {grp.reason}",
                2,
            )
        else:
            lines.append(
                f"  {value:<{width}}  n={grp.n_respondents:<4} {_fmt(grp.overall.value)}  "
                f"[{_range_text(grp.overall.low, grp.overall.high)}]"
            )
    return lines
