"""A command's :class:`~lomaturity.cli.outcome.Outcome` in the ``--format`` asked for."""

from __future__ import annotations

from .documents import markup
from .outcome import Outcome


def formatted(outcome: Outcome | str, form: str | None) -> str:
    """The output in ``form`` (text, json, csv, markdown, html); plain text (a command
    without formats, such as ``validate``) is delivered as it is."""
    if isinstance(outcome, str):
        return outcome
    if form == "json":
        return outcome.as_json()
    if form == "csv":
        return outcome.as_csv()
    if form in ("markdown", "html"):
        return markup(outcome, form)
    return outcome.text
