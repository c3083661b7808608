"""The frontline work method (一线工作法): each leader's days in a month against the quota of
their rank, and the reception-day schedule with its publication rule. Pure: no files, no clock.

Which days are working days comes in as a function (`is_working_day`), so that the official
calendar, with its holidays and make-up days, decides which Tuesdays a town cadre owes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from xinfang.models import Leader
from xinfang.models.leadership import (
    LINE,
    FrontlineEntry,
    FrontlinePolicy,
    Quota,
    Reception,
    ReceptionRule,
    Weekday,
)
from xinfang.registry.loader import Registry

WorkingDay = Callable[[dt.date], bool]
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = MONTH_RE.match(text)
        if not match:
            raise ValueError(f"{text!r} 不是有效月份，应写成 YYYY-MM，例如 2026-10")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def days(self) -> list[dt.date]:
        return [dt.date(self.year, self.month, d) for d in range(1, self.last.day + 1)]

    def previous(self) -> Month:
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and (day.year, day.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year} 年 {self.month} 月"


def required_weekdays(month: Month, weekday: int, is_working_day: WorkingDay) -> list[dt.date]:
    """The days of `month` that fall on `weekday` (0 = Monday) and are working days.

    A Tuesday inside a statutory holiday (2026-10-06, National Day) is not owed.
    """
    return [d for d in month.days() if d.weekday() == weekday and is_working_day(d)]


@dataclass(frozen=True)
class LeaderMonth:
    """One leader's month on the front line, measured against the quota of their rank."""

    key: str
    leader: Leader
    quota: Quota
    town_days: int  # days in the towns the leader is linked to
    line_days: int  # days on the leader's own line of work
    days: int  # all days on the front line, wherever
    weekday_owed: tuple[dt.date, ...] = ()  # the fixed weekdays of the month that count
    weekday_missed: tuple[dt.date, ...] = ()
    shortfalls: tuple[str, ...] = ()

    @property
    def short(self) -> bool:
        return bool(self.shortfalls)


def quota_text(quota: Quota) -> str:
    """The quota in words: 联系乡镇≥2天，分管战线≥1天."""
    parts = []
    if quota.town_days:
        parts.append(f"联系乡镇≥{quota.town_days}天")
    if quota.line_days:
        parts.append(f"分管战线≥{quota.line_days}天")
    if quota.days:
        parts.append(f"合计≥{quota.days}天")
    if quota.weekday:
        parts.append(f"每{quota.weekday.label}（节假日除外）")
    return "，".join(parts) or "无"


def tally_leader(
    key: str,
    leader: Leader,
    quota: Quota,
    entries: Iterable[FrontlineEntry],
    month: Month,
    is_working_day: WorkingDay,
) -> LeaderMonth:
    """Count one leader's ledger entries in `month` and say what falls short of `quota`."""
    mine = {e.date: e for e in entries if e.leader == key and e.date in month}
    town_days = sum(1 for e in mine.values() if e.where in leader.towns)
    line_days = sum(1 for e in mine.values() if e.where == LINE)
    days = len(mine)
    owed: list[dt.date] = []
    missed: list[dt.date] = []
    if quota.weekday is not None:
        owed = required_weekdays(month, quota.weekday.number, is_working_day)
        missed = [d for d in owed if d not in mine]
    short = []
    for have, need, what in (
        (town_days, quota.town_days, "联系乡镇"),
        (line_days, quota.line_days, "分管战线"),
        (days, quota.days, "合计"),
    ):
        if have < need:
            short.append(f"{what}少 {need - have} 天")
    if missed:
        label = quota.weekday.label if quota.weekday else ""
        dates = "、".join(f"{d.month}/{d.day}" for d in missed)
        short.append(f"缺{label} {len(missed)} 次（{dates}）")
    return LeaderMonth(
        key, leader, quota, town_days, line_days, days, tuple(owed), tuple(missed), tuple(short)
    )


def tally_month(
    leaders: dict[str, Leader],
    entries: Iterable[FrontlineEntry],
    policy: FrontlinePolicy,
    month: Month,
    is_working_day: WorkingDay,
) -> list[LeaderMonth]:
    """Every leader whose rank has a quota, in the order of org/leaders.yaml."""
    entries = [e for e in entries if e.date in month]
    out = []
    for key, leader in leaders.items():
        quota = policy.quota_for(leader.rank)
        if quota is not None:
            out.append(tally_leader(key, leader, quota, entries, month, is_working_day))
    return out


@dataclass(frozen=True)
class TownMonth:
    """The county leaders' days in one town in a month."""

    town: str
    linked: tuple[str, ...]  # leaders linked to the town
    visits: dict[str, int]  # leader key → days in the town (any leader)

    @property
    def days(self) -> int:
        return sum(self.visits.values())


