"""首页: the figures at a glance, this month's three rates, and where to go next. Pure.

The home page itself is the hand-written site_src/index.md, which includes what
`render_home` returns (a generated snippet), so the page stays at the root of the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.clocks.deadlines import Status
from xinfang.models import Channel
from xinfang.site import svg
from xinfang.site.data import OPEN_DEFINITION, SiteData, link, md_link
from xinfang.site.page import cards, colour_counts
from xinfang.site.ranking_pages import Rankings, period_page, rate_text
from xinfang.site.tables import cell, clock_cells, table, title_of
from xinfang.site.text import escape

__all__ = ["HomeFigures", "home_figures", "last_months", "render_home"]

HOME = "index.md"


@dataclass(frozen=True, slots=True)
class HomeFigures:
    total: int
    open: int
    overdue: int  # cases with at least one overdue clock
    overdue_clocks: int
    due_soon: int  # cases not overdue with a duty clock due within due_soon_days
    new_this_month: int


def home_figures(data: SiteData) -> HomeFigures:
    month_start = data.as_of.replace(day=1)
    overdue = [r for r in data.rows if r.is_overdue]
    due_soon = [
        r
        for r in data.rows
        if not r.is_overdue and any(c.status is Status.due_soon for c in r.duty_clocks)
    ]
    return HomeFigures(
        total=len(data.rows),
        open=sum(r.is_open for r in data.rows),
        overdue=len(overdue),
        overdue_clocks=sum(len(r.overdue_clocks) for r in overdue),
        due_soon=len(due_soon),
        new_this_month=sum(r.case.received >= month_start for r in data.rows),
    )


def last_months(as_of: dt.date, n: int = 12) -> list[str]:
    """The `n` months up to and including the as-of month, oldest first: ['2025-12', …]."""
    y, m = as_of.year, as_of.month
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def render_home(data: SiteData, rankings: Rankings) -> str:
    f = home_figures(data)
    here = HOME
    out = [
        f'<p class="xf-lead">截至 <strong>{data.as_of.isoformat()}</strong>，登记库共有信访事项 '
        f"<strong>{f.total}</strong> 件。下面的数字每次构建时按当日的期限重新计算；"
        "点击卡片查看明细。</p>\n\n",
        cards(
            [
                (
                    "open",
                    str(f.open),
                    "在办事项（件）",
                    OPEN_DEFINITION,
                    link(here, "generated/cases/open.md"),
                ),
                (
                    "overdue",
                    str(f.overdue),
                    "逾期事项（件）",
                    f"有期限已过到期日仍未完成的事项；逾期的期限共 {f.overdue_clocks} 项",
                    link(here, "generated/overdue.md", "overdue"),
                ),
                (
                    "due_soon",
                    str(f.due_soon),
                    "临期事项（件）",
                    f"尚未逾期、但有期限临近到期的事项（{data.due_soon_text}）",
                    link(here, "generated/overdue.md", "due-soon"),
                ),
                (
                    "new_this_month",
                    str(f.new_this_month),
                    "本月新登记（件）",
                    f"{data.as_of.year} 年 {data.as_of.month} 月 1 日以来登记的事项",
                    link(here, "generated/cases/index.md"),
                ),
            ]
        ),
        colour_counts(data.rows),
    ]
    month = rankings.current("month")
    start = month.period.start
    out.append(f"## 本月“三率”（{start.isoformat()} 至 {data.as_of.isoformat()}）\n\n")
    definitions = month.policy.rates
    out.append(
        cards(
            (
                r.key + "_rate",
                rate_text(r),
                r.name,
                f"{r.numerator} / {r.denominator}。{definitions[r.key].definition}",
                link(here, period_page(month.period)),
            )
            for r in rankings.three_rates(month)
        )
    )
    out.append(
        '!!! note "口径说明"\n'
        "    三率按本县规定的口径计算，与"
        f"[通报排名]({md_link(here, 'generated/ranking/index.md')})一致；"
        "本月尚未结束，数字会随办理进展变化。\n\n"
    )
    out.append(_longest_overdue(data, here))
    months = last_months(data.as_of)
    counts = {m: dict.fromkeys(Channel, 0) for m in months}
    for row in data.rows:
        if row.month in counts:
            counts[row.month][row.case.channel] += 1
    labels = [f"{int(m[5:])}月" if m[5:] != "01" else f"{m[:4]}年1月" for m in months]
    series = [(ch.label, [counts[m][ch] for m in months]) for ch in Channel]
    out.append("## 近 12 个月新登记事项\n\n")
    out.append(
        svg.stacked_bar_chart(
            labels,
            series,
            caption=f"{months[0]} 至 {months[-1]} 每月新登记的信访事项（件），按信访形式分",
            with_table=True,
        )
    )
    out.append("\n\n## 从这里开始\n\n")
    out.append(_links(here))
    return "".join(out)


def _longest_overdue(data: SiteData, here: str, limit: int = 10) -> str:
    rows = sorted(
        (r for r in data.rows if r.is_overdue),
        key=lambda r: (-max(c.days_overdue for c in r.overdue_clocks), r.id),
    )[:limit]
    if not rows:
        return ""
    board = md_link(here, "generated/overdue.md")
    out = [
        f"## 逾期最久的事项\n\n按逾期天数排列的前 {len(rows)} 件；一件事项有几项期限逾期的，"
        f"在同一行列出。全部见[逾期与临期]({board})。\n\n"
    ]
    cells = []
    for row in rows:
        href = link(here, row.page, row.fragment)
        names, dues, days = clock_cells(row.overdue_clocks)
        cells.append(
            (
                cell(f'<a href="{href}">{row.id}</a> {title_of(row)}', row.id),
                names,
                days,
                cell(escape(data.unit_name(row.case.unit, short=True))),
                cell(escape(data.leader_name(row.case.leader)) if row.case.leader else "—"),
                dues,
            )
        )
    # What a leader asks first: which case, what is late, by how much, whose it is.
    head = ("事项", "逾期的期限", "逾期", "责任单位", "包案领导", "到期日")
    out.append(table(head, cells))
    return "".join(out) + "\n\n"


_LINKS = (
    ("generated/cases/index.md", "案件", "按月份浏览全部事项，每件事项的办理过程和期限"),
    ("generated/overdue.md", "逾期与临期", "按单位列出已逾期和即将到期的期限"),
    ("generated/units/index.md", "单位", "各乡镇、部门的在办事项和办理情况"),
    ("generated/ranking/index.md", "通报排名", "月度、半年和年度通报排名"),
    ("generated/stats.md", "统计", "信、访、网、电的件次人次，集体访、越级访和问题分类"),
    ("policy/index.md", "政策", "期限规定、计算方法和各项工作机制"),
)


def _links(here: str) -> str:
    out = ['<div class="xf-links">']
    for target, name, note in _LINKS:
        out.append(
            f'<a class="xf-link-card" href="{(link(here, target))}">'
            f"<strong>{escape(name)}</strong><span>{escape(note)}</span></a>"
        )
    out.append("</div>")
    return "\n".join(out) + "\n"
