"""What a change does to cases and their deadlines: the registry at two revisions, compared.

Pure: takes two loaded registries, returns a `RegistryDiff`. For every case whose file
changed it reports the case's stage (新登记, 结案…) and every clock that appeared,
disappeared, moved its due date or changed status. When the deadline rules or a holiday
notice changed, it also reports every open clock of every other case whose due date moved.
Both sides are computed as of the same date, so a clock moves only because the data did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from xinfang.boards.clocklist import registry_clocks
from xinfang.clocks.deadlines import STATUS_LABELS, Clock, Status
from xinfang.models import EVENT_TYPES, Case
from xinfang.registry.loader import CASES_DIR, LoadResult, Registry
from xinfang.report import render_markdown_table
from xinfang.rules.problems import Problem

__all__ = ["CaseChange", "ClockChange", "RegistryDiff", "case_stage", "compare", "diff_rows"]

CASE_CHANGES = {
    "added": "新登记",
    "removed": "删除",
    "closed": "结案",
    "reopened": "撤销结案",
    "stage": "进展",
    "edited": "修改",
    "invalid": "文件有错误",
    "policy": "规则变化",
}
CLOCK_CHANGES = {
    "added": "新增期限",
    "removed": "期限取消",
    "moved": "到期日变更",
    "met": "已完成",
    "overdue": "已逾期",
    "restarted": "重新起算",
    "status": "状态变化",
}
# Events that do not move a case to a new stage: a weekly report, an extension, a hearing.
_NOT_A_STAGE = {"progress", "extended", "hearing_started", "hearing_ended"}


def case_stage(case: Case, *, as_of: dt.date) -> str:
    """Where a case stands, in a few Chinese words: 已结案（化解）, 已受理…"""
    events = [e for e in case.events if e.date <= as_of and e.type not in _NOT_A_STAGE]
    if not events:
        return "尚未登记"
    latest = max(e.date for e in events)
    last = [e for e in events if e.date == latest][-1]  # a day's events keep their file order
    if last.type == "closed":
        return f"已结案（{last.how.label}）"
    return f"已{EVENT_TYPES[last.type]}"


@dataclass(frozen=True)
class ClockChange:
    """One clock of one case, before and after the change (None where it does not exist)."""

    key: str
    name: str
    change: str  # a key of CLOCK_CHANGES
    before: Clock | None
    after: Clock | None
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict:
        b, a = self.before, self.after
        return {
            "clock": self.key,
            "name": self.name,
            "change": self.change,
            "due_before": b.due.isoformat() if b else None,
            "due_after": a.due.isoformat() if a else None,
            "status_before": b.status.value if b else None,
            "status_after": a.status.value if a else None,
            "provisional_before": b.provisional if b else None,
            "provisional_after": a.provisional if a else None,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class CaseChange:
    case_id: str
    path: str
    change: str  # a key of CASE_CHANGES
    stage_before: str | None
    stage_after: str | None
    clocks: tuple[ClockChange, ...] = ()
    note: str = ""

    def as_json(self) -> dict:
        return {
            "case": self.case_id,
            "path": self.path,
            "change": self.change,
            "stage_before": self.stage_before,
            "stage_after": self.stage_after,
            "note": self.note,
            "clocks": [c.as_json() for c in self.clocks],
        }


@dataclass
class RegistryDiff:
    as_of: dt.date
    base: str
    head: str
    changed: list[str]  # registry files that differ
    policy_changed: list[str]
    cases: list[CaseChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # head problems in changed files
    unloadable: list[str] = field(default_factory=list)  # sides whose registry did not load

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "base": self.base,
            "head": self.head,
            "changed_files": self.changed,
            "policy_changed": self.policy_changed,
            "unloadable": self.unloadable,
            "cases": [c.as_json() for c in self.cases],
            "problems": [
                {"path": p.path, "line": p.line, "column": p.column, "message": p.message}
                for p in self.problems
            ],
        }


# -- comparing ------------------------------------------------------------------------------


def compare(
    before: LoadResult,
    after: LoadResult,
    *,
    changed: Iterable[str],
    policy_changed: Iterable[str] = (),
    as_of: dt.date,
    base: str = "",
    head: str = "",
) -> RegistryDiff:
    """Compare the registry before and after a change, as of one date.

    `changed` are the registry files that differ (paths relative to the root); the case
    files among them are the cases the change touches. With `policy_changed` non-empty, the
    open clocks of all other cases are compared too (both results must hold every case).
    """
    changed = sorted(changed)
    report = RegistryDiff(as_of, base, head, changed, sorted(policy_changed))
    b_reg, a_reg = before.registry, after.registry
    if b_reg is None:
        report.unloadable.append("base")
    if a_reg is None:
        report.unloadable.append("head")
    touched = {p for p in changed if p.startswith(f"{CASES_DIR}/")}
    report.problems = [p for p in after.problems if p.path in touched]
    if b_reg is None or a_reg is None:
        return report

    bad_after = {p.path for p in after.problems}
    bad_before = {p.path for p in before.problems}
    b_paths = {rel: cid for cid, rel in b_reg.paths.items()}
    a_paths = {rel: cid for cid, rel in a_reg.paths.items()}
    broken = touched & bad_after  # reported as such, not as the removal of the old case
    ids: dict[str, str] = {}  # case id → path to show
    for rel in sorted(touched):
        for cid in (a_paths.get(rel), None if rel in broken else b_paths.get(rel)):
            if cid is not None:
                ids.setdefault(cid, rel)
    for rel in sorted(broken):
        report.cases.append(
            CaseChange(
                PurePosixPath(rel).stem,
                rel,
                "invalid",
                None,
                None,
                note="文件有错误，未计算期限；错误见校验结果",
            )
        )
    for cid, rel in sorted(ids.items()):
        change = _case_change(cid, b_reg, a_reg, as_of=as_of, fixed=rel in bad_before)
        if change is not None:
            report.cases.append(change)

    if report.policy_changed:
        for case in a_reg.cases:
            if case.id in ids or b_reg.case(case.id) is None:
                continue
            moved = [
                c
                for c in _clock_changes(b_reg, a_reg, case.id, as_of=as_of)
                if c.before and c.after and c.after.is_open and c.before.due != c.after.due
            ]
            if moved:
                report.cases.append(
                    CaseChange(
                        case.id,
                        a_reg.paths[case.id],
                        "policy",
                        None,
                        None,
                        tuple(moved),
                        note="规则或节假日安排改动后重新计算",
                    )
                )
    report.cases.sort(key=lambda c: (c.case_id, c.path))
    return report


def _case_change(
    cid: str, b_reg: Registry, a_reg: Registry, *, as_of: dt.date, fixed: bool
) -> CaseChange | None:
    """`fixed`: the case's file had problems before the change (so it is not new)."""
    b, a = b_reg.case(cid), a_reg.case(cid)
    if a is None and b is None:
        return None
    stage_b = case_stage(b, as_of=as_of) if b else None
    stage_a = case_stage(a, as_of=as_of) if a else None
    clocks = tuple(_clock_changes(b_reg, a_reg, cid, as_of=as_of))
    if b is None:
        kind = "edited" if fixed else "added"
        note = "原文件有错误，已改正" if fixed else ""
        return CaseChange(cid, a_reg.paths[cid], kind, None, stage_a, clocks, note=note)
    if a is None:
        return CaseChange(cid, b_reg.paths[cid], "removed", stage_b, None)
    was_closed = stage_b.startswith("已结案")
    is_closed = stage_a.startswith("已结案")
    if is_closed and not was_closed:
        kind = "closed"
    elif was_closed and not is_closed:
        kind = "reopened"
    elif stage_a != stage_b:
        kind = "stage"
    else:
        kind = "edited"
    note = "" if clocks or kind != "edited" else "期限无变化"
    return CaseChange(cid, a_reg.paths[cid], kind, stage_b, stage_a, clocks, note=note)


