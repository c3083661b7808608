"""The clocks of many cases on many as-of dates, each case's clocks worked out once. Pure.

A ranking is computed as of the end of its period, and the site ranks two dozen periods,
each a pass over every case. Between two as-of dates that see the same events of a case,
its clocks differ only in status and days left (`deadlines.restated`), unless a hearing is
still going on: then the pause runs to the as-of date and the clock is worked out afresh.
"""

from __future__ import annotations

import datetime as dt

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Clock, compute_clocks, moves_with_as_of, restated
from xinfang.models import Case, DeadlinePolicy

__all__ = ["SettledClocks"]


class SettledClocks:
    """`compute_clocks` for one registry's cases (told apart by id), on any as-of dates."""

    def __init__(self, policy: DeadlinePolicy, calendar: OfficialCalendar) -> None:
        self.policy = policy
        self.calendar = calendar
        self._kept: dict[str, tuple[int, list[Clock]]] = {}

    def clocks(self, case: Case, *, as_of: dt.date) -> list[Clock]:
        # The events on or before as_of are the case's first events by date: the same number
        # of them means the same events.
        seen = sum(1 for e in case.events if e.date <= as_of)
        kept = self._kept.get(case.id)
        if kept is not None and kept[0] == seen:
            return [restated(c, self.policy, as_of=as_of) for c in kept[1]]
        clocks = compute_clocks(case, self.policy, self.calendar, as_of=as_of)
        if not any(moves_with_as_of(c) for c in clocks):
            self._kept[case.id] = (seen, clocks)
        return clocks
