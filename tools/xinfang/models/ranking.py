"""policy/ranking.yaml: what the notice rankings (通报排名) measure and what they trigger."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, model_validator

from xinfang.models.common import STRICT, Key, ShortText, Text
from xinfang.models.policy import Basis

PeriodKind = Literal["month", "quarter", "half", "year"]
PERIOD_KIND_LABELS: dict[str, str] = {
    "month": "月度",
    "quarter": "季度",
    "half": "半年",
    "year": "年度",
}


class RateMetric(BaseModel):
    """一项比率指标：名称、计算公式和写在数字旁边的口径说明。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 按期办结率")
    formula: Literal["on_time", "satisfaction", "participation", "first_resolution", "year_end"] = (
        Field(
            title="计算公式",
            description=(
                "on_time 按期率（需填 clock），satisfaction 满意率，participation 参评率，"
                "first_resolution 初信初访一次性化解率，year_end 结案率（期内交办、期末前办结）"
            ),
        )
    )
    channels: list[Literal["letter", "visit", "online", "phone"]] = Field(
        default_factory=list,
        title="信访形式",
        description="只计这些形式的事项（例如 visit 初次来访、online 初次网上）；不填则不限",
    )
    clock: Key | None = Field(
        None,
        title="期限",
        description=(
            "on_time 所依据的期限，或 first_resolution 的请求复查期间，policy/deadlines.yaml 中的键"
        ),
    )
    definition: Text = Field(title="口径", description="印在数字旁边的定义，写明分子和分母")

    @model_validator(mode="after")
    def _clock_for_on_time(self) -> RateMetric:
        needs = self.formula in ("on_time", "first_resolution")
        if needs != (self.clock is not None):
            raise ValueError(
                "on_time 和 first_resolution 公式须填写 clock（后者为请求复查期间），"
                "其他公式不填 clock"
            )
        return self


class Settings(BaseModel):
    """计数口径和排名门槛。"""

    model_config = STRICT

    basically_satisfied_counts: StrictBool = Field(
        True, title="基本满意计为满意", description="true 时满意率的分子包括“基本满意”"
    )
    collective_headcount: StrictInt = Field(
        5, ge=2, le=1000, title="集体访人数", description="来访人数达到此数即计为集体访"
    )
    min_matters: StrictInt = Field(
        3,
        ge=0,
        le=10000,
        title="最少事项数",
        description="参与考核的事项少于此数的单位列出但不排名",
    )
    z: float = Field(
        1.96, gt=0, le=5, title="置信系数", description="Wilson 区间的 z 值；1.96 对应 95%"
    )
    score_decimals: StrictInt = Field(
        2, ge=0, le=6, title="得分小数位", description="得分按此位数四舍五入，相同得分名次相同"
    )


class BottomRule(BaseModel):
    """连续在定期通报中排名后几位的单位，进行提醒或约谈。"""

    model_config = STRICT

    name: ShortText = Field(title="名称")
    bottom: StrictInt = Field(3, ge=1, le=100, title="后几位")
    times: StrictInt = Field(2, ge=1, le=12, title="连续次数")
    series: list[PeriodKind] = Field(
        min_length=1, title="定期通报", description="构成“连续”的通报系列，例如 month、half、year"
    )
    basis: Basis = Field(title="依据")


class Threshold(BaseModel):
    """比率低于此值即触发（不含等于）。"""

    model_config = STRICT

    metric: Key = Field(title="指标", description="rates 中的键，例如 handling、year-end")

    below: float = Field(gt=0, le=100, title="低于（%）", description="百分数，例如 80")
    periods: list[PeriodKind] = Field(min_length=1, title="适用的通报")


class CriticismRule(BaseModel):
    """比率低于门槛的单位予以通报批评。"""

    model_config = STRICT

    name: ShortText = Field(title="名称")
    thresholds: list[Threshold] = Field(
        min_length=1, title="门槛", description="每项一个指标和门槛；符合任意一项即触发"
    )
    basis: Basis = Field(title="依据")


class ListingRule(BaseModel):
    """同一案件连续被提醒若干次，建议挂牌督办。"""

    model_config = STRICT

    name: ShortText = Field(title="名称")
    reminders: StrictInt = Field(2, ge=1, le=12, title="连续提醒次数")
    basis: Basis = Field(title="依据")


class InterviewRule(BaseModel):
    """被约谈单位在若干个工作日内书面报告整改情况。"""

    model_config = STRICT

    name: ShortText = Field(title="名称")
    report_working_days: StrictInt = Field(15, ge=1, le=100, title="整改报告期限（工作日）")
    basis: Basis = Field(title="依据")


class Mechanisms(BaseModel):
    model_config = STRICT

    bottom: BottomRule = Field(title="提醒或约谈")
    criticism: CriticismRule = Field(title="通报批评")
    listing: ListingRule = Field(title="挂牌督办")
    interview: InterviewRule = Field(title="约谈整改")


class RankingPolicy(BaseModel):
    """policy/ranking.yaml：通报排名的指标、权重、门槛和触发的工作机制。"""

    model_config = STRICT

    rates: dict[Key, RateMetric] = Field(min_length=1, title="比率指标")
    settings: Settings = Field(default_factory=Settings, title="口径设置")
    weights: dict[Key, float] = Field(
        min_length=1,
        title="得分权重",
        description="参与得分的比率指标及其权重；单位缺少某项数据时按其余指标的权重重新归一",
    )
    mechanisms: Mechanisms = Field(title="工作机制")

    @model_validator(mode="after")
    def _known_metrics(self) -> RankingPolicy:
        for key, weight in self.weights.items():
            if key not in self.rates:
                raise ValueError(f"weights 中的指标 {key!r} 不在 rates 中")
            if weight <= 0:
                raise ValueError(f"指标 {key!r} 的权重应大于 0")
        for threshold in self.mechanisms.criticism.thresholds:
            if threshold.metric not in self.rates:
                raise ValueError(f"criticism 的指标 {threshold.metric!r} 不在 rates 中")
        return self
