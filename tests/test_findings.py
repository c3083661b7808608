"""accountability/: each rule of policy/accountability.yaml on a small registry that triggers
it, and a near miss that does not; `xinfang findings` end to end."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from register_fixtures import make_register_registry, write
from registry_factory import REPO, case_yaml, cases_of, make_registry
from xinfang.accountability.derive import collect_findings
from xinfang.cli import cli
from xinfang.registry.loader import load_registry

H = "housing-bureau"
AS_OF = dt.date(2026, 11, 22)


def visit(case_id: str, received: str, **extra: object) -> str:
    return case_yaml(case_id, H, [f"{received} received"], channel="visit", **extra)


def rules(tmp_path: Path, *texts: str, actions: str | None = None) -> list[tuple[str, str | None]]:
    root = make_registry(tmp_path / "r", cases_of(*texts), actions=actions, example=False)
    result = load_registry(root)
    assert not result.errors, result.errors
    found = collect_findings(result.registry, as_of=AS_OF)
    return sorted((f.rule, f.case) for f in found)


def test_interview_for_a_visit_to_beijing_but_not_to_the_city(tmp_path: Path) -> None:
    got = rules(
        tmp_path,
        visit(
            "XF-2026-0001",
            "2026-10-01",
            visited_level="national",
            leader="zhao-gang",
            unit_leader="liu-qiang",
        ),
        visit("XF-2026-0002", "2026-10-01", visited_level="city"),
    )
    assert ("escalation.interview", "XF-2026-0001") in got
    assert not [r for r in got if r[1] == "XF-2026-0002"]


def test_interview_is_silent_once_recorded(tmp_path: Path) -> None:
    actions = (
        "actions:\n  - {date: 2026-10-10, kind: interview, unit: housing-bureau, "
        "case: XF-2026-0001, reason: 进京访}\n"
    )
    got = rules(
        tmp_path,
        visit("XF-2026-0001", "2026-10-01", irregular_place=True),
        actions=actions,
    )
    assert ("escalation.interview", "XF-2026-0001") not in got


@pytest.mark.parametrize(
    ("level", "headcount", "hit"),
    [
        ("national", 30, True),
        ("national", 29, False),
        ("province", 200, True),
        ("province", 199, False),
    ],
)
def test_admonition_thresholds(tmp_path: Path, level: str, headcount: int, hit: bool) -> None:
    got = rules(
        tmp_path, visit("XF-2026-0001", "2026-10-01", visited_level=level, headcount=headcount)
    )
    assert (("escalation.admonition", "XF-2026-0001") in got) is hit


@pytest.mark.parametrize(
    ("second", "third", "hit"),
    [(20, "2026-09-01", True), (19, "2026-09-01", False), (20, "2026-03-01", False)],
)
def test_self_examination_three_large_visits_on_one_matter_within_a_year(
    tmp_path: Path, second: int, third: str, hit: bool
) -> None:
    """20 people make a larger visit (19 do not); the three must fall within 365 days."""
    first = "2025-02-01" if third == "2026-03-01" else "2026-03-01"
    got = rules(
        tmp_path,
        visit(f"XF-{first[:4]}-0001", first, headcount=25),
        visit("XF-2026-0002", "2026-06-01", headcount=second, repeat_of=f"XF-{first[:4]}-0001"),
        visit("XF-2026-0003", max(third, "2026-06-02"), headcount=40, repeat_of="XF-2026-0002"),
    )
    assert (("escalation.self_examination", "XF-2026-0003") in got) is hit


def test_criticism_for_a_repeat_visit_without_an_owner(tmp_path: Path) -> None:
    got = rules(
        tmp_path,
        case_yaml("XF-2026-0001", H, ["2026-03-01 received"]),
        case_yaml("XF-2026-0002", H, ["2026-06-01 received"], repeat_of="XF-2026-0001"),
        case_yaml(
            "XF-2026-0003", H, ["2026-06-01 received"], repeat_of="XF-2026-0001", leader="li-wei"
        ),
    )
    crit = [c for r, c in got if r == "escalation.criticism"]
    assert crit == ["XF-2026-0002"]


def test_ownership_rules_from_the_tiers(tmp_path: Path) -> None:
    got = rules(
        tmp_path,
        case_yaml("XF-2026-0001", H, ["2026-11-20 received"], supervision="city"),
        case_yaml(
            "XF-2026-0002", H, ["2026-11-20 received"], supervision="county", leader="wang-fang"
        ),
        case_yaml("XF-2026-0003", H, ["2026-11-20 received"], supervision="city", leader="li-wei"),
        case_yaml(
            "XF-2026-0004",
            H,
            ["2026-11-20 received"],
            supervision="city",
            leader="li-wei",
            unit_leader="liu-qiang",
        ),
    )
    assert ("ownership.missing", "XF-2026-0001") in got
    assert ("ownership.rank", "XF-2026-0002") in got
    assert ("ownership.second", "XF-2026-0003") in got
    assert not [r for r in got if r[1] == "XF-2026-0004"]


LISTING = """\
actions:
  - {date: 2026-09-01, kind: reminder, form: sms, unit: housing-bureau, case: XF-2026-0001, reason: 久拖}
  - {date: 2026-09-20, kind: reminder, form: letter, unit: housing-bureau, case: XF-2026-0001, reason: 仍未化解}
  - kind: listing
    date: 2026-10-01
    unit: housing-bureau
    case: XF-2026-0002
    reason: 久拖未决
    deadline: DEADLINE
    steps:
      - {step: filing, date: 2026-10-01}
      - {step: resolution, date: 2026-10-09}
  - {date: 2026-10-05, kind: interview, unit: housing-bureau, reason: 排名靠后}
  - {date: 2026-10-06, kind: criticism, unit: housing-bureau, reason: 按期办结率低, rectify_by: 2026-11-01}
  - {date: 2026-10-07, kind: special_notice, theme: 专项一, units: [housing-bureau, qingshi-town]}
  - {date: 2026-10-20, kind: special_notice, theme: 专项二, units: [housing-bureau]}
