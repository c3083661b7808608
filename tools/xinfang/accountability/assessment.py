"""The annual assessment (目标绩效考核): per unit, what the year's notices and the recorded
actions say about it — the county's input to the annual target assessment. Pure.

From the rankings: the regular notices (policy/ranking.yaml `mechanisms.bottom.series`) that
placed the unit in the bottom `n`, and the notices whose figures triggered 通报批评. From
org/actions/: the special notices that named the unit, the reminders, interviews, listings
and the forms of accountability (通报批评, 责令作出检查, 诫勉, 党纪政纪处分) issued in the
year. Only notices whose period has ended by `as_of`, and actions dated by it, are counted.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from xinfang.clocks.settled import SettledClocks
from xinfang.models import ACTION_KINDS
from xinfang.ranking.mechanisms import bottom_units, triggers
from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking, compute_ranking
from xinfang.registry.loader import Registry

__all__ = ["ASSESS_COLUMNS", "UnitYear", "assess_rows", "assess_year", "notice_periods"]

# What the recorded actions are counted as, column by column.
COUNTED = (
    "special_notice",
    "reminder",
    "interview",
    "listing",
    "criticism",
    "self_examination",
    "admonition",
    "discipline",
)
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}

# `xinfang assess --format json` promises exactly these keys (CSV: the Chinese headers).
ASSESS_COLUMNS = (
    ("unit", "单位"),
    ("bottom", "通报排名靠后"),
    ("criticised", "通报中触发通报批评"),
    *((kind, ACTION_KINDS[kind]) for kind in COUNTED),
    ("total", "合计"),
    ("notes", "说明"),
)


@dataclass
class UnitYear:
    unit: str
    bottom: list[str] = field(default_factory=list)  # labels of the notices
    criticised: list[str] = field(default_factory=list)
    actions: dict[str, list[dt.date]] = field(default_factory=lambda: defaultdict(list))

    @property
    def total(self) -> int:
        return len(self.bottom) + len(self.criticised) + sum(map(len, self.actions.values()))


def notice_periods(registry: Registry, year: int, *, as_of: dt.date) -> list[Period]:
    """The year's notices, of every kind the mechanisms read, whose period has ended."""
    kinds = set(registry.ranking.mechanisms.bottom.series)
    for threshold in registry.ranking.mechanisms.criticism.thresholds:
        kinds.update(threshold.periods)
    out = [
        Period(year, kind, index)
        for kind in ("month", "quarter", "half", "year")
        if kind in kinds
        for index in range(1, _PER_YEAR[kind] + 1)
    ]
    return [p for p in out if p.end <= as_of]


def assess_year(
    registry: Registry,
    year: int,
    *,
    as_of: dt.date,
    rankings: Mapping[Period, Ranking] | None = None,
) -> list[UnitYear]:
    """Every unit of org/units.yaml, with the year's placings and actions as of `as_of`.
    `rankings` may hold some of the periods' rankings already computed (as of their end)."""
    rankings = rankings or {}
    settled = SettledClocks(registry.deadlines, registry.calendar)
    by_unit = {unit: UnitYear(unit) for unit in registry.units}
    series = registry.ranking.mechanisms.bottom
    for period in notice_periods(registry, year, as_of=as_of):
        ranking = rankings.get(period) or compute_ranking(
            registry, period, as_of=period.end, settled=settled
        )
        if period.kind in series.series:
            for unit in sorted(bottom_units(ranking, series.bottom)):
                row = ranking.row(unit)
                by_unit[unit].bottom.append(f"{period.label}第 {row.rank} 名")
        for t in triggers(registry, ranking, [], settled):
            if t.kind == "criticism" and t.unit in by_unit:
                by_unit[t.unit].criticised.append(period.label)
    for action in registry.actions:
        if action.date.year != year or action.date > as_of or action.kind not in COUNTED:
            continue
        units = action.units if action.kind == "special_notice" else [action.unit]
        for unit in units:
            if unit in by_unit:
                by_unit[unit].actions[action.kind].append(action.date)
    return list(by_unit.values())


def _notes(registry: Registry, u: UnitYear) -> str:
    parts = []
    if u.bottom:
        parts.append("排名靠后：" + "、".join(u.bottom))
    if u.criticised:
        parts.append("触发通报批评：" + "、".join(u.criticised))
    for kind in COUNTED:
        dates = u.actions.get(kind)
        if dates:
            parts.append(f"{ACTION_KINDS[kind]}：" + "、".join(str(d) for d in sorted(dates)))
    return "；".join(parts)


def assess_rows(registry: Registry, units: list[UnitYear], *, labels: bool) -> list[dict]:
    """One row per unit: the counts, their total and the notices and dates behind them."""
    rows = []
    for u in units:
        row: dict = {
            "unit": registry.unit_name(u.unit) if labels else u.unit,
            "bottom": len(u.bottom),
            "criticised": len(u.criticised),
        }
        row.update({kind: len(u.actions.get(kind, ())) for kind in COUNTED})
        row["total"] = u.total
        row["notes"] = _notes(registry, u)
        rows.append(row)
    return rows
