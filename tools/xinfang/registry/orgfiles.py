"""The registry's files besides the cases: org/ and policy/ single files, the holiday
calendars, and the folders of actions, reception days and frontline ledgers.

Each loader reads through a `store.Source`, validates, runs its file's checks and appends
every located problem to the list it is given; what validates is returned as models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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
    FrontlineEntry,
    FrontlineLedger,
    FrontlinePolicy,
    OwnershipPolicy,
    Reception,
    Receptions,
)
from xinfang.registry import scan, store
from xinfang.registry.partial import Entries, M, entry_of, validate_entries
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


# Single files made of entries that other files refer to by key: the field holding them.
ENTRY_FIELDS = {"org/units.yaml": "units", "org/leaders.yaml": "leaders"}
ENTRY_FIELDS["policy/categories.yaml"] = "categories"


@dataclass
class Tally:
    """What the loaders left out: entries of files (keys or indices), whole files, and for
    the keyed files the keys whose entries are bad (None: the whole file is unusable)."""

    entries: dict[str, set[Any]] = field(default_factory=dict)
    unused: set[str] = field(default_factory=set)
    # (text, data) of each org/ and policy/ file parsed in this run, for the date check that
    # runs after the loaders (dated.config_dates): each file is parsed once. Read only.
    parsed: dict[str, tuple[str, Any]] = field(default_factory=dict)

    def broken(self) -> dict[str, set[str] | None]:
        out: dict[str, set[str] | None] = {}
        for rel in ENTRY_FIELDS:
            if rel in self.unused:
                out[rel] = None
            elif self.entries.get(rel):
                out[rel] = {str(k) for k in self.entries[rel]}
        return out

    def leave_out(self, rel: str, bad: set[Any]) -> None:
        if bad:
            self.entries.setdefault(rel, set()).update(bad)


def load_single(
    source: store.Source,
    rel: str,
    model: type[BaseModel],
    problems: list[Problem],
    tally: Tally | None = None,
    parsed: dict[str, tuple[str, Any]] | None = None,
) -> Any:
    """One org/ or policy/ file as its model (None when unusable). In the keyed files
    (units, leaders, categories) a bad entry is reported and left out, the rest load.
    Its text and data go to `parsed` (default: the tally's)."""
    tally = tally if tally is not None else Tally()
    if not source.exists(rel):
        problems.append(Problem(rel, 0, 0, "", "缺少文件"))
        tally.unused.add(rel)
        return None
    try:
        text = store.source_text(source, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        problems.append(exc.problem)
        tally.unused.add(rel)
        return None
    (parsed if parsed is not None else tally.parsed)[rel] = (text, data)
    name = ENTRY_FIELDS.get(rel)
    if name:
        loaded = validate_entries(model, data, rel, name)
        obj, findings = loaded.obj, loaded.findings
        tally.leave_out(rel, loaded.bad)
    else:
        obj, findings = checks.validate_model(model, data, rel)
    problems += scan.locate_findings(text, findings)
    if obj is None:
        tally.unused.add(rel)
    return obj


def load_calendars(
    source: store.Source, problems: list[Problem], tally: Tally | None = None
) -> list[CalendarYear]:
    """The holiday calendars; a file with any error is left out whole (a calendar with a
    holiday missing would move deadlines without anyone noticing)."""
    tally = tally if tally is not None else Tally()
    years = []
    for rel in source.yaml_files(CALENDAR_DIR):
        path = PurePosixPath(rel)
        year = load_single(source, rel, CalendarYear, problems, tally)
        if year is not None and path.stem != str(year.year):
            finding = Finding(rel, ("year",), f"年份 {year.year} 与文件名 {path.name} 不一致")
            problems += scan.locate_findings(store.source_text(source, rel), [finding])
            tally.unused.add(rel)
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
    tally: Tally | None = None,
) -> tuple[list[Action], int]:
    """The actions of every file under org/actions/, and how many files there were. An
    action with a problem is left out (and reported); the file's other actions count.

    `case_ids` are the cases that exist (None: not known, when only some files are checked);
    `case_of` gives the valid ones as models, to check an action against its case.
    """
    tally = tally if tally is not None else Tally()
    actions: list[Action] = []
    rels = source.yaml_files(ACTIONS_DIR)
    for rel, text, data in _read_all(source, rels, problems, tally):
        found, findings = action_checks.check_action_log(
            data, rel, units=units, case_ids=case_ids, case_of=case_of
        )
        problems += scan.locate_findings(text, findings)
        bad = {entry_of(f, "actions") for f in findings}
        if None in bad or not found:
            tally.unused.add(rel)
            continue
        tally.leave_out(rel, bad)
        actions.extend(a for i, a in found if i not in bad)
    actions.sort(key=lambda a: a.date)
    return actions, len(rels)


def _read_all(
    source: store.Source, rels: list[str], problems: list[Problem], tally: Tally
) -> Iterator[tuple[str, str, Any]]:
    """(path, text, data) of each file that parses; the others become problems."""
    for rel in rels:
        try:
            text = store.source_text(source, rel)
            data = store.parse_text(text, rel)
            tally.parsed[rel] = (text, data)
            yield rel, text, data
        except store.FileProblem as exc:
            problems.append(exc.problem)
            tally.unused.add(rel)


def load_folder(
    source: store.Source,
    folder: str,
    model: type[M],
    problems: list[Problem],
    *,
    name: str,
    tally: Tally,
) -> tuple[list[tuple[str, str, Entries[M], str]], int]:
    """Every usable file under `folder` as (path, stem, entries, text), its entries under
    `name` validated one by one, and how many files there were."""
    loaded = []
    rels = source.yaml_files(folder)
    for rel, text, data in _read_all(source, rels, problems, tally):
        entries = validate_entries(model, data, rel, name)
        problems += scan.locate_findings(text, entries.findings)
        if entries.obj is None:
            tally.unused.add(rel)
        else:
            loaded.append((rel, PurePosixPath(rel).stem, entries, text))
    return loaded, len(rels)


def load_whole_folder(
    source: store.Source,
    folder: str,
    model: type[M],
    problems: list[Problem],
    tally: Tally | None = None,
) -> tuple[list[tuple[str, str, M, str]], int]:
    """Every file under `folder` that validates as `model` whole, as (path, stem, model,
    text), and how many files there were; a file with any problem is left out (named in
    `tally`). For registers whose entries depend on each other (the screening ledgers)."""
    tally = tally if tally is not None else Tally()
    loaded = []
    rels = source.yaml_files(folder)
    for rel, text, data in _read_all(source, rels, problems, tally):
        obj, findings = checks.validate_model(model, data, rel)
        problems += scan.locate_findings(text, findings)
        if obj is None:
            tally.unused.add(rel)
        else:
            loaded.append((rel, PurePosixPath(rel).stem, obj, text))
    return loaded, len(rels)


def config_files(root: Path) -> list[Path]:
    """Every file a case check may depend on besides the case itself: all of org/ and
    policy/ (the single files named even when missing)."""
    singles = [root / rel for rel, _ in SINGLE_FILES.values()]
    return (
        singles + store.regular_yaml_files(root, "org") + store.regular_yaml_files(root, "policy")
    )


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
    receptions: list[Reception]  # the valid entries of every usable file, in file order
    entries: list[FrontlineEntry]
    files: int
    # the usable reception files, for what else they hold (the rota: registerfiles.py)
    reception_files: list[tuple[str, Receptions]] = field(default_factory=list)


def check_leadership(
    source: store.Source,
    singles: dict[str, Any],
    case_of: Callable[[str], Case | None],
    *,
    whole: bool,
    as_of: dt.date | None,
    problems: list[Problem],
    tally: Tally | None = None,
) -> Leadership:
    """The reception and frontline files and the two leadership policies; their problems are
    appended to `problems`. `case_of` gives the models of the cases a reception names; with
    `whole` (all case files loaded) a case it cannot give does not exist. An entry with a
    problem is left out; the other entries of its file still count."""
    tally = tally if tally is not None else Tally()
    units = singles["units"].units if singles["units"] else {}
    leaders = singles["leaders"].leaders if singles["leaders"] else {}
    receptions, reception_files = load_folder(
        source, RECEPTIONS_DIR, Receptions, problems, name="receptions", tally=tally
    )
    ledgers, ledger_files = load_folder(
        source, FRONTLINE_DIR, FrontlineLedger, problems, name="entries", tally=tally
    )
    named = {c for *_, e, _ in receptions for r in e.obj.receptions for c in r.cases}
    cases = {case_id: case for case_id in named if (case := case_of(case_id)) is not None}
    ids = set(cases) if whole else None
    kept_receptions: list[Reception] = []
    for rel, stem, loaded, text in receptions:
        found = leadership_checks.check_receptions(
            rel, stem, loaded.obj, leaders=leaders, units=units, cases=cases, case_ids=ids,
            as_of=as_of,
        )  # fmt: skip
        kept_receptions += _keep(
            rel, loaded, found, "receptions", text, problems=problems, tally=tally
        )
    kept_entries: list[FrontlineEntry] = []
    for rel, stem, loaded, text in ledgers:
        found = leadership_checks.check_ledger(
            rel, stem, loaded.obj, leaders=leaders, units=units, as_of=as_of
        )
        kept_entries += _keep(rel, loaded, found, "entries", text, problems=problems, tally=tally)
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
    usable = [(rel, loaded.obj) for rel, _, loaded, _ in receptions if rel not in tally.unused]
    return Leadership(kept_receptions, kept_entries, reception_files + ledger_files, usable)


def _keep(
    rel: str, loaded: Entries, found: list[Finding], name: str, text: str, *,
    problems: list[Problem], tally: Tally,
) -> list[Any]:  # fmt: skip
    """The entries of a file that have no problem; the file's problems are appended."""
    found = [loaded.original(f, name) for f in found]
    problems += scan.locate_findings(text, found)
    if not loaded.drop(found, name):
        tally.unused.add(rel)
        return []
    tally.leave_out(rel, loaded.bad)
    kept = loaded.kept or []
    items = getattr(loaded.obj, name)
    return [item for i, item in zip(kept, items, strict=True) if i not in loaded.bad]
