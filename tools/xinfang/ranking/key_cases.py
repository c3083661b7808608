"""Open key cases by risk colour (红黄蓝) on a date: the numbers of the site's colour badges,
for `xinfang stats`. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xinfang.models import Case
from xinfang.models.common import Priority
from xinfang.rules.stages import is_open

__all__ = ["COLOURS", "colour_line", "open_by_colour"]

COLOURS = (Priority.red, Priority.yellow, Priority.blue)


def open_by_colour(cases: Iterable[Case], *, as_of: dt.date) -> dict[str, int]:
    """{"red": n, "yellow": n, "blue": n}: cases open (在办) on `as_of` by their colour."""
    counts = {p.value: 0 for p in COLOURS}
    for case in cases:
        if case.priority is not None and is_open(case, as_of=as_of):
            counts[case.priority.value] += 1
    return counts


def colour_line(counts: dict[str, int], *, as_of: dt.date) -> str:
    """The counts in one Chinese line, e.g. 截至 2026-11-22 在办重点案件：红色 2 件、…"""
    parts = "、".join(f"{Priority(key).label} {n} 件" for key, n in counts.items())
    return f"截至 {as_of} 在办重点案件按风险颜色：{parts}（共 {sum(counts.values())} 件）"
