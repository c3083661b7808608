"""`xinfang spotcheck sample` and `xinfang spotcheck report`: spot checks of first
petitions (初信初访抽查)."""

from __future__ import annotations

import json

import click

from xinfang.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    ISO_DATE,
    as_of_option,
    cli,
    open_registry,
    root_of,
    today_in_shanghai,
)
from xinfang.cli.params import MONTH
from xinfang.clocks.deadlines import Status
from xinfang.leaders.frontline import Month
from xinfang.registers import spotcheck as sc
from xinfang.registry.registerfiles import SampleError, append_spotchecks
from xinfang.report import TABLE_FORMATS, render_table

SAMPLE_COLUMNS = (
    ("unit", "单位"),
    ("available", "办结初信初访"),
    ("sampled", "抽取"),
    ("cases", "案件"),
)
RATE_COLUMNS = (
    ("unit", "单位"),
    ("sampled", "抽查数"),
    ("checked", "已出结论"),
    ("problems", "问题件数"),
    ("rectified", "整改完成数"),
    ("problem_rate", "问题件率"),
)
CLOCK_COLUMNS = (
    ("case", "案件"),
    ("unit", "单位"),
    ("clock", "时限"),
    ("start", "认定日期"),
    ("due", "到期日"),
    ("status", "状态"),
    ("days_left", "剩余天数"),
)


@cli.group()
def spotcheck() -> None:
    """初信初访抽查：按月抽取样本，汇总各单位的抽查结果和问题件时限。"""


@spotcheck.command()
@click.option("--month", type=MONTH, required=True, help="案件办结的月份，例如 2026-10。")
@click.option(
    "--rate",
    type=click.IntRange(1, 100),
    default=None,
    help="抽查比例（%），默认取 policy/spotcheck.yaml。",
)
@click.option("--seed", default=None, help="随机种子（默认：月份本身）；同一种子抽取结果相同。")
@click.option("--date", "day", type=ISO_DATE, default=None, help="抽取日期（默认：北京时间今天）。")
@click.option("--dry-run", is_flag=True, help="只列出抽取结果，不写文件。")
@click.pass_context
def sample(ctx: click.Context, month: Month, rate, seed, day, dry_run: bool) -> None:  # noqa: ANN001
    """从各单位当月办结的初信初访中按比例抽取样本，写入 org/spotchecks/<年>.yaml。

    \b
    每个单位按比例向上取整、至少抽 policy/spotcheck.yaml 规定的件数；同一登记库、
    月份、比例和种子抽取结果相同，可以复核。已有的抽查记录和注释原样保留；
    同一月份已抽取过的不再重复抽取（退出码 1）。

    示例：xinfang spotcheck sample --month 2026-10 --rate 10 --seed 2026-10
    """
    registry = open_registry(ctx)
    policy = registry.registers.spotcheck_policy
    if policy is None:
        raise click.ClickException("缺少 policy/spotcheck.yaml，无法抽取")
    rate = rate or policy.rate
    seed = seed or str(month)
    available = sc.candidates(registry, str(month))
    drawn = sc.draw(registry, str(month), rate=rate, seed=seed, minimum=policy.minimum)
    rows = [
        {
            "unit": registry.unit_name(unit),
            "available": len(available[unit]),
            "sampled": len(ids),
            "cases": "、".join(ids),
        }
        for unit, ids in drawn.items()
    ]
    total = sum(len(ids) for ids in drawn.values())
    if not total:
        click.echo(f"{month.label}没有办结的初信初访事项，未抽取。")
        return
    click.echo(render_table(SAMPLE_COLUMNS, rows, "table"))
    click.echo(f"\n{month.label}：按 {rate}% 抽取 {total} 件（种子 {seed}）。")
    if dry_run:
        return
    entries = sc.sample_entries(drawn, str(month), day or today_in_shanghai())
    try:
        rel = append_spotchecks(root_of(ctx), month.year, entries)
    except (SampleError, FileExistsError) as exc:
        click.echo(str(exc), err=True)
        ctx.exit(EXIT_PROBLEMS)
    click.echo(f"已写入 {rel}，请抽查人员填写结论。")


@spotcheck.command()
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help="抽查年份（默认：--as-of 所在年）。",
)
@as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@click.option("--check", is_flag=True, help="有问题件时限逾期时退出码为 1。")
@click.pass_context
def report(ctx: click.Context, year, as_of, fmt: str, check: bool) -> None:  # noqa: ANN001
    """各单位的抽查数、问题件数、整改完成数，以及问题件的核查、追责、整改时限。

    时限见 policy/spotcheck.yaml，自认定为问题件之日起算；逾期的也列入 xinfang overdue。

    示例：xinfang spotcheck report --year 2026 --check
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    year = year or as_of.year
    table = fmt == "table"
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    rates = sc.unit_rates(registry, months, as_of=as_of)
    rows = [
        {
            "unit": registry.unit_name(r.unit) if table else r.unit,
            "sampled": r.sampled,
            "checked": r.checked,
            "problems": r.problems,
            "rectified": r.rectified,
            "problem_rate": _percent(r.problem_rate) if table else r.problem_rate,
        }
        for key in registry.units
        if (r := rates.get(key)) is not None
    ]
    clocks = [
        c for c in sc.spotcheck_clocks(registry, as_of=as_of) if c.start.year == year and c.is_open
    ]
    units = {c.case: c.unit for c in registry.registers.spotchecks}
    clock_rows = [
        {
            "case": c.case_id,
            "unit": registry.unit_name(units[c.case_id]) if table else units[c.case_id],
            "clock": c.name if table else c.key,
            "start": c.start.isoformat(),
            "due": c.due.isoformat(),
            "status": c.status_label if table else c.status.value,
            "days_left": c.days_left,
        }
        for c in sorted(clocks, key=lambda c: (c.days_left or 0, c.case_id))
    ]
    late = sum(1 for c in clocks if c.status is Status.overdue)
    if fmt == "json":
        body = {"year": year, "as_of": as_of.isoformat(), "units": rows, "clocks": clock_rows}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        ctx.exit(EXIT_PROBLEMS if check and late else EXIT_OK)
    click.echo(render_table(RATE_COLUMNS, rows, fmt))
    if clock_rows:
        if table:
            click.echo("\n未完成的问题件时限：")
        click.echo(render_table(CLOCK_COLUMNS, clock_rows, fmt))
    if table:
        click.echo(
            f"\n{year} 年：抽查 {sum(r.sampled for r in rates.values())} 件，问题件 "
            f"{sum(r.problems for r in rates.values())} 件，整改完成 "
            f"{sum(r.rectified for r in rates.values())} 件；逾期的时限 {late} 项（截至 {as_of}）。"
        )
    ctx.exit(EXIT_PROBLEMS if check and late else EXIT_OK)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
