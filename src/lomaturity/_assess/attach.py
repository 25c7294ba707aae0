"""Attaching aggregation evidence (agreement, reliability, groups, perception gap) to reports."""

from __future__ import annotations

from attrs import evolve

from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.common import ScoringOptions
from .._results.report import Report, ReportSet
from .._stats.agreement import agreement as compute_agreement
from .._stats.groups import group_scores, perception_gap
from .._stats.reliability import reliability as compute_reliability

_SCORER_CODES = frozenset({"few_respondents"})
"""Agreement notices the scorer already gives in a stricter form."""


def attach_diagnostics(
    rubric: Rubric,
    responses: Responses,
    reports: ReportSet,
    options: ScoringOptions,
    *,
    agreement: bool,
    details: bool,
    null: str,
    min_group_size: int = 5,
) -> ReportSet:
    """Reports with agreement (and, with ``details``, reliability, team groups and the
    manager/employee perception gap) attached in ``extras`` and their warnings merged."""
    if not agreement and not details:
        return reports
    agr = compute_agreement(rubric, responses, null=null) if agreement else None
    rel = gap = groups = None
    gap_notice: Notice | None = None
    if details:
        rel = compute_reliability(
            rubric,
            responses,
            confidence=options.confidence,
            n_resamples=min(options.n_resamples, 1000),
            seed=options.seed,
        )
        common = {
            "confidence": options.confidence,
            "n_resamples": options.n_resamples,
            "seed": options.seed,
            "min_group_size": min_group_size,
        }
        roles = set(responses.metadata.get("role", ()))
        if {"manager", "employee"} <= roles:
            gap = perception_gap(rubric, responses, **common)  # type: ignore[arg-type]
        elif "role" in responses.metadata:
            found = ", ".join(sorted(repr(r) for r in roles if r is not None)) or "none"
            gap_notice = Notice(
                "perception_gap_unavailable",
                "the manager/employee gap needs 'manager' and 'employee' in the role column; "
                f"found {found}",
                "role",
            )
        if "team" in responses.metadata:
            groups = group_scores(
                rubric,
                responses,
                "team",
                interval=options.interval,
                **common,  # type: ignore[arg-type]
            )
    icc_notices = [n for n in agr.notices if n.code == "low_icc2"] if agr is not None else []
    pooled = (
        [evolve(n, message=f"{n.message} (all respondents pooled)") for n in rel.flags]
        if rel is not None
        else []
    )
    out: dict[str, Report] = {}
    for organization, report in reports.items():
        extras = dict(report.extras)
        notices: list[Notice] = list(report.notices)
        if agr is not None:
            part = agr.for_organization(organization)
            extras["agreement"] = part
            if report.n_respondents > 1:
                notices.extend(n for n in part.notices if n.code not in _SCORER_CODES)
            notices.extend(icc_notices)
            extras["icc"] = {k: v.to_dict() for k, v in agr.dimensions.items()}
        if rel is not None:
            extras["reliability"] = rel
            notices.extend(pooled)
        if gap_notice is not None:
            notices.append(gap_notice)
        if gap is not None:
            part_gap = gap.for_organization(organization)
            extras["perception_gap"] = part_gap
            notices.extend(part_gap.notices)
        if groups is not None:
            part_groups = groups.for_organization(organization)
            extras["groups"] = part_groups
            notices.extend(part_groups.notices)
        out[organization] = evolve(report, notices=tuple(notices), extras=extras)
    return ReportSet(out)
