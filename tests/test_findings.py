"""accountability/: each rule of policy/accountability.yaml on a small registry that triggers
it, and a near miss that does not; `xinfang findings` end to end."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

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
