"""The 领导 section of the site: 领导接访, 一线工作 and 领导包案, as page builders and built."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_factory import make_site_registry
from xinfang.leaders.frontline import Month
from xinfang.registry.loader import load_registry
from xinfang.site.baoan import BAOAN
from xinfang.site.build import build_site, plan_site
from xinfang.site.data import SiteData, collect
from xinfang.site.leadership import FRONTLINE, RECEPTIONS, frontline_page
from xinfang.site.text import escape

AS_OF = dt.date(2026, 11, 22)
HOSTILE_PLACE = "<b>青石镇</b> | 会议室 [x](javascript:alert(1))"

RECEPTIONS_2026 = f"""\
receptions:
  - {{leader: li-wei, date: 2026-06-03, place: 县住建局接待室, unit: housing-bureau,
     published: 2026-05-27, petitioners: 6, matters: 3, cases: [XF-2026-0137]}}
  - {{leader: zhao-gang, date: 2026-09-15, place: 青石镇便民服务中心, unit: qingshi-town,
     published: 2026-09-01}}
  - {{leader: zhao-gang, date: 2026-11-26, place: "{HOSTILE_PLACE}", unit: qingshi-town,
     published: 2026-11-20}}
  - {{leader: li-wei, date: 2026-12-01, place: 青石镇便民服务中心, unit: qingshi-town,
     published: 2026-11-23}}
  - {{leader: li-wei, date: 2026-12-30, place: 青石镇便民服务中心, unit: qingshi-town,
     published: 2026-11-20}}
"""
LEDGER_2026_10 = """\
entries:
  - {leader: li-wei, date: 2026-10-13, where: qingshi-town, work: 督办积案}
  - {leader: li-wei, date: 2026-10-14, where: line, work: 到住建局现场办公}
  - {leader: zhao-gang, date: 2026-10-12, where: qingshi-town, work: 听取汇报}
  - {leader: zhao-gang, date: 2026-10-19, where: qingshi-town, work: 公开接访}
  - {leader: zhao-gang, date: 2026-10-26, where: line, work: 督办重点案件}
  - {leader: wang-fang, date: 2026-10-13, where: qingshi-town, work: 到石门村走访}
  - {leader: wang-fang, date: 2026-10-15, where: qingshi-town, work: 到石门村回访}
  - {leader: wang-fang, date: 2026-10-20, where: qingshi-town, work: 到上河村走访}
  - {leader: wang-fang, date: 2026-10-27, where: qingshi-town, work: 到上河村调解}
"""
LEDGER_2026_11 = """\
entries:
  - {leader: wang-fang, date: 2026-11-03, where: qingshi-town, work: 到石门村走访}
"""
WRONG_RANK = """\
id: XF-2026-0220
title: 反映征地补偿款未足额发放
received: 2026-11-02
channel: visit
kind: request
category: land-acquisition
unit: qingshi-town
petitioners:
  - {name: 孙某某}
visited_level: county
leader: wang-fang
supervision: city
events:
  - {date: 2026-11-02, type: received}
  - {date: 2026-11-03, type: accepted}
  - {date: 2026-11-17, type: progress, note: 已核对补偿标准}
"""
KEY_UNOWNED = """\
id: XF-2026-0221
title: 反映企业拖欠工资
received: 2026-11-05
channel: letter
kind: request
category: wage-arrears
unit: hrss-bureau
petitioners:
  - {name: 钱某某}
priority: red
events:
  - {date: 2026-11-05, type: received}
