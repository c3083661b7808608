"""What a load left out, and why: nothing is dropped without saying so.

Two things live here. `collapse_blocked` turns the errors that a broken org or policy file
causes in other files (a unit key that exists in org/units.yaml but whose entry is invalid)
into one summary line per broken file, so that one typo does not bury the real problems
under a thousand copies. `Omissions` is the list of files (or entries of files) that are
not in a `Registry`, with the sentences every report prints about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from xinfang.rules.problems import ERROR, Problem

# Org/policy files whose keys other files refer to, and what a key of each names.
KEYED_FILES = {
    "org/units.yaml": "单位",
    "org/leaders.yaml": "领导",
    "policy/categories.yaml": "分类",
}
# The messages of the reference checks: "单位 KEY 不在 org/units.yaml 中", "乡镇 KEY 不在…",
# "KEY 不在 org/units.yaml 中；…" (a ledger's place of work), anything after them.
_REFERENCE = re.compile(
    r"^(?:\S+ )?(?P<key>[^\s；]+) 不在 (?P<file>" + "|".join(map(re.escape, KEYED_FILES)) + ") 中"
)
CASES_PREFIX = "cases/"
SHOWN = 5  # file names printed in one line before "等"


def collapse_blocked(
    problems: Iterable[Problem], broken: Mapping[str, set[str] | None]
) -> tuple[list[Problem], dict[str, list[str]]]:
    """Problems with every reference to a broken key of a keyed file (`broken`: file →
    keys whose entries are invalid, or None when the whole file is unusable) replaced by
    one summary problem per broken file; and, per broken file, the files it blocked."""
    kept: list[Problem] = []
    blocked: dict[str, set[str]] = {}
    for p in problems:
        match = _REFERENCE.match(p.message)
        cause = match["file"] if match else None
        if match and cause in broken and p.path != cause:
            keys = broken[cause]
            if keys is None or match["key"] in keys:
                blocked.setdefault(cause, set()).add(p.path)
                continue
        kept.append(p)
    out = {cause: sorted(paths) for cause, paths in blocked.items()}
    kept += [
        Problem(cause, 0, 0, "", blocked_message(cause, paths)) for cause, paths in out.items()
    ]
    return kept, out


def blocked_message(cause: str, paths: list[str]) -> str:
    what = KEYED_FILES[cause]
    cases = [p for p in paths if p.startswith(CASES_PREFIX)]
    others = [p for p in paths if not p.startswith(CASES_PREFIX)]
    parts = []
    if cases:
        parts.append(f"{len(cases)} 件案件因 {cause} 出错而无法检查{what}（{_names(cases)}）")
    if others:
        parts.append(
            f"{len(others)} 个文件的条目因 {cause} 出错而无法检查{what}（{_names(others)}）"
        )
    return "；".join(parts)


def _names(paths: list[str]) -> str:
    shown = "、".join(paths[:SHOWN])
    return shown + (f" 等 {len(paths)} 个" if len(paths) > SHOWN else "")


@dataclass(frozen=True, order=True)
class LeftOut:
    """A file not (or not wholly) in the registry."""

    path: str
    entries: int = 0  # 0: the whole file; otherwise how many of its entries are left out
    cause: str = ""  # the org/policy file whose error kept it from being checked
    used: bool = False  # has errors, yet its content is used as it is (a policy file)

    @property
    def reason(self) -> str:
        because = f"因 {self.cause} 出错无法检查{KEYED_FILES[self.cause]}，" if self.cause else ""
        if self.used:
            return f"{because or '有错误，'}仍按其内容计算"
        if self.entries:
            return f"{because}{self.entries} 条有错误的条目未计入"
        return f"{because or '文件有错误，'}未计入"


def left_out(
    problems: Iterable[Problem],
    *,
    cases: Iterable[str],
    blocked: Mapping[str, list[str]],
    entries: Mapping[str, set],
    unused: set[str],
) -> Omissions:
    """What a registry leaves out, from the load's errors (after `collapse_blocked`), the
    case files it read, the files each broken keyed file blocked, and the entries and whole
    files the org/policy loaders left out."""
    errors = {p.path for p in problems if p.level == ERROR}
    case_set = set(cases)
    blocked_by = {path: cause for cause, paths in blocked.items() for path in paths}
    partly = {rel for rel, bad in entries.items() if bad}
    items = []
    # The keyed org files first: their errors are often the cause of the others.
    for path in sorted(errors | set(blocked_by) | unused | partly, key=_keyed_first):
        cause = blocked_by.get(path, "")
        if path in case_set:
            items.append(LeftOut(path) if path in errors else LeftOut(path, cause=cause))
        elif path in unused:
            items.append(LeftOut(path))
        elif path in partly:
            items.append(LeftOut(path, entries=len(entries[path]), cause=cause))
        else:
            items.append(LeftOut(path, cause=cause, used=True))
    return Omissions(tuple(items))


def _keyed_first(path: str) -> tuple[bool, str]:
    return path not in KEYED_FILES, path


@dataclass(frozen=True)
class Omissions:
    """Everything a registry leaves out; empty when every file is in."""

    items: tuple[LeftOut, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def paths(self) -> list[str]:
        return [i.path for i in self.items]

    def line(self) -> str:
        """One sentence for the top of a report (empty when nothing is left out)."""
        if not self.items:
            return ""
        whole = [i.path for i in self.items if not (i.entries or i.cause or i.used)]
        parts = []
        if whole:
            parts.append(f"{len(whole)} 个文件有错误，未计入：{_names(whole)}")
        partial = [f"{i.path}（{i.entries} 条）" for i in self.items if i.entries]
        if partial:
            parts.append(f"部分条目有错误，未计入：{_names(partial)}")
        causes: dict[str, list[str]] = {}
        for i in self.items:
            if i.cause and not (i.entries or i.used):
                causes.setdefault(i.cause, []).append(i.path)
        for cause, paths in causes.items():
            parts.append(blocked_message(cause, paths) + "，未计入")
        used = [i.path for i in self.items if i.used]
        if used:
            parts.append(f"有错误但仍按其内容计算：{_names(used)}")
        return "注意：" + "；".join(parts) + "。运行 xinfang validate 查看详情。"

    def as_json(self) -> list[dict]:
        """The `left_out` field of the JSON reports: one object per file."""
        return [{"path": i.path, "reason": i.reason} for i in self.items]

    def markdown(self, limit: int = 50) -> str:
        """A block for the top of a Markdown report: each file on a line (at most `limit`),
        the cases a broken org file blocked on one line per org file."""
        if not self.items:
            return ""
        own = [i for i in self.items if not i.cause or i.entries or i.used]
        lines = [
            f"> [!WARNING]\n> **有 {len(self.items)} 个文件因错误未计入或未完全计入**，"
            "以下数字可能偏少。请运行 `xinfang validate` 查看并修正："
        ]
        lines += [f"> - `{i.path}`：{i.reason}" for i in own[:limit]]
        if len(own) > limit:
            lines.append(f"> - ……另有 {len(own) - limit} 个文件")
        causes: dict[str, list[str]] = {}
        for i in self.items:
            if i not in own:
                causes.setdefault(i.cause, []).append(i.path)
        for cause, paths in causes.items():
            lines.append(f"> - {blocked_message(cause, paths)}，未计入")
        return "\n".join(lines) + "\n"
