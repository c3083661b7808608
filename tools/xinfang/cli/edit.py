"""`xinfang new` and `xinfang event`: edit case files without losing anything."""

from __future__ import annotations

import datetime as dt

import click

from xinfang.cli.app import (
    EXIT_USAGE,
    ISO_DATE,
    UNIT_NAMES,
    as_of_option,
    cli,
    root_of,
    today_in_shanghai,
)
from xinfang.models import Channel, Kind, Level
from xinfang.registry.editing import BadKey, EditError, append_event, create_case


def _choice(enum) -> click.Choice:  # noqa: ANN001
    return click.Choice([m.value for m in enum])


@cli.command()
@click.option("--title", required=True, help="标题：一句话概括诉求。")
@click.option("--channel", type=_choice(Channel), required=True, help="信访形式。")
@click.option("--kind", type=_choice(Kind), required=True, help="事项类别。")
@click.option("--category", required=True, help="问题分类：policy/categories.yaml 中的键或名称。")
@click.option("--unit", required=True, help=f"责任单位：{UNIT_NAMES}。")
@click.option("--leader", default=None, help="包案领导：org/leaders.yaml 中的键或姓名。")
@click.option("--received", type=ISO_DATE, default=None, help="登记日期（默认：北京时间今天）。")
@click.option("--petitioner", "petitioners", multiple=True, help="信访人姓名，可重复。")
@click.option(
    "--headcount", type=click.IntRange(1, 100_000), default=1, show_default=True, help="人数。"
)
@click.option("--first/--not-first", default=True, show_default=True, help="是否初信初访。")
@click.option("--visited-level", type=_choice(Level), default=None, help="来访层级（仅来访）。")
@as_of_option
@click.pass_context
def new(ctx: click.Context, as_of: dt.date | None, **opts) -> None:  # noqa: ANN003
    """登记一件新案件：按年份取下一个空闲编号，写入 cases/<年>/<编号>.yaml。

    不会覆盖已有文件；写入前先按校验规则检查（单位、分类、领导须在登记库中，可写中文名称；
    登记日期不能晚于 --as-of）。与其他 new、event 同时运行时依次写入，不会互相覆盖。

    示例：xinfang new --title "反映工资拖欠" --channel visit --kind request
    --category wage-arrears --unit hrss-bureau --petitioner 张某某
    """
    received = opts["received"] or today_in_shanghai()
    fields = {
        "title": opts["title"],
        "received": received,
        "channel": opts["channel"],
        "kind": opts["kind"],
        "category": opts["category"],
        "unit": opts["unit"],
        "petitioners": [{"name": n} for n in opts["petitioners"]],
        "headcount": opts["headcount"],
        "first": opts["first"],
    }
    if opts["visited_level"]:
        fields["visited_level"] = opts["visited_level"]
    if opts["leader"]:
        fields["leader"] = opts["leader"]
    try:
        path = create_case(root_of(ctx), fields, as_of=as_of or today_in_shanghai())
    except EditError as exc:
        _fail(exc)
    click.echo(f"已创建 {path.relative_to(root_of(ctx)).as_posix()}")


@cli.command()
@click.argument("case_id", metavar="CASE")
@click.argument("event_type", metavar="TYPE")
@click.option(
    "--date", "date", type=ISO_DATE, default=None, help="事件日期（默认：北京时间今天）。"
)
@click.option("--to", default=None, help=f"transferred：接收单位，{UNIT_NAMES}。")
@click.option("--reason", default=None, help="rejected / objected：理由。")
@click.option("--days", type=click.IntRange(1, 30), default=None, help="extended：延长天数。")
@click.option("--approval", default=None, help="extended：批准情况。")
@click.option(
    "--rating", default=None, help="rated：satisfied / basically_satisfied / unsatisfied 或中文。"
)
@click.option("--how", default=None, help="closed：resolved / withdrawn / terminated 或中文。")
@click.option("--note", default=None, help="说明（progress 必填）。")
@as_of_option
@click.pass_context
def event(
    ctx: click.Context,
    case_id: str,
    event_type: str,
    as_of: dt.date | None,
    **fields,  # noqa: ANN003
) -> None:
    """给案件追加一个事件：只插入一行，文件其余每个字节保持不变。

    TYPE 是事件类型的键或中文（如 answered 或 出具处理意见）。写入前检查新事件是否合规：
    日期顺序、前置事件、必填字段、单位是否存在、日期不晚于 --as-of、延期须在期限届满前。
    与其他 new、event 同时运行时依次写入，不会丢失事件。

    示例：xinfang event XF-2026-0137 answered --date 2026-08-20
    """
    today = today_in_shanghai()
    fields["date"] = fields["date"] or as_of or today
    fields["type"] = event_type
    try:
        path, written = append_event(root_of(ctx), case_id, fields, as_of=as_of or today)
    except EditError as exc:
        _fail(exc)
    click.echo(f"已在 {path.relative_to(root_of(ctx)).as_posix()} 追加事件：{written}")


def _fail(exc: EditError) -> None:
    """A key the registry does not know is a usage error (2); a refused edit is 1."""
    if isinstance(exc, BadKey):
        click.echo(f"错误：{exc}", err=True)
        raise click.exceptions.Exit(EXIT_USAGE)
    raise click.ClickException(str(exc))
