"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.

The files come from a `store.Source`: the folder on disk, or (for `xinfang diff`) the tree
of a git revision held in memory, which is never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter

from xinfang import action_checks, cache, checks, scan, store
from xinfang.calendar import OfficialCalendar
from xinfang.models import (
    Action,
    CalendarYear,
    Case,
    Categories,
    Category,
    DeadlinePolicy,
    Leader,
    Leaders,
    RankingPolicy,
    Unit,
    Units,
)
from xinfang.problems import Finding, Problem

CASES_DIR = "cases"
CALENDAR_DIR = "policy/calendar"
ACTIONS_DIR = "org/actions"

# The registry's single files: attribute → (path, model).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("org/units.yaml", Units),
    "leaders": ("org/leaders.yaml", Leaders),
    "categories": ("policy/categories.yaml", Categories),
    "deadlines": ("policy/deadlines.yaml", DeadlinePolicy),
    "ranking": ("policy/ranking.yaml", RankingPolicy),
}

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
    problems: list[Problem]
    files: int  # how many files were checked


def _load_single(
    source: store.Source, rel: str, model: type[BaseModel], problems: list[Problem]
) -> Any:
    if not source.exists(rel):
        problems.append(Problem(rel, 0, 0, "", "缺少文件"))
        return None
    try:
        text = store.source_text(source, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        problems.append(exc.problem)
        return None
    obj, findings = checks.validate_model(model, data, rel)
    problems += scan.locate_findings(text, findings)
    return obj


def _load_calendars(source: store.Source, problems: list[Problem]) -> list[CalendarYear]:
    years = []
    for rel in source.yaml_files(CALENDAR_DIR):
        path = PurePosixPath(rel)
        year = _load_single(source, rel, CalendarYear, problems)
        if year is not None and path.stem != str(year.year):
            finding = Finding(rel, ("year",), f"年份 {year.year} 与文件名 {path.name} 不一致")
            problems += scan.locate_findings(store.source_text(source, rel), [finding])
        elif year is not None:
            years.append(year)
    return years


def _load_actions(
    source: store.Source,
    problems: list[Problem],
    *,
    units: dict[str, Unit],
    case_ids: set[str] | None,
    case_of: Callable[[str], Case | None],
) -> tuple[list[Action], int]:
    """The actions of every valid file under org/actions/, and how many files there were.

    `case_ids` are the cases that exist (None: not known, when only some files are checked);
    `case_of` gives the valid ones as models, to check an action against its case.
    """
    actions: list[Action] = []
    rels = source.yaml_files(ACTIONS_DIR)
    for rel in rels:
        try:
            text = store.source_text(source, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            problems.append(exc.problem)
            continue
        found, findings = action_checks.check_action_log(
            data, rel, units=units, case_ids=case_ids, case_of=case_of
        )
        problems += scan.locate_findings(text, findings)
        if not findings:
            actions.extend(found)
    actions.sort(key=lambda a: a.date)
    return actions, len(rels)


def config_files(root: Path) -> list[Path]:
    """Every file a case check depends on besides the case itself."""
    singles = [root / rel for rel, _ in SINGLE_FILES.values()]
    return singles + list(store.iter_yaml_files(root, CALENDAR_DIR))


def _locate_cross_file(source: store.Source, findings: Iterable[Finding]) -> list[Problem]:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    out: list[Problem] = []
    for rel, group in by_path.items():
        try:
            text = store.source_text(source, rel)
        except store.FileProblem:
            text = None
        out += scan.locate_findings(text, group)
    return out


def load_registry(
    root: Path | store.Source,
    paths: Sequence[Path | str] | None = None,
    *,
    with_cases: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load and check the registry at `root`, a folder or a `store.Source` (only the given
    case files, if any).

    `with_cases=False` skips building case models from the cache (validation needs only
    the problems). `progress` hears how many case files there are and how many are done.
    The cache is used for a folder only.
    """
    source = store.FileSource(root) if isinstance(root, Path) else root
    use_cache = use_cache and isinstance(source, store.FileSource)
    problems: list[Problem] = []
    singles = {
        name: _load_single(source, rel, model, problems)
        for name, (rel, model) in SINGLE_FILES.items()
    }
    calendars = _load_calendars(source, problems)
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    categories = singles["categories"].categories if singles["categories"] else {}
    deadlines: DeadlinePolicy | None = singles["deadlines"]
    if singles["leaders"] and singles["units"]:
        findings = checks.check_leaders(SINGLE_FILES["leaders"][0], leaders, units)
        problems += _locate_cross_file(source, findings)
    ranking: RankingPolicy | None = singles["ranking"]
    if ranking and deadlines:
        findings = checks.check_ranking(SINGLE_FILES["ranking"][0], ranking, deadlines)
        problems += _locate_cross_file(source, findings)
    handling = deadlines.clocks.get("handling") if deadlines else None
    context = scan.Context(units, leaders, categories, handling.max_extension if handling else 30)

    rels = source.select(paths) if paths else source.yaml_files(CASES_DIR)
    if progress:
        progress.start(len(rels))
    memo = None
    if use_cache:
        memo = cache.Cache(source.root, cache.fingerprint(source.root, config_files(source.root)))
    try:
        return _load_cases(
            source, rels, paths, singles, calendars, problems, context, memo, jobs, progress,
            with_cases=with_cases,
        )  # fmt: skip
    except cache.CacheDamaged:
        cache.clear(source.root)  # and start a good one
        return load_registry(source, paths, with_cases=with_cases, jobs=jobs)


def _load_cases(
    source: store.Source,
    rels: list[str],
    paths: Sequence[Path | str] | None,
    singles: dict[str, Any],
    calendars: list[CalendarYear],
    problems: list[Problem],
    context: scan.Context,
    memo: cache.Cache | None,
    jobs: int | None,
    progress: Progress | None,
    *,
    with_cases: bool,
) -> LoadResult:
    advance = progress.advance if progress else None
    cached = memo.entries if memo else {}
    results: dict[str, scan.FileResult] = {}
    fresh: dict[str, Case] = {}
    to_check: list[str] = []
    for rel in rels:
        hit = cached.get(rel)
        if hit is not None and _unchanged(source, rel, hit.sha):
            results[rel] = hit
            if advance:
                advance(1)
        else:
            to_check.append(rel)
    for result, case in scan.check_files(source, to_check, context, jobs=jobs, progress=advance):
        results[result.rel] = result
        if case is not None:
            fresh[result.rel] = case
    if memo is not None and (to_check or len(cached) != len(results)):
        merged = {**{rel: r for rel, r in cached.items() if rel not in results}, **results}
        memo.save([merged[rel] for rel in sorted(merged)])

    ordered = [results[rel] for rel in rels]
    for result in ordered:
        problems += result.problems
    ids = [(r.rel, r.case_id) for r in ordered if r.case_id]
    cross = checks.check_unique_ids(ids)
    if not paths:
        repeats = [(r.rel, r.repeat_of) for r in ordered if r.repeat_of]
        cross += checks.check_repeats(repeats, {case_id for _, case_id in ids})
    problems += _locate_cross_file(source, cross)

    valid = {r.case_id: r for r in ordered if r.case_id is not None}

    def case_of(case_id: str) -> Case | None:
        result = valid.get(case_id)
        if result is None:
            return None
        if result.rel in fresh:
            return fresh[result.rel]
        return Case.model_validate_json(bytes(_case_json(result, memo)))

    actions, action_files = _load_actions(
        source,
        problems,
        units=singles["units"].units if singles["units"] else {},
        case_ids={case_id for _, case_id in ids} if not paths else None,
        case_of=case_of,
    )
    problems = sorted(set(problems))

    registry = None
    if all(singles.values()):
        bad = {p.path for p in problems}
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
        )
    count = len(rels) + len(SINGLE_FILES) + len(calendars) + action_files
    return LoadResult(registry, problems, count)


def _unchanged(source: store.Source, rel: str, sha: str) -> bool:
    try:
        return scan.digest(source.read_bytes(rel)) == sha
    except store.FileProblem:
        return False


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
    try:
        from_json = _CASE_LIST.validate_json(blob)
    except ValueError:
        raise cache.CacheDamaged from None
    return [*checked, *from_json]
