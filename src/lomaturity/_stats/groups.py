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

from .._hints import did_you_mean, find_organization
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import IntervalInfo, Score, ScoringOptions
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
from .._results.report import Report
from ..exceptions import ScoringError
from .aggregate import Bool, Float, Layout, normalized
from .bootstrap import organization_rng, quantiles, respondent_bootstrap
from .options import make_options
from .prepared import check_compatible, organization_rows
from .scoring import _score_organization

# --------------------------------------------------------------------------- helpers


def _hint(word: str, choices: Sequence[str] | Mapping[str, Any]) -> str:
    hint = did_you_mean(word, choices)
    return f" ({hint})" if hint else ""


def _check_min_group_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScoringError(f"min_group_size: {value!r} is not an integer >= 1")
    return value


def _group_column(responses: Responses, by: object) -> tuple[str, ...]:
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
    return tuple(MISSING_GROUP if v is None else v for v in responses.metadata[by])


def _select_organizations(responses: Responses, organization: str | None) -> tuple[str, ...]:
    if organization is None:
        return responses.organization_ids
    if not isinstance(organization, str):
        raise ScoringError(f"organization: {organization!r} is not an organization name")
    return (find_organization(organization, responses.organization_ids, where="the responses"),)


class _Prepared:
    """Normalized answers in rubric order, plus row lookups by organization and group."""

    def __init__(self, rubric: Rubric, responses: Responses, by: object) -> None:
        check_compatible(rubric, responses)
        self.layout = Layout.of(rubric)
        self.scores: Float = normalized(self.layout, responses)
        na = responses.not_applicable
        if responses.indicator_ids != self.layout.indicator_ids:
            na = na[:, [responses.indicator_ids.index(i) for i in self.layout.indicator_ids]]
        self.na: Bool = na
        self.column = _group_column(responses, by)
        self._groups = np.array(self.column, dtype=object)
        self._rows = organization_rows(responses)

    def rows(self, organization: str) -> npt.NDArray[np.intp]:
        """The organization's rows, ordered by respondent id (as the scorer orders them)."""
        return self._rows[organization]

    def groups(self, rows: npt.NDArray[np.intp]) -> dict[str, npt.NDArray[np.intp]]:
        """Group value -> rows (kept in respondent-id order), values sorted, missing last."""
        values = self._groups[rows]
        keys = sorted(set(values.tolist()), key=lambda v: (v == MISSING_GROUP, v))
        return {k: rows[values == k] for k in keys}


def _report(
    rubric: Rubric,
    prepared: _Prepared,
    rows: npt.NDArray[np.intp],
    key: str,
    options: ScoringOptions,
) -> Report:
    return _score_organization(
        rubric, prepared.layout, prepared.scores[rows], prepared.na[rows], key, options
    )


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


# --------------------------------------------------------------------------- group scores


