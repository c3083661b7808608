"""`xinfang frontline` and `xinfang receptions` through CliRunner, and --help of every
command ending with an example."""

from __future__ import annotations

import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from registry_factory import DATA
from xinfang.cli import cli


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def leadership(early_registry: Path) -> Path:
    registry = early_registry
    """The tiny registry with a reception schedule and the ledger of May 2026: zhao-gang and
    wang-fang meet their quotas, li-wei has one day in his linked town instead of two."""
    (registry / "org" / "receptions").mkdir()
    (registry / "org" / "frontline").mkdir()
    shutil.copy(DATA / "valid" / "receptions-2026.yaml", registry / "org/receptions/2026.yaml")
    shutil.copy(DATA / "valid" / "frontline-2026-05.yaml", registry / "org/frontline/2026-05.yaml")
    return registry


def test_frontline_table_flags_the_leader_short_of_quota(leadership: Path) -> None:
    result = run(leadership, "frontline", "--month", "2026-05")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "姓名", "职务", "定额", "联系乡镇", "分管战线", "合计", "固定日", "情况", "差额"
    ]  # fmt: skip
    assert lines[2].split() == ["赵刚", "县委书记", "联系乡镇≥2天，分管战线≥1天", "2", "1", "3", "—", "达标", "—"]  # fmt: skip
    assert lines[3].split() == ["李伟", "副县长", "联系乡镇≥2天，分管战线≥1天", "1", "1", "2", "—", "未达标", "联系乡镇少", "1", "天"]  # fmt: skip
    assert lines[4].split() == ["王芳", "青石镇党委书记", "合计≥4天，每周二（节假日除外）", "—", "—", "4", "周二", "3/3", "达标", "—"]  # fmt: skip
    assert lines[-1] == "2026 年 5 月：3 名领导中 1 名未达定额。"


@pytest.mark.parametrize(
    ("second_town_day", "exit_code"),
    [(False, 1), (True, 0)],  # li-wei is one town day short until a second one is recorded
)
def test_frontline_check_exit_code(leadership: Path, second_town_day: bool, exit_code: int) -> None:
    if second_town_day:
        path = leadership / "org/frontline/2026-05.yaml"
        text = path.read_text(encoding="utf-8")
        text += "  - {leader: li-wei, date: 2026-05-21, where: qingshi-town, work: 回访信访户}\n"
        path.write_text(text, encoding="utf-8")
    assert run(leadership, "frontline", "--month", "2026-05").exit_code == 0
    assert run(leadership, "frontline", "--month", "2026-05", "--check").exit_code == exit_code


def test_frontline_json_and_csv(leadership: Path) -> None:
    rows = json.loads(run(leadership, "frontline", "--month", "2026-05", "--format", "json").stdout)
    assert [(r["leader"], r["status"]) for r in rows] == [
        ("zhao-gang", "met"),
        ("li-wei", "short"),
        ("wang-fang", "met"),
    ]
    assert rows[1] == {
        "leader": "li-wei",
        "name": "李伟",
        "post": "副县长",
        "rank": "deputy_county_head",
        "quota": "联系乡镇≥2天，分管战线≥1天",
        "town_days": 1,
        "line_days": 1,
        "days": 2,
        "weekday": None,
        "status": "short",
        "shortfall": "联系乡镇少 1 天",
    }
    assert rows[2]["weekday"] == {
        "weekday": "tuesday",
        "owed": ["2026-05-12", "2026-05-19", "2026-05-26"],
        "missed": [],
    }
    csv = run(leadership, "frontline", "--month", "2026-05", "--format", "csv").stdout
    assert csv.splitlines()[0] == "姓名,职务,定额,联系乡镇,分管战线,合计,固定日,情况,差额"


def test_frontline_month_without_a_ledger_counts_zero_and_says_so(leadership: Path) -> None:
    result = run(leadership, "frontline", "--month", "2026-10", "--check")
    assert result.exit_code == 1
    assert "2026 年 10 月的一线工作台账（org/frontline/2026-10.yaml）没有记录" in result.stderr
    assert result.stdout.splitlines()[-1] == "2026 年 10 月：3 名领导中 3 名未达定额。"


def test_frontline_bad_month_is_a_usage_error(leadership: Path) -> None:
    result = run(leadership, "frontline", "--month", "2026-13")
    assert result.exit_code == 2
    assert "不是有效月份" in result.output


