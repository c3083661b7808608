"""`xinfang assess`: the year's notices and actions per unit, for the annual assessment."""

from __future__ import annotations

import datetime as dt

import click

from xinfang.accountability.assessment import ASSESS_COLUMNS, assess_rows, assess_year
from xinfang.cli.app import as_of_option, bom_option, cli, open_registry, today_in_shanghai
from xinfang.cli.omitted import echo_json, note_at_top
from xinfang.report import render_table


@cli.command()
@click.option(
    "--year", type=click.IntRange(2000, 2100), required=True, help="考核年度，例如 2026。"
)
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
)
@bom_option
@click.pass_context
def assess(ctx: click.Context, year: int, as_of, fmt: str, bom: bool) -> None:  # noqa: ANN001
    """年度考核：按单位汇总一年中的通报排名后三位、通报批评、专项通报点名、提醒、约谈、
    挂牌督办和责任追究（通报批评、责令作出检查、诫勉、党纪政纪处分），作为目标绩效考核的依据。

    \b
    排名后三位按 policy/ranking.yaml 的定期通报系列（月、半年、全年）逐期计算；“通报中触发
    通报批评”为各期通报中比率低于门槛的次数；其余各项按 org/actions/ 中当年的记录计数。
    只计统计期已在 --as-of 前结束的通报和 --as-of 前的措施。
    JSON 为对象：rows 中每个单位一个对象：unit、bottom、criticised、special_notice、
    reminder、interview、listing、criticism、self_examination、admonition、discipline、
    total、notes；left_out 列出因错误未计入的文件。

    示例：xinfang assess --year 2026 --format csv --bom > 考核.csv
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    if year > as_of.year:
        raise click.UsageError(f"--year {year} 晚于截至日期 {as_of}，还没有可汇总的记录")
    units = assess_year(registry, year, as_of=as_of)
    if fmt == "json":
        rows = assess_rows(registry, units, labels=False)
        echo_json(registry, [render_table(ASSESS_COLUMNS, rows, "json")])
        return
    rows = assess_rows(registry, units, labels=True)
    if fmt == "csv":
        click.echo(render_table(ASSESS_COLUMNS, rows, "csv", bom=bom))
        return
    note_at_top(registry, "table")
    end = min(as_of, dt.date(year, 12, 31))
    click.echo(f"{year} 年度信访工作考核汇总（截至 {end}；各列为次数）\n")
    click.echo(render_table(ASSESS_COLUMNS[:-1], rows, "table"))
    noted = [r for r in rows if r["notes"]]
    if noted:
        click.echo("\n说明：")
        for r in noted:
            click.echo(f"  {r['unit']}：{r['notes']}")
    click.echo(
        f"\n通报排名靠后：定期通报中排名后 {registry.ranking.mechanisms.bottom.bottom} 位，"
        "按 policy/ranking.yaml 逐期计算；其余按 org/actions/ 的记录计数，未记录的措施不计入。"
    )
