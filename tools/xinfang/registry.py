"""Loading the whole registry: files → models, with every problem located.

This is the pipeline `xinfang validate` runs and every other command starts from:
read and parse each file (store), check it (checks), then check across files, then find
the line and column of each finding in the files that have any.

The files come from a `store.Source`: the folder on disk, or (for `xinfang diff`) the tree
of a git revision held in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from xinfang import checks, store
from xinfang.calendar import OfficialCalendar
from xinfang.models import (
    EVENT_TYPES,
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
from xinfang.problems import Finding, Problem, format_loc

CASES_DIR = "cases"
CALENDAR_DIR = "policy/calendar"

# The registry's single files: attribute → (path, model).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "units": ("org/units.yaml", Units),
    "leaders": ("org/leaders.yaml", Leaders),
    "categories": ("policy/categories.yaml", Categories),
    "deadlines": ("policy/deadlines.yaml", DeadlinePolicy),
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
    calendars: list[CalendarYear] = field(default_factory=list)
    source: store.Source | None = None  # where the files were read from (default: root on disk)

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)

    @cached_property
    def calendar(self) -> OfficialCalendar:
        """The official calendar: policy/calendar/ files first, then the library."""
        return OfficialCalendar(self.calendars)

    def unit_name(self, key: str) -> str:
        unit = self.units.get(key)
        return (unit.short or unit.name) if unit else key

    def text(self, rel: str) -> str:
        """The text of one of the registry's files, from wherever the registry was read."""
        return (self.source or store.FileSource(self.root)).read(rel)


@dataclass
class LoadResult:
    registry: Registry | None  # None when a file every command needs is missing or invalid
    problems: list[Problem]
    files: int  # how many files were checked


class _Collector:
    """Keeps the text of every file that has findings, to locate them at the end."""

    def __init__(self, source: store.Source) -> None:
        self.source = source
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
                    text = self.source.read(rel)
                except store.FileProblem:
                    text = ""
            for f in findings:
                line, col = store.locate(text, f.loc, at_key=f.at_key) if text else (1, 1)
                out.append(Problem(rel, line, col, _field(f), f.message))
        return sorted(set(out))


def _field(finding: Finding) -> str:
    # pydantic names the union member it tried (events[2].extended.days): drop that part.
    loc = [p for p in finding.loc if p != "[key]"]
    cleaned: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and i and isinstance(loc[i - 1], int) and part in EVENT_TYPES:
            continue
        cleaned.append(part)
    return format_loc(tuple(cleaned))


def _load_single(source: store.Source, rel: str, model: type[BaseModel], out: _Collector) -> Any:
    if not source.exists(rel):
        out.problems.append(Problem(rel, 0, 0, "", "缺少文件"))
        return None
    try:
        text = source.read(rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        out.problems.append(exc.problem)
        return None
    obj, findings = checks.validate_model(model, data, rel)
    out.add(findings, text)
    return obj


def _load_calendars(source: store.Source, out: _Collector) -> list[CalendarYear]:
    years = []
    for rel in source.yaml_files(CALENDAR_DIR):
        path = PurePosixPath(rel)
        try:
            text = source.read(rel)
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


def load_registry(
    root: Path | store.Source, paths: Sequence[Path | str] | None = None
) -> LoadResult:
    """Load and check the registry at `root`, a folder or a `store.Source` (only the given
    case files, if any)."""
    source = store.FileSource(root) if isinstance(root, Path) else root
    out = _Collector(source)
    singles = {
        name: _load_single(source, rel, model, out) for name, (rel, model) in SINGLE_FILES.items()
    }
    calendars = _load_calendars(source, out)
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    categories = singles["categories"].categories if singles["categories"] else {}
    deadlines: DeadlinePolicy | None = singles["deadlines"]
    if singles["leaders"] and singles["units"]:
        out.add(checks.check_leaders(SINGLE_FILES["leaders"][0], leaders, units))
    handling = deadlines.clocks.get("handling") if deadlines else None
    max_extension = handling.max_extension if handling else 30

    loaded: list[tuple[str, Case]] = []
    files = source.select(paths) if paths else source.yaml_files(CASES_DIR)
    for rel in files:
        try:
            text = source.read(rel)
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

    problems = out.located()
    registry = None
    if all(singles.values()):
        bad = {p.path for p in problems}
        good = sorted(((rel, c) for rel, c in loaded if rel not in bad), key=lambda rc: rc[1].id)
        registry = Registry(
            root=source.root,
            cases=[c for _, c in good],
            paths={c.id: rel for rel, c in good},
            units=units,
            leaders=leaders,
            categories=categories,
            deadlines=deadlines,
            calendars=calendars,
            source=source,
        )
    return LoadResult(registry, problems, len(files) + len(SINGLE_FILES) + len(calendars))
