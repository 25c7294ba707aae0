"""Survey populations: how many people each organization (optionally each role or unit) has.

Respondents are a sample of an organization's people. Its headcount gives the response rate
and the finite-population correction of the ranges; headcounts by stratum (a per-respondent
column such as ``role`` or ``unit``) give post-stratification weights (docs/survey-design.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from .._frozen import FrozenDict
from ..exceptions import ScoringError
from .facts import OrganizationFacts

__all__ = ["OrganizationPopulation", "Population"]

MAX_HEADCOUNT = 10_000_000
"""Largest headcount accepted (a typo guard: no organization surveyed has more people)."""


def _count_problem(what: str, value: object, minimum: int) -> str | None:
    """Why ``value`` is not a whole number ``minimum..MAX_HEADCOUNT``, or ``None``."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{what}: {value!r} is not a whole number"
    if not minimum <= value <= MAX_HEADCOUNT:
        return f"{what}: {value} is not within {minimum}..{MAX_HEADCOUNT:,}"
    return None


def _frozen_strata(value: Mapping[str, int]) -> FrozenDict[str, int]:
    return FrozenDict(value)


@frozen
class OrganizationPopulation:
    """The people of one organization the survey was sent to.

    Attributes:
        organization: the organization's name (as in the responses).
        headcount: people in the organization (>= 1); the sum of ``strata`` when given.
        strata: stratum value (of :attr:`Population.by`) -> headcount, in the order given;
            empty when no strata were given (no weighting).
    """

    organization: str
    headcount: int
    strata: FrozenDict[str, int] = field(factory=FrozenDict, converter=_frozen_strata)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: organization, headcount and strata."""
        return {
            "organization": self.organization,
            "headcount": self.headcount,
            "strata": dict(self.strata),
        }


def _frozen_organizations(
    value: Mapping[str, OrganizationPopulation],
) -> FrozenDict[str, OrganizationPopulation]:
    return FrozenDict(value)


@frozen
class Population:
    """Headcounts of the organizations scored: ``score(..., population=...)``.

    Build it with :meth:`of` (a mapping) or :func:`lomaturity.read_population` (a CSV file).

    Attributes:
        organizations: organization name -> :class:`OrganizationPopulation`.
        by: the per-respondent column whose values the strata are (``"role"``, ``"unit"``,
            ``"team"``, ...); ``None`` when only total headcounts were given.
        file: the file the headcounts were read from, for messages.
    """

    organizations: FrozenDict[str, OrganizationPopulation] = field(converter=_frozen_organizations)
    by: str | None = None
    file: str | None = None

    @classmethod
    def of(
        cls, headcounts: Mapping[str, int | Mapping[str, int]], *, by: str | None = None
    ) -> Population:
        """A population from ``organization -> headcount`` or, with ``by`` (the column of
        the strata), ``organization -> {stratum: headcount}``.

        Raises:
            ScoringError: a headcount that is not a whole number within 1..10,000,000
                (a stratum may be 0), strata without ``by`` or ``by`` without strata;
                every problem is named.
        """
        if not isinstance(headcounts, Mapping):
            raise ScoringError(
                f"population: expected a mapping organization -> headcount, got "
                f"{type(headcounts).__name__}"
            )
        if by is not None and (not isinstance(by, str) or not by):
            raise ScoringError(f"population: by={by!r} is not a column name")
        problems: list[str] = []
        built: dict[str, OrganizationPopulation] = {}
        for name, value in headcounts.items():
            entry = _organization(str(name), value, by, problems)
            if entry is not None:
                built[str(name)] = entry
        if not headcounts:
            problems.append("population: no organization given")
        if problems:
            raise ScoringError("invalid population: " + "; ".join(problems))
        return cls(built, by=by)

    @classmethod
    def from_facts(
        cls, facts: Mapping[str, OrganizationFacts], *, by_role: bool = False
    ) -> Population:
        """A population from organization facts (``lm.read_facts``): the ``headcount``
        fact of each organization that gives one; with ``by_role``, strata of the ``role``
        column: ``manager`` = the ``managers`` fact, ``employee`` = the rest.

        Raises:
            ScoringError: no organization gives a headcount, ``by_role`` and an
                organization without ``managers``, or counts that do not fit.
        """
        totals: dict[str, int | Mapping[str, int]] = {}
        problems = []
        for name, given in facts.items():
            headcount = given.get("headcount")
            if headcount is None:
                continue
            if not by_role:
                totals[name] = headcount  # type: ignore[assignment]
                continue
            managers = given.get("managers")
            if managers is None:
                problems.append(f"{name}: by_role needs the managers fact")
            elif isinstance(headcount, int) and isinstance(managers, int):
                totals[name] = {"manager": managers, "employee": headcount - managers}
            else:
                totals[name] = {"manager": managers, "employee": headcount}  # type: ignore[dict-item]
        if problems:
            raise ScoringError("invalid population: " + "; ".join(problems))
        if not totals:
            raise ScoringError("invalid population: no organization gives the headcount fact")
        return cls.of(totals, by="role" if by_role else None)

    def get(self, organization: str) -> OrganizationPopulation | None:
        """The population of ``organization``, or ``None`` when none was given."""
        return self.organizations.get(organization)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping: ``by`` and each organization's headcounts."""
        return {
            "by": self.by,
            "organizations": {k: v.to_dict() for k, v in self.organizations.items()},
        }


def _organization(
    name: str, value: object, by: str | None, problems: list[str]
) -> OrganizationPopulation | None:
    """One organization's entry, or ``None`` with its problems appended."""
    if isinstance(value, Mapping):
        if by is None:
            problems.append(f"{name}: headcounts by stratum need by= (the column they are of)")
            return None
        found = [_count_problem(f"{name}, {k}", v, 0) for k, v in value.items()]
        errors = [p for p in found if p is not None]
        if not value:
            errors.append(f"{name}: no stratum given")
        problems.extend(errors)
        if errors:
            return None
        total = sum(int(v) for v in value.values())
        if total < 1:
            problems.append(f"{name}: the strata hold no people")
            return None
        return OrganizationPopulation(name, total, {str(k): int(v) for k, v in value.items()})
    if by is not None:
        problems.append(f"{name}: by={by!r} needs headcounts by stratum, got {value!r}")
        return None
    problem = _count_problem(name, value, 1)
    if problem is not None:
        problems.append(problem)
        return None
    assert isinstance(value, int)
    return OrganizationPopulation(name, int(value))
