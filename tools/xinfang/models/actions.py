"""org/actions/*.yaml: reminders, interviews, listings, special notices and the forms of
accountability (通报批评, 责令作出检查, 诫勉, 党纪政纪处分) actually issued.

The mechanisms that depend on history ("two reminders in a row") are computed from these
records, never guessed from the rankings.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from xinfang.models.common import STRICT, CaseId, Date, Key, ShortText, Text

ACTION_KINDS: dict[str, str] = {
    "reminder": "提醒",
    "interview": "约谈",
    "listing": "挂牌督办",
    "criticism": "通报批评",
    "self_examination": "责令作出检查",
    "admonition": "诫勉",
    "discipline": "党纪政纪处分",
    "special_notice": "专项通报",
}
# The forms of accountability (责任追究), each with a deadline to rectify (限期整改).
ACCOUNTABILITY_KINDS = ("criticism", "self_examination", "admonition", "discipline")
INTERVIEW_FORMS: dict[str, str] = {"group": "集中约谈", "individual": "个别约谈"}
CONVENORS: dict[str, str] = {"chief": "联席会议主要召集人", "convenor": "联席会议召集人"}
INTERVIEWEES: dict[str, str] = {"head": "主要领导", "deputy": "分管领导", "owner": "包案领导"}
REMINDER_FORMS: dict[str, str] = {"sms": "短信提醒", "letter": "提醒函"}
# The steps of listed supervision, in the order they must happen.
LISTING_STEPS: dict[str, str] = {
    "filing": "建档立案",
    "notice": "下发通知",
    "resolution": "化解处置",
    "inspection": "组织验收",
    "delisting": "摘牌销号",
}


class _Action(BaseModel):
    model_config = STRICT

    date: Date = Field(title="日期", description="作出该措施的日期")
    unit: Key = Field(
        title="单位", description="被提醒、约谈、督办或批评的单位，org/units.yaml 中的键"
    )
    case: CaseId | None = Field(None, title="案件", description="针对某件案件时填写案件编号")
    reason: Text = Field(title="事由", description="为什么采取该措施")


class Reminder(_Action):
    """提醒：一般问题发短信提醒，重点问题发提醒函。"""

    kind: Literal["reminder"] = Field(title="措施", description="reminder 提醒")
    form: Literal["sms", "letter"] = Field(title="形式", description="sms 短信，letter 提醒函")


class Interview(_Action):
    """约谈：被约谈单位须在规定的工作日内书面报告整改情况。"""

    kind: Literal["interview"] = Field(title="措施", description="interview 约谈")
    form: Literal["group", "individual"] | None = Field(
        None, title="约谈形式", description="group 集中约谈，individual 个别约谈"
    )
    convenor: Literal["chief", "convenor"] | None = Field(
        None,
        title="约谈人",
        description="chief 联席会议主要召集人，convenor 联席会议召集人（按问题严重程度提请）",
    )
    interviewed: list[Literal["head", "deputy", "owner"]] = Field(
        default_factory=list,
        title="约谈对象",
        description="head 主要领导，deputy 分管领导，owner 包案领导",
    )
    signed: Date | None = Field(
        None, title="签字日期", description="约谈双方在约谈记录上签字的日期"
    )
    report: Date | None = Field(
        None, title="整改报告日期", description="收到书面整改报告的日期；尚未报送则不填"
    )


class ListingStep(BaseModel):
    """挂牌督办的一个步骤及其完成日期。"""

    model_config = STRICT

    step: Literal["filing", "notice", "resolution", "inspection", "delisting"] = Field(
        title="步骤",
        description=(
            "filing 建档立案，notice 下发通知，resolution 化解处置，"
            "inspection 组织验收，delisting 摘牌销号"
        ),
    )
    date: Date = Field(title="完成日期")
    note: ShortText | None = Field(None, title="说明")


class Listing(_Action):
    """挂牌督办一件案件：按步骤推进，摘牌销号后结束。"""

    kind: Literal["listing"] = Field(title="措施", description="listing 挂牌督办")
    case: CaseId = Field(title="案件", description="被挂牌督办的案件编号")
    deadline: Date | None = Field(
        None, title="化解限期", description="挂牌督办通知规定的限期化解日期"
    )
    steps: list[ListingStep] = Field(
        default_factory=list, title="步骤", description="已完成的步骤，按先后顺序"
    )


class _Accountable(_Action):
    """责任追究的共同字段：实施责任追究时同时责令限期整改。"""

    rectify_by: Date | None = Field(None, title="整改期限", description="责令限期整改的最后日期")
    rectified: Date | None = Field(
        None, title="整改完成日期", description="整改落实到位的日期；尚未完成则不填"
    )


class Criticism(_Accountable):
    """通报批评。"""

    kind: Literal["criticism"] = Field(title="措施", description="criticism 通报批评")
    period: ShortText | None = Field(
        None, title="通报期间", description="所依据的通报，例如 2026-10、2026-H1、2026"
    )


class SelfExamination(_Accountable):
    """责令作出检查。"""

    kind: Literal["self_examination"] = Field(
        title="措施", description="self_examination 责令作出检查"
    )


class Admonition(_Accountable):
    """诫勉。"""

    kind: Literal["admonition"] = Field(title="措施", description="admonition 诫勉")


class Discipline(_Accountable):
    """党纪政纪处分。"""

    kind: Literal["discipline"] = Field(title="措施", description="discipline 党纪政纪处分")


class SpecialNotice(BaseModel):
    """专项通报：结合专项工作适时通报，点名一个或几个单位。"""

    model_config = STRICT

    kind: Literal["special_notice"] = Field(title="措施", description="special_notice 专项通报")
    date: Date = Field(title="日期", description="印发专项通报的日期")
    theme: ShortText = Field(title="主题", description="例如 重点敏感时段信访稳定工作")
    units: list[Key] = Field(
        min_length=1, title="被点名单位", description="通报中点名的单位，org/units.yaml 中的键"
    )
    reason: Text | None = Field(None, title="说明")

    # A special notice names several units and no case; these keep the other actions' shape.
    @property
    def unit(self) -> None:
        return None

    @property
    def case(self) -> None:
        return None


Action = Annotated[
    Reminder
    | Interview
    | Listing
    | Criticism
    | SelfExamination
    | Admonition
    | Discipline
    | SpecialNotice,
    Field(discriminator="kind"),
]


class ActionLog(BaseModel):
    """org/actions/<名称>.yaml：已采取的提醒、约谈、挂牌督办、专项通报和责任追究。"""

    model_config = STRICT

    actions: list[Action] = Field(min_length=1, title="措施", description="每项措施一条")
