"""Ledgers and forms as .xlsx and .csv bytes (openpyxl writes into memory). Pure.

What makes a ledger usable in Excel/WPS: real date cells (sortable, filterable by month),
a frozen header row with filters, column widths that fit Chinese text, overdue rows filled,
and a second sheet that says as of when, from which commit, and what each column means.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xinfang.documents import rawrows
from xinfang.documents.ledger import Column

__all__ = ["ledger_csv", "ledger_xlsx", "table_csv", "table_xlsx"]

DATE_FORMAT = "yyyy-mm-dd"
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")
_BOLD = Font(bold=True)
_SAMPLE_DATE = dt.date(2000, 1, 1)
# Office fonts first; WPS and LibreOffice fall back to what they have.
_FONT = "宋体"


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _styled(ws, value: object, *, font=None, fill=None, alignment=None):  # noqa: ANN001, ANN202
    cell = WriteOnlyCell(ws, value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _about_sheet(wb: Workbook, facts: Sequence[tuple[str, str]], columns: Sequence[Column]):  # noqa: ANN202
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 80

    def header(a: str, b: str) -> list:
        return [_styled(ws, v, font=_BOLD, fill=_HEADER_FILL) for v in (a, b)]

    ws.append(header("项目", "内容"))
    for key, value in facts:
        ws.append([key, value])
    ws.append([])
    ws.append(header("列名", "含义"))
    for column in columns:
        ws.append([column.header, column.meaning])
    return ws


def ledger_xlsx(
    columns: Sequence[Column],
    rows: Sequence[dict[str, object]],
    *,
    sheet: str,
    facts: Sequence[tuple[str, str]],
) -> bytes:
    """The ledger workbook: one sheet of cases, one sheet `说明` with `facts` and columns.

    openpyxl lays the workbook out in write-only mode (a workbook held whole in memory took
    over a minute and 2 GB at 100,000 cases); the case rows are then written as XML text
    with the styles openpyxl gave two sample rows (rawrows.py)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for i, column in enumerate(columns, start=1):
        longest = max(
            [_display_width(column.header)]
            + [_display_width(_cell_text(v.get(column.key))) for v in rows[:500]]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(max(column.width, longest + 2), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    _print_landscape(ws, title_rows="1:1")
    centre = Alignment(horizontal="center", vertical="center")
    ws.append(
        [_styled(ws, c.header, font=_BOLD, fill=_HEADER_FILL, alignment=centre) for c in columns]
    )
    # Two sample rows, ordinary and highlighted, whose cell styles rawrows copies onto the
    # real rows (openpyxl itself took half a minute for 100,000 rows).
    for fill in (None, _OVERDUE_FILL):
        sample = []
        for column in columns:
            is_date = column.kind == "date"
            cell = WriteOnlyCell(ws, _SAMPLE_DATE if is_date else "-")
            if is_date:
                cell.number_format = DATE_FORMAT
            if fill is not None:
                cell.fill = fill
            sample.append(cell)
        ws.append(sample)
    _about_sheet(wb, facts, columns)
    keys = [c.key for c in columns]
    return rawrows.fill_rows(
        _save(wb),
        [[values.get(k) for k in keys] for values in rows],
        highlighted=lambda i: bool(rows[i].get("overdue_days")),
    )


def table_xlsx(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    sheet: str,
    title: str,
    notes: Sequence[str] = (),
) -> bytes:
    """A form: a title row, a header row, the rows, then notes (口径) under the table."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(list(headers))
    for cell in ws[2]:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[2].height = 45  # three lines of a wrapped header
    for row in rows:
        ws.append(list(row))
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "0.0%"
    ws.append([])
    note_rows = []
    for note in notes:
        ws.append([note])
        note_rows.append((ws.max_row, note))
    for i, header in enumerate(headers, start=1):
        # long headers (with the dates counted) wrap rather than widen the column
        longest = max(
            [min(_display_width(header), 14)] + [_display_width(_cell_text(r[i - 1])) for r in rows]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(longest + 4, 40)
    # Notes span the table's width and wrap, so that they print on the table's pages.
    span = sum(ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(headers) + 1))
    for row, note in note_rows:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 15 * (_display_width(note) // max(int(span), 1) + 1)
    ws.print_area = f"A1:{get_column_letter(len(headers))}{ws.max_row}"
    ws.freeze_panes = "A3"
    _print_landscape(ws, title_rows="2:2")
    return _save(wb)


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel and WPS open Chinese text correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell_text(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def ledger_csv(columns: Sequence[Column], rows: Sequence[dict[str, object]]) -> bytes:
    return table_csv([c.header for c in columns], [[r.get(c.key) for c in columns] for r in rows])


def _print_landscape(ws: Worksheet, *, title_rows: str) -> None:
    """Printed on A4 across, all columns on one page wide, the header rows on every page."""
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
