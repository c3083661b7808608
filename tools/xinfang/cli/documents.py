"""`xinfang export` and `xinfang import`: the case ledger (台账) as Excel or CSV."""

from __future__ import annotations

from pathlib import Path

import click

from xinfang.cli.app import (
    EXIT_PROBLEMS,
    UNIT_NAMES,
    as_of_option,
    cli,
    gc_paused,
    open_registry,
    root_of,
    today_in_shanghai,
    unit_key,
)
from xinfang.documents.export import EXPORT_FORMATS, export_ledger
from xinfang.documents.ledger import LedgerFilter
from xinfang.documents.ledger_import import apply_plan, describe, plan_import, predicted_ids
from xinfang.history.gitrev import registry_commit
from xinfang.registry.editing import EditError
from xinfang.registry.ledgerfile import (
    DocumentFileError,
    load_ledger_policy,
    read_table,
    write_document,
)


def output_path(path: Path, suffixes: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise click.UsageError(
            f"{path.as_posix()}: 文件扩展名应为 {' 或 '.join(suffixes)}（按扩展名决定格式）"
        )
    return suffix


def write_or_fail(path: Path, data: bytes) -> None:
    try:
        write_document(path, data)
    except DocumentFileError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS) from None


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--year", type=click.IntRange(2000, 2100), default=None, help="只导出该年登记的事项。"
)
@click.option("--unit", default=None, help=f"只导出该责任单位的事项：{UNIT_NAMES}。")
@click.option("--open", "open_only", is_flag=True, help="只导出在办事项。")
@click.option(
    "--with-names",
    is_flag=True,
    help="信访人姓名不打码（仅供信访局内部使用；检举控告类仍不显示）。",
)
@as_of_option
@click.pass_context
def export(ctx: click.Context, file: Path, year, unit, open_only, with_names, as_of) -> None:  # noqa: ANN001
    """导出案件台账：.xlsx（Excel/WPS 工作簿）或 .csv（带 BOM 的 UTF-8），按扩展名决定。

    \b
    每件事项一行；日期是真正的日期单元格，首行冻结并带筛选，逾期的行标红；
    工作簿的第二个工作表“说明”写明数据截至日期、登记库提交和每一列的含义。
    信访人姓名默认打码；检举控告类事项只列编号、单位、日期、状态和期限。

    示例：xinfang export 台账-2026.xlsx --year 2026 --open
    """
    fmt = output_path(file, EXPORT_FORMATS)
    registry = open_registry(ctx)
    unit = unit_key(registry, unit)
    as_of = as_of or today_in_shanghai()
    root = root_of(ctx)
    keep = LedgerFilter(year=year, unit=unit, open_only=open_only)
    commit = registry_commit(root)
    with gc_paused():
        data, count = export_ledger(
            registry, fmt, as_of=as_of, commit=commit, keep=keep, with_names=with_names
        )
    write_or_fail(file, data)
    click.echo(f"已导出 {count} 件事项到 {file.as_posix()}（数据截至 {as_of}）")


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="只列出将要新建和追加的内容，不写入。")
@as_of_option
@click.pass_context
def import_(ctx: click.Context, file: Path, dry_run: bool, as_of) -> None:  # noqa: ANN001
    """导入台账（.xlsx 或 .csv）：没有编号的行登记为新案件，有编号的行只补充缺少的日期。

    \b
    按列名找列（对照表在 policy/ledger.yaml，顺序不限，多余的列忽略）。日期可以是日期
    单元格，也可以写成 2026-11-03、2026/11/3、2026.11.3 或 2026年11月3日；单位、分类等
    可写键、全称或简称。已有记录从不改写或删除；导入本工具导出的台账不会改动任何文件。
    全部行先按 validate 的规则检查，任何一行有问题就什么也不写，并逐条列出
    “文件:第N行:列名: 说明”。

    示例：xinfang import 乡镇报送台账.xlsx --dry-run
    """
    root = root_of(ctx)
    registry = open_registry(ctx)
    try:
        table = read_table(file)
        policy = load_ledger_policy(root)
    except DocumentFileError as exc:
        click.echo(str(exc), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS) from None
    as_of = as_of or today_in_shanghai()
    plan = plan_import(registry, table, policy, as_of=as_of)
    if plan.problems:
        for line in plan.problems:
            click.echo(line, err=True)
        click.echo(f"台账有 {len(plan.problems)} 处问题，未写入任何文件。", err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    summary = f"共 {plan.rows} 行：{len(plan.changes)} 行有改动，{plan.unchanged} 行与登记库一致。"
    if dry_run:
        ids = predicted_ids(root, plan)
        for change in plan.changes:
            click.echo(describe(change, ids.get(change.row)))
        click.echo(summary + "（试运行，未写入）")
        return
    try:
        for line in apply_plan(root, plan, as_of=as_of):
            click.echo(line)
    except EditError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary)
