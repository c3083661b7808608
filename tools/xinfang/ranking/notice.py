"""A draft notice (通报) in Chinese Markdown, from a ranking and its triggers. Pure.

The draft is for the petition office to edit before it is issued: every figure carries its
fraction and definition, and every figure below 100% lists the cases behind it. A
confidential case (检举控告类 by default) appears by its id only.
"""

from __future__ import annotations

from collections.abc import Sequence

from xinfang.models import LISTING_STEPS, PERIOD_KIND_LABELS
from xinfang.ranking.mechanisms import InterviewState, Trigger, bottom_units, interview_states
from xinfang.ranking.mechanisms import listing_states as listings
from xinfang.ranking.ranktable import definitions
from xinfang.ranking.rates import COUNT_LABELS, Ranking, Rate, percent
from xinfang.registry.loader import Registry

# What "not in the numerator" means for each formula, for the list of cases.
MISSED_LABELS = {
    "on_time": "逾期完成",
    "satisfaction": "评价为不满意",
    "participation": "尚未评价",
    "first_resolution": "未一次性化解（不满意、请求复查或重复信访）",
    "year_end": "期末未办结",
}


def render_notice(registry: Registry, ranking: Ranking, found: Sequence[Trigger]) -> str:
    parts = [
        _title(ranking),
        _summary(registry, ranking),
        _table(registry, ranking),
        _bottom(registry, ranking),
        _mechanisms(registry, ranking, found),
        _cases(registry, ranking),
    ]
    return "\n".join(p for p in parts if p)


def _title(ranking: Ranking) -> str:
    p = ranking.period
    state = "（统计期尚未结束，数字会变化）" if not ranking.complete else ""
    return (
        f"# 关于{p.label}全县信访工作情况的通报（草稿）\n\n"
        f"> {PERIOD_KIND_LABELS[p.kind]}通报。统计期 {p.start} 至 {p.end}，"
        f"数据截至 {ranking.as_of}{state}。本稿由登记库自动生成，印发前请核对。\n"
    )


def _rate(rate: Rate) -> str:
    if not rate.denominator:
        return "—"
    return f"{percent(rate.value)}（{rate.numerator}/{rate.denominator}）"


def _interval(rate: Rate) -> str:
    if not rate.denominator:
        return "—"
    return f"{percent(rate.low)}–{percent(rate.high)}"


def _summary(registry: Registry, ranking: Ranking) -> str:
    c = ranking.total.counts
    above = c.city + c.province + c.national
    lines = [
        "## 一、总体情况\n",
        f"{ranking.period.label}，全县登记信访事项 {c.matters} 件次、{c.people} 人次；"
        f"其中集体访 {c.collective} 批 {c.collective_people} 人次，越级访 {above} 件次"
        f"（到市 {c.city}、到省 {c.province}、进京 {c.national}），重复信访 {c.repeat} 件次。\n",
        "| 指标 | 全县 | 95% 区间 | 口径 |",
        "|---|---|---|---|",
    ]
    for key, metric in ranking.policy.rates.items():
        rate = ranking.total.rates[key]
        lines.append(f"| {metric.name} | {_rate(rate)} | {_interval(rate)} | {metric.definition} |")
    return "\n".join(lines) + "\n"


