"""`xinfang validate` and `xinfang schema`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from xinfang.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    as_of_option,
    cli,
    load,
    root_of,
    today_in_shanghai,
)
from xinfang.registry import schema as schema_export
from xinfang.registry import store
from xinfang.report import PROBLEM_FORMATS, render_problems, render_problems_markdown


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PROBLEM_FORMATS),
    default=None,
    help="输出格式（在 GitHub Actions 中默认 github）。",
)
@click.option(
    "--summary",
    is_flag=True,
    help="另把结果以中文表格追加到 $GITHUB_STEP_SUMMARY（CI 的运行摘要）。",
)
@as_of_option
@click.option("--strict", is_flag=True, help="包案提醒也使退出码为 1（供每日检查使用）。")
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str | None,
    summary: bool,
    as_of: dt.date | None,
    strict: bool,
) -> None:
    """校验登记库：案件文件、org/ 和 policy/ 下的文件。

    列出所有问题（文件:行:列: 字段: 说明），有问题时退出码为 1，否则为 0。
    不指定 PATHS 时校验 cases/ 下的全部案件。

    同时列出包案提醒（标有“提醒：”）：包案领导的职级与案件层级不符，重点案件没有
    包案领导，未结案销号的包案案件截至 --as-of 没有按周报告进展。提醒不是文件错误，
    不影响退出码；加 --strict 时有提醒也退出 1。

    示例：xinfang validate cases/2026/XF-2026-0137.yaml
    """
    as_of = as_of or today_in_shanghai()
    result = load(ctx, list(paths) or None, with_cases=False, as_of=as_of)
    fmt = fmt or _default_format()
    if summary:
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not summary_path:
            raise click.UsageError("--summary 需要环境变量 GITHUB_STEP_SUMMARY 指向摘要文件")
        text = render_problems_markdown(result.problems, files=result.files, max_rows=1000)
        store.append_text(Path(summary_path), text + "\n")
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    if result.problems:
        click.echo(render_problems(result.problems, fmt))
    elif fmt == "json":
        click.echo("[]")
    if fmt == "text":
        files = len({p.path for p in result.errors})
        reminders = f"包案提醒 {warnings} 处" if warnings else ""
        if errors:
            found = f"发现 {errors} 处问题，涉及 {files} 个文件"
            click.echo(found + (f"；另有{reminders}。" if warnings else "。"), err=True)
        elif warnings:
            click.echo(f"已校验 {result.files} 个文件，未发现问题；{reminders}。", err=True)
        else:
            click.echo(f"已校验 {result.files} 个文件，未发现问题。")
    ctx.exit(EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK)


@cli.command()
@click.option("--check", is_flag=True, help="只检查 schema/ 是否与模型一致，不写文件。")
@click.pass_context
def schema(ctx: click.Context, check: bool) -> None:
    """导出 JSON Schema 到 schema/，供编辑器补全和检查。

    加 --check 时，若已提交的 schema 与模型不一致则退出码为 1。

    示例：xinfang schema --check
    """
    folder = root_of(ctx) / schema_export.SCHEMA_DIR
    stale = []
    for name, text in schema_export.render_all().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(name)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            store.write_generated(path, text)
    if check and stale:
        click.echo(
            f"schema/ 已过期：{', '.join(stale)}。请运行 xinfang schema 重新生成并提交。", err=True
        )
        ctx.exit(EXIT_PROBLEMS)
    click.echo("schema/ 与模型一致。" if check or not stale else f"已更新：{', '.join(stale)}")
