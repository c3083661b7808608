"""初信初访一次性化解 and 年终结案: two rates that look at more than one clock. Pure.

A first petition (`first: true`) is resolved at the first handling when it was answered, was
not rated unsatisfied, and neither a review request nor a repeat petition (a later case whose
`repeat_of` names it) followed within the review window (the clock named by the rate, the
30 days of art. 35). It is judged only once that window has closed: the day after its last
day is the day it enters a period. Until then it is 待定, in neither numerator nor denominator.

The conclusion rate (结案率, formula `year_end`) counts matters assigned (交办 or 转送; a
matter never transferred counts from its registration) inside the period, concluded
(answered or closed) by its end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from xinfang.clocks.deadlines import Clock
from xinfang.models import Case

Repeats = Mapping[str, Sequence[dt.date]]  # case id → dates later petitions named it


def judged_on(case: Case, clocks: Mapping[str, Clock], window: str) -> dt.date | None:
    """The day a first petition's one-time resolution is decided, or None (not answered)."""
    clock = clocks.get(window)
    if clock is None or clock.start_event != "answered":
        return None
    return clock.due + dt.timedelta(days=1)


def first_resolution(
    case: Case,
    clocks: Mapping[str, Clock],
    window: str,
    repeats: Repeats,
    start: dt.date,
    end: dt.date,
) -> bool | None:
    """True/False when the first petition is judged inside [start, end], else None (not a
    first petition, not answered, or 待定)."""
    if not case.first:
        return None
    judged = judged_on(case, clocks, window)
    if judged is None or not start <= judged <= end:
        return None
    answered = clocks[window].start
    last_day = judged - dt.timedelta(days=1)
    ratings = [e.rating for e in case.events if e.type == "rated" and e.date <= last_day]
    if ratings and ratings[-1] == "unsatisfied":
        return False
    if any(e.type == "review_requested" and e.date <= last_day for e in case.events):
        return False
    return not any(answered <= day <= last_day for day in repeats.get(case.id, ()))


def assigned_on(case: Case) -> dt.date:
    """The day a matter was assigned to its unit: the first transfer, else registration."""
    transfer = next((e for e in case.events if e.type == "transferred"), None)
    return transfer.date if transfer else case.received


def concluded(case: Case, start: dt.date, end: dt.date) -> bool | None:
    """For a matter assigned inside [start, end]: whether it was concluded by the end."""
    if not start <= assigned_on(case) <= end:
        return None
    return any(e.type in ("answered", "closed") and e.date <= end for e in case.events)
