"""The registry's files besides the cases: org/ and policy/ single files, the holiday
calendars, and the folders of actions, reception days and frontline ledgers.

Each loader reads through a `store.Source`, validates, runs its file's checks and appends
every located problem to the list it is given; what validates is returned as models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from xinfang.models import (
    Action,
    CalendarYear,
    Case,
    Categories,
    DeadlinePolicy,
    Leaders,
    RankingPolicy,
    Unit,
    Units,
)
from xinfang.models.accountability import AccountabilityPolicy
from xinfang.models.leadership import (
    FrontlineLedger,
    FrontlinePolicy,
    OwnershipPolicy,
    Receptions,
)
from xinfang.registry import scan, store
from xinfang.rules import action_checks, checks, leadership_checks
from xinfang.rules.problems import Finding, Problem

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
    "accountability": ("policy/accountability.yaml", AccountabilityPolicy),
}


def load_single(
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


def load_calendars(source: store.Source, problems: list[Problem]) -> list[CalendarYear]:
    years = []
    for rel in source.yaml_files(CALENDAR_DIR):
        path = PurePosixPath(rel)
        year = load_single(source, rel, CalendarYear, problems)
        if year is not None and path.stem != str(year.year):
            finding = Finding(rel, ("year",), f"年份 {year.year} 与文件名 {path.name} 不一致")
            problems += scan.locate_findings(store.source_text(source, rel), [finding])
        elif year is not None:
            years.append(year)
    return years


def load_actions(
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
    for rel, text, data in _read_all(source, rels, problems):
        found, findings = action_checks.check_action_log(
            data, rel, units=units, case_ids=case_ids, case_of=case_of
        )
        problems += scan.locate_findings(text, findings)
        if not findings:
            actions.extend(found)
    actions.sort(key=lambda a: a.date)
    return actions, len(rels)


def _read_all(
    source: store.Source, rels: list[str], problems: list[Problem]
) -> Iterator[tuple[str, str, Any]]:
    """(path, text, data) of each file that parses; the others become problems."""
    for rel in rels:
        try:
            text = store.source_text(source, rel)
            yield rel, text, store.parse_text(text, rel)
        except store.FileProblem as exc:
            problems.append(exc.problem)


def load_folder(
    source: store.Source, folder: str, model: type[BaseModel], problems: list[Problem]
) -> tuple[list[tuple[str, str, Any, str]], int]:
    """Every file under `folder` that validates as `model` as (path, stem, model, text), and
    how many files there were."""
    loaded = []
    rels = source.yaml_files(folder)
    for rel, text, data in _read_all(source, rels, problems):
        obj, findings = checks.validate_model(model, data, rel)
        problems += scan.locate_findings(text, findings)
        if obj is not None:
            loaded.append((rel, PurePosixPath(rel).stem, obj, text))
    return loaded, len(rels)


def config_files(root: Path) -> list[Path]:
    """Every file a case check depends on besides the case itself."""
    singles = [root / rel for rel, _ in SINGLE_FILES.values()]
    return singles + list(store.iter_yaml_files(root, CALENDAR_DIR))


def locate_cross_file(source: store.Source, findings: Iterable[Finding]) -> list[Problem]:
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


@dataclass
class Leadership:
    receptions: list[tuple[str, Receptions]]
    ledgers: list[tuple[str, FrontlineLedger]]
    files: int


def check_leadership(
    source: store.Source,
    singles: dict[str, Any],
    case_of: Callable[[str], Case | None],
    *,
    whole: bool,
    as_of: dt.date | None,
    problems: list[Problem],
) -> Leadership:
    """The reception and frontline files and the two leadership policies; their problems are
    appended to `problems`. `case_of` gives the models of the cases a reception names; with
    `whole` (all case files loaded) a case it cannot give does not exist."""
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    receptions, reception_files = load_folder(source, RECEPTIONS_DIR, Receptions, problems)
    ledgers, ledger_files = load_folder(source, FRONTLINE_DIR, FrontlineLedger, problems)
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
    problems += locate_cross_file(source, findings)
    return Leadership(
        [(rel, obj) for rel, _, obj, _ in receptions],
        [(rel, obj) for rel, _, obj, _ in ledgers],
        reception_files + ledger_files,
    )
