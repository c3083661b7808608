"""`xinfang rank`, `xinfang notice` and `xinfang stats`."""

from __future__ import annotations

import datetime as dt

import click

from xinfang.cli.app import (
    ISO_DATE,
    as_of_option,
    bom_option,
    cli,
    open_registry,
    today_in_shanghai,
)
from xinfang.cli.omitted import echo_json, note_at_top
from xinfang.ranking import notice as notice_draft
from xinfang.ranking import ranktable, yearbook
from xinfang.ranking.mechanisms import Trigger, assess
from xinfang.ranking.periods import Period, PeriodError, parse_period
from xinfang.ranking.rates import Ranking
from xinfang.registers.spotcheck import SPOTCHECK_COLUMNS, spotcheck_rates
from xinfang.registers.yearbook import REGISTER_FOOTNOTE, register_yearbook_rows
from xinfang.registry.loader import Registry
from xinfang.report import TABLE_FORMATS, render_table


class PeriodUsageError(click.UsageError):
    """A usage error shown wholly in Chinese (click's own prefix is English)."""

    def show(self, file=None) -> None:  # noqa: ANN001
        hint = f"\n运行 {self.ctx.command_path} --help 查看用法。" if self.ctx else ""
        click.echo(f"用法错误：{self.format_message()}{hint}", err=True)


class PeriodParam(click.ParamType):
    """A notice period: 2026-10, 2026-Q3, 2026-H1 or 2026."""

    name = "期间"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201
        if isinstance(value, Period):
            return value
        try:
            return parse_period(value)
        except PeriodError as exc:
            raise PeriodUsageError(str(exc), ctx) from None


period_option = click.option(
    "--period",
    type=PeriodParam(),
    required=True,
    help="统计期间：2026-10（月）、2026-Q3（季度）、2026-H1（半年）或 2026（年）。",
)
period_as_of_option = click.option(
    "--as-of",
    type=ISO_DATE,
    default=None,
    help="数据截至日期（默认：统计期末与北京时间今天中较早的一天）。",
)


def _rank(
    registry: Registry, period: Period, as_of: dt.date | None
) -> tuple[Ranking, list[Trigger]]:
    as_of = as_of or min(period.end, today_in_shanghai())
    try:
        return assess(registry, period, as_of=as_of)
    except PeriodError as exc:
        raise PeriodUsageError(str(exc), click.get_current_context()) from None


@cli.command()
@period_option
@period_as_of_option
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@click.option(
    "--spotchecks",
    is_flag=True,
    help="另列各单位初信初访抽查的抽查数、问题件数、整改完成数（按抽查月份计入本期）。",
)
@bom_option
@click.pass_context
def rank(  # noqa: PLR0913
    ctx: click.Context,
    period: Period,
    as_of,
    fmt: str,
    spotchecks: bool,
    bom: bool,  # noqa: ANN001
) -> None:
    """通报排名：每个乡镇和部门的各项指标（附 95% 置信区间）、得分、名次和触发的工作机制。

    \b
    指标口径、权重和门槛见 policy/ranking.yaml，并印在表格下方。
    --as-of 默认取统计期末和今天中较早的一天；统计期尚未结束时按 --as-of 计算并标明“未结束”。
    JSON 为对象：rows 中每个单位一个对象：unit、rank（不排名时为 null）、score、metrics
    （每项含 value、numerator、denominator、low、high）、counts、mechanisms；left_out 列出
    因错误未计入的文件（path、reason）。表格在开头、CSV 在标准错误输出中说明未计入的文件。

    示例：xinfang rank --period 2026-10 --format table
    """
    registry = open_registry(ctx)
    ranking, found = _rank(registry, period, as_of)
    rates = None
    if spotchecks:
        upto = as_of or min(period.end, today_in_shanghai())
        rates = spotcheck_rates(registry, period.start, period.end, as_of=upto)
    if fmt == "json":
        rows = ranktable.json_rows(registry, ranking, found)
        if rates is not None:
            for row in rows:
                row["spotchecks"] = rates.get(row["unit"])
        echo_json(registry, [render_table([], rows, "json")])
        return
    if fmt == "csv":
        columns = ranktable.csv_columns(ranking)
        rows = ranktable.csv_rows(registry, ranking, found)
        click.echo(render_table(columns, rows, "csv", bom=bom))
        return
    note_at_top(registry, "table")
    click.echo(ranktable.heading(registry, ranking))
    click.echo()
    click.echo(ranktable.ranking_table(registry, ranking, found))
    notes = ranktable.unranked_notes(registry, ranking)
    if notes:
        click.echo("\n不排名：" + "；".join(notes) + "。")
    click.echo("\n触发的工作机制：" + ("" if found else "无。"))
    for t in found:
        click.echo(f"  {registry.unit_name(t.unit)} · {t.name}：{t.detail}")
    if period.kind not in registry.ranking.mechanisms.bottom.series:
        click.echo("  （本期不属于定期通报系列，不据此计算“连续排名后三位”。）")
    if rates is not None:
        click.echo("\n初信初访抽查（policy/spotcheck.yaml；按抽查月份计入本期）：\n")
        shown = [{"unit": registry.unit_name(u), **r} for u, r in rates.items()]
        click.echo(render_table(SPOTCHECK_COLUMNS, shown, "table"))
    click.echo("\n信访量（按登记日期）：\n")
    click.echo(ranktable.counts_table(registry, ranking))
    click.echo("\n口径：")
    for line in ranktable.definitions(ranking):
        click.echo(f"  {line}")


