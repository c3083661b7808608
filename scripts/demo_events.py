"""The life of one demo case: calendar helpers and the events of a petition, step by step.

Part of scripts/generate_demo.py. Dates follow 《信访工作条例》 and the counting rules of
《民法典》 arts. 201 and 203 as summarised in DOMAIN.md; the real clocks live in
policy/deadlines.yaml and the xinfang package. Here they only shape plausible data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from functools import cache

import chinese_calendar
from demo_data import EXTEND_NOTES, PROGRESS_NOTES, REJECT_REASONS, TOWNS, UNITS

DAY = dt.timedelta(days=1)
TODAY = dt.date(2026, 11, 22)
LAST_EVENT_DAY = TODAY - DAY


class AfterToday(Exception):
    """The next step of a case would happen after yesterday: its story stops here."""


@cache
def is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # the package stops at 2026; planned dates may run past it
        return day.weekday() < 5


@cache
def name_break(day: dt.date) -> str | None:
    """The statutory break (法定节假日, not a mere weekend) that `day` falls in, if any."""
    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    return name if off else None


def compute_deadline(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """Day `days` after `start` (art. 201), and that day moved past days off (art. 203).

    Days off are weekends and statutory breaks, as the xinfang deadline code reads art. 203.
    """
    raw = end = start + days * DAY
    while not is_workday(end):
        end += DAY
    return raw, end


def add_workdays(day: dt.date, count: int) -> dt.date:
    while count:
        day += DAY
        count -= is_workday(day)
    return day


def pick_workday(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    workdays = [lo + i * DAY for i in range((hi - lo).days + 1) if is_workday(lo + i * DAY)]
    return rng.choice(workdays) if workdays else lo


def pick_on_time(rng: random.Random, lo: dt.date, raw: dt.date, end: dt.date) -> dt.date:
    if end != raw and rng.random() < 0.3:
        return end  # the last legal day after a break: an edge the deadline code must get right
    return pick_workday(rng, lo, max(lo, raw))


def pick_late(rng: random.Random, end: dt.date, upto: int) -> dt.date:
    # 3 days past the end, so the step is late even if a weekend also moves the last day
    return pick_workday(rng, end + 3 * DAY, end + upto * DAY)


def unit_label(unit: str) -> str:
    name, short, _ = UNITS[unit]
    return short or name


def plan_events(rng: random.Random, case: dict, *, on_last_day: bool = False) -> list[dict]:
    """A plausible life of the matter up to yesterday. `on_last_day`: accept on the last legal day."""
    events = [{"date": case["received"], "type": "received"}]
    with contextlib.suppress(AfterToday):
        live_case(rng, case, events, on_last_day)
    return events


def live_case(rng: random.Random, case: dict, events: list[dict], on_last_day: bool) -> None:
    unit, kind, owned = case["unit"], case["kind"], "leader" in case

    def add(day: dt.date, event_type: str, **fields: object) -> dt.date:
        if day > LAST_EVENT_DAY:
            raise AfterToday
        events.append({"date": day, "type": event_type, **fields})
        return day

    start = case["received"]
    if not on_last_day and rng.random() < 0.3:
        hop = pick_workday(rng, start + DAY, start + 12 * DAY)  # art. 22(1): routed within 15 days
        if rng.random() < 0.1:
            wrong = rng.choice([u for u in UNITS if u != unit])
            add(hop, "transferred", to=wrong)
            objected = add_workdays(hop, rng.randint(1, 5))  # art. 23(3): 5 working days
            reason = f"反映的问题属于{unit_label(unit)}职责范围，不属于本单位职权"
            add(objected, "objected", reason=reason)
            hop = pick_workday(rng, objected + DAY, objected + 4 * DAY)
        start = add(hop, "transferred", to=unit)
    raw, end = compute_deadline(start, 15)
    if on_last_day:
        accepted = end
    elif rng.random() < 0.08:
        accepted = pick_late(rng, end, 20)
    else:
        accepted = pick_on_time(rng, start + DAY, raw, end)
    if not owned and not on_last_day and rng.random() < 0.04:
        add(accepted, "rejected", reason=rng.choice(REJECT_REASONS))
        return
    add(accepted, "accepted")

    extension, earliest = 0, accepted + 7 * DAY
    if kind == "request" and rng.random() < 0.10:
        extension = rng.choice([10, 15, 20, 30])
        asked = pick_workday(rng, accepted + 30 * DAY, accepted + 55 * DAY)
        head = "主要负责人" if unit in TOWNS else "负责人"
        fields = {"days": extension, "approval": f"{unit_label(unit)}{head}批准"}
        if rng.random() < 0.3:
            fields["note"] = rng.choice(EXTEND_NOTES)
        earliest = add(asked, "extended", **fields) + DAY
    raw, end = compute_deadline(accepted, 60 + extension)  # art. 34
    late = rng.random() < 0.10
    answered = add(
        pick_late(rng, end, 40) if late else pick_on_time(rng, earliest, raw, end), "answered"
    )

    last, rating = answered, None
    if rng.random() < 0.85:
        rating = rng.choices(["satisfied", "basically_satisfied", "unsatisfied"], [80, 13, 7])[0]
        last = add(pick_workday(rng, answered + DAY, answered + 10 * DAY), "rated", rating=rating)
    rechecked = False
    if kind == "request" and rng.random() < (0.45 if rating == "unsatisfied" else 0.03):
        last, rechecked = ask_for_review(rng, add, answered, last)
    # a leader keeps a key case until it is closed (结案销号)
    closing = (1.0 if rechecked else 0.9) if owned else (0.8 if rechecked else 0.5)
    if rng.random() < closing:
        how = rng.choices(
            ["resolved", "withdrawn", "terminated"], [2, 1, 7] if rechecked else [7, 2, 1]
        )
        add(pick_workday(rng, last + 2 * DAY, last + 40 * DAY), "closed", how=how[0])


def ask_for_review(
    rng: random.Random, add, answered: dt.date, last: dt.date
) -> tuple[dt.date, bool]:
    """复查 and perhaps 复核 (arts. 35, 36); returns the last date and whether a 复核 opinion exists."""
    asked = add(
        pick_workday(rng, last + DAY, max(last + DAY, answered + 28 * DAY)), "review_requested"
    )
    raw, end = compute_deadline(asked, 30)
    late = rng.random() < 0.15
    last = add(
        pick_late(rng, end, 20) if late else pick_on_time(rng, asked + 7 * DAY, raw, end),
        "reviewed",
    )
    if rng.random() >= 0.3:
        return last, False
    asked = add(pick_workday(rng, last + 3 * DAY, last + 28 * DAY), "recheck_requested")
    raw, _ = compute_deadline(asked, 30)
    paused, earliest = 0, asked + 7 * DAY
    if rng.random() < 0.35:
        began = add(pick_workday(rng, asked + 3 * DAY, asked + 10 * DAY), "hearing_started")
        ended = add(pick_workday(rng, began + DAY, began + 5 * DAY), "hearing_ended")
        paused, earliest = (ended - began).days, ended + DAY
    # art. 36: time spent on the hearing does not count against the 30 days
    return add(pick_workday(rng, earliest, max(earliest, raw + paused * DAY)), "rechecked"), True


def add_progress_reports(rng: random.Random, case: dict) -> None:
    """Weekly 包案 reports from acceptance until the case is closed (or its final 复核 opinion)."""
    events = case["events"]
    accepted = next((e["date"] for e in events if e["type"] == "accepted"), None)
    if accepted is None:
        return
    final = [e["date"] for e in events if e["type"] in ("rechecked", "closed")]
    end = min(final) - DAY if final else LAST_EVENT_DAY
    reports, day = [], accepted + 7 * DAY
    while day <= end:
        reports.append({"date": day, "type": "progress", "note": rng.choice(PROGRESS_NOTES)})
        late = rng.random() < 0.06 and day + 10 * DAY <= end
        day += (rng.randint(8, 10) if late else 7) * DAY
    case["events"] = sorted(events + reports, key=lambda e: e["date"])


def estimate_open_clocks(case: dict) -> list[tuple[str, dt.date]]:
    """Rough due dates of the clocks still running: for the summary, not a replacement of the tool."""
    events = case["events"]
    dates = {e["type"]: e["date"] for e in events}  # the last of each type
    if "closed" in dates:
        return []
    if "accepted" not in dates and "rejected" not in dates:
        start = dates.get("transferred", case["received"])  # the last transfer restarts the clock
        return [("acceptance", compute_deadline(start, 15)[1])]
    clocks = []
    if "accepted" in dates and "answered" not in dates and case["kind"] == "request":
        extension = sum(e["days"] for e in events if e["type"] == "extended")
        clocks.append(("handling", compute_deadline(dates["accepted"], 60 + extension)[1]))
    for asked, given, name in [
        ("review_requested", "reviewed", "review"),
        ("recheck_requested", "rechecked", "recheck"),
    ]:
        if asked in dates and given not in dates:
            clocks.append((name, compute_deadline(dates[asked], 30)[1]))
    if case.get("leader") and "accepted" in dates:
        last = max(e["date"] for e in events if e["type"] in ("accepted", "progress"))
        clocks.append(("progress", last + 7 * DAY))
    return clocks
