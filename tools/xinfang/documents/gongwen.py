"""Word drafts in the GB/T 9704—2012 公文 layout, from simple Markdown. Pure (bytes out).

The drafts the tool writes as Markdown (the notice) or builds here (letters) share one
layout: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the type area is
156 × 225 mm; 22 lines of 28 characters (exact line pitch 28.95 pt, 三号 = 16 pt); title in
小标宋 二号 (22 pt) centred; first-level headings 黑体, second-level 楷体, body 仿宋, all 三号;
page numbers “— 1 —” in 宋体 四号 at the foot. Fonts are named as offices have them
(方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体); a computer without them substitutes its
own Chinese fonts (WPS and Word by their tables, LibreOffice through fontconfig).

Understood Markdown: `#`, `##`, `###` headings, paragraphs, `- ` items, `> ` notes, pipe
tables and `**bold**` markers (dropped).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from xinfang.documents import table_layout as layout

__all__ = ["FONTS", "letter_docx", "markdown_docx"]

FONTS = {
    "title": "方正小标宋简体",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "body": "仿宋_GB2312",
    "page": "宋体",
}
LINE_PITCH = Pt(28.95)  # 225 mm ÷ 22 lines
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_SIZE = Pt(14)  # 四号


def _fonts(run, name: str, size: Pt, *, bold: bool = False) -> None:  # noqa: ANN001
    run.font.size = size
    run.font.bold = bold
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, font: str, size: Pt, *, align=None, indent: bool = True, bold=False):  # noqa: ANN001, ANN202
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        p.alignment = align
    _fonts(p.add_run(text), font, size, bold=bold)
    return p


def _page_number_footer(section) -> None:  # noqa: ANN001
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run("— "), FONTS["page"], PAGE_SIZE)
    run = p.add_run()
    _fonts(run, FONTS["page"], PAGE_SIZE)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    _fonts(p.add_run(" —"), FONTS["page"], PAGE_SIZE)


def _setup(doc) -> None:  # noqa: ANN001
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7) * 2  # the page number sits 7 mm below the type area
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONTS["body"])
    _page_number_footer(section)


def _clean(text: str) -> str:
    return layout.clean(text)


def _orient(doc, *, landscape: bool) -> None:  # noqa: ANN001
    """Start a new section, landscape (for a wide table) or back to portrait. The page turns
    with its margins: the 公文 page's top margin becomes the left one; footer and grid stay."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    short, long_ = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_, short
        section.left_margin, section.right_margin = Mm(37), Mm(35)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short, long_
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _table(doc, lines: list[str], area: float = 0.0) -> None:  # noqa: ANN001
    rows = layout.table_rows(lines)
    landscape = area > layout.TYPE_AREA_MM
    if landscape:
        rows = layout.stacked(rows)
    width = max(len(r) for r in rows)
    size = layout.font_size(rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.autofit = False
    widths = [Mm(w) for w in layout.column_widths(rows, width, size, area or layout.TYPE_AREA_MM)]
    for j, column in enumerate(table.columns):
        column.width = widths[j]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if landscape:
        _narrow_margins(table)
    for i, row in enumerate(rows):
        for j in range(width):
            cell = table.cell(i, j)
            p = cell.paragraphs[0]
            fmt = p.paragraph_format
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(size.pt * 1.5)
            cell.width = widths[j]
            snap = OxmlElement("w:snapToGrid")  # table rows follow their own spacing
            snap.set(qn("w:val"), "0")
            p._p.get_or_add_pPr().append(snap)
            if i == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for k, part in enumerate((row[j] if j < len(row) else "").split("\n")):
                if k:
                    p.add_run().add_break()
                _fonts(p.add_run(part), FONTS["body"], size, bold=i == 0)
    # the header row repeats on every page the table runs over
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _narrow_margins(table) -> None:  # noqa: ANN001
    """Left and right cell margins of 1 mm instead of Word's 1.9 mm: room for more columns."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(layout.NARROW_MARGIN_MM / 25.4 * 1440)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _blocks(markdown: str) -> Iterable[tuple[str, list[str]]]:
    table: list[str] = []
    for line in markdown.splitlines():
        if line.lstrip().startswith("|"):
            table.append(line)
            continue
        if table:
            yield "table", table
            table = []
        if line.strip():
            yield "line", [line]
    if table:
        yield "table", table


def _render(doc, markdown: str) -> None:  # noqa: ANN001
    body = FONTS["body"]
    blocks = list(_blocks(markdown))
    turned = False  # on a landscape page, for a wide table
    for (kind, lines), landscape in zip(blocks, layout.landscape(blocks), strict=True):
        if landscape != turned:
            _orient(doc, landscape=landscape)
            turned = landscape
        if kind == "table":
            _table(doc, lines, layout.LANDSCAPE_AREA_MM if landscape else layout.TYPE_AREA_MM)
            continue
        line = lines[0]
        if line.startswith("# "):
            _paragraph(doc, _clean(line[2:]), FONTS["title"], TITLE_SIZE,
                       align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)  # fmt: skip
            _paragraph(doc, "", body, BODY_SIZE, indent=False)  # one empty line under the title
        elif line.startswith("## "):
            _paragraph(doc, _clean(line[3:]), FONTS["h1"], BODY_SIZE)
        elif line.startswith("### "):
            _paragraph(doc, _clean(line[4:]), FONTS["h2"], BODY_SIZE)
        elif line.startswith("> "):
            _paragraph(doc, _clean(line[2:]), FONTS["h2"], BODY_SIZE)
        elif line.lstrip().startswith("- "):
            _paragraph(doc, _clean(line.lstrip()[2:]), body, BODY_SIZE)
        else:
            _paragraph(doc, _clean(line), body, BODY_SIZE)


def _bytes(doc) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def markdown_docx(markdown: str) -> bytes:
    """The Markdown draft as a .docx in the 公文 layout."""
    doc = Document()
    _setup(doc)
    _render(doc, markdown)
    return _bytes(doc)


def letter_docx(title: str, addressee: str, body: str, issuer: str, date: str) -> bytes:
    """A letter or notice (函、通知书) in the 公文 layout: the title; the addressee (主送机关)
    flush left one line under it; the body (simple Markdown); one empty line; then the
    issuer (发文机关署名) and the date (成文日期) right-aligned, the date four characters in
    from the right edge and the issuer centred over it (GB/T 9704—2012 7.3.5)."""
    doc = Document()
    _setup(doc)
    _render(doc, f"# {title}\n")
    _paragraph(doc, addressee, FONTS["body"], BODY_SIZE, indent=False)
    _render(doc, body)
    _paragraph(doc, "", FONTS["body"], BODY_SIZE, indent=False)
    char = BODY_SIZE.pt
    date_indent = 4 * char
    issuer_indent = max(date_indent + (_width(date) - _width(issuer)) * char / 4, 0)
    for text, right in ((issuer, issuer_indent), (date, date_indent)):
        p = _paragraph(doc, text, FONTS["body"], BODY_SIZE, align=WD_ALIGN_PARAGRAPH.RIGHT,
                       indent=False)  # fmt: skip
        p.paragraph_format.right_indent = Pt(right)
    return _bytes(doc)
