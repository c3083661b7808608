"""`rank` and `notice` through the real commands (`stats`: test_stats.py)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ranking_factory import OCTOBER, SEPTEMBER, town_registry
from registry_factory import case_yaml, cases_of, make_registry
from xinfang.cli import cli

ACTIONS = """\
actions:
  - {date: 2026-10-09, kind: reminder, form: sms, unit: c-town, reason: 九月通报排名后三位}
"""


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    town_registry(tmp_path / "r", {9: SEPTEMBER, 10: OCTOBER}, actions=ACTIONS)
    return tmp_path / "r"


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def test_rank_json_contract(towns: Path) -> None:
    result = run(towns, "rank", "--period", "2026-10", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["left_out"] == []
    rows = report["rows"]
    assert [(r["unit"], r["rank"], r["score"]) for r in rows] == [
        ("a-town", 1, 100.0),
        ("b-town", 1, 100.0),
        ("c-town", 3, 66.67),
        ("d-town", 4, 33.33),
        ("e-town", 4, 33.33),
        ("f-town", None, 100.0),
        ("qingshi-town", None, None),
    ]
    c = rows[2]
    assert c["metrics"]["handling"] == {
        "name": "按期办结率",
        "value": 0.6667,
        "numerator": 2,
        "denominator": 3,
        "low": 0.2077,
        "high": 0.9385,
    }
    assert c["metrics"]["acceptance"]["denominator"] == 0
    assert c["metrics"]["acceptance"]["value"] is None
    assert set(c["counts"]) >= {"matters", "people", "collective", "city", "province", "national"}
    assert (c["period"], c["as_of"], c["complete"]) == ("2026-10", "2026-10-31", True)
    kinds = [m["kind"] for m in c["mechanisms"]]
    assert kinds == ["criticism", "bottom"]
    assert "此前已于 2026-10-09 短信提醒" in c["mechanisms"][1]["detail"]


def test_rank_csv_has_every_figure(towns: Path) -> None:
    result = run(towns, "rank", "--period", "2026-10", "--format", "csv")
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert table[2]["单位"] == "c-town"
    assert table[2]["按期办结率（分子）"] == "2" and table[2]["按期办结率（分母）"] == "3"
    assert table[2]["按期办结率（95%区间下限）"] == "0.2077"
    assert table[6]["名次"] == ""  # not ranked
    assert "通报批评" in table[2]["触发机制"]


def test_rank_table_is_readable_and_prints_definitions(towns: Path) -> None:
    result = run(towns, "rank", "--period", "2026-10")
    text = result.stdout
    assert result.exit_code == 0
    assert text.startswith("2026年10月信访工作排名（月度）\n统计期 2026-10-01 至 2026-10-31")
    assert "丙镇" in text and "66.7% 2/3" in text and "[20.8, 93.9]" in text
    assert "按期办结率：按期办结的件数" in text  # the definition beside the figures
    assert "“基本满意”计为满意" in text
    assert "己镇：考核事项 2 件，不足 3 件，不排名" in text
    assert "丙镇 · 建议提醒或约谈：连续 2 次定期通报排名后 3 位" in text


def test_rank_is_deterministic(towns: Path) -> None:
    outputs = {run(towns, "rank", "--period", "2026-10", "--format", "json").stdout for _ in "ab"}
    assert len(outputs) == 1


def test_unfinished_period_defaults_to_today_and_is_marked(towns: Path) -> None:
    result = run(towns, "rank", "--period", "2026-10", "--as-of", "2026-10-15")
    assert "（统计期未结束）" in result.stdout and "数据截至 2026-10-15" in result.stdout
    rows = json.loads(
        run(
            towns, "rank", "--period", "2026-Q4", "--as-of", "2026-10-15", "--format", "json"
        ).stdout
    )["rows"]
    assert rows[0]["complete"] is False and rows[0]["as_of"] == "2026-10-15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-13"], "用法错误：统计期间 '2026-13' 的月份应为 01 至 12"),
        (["--period", "2026年10月"], "用法错误：统计期间 '2026年10月' 无法识别"),
        (["--period", "2026-11", "--as-of", "2026-10-15"], "早于统计期间 2026年11月 的开始日期"),
    ],
)
def test_bad_period_exits_2_in_chinese(towns: Path, args: list[str], message: str) -> None:
    for command in ("rank", "notice"):
        result = run(towns, command, *args)
        assert result.exit_code == 2
        assert message in result.stderr
        assert "Error" not in result.stderr and "Traceback" not in result.output


def test_notice_draft(towns: Path) -> None:
    result = run(towns, "notice", "--period", "2026-10")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert md.startswith("# 关于2026年10月全县信访工作情况的通报（草稿）")
    assert "| 3 | 丙镇 | 66.67 | 3 |" in md
    assert "本期排名后3位：丙镇（第 3 名，得分 66.67）、丁镇（第 4 名，得分 33.33）、" in md
    assert "### 通报批评" in md and "### 建议提醒或约谈" in md
    # The case behind 丙镇's late figure, by id and title.
    assert "- 按期办结率（逾期完成）：XF-2026-" in md


def test_notice_lists_confidential_cases_by_id_only(tmp_path: Path) -> None:
    late = ["2026-08-01 received", "2026-08-03 accepted", "2026-10-20 answered"]
    root = make_registry(
        tmp_path / "r",
        cases_of(
            case_yaml("XF-2026-0001", "hrss-bureau", late),
            case_yaml("XF-2026-0002", "hrss-bureau", late, confidential=True),
        ),
    )
    md = run(root, "notice", "--period", "2026-10").stdout
    assert "XF-2026-0001 测试案件 XF-2026-0001；XF-2026-0002\n" in md
    assert "测试案件 XF-2026-0002" not in md


def test_rank_runs_as_an_installed_command(towns: Path) -> None:
    exe = Path(sys.executable).with_name("xinfang")
    done = subprocess.run(
        [str(exe), "--root", str(towns), "rank", "--period", "2026-10", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"][0]["unit"] == "a-town"


@pytest.mark.parametrize("name", ["rank", "notice", "stats"])
def test_help_is_the_docstring_and_ends_in_an_example(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)  # loads the command's module
    assert command is not None
    assert command.help.strip().splitlines()[-1].strip().startswith("示例：xinfang " + name)
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "示例：" in result.stdout


def test_rank_and_notice_honour_xinfang_as_of(towns: Path) -> None:
    env = {"XINFANG_AS_OF": "2026-10-15"}
    args = ["--root", str(towns), "rank", "--period", "2026-10", "--format", "json"]
    rows = json.loads(CliRunner().invoke(cli, args, env=env).stdout)["rows"]
    assert rows[0]["as_of"] == "2026-10-15" and rows[0]["complete"] is False
    md = CliRunner().invoke(cli, ["--root", str(towns), "notice", "--period", "2026-10"], env=env)
    assert "数据截至 2026-10-15（统计期尚未结束" in md.stdout
    # --as-of still wins over the environment
    args += ["--as-of", "2026-10-20"]
    rows = json.loads(CliRunner().invoke(cli, args, env=env).stdout)["rows"]
    assert rows[0]["as_of"] == "2026-10-20"
