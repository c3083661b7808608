"""`xinfang rank` and `xinfang notice`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from xinfang.accountability import render as findings_render
from xinfang.accountability.derive import collect_findings
from xinfang.cli.app import (
    ISO_DATE,
    bom_option,
    cli,
    open_registry,
    today_in_shanghai,
)
from xinfang.cli.documents import write_or_fail
from xinfang.cli.omitted import echo_json, note_at_top
from xinfang.documents.gongwen import markdown_docx
from xinfang.ranking import notice as notice_draft
from xinfang.ranking import ranktable
from xinfang.ranking.mechanisms import Trigger, assess
from xinfang.ranking.periods import Period, PeriodError, parse_period
from xinfang.ranking.rates import Ranking
from xinfang.registers.spotcheck import SPOTCHECK_COLUMNS, spotcheck_rates
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
    envvar="XINFANG_AS_OF",
    help="数据截至日期（默认：环境变量 XINFANG_AS_OF，否则统计期末与北京时间今天中较早的一天）。",
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
@click.option(
    "--format", "fmt", type=click.Choice(["markdown", "docx"]), default="markdown",
    show_default=True, help="markdown 输出到屏幕；docx 为公文格式的 Word 文件（须加 -o）。",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="写入的文件（docx 必填）。",
)  # fmt: skip
@click.pass_context
def notice(ctx: click.Context, period: Period, as_of, fmt: str, output: Path | None) -> None:  # noqa: ANN001
    """起草通报：总体情况、排名表及口径、排名靠后的单位、触发的工作机制、问责与督办事项。

    \b
    每个未达 100% 的比率都列出背后的案件编号和标题；保密案件只列编号。
    --format docx 按 GB/T 9704 公文格式排版（A4，标题小标宋二号，正文仿宋三号，
    每页 22 行、每行 28 字，页码“— 1 —”），供信访局修改后印发。
    有文件因错误未计入时，草稿开头先列出这些文件。

    示例：xinfang notice --period 2026-10 --format docx -o 通报-2026-10.docx
    """
    if fmt == "docx" and output is None:
        raise click.UsageError("--format docx 须用 -o 指定写入的 .docx 文件")
    registry = open_registry(ctx)
    ranking, found = _rank(registry, period, as_of)
    note_at_top(registry, "markdown")
    text = notice_draft.render_notice(registry, ranking, found)
    units = {row.unit for row in ranking.rows}
    findings = [f for f in collect_findings(registry, as_of=ranking.as_of) if f.unit in units]
    text += "\n" + findings_render.as_notice_section(registry, findings, ranking.as_of)
    if fmt == "markdown":
        if output is None:
            click.echo(text, nl=False)
        else:
            write_or_fail(output, text.encode("utf-8"))
        return
    write_or_fail(output, markdown_docx(text))
    click.echo(f"已写入 {output.as_posix()}")
