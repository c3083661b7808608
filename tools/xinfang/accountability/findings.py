"""One finding of the accountability rules, and every finding of a registry as of a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from xinfang.models import Basis
from xinfang.registry.loader import Registry


@dataclass(frozen=True)
class Finding:
    """What a rule (key of policy/accountability.yaml) derives for a unit, a case or both.

    `detail` is a Chinese sentence with the numbers behind it; `due` is set when the finding
    carries a date by which something is owed (a report, a listing's deadline). A finding of
    the registers (rules `screening.*`, `rota.*`, `spotcheck.*`) carries its own `basis`
    (from the register's policy) and may have no unit: the county's 群众工作中心 rota."""

    rule: str
    unit: str | None
    case: str | None
    leader: str | None
    detail: str
    due: dt.date | None = None
    basis: Basis | None = field(default=None, compare=False)

    def sort_key(self) -> tuple:
        return (self.unit or "", self.rule, self.case or "", self.detail)


def rule_name(registry: Registry, rule: str) -> str:
    policy = registry.accountability
    if policy is None:
        return rule
    if rule in policy.rules:
        return policy.rules[rule].name
    return policy.register_rules.get(rule, rule)


def rule_basis(registry: Registry, rule: str) -> Basis | None:
    policy = registry.accountability
    return policy.rules[rule].basis if policy and rule in policy.rules else None


def finding_basis(registry: Registry, finding: Finding) -> Basis | None:
    return finding.basis or rule_basis(registry, finding.rule)


COUNTY = "县群众工作中心"  # the unit of a finding about the county's own rota


def unit_label(registry: Registry, unit: str | None) -> str:
    return registry.unit_name(unit) if unit else COUNTY
