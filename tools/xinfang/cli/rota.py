"""The `--rota` view of `xinfang receptions`: gaps and days off in a month's reception rota."""

from __future__ import annotations

import json

import click

from xinfang.leaders.frontline import Month
from xinfang.registers.rota import rota_month
from xinfang.registry.loader import Registry
from xinfang.report import render_table

GAP_COLUMNS = (("slot", "接访点"), ("count", "无人值班的工作日数"), ("days", "日期"))
DAY_OFF_COLUMNS = (("date", "日期"), ("day", "当天"), ("slot", "接访点"), ("leader", "领导"))


def show_rota(registry: Registry, month: Month, fmt: str) -> int:
    """Print the month's rota problems; return how many there are."""
    rm = rota_month(registry, month.year, month.month)
    if rm is None:
        raise click.ClickException("缺少 policy/rota.yaml，无法检查接访值班表")
    policy = registry.registers.rota_policy
    table = fmt == "table"

    def where(slot: str | None) -> str | None:
        if not table:
            return slot
        return policy.centre.place if slot is None else registry.unit_name(slot)

    gaps = [
        {
            "slot": where(slot),
            "count": len(days),
            "days": "、".join(f"{d.month}/{d.day}" for d in days)
            if table
            else [d.isoformat() for d in days],
        }
        for slot, days in rm.gaps.items()
    ]
    days_off = []
    for slot, day, leader in rm.days_off:
        name = registry.leaders[leader].name if leader in registry.leaders else leader
        days_off.append(
            {
                "date": day.isoformat(),
                "day": registry.calendar.holiday_name(day) or "休息日",
                "slot": where(slot),
                "leader": name if table else leader,
            }
        )
    if fmt == "json":
        body = {"month": str(month), "gaps": gaps, "days_off": days_off}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return rm.problems
    if table:
        covered = f"（值班表自 {rm.start} 起）" if rm.start > month.first else ""
        click.echo(
            f"{month.label}：工作日 {len(rm.working_days)} 天（含调休上班日）{covered}；"
            f"应值班的接访点 {len(rm.slots)} 个。"
        )
    if gaps:
        if table:
            click.echo("\n无人值班的工作日：")
        click.echo(render_table(GAP_COLUMNS, gaps, fmt))
    if days_off:
        if table:
            click.echo("\n排在休息日的领导：")
        click.echo(render_table(DAY_OFF_COLUMNS, days_off, fmt))
    if table:
        click.echo(
            f"\n无人值班 {sum(g['count'] for g in gaps)} 处，排在休息日 {len(days_off)} 处。"
        )
    return rm.problems
