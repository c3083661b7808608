"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
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


@dataclass
class LoadResult:
    registry: Registry | None  # None when a file every command needs is missing or invalid
    problems: list[Problem]
    files: int  # how many files were checked


def _load_single(root: Path, rel: str, model: type[BaseModel], problems: list[Problem]) -> Any:
    path = root / rel
    if not path.is_file():
        problems.append(Problem(rel, 0, 0, "", "缺少文件"))
        return None
    try:
        text = store.read_text(path, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        problems.append(exc.problem)
        return None
    obj, findings = checks.validate_model(model, data, rel)
    problems += scan.locate_findings(text, findings)
    return obj


def _load_calendars(root: Path, problems: list[Problem]) -> list[CalendarYear]:
    years = []
    for path in store.iter_yaml_files(root, CALENDAR_DIR):
        rel = store.relative(path, root)
        year = _load_single(root, rel, CalendarYear, problems)
        if year is not None and path.stem != str(year.year):
            finding = Finding(rel, ("year",), f"年份 {year.year} 与文件名 {path.name} 不一致")
            problems += scan.locate_findings(store.read_text(path, rel), [finding])
        elif year is not None:
            years.append(year)
    return years


def config_files(root: Path) -> list[Path]:
    """Every file a case check depends on besides the case itself."""
    singles = [root / rel for rel, _ in SINGLE_FILES.values()]
    return singles + list(store.iter_yaml_files(root, CALENDAR_DIR))


def case_files(root: Path, paths: Sequence[Path] | None = None) -> list[Path]:
    """The case files to check: everything under cases/, or the files and folders given."""
    if not paths:
        return list(store.iter_yaml_files(root, CASES_DIR))
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in store.YAML_SUFFIXES))
        else:
            files.append(p)
    return files


def _locate_cross_file(root: Path, findings: Iterable[Finding]) -> list[Problem]:
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    out: list[Problem] = []
    for rel, group in by_path.items():
        try:
            text = store.read_text(root / rel, rel)
        except store.FileProblem:
            text = None
        out += scan.locate_findings(text, group)
    return out


def load_registry(
    root: Path,
    paths: Sequence[Path] | None = None,
    *,
    with_cases: bool = True,
    use_cache: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Load and check the registry at `root` (only the given case files, if any).

    `with_cases=False` skips building case models from the cache (validation needs only
    the problems). `progress` hears how many case files there are and how many are done.
    """
    problems: list[Problem] = []
    singles = {
        name: _load_single(root, rel, model, problems)
        for name, (rel, model) in SINGLE_FILES.items()
    }
    calendars = _load_calendars(root, problems)
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    categories = singles["categories"].categories if singles["categories"] else {}
    deadlines: DeadlinePolicy | None = singles["deadlines"]
    if singles["leaders"] and singles["units"]:
        findings = checks.check_leaders(SINGLE_FILES["leaders"][0], leaders, units)
        problems += _locate_cross_file(root, findings)
    handling = deadlines.clocks.get("handling") if deadlines else None
    context = scan.Context(units, leaders, categories, handling.max_extension if handling else 30)

    rels = [store.relative(p, root) for p in case_files(root, paths)]
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
        if hit is not None and _unchanged(root, rel, hit.sha):
            results[rel] = hit
            if advance:
                advance(1)
        else:
            to_check.append(rel)
    for result, case in scan.check_files(root, to_check, context, jobs=jobs, progress=advance):
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
    problems += _locate_cross_file(root, cross)
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
        )
    return LoadResult(registry, problems, len(rels) + len(SINGLE_FILES) + len(calendars))


def _unchanged(root: Path, rel: str, sha: str) -> bool:
    try:
        return scan.digest(store.read_bytes(root / rel, rel)) == sha
    except store.FileProblem:
        return False


def _cases(good: list[scan.FileResult], fresh: dict[str, Case]) -> list[Case]:
    """Case models: the ones just checked as they are, the rest from their JSON in one batch."""
    pending = [r.case_json for r in good if r.rel not in fresh]
    from_json = _CASE_LIST.validate_json(b"[" + b",".join(pending) + b"]") if pending else []
    return [*(fresh[r.rel] for r in good if r.rel in fresh), *from_json]
