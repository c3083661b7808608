"""One finding of the accountability rules, and every finding of a registry as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xinfang.models import Basis
from xinfang.registry.loader import Registry


@dataclass(frozen=True)
class Finding:
    """What a rule (key of policy/accountability.yaml) derives for a unit, a case or both.

    `detail` is a Chinese sentence with the numbers behind it; `due` is set when the finding
    carries a date by which something is owed (a report, a listing's deadline)."""

    rule: str
    unit: str
    case: str | None
    leader: str | None
    detail: str
    due: dt.date | None = None

    def sort_key(self) -> tuple:
        return (self.unit, self.rule, self.case or "", self.detail)


def rule_name(registry: Registry, rule: str) -> str:
    policy = registry.accountability
    return policy.rules[rule].name if policy else rule


def rule_basis(registry: Registry, rule: str) -> Basis | None:
    policy = registry.accountability
    return policy.rules[rule].basis if policy else None
