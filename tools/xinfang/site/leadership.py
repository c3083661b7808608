"""领导: the reception days (领导接访) and the frontline ledgers against the quotas
(一线工作); the 包案 page is in baoan.py. Pure: registry data in, Markdown out.

Everything from a file (names, posts, places, titles) passes through `escape`; petitioners
never appear here, and a confidential case shows its placeholder title only.
"""

from __future__ import annotations

import datetime as dt

from xinfang.leaders.frontline import (
    Month,
    notice_days,
    published_late,
    quota_text,
    receptions_between,
    registry_month,
    tally_towns,
)
from xinfang.models.common import UnitType
from xinfang.models.leadership import Reception, ReceptionRule, Weekday
from xinfang.site.baoan import BAOAN, render_baoan_page
from xinfang.site.data import SiteData, link
from xinfang.site.ics import feed_href, feed_path
from xinfang.site.page import WIDE, badge, front_matter, subtitle
from xinfang.site.tables import Cell, cell, table
from xinfang.site.text import escape

__all__ = [
    "FRONTLINE",
    "RECEPTIONS",
    "frontline_page",
    "render_frontline_index",
    "render_frontline_month",
    "render_leadership_pages",
    "render_receptions_page",
]

RECEPTIONS = "generated/leadership/receptions.md"
FRONTLINE = "generated/leadership/frontline/index.md"
UPCOMING_DAYS = 28  # the schedule shows the coming four weeks
PAST_DAYS = 365  # and the receptions of the past year


def frontline_page(month: Month) -> str:
    return f"generated/leadership/frontline/{month}.md"


def muted(text: str) -> str:
    return f'<span class="xf-muted">{escape(text)}</span>'


def _day(date: dt.date) -> Cell:
    weekday = list(Weekday)[date.weekday()].label
    return cell(f"{date.isoformat()} <small>{weekday}</small>", date.isoformat())


def _leader(data: SiteData, key: str) -> tuple[Cell, Cell]:
    leader = data.registry.leaders.get(key)
    if leader is None:
        return cell(escape(key)), cell("—")
    return cell(escape(leader.name), key), cell(escape(leader.post))


# ---------------------------------------------------------------- 领导接访


def render_receptions_page(data: SiteData) -> str:
    src = RECEPTIONS
    policy = data.registry.frontline_policy
    rule = policy.receptions if policy else None
    notice = rule.notice_days if rule else 7
    everything = data.registry.receptions
    coming = receptions_between(everything, data.as_of, UPCOMING_DAYS)
    published = [r for r in coming if r.published <= data.as_of]
    out = [front_matter("领导接访", hide=WIDE), "# 领导接访\n\n", subtitle(data)]
    out.append(
        f"县领导的公开接访日至少提前 {notice} 天向群众公示姓名、职务、日期和地点，"
        "群众可按公示的时间地点当面反映问题。安排记在 `org/receptions/<年>.yaml`。\n\n"
    )
    end = data.as_of + dt.timedelta(days=UPCOMING_DAYS - 1)
    out.append(f"## 近期接访安排 {{#coming}}\n\n{data.as_of} 至 {end} 已公示的接访日：\n\n")
    if published:
        out.append(_schedule_table(data, published, rule))
    else:
        out.append(muted("这段时间没有已公示的接访日。"))
    if len(published) < len(coming):
        out.append(f"\n\n另有 {len(coming) - len(published)} 个接访日已排定、尚未公示。")
    since = data.as_of - dt.timedelta(days=PAST_DAYS)
    past = sorted(
        (r for r in everything if since <= r.date < data.as_of),
        key=lambda r: (r.date, r.leader),
        reverse=True,
    )
    late = [r for r in past + coming if rule and published_late(r, rule)]
    out.append(f"\n\n## 过去一年的接访 {{#past}}\n\n共 {len(past)} 个接访日")
    out.append(
        f"，其中公示不足 {notice} 天的 {len(late)} 个（含近期安排）。\n\n" if rule else "。\n\n"
    )
    out.append(_outcome_table(data, past, rule, src) if past else muted("没有记录。"))
    out.append(_feeds(data, src))
    return "".join(out) + "\n"


