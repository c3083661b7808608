"""`xinfang frontline`: each leader's days on the front line in a month, against the quota."""

from __future__ import annotations

import click

from xinfang.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    bom_option,
    cli,
    open_registry,
    today_in_shanghai,
)
from xinfang.cli.params import MONTH
from xinfang.leaders.frontline import FRONTLINE_COLUMNS, Month, leader_month_row, registry_month
from xinfang.report import TABLE_FORMATS, render_table


@cli.command()
@click.option("--month", type=MONTH, default=None, help="月份（默认：北京时间的上一个月）。")
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@click.option("--check", is_flag=True, help="有领导未达定额时退出码为 1（供 CI 使用）。")
@bom_option
@click.pass_context
def frontline(ctx: click.Context, month: Month | None, fmt: str, check: bool, bom: bool) -> None:
    """一线工作：每位领导当月深入一线的天数与定额对照，未达定额的标为“未达标”。

    定额见 policy/frontline.yaml：县级领导在联系乡镇的天数和在分管战线的天数，
    县直部门主要负责人的合计天数，乡镇干部的合计天数和每个工作日周二（法定节假日的
    周二不计）。天数来自 org/frontline/<年>-<月>.yaml，同一领导同一天只计一天。

    示例：xinfang frontline --month 2026-10 --check
    """
    registry = open_registry(ctx)
    today = today_in_shanghai()
    month = month or Month.of(today).previous()
    tallies = registry_month(registry, month)
    if month.last >= today:
        click.echo(
            f"注意：{month.label}尚未结束（今天是 {today}），未达定额的还可在月内补足。", err=True
        )
    if not any(e.date in month for e in registry.frontline):
        click.echo(
            f"注意：{month.label}的一线工作台账（org/frontline/{month}.yaml）没有记录，"
            "所有领导按 0 天计。",
            err=True,
        )
    rows = [leader_month_row(t, labels=fmt == "table") for t in tallies]
    click.echo(render_table(FRONTLINE_COLUMNS, rows, fmt, bom=bom))
    short = sum(1 for t in tallies if t.short)
    if fmt == "table":
        click.echo(f"{month.label}：{len(tallies)} 名领导中 {short} 名未达定额。")
    ctx.exit(EXIT_PROBLEMS if check and short else EXIT_OK)
