"""Errors raised by lomaturity.

Every error the library raises on bad input derives from :class:`LomaturityError`.
Errors about a file carry one :class:`Problem` per defect found, so that a user sees
everything wrong with a rubric or a responses file at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

__all__ = [
    "LomaturityError",
    "Problem",
    "RecommendationError",
    "ResponsesError",
    "RubricError",
    "ScoringError",
    "UnknownOrganizationError",
]


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@frozen
class Problem:
    """One defect in an input.

    Attributes:
        path: where the defect is, as a JSONPath-like location (``$.indicators[3].weight``)
            for rubrics, or ``row 4, column 'vc_values'`` for responses.
        message: what is wrong, phrased to follow the value (``is not > 0``).
        value: the offending value, or ``None`` when the defect is a missing value.
        file: the file the defect is in, when the input came from a file.
        line: the 1-based line number in ``file``, when known.
        hint: an optional suggestion (``did you mean 'weight'?``).
    """

    path: str
    message: str
    value: object = None
    file: str | None = None
    line: int | None = None
    hint: str | None = None
    show_value: bool = True

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        shown = self.show_value and self.value is not None
        body = f"{_show(self.value)} {self.message}" if shown else self.message
        text = f"{where}{self.path}: {body}"
        return f"{text} ({self.hint})" if self.hint else text


class LomaturityError(Exception):
    """Base class of every error lomaturity raises on bad input or impossible requests."""


class _ProblemsError(LomaturityError, ValueError):
    """An error that carries a list of :class:`Problem` records."""

    kind = "input"

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.problems)
        head = f"invalid {self.kind}" + (f" {self.source}" if self.source else "")
        head += f": {n} problem" + ("" if n == 1 else "s")
        return head + "".join(f"\n  - {p}" for p in self.problems)


class RubricError(_ProblemsError):
    """A rubric file or mapping is invalid; ``problems`` lists every defect found."""

    kind = "rubric"


class ResponsesError(_ProblemsError):
    """Survey responses are invalid; ``problems`` names row, column and value of each defect."""

    kind = "responses"


class ScoringError(LomaturityError, ValueError):
    """A scoring request cannot be carried out (bad options, nothing to score)."""


class RecommendationError(LomaturityError, ValueError):
    """A recommendation request cannot be carried out: a bad target, an unknown id, a
    baseline from another rubric, and the like."""


class UnknownOrganizationError(LomaturityError, KeyError):
    """An organization name that the responses or results do not hold (the message has a
    "did you mean" hint and the names present), or no name where several organizations
    are present. A :class:`KeyError`, so that mapping lookups (``in``, ``.get``) work."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
