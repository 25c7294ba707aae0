"""A small document model (headings, paragraphs, lists, tables, figures, notes) rendered to
Markdown and to self-contained HTML: the one home of markup escaping and of the report CSS.

Every text in the model is plain, untrusted text (rubric texts, organization and team
names, file names): :func:`to_html` HTML-escapes it and :func:`to_markdown`
Markdown-escapes it, and both write control and invisible format characters as visible
escapes (:func:`lomaturity._format.printable`). The only markup that passes through is a
:class:`Figure`'s SVG, which the library itself makes (a chart); it is checked to be one
``<svg>`` element without scripts, event handlers or external references.

Build a :class:`Document` from blocks and render it::

    doc = Document(
        title="Scores",
        blocks=(Heading("Overall"), Paragraph(("Stage ", Strong("Defined"), ".")),),
    )
    to_markdown(doc)
    to_html(doc)
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import field, frozen

from .._format import printable

# --- the model -----------------------------------------------------------------------------


@frozen
class Strong:
    """Bold text inside a paragraph, list item or table cell."""

    text: str


@frozen
class Emphasis:
    """Italic text inside a paragraph, list item or table cell."""

    text: str


@frozen
class Code:
    """Text in a fixed-width font (ids, file names, commands)."""

    text: str


@frozen
class Meter:
    """A score on 0-100 drawn as a small bar with its range (``low``-``high``) shaded:
    HTML draws it with CSS (printed too), Markdown as ten block characters."""

    value: float
    low: float | None = None
    high: float | None = None
    label: str = ""

    def __attrs_post_init__(self) -> None:
        for v in (self.value, self.low, self.high):
            if v is not None and not 0.0 <= v <= 100.0:
                raise ValueError(f"a meter shows 0-100, got {v}")


Inline = str | Strong | Emphasis | Code | Meter
"""A run of text: plain (a ``str``), strong, emphasized or code; or a meter."""

Align = Literal["left", "right", "center"]
"""How a table column's cells are aligned."""

Content = str | Inline | Sequence[Inline]
"""The content of a paragraph, list item or table cell: one run or a sequence of runs."""


def _runs(value: Content) -> tuple[Inline, ...]:
    """``value`` as a tuple of runs (a bare string is one run)."""
    if isinstance(value, str | Strong | Emphasis | Code | Meter):
        return (value,)
    return tuple(value)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _aligns(values: Iterable[Align]) -> tuple[Align, ...]:
    return tuple(values)


def _parts(values: Iterable[Paragraph | BulletList]) -> tuple[Paragraph | BulletList, ...]:
    return tuple(values)


def _blocks(values: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(values)


def _facts(items: Iterable[tuple[str, Content]]) -> tuple[tuple[str, tuple[Inline, ...]], ...]:
    return tuple((term, _runs(value)) for term, value in items)


def _items(items: Iterable[Content]) -> tuple[tuple[Inline, ...], ...]:
    return tuple(_runs(item) for item in items)


def _cells(rows: Iterable[Iterable[Content]]) -> tuple[tuple[tuple[Inline, ...], ...], ...]:
    return tuple(tuple(_runs(cell) for cell in row) for row in rows)


@frozen
class Facts:
    """Key figures shown side by side (HTML: cards; Markdown: a list of ``**term:**
    value``): each item a short ``term`` and its content."""

    items: tuple[tuple[str, tuple[Inline, ...]], ...] = field(converter=_facts)


@frozen
class Heading:
    """A heading. ``level`` 2-4 inside a document (level 1 is the document's title);
    ``anchor`` is an optional id (letters, digits, ``-``, ``_``) for links."""

    text: str
    level: int = field(default=2)
    anchor: str | None = None

    @level.validator
    def _check_level(self, _attribute: object, value: int) -> None:
        if not 1 <= value <= 6:
            raise ValueError(f"heading level must be 1-6, got {value}")


@frozen
class Paragraph:
    """A paragraph of runs; whitespace (also line breaks) in the text collapses to spaces."""

    content: tuple[Inline, ...] = field(converter=_runs)


@frozen
class BulletList:
    """A list of items (``ordered=True``: numbered)."""

    items: tuple[tuple[Inline, ...], ...] = field(converter=_items)
    ordered: bool = False


@frozen
class Table:
    """A table: ``header`` labels, ``rows`` of cells (each as many as the header), optional
    ``align`` per column (numbers read best right-aligned) and a ``caption``. In HTML each
    cell carries its column's header (``data-label``): on a phone-width screen every row is
    a block of label-value lines, so nothing scrolls sideways; on a wider screen that is
    still too narrow the table scrolls inside its own box (the page does not); printed, it
    is a table."""

    header: tuple[str, ...] = field(converter=_strings)
    rows: tuple[tuple[tuple[Inline, ...], ...], ...] = field(converter=_cells)
    align: tuple[Align, ...] = field(default=(), converter=_aligns)
    caption: str | None = None

    def __attrs_post_init__(self) -> None:
        width = len(self.header)
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"table row {i} has {len(row)} cells, the header {width}")
        if self.align and len(self.align) != width:
            raise ValueError(f"table align has {len(self.align)} entries, the header {width}")


