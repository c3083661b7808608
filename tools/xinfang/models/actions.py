"""org/actions/*.yaml: reminders, interviews, listings and criticisms actually issued.

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
}
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
    steps: list[ListingStep] = Field(
        default_factory=list, title="步骤", description="已完成的步骤，按先后顺序"
    )


class Criticism(_Action):
    """通报批评。"""

    kind: Literal["criticism"] = Field(title="措施", description="criticism 通报批评")
    period: ShortText | None = Field(
        None, title="通报期间", description="所依据的通报，例如 2026-10、2026-H1、2026"
    )


Action = Annotated[
    Reminder | Interview | Listing | Criticism,
    Field(discriminator="kind"),
]


class ActionLog(BaseModel):
    """org/actions/<名称>.yaml：已采取的提醒、约谈、挂牌督办和通报批评。"""

    model_config = STRICT

    actions: list[Action] = Field(min_length=1, title="措施", description="每项措施一条")
