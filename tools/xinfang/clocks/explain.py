"""How each deadline of a case was reached, in Chinese, for the petition officer. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import groupby

from xinfang.clocks.deadlines import Clock, DayOff, Status
from xinfang.models import EVENT_TYPES, Case

__all__ = ["explain_case", "explain_clock"]

_WEEKDAYS = "一二三四五六日"
_COUNTING = {"calendar": "自然日", "working": "工作日"}
PROVISIONAL_WARNING = "该年度节假日安排尚未公布，暂按周末推算"


def explain_case(case: Case, clocks: Sequence[Clock], *, as_of: dt.date) -> str:
    """A plain-text account of every clock of `case` as of `as_of`.

    `clocks` is what `compute_clocks(case, ..., as_of=as_of)` returned. The title of a
    confidential case (检举控告类 by default) is left out.
    """
    title = "（保密事项，不显示标题）" if case.is_confidential else case.title
    lines = [f"{case.id} {title}", f"截至 {as_of.isoformat()} 的期限情况"]
    if not clocks:
        lines += ["", "尚无已起算的期限。"]
    for clock in clocks:
        lines += ["", explain_clock(clock)]
    return "\n".join(lines) + "\n"


def explain_clock(clock: Clock) -> str:
    """A plain-text account of one clock: start, length, extensions, hearing pauses, last day,
    roll-forward over days off, due date, status and legal basis."""
    lines = [f"【{clock.name}】{clock.status_label}"]
    add = lines.append
    add(f"  起算：{_day(clock.start)}{EVENT_TYPES[clock.start_event]}，当日不计入，自次日起算")
    unit = _COUNTING[clock.counting]
    length = f"  期限：{clock.days} 日（{unit}）"
    if clock.window:
        length += "；属权利期间，届满未行使只记为已过期，不算逾期"
    add(length)

    for ext in clock.extensions:
        add(f"  延期：{_day(ext.date)}延长 {ext.days} 日（批准：{ext.approval}）")
    if clock.requested_extension_days > clock.extension_days:
        add(
            f"  延期合计 {clock.requested_extension_days} 日，超过最长 {clock.max_extension} 日，"
            f"按 {clock.extension_days} 日计"
        )
    for pause in clock.pauses:
        if pause.ongoing:
            add(
                f"  听证：{_day(pause.start)}开始，截至 {_day(pause.end)}尚未结束，"
                f"已有 {pause.days} 日不计入期限；听证结束前到期日将逐日后移"
            )
        else:
            add(f"  听证：{_day(pause.start)}至 {_day(pause.end)}，{pause.days} 日不计入期限")

    parts = [f"{clock.days} 日"]
    if clock.extension_days:
        parts.append(f"延长 {clock.extension_days} 日")
    if clock.paused_days:
        parts.append(f"听证 {clock.paused_days} 日不计")
    total = f"（{'，'.join(parts)}）" if len(parts) > 1 else ""
    if clock.counting == "working":
        add(
            f"  计算：只计工作日，周末和节假日不计，第 {clock.counted_days} 个工作日为 "
            f"{_day(clock.raw_last_day)}{total}"
        )
    else:
        span = clock.counted_days + clock.paused_days
        add(f"  计算：第 {span} 日为 {_day(clock.raw_last_day)}{total}")
    if clock.skipped:
        add(f"  顺延：{_skipped(clock.skipped)}，顺延至 {clock.due.isoformat()}")
    due = f"  到期日：{_day(clock.due)}"
    if clock.due.weekday() >= 5:
        due += "，为调休上班日"
    add(due)
    add(f"  状态：{_status(clock)}")
    add(f"  依据：{clock.basis.article}。{clock.basis.summary}")
    if clock.provisional:
        add(
            f"  ⚠ 暂定（{clock.due.year} 年）：{PROVISIONAL_WARNING}，"
            "通知公布并录入后到期日可能调整。"
        )
    return "\n".join(lines)


def _status(clock: Clock) -> str:
    label = clock.status_label
    if clock.done is not None:
        event = EVENT_TYPES.get(clock.done_event or "", clock.done_event)
        text = f"{label}，{_day(clock.done)}{event}"
        if clock.status is Status.met_late:
            text += f"，晚于到期日 {clock.days_overdue} 日"
        return text
    left = clock.days_left or 0
    if clock.status is Status.lapsed:
        return f"{label}，期间已于 {clock.due.isoformat()} 届满（已过 {-left} 日）"
    if clock.status is Status.overdue:
        return f"{label}，已超过到期日 {-left} 日"
    if left == 0:
        return f"{label}，今日到期"
    return f"{label}，还剩 {left} 日"


def _skipped(days: Iterable[DayOff]) -> str:
    """'2026-02-19 至 2026-02-23 为春节假期' — consecutive days grouped by holiday name."""
    pieces = []
    for name, run in groupby(days, key=lambda d: d.name):
        run_days = [d.date for d in run]
        first, last = run_days[0], run_days[-1]
        when = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
        pieces.append(f"{when} 为{name}假期" if name else f"{when} 为周末")
    return "，".join(pieces)


def _day(d: dt.date) -> str:
    return f"{d.isoformat()}（星期{_WEEKDAYS[d.weekday()]}）"
