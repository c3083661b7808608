"""`xinfang validate` and `xinfang schema`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from xinfang import schema as schema_export
from xinfang import store
from xinfang.cli.app import EXIT_OK, EXIT_PROBLEMS, cli, load, root_of
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
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str | None, summary: bool) -> None:
    """校验登记库：案件文件、org/ 和 policy/ 下的文件。

    列出所有问题（文件:行:列: 字段: 说明），无问题时退出码为 0，有问题时为 1。
    不指定 PATHS 时校验 cases/ 下的全部案件。

    示例：xinfang validate cases/2026/XF-2026-0137.yaml
    """
    result = load(ctx, list(paths) or None, with_cases=False)
    fmt = fmt or _default_format()
    if summary:
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not summary_path:
            raise click.UsageError("--summary 需要环境变量 GITHUB_STEP_SUMMARY 指向摘要文件")
        text = render_problems_markdown(result.problems, files=result.files, max_rows=1000)
        store.append_text(Path(summary_path), text + "\n")
    if result.problems:
        click.echo(render_problems(result.problems, fmt))
        if fmt == "text":
            files = len({p.path for p in result.problems})
            click.echo(f"发现 {len(result.problems)} 处问题，涉及 {files} 个文件。", err=True)
        ctx.exit(EXIT_PROBLEMS)
    if fmt == "json":
        click.echo("[]")
    elif fmt == "text":
        click.echo(f"已校验 {result.files} 个文件，未发现问题。")
    ctx.exit(EXIT_OK)


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
