"""The Markdown extension that lets generated tables through untouched (mkdocs.yml)."""

from __future__ import annotations

import markdown

from xinfang.site.markdown_tables import TABLE_END, TABLE_START


def _convert(text: str) -> str:
    return markdown.markdown(text, extensions=["xinfang.site.markdown_tables", "tables"])


def test_generated_tables_pass_through_markdown_byte_for_byte():
    # Markdown syntax inside a cell would be converted in a raw HTML block only by an
    # extension that reads them; here the block must come out exactly as it went in.
    block = "\n".join(
        [
            f"{TABLE_START} data-search-exclude>",
            '<table class="xf-table">',
            "<thead><tr><th>编号</th></tr></thead>",
            "<tbody>",
            "<tr><td>*未加粗*  [不是链接](x.md)</td></tr>",
            "<tr><td>&#60;script&#62;</td></tr>",
            TABLE_END,
        ]
    )
    html = _convert(f"# 标题\n\n前面的 **段落**。\n\n{block}\n\n后面的 *段落*。\n")
    assert block in html
    assert "<strong>段落</strong>" in html and "<em>段落</em>" in html
    assert html.count("<table") == 1


def test_a_block_that_is_not_closed_is_left_to_markdown():
    text = f"{TABLE_START}>\n<table><tr><td>一</td></tr></table>\n\n尾巴 **粗**\n"
    assert _convert(text) == markdown.markdown(text, extensions=["tables"])