def test_receptions_lists_the_window_and_flags_late_publication(leadership: Path) -> None:
    result = run(leadership, "receptions", "--from", "2026-06-10", "--days", "14")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "日期", "星期", "姓名", "职务", "地点", "乡镇或部门", "公示日期", "提前天数", "公示"
    ]  # fmt: skip
    assert [line.split()[0] for line in lines[2:-1]] == ["2026-06-16", "2026-06-18"]
    assert lines[2].split()[-2:] == ["7", "按时"]
    assert lines[3].split()[-4:] == ["6", "不足", "7", "天"]
    assert lines[-1] == "2026-06-10 至 2026-06-23：接访日 2 个，公示不足 7 天的 1 个。"


@pytest.mark.parametrize(
    ("start", "days", "listed", "exit_code"),
    [
        ("2026-06-01", 30, ["2026-06-03", "2026-06-16", "2026-06-18"], 1),
        ("2026-06-01", 16, ["2026-06-03", "2026-06-16"], 0),  # 06-16 is the 16th day
        ("2026-06-03", 1, ["2026-06-03"], 0),
        ("2026-06-19", 14, [], 0),
    ],
)
def test_receptions_window_and_check(
    leadership: Path, start: str, days: int, listed: list[str], exit_code: int
) -> None:
    args = ("receptions", "--from", start, "--days", str(days), "--format", "json")
    rows = json.loads(run(leadership, *args).stdout)
    assert [r["date"] for r in rows] == listed
    assert run(leadership, *args, "--check").exit_code == exit_code


def test_receptions_json_row(leadership: Path) -> None:
    args = ("receptions", "--from", "2026-06-18", "--days", "1", "--format", "json")
    assert json.loads(run(leadership, *args).stdout) == [
        {
            "date": "2026-06-18",
            "weekday": "thursday",
            "leader": "li-wei",
            "name": "李伟",
            "post": "副县长",
            "place": "青石镇便民服务中心",
            "unit": "青石镇",
            "published": "2026-06-12",
            "notice_days": 6,
            "status": "late",
        }
    ]


def test_receptions_without_any_schedule(registry: Path) -> None:
    result = run(registry, "receptions", "--from", "2026-06-01")
    assert result.exit_code == 0
    assert result.stdout == "2026-06-01 至 2026-06-14：接访日 0 个，公示不足 7 天的 0 个。\n"
    assert run(registry, "receptions", "--days", "0").exit_code == 2


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command that does something (a group's help lists its commands instead)."""
    out = []
    ctx = click.Context(group)  # the top-level group loads each command's module on demand
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            out += _commands(command, prefix + name + " ")
        else:
            out.append((prefix + name, command))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda x: getattr(x, "name", x))
def test_every_command_is_documented_with_an_example(name: str, command: click.Command) -> None:
    doc = inspect.cleandoc(command.help or "")
    assert doc, f"xinfang {name} has no help"
    last = doc.split("\n\n")[-1]
    assert last.startswith(f"示例：xinfang {name}"), (
        f"xinfang {name} --help should end in an example"
    )


def test_installed_frontline_command_runs(leadership: Path) -> None:
    exe = Path(sys.executable).parent / "xinfang"
    done = subprocess.run(
        [str(exe), "--root", str(leadership), "frontline", "--month", "2026-05", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "李伟" in done.stdout


def test_a_month_not_yet_over_is_said_to_be_so(leadership: Path) -> None:
    result = run(leadership, "frontline", "--month", "2099-01")
    assert "注意：2099 年 1 月尚未结束" in result.stderr


def test_ownership_problems_do_not_count_as_files_left_out(leadership: Path) -> None:
    # the example case's weekly report is late, but frontline does not look at dates of cases,
    # and a wrong-rank owner leaves the case file in the registry
    path = leadership / "cases/2026/XF-2026-0137.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("leader: li-wei", "leader: wang-fang"),
        encoding="utf-8",
    )
    result = run(leadership, "receptions", "--from", "2026-06-01")
    assert result.exit_code == 0
    assert "有问题的文件未计入" not in result.stderr
    validate = run(leadership, "validate", "--as-of", "2026-06-10")
    assert validate.exit_code == 0
    assert validate.stdout.splitlines() == [
        "cases/2026/XF-2026-0137.yaml:13:9: leader: 提醒：市级督办的案件应由县委书记、县长、"
        "副县长、其他县级领导包案，王芳是乡镇党政主要负责人"
    ]
