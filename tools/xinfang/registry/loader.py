"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.

The files come from a `store.Source`: the folder on disk, or (for `xinfang diff`) the tree
of a git revision held in memory, which is never cached.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from pydantic import TypeAdapter

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.models import (
    Action,
    CalendarYear,
    Case,
    Category,
    DeadlinePolicy,
    Leader,
    RankingPolicy,
    Unit,
)
from xinfang.models.accountability import AccountabilityPolicy
from xinfang.models.leadership import (
    FrontlineEntry,
    FrontlinePolicy,
    OwnershipPolicy,
    Reception,
)
from xinfang.registry import cache, changes, dated, omissions, orgfiles, registerfiles, scan, store
from xinfang.registry.kinds import SINGLE_PATHS, cases_among, kind_of, unknown_kind
from xinfang.registry.orgfiles import SINGLE_FILES
from xinfang.rules import checks, leadership_checks, ownership
from xinfang.rules.problems import ERROR, WARNING, Problem

CASES_DIR = "cases"
_CASE_LIST = TypeAdapter(list[Case])


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, done: int) -> None: ...


@dataclass
class Registry:
    """Every valid file of a registry, as models."""

    root: Path
    cases: list[Case]  # sorted by id
    paths: dict[str, str]  # case id → path relative to root
    units: dict[str, Unit]
    leaders: dict[str, Leader]
    categories: dict[str, Category]
    deadlines: DeadlinePolicy
    ranking: RankingPolicy
    calendars: list[CalendarYear] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # sorted by date, then file order
    source: store.Source | None = None  # where the files were read from (default: root on disk)
    frontline_policy: FrontlinePolicy | None = None
    ownership: OwnershipPolicy | None = None
    accountability: AccountabilityPolicy | None = None
    receptions: list[Reception] = field(default_factory=list)  # by date, then leader
    frontline: list[FrontlineEntry] = field(default_factory=list)  # by date, then leader
    omitted: omissions.Omissions = field(default_factory=omissions.Omissions)  # left out
    # screening reports, reception rota, spot checks and their policies (registerfiles.py)
    registers: registerfiles.Registers = field(default_factory=registerfiles.Registers)

    @cached_property
    def by_id(self) -> dict[str, Case]:
        return {c.id: c for c in self.cases}

    def case(self, case_id: str) -> Case | None:
        return self.by_id.get(case_id)

    @cached_property
    def calendar(self) -> OfficialCalendar:
        """The official calendar: policy/calendar/ files first, then the library."""
        return OfficialCalendar(self.calendars)

    def unit_name(self, key: str) -> str:
        unit = self.units.get(key)
        return (unit.short or unit.name) if unit else key

    def text(self, rel: str) -> str:
        """The text of one of the registry's files, from wherever the registry was read."""
        return store.source_text(self.source or store.FileSource(self.root), rel)


@dataclass
class LoadResult:
    registry: Registry | None  # None when a file every command needs is missing or invalid
    problems: list[Problem]  # errors and warnings, in file order
    files: int  # how many files were checked

    @property
    def errors(self) -> list[Problem]:
        """The problems that leave their file out of the registry (warnings do not)."""
        return [p for p in self.problems if p.level == ERROR]


