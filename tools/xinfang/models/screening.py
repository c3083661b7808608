"""The risk-screening register (矛盾纠纷排查) and its reporting rhythm.

- `org/screening/<year>-<month>.yaml`: each town's and department's reports of the month
  (a weekly report, and a daily one in sensitive periods; a report may list nothing) and the
  matters they screened, with risk colour, measures, status and owner;
- `policy/screening.yaml`: who reports, how often, the dated sensitive periods, and how long
  a matter may stay 在办.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, StrictInt, model_validator

from xinfang.models.common import (
    STRICT,
    CaseId,
    Date,
    Key,
    Labeled,
    Priority,
    ShortText,
    Text,
    UnitType,
)
from xinfang.models.policy import Basis


class ScreeningStatus(Labeled):
    """排查事项的状态：resolved 化解，controlled 稳控，open 在办。"""

    resolved = "resolved"
    controlled = "controlled"
    open = "open"


ScreeningStatus.LABELS = {"resolved": "化解", "controlled": "稳控", "open": "在办"}


class ScreeningReport(BaseModel):
    """一次排查报告：哪个单位、哪一天报告（本周没有新排查到的矛盾纠纷也要报告）。"""

    model_config = STRICT

    unit: Key = Field(title="报告单位", description="org/units.yaml 中的键")
    date: Date = Field(title="报告日期", description="格式 YYYY-MM-DD，须在文件名所示月份内")
    note: Text | None = Field(None, title="说明", description="例如 本周无新增矛盾纠纷")


class ScreenedMatter(BaseModel):
    """排查出的一项矛盾纠纷。"""

    model_config = STRICT

    unit: Key = Field(title="排查单位", description="org/units.yaml 中的键")
    found: Date = Field(title="排查日期", description="格式 YYYY-MM-DD，须在文件名所示月份内")
    matter: ShortText = Field(title="矛盾纠纷", description="简要事由，不写当事人全名和联系方式")
    people: StrictInt = Field(ge=1, le=100000, title="涉及人数")
    risk: Priority = Field(title="风险等级", description="red 红色，yellow 黄色，blue 蓝色")
    measures: Text = Field(title="化解稳控措施")
    status: ScreeningStatus = Field(
        title="状态", description="resolved 化解，controlled 稳控，open 在办"
    )
    closed: Date | None = Field(
        None, title="化解或稳控日期", description="状态为 resolved 或 controlled 时填写"
    )
    owner: ShortText = Field(title="责任人", description="负责化解稳控的领导或干部")
    case: CaseId | None = Field(None, title="登记案件", description="已登记为信访事项时填写编号")

    @model_validator(mode="after")
    def _closed_matches_status(self) -> ScreenedMatter:
        if self.status is ScreeningStatus.open and self.closed is not None:
            raise ValueError("状态为 open（在办）时不应填写 closed；已化解或稳控请改 status")
        if self.closed is not None and self.closed < self.found:
            raise ValueError(f"化解或稳控日期 {self.closed} 早于排查日期 {self.found}")
        return self


class ScreeningLedger(BaseModel):
    """org/screening/<年>-<月>.yaml：某月的矛盾纠纷排查报告和排查出的事项。"""

    model_config = STRICT

    reports: list[ScreeningReport] = Field(
        default_factory=list, title="报告", description="每次报告一条：单位和日期"
    )
    matters: list[ScreenedMatter] = Field(
        default_factory=list, title="排查事项", description="排查出的矛盾纠纷，每项一条"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> ScreeningLedger:
        if not self.reports and not self.matters:
            raise ValueError("reports 和 matters 至少填写一项")
        return self


# ---------------------------------------------------------------- policy/screening.yaml


class SensitivePeriod(BaseModel):
    """一个敏感期：期间每天排查、每天报告。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 全国两会")
    start: Date = Field(title="开始日期")
    end: Date = Field(title="结束日期", description="含当天")

    @model_validator(mode="after")
    def _ordered(self) -> SensitivePeriod:
        if self.end < self.start:
            raise ValueError(f"结束日期 {self.end} 早于开始日期 {self.start}")
        return self


class Rhythm(BaseModel):
    """报告频次的依据。"""

    model_config = STRICT

    basis: Basis = Field(title="依据")


class SensitiveRule(BaseModel):
    """敏感期日排查日报告：县里每年把当年的敏感期加在这里。"""

    model_config = STRICT

    periods: list[SensitivePeriod] = Field(default_factory=list, title="敏感期")
    basis: Basis = Field(title="依据")


class StaleRule(BaseModel):
    """排查事项保持“在办”的最长天数。"""

    model_config = STRICT

    days: StrictInt = Field(
        ge=1, le=366, title="天数", description="自排查日期起算，超过即列为问题"
    )
    basis: Basis = Field(title="依据")


class ScreeningPolicy(BaseModel):
    """policy/screening.yaml：矛盾纠纷排查的报告单位、频次、敏感期和在办时限。"""

    model_config = STRICT

    reporters: list[UnitType] = Field(
        min_length=1, title="报告单位类型", description="town 乡镇，department 县直部门"
    )
    weekly: Rhythm = Field(title="周排查周报告", description="每个自然周（周一至周日）至少报告一次")
    sensitive: SensitiveRule = Field(title="敏感期日排查日报告")
    stale: StaleRule = Field(title="在办时限")
