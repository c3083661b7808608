"""逾期与临期: the overdue and due-soon boards, grouped by unit. Pure."""

from __future__ import annotations

from collections import defaultdict

from xinfang.clocks.deadlines import Clock, Status, select_overdue
from xinfang.site.data import CaseRow, SiteData, link, unit_page
from xinfang.site.page import UNSEARCHED, WIDE, front_matter, subtitle
from xinfang.site.spotcheck_board import spotcheck_board_note, spotcheck_board_section
from xinfang.site.tables import cell, clock_cells, table, title_of
from xinfang.site.text import anchor, escape

__all__ = ["render_overdue_board"]

BOARD = "generated/overdue.md"


def render_overdue_board(data: SiteData) -> str:
    src = BOARD
    picked = select_overdue(data.clocks, due_soon=True)
    overdue = [c for c in picked if c.status is Status.overdue]
    soon = [c for c in picked if c.status is not Status.overdue]
    out = [front_matter("逾期与临期", hide=WIDE), "# 逾期与临期\n\n", subtitle(data)]
    out.append(
        f"逾期：期限已过到期日仍未完成，涉及 **{len({c.case_id for c in overdue})}** 件事项、"
        f"{len(overdue)} 项期限。"
        f"临期：尚未逾期、{data.due_soon_text}，涉及 **{len({c.case_id for c in soon})}** 件事项、"
        f"{len(soon)} 项期限。"
        "“件”数事项，“项”数期限：一件事项可有几项期限同时逾期，在表中占一行。"
        "信访人的权利期间（请求复查、复核等）届满只记“已过期”，不列入本页。\n\n"
    )
    out.append(spotcheck_board_note(data))
    out.append(_unit_summary(data, overdue, soon, src))
    out.append('\n\n## 逾期 {#overdue data-search-exclude="true"}\n\n')
    out.append(_grouped(data, overdue, src, empty="目前没有逾期的期限。"))
    out.append('\n\n## 临期 {#due-soon data-search-exclude="true"}\n\n')
    out.append(_grouped(data, soon, src, empty="目前没有临期的期限。"))
    out.append(spotcheck_board_section(data, src))
    return "".join(out) + "\n"


def _by_unit(data: SiteData, clocks: list[Clock]) -> dict[str, list[Clock]]:
    groups: dict[str, list[Clock]] = defaultdict(list)
    for clock in clocks:
        groups[data.by_id[clock.case_id].case.unit].append(clock)
    return groups


def _unit_summary(data: SiteData, overdue: list[Clock], soon: list[Clock], src: str) -> str:
    late, near = _by_unit(data, overdue), _by_unit(data, soon)
    keys = sorted(
        set(late) | set(near), key=lambda k: (-len(late.get(k, [])), -len(near.get(k, [])), k)
    )
    if not keys:
        return '!!! success "全部按期"\n    截至当日，没有逾期或临期的期限。\n'
    rows = []
    for key in keys:
        name = escape(data.unit_name(key))
        n_late = len({c.case_id for c in late.get(key, [])})
        n_near = len({c.case_id for c in near.get(key, [])})
        worst = max((c.days_overdue for c in late.get(key, [])), default=0)
        target = f"#unit-{anchor(key)}" if n_late else f"#soon-{anchor(key)}"
        rows.append(
            (
                cell(f'<a href="{target}">{name}</a>', data.unit_name(key)),
                cell(
                    f'<span class="xf-badge xf-overdue">{n_late}</span>' if n_late else "0", n_late
                ),
                cell(str(worst) if n_late else "—", worst),
                cell(f'<span class="xf-badge xf-soon">{n_near}</span>' if n_near else "0", n_near),
            )
        )
    head = ("单位", "逾期事项（件）", "最长逾期（日）", "临期事项（件）")
    return f"## 各单位汇总 {UNSEARCHED}\n\n" + table(head, rows)


def _grouped(data: SiteData, clocks: list[Clock], src: str, *, empty: str) -> str:
    if not clocks:
        return f'<p class="xf-muted">{escape(empty)}</p>'
    groups = _by_unit(data, clocks)
    prefix = "unit" if clocks[0].status is Status.overdue else "soon"
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    out = []
    for key in order:
        unit_href = link(src, unit_page(key))
        items = groups[key]
        by_case: dict[str, list[Clock]] = defaultdict(list)
        for clock in items:
            by_case[clock.case_id].append(clock)
        out.append(
            f'<h3 id="{prefix}-{anchor(key)}" data-search-exclude>{escape(data.unit_name(key))}'
            f" <small>{len(by_case)} 件事项、{len(items)} 项期限 · "
            f'<a href="{unit_href}">单位页面</a></small></h3>'
        )
        order_cases = sorted(by_case, key=lambda i: (min(c.days_left for c in by_case[i]), i))
        rows = [_case_row(data, data.by_id[i], by_case[i], src) for i in order_cases]
        out.append(table(("事项", "期限", "逾期/剩余", "到期日", "包案领导"), rows))
    return "\n\n".join(out)


def _case_row(data: SiteData, row: CaseRow, clocks: list[Clock], src: str) -> tuple:
    href = link(src, row.page, row.fragment)
    names, dues, days = clock_cells(clocks)
    return (
        cell(f'<a href="{href}">{row.id}</a> {title_of(row)}', row.id),
        names,
        days,
        dues,
        cell(escape(data.leader_name(row.case.leader)) if row.case.leader else "—"),
    )
