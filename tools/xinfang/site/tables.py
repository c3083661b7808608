"""Raw HTML tables shared by the page builders. Pure.

Tables are written as HTML rather than Markdown so that cells can carry a sort key
(`data-sort`, read by site_src/javascripts/tablesort.js) and so that nothing in a cell is
ever read as Markdown. Every cell given here is already-escaped HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from xinfang.clocks.deadlines import Clock, Status
from xinfang.site.data import CaseRow, SiteData, link
from xinfang.site.markdown_tables import TABLE_END, TABLE_START
from xinfang.site.public import CONFIDENTIAL_TITLE
from xinfang.site.text import escape

__all__ = [
    "CONFIDENTIAL_TITLE",
    "Cell",
    "case_table",
    "cell",
    "clock_cells",
    "clock_days",
    "table",
    "title_of",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Cell(str):
    """A table cell: HTML, plus an optional sort key."""

    sort: str | None = None


def cell(html: str, sort: object = None) -> Cell:
    c = Cell(html)
    c.sort = None if sort is None else str(sort)
    return c


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    sortable: bool = True,
    searchable: Sequence[int] = (),
    css: str = "",
) -> str:
    """An HTML table, left out of the search index except for the `searchable` columns."""
    classes = " ".join(c for c in ("xf-table", "xf-sortable" if sortable else "", css) if c)
    wrap = "" if searchable else " data-search-exclude"
    # One block from TABLE_START to TABLE_END, which Markdown passes through untouched
    # (site/markdown_tables.py).
    out = [f"{TABLE_START}{wrap}>"]
    out.append(f'<table class="{classes}">')
    out.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead>")
    out.append("<tbody>")
    # On a phone each row becomes a card and each cell shows its header (data-label).
    labels = [f' data-label="{escape(h)}"' for h in headers]
    for row in rows:
        tds = []
        for i, value in enumerate(row):
            sort = getattr(value, "sort", None)
            attr = f' data-sort="{escape(sort)}"' if sort is not None else ""
            attr += labels[i] if i < len(labels) else ""
            if _DATE.match(value):
                attr += ' class="xf-date"'
            if searchable and i not in searchable:
                attr += " data-search-exclude"
            tds.append(f"<td{attr}>{value}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append(TABLE_END)
    return "\n".join(out)


def title_of(row: CaseRow) -> str:
    """The escaped title of a case, or the placeholder of a confidential one."""
    if row.case.is_confidential:
        return f'<span class="xf-muted">{escape(CONFIDENTIAL_TITLE)}</span>'
    return escape(row.case.title)


def clock_days(clock: Clock | None) -> Cell:
    """Days left on a clock, coloured: 逾期 3 天, 今日到期, 剩 12 天."""
    if clock is None or clock.days_left is None:
        return cell('<span class="xf-muted">—</span>', 99999)
    left = clock.days_left
    if clock.status is Status.overdue:
        return cell(f'<span class="xf-badge xf-overdue">逾期 {-left} 天</span>', left)
    if left == 0:
        return cell('<span class="xf-badge xf-soon">今日到期</span>', left)
    css = "xf-soon" if clock.status is Status.due_soon else "xf-ok"
    return cell(f'<span class="xf-badge {css}">剩 {left} 天</span>', left)


def clock_cells(clocks: Sequence[Clock]) -> tuple[Cell, Cell, Cell]:
    """The clocks of one case in three cells (names, due dates, days), one line each,
    earliest due first: the same order, and so the same first clock, as `next_clock`."""
    ordered = sorted(clocks, key=lambda c: (c.due, c.key))
    days = [clock_days(c) for c in ordered]
    return (
        cell("<br>".join(escape(c.name) for c in ordered)),
        cell("<br>".join(c.due.isoformat() for c in ordered), ordered[0].due.isoformat()),
        cell("<br>".join(days), days[0].sort),
    )


def case_link(data: SiteData, row: CaseRow, from_src: str) -> str:
    return link(from_src, row.page, row.fragment)


CASE_HEADERS = ("编号 / 标题", "责任单位", "形式", "登记日期", "状态", "下一期限", "剩余")


def case_table(
    data: SiteData,
    rows: Iterable[CaseRow],
    from_src: str,
    *,
    anchors: bool = False,
) -> str:
    """The standard table of cases.

    With `anchors` (the month pages), each case's first cell carries the case id as its
    HTML id, so that older cases without a page of their own can be linked to as
    `…/2024/03/#XF-2024-0101`; their ids and titles are the month page's search text.
    """
    rows = list(rows)
    out = []
    for row in rows:
        case = row.case
        href = (case_link(data, row, from_src)) if row.has_page else None
        ident = (
            f'<a href="{href}">{case.id}</a>' if href else f'<span class="xf-id">{case.id}</span>'
        )
        title = f'<span class="xf-case-title">{title_of(row)}</span>'
        if anchors:
            # Not a heading: a heading would make the row a search result of its own.
            # Cases with a page of their own are found there; the others by this page.
            hidden = " data-search-exclude" if row.has_page else ""
            first = f'<span class="xf-rowhead" id="{case.id}"{hidden}>{ident} {title}</span>'

        else:
            first = f'<span class="xf-rowhead">{ident} {title}</span>'
        nxt = row.next_clock
        stage = escape(row.stage)
        if row.is_overdue:
            stage += ' <span class="xf-badge xf-overdue">逾期</span>'
        channel = "—" if case.is_confidential else escape(case.channel.label)
        out.append(
            (
                cell(first, case.id),
                cell(escape(data.unit_name(case.unit, short=True))),
                cell(channel),
                cell(case.received.isoformat()),
                cell(stage),
                cell(
                    f"{escape(nxt.name)}<br><small>{nxt.due.isoformat()}</small>" if nxt else "—",
                    nxt.due.isoformat() if nxt else "9999",
                ),
                clock_days(nxt),
            )
        )
    # On a month page only the first column of the cases without a page of their own goes
    # into the search index; a month whose cases all have their page is left out whole.
    indexed = anchors and any(not r.has_page for r in rows)
    return table(CASE_HEADERS, out, searchable=(0,) if indexed else ())
