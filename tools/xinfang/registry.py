"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.

The files come from a `store.Source`: the folder on disk, or (for `xinfang diff`) the tree
of a git revision held in memory, which is never cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter

from xinfang import cache, checks, scan, store
from xinfang.calendar import OfficialCalendar
from xinfang.models import (
    CalendarYear,
    Case,
    Categories,
    Category,
    DeadlinePolicy,
    Leader,
    Leaders,
    Unit,
    Units,
)
from xinfang.problems import Finding, Problem

CASES_DIR = "cases"
CALENDAR_DIR = "policy/calendar"

# The registry's single files: attribute → (path, model).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("org/units.yaml", Units),
    "leaders": ("org/leaders.yaml", Leaders),
    "categories": ("policy/categories.yaml", Categories),
    "deadlines": ("policy/deadlines.yaml", DeadlinePolicy),
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
    calendars: list[CalendarYear] = field(default_factory=list)
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
    root = source.root
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
    handling = deadlines.clocks.get("handling") if deadlines else None
    context = scan.Context(units, leaders, categories, handling.max_extension if handling else 30)

    rels = source.select(paths) if paths else source.yaml_files(CASES_DIR)
    if progress:
        progress.start(len(rels))
    advance = progress.advance if progress else None
    fp = cache.fingerprint(root, config_files(root)) if use_cache else ""
    cached = cache.load(root, fp) if use_cache else {}
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
    if use_cache and to_check:
        kept = {rel: r for rel, r in cached.items() if rel not in results}
        cache.save(root, fp, [*kept.values(), *results.values()])

    ordered = [results[rel] for rel in rels]
    for result in ordered:
        problems += result.problems
    ids = [(r.rel, r.case_id) for r in ordered if r.case_id]
    cross = checks.check_unique_ids(ids)
    if not paths:
        repeats = [(r.rel, r.repeat_of) for r in ordered if r.repeat_of]
        cross += checks.check_repeats(repeats, {case_id for _, case_id in ids})
    problems += _locate_cross_file(source, cross)
    problems = sorted(set(problems))

    registry = None
    if all(singles.values()):
        bad = {p.path for p in problems}
        good = [r for r in ordered if r.case_json is not None and r.rel not in bad]
        cases = _cases(good, fresh) if with_cases else []
        cases.sort(key=lambda c: c.id)
        registry = Registry(
            root=root,
            cases=cases,
            paths={r.case_id: r.rel for r in good},
            units=units,
            leaders=leaders,
            categories=categories,
            deadlines=deadlines,
            calendars=calendars,
            source=source,
        )
    return LoadResult(registry, problems, len(rels) + len(SINGLE_FILES) + len(calendars))


def _unchanged(source: store.Source, rel: str, sha: str) -> bool:
    try:
        return scan.digest(source.read_bytes(rel)) == sha
    except store.FileProblem:
        return False


def _cases(good: list[scan.FileResult], fresh: dict[str, Case]) -> list[Case]:
    """Case models: the ones just checked as they are, the rest from their JSON in one batch."""
    pending = [r.case_json for r in good if r.rel not in fresh]
    from_json = _CASE_LIST.validate_json(b"[" + b",".join(pending) + b"]") if pending else []
    return [*(fresh[r.rel] for r in good if r.rel in fresh), *from_json]
