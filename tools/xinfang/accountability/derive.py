"""Every finding of a registry as of a date, from the case rules and the action rules."""

from __future__ import annotations

import datetime as dt

from xinfang.accountability import cases, supervision
from xinfang.accountability.findings import Finding
from xinfang.registers.findings import register_findings
from xinfang.registry.loader import Registry


def collect_findings(
    registry: Registry,
    *,
    as_of: dt.date,
    unit: str | None = None,
    case: str | None = None,
    registers: bool = True,
) -> list[Finding]:
    """Every finding as of `as_of`, by unit then rule; only one unit's or one case's if
    asked. Cases registered and actions dated after `as_of` are not seen. The registers'
    findings (screening, rota, spot checks) are included unless `registers` is False."""
    out = []
    if registry.accountability is not None:
        out += cases.case_findings(registry, as_of=as_of)
        out += supervision.action_findings(registry, as_of=as_of)
    if registers:
        out += [
            Finding(f.rule, f.unit, f.case, f.leader, f.detail, f.due, f.basis)
            for f in register_findings(registry, as_of=as_of)
        ]
    if unit is not None:
        out = [f for f in out if f.unit == unit]
    if case is not None:
        out = [f for f in out if f.case == case]
    return sorted(set(out), key=Finding.sort_key)
