"""Everything that goes through MkDocs' Python API: the strict build, and the frame that
the case pages are put in.

Case pages are plain HTML copied by MkDocs as they are (a registry of 10,000 cases has
6,500 of them; through the Markdown, search and theme pipelines they were three quarters of
the build). So that they still look and work like every other page (header, tabs, search
box, colour switch), `render_frame` has the theme render one page at their depth, with
markers where each case's title and content go. Both happen from the registry root, as
`mkdocs build` would run there.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from xinfang.site.page import heading

__all__ = ["Frame", "MkDocsError", "mkdocs_build", "render_frame"]

TITLE = "XFFRAMETITLE"
ANCHOR = TITLE.lower()  # the heading's id: the slug of the title
CONTENT = "XFFRAMECONTENT"
# A page at the depth of every case page (generated/cases/<year>/<id>/): relative links to
# the theme's assets and to the other pages are the same for all of them.
_FRAME_PAGE = "generated/cases/0000/xf-frame.md"
_INDENT = re.compile(r"[ \t]*\n\s*")


class MkDocsError(Exception):
    """MkDocs refused the build; the message is for the user, in Chinese."""


@dataclass(frozen=True, slots=True)
class Frame:
    """The theme's page around a case page's content."""

    html: str

    def fill(self, path: str, content: str) -> str:
        """The page at `path` (…/<id>/index.html): its title and heading are its case id,
        which is the name of its folder; `content` is its HTML below the heading."""
        title = PurePosixPath(path).parent.name
        head, tail = self.html.split(CONTENT)
        fill = {TITLE: title, ANCHOR: title.lower()}
        return _replace(head, fill) + content + _replace(tail, fill)


def _replace(text: str, fill: Mapping[str, str]) -> str:
    for marker, value in fill.items():
        text = text.replace(marker, value)
    return text


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _as_mkdocs_cli(root: Path, as_of: dt.date) -> Iterator[_Collect]:
    """Run as `mkdocs build` would from the registry root: pymdownx.snippets resolves its
    base_path against the working directory. MkDocs dates the sitemap with the build date;
    SOURCE_DATE_EPOCH pins it to the as-of date so the same inputs give the same output.
    jieba (loaded by the search plugin) announces its dictionary at DEBUG level, and
    jieba.load_userdict opens the dictionary and never closes it: Python ignores that
    ResourceWarning by default, and so do we, also when warnings are errors (the tests)."""
    epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC).timestamp())
    old_env = os.environ.get("SOURCE_DATE_EPOCH")
    old_cwd = Path.cwd()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    os.chdir(root)
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    log.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "unclosed file", ResourceWarning)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            yield handler
    finally:
        log.removeHandler(handler)
        os.chdir(old_cwd)
        if old_env is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_env


@contextmanager
def _mkdocs(config: Path, as_of: dt.date) -> Iterator[object]:
    """The loaded, strict configuration; MkDocs' own errors become MkDocsError."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _as_mkdocs_cli(config.parent, as_of) as handler:
        try:
            yield load_config(config_file=str(config), strict=True)
        except (MkDocsException, SystemExit) as exc:
            details = "\n".join(f"  {m}" for m in handler.messages[:20]) or f"  {exc}"
            raise MkDocsError(f"MkDocs 严格模式构建失败：\n{details}") from None
        except Exception as exc:  # a Markdown extension's own error (e.g. a missing snippet)
            raise MkDocsError(f"MkDocs 构建失败：{type(exc).__name__}: {exc}") from None


def mkdocs_build(config: Path, *, as_of: dt.date) -> Path:
    """`mkdocs build --strict` of `config`; returns the site folder."""
    from mkdocs.commands.build import build

    with _mkdocs(config, as_of) as cfg:
        build(cfg)
    return Path(cfg.site_dir)


def render_frame(config: Path, planned: Mapping[str, str], *, as_of: dt.date) -> Frame:
    """The theme's page for a case page, rendered as MkDocs renders a page that is not in
    the navigation: `planned` (docs-relative path → text) holds the generated pages, which
    may not be on disk yet; the navigation's own page titles are read from them."""
    from mkdocs.commands.build import get_context
    from mkdocs.structure.files import File, get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink, TableOfContents
    from mkdocs.utils.meta import get_data

    with _mkdocs(config, as_of) as cfg:
        files = get_files(cfg)
        known = {f.src_uri for f in files}
        for rel in planned:
            if rel.endswith(".md") and rel not in known:
                files.append(File(rel, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls))
        env = cfg.theme.get_env()
        files.add_files_from_theme(env, cfg)
        nav = get_navigation(files, cfg)
        for page in nav.pages:
            rel = page.file.src_uri
            text = planned.get(rel)
            if text is None:  # a page written by hand (index.md, policy/)
                text = page.file.content_string
            page.markdown, page.meta = get_data(text)
        page = Page(TITLE, File(_FRAME_PAGE, cfg.docs_dir, cfg.site_dir, True), cfg)
        # The heading is the frame's (the theme adds one of its own to a page without).
        page.content = heading(1, TITLE) + "\n" + CONTENT
        page.meta = {"hide": ["navigation", "toc"]}
        page.toc = TableOfContents([AnchorLink(TITLE, ANCHOR, 1)])
        html = env.get_template("main.html").render(get_context(nav, files, cfg, page))
    if html.count(CONTENT) != 1:
        raise MkDocsError("主题页面框架中找不到案件内容的位置，无法生成案件页面。")
    # The theme's indentation is a quarter of the frame, and the frame is written 6,500
    # times at 10,000 cases: a run of white space with a line break in it becomes the line
    # break (the frame has no <pre>, and a browser reads both as one space).
    return Frame(_INDENT.sub("\n", html))
