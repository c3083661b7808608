"""Case ownership (包案): who may own a case, which cases must have an owner, and whether the
owner's weekly progress report is late. Pure: models in, plain results out.

The weekly interval is not repeated here: it is the `progress` clock of policy/deadlines.yaml
(named by `OwnershipPolicy.progress_clock`), read through `progress_status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.models import Case, ClockRule, Leader
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


@dataclass(frozen=True)
class ProgressStatus:
    """Where an owned case stands with its weekly progress report, as of a date."""

    last: dt.date  # the last progress report, or the event that started the clock
    last_type: str  # the event type of `last`
    due: dt.date  # the next report is due on or before this day
    days_late: int  # 0 when not late

    @property
    def late(self) -> bool:
        return self.days_late > 0


def progress_status(case: Case, clock: ClockRule, *, as_of: dt.date) -> ProgressStatus | None:
    """The weekly-report clock of a leader-owned case, or None when it is not running.

    The clock runs from the last `start` or `restart` event (acceptance, then each progress
    report) and stops for good at a `stop` event (结案销号): an answered or rated case that
    is not closed still owes its reports. Events after `as_of` are not yet known.
    """
    if clock.requires_leader and case.leader is None:
        return None
    events = [e for e in case.events if e.date <= as_of]
    if any(e.type in clock.stop for e in events):
        return None
    anchors = [e for e in events if e.type in clock.start or e.type in clock.restart]
    if not anchors:
        return None
    last = anchors[-1]
    due = last.date + dt.timedelta(days=clock.days)
    return ProgressStatus(last.date, last.type, due, max(0, (as_of - due).days))
