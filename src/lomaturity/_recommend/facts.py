"""The ``facts=`` argument of ``recommend``, ``roadmap`` and ``explain_recommendation``:
one organization's facts found and checked against the rubric's declarations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._hints import find_organization, quoted
from .._model.facts import OrganizationFacts
from .._model.rubric import Rubric
from .._rubrics.fact_values import check_facts
from .._types import FACTS, type_name
from ..exceptions import UnknownOrganizationError

__all__ = ["FactsSpec", "facts_by_organization", "facts_for"]

FactsSpec = (
    Mapping[str, Any]
    | Mapping[str, Mapping[str, Any]]
    | Mapping[str, OrganizationFacts]
    | OrganizationFacts
    | None
)
"""What ``facts=`` takes: fact id -> value (one organization), organization -> such a
mapping or :class:`OrganizationFacts` (e.g. :func:`lomaturity.read_facts`), one
:class:`OrganizationFacts`, or ``None`` (no facts given)."""


def _by_organization(facts: Mapping[str, Any]) -> bool:
    """Whether a non-empty mapping is keyed by organization (its values are mappings)."""
    return bool(facts) and all(isinstance(v, Mapping | OrganizationFacts) for v in facts.values())


def _entry(organization: str, value: Any) -> OrganizationFacts:
    if isinstance(value, OrganizationFacts):
        return value
    return OrganizationFacts(organization, dict(value))


def facts_for(rubric: Rubric, organization: str, facts: FactsSpec) -> OrganizationFacts | None:
    """The checked facts of ``organization``, or ``None`` when none are given.

    Raises:
        TypeError: ``facts`` is of another type.
        UnknownOrganizationError: ``facts`` is keyed by organization and holds none for
            ``organization`` (did-you-mean among the organizations it holds), or is one
            organization's facts about another organization.
        FactsError: a value does not fit the rubric's declarations.
    """
    if facts is None:
        return None
    if isinstance(facts, OrganizationFacts):
        given = facts
    elif isinstance(facts, Mapping):
        if _by_organization(facts):
            names = [str(k) for k in facts]
            found = find_organization(organization, names, where="the facts", option="facts=")
            given = _entry(found, facts[found])
        else:
            values: dict[str, Any] = {str(k): v for k, v in facts.items()}
            given = OrganizationFacts(organization, values)
    else:
        raise TypeError(f"facts: expected {FACTS}, got {type_name(facts)}")
    if given.organization is not None and given.organization != organization:
        raise UnknownOrganizationError(
            f"facts: they are about organization {quoted(given.organization)}, but the "
            f"report is of {quoted(organization)}"
        )
    return check_facts(rubric.facts, given)


def facts_by_organization(
    rubric: Rubric,
    facts: Mapping[str, OrganizationFacts],
    organizations: Sequence[str],
    *,
    where: str = "the data",
) -> dict[str, OrganizationFacts]:
    """Facts by organization (as :func:`~lomaturity.read_facts` returns them), each checked
    against the rubric and each organization among ``organizations``: an organization
    with facts and no report is an error (:class:`UnknownOrganizationError`, with
    did-you-mean)."""
    return {
        find_organization(name, organizations, where=where, option="facts="): check_facts(
            rubric.facts, given
        )
        for name, given in facts.items()
    }