def _feeds(data: SiteData, src: str) -> str:
    """Each leader's calendar (.ics): reception days, owned cases' deadlines, interview reports."""
    links = [
        f'<a href="{feed_href(src, feed_path(leader=key))}" download>{escape(ld.name)}</a>'
        for key, ld in data.registry.leaders.items()
    ]
    county = feed_href(src, feed_path())
    return (
        "\n\n## 日历订阅 {#calendar}\n\n"
        "下载后导入手机或电脑日历：每位领导的日历含本人的接访日、所包案件的期限和联系单位的"
        "约谈整改报告截止日，均为全天事件；重新导入时原有事件会更新而不会重复。\n\n"
        f"<p>{'、'.join(links)}</p>\n\n"
        f'<p><a href="{county}" download>全县期限日历</a>（全部未完成期限、接访日和约谈整改报告）。</p>\n'
    )


def _notice_cell(r: Reception, rule: ReceptionRule | None) -> Cell:
    days = notice_days(r)
    text = f"{r.published.isoformat()} <small>提前 {days} 天</small>"
    if rule is not None and published_late(r, rule):
        text += " " + badge(f"公示不足 {rule.notice_days} 天", "xf-late")
    return cell(text, r.published.isoformat())


def _schedule_table(data: SiteData, receptions: list[Reception], rule: ReceptionRule | None) -> str:
    rows = []
    for r in receptions:
        name, post = _leader(data, r.leader)
        unit = escape(data.unit_name(r.unit))
        rows.append(
            (_day(r.date), name, post, cell(escape(r.place)), cell(unit), _notice_cell(r, rule))
        )
    headers = ("日期", "接访领导", "职务", "地点", "乡镇或部门", "公示日期")
    return table(headers, rows, searchable=(1, 3, 4))


def _outcome_table(
    data: SiteData, receptions: list[Reception], rule: ReceptionRule | None, src: str
) -> str:
    rows = []
    for r in receptions:
        name, _ = _leader(data, r.leader)
        cases = []
        for case_id in r.cases:
            row = data.by_id.get(case_id)
            cases.append(
                f'<a href="{link(src, row.page, row.fragment)}">{case_id}</a>' if row else case_id
            )
        if r.held:
            counts = (
                cell(str(r.petitioners) if r.petitioners is not None else "—", r.petitioners or 0),
                cell(str(r.matters) if r.matters is not None else "—", r.matters or 0),
                cell("、".join(cases) or "—", len(cases)),
            )
        else:
            counts = (cell(muted("未填写"), -1), cell("—", -1), cell("—", -1))
        rows.append((_day(r.date), name, cell(escape(r.place)), *counts, _notice_cell(r, rule)))
    headers = ("日期", "接访领导", "地点", "接待人次", "反映事项", "当天登记的案件", "公示日期")
    return table(headers, rows)


# ---------------------------------------------------------------- 一线工作


def ledger_months(data: SiteData) -> list[Month]:
    """From the first month of the ledgers to the as-of month, newest first."""
    if not data.registry.frontline:
        return []
    month, last = Month.of(data.registry.frontline[0].date), Month.of(data.as_of)
    months = []
    while month <= last:
        months.append(month)
        month = month.next()
    return months[::-1]