"""


def test_rules_read_from_the_actions(tmp_path: Path) -> None:
    got = rules(
        tmp_path,
        case_yaml("XF-2026-0001", H, ["2026-08-01 received"]),
        case_yaml("XF-2026-0002", H, ["2026-08-01 received"]),
        actions=LISTING.replace("DEADLINE", "2026-11-15"),
    )
    assert ("escalation.listing", "XF-2026-0001") in got  # two reminders in a row
    assert got.count(("listing.deadline", "XF-2026-0002")) == 2  # past 限期; 下发通知 skipped
    assert ("interview.report", None) in got  # 15 working days from 10-05 lapsed
    assert ("escalation.interview", None) in got  # rectification due 11-01 not done
    assert ("escalation.special_notices", None) in got


def test_near_misses_of_the_action_rules(tmp_path: Path) -> None:
    text = (
        LISTING.replace("DEADLINE", "2026-12-31")
        .replace("reason: 排名靠后}", "reason: 排名靠后, report: 2026-10-20}")
        .replace("rectify_by: 2026-11-01}", "rectify_by: 2026-11-01, rectified: 2026-10-30}")
        .replace("units: [housing-bureau]}", "units: [qingshi-town]}")
        .replace("      - {step: resolution, date: 2026-10-09}\n", "")
    )
    got = rules(
        tmp_path,
        case_yaml("XF-2026-0001", H, ["2026-08-01 received"]),
        case_yaml("XF-2026-0002", H, ["2026-08-01 received"]),
        actions=text,
    )
    assert [r for r, _ in got if r.startswith(("listing", "interview", "escalation.special"))] == [
        "escalation.special_notices"  # qingshi-town, named in both
    ]


def test_findings_command_json_and_filters(tmp_path: Path) -> None:
    root = make_registry(
        tmp_path / "r",
        cases_of(visit("XF-2026-0001", "2026-10-01", visited_level="national", headcount=30)),
        example=False,
    )
    args = ["--root", str(root), "findings", "--as-of", "2026-11-22", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["rule"] for r in rows} >= {"escalation.admonition", "escalation.interview"}
    row = next(r for r in rows if r["rule"] == "escalation.admonition")
    assert row["unit"] == H and row["case"] == "XF-2026-0001" and row["due"] is None
    assert "30 人" in row["detail"] and "第六条" in row["basis"]
    bad = CliRunner().invoke(cli, ["--root", str(root), "findings", "--unit", "nowhere"])
    assert bad.exit_code == 2 and "nowhere" in bad.stderr
    check = CliRunner().invoke(
        cli, ["--root", str(root), "findings", "--as-of", "2026-11-22", "--check"]
    )
    assert check.exit_code == 1 and "应予诫勉" in check.stdout


def test_demo_shows_every_rule() -> None:
    exe = REPO / ".venv" / "bin" / "xinfang"
    out = subprocess.run(
        [str(exe), "findings", "--as-of", "2026-11-22", "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    seen = {r["rule"] for r in json.loads(out.stdout)}
    from xinfang.models.accountability import RULE_KEYS

    assert set(RULE_KEYS) - seen == set()


# The centre's rota leaves Fridays empty from November: a gap on each Friday.
ROTA = """\
rota:
  - {leader: zhao-gang, weekdays: [monday, tuesday, wednesday, thursday], since: 2026-11-01}
  - {leader: wang-fang, unit: qingshi-town, weekdays: [monday, tuesday, wednesday, thursday, friday]}
