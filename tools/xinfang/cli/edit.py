"""`xinfang new` and `xinfang event`: edit case files without losing anything."""

from __future__ import annotations

import click

from xinfang.cli.app import ISO_DATE, cli, root_of, today_in_shanghai
from xinfang.models import EVENT_TYPES, Channel, ClosedHow, Kind, Level, Rating
from xinfang.registry.editing import EditError, append_event, create_case


def _choice(enum) -> click.Choice:  # noqa: ANN001
    return click.Choice([m.value for m in enum])


@cli.command()
@click.option("--title", required=True, help="标题：一句话概括诉求。")
@click.option("--channel", type=_choice(Channel), required=True, help="信访形式。")
@click.option("--kind", type=_choice(Kind), required=True, help="事项类别。")
@click.option("--category", required=True, help="问题分类（policy/categories.yaml 中的键）。")
@click.option("--unit", required=True, help="责任单位（org/units.yaml 中的键）。")
@click.option("--received", type=ISO_DATE, default=None, help="登记日期（默认：北京时间今天）。")
@click.option("--petitioner", "petitioners", multiple=True, help="信访人姓名，可重复。")
@click.option(
    "--headcount", type=click.IntRange(min=1), default=1, show_default=True, help="人数。"
)
@click.option("--first/--not-first", default=True, show_default=True, help="是否初信初访。")
@click.option("--visited-level", type=_choice(Level), default=None, help="来访层级（仅来访）。")
@click.pass_context
def new(ctx: click.Context, **opts) -> None:  # noqa: ANN003
    """登记一件新案件：按年份取下一个空闲编号，写入 cases/<年>/<编号>.yaml。

    不会覆盖已有文件；写入前先按校验规则检查。

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
    try:
        path = create_case(root_of(ctx), fields)
    except EditError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"已创建 {path.relative_to(root_of(ctx)).as_posix()}")


@cli.command()
@click.argument("case_id", metavar="CASE")
@click.argument("event_type", metavar="TYPE", type=click.Choice(list(EVENT_TYPES)))
@click.option(
    "--date", "date", type=ISO_DATE, default=None, help="事件日期（默认：北京时间今天）。"
)
@click.option("--to", default=None, help="transferred：接收单位的键。")
@click.option("--reason", default=None, help="rejected / objected：理由。")
@click.option("--days", type=click.IntRange(1, 30), default=None, help="extended：延长天数。")
@click.option("--approval", default=None, help="extended：批准情况。")
@click.option("--rating", type=_choice(Rating), default=None, help="rated：评价。")
@click.option("--how", type=_choice(ClosedHow), default=None, help="closed：结案方式。")
@click.option("--note", default=None, help="说明（progress 必填）。")
@click.pass_context
def event(ctx: click.Context, case_id: str, event_type: str, **fields) -> None:  # noqa: ANN003
    """给案件追加一个事件，保留文件原有的注释和顺序。

    写入前检查新事件是否合规（日期顺序、前置事件、必填字段）。

    示例：xinfang event XF-2026-0137 answered --date 2026-08-20
    """
    fields["date"] = fields["date"] or today_in_shanghai()
    fields["type"] = event_type
    try:
        path = append_event(root_of(ctx), case_id, fields)
    except EditError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"已在 {path.relative_to(root_of(ctx)).as_posix()} 追加事件：{EVENT_TYPES[event_type]}"
    )
