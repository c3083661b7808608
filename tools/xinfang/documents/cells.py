"""What clerks type into ledger cells, read as registry values. Pure.

Each reader returns the value or raises CellError with a Chinese explanation; an empty cell
is None. Dates come as date cells or as 2026-11-03, 2026/11/3, 2026.11.3 or 2026年11月3日.
Enumerations, units, categories and leaders are accepted by key, Chinese name or short name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from xinfang.models import Channel, Kind, Level, Priority, Rating, Supervision

__all__ = ["CellError", "read_bool", "read_choice", "read_date", "read_int", "read_text"]


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: object) -> str | None:
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_date(value: object) -> dt.date | None:
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    match = _DATE_RE.match(text)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            raise CellError(f"“{text}”不是存在的日期") from None
    raise CellError(f"“{text}”不是日期，应写成 2026-11-03、2026/11/3 或 2026年11月3日")


def read_int(value: object) -> int | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().removesuffix("人")
    if text.isdigit():
        return int(text)
    raise CellError(f"“{value}”不是整数")


_TRUE = {"是", "y", "yes", "true", "1", "√", "初信", "初访"}
_FALSE = {"否", "n", "no", "false", "0", "×"}


def read_bool(value: object) -> bool | None:
    text = read_text(value)
    if text is None:
        return None
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise CellError(f"“{text}”应为 是 或 否")


def _enum_names(enum, extra: Mapping[str, str] = {}) -> dict[str, str]:  # noqa: ANN001, B006
    names = {m.value: m.value for m in enum}
    names |= {m.label: m.value for m in enum}
    names |= {m.label.removesuffix("类"): m.value for m in enum}
    return names | dict(extra)


# Names a ledger uses for each enumeration, beside the keys and the labels.
CHOICES: dict[str, dict[str, str]] = {
    "channel": _enum_names(Channel, {"信": "letter", "访": "visit", "网": "online", "电": "phone"}),
    "kind": _enum_names(Kind),
    "visited_level": _enum_names(
        Level, {"到市": "city", "赴省": "province", "到省": "province", "赴京": "national"}
    ),
    "supervision": _enum_names(Supervision),
    "priority": _enum_names(Priority, {"红": "red", "黄": "yellow", "蓝": "blue"}),
    "rating": _enum_names(Rating),
}


def read_choice(value: object, names: Mapping[str, str], what: str) -> str | None:
    """The key that `value` names in `names` (keys, names and short names → key)."""
    text = read_text(value)
    if text is None:
        return None
    key = names.get(text) or names.get(text.lower())
    if key is None:
        shown = "、".join(list(dict.fromkeys(k for k in names if not k.isascii()))[:8])
        raise CellError(f"不认识的{what}“{text}”" + (f"，可用：{shown}" if shown else ""))
    return key