"""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site_registry(
        tmp_path_factory.mktemp("leadership") / "registry",
        {"2026/XF-2026-0220.yaml": WRONG_RANK, "2026/XF-2026-0221.yaml": KEY_UNOWNED},
    )
    (root / "org" / "receptions").mkdir()
    (root / "org" / "receptions" / "2026.yaml").write_text(RECEPTIONS_2026, encoding="utf-8")
    (root / "org" / "frontline").mkdir()
    (root / "org" / "frontline" / "2026-10.yaml").write_text(LEDGER_2026_10, encoding="utf-8")
    (root / "org" / "frontline" / "2026-11.yaml").write_text(LEDGER_2026_11, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def data(root: Path) -> SiteData:
    result = load_registry(root, as_of=AS_OF)
    assert result.errors == []
    registry = result.registry
    assert len(registry.receptions) == 5 and len(registry.frontline) == 10
    return collect(registry, registry.calendar, as_of=AS_OF, commit="abc1234")


@pytest.fixture(scope="module")
def files(data: SiteData) -> dict[str, str]:
    return plan_site(data)


def _section(page: str, anchor: str) -> str:
    """The text of one `## … {#anchor}` section."""
    start = page.index(f"{{#{anchor}}}")
    end = page.find("\n## ", start)
    return page[start : end if end != -1 else None]


def test_the_section_has_its_pages(files: dict[str, str]) -> None:
    months = {frontline_page(Month(2026, 10)), frontline_page(Month(2026, 11))}
    assert {RECEPTIONS, FRONTLINE, BAOAN} | months <= set(files)


def test_schedule_shows_the_published_coming_weeks(files: dict[str, str]) -> None:
    coming = _section(files[RECEPTIONS], "coming")
    assert "2026-11-26" in coming
    assert "赵刚" in coming and "县委书记" in coming
    assert "公示不足 7 天" in coming  # published six days ahead
    assert "2026-12-01" not in coming  # to be published on 2026-11-23
    assert "另有 1 个接访日已排定、尚未公示" in coming
    assert "2026-12-30" not in coming  # beyond the four weeks


def test_past_receptions_show_their_outcome(files: dict[str, str]) -> None:
    past = _section(files[RECEPTIONS], "past")
    assert "共 2 个接访日，其中公示不足 7 天的 1 个" in past
    assert '<a href="../../cases/2026/XF-2026-0137/">XF-2026-0137</a>' in past
    assert "未填写" in past  # 2026-09-15 has no outcome recorded


def test_reception_text_is_escaped(files: dict[str, str]) -> None:
    page = files[RECEPTIONS]
    assert escape(HOSTILE_PLACE) in page
    assert "<b>" not in page and "javascript:" not in page


def test_frontline_month_flags_the_leader_short_of_quota(files: dict[str, str]) -> None:
    page = files[frontline_page(Month(2026, 10))]
    rows = {
        m.group(1).replace("&#45;", "-"): m.group(0)
        for m in re.finditer(r'<tr><td data-sort="([a-z&#;0-9]+)"[^>]*>.*?</tr>', page)
    }  # fmt: skip
    assert set(rows) == {"zhao-gang", "li-wei", "wang-fang"}
    assert "未达标" in rows["li-wei"] and "联系乡镇少 1 天" in rows["li-wei"]
    assert "达标" in rows["zhao-gang"] and "未达标" not in rows["zhao-gang"]
    assert ">3/3</td>" in rows["wang-fang"]  # 10-06 falls in the National Day break
    towns = _section(page, "towns")
    assert "李伟 1 天、赵刚 2 天" in towns or "赵刚 2 天、李伟 1 天" in towns


def test_frontline_index_lists_the_months(files: dict[str, str]) -> None:
    page = files[FRONTLINE]
    assert "1 人未达标" in page  # 2026-10
    assert "本月尚未结束" in page  # 2026-11
    assert "联系乡镇≥2天，分管战线≥1天" in page


def test_baoan_page(files: dict[str, str]) -> None:
    page = files[BAOAN]
    assert "XF-2026-0221" in _section(page, "unowned")
    rank = _section(page, "rank")
    assert "XF-2026-0220" in rank
    assert "市级督办的案件应由县委书记、县长、副县长、其他县级领导包案，王芳是乡镇党政主要负责人" in rank  # fmt: skip
    owned = _section(page, "owned")
    row_0137 = re.search(r"<tr><td[^>]*><a[^>]*>XF-2026-0137</a>.*?</tr>", owned).group(0)
    assert "逾期 163 天" in row_0137 and "没有" in row_0137  # never reported since acceptance
    row_0220 = re.search(r"<tr><td[^>]*><a[^>]*>XF-2026-0220</a>.*?</tr>", owned).group(0)
    assert "2026-11-17" in row_0220 and escape("2026-11-24 前") in row_0220
    assert "<script" not in page  # the hostile case is owned too: its title is escaped


def test_the_section_builds_strictly_and_its_links_resolve(root: Path, data: SiteData) -> None:
    result = build_site(root, data.registry, as_of=AS_OF, commit="abc1234")
    site = result.site_dir
    href = re.compile(r'href="([^"]+)"')
    for page in (site / "generated" / "leadership").rglob("*.html"):
        for target in href.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "mailto:", "//")):
                continue
            path = (page.parent / unquote(parts.path)).resolve()
            path = path / "index.html" if path.is_dir() else path
            assert path.is_file(), f"{page.relative_to(site)} → {target}"
    nav = (site / "index.html").read_text(encoding="utf-8")
    for title in ("领导接访", "一线工作", "领导包案"):
        assert title in nav
