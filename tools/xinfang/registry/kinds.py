"""What a registry file is, by its path: `xinfang validate PATH` checks each file with the
model its place calls for, and never reads an org or policy file as a case."""

from __future__ import annotations

from xinfang.registry import orgfiles
from xinfang.registry.orgfiles import SINGLE_FILES
from xinfang.rules.problems import Problem

SINGLE_PATHS = {rel for rel, _ in SINGLE_FILES.values()}
# What a file under org/ or policy/ is, by where it is (see `kind_of`).
FOLDER_KINDS = {
    orgfiles.CALENDAR_DIR: "节假日安排",
    orgfiles.ACTIONS_DIR: "工作措施记录",
    orgfiles.RECEPTIONS_DIR: "接访日",
    orgfiles.FRONTLINE_DIR: "一线工作台账",
}


def kind_of(rel: str) -> str | None:
    """What a file is by its path: "案件" outside org/ and policy/, the name of an org or
    policy file's kind inside them, None for a file that has no place there."""
    if not rel.startswith(("org/", "policy/")):
        return "案件"
    if rel in SINGLE_PATHS:
        return rel
    folder = rel.rsplit("/", 1)[0]
    return FOLDER_KINDS.get(folder)


def cases_among(rels: list[str]) -> list[str]:
    return [rel for rel in rels if kind_of(rel) == "案件"]


def unknown_kind(rel: str) -> Problem:
    places = "、".join([*sorted(SINGLE_PATHS), *(f"{d}/" for d in FOLDER_KINDS)])
    return Problem(
        rel, 0, 0, "", f"不是登记库的文件：org/ 和 policy/ 下只有这些文件和目录：{places}"
    )
