"""The demo county's frontline data and planted 包案 problems, as the commands report them.

scripts/generate_leadership_demo.py plants them; this pins what validate, frontline and
receptions say about the committed demo registry as of 2026-11-22 (the demo's today).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import REPO
from xinfang.cli import cli
from xinfang.leaders.frontline import Month, registry_month
from xinfang.registry.loader import Registry, load_registry

AS_OF = "2026-11-22"


def run(*args: str):
    return CliRunner().invoke(cli, ["--root", str(REPO), *args], catch_exceptions=False)


def test_validate_reports_exactly_the_planted_ownership_problems() -> None:
    result = run("validate", "--as-of", AS_OF)
    assert result.exit_code == 0  # reminders, not errors: the files are valid
    lines = result.stdout.splitlines()
    planted = [
        "cases/2026/XF-2026-0046.yaml:20:9: leader: 提醒：包案领导张建国的每周进展报告已逾期 6 天："
        "最近一次报告在 2026-11-09，下一次应不晚于 2026-11-16",
        # a visit to the province that is not a request: nobody was given the case
        "cases/2026/XF-2026-0102.yaml:14:16: visited_level: 提醒：重点案件（省级来访）必须落实包案领导"
        "（县分管领导包案），请写明包案领导",
        "cases/2026/XF-2026-0121.yaml:15:9: leader: 提醒：包案领导李伟的每周进展报告已逾期 11 天："
        "最近一次报告在 2026-11-04，下一次应不晚于 2026-11-11",
        # the worked example: answered and rated but never closed, and no report since
        # acceptance; the demo should give it weekly reports or a closed event
        "cases/2026/XF-2026-0137.yaml:14:9: leader: 提醒：包案领导李伟的每周进展报告已逾期 163 天："
        "受理（2026-06-05）后没有报告，第一次应不晚于 2026-06-12",
        "cases/2026/XF-2026-0197.yaml:17:9: leader: 提醒：市级督办的案件应由县委书记、县长、副县长、"
        "其他县级领导包案，何军是县直部门主要负责人",
        "cases/2026/XF-2026-0209.yaml:15:9: leader: 提醒：包案领导李伟的每周进展报告已逾期 6 天："
        "最近一次报告在 2026-11-09，下一次应不晚于 2026-11-16",
        # generate_demo.py leaves its department's side of 包案 empty (NO_SECOND_OWNER)
        "cases/2026/XF-2026-0221.yaml:14:9: leader: 提醒：县级督办的案件还须由乡镇或部门分管领导"
        "同时包案，请写明责任单位一方的包案领导",
    ]
    assert lines == planted
    assert "包案提醒 7 处" in result.output
    assert run("validate", "--as-of", AS_OF, "--strict").exit_code == 1


SHORT = {
    "2025-12": {"wu-xiaodong": "联系乡镇少 1 天"},
    "2026-02": {"song-xiaoli": "合计少 1 天；缺周二 1 次（2/10）"},
    "2026-05": {"gao-peng": "合计少 1 天"},
    "2026-07": {"feng-li": "分管战线少 1 天"},
    "2026-09": {"han-lei": "缺周二 1 次（9/22）"},
    "2026-10": {"zhao-min": "联系乡镇少 1 天", "xie-fang": "合计少 1 天"},
}
MONTHS = ["2025-12", *(f"2026-{m:02d}" for m in range(1, 11))]


@pytest.fixture(scope="module")
def demo() -> Registry:
    registry = load_registry(REPO).registry
    assert registry is not None
    return registry


@pytest.mark.parametrize("month", MONTHS)
def test_frontline_finds_exactly_the_planted_shortfalls(demo: Registry, month: str) -> None:
    tallies = registry_month(demo, Month.parse(month))
    # every leader has a quota but the unit deputies (unit_deputy), who own cases only
    assert len(tallies) == 22
    short = {t.key: "；".join(t.shortfalls) for t in tallies if t.short}
    assert short == SHORT.get(month, {})


@pytest.mark.parametrize(("month", "exit_code"), [("2026-10", 1), ("2026-08", 0)])
def test_frontline_check_on_the_demo(month: str, exit_code: int) -> None:
    result = run("frontline", "--month", month, "--check")
    assert result.exit_code == exit_code


def test_receptions_flag_exactly_the_two_published_late() -> None:
    rows = json.loads(run("receptions", "--from", "2025-12-01", "--days", "396", "--format", "json").stdout)  # fmt: skip
    assert len(rows) == 9 * 13  # nine county leaders, one reception day a month
    late = [(r["date"], r["leader"], r["notice_days"]) for r in rows if r["status"] == "late"]
    assert late == [("2026-04-21", "sun-lijun", 5), ("2026-11-26", "zheng-guohua", 6)]


def test_the_schedule_to_publish_on_the_demo_day() -> None:
    result = run("receptions", "--from", AS_OF, "--check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "2026-11-22 至 2026-12-05：接访日 11 个，公示不足 7 天的 1 个。"
    )


def test_generator_reproduces_the_committed_files(tmp_path: Path) -> None:
    for folder in ("org", "policy", "cases"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    for folder in ("org/receptions", "org/frontline"):
        shutil.rmtree(tmp_path / folder)
    env = os.environ | {"PYTHONPATH": str(REPO / "tools")}
    # the whole chain: cases and org first, then the leaders' days, then the registers
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_demo.py"), "--root", str(tmp_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    script = REPO / "scripts" / "generate_leadership_demo.py"
    done = subprocess.run(
        [sys.executable, str(script), "--root", str(tmp_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the registers' generator then adds the reception rota to org/receptions/2026.yaml
    registers = REPO / "scripts" / "generate_registers_demo.py"
    done = subprocess.run(
        [sys.executable, str(registers), "--root", str(tmp_path)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for folder in ("org/receptions", "org/frontline", "org/screening", "org/spotchecks"):
        made = sorted(p.name for p in (tmp_path / folder).iterdir())
        assert made == sorted(p.name for p in (REPO / folder).iterdir())
        for name in made:
            assert (tmp_path / folder / name).read_bytes() == (REPO / folder / name).read_bytes()
    made = sorted(p.relative_to(tmp_path) for p in (tmp_path / "cases").rglob("*.yaml"))
    assert made == sorted(p.relative_to(REPO) for p in (REPO / "cases").rglob("*.yaml"))
    for rel in [*made, Path("org/leaders.yaml"), Path("org/units.yaml")]:
        assert (tmp_path / rel).read_bytes() == (REPO / rel).read_bytes(), rel


def test_the_demo_shows_every_accountability_rule() -> None:
    """At least one finding of each rule of policy/accountability.yaml, the planted ones by
    name (generate_demo.py and org/actions/2026.yaml)."""
    result = run("findings", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    rules = {f["rule"] for f in found}
    # every rule of policy/accountability.yaml; the registers' rules come on top
    assert set(load_registry(REPO).registry.accountability.rules) <= rules
    by_rule = {(f["rule"], f["case"]) for f in found}
    assert {
        ("ownership.missing", "XF-2026-0102"),
        ("ownership.rank", "XF-2026-0197"),
        ("ownership.second", "XF-2026-0221"),
        ("escalation.admonition", "XF-2026-0046"),
        ("escalation.self_examination", "XF-2026-0177"),
    } <= by_rule
    detail = next(f["detail"] for f in found if f["rule"] == "escalation.self_examination")
    assert "XF-2025-0104" in detail and "XF-2026-0146" in detail
