"""The letters behind the mechanisms: 提醒函, 约谈通知书, 挂牌督办通知书 and the SMS reminder. Pure.

Each draft is filled from the registry: the action recorded in org/actions/ (its date and
reason), the unit, the case and its running clocks on the as-of date, and the basis the
policy gives for the mechanism. A confidential matter (检举控告类 by default,
《信访工作条例》第三十条) shows only its id and its clocks: the letter goes to the unit that
handles it, which may be the one the accusation is about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.models import Action, Case
from xinfang.models.actions import ACTION_KINDS, LISTING_STEPS, REMINDER_FORMS
from xinfang.registry.loader import Registry
from xinfang.site.data import CaseRow, SiteData

__all__ = [
    "SMS_LIMIT",
    "SMS_SEGMENT",
    "Draft",
    "DraftError",
    "find_action",
    "interview_notice",
    "listing_notice",
    "reminder_letter",
    "reminder_sms",
    "sms_segments",
]

SMS_SEGMENT = 70  # a Chinese (UCS-2) SMS holds 70 characters
SMS_PART = 67  # each part of a longer, concatenated SMS holds 67
SMS_LIMIT = 2 * SMS_PART  # at most two segments
MAX_LISTED = 15  # cases listed in a letter's table; the rest are counted


class DraftError(ValueError):
    """Nothing to draft from (no recorded action, unknown case); the message says what to do."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A 公文 draft: title, addressee (主送机关), body as simple Markdown, issuer and date."""

    title: str
    addressee: str
    body: str
    issuer: str
    date: dt.date


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def find_action(
    registry: Registry,
    kind: str,
    *,
    unit: str | None,
    case: str | None,
    date: dt.date | None,
    as_of: dt.date,
) -> Action | None:
    """The recorded action of `kind` for the unit (and case) on `date`, else the latest one
    up to `as_of`."""
    found = [
        a
        for a in registry.actions
        if a.kind == kind
        and (unit is None or a.unit == unit)
        and (case is None or a.case == case)
        and (a.date == date if date is not None else a.date <= as_of)
    ]
    return found[-1] if found else None


def missing_action(kind: str, who: str, date: dt.date | None) -> str:
    when = f" {date} " if date else ""
    return (
        f"org/actions/ 中没有 {who}{when}的{ACTION_KINDS[kind]}记录：请先把这项措施记入 "
        "org/actions/（写明日期和事由），或用 --reason 写明事由直接起草"
    )


# -- what the letters say about cases ---------------------------------------------------------


def _case_title(case: Case) -> str:
    return "（检举控告事项，内容保密）" if case.is_confidential else case.title


def _clock_text(row: CaseRow) -> str:
    clock = row.next_clock
    if clock is None:
        return "没有正在计算的期限"
    state = (
        f"已逾期 {clock.days_overdue} 天" if clock.days_overdue else f"尚余 {clock.days_left} 天"
    )
    return f"{clock.name}于 {clock.due} 到期，{state}"


