"""Rules over registry data: per file (schema, event order) and across files (ids, references).

Every rule returns findings and never stops at the first; locating them is left to the caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import compute_clocks
from xinfang.models import (
    EVENT_TYPES,
    Case,
    Category,
    DeadlinePolicy,
    Leader,
    RankingPolicy,
    Unit,
)
from xinfang.models.common import UnitType, canonical_case_id
from xinfang.rules import case_ids
from xinfang.rules.messages import UNKNOWN_KEY_TYPES, translate
from xinfang.rules.problems import Finding

M = TypeVar("M", bound=BaseModel)

# An event that needs an earlier one: the first is meaningless without the second.
PREREQUISITE = {
    "accepted": "received",
    "rejected": "received",
    "objected": "transferred",
    "extended": "accepted",
    "answered": "accepted",
    "rated": "answered",
    "review_requested": "answered",
    "reviewed": "review_requested",
    "recheck_requested": "reviewed",
    "rechecked": "recheck_requested",
    "hearing_ended": "hearing_started",
}
ONCE = (
    "received",
    "accepted",
    "rejected",
    "answered",
    "review_requested",
    "reviewed",
    "recheck_requested",
    "rechecked",
    "closed",
)
MAX_REPRESENTATIVES = 5  # 《信访工作条例》第二十条：多人采用走访形式的，推选代表不超过 5 人


def validate_model(model: type[M], data: Any, rel: str) -> tuple[M | None, list[Finding]]:
    """Validate plain data against a model; pydantic's errors become Chinese findings."""
    if not isinstance(data, dict):
        what = "列表" if isinstance(data, list) else "单个值"
        return None, [Finding(rel, (), f"文件顶层应为映射（键: 值），实际为{what}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        findings = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            findings.append(
                Finding(rel, loc, translate(err), at_key=err["type"] in UNKNOWN_KEY_TYPES)
            )
        return None, findings


def check_case(
    data: Any,
    rel: str,
    *,
    max_extension: int = 30,
    deadlines: DeadlinePolicy | None = None,
    calendar: OfficialCalendar | None = None,
) -> tuple[Case | None, list[Finding]]:
    """Everything that can be said about one case file on its own (with the deadline policy
    and calendar, also whether each extension came before the due date it extends)."""
    case, findings = validate_model(Case, data, rel)
    if case is None:
        return None, findings
    findings += case_ids.check_spelling(case, rel)
    findings += check_case_path(case, rel)
    findings += check_case_fields(case, rel)
    findings += check_events(case, rel, max_extension=max_extension)
    if deadlines is not None and calendar is not None:
        findings += check_extension_dates(case, rel, deadlines=deadlines, calendar=calendar)
    return case, findings


def check_extension_dates(
    case: Case, rel: str, *, deadlines: DeadlinePolicy, calendar: OfficialCalendar
) -> list[Finding]:
    """An extension (延期) is approved while the period it extends still runs: on or before
    that period's due date as it stood then, after the extensions before it
    (《信访工作条例》第三十四条). A period that has run out cannot be extended afterwards."""
    out = []
    for i, event in enumerate(case.events):
        if event.type != "extended" or i == 0:
            continue
        before = case.model_copy(update={"events": case.events[:i]})
        clocks = compute_clocks(before, deadlines, calendar, as_of=event.date)
        open_ = [c for c in clocks if c.max_extension and c.is_open]
        if open_ and event.date > open_[0].due:
            clock = open_[0]
            out.append(
                Finding(
                    rel,
                    ("events", i, "date"),
                    f"{clock.name}已于 {clock.due} 届满，{event.date} 才延期为时已晚："
                    "延期须在期限届满前批准",
                )
            )
    return out


def check_case_path(case: Case, rel: str) -> list[Finding]:
    path = PurePosixPath(rel)
    out = []
    if path.stem != case.id:
        out.append(Finding(rel, ("id",), f"编号 {case.id} 与文件名 {path.name} 不一致"))
    if path.parent.name != str(case.year):
        out.append(
            Finding(rel, ("id",), f"编号年份 {case.year} 与所在目录 {path.parent.name}/ 不一致")
        )
    if case.received.year != case.year:
        out.append(
            Finding(rel, ("received",), f"登记日期 {case.received} 与编号年份 {case.year} 不一致")
        )
    return out


def check_case_fields(case: Case, rel: str) -> list[Finding]:
    out = []
    if case.visited_level is not None and case.channel != "visit":
        out.append(Finding(rel, ("visited_level",), "只有信访形式为来访的才填写来访层级"))
    if len(case.petitioners) > case.headcount:
        out.append(
            Finding(
                rel,
                ("headcount",),
                f"人数 {case.headcount} 少于列出的信访人（{len(case.petitioners)} 人）",
            )
        )
    if case.channel == "visit" and len(case.petitioners) > MAX_REPRESENTATIVES:
        out.append(
            Finding(rel, ("petitioners",), f"集体来访推选的代表不超过 {MAX_REPRESENTATIVES} 人")
        )
    if case.repeat_of == case.id:
        out.append(Finding(rel, ("repeat_of",), "重复信访不能指向本案"))
    if case.first and case.repeat_of:
        out.append(Finding(rel, ("first",), "重复信访（已填前案编号）不能同时标为初信初访"))
    return out


def check_events(case: Case, rel: str, *, max_extension: int) -> list[Finding]:
    """The order and sequence of a case's events."""
    out: list[Finding] = []
    events = case.events
    first = events[0]
    if first.type != "received" or first.date != case.received:
        out.append(
            Finding(rel, ("events", 0), f"第一个事件应为 {{date: {case.received}, type: received}}")
        )
    seen: Counter[str] = Counter()
    extension = 0
    final: str | None = None  # 'rechecked' or 'closed' once they have happened
    for i, event in enumerate(events):
        here = ("events", i)
        if event.date < case.received:
            out.append(Finding(rel, (*here, "date"), f"日期早于登记日期 {case.received}"))
        if i and event.date < events[i - 1].date:
            out.append(
                Finding(
                    rel, (*here, "date"), f"事件未按日期排列：早于上一事件的 {events[i - 1].date}"
                )
            )
        label = EVENT_TYPES[event.type]
        if final == "closed":
            out.append(Finding(rel, (*here, "type"), "已结案销号，之后不能再有事件"))
        elif final == "rechecked" and event.type != "closed":
            out.append(Finding(rel, (*here, "type"), "复核意见是最终意见，之后只能结案销号"))
        needed = PREREQUISITE.get(event.type)
        if needed and not seen[needed]:
            out.append(
                Finding(rel, (*here, "type"), f"“{label}”之前应有“{EVENT_TYPES[needed]}”事件")
            )
        if event.type in ONCE and seen[event.type]:
            out.append(Finding(rel, (*here, "type"), f"“{label}”只能出现一次"))
        if (
            event.type == "accepted"
            and seen["rejected"]
            or event.type == "rejected"
            and seen["accepted"]
        ):
            out.append(Finding(rel, (*here, "type"), "同一事项不能既受理又不予受理"))
        if event.type == "extended":
            if seen["answered"]:
                out.append(Finding(rel, (*here, "type"), "已出具处理意见，不能再延期"))
            extension += event.days
            if extension > max_extension:
                out.append(
                    Finding(
                        rel,
                        (*here, "days"),
                        f"延期合计 {extension} 日，超过上限 {max_extension} 日",
                    )
                )
        seen[event.type] += 1
        if event.type in ("rechecked", "closed"):
            final = event.type
    return out


def check_unique_ids(ids: Iterable[tuple[str, str]]) -> list[Finding]:
    """(path, case id) pairs → a finding for every id seen before."""
    first_at: dict[str, str] = {}
    out = []
    # A canonical spelling is the first holder of its id: the other spelling is the copy.
    # XF-2026-00001 is XF-2026-0001; an id of 12 characters has 4 digits and is canonical.
    spelt = [
        (rel, case_id, case_id if len(case_id) == 12 else canonical_case_id(case_id))
        for rel, case_id in ids
    ]
    canonical = [t for t in spelt if t[2] == t[1]]
    for rel, case_id, same in canonical + [t for t in spelt if t[2] != t[1]]:
        if same in first_at:
            out.append(Finding(rel, ("id",), f"编号 {case_id} 与 {first_at[same]} 重复"))
        else:
            first_at[same] = rel
    return out


def check_repeats(repeats: Iterable[tuple[str, str]], ids: set[str]) -> list[Finding]:
    """(path, repeat_of) pairs → a finding for every earlier case that does not exist."""
    return [
        Finding(rel, ("repeat_of",), f"案件 {repeat_of} 不存在")
        for rel, repeat_of in repeats
        if repeat_of not in ids
    ]


def check_references(
    rel: str,
    case: Case,
    *,
    units: dict[str, Unit],
    leaders: dict[str, Leader],
    categories: dict[str, Category],
) -> list[Finding]:
    """References from a case to the organisation and the categories."""
    out = []
    if case.unit not in units:
        out.append(Finding(rel, ("unit",), f"单位 {case.unit} 不在 org/units.yaml 中"))
    if case.category not in categories:
        out.append(
            Finding(rel, ("category",), f"分类 {case.category} 不在 policy/categories.yaml 中")
        )
    if case.leader is not None and case.leader not in leaders:
        out.append(Finding(rel, ("leader",), f"领导 {case.leader} 不在 org/leaders.yaml 中"))
    if case.unit_leader is not None and case.unit_leader not in leaders:
        out.append(
            Finding(rel, ("unit_leader",), f"领导 {case.unit_leader} 不在 org/leaders.yaml 中")
        )
    for i, event in enumerate(case.events):
        if event.type == "transferred" and event.to not in units:
            out.append(Finding(rel, ("events", i, "to"), f"单位 {event.to} 不在 org/units.yaml 中"))
    return out


def check_units(rel: str, units: dict[str, Unit]) -> list[Finding]:
    """A unit's alias may not be another unit's key, full name, short name or alias: the
    name resolver (`--unit`, `new`, the ledger import) could not tell which unit is meant."""
    out = []
    for key, unit in units.items():
        for j, alias in enumerate(unit.aliases):
            for other_key, other in units.items():
                if other_key == key:
                    continue
                spellings = {other_key: "键", other.name: "全称", other.short: "简称"}
                spellings |= {a: "别名" for a in other.aliases if a not in spellings}
                if alias in spellings:
                    out.append(
                        Finding(
                            rel,
                            ("units", key, "aliases", j),
                            f"别名“{alias}”已是单位 {other_key}（{other.name}）的"
                            f"{spellings[alias]}，按名称找单位时会分不清，请删去或改写",
                        )
                    )
    return out


def check_leaders(rel: str, leaders: dict[str, Leader], units: dict[str, Unit]) -> list[Finding]:
    out = []
    for key, leader in leaders.items():
        if leader.unit is not None and leader.unit not in units:
            out.append(
                Finding(rel, ("leaders", key, "unit"), f"单位 {leader.unit} 不在 org/units.yaml 中")
            )
        for j, town in enumerate(leader.towns):
            if town not in units:
                out.append(
                    Finding(
                        rel, ("leaders", key, "towns", j), f"乡镇 {town} 不在 org/units.yaml 中"
                    )
                )
            elif units[town].type is not UnitType.town:
                out.append(Finding(rel, ("leaders", key, "towns", j), f"{town} 不是乡镇"))
    return out


def check_ranking(rel: str, ranking: RankingPolicy, deadlines: DeadlinePolicy) -> list[Finding]:
    """The clocks the on-time rates count must exist in policy/deadlines.yaml."""
    return [
        Finding(rel, ("rates", key, "clock"), f"期限 {rate.clock} 不在 policy/deadlines.yaml 中")
        for key, rate in ranking.rates.items()
        if rate.clock is not None and rate.clock not in deadlines.clocks
    ]
