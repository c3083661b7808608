"""Turning registry text into something safe to put on a page. Pure.

Everything that comes from a case file (titles, notes, reasons, names, approvals) and every
name from org/ and policy/ passes through `escape` before it reaches a page. The generated
pages mix Markdown and raw HTML, so one function has to be safe in both: it replaces every
character that means something to HTML or to Markdown (or to the Markdown extensions the
site enables) with a numeric character reference. Browsers show the references as the
original characters; neither Markdown nor the HTML parser sees any syntax in them.
"""

from __future__ import annotations

import re

__all__ = ["anchor", "escape", "mask_name"]

# HTML: & < > " '. Markdown: emphasis * _ ~, code `, links/images [ ] ( ) !, headings #,
# tables |, escapes \, attribute lists { }, snippets (--8<--) -, abbreviations/footnotes ^ :,
# arithmetic $, lists (- + and "1." at the start of a line), = of setext headings.
_SPECIAL = "&<>\"'*_~`[]()!#|\\{}-^:$+=."
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
# A newline would end a table row or a raw HTML block. As a reference it is still a line
# break where CSS keeps them (white-space: pre-line) and a space everywhere else.
_TABLE[ord("\n")] = "&#10;"
_TABLE[ord("\r")] = None
_TABLE[ord("\t")] = " "
# Other control characters have no business on a page.
for _c in list(range(0x00, 0x09)) + [0x0B, 0x0C] + list(range(0x0E, 0x20)) + [0x7F]:
    _TABLE[_c] = None


def escape(text: object) -> str:
    """`text` as inert characters, safe inside Markdown paragraphs, table cells, headings,
    raw HTML elements and HTML attribute values (double or single quoted).

    >>> escape("<b>**x** | y</b>")
    '&#60;b&#62;&#42;&#42;x&#42;&#42; &#124; y&#60;/b&#62;'
    """
    return str(text).translate(_TABLE)


_ANONYMOUS = {"匿名", "佚名", "无名"}


def mask_name(name: str) -> str:
    """A petitioner's name as the site shows it: the first character, the rest as `*`.

    徐某某 → 徐**, 欧阳娜娜 → 欧***. 匿名 stays 匿名. The result is not escaped yet.
    """
    name = name.strip()
    if not name or name in _ANONYMOUS:
        return name or "—"
    return name[0] + "*" * (len(name) - 1)


_ANCHOR_BAD = re.compile(r"[^A-Za-z0-9_-]")


def anchor(key: str) -> str:
    """An HTML id made from a case id or a registry key (already restricted to [a-z0-9-])."""
    return _ANCHOR_BAD.sub("-", key)