def _case_facts(data: SiteData, row: CaseRow) -> str:
    """The case as a two-column table; a confidential one by id and clocks only."""
    case = row.case
    lines = ["| 项目 | 内容 |", "|---|---|", f"| 案件编号 | {case.id} |"]
    if not case.is_confidential:
        lines += [
            f"| 事项 | {_cell(case.title)} |",
            f"| 登记日期 | {case.received} |",
            f"| 问题分类 | {data.category_name(case.category)} |",
        ]
        if case.leader:
            lines.append(f"| 包案领导 | {data.leader_name(case.leader)} |")
    lines.append(f"| 办理阶段 | {row.stage} |")
    for clock in row.duty_clocks:
        if clock.is_open:
            lines.append(f"| {clock.name} | {clock.due} 到期（{clock.basis.article}） |")
    lines.append(f"| 当前情况 | {_clock_text(row)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


def _unit_overdue(data: SiteData, unit: str) -> tuple[list[CaseRow], list[CaseRow]]:
    rows = data.rows_by_unit().get(unit, [])
    open_rows = [r for r in rows if r.is_open or any(c.is_open for c in r.duty_clocks)]
    overdue = [r for r in open_rows if any(not c.window for c in r.overdue_clocks)]
    overdue.sort(key=lambda r: (-(r.next_clock.days_overdue if r.next_clock else 0), r.id))
    return open_rows, overdue


def _unit_situation(data: SiteData, unit: str) -> str:
    open_rows, overdue = _unit_overdue(data, unit)
    head = f"截至{chinese_date(data.as_of)}，你单位在办信访事项 {len(open_rows)} 件"
    if not overdue:
        return head + "，没有逾期事项。\n"
    out = [
        head + f"，其中已逾期 {len(overdue)} 件：\n",
        "| 编号 | 事项 | 期限 | 到期日 | 逾期天数 |",
    ]
    out.append("|---|---|---|---|---|")
    for row in overdue[:MAX_LISTED]:
        clock = row.next_clock
        name, due, late = (
            (clock.name, str(clock.due), str(clock.days_overdue)) if clock else ("", "", "")
        )
        out.append(f"| {row.id} | {_cell(_case_title(row.case))} | {name} | {due} | {late} |")
    if len(overdue) > MAX_LISTED:
        out.append(f"\n另有 {len(overdue) - MAX_LISTED} 件逾期事项，详见内部网站“逾期与临期”页。")
    return "\n".join(out) + "\n"


def _row(data: SiteData, case_id: str) -> CaseRow:
    row = data.by_id.get(case_id)
    if row is None:
        raise DraftError(f"登记库中没有案件 {case_id}（或它的登记日期晚于 {data.as_of}）")
    return row


# -- the three letters --------------------------------------------------------------------------


def reminder_letter(
    data: SiteData,
    *,
    unit: str,
    case: str | None,
    reason: str,
    date: dt.date,
    issuer: str,
) -> Draft:
    """提醒函: why, what stands open or overdue, and what the unit is asked to do."""
    registry = data.registry
    body = [f"{reason.rstrip('。')}。现就有关情况提醒如下。\n", "## 一、有关情况\n"]
    if case is not None:
        row = _row(data, case)
        body.append(f"你单位承办的信访事项 {case} 情况如下：\n")
        body.append(_case_facts(data, row))
        clock = row.next_clock
        if clock is not None:
            body.append(f"依照{clock.basis.article}，{clock.basis.summary.rstrip('。')}。\n")
    else:
        rule = registry.ranking.mechanisms.bottom
        body.append(_unit_situation(data, unit))
        body.append(f"依照{rule.basis.article}：{rule.basis.summary}\n")
    body += [
        "## 二、工作要求\n",
        "请你单位主要负责同志高度重视，对上述事项逐件核查，明确责任人和办理时限，"
        "依法按期办结并告知信访人；已逾期的事项要说明原因并尽快办结。\n",
        "办理情况请及时书面反馈县信访局，并在登记库中记录办理过程。"
        "再次被提醒的重点案件，将按规定挂牌督办。\n",
    ]
    title = "关于信访事项办理情况的提醒函" if case else "关于信访工作有关情况的提醒函"
    return Draft(title, data.unit_name(unit) + "：", "\n".join(body), issuer, date)


def interview_notice(
    data: SiteData,
    *,
    unit: str,
    reason: str,
    date: dt.date,
    issuer: str,
) -> Draft:
    """约谈通知书: when and why, the unit's overdue cases, and the report deadline."""
    registry = data.registry
    rule = registry.ranking.mechanisms.interview
    due, provisional = registry.calendar.add_working_days(date, rule.report_working_days)
    note = "（暂定：该年节假日安排尚未公布）" if provisional else ""
    body = [
        f"{reason.rstrip('。')}。经研究，定于{chinese_date(date)}约谈你单位主要负责同志，"
        "请准时参加，并准备书面汇报材料。\n",
        "## 一、约谈事由\n",
        _unit_situation(data, unit),
        "## 二、整改要求\n",
        f"依照{rule.basis.article}，{rule.basis.summary.rstrip('。')}。"
        f"请你单位于{chinese_date(due)}前{note}（约谈后第 {rule.report_working_days} 个工作日）"
        "将整改落实情况书面报送县信访局。逾期未报的，将在定期通报中列出。\n",
    ]
    return Draft("约谈通知书", data.unit_name(unit) + "：", "\n".join(body), issuer, date)


def listing_notice(
    data: SiteData,
    *,
    case: str,
    reason: str,
    date: dt.date,
    issuer: str,
    action: Action | None,
) -> Draft:
    """挂牌督办通知书: the case, the reason, the steps done and to come."""
    registry = data.registry
    rule = registry.ranking.mechanisms.listing
    row = _row(data, case)
    steps = getattr(action, "steps", None) or []
    done = {s.step: s for s in steps if s.date <= data.as_of}
    lines = ["| 步骤 | 完成日期 | 说明 |", "|---|---|---|"]
    for key, name in LISTING_STEPS.items():
        step = done.get(key)
        when = str(step.date) if step else "待完成"
        lines.append(f"| {name} | {when} | {_cell(step.note) if step and step.note else ''} |")
    body = [
        f"你单位承办的信访事项 {case}，{reason.rstrip('。')}。依照{rule.basis.article}，"
        f"决定自{chinese_date(date)}起对该事项挂牌督办。\n",
        "## 一、督办事项\n",
        _case_facts(data, row),
        "## 二、督办步骤\n",
        "挂牌督办按建档立案、下发通知、化解处置、组织验收、摘牌销号的步骤推进：\n",
        "\n".join(lines) + "\n",
        "## 三、工作要求\n",
        "请你单位落实包案领导和工作专班，制定化解方案，明确时限，每周报告进展；"
        "化解后书面申请验收，经验收合格后摘牌销号。\n",
    ]
    title = "挂牌督办通知书"
    return Draft(title, data.unit_name(row.case.unit) + "：", "\n".join(body), issuer, date)


# -- the SMS reminder ---------------------------------------------------------------------------


def sms_segments(text: str) -> int:
    """How many SMS a Chinese text takes: one up to 70 characters, else 67 per part."""
    return 1 if len(text) <= SMS_SEGMENT else -(-len(text) // SMS_PART)


def reminder_sms(data: SiteData, *, unit: str, case: str | None, reason: str, issuer: str) -> str:
    """The SMS reminder, at most two segments (134 characters): the reason is shortened to fit."""
    name = data.unit_name(unit, short=True)
    if case is not None:
        row = _row(data, case)
        facts = f"{case}{_clock_text(row)}"
    else:
        open_rows, overdue = _unit_overdue(data, unit)
        facts = f"在办信访事项{len(open_rows)}件，逾期{len(overdue)}件"
        if overdue:
            facts += f"（{'、'.join(r.id for r in overdue[:2])}{'等' if len(overdue) > 2 else ''}）"
    head = f"【{issuer}】{name}：{facts}。"
    tail = "请抓紧办理并反馈。"
    room = SMS_LIMIT - len(head) - len(tail)
    why = reason.rstrip("。")
    if room <= 1:
        why = ""
    elif len(why) + 1 > room:
        why = why[: room - 2] + "…"
    text = head + (f"{why}。" if why else "") + tail
    return text[:SMS_LIMIT]


def form_label(form: str) -> str:
    return REMINDER_FORMS[form]
