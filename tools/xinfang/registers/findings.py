"""What the registers find, as plain data for `xinfang findings` and the commands.

Rule keys are stable: `screening.missing` (a unit did not report), `screening.stale` (a
matter 在办 past the limit), `rota.gap` (a working day with nobody on duty), `rota.day_off`
(a leader on duty on a day off), `spotcheck.<clock>` (a 问题件 clock overdue, e.g.
`spotcheck.review`).
"""

from __future__ import annotations

import datetime as dt

from xinfang.registers import rota, screening, spotcheck
from xinfang.registers.finding import RegisterFinding
from xinfang.registry.loader import Registry

__all__ = ["FINDING_COLUMNS", "RegisterFinding", "finding_row", "register_findings"]


def register_findings(registry: Registry, *, as_of: dt.date) -> list[RegisterFinding]:
    """Everything the three registers find as of `as_of`: the last complete week's reports
    and the matters 在办 too long; the rota of the month of `as_of` and of the next month
    (published ahead); the 问题件 clocks overdue on that day."""
    out: list[RegisterFinding] = []
    out += screening.screening_findings(registry, screening.last_complete_week(as_of), as_of=as_of)
    following = as_of.replace(day=1) + dt.timedelta(days=32)
    for day in (as_of, following):
        out += rota.rota_findings(registry, day.year, day.month)
    out += spotcheck.spotcheck_findings(registry, as_of=as_of)
    return out


def finding_row(f: RegisterFinding, registry: Registry, *, labels: bool) -> dict:
    """One finding as the JSON contract (or, with `labels`, as a table shows it)."""
    if labels:
        leader = registry.leaders.get(f.leader) if f.leader else None
        return {
            "rule": f.rule,
            "unit": registry.unit_name(f.unit) if f.unit else "县群众工作中心",
            "case": f.case,
            "leader": leader.name if leader else f.leader,
            "detail": f.detail,
            "due": f.due.isoformat() if f.due else None,
            "basis": f.basis.article,
        }
    return {
        "rule": f.rule,
        "unit": f.unit,
        "case": f.case,
        "leader": f.leader,
        "detail": f.detail,
        "due": f.due.isoformat() if f.due else None,
        "basis": f.basis.article,
    }


FINDING_COLUMNS = (
    ("rule", "规则"),
    ("unit", "单位"),
    ("case", "案件"),
    ("leader", "领导"),
    ("detail", "情况"),
    ("due", "应完成日"),
    ("basis", "依据"),
)
