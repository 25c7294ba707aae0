"""Groups within an organization and the perception gap between two of them.

:func:`group_scores` scores every group of a metadata column (``team``, ``role``, ...)
inside each organization with the scorer's own machinery, suppressing groups too small
to stay anonymous; :func:`perception_gap` compares two groups (managers and employees by
default) indicator by indicator with a stratified respondent bootstrap of the difference.
See ``docs/groups.md`` for the formulas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import evolve

from .._hints import did_you_mean
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import IntervalInfo, Score, ScoringOptions, ScreenMode
from .._results.groups import (
    GAP_METHOD,
    MISSING_GROUP,
    Gap,
    GroupBreakdown,
    GroupScore,
    OrganizationGap,
    OrganizationGroups,
    PerceptionGap,
    group_key,
)
from .._results.quality import ResponseQuality
from .._results.report import Report
from ..exceptions import ScoringError
from .aggregate import Float
from .bootstrap import organization_rng
from .gap_interval import GroupDraws, difference_bounds, group_draws
from .gap_notices import few_in_group_message
from .options import (
    GAP_AUTO_SMALL,
    MIN_REPORTING_SIZE,
    count_error,
    flag_error,
    make_survey_options,
    resolve_interval,
)
from .prepared import Prepared, Rows, check_types, prepare
from .quality import quality_notices
from .quality import screen as screen_responses
from .scoring import score_rows

# --------------------------------------------------------------------------- helpers


def _hint(word: str, choices: Sequence[str] | Mapping[str, Any]) -> str:
    hint = did_you_mean(word, choices)
    return f" ({hint})" if hint else ""


def _group_column(responses: Responses, by: object) -> npt.NDArray[np.object_]:
    """The group value of every row (blank -> ``MISSING_GROUP``)."""
    if not isinstance(by, str):
        raise ScoringError(f"by: {by!r} is not a column name")
    if by not in responses.metadata:
        available = sorted(responses.metadata)
        listing = ", ".join(repr(c) for c in available) if available else "none"
        note = ""
        if by in ("organization", "respondent_id"):
            note = "; groups are formed within each organization from a metadata column"
        raise ScoringError(
            f"responses have no metadata column {by!r}{_hint(by, available)}; "
            f"available columns: {listing}{note}"
        )
    values = [MISSING_GROUP if v is None else v for v in responses.metadata[by]]
    return np.array(values, dtype=object)


def _members(column: npt.NDArray[np.object_], rows: Rows) -> dict[str, Rows]:
    """Group value -> rows (kept in respondent-id order), values sorted, missing last."""
    values = column[rows]
    keys = sorted(set(values.tolist()), key=lambda v: (v == MISSING_GROUP, v))
    return {k: rows[values == k] for k in keys}


def _suppression(sizes: Mapping[str, int], k: int, complementary: bool) -> dict[str, str]:
    """Group value -> reason, for every group to suppress."""
    primary = [v for v, n in sizes.items() if n < k]
    reasons = {
        v: f"{sizes[v]} respondent(s), fewer than the minimum group size of {k}: "
        "scores withheld to protect anonymity"
        for v in primary
    }
    if not complementary or not primary or len(primary) == len(sizes):
        return reasons
    total = sum(sizes[v] for v in primary)
    shown = sorted((n, v) for v, n in sizes.items() if n >= k)
    names = ", ".join(repr(v) for v in primary)
    while total < k and shown:
        n, v = shown.pop(0)
        reasons[v] = (
            f"{n} respondents, but withheld as well (complementary suppression): otherwise "
            f"the scores of {names} could be worked out from the organization's total"
        )
        total += n
    return reasons


def _group_options(
    confidence: object,
    n_resamples: object,
    seed: object,
    interval: object,
    min_group_size: object,
    what: str,
    complementary: object = True,
    screen: object = "flag",
) -> ScoringOptions:
    """The validated options of :func:`group_scores` / :func:`perception_gap` (the shared
    home of :func:`lomaturity.score`'s options; no survey design: see docs/groups.md)."""
    return make_survey_options(
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval=interval,
        screen=screen,
        what=what,
        extra=[
            count_error("min_group_size", min_group_size),
            flag_error("complementary", complementary),
        ],
    )[0]


def _screened(
    rubric: Rubric, responses: Responses, options: ScoringOptions
) -> tuple[Prepared, ResponseQuality | None]:
    """The responses prepared and screened as :func:`lomaturity.score` screens them."""
    return screen_responses(prepare(rubric, responses), options)


def _quality_notices(
    entries: Mapping[str, OrganizationGroups] | Mapping[str, OrganizationGap],
    quality: ResponseQuality | None,
) -> dict[str, Any]:
    """Each organization's entry (:class:`OrganizationGroups` or :class:`OrganizationGap`)
    with its ``response_quality`` notices added."""
    out: dict[str, Any] = dict(entries)
    if quality is None:
        return out
    for name, entry in entries.items():
        found = quality_notices(quality.for_organization(name))
        out[name] = evolve(entry, notices=(*entry.notices, *found))
    return out


# --------------------------------------------------------------------------- group scores


def group_scores(
    rubric: Rubric,
    responses: Responses,
    by: str = "team",
    *,
    min_group_size: int = MIN_REPORTING_SIZE,
    organization: str | None = None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: str = "auto",
    complementary: bool = True,
    screen: ScreenMode = "flag",
) -> GroupBreakdown:
    """Scores of the groups of a metadata column within each organization.

    Each group is scored exactly as :func:`lomaturity.score` scores an organization
    (indicator, dimension and overall scores with respondent-bootstrap ranges); its
    bootstrap stream is seeded by :func:`group_key`. Respondents with a blank value form
    the group ``MISSING_GROUP``.

    Groups with fewer than ``min_group_size`` respondents are *suppressed*: the result
    holds their respondent count and the reason, no scores. With ``complementary`` (the
    default), when the suppressed groups of an organization hold fewer than
    ``min_group_size`` respondents together, the smallest shown groups are suppressed too
    until they do, so the small groups' scores cannot be derived from the organization's
    total minus the shown groups.

    Args:
        by: the metadata column (``"team"``, ``"role"``, ...).
        min_group_size: the anonymity threshold, >= 1; by default the minimum reporting
            size of organizations (:data:`MIN_REPORTING_SIZE`): one rule for both. A shown
            group below ``min_reporting_size`` (only with a smaller ``min_group_size``) has
            its scores marked not reportable, as an organization's would be.
        organization: only this organization (default: all).
        confidence, n_resamples, seed, interval: as in :func:`lomaturity.score`; with
            ``interval="auto"`` (the default) each group's ranges are chosen by the group's
            own respondent count, as an organization's are.
        complementary: also suppress groups whose scores would reveal suppressed ones.
        screen: response-quality screening before grouping, as for :func:`lomaturity.score`
            (``"flag"``, default: counted in ``result.quality`` and each organization's
            notices; ``"exclude"``: flagged respondents leave every group; ``"off"``).
            Group sizes, and so suppression, count the respondents kept.

    Raises:
        TypeError: ``rubric`` or ``responses`` of the wrong type.
        ScoringError: unknown column, bad options, responses that do not fit the rubric.
        UnknownOrganizationError: an ``organization`` the responses do not hold.
    """
    check_types(rubric, responses)
    options = _group_options(
        confidence, n_resamples, seed, interval, min_group_size, "group", complementary, screen
    )
    prepared, quality = _screened(rubric, responses, options)
    result = group_scores_of(
        prepared,
        options,
        by,
        min_group_size=int(min_group_size),
        organization=organization,
        complementary=complementary,
    )
    entries = _quality_notices(result.organizations, quality)
    return evolve(result, organizations=entries, quality=_selected(quality, entries))


def group_scores_of(
    prepared: Prepared,
    options: ScoringOptions,
    by: str,
    *,
    min_group_size: int,
    organization: str | None = None,
    complementary: bool = True,
) -> GroupBreakdown:
    """The computation of :func:`group_scores` on prepared responses and validated options."""
    column = _group_column(prepared.responses, by)
    out = {
        org: _organization_groups(
            prepared,
            options,
            org,
            by,
            _members(column, prepared.rows[org]),
            min_group_size,
            complementary,
        )
        for org in prepared.select(organization)
    }
    return GroupBreakdown(
        rubric_key=prepared.rubric.key,
        column=by,
        min_group_size=min_group_size,
        options=options,
        organizations=out,
    )


def _group_score(value: str, report: Report) -> GroupScore:
    return GroupScore(
        value=value,
        n_respondents=report.n_respondents,
        overall=report.overall,
        dimensions=report.dimensions,
        indicators=report.indicators,
        stage=None if report.stage is None else report.stage.id,
        notices=report.notices,
    )


def _organization_groups(
    prepared: Prepared,
    options: ScoringOptions,
    org: str,
    column: str,
    members: dict[str, Rows],
    k: int,
    complementary: bool,
) -> OrganizationGroups:
    """The groups of one organization, small ones suppressed."""
    reasons = _suppression({v: len(r) for v, r in members.items()}, k, complementary)
    groups: dict[str, GroupScore] = {}
    reports: list[Report] = []
    for value, rows in members.items():
        if value in reasons:
            groups[value] = GroupScore(value, len(rows), suppressed=True, reason=reasons[value])
            continue
        report = score_rows(prepared, rows, group_key(org, column, value), options)
        reports.append(report)
        groups[value] = _group_score(value, report)
    notices = tuple(
        Notice("group_suppressed", f"{column} {value!r}: {reasons[value]}", value)
        for value in members
        if value in reasons
    )
    return OrganizationGroups(
        organization=org,
        column=column,
        min_group_size=k,
        n_respondents=sum(len(r) for r in members.values()),
        groups=groups,
        interval=IntervalInfo(
            method=" / ".join(sorted({r.interval.method for r in reports}))
            or "respondent-bootstrap",
            kind=" / ".join(sorted({r.interval.kind for r in reports})) or options.interval,
            confidence=options.confidence,
            n_resamples=options.n_resamples,
            seed=options.seed,
        ),
        notices=notices,
    )


# --------------------------------------------------------------------------- perception gap


def _check_groups(groups: object, column: npt.NDArray[np.object_], by: str) -> tuple[str, str]:
    if (
        isinstance(groups, str)
        or not isinstance(groups, Sequence)
        or len(groups) != 2
        or not all(isinstance(g, str) for g in groups)
    ):
        raise ScoringError(f"groups: {groups!r} is not a pair of group values")
    first, second = str(groups[0]), str(groups[1])
    if first == second:
        raise ScoringError(f"groups: {groups!r} names the same group twice")
    present = sorted(set(column.tolist()))
    for g in (first, second):
        if g not in present:
            raise ScoringError(
                f"column {by!r} has no value {g!r}{_hint(g, present)}; values: "
                + ", ".join(repr(v) for v in present)
            )
    return first, second


def _values(scores: Mapping[str, Score]) -> Float:
    return np.array([np.nan if s.value is None else s.value for s in scores.values()])


def _gaps(
    first: Mapping[str, Score],
    second: Mapping[str, Score],
    bounds: tuple[Float, Float, Float],
    names: tuple[str, str],
) -> dict[str, Gap]:
    """Gap records of one level from the kernel's ``(point, low, high)`` columns."""
    point, low, high = bounds
    out: dict[str, Gap] = {}
    for j, key in enumerate(first):
        sa, sb = first[key], second[key]
        ok = sa.value is not None and sb.value is not None and not np.isnan(low[j])
        reason = None
        if not ok:
            missing = [(n, s) for n, s in zip(names, (sa, sb), strict=True) if s.value is None]
            reason = (
                "; ".join(f"{n}: {s.reason or 'not scorable'}" for n, s in missing)
                or "no bootstrap resample had answers from both groups"
            )
        out[key] = Gap(
            id=key,
            difference=float(point[j]) if ok else None,
            low=float(low[j]) if ok else None,
            high=float(high[j]) if ok else None,
            first=sa.value,
            second=sb.value,
            n_first=sa.n_respondents,
            n_second=sb.n_respondents,
            excludes_zero=bool(ok and (low[j] > 0 or high[j] < 0)),
            reason=reason,
        )
    return out


def _gap_notice(
    gap: Gap, column: str, names: tuple[str, str], confidence: float, subject: str
) -> Notice:
    assert gap.difference is not None
    assert gap.low is not None
    assert gap.high is not None
    where = "overall" if subject == "overall" else f"on {subject}"
    direction = "higher" if gap.difference > 0 else "lower"
    return Notice(
        "perception_gap",
        f"{column} {names[0]!r} rates {where} {abs(gap.difference):.1f} points {direction} "
        f"than {column} {names[1]!r} ({confidence * 100:g}% range of the difference "
        f"{gap.low:+.1f} to {gap.high:+.1f})",
        subject,
    )


def perception_gap(
    rubric: Rubric,
    responses: Responses,
    *,
    by: str = "role",
    groups: Sequence[str] = ("manager", "employee"),
    min_group_size: int = MIN_REPORTING_SIZE,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    organization: str | None = None,
    complementary: bool = True,
    interval: str = "auto",
    screen: ScreenMode = "flag",
) -> PerceptionGap:
    """How two groups of an organization rate the same indicators: first minus second.

    Per organization, for every indicator, dimension and the overall score: each group's
    score (as :func:`group_scores` computes it), their difference on 0-100 and a range for
    the difference from a *stratified* respondent bootstrap (respondents resampled with
    replacement within each group, independently), and whether the range excludes 0.

    ``interval``: ``"auto"`` (default) picks the kind by the *smaller* group's respondent
    count with the rule of :func:`lomaturity.score` (studentized difference below 20,
    two-sample expanded percentile from 20: measured in docs/groups.md); ``"percentile"``,
    ``"expanded"``, ``"studentized"`` or ``"bca"`` ask for one kind. Below the group size
    where the kind held its level in the coverage study, a ``few_in_group`` notice quotes
    the coverage measured there.
    Resampling is seeded per group by :func:`group_key` over rows ordered by respondent id,
    so the result depends on the seed and the data, not on the row order.

    The gap is suppressed (counts and reason shown, no scores) when either group has fewer
    than ``max(min_group_size, 2)`` respondents, or when :func:`group_scores` with the same
    ``min_group_size`` and ``complementary`` would withhold either group (the two groups'
    scores plus the organization's total would reveal a small third group, e.g. a few
    respondents with a blank role).

    ``screen``: response-quality screening before grouping, as for :func:`group_scores`
    (``"flag"``, default; ``"exclude"``; ``"off"``).

    Raises:
        TypeError: ``rubric`` or ``responses`` of the wrong type.
        ScoringError: unknown column or group value, bad options, responses that do not
            fit the rubric.
        UnknownOrganizationError: an ``organization`` the responses do not hold.
    """
    check_types(rubric, responses)
    options = _group_options(
        confidence, n_resamples, seed, interval, min_group_size, "gap", complementary, screen
    )
    prepared, quality = _screened(rubric, responses, options)
    result = perception_gap_of(
        prepared,
        options,
        by=by,
        groups=groups,
        min_group_size=int(min_group_size),
        organization=organization,
        complementary=complementary,
    )
    entries = _quality_notices(result.organizations, quality)
    return evolve(result, organizations=entries, quality=_selected(quality, entries))


def _selected(
    quality: ResponseQuality | None, names: Mapping[str, object]
) -> ResponseQuality | None:
    """``quality`` of the organizations in ``names`` only (those the result covers)."""
    if quality is None:
        return None
    return evolve(quality, organizations={n: quality.for_organization(n) for n in names})


def perception_gap_of(
    prepared: Prepared,
    options: ScoringOptions,
    *,
    by: str = "role",
    groups: Sequence[str] = ("manager", "employee"),
    min_group_size: int = MIN_REPORTING_SIZE,
    organization: str | None = None,
    complementary: bool = True,
) -> PerceptionGap:
    """The computation of :func:`perception_gap` on prepared responses and validated
    options (``options.interval`` picks the kind of the gap ranges)."""
    column = _group_column(prepared.responses, by)
    names = _check_groups(groups, column, by)
    info = IntervalInfo(
        method=GAP_METHOD,
        kind=options.interval,
        confidence=options.confidence,
        n_resamples=options.n_resamples,
        seed=options.seed,
    )
    out: dict[str, OrganizationGap] = {}
    for org in prepared.select(organization):
        members = _members(column, prepared.rows[org])
        empty = np.array([], dtype=np.intp)
        rows = (members.get(names[0], empty), members.get(names[1], empty))
        reason = _withheld(members, names, min_group_size, complementary)
        base = OrganizationGap(
            organization=org,
            column=by,
            groups=names,
            n_first=len(rows[0]),
            n_second=len(rows[1]),
            min_group_size=min_group_size,
            interval=info,
        )
        if reason is not None:
            notices = (Notice("perception_gap_suppressed", reason),)
            out[org] = evolve(base, suppressed=True, reason=reason, notices=notices)
        else:
            out[org] = _organization_gap(prepared, options, base, rows)
    return PerceptionGap(
        rubric_key=prepared.rubric.key,
        column=by,
        groups=names,
        min_group_size=min_group_size,
        options=options,
        organizations=out,
    )


def _withheld(
    members: dict[str, Rows], names: tuple[str, str], k: int, complementary: bool
) -> str | None:
    """Why the gap between ``names`` is withheld, or ``None``."""
    need = max(k, 2)
    sizes = [len(members.get(g, ())) for g in names]
    small = [f"{g!r} has {n} respondent(s)" for g, n in zip(names, sizes, strict=True) if n < need]
    if small:
        return (
            "; ".join(small)
            + f", fewer than the minimum group size of {need}: gap withheld"
            + (" to protect anonymity" if need == k else "")
        )
    # Both groups' scores are shown: withhold them whenever group_scores would.
    withheld = _suppression({v: len(r) for v, r in members.items()}, k, complementary)
    hidden = [f"{g!r}: {withheld[g]}" for g in names if g in withheld]
    return "gap withheld; " + "; ".join(hidden) if hidden else None


def _organization_gap(
    prepared: Prepared,
    options: ScoringOptions,
    base: OrganizationGap,
    rows: tuple[Rows, Rows],
) -> OrganizationGap:
    """The gap of one organization whose two groups are large enough to show."""
    names, column = base.groups, base.column
    keys = [group_key(base.organization, column, g) for g in names]
    reports = [score_rows(prepared, r, key, options) for r, key in zip(rows, keys, strict=True)]
    smaller = min(r.n_respondents for r in reports)
    kind = resolve_interval(options.interval, smaller, small=GAP_AUTO_SMALL)
    # Stratified bootstrap: each group resampled on its own stream, then differenced.
    first, second = (
        _group_draws(prepared, options, r, key, report, kind)
        for r, key, report in zip(rows, keys, reports, strict=True)
    )
    point, low, high = difference_bounds(first, second, kind, options.confidence)
    a, b = reports
    k, d = len(a.indicators), len(a.dimensions)
    parts = [slice(0, k), slice(k, k + d), slice(k + d, k + d + 1)]
    indicators, dimensions, overall_gaps = (
        _gaps(x, y, (point[p], low[p], high[p]), names)
        for x, y, p in zip(
            (a.indicators, a.dimensions, {"overall": a.overall}),
            (b.indicators, b.dimensions, {"overall": b.overall}),
            parts,
            strict=True,
        )
    )
    overall = overall_gaps["overall"]
    notices = [
        _gap_notice(g, column, names, options.confidence, s)
        for s, g in [("overall", overall), *dimensions.items()]
        if g.excludes_zero
    ]
    few = few_in_group_message(
        kind, options.confidence, reports[0].n_respondents, reports[1].n_respondents
    )
    if few is not None:
        notices.insert(0, Notice("few_in_group", few))
    small = _below_reporting_size(names, reports, options)
    if small is not None:
        notices.insert(0, Notice("not_reportable", small))
    return evolve(
        base,
        overall=overall,
        dimensions=dimensions,
        indicators=indicators,
        notices=tuple(notices),
        interval=evolve(base.interval, kind=kind),
    )


def _below_reporting_size(
    names: tuple[str, str], reports: Sequence[Report], options: ScoringOptions
) -> str | None:
    """The ``not_reportable`` text of a gap whose group is below the minimum reporting size
    (only reachable with a ``min_group_size`` below it; none with ``allow_small``)."""
    need = options.min_reporting_size
    small = [
        f"{g!r} has {r.n_respondents} respondent(s)"
        for g, r in zip(names, reports, strict=True)
        if r.n_respondents < need
    ]
    if options.allow_small or not small:
        return None
    return (
        "; ".join(small) + f", fewer than the minimum reporting size of {need} "
        "(min_reporting_size): the gap is not reportable (docs/groups.md)"
    )


def _group_draws(
    prepared: Prepared, options: ScoringOptions, rows: Rows, key: str, report: Report, kind: str
) -> GroupDraws:
    """Respondent-bootstrap replicates of one group, on the group's own stream."""
    dim_ok = np.array([s.value is not None for s in report.dimensions.values()])
    return group_draws(
        prepared.layout,
        prepared.scores[rows],
        organization_rng(int(options.seed or 0), key),
        options.n_resamples,
        dim_ok,
        kind,
    )
