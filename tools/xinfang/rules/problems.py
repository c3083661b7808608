"""The one currency of validation: a problem at a file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass

Loc = tuple[str | int, ...]


ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A located problem. `line` and `column` are 1-based; 0 means the whole file.

    `level` is "error" for data that breaks the registry's contract, "warning" for valid
    data that breaks a working rule (包案): reported alike, but only errors fail validate.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        mark = "提醒：" if self.level == WARNING else ""
        return f"{self.path}:{self.line}:{self.column}: {field}{mark}{self.message}"


@dataclass(frozen=True)
class Finding:
    """A problem known by its place in the data (a pydantic-style loc), not yet by its line.

    Locating needs the round-trip parse, which is slow; it is done only for files that have
    findings. `at_key` points at the key itself (an unknown key) rather than at its value.
    """

    path: str
    loc: Loc
    message: str
    at_key: bool = False


def format_loc(loc: Loc) -> str:
    """('events', 2, 'date') -> 'events[2].date'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
