"""Numbers that agree with each other and with their legends (issue 15). Pure pages."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

import pytest

from site_factory import make_site_registry
from xinfang.registry.loader import load_registry
from xinfang.site.boards import render_overdue_board
from xinfang.site.build import plan_site
from xinfang.site.data import SiteData, collect
from xinfang.site.ranking_pages import is_red

AS_OF = dt.date(2026, 11, 22)

# Registered and never transferred: 登记转送 and 受理告知 are both overdue, the same day.
TWO_CLOCKS = """\
id: XF-2026-0180
title: 反映村道损毁无人修复
received: 2026-09-01
channel: letter
kind: request
category: urban-management
unit: housing-bureau
petitioners:
  - {name: 孙某}
events:
  - {date: 2026-09-01, type: received}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    root = make_site_registry(
        tmp_path_factory.mktemp("numbers") / "r", {"2026/XF-2026-0180.yaml": TWO_CLOCKS}
    )
    result = load_registry(root)
    assert result.problems == []
    registry = result.registry
    return collect(registry, registry.calendar, as_of=AS_OF, commit="abc1234")


@pytest.fixture(scope="module")
def files(data: SiteData) -> dict[str, str]:
    return plan_site(data)


def test_a_case_late_on_two_clocks_is_one_row_with_both(data):
    board = render_overdue_board(data)
    late = board.split("## 逾期")[1].split("## 临期")[0]
    assert late.count(">XF-2026-0180<") == 1
    row = late[late.index(">XF-2026-0180<") :].split("</tr>")[0]
    assert "登记转送期限" in row and "受理告知期限" in row
    # 件 counts cases, 项 counts clocks, and the page says which is which.
    assert re.search(r"涉及 \*\*\d+\*\* 件事项、\d+ 项期限", board)
    assert "县住房和城乡建设局 <small>3 件事项、4 项期限" in board


def test_home_names_the_same_clocks_in_the_same_order_as_the_lists(data, files):
    home = files["generated/_include/home.md"]
    row = home[home.index(">XF-2026-0180<") :].split("</tr>")[0]
    names = re.findall(r"(登记转送期限|受理告知期限)", row)
    first = data.by_id["XF-2026-0180"].next_clock
    assert names and names[0] == first.name  # the clock the case tables show as 下一期限
    assert sorted(names) == ["受理告知期限", "登记转送期限"]
    assert "逾期事项（件）" in home and "逾期的期限共" in home


def test_threshold_as_written_80_percent_is_not_red():
    assert not is_red(Fraction(4, 5))
    assert is_red(Fraction(799, 1000))
    assert not is_red(None)


def test_ranking_page_shows_intervals_and_marks_the_unfinished_period(files):
    month = files["generated/ranking/2026-11.md"]  # November, not over on 2026-11-22
    assert "统计期未结束：按 2026-11-22 的情况计算" in month
    assert "数据截至" not in month  # the data's date is the stamp at the foot, only there
    assert re.search(r'<span class="xf-ci" title="95% 置信区间">\[\d+\.\d, \d+\.\d\]</span>', month)
    october = files["generated/ranking/2026-10.md"]
    assert "期限按统计期末 2026-10-31 计算" in october
    index = files["generated/ranking/index.md"]
    assert "11月（未结束）" in index and "10月（未结束）" not in index


def test_month_table_explains_overdue_cases_that_are_no_longer_open(data, files):
    index = files["generated/cases/index.md"]
    assert "逾期（件）" in index and "有的月份逾期多于在办" in index
    june = [r for r in data.rows if r.month == "2026-06"]
    not_open = sum(r.is_overdue and not r.is_open for r in june)
    assert not_open  # XF-2026-0137: answered, its weekly progress report overdue
    assert f"（其中 {not_open} 件不在办）" in index
