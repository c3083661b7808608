"""The office's document files: a clerk's ledger read in, a built document written out.

Reading: .xlsx through python-calamine (fast, and gives date cells as dates); .csv as UTF-8
(with or without BOM) or, failing that, GB18030, which is what WPS and older Excel save in
China. Writing: atomically, so that a half-written ledger never sits where a clerk expects
the finished one.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xinfang.models.ledger import LedgerPolicy
from xinfang.registry import store
from xinfang.rules import checks
from xinfang.rules.problems import Problem

LEDGER_POLICY = "policy/ledger.yaml"
TABLE_SUFFIXES = (".xlsx", ".csv")
MAX_TABLE_BYTES = 50 << 20


class DocumentFileError(Exception):
    """A document that cannot be read or written; the message (Chinese) says why."""


@dataclass(frozen=True)
class Table:
    """The first sheet of a ledger: rows of cells (str, int, float, date, datetime, None)."""

    name: str  # as the user named the file, for messages
    rows: list[list[object]]


def read_table(path: Path) -> Table:
    name = path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise DocumentFileError(f"{name}: 只能导入 .xlsx 或 .csv 文件")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentFileError(f"{name}: 无法读取文件：{exc.strerror}") from None
    if size > MAX_TABLE_BYTES:
        raise DocumentFileError(f"{name}: 文件过大（{size} 字节），请拆分后导入")
    if suffix == ".csv":
        return Table(name, _read_csv(path.read_bytes(), name))
    return Table(name, _read_xlsx(path, name))


def _read_csv(raw: bytes, name: str) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DocumentFileError(f"{name}: 无法识别文件编码，请另存为 UTF-8 的 CSV")
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def _read_xlsx(path: Path, name: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return [list(row) for row in workbook.get_sheet_by_index(0).to_python()]
    except Exception as exc:  # noqa: BLE001  (calamine raises its own error types)
        raise DocumentFileError(f"{name}: 无法作为 Excel 工作簿读取（{exc}）") from None


def load_ledger_policy(root: Path) -> LedgerPolicy:
    """policy/ledger.yaml as a model, or DocumentFileError naming each problem."""
    rel = LEDGER_POLICY
    try:
        text = store.read_text(root / rel, rel)
        data = store.parse_text(text, rel)
    except store.FileProblem as exc:
        raise DocumentFileError(str(exc.problem)) from None
    policy, findings = checks.validate_model(LedgerPolicy, data, rel)
    if policy is None:
        located = []
        for f in findings:
            line, col = store.locate(text, f.loc, at_key=f.at_key)
            located.append(str(Problem(rel, line, col, ".".join(map(str, f.loc)), f.message)))
        raise DocumentFileError("\n".join(located))
    return policy


def write_document(path: Path, data: bytes) -> None:
    """Write a built document atomically (a temporary file beside it, then rename)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DocumentFileError(f"{path.as_posix()}: 目录 {folder.as_posix()} 不存在")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise DocumentFileError(f"{path.as_posix()}: 无法写入：{exc.strerror}") from None
