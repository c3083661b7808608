"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from:
read and parse each file (store), check it (checks), then check across files, then find
the line and column of each finding in the files that have any.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from xinfang import checks, store
from xinfang.calendar import OfficialCalendar
from xinfang.models import (
    ACTION_KINDS,
    EVENT_TYPES,
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
from xinfang.problems import Finding, Problem, format_loc

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


@dataclass
class Registry:
    """Every valid file of a registry, as models."""

    root: Path
    cases: list[Case]
    paths: dict[str, str]  # case id → path relative to root
    units: dict[str, Unit]
    leaders: dict[str, Leader]
    categories: dict[str, Category]
    deadlines: DeadlinePolicy
    ranking: RankingPolicy
    calendars: list[CalendarYear] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # sorted by date, then file order

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)

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


class _Collector:
    """Keeps the text of every file that has findings, to locate them at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.findings: dict[str, list[Finding]] = defaultdict(list)
        self.texts: dict[str, str] = {}

    def add(self, findings: Iterable[Finding], text: str | None = None) -> None:
        for f in findings:
            self.findings[f.path].append(f)
            if text is not None:
                self.texts.setdefault(f.path, text)

    def located(self) -> list[Problem]:
        out = list(self.problems)
        for rel, findings in self.findings.items():
            text = self.texts.get(rel)
            if text is None:
                try:
                    text = store.read_text(self.root / rel, rel)
                except store.FileProblem:
                    text = ""
            for f in findings:
                line, col = store.locate(text, f.loc, at_key=f.at_key) if text else (1, 1)
                out.append(Problem(rel, line, col, _field(f), f.message))
        return sorted(set(out))


def _field(finding: Finding) -> str:
    # pydantic names the union member it tried (events[2].extended.days, actions[0].listing.case):
    # drop that part.
    loc = [p for p in finding.loc if p != "[key]"]
    cleaned: list[str | int] = []
    for i, part in enumerate(loc):
        tag = part in EVENT_TYPES or part in ACTION_KINDS
        if isinstance(part, str) and i and isinstance(loc[i - 1], int) and tag:
            continue
        cleaned.append(part)
    return format_loc(tuple(cleaned))


def _load_single(root: Path, rel: str, model: type[BaseModel], out: _Collector) -> Any:
    path = root / rel
    if not path.is_file():
        out.problems.append(Problem(rel, 0, 0, "", "缺少文件"))
        return None
    try:
        text = store.read_text(path, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        out.problems.append(exc.problem)
        return None
    obj, findings = checks.validate_model(model, data, rel)
    out.add(findings, text)
    return obj


def _load_calendars(root: Path, out: _Collector) -> list[CalendarYear]:
    years = []
    for path in store.iter_yaml_files(root, CALENDAR_DIR):
        rel = store.relative(path, root)
        try:
            text = store.read_text(path, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            out.problems.append(exc.problem)
            continue
        year, findings = checks.validate_model(CalendarYear, data, rel)
        if year is not None and path.stem != str(year.year):
            findings.append(
                Finding(rel, ("year",), f"年份 {year.year} 与文件名 {path.name} 不一致")
            )
        out.add(findings, text)
        if year is not None and not findings:
            years.append(year)
    return years


def _load_actions(
    root: Path, out: _Collector, *, units: dict[str, Unit], cases: dict[str, Case] | None
) -> tuple[list[Action], int]:
    """The actions of every valid file under org/actions/, and how many files there were."""
    actions: list[Action] = []
    paths = list(store.iter_yaml_files(root, ACTIONS_DIR))
    for path in paths:
        rel = store.relative(path, root)
        try:
            text = store.read_text(path, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            out.problems.append(exc.problem)
            continue
        found, findings = checks.check_action_log(data, rel, units=units, cases=cases)
        out.add(findings, text)
        if not findings:
            actions.extend(found)
    actions.sort(key=lambda a: a.date)
    return actions, len(paths)


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


def load_registry(root: Path, paths: Sequence[Path] | None = None) -> LoadResult:
    """Load and check the registry at `root` (only the given case files, if any)."""
    out = _Collector(root)
    singles = {
        name: _load_single(root, rel, model, out) for name, (rel, model) in SINGLE_FILES.items()
    }
    calendars = _load_calendars(root, out)
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    categories = singles["categories"].categories if singles["categories"] else {}
    deadlines: DeadlinePolicy | None = singles["deadlines"]
    ranking: RankingPolicy | None = singles["ranking"]
    if singles["leaders"] and singles["units"]:
        out.add(checks.check_leaders(SINGLE_FILES["leaders"][0], leaders, units))
    if ranking and deadlines:
        out.add(checks.check_ranking(SINGLE_FILES["ranking"][0], ranking, deadlines))
    handling = deadlines.clocks.get("handling") if deadlines else None
    max_extension = handling.max_extension if handling else 30

    loaded: list[tuple[str, Case]] = []
    files = case_files(root, paths)
    for path in files:
        rel = store.relative(path, root)
        try:
            text = store.read_text(path, rel)
            data = store.parse_text(text, rel)
        except store.FileProblem as exc:
            out.problems.append(exc.problem)
            continue
        case, findings = checks.check_case(data, rel, max_extension=max_extension)
        out.add(findings, text)
        if case is not None:
            loaded.append((rel, case))

    out.add(checks.check_unique_ids(loaded))
    case_ids = {c.id for _, c in loaded} if not paths else None
    for rel, case in loaded:
        out.add(
            checks.check_references(
                rel, case, units=units, leaders=leaders, categories=categories, case_ids=case_ids
            )
        )

    by_id = {c.id: c for _, c in loaded} if not paths else None
    actions, action_files = _load_actions(root, out, units=units, cases=by_id)

    problems = out.located()
    registry = None
    if all(singles.values()):
        bad = {p.path for p in problems}
        good = sorted(((rel, c) for rel, c in loaded if rel not in bad), key=lambda rc: rc[1].id)
        registry = Registry(
            root=root,
            cases=[c for _, c in good],
            paths={c.id: rel for rel, c in good},
            units=units,
            leaders=leaders,
            categories=categories,
            deadlines=deadlines,
            ranking=ranking,
            calendars=calendars,
            actions=actions,
        )
    count = len(files) + len(SINGLE_FILES) + len(calendars) + action_files
    return LoadResult(registry, problems, count)
