"""Dates that depend on the as-of date: nothing has happened after it, nothing is planned
more than a year beyond it.

The models already keep every date between 2000-01-01 and 2100-12-31 (so that no date
arithmetic can overflow); these rules narrow that window to what a records office can know on
the as-of date. They run outside the per-file cache, because their answer changes with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from xinfang.models import EVENT_TYPES, Case
from xinfang.models.common import DATE_MAX, DATE_MIN
from xinfang.rules.problems import Finding, Loc

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def latest_allowed(as_of: dt.date) -> dt.date:
    """One year after the as-of date (28 February for 29 February), at most DATE_MAX."""
    if as_of >= DATE_MAX.replace(year=DATE_MAX.year - 1):
        return DATE_MAX
    try:
        return as_of.replace(year=as_of.year + 1)
    except ValueError:
        return as_of.replace(year=as_of.year + 1, day=28)


def future_events(case: Case, rel: str, *, as_of: dt.date) -> list[Finding]:
    """The case's registration date and events dated after `as_of`: not yet happened."""
    out = []
    if case.received > as_of:
        out.append(Finding(rel, ("received",), f"登记日期 {case.received} 晚于截至日期 {as_of}"))
    for i, event in enumerate(case.events):
        if event.date > as_of:
            label = EVENT_TYPES[event.type]
            out.append(
                Finding(
                    rel,
                    ("events", i, "date"),
                    f"“{label}”的日期 {event.date} 晚于截至日期 {as_of}：不能登记尚未发生的事件",
                )
            )
    return out


def dates_beyond(rel: str, data: Any, *, as_of: dt.date) -> list[Finding]:
    """Dates in a parsed org/ or policy/ file more than a year after `as_of`.

    Dates outside the models' fixed window are left to the models, which report them.
    """
    end = latest_allowed(as_of)
    return [
        Finding(
            rel,
            loc,
            f"日期 {day} 超出允许范围：最晚为截至日期 {as_of} 后一年（{end}）",
            at_key=at_key,
        )
        for loc, day, at_key in iso_dates(data)
        if end < day <= DATE_MAX
    ]


def iso_dates(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dt.date, bool]]:
    """(place, date, is a mapping key) of every date in parsed YAML data.

    The safe loader leaves dates as text (YYYY-MM-DD); a date object (round-trip data) counts
    too. Text that only looks like a date (2026-13-45) is the models' to report.
    """
    if isinstance(data, dict):
        for key, value in data.items():
            day = _as_date(key)
            if day is not None:
                yield (*loc, key), day, True
            yield from iso_dates(value, (*loc, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from iso_dates(item, (*loc, i))
    else:
        day = _as_date(data)
        if day is not None:
            yield loc, day, False


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
        return day if day >= DATE_MIN else None
    return None
