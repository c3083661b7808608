"""compute_clocks / select_overdue against hand-checked 2026 dates.

Reminders for reading the tables (2026 official calendar): 春节 off 2/15–2/23 (Sat 2/14 and
Sat 2/28 work); 清明 4/4–4/6; 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7 (Sun 9/20 and
Sat 10/10 work). Start day not counted (民法典 art. 201); a last day that is a day off rolls to
the next working day (art. 203).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from case_factory import D, load_policy, make_case
from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import (
    STATUS_LABELS,
    Clock,
    DayOff,
    Status,
    compute_clocks,
    select_overdue,
)
from xinfang.models import Basis, CalendarYear, Case, ClockRule, DeadlinePolicy, HolidaySpan

ROOT = Path(__file__).resolve().parents[1]
YAML_SAFE = YAML(typ="safe")


def load_2027() -> CalendarYear:
    text = (ROOT / "tests" / "data" / "calendar-2027.yaml").read_text(encoding="utf-8")
    return CalendarYear.model_validate(YAML_SAFE.load(text))


POLICY = load_policy()
CAL = OfficialCalendar()


# Required fields of each event type, so tables only spell out what matters.
def clock_of(
    case: Case,
    key: str,
    as_of: str,
    *,
    policy: DeadlinePolicy = POLICY,
    calendar: OfficialCalendar = CAL,
    **kwargs: Any,
) -> Clock | None:
    clocks = compute_clocks(case, policy, calendar, as_of=D(as_of), **kwargs)
    found = [c for c in clocks if c.key == key]
    assert len(found) <= 1
    return found[0] if found else None


def the_clock(case: Case, key: str, as_of: str, **kwargs: Any) -> Clock:
    clock = clock_of(case, key, as_of, **kwargs)
    assert clock is not None, f"no {key} clock"
    return clock


# -- the worked examples of DOMAIN.md --------------------------------------------------------


def test_handling_60_days_from_acceptance() -> None:
    c = the_clock(
        make_case(("received", "2026-06-03"), ("accepted", "2026-06-05")), "handling", "2026-06-10"
    )
    assert (c.start, c.raw_last_day, c.due) == (D("2026-06-05"), D("2026-08-04"), D("2026-08-04"))
    assert c.skipped == () and not c.provisional
    assert c.counting == "calendar" and c.start_event == "accepted"


def test_review_request_rolls_over_spring_festival() -> None:
    case = make_case(
        ("received", "2025-12-01"), ("accepted", "2025-12-02"), ("answered", "2026-01-20")
    )
    c = the_clock(case, "review-request", "2026-01-21")
    assert c.raw_last_day == D("2026-02-19")
    assert c.due == D("2026-02-24")
    assert c.skipped == tuple(DayOff(D(f"2026-02-{d}"), "春节") for d in range(19, 24))


def test_example_case_0137() -> None:
    case = make_case(
        ("received", "2026-06-03"),
        ("accepted", "2026-06-05"),
        ("extended", "2026-07-20", {"days": 20, "approval": "县住建局局长批准"}),
        ("answered", "2026-08-20"),
        case_id="XF-2026-0137",
    )
    c = the_clock(case, "handling", "2026-11-22")
    # 06-05 + 60 + 20 = 08-24, a Monday
    assert c.due == D("2026-08-24") and c.extension_days == 20
    assert c.done == D("2026-08-20") and c.done_event == "answered"
    assert c.status is Status.met and c.days_left is None
    assert c.case_id == "XF-2026-0137" and c.basis.article == "《信访工作条例》第三十四条"


# -- calendar-day clocks: ordinary weeks, weekends, holidays, make-up days -------------------


@pytest.mark.parametrize(
    ("key", "events", "raw", "due"),
    [
        # Mon 6/8 + 15 = Tue 6/23: an ordinary week
        ("routing", [("received", "2026-06-08")], "2026-06-23", "2026-06-23"),
        # Fri 6/12 + 15 = Sat 6/27 → Mon 6/29
        ("routing", [("received", "2026-06-12")], "2026-06-27", "2026-06-29"),
        # Thu 6/4 + 15 = Fri 6/19, 端午 6/19–6/21 → Mon 6/22
        ("acceptance", [("received", "2026-06-04")], "2026-06-19", "2026-06-22"),
        # 9/1 + 30 = Thu 10/1, 国庆 10/1–10/7 → Thu 10/8
        ("review", [("review_requested", "2026-09-01")], "2026-10-01", "2026-10-08"),
        # 3/6 + 30 = Sun 4/5, 清明 4/4–4/6 → Tue 4/7
        ("review", [("review_requested", "2026-03-06")], "2026-04-05", "2026-04-07"),
        # 12/16/2025 + 60 = Sat 2/14, a make-up working day: no roll
        ("handling", [("accepted", "2025-12-16")], "2026-02-14", "2026-02-14"),
        # 1/29 + 30 = Sat 2/28, a make-up working day: no roll
        ("review", [("review_requested", "2026-01-29")], "2026-02-28", "2026-02-28"),
        # 8/21 + 30 = Sun 9/20, a make-up working day: no roll
        ("review", [("review_requested", "2026-08-21")], "2026-09-20", "2026-09-20"),
        # 8/20 + 30 = Sat 9/19 → Sun 9/20 (make-up day) is the first working day
        ("review-request", [("answered", "2026-08-20")], "2026-09-19", "2026-09-20"),
        # 9/25 + 15 = Sat 10/10, a make-up working day: no roll
        ("routing", [("received", "2026-09-25")], "2026-10-10", "2026-10-10"),
        # 9/26 + 15 = Sun 10/11, an ordinary Sunday → Mon 10/12
        ("routing", [("received", "2026-09-26")], "2026-10-11", "2026-10-12"),
        # Sat 6/6 + 7 = Sat 6/13 → Mon 6/15
        ("progress", [("accepted", "2026-06-06")], "2026-06-13", "2026-06-15"),
    ],
)
def test_calendar_day_clocks(key: str, events: list[tuple[str, str]], raw: str, due: str) -> None:
    c = the_clock(make_case(*events, leader="wang-wei"), key, "2026-12-31")
    assert (c.raw_last_day, c.due) == (D(raw), D(due))
    assert not c.provisional
    assert [d.date for d in c.skipped] == CAL.days_off_between(
        D(raw), D(due) - dt.timedelta(days=1)
    )


# -- working-day clock ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("transferred", "due"),
    [
        # Thu 6/4: Fri 6/5 (1), Mon–Thu 6/8–6/11 (2–5)
        ("2026-06-04", "2026-06-11"),
        # Tue 9/29: Wed 9/30 (1); 10/1–10/7 off; Thu 10/8 (2), Fri 10/9 (3), Sat 10/10 make-up (4);
        # Sun 10/11 off; Mon 10/12 (5)
        ("2026-09-29", "2026-10-12"),
        # Thu 2/12: Fri 2/13 (1), Sat 2/14 make-up (2); 2/15–2/23 off; Tue–Thu 2/24–2/26 (3–5)
        ("2026-02-12", "2026-02-26"),
    ],
)
def test_objection_counts_working_days(transferred: str, due: str) -> None:
    c = the_clock(
        make_case(("received", "2026-01-05"), ("transferred", transferred)),
        "objection",
        "2026-12-31",
    )
    assert c.counting == "working"
    assert c.due == c.raw_last_day == D(due)
    assert c.skipped == ()


# -- extensions and hearing pauses -------------------------------------------------------------


def test_extensions_are_capped() -> None:
    case = make_case(
        ("accepted", "2026-06-05"),
        ("extended", "2026-07-20", {"days": 20}),
        ("extended", "2026-08-20", {"days": 20}),
    )
    c = the_clock(case, "handling", "2026-08-21")
    # 40 requested, 30 allowed: 6/5 + 90 = Thu 9/3
    assert c.extension_days == 30 and c.requested_extension_days == 40
    assert [(e.date, e.days) for e in c.extensions] == [
        (D("2026-07-20"), 20),
        (D("2026-08-20"), 20),
    ]
    assert c.due == D("2026-09-03")


def test_extension_only_on_the_clock_that_allows_it() -> None:
    case = make_case(("answered", "2026-03-02"), ("extended", "2026-03-05", {"days": 10}))
    c = the_clock(case, "review-request", "2026-03-10")
    # 3/2 + 30 = Wed 4/1, the extension does not apply to a 30-day window
    assert c.extension_days == 0 and c.extensions == () and c.due == D("2026-04-01")


@pytest.mark.parametrize(
    ("hearing", "as_of", "paused", "raw", "due", "ongoing"),
    [
        # 3/2 + 30 = 4/1; hearing 3/10–3/12 (3 days) → Sat 4/4 → 清明 4/4–4/6 → Tue 4/7
        (("2026-03-10", "2026-03-12"), "2026-04-01", 3, "2026-04-04", "2026-04-07", False),
        # still in the hearing on 3/20: 3/10–3/20 paused (11 days) → Sun 4/12 → Mon 4/13
        (("2026-03-10", None), "2026-03-20", 11, "2026-04-12", "2026-04-13", True),
        # a hearing starting on the request day: that day is never counted, only 3/3 is paused
        (("2026-03-02", "2026-03-03"), "2026-03-05", 1, "2026-04-02", "2026-04-02", False),
        # a hearing after the last day moves nothing (4/1 has passed already)
        (("2026-04-10", "2026-04-11"), "2026-04-20", 0, "2026-04-01", "2026-04-01", False),
    ],
)
def test_recheck_hearing_pause(
    hearing: tuple[str, str | None], as_of: str, paused: int, raw: str, due: str, ongoing: bool
) -> None:
    events: list[tuple[str, str]] = [
        ("recheck_requested", "2026-03-02"),
        ("hearing_started", hearing[0]),
    ]
    if hearing[1]:
        events.append(("hearing_ended", hearing[1]))
    c = the_clock(make_case(*events), "recheck", as_of)
    assert c.paused_days == paused
    assert (c.raw_last_day, c.due) == (D(raw), D(due))
    assert [p.ongoing for p in c.pauses] == [ongoing]


def test_extension_and_hearing_pause_together() -> None:
    rule = ClockRule(
        name="测试期限",
        start=["accepted"],
        stop=["answered"],
        days=60,
        max_extension=30,
        pause_for_hearing=True,
        basis=Basis(article="测试条款", summary="延期与听证同时适用"),
    )
    policy = DeadlinePolicy(clocks={"combo": rule})
    case = make_case(
        ("accepted", "2026-06-05"),
        ("hearing_started", "2026-07-01"),
        ("hearing_ended", "2026-07-03"),
        ("extended", "2026-07-20", {"days": 20}),
    )
    c = the_clock(case, "combo", "2026-08-01", policy=policy)
    # 6/5 + 60 + 20 = 8/24, plus 3 hearing days = Thu 8/27
    assert (c.extension_days, c.paused_days) == (20, 3)
    assert c.due == D("2026-08-27")
    # a hearing ending after the extension pushed the last day past a weekend: 8/27 + 2 = Sat 8/29
    longer = make_case(
        ("accepted", "2026-06-05"),
        ("hearing_started", "2026-07-01"),
        ("hearing_ended", "2026-07-05"),
        ("extended", "2026-07-20", {"days": 20}),
    )
    c = the_clock(longer, "combo", "2026-08-01", policy=policy)
    assert (c.raw_last_day, c.due) == (D("2026-08-29"), D("2026-08-31"))


# -- years the calendar does not know --------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "events", "without_2027", "with_2027"),
    [
        # 11/2 + 60 = Fri 2027-01-01: a working day by weekends only; 元旦 in the fixture → Mon 1/4
        ("handling", [("accepted", "2026-11-02")], "2027-01-01", "2027-01-04"),
        # 2027-01-08 + 30 = Sun 2/7: → Mon 2/8 by weekends; fixture 春节 2/5–2/13, Sun 2/14 → Mon 2/15
        ("review", [("review_requested", "2027-01-08")], "2027-02-08", "2027-02-15"),
        # Tue 12/29: Wed 12/30 (1), Thu 12/31 (2), Fri 1/1 (3) or, with 元旦 off, Mon 1/4 (3)…
        # …(4) Tue 1/5, (5) Wed 1/6; weekends only: Mon 1/4 (4), Tue 1/5 (5)
        ("objection", [("transferred", "2026-12-29")], "2027-01-05", "2027-01-06"),
    ],
)
def test_deadline_in_2027(
    key: str, events: list[tuple[str, str]], without_2027: str, with_2027: str
) -> None:
    case = make_case(*events)
    guess = the_clock(case, key, "2027-01-10")
    assert guess.due == D(without_2027) and guess.provisional
    exact = the_clock(case, key, "2027-01-10", calendar=OfficialCalendar([load_2027()]))
    assert exact.due == D(with_2027) and not exact.provisional


def test_deadline_inside_2026_is_not_provisional_late_in_the_year() -> None:
    # 12/1 + 15 = Wed 12/16
    c = the_clock(make_case(("received", "2026-12-01")), "routing", "2026-12-02")
    assert c.due == D("2026-12-16") and not c.provisional


def test_repo_override_beats_the_library() -> None:
    case = make_case(("accepted", "2026-04-02"))
    # 4/2 + 60 = Mon 6/1, a working day
    assert the_clock(case, "handling", "2026-04-03").due == D("2026-06-01")
    notice = CalendarYear(
        year=2026,
        notice="测试：在真实安排之外把 6 月 1 日设为假日",
        holidays=[
            HolidaySpan(name="春节", start=D("2026-02-15"), end=D("2026-02-23")),
            HolidaySpan(name="测试假日", start=D("2026-06-01"), end=D("2026-06-01")),
        ],
        workdays=[D("2026-02-14"), D("2026-02-28")],
    )
    c = the_clock(case, "handling", "2026-04-03", calendar=OfficialCalendar([notice]))
    assert c.due == D("2026-06-02")
    assert c.skipped == (DayOff(D("2026-06-01"), "测试假日"),)
    assert not c.provisional


# -- which events exist, which clocks exist ---------------------------------------------------


def test_later_events_are_ignored() -> None:
    case = make_case(
        ("received", "2026-06-03"),
        ("accepted", "2026-06-05"),
        ("extended", "2026-07-20", {"days": 20}),
        ("answered", "2026-08-20"),
    )
    early = the_clock(case, "handling", "2026-07-10")
    assert (early.due, early.done, early.status, early.days_left) == (
        D("2026-08-04"), None, Status.running, 25,
    )  # fmt: skip
    assert clock_of(case, "review-request", "2026-07-10") is None
    later = the_clock(case, "handling", "2026-08-10")
    assert (later.due, later.status, later.days_left) == (D("2026-08-24"), Status.running, 14)
    assert the_clock(case, "handling", "2026-08-20").status is Status.met
    assert clock_of(case, "handling", "2026-06-04") is None
    assert compute_clocks(case, POLICY, CAL, as_of=D("2026-06-02")) == []


def test_clocks_follow_kind_and_leader() -> None:
    events = [("received", "2026-06-03"), ("accepted", "2026-06-05")]
    keys = [c.key for c in compute_clocks(make_case(*events), POLICY, CAL, as_of=D("2026-06-10"))]
    assert keys == ["routing", "acceptance", "handling"]
    suggestion = make_case(*events, kind="suggestion", leader="wang-wei")
    keys = [c.key for c in compute_clocks(suggestion, POLICY, CAL, as_of=D("2026-06-10"))]
    assert keys == ["routing", "acceptance", "progress"]


def test_transfer_restarts_acceptance() -> None:
    case = make_case(("received", "2026-06-03"), ("transferred", "2026-06-08"))
    # before the transfer: 6/3 + 15 = Thu 6/18
    assert the_clock(case, "acceptance", "2026-06-05").due == D("2026-06-18")
    # the unit receives it on 6/8: 6/8 + 15 = Tue 6/23
    c = the_clock(case, "acceptance", "2026-06-09")
    assert (c.start, c.start_event, c.due) == (D("2026-06-08"), "transferred", D("2026-06-23"))
    # routing stopped at the transfer
    assert the_clock(case, "routing", "2026-06-09").done == D("2026-06-08")


def test_objection_then_transfer_to_another_unit() -> None:
    case = make_case(
        ("received", "2026-06-01"),
        ("transferred", "2026-06-02", {"to": "town-a"}),
        ("objected", "2026-06-05"),
        ("transferred", "2026-06-10", {"to": "town-b"}),
    )
    # the second unit's window: Wed 6/10 → Thu 6/11 (1), Fri 6/12 (2), Mon–Wed 6/15–6/17 (3–5)
    c = the_clock(case, "objection", "2026-06-11")
    assert (c.start, c.due, c.done, c.status) == (
        D("2026-06-10"),
        D("2026-06-17"),
        None,
        Status.running,
    )
    assert the_clock(case, "acceptance", "2026-06-11").start == D("2026-06-10")


def test_progress_clock_restarts_on_each_report() -> None:
    events = [("accepted", "2026-06-05"), ("progress", "2026-06-12"), ("progress", "2026-06-19")]
    case = make_case(*events, leader="wang-wei")
    # Fri 6/19 + 7 = Fri 6/26; the rule's own due_soon_days (2) beats the policy's 5:
    # on 6/22 four days are left (running), on 6/24 two (临期)
    c = the_clock(case, "progress", "2026-06-22")
    assert (c.start, c.start_event, c.due, c.status) == (
        D("2026-06-19"), "progress", D("2026-06-26"), Status.running,
    )  # fmt: skip
    assert the_clock(case, "progress", "2026-06-24").status is Status.due_soon
    # as of 6/15 only the first report exists: 6/12 + 7 = Fri 6/19, 端午 6/19–6/21 → Mon 6/22
    assert the_clock(case, "progress", "2026-06-15").due == D("2026-06-22")
    # no report yet on 6/15 of a case accepted 6/5: 6/5 + 7 = Fri 6/12, 3 days overdue
    late = the_clock(make_case(events[0], leader="wang-wei"), "progress", "2026-06-15")
    assert (late.due, late.status, late.days_left) == (D("2026-06-12"), Status.overdue, -3)
    closed = make_case(*events, ("closed", "2026-06-24"), leader="wang-wei")
    c = the_clock(closed, "progress", "2026-07-31")
    assert (c.start, c.done, c.status) == (D("2026-06-19"), D("2026-06-24"), Status.met)
    assert clock_of(make_case(*events), "progress", "2026-06-22") is None  # no leader


# -- status ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "days_left"),
    [
        ("2026-07-29", Status.running, 6),
        ("2026-07-30", Status.due_soon, 5),
        ("2026-08-04", Status.due_soon, 0),  # the due day itself is not overdue
        ("2026-08-05", Status.overdue, -1),
        ("2026-09-04", Status.overdue, -31),
    ],
)
def test_duty_status_boundaries(as_of: str, status: Status, days_left: int) -> None:
    c = the_clock(make_case(("accepted", "2026-06-05")), "handling", as_of)  # due 8/4
    assert (c.status, c.days_left) == (status, days_left)


def test_due_soon_days_parameter() -> None:
    case = make_case(("accepted", "2026-06-05"))
    assert the_clock(case, "handling", "2026-07-29", due_soon_days=6).status is Status.due_soon
    assert the_clock(case, "handling", "2026-07-30", due_soon_days=0).status is Status.running


@pytest.mark.parametrize(
    ("done", "status"),
    [("2026-08-04", Status.met), ("2026-08-05", Status.met_late)],
)
def test_done_on_or_after_due(done: str, status: Status) -> None:
    case = make_case(("accepted", "2026-06-05"), ("answered", done))
    c = the_clock(case, "handling", "2026-12-01")
    assert (c.status, c.days_left, c.days_overdue) == (
        status,
        None,
        0 if status is Status.met else 1,
    )


@pytest.mark.parametrize(
    ("as_of", "status", "days_left"),
    [
        ("2026-02-18", Status.running, 6),
        ("2026-02-24", Status.running, 0),  # windows are never 临期
        ("2026-02-25", Status.lapsed, -1),  # and never 逾期
    ],
)
def test_windows_lapse(as_of: str, status: Status, days_left: int) -> None:
    case = make_case(("answered", "2026-01-20"))  # review request window due 2/24
    c = the_clock(case, "review-request", as_of)
    assert (c.status, c.days_left) == (status, days_left)
    assert select_overdue([c], within=30) == []


def test_window_used_late_is_met_late() -> None:
    case = make_case(("answered", "2026-01-20"), ("review_requested", "2026-03-01"))
    assert the_clock(case, "review-request", "2026-03-02").status is Status.met_late


def test_status_labels() -> None:
    assert STATUS_LABELS == {
        "running": "进行中",
        "due_soon": "临期",
        "overdue": "逾期",
        "met": "按期完成",
        "met_late": "逾期完成",
        "lapsed": "已过期",
    }
    assert Status.overdue.label == "逾期"


# -- select_overdue ------------------------------------------------------------------------------


def test_select_overdue() -> None:
    as_of = D("2026-08-06")
    cases = [
        make_case(("accepted", "2026-06-05"), case_id="XF-2026-0001"),  # handling due 8/4: -2
        make_case(("accepted", "2026-06-01"), case_id="XF-2026-0002"),  # 6/1+60 = 7/31: -6
        make_case(("accepted", "2026-06-10"), case_id="XF-2026-0003"),  # 8/9 Sun → 8/10: 4 left
        make_case(("accepted", "2026-07-01"), case_id="XF-2026-0004"),  # 8/30 Sun → 8/31: 25 left
        make_case(("answered", "2026-07-01"), case_id="XF-2026-0005"),  # window lapsed 7/31
    ]
    clocks = [c for case in cases for c in compute_clocks(case, POLICY, CAL, as_of=as_of)]
    overdue = [(c.case_id, c.key, c.days_left) for c in select_overdue(clocks)]
    assert overdue == [("XF-2026-0002", "handling", -6), ("XF-2026-0001", "handling", -2)]
    soon = [(c.case_id, c.days_left) for c in select_overdue(clocks, within=5)]
    assert soon == [("XF-2026-0002", -6), ("XF-2026-0001", -2), ("XF-2026-0003", 4)]
