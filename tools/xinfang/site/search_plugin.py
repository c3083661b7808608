"""The MkDocs plugin `xinfang-search` (mkdocs.yml): what the search plugin reads.

- The case pages are plain HTML that MkDocs copies as it is (see site/mkdocs_api.py), so no
  plugin reads them: `xinfang site build` writes what a search should find each of them by
  into generated/_include/case-search.json, and this plugin hands every entry to the search
  plugin as if it were a page, before the index is written.
- A table that is left out of the index whole (`data-search-exclude` on its wrapper) is set
  aside while the search plugin reads the page and put back afterwards: the search plugin
  would otherwise parse every row only to skip it (a third of the build at 10,000 cases).

A plain `mkdocs build` of the generated pages runs it too, so both give the same site.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from xinfang.registry import store
from xinfang.site.markdown_tables import TABLE_END, TABLE_START

__all__ = ["CASE_SEARCH", "SearchPlugin"]

#: Relative to the docs folder.
CASE_SEARCH = "generated/_include/case-search.json"
#: A case page ranks before the month and unit pages that list the same case.
BOOST = 2

_UNSEARCHED_TABLE = re.compile(
    rf"{re.escape(TABLE_START)} data-search-exclude>.*?{re.escape(TABLE_END)}", re.S
)
_ASIDE = re.compile(r"<!--xf-aside-(\d+)-->")


class SearchPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._aside: list[str] = []

    @event_priority(50)  # before the search plugin (0) reads the page
    def _set_tables_aside(self, context, *, page, config, nav):  # noqa: ANN001, ANN201
        self._aside = []

        def aside(match: re.Match[str]) -> str:
            self._aside.append(match.group())
            return f"<!--xf-aside-{len(self._aside) - 1}-->"

        page.content = _UNSEARCHED_TABLE.sub(aside, page.content)
        return context

    @event_priority(-50)  # after it
    def _put_tables_back(self, context, *, page, config, nav):  # noqa: ANN001, ANN201
        page.content = _ASIDE.sub(lambda m: self._aside[int(m.group(1))], page.content)
        self._aside = []
        return context

    on_page_context = CombinedEvent(_set_tables_aside, _put_tables_back)

    def on_env(self, env, *, config, files):  # noqa: ANN001, ANN201 (MkDocs' signature)
        search = config.plugins.get("material/search")
        raw = store.read_optional_bytes(Path(config.docs_dir) / CASE_SEARCH)
        if search is None or not search.config.enabled or raw is None:
            return env
        for entry in json.loads(raw):
            page = SimpleNamespace(
                url=entry["location"],
                title=entry["title"],
                content=entry["html"],
                meta={"search": {"boost": BOOST}},
                toc=[],
            )
            search.search_index.add_entry_from_context(page)
        return env