def load_registry(
    root: Path | store.Source,
    paths: Sequence[Path | str] | None = None,
    *,
    with_cases: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
) -> LoadResult:
    """Load and check the registry at `root`, a folder or a `store.Source` (only the given
    case files, if any).

    `with_cases=False` skips building case models from the cache (validation needs only
    the problems). `progress` hears how many case files there are and how many are done.
    The cache is used for a folder only. Rules that depend on the date (a lapsed weekly
    包案 report, a reception's outcome recorded before the day) are checked only when
    `as_of` is given. Problems of the 包案 rules are warnings: their cases stay in.
    """
    source = store.FileSource(root) if isinstance(root, Path) else root
    use_cache = use_cache and isinstance(source, store.FileSource)
    problems: list[Problem] = []
    tally = orgfiles.Tally()
    singles = {
        name: orgfiles.load_single(source, rel, model, problems, tally)
        for name, (rel, model) in SINGLE_FILES.items()
    }
    calendars = orgfiles.load_calendars(source, problems, tally)
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    categories = singles["categories"].categories if singles["categories"] else {}
    deadlines: DeadlinePolicy | None = singles["deadlines"]
    if singles["units"]:
        findings = checks.check_units(SINGLE_FILES["units"][0], units)
        problems += orgfiles.locate_cross_file(source, findings)
    if singles["leaders"] and singles["units"]:
        findings = checks.check_leaders(SINGLE_FILES["leaders"][0], leaders, units)
        problems += orgfiles.locate_cross_file(source, findings)
    ranking: RankingPolicy | None = singles["ranking"]
    if ranking and deadlines:
        findings = checks.check_ranking(SINGLE_FILES["ranking"][0], ranking, deadlines)
        problems += orgfiles.locate_cross_file(source, findings)
    handling = deadlines.clocks.get("handling") if deadlines else None
    max_extension = handling.max_extension if handling else 30
    weekly = None
    if singles["ownership"] and deadlines:
        weekly = ownership.weekly_policy(deadlines, singles["ownership"].progress_clock)
    context = scan.Context(
        units,
        leaders,
        categories,
        max_extension,
        singles["ownership"],
        weekly,
        OfficialCalendar(calendars),
        deadlines,
    )

    selected = source.select(paths) if paths else None
    # A named file is checked as what its path says it is: only files outside org/ and
    # policy/ are case files (the org and policy files are checked above, every time).
    rels = source.yaml_files(CASES_DIR) if selected is None else cases_among(selected)
    if selected is not None:
        problems += [unknown_kind(rel) for rel in selected if kind_of(rel) is None]
    if progress:
        progress.start(len(rels))
    memo = None
    if use_cache:
        memo = cache.Cache(
            source.root, cache.fingerprint(source.root, orgfiles.config_files(source.root))
        )
    try:
        return _load_cases(
            source, rels, selected, singles, calendars, problems, context, memo, jobs, progress,
            tally, with_cases=with_cases, as_of=as_of,
        )  # fmt: skip
    except cache.CacheDamaged:
        cache.clear(source.root)  # and start a good one
        return load_registry(source, paths, with_cases=with_cases, jobs=jobs, as_of=as_of)


