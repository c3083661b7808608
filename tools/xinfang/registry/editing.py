"""Creating a case and appending an event, the way a staff member would by hand.

Both go through the round-trip loader (comments, quotes and key order survive), are checked
before anything is written, and write atomically; a new file never replaces an existing one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xinfang.models.common import CASE_ID_RE
from xinfang.registry import store
from xinfang.registry.loader import CASES_DIR
from xinfang.rules import checks
from xinfang.rules.problems import Finding, format_loc

MODELINE = "# yaml-language-server: $schema=../../schema/case.schema.json\n"
# Optional event fields, in the order they are written after date and type.
EVENT_FIELDS = ("to", "reason", "days", "approval", "rating", "how", "note")


class EditError(Exception):
    """Refused: the message (Chinese) says why; nothing was written."""


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


def create_case(root: Path, fields: dict[str, Any]) -> Path:
    """Write a new case file with the next free id; `fields` in file order, without `id`."""
    received: dt.date = fields["received"]
    case_id = next_case_id(root, received.year)
    data = store.CommentedMap([("id", case_id), *fields.items()])
    data["events"] = store.CommentedSeq(
        [store.flow_map([("date", received), ("type", "received")])]
    )
    text = MODELINE + store.dump_text(data)
    rel = f"{CASES_DIR}/{received.year}/{case_id}.yaml"
    _, findings = checks.check_case(store.parse_text(text, rel), rel)
    _refuse(findings, "新案件")
    path = root / rel
    try:
        store.write_new(path, text)
    except FileExistsError:
        raise EditError(f"{rel} 已存在，未覆盖；请重试") from None
    return path


def append_event(root: Path, case_id: str, event: dict[str, Any]) -> Path:
    """Append one event (date, type, then its fields) to a case file."""
    path = case_path(root, case_id)
    if not path.is_file():
        raise EditError(f"找不到案件 {case_id}（{store.relative(path, root)}）")
    rel = store.relative(path, root)
    try:
        original = store.read_text(path, rel)
        store.parse_text(original, rel)
    except store.FileProblem as exc:
        raise EditError(f"案件文件本身有问题，请先修正：{exc.problem}") from None
    tree = store.load_text_for_edit(original)
    events = tree.get("events")
    if not isinstance(events, list):
        raise EditError(f"{rel} 没有 events 列表，请先修正文件")
    items = [("date", event["date"]), ("type", event["type"])]
    items += [(k, event[k]) for k in EVENT_FIELDS if event.get(k) is not None]
    flow = not events or getattr(getattr(events[-1], "fa", None), "flow_style", lambda: True)()
    new = store.flow_map(items) if flow else store.CommentedMap(items)
    events.append(new)
    text = store.dump_text(tree)
    if original.startswith("\ufeff"):
        text = "\ufeff" + text
    _, findings = checks.check_case(store.parse_text(text, rel), rel)
    index = len(events) - 1
    _refuse([f for f in findings if f.loc[:2] == ("events", index)], "事件")
    store.replace_file(path, text, expected=original)
    return path
