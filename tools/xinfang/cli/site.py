"""`xinfang site build` and `xinfang site serve`: the internal site."""

from __future__ import annotations

import functools
import http.server

import click

from xinfang.cli.app import (
    EXIT_PROBLEMS,
    as_of_option,
    cli,
    open_registry,
    root_of,
    today_in_shanghai,
)
from xinfang.site.build import SiteError, build_site


@cli.group()
def site() -> None:
    """生成内部网站（MkDocs + Material），页面为简体中文。"""


allow_errors_option = click.option(
    "--allow-errors",
    is_flag=True,
    help="登记库有错误时仍然生成网站，每个页面标明未计入的文件（默认：拒绝生成，退出码 1）。",
)


def _build(ctx: click.Context, as_of, allow_errors: bool) -> object:  # noqa: ANN001
    registry = open_registry(ctx)
    as_of = as_of or today_in_shanghai()
    try:
        result = build_site(root_of(ctx), registry, as_of=as_of, allow_errors=allow_errors)
    except SiteError as exc:
        click.echo(f"错误：{exc}", err=True)
        ctx.exit(EXIT_PROBLEMS)
    click.echo(
        f"已生成 {result.pages} 个页面（其中案件页面 {result.case_pages} 个；"
        f"写入 {result.written} 个文件，删除 {result.deleted} 个过期文件），"
        f"用时 {result.generate_seconds:.1f} 秒。"
    )
    click.echo(
        f"MkDocs 严格模式构建完成，用时 {result.mkdocs_seconds:.1f} 秒：{result.html_files} 个 HTML 文件，"
        f"搜索索引 {result.search_index_bytes / 1024:.0f} KiB；隐私检查通过。"
    )
    click.echo(
        f"数据截至 {as_of.isoformat()}，登记库版本 {result.commit}。站点位于 {result.site_dir}"
    )
    if registry.omitted:
        click.echo(
            f"已按 --allow-errors 生成，每个页面都标明了未计入的文件：{registry.omitted.line()}"
        )
    return result


@site.command("build")
@as_of_option
@allow_errors_option
@click.pass_context
def build_command(ctx: click.Context, as_of, allow_errors: bool) -> None:  # noqa: ANN001
    """生成页面到 site_src/generated/，再以严格模式运行 MkDocs 构建到 site/。

    登记库有错误（有文件或条目未计入）时拒绝生成并列出这些文件（退出码 1）；
    加 --allow-errors 时照常生成，每个页面都标明未计入的文件。
    构建前检查生成的页面、构建后检查 site/ 下的每个文件，发现电话、身份证号、电子邮箱或
    银行卡号即失败（退出码 1），并删除 site_src/generated/ 和 site/。
    同一登记库和同一截止日期的生成结果完全相同。

    示例：xinfang site build --as-of 2026-11-22
    """
    _build(ctx, as_of, allow_errors)


@site.command("serve")
@as_of_option
@allow_errors_option
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口。"
)
@click.pass_context
def serve_command(ctx: click.Context, as_of, allow_errors: bool, host: str, port: int) -> None:  # noqa: ANN001
    """先构建网站，再在本机提供浏览（按 Ctrl+C 停止）。

    示例：xinfang site serve --as-of 2026-11-22 --port 8000
    """
    result = _build(ctx, as_of, allow_errors)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(result.site_dir)
    )
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        click.echo(f"请在浏览器中打开 http://{host}:{server.server_address[1]}/ （Ctrl+C 停止）")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("已停止。")
