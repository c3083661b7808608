"""Every finding of a registry as of a date, from the case rules and the action rules."""

from __future__ import annotations

import datetime as dt

from xinfang.accountability import cases, supervision
from xinfang.accountability.findings import Finding
from xinfang.registry.loader import Registry


def collect_findings(
    registry: Registry,
    *,
    as_of: dt.date,
    unit: str | None = None,
    case: str | None = None,
) -> list[Finding]:
    """Every finding as of `as_of`, by unit then rule; only one unit's or one case's if
    asked. Cases registered and actions dated after `as_of` are not seen."""
    if registry.accountability is None:
        return []
    out = cases.case_findings(registry, as_of=as_of)
    out += supervision.action_findings(registry, as_of=as_of)
    if unit is not None:
        out = [f for f in out if f.unit == unit]
    if case is not None:
        out = [f for f in out if f.case == case]
    return sorted(set(out), key=Finding.sort_key)
