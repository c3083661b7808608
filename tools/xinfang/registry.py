"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter

from xinfang import cache, checks, leadership_checks, scan, store
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
from xinfang.models.leadership import (
    FrontlineEntry,
    FrontlineLedger,
    FrontlinePolicy,
    OwnershipPolicy,
    Reception,
    Receptions,
)
from xinfang.problems import ERROR, WARNING, Finding, Problem

CASES_DIR = "cases"
CALENDAR_DIR = "policy/calendar"
RECEPTIONS_DIR = "org/receptions"
FRONTLINE_DIR = "org/frontline"

# The registry's single files: attribute → (path, model).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("org/units.yaml", Units),
    "leaders": ("org/leaders.yaml", Leaders),
    "categories": ("policy/categories.yaml", Categories),
    "deadlines": ("policy/deadlines.yaml", DeadlinePolicy),
    "frontline_policy": ("policy/frontline.yaml", FrontlinePolicy),
    "ownership": ("policy/ownership.yaml", OwnershipPolicy),
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
    frontline_policy: FrontlinePolicy | None = None
    ownership: OwnershipPolicy | None = None
    receptions: list[Reception] = field(default_factory=list)  # by date, then leader
    frontline: list[FrontlineEntry] = field(default_factory=list)  # by date, then leader

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
    problems: list[Problem]  # errors and warnings, in file order
    files: int  # how many files were checked

    @property
    def errors(self) -> list[Problem]:
        """The problems that leave their file out of the registry (warnings do not)."""
        return [p for p in self.problems if p.level == ERROR]


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


def _load_folder(
    root: Path, folder: str, model: type[BaseModel], problems: list[Problem]
) -> list[tuple[str, str, Any, str]]:
    """Every file under `folder` that validates as `model`: (path, stem, model, text)."""
    loaded = []
    for path in store.iter_yaml_files(root, folder):
        rel = store.relative(path, root)
        try:
            text = store.read_text(path, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            problems.append(exc.problem)
            continue
        obj, findings = checks.validate_model(model, data, rel)
        problems += scan.locate_findings(text, findings)
        if obj is not None:
            loaded.append((rel, path.stem, obj, text))
    return loaded


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
    as_of: dt.date | None = None,
) -> LoadResult:
    """Load and check the registry at `root` (only the given case files, if any).

    `with_cases=False` skips building case models from the cache (validation needs only
    the problems). `progress` hears how many case files there are and how many are done.
    Rules that depend on the date (a lapsed weekly 包案 report, a reception's outcome
    recorded before the day) are checked only when `as_of` is given.
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
    ownership: OwnershipPolicy | None = singles["ownership"]
    max_extension = handling.max_extension if handling else 30
    context = scan.Context(units, leaders, categories, max_extension, ownership)

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

    leadership = _check_leadership(
        root, singles, ordered, fresh, whole=not paths, as_of=as_of, problems=problems
    )
    problems = sorted(set(problems))
    rule_problems = [p for r in ordered for p in r.rule_problems]
    if ownership and deadlines and as_of is not None:
        owned = [r for r in ordered if r.leader and r.case_json is not None]
        lapsed = leadership_checks.check_progress(
            zip([r.rel for r in owned], _cases(owned, fresh), strict=True),
            leaders=leaders,
            policy=ownership,
            deadlines=deadlines,
            calendar=OfficialCalendar(calendars),
            as_of=as_of,
        )
        rule_problems += _locate_cross_file(root, lapsed)
    # Valid data breaking a 包案 rule: a warning, and the case stays in the registry.
    rule_problems = [replace(p, level=WARNING) for p in rule_problems]

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
            frontline_policy=singles["frontline_policy"],
            ownership=ownership,
            receptions=sorted(
                (
                    r
                    for rel, obj in leadership["receptions"]
                    if rel not in bad
                    for r in obj.receptions
                ),
                key=lambda r: (r.date, r.leader),
            ),
            frontline=sorted(
                (e for rel, obj in leadership["frontline"] if rel not in bad for e in obj.entries),
                key=lambda e: (e.date, e.leader),
            ),
        )
    count = len(rels) + len(SINGLE_FILES) + len(calendars) + leadership["files"]
    return LoadResult(registry, sorted(set(problems) | set(rule_problems)), count)


def _check_leadership(
    root: Path,
    singles: dict[str, Any],
    ordered: list[scan.FileResult],
    fresh: dict[str, Case],
    *,
    whole: bool,
    as_of: dt.date | None,
    problems: list[Problem],
) -> dict[str, Any]:
    """The reception and frontline files and the two leadership policies; problems are
    appended to `problems`. Returns the files that loaded and how many there were."""
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    receptions = _load_folder(root, RECEPTIONS_DIR, Receptions, problems)
    ledgers = _load_folder(root, FRONTLINE_DIR, FrontlineLedger, problems)
    # Only the cases a reception names are needed: build just those models.
    named = {case_id for *_, obj, _ in receptions for r in obj.receptions for case_id in r.cases}
    results = [r for r in ordered if r.case_id in named and r.case_json is not None]
    cases = {c.id: c for c in _cases(results, fresh)}
    ids = {r.case_id for r in ordered if r.case_id} if whole else None
    for rel, stem, obj, text in receptions:
        found = leadership_checks.check_receptions(
            rel, stem, obj, leaders=leaders, units=units, cases=cases, case_ids=ids, as_of=as_of
        )
        problems += scan.locate_findings(text, found)
    for rel, stem, obj, text in ledgers:
        found = leadership_checks.check_ledger(
            rel, stem, obj, leaders=leaders, units=units, as_of=as_of
        )
        problems += scan.locate_findings(text, found)
    policy_findings: list[Finding] = []
    if singles["frontline_policy"]:
        rel = SINGLE_FILES["frontline_policy"][0]
        policy_findings += leadership_checks.check_frontline_policy(
            rel, singles["frontline_policy"]
        )
    if singles["ownership"] and singles["deadlines"]:
        rel = SINGLE_FILES["ownership"][0]
        policy_findings += leadership_checks.check_ownership_policy(
            rel, singles["ownership"], singles["deadlines"]
        )
    problems += _locate_cross_file(root, policy_findings)
    files = sum(len(list(store.iter_yaml_files(root, d))) for d in (RECEPTIONS_DIR, FRONTLINE_DIR))
    return {
        "receptions": [(rel, obj) for rel, _, obj, _ in receptions],
        "frontline": [(rel, obj) for rel, _, obj, _ in ledgers],
        "files": files,
    }


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
