"""Building the site: generate the pages, write them, run a strict MkDocs build, scan the
output for personal numbers.

`plan_site` is pure (registry data → {path: text}); `build_site` does the I/O: files
through `store`, the build through MkDocs' own API, so that the result is exactly what
`mkdocs build --strict` gives on the same sources.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from xinfang.history.gitrev import registry_commit
from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking
from xinfang.registry import store
from xinfang.registry.loader import Registry
from xinfang.registry.omissions import Omissions
from xinfang.site.boards import BOARD, render_overdue_board
from xinfang.site.case_page import render_case_page
from xinfang.site.cases import (
    CASES_INDEX,
    OPEN_CASES,
    render_cases_index,
    render_month_page,
    render_open_cases,
)
from xinfang.site.data import GENERATED, SiteData, collect, month_page, unit_page
from xinfang.site.findings import FINDINGS, findings_section, render_findings_page, site_findings
from xinfang.site.home import render_home
from xinfang.site.ics import site_feeds
from xinfang.site.leadership import render_leadership_pages
from xinfang.site.page import stamp
from xinfang.site.policy_table import render_deadline_table
from xinfang.site.privacy import leaks_in_file
from xinfang.site.ranking_pages import (
    Rankings,
    compute_rankings,
    needed_periods,
    rank_period,
    render_ranking_pages,
)
from xinfang.site.registers import REGISTERS, render_registers_page
from xinfang.site.rule_pages import rule_pages
from xinfang.site.search_words import render_search_words
from xinfang.site.stats import render_stats
from xinfang.site.text import escape
from xinfang.site.units import UNITS_INDEX, render_unit_page, render_units_index

__all__ = ["BuildResult", "SiteError", "build_site", "plan_site"]

CONFIG = "mkdocs.yml"
DOCS_DIR = "site_src"
STATS = f"{GENERATED}/stats.md"
INCLUDE = f"{GENERATED}/_include"
THEME_ASSETS = "assets/"
SCANNED_ALWAYS = (".html", ".json", ".xml", ".xml.gz")


class SiteError(Exception):
    """A build that must not be published; the message is for the user, in Chinese."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int  # generated Markdown pages
    case_pages: int
    written: int
    deleted: int
    generate_seconds: float
    mkdocs_seconds: float
    site_dir: Path
    html_files: int
    search_index_bytes: int
    commit: str


def plan_site(data: SiteData, rankings: Rankings | None = None) -> dict[str, str]:
    """Every generated file, by its path under the docs folder (site_src/)."""
    rankings = rankings or compute_rankings(data)
    files = {
        f"{INCLUDE}/stamp.md": stamp(data) + left_out_banner(data.registry.omitted),
        f"{INCLUDE}/home.md": render_home(data, rankings),
        f"{INCLUDE}/deadline-table.md": render_deadline_table(data.registry.deadlines),
        f"{INCLUDE}/search-words.txt": render_search_words(data.registry),
        CASES_INDEX: render_cases_index(data),
        OPEN_CASES: render_open_cases(data),
        BOARD: render_overdue_board(data),
        UNITS_INDEX: render_units_index(data, rankings),
        STATS: render_stats(data),
    }
    for month, rows in data.rows_by_month().items():
        files[month_page(month)] = render_month_page(data, month, rows)
    found = site_findings(data)
    files[FINDINGS] = render_findings_page(data, found)
    for row in data.rows:
        if row.has_page:
            mine = [f for f in found if f.case == row.id]
            files[row.page] = render_case_page(data, row) + findings_section(data, mine, row.page)
    for key, rows in data.rows_by_unit().items():
        if key in data.registry.units:
            mine = [f for f in found if f.unit == key]
            page = render_unit_page(data, key, rows, rankings)
            files[unit_page(key)] = page + findings_section(data, mine, unit_page(key))
    files.update(render_ranking_pages(data, rankings))
    files.update(render_leadership_pages(data))
    files[REGISTERS] = render_registers_page(data)
    files.update(rule_pages(data))
    files.update(site_feeds(data))
    return files


