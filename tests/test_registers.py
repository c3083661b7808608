"""The three registers: screening reports, the reception rota and spot checks of first
petitions — each rule and its near miss, through the real commands (CliRunner)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from register_fixtures import make_register_registry, write
from xinfang.cli import cli
from xinfang.registers.findings import register_findings
from xinfang.registers.screening import IsoWeek, last_complete_week
from xinfang.registry.loader import load_registry


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    return make_register_registry(tmp_path / "registry")


# ---------------------------------------------------------------- screening


def test_iso_week_parsing_and_last_complete_week() -> None:
    week = IsoWeek.parse("2026-W47")
    assert (week.monday, week.sunday) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert last_complete_week(dt.date(2026, 11, 22)) == week  # a Sunday ends its own week
    assert last_complete_week(dt.date(2026, 11, 21)) == IsoWeek(2026, 46)
    with pytest.raises(ValueError, match="2026-W47"):
        IsoWeek.parse("2026-W54")


def test_week_without_a_report_is_missing_and_a_sunday_report_counts(reg: Path) -> None:
    write(
        reg,
        "org/screening/2026-11.yaml",
        "reports:\n  - {unit: qingshi-town, date: 2026-11-08}\n"
        "  - {unit: qingshi-town, date: 2026-11-22}\n",
    )
    ok = run(reg, "screening", "--week", "2026-W47", "--as-of", "2026-11-23", "--check")
    assert ok.exit_code == 0, ok.output
    assert "未按规定报告 0 个" in ok.output
    missed = run(reg, "screening", "--week", "2026-W46", "--as-of", "2026-11-23", "--check")
    assert missed.exit_code == 1
    assert "青石镇" in missed.output and "未报告" in missed.output


def test_week_not_yet_ended_is_not_missing(reg: Path) -> None:
    write(
        reg, "org/screening/2026-11.yaml", "reports:\n  - {unit: qingshi-town, date: 2026-11-02}\n"
    )
    result = run(reg, "screening", "--week", "2026-W47", "--as-of", "2026-11-20", "--check")
    assert result.exit_code == 0, result.output
    assert "本周尚未结束" in result.output


def test_sensitive_period_needs_a_report_every_day(reg: Path) -> None:
    days = ["2026-10-01", "2026-10-03"]  # 10-02 missed
    write(
        reg,
        "org/screening/2026-10.yaml",
        "reports:\n" + "".join(f"  - {{unit: qingshi-town, date: {d}}}\n" for d in days),
    )
    result = run(
        reg, "screening", "--week", "2026-W40", "--as-of", "2026-10-10", "--format", "json"
    )
    body = json.loads(result.stdout)
    assert body["units"] == [
        {"unit": "qingshi-town", "weekly": days, "daily": ["2026-10-02"], "status": "missing"}
    ]


def _matter(found: str) -> str:
    return (
        f"  - {{unit: qingshi-town, found: {found}, matter: 宅基地纠纷, people: 2, risk: blue,"
        " measures: 调解, status: open, owner: 王芳}\n"
    )


def test_matter_open_past_the_limit_is_stale_and_one_at_the_limit_is_not(reg: Path) -> None:
    write(
        reg,
        "org/screening/2026-10.yaml",
        "reports:\n  - {unit: qingshi-town, date: 2026-10-23}\nmatters:\n"
        + _matter("2026-10-22")
        + _matter("2026-10-23"),
    )
    registry = load_registry(reg).registry
    found = [
        f
        for f in register_findings(registry, as_of=dt.date(2026, 11, 22))
        if f.rule == "screening.stale"
    ]
    assert [(f.unit, f.due) for f in found] == [("qingshi-town", dt.date(2026, 11, 21))]
    assert "已在办 31 天" in found[0].detail
    assert found[0].basis.article == "测试文件"


def test_screening_file_errors_name_file_line_and_field(reg: Path) -> None:
    write(
        reg,
        "org/screening/2026-11.yaml",
        "reports:\n  - {unit: qingshi-town, date: 2026-11-02}\n"
        "  - {unit: nowhere-town, date: 2026-12-01}\n",
    )
    result = run(reg, "validate")
    assert result.exit_code == 1
    assert "org/screening/2026-11.yaml:3:" in result.output
    assert "reports[1].unit: 单位 nowhere-town 不在 org/units.yaml 中" in result.output
    assert "reports[1].date: 报告日期 2026-12-01 不在 2026 年 11 月" in result.output


def test_weeks_before_the_first_report_are_not_judged(reg: Path) -> None:
    write(
        reg, "org/screening/2026-11.yaml", "reports:\n  - {unit: qingshi-town, date: 2026-11-22}\n"
    )
    result = run(reg, "screening", "--week", "2026-W46", "--as-of", "2026-11-23", "--check")
    assert result.exit_code == 0, result.output


def test_register_files_without_their_policy_are_a_problem(reg: Path) -> None:
    (reg / "policy" / "screening.yaml").unlink()
    write(
        reg, "org/screening/2026-11.yaml", "reports:\n  - {unit: qingshi-town, date: 2026-11-02}\n"
    )
    result = run(reg, "validate")
    assert result.exit_code == 1
    assert "policy/screening.yaml:0:0: 缺少文件" in result.output


# ---------------------------------------------------------------- rota

ROTA = """\
receptions:
  - {leader: li-wei, date: 2026-10-20, place: 青石镇便民服务中心, unit: qingshi-town, published: 2026-10-10, petitioners: 5, matters: 3}
