"""Case ownership (包案): who may own a case, which cases must have an owner, and whether the
owner's weekly progress report is late. Pure: models in, plain results out.

The weekly interval is not repeated here: it is the `progress` clock of policy/deadlines.yaml
(named by `OwnershipPolicy.progress_clock`), computed by deadlines.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Clock, compute_clocks
from xinfang.models import Case, DeadlinePolicy, Leader
from xinfang.models.leadership import CaseMatch, OwnershipPolicy, OwnershipTier

# Stable rule keys (the findings of `xinfang findings` use them too).
MISSING, RANK, SECOND = "ownership.missing", "ownership.rank", "ownership.second"


def describe(case: Case, field: str) -> str:
    """`supervision: city` in words, for messages: 市级督办."""
    value = getattr(case, field)
    if field == "visited_level" and value == "national":
        return "进京来访"
    if field == "instructed_by":
        return f"{value.label.removesuffix('级')}领导接访、批示或阅批"
    suffix = {"supervision": "督办", "visited_level": "来访", "priority": "风险"}[field]
    return f"{value.label}{suffix}"


def _matches(case: Case, when: CaseMatch) -> tuple[str, str] | None:
    """The case in words, and its first field that matched, if it meets every condition of
    `when`; else None."""
    parts, fields = [], []
    for name in ("supervision", "visited_level", "instructed_by", "priority"):
        allowed = getattr(when, name)
        if not allowed:
            continue
        if getattr(case, name) not in allowed:
            return None
        parts.append(describe(case, name))
        fields.append(name)
    if when.min_headcount is not None:
        if case.headcount < when.min_headcount:
            return None
        parts[-1] += f"（{case.headcount} 人）"
    return "、".join(parts), fields[0]


@dataclass(frozen=True)
class Tier:
    """The tier a case falls in, and why (in words: 市级督办, 红色风险…)."""

    key: str
    tier: OwnershipTier
    reason: str
    field: str  # the case field that put it in the tier


def tier_of(case: Case, policy: OwnershipPolicy) -> Tier | None:
    """The highest tier the case belongs to, by what it records or by its colour; None for a
    case that is not a key case."""
    colour = policy.colours.tiers.get(case.priority) if case.priority else None
    for key, tier in policy.tiers.items():
        for when in tier.when:
            matched = _matches(case, when)
            if matched is not None:
                return Tier(key, tier, *matched)
        if key == colour:
            return Tier(key, tier, describe(case, "priority"), "priority")
    return None


@dataclass(frozen=True)
class OwnershipIssue:
    """A case that breaks an ownership rule; `field` is where to point (leader, priority…)."""

    field: str
    message: str
    rule: str = RANK


def ownership_issues(
    case: Case, leaders: dict[str, Leader], policy: OwnershipPolicy
) -> list[OwnershipIssue]:
    """A key case without an owner, an owner whose rank is below its tier, or a missing or
    wrong second owner on the town's or department's side (`unit_leader`).

    An owner who is not in org/leaders.yaml is a reference problem reported elsewhere.
    """
    found = tier_of(case, policy)
    if found is None:
        return []
    tier, reason = found.tier, found.reason
    if case.leader is None:
        return [
            OwnershipIssue(
                found.field,
                f"重点案件（{reason}）必须落实包案领导（{tier.name}），请写明包案领导",
                MISSING,
            )
        ]
    out = []
    leader = leaders.get(case.leader)
    if leader is not None and leader.rank not in tier.ranks:
        allowed = "、".join(r.label for r in tier.ranks)
        out.append(
            OwnershipIssue(
                "leader", f"{reason}的案件应由{allowed}包案，{leader.name}是{leader.rank.label}"
            )
        )
    out += _second_issues(case, leaders, tier, reason)
    return out


def _second_issues(
    case: Case, leaders: dict[str, Leader], tier: OwnershipTier, reason: str
) -> list[OwnershipIssue]:
    second = tier.second
    if second is None:
        return []
    if case.unit_leader is None:
        return [
            OwnershipIssue(
                "leader",
                f"{reason}的案件还须由{second.name}同时包案，请写明责任单位一方的包案领导",
                SECOND,
            )
        ]
    other = leaders.get(case.unit_leader)
    if other is None:
        return []
    if other.unit != case.unit:
        return [
            OwnershipIssue(
                "unit_leader",
                f"{other.name}不是责任单位 {case.unit} 的领导，不能作为{second.name}包案",
                SECOND,
            )
        ]
    if other.rank not in second.ranks:
        allowed = "、".join(r.label for r in second.ranks)
        return [
            OwnershipIssue(
                "unit_leader",
                f"{reason}的案件应由{second.name}（{allowed}）同时包案，"
                f"{other.name}是{other.rank.label}",
                SECOND,
            )
        ]
    return []


def weekly_policy(deadlines: DeadlinePolicy, key: str) -> DeadlinePolicy | None:
    """The deadline policy cut down to the weekly-report clock `key`, or None if it is absent.

    The clock itself (start at acceptance, restart at each report, stop at 结案销号, 7 days)
    is policy/deadlines.yaml's: ownership reads it, never restates it.
    """
    rule = deadlines.clocks.get(key)
    if rule is None:
        return None
    return deadlines.model_copy(update={"clocks": {key: rule}})


def progress_clock(
    case: Case, weekly: DeadlinePolicy, calendar: OfficialCalendar, *, as_of: dt.date
) -> Clock | None:
    """The weekly-report clock of a leader-owned case as of `as_of`, computed like every
    other deadline (so `xinfang overdue` and `validate` agree); None when it has not started.

    The clock stops only at a stop event (结案销号): a case that is answered and rated but
    not closed still owes its weekly reports.
    """
    clocks = compute_clocks(case, weekly, calendar, as_of=as_of)
    return clocks[0] if clocks else None
