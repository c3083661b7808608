"""Leaders on the front line (一线工作法) and case ownership (包案): the files and their policies.

- `org/receptions/<year>.yaml`: scheduled public reception days (领导接访日) and their outcome,
  and the standing reception rota (`rota:` 每个工作日的接访值班);
- `policy/rota.yaml`: who must be on the rota each working day;
- `org/frontline/<year>-<month>.yaml`: the monthly frontline ledger (一线工作台账);
- `policy/frontline.yaml`: monthly quotas by rank, and how early a reception is published;
- `policy/ownership.yaml`: which ranks may own which cases, and which cases must have an owner.

Rules that relate one field to another (a date inside the file's month, a case received on the
reception day) are checked in `leadership_checks.py`, where they can be located at the field.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictInt, model_validator

from xinfang.models.common import (
    STRICT,
    CaseId,
    Date,
    Key,
    Labeled,
    Level,
    People,
    Priority,
    Rank,
    ShortText,
    Supervision,
    Text,
    UnitType,
)
from xinfang.models.policy import Basis

# The `where` of a ledger entry that was spent on the leader's own line of work (分管战线).
LINE = "line"


class Weekday(Labeled):
    """星期：monday 周一 … sunday 周日。"""

    monday = "monday"
    tuesday = "tuesday"
    wednesday = "wednesday"
    thursday = "thursday"
    friday = "friday"
    saturday = "saturday"
    sunday = "sunday"

    @property
    def number(self) -> int:
        """0 for Monday, as `date.weekday()` counts."""
        return list(type(self)).index(self)


Weekday.LABELS = {
    "monday": "周一",
    "tuesday": "周二",
    "wednesday": "周三",
    "thursday": "周四",
    "friday": "周五",
    "saturday": "周六",
    "sunday": "周日",
}


class Reception(BaseModel):
    """一次领导公开接访日：事先公示，接访后填写接待结果。"""

    model_config = STRICT

    leader: Key = Field(title="接访领导", description="org/leaders.yaml 中的键")
    date: Date = Field(title="接访日期", description="格式 YYYY-MM-DD")
    place: ShortText = Field(title="接访地点", description="例如 青石镇便民服务中心二楼接待室")
    unit: Key = Field(
        title="所在乡镇或部门", description="接访所在的乡镇或部门，org/units.yaml 中的键"
    )
    published: Date = Field(
        title="公示日期",
        description="向群众公示接访安排（姓名、职务、日期、地点）的日期，应至少提前一周",
    )
    petitioners: People | None = Field(
        None, ge=0, title="接待人次", description="接访当天接待的群众人次；接访后填写"
    )
    matters: People | None = Field(
        None, ge=0, title="反映事项件数", description="接访当天群众反映的事项件数；接访后填写"
    )
    cases: list[CaseId] = Field(
        default_factory=list,
        title="登记案件",
        description="接访当天登记的案件编号，每件的登记日期须为接访当天",
    )
    note: Text | None = Field(None, title="说明", description="可选的文字说明")

    @property
    def held(self) -> bool:
        """Whether the outcome has been recorded."""
        return self.petitioners is not None or self.matters is not None or bool(self.cases)


class RotaDuty(BaseModel):
    """接访值班：一位领导在县群众工作中心或本单位接待群众的日子。

    按星期排的（weekdays）只落在工作日上，法定节假日自动跳过，调休上班的周末须另排；
    按日期排的（dates）照排，排在休息日的会被列出。
    """

    model_config = STRICT

    leader: Key = Field(title="值班领导", description="org/leaders.yaml 中的键")
    unit: Key | None = Field(
        None,
        title="接访单位",
        description="本单位接访时填写单位键；不填表示在县群众工作中心接访（县级领导）",
    )
    weekdays: list[Weekday] = Field(
        default_factory=list, title="每周", description="每周的哪几天，例如 [monday, thursday]"
    )
    dates: list[Date] = Field(default_factory=list, title="日期", description="逐日排定的日期")
    since: Date | None = Field(None, title="起始日期", description="按星期排时从哪天起，含当天")
    until: Date | None = Field(None, title="截止日期", description="按星期排时到哪天止，含当天")

    @model_validator(mode="after")
    def _some_days(self) -> RotaDuty:
        if not self.weekdays and not self.dates:
            raise ValueError("weekdays 和 dates 至少填写一项")
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"截止日期 {self.until} 早于起始日期 {self.since}")
        return self


class Receptions(BaseModel):
    """org/receptions/<年>.yaml：某一年的领导接访日安排和接访值班表。"""

    model_config = STRICT

    receptions: list[Reception] = Field(
        default_factory=list,
        title="接访日",
        description="按日期排列的接访安排，每项一位领导一天",
    )
    rota: list[RotaDuty] = Field(
        default_factory=list,
        title="接访值班",
        description="每个工作日县群众工作中心一位县级领导、各乡镇和部门各一位领导接访",
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Receptions:
        if not self.receptions and not self.rota:
            raise ValueError("receptions 和 rota 至少填写一项")
        return self


class FrontlineEntry(BaseModel):
    """一线工作台账的一条记录：一位领导某一天在哪里、做了什么。"""

    model_config = STRICT

    leader: Key = Field(title="领导", description="org/leaders.yaml 中的键")
    date: Date = Field(title="日期", description="格式 YYYY-MM-DD，须在文件名所示月份内")
    where: Key = Field(
        title="地点",
        description="所到乡镇的键（org/units.yaml 中的乡镇）；在分管战线现场办公时写 line",
    )
    work: Text = Field(title="工作内容", description="当天所做的工作，例如 接待来访群众、督办案件")


class FrontlineLedger(BaseModel):
    """org/frontline/<年>-<月>.yaml：某月的一线工作台账。"""

    model_config = STRICT

    entries: list[FrontlineEntry] = Field(
        min_length=1, title="记录", description="每位领导每天一条"
    )


# ---------------------------------------------------------------- policy/frontline.yaml


class Quota(BaseModel):
    """一类领导每月深入一线的最低要求。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 县级领导")
    ranks: list[Rank] = Field(min_length=1, title="适用职级")
    town_days: StrictInt = Field(
        0, ge=0, le=31, title="联系乡镇天数", description="每月在所联系乡镇工作的最少天数"
    )
    line_days: StrictInt = Field(
        0, ge=0, le=31, title="分管战线天数", description="每月到分管战线现场办公的最少天数"
    )
    days: StrictInt = Field(
        0, ge=0, le=31, title="合计天数", description="每月深入一线的最少天数，不论地点"
    )
    weekday: Weekday | None = Field(
        None,
        title="固定日",
        description="每周固定下村的日子，例如 tuesday：当月每个是工作日的这一天都应在一线",
    )
    basis: Basis = Field(title="依据")


