"""`xinfang screening`: who reported their risk screening (矛盾纠纷排查) in a week, and the
matters left 在办 past the policy limit."""

from __future__ import annotations

import json

import click

from xinfang.cli.app import EXIT_OK, EXIT_PROBLEMS, as_of_option, cli, open_registry
from xinfang.cli.app import today_in_shanghai as _today
from xinfang.cli.params import WEEK
from xinfang.registers.screening import last_complete_week, stale_matters, week_status
from xinfang.report import TABLE_FORMATS, render_table

WEEK_COLUMNS = (
    ("unit", "单位"),
    ("weekly", "周报告"),
    ("daily", "敏感期日报告"),
    ("status", "情况"),
)
STALE_COLUMNS = (
    ("unit", "单位"),
    ("found", "排查日期"),
    ("risk", "风险"),
    ("people", "人数"),
    ("days", "在办天数"),
    ("owner", "责任人"),
    ("case", "案件"),
)


@cli.command()
@click.option("--week", type=WEEK, default=None, help="周，例如 2026-W47（默认：上一个完整的周）。")
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@click.option("--check", is_flag=True, help="有单位未报告或有事项在办超时时退出码为 1。")
@click.pass_context
def screening(ctx: click.Context, week, as_of, fmt: str, check: bool) -> None:  # noqa: ANN001
    """矛盾纠纷排查：某周各乡镇和部门是否报告，以及在办超过时限的排查事项。

    \b
    报告记在 org/screening/<年>-<月>.yaml；规则见 policy/screening.yaml：每周至少报告一次
    （周一至周日，周日结束后才算未报告），敏感期内每天报告（截至 --as-of 的日子）；
    排查事项自排查日期起超过规定天数仍为“在办”的列出。

    示例：xinfang screening --week 2026-W47 --check
    """
    registry = open_registry(ctx)
    as_of = as_of or _today()
    policy = registry.registers.screening_policy
    if policy is None:
        raise click.ClickException("缺少 policy/screening.yaml，无法检查矛盾纠纷排查报告")
    week = week or last_complete_week(as_of)
    table = fmt == "table"
    status = week_status(registry, week, as_of=as_of)
    rows = []
    for uw in status:
        if uw.reported:
            weekly = "、".join(f"{d.month}/{d.day}" for d in uw.reported)
        else:
            weekly = "未报告" if uw.weekly_due else "本周尚未结束"
        daily = None
        if uw.daily_owed:
            done = len(uw.daily_owed) - len(uw.daily_missed)
            missed = "、".join(f"{d.month}/{d.day}" for d in uw.daily_missed)
            daily = f"{done}/{len(uw.daily_owed)}" + (f"（缺 {missed}）" if missed else "")
        rows.append(
            {
                "unit": registry.unit_name(uw.unit) if table else uw.unit,
                "weekly": weekly if table else [d.isoformat() for d in uw.reported],
                "daily": daily if table else [d.isoformat() for d in uw.daily_missed],
                "status": ("未按规定报告" if uw.missing else "已报告")
                if table
                else ("missing" if uw.missing else "ok"),
            }
        )
    stale = stale_matters(registry, as_of=as_of)
    stale_rows = [
        {
            "unit": registry.unit_name(m.unit) if table else m.unit,
            "found": m.found.isoformat(),
            "risk": m.risk.label if table else m.risk.value,
            "people": m.people,
            "days": days,
            "owner": m.owner,
            "case": m.case,
        }
        for m, days in stale
    ]
    missing = sum(1 for uw in status if uw.missing)
    if fmt == "json":
        body = {"week": str(week), "as_of": as_of.isoformat(), "units": rows, "stale": stale_rows}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(WEEK_COLUMNS, rows, fmt))
        if stale_rows:
            if table:
                click.echo(f"\n在办超过 {policy.stale.days} 天的排查事项：")
            click.echo(render_table(STALE_COLUMNS, stale_rows, fmt))
        if table:
            click.echo(
                f"\n{week.label}：应报告单位 {len(status)} 个，未按规定报告 {missing} 个；"
                f"在办超过 {policy.stale.days} 天的事项 {len(stale)} 项（截至 {as_of}）。"
            )
    ctx.exit(EXIT_PROBLEMS if check and (missing or stale) else EXIT_OK)
