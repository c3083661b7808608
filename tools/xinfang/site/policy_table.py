"""The table of time limits on the policy pages, generated from policy/deadlines.yaml so that
it never drifts from what the clocks compute. Pure."""

from __future__ import annotations

from xinfang.models import EVENT_TYPES, DeadlinePolicy, Kind
from xinfang.site.tables import cell, table
from xinfang.site.text import escape

__all__ = ["render_deadline_table"]

_COUNTING = {"calendar": "日", "working": "个工作日"}


def _events(types: list[str]) -> str:
    return escape("、".join(EVENT_TYPES[t] for t in types))


def render_deadline_table(policy: DeadlinePolicy) -> str:
    rows = []
    for rule in policy.clocks.values():
        length = f"{rule.days} {_COUNTING[rule.counting]}"
        if rule.max_extension:
            length += f"<br><small>经批准可延长，最多 {rule.max_extension} 日</small>"
        if rule.due_soon_days is not None:
            length += f"<br><small>到期前 {rule.due_soon_days} 日列为临期</small>"
        if rule.pause_for_hearing:
            length += "<br><small>听证时间不计入</small>"
        kinds = (
            "全部" if set(rule.kinds) == set(Kind) else "、".join(Kind(k).label for k in rule.kinds)
        )
        notes = []
        if rule.window:
            notes.append("权利期间：届满只记“已过期”，不算逾期")
        if rule.requires_leader:
            notes.append("仅限有包案领导的事项")
        if rule.restart:
            notes.append(f"每次{_events(rule.restart)}后重新起算")
        name = f"<strong>{escape(rule.name)}</strong>"
        if notes:
            name += "<br><small>" + escape("；".join(notes)) + "</small>"
        rows.append(
            (
                cell(name),
                cell(_events(rule.start)),
                cell(length, rule.days),
                cell(_events(rule.stop)),
                cell(escape(kinds)),
                cell(
                    f"{escape(rule.basis.article)}<br><small>{escape(rule.basis.summary)}</small>"
                ),
            )
        )
    head = ("期限", "起算事件", "期限长度", "完成事件", "适用类别", "依据")
    note = (
        f'<p class="xf-muted">临期提醒：除表中另有注明的以外，距到期日不超过 {policy.due_soon_days} 日的期限列为临期。'
        "本表由 policy/deadlines.yaml 生成，修改期限规则请改该文件。</p>"
    )
    return table(head, rows, sortable=False) + "\n\n" + note + "\n"
