"""The 问责与督办 page and the findings on unit and case pages, from a tiny registry with one
open accusation (confidential) and one request both taken to the province."""

from __future__ import annotations

import datetime as dt

import pytest

from site_factory import make_site_registry
from xinfang.registry.loader import load_registry
from xinfang.site.build import plan_site
from xinfang.site.data import SiteData, collect
from xinfang.site.findings import FINDINGS, HIDDEN, site_findings
from xinfang.site.text import escape

AS_OF = dt.date(2026, 11, 22)

SECRET = """\
id: XF-2026-0210
title: 检举某站站长挪用补偿款
received: 2026-11-03
channel: visit
kind: accusation
category: land-acquisition
unit: housing-bureau
summary: 检举人称站长挪用补偿款
petitioners:
  - {name: 秘密检举人}
headcount: 1
visited_level: province
confidential: true
events:
  - {date: 2026-11-03, type: received}
"""

PROVINCE = """\
id: XF-2026-0211
title: 反映征地补偿标准过低
received: 2026-11-05
channel: visit
kind: request
category: land-acquisition
unit: housing-bureau
petitioners:
  - {name: 赵某某}
headcount: 1
visited_level: province
priority: red
events:
  - {date: 2026-11-05, type: received}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    extra = {"2026/XF-2026-0210.yaml": SECRET, "2026/XF-2026-0211.yaml": PROVINCE}
    root = make_site_registry(tmp_path_factory.mktemp("site") / "registry", extra)
    result = load_registry(root)
    assert [p for p in result.problems if p.level == "error"] == []
    registry = result.registry
    return collect(registry, registry.calendar, as_of=AS_OF, commit="abc1234")


@pytest.fixture(scope="module")
def files(data: SiteData) -> dict[str, str]:
    return plan_site(data)


def test_findings_page_groups_by_rule_with_basis_and_links(files):
    page = files[FINDINGS]
    assert "# 问责与督办" in page
    assert "## 应予约谈（2 项） {" in page
    assert "第六部分（约谈机制）" in page  # the basis from policy/accountability.yaml
    assert 'href="../cases/2026/XF-2026-0211/"' in page
    assert escape("2026-11-05 到省上访（1 人），属越级访") in page


def test_confidential_finding_keeps_only_id_unit_and_rule(files):
    for path in (FINDINGS, "generated/units/housing-bureau.md"):
        page = files[path]
        assert "XF-2026-0210" in page and HIDDEN in page
        assert escape("2026-11-03 到省上访") not in page
        assert "挪用" not in page and "站长" not in page
    case = files["generated/cases/2026/XF-2026-0210/index.html"]
    assert (
        '<h2 id="问责与督办2-项">问责与督办（2 项）<a class="headerlink"' in case and HIDDEN in case
    )  # 约谈, and no owner


def test_unit_and_case_pages_show_their_own_findings(data, files):
    unit = files["generated/units/housing-bureau.md"]
    mine = [f for f in site_findings(data) if f.unit == "housing-bureau"]
    assert len(mine) >= 4  # two 约谈 and two without an owner, beside what the fixture has
    assert f"## 问责与督办（{len(mine)} 项）" in unit
    case = files["generated/cases/2026/XF-2026-0211/index.html"]
    assert (
        '<h2 id="问责与督办2-项">问责与督办（2 项）<a class="headerlink"' in case
        and "应予约谈" in case
        and "未落实包案领导" in case
    )
    assert "XF-2026-0210" not in case
    assert "问责与督办" not in files["generated/units/qingshi-town.md"].split("## 排名记录")[0]


def test_open_key_cases_by_colour_on_home_and_unit_pages(data, files):
    open_rows = [r for r in data.rows if r.is_open]
    red = sum(1 for r in open_rows if r.case.priority == "red")
    yellow = sum(1 for r in open_rows if r.case.priority == "yellow")
    assert red >= 1  # XF-2026-0211
    home = files["generated/_include/home.md"]
    assert f'xf-red">红色</span> {red} 件' in home
    assert f'xf-yellow">黄色</span> {yellow} 件' in home
    mine = [r for r in open_rows if r.case.unit == "housing-bureau" and r.case.priority == "red"]
    unit = files["generated/units/housing-bureau.md"]
    assert f'xf-red">红色</span> {len(mine)} 件' in unit and len(mine) >= 1
    assert 'xf-red">红色</span> 0 件' in files["generated/units/qingshi-town.md"]
