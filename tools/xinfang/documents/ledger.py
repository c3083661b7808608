"""The case ledger (台账) as rows: the columns an office ledger has, masked as on the site.

One row per case. A confidential matter (检举控告类 by default, 《信访工作条例》第三十条)
shows only the columns in CONFIDENTIAL_COLUMNS, the same facts the site shows for it: id,
unit, kind, dates, stage and deadlines. Names are masked unless the office asks for them
for its own use, and never for a confidential matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from xinfang.models import Case
from xinfang.site.data import CaseRow, SiteData
from xinfang.site.privacy import mask_numbers
from xinfang.site.tables import CONFIDENTIAL_TITLE
from xinfang.site.text import mask_name

__all__ = ["COLUMNS", "CONFIDENTIAL_COLUMNS", "Column", "LedgerFilter", "ledger_rows"]


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    meaning: str
    width: int  # in Excel character units (a Chinese character is about 2)
    kind: str = "text"  # text, date, int


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", "案件编号，年份-顺序号；导入时据此找到已登记的案件", 15),
    Column("title", "标题", "一句话概括诉求；保密事项不显示", 40),
    Column("received", "登记日期", "信访部门收到信访事项的日期", 12, "date"),
    Column("channel", "信访形式", "来信、来访、网上、来电", 9),
    Column("kind", "事项类别", "申诉求决类、建议意见类、检举控告类", 12),
    Column("category", "问题分类", "policy/categories.yaml 中的分类名称", 12),
    Column("unit", "责任单位", "负责办理的乡镇或部门", 18),
    Column("petitioners", "信访人", "信访人姓名，默认打码；检举控告类从不显示", 14),
    Column("headcount", "人数", "来访或联名的人数", 6, "int"),
    Column("first", "初信初访", "是否首次就该事项信访", 9),
    Column("visited_level", "越级层级", "来访到达县级以上的层级：到市、到省、进京", 9),
    Column("irregular", "非正常上访", "到非信访接待场所上访等非正常上访为“是”；未认定为空", 11),
    Column("supervision", "督办层级", "交办或挂牌督办的层级", 9),
    Column("priority", "风险等级", "红黄蓝分类", 9),
    Column("leader", "包案领导", "包案领导姓名", 10),
    Column("accepted", "受理日期", "承办单位告知受理的日期", 12, "date"),
    Column("answered", "出具意见日期", "出具书面处理意见（办结）的日期", 13, "date"),
    Column("rating", "评价", "群众对办理结果的最后一次评价", 9),
    Column("rated", "评价日期", "最后一次评价的日期", 12, "date"),
    Column("stage", "状态", "截至数据日期的办理阶段，由事件推导", 16),
    Column("clock", "当前期限", "最先到期的未完成期限（不含信访人的权利期间）", 14),
    Column("due", "到期日", "当前期限的到期日", 12, "date"),
    Column("overdue_days", "逾期天数", "当前期限已逾期的天数；未逾期为空", 9, "int"),
)

# What a confidential matter may show: the facts the site shows for it (case_page.py).
CONFIDENTIAL_COLUMNS = frozenset(
    {"id", "received", "kind", "unit", "accepted", "answered", "stage", "clock", "due"}
    | {"overdue_days"}
)

_LEVELS = {"city": "到市", "province": "到省", "national": "进京"}


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    year: int | None = None
    unit: str | None = None
    open_only: bool = False

    def keeps(self, row: CaseRow) -> bool:
        case = row.case
        if self.year is not None and case.received.year != self.year:
            return False
        if self.unit is not None and case.unit != self.unit:
            return False
        return not (self.open_only and not row.is_open)


def mask_text(text: str) -> str:
    """Free text with every personal number masked as on the site (site/privacy.py); the
    site's public copy of a case has its names masked already."""
    return mask_numbers(text)


def _last(case: Case, kind: str, as_of: dt.date):  # noqa: ANN202
    events = [e for e in case.events if e.type == kind and e.date <= as_of]
    return events[-1] if events else None


def ledger_rows(
    data: SiteData,
    *,
    keep: LedgerFilter = LedgerFilter(),  # noqa: B008
    with_names: bool = False,
) -> list[dict[str, object]]:
    """Every kept case as a dict keyed by column key; dates stay `date`, counts `int`."""
    registry = data.registry
    name_of: Callable[[str], str] = (lambda n: n) if with_names else mask_name
    rows = []
    for row in data.rows:
        if not keep.keeps(row):
            continue
        case = row.case
        accepted = _last(case, "accepted", data.as_of)
        answered = _last(case, "answered", data.as_of)
        rated = _last(case, "rated", data.as_of)
        nxt = row.next_clock
        leader = registry.leaders.get(case.leader) if case.leader else None
        category = registry.categories.get(case.category)
        values: dict[str, object] = {
            "id": case.id,
            "title": mask_text(case.title),
            "received": case.received,
            "channel": case.channel.label,
            "kind": case.kind.label,
            "category": category.name if category else case.category,
            "unit": data.unit_name(case.unit),
            # the public copy (row.case) masks names; --with-names reads the case file's own
            "petitioners": "、".join(
                name_of(p.name) for p in registry.by_id.get(case.id, case).petitioners
            )
            if case.kind.value != "accusation"
            else "",
            "headcount": case.headcount,
            "first": "是" if case.first else "否",
            "visited_level": _LEVELS.get(case.visited_level or "", ""),
            "irregular": {True: "是", False: "否"}.get(case.irregular, ""),
            "supervision": case.supervision.label if case.supervision else "",
            "priority": case.priority.label if case.priority else "",
            "leader": leader.name if leader else "",
            "accepted": accepted.date if accepted else None,
            "answered": answered.date if answered else None,
            "rating": rated.rating.label if rated else "",
            "rated": rated.date if rated else None,
            "stage": row.stage,
            "clock": nxt.name if nxt else "",
            "due": nxt.due if nxt else None,
            "overdue_days": nxt.days_overdue if nxt and nxt.days_overdue > 0 else None,
        }
        if case.is_confidential:
            values = {k: (v if k in CONFIDENTIAL_COLUMNS else None) for k, v in values.items()}
            values["title"] = CONFIDENTIAL_TITLE
        rows.append(values)
    return rows
