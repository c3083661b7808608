"""Clocks (期限) of a case as of a date. Pure: no files, no clock reads.

Each `ClockRule` of `policy/deadlines.yaml` becomes at most one `Clock` per case: the current
period of that rule. Counting follows 《民法典》:

- art. 201: the day of the start event is not counted; counting starts the next day;
- art. 203: when the last day of a calendar-day period is a day off, the period ends on the
  first working day after it (roll-forward, applied once, to the final last day);
- working-day periods count working days only, so they never need a roll-forward.

Public API: `compute_clocks`, `select_overdue`, `Clock`, `Status`, `STATUS_LABELS`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal, NamedTuple

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.models import Basis, Case, ClockRule, DeadlinePolicy, Event
from xinfang.models.common import Labeled

__all__ = [
    "STATUS_LABELS",
    "Clock",
    "DayOff",
    "Extension",
    "Pause",
    "Status",
    "compute_clocks",
    "moves_with_as_of",
    "restated",
    "select_overdue",
]

_ONE_DAY = dt.timedelta(days=1)


class Status(Labeled):
    """Where a clock stands on the as-of date."""

    running = "running"
    due_soon = "due_soon"
    overdue = "overdue"
    met = "met"
    met_late = "met_late"
    lapsed = "lapsed"


Status.LABELS = {
    "running": "进行中",
    "due_soon": "临期",
    "overdue": "逾期",
    "met": "按期完成",
    "met_late": "逾期完成",
    "lapsed": "已过期",
}

#: The Chinese label of every status, keyed by its value: the one place these words live.
STATUS_LABELS: dict[str, str] = Status.LABELS


class Extension(NamedTuple):
    """An approved extension (延期) counted on a clock."""

    date: dt.date
    days: int
    approval: str


class Pause(NamedTuple):
    """A hearing (听证) whose days are not counted.

    `days` is how many of its days actually moved the last day (days on or before the start
    day, or after the last day, change nothing). `ongoing` when the hearing had not ended on
    the as-of date: it is then counted through the as-of date and the due date will move on.
    """

    start: dt.date
    end: dt.date
    days: int
    ongoing: bool


class DayOff(NamedTuple):
    """A day off skipped by the roll-forward; `name` is the holiday (春节…) or None for a weekend."""

    date: dt.date
    name: str | None


# Not frozen (nothing assigns to a clock; it is hashable all the same): a frozen dataclass
# sets each of its 22 fields through object.__setattr__, which was a third of computing the
# 400,000 clocks of a 100,000-case registry.
@dataclass(slots=True, unsafe_hash=True)
class Clock:
    """One deadline of one case, with everything needed to explain how it was reached.

    `due` is the last day on which the duty or right can still be performed on time.
    `days_left` is `(due - as_of).days` while the clock runs (negative when past due) and
    None once it is done. `provisional` means a year the calendar does not know was involved,
    so days off in that year were taken as weekends only.
    """

    case_id: str
    key: str
    name: str
    start: dt.date
    due: dt.date
    done: dt.date | None
    status: Status
    days_left: int | None
    provisional: bool
    basis: Basis
    # -- the reasoning ----------------------------------------------------------------------
    start_event: str  # event type that started the current period
    counting: Literal["calendar", "working"]
    days: int  # the rule's length, before extensions and pauses
    window: bool  # a right of the petitioner or unit: lapses, never overdue
    raw_last_day: dt.date  # last counted day, before the roll-forward
    extensions: tuple[Extension, ...] = ()
    extension_days: int = 0  # counted extension days, after the cap
    max_extension: int = 0
    pauses: tuple[Pause, ...] = ()
    paused_days: int = 0
    skipped: tuple[DayOff, ...] = ()  # days off between raw_last_day and due
    done_event: str | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def counted_days(self) -> int:
        """Days (or working days) counted: the rule's length plus counted extensions."""
        return self.days + self.extension_days

    @property
    def requested_extension_days(self) -> int:
        return sum(e.days for e in self.extensions)

    @property
    def days_overdue(self) -> int:
        """Days past the due date: of an open clock on the as-of date, of a done one when it
        was done. 0 when not past due."""
        if self.done is not None:
            return max((self.done - self.due).days, 0)
        return max(-(self.days_left or 0), 0)

    @property
    def is_open(self) -> bool:
        return self.done is None


