"""``compare_groups``: contrasts between groups of organizations (sector, region, size
class), the organization being the sampling unit (docs/group-contrasts.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._hints import did_you_mean, listing
from .._model.notice import Notice
from .._model.responses import Responses
from .._model.rubric import Rubric
from .._results.group_contrast import BY_ORGANIZATION, MAPPING_COLUMN, GroupComparison
from .._stats.group_contrast import Plan, compare_prepared
from .._stats.multiplicity import ADJUSTMENTS
from .._stats.options import choice_error, make_options
from .._stats.prepared import check_types, prepare
from ..exceptions import ScoringError

CONTRASTS = ("pairwise", "vs_rest")
"""Values of ``contrasts``: every pair of groups, or each group against all the others."""


def _hint(word: str, choices: Sequence[str]) -> str:
    hint = did_you_mean(word, choices)
    return f" ({hint})" if hint else ""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _from_column(responses: Responses, by: str) -> dict[str, str]:
    """Organization -> its group, from a metadata column that must be constant (and not
    blank) within each organization."""
    if by not in responses.metadata:
        available = sorted(responses.metadata)
        shown = ", ".join(repr(c) for c in available) if available else "none"
        raise ScoringError(
            f"responses have no metadata column {by!r}{_hint(by, available)}; available "
            f"columns: {shown}; or pass by='organization' (each organization its own group) "
            "or a mapping organization -> group"
        )
    seen: dict[str, set[str | None]] = {}
    for organization, value in zip(responses.organizations, responses.metadata[by], strict=True):
        seen.setdefault(organization, set()).add(None if _blank(value) else value)
    mixed = sorted(o for o, values in seen.items() if len(values) > 1)
    if mixed:
        values = sorted(repr(v) if v is not None else "blank" for v in seen[mixed[0]])
        raise ScoringError(
            f"column {by!r} is not constant within each organization: {mixed[0]!r} has "
            f"{', '.join(values)}"
            + (f" ({len(mixed) - 1} more organizations are mixed)" if len(mixed) > 1 else "")
            + "; groups of organizations need one value per organization: fix the column or "
            "pass a mapping organization -> group"
        )
    blank = sorted(o for o, values in seen.items() if None in values)
    if blank:
        raise ScoringError(
            f"column {by!r} is blank for {len(blank)} organization(s): {listing(blank)}; "
            "fill it in, or pass a mapping organization -> group"
        )
    return {o: str(next(iter(values))) for o, values in seen.items()}


def _from_mapping(responses: Responses, mapping: Mapping[object, object]) -> dict[str, str]:
    """Organization -> group from a mapping that names every organization, and only those."""
    known = responses.organization_ids
    bad = [f"{k!r}: {v!r}" for k, v in mapping.items() if not isinstance(k, str) or _blank(v)]
    bad += [f"{k!r}: {v!r}" for k, v in mapping.items() if not _blank(v) and not isinstance(v, str)]
    if bad:
        raise ScoringError(
            "by: a mapping needs organization name -> group name (text, not blank); got "
            + ", ".join(bad[:5])
        )
    clean = {str(k): str(v) for k, v in mapping.items()}
    unknown = sorted(k for k in clean if k not in set(known))
    if unknown:
        unmapped = [o for o in known if o not in clean]  # what a typo could have meant
        raise ScoringError(
            f"by: the mapping names {len(unknown)} organization(s) the responses do not hold: "
            f"{listing(unknown)}{_hint(unknown[0], unmapped)}"
        )
    missing = [o for o in known if o not in clean]
    if missing:
        raise ScoringError(
            f"by: the mapping leaves out {len(missing)} organization(s) of the responses: "
            f"{listing(missing)}; every organization needs a group"
        )
    return clean


def _plan(responses: Responses, by: object, contrasts: str, adjust: str) -> Plan:
    """The groups of ``by`` (sorted labels, sorted organizations) and what to contrast."""
    if isinstance(by, str):
        column = by
        if by == BY_ORGANIZATION:
            of = {o: o for o in responses.organization_ids}
        else:
            of = _from_column(responses, by)
    elif isinstance(by, Mapping):
        column, of = MAPPING_COLUMN, _from_mapping(responses, by)
    else:
        raise TypeError(
            f"by: expected a metadata column name (str) or a mapping organization -> group, "
            f"got {type(by).__name__}"
        )
    groups: dict[str, list[str]] = {}
    for organization, group in of.items():
        groups.setdefault(group, []).append(organization)
    if len(groups) < 2 and column == BY_ORGANIZATION:
        raise ScoringError(
            "by 'organization': the responses hold one organization; contrasts need at least "
            "two groups"
        )
    if len(groups) < 2:
        only = next(iter(groups))
        raise ScoringError(
            f"by {column!r}: every organization is in group {only!r}; contrasts need at "
            "least two groups"
        )
    return Plan(
        column=column,
        groups={g: tuple(sorted(groups[g])) for g in sorted(groups)},
        kind=contrasts,  # type: ignore[arg-type]
        adjust=adjust,
    )


ORGANIZATION_SIDES = (
    "each organization is its own group: its side of a contrast is resampled from its "
    "respondents; in simulations (16 organizations, each against the rest) nominal 95 % ranges "
    "held the true difference 93.6-93.7 % of the time, 90 % ranges 87.5-88.7 % (see "
    "docs/group-contrasts.md)"
)
"""The ``organization_sides`` notice of ``by="organization"``, quoting the measured coverage."""


def _notices(plan: Plan) -> list[Notice]:
    """``vs_rest`` with two groups repeats one contrast; ``by="organization"`` ranges are
    a little short of their level (measured)."""
    out: list[Notice] = []
    if plan.column == BY_ORGANIZATION:
        out.append(Notice("organization_sides", ORGANIZATION_SIDES))
    if plan.kind == "vs_rest" and len(plan.groups) == 2:
        out.append(
            Notice(
                "two_groups",
                "with two groups each group's 'rest' is the other group: the two vs_rest "
                "contrasts are the same contrast seen from both sides",
            )
        )
    return out


def compare_groups(
    rubric: Rubric,
    responses: Responses,
    by: str | Mapping[str, str],
    *,
    contrasts: str = "pairwise",
    adjust: str = "holm",
    confidence: float = 0.95,
    n_resamples: int = 2000,
    seed: int | None = None,
) -> GroupComparison:
    """Contrasts between groups of organizations (sector, region, size class).

    The organization is the sampling unit: each organization is scored (as
    :func:`lomaturity.score` computes the point value), a group's score is the unweighted
    mean of its organizations' scores (each organization counts once), and each contrast is
    ``second - first`` on every indicator, dimension and the overall score, with an
    expanded percentile range from resampling organizations within each group, a p-value
    and Hedges' g on organization scores. A group of one organization resamples that
    organization's respondents instead (flagged unless ``by="organization"``). Coverage
    measured by simulation, formulas and references: docs/group-contrasts.md.

    Args:
        rubric, responses: as for :func:`lomaturity.score`.
        by: a metadata column constant within each organization (``"sector"``), or
            ``"organization"`` (each organization its own group: with
            ``contrasts="vs_rest"``, every organization against the rest of the panel), or a
            mapping organization -> group naming every organization of the responses.
        contrasts: ``"pairwise"`` (every pair of groups, first before second in sorted
            order) or ``"vs_rest"`` (each group minus all other organizations pooled).
        adjust: ``"holm"`` (default: Holm's step-down across all contrasts of each score)
            or ``"none"``. Ranges are never adjusted.
        confidence, n_resamples, seed: as for :func:`lomaturity.score`.

    Raises:
        TypeError: ``rubric``, ``responses`` or ``by`` of the wrong type.
        ScoringError: an unknown or blank column, a column not constant within an
            organization, a mapping that leaves out or invents organizations, fewer than
            two groups, bad options, responses that do not fit the rubric.
    """
    check_types(rubric, responses)
    options = make_options(
        confidence=confidence,
        n_resamples=n_resamples,
        seed=seed,
        interval="expanded",
        what="group comparison",
        extra=[
            choice_error("contrasts", contrasts, CONTRASTS),
            choice_error("adjust", adjust, ADJUSTMENTS),
        ],
    )
    prepared = prepare(rubric, responses)
    plan = _plan(responses, by, contrasts, adjust)
    return compare_prepared(prepared, options, plan, _notices(plan))
