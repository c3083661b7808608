"""The rows of a large sheet written as XML text into a workbook openpyxl has laid out. Pure.

openpyxl spends some 12 µs on each cell even in write-only mode: at 100,000 cases (2.3
million cells) that was half a minute. Here openpyxl still writes the workbook (styles, the
header, column widths, the frozen pane, filter, print setup, the other sheets), with one
sample row per kind of row (row 2 ordinary, row 3 highlighted); the sample rows are then replaced by the real
rows, each cell written as the XML openpyxl would write, with the style the sample of its
kind received. Strings are inline (`t="inlineStr"`), which Excel, WPS, LibreOffice,
openpyxl and calamine all read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

__all__ = ["fill_rows"]

_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug already counted)
_STYLE = re.compile(rb' s="(\d+)"')


def _styles(sheet_xml: bytes, row: int, width: int) -> list[str]:
    """The ` s="N"` attribute (or "") of each column's cell in sample row `row`."""
    start = sheet_xml.index(b'<row r="%d"' % row)
    end = sheet_xml.index(b"</row>", start)
    out = [""] * width
    for match in re.finditer(rb"<c ([^>]*?)/?>", sheet_xml[start:end]):
        attrs = match.group(1)
        ref = re.search(rb'r="([A-Z]+)\d+"', attrs)
        style = _STYLE.search(b" " + attrs)
        if ref is None:
            continue
        col = _column_index(ref.group(1).decode())
        if col < width and style is not None:
            out[col] = f' s="{style.group(1).decode()}"'
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell(ref: str, value: object, style: str, *, keep_empty: bool) -> str:
    if value is None or value == "":  # as openpyxl: no value; a highlighted cell keeps its fill
        return f'<c r="{ref}"{style}/>' if style and keep_empty else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f'<c r="{ref}"{style} t="n"><v>{(day - _EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{style} t="n"><v>{value}</v></c>'
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def fill_rows(
    workbook: bytes,
    rows: Sequence[Sequence[object]],
    *,
    highlighted: Callable[[int], bool],
    sheet_part: str = "xl/worksheets/sheet1.xml",
) -> bytes:
    """`workbook` (as openpyxl saved it, with the header in row 1 and the sample rows 2 and 3
    on the sheet `sheet_part`) with the sample rows replaced by `rows`, from row 2 on; row i
    takes the highlighted styles when `highlighted(i)`."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    sheet_xml = source.read(sheet_part)
    width = max((len(r) for r in rows), default=0)
    plain = _styles(sheet_xml, 2, width)
    marked = _styles(sheet_xml, 3, width)
    letters = [get_column_letter(i + 1) for i in range(width)]
    parts = []
    for i, values in enumerate(rows):
        number = i + 2
        marked_row = highlighted(i)
        styles = marked if marked_row else plain
        cells = "".join(
            _cell(f"{letters[c]}{number}", v, styles[c], keep_empty=marked_row)
            for c, v in enumerate(values)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    start = sheet_xml.index(b'<row r="2"')
    end = sheet_xml.index(b"</sheetData>")
    body = sheet_xml[:start] + "".join(parts).encode("utf-8") + sheet_xml[end:]
    last = f"A1:{letters[-1] if letters else 'A'}{len(rows) + 1}".encode()
    body = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + last + b'"/>', body, count=1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            data = body if info.filename == sheet_part else source.read(info.filename)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
