"""policy/accountability.yaml: the county's accountability rules (问责与督办), with their
Chinese names, legal basis and thresholds. The rule keys are stable: `xinfang findings`
prints them and scripts may rely on them."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field, StrictInt, model_validator

from xinfang.models.common import STRICT, Level, ShortText, Supervision
from xinfang.models.policy import Basis

RuleKey = Literal[
    "ownership.missing",
    "ownership.rank",
    "ownership.second",
    "ownership.progress",
    "escalation.interview",
    "escalation.self_examination",
    "escalation.admonition",
    "escalation.listing",
    "escalation.criticism",
    "escalation.special_notices",
    "listing.deadline",
    "interview.report",
]
RULE_KEYS: tuple[str, ...] = get_args(RuleKey)

# What the registers find (xinfang.registers.findings); their basis is in each register's
# own policy file, so here they have a Chinese name only.
RegisterRuleKey = Literal[
    "screening.missing",
    "screening.stale",
    "rota.gap",
    "rota.day_off",
    "spotcheck.review",
    "spotcheck.accountability",
    "spotcheck.resolution",
]


class Rule(BaseModel):
    """一条问责或督办规则：中文名称、它要求采取的措施和依据。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="例如 重点案件未落实包案领导")
    action: ShortText = Field(title="措施", description="这条规则要求采取的措施，例如 约谈")
    basis: Basis = Field(title="依据")


class Thresholds(BaseModel):
    """规则的门槛。种子文件没有写明或无法辨认的数值，在 policy 文件中注明是本县的取值。"""

    model_config = STRICT

    above_level: list[Level] = Field(
        min_length=1,
        title="越级访层级",
        description="县里的事项到这些层级上访即为越级访（《信访工作条例》第二十条：本级或上一级）",
    )
    large_headcount: StrictInt = Field(
        ge=2, le=100000, title="较大规模集体访人数", description="来访人数达到此数计为较大规模"
    )
    self_examination_visits: StrictInt = Field(3, ge=2, le=100, title="同一问题较大规模集体访次数")
    self_examination_days: StrictInt = Field(
        365, ge=30, le=730, title="统计天数", description="“一年内”按此天数计算"
    )
    admonition_province_headcount: StrictInt = Field(ge=2, le=100000, title="到省大规模集体访人数")
    admonition_national_headcount: StrictInt = Field(ge=2, le=100000, title="进京大规模集体访人数")
    criticism_supervision: list[Supervision] = Field(
        min_length=1,
        title="上级交办的重大案件",
        description="这些层级交办督办的案件属于“上级交办的重大信访案件”",
    )
    special_notices: StrictInt = Field(
        2, ge=1, le=12, title="连续被专项通报次数", description="连续被点名达到此数即建议提醒或约谈"
    )


class AccountabilityPolicy(BaseModel):
    """policy/accountability.yaml：问责与督办的规则、依据和门槛。"""

    model_config = STRICT

    rules: dict[RuleKey, Rule] = Field(title="规则", description="以稳定的规则键为索引")
    thresholds: Thresholds = Field(title="门槛")
    register_rules: dict[RegisterRuleKey, ShortText] = Field(
        default_factory=dict,
        title="台账规则名称",
        description=(
            "排查、坐班接访和抽查三本台账所发现情形的中文名称；依据写在各台账自己的"
            " policy 文件中（screening.yaml、rota.yaml、spotcheck.yaml）"
        ),
    )

    @model_validator(mode="after")
    def _every_rule(self) -> AccountabilityPolicy:
        missing = [key for key in RULE_KEYS if key not in self.rules]
        if missing:
            raise ValueError(f"缺少规则：{'、'.join(missing)}")
        return self