def tally_towns(
    towns: Iterable[str],
    leaders: dict[str, Leader],
    entries: Iterable[FrontlineEntry],
    month: Month,
) -> list[TownMonth]:
    """For each town: who is linked to it and how many days each leader spent there."""
    visits: dict[str, dict[str, set[dt.date]]] = {}
    for e in entries:
        if e.date in month and e.where != LINE:
            visits.setdefault(e.where, {}).setdefault(e.leader, set()).add(e.date)
    out = []
    for town in towns:
        linked = tuple(k for k, ld in leaders.items() if town in ld.towns)
        counts = {k: len(days) for k, days in sorted(visits.get(town, {}).items())}
        out.append(TownMonth(town, linked, counts))
    return out


# ---------------------------------------------------------------- reception days


def notice_days(reception: Reception) -> int:
    """How many days before the reception it was published (7 = exactly a week)."""
    return (reception.date - reception.published).days


def published_late(reception: Reception, rule: ReceptionRule) -> bool:
    return notice_days(reception) < rule.notice_days


def receptions_between(
    receptions: Iterable[Reception], start: dt.date, days: int
) -> list[Reception]:
    """Receptions from `start` for `days` days (start included), by date then leader."""
    end = start + dt.timedelta(days=days)
    return sorted(
        (r for r in receptions if start <= r.date < end), key=lambda r: (r.date, r.leader)
    )


# ---------------------------------------------------------------- rows for the commands

# The table columns; JSON rows have these keys and also `leader` and `rank`.
FRONTLINE_COLUMNS = (
    ("name", "姓名"),
    ("post", "职务"),
    ("quota", "定额"),
    ("town_days", "联系乡镇"),
    ("line_days", "分管战线"),
    ("days", "合计"),
    ("weekday", "固定日"),
    ("status", "情况"),
    ("shortfall", "差额"),
)
# The table columns; JSON rows have these keys and also `leader`.
RECEPTION_COLUMNS = (
    ("date", "日期"),
    ("weekday", "星期"),
    ("name", "姓名"),
    ("post", "职务"),
    ("place", "地点"),
    ("unit", "乡镇或部门"),
    ("published", "公示日期"),
    ("notice_days", "提前天数"),
    ("status", "公示"),
)


def registry_month(registry: Registry, month: Month) -> list[LeaderMonth]:
    """Every leader with a quota, for `month` of the registry's ledgers."""
    if registry.frontline_policy is None:
        return []
    return tally_month(
        registry.leaders,
        registry.frontline,
        registry.frontline_policy,
        month,
        registry.calendar.is_working_day,
    )


def leader_month_row(lm: LeaderMonth, *, labels: bool) -> dict[str, Any]:
    """One leader's month as the JSON contract (or, with `labels`, as the table shows it)."""
    weekday: Any = None
    if lm.quota.weekday is not None:
        out = len(lm.weekday_owed) - len(lm.weekday_missed)
        weekday = (
            f"{lm.quota.weekday.label} {out}/{len(lm.weekday_owed)}"
            if labels
            else {
                "weekday": lm.quota.weekday.value,
                "owed": [d.isoformat() for d in lm.weekday_owed],
                "missed": [d.isoformat() for d in lm.weekday_missed],
            }
        )
    town_days: Any = lm.town_days
    line_days: Any = lm.line_days
    if labels:  # a count the quota does not ask for would only mislead in the table
        town_days = lm.town_days if lm.quota.town_days else None
        line_days = lm.line_days if lm.quota.line_days else None
    status = ("未达标", "short") if lm.short else ("达标", "met")
    return {
        "leader": lm.key,
        "name": lm.leader.name,
        "post": lm.leader.post,
        "rank": lm.leader.rank.label if labels else lm.leader.rank.value,
        "quota": quota_text(lm.quota),
        "town_days": town_days,
        "line_days": line_days,
        "days": lm.days,
        "weekday": weekday,
        "status": status[0] if labels else status[1],
        "shortfall": "；".join(lm.shortfalls) or None,
    }


def reception_row(
    r: Reception, leaders: dict[str, Leader], unit_name: str, rule: ReceptionRule, *, labels: bool
) -> dict[str, Any]:
    leader = leaders.get(r.leader)
    late = published_late(r, rule)
    day = list(Weekday)[r.date.weekday()]
    if labels:
        status = f"不足 {rule.notice_days} 天" if late else "按时"
    else:
        status = "late" if late else "on_time"
    return {
        "date": r.date.isoformat(),
        "weekday": day.label if labels else day.value,
        "leader": r.leader,
        "name": leader.name if leader else r.leader,
        "post": leader.post if leader else None,
        "place": r.place,
        "unit": unit_name,
        "published": r.published.isoformat(),
        "notice_days": notice_days(r),
        "status": status,
    }
