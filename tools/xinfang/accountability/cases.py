"""The rules read from case files: ownership (包案) and escalation (约谈, 检查, 诫勉, 挂牌, 通报批评).

A rule that calls for an action is silent once that action is recorded in org/actions/ for
the case (or, for a unit-wide rule, for the unit after the trigger).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from xinfang.accountability.findings import Finding
from xinfang.clocks.deadlines import Status
from xinfang.models import Case
from xinfang.ranking.mechanisms import reminded_in_a_row
from xinfang.registry.loader import Registry
from xinfang.rules import ownership


def case_findings(registry: Registry, *, as_of: dt.date) -> list[Finding]:
    seen = [c for c in registry.cases if c.received <= as_of]
    out = []
    for case in seen:
        if not _closed(case, as_of):
            out += _ownership(registry, case, as_of)
        out += _interview(registry, case, as_of)
        out += _admonition(registry, case, as_of)
        out += _criticism(registry, case, as_of)
    out += _self_examination(registry, seen, as_of)
    out += _listing(registry, as_of)
    return out


def _closed(case: Case, as_of: dt.date) -> bool:
    return any(e.type == "closed" and e.date <= as_of for e in case.events)


def _acted(registry: Registry, kind: str, case: Case, as_of: dt.date) -> bool:
    return any(a.kind == kind and a.case == case.id and a.date <= as_of for a in registry.actions)


def _ownership(registry: Registry, case: Case, as_of: dt.date) -> list[Finding]:
    policy = registry.ownership
    if policy is None:
        return []
    out = [
        Finding(issue.rule, case.unit, case.id, case.leader, f"{case.id}：{issue.message}")
        for issue in ownership.ownership_issues(case, registry.leaders, policy)
    ]
    if case.leader:
        weekly = ownership.weekly_policy(registry.deadlines, policy.progress_clock)
        clock = ownership.progress_clock(case, weekly, registry.calendar, as_of=as_of)
        if clock is not None and clock.status is Status.overdue:
            name = registry.leaders[case.leader].name if case.leader in registry.leaders else ""
            detail = (
                f"{case.id}：包案领导{name}的每周进展报告应于 {clock.due} 前报送，"
                f"已逾期 {clock.days_overdue} 天"
            )
            out.append(
                Finding("ownership.progress", case.unit, case.id, case.leader, detail, clock.due)
            )
    return out


def _visit(case: Case) -> str:
    where = "进京" if case.visited_level == "national" else f"到{case.visited_level.label[:1]}"
    return f"{case.received} {where}上访（{case.headcount} 人）"


def _interview(registry: Registry, case: Case, as_of: dt.date) -> list[Finding]:
    limits = registry.accountability.thresholds
    reasons = []
    if case.visited_level in limits.above_level:
        reasons.append(
            _visit(case) + "，属越级访" if case.visited_level != "national" else _visit(case)
        )
    if case.irregular_place:
        reasons.append(f"{case.received} 到非信访接待场所上访")
    if not reasons or _acted(registry, "interview", case, as_of):
        return []
    detail = f"{case.id}：{'；'.join(reasons)}，应约谈{registry.unit_name(case.unit)}"
    return [Finding("escalation.interview", case.unit, case.id, case.leader, detail)]


def _admonition(registry: Registry, case: Case, as_of: dt.date) -> list[Finding]:
    limits = registry.accountability.thresholds
    floor = {
        "province": limits.admonition_province_headcount,
        "national": limits.admonition_national_headcount,
    }.get(case.visited_level)
    if floor is None or case.headcount < floor or _acted(registry, "admonition", case, as_of):
        return []
    detail = f"{case.id}：{_visit(case)}，达到大规模集体访标准（{floor} 人以上）"
    return [Finding("escalation.admonition", case.unit, case.id, case.leader, detail)]


def _criticism(registry: Registry, case: Case, as_of: dt.date) -> list[Finding]:
    if case.leader or _closed(case, as_of):
        return []
    limits = registry.accountability.thresholds
    collective = registry.ranking.settings.collective_headcount
    why = []
    if case.channel == "visit" and case.headcount >= collective:
        why.append(f"集体访（{case.headcount} 人）")
    if case.repeat_of:
        why.append(f"重复信访（前案 {case.repeat_of}）")
    if case.supervision in limits.criticism_supervision:
        why.append(f"{case.supervision.label}交办督办")
    if not why or _acted(registry, "criticism", case, as_of):
        return []
    detail = f"{case.id}：{'、'.join(why)}，未实行领导包案"
    return [Finding("escalation.criticism", case.unit, case.id, None, detail)]


def _root(case: Case, by_id: dict[str, Case]) -> str:
    seen = {case.id}
    while case.repeat_of and case.repeat_of in by_id and case.repeat_of not in seen:
        case = by_id[case.repeat_of]
        seen.add(case.id)
    return case.id


def _self_examination(registry: Registry, seen: list[Case], as_of: dt.date) -> list[Finding]:
    """One matter (a chain of `repeat_of`) brought by N larger collective visits in a year."""
    limits = registry.accountability.thresholds
    by_id = {c.id: c for c in seen}
    chains: dict[str, list[Case]] = defaultdict(list)
    for case in seen:
        if case.channel == "visit" and case.headcount >= limits.large_headcount:
            chains[_root(case, by_id)].append(case)
    out = []
    n, days = limits.self_examination_visits, limits.self_examination_days
    for root, visits in sorted(chains.items()):
        visits.sort(key=lambda c: (c.received, c.id))
        for i in range(len(visits) - n + 1):
            run = visits[i : i + n]
            if (run[-1].received - run[0].received).days >= days:
                continue
            last = run[-1]
            if any(
                a.kind == "self_examination"
                and a.unit == last.unit
                and last.received <= a.date <= as_of
                for a in registry.actions
            ):
                break
            listed = "、".join(f"{c.id}（{c.received}，{c.headcount} 人）" for c in run)
            detail = (
                f"同一问题（首次登记 {root}）{days} 天内发生 {n} 次较大规模集体访"
                f"（{limits.large_headcount} 人以上）：{listed}"
            )
            out.append(
                Finding("escalation.self_examination", last.unit, last.id, last.leader, detail)
            )
            break
    return out


def _listing(registry: Registry, as_of: dt.date) -> list[Finding]:
    """A case whose last N recorded actions are all reminders (连续 N 次提醒), not closed."""
    out = []
    for case, last in reminded_in_a_row(registry, as_of=as_of):
        dates = "、".join(str(a.date) for a in last)
        detail = f"{case.id}：连续 {len(last)} 次被提醒（{dates}），尚未挂牌督办"
        out.append(Finding("escalation.listing", case.unit, case.id, case.leader, detail))
    return out
