"""Notice periods (统计期间): month `2026-10`, quarter `2026-Q3`, half `2026-H1`, year `2026`.

Pure: parsing, bounds, labels and the period before, for the "two consecutive notices" rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xinfang.models.ranking import PeriodKind

__all__ = ["Period", "PeriodError", "parse_period"]

_PATTERNS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-[Qq]([1-4])$")),
    ("half", re.compile(r"^(\d{4})-[Hh]([12])$")),
    ("year", re.compile(r"^(\d{4})$")),
)
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_QUARTERS = "一二三四"


class PeriodError(ValueError):
    """A period that cannot be parsed; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class Period:
    """One notice period: `index` is the month (1–12), quarter (1–4), half (1–2) or 1."""

    year: int
    kind: PeriodKind
    index: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = self.index * _MONTHS[self.kind]
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        """The form the command line takes: 2026-10, 2026-Q3, 2026-H1, 2026."""
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        return str(self.year)

    @property
    def label(self) -> str:
        """The Chinese name: 2026年10月, 2026年第三季度, 2026年上半年, 2026年."""
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTERS[self.index - 1]}季度"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        return f"{self.year}年"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one (2026-01 → 2025-12)."""
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        return Period(self.year - 1, self.kind, _PER_YEAR[self.kind])


def parse_period(text: str) -> Period:
    """`2026-10`, `2026-Q3`, `2026-H1` or `2026` → Period; PeriodError otherwise."""
    value = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(value)
        if match is None:
            continue
        year = int(match.group(1))
        index = int(match.group(2)) if kind != "year" else 1
        if not 2000 <= year <= 2100:
            raise PeriodError(f"统计期间 {text!r} 的年份应在 2000 至 2100 之间")
        if kind == "month" and not 1 <= index <= 12:
            raise PeriodError(f"统计期间 {text!r} 的月份应为 01 至 12")
        return Period(year, kind, index)
    raise PeriodError(
        f"统计期间 {text!r} 无法识别，应写成 2026-10（月）、2026-Q3（季度）、"
        "2026-H1（半年）或 2026（年）"
    )
