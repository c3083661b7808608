"""What every page builder needs, computed once: each case's clocks, stage and links. Pure.

`collect` runs `compute_clocks` for every case received on or before the as-of date and
decides which cases get a page of their own (open ones, and those received in the last
twelve months); every other case is a row with an anchor on its month's page.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Clock, Status, compute_clocks
from xinfang.models import Case
from xinfang.registry.loader import Registry
from xinfang.rules.stages import ACTIVE, case_stage
from xinfang.site.public import PublicCases
from xinfang.site.text import anchor

__all__ = ["CaseRow", "SiteData", "collect", "is_case_page", "link", "md_link", "page_url"]

#: The docs folder of mkdocs.yml, and the folder in it the generated pages go to.
DOCS_DIR = "site_src"
GENERATED = "generated"
RECENT_DAYS = 365

_ACTIVE = ACTIVE

#: What “在办” means on every page that counts open cases.
OPEN_DEFINITION = "已登记但尚未出具处理意见、不予受理或结案，或者正在复查、复核的事项"


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case as the site shows it on the as-of date: `case` is what `PublicCases.shown`
    made of the case file (free text masked, a confidential case cut to an allow-list)."""

    case: Case
    clocks: tuple[Clock, ...]
    stage: str
    is_open: bool
    has_page: bool
    month: str  # "2026-11", the month it was received

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def duty_clocks(self) -> list[Clock]:
        """Clocks that bind the office or the unit (not the petitioner's own windows)."""
        return [c for c in self.clocks if not c.window]

    @property
    def next_clock(self) -> Clock | None:
        """The open duty clock that falls due first."""
        running = [c for c in self.duty_clocks if c.is_open]
        return min(running, key=lambda c: (c.due, c.key), default=None)

    @property
    def overdue_clocks(self) -> list[Clock]:
        return [c for c in self.clocks if c.status is Status.overdue]

    @property
    def is_overdue(self) -> bool:
        return any(c.status is Status.overdue for c in self.clocks)

    @property
    def page(self) -> str:
        """The source path of the page where this case is shown in full (or its row)."""
        if self.has_page:
            return case_page(self.case)
        return month_page(self.month)

    @property
    def fragment(self) -> str | None:
        return None if self.has_page else anchor(self.case.id)


@dataclass
class SiteData:
    """The registry as of one date, with everything the pages share."""

    registry: Registry
    as_of: dt.date
    commit: str
    rows: list[CaseRow]  # in case id order
    due_soon_days: int
    by_id: dict[str, CaseRow] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rows}

    def unit_name(self, key: str, *, short: bool = False) -> str:
        unit = self.registry.units.get(key)
        if unit is None:
            return key
        return (unit.short or unit.name) if short else unit.name

    def category_name(self, key: str) -> str:
        category = self.registry.categories.get(key)
        return category.name if category else key

    def leader_name(self, key: str | None) -> str:
        if not key:
            return "—"
        leader = self.registry.leaders.get(key)
        return f"{leader.name}（{leader.post}）" if leader else key

    def rows_by_month(self) -> dict[str, list[CaseRow]]:
        months: dict[str, list[CaseRow]] = defaultdict(list)
        for row in self.rows:
            months[row.month].append(row)
        return dict(sorted(months.items()))

    def rows_by_unit(self) -> dict[str, list[CaseRow]]:
        units: dict[str, list[CaseRow]] = {key: [] for key in self.registry.units}
        for row in self.rows:
            units.setdefault(row.case.unit, []).append(row)
        return units

    @property
    def due_soon_text(self) -> str:
        """When a clock counts as 临期, from the policy: 距到期日 5 日以内（包案进展报告 2 日以内）."""
        policy = self.registry.deadlines
        special = [
            f"{rule.name} {rule.due_soon_days} 日以内"
            for rule in policy.clocks.values()
            if rule.due_soon_days is not None and rule.due_soon_days != policy.due_soon_days
        ]
        text = f"距到期日 {policy.due_soon_days} 日以内（含当日）"
        return text + (f"，其中{'、'.join(special)}" if special else "")

    @property
    def clocks(self) -> Iterable[Clock]:
        for row in self.rows:
            yield from row.clocks


def collect(
    registry: Registry,
    calendar: OfficialCalendar,
    *,
    as_of: dt.date,
    commit: str,
) -> SiteData:
    """Clocks and stage of every case received on or before `as_of`, as the site shows it."""
    policy = registry.deadlines
    recent = as_of - dt.timedelta(days=RECENT_DAYS)
    public = PublicCases(registry)
    rows = []
    for source in registry.cases:
        if source.received > as_of:
            continue
        case = public.shown(source)
        clocks = tuple(compute_clocks(case, policy, calendar, as_of=as_of))
        stage = case_stage(case, as_of=as_of)
        is_open = stage in _ACTIVE
        has_page = (
            is_open or case.received > recent or any(c.is_open and not c.window for c in clocks)
        )
        month = f"{case.received.year:04d}-{case.received.month:02d}"
        rows.append(CaseRow(case, clocks, stage, is_open, has_page, month))
    return SiteData(registry, as_of, commit, rows, policy.due_soon_days)


# -- where pages live ------------------------------------------------------------------------


def case_page(case: Case) -> str:
    """A case page is plain HTML (see site/mkdocs_api.py): MkDocs copies it as it is, which is
    what keeps a registry of 10,000 cases buildable in well under a minute."""
    return f"{GENERATED}/cases/{case.year}/{case.id}/index.html"


def is_case_page(src: str) -> bool:
    return src.startswith(f"{GENERATED}/cases/") and src.endswith("/index.html")


def month_page(month: str) -> str:
    year, mm = month.split("-")
    return f"{GENERATED}/cases/{year}/{mm}.md"


def unit_page(key: str) -> str:
    return f"{GENERATED}/units/{key}.md"


def page_url(src: str) -> str:
    """The URL path (relative to the site root) MkDocs gives a source page with directory
    URLs: a/b.md → a/b/, a/index.md → a/, index.md → ''; a/b/index.html (a plain HTML
    page, copied as it is) → a/b/."""
    stem = src.removesuffix(".html") if src.endswith("/index.html") else src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


_HREF_SAFE = re.compile(r"^[A-Za-z0-9._/#-]*$")


def link(from_src: str, to_src: str, fragment: str | None = None) -> str:
    """A relative href from one source page to another, as the built site needs it.

    Paths are made of case ids and registry keys (letters, digits, hyphens), so the result
    needs no escaping in an attribute; anything else is a bug and raises ValueError.
    """
    rel = _relative(page_url(from_src), page_url(to_src))
    href = "./" if rel == "." else rel + "/"
    href = f"{href}#{fragment}" if fragment else href
    if not _HREF_SAFE.match(href):
        raise ValueError(f"unsafe characters in a generated link: {href!r}")
    return href


def _relative(here: str, there: str) -> str:
    """posixpath.relpath(there, here) for two site URL paths ("a/b/" or ""), without the
    file system work relpath does (a site has some 70,000 links at 10,000 cases)."""
    a = [p for p in here.split("/") if p]
    b = [p for p in there.split("/") if p]
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    parts = [".."] * (len(a) - common) + b[common:]
    return "/".join(parts) or "."


def md_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source page to another (MkDocs checks and rewrites
    these, so they are preferred wherever the link is written in Markdown)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
