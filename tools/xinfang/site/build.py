"""Building the site: generate the pages, write them, run a strict MkDocs build, scan the
output for personal numbers.

`plan_site` is pure (registry data → {path: text}); `build_site` does the I/O: files
through `store`, the build through MkDocs' own API (site/mkdocs_api.py), so that the result
is exactly what `mkdocs build --strict` gives on the same sources. Case pages are plain HTML
in the theme's frame, which MkDocs copies as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from xinfang.accountability.assessment import notice_periods
from xinfang.clocks.settled import SettledClocks
from xinfang.history.gitrev import registry_commit
from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking
from xinfang.registry import store
from xinfang.registry.loader import Registry
from xinfang.site.boards import BOARD, render_overdue_board
from xinfang.site.case_page import case_search_entry, render_case_page
from xinfang.site.cases import (
    CASES_INDEX,
    OPEN_CASES,
    render_cases_index,
    render_month_page,
    render_open_cases,
)
from xinfang.site.data import (
    DOCS_DIR,
    GENERATED,
    SiteData,
    collect,
    is_case_page,
    month_page,
    unit_page,
)
from xinfang.site.findings import FINDINGS, findings_section, render_findings_page, site_findings
from xinfang.site.home import render_home
from xinfang.site.ics import site_feeds
from xinfang.site.leadership import render_leadership_pages
from xinfang.site.mkdocs_api import MkDocsError, mkdocs_build, render_frame
from xinfang.site.page import left_out_banner, stamp
from xinfang.site.policy_table import render_deadline_table
from xinfang.site.ranking_pages import (
    Rankings,
    compute_rankings,
    needed_periods,
    rank_period,
    render_ranking_pages,
)
from xinfang.site.registers import REGISTERS, render_registers_page
from xinfang.site.rule_pages import rule_pages
from xinfang.site.scan import generated_tables, scan_pages, scan_site
from xinfang.site.search_plugin import CASE_SEARCH
from xinfang.site.search_words import render_search_words
from xinfang.site.stats import render_stats
from xinfang.site.units import UNITS_INDEX, render_unit_page, render_units_index

__all__ = ["BuildResult", "SiteError", "build_site", "plan_site"]

CONFIG = "mkdocs.yml"
STATS = f"{GENERATED}/stats.md"
INCLUDE = f"{GENERATED}/_include"


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
    """Every generated file, by its path under the docs folder (site_src/). A case page is
    its content only: `build_site` puts it in the theme's frame."""
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
    by_case: dict[str, list] = defaultdict(list)
    by_unit: dict[str, list] = defaultdict(list)
    for f in found:
        by_case[f.case].append(f)
        by_unit[f.unit].append(f)
    searched = []
    for row in data.rows:
        if row.has_page:
            files[row.page] = render_case_page(data, row, by_case[row.id])
            searched.append(case_search_entry(data, row))
    files[CASE_SEARCH] = json.dumps(searched, ensure_ascii=False, indent=0)
    for key, rows in data.rows_by_unit().items():
        if key in data.registry.units:
            page = render_unit_page(data, key, rows, rankings)
            files[unit_page(key)] = page + findings_section(data, by_unit[key], unit_page(key))
    files.update(render_ranking_pages(data, rankings))
    files.update(render_leadership_pages(data))
    files[REGISTERS] = render_registers_page(data)
    files.update(rule_pages(data, rankings.computed))
    files.update(site_feeds(data))
    return files


# Below this many cases the rankings are computed in this process: starting workers costs
# more than it saves.
PARALLEL_FROM = 2000
_WORKER_DATA: tuple[SiteData, SettledClocks] | None = None


def _rank_in_worker(period: Period) -> tuple[Period, Ranking]:
    assert _WORKER_DATA is not None
    data, settled = _WORKER_DATA  # each worker fills its own copy of `settled`
    return period, rank_period(data, period, settled)


def _rankings(data: SiteData) -> Rankings:
    """The rankings of the 通报排名 section: each period is a pass over every case, so for a
    large registry they are spread over two forked processes (which inherit `data`)."""
    global _WORKER_DATA
    # …and the ended periods of this year, which the 年度考核 page reads.
    year = notice_periods(data.registry, data.as_of.year, as_of=data.as_of)
    periods = list(dict.fromkeys(needed_periods(data) + year))
    fork = "fork" in multiprocessing.get_all_start_methods()
    settled = SettledClocks(data.registry.deadlines, data.registry.calendar)
    if len(data.rows) < PARALLEL_FROM or not fork or (os.cpu_count() or 1) < 2:
        return compute_rankings(data, {p: rank_period(data, p, settled) for p in periods})
    _WORKER_DATA = (data, settled)
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
    try:
        frame = render_frame(config, files, as_of=as_of)
    except MkDocsError as exc:
        raise SiteError(str(exc)) from None
    # The frame is scanned once and each case page's content by itself (the markers sit
    # between tags, so no number can form across them), not 6,500 frames again.
    _refuse_leaks(root, scan_pages({**files, "xf-frame.html": frame.html}), "生成的页面")
    for path in [p for p in files if is_case_page(p)]:
        files[path] = frame.fill(path, files[path])
    written, deleted = store.sync_generated(
        root / DOCS_DIR / GENERATED, {k.removeprefix(prefix): v for k, v in files.items()}
    )
    generated = time.perf_counter()
    site_dir = root / "site"
    if run_mkdocs:
        try:
            site_dir = mkdocs_build(config, as_of=as_of)
        except MkDocsError as exc:
            raise SiteError(str(exc)) from None
        copied = {k: v for k, v in files.items() if is_case_page(k)}
        tables = generated_tables(files)
        _refuse_leaks(root, scan_site(site_dir, copied, tables), "构建结果", site_dir)
    finished = time.perf_counter()
    index = site_dir / "search" / "search_index.json"
    return BuildResult(
        pages=sum(
            1 for k in files if (k.endswith(".md") or is_case_page(k)) and not k.startswith(INCLUDE)
        ),
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
