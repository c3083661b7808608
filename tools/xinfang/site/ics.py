"""Calendar feeds (.ics): deadlines, reception days and interview-report deadlines. Pure.

One all-day event per running duty clock (the petitioner's own windows lapse and are left
out), per published reception day and per interview whose rectification report is still
awaited. Each event's UID names what it tracks, not its date (`XF-2026-0137.handling@…`),
so a calendar app that subscribed to the feed moves the event when an extension moves the
due date, instead of adding a second one. An event names its case by id, never by title or
petitioner (calendars end up on phones and are shared); a confidential matter (检举控告类 by
default, 《信访工作条例》第三十条) shows its id and clock only, not even the basis or unit.
The same registry on the same date gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable

from icalendar import Calendar, Event

from xinfang.clocks.deadlines import Clock, Status
from xinfang.ranking.mechanisms import interview_states
from xinfang.site.data import GENERATED, CaseRow, SiteData, page_url
from xinfang.site.privacy import mask_numbers

__all__ = ["FEEDS", "calendar_feed", "feed_href", "feed_path", "feed_title", "site_feeds"]

FEEDS = f"{GENERATED}/feeds"
DOMAIN = "xinfang-registry"
_RUNNING = (Status.running, Status.due_soon, Status.overdue)


def _mask(text: str) -> str:
    """Free text as plain, inert text: numbers masked, angle brackets made full-width (some
    calendar apps render HTML in descriptions)."""
    return mask_numbers(text.replace("<", "＜").replace(">", "＞"))


def feed_path(unit: str | None = None, leader: str | None = None) -> str:
    """Where the site puts a feed, under the docs folder."""
    if unit is not None:
        return f"{FEEDS}/unit-{unit}.ics"
    if leader is not None:
        return f"{FEEDS}/leader-{leader}.ics"
    return f"{FEEDS}/all.ics"


def feed_href(from_src: str, feed: str) -> str:
    """A relative href from a page (directory URLs) to a feed file."""
    return posixpath.relpath(feed, page_url(from_src) or ".")


def feed_title(data: SiteData, unit: str | None = None, leader: str | None = None) -> str:
    if unit is not None:
        return f"信访期限日历：{data.unit_name(unit)}"
    if leader is not None:
        person = data.registry.leaders[leader]
        return f"信访日历：{person.name}（{person.post}）"
    return "信访期限日历：全县"


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a deadline does not block the day
    return event


def _clock_event(data: SiteData, row: CaseRow, clock: Clock, stamp: dt.datetime) -> Event:
    case = row.case
    late = "（已逾期）" if clock.status is Status.overdue else ""
    summary = f"{case.id} {clock.name}{late}"
    due = f"{clock.due}{'（暂定：该年节假日安排尚未公布）' if clock.provisional else ''}"
    if case.is_confidential:
        description = f"{case.id} {clock.name}，到期日 {due}。"
    else:
        # No title or names: a calendar is copied to phones and shared, so the event says
        # which case and which clock, and the site says the rest.
        lines = [
            f"责任单位：{data.unit_name(case.unit)}",
            f"期限：{clock.name}，自 {clock.start} 起算，到期日 {due}",
            f"依据：{clock.basis.article}。{clock.basis.summary}",
        ]
        if case.leader:
            lines.insert(2, f"包案领导：{data.leader_name(case.leader)}")
        description = "\n".join(lines)
    event = _event(f"{case.id}.{clock.key}", clock.due, summary, description, stamp)
    event.add("categories", ["信访期限"])
    return event


def _clock_events(data: SiteData, rows: Iterable[CaseRow], stamp: dt.datetime) -> Iterable[Event]:
    for row in rows:
        for clock in row.duty_clocks:
            if clock.is_open:
                yield _clock_event(data, row, clock, stamp)


def _reception_events(data: SiteData, leader: str | None, stamp: dt.datetime) -> Iterable[Event]:
    registry = data.registry
    for r in registry.receptions:
        if r.published > data.as_of or (leader is not None and r.leader != leader):
            continue
        person = registry.leaders.get(r.leader)
        who = f"{person.name}（{person.post}）" if person else r.leader
        description = f"{who}公开接访\n地点：{r.place}\n所在单位：{data.unit_name(r.unit)}\n公示日期：{r.published}"
        event = _event(f"reception.{r.leader}.{r.date}", r.date, f"{who}接访日", description, stamp)
        event.add("location", r.place)
        event.add("categories", ["领导接访"])
        yield event


def _interview_events(
    data: SiteData, units: set[str] | None, stamp: dt.datetime
) -> Iterable[Event]:
    registry = data.registry
    rule = registry.ranking.mechanisms.interview
    for s in interview_states(registry, as_of=data.as_of):
        action = s.action
        if s.status not in _RUNNING or (units is not None and action.unit not in units):
            continue
        name = data.unit_name(action.unit)
        late = "（已逾期）" if s.status is Status.overdue else ""
        description = (
            f"{name}于 {action.date} 被约谈，事由：{_mask(action.reason)}\n"
            f"整改报告应在约谈后 {rule.report_working_days} 个工作日内、{s.due} 前书面报送\n"
            f"依据：{rule.basis.article}。{rule.basis.summary}"
        )
        uid = f"interview-report.{action.unit}.{action.date}"
        event = _event(uid, s.due, f"{name} 约谈整改报告{late}", description, stamp)
        event.add("categories", ["约谈整改"])
        yield event


def calendar_feed(
    data: SiteData,
    *,
    unit: str | None = None,
    leader: str | None = None,
    rows: Iterable[CaseRow] | None = None,
) -> bytes:
    """The feed of a unit (its cases' clocks, its interview reports), of a leader (the cases
    the leader owns, the leader's reception days, the interview reports of the units the
    leader is linked to) or of the whole county. `rows`, when given, are the unit's or the
    leader's cases already picked out (the site builds every feed in one pass)."""
    stamp = dt.datetime.combine(data.as_of, dt.time(), dt.UTC)
    cal = Calendar()
    cal.add("prodid", f"-//{DOMAIN}//xinfang calendar//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", feed_title(data, unit, leader))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    cal.add("x-wr-caldesc", f"数据截至 {data.as_of}，登记库提交 {data.commit}")
    if unit is not None:
        picked = rows if rows is not None else (r for r in data.rows if r.case.unit == unit)
        events = [*_clock_events(data, picked, stamp)]
        events += _interview_events(data, {unit}, stamp)
    elif leader is not None:
        person = data.registry.leaders[leader]
        picked = rows if rows is not None else (r for r in data.rows if r.case.leader == leader)
        events = [*_clock_events(data, picked, stamp)]
        events += _reception_events(data, leader, stamp)
        linked = set(person.towns) | ({person.unit} if person.unit else set())
        events += _interview_events(data, linked, stamp)
    else:
        events = [*_clock_events(data, data.rows, stamp)]
        events += _reception_events(data, None, stamp)
        events += _interview_events(data, None, stamp)
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        cal.add_component(event)
    return cal.to_ical()


def site_feeds(data: SiteData) -> dict[str, str]:
    """Every feed the site offers, by path under the docs folder: the county's, each unit's
    and each leader's."""
    registry = data.registry
    by_unit = data.rows_by_unit()
    by_leader: dict[str, list[CaseRow]] = {key: [] for key in registry.leaders}
    for row in data.rows:
        if row.case.leader in by_leader:
            by_leader[row.case.leader].append(row)
    feeds = {feed_path(): calendar_feed(data)}
    for key in registry.units:
        feeds[feed_path(unit=key)] = calendar_feed(data, unit=key, rows=by_unit.get(key, []))
    for key in registry.leaders:
        feeds[feed_path(leader=key)] = calendar_feed(data, leader=key, rows=by_leader[key])
    return {path: feed.decode("utf-8") for path, feed in feeds.items()}
