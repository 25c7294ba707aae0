"""A command's :class:`~lomaturity.cli.outcome.Outcome` as a document (``--format markdown``
or ``html``) through the markup model of ``_present/markup.py``: a section per part with its
findings and warnings as notes and the summary columns of its tidy table (the full table
is ``--format csv``). Every text is escaped by the markup renderers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._format import WIDTH, number
from .._model.notice import Notice
from .._present.markup import (
    Align,
    Block,
    BulletList,
    Document,
    Heading,
    Note,
    Paragraph,
    Section,
    Table,
    to_html,
    to_markdown,
)
from .._results.tables import CONTEXT_COLUMNS, NUMBER_FORMATS, SUMMARY_COLUMNS, Cell, Record
from .._version import __version__
from .outcome import Outcome, Part

YES_NO = {True: "yes", False: "no"}
"""How a document writes a flag."""


def cell_text(column: str, value: Cell) -> str:
    """One cell as a document shows it: numbers rounded (one decimal unless
    ``NUMBER_FORMATS`` says otherwise), flags as yes/no, nothing as a dash."""
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, float):
        return number(value, NUMBER_FORMATS.get(column, ".1f"))
    return number(None) if value is None or value == "" else str(value)


def shown_columns(kind: str, records: Sequence[Record]) -> list[str]:
    """The summary columns of ``kind`` worth a column here: not empty in every row, and a
    context column only when it varies."""
    shown = []
    for column in SUMMARY_COLUMNS.get(kind, ()):
        values = [r.get(column) for r in records]
        if all(v is None or v == "" for v in values):
            continue
        if column in CONTEXT_COLUMNS and len(set(values)) == 1:
            continue
        shown.append(column)
    return shown


def summary_table(kind: str, records: Sequence[Record]) -> Table | None:
    """The summary columns of the rows as a table (numbers right-aligned); ``None`` without
    rows."""
    columns = shown_columns(kind, records)
    if not records or not columns:
        return None
    rows = [[cell_text(c, r.get(c)) for c in columns] for r in records]
    numeric = {c for c in columns if any(isinstance(r.get(c), int | float) for r in records)} - {
        "rank",
        "phase",
    }
    align: list[Align] = ["right" if c in numeric else "left" for c in columns]
    return Table(header=columns, rows=rows, align=align)


def notes(notices: Sequence[Notice]) -> list[Note]:
    """The findings (a perception gap) and the warnings, each kind as one note."""
    findings = [n.message for n in notices if n.is_finding]
    warnings = [f"{n.subject} [{n.code}]: {n.message}" for n in notices if not n.is_finding]
    out = []
    if findings:
        out.append(Note("finding", "Findings", (BulletList(findings),)))
    if warnings:
        out.append(Note("warning", "Warnings", (BulletList(warnings),)))
    return out


MARKER = re.compile(r"^(?:[-•*] |\d{1,3}[.)] )")
"""A line that starts a list item of its own (a dash or a number)."""

BULLET = re.compile(r"^[-•*] ")
"""A dash that marks a list item in the text (a document's list marks its items)."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _items(block: str) -> list[str]:
    """The logical lines of a block of wrapped text (list markers dropped). A line
    continues the one before it when it is indented deeper than the block (the text's
    hanging indent), or when the one before, at most as deep, filled the line width
    (wrapped); a line starting with a list marker starts an item of its own."""
    lines = [line for line in block.splitlines() if line.strip()]
    base = min(_indent(line) for line in lines)
    items: list[str] = []
    previous = ""
    for line in lines:
        text = line.strip()
        deeper = _indent(line) > base
        wrapped = len(previous) >= WIDTH - 8 and _indent(previous) <= _indent(line)
        if items and not MARKER.match(text) and (deeper or wrapped):
            items[-1] += " " + text
        else:
            items.append(BULLET.sub("", text))
        previous = line
    return items


def text_blocks(text: str) -> list[Paragraph | BulletList]:
    """Plain text as a document: each block of lines (separated by a blank line) a
    paragraph, or a list when it holds several logical lines."""
    out: list[Paragraph | BulletList] = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        items = _items(block)
        out.append(Paragraph(items[0]) if len(items) == 1 else BulletList(items))
    return out


def section(part: Part, kind: str | None) -> Section:
    """One part: its findings and warnings, then its table (or its text, when it has no
    table)."""
    blocks: list[Block] = [*notes(part.notices)]
    table = None if kind is None else summary_table(kind, part.records)
    if table is not None:
        blocks.append(table)
    else:
        blocks += text_blocks(part.text)
    return Section(Heading(part.heading), blocks)


def document(outcome: Outcome) -> Document:
    """The outcome as a document: its title, a section per part."""
    return Document(
        title=outcome.title,
        blocks=[section(part, outcome.table) for part in outcome.parts],
        language=outcome.language,
        footer=f"lomaturity {__version__}",
    )


def markup(outcome: Outcome, form: str) -> str:
    """The outcome as Markdown (``form`` "markdown") or a self-contained HTML page."""
    doc = document(outcome)
    return (to_markdown(doc) if form == "markdown" else to_html(doc)).rstrip("\n")
