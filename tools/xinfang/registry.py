"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from: the
single files of org/ and policy/, then every case file on its own (scan, with the cache),
then the checks across files.

The files come from a `store.Source`: the folder on disk, or (for `xinfang diff`) the tree
of a git revision held in memory, which is never cached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from pydantic import BaseModel, TypeAdapter

from xinfang import action_checks, cache, checks, leadership_checks, scan, store
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
ACTIONS_DIR = "org/actions"
RECEPTIONS_DIR = "org/receptions"
FRONTLINE_DIR = "org/frontline"

# The registry's single files: attribute → (path, model).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("org/units.yaml", Units),
    "leaders": ("org/leaders.yaml", Leaders),
    "categories": ("policy/categories.yaml", Categories),
    "deadlines": ("policy/deadlines.yaml", DeadlinePolicy),
    "ranking": ("policy/ranking.yaml", RankingPolicy),
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
    ranking: RankingPolicy
    calendars: list[CalendarYear] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # sorted by date, then file order
    source: store.Source | None = None  # where the files were read from (default: root on disk)
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


def _load_folder(
    source: store.Source, folder: str, model: type[BaseModel], problems: list[Problem]
) -> tuple[list[tuple[str, str, Any, str]], int]:
    """Every file under `folder` that validates as `model` as (path, stem, model, text), and
    how many files there were."""
    loaded = []
    rels = source.yaml_files(folder)
    for rel in rels:
        try:
            text = store.source_text(source, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            problems.append(exc.problem)
            continue
        obj, findings = checks.validate_model(model, data, rel)
        problems += scan.locate_findings(text, findings)
        if obj is not None:
            loaded.append((rel, PurePosixPath(rel).stem, obj, text))
    return loaded, len(rels)


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
    max_extension = handling.max_extension if handling else 30
    context = scan.Context(units, leaders, categories, max_extension, singles["ownership"])

    rels = source.select(paths) if paths else source.yaml_files(CASES_DIR)
    if progress:
        progress.start(len(rels))
    memo = None
    if use_cache:
        memo = cache.Cache(source.root, cache.fingerprint(source.root, config_files(source.root)))
    try:
        return _load_cases(
            source, rels, paths, singles, calendars, problems, context, memo, jobs, progress,
            with_cases=with_cases, as_of=as_of,
        )  # fmt: skip
    except cache.CacheDamaged:
        cache.clear(source.root)  # and start a good one
        return load_registry(source, paths, with_cases=with_cases, jobs=jobs, as_of=as_of)


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
    as_of: dt.date | None,
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
    leadership = _check_leadership(
        source, singles, case_of, whole=not paths, as_of=as_of, problems=problems
    )
    problems = sorted(set(problems))
    rule_problems = [p for r in ordered for p in r.rule_problems]
    if singles["ownership"] and singles["deadlines"] and as_of is not None:
        owned = [r for r in ordered if r.leader and r.case_id is not None]
        lapsed = leadership_checks.check_progress(
            zip([r.rel for r in owned], _cases(owned, fresh, memo), strict=True),
            leaders=singles["leaders"].leaders if singles["leaders"] else {},
            policy=singles["ownership"],
            deadlines=singles["deadlines"],
            calendar=OfficialCalendar(calendars),
            as_of=as_of,
        )
        rule_problems += _locate_cross_file(source, lapsed)
    # Valid data breaking a 包案 rule: a warning, and the case stays in the registry.
    rule_problems = [replace(p, level=WARNING) for p in rule_problems]

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
            frontline_policy=singles["frontline_policy"],
            ownership=singles["ownership"],
            receptions=sorted(
                (r for rel, obj in leadership.receptions if rel not in bad for r in obj.receptions),
                key=lambda r: (r.date, r.leader),
            ),
            frontline=sorted(
                (e for rel, obj in leadership.ledgers if rel not in bad for e in obj.entries),
                key=lambda e: (e.date, e.leader),
            ),
        )
    count = len(rels) + len(SINGLE_FILES) + len(calendars) + action_files + leadership.files
    return LoadResult(registry, sorted(set(problems) | set(rule_problems)), count)


@dataclass
class _Leadership:
    receptions: list[tuple[str, Receptions]]
    ledgers: list[tuple[str, FrontlineLedger]]
    files: int


def _check_leadership(
    source: store.Source,
    singles: dict[str, Any],
    case_of: Callable[[str], Case | None],
    *,
    whole: bool,
    as_of: dt.date | None,
    problems: list[Problem],
) -> _Leadership:
    """The reception and frontline files and the two leadership policies; their problems are
    appended to `problems`. `case_of` gives the models of the cases a reception names; with
    `whole` (all case files loaded) a case it cannot give does not exist."""
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    receptions, reception_files = _load_folder(source, RECEPTIONS_DIR, Receptions, problems)
    ledgers, ledger_files = _load_folder(source, FRONTLINE_DIR, FrontlineLedger, problems)
    named = {case_id for *_, obj, _ in receptions for r in obj.receptions for case_id in r.cases}
    cases = {case_id: case for case_id in named if (case := case_of(case_id)) is not None}
    ids = set(cases) if whole else None
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
    findings: list[Finding] = []
    if singles["frontline_policy"]:
        rel = SINGLE_FILES["frontline_policy"][0]
        findings += leadership_checks.check_frontline_policy(rel, singles["frontline_policy"])
    if singles["ownership"] and singles["deadlines"]:
        rel = SINGLE_FILES["ownership"][0]
        findings += leadership_checks.check_ownership_policy(
            rel, singles["ownership"], singles["deadlines"]
        )
    problems += _locate_cross_file(source, findings)
    return _Leadership(
        [(rel, obj) for rel, _, obj, _ in receptions],
        [(rel, obj) for rel, _, obj, _ in ledgers],
        reception_files + ledger_files,
    )


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
