"""The registry's clocks as rows for `deadlines` and `overdue` (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from xinfang.clocks.deadlines import Clock, Status, compute_clocks
from xinfang.clocks.explain import PROVISIONAL_WARNING
from xinfang.registry.loader import Registry
from xinfang.report import render_markdown_table

# `xinfang deadlines --format json` promises exactly these keys.
DEADLINE_COLUMNS = (
    ("case", "案件"),
    ("clock", "期限"),
    ("start", "起算日"),
    ("due", "到期日"),
    ("done", "完成日"),
    ("status", "状态"),
    ("days_left", "剩余天数"),
    ("provisional", "暂定"),
    ("basis", "依据"),
)
OVERDUE_COLUMNS = (
    ("case", "案件"),
    ("unit", "责任单位"),
    ("clock", "期限"),
    ("due", "到期日"),
    ("status", "状态"),
    ("days_left", "剩余天数"),
    ("provisional", "暂定"),
)


def iter_clocks(
    registry: Registry,
    *,
    as_of: dt.date,
    case_id: str | None = None,
    unit: str | None = None,
) -> Iterator[Clock]:
    """Every clock of every case (or of one case, or of one unit's cases) as of a date."""
    for case in registry.cases:
        if case_id is not None and case.id != case_id:
            continue
        if unit is not None and case.unit != unit:
            continue
        yield from compute_clocks(case, registry.deadlines, registry.calendar, as_of=as_of)


def registry_clocks(
    registry: Registry,
    *,
    as_of: dt.date,
    case_id: str | None = None,
    unit: str | None = None,
) -> list[Clock]:
    return list(iter_clocks(registry, as_of=as_of, case_id=case_id, unit=unit))


def deadline_row(clock: Clock, *, labels: bool) -> dict:
    """One clock as the JSON contract (or, with `labels`, as the table shows it)."""
    return {
        "case": clock.case_id,
        "clock": clock.name if labels else clock.key,
        "start": clock.start.isoformat(),
        "due": clock.due.isoformat(),
        "done": clock.done.isoformat() if clock.done else None,
        "status": clock.status_label if labels else clock.status.value,
        "days_left": clock.days_left,
        "provisional": clock.provisional,
        "basis": clock.basis.article,
    }


def overdue_rows(registry: Registry, clocks: Iterable[Clock], *, labels: bool) -> list[dict]:
    cases = {c.id: c for c in registry.cases}
    rows = []
    for clock in clocks:
        unit = cases[clock.case_id].unit
        rows.append(
            {
                "case": clock.case_id,
                "unit": registry.unit_name(unit) if labels else unit,
                "clock": clock.name if labels else clock.key,
                "due": clock.due.isoformat(),
                "status": clock.status_label if labels else clock.status.value,
                "days_left": clock.days_left,
                "provisional": clock.provisional,
            }
        )
    return rows


OVERDUE_TITLE = "逾期案件清单"


def merged_rows(rows: list[dict], extra: Sequence[dict]) -> list[dict]:
    """The clocks' rows with other rows of the same shape (the findings that carry a due
    date), the most overdue first."""
    if not extra:
        return rows
    return sorted([*rows, *extra], key=lambda r: (r["days_left"], r["case"] or "", r["clock"]))


def overdue_markdown(
    registry: Registry,
    clocks: list[Clock],
    *,
    as_of: dt.date,
    within: int | None = None,
    extra: Sequence[dict] = (),
) -> str:
    """The overdue and due-soon list as a Chinese Markdown report (job summary, issue body).

    Titles are left out on purpose: the list goes to places every reader of the repository
    sees, and an accusation's subject must not reach the accused (《信访工作条例》第三十条).
    Files left out because of errors are listed first: the list may be missing their clocks.
    `extra`: labelled rows of the findings that carry a due date (interview reports, listing
    deadlines), all overdue.
    """
    late = sum(1 for c in clocks if c.status is Status.overdue) + len(extra)
    cases = len({c.case_id for c in clocks} | {r["case"] for r in extra if r["case"]})
    horizon = "临期" if within is None else f"{within} 天内到期"
    lines = [f"## {OVERDUE_TITLE}（截至 {as_of}）", ""]
    if registry.omitted:
        lines.append(registry.omitted.markdown())
    if not clocks and not extra:
        lines.append(f"截至 {as_of}（北京时间），没有逾期的期限，也没有{horizon}的期限。")
        if registry.omitted:
            lines.append("上列未计入的文件中的案件不在此列，修正后才能判断是否逾期。")
        return "\n".join(lines) + "\n"
    lines.append(
        f"截至 {as_of}（北京时间）：逾期 {late} 项，{horizon} {len(clocks) + len(extra) - late} 项，"
        f"涉及 {cases} 件案件。逾期最久的在前。"
    )
    lines.append("")
    lines.append(
        render_markdown_table(
            OVERDUE_COLUMNS, merged_rows(overdue_rows(registry, clocks, labels=True), extra)
        )
    )
    if extra:
        lines.append("")
        lines.append(
            "“约谈整改报告逾期”“挂牌督办未按要求推进”两类来自问责与督办规则"
            "（xinfang findings），依据见 policy/accountability.yaml。"
        )
    if any(c.provisional for c in clocks):
        lines.append("")
        lines.append(f"标为“暂定”的期限：{PROVISIONAL_WARNING}。")
    return "\n".join(lines) + "\n"
