"""The 逾期与临期 board lists the spot checks' 问题件 clocks in their own, labelled section."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from registry_factory import REPO
from xinfang.clocks.deadlines import Status, select_overdue
from xinfang.registers.spotcheck import spotcheck_clocks
from xinfang.registry.loader import load_registry
from xinfang.site.boards import render_overdue_board
from xinfang.site.data import collect

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo():
    registry = load_registry(REPO).registry
    assert registry is not None
    return registry


def test_the_board_lists_the_late_and_near_problem_clocks_apart(demo) -> None:
    data = collect(demo, demo.calendar, as_of=AS_OF, commit="abc1234")
    board = render_overdue_board(data)
    picked = select_overdue(spotcheck_clocks(demo, as_of=AS_OF), due_soon=True)
    late = [c for c in picked if c.status is Status.overdue]
    assert late and len(picked) > len(late)  # the demo has both at this date
    head, section = board.split("## 抽查问题件的时限", 1)
    assert f"问题件时限：逾期 **{len(late)}** 项、临期 {len(picked) - len(late)} 项" in head
    rows = section.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert len(rows) == len({c.case_id for c in picked})
    for clock in picked:
        row = next(r for r in rows if f">{clock.case_id}<" in r)
        assert row.count("问题件") >= 2 and clock.name in row and clock.due.isoformat() in row
    # the case counts above are the cases' own clocks, the 问题件 clocks are not added to them
    case_late = [
        c for c in select_overdue(data.clocks, due_soon=True) if c.status is Status.overdue
    ]
    counted = re.search(r"逾期：.*?涉及 \*\*(\d+)\*\* 件事项、(\d+) 项期限", head)
    assert counted and int(counted[2]) == len(case_late)
    assert head.split("## 逾期", 1)[1].count("问题件") == 0


def test_a_date_without_problem_clocks_says_so(demo) -> None:
    before = dt.date(2026, 1, 10)
    data = collect(demo, demo.calendar, as_of=before, commit="abc1234")
    assert not select_overdue(spotcheck_clocks(demo, as_of=before), due_soon=True)
    board = render_overdue_board(data)
    assert "另有初信初访抽查认定的问题件时限" not in board
    assert "目前没有逾期或临期的问题件时限。" in board
