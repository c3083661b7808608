"""排查与抽查: the three registers beside the cases on one page — this week's screening
reports and the matters 在办 too long, the rota of this month and the next, and the spot
checks' per-unit rates with their open 问题件 clocks. Pure: registry data in, Markdown out.

Only keys, dates, counts and case ids appear: a screened matter's text and a spot check's
problem may name people, so they stay in the files.
"""

from __future__ import annotations

import datetime as dt

from xinfang.registers import rota, screening, spotcheck
from xinfang.site.data import SiteData
from xinfang.site.page import UNSEARCHED, WIDE, front_matter, subtitle
from xinfang.site.text import escape

REGISTERS = "generated/registers.md"


def _table(headers: list[str], rows: list[list[object]]) -> str:
    if not rows:
        return "（无）\n\n"
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(escape(c if c is not None else "—") for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n\n"


def render_registers_page(data: SiteData) -> str:
    reg = data.registry
    as_of = data.as_of
    out = [front_matter("排查与抽查", hide=WIDE), "# 排查与抽查\n\n", subtitle(data)]
    out.append(f"## 矛盾纠纷排查 {UNSEARCHED}\n\n")
    policy = reg.registers.screening_policy
    if policy is None:
        out.append("本县没有 policy/screening.yaml，未建立排查登记。\n\n")
    else:
        week = screening.last_complete_week(as_of)
        status = screening.week_status(reg, week, as_of=as_of)
        missing = [
            [reg.unit_name(u.unit), "未报告" if u.weekly_missing else "已报告",
             "、".join(d.isoformat() for d in u.daily_missed) or None]
            for u in status
            if u.missing
        ]  # fmt: skip
        out.append(f"{week.label}应报告单位 {len(status)} 个，未按规定报告 {len(missing)} 个。\n\n")
        out.append(_table(["单位", "周报告", "缺少的敏感期日报告"], missing))
        stale = screening.stale_matters(reg, as_of=as_of)
        out.append(f"在办超过 {policy.stale.days} 天的排查事项：\n\n")
        out.append(
            _table(
                ["单位", "排查日期", "风险", "在办天数"],
                [[reg.unit_name(m.unit), m.found, m.risk.label, d] for m, d in stale],
            )
        )
        counts = screening.year_counts(reg, as_of.year)
        out.append(
            f"{as_of.year} 年排查 {counts['screened']} 件，化解 {counts['resolved']} 件，"
            f"稳控 {counts['controlled']} 件，在办 {counts['open']} 件。\n\n"
        )
    out.append(f"## 接访值班 {UNSEARCHED}\n\n")
    rota_policy = reg.registers.rota_policy
    following = as_of.replace(day=1) + dt.timedelta(days=32)
    for day in (as_of, following):
        rm = rota.rota_month(reg, day.year, day.month)
        if rm is None or rota_policy is None:
            out.append("本县没有 policy/rota.yaml，未建立接访值班表。\n\n")
            break
        out.append(f"### {day.year} 年 {day.month} 月 {UNSEARCHED}\n\n")
        rows: list[list[object]] = [
            [rota_policy.centre.place if s is None else reg.unit_name(s), "无人值班", len(d),
             "、".join(f"{x.month}/{x.day}" for x in d)]
            for s, d in rm.gaps.items()
        ]  # fmt: skip
        for s, d, leader in rm.days_off:
            name = reg.leaders[leader].name if leader in reg.leaders else leader
            where = rota_policy.centre.place if s is None else reg.unit_name(s)
            rows.append([where, f"{name}排在休息日", 1, d.isoformat()])
        out.append(_table(["接访点", "问题", "天数", "日期"], rows))
    out.append(f"## 初信初访抽查 {UNSEARCHED}\n\n")
    months = [f"{as_of.year}-{m:02d}" for m in range(1, 13)]
    rates = spotcheck.unit_rates(reg, months, as_of=as_of)
    out.append(
        _table(
            ["单位", "抽查数", "问题件数", "整改完成数"],
            [
                [reg.unit_name(k), r.sampled, r.problems, r.rectified]
                for k in reg.units
                if (r := rates.get(k)) is not None
            ],
        )
    )
    open_clocks = [c for c in spotcheck.spotcheck_clocks(reg, as_of=as_of) if c.is_open]
    out.append("未完成的问题件时限：\n\n")
    out.append(
        _table(
            ["案件", "时限", "到期日", "状态"],
            [[c.case_id, c.name, c.due, c.status_label] for c in open_clocks],
        )
    )
    return "".join(out)
