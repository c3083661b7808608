"""ownership.py: which ranks may own which cases, key cases, and the weekly progress report.

The rules are the shipped policy/ownership.yaml and policy/deadlines.yaml, so these tables
also pin what the county's policy says.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from registry_factory import DATA, REPO, make_registry
from xinfang.cli import cli
from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Status
from xinfang.models import Case, DeadlinePolicy, Leader
from xinfang.models.leadership import OwnershipPolicy
from xinfang.registry import store
from xinfang.registry.loader import load_registry
from xinfang.rules import ownership

POLICY = OwnershipPolicy.model_validate(store.load_file(REPO / "policy/ownership.yaml", "o"))
DEADLINES = DeadlinePolicy.model_validate(store.load_file(REPO / "policy/deadlines.yaml", "d"))
WEEKLY = ownership.weekly_policy(DEADLINES, POLICY.progress_clock)
CALENDAR = OfficialCalendar()

RANK_NAMES = {
    "county_party_secretary": "赵书记",
    "county_head": "钱县长",
    "deputy_county_head": "孙副县长",
    "county_leader": "李常委",
    "department_head": "周局长",
    "town_head": "吴镇长",
    "unit_deputy": "冯副镇长",
    "town_cadre": "郑干事",
}
# Town-side leaders belong to qingshi-town, the unit of make_case's cases.
TOWN_SIDE = ("town_head", "unit_deputy", "town_cadre")
LEADERS = {
    rank.replace("_", "-"): Leader(
        name=name, post=name, rank=rank, unit="qingshi-town" if rank in TOWN_SIDE else None
    )
    for rank, name in RANK_NAMES.items()
}
LEADERS["other-head"] = Leader(name="钱镇长", post="白塔乡乡长", rank="town_head", unit="baita")


def make_case(**fields: Any) -> Case:
    events = fields.pop("events", None) or [
        {"date": "2026-03-02", "type": "received"},
        {"date": "2026-03-05", "type": "accepted"},
    ]
    data = {
        "id": "XF-2026-0001",
        "title": "反映征地补偿问题",
        "received": "2026-03-02",
        "channel": "visit" if fields.get("visited_level") else "letter",
        "kind": "request",
        "category": "land-acquisition",
        "unit": "qingshi-town",
        "events": events,
        **fields,
    }
    return Case.model_validate({k: v for k, v in data.items() if v is not None})


TOP = "应由县委书记、县长包案"
COUNTY = "应由县委书记、县长、副县长、其他县级领导包案"


@pytest.mark.parametrize(
    ("fields", "tier"),
    [
        # seed 002: listed by the province or above, Beijing, a group at the province → top
        ({"supervision": "central"}, "top"),
        ({"supervision": "province"}, "top"),
        ({"visited_level": "national"}, "top"),
        ({"visited_level": "province", "headcount": 5}, "top"),
        # listed by the city, an individual at the province, found at county level → 分管
        ({"visited_level": "province", "headcount": 4}, "in-charge"),
        ({"supervision": "city"}, "in-charge"),
        ({"supervision": "county"}, "in-charge"),
        ({"supervision": "city", "visited_level": "national"}, "top"),  # the highest wins
        # a city leader received, instructed on or read it → a county leader
        ({"instructed_by": "city"}, "county"),
        # the colours, as local policy
        ({"priority": "red"}, "top"),
        ({"priority": "yellow"}, "in-charge"),
        ({"priority": "blue"}, "any"),
        ({"priority": "blue", "instructed_by": "city"}, "county"),
        # not a key case
        ({"visited_level": "city"}, None),
        ({}, None),
    ],
)
def test_tier_by_what_the_case_records(fields: dict, tier: str | None) -> None:
    found = ownership.tier_of(make_case(**fields), POLICY)
    assert (found.key if found else None) == tier


@pytest.mark.parametrize(
    ("fields", "rank", "expected"),
    [
        ({"supervision": "central"}, "county_party_secretary", None),
        ({"supervision": "central"}, "county_head", None),
        (
            {"supervision": "central"},
            "deputy_county_head",
            f"中央督办的案件{TOP}，孙副县长是副县长",
        ),
        (
            {"supervision": "province"},
            "county_leader",
            f"省级督办的案件{TOP}，李常委是其他县级领导",
        ),
        (
            {"visited_level": "national"},
            "deputy_county_head",
            f"进京来访的案件{TOP}，孙副县长是副县长",
        ),
        (
            {"visited_level": "province", "headcount": 12},
            "deputy_county_head",
            f"省级来访（12 人）的案件{TOP}，孙副县长是副县长",
        ),
        ({"visited_level": "province"}, "deputy_county_head", None),
        ({"supervision": "city"}, "county_leader", None),
        (
            {"supervision": "city"},
            "department_head",
            f"市级督办的案件{COUNTY}，周局长是县直部门主要负责人",
        ),
        # wrong rule 3: a county-level key case needs a county leader, not a town head
        (
            {"supervision": "county"},
            "town_head",
            f"县级督办的案件{COUNTY}，吴镇长是乡镇党政主要负责人",
        ),
        ({"supervision": "county"}, "deputy_county_head", None),
        (
            {"instructed_by": "city"},
            "department_head",
            f"市领导接访、批示或阅批的案件{COUNTY}，周局长是县直部门主要负责人",
        ),
        ({"instructed_by": "city"}, "county_leader", None),
        ({"priority": "blue"}, "town_cadre", None),
        ({}, "town_cadre", None),  # not a key case: any owner will do
    ],
)
def test_owner_rank_by_tier(fields: dict, rank: str, expected: str | None) -> None:
    # the second owner is filled in correctly so that only the rank is at issue
    case = make_case(**fields, leader=rank.replace("_", "-"), unit_leader="town-head")
    issues = [
        i for i in ownership.ownership_issues(case, LEADERS, POLICY) if i.rule != "ownership.second"
    ]
    assert issues == ([ownership.OwnershipIssue("leader", expected)] if expected else [])


@pytest.mark.parametrize(
    ("fields", "unit_leader", "expected"),
    [
        ({"supervision": "province"}, "town-head", None),
        (
            {"supervision": "province"},
            None,
            "省级督办的案件还须由乡镇或部门主要领导同时包案，请写明责任单位一方的包案领导",
        ),
        (
            {"supervision": "province"},
            "unit-deputy",
            "省级督办的案件应由乡镇或部门主要领导（乡镇党政主要负责人、县直部门主要负责人）同时包案，"
            "冯副镇长是乡镇、部门分管负责人",
        ),
        ({"supervision": "city"}, "unit-deputy", None),
        (
            {"supervision": "city"},
            None,
            "市级督办的案件还须由乡镇或部门分管领导同时包案，请写明责任单位一方的包案领导",
        ),
        (
            {"supervision": "city"},
            "other-head",
            "钱镇长不是责任单位 qingshi-town 的领导，不能作为乡镇或部门分管领导包案",
        ),
        ({"instructed_by": "city"}, None, None),  # the county tier asks for no second owner
        ({"priority": "blue"}, None, None),
    ],
)
def test_second_owner_on_the_units_side(
    fields: dict, unit_leader: str | None, expected: str | None
) -> None:
    case = make_case(**fields, leader="county-party-secretary", unit_leader=unit_leader)
    issues = [
        i for i in ownership.ownership_issues(case, LEADERS, POLICY) if i.rule == "ownership.second"
    ]
    assert [i.message for i in issues] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("fields", "reason", "tier"),
    [
        ({"priority": "red"}, "红色风险", "县委、县政府主要领导包案"),
        ({"priority": "blue"}, "蓝色风险", "落实一名包案领导"),
        ({"priority": "red", "supervision": "city"}, "红色风险", "县委、县政府主要领导包案"),
        ({"supervision": "city"}, "市级督办", "县分管领导包案"),
        ({"supervision": "county"}, "县级督办", "县分管领导包案"),
        ({"instructed_by": "city"}, "市领导接访、批示或阅批", "县级领导包案"),
        ({"visited_level": "city"}, None, None),
        ({}, None, None),
    ],
)
def test_key_cases_must_have_an_owner(fields: dict, reason: str | None, tier: str | None) -> None:
    issues = ownership.ownership_issues(make_case(**fields), LEADERS, POLICY)
    if reason is None:
        assert issues == []
    else:
        message = f"重点案件（{reason}）必须落实包案领导（{tier}），请写明包案领导"
        field = "priority" if "风险" in reason else next(iter(fields))
        assert issues == [ownership.OwnershipIssue(field, message, "ownership.missing")]


def test_an_owner_missing_from_org_is_left_to_the_reference_check() -> None:
    case = make_case(supervision="central", leader="nobody", unit_leader="town-head")
    assert ownership.ownership_issues(case, LEADERS, POLICY) == []


def test_weekly_interval_comes_from_the_deadlines_policy() -> None:
    assert WEEKLY is not None
    assert list(WEEKLY.clocks) == ["progress"]
    assert WEEKLY.clocks["progress"].days == 7
    assert ownership.weekly_policy(DEADLINES, "no-such-clock") is None


ACCEPTED_0605 = [
    {"date": "2026-06-03", "type": "received"},
    {"date": "2026-06-05", "type": "accepted"},
]


def _events(*extra: tuple[str, str]) -> list[dict[str, str]]:
    out = list(ACCEPTED_0605)
    for date, kind in extra:
        event = {"date": date, "type": kind}
        if kind == "progress":
            event["note"] = "本周召开协调会"
        if kind == "rated":
            event["rating"] = "satisfied"
        if kind == "closed":
            event["how"] = "resolved"
        out.append(event)
    return out


@pytest.mark.parametrize(
    ("extra", "as_of", "status", "start", "due", "days_overdue"),
    [
        # seven calendar days after acceptance (a Friday): on time that day, late the next
        ((), "2026-06-12", Status.due_soon, "2026-06-05", "2026-06-12", 0),
        ((), "2026-06-13", Status.overdue, "2026-06-05", "2026-06-12", 1),
        # each report restarts the week
        (
            (("2026-06-11", "progress"),),
            "2026-06-18",
            Status.due_soon,
            "2026-06-11",
            "2026-06-18",
            0,
        ),
        (
            (("2026-06-11", "progress"),),
            "2026-06-20",
            Status.overdue,
            "2026-06-11",
            "2026-06-18",
            2,
        ),
        # a report dated after the as-of date is not known yet
        (
            (("2026-06-11", "progress"),),
            "2026-06-10",
            Status.due_soon,
            "2026-06-05",
            "2026-06-12",
            0,
        ),
        # due in the National Day break (10-01..10-07): rolled to Thursday 10-08 (art. 203)
        (
            (("2026-09-28", "progress"),),
            "2026-10-08",
            Status.due_soon,
            "2026-09-28",
            "2026-10-08",
            0,
        ),
        (
            (("2026-09-28", "progress"),),
            "2026-10-09",
            Status.overdue,
            "2026-09-28",
            "2026-10-08",
            1,
        ),
        # answered and rated but not closed (结案销号): the reports are still owed
        (
            (("2026-08-20", "answered"), ("2026-08-25", "rated")),
            "2026-11-22",
            Status.overdue,
            "2026-06-05",
            "2026-06-12",
            163,
        ),
        # closed: the clock is done and nothing is late any more
        ((("2026-06-20", "closed"),), "2026-11-22", Status.met_late, "2026-06-05", "2026-06-12", 8),
        ((("2026-06-10", "closed"),), "2026-11-22", Status.met, "2026-06-05", "2026-06-12", 0),
    ],
)
def test_weekly_progress_clock(
    extra: tuple[tuple[str, str], ...],
    as_of: str,
    status: Status,
    start: str,
    due: str,
    days_overdue: int,
) -> None:
    case = make_case(
        received="2026-06-03",
        leader="deputy-county-head",
        supervision="city",
        events=_events(*extra),
    )
    clock = ownership.progress_clock(case, WEEKLY, CALENDAR, as_of=dt.date.fromisoformat(as_of))
    assert clock is not None
    assert (clock.status, clock.start.isoformat(), clock.due.isoformat(), clock.days_overdue) == (
        status,
        start,
        due,
        days_overdue,
    )


@pytest.mark.parametrize(
    "case",
    [
        make_case(received="2026-06-03", events=ACCEPTED_0605),  # no owner
        make_case(
            received="2026-06-03",
            leader="county-head",
            events=[{"date": "2026-06-03", "type": "received"}],  # not accepted yet
        ),
    ],
    ids=["no-owner", "not-accepted"],
)
def test_weekly_progress_clock_not_running(case: Case) -> None:
    assert ownership.progress_clock(case, WEEKLY, CALENDAR, as_of=dt.date(2026, 11, 22)) is None


WARNINGS = sorted((DATA / "warnings").glob("*.yaml"))


@pytest.mark.parametrize("example", WARNINGS, ids=lambda p: p.stem)
def test_ownership_example_gives_exact_reminder(tmp_path: Path, example: Path) -> None:
    """Each tests/data/warnings/NAME.yaml, as cases/2026/XF-2026-0099.yaml, gives exactly the
    reminder in NAME.expected: a warning, so validate exits 0 unless --strict."""
    root = make_registry(tmp_path / "r")
    target = root / "cases/2026/XF-2026-0099.yaml"
    shutil.copy(example, target)
    # before the example case's own first weekly report falls due (2026-06-12)
    args = ["--root", str(root), "validate", "--as-of", "2026-06-10", str(target)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == example.with_suffix(".expected").read_text(encoding="utf-8")
    assert "包案提醒 1 处" in result.stderr
    strict = CliRunner().invoke(cli, [*args, "--strict"], catch_exceptions=False)
    assert strict.exit_code == 1


def test_every_ownership_rule_has_an_example() -> None:
    names = {p.stem for p in WARNINGS}
    assert names == {
        "owner-wrong-rank",
        "key-case-without-owner",
        "progress-report-late",
        "second-owner-missing",
    }


def test_reminders_leave_the_case_in_the_registry(registry: Path) -> None:
    shutil.copy(
        DATA / "warnings" / "owner-wrong-rank.yaml", registry / "cases/2026/XF-2026-0099.yaml"
    )
    result = load_registry(registry, as_of=dt.date(2026, 11, 22))
    assert [(p.path, p.level) for p in result.problems] == [
        ("cases/2026/XF-2026-0099.yaml", "warning"),  # the owner's rank
        ("cases/2026/XF-2026-0099.yaml", "warning"),  # no report since 2026-06-04
        ("cases/2026/XF-2026-0137.yaml", "warning"),  # no report since acceptance
    ]
    assert result.errors == []
    assert result.registry is not None
    assert [c.id for c in result.registry.cases] == ["XF-2026-0099", "XF-2026-0137"]
