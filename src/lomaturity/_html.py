"""The pieces of the notebook display (``_repr_html_``): a titled block of short lines,
compact tables and notes, built from plain text that is always escaped here.

Every text goes through :func:`esc` (control characters made visible, then HTML-escaped),
so rubric titles, organization names and notices from untrusted files cannot inject markup.
No JavaScript, no external resources, no colours: only inline layout styles (a ``<style>``
element would restyle the whole notebook), so that the text and the borders follow
Jupyter's light or dark theme (docs/notebooks.md)."""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence

from ._format import printable

MAX_ROWS = 15
"""Rows of a table shown; the rest are counted in a last row (``… 19 more``)."""

MAX_NOTES = 8
"""Notes (notices) shown under a block; the rest are counted."""

_BORDER = "1px solid rgba(127, 127, 127, 0.45)"
_CELL = "padding: 2px 8px; vertical-align: top"


def esc(value: object) -> str:
    """``value`` as HTML text: control and invisible characters written as visible escapes
    (:func:`~lomaturity._format.printable`), then ``<``, ``>``, ``&`` and quotes escaped."""
    return html.escape(printable(str(value)), quote=True)


def _cell(tag: str, text: str, right: bool, extra: str = "") -> str:
    align = "right" if right else "left"
    return f'<{tag} style="{_CELL}; text-align: {align}{extra}">{esc(text)}</{tag}>'


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    right: Collection[int] = (),
    strong: Collection[int] = (),
) -> str:
    """A compact table of plain-text cells (escaped here): ``right``: the indexes of the
    columns aligned right (numbers); ``strong``: the indexes of rows shown bold (totals).
    At most :data:`MAX_ROWS` rows, the rest counted."""
    head = "".join(
        _cell("th", h, i in right, f"; border-bottom: {_BORDER}") for i, h in enumerate(header)
    )
    body: list[str] = []
    shown = list(rows)
    for n, row in enumerate(shown[:MAX_ROWS]):
        weight = "; font-weight: bold" if n in strong else ""
        cells = "".join(_cell("td", c, i in right, weight) for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if len(shown) > MAX_ROWS:
        more = f"… {len(shown) - MAX_ROWS} more"
        body.append(f'<tr><td colspan="{len(header)}" style="{_CELL}">{esc(more)}</td></tr>')
    return (
        '<table style="border-collapse: collapse; margin: 4px 0">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def block(
    title: str,
    lines: Sequence[str] = (),
    tables: Sequence[str] = (),
    notes: Sequence[str] = (),
) -> str:
    """A titled block: the ``title`` in bold, short ``lines`` of plain text under it, the
    ``tables`` (from :func:`table`), then ``notes`` as a list (at most :data:`MAX_NOTES`)."""
    parts = [f'<div style="font-weight: bold">{esc(title)}</div>']
    parts += [f'<div style="opacity: 0.8">{esc(line)}</div>' for line in lines]
    parts += list(tables)
    if notes:
        items = [f"<li>{esc(n)}</li>" for n in notes[:MAX_NOTES]]
        if len(notes) > MAX_NOTES:
            items.append(f"<li>{esc(f'… {len(notes) - MAX_NOTES} more')}</li>")
        parts.append(f'<ul style="margin: 4px 0; padding-left: 20px">{"".join(items)}</ul>')
    return f'<div class="lomaturity" style="line-height: 1.4">{"".join(parts)}</div>'