def group_scores(
    rubric: Rubric,
    responses: Responses,
    by: str = "team",
    *,
    min_group_size: int = 5,
    organization: str | None = None,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    interval: str = "percentile",
    complementary: bool = True,
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
        min_group_size: the anonymity threshold, >= 1.
        organization: only this organization (default: all).
        confidence, n_resamples, seed, interval: as in :func:`lomaturity.score`.
        complementary: also suppress groups whose scores would reveal suppressed ones.

    Raises:
        ScoringError: unknown column or organization, bad options, responses that do not
            fit the rubric.
    """
    k = _check_min_group_size(min_group_size)
    options = make_options(
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval=interval,
        min_respondents=3,
        min_indicator_share=0.5,
        min_dimension_share=1.0,
    )
    prepared = _Prepared(rubric, responses, by)
    column = str(by)
    out: dict[str, OrganizationGroups] = {}
    for org in _select_organizations(responses, organization):
        rows = prepared.rows(org)
        members = prepared.groups(rows)
        reasons = _suppression({v: len(r) for v, r in members.items()}, k, complementary)
        groups: dict[str, GroupScore] = {}
        notices: list[Notice] = []
        kinds: set[str] = set()
        methods: set[str] = set()
        for value, group_rows in members.items():
            if value in reasons:
                groups[value] = GroupScore(
                    value=value,
                    n_respondents=len(group_rows),
                    suppressed=True,
                    reason=reasons[value],
                )
                notices.append(
                    Notice("group_suppressed", f"{column} {value!r}: {reasons[value]}", value)
                )
                continue
            report = _report(rubric, prepared, group_rows, group_key(org, column, value), options)
            kinds.add(report.interval.kind)
            methods.add(report.interval.method)
            groups[value] = GroupScore(
                value=value,
                n_respondents=report.n_respondents,
                overall=report.overall,
                dimensions=report.dimensions,
                indicators=report.indicators,
                stage=None if report.stage is None else report.stage.id,
                notices=report.notices,
            )
        out[org] = OrganizationGroups(
            organization=org,
            column=column,
            min_group_size=k,
            n_respondents=len(rows),
            groups=groups,
            interval=IntervalInfo(
                method=" / ".join(sorted(methods)) or "respondent-bootstrap",
                kind=" / ".join(sorted(kinds)) or options.interval,
                confidence=options.confidence,
                n_resamples=options.n_resamples,
                seed=options.seed,
            ),
            notices=tuple(notices),
        )
    return GroupBreakdown(
        rubric_key=rubric.key,
        column=column,
        min_group_size=k,
        options=options,
        organizations=out,
    )


# --------------------------------------------------------------------------- perception gap


def _check_groups(groups: object, column: tuple[str, ...], by: str) -> tuple[str, str]:
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
    present = sorted(set(column))
    for g in (first, second):
        if g not in present:
            raise ScoringError(
                f"column {by!r} has no value {g!r}{_hint(g, present)}; values: "
                + ", ".join(repr(v) for v in present)
            )
    return first, second


def _interval(draws: Float, point: Float, confidence: float) -> tuple[Float, Float]:
    """Percentile range of ``draws`` (B, m), widened to hold ``point`` (as the scorer does)."""
    alpha = (1.0 - confidence) / 2.0
    low, high = quantiles(draws, np.array([alpha, 1.0 - alpha]))
    return np.fmin(low, point), np.fmax(high, point)


def _values(scores: Mapping[str, Score]) -> Float:
    return np.array([np.nan if s.value is None else s.value for s in scores.values()])


def _gaps(
    ids: Sequence[str],
    first: Mapping[str, Score],
    second: Mapping[str, Score],
    draws: Float,
    confidence: float,
    names: tuple[str, str],
) -> dict[str, Gap]:
    a, b = _values(first), _values(second)
    point = a - b
    low, high = _interval(draws, point, confidence)
    out: dict[str, Gap] = {}
    for j, key in enumerate(ids):
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
    min_group_size: int = 5,
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
    organization: str | None = None,
    complementary: bool = True,
) -> PerceptionGap:
    """How two groups of an organization rate the same indicators: first minus second.

    Per organization, for every indicator, dimension and the overall score: each group's
    score (as :func:`group_scores` computes it), their difference on 0-100 and a percentile
    range for the difference from a *stratified* respondent bootstrap (respondents resampled
    with replacement within each group, independently), and whether the range excludes 0.
    Resampling is seeded per group by :func:`group_key` over rows ordered by respondent id,
    so the result depends on the seed and the data, not on the row order.

    The gap is suppressed (counts and reason shown, no scores) when either group has fewer
    than ``max(min_group_size, 2)`` respondents, or when :func:`group_scores` with the same
    ``min_group_size`` and ``complementary`` would withhold either group (the two groups'
    scores plus the organization's total would reveal a small third group, e.g. a few
    respondents with a blank role).

    Raises:
        ScoringError: unknown column or group value, bad options, responses that do not
            fit the rubric.
    """
    k = _check_min_group_size(min_group_size)
    options = make_options(
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval="percentile",
        min_respondents=3,
        min_indicator_share=0.5,
        min_dimension_share=1.0,
    )
    prepared = _Prepared(rubric, responses, by)
    column = str(by)
    names = _check_groups(groups, prepared.column, column)
    layout = prepared.layout
    info = IntervalInfo(
        method=GAP_METHOD,
        kind="percentile",
        confidence=options.confidence,
        n_resamples=options.n_resamples,
        seed=options.seed,
    )
    out: dict[str, OrganizationGap] = {}
    for org in _select_organizations(responses, organization):
        members = prepared.groups(prepared.rows(org))
        empty = np.array([], dtype=np.intp)
        rows = [members.get(g, empty) for g in names]
        sizes = (len(rows[0]), len(rows[1]))
        need = max(k, 2)
        small = [
            f"{g!r} has {n} respondent(s)" for g, n in zip(names, sizes, strict=True) if n < need
        ]
        reason = None
        if small:
            reason = (
                "; ".join(small)
                + f", fewer than the minimum group size of {need}: gap withheld"
                + (" to protect anonymity" if need == k else "")
            )
        else:
            # Both groups' scores are shown: withhold them whenever group_scores would.
            withheld = _suppression({v: len(r) for v, r in members.items()}, k, complementary)
            hidden = [f"{g!r}: {withheld[g]}" for g in names if g in withheld]
            if hidden:
                reason = "gap withheld; " + "; ".join(hidden)
        if reason is not None:
            out[org] = OrganizationGap(
                organization=org,
                column=column,
                groups=names,
                n_first=sizes[0],
                n_second=sizes[1],
                min_group_size=k,
                interval=info,
                suppressed=True,
                reason=reason,
                notices=(Notice("perception_gap_suppressed", reason),),
            )
            continue
        keys = [group_key(org, column, g) for g in names]
        reports = [
            _report(rubric, prepared, r, key, options) for r, key in zip(rows, keys, strict=True)
        ]
        # Stratified bootstrap: each group resampled on its own stream, then differenced.
        replicates = []
        for r, key, rep in zip(rows, keys, reports, strict=True):
            scores = prepared.scores[r]
            dim_ok = np.array([s.value is not None for s in rep.dimensions.values()])
            replicates.append(
                respondent_bootstrap(
                    layout,
                    scores,
                    ~np.isnan(scores),
                    organization_rng(int(options.seed or 0), key),
                    options.n_resamples,
                    dim_ok,
                )
            )
        first, second = replicates
        a, b = reports
        indicators = _gaps(
            layout.indicator_ids,
            a.indicators,
            b.indicators,
            first.indicator - second.indicator,
            options.confidence,
            names,
        )
        dimensions = _gaps(
            layout.dimension_ids,
            a.dimensions,
            b.dimensions,
            first.dimension - second.dimension,
            options.confidence,
            names,
        )
        overall = _gaps(
            ["overall"],
            {"overall": a.overall},
            {"overall": b.overall},
            (first.overall - second.overall)[:, None],
            options.confidence,
            names,
        )["overall"]
        notices = [
            _gap_notice(g, column, names, options.confidence, s)
            for s, g in [("overall", overall), *dimensions.items()]
            if g.excludes_zero
        ]
        out[org] = OrganizationGap(
            organization=org,
            column=column,
            groups=names,
            n_first=sizes[0],
            n_second=sizes[1],
            min_group_size=k,
            interval=info,
            overall=overall,
            dimensions=dimensions,
            indicators=indicators,
            notices=tuple(notices),
        )
    return PerceptionGap(
        rubric_key=rubric.key,
        column=column,
        groups=names,
        min_group_size=k,
        options=options,
        organizations=out,
    )
