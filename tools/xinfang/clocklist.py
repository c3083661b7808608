"""The registry's clocks as rows for `deadlines` and `overdue` (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xinfang.deadlines import Clock, compute_clocks
from xinfang.registry import Registry

# `xinfang deadlines --format json` promises exactly these keys.
DEADLINE_COLUMNS = (
    ("case", "案件"),
    ("clock", "期限"),
    ("start", "起算日"),
    ("due", "到期日"),
    ("done", "完成日"),
    ("status", "状态"),
    ("days_left", "剩余天数"),
    ("provisional", "暂定"),
    ("basis", "依据"),
)
OVERDUE_COLUMNS = (
    ("case", "案件"),
    ("unit", "责任单位"),
    ("clock", "期限"),
    ("due", "到期日"),
    ("status", "状态"),
    ("days_left", "剩余天数"),
    ("provisional", "暂定"),
)


def registry_clocks(
    registry: Registry,
    *,
    as_of: dt.date,
    case_id: str | None = None,
    unit: str | None = None,
) -> list[Clock]:
    """Every clock of every case (or of one case, or of one unit's cases) as of a date."""
    out: list[Clock] = []
    for case in registry.cases:
        if case_id is not None and case.id != case_id:
            continue
        if unit is not None and case.unit != unit:
            continue
        out += compute_clocks(case, registry.deadlines, registry.calendar, as_of=as_of)
    return out


def deadline_row(clock: Clock, *, labels: bool) -> dict:
    """One clock as the JSON contract (or, with `labels`, as the table shows it)."""
    return {
        "case": clock.case_id,
        "clock": clock.name if labels else clock.key,
        "start": clock.start.isoformat(),
        "due": clock.due.isoformat(),
        "done": clock.done.isoformat() if clock.done else None,
        "status": clock.status_label if labels else clock.status.value,
        "days_left": clock.days_left,
        "provisional": clock.provisional,
        "basis": clock.basis.article,
    }


def overdue_rows(registry: Registry, clocks: Iterable[Clock], *, labels: bool) -> list[dict]:
    cases = {c.id: c for c in registry.cases}
    rows = []
    for clock in clocks:
        unit = cases[clock.case_id].unit
        rows.append(
            {
                "case": clock.case_id,
                "unit": registry.unit_name(unit) if labels else unit,
                "clock": clock.name if labels else clock.key,
                "due": clock.due.isoformat(),
                "status": clock.status_label if labels else clock.status.value,
                "days_left": clock.days_left,
                "provisional": clock.provisional,
            }
        )
    return rows
