"""One page per open or recent case: its fields, its timeline, every clock explained. Pure.

Privacy: the case here is what `public.PublicCases.shown` made of the file: free text with
names and numbers masked; a confidential matter (检举控告类, 《信访工作条例》第三十条) cut
to its id, unit, dates and clocks. This page also prints nothing else of a confidential
case: no channel, category, headcount, closing manner or extension approval.
"""

from __future__ import annotations

from xinfang.accountability.findings import Finding
from xinfang.clocks.deadlines import Clock, Status
from xinfang.clocks.explain import explain_clock
from xinfang.models import EVENT_TYPES, Case
from xinfang.site.data import CaseRow, SiteData, link, month_page, page_url, unit_page
from xinfang.site.findings import findings_section
from xinfang.site.page import badge, heading, left_out_banner, priority_badge, stamp
from xinfang.site.tables import CONFIDENTIAL_TITLE
from xinfang.site.text import escape, mask_name

__all__ = ["case_search_entry", "render_case_page"]

# Material's admonition types, to colour each clock's explanation by its status.
_STATUS_BOX = {
    Status.running: "info",
    Status.due_soon: "warning",
    Status.overdue: "danger",
    Status.met: "success",
    Status.met_late: "failure",
    Status.lapsed: "quote",
}

_STATUS_CSS = {
    Status.running: "xf-ok",
    Status.due_soon: "xf-soon",
    Status.overdue: "xf-overdue",
    Status.met: "xf-done",
    Status.met_late: "xf-late",
    Status.lapsed: "xf-muted-badge",
}

CONFIDENTIAL_NOTE = (
    "本事项属检举控告类，依照《信访工作条例》第三十条，检举控告人的身份和检举控告材料"
    "不得泄露，本页只显示编号、责任单位、办理日期和期限。"
)


def render_case_page(data: SiteData, row: CaseRow, findings: list[Finding]) -> str:
    """The page's content as HTML below its heading (the theme's frame, with the heading,
    is put around it by site/mkdocs_api.py); the stamp and any left-out notice close it,
    as on every Markdown page."""
    case = row.case
    src = row.page
    secret = case.is_confidential
    month = row.month
    back = link(src, month_page(month), case.id)
    out = [
        f'<p class="xf-crumbs"><a href="{back}">← {int(month[:4])} 年 '
        f"{int(month[5:])} 月登记的事项</a></p>\n"
    ]
    out.append(f'<p class="xf-subtitle xf-case-subtitle">{escape(_title(case))}</p>\n')
    out.append(_alerts(row, secret=secret))
    out.append(heading(2, "基本情况") + "\n")
    out.append(_fields(data, row, src, secret=secret))
    out.append("\n" + heading(2, "办理过程") + "\n")
    out.append(_timeline(data, case, row, secret=secret))
    out.append("\n" + heading(2, "期限") + "\n")
    out.append(_clocks(row))
    out.append(findings_section(data, findings, src, markdown=False))
    out.append(stamp(data) + left_out_banner(data.registry.omitted))
    return "".join(out)


def case_search_entry(data: SiteData, row: CaseRow) -> dict[str, str]:
    """What the search index holds for a case page (added by site/search_plugin.py): its id,
    title, unit and category as HTML for the search plugin to read; no petitioner, no
    events, and for a confidential matter only the id and the unit."""
    case = row.case
    secret = case.is_confidential
    return {
        "location": page_url(row.page),
        "title": case.id,
        "html": (
            f'<h1 id="{case.id.lower()}">{case.id}</h1>\n<p>{escape(_title(case))}</p>\n'
            f"<p>{escape(_search_words(data, case, secret=secret))}</p>"
        ),
    }


def _title(case: Case) -> str:
    return CONFIDENTIAL_TITLE if case.is_confidential else case.title


def _search_words(data: SiteData, case: Case, *, secret: bool) -> str:
    """What a search should find the case by besides its id and title."""
    unit = data.registry.units.get(case.unit)
    words = [data.unit_name(case.unit)]
    if unit is not None:
        words += [unit.short, *unit.aliases] if unit.short else unit.aliases
    if not secret:
        words.append(data.category_name(case.category))
    return " ".join(words)


def _alerts(row: CaseRow, *, secret: bool) -> str:
    out = []
    if secret:
        out.append(_box("info", "保密事项", CONFIDENTIAL_NOTE))
    overdue = row.overdue_clocks
    if overdue:
        items = "；".join(f"{c.name}已逾期 {c.days_overdue} 日（到期日 {c.due}）" for c in overdue)
        out.append(_box("danger", "逾期", items))
    soon = [c for c in row.duty_clocks if c.status is Status.due_soon]
    if soon:
        items = "；".join(
            f"{c.name}{'今日到期' if c.days_left == 0 else f'还剩 {c.days_left} 日'}（到期日 {c.due}）"
            for c in soon
        )
        out.append(_box("warning", "临期", items))
    if any(c.provisional for c in row.clocks):
        out.append(
            _box(
                "note",
                "暂定到期日",
                "有期限落在尚未公布节假日安排的年份，暂按周末推算，公布后可能调整。",
            )
        )
    return "".join(out)


