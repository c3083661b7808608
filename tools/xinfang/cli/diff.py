"""`xinfang diff`: what a change does to cases and deadlines, between two git revisions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from xinfang.cli.app import EXIT_OK, EXIT_PROBLEMS, as_of_option, cli, root_of, today_in_shanghai
from xinfang.history import gitrev
from xinfang.history.diff import compare, render_markdown
from xinfang.registry import store

# The job summary takes at most 1 MiB per step; a change to the holiday notice can move
# thousands of clocks in a city's registry.
SUMMARY_MAX_ROWS = 2000


@cli.command("diff")
@click.argument("base")
@click.argument("head", default="HEAD")
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("markdown", "json")),
    default="markdown",
    show_default=True,
    help="markdown 中文表格，json 同样的数据供程序使用。",
)
@click.option(
    "--summary/--no-summary",
    default=None,
    help="把中文表格追加到 $GITHUB_STEP_SUMMARY（设置了该变量时默认追加）。",
)
@click.pass_context
def diff(ctx: click.Context, base: str, head: str, as_of, fmt: str, summary: bool | None) -> None:  # noqa: ANN001
    """比较登记库在两个 git 版本（BASE、HEAD）之间的变化。

    列出本次改动涉及的每件案件的状态和期限有何变化：新登记、结案、删除，新增或取消的期限，到期日前后移动，期限变为已完成或已逾期。改动了 policy/（期限规则、节假日安排）时，另列出其他案件中到期日因此移动的未完成期限。两边按同一日期（--as-of）计算。

    HEAD 默认为当前提交。HEAD 的登记库无法加载（org/、policy/ 的文件缺失或有错误）时退出码为 1。

    示例：xinfang diff origin/main HEAD --as-of 2026-11-22
    """
    root: Path = root_of(ctx)
    as_of = as_of or today_in_shanghai()
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and not summary_path:
        raise click.UsageError("--summary 需要环境变量 GITHUB_STEP_SUMMARY 指向摘要文件")
    try:
        pair = gitrev.load_pair(root, base, head)
    except gitrev.GitError as exc:
        raise click.ClickException(str(exc)) from None
    report = compare(
        pair.before,
        pair.after,
        changed=pair.changed,
        policy_changed=pair.policy_changed,
        as_of=as_of,
        base=pair.base,
        head=pair.head,
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_markdown(report), nl=False)
    if summary_path and summary is not False:
        store.append_text(
            Path(summary_path), render_markdown(report, max_rows=SUMMARY_MAX_ROWS) + "\n"
        )
    # Only the change's own side counts: a broken base is not this change's fault.
    ctx.exit(EXIT_PROBLEMS if "head" in report.unloadable else EXIT_OK)
