"""What a command produced, in every form ``--format`` can deliver: the text, the JSON-ready
data, the tidy table (``csv``) and, for ``markdown`` and ``html``, the parts a document is
made of (one per organization or per result)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from attrs import field, frozen

from .._model.notice import Notice
from .._results.tables import TABLES, Record, csv_text

FORMATS: tuple[str, ...] = ("text", "json", "csv", "markdown", "html")
"""Every ``--format`` a result can be delivered in (csv: the tidy table of docs/tables.md;
markdown and html: a document of the summary columns, findings and warnings)."""


def _notices(values: Sequence[Notice]) -> tuple[Notice, ...]:
    return tuple(values)


def _records(values: Sequence[Record]) -> tuple[Record, ...]:
    return tuple(values)


@frozen
class Part:
    """One result of a command (an organization's report, a comparison, ...): its
    ``heading``, the rows of its tidy table, the ``notices`` a reader must see, and its
    plain ``text``."""

    heading: str
    records: tuple[Record, ...] = field(converter=_records)
    notices: tuple[Notice, ...] = field(default=(), converter=_notices)
    text: str = ""


def _parts(values: Sequence[Part]) -> tuple[Part, ...]:
    return tuple(values)


@frozen
class Outcome:
    """A command's result: ``title`` (what it is, for a document's heading), ``text`` (the
    text format), ``data`` (JSON-ready), ``table`` (the tidy table kind of ``--format
    csv``, a key of ``TABLES``; ``None`` when the command has no table) and its
    ``parts``; ``language``: the language of the rubric's texts in it (a document's
    ``lang``)."""

    title: str
    text: str
    data: Any
    table: str | None
    parts: tuple[Part, ...] = field(default=(), converter=_parts)
    language: str = "en"

    def as_json(self) -> str:
        """The data as indented JSON (no NaN: a missing figure is ``null``)."""
        return json.dumps(self.data, indent=2, ensure_ascii=False, allow_nan=False)

    def as_csv(self) -> str:
        """The rows of every part under the table's header (no final line end)."""
        assert self.table is not None, "a command without a table offers no csv"
        rows = [record for part in self.parts for record in part.records]
        return csv_text(rows, TABLES[self.table]).rstrip("\n")
