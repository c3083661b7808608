"""The three registers kept beside the cases, and their policies: the risk-screening reports
(org/screening/<year>-<month>.yaml, policy/screening.yaml), the reception rota (the `rota:`
of org/receptions/<year>.yaml, policy/rota.yaml) and the spot checks of first petitions
(org/spotchecks/<year>.yaml, policy/spotcheck.yaml).

The three policies are optional: a registry without them simply keeps no such register.
A register's files without their policy are a problem, since nothing says how to judge them.
Like `orgfiles`: every located problem is appended to the list given; a file with an error
is left out of what is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from xinfang.models import Case
from xinfang.models.leadership import Receptions, RotaDuty, RotaPolicy
from xinfang.models.screening import (
    ScreenedMatter,
    ScreeningLedger,
    ScreeningPolicy,
    ScreeningReport,
)
from xinfang.models.spotcheck import SpotCheck, SpotCheckLog, SpotCheckPolicy
from xinfang.registry import scan, store
from xinfang.registry.orgfiles import (
    RECEPTIONS_DIR,
    Tally,
    load_single,
    load_whole_folder,
    locate_cross_file,
)
from xinfang.rules import checks as checks_
from xinfang.rules import register_checks
from xinfang.rules.problems import Problem

SCREENING_DIR = "org/screening"
SPOTCHECK_DIR = "org/spotchecks"
# attribute → (path, model, the folder whose files need it)
POLICIES: dict[str, tuple[str, type[BaseModel], str]] = {
    "screening_policy": ("policy/screening.yaml", ScreeningPolicy, SCREENING_DIR),
    "rota_policy": ("policy/rota.yaml", RotaPolicy, RECEPTIONS_DIR),
    "spotcheck_policy": ("policy/spotcheck.yaml", SpotCheckPolicy, SPOTCHECK_DIR),
}


@dataclass
class Registers:
    """Every valid register file, as models."""

    screening_policy: ScreeningPolicy | None = None
    rota_policy: RotaPolicy | None = None
    spotcheck_policy: SpotCheckPolicy | None = None
    reports: list[ScreeningReport] = field(default_factory=list)  # by date, then unit
    matters: list[ScreenedMatter] = field(default_factory=list)  # by date found, then unit
    rota: list[RotaDuty] = field(default_factory=list)  # file order
    spotchecks: list[SpotCheck] = field(default_factory=list)  # by month, then unit, case
    files: int = 0


def load_registers(
    source: store.Source,
    singles: dict[str, Any],
    receptions: list[tuple[str, Receptions]],
    case_of: Callable[[str], Case | None],
    *,
    whole: bool,
    problems: list[Problem],
    tally: Tally | None = None,
) -> Registers:
    """Load and check the registers; `receptions` are the valid reception files (for their
    rota); `case_of` gives a case model, and with `whole` a case it cannot give is missing."""
    units = singles["units"].units if singles.get("units") else {}
    leaders = singles["leaders"].leaders if singles.get("leaders") else {}
    out = Registers()
    for name, (rel, model, folder) in POLICIES.items():
        if source.exists(rel):
            parsed = tally.parsed if tally is not None else None
            setattr(out, name, load_single(source, rel, model, problems, parsed=parsed))
            out.files += 1
        elif _needs_policy(source, folder, receptions):
            problems.append(
                Problem(rel, 0, 0, "", f"缺少文件：{folder}/ 下有登记，需要本文件规定检查的规则")
            )

    ledgers, count = load_whole_folder(source, SCREENING_DIR, ScreeningLedger, problems, tally)
    out.files += count
    for rel, stem, obj, text in ledgers:
        found = register_checks.check_screening(
            rel,
            stem,
            obj,
            units=units,
            case_exists=(lambda c: case_of(c) is not None) if whole else None,
        )
        problems += scan.locate_findings(text, found)
        if not found:
            out.reports += obj.reports
            out.matters += obj.matters
    out.reports.sort(key=lambda r: (r.date, r.unit))
    out.matters.sort(key=lambda m: (m.found, m.unit))

    for rel, obj in receptions:
        found = register_checks.check_rota(
            rel,
            PurePosixPath(rel).stem,
            obj.rota,
            leaders=leaders,
            units=units,
            policy=out.rota_policy,
        )
        problems += locate_cross_file(source, found)
        if not found:
            out.rota += obj.rota

    logs, count = load_whole_folder(source, SPOTCHECK_DIR, SpotCheckLog, problems, tally)
    out.files += count
    for rel, stem, obj, text in logs:
        found = register_checks.check_spotchecks(
            rel, stem, obj, units=units, case_of=case_of, whole=whole
        )
        problems += scan.locate_findings(text, found)
        if not found:
            out.spotchecks += obj.checks
    out.spotchecks.sort(key=lambda c: (c.month, c.unit, c.case))
    return out


def _needs_policy(source: store.Source, folder: str, receptions: list) -> bool:
    if folder == RECEPTIONS_DIR:
        return any(obj.rota for _, obj in receptions)
    return bool(source.yaml_files(folder))


# ---------------------------------------------------------------- writing the sample


class SampleError(Exception):
    """Refused: the message (Chinese) says why; nothing was written."""


SPOTCHECK_HEADER = (
    "# yaml-language-server: $schema=../../schema/spotchecks.schema.json\n"
    "# 初信初访抽查：由 xinfang spotcheck sample 抽取写入，抽查人员填写 verdict（ok 合格 /\n"
    "# problem 问题件）、checked、problem；问题件再填写 reviewed、accountable、rectification、\n"
    "# rectified。时限见 policy/spotcheck.yaml。\n"
)


def append_spotchecks(root: Any, year: int, entries: list[dict[str, Any]]) -> str:
    """Append drawn entries to org/spotchecks/<year>.yaml, atomically and under the
    registry's edit lock, keeping the file's comments and existing entries; a month already
    drawn is refused. Returns the path."""
    try:
        with store.registry_lock(root):
            return _append_spotchecks(root, year, entries)
    except store.Busy:
        raise SampleError("文件正在被修改，请重试") from None


def _append_spotchecks(root: Any, year: int, entries: list[dict[str, Any]]) -> str:
    rel = f"{SPOTCHECK_DIR}/{year}.yaml"
    path = root / rel
    months = {e["month"] for e in entries}
    if path.exists():
        try:
            raw = store.read_bytes(path, rel)
            original = store.decode(raw, rel)
            store.parse_text(original, rel)
        except store.FileProblem as exc:
            raise SampleError(f"抽查文件本身有问题，请先修正：{exc.problem}") from None
        tree = store.load_text_for_edit(original)
        if tree is None:
            tree = store.CommentedMap()
        checks = tree.get("checks")
        if checks is None:
            checks = tree["checks"] = store.CommentedSeq()
        if not isinstance(checks, list):
            raise SampleError(f"{rel} 的 checks 不是列表，请先修正文件")
        drawn = {c.get("month") for c in checks if isinstance(c, dict)} & months
        if drawn:
            raise SampleError(f"{', '.join(sorted(drawn))} 已抽取过，未重复抽取（见 {rel}）")
    else:
        original, tree = None, store.CommentedMap([("checks", store.CommentedSeq())])
        checks = tree["checks"]
    for entry in entries:
        checks.append(store.flow_map(entry.items()))
    text = store.dump_text(tree)
    if original is None:
        text = SPOTCHECK_HEADER + text
    _, findings = checks_.validate_model(SpotCheckLog, store.parse_text(text, rel), rel)
    if findings:
        raise SampleError(
            "抽查记录未写入，因为：\n" + "\n".join(f"  {f.message}" for f in findings)
        )
    if original is None:
        store.write_new(path, text)
    else:
        store.replace_file(path, text.encode("utf-8"), expected=raw)
    return rel
