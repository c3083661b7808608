"""Vocabulary shared by every model: keys, ids and the enumerations with their Chinese labels."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)

# Every registry file is edited by hand: a misspelt key must be an error, not silently dropped.
STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

KEY_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# ASCII digits only (\d would also take full-width ２０２６). The canonical spelling has 4
# digits, more only from the 10,000th case of a year on: see canonical_case_id.
CASE_ID_PATTERN = r"^XF-([0-9]{4})-([0-9]{4,6})$"
CASE_ID_RE = re.compile(CASE_ID_PATTERN)


def canonical_case_id(case_id: str) -> str:
    """The one spelling of a case id: XF-2026-00001 and XF-2026-0001 are the same case."""
    match = CASE_ID_RE.match(case_id)
    if match is None or len(case_id) == 12:  # XF-2026-0137: four digits are canonical
        return case_id
    return f"XF-{match.group(1)}-{int(match.group(2)):04d}"


Key = Annotated[
    str,
    StringConstraints(pattern=KEY_PATTERN, min_length=1, max_length=64),
    Field(description="小写英文字母、数字和连字符组成的键，例如 housing-bureau"),
]
CaseId = Annotated[
    str,
    StringConstraints(pattern=CASE_ID_PATTERN),
    Field(description="案件编号，形如 XF-2026-0137（年份-顺序号）"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]

# Every date in a registry file lies in this window, whatever the as-of date: arithmetic on
# dates (a due date 60 days on, a year's calendar) can then never overflow. `validate` and the
# editing commands narrow the end to one year after the as-of date (rules/dates.py).
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
# People counted in one matter or on one reception day; a larger number is a typo.
MAX_PEOPLE = 100_000


def _date_input(value: Any) -> Any:
    # pydantic would take a number as Unix time (1798761600 -> 2027-01-01): refuse it.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"不是有效日期：{value}，应写成 YYYY-MM-DD，例如 2026-06-03")
    return value


def _date_in_window(value: dt.date) -> dt.date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValueError(f"日期 {value} 超出允许范围（{DATE_MIN} 至 {DATE_MAX}）")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_input), AfterValidator(_date_in_window)]
People = Annotated[StrictInt, Field(le=MAX_PEOPLE)]


class Labeled(StrEnum):
    """An enumeration whose members carry a Chinese label in LABELS."""

    @property
    def label(self) -> str:
        return type(self).LABELS[self.value]  # type: ignore[attr-defined]


class Channel(Labeled):
    """信访形式：letter 来信，visit 来访，online 网上，phone 来电。"""

    letter = "letter"
    visit = "visit"
    online = "online"
    phone = "phone"


Channel.LABELS = {"letter": "来信", "visit": "来访", "online": "网上", "phone": "来电"}


class Kind(Labeled):
    """事项类别：request 申诉求决类，suggestion 建议意见类，accusation 检举控告类。"""

    request = "request"
    suggestion = "suggestion"
    accusation = "accusation"


Kind.LABELS = {"request": "申诉求决类", "suggestion": "建议意见类", "accusation": "检举控告类"}


class Level(Labeled):
    """来访到达的层级：county 县级，city 市级，province 省级，national 国家级（进京）。"""

    county = "county"
    city = "city"
    province = "province"
    national = "national"


Level.LABELS = {"county": "县级", "city": "市级", "province": "省级", "national": "进京"}


class Supervision(Labeled):
    """交办或挂牌督办的层级：county 县级，city 市级，province 省级，central 中央。"""

    county = "county"
    city = "city"
    province = "province"
    central = "central"


Supervision.LABELS = {"county": "县级", "city": "市级", "province": "省级", "central": "中央"}


class Priority(Labeled):
    """风险等级（红黄蓝分类）：red 红色，yellow 黄色，blue 蓝色。"""

    red = "red"
    yellow = "yellow"
    blue = "blue"


Priority.LABELS = {"red": "红色", "yellow": "黄色", "blue": "蓝色"}


class Rating(Labeled):
    """群众评价：satisfied 满意，basically_satisfied 基本满意，unsatisfied 不满意。"""

    satisfied = "satisfied"
    basically_satisfied = "basically_satisfied"
    unsatisfied = "unsatisfied"


Rating.LABELS = {"satisfied": "满意", "basically_satisfied": "基本满意", "unsatisfied": "不满意"}


class ClosedHow(Labeled):
    """结案方式：resolved 化解，withdrawn 息诉罢访，terminated 终结。"""

    resolved = "resolved"
    withdrawn = "withdrawn"
    terminated = "terminated"


ClosedHow.LABELS = {"resolved": "化解", "withdrawn": "息诉罢访", "terminated": "终结"}


class UnitType(Labeled):
    """单位类型：town 乡镇，department 县直部门。"""

    town = "town"
    department = "department"


UnitType.LABELS = {"town": "乡镇", "department": "县直部门"}


class Rank(Labeled):
    """领导职级，决定包案资格和一线工作定额。"""

    county_party_secretary = "county_party_secretary"
    county_head = "county_head"
    deputy_county_head = "deputy_county_head"
    county_leader = "county_leader"
    department_head = "department_head"
    town_head = "town_head"
    unit_deputy = "unit_deputy"
    town_cadre = "town_cadre"


Rank.LABELS = {
    "county_party_secretary": "县委书记",
    "county_head": "县长",
    "deputy_county_head": "副县长",
    "county_leader": "其他县级领导",
    "department_head": "县直部门主要负责人",
    "town_head": "乡镇党政主要负责人",
    "unit_deputy": "乡镇、部门分管负责人",
    "town_cadre": "乡镇干部",
}
