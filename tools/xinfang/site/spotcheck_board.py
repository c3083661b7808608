"""The spot checks' 问题件 clocks on the 逾期与临期 board: 核查、追责、整改 time limits of the
first petitions a spot check found wanting (registers/spotcheck.py). They are the county's
own time limits on the units, not a case's handling deadlines, so they stand in their own
section and are never added to the board's counts of cases and clocks. Pure."""

from __future__ import annotations

from collections import defaultdict

from xinfang.clocks.deadlines import Clock, Status, select_overdue
from xinfang.registers.spotcheck import spotcheck_clocks
from xinfang.site.data import SiteData, link
from xinfang.site.tables import cell, clock_cells, table, title_of
from xinfang.site.text import escape

__all__ = ["spotcheck_board_note", "spotcheck_board_section"]

ANCHOR = "spotcheck"


def _picked(data: SiteData) -> list[Clock]:
    return select_overdue(spotcheck_clocks(data.registry, as_of=data.as_of), due_soon=True)


def spotcheck_board_note(data: SiteData) -> str:
    """One sentence under the board's counts: how many 问题件 clocks are late or near."""
    picked = _picked(data)
    if not picked:
        return ""
    late = sum(1 for c in picked if c.status is Status.overdue)
    return (
        f"另有初信初访抽查认定的问题件时限：逾期 **{late}** 项、临期 {len(picked) - late} 项，"
        f'单独列在<a href="#{ANCHOR}">本页末尾</a>，不计入上面的件数和项数。\n\n'
    )


def spotcheck_board_section(data: SiteData, src: str) -> str:
    picked = _picked(data)
    out = [f'\n\n## 抽查问题件的时限 {{#{ANCHOR} data-search-exclude="true"}}\n\n']
    out.append(
        "初信初访抽查中认定为问题件的事项，责任单位须在规定时限内完成核查、追责和整改。"
        "这些是抽查制度给单位的时限，不是案件本身的办理期限。\n\n"
    )
    if not picked:
        out.append('<p class="xf-muted">目前没有逾期或临期的问题件时限。</p>')
        return "".join(out)
    by_case: dict[str, list[Clock]] = defaultdict(list)
    for clock in picked:
        by_case[clock.case_id].append(clock)
    rows = []
    for case_id in sorted(by_case, key=lambda i: (min(c.days_left for c in by_case[i]), i)):
        names, dues, days = clock_cells(by_case[case_id])
        row = data.by_id.get(case_id)
        if row is None:  # the case file is left out (it has errors): the id alone
            first = cell(f"问题件 {escape(case_id)}", case_id)
            unit = cell("—")
        else:
            href = link(src, row.page, row.fragment)
            first = cell(f'问题件 <a href="{href}">{row.id}</a> {title_of(row)}', row.id)
            unit = cell(escape(data.unit_name(row.case.unit)))
        rows.append((first, unit, names, days, dues))
    out.append(table(("问题件", "责任单位", "时限", "逾期/剩余", "到期日"), rows))
    return "".join(out)