@cli.command()
@period_option
@period_as_of_option
@click.pass_context
def notice(ctx: click.Context, period: Period, as_of) -> None:  # noqa: ANN001
    """起草通报（Markdown）：总体情况、排名表及口径、排名靠后的单位、触发的工作机制。

    \b
    每个未达 100% 的比率都列出背后的案件编号和标题；保密案件只列编号。
    草稿供信访局修改后印发；有文件因错误未计入时，草稿开头先列出这些文件。

    示例：xinfang notice --period 2026-10 > 通报-2026-10.md
    """
    registry = open_registry(ctx)
    ranking, found = _rank(registry, period, as_of)
    note_at_top(registry, "markdown")
    click.echo(notice_draft.render_notice(registry, ranking, found), nl=False)


@cli.command()
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="统计年份。")
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@as_of_option
@bom_option
@click.pass_context
def stats(ctx: click.Context, year: int, fmt: str, as_of, bom: bool) -> None:  # noqa: ANN001
    """年度信访统计（年鉴表），附与上年相比的增减。

    \b
    件次/人次按信访形式、集体访、越级访（到市、到省、进京）、重复信访、初信初访和问题分类
    列出；按登记日期统计全年登记的事项。因错误未计入的文件在输出开头列出（JSON 为对象：
    rows 为各行，left_out 为未计入的文件；CSV 只在标准错误输出中说明）。

    示例：xinfang stats --year 2026
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    if as_of.year < year:
        raise click.UsageError(f"--year {year} 晚于数据截至日期 {as_of}，还没有可统计的数据。")
    rows = yearbook.yearbook_rows(registry, year, as_of=as_of)
    rows += register_yearbook_rows(registry, year)
    end = yearbook.year_end(year, as_of=as_of)
    if fmt == "json":
        echo_json(registry, [render_table(yearbook.COLUMNS, rows, fmt)])
        return
    note_at_top(registry, fmt)
    if fmt == "table":
        if end.year == year and (end.month, end.day) == (12, 31):
            click.echo(f"{year}年信访统计（与{year - 1}年比较）\n")
        else:
            click.echo(f"{year}年信访统计（全年未结束，截至 {end}；与{year - 1}年同期比较）\n")
        columns = yearbook.table_columns(year)
        click.echo(render_table(columns, yearbook.table_rows(rows), "table"))
        click.echo("\n" + yearbook.FOOTNOTE)
        click.echo(REGISTER_FOOTNOTE)
    else:
        click.echo(render_table(yearbook.COLUMNS, rows, fmt, bom=bom))
