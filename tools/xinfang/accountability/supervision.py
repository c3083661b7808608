"""The rules read from org/actions/: listings (挂牌督办), interview reports (约谈整改报告),
rectification not done (整改不到位 → 约谈) and units named in special notices in a row."""

from __future__ import annotations

import datetime as dt

from xinfang.accountability.findings import Finding
from xinfang.clocks.deadlines import Status
from xinfang.models import ACCOUNTABILITY_KINDS, ACTION_KINDS, LISTING_STEPS
from xinfang.ranking.mechanisms import interview_states, listing_states
from xinfang.registry.loader import Registry


def action_findings(registry: Registry, *, as_of: dt.date) -> list[Finding]:
    return (
        _listings(registry, as_of)
        + _interview_reports(registry, as_of)
        + _rectification(registry, as_of)
        + _special_notices(registry, as_of)
    )


def _listings(registry: Registry, as_of: dt.date) -> list[Finding]:
    order = list(LISTING_STEPS)
    out = []
    for state in listing_states(registry, as_of=as_of):
        action = state.action
        case = registry.case(action.case)
        leader = case.leader if case else None
        closed = next(
            (
                e.date
                for e in (case.events if case else ())
                if e.type == "closed" and e.date <= as_of
            ),
            None,
        )

        def found(detail: str, due: dt.date | None = None, a=action, lead=leader) -> Finding:
            return Finding("listing.deadline", a.unit, a.case, lead, f"{a.case}：{detail}", due)

        delisted = state.next_step is None
        if action.deadline and action.deadline < as_of and not delisted:
            late = (as_of - action.deadline).days
            out.append(
                found(
                    f"挂牌督办限期 {action.deadline} 已过 {late} 天，仍未摘牌销号", action.deadline
                )
            )
        skipped = [
            LISTING_STEPS[step]
            for i, step in enumerate(order[: order.index(state.done[-1])] if state.done else [])
            if step not in state.done
        ]
        if skipped:
            out.append(found(f"挂牌督办跳过了步骤：{'、'.join(skipped)}"))
        steps = {s.step: s.date for s in action.steps if s.date <= as_of}
        if "delisting" in steps and (closed is None or closed > steps["delisting"]):
            out.append(
                found(
                    f"{steps['delisting']} 已摘牌销号，但案件{'尚未结案销号' if closed is None else f'到 {closed} 才结案销号'}"
                )
            )
        if closed is not None and not delisted:
            nxt = LISTING_STEPS[state.next_step]
            out.append(found(f"案件已于 {closed} 结案销号，仍在挂牌督办（下一步：{nxt}）"))
    return out


def _interview_reports(registry: Registry, as_of: dt.date) -> list[Finding]:
    days = registry.ranking.mechanisms.interview.report_working_days
    return [
        Finding(
            "interview.report",
            s.action.unit,
            s.action.case,
            None,
            f"{s.action.date} 约谈，整改报告应在 {days} 个工作日内（{s.due} 前）报送，"
            f"已逾期 {s.days_overdue} 天",
            s.due,
        )
        for s in interview_states(registry, as_of=as_of)
        if s.status is Status.overdue
    ]


def _rectification(registry: Registry, as_of: dt.date) -> list[Finding]:
    """An accountability action whose deadline to rectify passed without rectification:
    落实整改要求不到位, one of seed 002's grounds for an interview."""
    out = []
    for action in registry.actions:
        if action.kind not in ACCOUNTABILITY_KINDS or action.date > as_of:
            continue
        due = action.rectify_by
        if due is None or due >= as_of or (action.rectified and action.rectified <= as_of):
            continue
        if any(
            a.kind == "interview" and a.unit == action.unit and due <= a.date <= as_of
            for a in registry.actions
        ):
            continue
        what = ACTION_KINDS[action.kind]
        detail = (
            f"{action.date} {what}，责令 {due} 前整改，逾期 {(as_of - due).days} 天仍未整改到位，"
            f"应约谈{registry.unit_name(action.unit)}"
        )
        out.append(Finding("escalation.interview", action.unit, action.case, None, detail))
    return out


def _special_notices(registry: Registry, as_of: dt.date) -> list[Finding]:
    n = registry.accountability.thresholds.special_notices
    notices = [a for a in registry.actions if a.kind == "special_notice" and a.date <= as_of]
    last = notices[-n:]
    if len(last) < n:
        return []
    named = set.intersection(*(set(a.units) for a in last))
    out = []
    for unit in sorted(named):
        if any(
            a.kind in ("reminder", "interview")
            and a.unit == unit
            and last[-1].date <= a.date <= as_of
            for a in registry.actions
        ):
            continue
        themes = "、".join(f"{a.date}“{a.theme}”" for a in last)
        detail = f"连续 {n} 次被专项通报点名（{themes}），应提醒或约谈"
        out.append(Finding("escalation.special_notices", unit, None, None, detail))
    return out
