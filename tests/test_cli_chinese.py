"""Every kind of usage error and every --help in Chinese, through the real command."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from registry_factory import REPO
from xinfang.cli import cli
from xinfang.report import display_width

ENGLISH = (
    "Error",
    "Usage",
    "Try ",
    "is not one of",
    "is not a valid",
    "No such",
    "Missing",
    "Invalid value",
    "Got unexpected",
    "requires an argument",
    "does not exist",
    "not in the range",
    "Options",
    "Commands",
    "Show this",
    "Show the version",
    "default:",
    "required]",
    "OPTIONS",
    "COMMAND",
    "TEXT",
    "INTEGER",
    "Did you mean",
)

USAGE_ERRORS = [
    # (arguments, what the message must say)
    (["new"], "缺少选项 '--title'。"),
    (["explain"], "缺少参数 '案件编号'。"),
    (["diff"], "缺少参数 '基准版本'。"),
    (["overdue", "--bogus"], "没有选项 '--bogus'"),
    (["overdue", "--as-off", "2026-11-22"], "是不是要输入 '--as-of'？"),
    (["overdew"], "没有命令 'overdew'"),
    (["site", "publish"], "没有命令 'publish'"),
    (["deadlines", "--format", "xlsx"], "'xlsx' 不是可选的值，应为以下之一"),
    (["stats", "--year", "abc"], "'abc' 不是有效的整数"),
    (["stats", "--year", "1900"], "1900 超出允许的范围"),
    (["overdue", "--as-of", "2026-13-01"], "'2026-13-01' 不是有效日期"),
    (["overdue", "--as-of"], "选项 '--as-of' 后面需要写一个值"),
    (["explain", "XF-2026-0001", "XF-2026-0002"], "多出了参数（XF-2026-0002）"),
    (["validate", "cases/2099"], "路径 'cases/2099' 不存在"),
    (["overdue", "--unit", "县住建"], "--unit：单位“县住建”不在 org/units.yaml 中"),
    (["overdue", "--unit", "housing-bureu"], "您是不是要写 housing-bureau（县住建局）？"),
]


@pytest.fixture(scope="module")
def demo_like(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo county: real unit names, overdue cases at the housing bureau."""
    root = tmp_path_factory.mktemp("demo")
    for part in ("cases", "org", "policy"):
        shutil.copytree(REPO / part, root / part)
    return root


def invoke(root: Path, args: list[str]):
    return CliRunner().invoke(
        cli, ["--root", str(root), *args], prog_name="xinfang", catch_exceptions=False
    )


def assert_chinese(text: str) -> None:
    leaked = [word for word in ENGLISH if word in text]
    assert not leaked, f"英文混入：{leaked}\n{text}"
    assert re.search(r"[\u4e00-\u9fff]", text), text


@pytest.mark.parametrize(("args", "says"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese_with_exit_2(demo_like: Path, args: list[str], says: str) -> None:
    result = invoke(demo_like, args)
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "错误：" in result.output
    assert_chinese(result.output)


def all_commands() -> list[list[str]]:
    found = [[]]
    ctx = click.Context(cli)  # the group loads each command's module on demand
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        found.append([name])
        found += [[name, sub] for sub in getattr(command, "commands", {})]
    return found


@pytest.mark.parametrize("path", all_commands(), ids=lambda p: " ".join(p) or "xinfang")
def test_every_help_is_chinese(path: list[str]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="xinfang")
    assert result.exit_code == 0
    assert result.output.startswith("用法： xinfang")
    assert "选项：" in result.output
    assert_chinese(result.output)


def test_help_columns_line_up_with_chinese_placeholders() -> None:
    text = CliRunner().invoke(cli, ["deadlines", "--help"]).output
    lines = [line for line in text.splitlines() if line.startswith(("  --as-of", "  --case"))]
    starts = {
        display_width(line[: line.index("计算" if "as-of" in line else "只列")]) for line in lines
    }
    assert len(lines) == 2 and len(starts) == 1  # both descriptions begin in the same column


def test_unit_by_full_or_short_name_or_key(demo_like: Path) -> None:
    outputs = {
        unit: invoke(demo_like, ["overdue", "--as-of", "2026-11-22", "--unit", unit])
        for unit in ("housing-bureau", "县住建局", "县住房和城乡建设局")
    }
    assert all(r.exit_code == 0 for r in outputs.values())
    assert len({r.output for r in outputs.values()}) == 1
    lines = outputs["县住建局"].output.splitlines()[2:-1]
    assert lines and all("县住建局" in line for line in lines)


def test_csv_has_chinese_headers_and_a_bom_on_request(demo_like: Path) -> None:
    args = ["overdue", "--as-of", "2026-11-22", "--format", "csv"]
    plain = invoke(demo_like, args).stdout
    assert plain.startswith("案件,责任单位,期限,到期日,状态,剩余天数,暂定\n")
    excel = invoke(demo_like, [*args, "--bom"]).stdout
    assert excel == "\ufeff" + plain


def test_installed_command_reports_usage_errors_in_chinese(demo_like: Path) -> None:
    exe = Path(sys.executable).with_name("xinfang")
    done = subprocess.run(
        [str(exe), "--root", str(demo_like), "rank", "--period"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "错误：选项 '--period' 后面需要写一个值。"
