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
from xinfang.models.leadership import CaseMatch, OwnershipLevel, OwnershipPolicy

# Fields of a case that a CaseMatch looks at, in the order a finding prefers to point at.
MATCH_FIELDS = ("priority", "supervision", "visited_level")


def matched_field(case: Case, when: CaseMatch) -> str | None:
    """The first case field that meets `when` (to locate a finding there), else None."""
    for name in MATCH_FIELDS:
        if getattr(case, name) is not None and getattr(case, name) in getattr(when, name):
            return name
    return None


def level_of(case: Case, policy: OwnershipPolicy) -> tuple[OwnershipLevel, str] | None:
    """The highest ownership level the case belongs to, and the field that put it there."""
    for level in policy.levels:
        field = matched_field(case, level.when)
        if field is not None:
            return level, field
    return None


def key_reason(case: Case, policy: OwnershipPolicy) -> str | None:
    """The field that makes the case a key case (which must have an owner), else None."""
    return matched_field(case, policy.key.when)


def describe(case: Case, field: str) -> str:
    """`supervision: city` in words, for messages: 市级督办."""
    value = getattr(case, field)
    suffix = {"supervision": "督办", "visited_level": "来访", "priority": "风险"}[field]
    if field == "visited_level" and value == "national":
        return "进京来访"
    return f"{value.label}{suffix}"


@dataclass(frozen=True)
class OwnershipIssue:
    """A case that breaks an ownership rule; `field` is where to point (leader, priority…)."""

    field: str
    message: str


def ownership_issues(
    case: Case, leaders: dict[str, Leader], policy: OwnershipPolicy
) -> list[OwnershipIssue]:
    """A key case without an owner, or an owner whose rank may not own a case of this level.

    An owner who is not in org/leaders.yaml is a reference problem reported elsewhere.
    """
    if case.leader is None:
        reason = key_reason(case, policy)
        if reason is None:
            return []
        return [
            OwnershipIssue(
                reason, f"重点案件（{describe(case, reason)}）必须落实包案领导，请填写 leader"
            )
        ]
    leader = leaders.get(case.leader)
    found = level_of(case, policy)
    if leader is None or found is None:
        return []
    level, field = found
    if leader.rank in level.ranks:
        return []
    allowed = "、".join(r.label for r in level.ranks)
    return [
        OwnershipIssue(
            "leader",
            f"{describe(case, field)}的案件应由{allowed}包案，{leader.name}是{leader.rank.label}",
        )
    ]


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
