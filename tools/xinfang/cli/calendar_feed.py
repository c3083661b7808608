"""`xinfang calendar`: deadlines, reception days and interview reports as an .ics feed."""

from __future__ import annotations

from pathlib import Path

import click

from xinfang.cli.app import (
    UNIT_NAMES,
    as_of_option,
    cli,
    open_registry,
    root_of,
    today_in_shanghai,
    unit_key,
)
from xinfang.cli.documents import output_path, write_or_fail
from xinfang.history.gitrev import registry_commit
from xinfang.site.data import collect
from xinfang.site.ics import calendar_feed, feed_title


@cli.command(name="calendar")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="写入的 .ics 文件。",
)  # fmt: skip
@click.option("--unit", default=None, help=f"只含该单位的期限和约谈整改报告：{UNIT_NAMES}。")
@click.option(
    "--leader", default=None, help="只含该领导（org/leaders.yaml 中的键）的包案期限和接访日。"
)
@as_of_option
@click.pass_context
def calendar(ctx: click.Context, output: Path, unit, leader, as_of) -> None:  # noqa: ANN001
    """导出日历（.ics）：每个未完成期限的到期日、领导接访日和约谈整改报告的截止日，均为全天事件。

    \b
    用手机、Outlook、WPS 日历等导入或订阅。每个期限的事件标识固定（案件编号加期限），
    期限因延期等原因变动后重新导入，日历软件会更新原来的事件而不会重复添加。
    不写 --unit 和 --leader 时为全县日历。检举控告类事项只写编号和期限。
    信访人的权利期间（请求复查、复核）不列入。网站“单位”和“领导接访”页可下载同样的日历。

    示例：xinfang calendar -o 住建局期限.ics --unit 县住建局
    """
    output_path(output, (".ics",))
    if unit is not None and leader is not None:
        raise click.UsageError("--unit 和 --leader 只能用一个")
    registry = open_registry(ctx)
    unit = unit_key(registry, unit)
    if leader is not None and leader not in registry.leaders:
        raise click.UsageError(f"--leader {leader}: org/leaders.yaml 中没有这位领导")
    as_of = as_of or today_in_shanghai()
    data = collect(registry, registry.calendar, as_of=as_of, commit=registry_commit(root_of(ctx)))
    feed = calendar_feed(data, unit=unit, leader=leader)
    write_or_fail(output, feed)
    events = feed.count(b"BEGIN:VEVENT")
    title = feed_title(data, unit, leader)
    click.echo(f"已写入 {output.as_posix()}：{title}，{events} 个事件（数据截至 {as_of}）")