def left_out_banner(omitted: Omissions) -> str:
    """The notice every page carries when the site was built with files left out (appended
    with the stamp; the stylesheet keeps it in view at the foot of the window)."""
    if not omitted:
        return ""
    return (
        '\n<div class="xf-left-out" role="alert" data-search-exclude>'
        f"<strong>本站数据不完整。</strong>{escape(omitted.line().removeprefix('注意：'))}</div>\n"
    )


# Below this many cases the rankings are computed in this process: starting workers costs
# more than it saves.
PARALLEL_FROM = 2000
_WORKER_DATA: SiteData | None = None


def _rank_in_worker(period: Period) -> tuple[Period, Ranking]:
    assert _WORKER_DATA is not None
    return period, rank_period(_WORKER_DATA, period)


def _rankings(data: SiteData) -> Rankings:
    """The rankings of the 通报排名 section: each period is a pass over every case, so for a
    large registry they are spread over two forked processes (which inherit `data`)."""
    global _WORKER_DATA
    periods = needed_periods(data)
    fork = "fork" in multiprocessing.get_all_start_methods()
    if len(data.rows) < PARALLEL_FROM or not fork or (os.cpu_count() or 1) < 2:
        return compute_rankings(data)
    _WORKER_DATA = data
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            computed = dict(pool.map(_rank_in_worker, periods))
    finally:
        _WORKER_DATA = None
    return compute_rankings(data, computed)


def build_site(
    root: Path,
    registry: Registry,
    *,
    as_of: dt.date,
    commit: str | None = None,
    run_mkdocs: bool = True,
    allow_errors: bool = False,
) -> BuildResult:
    """Write the generated pages under root/site_src/generated/, build root/mkdocs.yml
    strictly into its site_dir, and scan every output file. Raises SiteError, also when
    the registry left files out, unless `allow_errors` (then every page says so)."""
    config = root / CONFIG
    if not config.is_file():
        raise SiteError(f"找不到 {CONFIG}：请在登记库根目录运行，或用 --root 指定登记库。")
    if registry.omitted and not allow_errors:
        files = "\n".join(f"  {i.path}：{i.reason}" for i in registry.omitted.items[:50])
        more = len(registry.omitted.items) - 50
        files += f"\n  ……另有 {more} 个文件" if more > 0 else ""
        raise SiteError(
            "登记库有错误，未生成网站（以免发布不完整的数字而无人察觉）。以下文件未计入：\n"
            f"{files}\n请运行 xinfang validate 查看并修正；确需先发布时加 --allow-errors，"
            "每个页面都会标明未计入的文件。"
        )
    started = time.perf_counter()
    commit = commit or registry_commit(root)
    data = collect(registry, registry.calendar, as_of=as_of, commit=commit)
    files = plan_site(data, _rankings(data))
    prefix = f"{GENERATED}/"
    _refuse_leaks(root, scan_pages(files), "生成的页面")
    written, deleted = store.sync_generated(
        root / DOCS_DIR / GENERATED, {k.removeprefix(prefix): v for k, v in files.items()}
    )
    generated = time.perf_counter()
    site_dir = root / "site"
    if run_mkdocs:
        site_dir = _mkdocs_build(config, as_of=as_of)
        _refuse_leaks(root, scan_site(site_dir), "构建结果", site_dir)
    finished = time.perf_counter()
    index = site_dir / "search" / "search_index.json"
    return BuildResult(
        pages=sum(1 for k in files if k.endswith(".md") and not k.startswith(INCLUDE)),
        case_pages=sum(r.has_page for r in data.rows),
        written=written,
        deleted=deleted,
        generate_seconds=generated - started,
        mkdocs_seconds=finished - generated,
        site_dir=site_dir,
        html_files=sum(1 for _ in site_dir.rglob("*.html")) if run_mkdocs else 0,
        search_index_bytes=index.stat().st_size if run_mkdocs and index.is_file() else 0,
        commit=commit,
    )


