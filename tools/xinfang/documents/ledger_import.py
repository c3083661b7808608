"""`xinfang import`: a clerk's ledger → the new cases and events it implies. Pure planning.

Columns are found by header name through policy/ledger.yaml, in any order; others are
ignored. A row without 编号 is a new case; a row with one adds only the events its date
columns imply (受理, 出具意见, 评价) that the case does not have yet, and never rewrites what
is there. Every would-be file is checked with the same rules as `validate`; any problem in
any row means the plan is refused and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xinfang.documents import cells
from xinfang.documents.cells import CellError
from xinfang.models import EVENT_TYPES, keys
from xinfang.models.ledger import LedgerPolicy
from xinfang.registry import editing
from xinfang.registry.ledgerfile import Table
from xinfang.registry.loader import Registry
from xinfang.rules import checks

__all__ = ["ImportPlan", "RowChange", "plan_import"]

REQUIRED_NEW = ("title", "received", "channel", "kind", "category", "unit")
# Date column → the event it implies, in the order events happen.
IMPLIED = (("accepted", "accepted"), ("answered", "answered"), ("rated", "rated"))


@dataclass
class RowChange:
    row: int  # the spreadsheet's row number (the header is row 1)
    case_id: str | None  # None: a new case
    fields: dict[str, Any] = field(default_factory=dict)  # a new case's fields, in file order
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportPlan:
    changes: list[RowChange]
    problems: list[str]  # FILE:第N行:列名: 说明
    rows: int  # data rows read
    unchanged: int  # rows with nothing to add


def _norm(header: str) -> str:
    text = str(header).translate(str.maketrans("（）", "()"))
    return re.sub(r"\s+", "", text).lower()


class _Row:
    """One data row, with the reading of each cell and the problems it had."""

    def __init__(self, table: Table, number: int, cells_: list[object], where: dict[str, int]):
        self.table, self.number, self.cells, self.where = table, number, cells_, where
        self.headers: dict[str, str] = {}
        self.problems: list[str] = []

    def problem(self, key: str | None, message: str) -> None:
        column = self.headers.get(key, key or "") if key else ""
        self.problems.append(f"{self.table.name}:第{self.number}行:{column}: {message}")

    def get(self, key: str, reader: Callable[[object], Any]) -> Any:
        index = self.where.get(key)
        if index is None or index >= len(self.cells):
            return None
        try:
            return reader(self.cells[index])
        except CellError as exc:
            self.problem(key, str(exc))
            return None


def plan_import(
    registry: Registry, table: Table, policy: LedgerPolicy, *, as_of: dt.date
) -> ImportPlan:
    """What importing `table` would do, or the problems that stop it."""
    rows = table.rows
    if not rows:
        return ImportPlan([], [f"{table.name}:第1行:: 文件是空的"], 0, 0)
    aliases = {_norm(a): key for key, names in policy.columns.items() for a in names}
    where: dict[str, int] = {}
    headers: dict[str, str] = {}
    problems: list[str] = []
    for i, header in enumerate(rows[0]):
        key = aliases.get(_norm(header)) if header is not None else None
        if key is None:
            continue
        if key in where:
            problems.append(
                f"{table.name}:第1行:{header}: 与“{headers[key]}”是同一字段，只能保留一列"
            )
            continue
        where[key], headers[key] = i, str(header)
    if "id" not in where and "title" not in where:
        problems.append(
            f"{table.name}:第1行:: 找不到“编号”或“标题”列；列名对照见 policy/ledger.yaml"
        )
    if problems:
        return ImportPlan([], problems, 0, 0)
    names = _names(registry)
    changes: list[RowChange] = []
    count = unchanged = 0
    for number, cells_ in enumerate(rows[1:], start=2):
        if all(cells.is_empty(c) for c in cells_):
            continue
        count += 1
        row = _Row(table, number, list(cells_), where)
        row.headers = headers
        case_id = row.get("id", cells.read_text)
        change = _update(registry, row, case_id) if case_id else _new(registry, row, names)
        problems += row.problems
        if change is not None and not row.problems:
            if change.case_id is not None and not change.events:
                unchanged += 1
            else:
                changes.append(change)
    return ImportPlan(changes if not problems else [], problems, count, unchanged)


def _names(registry: Registry) -> dict[str, Callable[[object], str | None]]:
    """How each choice column is read: fixed values from their labels, and units, categories
    and leaders by the one resolver that `new`, `event` and every `--unit` use."""
    out: dict[str, Callable[[object], str | None]] = {
        key: functools.partial(cells.read_choice, names=names, what=_WHAT[key])
        for key, names in cells.CHOICES.items()
        if key in _WHAT
    }
    out["unit"] = functools.partial(_resolved, keys.resolve_unit, registry.units)
    out["category"] = functools.partial(_resolved, keys.resolve_category, registry.categories)
    out["leader"] = functools.partial(_resolved, keys.resolve_leader, registry.leaders)
    return out


def _resolved(resolve: Callable[..., str], known: object, value: object) -> str | None:
    text = cells.read_text(value)
    if text is None:
        return None
    try:
        return resolve(text, known)
    except keys.UnknownKey as exc:
        raise CellError(str(exc)) from None


_WHAT = {
    "channel": "信访形式", "kind": "事项类别", "visited_level": "越级层级",
    "supervision": "督办层级", "priority": "风险等级", "rating": "评价",
    "unit": "单位", "category": "问题分类", "leader": "领导",
}  # fmt: skip


def _implied(row: _Row) -> list[dict[str, Any]]:
    events = []
    for key, kind in IMPLIED:
        date = row.get(key, cells.read_date)
        if date is None:
            continue
        event: dict[str, Any] = {"date": date, "type": kind}
        if kind == "rated":
            rating = row.get(
                "rating", lambda v: cells.read_choice(v, cells.CHOICES["rating"], "评价")
            )
            if rating is None:
                row.problem("rating", "填了评价日期，但评价为空")
                continue
            event["rating"] = rating
        events.append(event)
    if row.get("rating", cells.read_text) and not any(e["type"] == "rated" for e in events):
        if "rated" in row.where:
            if not row.problems:
                row.problem("rated", "填了评价，但缺少评价日期")
        else:
            row.problem("rating", "台账没有“评价日期”列，无法记录评价")
    return events


def _update(registry: Registry, row: _Row, case_id: str) -> RowChange | None:
    case = registry.case(case_id)
    if case is None:
        row.problem(
            "id", f"登记库中没有案件 {case_id}（或其文件有问题，请先运行 xinfang validate）"
        )
        return None
    new = []
    for event in _implied(row):
        same = [e for e in case.events if e.type == event["type"]]
        if any(
            e.date == event["date"] and getattr(e, "rating", None) == event.get("rating")
            for e in same
        ):
            continue
        if same and (event["type"] != "rated" or event["date"] <= same[-1].date):
            had = "、".join(e.date.isoformat() for e in same)
            label = EVENT_TYPES[event["type"]]
            row.problem(
                event["type"],
                f"登记库中{case_id}的“{label}”为 {had}，与台账的 {event['date']} 不同；"
                "导入不改写已有记录，请核对后在案件文件中更正",
            )
            continue
        new.append(event)
    if new:
        data = case.model_dump(mode="json", exclude_none=True)
        data["events"] = data["events"] + [_jsonable(e) for e in new]
        rel = registry.paths.get(case_id, f"cases/{case.year}/{case_id}.yaml")
        _, findings = checks.check_case(data, rel)
        first_new = len(case.events)
        for f in findings:
            if (
                len(f.loc) >= 2
                and f.loc[0] == "events"
                and isinstance(f.loc[1], int)
                and f.loc[1] >= first_new
            ):
                row.problem(new[f.loc[1] - first_new]["type"], f.message)
    return RowChange(row.number, case_id, events=new)


def _jsonable(event: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in event.items()}


def _new(
    registry: Registry, row: _Row, names: dict[str, Callable[[object], str | None]]
) -> RowChange | None:
    def choice(key: str) -> Any:
        return row.get(key, names[key])

    fields: dict[str, Any] = {
        "title": row.get("title", cells.read_text),
        "received": row.get("received", cells.read_date),
        "channel": choice("channel"),
        "kind": choice("kind"),
        "category": choice("category"),
        "unit": choice("unit"),
        "summary": row.get("summary", cells.read_text),
    }
    people = row.get("petitioners", cells.read_text)
    if people:
        fields["petitioners"] = [{"name": n} for n in re.split(r"[、，,;；\s]+", people) if n]
    fields["headcount"] = row.get("headcount", cells.read_int) or 1
    fields["first"] = bool(row.get("first", cells.read_bool))
    fields["irregular"] = row.get("irregular", cells.read_bool)
    for key in ("visited_level", "leader", "supervision", "priority"):
        fields[key] = choice(key)
    for key in REQUIRED_NEW:
        if fields[key] is None and not any(
            f":{row.headers.get(key, '')}:" in p for p in row.problems
        ):
            column = row.headers.get(key)
            if column is None:
                row.problems.append(
                    f"{row.table.name}:第{row.number}行:: 新案件需要“{_LABEL[key]}”列"
                )
            else:
                row.problem(key, "新案件必须填写")
    fields = {k: v for k, v in fields.items() if v is not None}
    events = _implied(row)
    if row.problems:
        return None
    received = fields["received"]
    data = {"id": f"XF-{received.year}-9999", **_jsonable(fields)}
    data["petitioners"] = fields.get("petitioners", [])
    data["events"] = [{"date": received.isoformat(), "type": "received"}]
    data["events"] += [_jsonable(e) for e in events]
    _, findings = checks.check_case(data, f"cases/{received.year}/XF-{received.year}-9999.yaml")
    for f in findings:
        key = f.loc[0] if f.loc else None
        if key == "events" and len(f.loc) >= 2 and isinstance(f.loc[1], int) and f.loc[1] >= 1:
            key = events[f.loc[1] - 1]["type"]
        row.problem(str(key) if key else None, f.message)
    return RowChange(row.number, None, fields=fields, events=events)


_LABEL = {
    "title": "标题", "received": "登记日期", "channel": "信访形式", "kind": "事项类别",
    "category": "问题分类", "unit": "责任单位",
}  # fmt: skip


def describe(change: RowChange, new_id: str | None = None) -> str:
    """One line of the --dry-run listing (and of what was done)."""
    events = "、".join(f"{EVENT_TYPES[e['type']]} {e['date']}" for e in change.events)
    if change.case_id is None:
        what = (
            f"新案件 {new_id or ''}“{change.fields['title']}”（登记 {change.fields['received']}）"
        )
        return f"第{change.row}行：{what}" + (f"，并记录 {events}" if events else "")
    return f"第{change.row}行：{change.case_id} 追加 {events}"


def apply_plan(root: Path, plan: ImportPlan, *, as_of: dt.date) -> list[str]:
    """Write the plan through the registry's editing functions (atomic, comments kept, each
    step re-checked under the registry's edit lock)."""
    done = []
    for change in plan.changes:
        case_id = change.case_id
        if case_id is None:
            path = editing.create_case(root, change.fields, as_of=as_of)
            case_id = path.stem
        for event in change.events:
            editing.append_event(root, case_id, event, as_of=as_of)
        done.append(describe(change, case_id if change.case_id is None else None))
    return done


def predicted_ids(root: Path, plan: ImportPlan) -> dict[int, str]:
    """The ids new cases would get, by row (next free id of each year, in row order)."""
    taken: dict[int, int] = {}
    out = {}
    for change in plan.changes:
        if change.case_id is None:
            year = change.fields["received"].year
            if year not in taken:
                taken[year] = int(editing.next_case_id(root, year)[8:])
            out[change.row] = f"XF-{year}-{taken[year]:04d}"
            taken[year] += 1
    return out
