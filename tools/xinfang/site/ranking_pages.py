"""通报排名: the place for the notices and rankings of towns and departments. Pure.

The rankings are computed by `xinfang.ranking` (being built on another branch). Until the
site is wired to it, this section says so and points to what is already available; when it
lands, the per-period pages are built here and nowhere else.
"""

from __future__ import annotations

from xinfang.site.data import SiteData, md_link
from xinfang.site.page import WIDE, front_matter, subtitle

__all__ = ["RANKING_INDEX", "render_ranking_pages"]

RANKING_INDEX = "generated/ranking/index.md"


def render_ranking_pages(data: SiteData) -> dict[str, str]:
    """Source path → page text of the 通报排名 section."""
    src = RANKING_INDEX
    text = (
        front_matter("通报排名", hide=WIDE)
        + "# 通报排名\n\n"
        + subtitle(data)
        + '!!! info "栏目建设中"\n'
        + "    月度、半年和年度通报排名由排名模块按政策文件中的口径计算，"
        + "该模块接入后本栏目将列出每期通报的名次、后三名和连续上榜触发的提醒、约谈。\n\n"
        + "在此之前可以参考：\n\n"
        + f"- [单位]({md_link(src, 'generated/units/index.md')})：各单位本年的三率和逾期情况；\n"
        + f"- [逾期与临期]({md_link(src, 'generated/overdue.md')})：按单位列出的逾期期限；\n"
        + f"- [通报、提醒与约谈]({md_link(src, 'policy/notices.md')})：通报和排名的规则。\n"
    )
    return {src: text}
