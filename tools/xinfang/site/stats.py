"""统计: the yearbook form of this year so far against the same days of last year. Pure.

Every figure comes from `xinfang.ranking.yearbook`, the form `xinfang stats` prints, so the
page and `xinfang stats --year <this year> --as-of <the site's date>` show the same numbers:
the same lines, the same collective-visit threshold (policy/ranking.yaml), 越级访 kept apart
from 来访, and the same comparison window.
"""

from __future__ import annotations

import datetime as dt

from xinfang.ranking import yearbook
from xinfang.ranking.yearbook import Window, Yearbook, YearbookRow
from xinfang.site import svg
from xinfang.site.data import SiteData
from xinfang.site.page import WIDE, front_matter, subtitle
from xinfang.site.svg import change_text
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = ["periods", "render_stats", "year_so_far"]

# The sections of the page: the yearbook's groups, in its order.
SECTIONS = (
    ("来访", "县级接待的来访；集体访按批次计，初访为首次就该事项来访。"),
    ("信、网、电", "来信、网上信访和来电。"),
    ("越级访", "到市、赴省、进京的来访，单独统计，不计入上面的来访。"),
    ("非正常上访", "案件中标为非正常上访（irregular）的事项。"),
    ("其他", ""),
)


def periods(as_of: dt.date) -> tuple[Window, Window]:
    """This year up to the as-of date, and the same days of the year before."""
    current, previous, _ = yearbook.windows(*yearbook.year_window(as_of.year), as_of=as_of)
    return current, previous


def year_so_far(data: SiteData) -> Yearbook:
    start, end = yearbook.year_window(data.as_of.year)
    return yearbook.compile_yearbook(data.registry, start, end, as_of=data.as_of)


def render_stats(data: SiteData) -> str:
    book = year_so_far(data)
    y, py = book.current.start.year, book.previous.start.year
    out = [front_matter("统计", hide=WIDE), "# 统计\n\n", subtitle(data)]
    out.append(
        f"本页统计 **{book.current.label}** 登记的信访事项，并与 {py} 年同期"
        f"（{book.previous.label}）比较；数据截至 {data.as_of.isoformat()}。"
        f"与命令 `xinfang stats --year {y} --as-of {data.as_of.isoformat()}` 的结果相同。\n\n"
    )
    out.append(_overview(book, y, py))
    out.append(_channel_chart(book, y, py))
    for group, intro in SECTIONS:
        out.append(f"## {group}\n\n" + (f"{escape(intro)}\n\n" if intro else ""))
        if group == "越级访":
            out.append(_above_chart(book, y, py))
        out.append(_form(book.group(group), y, py) + "\n\n")
    out.append(_categories(book, y, py))
    out.append("> " + escape(book.footnote) + "\n\n")
    out.append(_history(data))
    return "".join(out)


def _change_cell(value: int, previous: int) -> object:
    text = change_text(value, previous)
    css = "xf-up" if value > previous else ("xf-down" if value < previous else "")
    return cell(f'<span class="{css}">{escape(text)}</span>', value - previous)


def _item(row: YearbookRow) -> object:
    indent = "\u3000" * row.level
    return cell(escape(indent + row.item))


def _form(rows: list[YearbookRow], y: int, py: int) -> str:
    head = (
        "项目",
        "计量",
        f"{y} 年",
        "人次",
        f"{py} 年同期",
        "人次",
        "同比（件次）",
        "同比（人次）",
    )
    return table(
        head,
        [
            (
                _item(r),
                cell(f"{r.unit}/人次"),
                cell(str(r.matters), r.matters),
                cell(str(r.people), r.people),
                cell(str(r.prev_matters), r.prev_matters),
                cell(str(r.prev_people), r.prev_people),
                _change_cell(r.matters, r.prev_matters),
                _change_cell(r.people, r.prev_people),
            )
            for r in rows
        ],
        sortable=False,
    )


def _overview(book: Yearbook, y: int, py: int) -> str:
    keys = ("total", "visit.collective", "above", "irregular", "first")
    rows = [book.row(k) for k in keys]
    flat = [YearbookRow(**(r.as_dict() | {"level": 0})) for r in rows]
    return "## 总体情况\n\n" + _form(flat, y, py) + "\n\n"


def _channel_chart(book: Yearbook, y: int, py: int) -> str:
    lines = [book.row(k) for k in ("visit", "letter", "online", "phone", "above")]
    chart = svg.hbar_chart(
        [(r.item.split("（")[0], r.matters, r.prev_matters) for r in lines],
        caption=f"信、访、网、电和越级访的件次，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    return chart + "\n\n"


def _above_chart(book: Yearbook, y: int, py: int) -> str:
    lines = [r for r in book.group("越级访") if r.level == 1]
    chart = svg.hbar_chart(
        [(r.item, r.matters, r.prev_matters) for r in lines],
        caption=f"越级访按到达层级分的件次，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    return chart + "\n\n"


def _categories(book: Yearbook, y: int, py: int) -> str:
    rows = book.group("问题分类")
    chart = svg.hbar_chart(
        [(r.item, r.matters, r.prev_matters) for r in rows[:12]],
        caption=f"件次最多的问题分类，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    total = book.row("total").matters or 1
    body = [
        (
            cell(escape(r.item)),
            cell(str(r.matters), r.matters),
            cell(f"{r.matters * 100 / total:.1f}%", r.matters),
            cell(str(r.people), r.people),
            cell(str(r.prev_matters), r.prev_matters),
            _change_cell(r.matters, r.prev_matters),
        )
        for r in rows
    ]
    head = ("问题分类", "件次", "占比", "人次", f"{py} 年同期件次", "同比")
    return "## 问题分类\n\n" + chart + "\n\n" + table(head, body) + "\n\n"


def _history(data: SiteData) -> str:
    years = sorted({r.case.received.year for r in data.rows}, reverse=True)
    rows = []
    for year in years:
        start, end = yearbook.year_window(year)
        book = yearbook.compile_yearbook(data.registry, start, end, as_of=data.as_of)
        partial = "（截至当日）" if not book.complete else ""
        r = {row.key: row for row in book.rows}
        coll = r["visit.collective"]
        rows.append(
            (
                cell(f"{year}{partial}", year),
                cell(str(r["total"].matters), r["total"].matters),
                cell(str(r["total"].people)),
                *(cell(str(r[k].matters)) for k in ("visit", "letter", "online", "phone")),
                cell(f"{coll.matters} / {coll.people}", coll.matters),
                cell(str(r["above"].matters)),
                cell(str(r["irregular"].people)),
            )
        )
    head = ("年份", "件次", "人次", "来访", "来信", "网上", "来电", "集体访 批次/人次", "越级访",
            "非正常上访人次")  # fmt: skip
    return "## 历年情况\n\n" + table(head, rows) + "\n"
