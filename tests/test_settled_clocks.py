"""SettledClocks: the clocks of many cases on many as-of dates, each case worked out once,
must be exactly what compute_clocks gives on every date, in any order of dates."""

from __future__ import annotations

import datetime as dt
import random

from case_factory import ROOT, D, load_policy, make_case
from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Status, compute_clocks
from xinfang.clocks.settled import SettledClocks
from xinfang.registry.loader import load_registry

POLICY = load_policy()
CAL = OfficialCalendar()


def test_same_as_compute_clocks_for_every_demo_case_on_dates_in_any_order():
    registry = load_registry(ROOT, use_cache=False).registry
    settled = SettledClocks(registry.deadlines, registry.calendar)
    rnd = random.Random(16)
    first = dt.date(2024, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range(0, 1100, 9)]
    reused = 0
    for case in registry.cases:
        for day in rnd.sample(days, 12):
            before = settled._kept.get(case.id)
            got = settled.clocks(case, as_of=day)
            assert got == compute_clocks(case, registry.deadlines, registry.calendar, as_of=day)
            reused += before is not None and before is settled._kept.get(case.id)
    assert reused > 1000  # the point of it: most answers came from what was kept


def test_an_open_clock_moves_with_the_date_without_new_events():
    case = make_case(("received", "2026-03-02"))
    settled = SettledClocks(POLICY, CAL)
    early = {c.key: c for c in settled.clocks(case, as_of=D("2026-03-03"))}
    late = {c.key: c for c in settled.clocks(case, as_of=D("2026-06-30"))}
    assert early["acceptance"].status is Status.running
    assert late["acceptance"].status is Status.overdue
    assert late["acceptance"].days_left < 0 < early["acceptance"].days_left


def test_an_ongoing_hearing_is_worked_out_again_on_each_date():
    case = make_case(("recheck_requested", "2026-03-02"), ("hearing_started", "2026-03-10"))
    settled = SettledClocks(POLICY, CAL)
    for as_of in ("2026-03-20", "2026-03-12", "2026-03-25"):
        got = settled.clocks(case, as_of=D(as_of))
        assert got == compute_clocks(case, POLICY, CAL, as_of=D(as_of))
    recheck = next(c for c in got if c.key == "recheck")
    assert recheck.pauses[0].ongoing and recheck.paused_days == 16  # 3/10–3/25
