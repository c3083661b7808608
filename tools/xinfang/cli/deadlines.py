"""`xinfang deadlines`, `xinfang overdue` and `xinfang explain`."""

from __future__ import annotations

import click

from xinfang.accountability.overdue import finding_rows
from xinfang.boards.clocklist import (
    DEADLINE_COLUMNS,
    OVERDUE_COLUMNS,
    deadline_row,
    iter_clocks,
    merged_rows,
    overdue_markdown,
    overdue_rows,
    registry_clocks,
)
from xinfang.cli.app import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UNIT_NAMES,
    as_of_option,
    bom_option,
    cli,
    open_registry,
    today_in_shanghai,
    unit_key,
)
from xinfang.cli.omitted import echo_json, note_at_top
from xinfang.clocks.deadlines import Clock, select_overdue
from xinfang.clocks.explain import PROVISIONAL_WARNING, explain_case
from xinfang.registers.spotcheck import spotcheck_clocks
from xinfang.registry import store
from xinfang.registry.loader import Registry
from xinfang.report import TABLE_FORMATS, github_annotation, render_table, stream_table
from xinfang.rules.problems import Problem

UNIT_HELP = f"只列这个单位的案件：{UNIT_NAMES}。"


@cli.command()
@as_of_option
@click.option("--case", "case_id", default=None, help="只列这一件案件，例如 XF-2026-0137。")
@click.option("--unit", default=None, help=UNIT_HELP)
@click.option(
    "--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table", show_default=True
)
@bom_option
@click.pass_context
def deadlines(ctx: click.Context, as_of, case_id, unit, fmt, bom) -> None:  # noqa: ANN001
    """列出每件案件的每个期限：起算日、到期日、完成日、状态和依据。

    状态：running 进行中，due_soon 临期，overdue 逾期，met 按期完成，met_late 逾期完成，
    lapsed 已过期（信访人或单位的权利期间，不算逾期）。
    JSON 为对象：rows 为各期限，left_out 为因错误未计入的文件（path、reason）；表格在开头、
    CSV 在标准错误输出中说明未计入的文件。

    示例：xinfang deadlines --as-of 2026-11-22 --case XF-2026-0137
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    unit = _known(registry, case_id, unit)
    clocks = iter_clocks(registry, as_of=as_of, case_id=case_id, unit=unit)
    if fmt == "json":
        rows = (deadline_row(c, labels=False) for c in clocks)
        echo_json(registry, stream_table(DEADLINE_COLUMNS, rows, fmt))
        return
    if fmt == "csv":
        rows = (deadline_row(c, labels=False) for c in clocks)
        for piece in stream_table(DEADLINE_COLUMNS, rows, fmt, bom=bom):
            click.echo(piece, nl=False)
        click.echo()
        return
    note_at_top(registry, fmt)
    clocks = list(clocks)
    rows = [deadline_row(c, labels=True) for c in clocks]
    click.echo(render_table(DEADLINE_COLUMNS, rows, fmt))
    if fmt == "table":
        _provisional_note(clocks)


@cli.command()
@as_of_option
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=None,
    help="同时列出 N 天内到期的期限（默认：列出状态为临期的，按 policy/deadlines.yaml 的临期天数）。",
)
@click.option("--unit", default=None, help=UNIT_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*TABLE_FORMATS, "github")),
    help="table 文本表格，json / csv 供程序使用，markdown 中文报告，github 工作流标注。",
    default="table",
    show_default=True,
)
@click.option(
    "--check", is_flag=True, help="有逾期期限，或有文件因错误未计入时，退出码为 1（供 CI 使用）。"
)
@bom_option
@click.pass_context
def overdue(ctx: click.Context, as_of, within, unit, fmt, check, bom) -> None:  # noqa: ANN001
    """列出逾期的期限，以及即将到期（临期）的期限，逾期最久的在前。

    初信初访抽查中认定的问题件的核查、追责、整改时限（policy/spotcheck.yaml）一并列出。

    --format markdown 给出中文标题、统计和表格，用于 CI 的运行摘要和逾期案件清单 issue；
    github 在案件文件上给出标注。有错误而未计入的文件列在输出开头（JSON 为 left_out
    字段，CSV 只在标准错误输出中说明）。

    示例：xinfang overdue --as-of 2026-11-22 --within 5 --check
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    unit = _known(registry, None, unit)
    everything = registry_clocks(registry, as_of=as_of, unit=unit)
    # 问题件 clocks of the spot checks (policy/spotcheck.yaml) are listed with the cases'.
    everything += spotcheck_clocks(registry, as_of=as_of, unit=unit)
    if within is None:
        clocks = select_overdue(everything, due_soon=True)
    else:
        clocks = select_overdue(everything, within=within)
    late = [c for c in clocks if c.status == "overdue"]
    # Interview reports and listing deadlines past due (xinfang findings) join the list.
    found = finding_rows(registry, as_of=as_of, unit=unit, labels=False)
    shown = finding_rows(registry, as_of=as_of, unit=unit, labels=True) if found else []
    if fmt == "github":
        for left in registry.omitted.items:
            problem = Problem(left.path, 0, 0, "", f"未计入逾期清单：{left.reason}")
            click.echo(github_annotation(problem, level="error"))
        for clock in clocks:
            click.echo(_annotation(registry, clock))
    elif fmt == "markdown":
        text = overdue_markdown(registry, clocks, as_of=as_of, within=within, extra=shown)
        click.echo(text, nl=False)
    elif fmt == "json":
        rows = merged_rows(overdue_rows(registry, clocks, labels=False), found)
        echo_json(registry, [render_table(OVERDUE_COLUMNS, rows, fmt)])
    elif clocks or found or fmt != "table":
        note_at_top(registry, fmt)
        labels = fmt == "table"
        rows = merged_rows(
            overdue_rows(registry, clocks, labels=labels), shown if labels else found
        )
        click.echo(render_table(OVERDUE_COLUMNS, rows, fmt, bom=bom))
    else:
        note_at_top(registry, fmt)
    if fmt == "table":
        soon = len(clocks) - len(late)
        horizon = "临期" if within is None else f"{within} 天内到期"
        cases = len({c.case_id for c in late} | {r["case"] for r in found if r["case"]})
        involved = f"（涉及 {cases} 件案件）" if late or found else ""
        total = len(late) + len(found)
        click.echo(f"截至 {as_of}：逾期 {total} 项{involved}，{horizon} {soon} 项。")
        _provisional_note(clocks)
    ctx.exit(EXIT_PROBLEMS if check and (late or found or registry.omitted) else EXIT_OK)