def scan_pages(files: dict[str, str]) -> list[str]:
    """One line per personal number in the generated Markdown, before MkDocs sees it."""
    found = []
    for rel in sorted(files):
        for leak in leaks_in_file(rel, files[rel]):
            found.append(leak.describe(f"{DOCS_DIR}/{rel}"))
    return found


def scan_site(site_dir: Path) -> list[str]:
    """One line per personal number found in any file under `site_dir` (HTML, the search
    index, the sitemap and its gzip copy, everything else MkDocs wrote). The theme's own
    scripts, styles and images under assets/ are copied from the installed theme, hold no
    registry text, and are full of numbers by design (icon outlines, minified code); they
    are skipped unless they are HTML, JSON or XML."""
    found = []
    for rel, text in store.iter_built_files(site_dir):
        if rel.startswith(THEME_ASSETS) and not rel.endswith(SCANNED_ALWAYS):
            continue
        for leak in leaks_in_file(rel, text):
            found.append(leak.describe(f"{site_dir.name}/{rel}"))
    return found


def _refuse_leaks(root: Path, leaks: list[str], where: str, site_dir: Path | None = None) -> None:
    """Fail the build on any personal number, deleting everything it generated (the pages
    and the built site), so that a later plain `mkdocs build` cannot publish them."""
    if not leaks:
        return
    store.remove_tree(root / DOCS_DIR / GENERATED)
    store.remove_tree(site_dir or root / "site")
    shown = "\n".join(f"  {line}" for line in leaks[:20])
    more = f"\n  ……另有 {len(leaks) - 20} 处" if len(leaks) > 20 else ""
    raise SiteError(
        f"隐私检查未通过：{where}中发现 {len(leaks)} 处个人号码（电话、身份证号、电子邮箱或"
        f"银行卡号），已删除 {DOCS_DIR}/{GENERATED}/ 和 site/，以免误发布。"
        "案件文字中的号码会自动打码，这些号码来自别处（如 org/ 文件或手写页面），请删去：\n"
        f"{shown}{more}"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _as_mkdocs_cli(root: Path, as_of: dt.date):
    """Run as `mkdocs build` would from the registry root: pymdownx.snippets resolves its
    base_path against the working directory. MkDocs dates the sitemap with the build date;
    SOURCE_DATE_EPOCH pins it to the as-of date so the same inputs give the same output."""
    epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC).timestamp())
    old_env = os.environ.get("SOURCE_DATE_EPOCH")
    old_cwd = Path.cwd()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        if old_env is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old_env


def _mkdocs_build(config: Path, *, as_of: dt.date) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = logging.getLogger("mkdocs")
    handler = _Collect()
    log.addHandler(handler)
    try:
        with _as_mkdocs_cli(config.parent, as_of), warnings.catch_warnings():
            # jieba.load_userdict (called by the search plugin for jieba_dict_user) opens the
            # dictionary and never closes it; Python ignores that ResourceWarning by default,
            # and so do we, also when warnings are errors (the test suite).
            warnings.filterwarnings("ignore", "unclosed file", ResourceWarning)
            cfg = load_config(config_file=str(config), strict=True)
            # jieba (imported by the search plugin) announces its dictionary at DEBUG level.
            logging.getLogger("jieba").setLevel(logging.WARNING)
            build(cfg)
    except (MkDocsException, SystemExit) as exc:
        details = "\n".join(f"  {m}" for m in handler.messages[:20]) or f"  {exc}"
        raise SiteError(f"MkDocs 严格模式构建失败：\n{details}") from None
    except Exception as exc:  # a Markdown extension's own error (e.g. a missing snippet)
        raise SiteError(f"MkDocs 构建失败：{type(exc).__name__}: {exc}") from None
    finally:
        log.removeHandler(handler)
    return Path(cfg.site_dir)
