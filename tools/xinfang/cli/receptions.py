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
from xinfang.leaders.frontline import (
    RECEPTION_COLUMNS,
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
@click.option("--check", is_flag=True, help="有接访日公示不足规定天数时退出码为 1。")
@bom_option
@click.pass_context
def receptions(  # noqa: PLR0913
    ctx: click.Context, start: dt.date | None, days: int, fmt: str, check: bool, bom: bool
) -> None:
    """领导接访日安排：姓名、职务、日期、地点，供公示；公示不足规定天数的标出。

    接访日记在 org/receptions/<年>.yaml；公示要求（至少提前 7 天）见 policy/frontline.yaml。
    列出从 --from 起 --days 天内（含当天）的接访日。

    示例：xinfang receptions --from 2026-11-23 --days 14
    """
    registry = open_registry(ctx)
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
