"""统计: yearbook-style figures, this year so far against the same period last year. Pure.

件次 counts matters, 人次 adds up their headcounts. A collective visit (集体访) is a visit by
five people or more (《信访工作条例》第二十条 limits a group to five representatives). A
visit above the county (越级访) is one whose `visited_level` is the city, the province or
Beijing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from xinfang.models import Channel, Level
from xinfang.site import svg
from xinfang.site.data import CaseRow, SiteData
from xinfang.site.page import WIDE, front_matter, subtitle
from xinfang.site.svg import change_text
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = ["Period", "periods", "render_stats"]

COLLECTIVE = 5
ABOVE_COUNTY = (Level.city, Level.province, Level.national)


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        return f"{self.start.year} 年 {self.start.month} 月 {self.start.day} 日至 {self.end.month} 月 {self.end.day} 日"

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def periods(as_of: dt.date) -> tuple[Period, Period]:
    """This year up to the as-of date, and the same days of the year before."""
    this = Period(dt.date(as_of.year, 1, 1), as_of)
    end = (
        as_of.replace(year=as_of.year - 1)
        if (as_of.month, as_of.day) != (2, 29)
        else (dt.date(as_of.year - 1, 2, 28))
    )
    return this, Period(dt.date(as_of.year - 1, 1, 1), end)


def _is_collective(row: CaseRow) -> bool:
    return row.case.channel is Channel.visit and row.case.headcount >= COLLECTIVE


def _counts(rows: Iterable[CaseRow], key: Callable[[CaseRow], object]) -> tuple[Counter, Counter]:
    cases: Counter = Counter()
    people: Counter = Counter()
    for row in rows:
        k = key(row)
        if k is None:
            continue
        cases[k] += 1
        people[k] += row.case.headcount
    return cases, people


def render_stats(data: SiteData) -> str:
    this, last = periods(data.as_of)
    now = [r for r in data.rows if this.holds(r.case.received)]
    before = [r for r in data.rows if last.holds(r.case.received)]
    y, py = this.start.year, last.start.year
    out = [front_matter("统计", hide=WIDE), "# 统计\n\n", subtitle(data)]
    out.append(
        f"本页统计 **{this.label}** 登记的信访事项，并与 {py} 年同期（{last.label}）比较。"
        "件次按事项计，人次按每件事项的人数合计。\n\n"
    )
    out.append(_overview(now, before, y, py))
    out.append(_by_channel(now, before, y, py))
    out.append(_collective(now, before, y, py))
    out.append(_above_county(now, before, y, py))
    out.append(_categories(data, now, before, y, py))
    out.append(_history(data))
    return "".join(out)


def _change_cell(value: int, previous: int) -> object:
    text = change_text(value, previous)
    css = "xf-up" if value > previous else ("xf-down" if value < previous else "")
    return cell(f'<span class="{css}">{escape(text)}</span>', value - previous)


def _overview(now: list[CaseRow], before: list[CaseRow], y: int, py: int) -> str:
    def figures(rows: list[CaseRow]) -> list[int]:
        return [
            len(rows),
            sum(r.case.headcount for r in rows),
            sum(r.case.first for r in rows),
            sum(_is_collective(r) for r in rows),
            sum(r.case.visited_level in ABOVE_COUNTY for r in rows),
        ]

    names = (
        "信访事项（件次）",
        "信访人数（人次）",
        "初信初访（件）",
        "集体访（批次）",
        "越级访（件次）",
    )
    a, b = figures(now), figures(before)
    rows = [
        (cell(n), cell(str(x), x), cell(str(p), p), _change_cell(x, p))
        for n, x, p in zip(names, a, b, strict=True)
    ]
    return "## 总体情况\n\n" + table(("项目", f"{y} 年", f"{py} 年同期", "同比"), rows) + "\n\n"


def _by_channel(now: list[CaseRow], before: list[CaseRow], y: int, py: int) -> str:
    cn, pn = _counts(now, lambda r: r.case.channel)
    cb, pb = _counts(before, lambda r: r.case.channel)
    rows = [
        (
            cell(escape(ch.label)),
            cell(str(cn[ch]), cn[ch]),
            _change_cell(cn[ch], cb[ch]),
            cell(str(pn[ch]), pn[ch]),
            _change_cell(pn[ch], pb[ch]),
        )
        for ch in Channel
    ]
    chart = svg.hbar_chart(
        [(ch.label, cn[ch], cb[ch]) for ch in Channel],
        caption=f"按信访形式（信、访、网、电）分的件次，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    head = ("形式", "件次", "件次同比", "人次", "人次同比")
    return "## 信、访、网、电\n\n" + chart + "\n\n" + table(head, rows) + "\n\n"


def _collective(now: list[CaseRow], before: list[CaseRow], y: int, py: int) -> str:
    a = [r for r in now if _is_collective(r)]
    b = [r for r in before if _is_collective(r)]
    pa, pb = sum(r.case.headcount for r in a), sum(r.case.headcount for r in b)
    rows = [
        (
            cell("批次"),
            cell(str(len(a)), len(a)),
            cell(str(len(b)), len(b)),
            _change_cell(len(a), len(b)),
        ),
        (cell("人次"), cell(str(pa), pa), cell(str(pb), pb), _change_cell(pa, pb)),
    ]
    out = f"## 集体访\n\n{COLLECTIVE} 人及以上的来访。\n\n"
    return out + table(("项目", f"{y} 年", f"{py} 年同期", "同比"), rows) + "\n\n"


def _above_county(now: list[CaseRow], before: list[CaseRow], y: int, py: int) -> str:
    cn, pn = _counts(now, lambda r: r.case.visited_level)
    cb, pb = _counts(before, lambda r: r.case.visited_level)
    chart = svg.hbar_chart(
        [(lv.label, cn[lv], cb[lv]) for lv in ABOVE_COUNTY],
        caption=f"越级访按到达层级分的件次，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    rows = [
        (
            cell(escape(lv.label)),
            cell(str(cn[lv]), cn[lv]),
            cell(str(pn[lv]), pn[lv]),
            cell(str(cb[lv]), cb[lv]),
            _change_cell(cn[lv], cb[lv]),
        )
        for lv in ABOVE_COUNTY
    ]
    total, ptotal = sum(cn[lv] for lv in ABOVE_COUNTY), sum(cb[lv] for lv in ABOVE_COUNTY)
    rows.append(
        (
            cell("<strong>合计</strong>"),
            cell(str(total), total),
            cell(str(sum(pn[lv] for lv in ABOVE_COUNTY))),
            cell(str(ptotal), ptotal),
            _change_cell(total, ptotal),
        )
    )
    head = ("到达层级", "件次", "人次", f"{py} 年同期件次", "同比")
    intro = "越过县级、到市级、省级或进京的来访（按登记的来访层级统计）。\n\n"
    return "## 越级访\n\n" + intro + chart + "\n\n" + table(head, rows) + "\n\n"


def _categories(data: SiteData, now: list[CaseRow], before: list[CaseRow], y: int, py: int) -> str:
    cn, pn = _counts(now, lambda r: r.case.category)
    cb, _ = _counts(before, lambda r: r.case.category)
    keys = sorted(set(cn) | set(cb), key=lambda k: (-cn[k], -cb[k], k))
    chart = svg.hbar_chart(
        [(data.category_name(k), cn[k], cb[k]) for k in keys[:12]],
        caption=f"件次最多的问题分类，{y} 年与 {py} 年同期",
        current=f"{y} 年",
        previous=f"{py} 年同期",
    )
    total = sum(cn.values()) or 1
    rows = [
        (
            cell(escape(data.category_name(k))),
            cell(str(cn[k]), cn[k]),
            cell(f"{cn[k] * 100 / total:.1f}%", cn[k]),
            cell(str(pn[k]), pn[k]),
            cell(str(cb[k]), cb[k]),
            _change_cell(cn[k], cb[k]),
        )
        for k in keys
    ]
    head = ("问题分类", "件次", "占比", "人次", f"{py} 年同期件次", "同比")
    return "## 问题分类\n\n" + chart + "\n\n" + table(head, rows) + "\n\n"


def _history(data: SiteData) -> str:
    years = sorted({r.case.received.year for r in data.rows}, reverse=True)
    rows = []
    for year in years:
        rs = [r for r in data.rows if r.case.received.year == year]
        coll = [r for r in rs if _is_collective(r)]
        partial = "（截至当日）" if year == data.as_of.year else ""
        rows.append(
            (
                cell(f"{year}{partial}", year),
                cell(str(len(rs)), len(rs)),
                cell(str(sum(r.case.headcount for r in rs))),
                *(cell(str(sum(r.case.channel is ch for r in rs))) for ch in Channel),
                cell(f"{len(coll)} / {sum(r.case.headcount for r in coll)}", len(coll)),
                cell(str(sum(r.case.visited_level in ABOVE_COUNTY for r in rs))),
            )
        )
    head = ("年份", "件次", "人次", *(ch.label for ch in Channel), "集体访 批次/人次", "越级访")
    return "## 历年情况\n\n" + table(head, rows) + "\n"
