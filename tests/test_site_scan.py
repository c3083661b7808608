"""The build's privacy scan: what it reads, and the same report whether one process reads
everything or two share it."""

from __future__ import annotations

from xinfang.site import scan
from xinfang.site.markdown_tables import TABLE_END, TABLE_START
from xinfang.site.scan import generated_tables, scan_pages, scan_site

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


def test_tables_passed_through_unchanged_are_not_read_again(tmp_path):
    table = f"{TABLE_START}>\n<table><tbody>\n<tr><td>13912345678</td></tr>\n{TABLE_END}"
    page = tmp_path / "site" / "generated" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(f"<p>前</p>\n{table}\n<p>电话 13800000000</p>\n", encoding="utf-8")
    md = {"generated/x.md": f"# x\n\n{table}\n"}
    rel = "site/generated/x/index.html"
    # Without the generated tables both numbers are found; with them, only the one outside
    # the table, on its own line (the table is read as blank lines).
    assert scan_site(tmp_path / "site") == [f"{rel}:4: 发现手机号码", f"{rel}:6: 发现手机号码"]
    assert scan_site(tmp_path / "site", tables=generated_tables(md)) == [f"{rel}:6: 发现手机号码"]
    # A table that differs from every generated one is read.
    other = {"generated/x.md": table.replace("13912345678", "无")}
    assert len(scan_site(tmp_path / "site", tables=generated_tables(other))) == 2
