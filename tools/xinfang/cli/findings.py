"""`xinfang findings`: everything the accountability rules derive, as of a date."""

from __future__ import annotations

import click

from xinfang.accountability import render
from xinfang.accountability.derive import collect_findings
from xinfang.cli.app import (
    EXIT_USAGE,
    UNIT_NAMES,
    as_of_option,
    cli,
    open_registry,
    today_in_shanghai,
    unit_key,
)


@cli.command()
@as_of_option
@click.option("--unit", default=None, help=f"只列这个单位：{UNIT_NAMES}。")
@click.option("--case", "case_id", default=None, help="只列这件案件，例如 XF-2026-0197。")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("--check", is_flag=True, help="有任何发现时退出码为 1。")
@click.pass_context
def findings(ctx: click.Context, as_of, unit, case_id, fmt: str, check: bool) -> None:  # noqa: ANN001
    """问责与督办：按 policy/accountability.yaml 的规则从登记库推导出的全部情形。

    \b
    每项写明规则键（如 ownership.missing、escalation.interview、listing.deadline）、单位、
    案件、包案领导、带数字的中文说明、依据（文件和条款）和期限（有期限时）。
    JSON 为对象列表，每个对象含 rule、unit、case（单位层面的为 null）、leader、detail、
    basis、due。

    示例：xinfang findings --as-of 2026-11-22 --unit housing-bureau
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    unit = unit_key(registry, unit)
    if case_id is not None and registry.case(case_id) is None:
        click.echo(f"用法错误：案件 {case_id} 不存在或未通过校验", err=True)
        raise click.exceptions.Exit(EXIT_USAGE)
    found = collect_findings(registry, as_of=as_of, unit=unit, case=case_id)
    heading = f"问责与督办（截至 {as_of}）"
    if fmt == "json":
        click.echo(render.as_json(registry, found))
    elif fmt == "markdown":
        click.echo(render.as_markdown(registry, found, heading), nl=False)
    else:
        click.echo(render.as_text(registry, found, heading), nl=False)
    if check and found:
        raise click.exceptions.Exit(1)
