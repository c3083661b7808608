"""Official working days and days off (法定节假日与调休), with provisional years.

Sources, in order of precedence for a year:

1. a repository override (`policy/calendar/<year>.yaml`, a `CalendarYear`): the State
   Council's notice for that year, typed in by hand;
2. the `chinese_calendar` library, which knows 2004–2026;
3. neither: Saturdays and Sundays are days off, every other day is a working day, and every
   result that depends on such a day is marked *provisional*.

A year's set of days off is computed once and cached, so a lookup is a set membership test.
Nothing here reads files or the clock: loading the overrides is `store.py`'s job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import chinese_calendar
from chinese_calendar.constants import Holiday

from xinfang.models.policy import CalendarYear

__all__ = ["OfficialCalendar", "Reckoned"]

_ONE_DAY = dt.timedelta(days=1)

# The library names its holidays in English; officers read the usual Chinese names.
_LIBRARY_NAMES: dict[str, str] = {
    Holiday.new_years_day.value: "元旦",
    Holiday.spring_festival.value: "春节",
    Holiday.tomb_sweeping_day.value: "清明节",
    Holiday.labour_day.value: "劳动节",
    Holiday.dragon_boat_festival.value: "端午节",
    Holiday.mid_autumn_festival.value: "中秋节",
    Holiday.national_day.value: "国庆节",
}


def _library_years() -> range:
    years = {d.year for d in chinese_calendar.holidays}
    return range(min(years), max(years) + 1)


def _library_name(value: str) -> str:
    if value in _LIBRARY_NAMES:
        return _LIBRARY_NAMES[value]
    try:
        return Holiday(value).chinese
    except ValueError:
        return value


class Reckoned(NamedTuple):
    """A computed day and whether it depends on a year the calendar does not know."""

    day: dt.date
    provisional: bool


@dataclass(frozen=True, slots=True)
class _Year:
    days_off: frozenset[dt.date]
    names: dict[dt.date, str]  # holiday name of each day off inside a holiday span
    known: bool


class OfficialCalendar:
    """Working days and days off of the Chinese official calendar.

    `overrides` are the repository's `CalendarYear` files; each one replaces the library for
    its year. A notice may also place days in the last days of the year before (a New Year
    break starting on 12-30): those days are applied on top of that earlier year as well.

    >>> cal = OfficialCalendar()
    >>> cal.is_working_day(dt.date(2026, 2, 14))  # a make-up Saturday (调休上班)
    True
    >>> cal.holiday_name(dt.date(2026, 2, 19))
    '春节'
    """

    def __init__(self, overrides: Iterable[CalendarYear] = (), *, use_library: bool = True):
        self._overrides: dict[int, CalendarYear] = {}
        for year in overrides:
            if year.year in self._overrides:
                raise ValueError(f"{year.year} 年的节假日安排重复提供")
            self._overrides[year.year] = year
        self._library = _library_years() if use_library else range(0)
        self._years: dict[int, _Year] = {}
        self._library_by_year: dict[int, dict[str, dict[dt.date, str]]] | None = None

    # -- questions about one day -------------------------------------------------------------

    def knows(self, year: int) -> bool:
        """True when an override or the library gives the official arrangement for `year`."""
        return year in self._overrides or year in self._library

    def is_day_off(self, d: dt.date) -> bool:
        """True for weekends that are not make-up working days, and for holiday days."""
        return d in self._year(d.year).days_off

    def is_working_day(self, d: dt.date) -> bool:
        """True for weekdays outside holidays, and for make-up working days (调休上班日)."""
        return d not in self._year(d.year).days_off

    def holiday_name(self, d: dt.date) -> str | None:
        """The Chinese name of the holiday `d` belongs to (春节, 国庆节…), else None.

        Ordinary weekends and working days have no name.
        """
        return self._year(d.year).names.get(d)

    # -- helpers for counting periods --------------------------------------------------------

    def next_working_day_on_or_after(self, d: dt.date) -> Reckoned:
        """`d` itself if it is a working day, else the first working day after it.

        This is the roll-forward of 《民法典》 art. 203. Provisional when any day looked at
        lies in a year the calendar does not know.
        """
        provisional = False
        while True:
            year = self._year(d.year)
            provisional = provisional or not year.known
            if d not in year.days_off:
                return Reckoned(d, provisional)
            d += _ONE_DAY

    def add_working_days(
        self, start: dt.date, n: int, *, skip: Container[dt.date] = ()
    ) -> Reckoned:
        """The day on which the `n`-th working day after `start` falls.

        `start` itself is not counted (《民法典》 art. 201), so `n == 0` returns `start`.
        Days in `skip` are not counted even when they are working days (a hearing pause).
        Provisional when any counted or skipped-over day lies in an unknown year.
        """
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        provisional = False
        while n:
            d += _ONE_DAY
            year = self._year(d.year)
            provisional = provisional or not year.known
            if d not in year.days_off and d not in skip:
                n -= 1
        return Reckoned(d, provisional)

    def days_off_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The days off from `first` through `last`, both included."""
        out = []
        d = first
        while d <= last:
            if self.is_day_off(d):
                out.append(d)
            d += _ONE_DAY
        return out

    # -- building a year ---------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build(year)
        return cached

    def _build(self, year: int) -> _Year:
        off = _weekends(year)
        names: dict[dt.date, str] = {}
        if year in self._overrides:
            _apply_notice(self._overrides[year], year, off, names)
        elif year in self._library:
            lib = self._library_data().get(year, {"holidays": {}, "workdays": {}})
            off.difference_update(lib["workdays"])
            for d, value in lib["holidays"].items():
                off.add(d)
                names[d] = _library_name(value)
        # The next year's notice may begin its New Year break in this year's last days.
        if year + 1 in self._overrides:
            _apply_notice(self._overrides[year + 1], year, off, names)
        return _Year(frozenset(off), names, self.knows(year))

    def _library_data(self) -> dict[int, dict[str, dict[dt.date, str]]]:
        # One pass over the library's tables, grouped by year, instead of a call per day.
        if self._library_by_year is None:
            grouped: dict[int, dict[str, dict[dt.date, str]]] = {}
            for table_name, table in (
                ("holidays", chinese_calendar.holidays),
                ("workdays", chinese_calendar.workdays),
            ):
                for d, value in table.items():
                    entry = grouped.setdefault(d.year, {"holidays": {}, "workdays": {}})
                    entry[table_name][d] = value
            self._library_by_year = grouped
        return self._library_by_year


def _weekends(year: int) -> set[dt.date]:
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    return {d for d in (first + dt.timedelta(days=i) for i in range(days)) if d.weekday() >= 5}


def _apply_notice(
    notice: CalendarYear, year: int, off: set[dt.date], names: dict[dt.date, str]
) -> None:
    """Apply the parts of `notice` that fall in `year`: holiday spans off, make-up days on."""
    for span in notice.holidays:
        d = span.start
        while d <= span.end:
            if d.year == year:
                off.add(d)
                names[d] = span.name
            d += _ONE_DAY
    for d in notice.workdays:
        if d.year == year:
            off.discard(d)
            names.pop(d, None)
