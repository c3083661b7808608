"""Pieces every generated page uses: front matter, the as-of stamp, cards, badges. Pure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from pymdownx.slugs import slugify

from xinfang.models import Priority
from xinfang.registry.omissions import Omissions
from xinfang.site.data import SiteData
from xinfang.site.text import escape

__all__ = [
    "badge",
    "cards",
    "front_matter",
    "heading",
    "left_out_banner",
    "priority_badge",
    "stamp",
    "title_text",
]

#: Front matter `hide` for pages whose left sidebar would be empty (not in the nav, or
#: alone in their tab): the tables get the room instead.
WIDE = ("navigation",)
#: …and for long single tables without sections, the table of contents too.
WIDEST = ("navigation", "toc")

#: attr_list for a heading whose section stays out of the search index: a search result
#: should open a page, not a section of a long table.
UNSEARCHED = '{ data-search-exclude="true" }'

_UNSAFE_IN_TITLE = re.compile(r"[<>&\"'`\\\x00-\x1f]")


def title_text(text: str) -> str:
    """A page title from registry data. Themes print page titles unescaped in places, and
    entity references come back as characters inside <title>: so the characters that
    matter there are dropped, and the rest escaped."""
    return escape(_UNSAFE_IN_TITLE.sub("", text))


def front_matter(
    title: str, *, search: bool = True, hide: Sequence[str] = (), boost: float | None = None
) -> str:
    """YAML front matter; `title` must already be safe (see `title_text`)."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if hide:
        lines.append("hide:")
        lines += [f"  - {h}" for h in hide]
    if not search:
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


# The slugs of mkdocs.yml's toc extension: a page written as HTML gets the anchors a
# Markdown page would (…/XF-2026-0137/#基本情况).
_SLUG = slugify(case="lower")


def heading(level: int, text: str) -> str:
    """A heading as the Markdown toc extension writes it, for pages written as HTML: the id
    MkDocs would give it and the ¶ permalink. `text` is plain text (escaped here)."""
    ident = _SLUG(text, "-")
    return (
        f'<h{level} id="{ident}">{escape(text)}<a class="headerlink" href="#{ident}" '
        f'title="Permanent link">&para;</a></h{level}>'
    )


def stamp(data: SiteData) -> str:
    """The line every page ends with (appended by pymdownx.snippets' auto_append)."""
    return (
        '\n<div class="xf-stamp" data-search-exclude>'
        f'数据截至 <span data-as-of="{data.as_of.isoformat()}">{data.as_of.isoformat()}</span>'
        f" · 登记库版本 <code data-commit>{escape(data.commit)}</code>"
        " · 内部资料，注意保密</div>\n"
    )


def left_out_banner(omitted: Omissions) -> str:
    """The notice every page carries when the site was built with files left out (appended
    with the stamp; the stylesheet keeps it in view at the foot of the window)."""
    if not omitted:
        return ""
    return (
        '\n<div class="xf-left-out" role="alert" data-search-exclude>'
        f"<strong>本站数据不完整。</strong>{escape(omitted.line().removeprefix('注意：'))}</div>\n"
    )


def subtitle(data: SiteData, text: str = "") -> str:
    extra = f"{escape(text)} · " if text else ""
    return f'<p class="xf-subtitle">{extra}数据截至 {data.as_of.isoformat()}</p>\n\n'


def badge(text: str, css: str) -> str:
    return f'<span class="xf-badge {css}">{escape(text)}</span>'


_PRIORITY_CSS = {Priority.red: "xf-red", Priority.yellow: "xf-yellow", Priority.blue: "xf-blue"}


def priority_badge(priority: Priority | None) -> str:
    if priority is None:
        return "—"
    return badge(priority.label, _PRIORITY_CSS[priority])


def cards(items: Iterable[tuple[str, str, str, str | None, str | None]]) -> str:
    """Big-number cards: (key, number, label, note, href). `key` becomes `data-figure`
    (the browser test reads the figures from it)."""
    out = ['<div class="xf-cards">']
    for key, number, label, note, href in items:
        tag, attr = ("a", f' href="{href}"') if href else ("div", "")
        note_html = f'<span class="xf-card-note">{escape(note)}</span>' if note else ""
        out.append(
            f'<{tag} class="xf-card xf-card-{escape(key)}"{attr}>'
            f'<span class="xf-card-num" data-figure="{escape(key)}">{escape(number)}</span>'
            f'<span class="xf-card-label">{escape(label)}</span>{note_html}</{tag}>'
        )
    out.append("</div>")
    return "\n".join(out) + "\n\n"


def colour_counts(rows: Iterable) -> str:
    """Open key cases by risk colour (红黄蓝), as one line of badges."""
    open_rows = [r for r in rows if r.is_open]
    parts = [
        f"{priority_badge(p)} {sum(1 for r in open_rows if r.case.priority == p)} 件"
        for p in (Priority.red, Priority.yellow, Priority.blue)
    ]
    return f'<p class="xf-colours">在办重点案件按风险颜色：{" · ".join(parts)}</p>\n\n'
