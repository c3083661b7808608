"""Spot checks of first petitions (初信初访抽查) and the clocks a 问题件 starts.

- `org/spotchecks/<year>.yaml`: the drawn sample (written by `xinfang spotcheck sample`) and
  the reviewers' verdicts, problems and rectifications;
- `policy/spotcheck.yaml`: the default sampling rate and the city's clocks for a 问题件.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, StringConstraints, model_validator

from xinfang.models.common import STRICT, CaseId, Date, Key, Labeled, ShortText, Text
from xinfang.models.policy import Basis

MonthText = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$"),
    Field(description="月份，形如 2026-10"),
]


class Verdict(Labeled):
    """抽查结论：ok 合格，problem 问题件。"""

    ok = "ok"
    problem = "problem"


Verdict.LABELS = {"ok": "合格", "problem": "问题件"}

# The dates a reviewer fills in after a 问题件, in the order the clocks run.
DONE_FIELDS = ("reviewed", "accountable", "rectified")


class SpotCheck(BaseModel):
    """被抽查的一件初信初访事项及其抽查结论。"""

    model_config = STRICT

    case: CaseId = Field(title="案件编号")
    unit: Key = Field(title="责任单位", description="案件的责任单位，org/units.yaml 中的键")
    month: MonthText = Field(title="抽查月份", description="案件办结的月份")
    drawn: Date = Field(title="抽取日期")
    verdict: Verdict | None = Field(
        None, title="抽查结论", description="ok 合格，problem 问题件；抽查后填写"
    )
    checked: Date | None = Field(None, title="认定日期", description="作出抽查结论的日期")
    problem: Text | None = Field(None, title="存在问题", description="结论为 problem 时填写")
    reviewed: Date | None = Field(None, title="核查日期", description="问题件核查完成的日期")
    accountable: Date | None = Field(None, title="追责日期", description="问题件责任追究完成的日期")
    rectification: Text | None = Field(None, title="整改情况")
    rectified: Date | None = Field(None, title="整改完成日期")
    note: Text | None = Field(None, title="说明")

    @model_validator(mode="after")
    def _consistent(self) -> SpotCheck:
        if self.verdict is not None and self.checked is None:
            raise ValueError("填写了 verdict（抽查结论），还应填写 checked（认定日期）")
        if self.checked is not None and self.checked < self.drawn:
            raise ValueError(f"认定日期 {self.checked} 早于抽取日期 {self.drawn}")
        if self.verdict is Verdict.problem and self.problem is None:
            raise ValueError("结论为 problem（问题件）时应填写 problem（存在问题）")
        if self.verdict is not Verdict.problem:
            filled = [name for name in (*DONE_FIELDS, "problem") if getattr(self, name)]
            if filled:
                raise ValueError(f"只有问题件才填写 {', '.join(filled)}")
        if self.rectified is not None and self.rectification is None:
            raise ValueError("填写了 rectified（整改完成日期），还应填写 rectification（整改情况）")
        for name in DONE_FIELDS:
            day = getattr(self, name)
            if day is not None and self.checked is not None and day < self.checked:
                raise ValueError(f"{name} 的日期 {day} 早于认定日期 {self.checked}")
        return self


class SpotCheckLog(BaseModel):
    """org/spotchecks/<年>.yaml：某年的初信初访抽查。"""

    model_config = STRICT

    checks: list[SpotCheck] = Field(
        default_factory=list, title="抽查", description="由 xinfang spotcheck sample 写入"
    )


class SpotClock(BaseModel):
    """问题件的一个时限：自认定日期起算，到填写某个日期为止。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 问题件核查")
    days: StrictInt = Field(0, ge=0, le=366, title="天数")
    months: StrictInt = Field(0, ge=0, le=24, title="月数", description="按月计算时填写")
    done: Literal["reviewed", "accountable", "rectified"] = Field(
        title="完成标志", description="抽查记录中表示完成的日期字段"
    )
    roll_forward: StrictBool = Field(
        True, title="节假日顺延", description="最后一天是休息日时顺延到下一个工作日"
    )
    due_soon_days: StrictInt = Field(1, ge=0, le=60, title="临期天数")
    basis: Basis = Field(title="依据")

    @model_validator(mode="after")
    def _length(self) -> SpotClock:
        if (self.days == 0) == (self.months == 0):
            raise ValueError("days 和 months 须填写且只填写一项")
        return self


class SpotCheckPolicy(BaseModel):
    """policy/spotcheck.yaml：抽查比例和问题件的时限。"""

    model_config = STRICT

    rate: StrictInt = Field(10, ge=1, le=100, title="抽查比例（%）")
    minimum: StrictInt = Field(
        1, ge=0, le=100, title="每单位最少件数", description="单位当月有办结的初信初访时至少抽几件"
    )
    basis: Basis = Field(title="抽查依据")
    clocks: dict[Key, SpotClock] = Field(min_length=1, title="问题件时限")
