"""Notice periods: parsing, bounds, labels and the period before."""

from __future__ import annotations

import datetime as dt

import pytest

from xinfang.ranking.periods import Period, PeriodError, parse_period

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "previous"),
    [
        ("2026-10", D(2026, 10, 1), D(2026, 10, 31), "2026年10月", "2026-09"),
        ("2026-01", D(2026, 1, 1), D(2026, 1, 31), "2026年1月", "2025-12"),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28), "2026年2月", "2026-01"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024年2月", "2024-01"),
        ("2026-12", D(2026, 12, 1), D(2026, 12, 31), "2026年12月", "2026-11"),
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), "2026年第三季度", "2026-Q2"),
        ("2026-q1", D(2026, 1, 1), D(2026, 3, 31), "2026年第一季度", "2025-Q4"),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "2026年上半年", "2025-H2"),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), "2026年下半年", "2026-H1"),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), "2026年", "2025"),
    ],
)
def test_period_bounds_labels_and_previous(text, start, end, label, previous) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.previous().code == previous
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13", "月份应为 01 至 12"),
        ("2026-00", "月份应为 01 至 12"),
        ("2026-Q5", "无法识别"),
        ("2026-H3", "无法识别"),
        ("2026/10", "无法识别"),
        ("26-10", "无法识别"),
        ("2026-1", "无法识别"),
        ("", "无法识别"),
        ("1999", "年份应在 2000 至 2100 之间"),
    ],
)
def test_bad_periods_are_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_contains_is_inclusive() -> None:
    q3 = Period(2026, "quarter", 3)
    assert q3.contains(D(2026, 7, 1)) and q3.contains(D(2026, 9, 30))
    assert not q3.contains(D(2026, 10, 1))