@cli.command()
@click.argument("case_id", metavar="CASE")
@as_of_option
@click.pass_context
def explain(ctx: click.Context, case_id: str, as_of) -> None:  # noqa: ANN001
    """用中文说明一件案件每个期限的计算过程：起算事件、天数、延期、听证扣除、
    顺延跳过的节假日、到期日、状态和法律依据。

    示例：xinfang explain XF-2026-0137 --as-of 2026-11-22
    """
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    case = registry.case(case_id)
    if case is None:
        raise click.ClickException(
            f"找不到案件 {case_id}（或该案件文件有问题，请先运行 xinfang validate）"
        )
    clocks = registry_clocks(registry, as_of=as_of, case_id=case_id)
    click.echo(explain_case(case, clocks, as_of=as_of), nl=False)


def _known(registry: Registry, case_id: str | None, unit: str | None) -> str | None:
    """Check the case id; the key of the unit as written (key, name, short name or alias)."""
    if case_id is not None and registry.case(case_id) is None:
        raise click.ClickException(f"找不到案件 {case_id}")
    return unit_key(registry, unit)


def _provisional_note(clocks: list[Clock]) -> None:
    if any(c.provisional for c in clocks):
        click.echo(f"注意：标为“暂定”的期限涉及{PROVISIONAL_WARNING}。", err=True)


def _annotation(registry: Registry, clock: Clock) -> str:
    rel = registry.paths[clock.case_id]
    case = registry.case(clock.case_id)
    index = next(
        (
            i
            for i, e in enumerate(case.events)
            if e.type == clock.start_event and e.date == clock.start
        ),
        0,
    )
    line, col = store.locate(registry.text(rel), ("events", index))
    if clock.status == "overdue":
        text = f"{clock.case_id} {clock.name}已逾期 {-clock.days_left} 天（到期日 {clock.due}）"
        level = "error"
    else:
        text = f"{clock.case_id} {clock.name}将于 {clock.due} 到期（剩余 {clock.days_left} 天）"
        level = "warning"
    return github_annotation(Problem(rel, line, col, clock.name, text), level=level)
