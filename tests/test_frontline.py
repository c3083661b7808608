"""frontline.py: months, owed Tuesdays, quotas and the reception publication rule.

Real dates of 2026 with the official calendar: Labour Day (05-01..05-05), National Day
(10-01..10-07) and Spring Festival (02-15..02-23) each swallow a Tuesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from registry_factory import REPO
from xinfang.clocks.calendar import OfficialCalendar
from xinfang.leaders.frontline import (
    Month,
    notice_days,
    published_late,
    quota_text,
    receptions_between,
    required_weekdays,
    tally_leader,
    tally_towns,
)
from xinfang.models import Leader
from xinfang.models.leadership import FrontlineEntry, FrontlinePolicy, Reception
from xinfang.registry import store

POLICY = FrontlinePolicy.model_validate(store.load_file(REPO / "policy/frontline.yaml", "f"))
WORKING = OfficialCalendar().is_working_day
TUESDAY = 1

COUNTY = Leader(name="李伟", post="副县长", rank="deputy_county_head", towns=["qingshi-town"])
DEPARTMENT = Leader(name="周强", post="县住建局局长", rank="department_head", unit="housing-bureau")
CADRE = Leader(name="郑敏", post="青石镇包村干部", rank="town_cadre", unit="qingshi-town")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_month_parsing_and_neighbours() -> None:
    month = Month.parse("2026-12")
    assert (month.first, month.last) == (d("2026-12-01"), d("2026-12-31"))
    assert (str(month.next()), str(month.previous())) == ("2027-01", "2026-11")
    assert str(Month.parse("2026-01").previous()) == "2025-12"
    assert Month.parse("2028-02").last == d("2028-02-29")
    assert d("2026-12-31") in month and d("2027-01-01") not in month
    assert month.label == "2026 年 12 月"
    for bad in ("2026-13", "2026-1", "26-10", "2026-10-01"):
        with pytest.raises(ValueError, match="不是有效月份"):
            Month.parse(bad)


@pytest.mark.parametrize(
    ("month", "owed"),
    [
        ("2026-09", ["09-01", "09-08", "09-15", "09-22", "09-29"]),  # five Tuesdays
        ("2026-10", ["10-13", "10-20", "10-27"]),  # 10-06 is in the National Day break
        ("2026-05", ["05-12", "05-19", "05-26"]),  # 05-05 is in the Labour Day break
        ("2026-02", ["02-03", "02-10", "02-24"]),  # 02-17 is in the Spring Festival break
        ("2026-11", ["11-03", "11-10", "11-17", "11-24"]),
        ("2026-12", ["12-01", "12-08", "12-15", "12-22", "12-29"]),
    ],
)
def test_owed_tuesdays_are_the_working_tuesdays_of_the_month(month: str, owed: list[str]) -> None:
    days = required_weekdays(Month.parse(month), TUESDAY, WORKING)
    assert [f"{x.month:02d}-{x.day:02d}" for x in days] == owed


def _entries(key: str, *days: tuple[str, str]) -> list[FrontlineEntry]:
    return [
        FrontlineEntry(leader=key, date=d(day), where=where, work="走访") for day, where in days
    ]


Q = "qingshi-town"
OTHER = "baishui-town"


@pytest.mark.parametrize(
    ("leader", "days", "month", "counts", "shortfalls"),
    [
        # county-level: 2 days in linked towns and 1 on the line
        (COUNTY, [("2026-10-13", Q), ("2026-10-20", Q), ("2026-10-22", "line")], "2026-10",
         (2, 1, 3), []),
        (COUNTY, [("2026-10-13", Q), ("2026-10-22", "line")], "2026-10",
         (1, 1, 2), ["联系乡镇少 1 天"]),
        # a town the leader is not linked to counts in the total, not towards the towns
        (COUNTY, [("2026-10-13", OTHER), ("2026-10-20", OTHER), ("2026-10-22", "line")],
         "2026-10", (0, 1, 3), ["联系乡镇少 2 天"]),
        (COUNTY, [("2026-10-13", Q), ("2026-10-20", Q), ("2026-10-21", Q)], "2026-10",
         (3, 0, 3), ["分管战线少 1 天"]),
        (COUNTY, [], "2026-10", (0, 0, 0), ["联系乡镇少 2 天", "分管战线少 1 天"]),
        # days of another month do not count
        (COUNTY, [("2026-09-30", Q), ("2026-10-13", Q), ("2026-11-02", "line")], "2026-10",
         (1, 0, 1), ["联系乡镇少 1 天", "分管战线少 1 天"]),
        # department heads: 2 days anywhere
        (DEPARTMENT, [("2026-10-12", "line"), ("2026-10-26", Q)], "2026-10", (0, 1, 2), []),
        (DEPARTMENT, [("2026-10-12", "line")], "2026-10", (0, 1, 1), ["合计少 1 天"]),
        # town cadres: every working Tuesday, and at least 4 days
        (CADRE, [("2026-09-01", Q), ("2026-09-08", Q), ("2026-09-15", Q), ("2026-09-22", Q),
                 ("2026-09-29", Q)], "2026-09", (0, 0, 5), []),
        (CADRE, [("2026-09-01", Q), ("2026-09-08", Q), ("2026-09-15", Q), ("2026-09-22", Q)],
         "2026-09", (0, 0, 4), ["缺周二 1 次（9/29）"]),
        # October owes three Tuesdays, so a fourth day must be found elsewhere in the week
        (CADRE, [("2026-10-13", Q), ("2026-10-20", Q), ("2026-10-27", Q)], "2026-10",
         (0, 0, 3), ["合计少 1 天"]),
        (CADRE, [("2026-10-13", Q), ("2026-10-15", Q), ("2026-10-20", Q), ("2026-10-27", Q)],
         "2026-10", (0, 0, 4), []),
        # going out on the holiday Tuesday counts as a day, though it was not owed
        (CADRE, [("2026-10-06", Q), ("2026-10-13", Q), ("2026-10-20", Q), ("2026-10-27", Q)],
         "2026-10", (0, 0, 4), []),
        (CADRE, [("2026-10-14", Q), ("2026-10-15", Q), ("2026-10-16", Q), ("2026-10-20", Q)],
         "2026-10", (0, 0, 4), ["缺周二 2 次（10/13、10/27）"]),
    ],
)  # fmt: skip
def test_quota_edge_cases(
    leader: Leader,
    days: list[tuple[str, str]],
    month: str,
    counts: tuple[int, int, int],
    shortfalls: list[str],
) -> None:
    quota = POLICY.quota_for(leader.rank)
    assert quota is not None
    lm = tally_leader("x", leader, quota, _entries("x", *days), Month.parse(month), WORKING)
    assert (lm.town_days, lm.line_days, lm.days) == counts
    assert list(lm.shortfalls) == shortfalls
    assert lm.short is bool(shortfalls)


def test_other_leaders_entries_do_not_count() -> None:
    quota = POLICY.quota_for(COUNTY.rank)
    entries = _entries("someone-else", ("2026-10-13", Q), ("2026-10-20", Q), ("2026-10-22", "line"))
    lm = tally_leader("x", COUNTY, quota, entries, Month.parse("2026-10"), WORKING)
    assert lm.days == 0


def test_quotas_follow_the_policy_file() -> None:
    texts = {rank.value: quota_text(POLICY.quota_for(rank)) for rank in (COUNTY.rank, DEPARTMENT.rank, CADRE.rank)}  # fmt: skip
    assert texts == {
        "deputy_county_head": "联系乡镇≥2天，分管战线≥1天",
        "department_head": "合计≥2天",
        "town_cadre": "合计≥4天，每周二（节假日除外）",
    }


def test_towns_list_linked_leaders_and_visits() -> None:
    leaders = {"li-wei": COUNTY, "zheng-min": CADRE}
    entries = _entries("li-wei", ("2026-10-13", Q), ("2026-10-14", "line"), ("2026-10-20", OTHER))
    entries += _entries("zheng-min", ("2026-10-13", Q), ("2026-10-20", Q))
    towns = tally_towns([Q, OTHER], leaders, entries, Month.parse("2026-10"))
    assert [(t.town, t.linked, t.visits, t.days) for t in towns] == [
        (Q, ("li-wei",), {"li-wei": 1, "zheng-min": 2}, 3),
        (OTHER, (), {"li-wei": 1}, 1),
    ]


def _reception(date: str, published: str, leader: str = "li-wei") -> Reception:
    return Reception(
        leader=leader, date=d(date), place="青石镇便民服务中心", unit=Q, published=d(published)
    )


@pytest.mark.parametrize(
    ("date", "published", "days", "late"),
    [
        ("2026-12-08", "2026-12-01", 7, False),  # exactly a week ahead
        ("2026-12-08", "2026-12-02", 6, True),  # six days: late
        ("2026-12-08", "2026-11-20", 18, False),
        ("2026-12-08", "2026-12-08", 0, True),  # published on the day
    ],
)
def test_reception_must_be_published_a_week_ahead(
    date: str, published: str, days: int, late: bool
) -> None:
    r = _reception(date, published)
    assert notice_days(r) == days
    assert published_late(r, POLICY.receptions) is late


def test_receptions_between_includes_the_first_day_only() -> None:
    rs = [
        _reception("2026-12-05", "2026-11-20", "b"),
        _reception("2026-11-22", "2026-11-10"),
        _reception("2026-12-06", "2026-11-20"),
        _reception("2026-11-21", "2026-11-10"),
        _reception("2026-12-05", "2026-11-20", "a"),
    ]
    got = receptions_between(rs, d("2026-11-22"), 14)
    assert [(r.date.isoformat(), r.leader) for r in got] == [
        ("2026-11-22", "li-wei"),
        ("2026-12-05", "a"),
        ("2026-12-05", "b"),
    ]
