"""单位: one page per town and department, and a sortable overview of them all. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.ranking.rates import Rate
from xinfang.site.data import CaseRow, SiteData, link, month_page, unit_page
from xinfang.site.ics import feed_href, feed_path
from xinfang.site.page import (
    UNSEARCHED,
    WIDE,
    WIDEST,
    cards,
    colour_counts,
    front_matter,
    subtitle,
    title_text,
)
from xinfang.site.ranking_pages import Rankings, is_red, rate_text, unit_history
from xinfang.site.tables import case_table, cell, table
from xinfang.site.text import escape

__all__ = ["UnitFigures", "render_unit_page", "render_units_index", "unit_figures"]

UNITS_INDEX = "generated/units/index.md"


@dataclass(frozen=True, slots=True)
class UnitFigures:
    key: str
    received_this_year: int
    open: int
    overdue: int
    rates: list[Rate]  # the 三率 of this year's ranking so far
    rank: str  # in this year's ranking: "3 / 12", or why not ranked


def unit_figures(data: SiteData, key: str, rows: list[CaseRow], rankings: Rankings) -> UnitFigures:
    year_start = dt.date(data.as_of.year, 1, 1)
    year = rankings.current("year")
    row = year.row(key)
    if row is None or row.rank is None:
        rank = (row.note if row else None) or "不排名"
    else:
        rank = f"{row.rank} / {len(year.ranked)}"
    return UnitFigures(
        key=key,
        received_this_year=sum(r.case.received >= year_start for r in rows),
        open=sum(r.is_open for r in rows),
        overdue=sum(r.is_overdue for r in rows),
        rates=rankings.three_rates(year, key),
        rank=rank,
    )


def _rate_cell(rate: Rate) -> object:
    value = rate.value if rate.denominator else None
    css = "xf-muted" if value is None else ("xf-warn-text" if is_red(value) else "")
    text = f'<span class="{css}">{rate_text(rate)}</span>' if css else rate_text(rate)
    return cell(text, -1 if value is None else f"{float(value):.4f}")


def _rank_key(rank: str) -> int:
    head = rank.split(" / ")[0]
    return int(head) if head.isdigit() else 999


def render_units_index(data: SiteData, rankings: Rankings) -> str:
    src = UNITS_INDEX
    year = data.as_of.year
    out = [front_matter("单位", hide=WIDE), "# 单位\n\n", subtitle(data)]
    out.append(
        f"各乡镇和县直部门作为责任单位的事项。三率和名次取 {year} 年度通报排名"
        "（1 月 1 日至数据截止日），低于 80% 的比率以醒目颜色标出，口径见各单位页面。"
        "点击表头排序。\n\n"
    )
    by_unit = data.rows_by_unit()
    for unit_type, heading in (("town", "乡镇"), ("department", "县直部门")):
        keys = [k for k, u in data.registry.units.items() if u.type.value == unit_type]
        if not keys:
            continue
        rows = []
        for key in keys:
            f = unit_figures(data, key, by_unit.get(key, []), rankings)
            href = link(src, unit_page(key))
            rows.append(
                (
                    cell(
                        f'<a href="{href}">{escape(data.unit_name(key))}</a>', data.unit_name(key)
                    ),
                    cell(str(f.received_this_year), f.received_this_year),
                    cell(str(f.open), f.open),
                    cell(
                        f'<span class="xf-badge xf-overdue">{f.overdue}</span>'
                        if f.overdue
                        else "0",
                        f.overdue,
                    ),
                    *(_rate_cell(r) for r in f.rates),
                    cell(escape(f.rank), _rank_key(f.rank)),
                )
            )
        out.append(f"## {heading} {UNSEARCHED}\n\n")
        names = [r.name for r in rankings.three_rates(rankings.current("year"))]
        head = ("单位", f"{year} 年登记", "在办", "逾期", *names, "年度名次")
        out.append(table(head, rows))
        out.append("\n\n")
    return "".join(out)


def render_unit_page(data: SiteData, key: str, rows: list[CaseRow], rankings: Rankings) -> str:
    src = unit_page(key)
    unit = data.registry.units[key]
    name = data.unit_name(key)
    f = unit_figures(data, key, rows, rankings)
    # The short name in the heading: a search for it then finds this page before the cases.
    short = f" <small>{escape(unit.short)}</small>" if unit.short else ""
    out = [front_matter(title_text(name), hide=WIDEST, boost=5), f"# {escape(name)}{short}\n\n"]
    out.append(subtitle(data, unit.type.label))
    also = ([f"简称 {unit.short}"] if unit.short else []) + [f"单位键 {key}"]
    also[-1:-1] = [f"又称 {'、'.join(unit.aliases)}"] if unit.aliases else []
    out.append(f'<p class="xf-muted">{escape(" · ".join(also))}</p>\n\n')
    out.append(f'<p class="xf-crumbs"><a href="{(link(src, UNITS_INDEX))}">← 全部单位</a></p>\n\n')
    out.append(
        cards(
            [
                ("received", str(f.received_this_year), f"{data.as_of.year} 年登记", None, None),
                ("open", str(f.open), "在办事项", None, None),
                ("overdue", str(f.overdue), "逾期事项", None, None),
            ]
        )
    )
    out.append(colour_counts(rows))
    out.append(
        cards(
            (r.key, rate_text(r), r.name, f"{r.numerator} / {r.denominator}", None) for r in f.rates
        )
    )
    policy = data.registry.ranking.rates
    defs = "".join(f"    - **{r.name}**：{escape(policy[r.key].definition)}\n" for r in f.rates)
    out.append(f'??? note "三率口径（{data.as_of.year} 年累计）"\n{defs}\n')
    leaders = [
        f"{escape(ld.name)}（{escape(ld.post)}）"
        for ld in data.registry.leaders.values()
        if ld.unit == key or key in ld.towns
    ]
    if leaders:
        out.append(f"联系或所在领导：{'、'.join(leaders)}。\n\n")
    feed = feed_href(src, feed_path(unit=key))
    out.append(
        f'<p class="xf-feed">期限日历：<a href="{feed}" download>下载 {escape(name)} 的期限日历'
        "（.ics）</a>，可导入手机或电脑日历；每个未完成期限的到期日是一个全天事件。</p>\n\n"
    )
    out.append(f"## 排名记录 {UNSEARCHED}\n\n")
    out.append(f"{data.as_of.year} 年度名次：{escape(f.rank)}。\n\n")
    out.append(unit_history(data, rankings, key, src))
    open_rows = [r for r in rows if r.is_open or r.is_overdue]
    open_rows.sort(key=lambda r: (r.next_clock.due if r.next_clock else dt.date.max, r.id))
    out.append(f"## 在办和逾期事项（{len(open_rows)} 件） {UNSEARCHED}\n\n")
    out.append(case_table(data, open_rows, src) if open_rows else '<p class="xf-muted">无。</p>')
    recent_start = data.as_of - dt.timedelta(days=365)
    shown = {r.id for r in open_rows}
    recent = [r for r in rows if r.id not in shown and r.case.received > recent_start]
    recent.sort(key=lambda r: r.case.received, reverse=True)
    out.append(f"\n\n## 近 12 个月已办结的事项（{len(recent)} 件） {UNSEARCHED}\n\n")
    out.append(case_table(data, recent, src) if recent else '<p class="xf-muted">无。</p>')
    older = sorted({r.month for r in rows if r.id not in shown and r.case.received <= recent_start})
    if older:
        links = "、".join(f'<a href="{(link(src, month_page(m)))}">{m}</a>' for m in older[::-1])
        out.append(f"\n\n<p>更早的事项见各月页面：{links}。</p>")
    return "".join(out) + "\n"