def _table(registry: Registry, ranking: Ranking) -> str:
    rates = ranking.policy.rates
    header = ["名次", "单位", "得分", "考核事项", *(m.name for m in rates.values())]
    lines = [
        "## 二、排名\n",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in ranking.rows:
        rank = str(row.rank) if row.rank is not None else "不排名"
        score = str(row.score) if row.score is not None else "—"
        cells = [rank, registry.unit_name(row.unit), score, str(row.assessed)]
        cells += [_rate(row.rates[key]) for key in rates]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [f"{registry.unit_name(r.unit)}（{r.note}）" for r in ranking.rows if r.note]
    if notes:
        lines.append("\n未排名：" + "；".join(notes) + "。")
    lines.append("\n各项比率的 95% 置信区间（事项少时区间宽，名次差异未必显著）：\n")
    lines.append("| 单位 | " + " | ".join(m.name for m in rates.values()) + " |")
    lines.append("|---|" + "---|" * len(rates))
    for row in ranking.rows:
        cells = [_interval(row.rates[key]) for key in rates]
        lines.append(f"| {registry.unit_name(row.unit)} | " + " | ".join(cells) + " |")
    lines.append("\n口径：\n")
    lines += [f"- {line}" for line in definitions(ranking)]
    return "\n".join(lines) + "\n"


def _bottom(registry: Registry, ranking: Ranking) -> str:
    n = ranking.policy.mechanisms.bottom.bottom
    named = bottom_units(ranking, n)
    head = f"## 三、排名后{n}位的单位\n\n"
    if not named:
        return head + f"本期参与排名的单位不超过 {n} 个，不列后{n}位。\n"
    rows = [r for r in ranking.ranked if r.unit in named]
    text = "、".join(
        f"{registry.unit_name(r.unit)}（第 {r.rank} 名，得分 {r.score}）"
        for r in sorted(rows, key=lambda r: (r.rank, r.unit))
    )
    rule = ranking.policy.mechanisms.bottom
    note = ""
    if ranking.period.kind not in rule.series:
        note = (
            f"{PERIOD_KIND_LABELS[ranking.period.kind]}通报不属于定期通报系列，"
            f"不计入“连续 {rule.times} 次排名后{n}位”。"
        )
    return head + f"本期排名后{n}位：{text}。请上述单位查找原因，限期整改。{note}\n"


def _mechanisms(registry: Registry, ranking: Ranking, found: Sequence[Trigger]) -> str:
    lines = ["## 四、触发的工作机制\n"]
    if not found:
        lines.append("本期未触发通报批评、提醒约谈或挂牌督办。\n")
    kinds: dict[str, list[Trigger]] = {}
    for trigger in found:
        kinds.setdefault(trigger.name, []).append(trigger)
    for name, items in kinds.items():
        lines.append(f"### {name}\n")
        for t in items:
            lines.append(f"- {registry.unit_name(t.unit)}：{t.detail}。")
        basis = items[0].basis
        if basis is not None:
            lines.append(f"\n依据：{basis.article}。{basis.summary}\n")
    lines.append(_interviews(registry, interview_states(registry, as_of=ranking.as_of)))
    lines.append(_listings(registry, ranking))
    return "\n".join(line for line in lines if line)


def _interviews(registry: Registry, states: Sequence[InterviewState]) -> str:
    if not states:
        return ""
    days = registry.ranking.mechanisms.interview.report_working_days
    lines = [
        f"### 约谈整改情况（{days} 个工作日内书面报告）\n",
        "| 单位 | 约谈日期 | 报告期限 | 报送日期 | 状态 |",
        "|---|---|---|---|---|",
    ]
    for s in states:
        report = str(s.action.report) if s.action.report else "未报送"
        status = s.status.label + (f" {s.days_overdue} 天" if s.days_overdue else "")
        lines.append(
            f"| {registry.unit_name(s.action.unit)} | {s.action.date} | {s.due} | {report} "
            f"| {status} |"
        )
    return "\n".join(lines) + "\n"


def _listings(registry: Registry, ranking: Ranking) -> str:
    states = listings(registry, as_of=ranking.as_of)
    if not states:
        return ""
    lines = [
        "### 挂牌督办进展\n",
        "| 案件 | 单位 | 挂牌日期 | 已完成步骤 | 下一步 |",
        "|---|---|---|---|---|",
    ]
    for s in states:
        done = "、".join(LISTING_STEPS[k] for k in s.done) or "—"
        after = LISTING_STEPS[s.next_step] if s.next_step else "已摘牌销号"
        lines.append(
            f"| {s.action.case} | {registry.unit_name(s.action.unit)} | {s.action.date} "
            f"| {done} | {after} |"
        )
    return "\n".join(lines) + "\n"


def _case_label(registry: Registry, case_id: str) -> str:
    case = registry.case(case_id)
    if case is None or case.is_confidential:
        return case_id
    return f"{case_id} {case.title}"


def _cases(registry: Registry, ranking: Ranking) -> str:
    lines = ["## 五、未达标数字背后的事项\n"]
    any_missed = False
    for row in sorted(ranking.rows, key=lambda r: r.unit):
        items = []
        for key, metric in ranking.policy.rates.items():
            rate = row.rates[key]
            late = [c for c in rate.missed if c not in rate.still_open]
            groups = [(MISSED_LABELS[metric.formula], late)]
            if metric.formula == "on_time":
                groups = [("逾期完成", late), ("至期末逾期未完成", list(rate.still_open))]
            for label, ids in groups:
                if ids:
                    cases = "；".join(_case_label(registry, c) for c in ids)
                    items.append(f"- {metric.name}（{label}）：{cases}")
        if items:
            any_missed = True
            lines.append(f"### {registry.unit_name(row.unit)}\n")
            lines += items
            lines.append("")
    if not any_missed:
        lines.append("各项比率均为 100%。\n")
    lines.append(
        f"保密事项（检举控告类等）只列编号。{COUNT_LABELS['matters'][0]}等计数的口径见第二部分。\n"
    )
    return "\n".join(lines)
