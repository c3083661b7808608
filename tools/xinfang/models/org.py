"""The organisation: towns and departments, and the leaders who own cases."""

from __future__ import annotations

from pydantic import BaseModel, Field

from xinfang.models.common import STRICT, Key, Rank, ShortText, UnitType


class Unit(BaseModel):
    """一个乡镇或县直部门。"""

    model_config = STRICT

    name: ShortText = Field(title="名称", description="单位全称，例如 县住房和城乡建设局")
    short: ShortText | None = Field(None, title="简称", description="在表格中使用的简称")
    aliases: list[ShortText] = Field(
        default_factory=list,
        title="别名",
        description="群众和干部常用的其他叫法（例如 住建委、旧称），命令的 --unit 和网站搜索都认",
    )
    type: UnitType = Field(title="类型", description="town 乡镇，department 县直部门")


class Units(BaseModel):
    """org/units.yaml：全县的乡镇和部门。"""

    model_config = STRICT

    units: dict[Key, Unit] = Field(min_length=1, title="单位", description="以键为索引的单位清单")


class Leader(BaseModel):
    """一名领导干部。"""

    model_config = STRICT

    name: ShortText = Field(title="姓名")
    post: ShortText = Field(title="职务", description="例如 县委常委、副县长")
    rank: Rank = Field(title="职级", description="决定可包案的层级和一线工作定额")
    unit: Key | None = Field(None, title="所在单位", description="部门或乡镇领导所在的单位键")
    towns: list[Key] = Field(
        default_factory=list, title="联系乡镇", description="县级领导联系的乡镇"
    )
    lines: list[ShortText] = Field(
        default_factory=list, title="分管战线", description="分管的工作领域"
    )


class Leaders(BaseModel):
    """org/leaders.yaml：领导干部名单。"""

    model_config = STRICT

    leaders: dict[Key, Leader] = Field(
        min_length=1, title="领导", description="以键为索引的领导名单"
    )
