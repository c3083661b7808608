"""Checking case files one by one: the hot path of every command.

Each file is read, parsed with the C safe loader, validated and checked on its own; its
problems are located at once (the text is at hand) and the valid case is kept as JSON for
the cache. Large batches are spread over worker processes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.models import ACTION_KINDS, EVENT_TYPES, Case, Category, DeadlinePolicy, Leader, Unit
from xinfang.models.leadership import OwnershipPolicy
from xinfang.registry import store, workers
from xinfang.rules import checks, ownership
from xinfang.rules.problems import Finding, Problem, format_loc

PARALLEL_FROM = 800  # below this many files a second process costs more than it saves
CHUNK = 250


@dataclass(frozen=True)
class Context:
    """What a per-file check needs to know about the rest of the registry."""

    units: dict[str, Unit]
    leaders: dict[str, Leader]
    categories: dict[str, Category]
    max_extension: int
    ownership: OwnershipPolicy | None = None
    # The weekly-report clock and the calendar, to summarise it per owned case (see `weekly`)
    weekly: DeadlinePolicy | None = None
    calendar: OfficialCalendar | None = None
    # Every deadline rule, to check that an extension came before the due date it extends
    deadlines: DeadlinePolicy | None = None


# Not frozen (nothing assigns to one; it is hashable all the same): a frozen dataclass's
# __init__ costs six times as much, and a run makes 100,000 of them from the cache.
@dataclass(slots=True, unsafe_hash=True)
class FileResult:
    """Everything the registry keeps about one case file; cacheable as plain values."""

    rel: str
    sha: str
    case_id: str | None
    repeat_of: str | None
    problems: tuple[Problem, ...]
    # The case as JSON when it validated (case_id is set). A result taken from the cache
    # has None here and `span`, its place in the cache's JSON file, instead.
    case_json: bytes | None
    span: tuple[int, int] | None = None
    leader: str | None = None  # the case's owner (包案领导), for the weekly-report check
    # 包案 rules broken by an otherwise valid case: reported, but the case stays in the registry
    rule_problems: tuple[Problem, ...] = ()
    # The weekly-report clock of an owned case with every event counted, as plain values:
    # (start, start event, due, done, last event date). For any as-of date on or after the
    # last event it is the clock itself, so `validate` needs no case model to check it.
    weekly: tuple | None = None
    # The latest date in the case (YYYY-MM-DD): whether a date lies after the as-of date is
    # asked of every run, outside the cache, without the case model (loader.py).
    latest: str | None = None

    def as_tuple(self) -> tuple:
        return (
            self.rel,
            self.sha,
            self.case_id,
            self.repeat_of,
            plain(self.problems),
            self.case_json,
            self.leader,
            plain(self.rule_problems),
            self.weekly,
            self.latest,
        )

    @classmethod
    def from_tuple(cls, t: tuple) -> FileResult:
        rel, sha, case_id, repeat_of, problems, case_json, leader, rules, weekly, latest = t
        return cls(
            rel,
            sha,
            case_id,
            repeat_of,
            unplain(problems),
            case_json,
            None,
            leader,
            unplain(rules),
            weekly,
            latest,
        )


def plain(problems: Iterable[Problem]) -> tuple:
    """Problems as plain tuples, for the cache and the pipe from worker processes."""
    return tuple((p.path, p.line, p.column, p.field, p.message) for p in problems)


def unplain(rows: Iterable[tuple]) -> tuple[Problem, ...]:
    return tuple(Problem(*p) for p in rows)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def locate_findings(text: str | None, findings: Iterable[Finding]) -> list[Problem]:
    """Findings of one file → located problems (re-parsing the text once, round-trip)."""
    findings = list(findings)
    if not findings:
        return []
    # A top-level key (leader:, unit:) is found by reading lines; the round-trip parse it
    # saves is the slow part of reporting, say, a hundred late weekly reports.
    quick = [
        store.locate_top_level(text, f.loc[0], at_key=f.at_key)
        if text and len(f.loc) == 1 and isinstance(f.loc[0], str)
        else None
        for f in findings
    ]
    tree = None
    if text and None in quick:
        tree = store.positions_tree(text)
    return [
        Problem(
            f.path,
            *(at or store.locate_in(tree, f.loc, at_key=f.at_key)),
            field_name(f),
            f.message,
        )
        for f, at in zip(findings, quick, strict=True)
    ]


def field_name(finding: Finding) -> str:
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


def check_file(source: store.Source, rel: str, context: Context) -> tuple[FileResult, Case | None]:
    """Read, parse and check one case file."""
    try:
        raw = source.read_bytes(rel)
        sha = digest(raw)
        text = store.decode(raw, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        return FileResult(rel, "", None, None, (exc.problem,), None), None
    case, findings = checks.check_case(
        data,
        rel,
        max_extension=context.max_extension,
        deadlines=context.deadlines,
        calendar=context.calendar,
    )
    if case is not None:
        findings += checks.check_references(
            rel,
            case,
            units=context.units,
            leaders=context.leaders,
            categories=context.categories,
        )
    rules = []
    if case is not None and context.ownership is not None:
        rules = [
            Finding(rel, (issue.field,), issue.message)
            for issue in ownership.ownership_issues(case, context.leaders, context.ownership)
        ]
    located = locate_findings(text, [*findings, *rules])
    problems = tuple(sorted(located[: len(findings)]))
    rule_problems = tuple(sorted(located[len(findings) :]))
    if case is None:
        return FileResult(rel, sha, None, None, problems, None), None
    dumped = case.model_dump_json().encode()
    result = FileResult(
        rel,
        sha,
        case.id,
        case.repeat_of,
        problems,
        dumped,
        None,
        case.leader,
        rule_problems,
        weekly_summary(case, context),
        max(case.received, *(e.date for e in case.events)).isoformat(),
    )
    return result, case


def weekly_summary(case: Case, context: Context) -> tuple | None:
    if not case.leader or context.weekly is None or context.calendar is None:
        return None
    last = max(e.date for e in case.events)
    clock = ownership.progress_clock(case, context.weekly, context.calendar, as_of=last)
    if clock is None:
        return None
    done = clock.done.isoformat() if clock.done else None
    return (
        clock.start.isoformat(),
        clock.start_event,
        clock.due.isoformat(),
        done,
        last.isoformat(),
    )


# ---------------------------------------------------------------- in parallel


def check_files(
    source: store.Source,
    rels: Sequence[str],
    context: Context,
    *,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[FileResult, Case | None]]:
    """Check many files, in worker processes when there are enough of them.

    Results from workers carry the case as JSON only (cheaper to send than the model); the
    caller turns the JSON back into models in one batch when it needs them. A worker that
    dies (a crash in a C extension, a kill) costs only the file it was checking, which is
    reported as that file's problem; the run goes on with the rest.
    """
    jobs = jobs or min(os.cpu_count() or 1, 4)
    if (
        jobs < 2
        or len(rels) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        for rel in rels:
            yield check_file(source, rel, context)
            if progress:
                progress(1)
        return
    for row in workers.run(
        lambda rel: check_file(source, rel, context)[0].as_tuple(),
        list(rels),
        jobs=jobs,
        chunk=CHUNK,
        on_death=lambda rel, why: died_result(rel, why).as_tuple(),
        progress=progress,
    ):
        yield FileResult.from_tuple(row), None


def died_result(rel: str, why: str) -> FileResult:
    message = f"检查此文件时工作进程意外退出（{why}），文件可能是恶意构造的，请检查其内容"
    return FileResult(rel, "", None, None, (Problem(rel, 1, 1, "", message),), None)
