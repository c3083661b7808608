"""领导包案: every case owned by a leader, with its level, its last progress report and
whether the weekly report is late; key cases without an owner and owners of the wrong rank
first. Pure: registry data in, Markdown out.
"""

from __future__ import annotations

from xinfang.clocks.deadlines import Clock, Status
from xinfang.rules import ownership
from xinfang.site.data import CaseRow, SiteData, link
from xinfang.site.page import WIDE, badge, front_matter, priority_badge, subtitle
from xinfang.site.tables import Cell, cell, table, title_of
from xinfang.site.text import escape

__all__ = ["BAOAN", "render_baoan_page"]

BAOAN = "generated/leadership/baoan.md"


def _muted(text: str) -> str:
    return f'<span class="xf-muted">{escape(text)}</span>'


def _progress(row: CaseRow, key: str) -> Clock | None:
    return next((c for c in row.clocks if c.key == key), None)


def _report_cell(clock: Clock | None) -> Cell:
    if clock is None:
        return cell(_muted("未受理，尚未起算"), 99999)
    if not clock.is_open:
        return cell(badge("已结案销号", "xf-done"), 99998)
    if clock.status is Status.overdue:
        return cell(badge(f"逾期 {clock.days_overdue} 天", "xf-overdue"), clock.days_left)
    css = "xf-soon" if clock.status is Status.due_soon else "xf-ok"
    return cell(badge(f"{clock.due.isoformat()} 前", css), clock.days_left)


def _level(row: CaseRow) -> str:
    case = row.case
    parts = []
    if case.supervision is not None:
        parts.append(escape(f"{case.supervision.label}督办"))
    if case.visited_level is not None and case.visited_level.value in ("province", "national"):
        parts.append(escape(ownership.describe(case, "visited_level")))
    parts.append(priority_badge(case.priority) if case.priority else "")
    return " ".join(p for p in parts if p) or "—"


def render_baoan_page(data: SiteData) -> str:
    src = BAOAN
    policy = data.registry.ownership
    key = policy.progress_clock if policy else "progress"
    rule = data.registry.deadlines.clocks.get(key)
    owned = [r for r in data.rows if r.case.leader]
    issues = {
        r.id: ownership.ownership_issues(r.case, data.registry.leaders, policy) if policy else []
        for r in data.rows
    }
    clocks = {r.id: _progress(r, key) for r in owned}
    late = [r for r in owned if (c := clocks[r.id]) is not None and c.status is Status.overdue]
    wrong = [r for r in owned if issues[r.id]]
    unowned = [r for r in data.rows if not r.case.leader and issues[r.id]]
    open_owned = [r for r in owned if (c := clocks[r.id]) is not None and c.is_open]
    out = [front_matter("领导包案", hide=WIDE), "# 领导包案\n\n", subtitle(data)]
    days = rule.days if rule else 7
    out.append(
        f"包案领导每 {days} 天报告一次进展，直到结案销号；出具处理意见、群众已评价但尚未结案销号的"
        "事项仍须报告。包案领导的职级须与事项层级相符：\n\n"
    )
    for tier in policy.tiers.values() if policy else []:
        ranks = "、".join(r.label for r in tier.ranks)
        second = f"；另由{tier.second.name}同时包案" if tier.second else ""
        out.append(f"- {escape(tier.name)}：{escape(ranks)}{escape(second)}\n")
    out.append(
        f"\n包案事项 **{len(owned)}** 件，未结案销号 **{len(open_owned)}** 件；"
        f"每周报告逾期 **{len(late)}** 件，包案领导职级不符 **{len(wrong)}** 件，"
        f"重点事项未落实包案领导 **{len(unowned)}** 件。\n\n"
    )
    if unowned:
        out.append("## 未落实包案领导的重点事项 {#unowned}\n\n")
        rows = [
            (
                cell(f'<a href="{link(src, r.page, r.fragment)}">{r.id}</a> {title_of(r)}', r.id),
                cell(_level(r)),
                cell(escape(r.stage)),
            )
            for r in unowned
        ]
        out.append(table(("事项", "层级", "状态"), rows) + "\n\n")
    if wrong:
        out.append("## 包案领导职级不符 {#rank}\n\n")
        rows = [
            (
                cell(f'<a href="{link(src, r.page, r.fragment)}">{r.id}</a> {title_of(r)}', r.id),
                cell(escape(data.leader_name(r.case.leader)), r.case.leader),
                cell(escape("；".join(i.message for i in issues[r.id]))),
            )
            for r in wrong
        ]
        out.append(table(("事项", "包案领导", "提醒"), rows) + "\n\n")
    out.append("## 包案事项 {#owned}\n\n")

    def order(r: CaseRow) -> tuple:
        c = clocks[r.id]
        return (c is None or not c.is_open, c.days_left if c and c.is_open else 0, r.id)

    rows = []
    for r in sorted(owned, key=order):
        last = [e.date for e in r.case.events_of("progress") if e.date <= data.as_of]
        note = "；".join(i.message for i in issues[r.id])
        rows.append(
            (
                cell(f'<a href="{link(src, r.page, r.fragment)}">{r.id}</a> {title_of(r)}', r.id),
                cell(escape(data.leader_name(r.case.leader)), r.case.leader),
                cell(_level(r)),
                cell(escape(r.stage)),
                cell(
                    last[-1].isoformat() if last else _muted("没有"),
                    last[-1].isoformat() if last else "",
                ),
                _report_cell(clocks[r.id]),
                cell(f'<span class="xf-warn-text">{escape(note)}</span>' if note else "—"),
            )
        )
    headers = ("事项", "包案领导", "层级", "状态", "最近进展报告", "下次报告", "提醒")
    out.append(table(headers, rows) if rows else _muted("没有包案事项。"))
    return "".join(out) + "\n"