"""
SPOT = """\
checks:
  - {case: XF-2026-0500, unit: housing-bureau, month: 2026-10, drawn: 2026-11-03, verdict: problem, checked: 2026-11-10, problem: 未书面告知}
"""
SCREENING = (
    "reports:\n  - {unit: qingshi-town, date: 2026-10-23}\nmatters:\n"
    "  - {unit: qingshi-town, found: 2026-10-22, matter: 宅基地纠纷, people: 2, risk: blue,"
    " measures: 调解, status: open, owner: 王芳}\n"
)


def test_findings_include_the_registers_with_their_own_basis(tmp_path: Path) -> None:
    root = make_register_registry(tmp_path / "r")
    write(root, "org/spotchecks/2026.yaml", SPOT)
    write(root, "org/screening/2026-10.yaml", SCREENING)
    base = ["--root", str(root), "findings", "--as-of", "2026-11-14"]
    rows = json.loads(CliRunner().invoke(cli, [*base, "--format", "json"]).stdout)
    got = {(r["rule"], r["unit"], r["case"], r["due"]) for r in rows}
    assert ("spotcheck.review", "housing-bureau", "XF-2026-0500", "2026-11-11") in got
    assert ("spotcheck.accountability", "housing-bureau", "XF-2026-0500", "2026-11-13") in got
    assert ("screening.missing", "qingshi-town", None, "2026-11-08") in got
    spot = next(r for r in rows if r["rule"] == "spotcheck.review")
    assert spot["name"] == "问题件核查逾期" and "初信初访" in spot["basis"]
    # as of 11-22 the matter found on 10-22 has been open 31 days (limit 30)
    later = CliRunner().invoke(cli, [*base[:-1], "2026-11-22", "--unit", "qingshi-town"])
    assert "[screening.stale] 排查出的矛盾纠纷超期未化解：2026-10-22 排查" in later.stdout
    assert "依据：测试文件" in later.stdout and "XF-2026-0500" not in later.stdout
    one = CliRunner().invoke(cli, [*base, "--case", "XF-2026-0500", "--format", "markdown"])
    assert "问题件核查逾期（`spotcheck.review`）" in one.stdout
    assert "screening" not in one.stdout
    # a near miss: reviewed on time, nothing from the spot checks
    write(root, "org/spotchecks/2026.yaml", SPOT.replace("}", ", reviewed: 2026-11-11}"))
    rows = json.loads(CliRunner().invoke(cli, [*base, "--format", "json"]).stdout)
    assert not [r for r in rows if r["rule"] == "spotcheck.review"]


def test_a_rota_gap_is_the_countys_own_finding(tmp_path: Path) -> None:
    root = make_register_registry(tmp_path / "r")
    write(root, "org/receptions/2026.yaml", ROTA)
    args = ["--root", str(root), "findings", "--as-of", "2026-11-22"]
    rows = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    gaps = [r for r in rows if r["rule"] == "rota.gap"]
    assert gaps and all(r["unit"] is None and r["unit_name"] == "县群众工作中心" for r in gaps)
    text = CliRunner().invoke(cli, args).stdout
    assert "\n县群众工作中心\n  [rota.gap] 工作日无领导坐班接访：" in text