def _clock_changes(
    b_reg: Registry, a_reg: Registry, cid: str, *, as_of: dt.date
) -> list[ClockChange]:
    before = {c.key: c for c in registry_clocks(b_reg, as_of=as_of, case_id=cid)}
    after = {c.key: c for c in registry_clocks(a_reg, as_of=as_of, case_id=cid)}
    order = list(after) + [k for k in before if k not in after]
    out = []
    for key in order:
        b, a = before.get(key), after.get(key)
        change = _clock_change(b, a)
        if change is not None:
            out.append(change)
    return out


def _clock_change(b: Clock | None, a: Clock | None) -> ClockChange | None:
    if a is None and b is None:
        return None
    if b is None:
        return ClockChange(a.key, a.name, "added", None, a, _notes(None, a))
    if a is None:
        return ClockChange(b.key, b.name, "removed", b, None)
    same = (b.start, b.due, b.done, b.status) == (a.start, a.due, a.done, a.status)
    if same:
        return None
    if a.due != b.due:
        kind = "moved"
    elif a.done is not None and b.done is None:
        kind = "met"
    elif a.status is Status.overdue and b.status is not Status.overdue:
        kind = "overdue"
    elif a.start != b.start:
        kind = "restarted"
    else:
        kind = "status"
    return ClockChange(a.key, a.name, kind, b, a, _notes(b, a))