NoteKind = Literal["info", "warning", "finding"]


@frozen
class Note:
    """A boxed note: ``kind`` "warning" (a result a reader must not over-read), "finding"
    (a result worth attention) or "info"; ``title`` in bold, then the paragraphs."""

    kind: NoteKind
    title: str
    body: tuple[Paragraph | BulletList, ...] = field(default=(), converter=_parts)


@frozen
class Figure:
    """A chart: ``svg`` (an ``<svg>`` element the library made, or ``None`` when the chart
    could not be drawn), its ``caption`` and ``alt`` text (what the chart shows, for screen
    readers and for Markdown). Without an SVG the caption and the alt text are shown."""

    caption: str
    alt: str
    svg: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.svg is not None:
            check_svg(self.svg)


@frozen
class Section:
    """A heading and the blocks under it (in HTML a ``<section>``)."""

    heading: Heading
    blocks: tuple[Block, ...] = field(default=(), converter=_blocks)


Block = Heading | Paragraph | BulletList | Table | Note | Figure | Facts | Section
"""Anything a document holds."""


@frozen
class Document:
    """A whole document: its ``title`` (the level-1 heading and the HTML ``<title>``), an
    optional ``subtitle`` line, the ``blocks``, the ``language`` (an IETF tag such as
    ``"en"`` or ``"fi"``, the HTML ``lang``) and a ``footer`` line."""

    title: str
    blocks: tuple[Block, ...] = field(default=(), converter=_blocks)
    subtitle: str | None = None
    language: str = "en"
    footer: str | None = None


# --- escaping ------------------------------------------------------------------------------

_SVG_FORBIDDEN = re.compile(
    r"<\s*(script|foreignObject|iframe|object|embed)\b|\bon[a-z]+\s*=|javascript:"
    r"|(?:href|src)\s*=\s*[\"']\s*(?!#|data:image/)",
    re.IGNORECASE,
)


def check_svg(svg: str) -> None:
    """Refuse markup that is not one inline SVG drawing (``ValueError``): it must start with
    ``<svg`` (after an optional XML declaration or comments) and hold no script, event
    handler, foreign object or external reference (so the report stays self-contained and
    safe to open)."""
    body = re.sub(
        r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*",
        "",
        svg,
        count=1,
        flags=re.S,
    )
    if not body.startswith("<svg"):
        raise ValueError("a figure's svg must be an <svg> element")
    if (bad := _SVG_FORBIDDEN.search(body)) is not None:
        raise ValueError(f"a figure's svg holds {bad.group()!r}: scripts and links are refused")


def _svg_element(svg: str) -> str:
    """The ``<svg>`` element alone (without an XML declaration, doctype or comments)."""
    return svg[svg.index("<svg") :]


def escape_html(text: str) -> str:
    """``text`` safe as HTML text or attribute value: control characters made visible
    escapes, ``& < > " '`` escaped."""
    return html.escape(printable(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!{}])")
_MD_LINE_START = re.compile(r"^(\s*)([#>=+\-]|\d+[.)](?=\s|$))")


def _collapsed(text: str) -> str:
    """Runs of whitespace (line breaks too) as one space, a leading or trailing one kept."""
    return re.sub(r"\s+", " ", text)


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """``text`` as literal Markdown text on one line: whitespace collapsed to single spaces,
    control characters made visible escapes, Markdown's inline markup characters
    (backslash, backtick, ``* _ [ ] < > | ~ ! { }``) backslash-escaped, ``&`` written as
    ``&amp;`` (no entity sneaks through), and (with ``line_start``, for text that may begin
    a line) a leading ``#``, ``>``, ``=``, ``+``, ``-`` or ``1.`` escaped so that the text
    never starts a heading, quote, list or rule."""
    text = printable(_collapsed(text))
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")
    if not line_start:
        return text
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), text)


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1]
    return "\\" + token


