"""`xinfang stats`: the yearbook form of a year or a month, with 同比, as text, JSON, CSV or xlsx."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from xinfang.cli.app import ISO_DATE, cli, open_registry, today_in_shanghai
from xinfang.cli.documents import output_path, write_or_fail
from xinfang.cli.omitted import note_at_top
from xinfang.cli.ranking import PeriodUsageError
from xinfang.documents.sheets import table_csv, table_xlsx
from xinfang.ranking import yearbook
from xinfang.ranking.key_cases import colour_line
from xinfang.registers.yearbook import REGISTER_FOOTNOTE, register_yearbook_rows
from xinfang.report import render_table


class MonthParam(click.ParamType):
    """A calendar month: YYYY-MM."""

    name = "YYYY-MM"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201
        if isinstance(value, tuple):
            return value
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
            self.fail(f"{value!r} 不是月份，应写成 YYYY-MM，例如 2026-10", param, ctx)
        return int(match[1]), int(match[2])


STATS_FORMATS = ("text", "json", "csv", "xlsx")


@cli.command()
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="统计年份。")
@click.option("--month", type=MonthParam(), default=None, help="统计月份，例如 2026-10。")
@click.option(
    "--as-of", type=ISO_DATE, default=None,
    help="数据截至日期（默认：统计期末与北京时间今天中较早的一天）。",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(STATS_FORMATS), default="text", show_default=True,
    help="text 表格，json，csv（带 BOM 的 UTF-8），xlsx（Excel/WPS 工作簿，须加 -o）。",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="写入的文件（xlsx 必填；其他格式不写时输出到屏幕）。",
)  # fmt: skip
@click.pass_context
def stats(ctx: click.Context, year, month, as_of, fmt: str, output: Path | None) -> None:  # noqa: ANN001
    """信访统计表（年鉴式），附与上年同期相比的增减。

    \b
    来访（县级接待，其中初访；集体访批次/人次，其中初访）、来信、网上信访、来电、
    越级访（进京、赴省、到市，不计入来访）、非正常上访（案件的 irregular 字段）、
    初信初访、重复信访和问题分类，各列件次和人次。按登记日期统计；统计期未结束时
    按截至日计算，并与上年同一段日子比较。网站“统计”页用的是同一张表。

    示例：xinfang stats --year 2026 --as-of 2026-11-22
    """
    if (year is None) == (month is None):
        raise click.UsageError("请用 --year 或 --month 中的一个指定统计期")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 须用 -o 指定写入的 .xlsx 文件")
    start, end = yearbook.year_window(year) if year else yearbook.month_window(*month)
    registry = open_registry(ctx)
    as_of = as_of or min(end, today_in_shanghai())
    try:
        book = yearbook.compile_yearbook(registry, start, end, as_of=as_of)
    except yearbook.WindowError as exc:
        raise PeriodUsageError(str(exc), ctx) from None
    title = f"{start.year}年{'' if year else f'{start.month}月'}信访统计"
    # The risk-screening register and county leaders' receptions are counted by year.
    registers = register_yearbook_rows(registry, start.year) if year else []
    if fmt == "json":
        payload = {
            "left_out": registry.omitted.as_json(),
            "title": title,
            "as_of": as_of.isoformat(),
            "complete": book.complete,
            "period": [book.current.start.isoformat(), book.current.end.isoformat()],
            "previous": [book.previous.start.isoformat(), book.previous.end.isoformat()],
            "rows": [r.as_dict() for r in book.rows] + registers,
            "open_key_cases": book.open_by_colour,
        }
        _emit(output, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt in ("csv", "xlsx"):
        headers, rows = yearbook.sheet_rows(book, percents=fmt == "csv")
        if fmt == "csv":
            data = table_csv(headers, rows)
            if output is None:
                click.echo(data.decode("utf-8-sig"), nl=False)
            else:
                write_or_fail(output, data)
            return
        output_path(output, (".xlsx",))
        notes = [book.heading, book.footnote, colour_line(book.open_by_colour, as_of=as_of)]
        write_or_fail(output, table_xlsx(headers, rows, sheet="统计", title=title, notes=notes))
        click.echo(f"已写入 {output.as_posix()}（{book.heading}）")
        return
    lines = [
        title,
        book.heading,
        "",
        render_table(yearbook.COLUMNS, yearbook.table_rows(book.rows), "table"),
        "",
        book.footnote,
        "",
        colour_line(book.open_by_colour, as_of=as_of),
    ]
    if registers:
        columns = [c for c in yearbook.COLUMNS if c[0] != "unit"]
        shown = [
            {
                **r,
                "matters_change": yearbook.signed_percent(r["matters_change"]),
                "people_change": yearbook.signed_percent(r["people_change"]),
            }
            for r in registers
        ]
        lines += ["", render_table(columns, shown, "table"), "", REGISTER_FOOTNOTE]
    if output is None:
        note_at_top(registry, "table")
    _emit(output, "\n".join(lines) + "\n")


def _emit(output: Path | None, text: str) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_or_fail(output, text.encode("utf-8"))
