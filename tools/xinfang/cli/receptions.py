"""`xinfang receptions`: the reception-day schedule to publish (领导接访日公示)."""

from __future__ import annotations

import datetime as dt

import click

from xinfang.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    ISO_DATE,
    bom_option,
    cli,
    open_registry,
    today_in_shanghai,
)
from xinfang.cli.params import MONTH
from xinfang.cli.rota import show_rota
from xinfang.leaders.frontline import (
    RECEPTION_COLUMNS,
    Month,
    published_late,
    reception_row,
    receptions_between,
)
from xinfang.report import TABLE_FORMATS, render_table


@cli.command()
@click.option(
    "--from", "start", type=ISO_DATE, default=None, help="从哪一天起（默认：北京时间今天）。"
)
@click.option(
    "--days",
    type=click.IntRange(min=1, max=3660),
    default=14,
    show_default=True,
    help="列出多少天内的接访日。",
)
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@click.option(
    "--check", is_flag=True, help="有接访日公示不足规定天数（或值班表有问题）时退出码为 1。"
)
@click.option(
    "--rota", is_flag=True, help="改为检查接访值班表：无人值班的工作日、排在休息日的领导。"
)
@click.option("--month", type=MONTH, default=None, help="与 --rota 一起用：月份（默认本月）。")
@bom_option
@click.pass_context
def receptions(
    ctx: click.Context,
    start: dt.date | None,
    days: int,
    fmt: str,
    check: bool,
    rota: bool,
    month: Month | None,
    bom: bool,
) -> None:
    """领导接访日安排：姓名、职务、日期、地点，供公示；公示不足规定天数的标出。

    
    接访日记在 org/receptions/<年>.yaml；公示要求（至少提前 7 天）见 policy/frontline.yaml。
    列出从 --from 起 --days 天内（含当天）的接访日。
    加 --rota 时检查同一文件 rota: 下的接访值班表（规则见 policy/rota.yaml）：按国务院
    节假日安排（含调休上班日）列出县群众工作中心或某乡镇、部门无人值班的工作日，以及
    被排在休息日的领导。

    示例：xinfang receptions --from 2026-11-23 --days 14
    示例：xinfang receptions --rota --month 2026-12 --check
    """
    registry = open_registry(ctx)
    if rota:
        found = show_rota(registry, month or Month.of(today_in_shanghai()), fmt)
        ctx.exit(EXIT_PROBLEMS if check and found else EXIT_OK)
    if month is not None:
        raise click.UsageError("--month 只能与 --rota 一起使用")
    start = start or today_in_shanghai()
    rule = registry.frontline_policy.receptions
    listed = receptions_between(registry.receptions, start, days)
    rows = [
        reception_row(r, registry.leaders, registry.unit_name(r.unit), rule, labels=fmt == "table")
        for r in listed
    ]
    late = sum(1 for r in listed if published_late(r, rule))
    if rows or fmt != "table":
        click.echo(render_table(RECEPTION_COLUMNS, rows, fmt, bom=bom))
    if fmt == "table":
        end = start + dt.timedelta(days=days - 1)
        click.echo(
            f"{start} 至 {end}：接访日 {len(listed)} 个，"
            f"公示不足 {rule.notice_days} 天的 {late} 个。"
        )
    ctx.exit(EXIT_PROBLEMS if check and late else EXIT_OK)