def _code_markdown(text: str) -> str:
    """``text`` as a Markdown code span (fenced with more backticks than it holds)."""
    text = printable(_collapsed(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- Markdown ------------------------------------------------------------------------------


def _inline_md(runs: Iterable[Inline], *, line_start: bool = True) -> str:
    """Runs as Markdown; ``line_start``: the first run may begin a line (escape list and
    heading marks there)."""
    out: list[str] = []
    for i, run in enumerate(runs):
        if isinstance(run, str):
            out.append(
                escape_markdown(run.lstrip() if i == 0 else run, line_start=line_start and i == 0)
            )
        elif isinstance(run, Strong):
            out.append(f"**{escape_markdown(run.text.strip(), line_start=False)}**")
        elif isinstance(run, Emphasis):
            out.append(f"*{escape_markdown(run.text.strip(), line_start=False)}*")
        elif isinstance(run, Meter):
            out.append(_meter_text(run))
        else:
            out.append(_code_markdown(run.text))
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _meter_text(meter: Meter) -> str:
    """A meter as ten block characters: ``▰▰▰▰▱▱▱▱▱▱`` for 40."""
    filled = round(meter.value / 10)
    return "▰" * filled + "▱" * (10 - filled)


def _table_md(table: Table) -> list[str]:
    def cell(runs: tuple[Inline, ...]) -> str:
        return _inline_md(runs, line_start=False) or " "

    rule = {"left": ":---", "right": "---:", "center": ":---:"}
    aligns = table.align or ("left",) * len(table.header)
    lines = [
        "| " + " | ".join(escape_markdown(h, line_start=False) or " " for h in table.header) + " |",
        "| " + " | ".join(rule[a] for a in aligns) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    if table.caption:
        lines += ["", f"*{escape_markdown(table.caption)}*"]
    return lines


def _figure_md(figure: Figure) -> list[str]:
    if figure.svg is None:
        return [f"*{escape_markdown(figure.caption)}: {escape_markdown(figure.alt)}*"]
    data = base64.b64encode(_svg_element(figure.svg).encode("utf-8")).decode("ascii")
    alt = escape_markdown(figure.alt)
    return [
        f"![{alt}](data:image/svg+xml;base64,{data})",
        "",
        f"*{escape_markdown(figure.caption)}*",
    ]


def _block_md(block: Block) -> list[str]:
    """``block`` as Markdown lines."""
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {escape_markdown(block.text)}"]
    if isinstance(block, Paragraph):
        return [_inline_md(block.content)]
    if isinstance(block, BulletList):
        marks = [f"{i}." if block.ordered else "-" for i in range(1, len(block.items) + 1)]
        return [f"{mark} {_inline_md(item)}" for mark, item in zip(marks, block.items, strict=True)]
    if isinstance(block, Table):
        return _table_md(block)
    if isinstance(block, Figure):
        return _figure_md(block)
    if isinstance(block, Facts):
        return [
            f"- **{escape_markdown(term, line_start=False)}:** "
            + _inline_md(value, line_start=False)
            for term, value in block.items
        ]
    if isinstance(block, Note):
        inner: list[str] = [f"**{escape_markdown(block.title)}**"]
        for part in block.body:
            inner += ["", *_block_md(part)]
        return [f"> {line}".rstrip() for line in inner]
    lines = _block_md(block.heading)
    for child in block.blocks:
        lines += ["", *_block_md(child)]
    return lines


def to_markdown(document: Document) -> str:
    """``document`` as CommonMark/GitHub Markdown text (ends with a line break). A figure
    becomes an image whose source is its SVG as a ``data:`` URI (self-contained; some
    viewers, GitHub among them, do not show such images: the caption follows it)."""
    lines = [f"# {escape_markdown(document.title)}"]
    if document.subtitle:
        lines += ["", f"*{escape_markdown(document.subtitle)}*"]
    for block in document.blocks:
        lines += ["", *_block_md(block)]
    if document.footer:
        lines += ["", "---", "", f"*{escape_markdown(document.footer)}*"]
    return "\n".join(lines) + "\n"


# --- HTML ----------------------------------------------------------------------------------


def _inline_html(runs: Iterable[Inline]) -> str:
    out: list[str] = []
    for run in runs:
        if isinstance(run, str):
            out.append(escape_html(_collapsed(run)))
        elif isinstance(run, Strong):
            out.append(f"<strong>{escape_html(_collapsed(run.text).strip())}</strong>")
        elif isinstance(run, Emphasis):
            out.append(f"<em>{escape_html(_collapsed(run.text).strip())}</em>")
        elif isinstance(run, Meter):
            out.append(_meter_html(run))
        else:
            out.append(f"<code>{escape_html(_collapsed(run.text))}</code>")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _meter_html(meter: Meter) -> str:
    """A meter: a track, the range shaded, a mark at the value (CSS; positions in %)."""
    label = escape_html(meter.label or f"{meter.value:.1f} / 100")
    parts = [f'<span class="meter" role="img" aria-label="{label}">']
    if meter.low is not None and meter.high is not None:
        width = max(meter.high - meter.low, 0.8)
        parts.append(f'<span class="band" style="left:{meter.low:.1f}%;width:{width:.1f}%"></span>')
    parts.append(f'<span class="mark" style="left:{meter.value:.1f}%"></span></span>')
    return "".join(parts)


_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def _heading_html(heading: Heading) -> str:
    level = heading.level
    anchor = ""
    if heading.anchor is not None and _ANCHOR.fullmatch(heading.anchor):
        anchor = f' id="{heading.anchor}"'
    return f"<h{level}{anchor}>{escape_html(heading.text)}</h{level}>"


def _label(header: str) -> str:
    """A cell's ``data-label`` attribute: its column's header, attribute-escaped, shown
    before the cell when a phone stacks the table's rows (none for an empty header)."""
    text = _collapsed(header).strip()
    return f' data-label="{escape_html(text)}"' if text else ""


def _table_html(table: Table) -> list[str]:
    aligns = table.align or ("left",) * len(table.header)

    def attr(i: int) -> str:
        return "" if aligns[i] == "left" else f' class="{aligns[i]}"'

    lines = ['<div class="table-wrap"><table>']
    if table.caption:
        lines.append(f"<caption>{escape_html(table.caption)}</caption>")
    head = "".join(
        f'<th scope="col"{attr(i)}>{escape_html(h)}</th>' for i, h in enumerate(table.header)
    )
    labels = [_label(h) for h in table.header]
    lines.append(f"<thead><tr>{head}</tr></thead>")
    lines.append("<tbody>")
    for row in table.rows:
        cells = "".join(
            f"<td{labels[i]}{attr(i)}>{_inline_html(c)}</td>" for i, c in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table></div>")
    return lines


def _figure_html(figure: Figure) -> list[str]:
    caption = f"<figcaption>{escape_html(figure.caption)}</figcaption>"
    if figure.svg is None:
        alt = f'<p class="no-chart">{escape_html(figure.alt)}</p>'
        return [f'<figure class="chart missing">{alt}{caption}</figure>']
    svg = _svg_element(figure.svg)
    label = escape_html(figure.alt)
    return [
        f'<figure class="chart" role="img" aria-label="{label}">',
        svg.strip(),
        caption,
        "</figure>",
    ]


def _block_html(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [_heading_html(block)]
    if isinstance(block, Paragraph):
        return [f"<p>{_inline_html(block.content)}</p>"]
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_inline_html(item)}</li>" for item in block.items)
        return [f"<{tag}>{items}</{tag}>"]
    if isinstance(block, Table):
        return _table_html(block)
    if isinstance(block, Figure):
        return _figure_html(block)
    if isinstance(block, Facts):
        cards = "".join(
            f'<div class="fact"><dt>{escape_html(term)}</dt><dd>{_inline_html(value)}</dd></div>'
            for term, value in block.items
        )
        return [f'<dl class="facts">{cards}</dl>']
    if isinstance(block, Note):
        lines = [
            f'<aside class="note {block.kind}">',
            f'<p class="note-title">{escape_html(block.title)}</p>',
        ]
        for part in block.body:
            lines += _block_html(part)
        return [*lines, "</aside>"]
    lines = ["<section>", _heading_html(block.heading)]
    for child in block.blocks:
        lines += _block_html(child)
    return [*lines, "</section>"]


CSS = """
:root {
  --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --soft: #f4f6fa; --accent: #0072b2;
  --warn: #b35900; --warn-bg: #fff5e8; --find: #006e52; --find-bg: #e9f7f2; --info-bg: #eef4fb;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    Arial, sans-serif;
  overflow-wrap: break-word;
}
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
header.doc { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem;
  padding-bottom: .75rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .35rem; }
.subtitle { color: var(--muted); margin: 0; }
h2 { font-size: 1.4rem; margin: 2.2rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.12rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p, ul, ol { margin: .5rem 0 .9rem; }
li { margin: .2rem 0; }
code { font: .9em/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  background: var(--soft); padding: .05em .3em; border-radius: 3px; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: .75rem 0 1.25rem; }
table { border-collapse: collapse; width: 100%; font-size: .94rem; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: .85rem;
  padding-top: .4rem; }
th, td { padding: .42rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top;
  text-align: left; }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fafbfd; }
.right { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.center { text-align: center; }
aside.note { border-left: 4px solid var(--accent); background: var(--info-bg);
  padding: .6rem 1rem; margin: 1rem 0; border-radius: 0 6px 6px 0; }
aside.note.warning { border-color: var(--warn); background: var(--warn-bg); }
aside.note.finding { border-color: var(--find); background: var(--find-bg); }
aside.note p, aside.note ul { margin: .3rem 0; }
.note-title { font-weight: 650; }
figure.chart { margin: 1rem 0 1.5rem; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .88rem; margin-top: .3rem; }
.no-chart { color: var(--muted); font-style: italic; border: 1px dashed var(--line);
  padding: 1rem; border-radius: 6px; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .75rem; margin: 1rem 0 1.25rem; }
.fact { border: 1px solid var(--line); border-radius: 8px; padding: .7rem .9rem;
  background: var(--soft); }
.fact dt { color: var(--muted); font-size: .8rem; text-transform: uppercase;
  letter-spacing: .04em; }
.fact dd { margin: .2rem 0 0; font-size: 1.05rem; }
.fact dd strong { font-size: 1.5rem; color: var(--accent); }
.meter { position: relative; display: inline-block; width: 7rem; height: .7rem;
  background: #e6eaf1; border-radius: 4px; vertical-align: middle; overflow: hidden; }
.meter .band { position: absolute; top: 0; bottom: 0; background: #9cc7e4; }
.meter .mark { position: absolute; top: -1px; bottom: -1px; width: 3px; margin-left: -1px;
  background: var(--accent); }
footer.doc { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line);
  margin-top: 2.5rem; padding-top: .75rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 1rem .85rem 2rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.22rem; }
  th, td { padding: .35rem .4rem; }
  table { font-size: .86rem; }
  .meter { width: 3.5rem; }
  .fact { padding: .5rem .65rem; }
  .fact dd strong { font-size: 1.25rem; }
}
@media screen and (max-width: 40rem) {
  .table-wrap { overflow-x: visible; }
  .table-wrap table { display: flex; flex-direction: column; }
  .table-wrap caption { display: block; order: 1; }
  .table-wrap thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .table-wrap tbody, .table-wrap tr { display: block; }
  .table-wrap tr { border-bottom: 2px solid var(--line); padding: .3rem 0; }
  .table-wrap tbody tr:nth-child(even) { background: #fafbfd; }
  .table-wrap td { display: table; table-layout: fixed; border-collapse: separate;
    border-spacing: 0; width: 100%; border: 0; padding: .1rem .5rem; text-align: left;
    white-space: normal; }
  .table-wrap td:first-child { font-weight: 600; }
  .table-wrap td::before { content: attr(data-label); display: table-cell; width: 38%;
    padding-right: .6rem; color: var(--muted); font-size: .92em; font-weight: 600;
    overflow-wrap: anywhere; }
  .table-wrap td:empty { display: none; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { font-size: 10.5pt; color: #000; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.4rem; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, figure, aside.note, tr { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tbody tr:nth-child(even) td { background: none; }
  a { color: inherit; text-decoration: none; }
}
""".strip()
"""The report's style sheet: readable on a screen, a phone (no sideways scrolling: each
table row is stacked as a block of lines, each cell after its column's header from its
``data-label``) and on A4 paper (print rules; tables stay tables)."""


def to_html(document: Document, *, css: str = CSS) -> str:
    """``document`` as one self-contained HTML5 page (UTF-8; the style sheet inside; no
    scripts, no network): readable without JavaScript and printable to A4."""
    lang = (
        document.language
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", document.language)
        else "en"
    )
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape_html(document.title)}</title>",
        f"<style>\n{css}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header class="doc">',
        f"<h1>{escape_html(document.title)}</h1>",
    ]
    if document.subtitle:
        head.append(f'<p class="subtitle">{escape_html(document.subtitle)}</p>')
    head.append("</header>")
    body: list[str] = []
    for block in document.blocks:
        body += _block_html(block)
    tail = []
    if document.footer:
        tail.append(f'<footer class="doc">{escape_html(document.footer)}</footer>')
    tail += ["</main>", "</body>", "</html>"]
    return "\n".join([*head, *body, *tail]) + "\n"