rota:
  - {leader: zhao-gang, weekdays: [monday, tuesday, wednesday, thursday, friday], since: 2026-10-01}
  - {leader: wang-fang, unit: qingshi-town, weekdays: [monday, tuesday, wednesday, thursday, friday]}
"""


def test_rota_gap_on_a_make_up_saturday_but_not_in_the_national_day_break(reg: Path) -> None:
    write(reg, "org/receptions/2026.yaml", ROTA)
    result = run(reg, "receptions", "--rota", "--month", "2026-10", "--format", "json", "--check")
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    # 2026-10-10 (Saturday) is a make-up working day; 10-01…10-07 are days off.
    assert body["gaps"] == [
        {"slot": None, "count": 1, "days": ["2026-10-10"]},
        {"slot": "qingshi-town", "count": 1, "days": ["2026-10-10"]},
    ]
    assert body["days_off"] == []


def test_rota_covering_the_make_up_day_passes(reg: Path) -> None:
    write(
        reg,
        "org/receptions/2026.yaml",
        ROTA
        + "  - {leader: li-wei, dates: [2026-10-10]}\n"
        + "  - {leader: wang-fang, unit: qingshi-town, dates: [2026-10-10]}\n",
    )
    result = run(reg, "receptions", "--rota", "--month", "2026-10", "--check")
    assert result.exit_code == 0, result.output
    assert "无人值班 0 处，排在休息日 0 处" in result.output


def test_leader_put_on_a_holiday_is_listed(reg: Path) -> None:
    write(
        reg,
        "org/receptions/2026.yaml",
        ROTA + "  - {leader: li-wei, dates: [2026-10-10, 2026-10-05]}\n",
    )
    result = run(reg, "receptions", "--rota", "--month", "2026-10", "--check")
    assert result.exit_code == 1
    assert "2026-10-05  国庆节  县群众工作中心  李伟" in result.output


def test_rota_days_before_the_rota_starts_are_not_judged(reg: Path) -> None:
    later = ROTA.replace("since: 2026-10-01", "since: 2026-10-12").replace(
        "thursday, friday]}", "thursday, friday], since: 2026-10-12}"
    )
    write(reg, "org/receptions/2026.yaml", later)
    result = run(reg, "receptions", "--rota", "--month", "2026-10", "--check")
    assert result.exit_code == 0, result.output
    assert "值班表自 2026-10-12 起" in result.output


def test_rota_leader_checks_are_file_errors(reg: Path) -> None:
    write(
        reg,
        "org/receptions/2026.yaml",
        "rota:\n  - {leader: wang-fang, weekdays: [monday]}\n"
        "  - {leader: li-wei, unit: qingshi-town, weekdays: [monday]}\n",
    )
    result = run(reg, "validate")
    assert result.exit_code == 1
    assert "org/receptions/2026.yaml:2:" in result.output
    assert "rota[0].leader: 王芳（乡镇党政主要负责人）不能在县群众工作中心值班" in result.output
    assert "rota[1].leader: 李伟不是 qingshi-town 的领导" in result.output


def test_yearbook_counts_county_leader_receptions_and_screening(reg: Path) -> None:
    write(reg, "org/receptions/2026.yaml", ROTA)
    write(
        reg,
        "org/screening/2026-10.yaml",
        "matters:\n"
        + _matter("2026-10-22").replace("status: open", "status: resolved, closed: 2026-10-30"),
    )
    result = run(reg, "stats", "--year", "2026", "--format", "json")
    rows = {(r["group"], r["item"]): r for r in json.loads(result.stdout)["rows"]}
    assert rows[("矛盾纠纷排查", "排查")]["matters"] == 1
    assert rows[("矛盾纠纷排查", "排查")]["people"] == 2
    assert rows[("矛盾纠纷排查", "化解")]["matters"] == 1
    assert rows[("县领导接访", "接访 1 天")]["matters"] == 3
    assert rows[("县领导接访", "接访 1 天")]["people"] == 5
