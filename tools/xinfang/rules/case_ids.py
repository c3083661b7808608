"""A case id has one spelling: 4 ASCII digits, more only from a year's 10,000th case on.

Otherwise XF-2026-0001 and XF-2026-00001 could be two files for one case, each counted.
"""

from __future__ import annotations

from xinfang.models import Case
from xinfang.models.common import canonical_case_id
from xinfang.rules.problems import Finding


def check_spelling(case: Case, rel: str) -> list[Finding]:
    """A finding for the case's id and repeat_of when either is not written canonically."""
    out = []
    for field, value in (("id", case.id), ("repeat_of", case.repeat_of)):
        if value and canonical_case_id(value) != value:
            out.append(
                Finding(
                    rel,
                    (field,),
                    f"编号 {value} 写法不规范：顺序号不到 10000 时写 4 位数字，"
                    f"应写作 {canonical_case_id(value)}（两种写法是同一件案件）",
                )
            )
    return out
