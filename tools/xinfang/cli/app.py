"""The click group, shared options, and the one place that maps failures to exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xinfang import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="xinfang")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    envvar="XINFANG_ROOT",
    help="登记库根目录（含 cases/、org/、policy/）。",
)
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """信访事项登记库工具：校验案件、计算期限、排名通报、生成网站。"""
    ctx.obj = root


def main() -> None:
    try:
        cli.main(prog_name="xinfang", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
