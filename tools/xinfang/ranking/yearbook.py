"""The yearbook table of `xinfang stats`: volumes of a year beside the year before. Pure.

Counted by registration date (`received`), like the counts of the rankings: 件次 are matters,
人次 the sum of their headcounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from fractions import Fraction

from xinfang.models import Case, Channel, Level
from xinfang.ranking.rates import percent
from xinfang.registry.loader import Registry

COLUMNS = (
    ("group", "类别"),
    ("item", "项目"),
    ("matters", "件次"),
    ("people", "人次"),
    ("prev_matters", "上年件次"),
    ("prev_people", "上年人次"),
    ("matters_change", "件次同比"),
    ("people_change", "人次同比"),
)


def table_columns(year: int) -> list[tuple[str, str]]:
    """COLUMNS with the years in the headers, for the text table."""
    names = {
        "matters": f"{year}年件次",
        "people": f"{year}年人次",
        "prev_matters": f"{year - 1}年件次",
        "prev_people": f"{year - 1}年人次",
    }
    return [(key, names.get(key, header)) for key, header in COLUMNS]


FOOTNOTE = (
    "口径：按登记日期统计；件次为事项件数，人次为各事项人数之和；集体访为人数达到 "
    "policy/ranking.yaml 中集体访标准的来访；越级访按来访到达的层级统计；"
    "同比 =（本年 − 上年）÷ 上年，上年为 0 时不计算。"
)


def _lines(registry: Registry) -> list[tuple[str, str, Callable[[Case], bool]]]:
    headcount = registry.ranking.settings.collective_headcount
    lines: list[tuple[str, str, Callable[[Case], bool]]] = [("总量", "信访总量", lambda c: True)]
    for channel in Channel:
        lines.append(("信访形式", channel.label, lambda c, ch=channel: c.channel == ch))
    lines.append(
        (
            "集体访",
            f"集体访（{headcount} 人及以上）",
            lambda c: c.channel == "visit" and c.headcount >= headcount,
        )
    )
    above = (Level.city, Level.province, Level.national)
    lines.append(("越级访", "越级访合计", lambda c: c.visited_level in above))
    names = {"city": "到市", "province": "到省", "national": "进京"}
    for level in above:
        lines.append(("越级访", names[level], lambda c, lv=level: c.visited_level == lv))
    lines.append(("其他", "重复信访", lambda c: c.repeat_of is not None))
    lines.append(("其他", "初信初访", lambda c: c.first))
    for key, category in registry.categories.items():
        lines.append(("问题分类", category.name, lambda c, k=key: c.category == k))
    return lines


def _tally(cases: Iterable[Case], test: Callable[[Case], bool]) -> tuple[int, int]:
    matched = [c for c in cases if test(c)]
    return len(matched), sum(c.headcount for c in matched)


def _change(now: int, before: int) -> float | None:
    return None if before == 0 else round(float(Fraction(now - before, before)), 4)


def yearbook_rows(registry: Registry, year: int, *, as_of: dt.date | None = None) -> list[dict]:
    """One row per line of the yearbook: this year's and last year's 件次/人次 and the change.

    With `as_of` inside the year, both years are counted up to the same day (同期)."""
    end = year_end(year, as_of=as_of)
    same_day_before = _day_a_year_before(end)
    this = [c for c in registry.cases if c.received.year == year and c.received <= end]
    last = [
        c for c in registry.cases if c.received.year == year - 1 and c.received <= same_day_before
    ]
    rows = []
    for group, item, test in _lines(registry):
        matters, people = _tally(this, test)
        prev_matters, prev_people = _tally(last, test)
        rows.append(
            {
                "group": group,
                "item": item,
                "matters": matters,
                "people": people,
                "prev_matters": prev_matters,
                "prev_people": prev_people,
                "matters_change": _change(matters, prev_matters),
                "people_change": _change(people, prev_people),
            }
        )
    return rows


def year_end(year: int, *, as_of: dt.date | None) -> dt.date:
    """The last day counted: 31 December, or `as_of` while the year is still running."""
    last = dt.date(year, 12, 31)
    return last if as_of is None or as_of >= last else as_of


def _day_a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def table_rows(rows: list[dict]) -> list[dict]:
    """The rows as the text table shows them: changes as signed percentages, groups once."""
    out = []
    previous_group = None
    for row in rows:
        shown = dict(row)
        shown["group"] = row["group"] if row["group"] != previous_group else ""
        previous_group = row["group"]
        for key in ("matters_change", "people_change"):
            value = row[key]
            sign = "+" if value is not None and value > 0 else ""
            shown[key] = "—" if value is None else f"{sign}{percent(value)}"
        out.append(shown)
    return out
