"""案件: the overview of all months, the open cases, and one table page per month. Pure.

At scale a single table of every case would be one enormous page, so cases are listed per
month of receipt. The month pages are the searchable index of cases: each case is a short
heading (id, title, unit) in the first column, and links to the case page, or — for older
closed cases — is itself the record, with an anchor.
"""

from __future__ import annotations

from collections import Counter

from xinfang.site.data import OPEN_DEFINITION, CaseRow, SiteData, link, md_link, month_page
from xinfang.site.page import UNSEARCHED, WIDEST, front_matter, subtitle
from xinfang.site.tables import case_table, cell, table
from xinfang.site.text import escape

__all__ = ["render_cases_index", "render_month_page", "render_open_cases"]

CASES_INDEX = "generated/cases/index.md"
OPEN_CASES = "generated/cases/open.md"


def render_cases_index(data: SiteData) -> str:
    src = CASES_INDEX
    months = data.rows_by_month()
    out = [front_matter("案件"), "# 案件\n\n", subtitle(data)]
    open_rows = [r for r in data.rows if r.is_open]
    out.append(
        f"登记库共有 {len(data.rows)} 件事项，其中在办 {len(open_rows)} 件"
        f"（[查看在办事项]({md_link(src, OPEN_CASES)})）。"
        "按登记月份浏览：点击月份查看该月登记的全部事项；"
        "在办事项和近 12 个月登记的事项有单独的页面，列出办理过程和每个期限的计算过程。\n\n"
        '!!! tip "查找某件事项"\n'
        "    在页面顶部的搜索框中输入案件编号（如 XF-2026-0137）、标题中的词语或单位简称即可。\n\n"
    )
    years = sorted({m[:4] for m in months}, reverse=True)
    head = ["年份", *(f"{m} 月" for m in range(1, 13)), "合计"]
    rows = []
    for year in years:
        cells = [cell(f"<strong>{year}</strong>", year)]
        total = 0
        for mm in range(1, 13):
            key = f"{year}-{mm:02d}"
            n = len(months.get(key, []))
            total += n
            if n:
                href = link(src, month_page(key))
                cells.append(cell(f'<a href="{href}">{n}</a>', n))
            else:
                cells.append(cell('<span class="xf-muted">·</span>', 0))
        cells.append(cell(f"<strong>{total}</strong>", total))
        rows.append(cells)
    out.append(f"## 按登记月份 {UNSEARCHED}\n\n")
    out.append(table(head, rows, sortable=False, css="xf-grid"))
    out.append(f"\n\n## 各月在办与逾期 {UNSEARCHED}\n\n")
    recent = list(months.items())[::-1][:24]
    summary = []
    for key, month_rows in recent:
        href = link(src, month_page(key))
        summary.append(
            (
                cell(f'<a href="{href}">{key[:4]} 年 {int(key[5:])} 月</a>', key),
                cell(str(len(month_rows)), len(month_rows)),
                cell(str(sum(r.is_open for r in month_rows)), sum(r.is_open for r in month_rows)),
                _overdue_cell(month_rows),
                cell(_channels(month_rows)),
            )
        )
    out.append(table(("月份", "登记（件）", "在办（件）", "逾期（件）", "信访形式"), summary))
    out.append(
        '\n\n<p class="xf-muted">“逾期”数的是有期限逾期的事项。已出具处理意见、不再“在办”的事项，'
        "仍可能有期限逾期（如包案领导每周报告进展），这些在括号里另行注明，"
        "所以有的月份逾期多于在办。</p>"
    )
    if len(months) > 24:
        out.append('\n\n<p class="xf-muted">更早的月份见上方的年份表。</p>')
    return "".join(out) + "\n"


def _overdue_cell(rows: list[CaseRow]) -> object:
    late = [r for r in rows if r.is_overdue]
    not_open = sum(not r.is_open for r in late)
    text = str(len(late)) + (f"（其中 {not_open} 件不在办）" if not_open else "")
    return cell(text, len(late))


def _channels(rows: list[CaseRow]) -> str:
    counts = Counter(r.case.channel.label for r in rows)
    return escape("，".join(f"{k} {v}" for k, v in sorted(counts.items())))


def render_open_cases(data: SiteData) -> str:
    src = OPEN_CASES
    rows = [r for r in data.rows if r.is_open]
    rows.sort(key=lambda r: (r.next_clock.due if r.next_clock else data.as_of.max, r.id))
    out = [front_matter("在办事项", hide=("toc",)), "# 在办事项\n\n", subtitle(data)]
    out.append(
        f"共 {len(rows)} 件。“在办”指{escape(OPEN_DEFINITION)}。"
        "按下一个到期日排列，点击表头可重新排序。\n\n"
    )
    out.append(case_table(data, rows, src))
    return "".join(out) + "\n"


def render_month_page(data: SiteData, month: str, rows: list[CaseRow]) -> str:
    src = month_page(month)
    year, mm = int(month[:4]), int(month[5:])
    title = f"{year} 年 {mm} 月登记的事项"
    out = [front_matter(title, hide=WIDEST), f"# {title}\n\n", subtitle(data)]
    out.append(f'<p class="xf-crumbs"><a href="{(link(src, CASES_INDEX))}">← 全部月份</a></p>\n\n')
    n_open = sum(r.is_open for r in rows)
    n_pages = sum(r.has_page for r in rows)
    out.append(
        f"本月登记 {len(rows)} 件，目前在办 {n_open} 件，逾期 {sum(r.is_overdue for r in rows)} 件。"
    )
    if n_pages < len(rows):
        out.append(
            "编号带链接的事项有单独页面；其余为早已办结的事项，本表即其记录"
            "（需要办理过程的，请查阅登记库中的案件文件）。"
        )
    out.append("\n\n")
    out.append(case_table(data, rows, src, anchors=True))
    return "".join(out) + "\n"
