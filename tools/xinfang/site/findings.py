"""The 问责与督办 page (every finding as of the build date, by rule) and the findings block of
a unit's and a case's page.

The findings are those of `xinfang findings` (xinfang.accountability). A finding on a
confidential accusation (检举控告类) shows only what the site's allow-list lets through: the
id, the unit, the rule and the due date; its explanation and leader stay off the site.
"""

from __future__ import annotations

from collections import defaultdict

from xinfang.accountability.derive import collect_findings
from xinfang.accountability.findings import Finding, rule_basis, rule_name
from xinfang.site.data import GENERATED, SiteData, link, unit_page
from xinfang.site.page import UNSEARCHED, front_matter, heading, subtitle
from xinfang.site.tables import case_link, cell, table
from xinfang.site.text import escape

FINDINGS = f"{GENERATED}/findings.md"
HIDDEN = "检举控告类事项，说明按保密要求不在本站显示"
HEADERS = ("单位", "案件", "包案领导", "说明", "期限")


def site_findings(data: SiteData) -> list[Finding]:
    """Every finding as of the site's date."""
    return collect_findings(data.registry, as_of=data.as_of)


def _secret(data: SiteData, finding: Finding) -> bool:
    row = data.by_id.get(finding.case) if finding.case else None
    return row is not None and row.case.is_confidential


def _case_cell(data: SiteData, finding: Finding, src: str) -> str:
    row = data.by_id.get(finding.case) if finding.case else None
    if row is None:
        return escape(finding.case or "—")
    return f'<a class="xf-id" href="{case_link(data, row, src)}">{escape(row.id)}</a>'


def _rows(data: SiteData, findings: list[Finding], src: str, *, with_rule: bool) -> list[list]:
    out = []
    for f in findings:
        secret = _secret(data, f)
        unit = f'<a href="{link(src, unit_page(f.unit))}">{escape(data.unit_name(f.unit))}</a>'
        leader = "—" if secret or not f.leader else escape(data.leader_name(f.leader))
        cells = [
            unit,
            _case_cell(data, f, src),
            leader,
            escape(HIDDEN if secret else f.detail),
            cell(f.due.isoformat(), f.due.isoformat()) if f.due else cell("—", ""),
        ]
        if with_rule:
            cells.insert(0, escape(rule_name(data.registry, f.rule)))
        out.append(cells)
    return out


def _basis(data: SiteData, rule: str) -> str:
    basis = rule_basis(data.registry, rule)
    if basis is None:
        return ""
    return f'<p class="xf-muted">依据：{escape(basis.article)}。{escape(basis.summary)}</p>\n\n'


def render_findings_page(data: SiteData, findings: list[Finding]) -> str:
    src = FINDINGS
    out = [front_matter("问责与督办"), "# 问责与督办\n\n"]
    out.append(subtitle(data, "按本县问责规则从登记库推导"))
    out.append(
        "下表列出截至本站日期，按本县的问责与督办规则，从案件登记和督办记录中推导出的全部情形。"
        "相应措施（约谈、挂牌、通报等）已经登记在案的，不再列出。每条规则下注明其依据。\n\n"
    )
    if not findings:
        return "".join(out) + '<p class="xf-muted">没有需要问责或督办的情形。</p>\n'
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    policy = data.registry.accountability
    order = [r for r in (policy.rules if policy else sorted(by_rule)) if r in by_rule]
    summary = "，".join(f"{rule_name(data.registry, r)} {len(by_rule[r])} 项" for r in order)
    out.append(f"共 {len(findings)} 项：{summary}。\n\n")
    for rule in order:
        name = escape(rule_name(data.registry, rule))
        out.append(f"## {name}（{len(by_rule[rule])} 项） {UNSEARCHED}\n\n")
        out.append(_basis(data, rule))
        out.append(table(HEADERS, _rows(data, by_rule[rule], src, with_rule=False)) + "\n\n")
    return "".join(out)


def findings_section(
    data: SiteData, findings: list[Finding], src: str, *, markdown: bool = True
) -> str:
    """The findings of one unit or one case, for its page ("" when there are none); the
    heading in Markdown, or in HTML for a case page (which MkDocs copies as it is)."""
    if not findings:
        return ""
    title = f"问责与督办（{len(findings)} 项）"
    head = f"## {title} {UNSEARCHED}" if markdown else heading(2, title)
    out = [f"\n\n{head}\n\n"]
    out.append(
        f'<p class="xf-muted"><a href="{link(src, FINDINGS)}">全部问责与督办情形</a></p>\n\n'
    )
    out.append(table(("规则", *HEADERS), _rows(data, findings, src, with_rule=True)) + "\n\n")
    return "".join(out)
