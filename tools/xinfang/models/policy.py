"""Rules a locality may change, kept as data under policy/ (each with its legal basis)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, model_validator

from xinfang.models.case import EVENT_TYPES
from xinfang.models.common import STRICT, Date, Key, Kind, ShortText, Text


class Basis(BaseModel):
    """法律或政策依据。"""

    model_config = STRICT

    article: ShortText = Field(title="条款", description="例如 《信访工作条例》第三十四条")
    summary: Text = Field(title="要点", description="用一句话说明该条款规定的期限")


class ClockRule(BaseModel):
    """一个期限：从哪个事件起算、到哪个事件止、多长、按什么天数计算。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="期限的中文名称，例如 办理期限")
    start: list[str] = Field(
        min_length=1,
        title="起算事件",
        description="起算的事件类型；出现多个时以最后一个为准（例如转送后重新起算受理期限）",
    )
    restart: list[str] = Field(
        default_factory=list,
        title="重新起算事件",
        description="每出现一次即重新起算的事件类型，例如包案领导的每周进展报告",
    )
    stop: list[str] = Field(min_length=1, title="终止事件", description="使期限完成的事件类型")
    days: StrictInt = Field(ge=1, le=365, title="天数", description="期限长度")
    counting: Literal["calendar", "working"] = Field(
        "calendar", title="计算方式", description="calendar 自然日，working 工作日"
    )
    kinds: list[Kind] = Field(
        default_factory=lambda: list(Kind),
        title="适用类别",
        description="适用的事项类别；默认三类都适用",
    )
    window: StrictBool = Field(
        False,
        title="权利期间",
        description="true 表示这是信访人或单位的权利期间（如请求复查），过期只记为“已过期”，不算逾期",
    )
    max_extension: StrictInt = Field(
        0, ge=0, le=365, title="最长延期", description="经批准可延长的天数上限；0 表示不可延期"
    )
    pause_for_hearing: StrictBool = Field(
        False, title="听证不计入", description="true 表示听证期间的天数不计入期限"
    )
    due_soon_days: StrictInt | None = Field(
        None,
        ge=0,
        le=60,
        title="临期天数",
        description="本期限单独的临期天数；不填则用全局的 due_soon_days（短期限宜设得更小）",
    )
    requires_leader: StrictBool = Field(
        False, title="仅限包案案件", description="true 表示只对有包案领导的案件计算"
    )
    basis: Basis = Field(title="依据")

    @model_validator(mode="after")
    def _known_events(self) -> ClockRule:
        for field in ("start", "restart", "stop"):
            for name in getattr(self, field):
                if name not in EVENT_TYPES:
                    raise ValueError(f"{field} 中的事件类型 {name!r} 不存在")
        return self


class DeadlinePolicy(BaseModel):
    """policy/deadlines.yaml：各项期限规则。"""

    model_config = STRICT

    due_soon_days: StrictInt = Field(
        5, ge=0, le=60, title="临期天数", description="距到期日不超过此天数的期限列为临期"
    )
    clocks: dict[Key, ClockRule] = Field(
        min_length=1, title="期限", description="以键为索引的期限规则"
    )


class Category(BaseModel):
    """一个问题分类。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 土地征占")


class Categories(BaseModel):
    """policy/categories.yaml：信访问题分类。"""

    model_config = STRICT

    categories: dict[Key, Category] = Field(min_length=1, title="分类")


class HolidaySpan(BaseModel):
    """一段法定节假日放假安排（含其中的周末）。"""

    model_config = STRICT

    name: ShortText = Field(title="节日", description="例如 春节")
    start: Date = Field(title="放假开始", description="放假第一天")
    end: Date = Field(title="放假结束", description="放假最后一天")

    @model_validator(mode="after")
    def _ordered(self) -> HolidaySpan:
        if self.end < self.start:
            raise ValueError("放假结束日期早于开始日期")
        return self


class CalendarYear(BaseModel):
    """policy/calendar/<year>.yaml：国务院办公厅公布的某一年节假日安排。"""

    model_config = STRICT

    year: StrictInt = Field(ge=2000, le=2100, title="年份")
    notice: ShortText = Field(title="通知", description="所依据的国务院办公厅通知名称和文号")
    holidays: list[HolidaySpan] = Field(default_factory=list, title="放假安排")
    workdays: list[Date] = Field(
        default_factory=list, title="调休上班日", description="需要上班的周六或周日"
    )

    @model_validator(mode="after")
    def _inside_year(self) -> CalendarYear:
        days = [d for h in self.holidays for d in (h.start, h.end)] + list(self.workdays)
        for day in days:
            # New Year's Day breaks may start in the last days of the year before.
            if not (self.year - 1 <= day.year <= self.year):
                raise ValueError(f"日期 {day} 不属于 {self.year} 年的安排")
        return self