def _load_cases(
    source: store.Source,
    rels: list[str],
    paths: list[str] | None,
    singles: dict[str, Any],
    calendars: list[CalendarYear],
    problems: list[Problem],
    context: scan.Context,
    memo: cache.Cache | None,
    jobs: int | None,
    progress: Progress | None,
    tally: orgfiles.Tally,
    *,
    with_cases: bool,
    as_of: dt.date | None,
) -> LoadResult:
    advance = progress.advance if progress else None
    results: dict[str, scan.FileResult] = {}
    fresh: dict[str, Case] = {}
    to_check, stats = changes.changed_files(source, rels, memo, results, advance)
    for result, case in scan.check_files(source, to_check, context, jobs=jobs, progress=advance):
        results[result.rel] = result
        if case is not None:
            fresh[result.rel] = case
    if memo is not None:
        cached = memo.entries
        new_stats = {**memo.stats, **stats}
        if to_check or len(cached) != len(results) or new_stats != memo.stats:
            merged = {**{rel: r for rel, r in cached.items() if rel not in results}, **results}
            memo.save([merged[rel] for rel in sorted(merged)], new_stats)

    ordered = [results[rel] for rel in rels]
    for result in ordered:
        problems += result.problems
    ids = [(r.rel, r.case_id) for r in ordered if r.case_id]
    cross = checks.check_unique_ids(ids)
    if not paths:
        repeats = [(r.rel, r.repeat_of) for r in ordered if r.repeat_of]
        cross += checks.check_repeats(repeats, {case_id for _, case_id in ids})
    problems += orgfiles.locate_cross_file(source, cross)

    valid = {r.case_id: r for r in ordered if r.case_id is not None}

    def case_of(case_id: str) -> Case | None:
        result = valid.get(case_id)
        if result is None:
            return None
        if result.rel in fresh:
            return fresh[result.rel]
        return Case.model_validate_json(bytes(_case_json(result, memo)))

    actions, action_files = orgfiles.load_actions(
        source,
        problems,
        units=singles["units"].units if singles["units"] else {},
        case_ids={case_id for _, case_id in ids} if paths is None else None,
        case_of=case_of,
        tally=tally,
    )
    leadership = orgfiles.check_leadership(
        source, singles, case_of, whole=paths is None, as_of=as_of, problems=problems, tally=tally
    )
    if as_of is not None:
        # Not cached: the same file can be right today and wrong as of an earlier day.
        problems += dated.future_case_dates(
            source, ordered, lambda r: fresh.get(r.rel) or _cases([r], fresh, memo)[0], as_of=as_of
        )
    registers = registerfiles.load_registers(
        source,
        singles,
        leadership.reception_files,
        case_of,
        whole=paths is None,
        problems=problems,
        tally=tally,
    )
    if as_of is not None:  # after every loader, so that each file's parse is reused
        problems += dated.config_dates(source, as_of=as_of, parsed=tally.parsed)
    bad = {p.path for p in problems}
    if paths is not None:  # only the named files' problems, and what makes them unusable
        named = set(paths) | {rel for rel in tally.unused if rel in SINGLE_PATHS}
        problems = [p for p in problems if p.path in named]
    problems, blocked = omissions.collapse_blocked(sorted(set(problems)), tally.broken())
    rule_problems = [p for r in ordered for p in r.rule_problems]
    if singles["ownership"] and singles["deadlines"] and as_of is not None:
        owned = [r for r in ordered if r.leader and r.case_id is not None]
        # The cached clock summary serves whenever no event lies after the as-of date; only
        # the rest (validating an earlier date) needs case models.
        quick = [r for r in owned if r.weekly and dt.date.fromisoformat(r.weekly[4]) <= as_of]
        slow = [r for r in owned if not (r.weekly and dt.date.fromisoformat(r.weekly[4]) <= as_of)]
        leaders_ = singles["leaders"].leaders if singles["leaders"] else {}
        lapsed = leadership_checks.check_progress_summaries(
            ((r.rel, r.leader, r.weekly) for r in quick), leaders=leaders_, as_of=as_of
        )
        lapsed += leadership_checks.check_progress(
            zip([r.rel for r in slow], _cases(slow, fresh, memo), strict=True),
            leaders=leaders_,
            policy=singles["ownership"],
            deadlines=singles["deadlines"],
            calendar=context.calendar,
            as_of=as_of,
        )
        rule_problems += orgfiles.locate_cross_file(source, lapsed)
    # Valid data breaking a 包案 rule: a warning, and the case stays in the registry.
    rule_problems = [replace(p, level=WARNING) for p in rule_problems]

    registry = None
    if all(singles.values()):
        good = [r for r in ordered if r.case_id is not None and r.rel not in bad]
        cases = _cases(good, fresh, memo) if with_cases else []
        cases.sort(key=lambda c: c.id)
        registry = Registry(
            root=source.root,
            cases=cases,
            paths={r.case_id: r.rel for r in good},
            units=singles["units"].units,
            leaders=singles["leaders"].leaders,
            categories=singles["categories"].categories,
            deadlines=singles["deadlines"],
            ranking=singles["ranking"],
            calendars=calendars,
            actions=actions,
            source=source,
            frontline_policy=singles["frontline_policy"],
            ownership=singles["ownership"],
            accountability=singles["accountability"],
            receptions=sorted(leadership.receptions, key=lambda r: (r.date, r.leader)),
            frontline=sorted(leadership.entries, key=lambda e: (e.date, e.leader)),
            omitted=omissions.left_out(
                problems,
                cases=[r.rel for r in ordered],
                blocked=blocked,
                entries=tally.entries,
                unused=tally.unused,
            ),
            registers=registers,
        )
    count = len(rels) + len(SINGLE_FILES) + len(calendars) + action_files + leadership.files
    count += registers.files
    return LoadResult(registry, sorted(set(problems) | set(rule_problems)), count)


def _case_json(result: scan.FileResult, memo: cache.Cache | None) -> bytes | memoryview:
    if result.case_json is not None:
        return result.case_json
    if memo is None:
        raise cache.CacheDamaged
    return memo.case_json(result)


def _cases(
    good: list[scan.FileResult], fresh: dict[str, Case], memo: cache.Cache | None
) -> list[Case]:
    """Case models: the ones just checked as they are, the rest from their JSON in one batch
    (straight from the cache's JSON file when nothing changed)."""
    checked = [fresh[r.rel] for r in good if r.rel in fresh]
    pending = [r for r in good if r.rel not in fresh]
    if not pending:
        return checked
    blob = memo.whole_blob_if(pending) if memo else None
    if blob is None:
        blob = b"[" + b",".join(_case_json(r, memo) for r in pending) + b"]"
    # 100,000 models and no cycle among them: the cycle collector, left on, walked the
    # growing heap again and again (about half the time of building them).
    was_on = gc.isenabled()
    gc.disable()
    try:
        from_json = _CASE_LIST.validate_json(blob)
    except ValueError:
        raise cache.CacheDamaged from None
    finally:
        if was_on:
            gc.enable()
    return [*checked, *from_json]
