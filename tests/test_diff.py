"""`xinfang diff`: the registry at two commits of a throwaway repository, compared."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import commit, init_repo
from registry_factory import DATA, REPO, WAGES, make_registry
from xinfang.cli import cli
from xinfang.history.diff import case_stage
from xinfang.registry.loader import load_registry

AS_OF = "2026-12-20"
# Accepted 2026-12-10: 60 days → 2027-02-08, a Monday by weekends alone (provisional); in the
# test notice for 2027 it falls in the Spring Festival break (02-05 to 02-13) → 2027-02-15.
LAND = """\
id: XF-2026-0301
title: 反映征地补偿未到位
received: 2026-12-09
channel: visit
kind: request
category: land-acquisition
unit: qingshi-town
visited_level: county
events:
  - {date: 2026-12-09, type: received}
  - {date: 2026-12-10, type: accepted}
"""
# Accepted 2026-12-01: 60 days → 2027-01-30, a Saturday → 2027-02-01 with or without the
# notice: listed before and after, it must not be reported when the notice is added.
STEADY = LAND.replace("XF-2026-0301", "XF-2026-0302").replace("12-09", "11-30")
STEADY = STEADY.replace("2026-12-10", "2026-12-01")
NEW = WAGES.replace("XF-2026-0300", "XF-2026-0303").replace("10-08", "12-18")
NEW = NEW.replace("  - {date: 2026-10-09, type: accepted}\n", "")
EXTEND = "  - {date: 2026-11-20, type: extended, days: 20, approval: 县人社局负责人批准}\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_registry(
        tmp_path / "repo",
        {
            "2026/XF-2026-0300.yaml": WAGES,
            "2026/XF-2026-0301.yaml": LAND,
            "2026/XF-2026-0302.yaml": STEADY,
        },
    )
    init_repo(root)
    return root


def append(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def run(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        cli, ["--root", str(root), "diff", *args], env=env, catch_exceptions=False
    )


def diff_json(root: Path, base: str = "HEAD~1", head: str = "HEAD") -> dict:
    result = run(root, base, head, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def table(markdown: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in markdown.splitlines()
        if line.startswith("| XF-")
    ]


def test_an_extension_moves_the_due_date(repo: Path) -> None:
    append(repo, "cases/2026/XF-2026-0300.yaml", EXTEND)
    commit(repo, "延期")
    result = run(repo, "HEAD~1", "HEAD", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "## 本次改动对案件和期限的影响" in result.stdout
    assert table(result.stdout) == [
        [
            "XF-2026-0300",
            "到期日变更",
            "办理期限",
            "2026-12-08",
            "2026-12-28",
            "逾期",
            "进行中",
            "批准延期 20 日",
        ]
    ]


def test_the_json_carries_the_same_data(repo: Path) -> None:
    append(repo, "cases/2026/XF-2026-0300.yaml", EXTEND)
    commit(repo, "延期")
    data = diff_json(repo)
    assert data["as_of"] == AS_OF
    assert data["changed_files"] == ["cases/2026/XF-2026-0300.yaml"]
    [case] = data["cases"]
    assert case["case"] == "XF-2026-0300" and case["change"] == "edited"
    assert case["clocks"] == [
        {
            "clock": "handling",
            "name": "办理期限",
            "change": "moved",
            "due_before": "2026-12-08",
            "due_after": "2026-12-28",
            "status_before": "overdue",
            "status_after": "running",
            "provisional_before": False,
            "provisional_after": False,
            "notes": ["批准延期 20 日"],
        }
    ]


def test_a_calendar_notice_lists_only_the_clocks_it_moves(repo: Path) -> None:
    (repo / "policy" / "calendar").mkdir()
    shutil.copy(DATA / "calendar-2027.yaml", repo / "policy" / "calendar" / "2027.yaml")
    commit(repo, "录入 2027 年节假日安排")
    result = run(repo, "HEAD~1", "HEAD", "--as-of", AS_OF)
    assert "`policy/calendar/2027.yaml`" in result.stdout
    rows = table(result.stdout)
    assert [r[:7] for r in rows] == [
        [
            "XF-2026-0301",
            "到期日变更",
            "办理期限",
            "2027-02-08（暂定）",
            "2027-02-15",
            "进行中",
            "进行中",
        ]
    ]
    assert "遇春节假期顺延至 2027-02-15" in rows[0][7]


def test_new_closed_removed_and_broken_cases(repo: Path) -> None:
    (repo / "cases/2026/XF-2026-0303.yaml").write_text(NEW, encoding="utf-8")
    append(
        repo,
        "cases/2026/XF-2026-0300.yaml",
        "  - {date: 2026-12-15, type: closed, how: withdrawn}\n",
    )
    (repo / "cases/2026/XF-2026-0302.yaml").unlink()
    (repo / "cases/2026/XF-2026-0301.yaml").write_text(
        LAND.replace("channel: visit", "channel: wechat"), encoding="utf-8"
    )
    commit(repo, "多处改动")
    data = diff_json(repo)
    by = {c["case"]: c for c in data["cases"]}
    assert by["XF-2026-0303"]["change"] == "added"
    assert by["XF-2026-0303"]["stage_after"] == "已登记"
    assert [(c["clock"], c["change"], c["due_after"]) for c in by["XF-2026-0303"]["clocks"]] == [
        ("routing", "added", "2027-01-04"),  # 12-18 + 15 = 2027-01-02, a Saturday
        ("acceptance", "added", "2027-01-04"),
    ]
    assert by["XF-2026-0300"]["change"] == "closed"
    assert by["XF-2026-0300"]["stage_after"] == "已结案（息诉罢访）"
    assert [(c["clock"], c["change"], c["status_after"]) for c in by["XF-2026-0300"]["clocks"]] == [
        ("handling", "met", "met_late")
    ]
    assert by["XF-2026-0302"]["change"] == "removed"
    assert by["XF-2026-0301"]["change"] == "invalid"
    assert data["problems"][0]["path"] == "cases/2026/XF-2026-0301.yaml"

    markdown = run(repo, "HEAD~1", "HEAD", "--as-of", AS_OF).stdout
    changes = {(r[0], r[1]) for r in table(markdown)}
    assert {
        ("XF-2026-0303", "新登记"),
        ("XF-2026-0303", "新增期限"),
        ("XF-2026-0300", "结案"),
        ("XF-2026-0300", "已完成"),
        ("XF-2026-0302", "删除"),
        ("XF-2026-0301", "文件有错误"),
    } == changes


def test_a_change_that_moves_nothing_says_so(repo: Path) -> None:
    path = repo / "cases/2026/XF-2026-0300.yaml"
    path.write_text(WAGES.replace("反映工资拖欠", "反映某工地拖欠工资"), encoding="utf-8")
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    commit(repo, "改标题")
    result = run(repo, "HEAD~1", "HEAD", "--as-of", AS_OF)
    assert table(result.stdout) == [
        ["XF-2026-0300", "修改", "—", "—", "—", "已受理", "已受理", "期限无变化"]
    ]
    commit(repo, "空提交")
    assert "本次改动没有改变任何案件的状态或期限。" in run(repo, "HEAD~1", "--as-of", AS_OF).stdout


def test_summary_is_appended_to_the_job_summary(repo: Path, tmp_path: Path) -> None:
    append(repo, "cases/2026/XF-2026-0300.yaml", EXTEND)
    commit(repo, "延期")
    summary = tmp_path / "summary.md"
    summary.write_text("# 之前的内容\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "XINFANG_AS_OF": AS_OF}
    result = run(repo, "HEAD~1", "--format", "json", env=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["as_of"] == AS_OF
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# 之前的内容\n## 本次改动对案件和期限的影响")
    assert "| XF-2026-0300 | 到期日变更 | 办理期限 | 2026-12-08 | 2026-12-28 |" in text
    run(repo, "HEAD~1", "--no-summary", env=env)
    assert summary.read_text(encoding="utf-8") == text
    assert run(repo, "HEAD~1", "--summary").exit_code == 2


def test_bad_revisions_and_unloadable_registries_exit_1(repo: Path) -> None:
    result = run(repo, "no-such-branch", "HEAD")
    assert result.exit_code == 1
    assert "找不到版本 no-such-branch" in result.output
    assert run(repo, "--", "--output=/tmp/x").exit_code == 1  # never taken as a git option
    (repo / "policy" / "deadlines.yaml").write_text("clocks: 1\n", encoding="utf-8")
    commit(repo, "改坏期限规则")
    result = run(repo, "HEAD~1", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "改动后的登记库无法加载" in result.stdout
    # Repairing it is not this change's fault: said, but not a failure.
    shutil.copy(REPO / "policy" / "deadlines.yaml", repo / "policy" / "deadlines.yaml")
    commit(repo, "改正期限规则")
    result = run(repo, "HEAD~1", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "改动前的登记库无法加载" in result.stdout


def test_only_changed_case_files_are_read_when_policy_is_unchanged(repo: Path) -> None:
    from xinfang.history import gitrev

    append(repo, "cases/2026/XF-2026-0300.yaml", EXTEND)
    commit(repo, "延期")
    pair = gitrev.load_pair(repo, "HEAD~1", "HEAD")
    assert [c.id for c in pair.after.registry.cases] == ["XF-2026-0300"]
    assert pair.policy_changed == []
    full = gitrev.revision_source(repo, "HEAD")
    assert load_registry(full).registry.cases == load_registry(repo).registry.cases


def test_case_stage_reads_the_last_milestone() -> None:
    from xinfang.models import Case
    from xinfang.registry.store import parse_text

    case = Case.model_validate(parse_text(WAGES + EXTEND, "x.yaml"))
    assert case_stage(case, as_of=dt.date(2026, 12, 1)) == "已受理"  # an extension is no stage
    assert case_stage(case, as_of=dt.date(2026, 10, 8)) == "已登记"
    assert case_stage(case, as_of=dt.date(2026, 10, 1)) == "尚未登记"


def test_repairing_a_broken_case_file_is_an_edit_not_a_new_case(repo: Path) -> None:
    path = repo / "cases/2026/XF-2026-0300.yaml"
    path.write_text(WAGES.replace("channel: letter", "channel: wechat"), encoding="utf-8")
    commit(repo, "改错")
    path.write_text(WAGES, encoding="utf-8")
    commit(repo, "改正")
    [case] = diff_json(repo)["cases"]
    assert (case["case"], case["change"], case["note"]) == (
        "XF-2026-0300",
        "edited",
        "原文件有错误，已改正",
    )
