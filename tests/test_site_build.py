"""End to end: build the site of a small registry with MkDocs, strictly, and look at it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_factory import AS_OF, VALID_ID, make_site_registry

XINFANG = Path(sys.executable).parent / "xinfang"

# A petitioner whose "name" is an ID number, another whose name is a phone number: masking
# keeps only the first character, so neither reaches the site and the build passes.
NUMBERS_AS_NAMES = f"""\
id: XF-2026-0210
title: 反映小区路灯损坏
received: 2026-11-10
channel: phone
kind: suggestion
category: urban-management
unit: housing-bureau
headcount: 2
petitioners:
  - {{name: "{VALID_ID}"}}
  - {{name: "13912345678"}}
events:
  - {{date: 2026-11-10, type: received}}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The small registry built once by the installed `xinfang` command."""
    root = make_site_registry(
        tmp_path_factory.mktemp("site") / "registry",
        {"2026/XF-2026-0210.yaml": NUMBERS_AS_NAMES},
    )
    done = subprocess.run(
        [str(XINFANG), "--root", str(root), "site", "build", "--as-of", AS_OF],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return root, done.stdout


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_build_reports_what_it_did(built):
    root, out = built
    assert "隐私检查通过" in out
    assert "搜索索引" in out
    assert "数据截至 2026-11-22" in out
    assert (root / "site" / "index.html").is_file()
    assert (root / "site_src/generated/cases/2026/XF-2026-0137/index.html").is_file()
    assert "已生成" in out and "其中案件页面" in out


def test_every_page_shows_as_of_and_commit(built):
    root, _ = built
    for page in _html_files(root / "site"):
        if page.name == "404.html":
            continue
        text = page.read_text(encoding="utf-8")
        assert 'data-as-of="2026-11-22"' in text, page
        assert "登记库版本 <code data-commit>未提交</code>" in text, page


def test_nothing_personal_or_hostile_in_the_output(built):
    root, _ = built
    for path in sorted((root / "site").rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".json", ".xml", ".js", ".css"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in (VALID_ID, "13912345678", "13800000000", "青石镇某村", "秘密检举人"):
            assert secret not in text, (path, secret)
        if path.suffix in {".html", ".json"}:
            assert "<script>alert" not in text, path
            assert "<img src=x" not in text, path


def test_internal_links_resolve(built):
    root, _ = built
    site = root / "site"
    href = re.compile(r'(?:href|src)="([^"]+)"')
    for page in _html_files(site):
        if page.name == "404.html":
            continue  # MkDocs writes it with root-relative links, for any missing path
        for target in href.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "mailto:", "//")):
                continue
            path = (page.parent / unquote(parts.path)).resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.is_file(), f"{page.relative_to(site)} → {target}"


def test_nothing_is_loaded_from_elsewhere(built):
    root, _ = built
    for page in _html_files(root / "site"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_search_index_has_one_page_entry_per_case_and_no_table_anchors(built):
    root, _ = built
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    plain = {
        loc: {k: v.replace("\u200b", "") for k, v in d.items() if k in ("title", "text")}
        for loc, d in docs.items()
    }
    # A case with a page is found there, by its id, title, unit and category.
    case = plain["generated/cases/2026/XF-2026-0137/"]
    assert case["title"] == "XF-2026-0137"
    assert "反映小区雨棚被拆除导致楼道积水" in case["text"] and "住建局" in case["text"]
    # An old case without a page is found by its month page, not by an anchor in its table.
    assert "XF-2024-0003" in plain["generated/cases/2024/03/"]["text"]
    generated = [loc for loc in docs if loc.startswith("generated/")]
    assert not [
        loc
        for loc in generated
        if "#" in loc and "/stats/" not in loc and "/leadership/" not in loc
    ]
    assert "&lt;script&gt;" in plain["generated/cases/2026/XF-2026-0200/"]["text"]
    # The confidential matter: its id and unit, nothing of its content or category.
    secret = plain["generated/cases/2026/XF-2026-0201/"]["text"]
    assert "收受礼金" not in secret and "土地征占" not in secret and "住房和城乡建设局" in secret
    everything = json.dumps(index, ensure_ascii=False).replace("\u200b", "")
    for personal in ("欧阳", "13912345678", "青石镇某村", "秘密检举人", "徐**"):
        assert personal not in everything


def test_case_pages_are_not_in_the_navigation(built):
    root, _ = built
    for name in ("index.html", "generated/overdue/index.html", "policy/index.html"):
        html = (root / "site" / name).read_text(encoding="utf-8")
        navs = re.findall(r"<nav\b.*?</nav>", html, flags=re.S)
        assert navs and not [n for n in navs if "XF-" in n], name
    page = root / "site" / "generated" / "cases" / "2026" / "XF-2026-0137" / "index.html"
    assert "县住建局负责人批准" in page.read_text(encoding="utf-8")


def test_plain_mkdocs_build_strict_passes_after_generation(built, tmp_path):
    root, _ = built
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        cwd=root,
        # The sitemap carries the build date: xinfang pins it to the as-of date this way.
        env={
            **os.environ,
            "SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 11, 22, tzinfo=dt.UTC).timestamp())),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # The same site, case pages and search index included (MkDocs copies the case pages;
    # the xinfang-search plugin in mkdocs.yml adds their search entries).
    assert _digest(tmp_path / "out") == _digest(root / "site")


def _between(html: str, start: str, end: str) -> str:
    """The markup from `start` to `end`, white space between lines left out (the frame of a
    case page is written without the theme's indentation)."""
    part = html[html.index(start) : html.index(end, html.index(start))]
    return re.sub(r"\s*\n\s*", "\n", part)


def test_case_pages_wear_the_theme_like_every_page(built):
    root, _ = built
    site = root / "site"
    case = (site / "generated/cases/2026/XF-2026-0137/index.html").read_text("utf-8")
    month = (site / "generated/cases/2026/11/index.html").read_text("utf-8")
    assert "<title>XF-2026-0137 - 信访事项登记库</title>" in case
    assert '<h1 id="xf-2026-0137">XF-2026-0137<a class="headerlink"' in case
    assert '<a href="#xf-2026-0137" class="md-skip">' in case
    # Assets, search, tabs and the colour switch as on the month page (at the same depth).
    for start, end in (("<head>", "<title>"), ('<nav class="md-tabs"', "</nav>")):
        assert _between(case, start, end) == _between(month, start, end)
    assert _between(case, '<form class="md-search__form"', "</form>") == _between(
        month, '<form class="md-search__form"', "</form>"
    )
    assert case.count("md-header__title") == month.count("md-header__title") == 1
    assert "XFFRAME" not in case and "xfframe" not in case
    assert "\n  " not in case.split('<div class="md-content"')[0]  # no indentation


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_rebuild_is_identical(built):
    # Rebuilt as staff rebuild it, by the command in a fresh process: MkDocs' search plugin
    # loads the site's word list into jieba's process-wide dictionary, so an in-process
    # rebuild after other tests' builds could segment the search index differently.
    root, _ = built
    before = _digest(root / "site")
    done = subprocess.run(
        [str(XINFANG), "--root", str(root), "site", "build", "--as-of", AS_OF],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "写入 0 个文件，删除 0 个过期文件" in done.stdout
    assert _digest(root / "site") == before
