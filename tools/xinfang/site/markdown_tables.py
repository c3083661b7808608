"""The Markdown extension `xinfang.site.markdown_tables` (mkdocs.yml): generated tables
pass through Markdown untouched.

Python-Markdown and MkDocs each read every raw HTML block with an HTML parser (to find where
it ends, and the ids in it), which for the tables of a registry of 10,000 cases (25 MB of
rows on the month, unit and ranking pages) was most of the build. A table written by
`site.tables.table` is one block whose first line opens `<div class="xf-table-wrap"` and
whose last line closes it; this extension puts each such block aside before either parser
runs, and Python-Markdown puts it back, byte for byte, when the page is written. Nothing in
a table is Markdown (every cell is escaped HTML), so the page is the same.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

__all__ = ["TABLE_END", "TABLE_START", "makeExtension"]

TABLE_START = '<div class="xf-table-wrap"'
TABLE_END = "</tbody></table></div>"


class _SetTablesAside(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None and line.startswith(TABLE_START):
                block = []
            if block is None:
                out.append(line)
                continue
            block.append(line)
            if line.endswith(TABLE_END):
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
        if block is not None:  # not one of ours after all: leave it to Markdown
            out += block
        return out


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # Before MkDocs' id collector (21) and Python-Markdown's raw HTML reader (20).
        md.preprocessors.register(_SetTablesAside(md), "xinfang_tables", 25)


def makeExtension(**kwargs: object) -> TablesExtension:  # noqa: N802 (Python-Markdown's name)
    return TablesExtension(**kwargs)
