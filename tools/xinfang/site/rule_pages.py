"""The pages that show the county's rules as the code applies them: the rule tables
included into the hand-written policy pages, and the 年度考核 page. Pure."""

from __future__ import annotations

from collections.abc import Mapping

from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking
from xinfang.site.assessment import ASSESSMENT, render_assessment_page
from xinfang.site.data import GENERATED, SiteData
from xinfang.site.policy_tables import (
    render_accountability_table,
    render_ownership_table,
    render_ranking_tables,
)

__all__ = ["rule_pages"]

_INCLUDE = f"{GENERATED}/_include"
_MISSING = '<p class="xf-muted">本登记库没有 {0}，这部分规则未启用。</p>\n'


def rule_pages(data: SiteData, computed: Mapping[Period, Ranking]) -> dict[str, str]:
    """The rule tables and the 年度考核 page (`computed`: the rankings the site computed)."""
    registry = data.registry
    ownership, accountability = registry.ownership, registry.accountability
    return {
        f"{_INCLUDE}/ownership-table.md": (
            render_ownership_table(ownership)
            if ownership
            else _MISSING.format("policy/ownership.yaml")
        ),
        f"{_INCLUDE}/accountability-table.md": (
            render_accountability_table(accountability, registry.ranking)
            if accountability
            else _MISSING.format("policy/accountability.yaml")
        ),
        f"{_INCLUDE}/ranking-table.md": render_ranking_tables(registry.ranking),
        ASSESSMENT: render_assessment_page(data, computed),
    }