def compute_clocks(
    case: Case,
    policy: DeadlinePolicy,
    calendar: OfficialCalendar,
    *,
    as_of: dt.date,
    due_soon_days: int | None = None,
) -> list[Clock]:
    """The clocks of `case` as they stand on `as_of`, in the order of `policy.clocks`.

    Only events dated on or before `as_of` are seen. A rule yields a clock when one of its
    start events exists, the case's kind is in `rule.kinds`, and (for `requires_leader`)
    the case has a leader.

    The current period starts at the latest start event (a transfer restarts the receiving
    unit's acceptance clock; a later transfer opens a new objection window); for rules with
    `restart` events, each of those after the first start event starts a new period too
    (the weekly 包案 report). The period stops at the first stop event after its start.
    Events on the same date keep their order in the file.

    `due_soon_days` overrides the rule's and the policy's `due_soon_days` for the 临期 status.
    """
    events = sorted((e for e in case.events if e.date <= as_of), key=attrgetter("date"))
    types = [e.type for e in events]
    present = set(types)
    clocks = []
    for key, rule in policy.clocks.items():
        if present.isdisjoint(rule.start):
            continue
        if case.kind not in rule.kinds or (rule.requires_leader and not case.leader):
            continue
        clock = _clock(
            case.id,
            key,
            rule,
            events,
            types,
            calendar,
            as_of=as_of,
            due_soon_days=_due_soon(policy, rule, due_soon_days),
        )
        if clock is not None:
            clocks.append(clock)
    return clocks


def _due_soon(policy: DeadlinePolicy, rule: ClockRule, override: int | None) -> int:
    if override is not None:
        return override
    return policy.due_soon_days if rule.due_soon_days is None else rule.due_soon_days


def moves_with_as_of(clock: Clock) -> bool:
    """True when the clock on a later as-of date seeing the same events could differ in more
    than its status and days left: while a hearing is ongoing, its pause runs to the as-of
    date."""
    return clock.done is None and any(p.ongoing for p in clock.pauses)


def restated(clock: Clock, policy: DeadlinePolicy, *, as_of: dt.date) -> Clock:
    """`clock` as `compute_clocks` would give it on `as_of`, from the same events, unless
    `moves_with_as_of(clock)`: only its status and days left change."""
    rule = policy.clocks[clock.key]
    status, days_left = _status(
        rule, clock.due, clock.done, as_of=as_of, due_soon_days=_due_soon(policy, rule, None)
    )
    if status is clock.status and days_left == clock.days_left:
        return clock
    return dataclasses.replace(clock, status=status, days_left=days_left)


def select_overdue(
    clocks: Iterable[Clock], *, within: int | None = None, due_soon: bool = False
) -> list[Clock]:
    """The overdue clocks and, when `within` is given, the open duty clocks due within that
    many days (0 = due today); with `due_soon` instead, those whose status is 临期 (each
    rule's own due-soon days apply). Windows (rights of the petitioner) never appear.

    Sorted with the most overdue first, then by case id and clock key.
    """
    out = [
        c
        for c in clocks
        if c.status is Status.overdue
        or (due_soon and c.status is Status.due_soon)
        or (
            within is not None
            and c.is_open
            and not c.window
            and c.days_left is not None
            and c.days_left <= within
        )
    ]
    out.sort(key=lambda c: (c.days_left, c.case_id, c.key))
    return out


# -- one clock -----------------------------------------------------------------------------


