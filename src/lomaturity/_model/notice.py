"""Notices: warnings a reader of a result must see, with a stable machine-readable code."""

from __future__ import annotations

from typing import Any, Final

from attrs import frozen

FINDINGS: Final = frozenset({"perception_gap"})
"""Notice codes that report a finding about the organization (a result worth attention:
managers and employees see it differently), not a caveat about the numbers: shown as
findings, not as warnings."""


@frozen
class Notice:
    """A warning attached to a report: ``code`` (stable, machine-readable), ``message``,
    and the ``subject`` it concerns (``"overall"``, a dimension or indicator id)."""

    code: str
    message: str
    subject: str = "overall"

    @property
    def is_finding(self) -> bool:
        """Whether the notice reports a finding (:data:`FINDINGS`) rather than a warning."""
        return self.code in FINDINGS

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {"code": self.code, "subject": self.subject, "message": self.message}
