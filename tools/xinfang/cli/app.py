"""The click group, shared options, and the one place that maps failures to exit codes."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from xinfang import __version__
from xinfang.cli.chinese import ChineseGroup, install
from xinfang.history import gitrev
from xinfang.models import keys
from xinfang.models.common import DATE_MAX, DATE_MIN
from xinfang.registry.cache import CACHE_DIR
from xinfang.registry.loader import LoadResult, Registry, load_registry

# China has kept UTC+8 all year since 1991; a fixed offset needs no tz database.
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# Before any option is declared: click names some types when they are created.
install()


def today_in_shanghai() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


class IsoDate(click.ParamType):
    """A YYYY-MM-DD date option."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} 不是有效日期，应写成 YYYY-MM-DD", param, ctx)
        if not DATE_MIN <= day <= DATE_MAX:
            self.fail(f"日期 {day} 超出允许范围（{DATE_MIN} 至 {DATE_MAX}）", param, ctx)
        return day


ISO_DATE = IsoDate()

# XINFANG_AS_OF lets a scheduled job, an intranet mirror or a test pin the date for every
# command it runs; the commands print the date they used.
as_of_option = click.option(
    "--as-of",
    type=ISO_DATE,
    default=None,
    envvar="XINFANG_AS_OF",
    help="计算所依据的日期（默认：环境变量 XINFANG_AS_OF，否则北京时间今天）。",
)

bom_option = click.option(
    "--bom",
    is_flag=True,
    help="CSV 开头加 UTF-8 BOM，Excel 双击打开时中文不乱码（仅对 --format csv 有效）。",
)


# Each command's module, imported only when that command runs (or when the full help lists
# them all): a run of `validate` need not load openpyxl, python-docx or icalendar.
# tests/test_cli_lazy.py checks that this table and the modules' commands agree.
COMMAND_MODULES = {
    "assess": "assess",
    "calendar": "calendar_feed",
    "deadlines": "deadlines",
    "diff": "diff",
    "draft": "draft",
    "event": "edit",
    "explain": "deadlines",
    "export": "documents",
    "findings": "findings",
    "frontline": "frontline",
    "import": "documents",
    "new": "edit",
    "notice": "ranking",
    "overdue": "deadlines",
    "rank": "ranking",
    "receptions": "receptions",
    "schema": "validate",
    "screening": "screening",
    "site": "site",
    "spotcheck": "spotcheck",
    "stats": "stats",
    "validate": "validate",
}


class LazyGroup(ChineseGroup):
    """The top-level group: a command's module is imported when the command is looked up."""

    modules: dict[str, str] = {}  # command name → module in xinfang.cli

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.modules))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self.modules.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            importlib.import_module(f"xinfang.cli.{module}")  # registers its commands
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="xinfang")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    envvar="XINFANG_ROOT",
    help="登记库根目录（含 cases/、org/、policy/）。",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="XINFANG_NO_CACHE",
    help="不使用 .xinfang-cache/ 中的校验缓存（结果相同，只是更慢）。",
)
@click.option(
    "--cache",
    "want_cache",
    is_flag=True,
    envvar="XINFANG_CACHE",
    help="在 CI（CI=true）中也使用校验缓存；默认 CI 中不用。",
)
@click.pass_context
def cli(ctx: click.Context, root: Path, no_cache: bool, want_cache: bool) -> None:
    """信访事项登记库工具：校验案件、计算期限、排名通报、生成网站。"""
    # A CI job's cache may come from anywhere (a restored artifact, the checkout itself):
    # there it is used only when asked for.
    in_ci = os.environ.get("CI", "").lower() == "true"
    ctx.obj = Options(root=root, use_cache=not no_cache and (want_cache or not in_ci))


cli.modules = COMMAND_MODULES


@dataclass(frozen=True)
class Options:
    root: Path
    use_cache: bool = True


def cache_trusted(root: Path) -> bool:
    """False, with a warning, when git tracks the cache folder: a committed cache is data
    anyone could have written, so it is ignored."""
    if not gitrev.tracks(root, CACHE_DIR):
        return True
    click.echo(
        f"警告：{CACHE_DIR}/ 已被 git 跟踪，其中的缓存不可信，本次不使用；"
        f"请运行 git rm -r --cached {CACHE_DIR} 并提交。",
        err=True,
    )
    return False


def root_of(ctx: click.Context) -> Path:
    return ctx.find_root().obj.root


class TerminalProgress:
    """A progress bar on stderr for long runs, drawn only when a person is watching."""

    MIN_TOTAL = 2000

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI")
        self.total = self.done = 0
        self.shown = -1

    def start(self, total: int) -> None:
        self.total = total
        self.enabled = self.enabled and total >= self.MIN_TOTAL

    def advance(self, done: int) -> None:
        self.done += done
        if not self.enabled:
            return
        percent = self.done * 100 // max(self.total, 1)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4) + "." * (25 - percent // 4)
            end = "\n" if self.done >= self.total else ""
            click.echo(f"\r读取案件 [{bar}] {self.done}/{self.total}", err=True, nl=False)
            if end:
                click.echo("", err=True)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector off for a stretch that makes many objects and no cycles
    (an export's rows and clocks): its passes were a third of an export's time at 100,000
    cases. On again afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load(
    ctx: click.Context,
    paths: list[Path] | None = None,
    *,
    with_cases: bool = True,
    as_of: dt.date | None = None,
) -> LoadResult:
    options: Options = ctx.find_root().obj
    use_cache = options.use_cache and cache_trusted(options.root)
    result = load_registry(
        options.root,
        paths,
        with_cases=with_cases,
        use_cache=use_cache,
        progress=TerminalProgress(),
        as_of=as_of,
    )
    gc.freeze()  # the registry lives as long as the command: later collections skip it
    return result


def open_registry(ctx: click.Context) -> Registry:
    """The valid part of the registry. What it leaves out is named on stderr (and each
    report names it again in its output); a file every command needs (org/, policy/)
    missing or broken ends the command with its problems."""
    result: LoadResult = load(ctx)
    if result.registry is None:
        click.echo("登记库的 org/ 或 policy/ 文件有错误，无法计算：", err=True)
        for problem in result.errors[:20]:
            click.echo(str(problem), err=True)
        raise click.exceptions.Exit(EXIT_PROBLEMS)
    # Warnings (包案 rules) leave their files in the registry: validate reports them.
    if result.registry.omitted:
        click.echo(result.registry.omitted.line(), err=True)
    return result.registry


UNIT_NAMES = "写全称、简称、别名或 org/units.yaml 中的键均可，例如 县住建局"


def unit_key(registry: Registry, text: str | None, option: str = "--unit") -> str | None:
    """The key of the unit an option names (key, full name, short name or alias); a name
    that fits no unit is a usage error with the resolver's did-you-mean."""
    if text is None:
        return None
    try:
        return keys.resolve_unit(text, registry.units)
    except keys.UnknownKey as exc:
        raise click.UsageError(f"{option}：{exc}") from None


def main() -> None:
    try:
        cli.main(prog_name="xinfang", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001  (no traceback reaches a user)
        if os.environ.get("XINFANG_DEBUG"):
            raise
        click.echo(
            f"xinfang 内部错误：{type(exc).__name__}: {exc}\n"
            "这不是数据的问题，请把这条信息报告给维护人员（设置 XINFANG_DEBUG=1 可看到详细信息）。",
            err=True,
        )
        sys.exit(3)
