"""Errors raised by lomaturity.

Every error the library raises on bad input derives from :class:`LomaturityError`.
Errors about a file carry one :class:`Problem` per defect found, so that a user sees
everything wrong with a rubric or a responses file at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from attrs import field, frozen

from ._format import printable

__all__ = [
    "MAX_PROBLEMS",
    "AnswerMapError",
    "FactsError",
    "LomaturityError",
    "NormsError",
    "Problem",
    "RecommendationError",
    "ResponsesError",
    "RubricError",
    "ScoringError",
    "UnknownOrganizationError",
]


MAX_PROBLEMS: Final = 50
"""Most problems one :class:`RubricError` or :class:`ResponsesError` holds; ``total`` counts
them all."""

Location = tuple[str | int, ...]
"""A problem's place as a tuple: ``(4, 'vc_values')`` for line 4, column ``vc_values`` of a
CSV file, ``('indicators', 3, 'weight')`` for a rubric field, ``('records', 2, 'vc_x')``."""


def _location(value: Iterable[str | int]) -> Location:
    return tuple(value)


def _json_scalar(value: object) -> bool:
    """Whether ``value`` goes into JSON as itself (integers of at most 64 bits)."""
    if isinstance(value, bool) or value is None or isinstance(value, str | float):
        return True
    return isinstance(value, int) and value.bit_length() <= 64


def _show(value: object) -> str:
    """A value fit for a message: unsafe characters escaped, cut after 60 characters."""
    text = printable(repr(value) if isinstance(value, str) else str(value))
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
        show_value: whether the message shows ``value``.
        code: what kind of defect it is, a stable snake_case name for programs
            (``not_on_scale``, ``unknown_column``, ``duplicate_id``, ``unknown_field``, ...;
            ``invalid`` when no more specific code fits).
        location: ``path`` as a tuple of keys, indices and line numbers (see
            :data:`Location`); ``()`` for the input as a whole.
    """

    path: str
    message: str
    value: object = None
    file: str | None = None
    line: int | None = None
    hint: str | None = None
    show_value: bool = True
    code: str = field(default="invalid", kw_only=True)
    location: Location = field(default=(), kw_only=True, converter=_location)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping; ``value`` is kept when it is a JSON scalar, else shown as text."""
        value = self.value if _json_scalar(self.value) else _show(self.value)
        return {
            "code": self.code,
            "path": self.path,
            "location": list(self.location),
            "message": self.message,
            "value": value if self.show_value else None,
            "file": self.file,
            "line": self.line,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = printable(self.file)
            where += (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        shown = self.show_value and self.value is not None
        body = f"{_show(self.value)} {self.message}" if shown else self.message
        text = f"{where}{self.path}: {body}"
        return f"{text} ({self.hint})" if self.hint else text


class LomaturityError(Exception):
    """Base class of every error lomaturity raises on bad input or impossible requests."""


class _ProblemsError(LomaturityError, ValueError):
    """An error that carries a list of :class:`Problem` records.

    Attributes:
        problems: the first :data:`MAX_PROBLEMS` problems found, in reading order; only
            real problems.
        total: how many problems were found (at least ``len(problems)``).
        truncated: whether ``problems`` holds fewer than ``total``.
        source: the file, when the input came from one.
    """

    kind = "input"

    def __init__(
        self, problems: Iterable[Problem], source: str | None = None, *, total: int | None = None
    ) -> None:
        found = tuple(problems)
        self.problems: tuple[Problem, ...] = found[:MAX_PROBLEMS]
        self.total: int = max(len(found), total or 0)
        self.truncated: bool = self.total > len(self.problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = self.total
        head = f"invalid {self.kind}" + (f" {printable(self.source)}" if self.source else "")
        head += f": {n} problem" + ("" if n == 1 else "s")
        if self.truncated:
            head += f" (first {len(self.problems)} shown)"
        return head + "".join(f"\n  - {p}" for p in self.problems)


class RubricError(_ProblemsError):
    """A rubric file or mapping is invalid; ``problems`` lists every defect found."""

    kind = "rubric"


class ResponsesError(_ProblemsError):
    """Survey responses are invalid; ``problems`` names row, column and value of each defect."""

    kind = "responses"


class AnswerMapError(ResponsesError):
    """An answer map (``answers=`` of :func:`lomaturity.read_responses`, or a file read by
    :func:`lomaturity.read_answer_map`) is invalid: a text that is blank or too long, a value
    that is no scale point of the rubric, two spellings of one text mapped apart. Each
    problem names the text, the value, and the file and line when there is one. A
    :class:`ResponsesError`, since the map is part of reading the responses."""

    kind = "answer map"


class NormsError(_ProblemsError):
    """A norm table is invalid (a malformed or hostile file, ``problems`` naming field and
    value), or cannot be used: it was built for another rubric than the report's."""

    kind = "norm table"


class FactsError(_ProblemsError):
    """Organization facts are invalid: a file that cannot be read, or values that do not
    fit the rubric's declarations (an unknown fact, a wrong type, a value out of range, a
    choice not allowed). Each problem names the organization and the fact (``location``
    ``(organization, fact)``), the value, and the file and line when there is one."""

    kind = "organization facts"


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
