"""Findings as text (grouped by unit), JSON (a list of objects) and Markdown (a table)."""

from __future__ import annotations

import json
from collections import Counter

from xinfang.accountability.findings import Finding, finding_basis, rule_name, unit_label
from xinfang.registry.loader import Registry


def _basis(registry: Registry, finding: Finding) -> str:
    basis = finding_basis(registry, finding)
    return basis.article if basis else ""


def _leader(registry: Registry, key: str | None) -> str:
    leader = registry.leaders.get(key) if key else None
    return leader.name if leader else (key or "")


def as_json(registry: Registry, findings: list[Finding]) -> str:
    rows = [
        {
            "rule": f.rule,
            "name": rule_name(registry, f.rule),
            "unit": f.unit,
            "unit_name": unit_label(registry, f.unit),
            "case": f.case,
            "leader": f.leader,
            "leader_name": _leader(registry, f.leader) or None,
            "detail": f.detail,
            "basis": _basis(registry, f),
            "due": f.due.isoformat() if f.due else None,
        }
        for f in findings
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def as_text(registry: Registry, findings: list[Finding], heading: str) -> str:
    if not findings:
        return f"{heading}\n\n没有发现需要问责或督办的情形。\n"
    out = [heading, ""]
    unit: object = ...  # no group yet (a finding's unit may be None: the county)
    for f in findings:
        if f.unit != unit:
            unit = f.unit
            out.append(
                f"{registry.unit_name(unit)}（{unit}）" if unit else unit_label(registry, unit)
            )
        due = f"（期限 {f.due}）" if f.due else ""
        who = f"；包案领导 {_leader(registry, f.leader)}" if f.leader else ""
        out.append(f"  [{f.rule}] {rule_name(registry, f.rule)}：{f.detail}{due}{who}")
        out.append(f"      依据：{_basis(registry, f)}")
    out += ["", summary(registry, findings)]
    return "\n".join(out) + "\n"


def summary(registry: Registry, findings: list[Finding]) -> str:
    counts = Counter(f.rule for f in findings)
    policy = registry.accountability
    order = [*policy.rules, *policy.register_rules] if policy else []
    order += sorted(r for r in counts if r not in order)
    parts = [f"{rule_name(registry, r)} {counts[r]}" for r in order if counts[r]]
    return f"共 {len(findings)} 项：" + "，".join(parts) + "。"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(registry: Registry, findings: list[Finding], heading: str) -> str:
    out = [f"## {heading}", ""]
    if not findings:
        return "\n".join([*out, "没有发现需要问责或督办的情形。", ""])
    out += ["| 规则 | 单位 | 案件 | 说明 | 期限 | 依据 |", "|---|---|---|---|---|---|"]
    for f in findings:
        cells = (
            f"{rule_name(registry, f.rule)}（`{f.rule}`）",
            unit_label(registry, f.unit),
            f.case or "—",
            f.detail,
            f.due.isoformat() if f.due else "—",
            _basis(registry, f),
        )
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out += ["", summary(registry, findings), ""]
    return "\n".join(out)


def as_notice_section(registry: Registry, findings: list[Finding], as_of: object) -> str:
    """The notice's last part: the findings of the ranked units, by unit, each with its rule,
    detail and basis — for the petition office to decide what to issue."""
    out = [f"## 六、问责与督办事项（截至 {as_of}）\n"]
    if not findings:
        return "\n".join([*out, "本期各单位没有需要问责或督办的情形。", ""])
    out.append(
        "以下由登记库按 policy/accountability.yaml 及各台账的规则推导（xinfang findings），"
        "印发前请逐项核实。"
    )
    unit: object = ...
    for f in findings:
        if f.unit != unit:
            unit = f.unit
            out.append(f"\n### {unit_label(registry, unit)}\n")
        due = f"（期限 {f.due}）" if f.due else ""
        out.append(
            f"- {rule_name(registry, f.rule)}：{f.detail}{due}。依据：{_basis(registry, f)}。"
        )
    out += ["", summary(registry, findings), ""]
    return "\n".join(out)
