"""The case file contract: one petition matter (信访事项) and its dated events."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic.dataclasses import dataclass

from xinfang.models.common import (
    STRICT,
    CaseId,
    Channel,
    ClosedHow,
    Date,
    Key,
    Kind,
    Level,
    People,
    Priority,
    Rating,
    ShortText,
    Supervision,
    Text,
)

Phone = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9+\- ]{5,20}$"),
    Field(
        title="联系电话", description='用引号括起来的电话号码，例如 "13800000000"；网站上从不显示'
    ),
]


# Events and petitioners are the registry's most numerous objects (a province holds
# millions): slotted dataclasses take a fifth of the memory of BaseModel instances.
light = dataclass(
    config=ConfigDict(extra="forbid", str_strip_whitespace=True),
    frozen=True,
    slots=True,
    kw_only=True,
)


@light
class Petitioner:
    """信访人。姓名在网站上打码显示，电话、证件号和住址从不公开。"""

    name: ShortText = Field(title="姓名", description="信访人姓名；匿名来信写“匿名”")
    phone: Phone | None = None
    id_number: str | None = Field(
        None,
        title="身份证号",
        description="18 位居民身份证号码；仅存于登记库，网站上从不显示",
        pattern=r"^\d{17}[\dXx]$",
    )
    address: ShortText | None = Field(
        None, title="住址", description="仅存于登记库，网站上从不显示"
    )


@light
class _Event:
    date: Date = Field(title="日期", description="事件发生的日期，格式 YYYY-MM-DD")
    note: Text | None = Field(None, title="说明", description="可选的文字说明")


@light
class Received(_Event):
    """登记：信访部门收到信访事项。"""

    type: Literal["received"] = Field(title="事件类型", description="received 登记")


@light
class Transferred(_Event):
    """转送/交办：信访部门把事项转给有权处理的单位。"""

    type: Literal["transferred"] = Field(title="事件类型", description="transferred 转送/交办")
    to: Key = Field(title="承办单位", description="接收转送的单位，org/units.yaml 中的键")


@light
class Accepted(_Event):
    """受理：承办单位书面告知信访人受理。"""

    type: Literal["accepted"] = Field(title="事件类型", description="accepted 受理")


@light
class Rejected(_Event):
    """不予受理：承办单位书面告知信访人不予受理及理由。"""

    type: Literal["rejected"] = Field(title="事件类型", description="rejected 不予受理")
    reason: Text = Field(title="理由", description="不予受理的理由")


@light
class Objected(_Event):
    """异议：被交办的单位认为事项不属于其职权范围，提出异议。"""

    type: Literal["objected"] = Field(title="事件类型", description="objected 提出异议")
    reason: Text = Field(title="理由", description="认为不属于本单位职权范围的理由")


@light
class Extended(_Event):
    """延期：经本机关负责人批准延长办理期限，并告知信访人理由。"""

    type: Literal["extended"] = Field(title="事件类型", description="extended 延期")
    days: StrictInt = Field(
        ge=1, le=30, title="延长天数", description="延长的天数，合计不超过 30 日"
    )
    approval: ShortText = Field(title="批准情况", description="批准延期的负责人或批件")


@light
class Answered(_Event):
    """办结：出具书面处理意见。"""

    type: Literal["answered"] = Field(title="事件类型", description="answered 出具处理意见（办结）")


@light
class Rated(_Event):
    """评价：信访人对办理结果作出评价。"""

    type: Literal["rated"] = Field(title="事件类型", description="rated 群众评价")
    rating: Rating = Field(title="评价", description="满意、基本满意或不满意")


@light
class ReviewRequested(_Event):
    """请求复查：信访人向上一级机关请求复查。"""

    type: Literal["review_requested"] = Field(
        title="事件类型", description="review_requested 请求复查"
    )


@light
class Reviewed(_Event):
    """复查意见：复查机关出具复查意见。"""

    type: Literal["reviewed"] = Field(title="事件类型", description="reviewed 出具复查意见")


@light
class RecheckRequested(_Event):
    """请求复核：信访人对复查意见不服，请求复核。"""

    type: Literal["recheck_requested"] = Field(
        title="事件类型", description="recheck_requested 请求复核"
    )


@light
class Rechecked(_Event):
    """复核意见：复核机关出具复核意见，此后同一事实和理由不再受理。"""

    type: Literal["rechecked"] = Field(title="事件类型", description="rechecked 出具复核意见")


@light
class HearingStarted(_Event):
    """听证开始：听证所用时间不计入复核期限。"""

    type: Literal["hearing_started"] = Field(
        title="事件类型", description="hearing_started 听证开始"
    )


@light
class HearingEnded(_Event):
    """听证结束。"""

    type: Literal["hearing_ended"] = Field(title="事件类型", description="hearing_ended 听证结束")


@light
class Progress(_Event):
    """包案进展：包案领导每周报告一次工作进度。"""

    type: Literal["progress"] = Field(title="事件类型", description="progress 包案领导进展报告")
    note: Text = Field(title="进展情况", description="本周工作进展")


@light
class Closed(_Event):
    """结案销号：事项化解、信访人息诉罢访或依法终结。"""

    type: Literal["closed"] = Field(title="事件类型", description="closed 结案销号")
    how: ClosedHow = Field(
        title="结案方式", description="resolved 化解，withdrawn 息诉罢访，terminated 终结"
    )


Event = Annotated[
    Received
    | Transferred
    | Accepted
    | Rejected
    | Objected
    | Extended
    | Answered
    | Rated
    | ReviewRequested
    | Reviewed
    | RecheckRequested
    | Rechecked
    | HearingStarted
    | HearingEnded
    | Progress
    | Closed,
    Field(discriminator="type"),
]

EVENT_TYPES: dict[str, str] = {
    "received": "登记",
    "transferred": "转送/交办",
    "accepted": "受理",
    "rejected": "不予受理",
    "objected": "提出异议",
    "extended": "延期",
    "answered": "出具处理意见",
    "rated": "群众评价",
    "review_requested": "请求复查",
    "reviewed": "出具复查意见",
    "recheck_requested": "请求复核",
    "rechecked": "出具复核意见",
    "hearing_started": "听证开始",
    "hearing_ended": "听证结束",
    "progress": "包案进展报告",
    "closed": "结案销号",
}


class Case(BaseModel):
    """一件信访事项。状态由事件推导，从不单独存储。"""

    model_config = STRICT

    id: CaseId = Field(
        title="案件编号", description="形如 XF-2026-0137，须与文件名一致，年份须与所在目录一致"
    )
    title: ShortText = Field(title="标题", description="一句话概括信访诉求")
    received: Date = Field(title="登记日期", description="信访部门收到信访事项的日期")
    channel: Channel = Field(
        title="信访形式", description="letter 来信，visit 来访，online 网上，phone 来电"
    )
    kind: Kind = Field(
        title="事项类别",
        description="request 申诉求决类，suggestion 建议意见类，accusation 检举控告类",
    )
    category: Key = Field(
        title="问题分类", description="policy/categories.yaml 中的键，例如 land-acquisition"
    )
    unit: Key = Field(title="责任单位", description="负责办理的乡镇或部门，org/units.yaml 中的键")
    summary: Text | None = Field(None, title="诉求摘要", description="信访诉求的简要内容")
    petitioners: list[Petitioner] = Field(
        default_factory=list, title="信访人", description="信访人名单；集体访列出代表（最多 5 名）"
    )
    headcount: People = Field(1, ge=1, title="人数", description="来访或联名的人数，1 至 100000")
    first: StrictBool = Field(False, title="初信初访", description="是否为首次就该事项信访")
    repeat_of: CaseId | None = Field(
        None, title="重复信访", description="此前就同一事项登记的案件编号"
    )
    visited_level: Level | None = Field(
        None,
        title="来访层级",
        description="来访时到达的层级：county 县级，city 市级，province 省级，national 进京；用于统计越级访",
    )
    irregular: StrictBool | None = Field(
        None,
        title="非正常上访",
        description="到非信访接待场所上访等非正常上访时填 true；用于统计非正常上访的件次和人次",
    )
    leader: Key | None = Field(None, title="包案领导", description="org/leaders.yaml 中的键")
    unit_leader: Key | None = Field(
        None,
        title="单位包案领导",
        description=(
            "责任乡镇或部门一方的包案领导（主要领导或分管领导），org/leaders.yaml 中的键；"
            "哪些层级的案件须填写见 policy/ownership.yaml"
        ),
    )
    instructed_by: Level | None = Field(
        None,
        title="上级领导接访、批示或阅批",
        description="有上级领导接访下访、批示或阅批时，填写该领导的层级，例如 city 市领导",
    )
    irregular_place: StrictBool = Field(
        False,
        title="到非接待场所上访",
        description="信访人到非信访接待场所上访时填 true（约谈的情形之一）",
    )
    supervision: Supervision | None = Field(
        None, title="督办层级", description="交办或挂牌督办的层级：county、city、province、central"
    )
    priority: Priority | None = Field(
        None, title="风险等级", description="红黄蓝分类：red、yellow、blue"
    )
    confidential: StrictBool | None = Field(
        None,
        title="保密",
        description="检举控告类事项默认保密：网站只显示编号、单位和期限",
    )
    events: list[Event] = Field(min_length=1, title="办理过程", description="按日期先后排列的事件")

    @field_validator("confidential")
    @classmethod
    def _accusations_stay_confidential(
        cls, value: bool | None, info: ValidationInfo
    ) -> bool | None:
        # 《信访工作条例》第三十条: an accuser's identity and materials never reach the accused;
        # the site has no way to publish an accusation, so the file may not ask for one.
        if value is False and info.data.get("kind") is Kind.accusation:
            raise ValueError("检举控告类事项一律保密，不能写 confidential: false；请删除这一行")
        return value

    @property
    def is_confidential(self) -> bool:
        if self.confidential is not None:
            return self.confidential
        return self.kind is Kind.accusation

    @property
    def year(self) -> int:
        return int(self.id[3:7])

    @property
    def sequence(self) -> int:
        return int(self.id[8:])

    def events_of(self, *types: str) -> list[Event]:
        return [e for e in self.events if e.type in types]
