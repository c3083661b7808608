"""The 年度考核 page: `xinfang assess`'s table for the build year, per unit, with the notices
and dates behind each count (xinfang.accountability.assessment). Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from xinfang.accountability.assessment import ASSESS_COLUMNS, assess_rows, assess_year
from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking
from xinfang.site.data import GENERATED, SiteData, link, unit_page
from xinfang.site.findings import FINDINGS
from xinfang.site.page import front_matter, subtitle
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = ["ASSESSMENT", "render_assessment_page"]

ASSESSMENT = f"{GENERATED}/assessment.md"


def render_assessment_page(data: SiteData, computed: Mapping[Period, Ranking]) -> str:
    """`computed`: rankings already computed for the site (those of ended periods are the
    ones the assessment reads)."""
    registry, year = data.registry, data.as_of.year
    units = assess_year(registry, year, as_of=data.as_of, rankings=computed)
    rows = assess_rows(registry, units, labels=False)
    src = ASSESSMENT
    keys = [k for k, _ in ASSESS_COLUMNS if k not in ("unit", "notes")]
    body = []
    for row in sorted(rows, key=lambda r: (-r["total"], registry.unit_name(r["unit"]))):
        name = escape(registry.unit_name(row["unit"]))
        cells = [cell(f'<a href="{link(src, unit_page(row["unit"]))}">{name}</a>', name)]
        cells += [cell(str(row[k]), row[k]) for k in keys]
        cells.append(cell(escape(row["notes"]) or "—"))
        body.append(cells)
    head = [label for _, label in ASSESS_COLUMNS]
    end = min(data.as_of, dt.date(year, 12, 31))
    bottom = registry.ranking.mechanisms.bottom.bottom
    out = [
        front_matter(f"{year} 年度考核"),
        f"# {year} 年度考核\n\n",
        subtitle(data, "目标绩效考核的信访工作依据"),
        f"截至 {end}，按单位汇总本年度的通报排名靠后、通报中触发通报批评的次数，以及登记在 "
        "org/actions/ 中的专项通报点名、提醒、约谈、挂牌督办和责任追究措施"
        "（与 <code>xinfang assess --year "
        f"{year}</code> 的结果相同）。按合计从多到少排列。\n\n",
        table(head, body) + "\n\n",
        f'<p class="xf-muted">“通报排名靠后”指在定期通报中排名后 {bottom} 位，按 policy/ranking.yaml '
        "逐期计算，只计统计期已经结束的通报；其余各列按 org/actions/ 的记录计数，"
        "没有登记的措施不计入。应采取而尚未采取的措施见"
        f'<a href="{link(src, FINDINGS)}">问责与督办</a>。</p>\n',
    ]
    return "".join(out)
