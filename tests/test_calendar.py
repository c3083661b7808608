"""OfficialCalendar against the real 2026 arrangement (国务院办公厅 2026 年节假日安排).

2026 at a glance (the library's data, checked against the notice):
元旦 1/1–1/3 (Sun 1/4 works); 春节 2/15–2/23 (Sat 2/14 and Sat 2/28 work);
清明 4/4–4/6; 劳动节 5/1–5/5 (Sat 5/9 works); 端午 6/19–6/21; 中秋 9/25–9/27;
国庆 10/1–10/7 (Sun 9/20 and Sat 10/10 work).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from xinfang.clocks.calendar import OfficialCalendar, Reckoned
from xinfang.models import CalendarYear, HolidaySpan

D = dt.date.fromisoformat
FIXTURE_2027 = Path(__file__).parent / "data" / "calendar-2027.yaml"


def load_calendar_year(path: Path) -> CalendarYear:
    return CalendarYear.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def real_2026(*extra: HolidaySpan) -> CalendarYear:
    """The real 2026 notice typed in as an override, plus any extra spans."""
    spans = [
        ("元旦", "2026-01-01", "2026-01-03"),
        ("春节", "2026-02-15", "2026-02-23"),
        ("清明节", "2026-04-04", "2026-04-06"),
        ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午节", "2026-06-19", "2026-06-21"),
        ("中秋节", "2026-09-25", "2026-09-27"),
        ("国庆节", "2026-10-01", "2026-10-07"),
    ]
    return CalendarYear(
        year=2026,
        notice="测试：2026 年安排",
        holidays=[HolidaySpan(name=n, start=D(s), end=D(e)) for n, s, e in spans] + list(extra),
        workdays=[D(x) for x in ("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                                 "2026-09-20", "2026-10-10")],
    )  # fmt: skip


CAL = OfficialCalendar()


@pytest.mark.parametrize(
    ("day", "working", "name"),
    [
        ("2026-06-10", True, None),  # an ordinary Wednesday
        ("2026-06-13", False, None),  # an ordinary Saturday
        ("2026-06-14", False, None),  # an ordinary Sunday
        ("2026-01-01", False, "元旦"),
        ("2026-01-04", True, None),  # Sunday, make-up working day for 元旦
        ("2026-02-14", True, None),  # Saturday, make-up working day for 春节
        ("2026-02-15", False, "春节"),
        ("2026-02-19", False, "春节"),
        ("2026-02-21", False, "春节"),  # a Saturday inside the break carries the holiday's name
        ("2026-02-23", False, "春节"),
        ("2026-02-24", True, None),
        ("2026-02-28", True, None),  # Saturday, make-up working day for 春节
        ("2026-04-06", False, "清明节"),
        ("2026-05-05", False, "劳动节"),
        ("2026-05-09", True, None),  # Saturday, make-up working day for 劳动节
        ("2026-06-19", False, "端午节"),
        ("2026-09-20", True, None),  # Sunday, make-up working day for 国庆节
        ("2026-09-25", False, "中秋节"),
        ("2026-10-01", False, "国庆节"),
        ("2026-10-07", False, "国庆节"),
        ("2026-10-08", True, None),
        ("2026-10-10", True, None),  # Saturday, make-up working day for 国庆节
        ("2026-10-11", False, None),
    ],
)
def test_2026_days(day: str, working: bool, name: str | None) -> None:
    d = D(day)
    assert CAL.is_working_day(d) is working
    assert CAL.is_day_off(d) is not working
    assert CAL.holiday_name(d) == name


def test_known_years() -> None:
    assert CAL.knows(2004) and CAL.knows(2026)
    assert not CAL.knows(2003) and not CAL.knows(2027)
    with_2027 = OfficialCalendar([load_calendar_year(FIXTURE_2027)])
    assert with_2027.knows(2027)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-06-10", "2026-06-10"),  # a working day stays
        ("2026-06-13", "2026-06-15"),  # Saturday → Monday
        ("2026-02-19", "2026-02-24"),  # inside 春节 → first day after the break
        ("2026-02-14", "2026-02-14"),  # make-up Saturday is a working day: no roll
        ("2026-02-28", "2026-02-28"),
        ("2026-09-20", "2026-09-20"),  # make-up Sunday
        ("2026-10-03", "2026-10-08"),  # inside 国庆节
        ("2026-10-10", "2026-10-10"),  # make-up Saturday
        ("2026-10-11", "2026-10-12"),  # the Sunday after it is an ordinary day off
    ],
)
def test_next_working_day_on_or_after(day: str, expected: str) -> None:
    assert CAL.next_working_day_on_or_after(D(day)) == Reckoned(D(expected), False)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-06-08", 0, "2026-06-08"),
        ("2026-06-08", 5, "2026-06-15"),  # Mon → Tue..Fri (4), Sat/Sun off, Mon (5)
        # Tue 9/29: Wed 9/30 (1); 10/1–10/7 off; Thu 10/8 (2), Fri 10/9 (3), Sat 10/10 make-up (4),
        # Sun 10/11 off, Mon 10/12 (5).
        ("2026-09-29", 5, "2026-10-12"),
        # Thu 2/12: Fri 2/13 (1), Sat 2/14 make-up (2), 2/15–2/23 off, Tue 2/24 (3), 2/25 (4), 2/26 (5)
        ("2026-02-12", 5, "2026-02-26"),
        # Sat 9/19 is off; Sun 9/20 make-up (1), Mon–Thu 9/21–9/24 (2–5)
        ("2026-09-18", 5, "2026-09-24"),
    ],
)
def test_add_working_days(start: str, n: int, expected: str) -> None:
    assert CAL.add_working_days(D(start), n) == Reckoned(D(expected), False)


def test_add_working_days_skips_paused_days() -> None:
    # Mon 6/8 + 2 working days = Wed 6/10; pausing Tue 6/9 pushes it to Thu 6/11.
    assert CAL.add_working_days(D("2026-06-08"), 2, skip={D("2026-06-09")}).day == D("2026-06-11")


def test_unknown_year_is_weekends_only_and_provisional() -> None:
    # 2027-01-01 is a Friday: without the notice it counts as a working day.
    assert CAL.is_working_day(D("2027-01-01"))
    assert CAL.is_day_off(D("2027-01-02"))
    assert CAL.holiday_name(D("2027-01-01")) is None
    assert CAL.next_working_day_on_or_after(D("2027-01-02")) == Reckoned(D("2027-01-04"), True)
    assert CAL.next_working_day_on_or_after(D("2027-01-01")) == Reckoned(D("2027-01-01"), True)
    # Counting from 2026 into 2027 touches 2027: provisional.
    assert CAL.add_working_days(D("2026-12-30"), 2) == Reckoned(D("2027-01-01"), True)
    # A roll-forward that stays in 2026 is exact.
    assert CAL.next_working_day_on_or_after(D("2026-12-26")) == Reckoned(D("2026-12-28"), False)


def test_2027_fixture_makes_2027_exact() -> None:
    cal = OfficialCalendar([load_calendar_year(FIXTURE_2027)])
    assert cal.holiday_name(D("2027-01-01")) == "元旦"
    assert cal.next_working_day_on_or_after(D("2027-01-01")) == Reckoned(D("2027-01-04"), False)
    assert cal.next_working_day_on_or_after(D("2027-02-07")) == Reckoned(D("2027-02-15"), False)
    assert cal.is_working_day(D("2027-02-20"))  # the fixture's make-up Saturday
    # Tue 12/29: Wed 12/30 (1), Thu 12/31 (2); 1/1–1/3 off; Mon 1/4 (3)
    assert cal.add_working_days(D("2026-12-29"), 3) == Reckoned(D("2027-01-04"), False)


def test_override_replaces_the_library_for_its_year() -> None:
    extra = HolidaySpan(name="测试假日", start=D("2026-06-01"), end=D("2026-06-01"))
    cal = OfficialCalendar([real_2026(extra)])
    assert cal.is_day_off(D("2026-06-01"))
    assert cal.holiday_name(D("2026-06-01")) == "测试假日"
    assert cal.next_working_day_on_or_after(D("2026-06-01")).day == D("2026-06-02")
    # everything else of the real arrangement still holds
    assert cal.holiday_name(D("2026-02-19")) == "春节"
    assert cal.is_working_day(D("2026-10-10"))
    # An override that leaves a holiday out really does replace the library.
    bare = OfficialCalendar([CalendarYear(year=2026, notice="测试：空安排")])
    assert bare.is_working_day(D("2026-02-19"))
    assert bare.is_day_off(D("2026-02-14"))  # no make-up day declared: a plain Saturday


def test_notice_may_start_in_the_year_before() -> None:
    notice = CalendarYear(
        year=2027,
        notice="测试：元旦跨年",
        holidays=[HolidaySpan(name="元旦", start=D("2026-12-31"), end=D("2027-01-02"))],
    )
    cal = OfficialCalendar([notice])
    assert cal.holiday_name(D("2026-12-31")) == "元旦"
    assert cal.next_working_day_on_or_after(D("2026-12-31")) == Reckoned(D("2027-01-04"), False)


def test_duplicate_years_are_refused() -> None:
    with pytest.raises(ValueError, match="2026"):
        OfficialCalendar([real_2026(), real_2026()])


def test_days_off_between() -> None:
    assert CAL.days_off_between(D("2026-02-13"), D("2026-02-16")) == [
        D("2026-02-15"),
        D("2026-02-16"),
    ]


def test_agrees_with_the_library_on_every_known_day() -> None:
    import chinese_calendar

    d = D("2004-01-01")
    while d.year <= 2026:
        assert CAL.is_working_day(d) is chinese_calendar.is_workday(d), d
        d += dt.timedelta(days=1)
