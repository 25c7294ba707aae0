"""Attaching aggregation evidence (agreement, reliability, groups, perception gap) to reports.

Every analysis runs on the one :class:`~lomaturity._stats.prepared.Prepared` of the call
with the options validated once by the entry point; the results land in the typed fields of
each :class:`Report` and their warnings are merged into its notices.
"""

from __future__ import annotations

from attrs import evolve, frozen

from .._model.notice import Notice
from .._results.agreement import AgreementOptions, AgreementResult
from .._results.common import ScoringOptions
from .._results.groups import GroupBreakdown, PerceptionGap
from .._results.reliability import ReliabilityResult
from .._results.report import Report, ReportSet
from .._stats.agreement import agreement_of
from .._stats.groups import group_scores_of, perception_gap_of
from .._stats.prepared import Prepared
from .._stats.reliability import reliability_of

_SCORER_CODES = frozenset({"few_respondents"})
"""Agreement notices the scorer already gives in a stricter form."""

DETAILS_MAX_RESAMPLES = 1000
"""With ``details``, the reliability bootstrap uses at most this many resamples."""


@frozen(eq=False)
class Attached:
    """The analyses attached to the reports of one call (``None``: not run)."""

    agreement: AgreementResult | None = None
    reliability: ReliabilityResult | None = None
    gap: PerceptionGap | None = None
    gap_notice: Notice | None = None
    groups: GroupBreakdown | None = None


def _gap_unavailable(roles: set[str | None]) -> Notice:
    found = ", ".join(sorted(repr(r) for r in roles if r is not None)) or "none"
    return Notice(
        "perception_gap_unavailable",
        "the manager/employee gap needs 'manager' and 'employee' in the role column; "
        f"found {found}",
        "role",
    )


def gather(
    prepared: Prepared,
    options: ScoringOptions,
    agreement: AgreementOptions | None,
    *,
    details: bool,
    min_group_size: int,
    organization: str | None = None,
) -> Attached:
    """Run the analyses asked for: agreement (over every organization, since ICC compares
    them) and, with ``details``, pooled reliability, the perception gap and team scores
    (of ``organization`` only, when given)."""
    agr = None if agreement is None else agreement_of(prepared, agreement)
    if not details:
        return Attached(agreement=agr)
    rel = reliability_of(
        prepared,
        evolve(options, n_resamples=min(options.n_resamples, DETAILS_MAX_RESAMPLES)),
    )
    metadata = prepared.responses.metadata
    roles = set(metadata.get("role", ()))
    # Groups are scored with the default scorability thresholds (as lm.group_scores).
    group_options = evolve(
        options, min_respondents=3, min_indicator_share=0.5, min_dimension_share=1.0
    )
    gap = gap_notice = groups = None
    if {"manager", "employee"} <= roles:
        gap = perception_gap_of(
            prepared,
            group_options,
            min_group_size=min_group_size,
            organization=organization,
        )
    elif "role" in metadata:
        gap_notice = _gap_unavailable(roles)
    if "team" in metadata:
        groups = group_scores_of(
            prepared,
            group_options,
            "team",
            min_group_size=min_group_size,
            organization=organization,
        )
    return Attached(agr, rel, gap, gap_notice, groups)


def attach(reports: ReportSet, evidence: Attached) -> ReportSet:
    """Reports with ``evidence`` in their typed fields and its warnings merged."""
    return ReportSet({org: _attach_one(report, evidence) for org, report in reports.items()})


def _attach_one(report: Report, evidence: Attached) -> Report:
    org = report.organization
    notices: list[Notice] = list(report.notices)
    changes: dict[str, object] = {}
    if evidence.agreement is not None:
        part = evidence.agreement.for_organization(org)
        if report.n_respondents > 1:
            notices.extend(n for n in part.notices if n.code not in _SCORER_CODES)
        notices.extend(n for n in evidence.agreement.notices if n.code == "low_icc2")
        changes.update(agreement=part, icc=dict(evidence.agreement.dimensions))
    if evidence.reliability is not None:
        notices.extend(
            evolve(n, message=f"{n.message} (all respondents pooled)")
            for n in evidence.reliability.flags
        )
        changes.update(reliability=evidence.reliability)
    if evidence.gap_notice is not None:
        notices.append(evidence.gap_notice)
    if evidence.gap is not None:
        gap = evidence.gap.for_organization(org)
        notices.extend(gap.notices)
        changes.update(perception_gap=gap)
    if evidence.groups is not None:
        groups = evidence.groups.for_organization(org)
        notices.extend(groups.notices)
        changes.update(groups=groups)
    return evolve(report, notices=tuple(notices), **changes)  # type: ignore[arg-type]
