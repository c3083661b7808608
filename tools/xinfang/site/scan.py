"""The privacy scan of a build: every generated page before MkDocs sees it, every file
MkDocs wrote after. `privacy.leaks_in_file` does the reading; this module decides what is
read, and spreads a large scan over two forked processes (the scan of a registry of 10,000
cases reads some 60 MB of text).

What was read before the build is not read again after it when MkDocs passed it through
byte for byte: the case pages it copies, and the generated tables, which Markdown leaves
untouched (site/markdown_tables.py) and which are most of every large page. The scan after
the build is there for what MkDocs adds around them: the theme, the navigation, the
hand-written pages, the search index.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from xinfang.registry import store
from xinfang.site.data import DOCS_DIR
from xinfang.site.markdown_tables import TABLE_END, TABLE_START
from xinfang.site.privacy import leaks_in_file

__all__ = ["generated_tables", "scan_pages", "scan_site"]

THEME_ASSETS = "assets/"
SCANNED_ALWAYS = (".html", ".json", ".xml", ".xml.gz")
# Below this many characters the scan stays in this process.
PARALLEL_FROM = 4_000_000

_TABLE = re.compile(rf"{re.escape(TABLE_START)}.*?{re.escape(TABLE_END)}", re.S)

_Item = tuple[str, str, str]  # (path shown in the report, path for the reader, text)
_ITEMS: list[_Item] = []


def scan_pages(files: dict[str, str]) -> list[str]:
    """One line per personal number in the generated pages, before MkDocs sees them."""
    return _scan([(f"{DOCS_DIR}/{rel}", rel, files[rel]) for rel in sorted(files)])


def generated_tables(files: dict[str, str]) -> set[str]:
    """Every table block of the generated Markdown pages (see the module's docstring)."""
    return {
        m.group()
        for rel, text in files.items()
        if rel.endswith(".md")
        for m in _TABLE.finditer(text)
    }


def scan_site(
    site_dir: Path, copied: dict[str, str] | None = None, tables: set[str] | None = None
) -> list[str]:
    """One line per personal number found in any file under `site_dir` (HTML, the search
    index, the sitemap and its gzip copy, everything else MkDocs wrote). The theme's own
    scripts, styles and images under assets/ are copied from the installed theme, hold no
    registry text, and are full of numbers by design (icon outlines, minified code); they
    are skipped unless they are HTML, JSON or XML. So are the generated pages MkDocs copied
    (`copied`: site path → text, already scanned), where the copy is exactly that text, and
    in a page, the generated tables (`tables`) it holds exactly as generated; each is read
    as blank lines, so that line numbers stay right."""
    copied = copied or {}
    tables = tables or set()

    def unread(match: re.Match[str]) -> str:
        block = match.group()
        return "\n" * block.count("\n") if block in tables else block

    items = []
    for rel, text in store.iter_built_files(site_dir):
        if rel.startswith(THEME_ASSETS) and not rel.endswith(SCANNED_ALWAYS):
            continue
        if copied.get(rel) == text:
            continue
        if tables and rel.endswith(".html"):
            text = _TABLE.sub(unread, text)
        items.append((f"{site_dir.name}/{rel}", rel, text))
    return _scan(items)


def _lines(items: list[_Item]) -> list[str]:
    return [leak.describe(shown) for shown, rel, text in items for leak in leaks_in_file(rel, text)]


def _scan_share(share: int) -> list[list[str]]:
    """The report lines of every other item, starting at `share`, item by item."""
    return [_lines([item]) for item in _ITEMS[share::2]]


def _scan(items: list[_Item]) -> list[str]:
    """The report lines of `items`, in their order; two forked processes (which inherit the
    texts) share a large scan, every other file each."""
    global _ITEMS
    size = sum(len(text) for _, _, text in items)
    fork = "fork" in multiprocessing.get_all_start_methods()
    if size < PARALLEL_FROM or not fork or (os.cpu_count() or 1) < 2:
        return _lines(items)
    _ITEMS = items
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            even, odd = pool.map(_scan_share, (0, 1))
    finally:
        _ITEMS = []
    # Item i is in `even` at i // 2 when i is even, in `odd` otherwise.
    return [line for i in range(len(items)) for line in (odd if i % 2 else even)[i // 2]]
