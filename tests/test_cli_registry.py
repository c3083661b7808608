"""The registry commands through CliRunner, and once through the installed `xinfang`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from registry_factory import DATA, REPO
from xinfang.cli import cli

EXAMPLE = DATA / "valid" / "XF-2026-0137.yaml"
# The example case is owned by li-wei and was accepted on 2026-06-05 with no progress report
# since: from 2026-06-13 its weekly report is late (tests/test_ownership.py). Tests about
# something else validate as of a day before that.
AS_OF = ("--as-of", "2026-06-10")


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["--root", str(root), *args], env=env, catch_exceptions=False)


def test_example_case_validates_as_written(early_registry: Path) -> None:
    result = run(early_registry, "validate", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.stdout


def test_validate_json_and_github_formats(early_registry: Path) -> None:
    shutil.copy(DATA / "invalid" / "bad-enum.yaml", early_registry / "cases/2026/XF-2026-0099.yaml")
    as_json = json.loads(run(early_registry, "validate", "--format", "json", *AS_OF).stdout)
    assert as_json == [
        {
            "path": "cases/2026/XF-2026-0099.yaml",
            "line": 4,
            "column": 10,
            "field": "channel",
            "message": "取值 'wechat' 无效，应为 'letter', 'visit', 'online' 或 'phone' 之一",
            "level": "error",
        }
    ]
    github = run(early_registry, "validate", *AS_OF, env={"GITHUB_ACTIONS": "true"})
    assert github.exit_code == 1
    assert github.stdout.startswith(
        "::error file=cases/2026/XF-2026-0099.yaml,line=4,col=10,title=channel::取值"
    )


def test_missing_org_file_is_a_problem_not_a_crash(registry: Path) -> None:
    (registry / "org" / "leaders.yaml").unlink()
    result = run(registry, "validate")
    assert result.exit_code == 1
    # The case that names a leader cannot be checked: said once, at the missing file.
    assert result.stdout == (
        "org/leaders.yaml:0:0: 1 件案件因 org/leaders.yaml 出错而无法检查领导"
        "（cases/2026/XF-2026-0137.yaml）\n"
        "org/leaders.yaml:0:0: 缺少文件\n"
    )


def test_bad_leader_town_in_org_file_is_located(early_registry: Path) -> None:
    path = early_registry / "org" / "leaders.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "towns: [qingshi-town]}", "towns: [housing-bureau]}", 1
        ),
        encoding="utf-8",
    )
    result = run(early_registry, "validate", *AS_OF)
    assert result.stdout.splitlines() == [
        "org/leaders.yaml:2:75: leaders.zhao-gang.towns[0]: housing-bureau 不是乡镇"
    ]


def test_usage_error_exits_2(registry: Path) -> None:
    assert run(registry, "validate", "--format", "xml").exit_code == 2
    assert run(registry, "validate", "no/such/file.yaml").exit_code == 2


def test_schema_is_committed_and_current() -> None:
    # Regenerate with: xinfang schema
    result = run(REPO, "schema", "--check")
    assert result.exit_code == 0, result.output


def test_schema_check_fails_on_drift_and_schema_repairs_it(tmp_path: Path) -> None:
    assert run(tmp_path, "schema", "--check").exit_code == 1
    assert run(tmp_path, "schema").exit_code == 0
    assert run(tmp_path, "schema", "--check").exit_code == 0
    case_schema = json.loads((tmp_path / "schema" / "case.schema.json").read_text(encoding="utf-8"))
    assert case_schema["properties"]["unit"]["title"] == "责任单位"


def test_new_case_takes_next_free_id_and_never_overwrites(registry: Path) -> None:
    args = ["new", "--title", "反映拖欠工资", "--channel", "visit", "--kind", "request",
            "--category", "wage-arrears", "--unit", "hrss-bureau", "--received", "2026-11-20",
            "--petitioner", "张某某", "--visited-level", "county"]  # fmt: skip
    first = run(registry, *args)
    assert first.exit_code == 0, first.output
    created = registry / "cases/2026/XF-2026-0138.yaml"
    assert created.is_file()
    assert run(registry, "validate").exit_code == 0
    second = run(registry, *args)
    assert "XF-2026-0139" in second.stdout
    assert created.read_text(encoding="utf-8").count("XF-2026-0138") == 1


def test_new_case_refuses_unknown_values(registry: Path) -> None:
    result = run(registry, "new", "--title", "x", "--channel", "visit", "--kind", "request",
                 "--category", "wage-arrears", "--unit", "hrss-bureau", "--received", "2026-11-20",
                 "--headcount", "0")  # fmt: skip
    assert result.exit_code == 2


def test_event_appends_and_keeps_comments_and_order(registry: Path) -> None:
    path = registry / "cases/2026/XF-2026-0137.yaml"
    before = path.read_text(encoding="utf-8")
    result = run(
        registry, "event", "XF-2026-0137", "closed", "--date", "2026-09-01", "--how", "resolved"
    )
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after == before + "  - {date: 2026-09-01, type: closed, how: resolved}\n"
    assert run(registry, "validate").exit_code == 0


def test_event_that_breaks_the_rules_is_refused_and_nothing_written(registry: Path) -> None:
    path = registry / "cases/2026/XF-2026-0137.yaml"
    before = path.read_text(encoding="utf-8")
    result = run(registry, "event", "XF-2026-0137", "reviewed", "--date", "2026-09-01")
    assert result.exit_code == 1
    assert "“出具复查意见”之前应有“请求复查”事件" in result.output
    early = run(
        registry, "event", "XF-2026-0137", "closed", "--date", "2026-01-01", "--how", "resolved"
    )
    assert early.exit_code == 1
    assert path.read_text(encoding="utf-8") == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_event_for_missing_case(registry: Path) -> None:
    result = run(registry, "event", "XF-2026-0999", "accepted", "--date", "2026-09-01")
    assert result.exit_code == 1
    assert "找不到案件 XF-2026-0999" in result.output


def test_installed_command_runs(early_registry: Path) -> None:
    exe = Path(sys.executable).parent / "xinfang"
    assert exe.is_file(), "the console script `xinfang` is not installed"
    done = subprocess.run(
        [str(exe), "--root", str(early_registry), "validate", *AS_OF],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "未发现问题" in done.stdout
    shutil.copy(
        DATA / "invalid" / "unknown-key.yaml", early_registry / "cases/2026/XF-2026-0099.yaml"
    )
    bad = subprocess.run(
        [str(exe), "--root", str(early_registry), "validate", *AS_OF],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stdout.startswith("cases/2026/XF-2026-0099.yaml:11:1: leadr: 未知字段")
