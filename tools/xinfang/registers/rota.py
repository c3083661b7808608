"""The reception rota (接访值班) of a month: the working days (official calendar, make-up
days included) on which the 群众工作中心 or a town or department has nobody on duty, and
leaders put on duty on a day off; and the yearbook's totals of county leaders' receptions.

A slot is the centre (None) or a unit key. Days before the first day the rota covers are
not judged: the register starts when the county starts keeping it.
"""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
from dataclasses import dataclass, field

from xinfang.models import Rank
from xinfang.models.leadership import RotaDuty
from xinfang.registers.finding import RegisterFinding
from xinfang.registry.loader import Registry

Slot = str | None
# Without policy/rota.yaml, these ranks count as county leaders for the yearbook.
COUNTY_RANKS = (Rank.county_party_secretary, Rank.county_head, Rank.deputy_county_head)
COUNTY_RANKS += (Rank.county_leader,)


def month_days(year: int, month: int) -> list[dt.date]:
    last = monthcal.monthrange(year, month)[1]
    return [dt.date(year, month, d) for d in range(1, last + 1)]


def month_of(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def rota_start(duties: list[RotaDuty]) -> dt.date:
    """The first day the rota covers (a weekly duty without `since` covers every day)."""
    starts = []
    for duty in duties:
        if duty.weekdays:
            starts.append(duty.since or dt.date.min)
        starts += duty.dates
    return min(starts, default=dt.date.max)


@dataclass
class RotaMonth:
    """One month of the rota."""

    year: int
    month: int
    start: dt.date  # the first day judged
    working_days: list[dt.date]
    slots: list[Slot]  # the centre, then the units that must receive
    on_duty: dict[tuple[Slot, dt.date], list[str]] = field(default_factory=dict)
    gaps: dict[Slot, list[dt.date]] = field(default_factory=dict)  # working days, nobody
    days_off: list[tuple[Slot, dt.date, str]] = field(default_factory=list)  # leader on a day off

    @property
    def problems(self) -> int:
        return sum(len(d) for d in self.gaps.values()) + len(self.days_off)


def rota_month(registry: Registry, year: int, month: int) -> RotaMonth | None:
    """The rota of a month, or None without policy/rota.yaml."""
    policy = registry.registers.rota_policy
    if policy is None:
        return None
    cal = registry.calendar
    days = month_days(year, month)
    duties = registry.registers.rota
    start = rota_start(duties)
    slots: list[Slot] = [None]
    slots += [k for k, u in registry.units.items() if u.type in policy.units.types]
    out = RotaMonth(year, month, start, [d for d in days if cal.is_working_day(d)], slots)
    for duty in duties:
        for d in days:
            explicit = d in duty.dates
            weekly = (w.number == d.weekday() for w in duty.weekdays)
            in_range = (duty.since is None or duty.since <= d) and (
                duty.until is None or d <= duty.until
            )
            by_week = in_range and cal.is_working_day(d) and any(weekly)
            if explicit or by_week:
                out.on_duty.setdefault((duty.unit, d), []).append(duty.leader)
            if explicit and not cal.is_working_day(d):
                out.days_off.append((duty.unit, d, duty.leader))
    for slot in slots:
        missed = [d for d in out.working_days if d >= start and (slot, d) not in out.on_duty]
        if missed:
            out.gaps[slot] = missed
    out.days_off.sort(key=lambda x: (x[1], x[0] or "", x[2]))
    return out


def rota_findings(registry: Registry, year: int, month: int) -> list[RegisterFinding]:
    policy = registry.registers.rota_policy
    rm = rota_month(registry, year, month)
    if policy is None or rm is None:
        return []
    out = []
    for slot, days in rm.gaps.items():
        basis = policy.centre.basis if slot is None else policy.units.basis
        where = policy.centre.place if slot is None else registry.unit_name(slot)
        for d in days:
            detail = f"{d}（工作日）{where}没有安排领导接访"
            out.append(RegisterFinding("rota.gap", slot, None, None, detail, basis, d))
    for slot, d, leader in rm.days_off:
        basis = policy.centre.basis if slot is None else policy.units.basis
        name = registry.leaders[leader].name if leader in registry.leaders else leader
        day = registry.calendar.holiday_name(d) or "休息日"
        detail = f"{name}被排在 {d}（{day}）接访，当天不是工作日"
        out.append(RegisterFinding("rota.day_off", slot, None, leader, detail, basis, d))
    return out


def reception_totals(registry: Registry, year: int) -> dict[str, int]:
    """County leaders' receptions held in `year`: days, 件次 (matters) and 人次 (people)."""
    policy = registry.registers.rota_policy
    ranks = policy.centre.ranks if policy else COUNTY_RANKS
    county = {k for k, ld in registry.leaders.items() if ld.rank in ranks}
    held = [r for r in registry.receptions if r.date.year == year and r.leader in county and r.held]
    return {
        "days": len(held),
        "matters": sum(r.matters or 0 for r in held),
        "people": sum(r.petitioners or 0 for r in held),
    }
