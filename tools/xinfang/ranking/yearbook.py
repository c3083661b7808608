"""The statistics form (年鉴表) of `xinfang stats` and of the site's 统计 page. Pure.

Laid out as a county yearbook reports petition work: visits received by the county (来访)
with their first visits (初访) and collective visits (集体访, 批次/人次) nested under them;
letters, online petitions and calls; visits above the county (越级访: 到市、赴省、进京) kept
apart from 来访; irregular petitioning (非正常上访); then the categories. Each line gives
件次 (matters; 批次 for collective visits) and 人次 (the sum of their headcounts) in the
period and in the same days of the year before, and the change (同比).

Counted by registration date (`received`). A period that has not ended is counted up to the
as-of date and compared with the same days of the previous year, so a partial year is never
set against a whole one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from xinfang.models import Case, Channel, Level
from xinfang.ranking.key_cases import open_by_colour
from xinfang.ranking.rates import percent
from xinfang.registry.loader import Registry

__all__ = [
    "COLUMNS",
    "Window",
    "WindowError",
    "Yearbook",
    "YearbookRow",
    "compile_yearbook",
    "month_window",
    "sheet_rows",
    "table_rows",
    "windows",
    "year_window",
]

ABOVE_COUNTY = (Level.national, Level.province, Level.city)
ABOVE_NAMES = {Level.national: "进京访", Level.province: "赴省访", Level.city: "到市访"}


class WindowError(ValueError):
    """A period that cannot be counted on the as-of date."""


@dataclass(frozen=True, slots=True)
class Window:
    """The days counted: registration dates from `start` to `end`, both included."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if s.year != e.year:
            return f"{s.year}年{s.month}月{s.day}日至{e.year}年{e.month}月{e.day}日"
        return f"{s.year}年{s.month}月{s.day}日至{e.month}月{e.day}日"

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def windows(start: dt.date, end: dt.date, *, as_of: dt.date) -> tuple[Window, Window, bool]:
    """The days counted (up to `as_of`), the same days a year earlier, and whether the
    period has ended by `as_of`."""
    if as_of < start:
        raise WindowError(f"数据截至 {as_of}，统计期（自 {start} 起）还没有开始")
    last = min(end, as_of)
    return Window(start, last), Window(_year_before(start), _year_before(last)), as_of >= end


def year_window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), after - dt.timedelta(days=1)


# -- the lines of the form ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    key: str  # stable: "visit", "visit.collective.first", "above.national", "category.<key>"
    group: str
    item: str
    level: int  # nesting under the line above (其中)
    unit: str  # 件次 or 批次
    test: Callable[[Case], bool]


def _lines(registry: Registry) -> list[Line]:
    n = registry.ranking.settings.collective_headcount

    def received_visit(c: Case) -> bool:  # 来访: the county received it
        return c.channel is Channel.visit and c.visited_level not in ABOVE_COUNTY

    def above(c: Case) -> bool:
        return c.channel is Channel.visit and c.visited_level in ABOVE_COUNTY

    out = [
        Line("total", "总量", "信访总量", 0, "件次", lambda c: True),
        Line("visit", "来访", "来访（县级接待）", 0, "件次", received_visit),
        Line(
            "visit.first", "来访", "其中：初访", 1, "件次", lambda c: received_visit(c) and c.first
        ),
        Line(
            "visit.collective",
            "来访",
            f"集体访（{n} 人及以上）",
            1,
            "批次",
            lambda c: received_visit(c) and c.headcount >= n,
        ),  # fmt: skip
        Line(
            "visit.collective.first",
            "来访",
            "其中：初访",
            2,
            "批次",
            lambda c: received_visit(c) and c.headcount >= n and c.first,
        ),  # fmt: skip
        Line("letter", "信、网、电", "来信", 0, "件次", lambda c: c.channel is Channel.letter),
        Line("online", "信、网、电", "网上信访", 0, "件次", lambda c: c.channel is Channel.online),
        Line("phone", "信、网、电", "来电", 0, "件次", lambda c: c.channel is Channel.phone),
        Line("above", "越级访", "越级访（到市以上）", 0, "件次", above),
    ]
    for level in ABOVE_COUNTY:
        out.append(
            Line(
                f"above.{level.value}",
                "越级访",
                ABOVE_NAMES[level],
                1,
                "件次",
                lambda c, lv=level: above(c) and c.visited_level is lv,
            )  # fmt: skip
        )
    out += [
        Line("irregular", "非正常上访", "非正常上访", 0, "件次", lambda c: bool(c.irregular)),
        Line(
            "irregular.national",
            "非正常上访",
            "其中：进京非正常上访",
            1,
            "件次",
            lambda c: bool(c.irregular) and c.visited_level is Level.national,
        ),  # fmt: skip
        Line("first", "其他", "初信初访（各种形式）", 0, "件次", lambda c: c.first),
        Line("repeat", "其他", "重复信访", 0, "件次", lambda c: c.repeat_of is not None),
    ]
    return out


