"""The registers' lines of the yearbook (`xinfang stats`): matters screened and resolved
(排查/化解), and the county leaders' receptions (件次/人次), beside the year before."""

from __future__ import annotations

from fractions import Fraction

from xinfang.registers.rota import reception_totals
from xinfang.registers.screening import year_counts
from xinfang.registry.loader import Registry

REGISTER_FOOTNOTE = (
    "矛盾纠纷排查按排查日期统计（org/screening/），件次为事项数，人次为涉及人数；"
    "县领导接访按接访日期统计已填写结果的接访日（org/receptions/），件次为反映事项件数，"
    "人次为接待人次。"
)


def _change(now: int, before: int) -> float | None:
    return None if before == 0 else round(float(Fraction(now - before, before)), 4)


def _row(group: str, item: str, now: tuple[int, int | None], before: tuple[int, int | None]):
    return {
        "group": group,
        "item": item,
        "matters": now[0],
        "people": now[1],
        "prev_matters": before[0],
        "prev_people": before[1],
        "matters_change": _change(now[0], before[0]),
        "people_change": None if now[1] is None else _change(now[1], before[1] or 0),
    }


def register_yearbook_rows(registry: Registry, year: int) -> list[dict]:
    """Rows in the shape of `ranking.yearbook.COLUMNS`."""
    rows = []
    now, before = year_counts(registry, year), year_counts(registry, year - 1)
    if now["screened"] or before["screened"]:
        rows.append(
            _row(
                "矛盾纠纷排查",
                "排查",
                (now["screened"], now["people"]),
                (before["screened"], before["people"]),
            )
        )
        for key, label in (("resolved", "化解"), ("controlled", "稳控"), ("open", "在办")):
            rows.append(_row("矛盾纠纷排查", label, (now[key], None), (before[key], None)))
    got, prev = reception_totals(registry, year), reception_totals(registry, year - 1)
    if got["days"] or prev["days"]:
        rows.append(
            _row(
                "县领导接访",
                f"接访 {got['days']} 天",
                (got["matters"], got["people"]),
                (prev["matters"], prev["people"]),
            )
        )
    return rows