def _clock(
    case_id: str,
    key: str,
    rule: ClockRule,
    events: Sequence[Event],
    types: Sequence[str],
    calendar: OfficialCalendar,
    *,
    as_of: dt.date,
    due_soon_days: int,
) -> Clock | None:
    period = _period(rule, types)
    if period is None:
        return None
    begin, end, stop = period
    start_event = events[begin]
    start = start_event.date
    inside = events[begin + 1 : end]
    done_event = events[stop] if stop is not None else None
    done = done_event.date if done_event is not None else None

    extensions: tuple[Extension, ...] = ()
    extension_days = 0
    if rule.max_extension:
        extensions = tuple(
            Extension(e.date, e.days, e.approval) for e in inside if e.type == "extended"
        )
        extension_days = min(sum(e.days for e in extensions), rule.max_extension)
    spans = (
        _hearings(inside, end=done or as_of, ongoing=done is None) if rule.pause_for_hearing else []
    )
    paused = {d for s, e, _ in spans for d in _days(max(s, start + _ONE_DAY), e)}

    n = rule.days + extension_days
    if rule.counting == "working":
        due, provisional = calendar.add_working_days(start, n, skip=paused)
        raw = due
        counted = {d for d in paused if d <= due and calendar.is_working_day(d)}
        skipped: tuple[DayOff, ...] = ()
    else:
        raw = start + dt.timedelta(days=n)
        counted = set()
        for d in sorted(paused):
            if d > raw:
                break
            counted.add(d)
            raw += _ONE_DAY
        due, provisional = calendar.next_working_day_on_or_after(raw)
        skipped = ()
        if due != raw:
            skipped = tuple(DayOff(d, calendar.holiday_name(d)) for d in _days(raw, due - _ONE_DAY))

    pauses = tuple(
        Pause(s, e, sum(1 for d in _days(s, e) if d in counted), ongoing) for s, e, ongoing in spans
    )
    status, days_left = _status(rule, due, done, as_of=as_of, due_soon_days=due_soon_days)
    return Clock(
        case_id=case_id,
        key=key,
        name=rule.name,
        start=start,
        due=due,
        done=done,
        status=status,
        days_left=days_left,
        provisional=provisional,
        basis=rule.basis,
        start_event=start_event.type,
        counting=rule.counting,
        days=rule.days,
        window=rule.window,
        raw_last_day=raw,
        extensions=extensions,
        extension_days=extension_days,
        max_extension=rule.max_extension,
        pauses=pauses,
        paused_days=len(counted),
        skipped=skipped,
        done_event=done_event.type if done_event is not None else None,
    )


def _period(rule: ClockRule, types: Sequence[str]) -> tuple[int, int, int | None] | None:
    """(index of the period's start event, index where the period ends, index of the stop
    event or None), given the event types in date order. None when no start event exists."""
    begin = None
    for i, t in enumerate(types):
        if t in rule.start or (begin is not None and t in rule.restart):
            begin = i
    if begin is None:
        return None
    for i in range(begin + 1, len(types)):
        if types[i] in rule.stop:
            return begin, i, i
    return begin, len(types), None


def _hearings(
    events: Iterable[Event], *, end: dt.date, ongoing: bool
) -> list[tuple[dt.date, dt.date, bool]]:
    """Hearing spans (first day, last day, still ongoing) among `events`.

    A hearing not ended by `end` (the stop date, or the as-of date while the clock runs)
    is taken to last through `end`.
    """
    spans = []
    opened: dt.date | None = None
    for e in events:
        if e.type == "hearing_started" and opened is None:
            opened = e.date
        elif e.type == "hearing_ended" and opened is not None:
            spans.append((opened, e.date, False))
            opened = None
    if opened is not None:
        spans.append((opened, end, ongoing))
    return spans


def _status(
    rule: ClockRule,
    due: dt.date,
    done: dt.date | None,
    *,
    as_of: dt.date,
    due_soon_days: int,
) -> tuple[Status, int | None]:
    if done is not None:
        return (Status.met if done <= due else Status.met_late), None
    days_left = (due - as_of).days
    if rule.window:
        return (Status.lapsed if days_left < 0 else Status.running), days_left
    if days_left < 0:
        return Status.overdue, days_left
    if days_left <= due_soon_days:
        return Status.due_soon, days_left
    return Status.running, days_left


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    d = first
    while d <= last:
        yield d
        d += _ONE_DAY
