"""The risk-screening register (矛盾纠纷排查) as of a date: who reported in a week (weekly,
and daily in the sensitive periods of policy/screening.yaml), which matters stayed 在办 past
the policy limit, and the year's screened and resolved counts for the yearbook."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from xinfang.models import Priority
from xinfang.models.screening import ScreenedMatter, ScreeningStatus, SensitivePeriod
from xinfang.registers.finding import RegisterFinding
from xinfang.registry.loader import Registry

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week, Monday to Sunday: 2026-W47 is 2026-11-16 … 2026-11-22."""

    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = WEEK_RE.match(text)
        if match:
            year, week = int(match.group(1)), int(match.group(2))
            try:
                dt.date.fromisocalendar(year, week, 1)
                return cls(year, week)
            except ValueError:
                pass
        raise ValueError(f"{text!r} 不是有效的周，应写成 YYYY-Www，例如 2026-W47")

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + 6 * _DAY

    def days(self) -> list[dt.date]:
        return [self.monday + i * _DAY for i in range(7)]

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def label(self) -> str:
        return f"{self.year} 年第 {self.week} 周（{self.monday} 至 {self.sunday}）"


def last_complete_week(as_of: dt.date) -> IsoWeek:
    """The week of `as_of` if it is a Sunday, else the week before."""
    week = IsoWeek.of(as_of)
    return week if as_of == week.sunday else IsoWeek.of(week.monday - _DAY)


def sensitive_period(day: dt.date, periods: list[SensitivePeriod]) -> SensitivePeriod | None:
    return next((p for p in periods if p.start <= day <= p.end), None)


@dataclass(frozen=True)
class UnitWeek:
    """One unit's reports in one week."""

    unit: str
    reported: tuple[dt.date, ...]  # dates of its reports in the week
    weekly_due: bool  # the week has ended, so the weekly report is owed
    daily_owed: tuple[dt.date, ...]  # sensitive days of the week up to the as-of date
    daily_missed: tuple[dt.date, ...]

    @property
    def weekly_missing(self) -> bool:
        return self.weekly_due and not self.reported

    @property
    def missing(self) -> bool:
        return self.weekly_missing or bool(self.daily_missed)


def week_status(registry: Registry, week: IsoWeek, *, as_of: dt.date) -> list[UnitWeek]:
    """Every unit that must report (policy `reporters`), in the order of org/units.yaml.

    Days before the register's first report are not judged: it starts when the county
    starts keeping it."""
    policy = registry.registers.screening_policy
    if policy is None:
        return []
    reports = registry.registers.reports
    start = reports[0].date if reports else dt.date.max
    periods = policy.sensitive.periods
    owed = tuple(d for d in week.days() if start <= d <= as_of and sensitive_period(d, periods))
    dates: dict[str, set[dt.date]] = {}
    for r in registry.registers.reports:
        if week.monday <= r.date <= week.sunday:
            dates.setdefault(r.unit, set()).add(r.date)
    out = []
    for key, unit in registry.units.items():
        if unit.type not in policy.reporters:
            continue
        mine = dates.get(key, set())
        out.append(
            UnitWeek(
                key,
                tuple(sorted(mine)),
                start <= week.sunday <= as_of,
                owed,
                tuple(d for d in owed if d not in mine),
            )
        )
    return out


def stale_matters(registry: Registry, *, as_of: dt.date) -> list[tuple[ScreenedMatter, int]]:
    """Matters still 在办 more than the policy's days after they were found, with the days."""
    policy = registry.registers.screening_policy
    if policy is None:
        return []
    out = []
    for m in registry.registers.matters:
        days = (as_of - m.found).days
        if m.status is ScreeningStatus.open and days > policy.stale.days:
            out.append((m, days))
    return out


def screening_findings(
    registry: Registry, week: IsoWeek, *, as_of: dt.date
) -> list[RegisterFinding]:
    policy = registry.registers.screening_policy
    if policy is None:
        return []
    out = []
    for uw in week_status(registry, week, as_of=as_of):
        if uw.weekly_missing:
            detail = f"{week.label}未报告矛盾纠纷排查情况（周排查周报告）"
            out.append(
                RegisterFinding(
                    "screening.missing", uw.unit, None, None, detail, policy.weekly.basis,
                    week.sunday,
                )
            )  # fmt: skip
        for day in uw.daily_missed:
            period = sensitive_period(day, policy.sensitive.periods)
            name = period.name if period else ""
            detail = f"敏感期（{name}）{day} 未报告（敏感期日排查日报告）"
            out.append(
                RegisterFinding(
                    "screening.missing", uw.unit, None, None, detail, policy.sensitive.basis, day
                )
            )
    for m, days in stale_matters(registry, as_of=as_of):
        detail = (
            f"{m.found} 排查的{m.risk.label}风险事项已在办 {days} 天，"
            f"超过 {policy.stale.days} 天仍未化解或稳控"
        )
        due = m.found + dt.timedelta(days=policy.stale.days)
        out.append(
            RegisterFinding(
                "screening.stale", m.unit, m.case, None, detail, policy.stale.basis, due
            )
        )
    return out


def year_counts(registry: Registry, year: int) -> dict[str, int]:
    """The yearbook's figures: matters screened in `year` (by date found), their people, and
    how many are resolved, under control and still open; and how many of each risk colour."""
    found = [m for m in registry.registers.matters if m.found.year == year]
    status = Counter(m.status for m in found)
    risk = Counter(m.risk for m in found)
    return {
        "screened": len(found),
        "people": sum(m.people for m in found),
        "resolved": status[ScreeningStatus.resolved],
        "controlled": status[ScreeningStatus.controlled],
        "open": status[ScreeningStatus.open],
        **{p.value: risk[p] for p in Priority},
    }
