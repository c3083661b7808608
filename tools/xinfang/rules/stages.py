"""The stage a case is in on a date, from its latest event that moves it on, and whether
that stage counts as open (在办). One definition for the site and `xinfang stats`. Pure."""

from __future__ import annotations

import datetime as dt

from xinfang.models import Case

__all__ = ["ACTIVE", "STAGES", "case_stage", "is_open"]

# Progress reports and ratings do not move a case on.
STAGES = {
    "received": "已登记",
    "transferred": "已转送待受理",
    "objected": "提出异议",
    "accepted": "办理中",
    "extended": "办理中（已延期）",
    "rejected": "不予受理",
    "answered": "已办结",
    "review_requested": "复查中",
    "reviewed": "已复查",
    "recheck_requested": "复核中",
    "hearing_started": "复核中（听证）",
    "hearing_ended": "复核中",
    "rechecked": "已复核",
}
ACTIVE = frozenset(
    {"已登记", "已转送待受理", "提出异议", "办理中", "办理中（已延期）", "复查中"}
    | {"复核中", "复核中（听证）"}
)


def case_stage(case: Case, *, as_of: dt.date) -> str:
    """The stage of `case` on `as_of`, from its latest event that moves it on."""
    stage = "已登记"
    for event in case.events:
        if event.date > as_of:
            break
        if event.type == "closed":
            return f"已结案（{event.how.label}）"
        stage = STAGES.get(event.type, stage)
    return stage


def is_open(case: Case, *, as_of: dt.date) -> bool:
    """Whether the case is 在办 on `as_of` (registered by then and not yet concluded)."""
    return case.received <= as_of and case_stage(case, as_of=as_of) in ACTIVE
