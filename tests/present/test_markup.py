"""The markup document model: Markdown and HTML rendering, escaping of untrusted text, the
SVG check and the style sheet's screen, phone and print rules."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lomaturity._present.markup import (
    CSS,
    BulletList,
    Code,
    Document,
    Emphasis,
    Figure,
    Heading,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    check_svg,
    escape_markdown,
    to_html,
    to_markdown,
)

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect width="5" height="5"/></svg>'
)


def _doc() -> Document:
    return Document(
        title="Maturity <report>",
        subtitle="Acme & co",
        language="fi",
        blocks=(
            Section(
                Heading("Overall", 2, anchor="overall"),
                (
                    Paragraph(("Stage ", Strong("Defined"), " (", Code("id-1"), ")")),
                    BulletList(["one", ("two ", Emphasis("2"))], ordered=True),
                ),
            ),
            Table(
                ("Dimension", "Score"),
                (("Strategy", "61.2"), ("People | HR", "40.0")),
                align=("left", "right"),
                caption="Scores 0-100",
            ),
            Note("warning", "Few respondents", (Paragraph("Read with care."),)),
            Figure("Radar", "Four dimensions", SVG),
            Figure("Indicators", "No chart: matplotlib is not installed"),
        ),
        footer="Made by lomaturity",
    )


class _Checker(HTMLParser):
    """Collects tags and checks that they nest (void elements aside)."""

    VOID: ClassVar[set[str]] = {
        "meta",
        "br",
        "img",
        "hr",
        "link",
        "input",
        "rect",
        "path",
        "circle",
        "line",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, tag
        assert self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()


def test_html_is_well_formed_and_self_contained() -> None:
    page = to_html(_doc())
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fi">' in page
    assert "<title>Maturity &lt;report&gt;</title>" in page
    assert '<h2 id="overall">Overall</h2>' in page
    assert "<strong>Defined</strong>" in page
    assert "<code>id-1</code>" in page
    assert "<ol><li>one</li><li>two <em>2</em></li></ol>" in page
    assert '<td data-label="Score" class="right">61.2</td>' in page
    assert '<aside class="note warning">' in page
    assert "<svg" in page
    assert "No chart: matplotlib is not installed" in page
    assert "<script" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert checker.tags.count("table") == 1
    assert checker.tags.count("section") == 1


def test_markdown_structure() -> None:
    text = to_markdown(_doc())
    lines = text.splitlines()
    assert lines[0] == "# Maturity \\<report\\>"
    assert "## Overall" in lines
    assert "Stage **Defined** (`id-1`)" in lines
    assert "1. one" in lines
    assert "2. two *2*" in lines
    assert "| Dimension | Score |" in lines
    assert "| :--- | ---: |" in lines
    assert "| People \\| HR | 40.0 |" in lines
    assert "> **Few respondents**" in lines
    assert "> Read with care." in lines
    image = next(line for line in lines if line.startswith("!["))
    data = image.split("base64,", 1)[1].rstrip(")")
    assert base64.b64decode(data).decode() == SVG
    assert "*Indicators: No chart: matplotlib is not installed*" in lines
    assert text.endswith("*Made by lomaturity*\n")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("> no quote", "\\> no quote"),
        ("= rule", "\\= rule"),
        ("1. not numbered", "1\\. not numbered"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<b>&amp;", "\\<b\\>&amp;amp;"),
        ("two\nlines", "two lines"),
        ("bell\x07 rtl\u202e", "bell\\\\x07 rtl\\\\u202e"),  # shown as bell\x07 rtl\u202e
        ("1.5 points", "1.5 points"),
    ],
)
def test_markdown_escaping(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


def test_untrusted_text_cannot_inject_html() -> None:
    evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>\x1b[31m"
    doc = Document(
        title=evil,
        blocks=(
            Heading(evil),
            Paragraph(evil),
            Table((evil,), ((evil,),)),
            Note("info", evil, (BulletList([evil]),)),
            Figure(evil, evil),
        ),
        language='en"><script>',
    )
    page = to_html(doc)
    assert "<script" not in page
    assert "<img" not in page
    assert "\x1b" not in page
    assert "\\x1b[31m" in page
    assert '<html lang="en">' in page


@given(st.text(max_size=60))
def test_markdown_text_never_starts_markup(text: str) -> None:
    line = escape_markdown(text)
    assert "\n" not in line
    assert "\r" not in line
    assert not re.match(r"\s*([#>=+\-]|\d+[.)](\s|$))", line)
    assert not re.search(r"(?<!\\)[|`*_<\[]", line.replace("\\\\", ""))


@pytest.mark.parametrize(
    "svg",
    [
        "<div>no svg</div>",
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"></svg>',
        '<svg><image href="http://example.com/x.png"/></svg>',
        '<svg><a href="javascript:alert(1)">x</a></svg>',
        "<svg><foreignObject><div/></foreignObject></svg>",
    ],
)
def test_unsafe_svg_is_refused(svg: str) -> None:
    with pytest.raises(ValueError, match="svg"):
        Figure("c", "a", svg)


def test_svg_with_declaration_and_internal_links_is_accepted() -> None:
    svg = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made -->\n<svg><use href="#p1"/></svg>'
    check_svg(svg)
    page = to_html(Document("t", (Figure("c", "a", svg),)))
    assert "<?xml" not in page
    assert '<use href="#p1"/>' in page


def test_table_shape_is_checked() -> None:
    with pytest.raises(ValueError, match="row 0 has 1 cells"):
        Table(("a", "b"), (("x",),))
    with pytest.raises(ValueError, match="align"):
        Table(("a",), (("x",),), align=("left", "right"))
    with pytest.raises(ValueError, match="heading level"):
        Heading("x", 7)


class _Cells(HTMLParser):
    """Collects the table cells' ``data-label`` attributes (``None``: no attribute), row by
    row, and the header cells' texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str | None]] = []
        self.header: list[str] = []
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append(dict(attrs).get("data-label"))
        elif tag == "th":
            self._in_th = True
            self.header.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.header[-1] += data


