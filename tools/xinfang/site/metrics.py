"""Simple figures for a period, computed from the clocks. Pure.

The official ranking formulas belong to `xinfang.ranking` (and its policy file); until the
site uses them, these plain definitions are what the home page and the unit pages show,
each printed beside its figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from xinfang.deadlines import Clock, Status
from xinfang.models import Rating
from xinfang.site.data import CaseRow

__all__ = ["RATE_DEFINITIONS", "Rate", "three_rates"]

RATE_DEFINITIONS = {
    "acceptance": (
        "及时受理率",
        "期内完成受理告知（受理或不予受理）的事项中按期完成的比例；"
        "到期日在期内而尚未告知的，计为未按期。",
    ),
    "handling": (
        "按期办结率",
        "期内办结（出具处理意见或结案）的申诉求决类事项中按期办结的比例；"
        "到期日在期内而尚未办结的，计为未按期。",
    ),
    "satisfaction": (
        "群众满意率",
        "期内作出评价的事项中，评价为“满意”或“基本满意”的比例。",
    ),
}


@dataclass(frozen=True, slots=True)
class Rate:
    key: str
    numerator: int
    denominator: int

    @property
    def name(self) -> str:
        return RATE_DEFINITIONS[self.key][0]

    @property
    def definition(self) -> str:
        return RATE_DEFINITIONS[self.key][1]

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def text(self) -> str:
        """97.5% — or — when nothing fell in the period."""
        value = self.value
        return "—" if value is None else f"{value * 100:.1f}%"


def on_time_rate(key: str, clocks: Iterable[Clock], start: dt.date, end: dt.date) -> Rate:
    """Of the `key` clocks that ended in [start, end] — done then, or due then and still
    open past due — how many were done by their due date."""
    met = total = 0
    for clock in clocks:
        if clock.key != key:
            continue
        if clock.done is not None and start <= clock.done <= end:
            total += 1
            met += clock.status is Status.met
        elif clock.status is Status.overdue and start <= clock.due <= end:
            total += 1
    return Rate(key, met, total)


def satisfaction_rate(rows: Iterable[CaseRow], start: dt.date, end: dt.date) -> Rate:
    good = total = 0
    for row in rows:
        for event in row.case.events_of("rated"):
            if start <= event.date <= end:
                total += 1
                good += event.rating in (Rating.satisfied, Rating.basically_satisfied)
    return Rate("satisfaction", good, total)


def three_rates(rows: Iterable[CaseRow], start: dt.date, end: dt.date) -> list[Rate]:
    """及时受理率, 按期办结率 and 群众满意率 for the period [start, end]."""
    rows = list(rows)
    clocks = [c for r in rows for c in r.clocks]
    return [
        on_time_rate("acceptance", clocks, start, end),
        on_time_rate("handling", clocks, start, end),
        satisfaction_rate(rows, start, end),
    ]
