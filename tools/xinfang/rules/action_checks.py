"""Rules for org/actions/ files: each action checked on its own, its references, the order of
a listing's steps and the date of an interview's report. Findings, never the first only."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import TypeAdapter, ValidationError

from xinfang.models import LISTING_STEPS, Action, ActionLog, Case, Unit
from xinfang.rules.checks import validate_model
from xinfang.rules.problems import Finding

_ACTION: TypeAdapter[Action] = TypeAdapter(Action)


def _reword_action_findings(findings: list[Finding]) -> list[Finding]:
    # The shared messages speak of case events; an action file's union is keyed by `kind`.
    return [
        Finding(
            f.path,
            f.loc,
            f.message.replace("缺少 type 字段（事件类型）", "缺少 kind 字段（措施类型）")
            .replace("事件类型", "措施类型")
            .replace("schema/case.schema.json", "schema/actions.schema.json"),
            f.at_key,
        )
        for f in findings
    ]


def check_action_log(
    data: Any,
    rel: str,
    *,
    units: dict[str, Unit],
    case_ids: set[str] | None,
    case_of: Callable[[str], Case | None],
) -> tuple[list[tuple[int, Action]], list[Finding]]:
    """An org/actions/ file: every action is checked on its own, so that one bad entry
    does not hide the problems of the others. The valid actions come with their index."""
    log, findings = validate_model(ActionLog, data, rel)
    if log is not None:
        indexed = list(enumerate(log.actions))
    else:
        items = data.get("actions") if isinstance(data, dict) else None
        indexed = []
        for i, item in enumerate(items if isinstance(items, list) else []):
            # A bad entry was already reported by the whole-file validation.
            with contextlib.suppress(ValidationError):
                indexed.append((i, _ACTION.validate_python(item)))
    findings = _reword_action_findings(findings)
    findings += check_actions(rel, indexed, units=units, case_ids=case_ids, case_of=case_of)
    return indexed, findings


def check_actions(
    rel: str,
    actions: Iterable[tuple[int, Action]],
    *,
    units: dict[str, Unit],
    case_ids: set[str] | None,
    case_of: Callable[[str], Case | None],
) -> list[Finding]:
    """References of each action, the order of a listing's steps, and the report date.

    A case is looked up only when `case_ids` (the cases that exist) is known.
    """
    out = []
    order = list(LISTING_STEPS)
    for i, action in actions:
        here = ("actions", i)
        if action.kind == "special_notice":
            out += [
                Finding(rel, (*here, "units", j), f"单位 {unit} 不在 org/units.yaml 中")
                for j, unit in enumerate(action.units)
                if unit not in units
            ]
            continue
        if action.unit not in units:
            out.append(Finding(rel, (*here, "unit"), f"单位 {action.unit} 不在 org/units.yaml 中"))
        out += _dates_after(rel, here, action)
        known = case_ids is not None and action.case is not None
        case = case_of(action.case) if known and action.case in case_ids else None
        if known and action.case not in case_ids:
            out.append(Finding(rel, (*here, "case"), f"案件 {action.case} 不存在"))
        if case is not None:
            if action.unit in units and case.unit != action.unit:
                out.append(
                    Finding(
                        rel,
                        (*here, "unit"),
                        f"案件 {case.id} 的责任单位是 {case.unit}，与此处的 {action.unit} 不一致",
                    )
                )
            if action.date < case.received:
                out.append(
                    Finding(
                        rel, (*here, "date"), f"日期早于案件 {case.id} 的登记日期 {case.received}"
                    )
                )
        if action.kind == "interview" and action.report and action.report < action.date:
            out.append(Finding(rel, (*here, "report"), f"整改报告日期早于约谈日期 {action.date}"))
        if action.kind == "listing":
            previous_index, previous_date = -1, action.date
            for j, step in enumerate(action.steps):
                where = (*here, "steps", j)
                index = order.index(step.step)
                if index <= previous_index:
                    names = "、".join(LISTING_STEPS.values())
                    out.append(
                        Finding(rel, (*where, "step"), f"步骤重复或顺序不对，应依次为：{names}")
                    )
                if step.date < previous_date:
                    out.append(
                        Finding(
                            rel, (*where, "date"), f"日期早于上一步骤（或挂牌日期）{previous_date}"
                        )
                    )
                previous_index, previous_date = max(index, previous_index), step.date
    return out


# Dates of an action that cannot come before the action itself: field → what it is.
_LATER_DATES = {
    "signed": "约谈记录签字日期",
    "deadline": "化解限期",
    "rectify_by": "整改期限",
    "rectified": "整改完成日期",
}


def _dates_after(rel: str, here: tuple, action: Action) -> list[Finding]:
    out = []
    for name, label in _LATER_DATES.items():
        value = getattr(action, name, None)
        if value is not None and value < action.date:
            out.append(Finding(rel, (*here, name), f"{label}早于措施日期 {action.date}"))
    return out
