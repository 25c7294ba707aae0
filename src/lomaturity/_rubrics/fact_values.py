"""Organization fact values checked against a rubric's declarations (``facts:``).

One home for the rule "a value fits its fact": :meth:`Fact.problem` says what is wrong
with one value; this module adds the unknown ids (with "did you mean") and turns every
finding into a :class:`~lomaturity.exceptions.Problem` naming file, line, organization,
fact and value. :class:`~lomaturity.exceptions.FactsError` lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .._hints import did_you_mean, listing, quoted
from .._model.facts import Fact, FactValue, OrganizationFacts
from ..exceptions import FactsError, Problem

__all__ = ["LineOf", "check_facts", "fact_problems", "facts_problem"]

LineOf = Callable[[str | None, str | None], int | None]
"""(organization, fact) -> the line of the file where that value is, when known."""


def facts_problem(
    organization: str | None,
    fact: str | None,
    message: str,
    value: object = None,
    *,
    file: str | None = None,
    line: int | None = None,
    hint: str | None = None,
    code: str = "invalid",
    show_value: bool = True,
) -> Problem:
    """One problem of a facts input, located by organization and fact."""
    parts = [] if organization is None else [f"organization {quoted(organization)}"]
    parts += [] if fact is None else [f"fact {quoted(fact)}"]
    location = tuple(p for p in (organization, fact) if p is not None)
    return Problem(
        ", ".join(parts) or "facts",
        message,
        value,
        file=file,
        line=line,
        hint=hint,
        show_value=show_value and value is not None,
        code=code,
        location=location,
    )


def _unknown_hint(name: str, declared: Sequence[Fact]) -> str:
    ids = [f.id for f in declared]
    if not ids:
        return "this rubric declares no facts"
    return did_you_mean(name, ids) or "declared facts: " + listing(ids)


def fact_problems(
    declared: Sequence[Fact], given: OrganizationFacts, line_of: LineOf | None = None
) -> tuple[OrganizationFacts, list[Problem]]:
    """``given`` with only its valid values, and a problem for each other one.

    ``None`` values count as not given and are dropped.
    """
    by_id = {f.id: f for f in declared}
    org = given.organization
    problems: list[Problem] = []
    kept: dict[str, FactValue] = {}
    for name, value in given.values.items():
        line = None if line_of is None else line_of(org, name)
        fact = by_id.get(name)
        if fact is None:
            problems.append(
                facts_problem(
                    org,
                    name,
                    "is not a fact the rubric declares",
                    file=given.file,
                    line=line,
                    hint=_unknown_hint(name, declared),
                    code="unknown_fact",
                )
            )
            continue
        if value is None:
            continue
        message = fact.problem(value)
        if message is None:
            kept[name] = value
            continue
        hint = did_you_mean(value, fact.choices) if fact.type == "choice" else None
        problems.append(
            facts_problem(
                org,
                name,
                message,
                value,
                file=given.file,
                line=line,
                hint=hint or f"fact {name!r} is {_described(fact)}",
                code="invalid_fact_value",
            )
        )
    return OrganizationFacts(org, kept, given.file), problems


def _described(fact: Fact) -> str:
    if fact.type == "choice":
        return "one of " + listing(fact.choices)
    if fact.type == "boolean":
        return "true or false"
    bounds = [] if fact.minimum is None else [f">= {fact.minimum:g}"]
    bounds += [] if fact.maximum is None else [f"<= {fact.maximum:g}"]
    what = "an integer" if fact.type == "integer" else "a number"
    return what + (" " + " and ".join(bounds) if bounds else "")


def check_facts(declared: Sequence[Fact], given: OrganizationFacts) -> OrganizationFacts:
    """``given`` checked against the declarations; :class:`FactsError` lists every problem."""
    checked, problems = fact_problems(declared, given)
    if problems:
        raise FactsError(problems, given.file)
    return checked
