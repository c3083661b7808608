"""`xinfang spotcheck`: the reproducible sample, its atomic write, the 问题件 clocks in
`overdue`, and the optional metric of `rank` — through the real commands."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from register_fixtures import make_register_registry, write
from xinfang.cli import cli
from xinfang.registers.findings import register_findings
from xinfang.registers.spotcheck import add_months, sample_size
from xinfang.registry.loader import load_registry

XINFANG = Path(sys.executable).with_name("xinfang")


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return make_register_registry(tmp_path / "registry")


@pytest.mark.parametrize(
    ("available", "rate", "minimum", "size"),
    [(12, 10, 1, 2), (10, 10, 1, 1), (3, 10, 1, 1), (3, 10, 0, 1), (0, 10, 1, 0), (2, 100, 1, 2)],
)
def test_sample_size_rounds_up_with_a_minimum(available, rate, minimum, size) -> None:
    assert sample_size(available, rate, minimum) == size


def test_add_months_keeps_the_day_or_takes_the_month_end() -> None:
    assert add_months(dt.date(2026, 11, 10), 2) == dt.date(2027, 1, 10)
    assert add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)


def test_sample_is_reproducible_per_unit_and_written_keeping_comments(reg: Path) -> None:
    write(reg, "org/spotchecks/2026.yaml", "# 抽查人员：县信访局督查室\nchecks: []\n")
    args = ["spotcheck", "sample", "--month", "2026-10", "--seed", "s1", "--date", "2026-11-03"]
    dry = run(reg, *args, "--dry-run")
    assert dry.exit_code == 0, dry.output
    result = run(reg, *args)
    assert result.exit_code == 0, result.output
    text = (reg / "org/spotchecks/2026.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 抽查人员：县信访局督查室\n")
    registry = load_registry(reg).registry
    drawn = registry.registers.spotchecks
    # 12 housing cases at 10% → 2; 3 hrss cases → the minimum of 1; not-first cases never.
    assert [c.unit for c in drawn] == ["housing-bureau", "housing-bureau", "hrss-bureau"]
    assert all(c.month == "2026-10" and c.drawn == dt.date(2026, 11, 3) for c in drawn)
    assert {c.case for c in drawn}.isdisjoint({"XF-2026-0590", "XF-2026-0591"})
    assert ", ".join(c.case for c in drawn) in dry.output.replace("、", ", ") or all(
        c.case in dry.output for c in drawn
    )
    again = run(reg, *args)
    assert again.exit_code == 1
    assert "2026-10 已抽取过" in again.output
    assert (reg / "org/spotchecks/2026.yaml").read_text(encoding="utf-8") == text
    assert not list((reg / "org/spotchecks").glob(".*.tmp"))


def test_another_seed_may_draw_differently_but_the_same_seed_never(reg: Path) -> None:
    out = {
        seed: run(reg, "spotcheck", "sample", "--month", "2026-10", "--seed", seed, "--dry-run")
        for seed in ("a", "b")
    }
    repeat = run(reg, "spotcheck", "sample", "--month", "2026-10", "--seed", "a", "--dry-run")
    assert repeat.output == out["a"].output


PROBLEMS = """\
checks:
  - {case: XF-2026-0500, unit: housing-bureau, month: 2026-10, drawn: 2026-11-03, verdict: problem, checked: 2026-11-10, problem: 未书面告知}
  - {case: XF-2026-0501, unit: housing-bureau, month: 2026-10, drawn: 2026-11-03, verdict: problem, checked: 2026-11-12, problem: 未调查核实, reviewed: 2026-11-13}
  - {case: XF-2026-0512, unit: hrss-bureau, month: 2026-10, drawn: 2026-11-03, verdict: ok, checked: 2026-11-12}
"""


def test_problem_clocks_appear_in_overdue_and_as_findings(reg: Path) -> None:
    write(reg, "org/spotchecks/2026.yaml", PROBLEMS)
    result = run(reg, "overdue", "--as-of", "2026-11-15", "--format", "json")
    rows = [r for r in json.loads(result.stdout)["rows"] if r["clock"].startswith("spotcheck-")]
    assert [(r["case"], r["clock"], r["due"], r["status"]) for r in rows] == [
        ("XF-2026-0500", "spotcheck-review", "2026-11-11", "overdue"),
        ("XF-2026-0500", "spotcheck-accountability", "2026-11-13", "overdue"),
        ("XF-2026-0501", "spotcheck-accountability", "2026-11-16", "due_soon"),
    ]
    registry = load_registry(reg).registry
    found = [(f.rule, f.case) for f in register_findings(registry, as_of=dt.date(2026, 11, 14))]
    assert found == [
        ("spotcheck.review", "XF-2026-0500"),
        ("spotcheck.accountability", "XF-2026-0500"),
    ]
    report = run(reg, "spotcheck", "report", "--as-of", "2026-11-14", "--check")
    assert report.exit_code == 1
    assert "抽查 3 件，问题件 2 件，整改完成 0 件；逾期的时限 2 项" in report.output


def test_a_problem_needs_its_description_and_dates_in_order(reg: Path) -> None:
    write(
        reg,
        "org/spotchecks/2026.yaml",
        "checks:\n  - {case: XF-2026-0500, unit: hrss-bureau, month: 2026-10, drawn: 2026-11-03,"
        " verdict: problem, checked: 2026-11-10}\n"
        "  - {case: XF-2026-0590, unit: housing-bureau, month: 2026-10, drawn: 2026-11-03}\n",
    )
    result = run(reg, "validate")
    assert result.exit_code == 1
    assert "org/spotchecks/2026.yaml:2:" in result.output
    assert "结论为 problem（问题件）时应填写 problem" in result.output


def test_spotcheck_checks_the_case_it_names(reg: Path) -> None:
    write(
        reg,
        "org/spotchecks/2026.yaml",
        "checks:\n  - {case: XF-2026-0500, unit: hrss-bureau, month: 2026-10, drawn: 2026-11-03}\n"
        "  - {case: XF-2026-0590, unit: housing-bureau, month: 2026-10, drawn: 2026-11-03}\n",
    )
    result = run(reg, "validate")
    assert (
        "checks[0].unit: 案件 XF-2026-0500 的责任单位是 housing-bureau，不是 hrss-bureau"
        in result.output
    )
    assert "checks[1].case: 案件 XF-2026-0590 不是初信初访" in result.output


def test_rank_spotchecks_metric_in_json(reg: Path) -> None:
    write(reg, "org/spotchecks/2026.yaml", PROBLEMS)
    result = run(
        reg,
        "rank",
        "--period",
        "2026-10",
        "--as-of",
        "2026-11-30",
        "--spotchecks",
        "--format",
        "json",
    )
    rows = {r["unit"]: r.get("spotchecks") for r in json.loads(result.stdout)["rows"]}
    assert rows["housing-bureau"] == {"sampled": 2, "problems": 2, "rectified": 0}
    assert rows["hrss-bureau"] == {"sampled": 1, "problems": 0, "rectified": 0}
    assert rows["qingshi-town"] is None


def test_installed_command_reports_the_spotcheck_clocks(reg: Path) -> None:
    write(reg, "org/spotchecks/2026.yaml", PROBLEMS)
    proc = subprocess.run(
        [
            str(XINFANG),
            "--root",
            str(reg),
            "spotcheck",
            "report",
            "--as-of",
            "2026-11-14",
            "--check",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "问题件核查" in proc.stdout and "Traceback" not in proc.stderr
