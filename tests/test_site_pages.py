"""The page builders as functions: registry data in, Markdown out. No MkDocs here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_factory import make_site_registry
from xinfang.clocks.explain import explain_clock
from xinfang.models import EVENT_TYPES
from xinfang.registry.loader import load_registry
from xinfang.site import svg
from xinfang.site.build import plan_site
from xinfang.site.case_page import case_search_entry, render_case_page
from xinfang.site.data import SiteData, case_stage, collect, link, md_link, page_url
from xinfang.site.home import home_figures, last_months
from xinfang.site.policy_table import render_deadline_table
from xinfang.site.stats import periods, render_stats
from xinfang.site.text import escape

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    root = make_site_registry(tmp_path_factory.mktemp("site") / "registry")
    result = load_registry(root)
    assert result.problems == []
    registry = result.registry
    return collect(registry, registry.calendar, as_of=AS_OF, commit="abc1234")


@pytest.fixture(scope="module")
def files(data: SiteData) -> dict[str, str]:
    return plan_site(data)


def test_plan_is_deterministic(data, files):
    assert plan_site(data) == files


def test_every_page_has_the_expected_place(files):
    assert {
        "generated/_include/stamp.md",
        "generated/_include/home.md",
        "generated/_include/deadline-table.md",
        "generated/cases/index.md",
        "generated/cases/open.md",
        "generated/cases/2026/11.md",
        "generated/cases/2024/03.md",
        "generated/cases/2026/XF-2026-0137/index.html",
        "generated/cases/2026/XF-2026-0200/index.html",
        "generated/overdue.md",
        "generated/units/index.md",
        "generated/units/qingshi-town.md",
        "generated/ranking/index.md",
        "generated/stats.md",
    } <= set(files)
    # An old closed case is a row on its month's page, not a page of its own.
    assert "generated/cases/2024/XF-2024-0003/index.html" not in files
    assert 'id="XF-2024-0003"' in files["generated/cases/2024/03.md"]


def test_stamp_shows_as_of_and_commit(files):
    assert "数据截至" in files["generated/_include/stamp.md"]
    assert "2026-11-22" in files["generated/_include/stamp.md"]
    assert "abc1234" in files["generated/_include/stamp.md"]


def test_hostile_title_is_escaped_everywhere(files):
    for path, text in files.items():
        assert "<script" not in text, path
        assert "<img" not in text, path
        assert "**x**" not in text, path
        assert "javascript:" not in text, path
        assert "--8<--" not in text, path
    page = files["generated/cases/2026/XF-2026-0200/index.html"]
    assert escape("<script>alert(1)</script> **x** | y") in page
    assert escape("<script>alert(1)</script>") in files["generated/cases/2026/10.md"]
    assert escape("<script>alert(1)</script>") in files["generated/units/qingshi-town.md"]


def test_phone_address_and_id_numbers_never_reach_a_page(files):
    for path, text in files.items():
        for secret in ("13912345678", "13800000000", "青石镇某村"):
            assert secret not in text, (path, secret)


def test_petitioner_names_are_masked(files):
    assert escape("徐**") in files["generated/cases/2026/XF-2026-0137/index.html"]
    hostile = files["generated/cases/2026/XF-2026-0200/index.html"]
    assert escape("欧***") in hostile and "欧阳" not in hostile
    assert escape("<" + "*" * 26) in hostile
    assert "徐某某" not in "".join(files.values())


def test_confidential_case_shows_only_id_unit_and_deadlines(files):
    page = files["generated/cases/2026/XF-2026-0201/index.html"]
    # the rule tables quote policy/ (e.g. 纪检监察部门 in a basis), not case data
    everything = "".join(v for k, v in files.items() if not k.endswith("-table.md"))
    for secret in ("检举某局", "礼金", "秘密检举人", escape("秘*"), "纪检"):
        assert secret not in everything, secret
    assert "土地征占" not in page and "来信" not in page  # no category, no channel
    assert "XF-2026-0201" in page
    assert "县住房和城乡建设局" in page
    assert "受理告知期限" in page and escape("2026-11-19") in page  # the acceptance clock, due
    assert "保密事项" in page


def test_case_page_has_fields_timeline_and_explained_clocks(data):
    row = data.by_id["XF-2026-0137"]
    page = render_case_page(data, row, [])
    # Plain HTML below the heading (the frame adds the heading): no Markdown, no front matter.
    assert page.startswith('<p class="xf-crumbs"><a href="../06/#XF-2026-0137">')
    assert "\n#" not in page and "!!!" not in page and "{" not in page
    assert '<h2 id="期限">期限<a class="headerlink" href="#期限"' in page
    assert page.rstrip().endswith("内部资料，注意保密</div>")  # the stamp closes it
    # In the search index: its id, title, unit and category, and nothing else.
    entry = case_search_entry(data, row)
    assert entry["location"] == "generated/cases/2026/XF-2026-0137/"
    assert entry["html"] == (
        '<h1 id="xf-2026-0137">XF-2026-0137</h1>\n<p>反映小区雨棚被拆除导致楼道积水</p>\n'
        "<p>县住房和城乡建设局 住建局 城市管理</p>"
    )
    for event in row.case.events:
        assert EVENT_TYPES[event.type] in page
    assert "县住建局负责人批准" in page
    assert row.clocks
    for clock in row.clocks:
        assert escape(explain_clock(clock)) in page
    assert "李伟（副县长）" in page
    assert "黄色" in page


def test_case_links_point_to_pages_or_month_anchors(data, files):
    unit_page = files["generated/units/hrss-bureau.md"]
    # From units/hrss-bureau/ to the month page anchor of an old case (no page of its own).
    old = data.by_id["XF-2024-0003"]
    assert not old.has_page
    assert old.fragment == "XF-2024-0003"
    month = files["generated/cases/2024/03.md"]
    assert "XF-2024-0003" in month and "反映农民工工资被拖欠" in month
    assert 'href="../../cases/2024/03/"' in unit_page  # "更早的事项见各月页面"


def test_stage_follows_the_latest_event(data):
    assert case_stage(data.by_id["XF-2024-0003"].case, as_of=AS_OF) == "已结案（化解）"
    assert case_stage(data.by_id["XF-2024-0003"].case, as_of=dt.date(2024, 3, 20)) == "办理中"
    assert data.by_id["XF-2026-0150"].is_open
    assert data.by_id["XF-2026-0150"].is_overdue  # accepted 07-03, 60 days passed


def test_home_figures(data, files):
    figures = home_figures(data)
    assert figures.total == 5
    assert figures.open == sum(r.is_open for r in data.rows)
    assert figures.overdue == sum(r.is_overdue for r in data.rows)
    assert figures.new_this_month == 1  # XF-2026-0201, received 11-02
    home = files["generated/_include/home.md"]
    assert f'data-figure="open">{figures.open}<' in home
    assert f'data-figure="overdue">{figures.overdue}<' in home
    assert "及时受理率" in home and "按期办结率" in home and "群众满意率" in home
    assert "<svg" in home


def test_last_months():
    assert last_months(dt.date(2026, 2, 5), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_deadline_table_comes_from_the_policy(data):
    table = render_deadline_table(data.registry.deadlines)
    for rule in data.registry.deadlines.clocks.values():
        assert escape(rule.name) in table
        assert escape(rule.basis.article) in table
    assert "60 日" in table and "最多 30 日" in table and "5 个工作日" in table


def test_stats_counts_collective_and_above_county_visits(data):
    page = render_stats(data)
    this, last = periods(AS_OF)
    assert (this.start, this.end, last.end) == (
        dt.date(2026, 1, 1),
        AS_OF,
        dt.date(2025, 11, 22),
    )
    assert "集体访" in page and "越级访" in page and "同比" in page
    assert "<svg" in page


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("generated/overdue.md", "generated/overdue/"),
        ("generated/cases/index.md", "generated/cases/"),
        ("generated/cases/2026/11.md", "generated/cases/2026/11/"),
    ],
)
def test_page_url(src, url):
    assert page_url(src) == url


def test_links_between_pages():
    assert link("index.md", "generated/overdue.md") == "generated/overdue/"
    assert (
        link("generated/units/a.md", "generated/cases/2024/03.md", "XF-2024-0003")
        == "../../cases/2024/03/#XF-2024-0003"
    )
    assert link("generated/cases/index.md", "generated/cases/open.md") == "open/"
    assert md_link("generated/ranking/index.md", "policy/notices.md") == "../../policy/notices.md"


def test_svg_charts_escape_labels_and_scale():
    chart = svg.hbar_chart([("<b>分类</b>", 3, 1)], caption="c", current="今年", previous="去年")
    assert "<b>" not in chart and escape("<b>分类</b>") in chart
    assert escape("同比增长 200.0%") in chart
    bars = svg.stacked_bar_chart(["1月", "2月"], [("来信", [1, 2]), ("来访", [0, 3])], caption="c")
    assert bars.count("<rect") == 3 + 2  # three non-empty segments and two legend keys
    assert [svg.nice_max(v) for v in (0, 1, 7, 13, 240, 1001)] == [1, 1, 10, 20, 250, 2000]


def test_build_refuses_a_folder_without_mkdocs_yml(tmp_path: Path, data):
    from xinfang.site.build import SiteError, build_site

    with pytest.raises(SiteError, match="mkdocs.yml"):
        build_site(tmp_path, data.registry, as_of=AS_OF)


def test_ranking_section_comes_from_the_ranking_module(data, files):
    from xinfang.ranking.periods import Period
    from xinfang.ranking.rates import compute_ranking
    from xinfang.site.ranking_pages import compute_rankings

    rankings = compute_rankings(data)
    november = Period(2026, "month", 11)
    assert november in rankings.periods
    assert Period(2026, "year", 1) in rankings.periods
    # Periods that end before the first case are not shown.
    assert all(p.end >= dt.date(2024, 3, 11) for p in rankings.periods)
    page = files["generated/ranking/2026-11.md"]
    assert "2026年11月信访工作排名" in page and "统计期未结束" in page
    expected = compute_ranking(data.registry, november, as_of=AS_OF)
    for metric in expected.policy.rates.values():
        assert escape(metric.name) in page
    assert "generated/ranking/2026-11.md" in files
    index = files["generated/ranking/index.md"]
    assert "2026年11月" in index and "近 " in index
    # The hostile case is behind a figure below 100% (its acceptance was late): escaped.
    for text in files.values():
        assert "<script" not in text
    assert "排名记录" in files["generated/units/qingshi-town.md"]
    assert "2026年11月" in files["generated/units/qingshi-town.md"]
