"""Notices: warnings a reader of a result must see, with a stable machine-readable code."""

from __future__ import annotations

from typing import Any

from attrs import frozen


@frozen
class Notice:
    """A warning attached to a report: ``code`` (stable, machine-readable), ``message``,
    and the ``subject`` it concerns (``"overall"``, a dimension or indicator id)."""

    code: str
    message: str
    subject: str = "overall"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {"code": self.code, "subject": self.subject, "message": self.message}