def test_table_cells_carry_their_column_label() -> None:
    evil = "Score \"<b>\" & 'x'\x07"
    table = Table(
        ("Dimension", evil, "", "Stage\n  now"),
        (("Strategy", "61.2", "bar", "Defined"), (Strong("Overall"), "40.0", "", "Ad hoc")),
        align=("left", "right", "left", "left"),
    )
    page = to_html(Document("t", (table,)))
    escaped = "Score &quot;&lt;b&gt;&quot; &amp; &#x27;x&#x27;\\x07"
    assert f'<td data-label="{escaped}" class="right">61.2</td>' in page
    assert '<td data-label="Dimension"><strong>Overall</strong></td>' in page
    assert "<td>bar</td>" in page  # an empty header: no label
    assert '<td data-label="Stage now">Defined</td>' in page  # whitespace collapsed
    assert "<b>" not in page
    assert "\x07" not in page
    cells = _Cells()
    cells.feed(page)
    shown = evil.replace("\x07", "\\x07")  # the bell as a visible escape
    assert cells.header[1] == shown  # the label reads as the header cell does
    row = ["Dimension", shown, None, "Stage now"]
    assert cells.rows == [[], row, row]  # the header row has no td
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []


def test_table_markdown_has_no_labels() -> None:
    table = Table(
        ("Dimension", 'Score "x"', ""),
        (("Strategy", "61.2", "bar"),),
        align=("left", "right", "left"),
    )
    assert to_markdown(Document("t", (table,))) == (
        '# t\n\n| Dimension | Score "x" |   |\n| :--- | ---: | :--- |\n| Strategy | 61.2 | bar |\n'
    )


def test_css_has_print_and_phone_rules() -> None:
    assert "@page { size: A4;" in CSS
    assert "@media print" in CSS
    assert "break-inside: avoid" in CSS
    assert "@media (max-width: 40rem)" in CSS
    assert ".table-wrap { max-width: 100%; overflow-x: auto;" in CSS
    # phones (screen only, so printing keeps tables): each row a block, labels from the header
    phone = CSS.split("@media screen and (max-width: 40rem) {", 1)[1].split("\n}", 1)[0]
    assert ".table-wrap tbody, .table-wrap tr { display: block; }" in phone
    assert "content: attr(data-label)" in phone
    printed = CSS.split("@media print {", 1)[1]
    assert "data-label" not in printed
    assert "display: block" not in printed
    assert "figure.chart svg { max-width: 100%; height: auto; }" in CSS
    page = to_html(Document("t"))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
