"""Creating a case and appending an event, the way a staff member would by hand.

Both hold the registry's edit lock around read-check-write, so two edits at once both land
(or the later one is told to retry); both check every key against the registry and the new
data against every rule (dates after the as-of date included) before anything is written,
and write atomically. A new file never replaces an existing one; an event is one inserted
line and every other byte of the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.models import (
    EVENT_TYPES,
    Category,
    ClosedHow,
    DeadlinePolicy,
    Leader,
    Rating,
    Unit,
    keys,
)
from xinfang.models.common import CASE_ID_RE
from xinfang.registry import orgfiles, store, textedit
from xinfang.registry.loader import CASES_DIR
from xinfang.rules import checks, dates
from xinfang.rules.problems import Finding, Problem, format_loc

MODELINE = "# yaml-language-server: $schema=../../schema/case.schema.json\n"
# Optional event fields, in the order they are written after date and type.
EVENT_FIELDS = ("to", "reason", "days", "approval", "rating", "how", "note")
BUSY = "文件正在被修改，请重试"


class EditError(Exception):
    """Refused: the message (Chinese) says why; nothing was written."""


class BadKey(EditError):
    """A key given on the command line that the registry does not know."""


@dataclass(frozen=True)
class Org:
    """What an edit is checked against: the org/ and policy/ files it needs."""

    units: dict[str, Unit]
    leaders: dict[str, Leader]
    categories: dict[str, Category]
    deadlines: DeadlinePolicy
    calendar: OfficialCalendar


def load_org(root: Path) -> Org:
    source = store.FileSource(root)
    problems: list[Problem] = []
    singles = {
        name: orgfiles.load_single(source, rel, model, problems)
        for name, (rel, model) in orgfiles.SINGLE_FILES.items()
        if name in ("units", "leaders", "categories", "deadlines")
    }
    calendars = orgfiles.load_calendars(source, problems)
    if problems or not all(singles.values()):
        listed = "\n".join(f"  {p}" for p in problems[:10])
        raise EditError(f"登记库的 org/ 或 policy/ 文件有问题，请先修正：\n{listed}")
    return Org(
        singles["units"].units,
        singles["leaders"].leaders,
        singles["categories"].categories,
        singles["deadlines"],
        OfficialCalendar(calendars),
    )


def _key(resolve: Any, text: str, *args: Any, **kwargs: Any) -> str:
    try:
        return resolve(text, *args, **kwargs)
    except keys.UnknownKey as exc:
        raise BadKey(str(exc)) from None


def case_path(root: Path, case_id: str) -> Path:
    match = CASE_ID_RE.match(case_id)
    if not match:
        raise EditError(f"案件编号 {case_id!r} 格式不正确，应形如 XF-2026-0137")
    return root / CASES_DIR / match.group(1) / f"{case_id}.yaml"


def next_case_id(root: Path, year: int) -> str:
    """The next free id of the year: one past the highest sequence under cases/<year>/."""
    highest = 0
    for path in store.iter_yaml_files(root, f"{CASES_DIR}/{year}"):
        match = CASE_ID_RE.match(path.stem)
        if match and int(match.group(1)) == year:
            highest = max(highest, int(match.group(2)))
    return f"XF-{year}-{highest + 1:04d}"


def _refuse(findings: list[Finding], what: str) -> None:
    if findings:
        lines = "\n".join(f"  {format_loc(f.loc) or '文件'}: {f.message}" for f in findings)
        raise EditError(f"{what}未写入，因为：\n{lines}")


def _check(data: Any, rel: str, org: Org, *, as_of: dt.date) -> list[Finding]:
    case, findings = checks.check_case(
        data, rel, deadlines=org.deadlines, calendar=org.calendar, **_max_extension(org)
    )
    if case is not None:
        findings += checks.check_references(
            rel, case, units=org.units, leaders=org.leaders, categories=org.categories
        )
        findings += dates.future_events(case, rel, as_of=as_of)
    return findings


def _max_extension(org: Org) -> dict[str, int]:
    handling = org.deadlines.clocks.get("handling")
    return {"max_extension": handling.max_extension if handling else 30}


def create_case(root: Path, fields: dict[str, Any], *, as_of: dt.date) -> Path:
    """Write a new case file with the next free id; `fields` in file order, without `id`.

    `unit`, `category` and `leader` may be given by key or by Chinese name.
    """
    org = load_org(root)
    fields = dict(fields)
    fields["unit"] = _key(keys.resolve_unit, fields["unit"], org.units)
    fields["category"] = _key(keys.resolve_category, fields["category"], org.categories)
    if fields.get("leader"):
        fields["leader"] = _key(keys.resolve_leader, fields["leader"], org.leaders)
    received: dt.date = fields["received"]
    try:
        with store.registry_lock(root):
            case_id = next_case_id(root, received.year)
            data = store.CommentedMap([("id", case_id), *fields.items()])
            data["events"] = store.CommentedSeq(
                [store.flow_map([("date", received), ("type", "received")])]
            )
            text = MODELINE + store.dump_text(data)
            rel = f"{CASES_DIR}/{received.year}/{case_id}.yaml"
            _refuse(_check(store.parse_text(text, rel), rel, org, as_of=as_of), "新案件")
            path = root / rel
            store.write_new(path, text)
    except store.Busy:
        raise EditError(BUSY) from None
    except FileExistsError:
        raise EditError(f"{rel} 已存在，未覆盖；请重试") from None
    except OSError as exc:
        raise EditError(f"无法写入新案件（{exc.strerror or exc}），未留下任何文件") from None
    return path


def resolve_event(event: dict[str, Any], org: Org) -> dict[str, Any]:
    """The event with its type, `to`, rating and how as keys (given by key or Chinese)."""
    event = dict(event)
    event["type"] = _key(keys.resolve_choice, event["type"], EVENT_TYPES, what="事件类型")
    if event.get("to"):
        event["to"] = _key(keys.resolve_unit, event["to"], org.units)
    if event.get("rating"):
        event["rating"] = _key(keys.resolve_choice, event["rating"], Rating.LABELS, what="评价")
    if event.get("how"):
        event["how"] = _key(keys.resolve_choice, event["how"], ClosedHow.LABELS, what="结案方式")
    return event


def append_event(
    root: Path, case_id: str, event: dict[str, Any], *, as_of: dt.date
) -> tuple[Path, str]:
    """Append one event (date, type, then its fields) to a case file as one inserted line;
    returns the file and the event as written."""
    path = case_path(root, case_id)
    rel = store.relative(path, root)
    org = load_org(root)
    event = resolve_event(event, org)
    items = {"date": event["date"], "type": event["type"]}
    items |= {k: event[k] for k in EVENT_FIELDS if event.get(k) is not None}
    try:
        with store.registry_lock(root):
            if not path.is_file():
                raise EditError(f"找不到案件 {case_id}（{rel}）")
            raw = store.read_bytes(path, rel)
            try:
                before = store.parse_text(store.decode(raw, rel), rel)
            except store.FileProblem as exc:
                raise EditError(f"案件文件本身有问题，请先修正：{exc.problem}") from None
            try:
                text = textedit.insert_event(raw.decode("utf-8"), items)
            except textedit.CannotInsert as exc:
                raise EditError(f"{rel}：{exc}") from None
            after = store.parse_text(store.decode(text.encode("utf-8"), rel), rel)
            if not _only_appended(before, after, items):
                raise EditError(f"{rel}：无法只插入一行而不改动其他内容，请手工追加事件")
            index = len(after["events"]) - 1
            findings = _check(after, rel, org, as_of=as_of)
            _refuse([f for f in findings if f.loc[:2] == ("events", index)], "事件")
            store.replace_file(path, text.encode("utf-8"), expected=raw)
    except store.Busy:
        raise EditError(BUSY) from None
    except store.FileProblem as exc:
        raise EditError(f"案件文件本身有问题，请先修正：{exc.problem}") from None
    except FileExistsError:
        raise EditError(BUSY) from None
    except OSError as exc:
        raise EditError(f"无法写入 {rel}（{exc.strerror or exc}），文件未改动") from None
    return path, textedit.render_flow_map(items)


def _only_appended(before: Any, after: Any, items: dict[str, Any]) -> bool:
    """The new data is the old with exactly this event added at the end of `events`."""
    if not isinstance(after, dict) or not isinstance(after.get("events"), list):
        return False
    expected = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in items.items()}
    rest_before = {k: v for k, v in before.items() if k != "events"}
    rest_after = {k: v for k, v in after.items() if k != "events"}
    return (
        rest_before == rest_after
        and after["events"][:-1] == before["events"]
        and after["events"][-1] == expected
    )
