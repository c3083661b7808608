"""The built site in a real browser: headless Chromium (Debian's, via Playwright) on a local
http.server. Fails, not skips, when Chromium is missing: CI must install it."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright

from registry_factory import REPO
from site_factory import AS_OF, make_site_registry
from xinfang.registry.loader import load_registry
from xinfang.site.build import build_site
from xinfang.site.data import collect
from xinfang.site.home import home_figures
from xinfang.site.ranking_pages import compute_rankings, rate_text

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002, ANN001, ANN002
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    """Build the small registry's site and serve it on 127.0.0.1 at a free port."""
    root = make_site_registry(tmp_path_factory.mktemp("browser") / "registry")
    registry = load_registry(root).registry
    as_of = dt.date.fromisoformat(AS_OF)
    result = build_site(root, registry, as_of=as_of)
    data = collect(registry, registry.calendar, as_of=as_of, commit=result.commit)
    expected = home_figures(data)
    rankings = compute_rankings(data)
    rates = rankings.three_rates(rankings.current("month"))
    figures = {
        "open": str(expected.open),
        "overdue": str(expected.overdue),
        "due_soon": str(expected.due_soon),
        "new_this_month": str(expected.new_this_month),
        **{f"{r.key}_rate": rate_text(r) for r in rates},
    }
    handler = functools.partial(_QuietHandler, directory=str(result.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", figures
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(site) -> Iterator[tuple[Page, list[str]]]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"找不到 {CHROMIUM}：浏览器测试需要 Debian 的 chromium 软件包（apt-get install chromium）"
        )
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.set_default_timeout(15_000)
            page.on("request", lambda request: requests.append(request.url))
            yield page, requests
        finally:
            browser.close()


def test_home_page_shows_the_computed_figures(site, browser_page):
    base, figures = site
    page, _ = browser_page
    page.goto(base)
    shown = {
        el.get_attribute("data-figure"): el.inner_text().strip()
        for el in page.locator("[data-figure]").all()
    }
    assert shown == figures
    assert "数据截至 2026-11-22" in page.locator(".xf-stamp").inner_text()
    assert page.locator("figure.xf-chart svg").count() == 1
    page.screenshot(path=str(ARTIFACTS / "browser-home.png"), full_page=True)


def test_chinese_search_finds_a_case(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    # Material searches on keydown; text typed through an input method arrives without
    # key events, so a key press follows, as it does when a person confirms the word.
    box.fill("雨棚")
    box.press("End")
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "XF-2026-0137" in result.inner_text()
    page.screenshot(path=str(ARTIFACTS / "browser-search.png"))
    box.fill("住建局")  # a unit's short name, kept whole by the generated jieba dictionary
    box.press("End")
    page.locator(".md-search-result__item", has_text="XF-2026-0137").first.wait_for()
    box.fill("XF-2026-0150")
    box.press("End")
    page.locator(".md-search-result__item", has_text="征地补偿款").first.wait_for()


def test_case_page_opens_from_the_month_table(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.goto(base + "generated/cases/2026/06/")
    page.locator("a", has_text="XF-2026-0137").first.click()
    page.wait_for_url("**/generated/cases/2026/XF-2026-0137/")
    assert page.locator("h1").inner_text().strip().rstrip("¶") == "XF-2026-0137"
    body = page.locator("article").inner_text()
    assert "反映小区雨棚被拆除导致楼道积水" in body
    assert "徐**" in body and "13800000000" not in body
    assert "办理期限" in body and "按期完成" in body
    page.screenshot(path=str(ARTIFACTS / "browser-case.png"), full_page=True)


def test_hostile_title_shows_as_text(site, browser_page):
    base, _ = site
    page, _ = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "generated/cases/2026/XF-2026-0200/")
    assert "<script>alert(1)</script> **x** | y" in page.locator(".xf-case-subtitle").inner_text()
    assert page.locator("article script, article img").count() == 0
    assert dialogs == []


def test_tables_sort_on_click(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.goto(base + "generated/overdue/")
    header = page.locator("table.xf-sortable th", has_text="逾期事项（件）").first
    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    page.screenshot(path=str(ARTIFACTS / "browser-overdue.png"), full_page=True)


def test_dark_mode_toggle(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.goto(base)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_no_request_left_the_machine(site, browser_page):
    base, _ = site
    _, requests = browser_page
    assert requests, "the browser made no requests at all"
    outside = [
        u for u in requests if not u.startswith(base) and not u.startswith(("data:", "blob:"))
    ]
    assert outside == []


def search(page: Page, base: str, query: str) -> list[str]:
    """Type a query as a person does and return the result links, best first."""
    page.goto(base)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator(".md-search-result__item a.md-search-result__link")
    return [
        urlsplit(h).path.removeprefix(urlsplit(base).path)
        for h in links.evaluate_all("els => els.map(e => e.href)")
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("XF-2026-0137", "generated/cases/2026/XF-2026-0137/"),
        ("XF-2026-0150", "generated/cases/2026/XF-2026-0150/"),
        ("住建局", "generated/units/housing-bureau/"),
        ("县住房和城乡建设局", "generated/units/housing-bureau/"),
        ("housing-bureau", "generated/units/housing-bureau/"),
        ("青石镇", "generated/units/qingshi-town/"),
    ],
)
def test_search_finds_what_people_type_first(site, browser_page, query, first):
    base, _ = site
    page, _ = browser_page
    found = search(page, base, query)
    assert found[0] == first, found[:5]
    assert not [u for u in found if "#" in u], found  # every result opens a page


def test_search_for_a_category_finds_its_cases(site, browser_page):
    base, _ = site
    page, _ = browser_page
    found = search(page, base, "土地征占")
    # XF-2026-0150 is a land case with a page of its own; the confidential XF-2026-0201
    # (also land) must not be found by its category.
    assert found[0] == "generated/cases/2026/XF-2026-0150/", found[:5]
    assert "generated/cases/2026/XF-2026-0201/" not in found
    page.screenshot(path=str(ARTIFACTS / "browser-search-category.png"))


def test_search_index_holds_no_personal_details(site):
    base, _ = site
    with urllib.request.urlopen(base + "search/search_index.json") as response:  # noqa: S310
        text = response.read().decode("utf-8").replace("\u200b", "")
    for secret in ("13912345678", "13800000000", "欧阳", "徐**", "赵**", "收受礼金", "青石镇某村"):
        assert secret not in text, secret


PHONE_PAGES = {
    "home": "",
    "overdue": "generated/overdue/",
    "unit": "generated/units/qingshi-town/",
    "case": "generated/cases/2026/XF-2026-0137/",
    "ranking": "generated/ranking/2026-11/",
}
# Wider than the screen: the page itself, any table, any case id broken across lines.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll("article table")]
    .filter(t => t.getClientRects().length)
    .map(t => Math.ceil(t.getBoundingClientRect().width))
    .filter(w => w > width);
  const brokenIds = [...document.querySelectorAll("article a")]
    .filter(a => /^XF-\\d{4}-\\d{4}$/.test(a.textContent.trim()) && a.getClientRects().length > 1)
    .map(a => a.textContent);
  const tinyLabels = [...document.querySelectorAll("figure.xf-chart")].filter(f => {
    const svg = f.querySelector("svg");
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const smallest = Math.min(...[...svg.querySelectorAll("text")]
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
    const table = f.querySelector(".xf-chart-data table");
    return smallest < 11 && !(table && table.getClientRects().length);
  }).length;
  return {width, page: document.documentElement.scrollWidth, tables, brokenIds, tinyLabels};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_key_pages_fit_the_screen(site, browser_page, width):
    base, _ = site
    page, _ = browser_page
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    try:
        for name, path in PHONE_PAGES.items():
            page.goto(base + path)
            measured = page.evaluate(MEASURE)
            page.screenshot(path=str(ARTIFACTS / f"browser-{width}-{name}.png"), full_page=True)
            assert measured["page"] <= measured["width"], (name, measured)
            assert measured["tables"] == [], (name, measured)
            assert measured["brokenIds"] == [], (name, measured)
            assert measured["tinyLabels"] == 0, (name, measured)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_phone_cards_lead_with_the_case_and_what_is_late(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(base + "generated/overdue/")
        card = page.locator("#unit-qingshi-town + .xf-table-wrap tbody tr").first
        cells = card.locator("td")
        labels = [cells.nth(i).get_attribute("data-label") for i in range(cells.count())]
        assert labels == ["事项", "期限", "逾期/剩余", "到期日", "包案领导"]
        assert cells.first.inner_text().startswith("XF-2026-0150")
        assert "逾期" in cells.nth(2).inner_text()
        # A card: the header row is hidden, and each label is drawn beside its value.
        assert (
            page.locator("#unit-qingshi-town + .xf-table-wrap thead").bounding_box()["height"] <= 1
        )
        before = cells.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
        assert before == '"期限"'
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_not_found_page_is_chinese(site, browser_page):
    base, _ = site
    page, _ = browser_page
    page.goto(base + "404.html")
    text = page.locator("article").inner_text()
    assert "找不到这个页面" in text and "Not found" not in text
