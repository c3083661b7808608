"""The build's privacy scan: what it reads, and the same report whether one process reads
everything or two share it."""

from __future__ import annotations

from xinfang.site import scan
from xinfang.site.scan import scan_pages, scan_site

PAGES = {
    f"generated/p{n:02d}.md": (
        f"# 第 {n} 页\n\n正文。\n\n" + ("联系 13912345678。\n" if n % 3 == 0 else "无号码。\n")
    )
    for n in range(12)
}


def test_two_processes_report_what_one_does_in_file_order(monkeypatch):
    alone = scan_pages(PAGES)
    assert alone == [f"site_src/generated/p{n:02d}.md:5: 发现手机号码" for n in (0, 3, 6, 9)]
    monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    assert scan_pages(PAGES) == alone


def test_pages_copied_unchanged_are_not_read_twice(tmp_path):
    site = tmp_path / "site"
    page = site / "generated/cases/2026/XF-2026-0001/index.html"
    page.parent.mkdir(parents=True)
    text = "<p>电话 13912345678</p>"
    page.write_text(text, encoding="utf-8")
    rel = "generated/cases/2026/XF-2026-0001/index.html"
    assert scan_site(site) == [f"site/{rel}:1: 发现手机号码"]
    assert scan_site(site, {rel: text}) == []  # scanned before MkDocs copied it
    # A copy that differs from what was scanned is read again.
    assert scan_site(site, {rel: "<p>别的内容</p>"}) == [f"site/{rel}:1: 发现手机号码"]