class ReceptionRule(BaseModel):
    """领导接访日的公示要求。"""

    model_config = STRICT

    notice_days: StrictInt = Field(
        7, ge=1, le=60, title="提前公示天数", description="公示日期至少比接访日期早这么多天"
    )
    basis: Basis = Field(title="依据")


class FrontlinePolicy(BaseModel):
    """policy/frontline.yaml：一线工作定额和接访日公示要求。"""

    model_config = STRICT

    quotas: dict[Key, Quota] = Field(
        min_length=1, title="定额", description="以键为索引；每个职级至多属于一项定额"
    )
    receptions: ReceptionRule = Field(title="接访日公示")

    def quota_for(self, rank: Rank) -> Quota | None:
        """The first quota listing `rank` (a rank in two quotas is reported by validate)."""
        return next((q for q in self.quotas.values() if rank in q.ranks), None)


# ---------------------------------------------------------------- policy/ownership.yaml


class CaseMatch(BaseModel):
    """案件条件：所填的各项须同时符合（同一项列出几个值时，符合其中之一即可）。"""

    model_config = STRICT

    supervision: list[Supervision] = Field(
        default_factory=list, title="督办层级", description="案件的 supervision 为其中之一"
    )
    visited_level: list[Level] = Field(
        default_factory=list, title="来访层级", description="案件的 visited_level 为其中之一"
    )
    instructed_by: list[Level] = Field(
        default_factory=list,
        title="上级领导接访、批示或阅批",
        description="案件的 instructed_by 为其中之一",
    )
    priority: list[Priority] = Field(
        default_factory=list, title="风险等级", description="案件的 priority 为其中之一"
    )
    min_headcount: StrictInt | None = Field(
        None, ge=1, le=100000, title="人数不少于", description="案件的 headcount 不少于此数"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> CaseMatch:
        if not (self.supervision or self.visited_level or self.instructed_by or self.priority):
            raise ValueError(
                "至少填写 supervision、visited_level、instructed_by、priority 中的一项"
            )
        return self


class SecondOwner(BaseModel):
    """乡镇或部门一方的包案领导（案件的 unit_leader）：须是责任单位的领导。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 乡镇或部门主要领导")
    ranks: list[Rank] = Field(min_length=1, title="可担任的职级")


class OwnershipTier(BaseModel):
    """一个包案层级：哪些案件属于这一层级，由哪些职级的领导包案，乡镇或部门一方由谁包案。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 县委、县政府主要领导包案")
    when: list[CaseMatch] = Field(
        default_factory=list,
        title="适用案件",
        description="符合其中任意一项条件的案件属于这一层级；只按风险颜色归入的层级可不填",
    )
    ranks: list[Rank] = Field(min_length=1, title="可包案职级")
    second: SecondOwner | None = Field(
        None, title="单位包案领导", description="还须由乡镇或部门一方的哪类领导包案；不要求则不填"
    )
    basis: Basis = Field(title="依据")


class Colours(BaseModel):
    """红黄蓝分类的重点案件各归入哪一包案层级（本县自定）。"""

    model_config = STRICT

    tiers: dict[Priority, Key] = Field(
        title="颜色对应的层级", description="red、yellow、blue → tiers 中的键"
    )
    basis: Basis = Field(title="依据")


class OwnershipPolicy(BaseModel):
    """policy/ownership.yaml：领导包案的层级、红黄蓝对应的层级和每周进展报告。"""

    model_config = STRICT

    tiers: dict[Key, OwnershipTier] = Field(
        min_length=1,
        title="包案层级",
        description="从高到低排列；案件符合多个层级时，以排在最前的为准。属于任何层级的都是重点案件，须落实包案领导",
    )
    colours: Colours = Field(title="红黄蓝分类")
    progress_clock: Key = Field(
        "progress",
        title="进展报告期限",
        description="policy/deadlines.yaml 中包案领导定期报告进展的期限键",
    )

    @model_validator(mode="after")
    def _known_tiers(self) -> OwnershipPolicy:
        for colour, key in self.colours.tiers.items():
            if key not in self.tiers:
                raise ValueError(
                    f"colours.tiers 中 {colour.value} 对应的层级 {key!r} 不在 tiers 中"
                )
        return self


# ---------------------------------------------------------------- policy/rota.yaml


class CentreRota(BaseModel):
    """县群众工作中心：每个工作日一位县级领导接访。"""

    model_config = STRICT

    place: ShortText = Field(title="地点", description="例如 县群众工作中心")
    ranks: list[Rank] = Field(min_length=1, title="可值班职级")
    basis: Basis = Field(title="依据")


class UnitRota(BaseModel):
    """乡镇和部门：每个工作日本单位一位领导接访。"""

    model_config = STRICT

    types: list[UnitType] = Field(
        min_length=1, title="单位类型", description="town 乡镇，department 县直部门"
    )
    basis: Basis = Field(title="依据")


class RotaPolicy(BaseModel):
    """policy/rota.yaml：每个工作日谁必须接访。"""

    model_config = STRICT

    centre: CentreRota = Field(title="县群众工作中心")
    units: UnitRota = Field(title="乡镇和部门")