def _notes(b: Clock | None, a: Clock) -> tuple[str, ...]:
    """Why the clock changed, as far as its own reasoning shows."""
    notes = []
    if b is None:
        notes.append(f"自 {a.start} {EVENT_TYPES.get(a.start_event, a.start_event)}起算")
        if a.provisional:
            notes.append("暂定：涉及尚未公布节假日安排的年份")
        return tuple(notes)
    if a.start != b.start:
        notes.append(f"起算日 {b.start} → {a.start}")
    if a.days != b.days or a.counting != b.counting:
        notes.append(
            f"法定期限 {b.days} → {a.days} {'工作日' if a.counting == 'working' else '日'}"
        )
    if a.extension_days != b.extension_days:
        if b.extension_days == 0:
            notes.append(f"批准延期 {a.extension_days} 日")
        else:
            notes.append(f"延期 {b.extension_days} → {a.extension_days} 日")
    if a.paused_days != b.paused_days:
        notes.append(f"听证不计入 {b.paused_days} → {a.paused_days} 日")
    if a.done != b.done and a.done is not None:
        notes.append(f"{a.done} {EVENT_TYPES.get(a.done_event or '', '完成')}")
    if b.provisional and not a.provisional:
        notes.append("节假日安排已公布，不再暂定")
    elif a.provisional and not b.provisional:
        notes.append("暂定：涉及尚未公布节假日安排的年份")
    holidays = sorted({d.name for d in a.skipped if d.name})
    if a.due != b.due and holidays:
        notes.append(f"遇{'、'.join(holidays)}假期顺延至 {a.due}")
    elif a.due != b.due and not notes:
        notes.append("节假日安排变化")
    return tuple(notes)


# -- rendering ------------------------------------------------------------------------------

DIFF_COLUMNS = (
    ("case", "案件"),
    ("change", "变化"),
    ("clock", "期限"),
    ("due_before", "原到期日"),
    ("due_after", "新到期日"),
    ("status_before", "原状态"),
    ("status_after", "新状态"),
    ("note", "说明"),
)


def diff_rows(report: RegistryDiff) -> list[dict]:
    """The report as table rows: a row for the case when the case itself changed (or
    nothing about its clocks did), then a row for each clock that changed."""
    rows = []
    for case in report.cases:
        if case.change not in ("edited", "policy") or not case.clocks:
            rows.append(
                {
                    "case": case.case_id,
                    "change": CASE_CHANGES[case.change],
                    "clock": None,
                    "due_before": None,
                    "due_after": None,
                    "status_before": case.stage_before,
                    "status_after": case.stage_after,
                    "note": case.note or None,
                }
            )
        for clock in case.clocks:
            b, a = clock.before, clock.after
            rows.append(
                {
                    "case": case.case_id,
                    "change": CLOCK_CHANGES[clock.change],
                    "clock": clock.name,
                    "due_before": _due(b),
                    "due_after": _due(a),
                    "status_before": STATUS_LABELS[b.status] if b else None,
                    "status_after": STATUS_LABELS[a.status] if a else None,
                    "note": "；".join(clock.notes) or None,
                }
            )
    return rows


def _due(clock: Clock | None) -> str | None:
    if clock is None:
        return None
    return f"{clock.due}（暂定）" if clock.provisional else clock.due.isoformat()


def render_markdown(report: RegistryDiff, *, max_rows: int | None = None) -> str:
    """The report as a Chinese Markdown section: a heading, what was compared, the table."""
    lines = ["## 本次改动对案件和期限的影响", ""]
    lines.append(
        f"比较 `{report.base[:7]}` → `{report.head[:7]}`，期限均按 {report.as_of}（北京时间）计算。"
    )
    if report.policy_changed:
        files = "、".join(f"`{p}`" for p in report.policy_changed)
        lines.append(f"改动了 policy/ 下的文件（{files}），已重新计算所有案件未完成的期限。")
    lines.append("")
    for side in report.unloadable:
        which = "改动前" if side == "base" else "改动后"
        lines.append(f"**{which}的登记库无法加载**（org/ 或 policy/ 下的文件缺失或有错误），")
        lines.append("无法比较期限；请先按校验结果改正。")
        lines.append("")
    rows = diff_rows(report)
    if not rows and not report.unloadable:
        lines.append("本次改动没有改变任何案件的状态或期限。")
        return "\n".join(lines) + "\n"
    shown = rows if max_rows is None else rows[:max_rows]
    if shown:
        lines.append(render_markdown_table(DIFF_COLUMNS, shown))
    if len(shown) < len(rows):
        lines.append("")
        lines.append(
            f"（共 {len(rows)} 行，此处只列前 {len(shown)} 行；"
            "完整结果请运行 `xinfang diff --format json`。）"
        )
    return "\n".join(lines) + "\n"
