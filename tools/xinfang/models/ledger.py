"""policy/ledger.yaml: how the columns of a clerk's ledger map to case fields on import."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from xinfang.models.common import STRICT, ShortText

LedgerField = Literal[
    "id",
    "title",
    "received",
    "channel",
    "kind",
    "category",
    "unit",
    "petitioners",
    "headcount",
    "first",
    "visited_level",
    "irregular",
    "supervision",
    "priority",
    "leader",
    "summary",
    "accepted",
    "answered",
    "rating",
    "rated",
]


class LedgerPolicy(BaseModel):
    """导入台账时列名与案件字段的对照。列的顺序不限，未列出的列忽略。"""

    model_config = STRICT

    columns: dict[LedgerField, list[ShortText]] = Field(
        title="列名对照",
        description="案件字段 → 台账中可能使用的列名（别名），比较时忽略空格和大小写",
    )