# -- counting -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearbookRow:
    key: str
    group: str
    item: str
    level: int
    unit: str
    matters: int
    people: int
    prev_matters: int
    prev_people: int
    matters_change: float | None  # (now − before) ÷ before, 4 decimals; None when before is 0
    people_change: float | None

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Yearbook:
    current: Window
    previous: Window
    as_of: dt.date
    complete: bool  # the period had ended by the as-of date
    collective_headcount: int
    rows: tuple[YearbookRow, ...]
    open_by_colour: dict[str, int]  # open key cases on the as-of date: red, yellow, blue

    def row(self, key: str) -> YearbookRow:
        return next(r for r in self.rows if r.key == key)

    def group(self, name: str) -> list[YearbookRow]:
        return [r for r in self.rows if r.group == name]

    @property
    def heading(self) -> str:
        state = "" if self.complete else "，统计期未结束，按截至日计算"
        return (
            f"统计期间 {self.current.label}（数据截至 {self.as_of}{state}）；"
            f"同比：与上年同期 {self.previous.label} 比较"
        )

    @property
    def footnote(self) -> str:
        return (
            "口径：按登记日期统计；件次为事项件数（集体访为批次），人次为各事项人数之和；"
            "来访只计县级接待的来访，到市、赴省、进京的越级访单独列出，"
            "信访总量 = 来访 + 来信 + 网上信访 + 来电 + 越级访；"
            f"集体访为 {self.collective_headcount} 人及以上的来访（policy/ranking.yaml）；"
            "非正常上访按案件的 irregular 字段统计；"
            "同比 =（本期 − 上年同期）÷ 上年同期，上年同期为 0 时不计算。"
        )


def _tally(cases: Iterable[Case], test: Callable[[Case], bool]) -> tuple[int, int]:
    matched = [c for c in cases if test(c)]
    return len(matched), sum(c.headcount for c in matched)


def _change(now: int, before: int) -> float | None:
    return None if before == 0 else round(float(Fraction(now - before, before)), 4)


def compile_yearbook(
    registry: Registry, start: dt.date, end: dt.date, *, as_of: dt.date
) -> Yearbook:
    """The form for registrations from `start` to `end` (up to `as_of`), with 同比."""
    current, previous, complete = windows(start, end, as_of=as_of)
    now = [c for c in registry.cases if current.holds(c.received)]
    before = [c for c in registry.cases if previous.holds(c.received)]
    lines = _lines(registry)
    category_lines = []
    for key, category in registry.categories.items():
        line = Line(f"category.{key}", "问题分类", category.name, 0, "件次",
                    lambda c, k=key: c.category == k)  # fmt: skip
        counts = (_tally(now, line.test)[0], _tally(before, line.test)[0])
        if any(counts):
            category_lines.append((counts, line))
    category_lines.sort(key=lambda x: (-x[0][0], -x[0][1], x[1].key))
    rows = []
    for line in lines + [line for _, line in category_lines]:
        m, p = _tally(now, line.test)
        pm, pp = _tally(before, line.test)
        rows.append(
            YearbookRow(
                line.key,
                line.group,
                line.item,
                line.level,
                line.unit,
                m,
                p,
                pm,
                pp,
                _change(m, pm),
                _change(p, pp),
            )  # fmt: skip
        )
    headcount = registry.ranking.settings.collective_headcount
    colours = open_by_colour(registry.cases, as_of=as_of)
    return Yearbook(current, previous, as_of, complete, headcount, tuple(rows), colours)


# -- as the CLI shows it ----------------------------------------------------------------------------

COLUMNS = (
    ("group", "类别"),
    ("item", "项目"),
    ("unit", "计量"),
    ("matters", "件次"),
    ("people", "人次"),
    ("prev_matters", "上年同期件次"),
    ("prev_people", "上年同期人次"),
    ("matters_change", "件次同比"),
    ("people_change", "人次同比"),
)


def indented(row: YearbookRow) -> str:
    """The item with its nesting shown by full-width spaces, as printed forms do."""
    return "\u3000" * row.level + row.item


def signed_percent(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + percent(value)


def table_rows(rows: Sequence[YearbookRow]) -> list[dict]:
    """The rows as the text table shows them: nested items indented, groups once, signed %."""
    out = []
    previous_group = None
    for row in rows:
        shown = row.as_dict()
        shown["group"] = row.group if row.group != previous_group else ""
        previous_group = row.group
        shown["item"] = indented(row)
        shown["unit"] = f"{row.unit}/人次"
        for key in ("matters_change", "people_change"):
            shown[key] = signed_percent(getattr(row, key))
        out.append(shown)
    return out


def sheet_rows(book: Yearbook, *, percents: bool = False) -> tuple[list[str], list[list[object]]]:
    """Headers naming the days counted, and one list per row for CSV and xlsx. Changes stay
    fractions (the xlsx shows them as percentages) unless `percents` (CSV): then “12.7%”."""
    now, before = book.current, book.previous
    span = f"{now.start}至{now.end}"
    prev_span = f"{before.start}至{before.end}"
    headers = [
        "类别", "项目", "计量", f"件次（{span}）", f"人次（{span}）",
        f"上年同期件次（{prev_span}）", f"上年同期人次（{prev_span}）", "件次同比", "人次同比",
    ]  # fmt: skip
    rows: list[list[object]] = []
    for row in book.rows:
        changes: list[object] = [row.matters_change, row.people_change]
        if percents:
            changes = ["" if v is None else percent(v) for v in changes]
        rows.append(
            [
                row.group,
                indented(row),
                f"{row.unit}/人次",
                row.matters,
                row.people,
                row.prev_matters,
                row.prev_people,
                *changes,
            ]  # fmt: skip
        )
    return headers, rows
