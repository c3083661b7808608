"""Spot checks of first petitions (初信初访抽查): the reproducible sample of a month, the
clocks a 问题件 starts (policy/spotcheck.yaml), and each unit's rates for `rank` and the site.

A first petition is concluded (办结) in the month of its first `answered` event.
"""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from xinfang.clocks.deadlines import Clock, Status
from xinfang.models import Case
from xinfang.models.spotcheck import SpotCheck, SpotClock, Verdict
from xinfang.registers.finding import RegisterFinding
from xinfang.registry.loader import Registry

CLOCK_PREFIX = "spotcheck-"


def concluded_in(case: Case, month: str) -> bool:
    answered = case.events_of("answered")
    return bool(answered) and answered[0].date.isoformat()[:7] == month


def candidates(registry: Registry, month: str) -> dict[str, list[str]]:
    """Unit → ids of its first petitions concluded in `month` (YYYY-MM), in id order."""
    out: dict[str, list[str]] = {}
    for case in registry.cases:
        if case.first and concluded_in(case, month):
            out.setdefault(case.unit, []).append(case.id)
    return out


def sample_size(available: int, rate: int, minimum: int) -> int:
    """`rate` per cent, rounded up, at least `minimum`, at most what there is."""
    return min(available, max(minimum, math.ceil(available * rate / 100)))


def draw(
    registry: Registry, month: str, *, rate: int, seed: str, minimum: int
) -> dict[str, list[str]]:
    """Unit → the drawn case ids. The same registry, month, rate and seed give the same sample;
    each unit has its own generator, so one unit's new case does not change another's draw."""
    out = {}
    for unit, ids in candidates(registry, month).items():
        rng = random.Random(f"{seed}/{month}/{unit}")
        out[unit] = sorted(rng.sample(ids, sample_size(len(ids), rate, minimum)))
    order = list(registry.units)
    return dict(sorted(out.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 0))


def sample_entries(drawn: dict[str, list[str]], month: str, day: dt.date) -> list[dict]:
    """The entries `xinfang spotcheck sample` writes, in file order."""
    return [
        {"case": c, "unit": unit, "month": month, "drawn": day}
        for unit, ids in drawn.items()
        for c in ids
    ]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, monthcal.monthrange(year, month)[1]))


def check_clocks(
    check: SpotCheck, clocks: dict[str, SpotClock], registry: Registry, *, as_of: dt.date
) -> list[Clock]:
    """The clocks of one 问题件, started on the day it was found (not counted, 《民法典》
    第二百零一条); none before that day or for a 合格 verdict."""
    if check.verdict is not Verdict.problem or check.checked is None or check.checked > as_of:
        return []
    out = []
    for key, rule in clocks.items():
        start = check.checked
        raw = add_months(start, rule.months) if rule.months else start + dt.timedelta(rule.days)
        due, provisional = raw, False
        if rule.roll_forward:
            due, provisional = registry.calendar.next_working_day_on_or_after(raw)
        done = getattr(check, rule.done)
        done = done if done is not None and done <= as_of else None
        if done is not None:
            status, left = (Status.met if done <= due else Status.met_late), None
        else:
            left = (due - as_of).days
            status = Status.overdue if left < 0 else Status.running
            if 0 <= left <= rule.due_soon_days:
                status = Status.due_soon
        out.append(
            Clock(
                case_id=check.case,
                key=CLOCK_PREFIX + key,
                name=rule.name,
                start=start,
                due=due,
                done=done,
                status=status,
                days_left=left,
                provisional=provisional,
                basis=rule.basis,
                start_event="spotcheck",
                counting="calendar",
                days=rule.days or (due - start).days,
                window=False,
                raw_last_day=raw,
            )
        )
    return out


def spotcheck_clocks(registry: Registry, *, as_of: dt.date, unit: str | None = None) -> list[Clock]:
    """Every 问题件 clock of the registry (or of one unit) as of a date."""
    policy = registry.registers.spotcheck_policy
    if policy is None:
        return []
    out = []
    for check in registry.registers.spotchecks:
        if unit is None or check.unit == unit:
            out += check_clocks(check, policy.clocks, registry, as_of=as_of)
    return out


def spotcheck_findings(registry: Registry, *, as_of: dt.date) -> list[RegisterFinding]:
    units = {c.case: c.unit for c in registry.registers.spotchecks}
    out = []
    for clock in spotcheck_clocks(registry, as_of=as_of):
        if clock.status is Status.overdue:
            rule = "spotcheck." + clock.key.removeprefix(CLOCK_PREFIX)
            detail = (
                f"问题件 {clock.case_id} 的{clock.name}已逾期 {clock.days_overdue} 天"
                f"（认定于 {clock.start}，应不晚于 {clock.due}）"
            )
            out.append(
                RegisterFinding(
                    rule, units[clock.case_id], clock.case_id, None, detail, clock.basis, clock.due
                )
            )
    return out


@dataclass(frozen=True)
class UnitRates:
    unit: str
    sampled: int  # 抽查数
    checked: int  # 已出结论
    problems: int  # 问题件数
    rectified: int  # 整改完成数

    @property
    def problem_rate(self) -> float | None:
        return self.problems / self.checked if self.checked else None

    @property
    def rectified_rate(self) -> float | None:
        return self.rectified / self.problems if self.problems else None


def unit_rates(
    registry: Registry, months: Iterable[str], *, as_of: dt.date
) -> dict[str, UnitRates]:
    """Unit → its spot-check counts for the sampled months given, as of a date."""
    wanted = set(months)
    tally: dict[str, list[int]] = {}
    for c in registry.registers.spotchecks:
        if c.month not in wanted:
            continue
        row = tally.setdefault(c.unit, [0, 0, 0, 0])
        row[0] += 1
        if c.verdict is not None and c.checked is not None and c.checked <= as_of:
            row[1] += 1
            if c.verdict is Verdict.problem:
                row[2] += 1
                if c.rectified is not None and c.rectified <= as_of:
                    row[3] += 1
    return {u: UnitRates(u, *row) for u, row in tally.items()}


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """The YYYY-MM months from `first` through `last`."""
    out = []
    day = first.replace(day=1)
    while day <= last:
        out.append(day.isoformat()[:7])
        day = add_months(day, 1)
    return out


SPOTCHECK_COLUMNS = (
    ("unit", "单位"),
    ("sampled", "抽查数"),
    ("problems", "问题件数"),
    ("rectified", "整改完成数"),
)


def spotcheck_rates(
    registry: Registry, first: dt.date, last: dt.date, *, as_of: dt.date
) -> dict[str, dict[str, int]]:
    """The optional metric of `rank`: unit → 抽查数, 问题件数, 整改完成数 for the samples of
    the months from `first` through `last`, in the order of org/units.yaml."""
    rates = unit_rates(registry, months_between(first, last), as_of=as_of)
    return {
        key: {"sampled": r.sampled, "problems": r.problems, "rectified": r.rectified}
        for key in registry.units
        if (r := rates.get(key)) is not None
    }