def render_frontline_index(data: SiteData) -> str:
    src = FRONTLINE
    out = [front_matter("一线工作", hide=WIDE), "# 一线工作\n\n", subtitle(data)]
    out.append("各级领导每月深入基层的天数按本县规定的定额核对：\n\n")
    policy = data.registry.frontline_policy
    for quota in policy.quotas.values() if policy else []:
        ranks = "、".join(r.label for r in quota.ranks)
        out.append(f"- **{escape(quota.name)}**（{escape(ranks)}）：{escape(quota_text(quota))}\n")
    out.append(
        "\n台账每月一份，每位领导每天一条；"
        "在所联系乡镇的天数、在分管战线的天数分别计算，同一天只计一次。\n\n## 各月情况\n\n"
    )
    rows = []
    for month in ledger_months(data):
        tallies = registry_month(data.registry, month)
        short = sum(t.short for t in tallies)
        href = link(src, frontline_page(month))
        state = badge(f"{short} 人未达标", "xf-overdue") if short else badge("全部达标", "xf-ok")
        if month.last >= data.as_of:
            state = muted("本月尚未结束")
        rows.append(
            (
                cell(f'<a href="{href}">{month.label}</a>', str(month)),
                cell(str(len(tallies))),
                cell(state, short),
            )
        )
    out.append(table(("月份", "有定额的领导", "情况"), rows) if rows else muted("还没有台账。"))
    return "".join(out) + "\n"


def render_frontline_month(data: SiteData, month: Month) -> str:
    src = frontline_page(month)
    title = f"一线工作 · {month.label}"
    out = [front_matter(title, hide=WIDE), f"# {title}\n\n", subtitle(data)]
    out.append(f'<p class="xf-crumbs"><a href="{link(src, FRONTLINE)}">一线工作</a></p>\n\n')
    if month.last >= data.as_of:
        out.append(f'!!! note "本月尚未结束"\n    天数计到 {data.as_of}，月底前还可补足。\n\n')
    tallies = registry_month(data.registry, month)
    short = [t for t in tallies if t.short]
    out.append(f"{len(tallies)} 名有定额的领导中，**{len(short)}** 名未达定额。\n\n")
    out.append("## 各位领导 {#leaders}\n\n")
    rows = []
    for t in tallies:
        weekday = "—"
        if t.quota.weekday is not None:
            owed = len(t.weekday_owed)
            weekday = f"{owed - len(t.weekday_missed)}/{owed}"
        state = badge("未达标", "xf-overdue") if t.short else badge("达标", "xf-ok")
        rows.append(
            (
                cell(escape(t.leader.name), t.key),
                cell(escape(t.leader.post)),
                cell(escape(quota_text(t.quota))),
                cell(str(t.town_days) if t.quota.town_days else "—", t.town_days),
                cell(str(t.line_days) if t.quota.line_days else "—", t.line_days),
                cell(str(t.days), t.days),
                cell(weekday),
                cell(state, int(t.short)),
                cell(escape("；".join(t.shortfalls)) or "—"),
            )
        )
    headers = ("领导", "职务", "定额", "联系乡镇", "分管战线", "合计", "周二", "情况", "差额")
    out.append(table(headers, rows, searchable=(0, 1)))
    out.append("\n\n## 各乡镇 {#towns}\n\n")
    out.append("所联系的县级领导当月到该乡镇的天数，以及所有领导在该乡镇的人天数。\n\n")
    towns = [k for k, u in data.registry.units.items() if u.type is UnitType.town]
    rows = []
    for town in tally_towns(towns, data.registry.leaders, data.registry.frontline, month):
        linked = [
            f"{escape(data.registry.leaders[key].name)} {town.visits.get(key, 0)} 天"
            for key in town.linked
        ]
        rows.append(
            (
                cell(escape(data.unit_name(town.town))),
                cell("、".join(linked) or "—"),
                cell(str(town.days), town.days),
            )
        )
    out.append(table(("乡镇", "联系的县级领导", "领导人天数"), rows))
    return "".join(out) + "\n"


def render_leadership_pages(data: SiteData) -> dict[str, str]:
    """Every page of the 领导 section, by source path."""
    files = {
        RECEPTIONS: render_receptions_page(data),
        FRONTLINE: render_frontline_index(data),
        BAOAN: render_baoan_page(data),
    }
    for month in ledger_months(data):
        files[frontline_page(month)] = render_frontline_month(data, month)
    return files