def _box(kind: str, title: str, text: str) -> str:
    """An admonition, as the admonition extension writes it."""
    end = "" if text.endswith("。") else "。"
    return (
        f'<div class="admonition {kind}"><p class="admonition-title">'
        f"{escape(title)}</p><p>{escape(text)}{end}</p></div>\n"
    )


def _fields(data: SiteData, row: CaseRow, src: str, *, secret: bool) -> str:
    case = row.case
    unit = f'<a href="{(link(src, unit_page(case.unit)))}">{escape(data.unit_name(case.unit))}</a>'
    stage = escape(row.stage) + (" " + badge("逾期", "xf-overdue") if row.is_overdue else "")
    fields: list[tuple[str, str]] = [
        ("状态", stage),
        ("责任单位", unit),
        ("登记日期", case.received.isoformat()),
        ("事项类别", escape(case.kind.label)),
    ]
    if not secret:
        fields += [
            ("信访形式", escape(case.channel.label)),
            ("问题分类", escape(data.category_name(case.category))),
            ("信访人", _petitioners(case)),
            ("初信初访", "是" if case.first else "否"),
        ]
        if case.repeat_of:
            target = data.by_id.get(case.repeat_of)
            repeat = escape(case.repeat_of)
            if target is not None:
                href = link(src, target.page, target.fragment)
                repeat = f'<a href="{href}">{repeat}</a>'
            fields.append(("重复信访", f"此前已登记为 {repeat}"))
        if case.visited_level:
            fields.append(("来访层级", escape(case.visited_level.label)))
        fields += [
            ("包案领导", escape(data.leader_name(case.leader))),
            ("督办层级", escape(case.supervision.label) if case.supervision else "—"),
            ("风险等级", priority_badge(case.priority)),
        ]
        if case.summary:
            fields.append(("诉求摘要", f'<span class="xf-pre">{escape(case.summary)}</span>'))
    rows = (f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in fields)
    return '<table class="xf-fields">\n' + "\n".join(rows) + "\n</table>"


def _petitioners(case: Case) -> str:
    names = "、".join(mask_name(p.name) for p in case.petitioners) or "—"
    people = f"{escape(names)}"
    if case.headcount > 1:
        group = "（集体访）" if case.headcount >= 5 else ""
        people += f"，共 {case.headcount} 人{group}"
    return people


def _event_detail(data: SiteData, event, *, secret: bool) -> str:  # noqa: ANN001
    parts = []
    kind = event.type
    if kind == "transferred":
        parts.append(f"转至 {escape(data.unit_name(event.to))}")
    elif kind == "extended":
        approval = "" if secret else f"（{escape(event.approval)}）"
        parts.append(f"延长 {event.days} 日{approval}")
    if not secret:
        if kind == "closed":
            parts.append(f"结案方式：{escape(event.how.label)}")
        if kind in ("rejected", "objected"):
            parts.append(f"理由：{escape(event.reason)}")
        elif kind == "rated":
            parts.append(f"评价：{escape(event.rating.label)}")
        if event.note:
            parts.append(f'<span class="xf-pre">{escape(event.note)}</span>')
    return "；".join(parts)


def _timeline(data: SiteData, case: Case, row: CaseRow, *, secret: bool) -> str:
    shown = [e for e in case.events if e.date <= data.as_of]
    out = ['<ol class="xf-timeline">']
    for event in shown:
        detail = _event_detail(data, event, secret=secret)
        detail_html = f'<div class="xf-tl-detail">{detail}</div>' if detail else ""
        out.append(
            f'<li class="xf-tl-{event.type}"><time datetime="{event.date.isoformat()}">'
            f"{event.date.isoformat()}</time> <strong>{escape(EVENT_TYPES[event.type])}</strong>"
            f"{detail_html}</li>"
        )
    out.append("</ol>")
    later = len(case.events) - len(shown)
    if later:
        out.append(f'<p class="xf-muted">另有 {later} 个事件晚于 {data.as_of}，未计入。</p>')
    return "\n".join(out)


def _clocks(row: CaseRow) -> str:
    if not row.clocks:
        return '<p class="xf-muted">尚无已起算的期限。</p>'
    out = ['<div class="xf-explains">']
    for c in row.clocks:
        opened = " open" if c.is_open and not c.window else ""
        out.append(
            f'<details class="xf-explain {_STATUS_BOX[c.status]}"{opened}><summary>{escape(c.name)}：'
            f"{escape(_summary(c))}</summary>"
            f'<pre class="xf-explain-text">{escape(explain_clock(c))}</pre></details>'
        )
    out.append("</div>")
    return "\n".join(out)


def _summary(c: Clock) -> str:
    """The line a closed explanation shows: status, start, due date (and when done)."""
    due = f"到期日 {c.due}" + ("（暂定）" if c.provisional else "")
    kind = "，权利期间" if c.window else ""
    if c.done is not None:
        return f"{c.status_label}（{c.start} 起算，{due}，{c.done} 完成{kind}）"
    if c.days_left is not None and c.days_left >= 0 and not c.window:
        return f"{c.status_label}（{c.start} 起算，{due}，还剩 {c.days_left} 日）"
    return f"{c.status_label}（{c.start} 起算，{due}{kind}）"
