"""The findings that carry a due date the case clocks do not already show, as rows of
`xinfang overdue`: a rectification report owed after an interview (`interview.report`)
and a listed case past its 限期 (`listing.deadline`). Progress reports and the spot checks'
问题件 clocks are clocks of their own and already in the list. Pure."""

from __future__ import annotations

import datetime as dt

from xinfang.accountability.derive import collect_findings
from xinfang.accountability.findings import rule_name, unit_label
from xinfang.clocks.deadlines import Status
from xinfang.registry.loader import Registry

OVERDUE_RULES = ("interview.report", "listing.deadline")


def finding_rows(
    registry: Registry, *, as_of: dt.date, unit: str | None = None, labels: bool
) -> list[dict]:
    """One row per overdue finding, in the shape of `overdue`'s rows (OVERDUE_COLUMNS); the
    `clock` is the rule key (with `labels`, its Chinese name)."""
    found = collect_findings(registry, as_of=as_of, unit=unit, registers=False)
    rows = []
    for f in found:
        if f.rule not in OVERDUE_RULES or f.due is None:
            continue
        rows.append(
            {
                "case": f.case,
                "unit": unit_label(registry, f.unit) if labels else f.unit,
                "clock": rule_name(registry, f.rule) if labels else f.rule,
                "due": f.due.isoformat(),
                "status": Status.overdue.label if labels else Status.overdue.value,
                "days_left": (f.due - as_of).days,
                "provisional": False,
            }
        )
    return rows
