"""Case models built in code from (type, date) pairs, for the pure deadline tests, and the
repository's own deadline policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from xinfang.models import Case, DeadlinePolicy

D = dt.date.fromisoformat
ROOT = Path(__file__).resolve().parents[1]

# The fields an event of each type must carry, filled in when a test does not care.
EXTRA: dict[str, dict[str, Any]] = {
    "transferred": {"to": "housing-bureau"},
    "rejected": {"reason": "不属于信访事项"},
    "objected": {"reason": "不属于本单位职权范围"},
    "extended": {"days": 30, "approval": "局长批准"},
    "rated": {"rating": "satisfied"},
    "progress": {"note": "本周入户走访"},
    "closed": {"how": "resolved"},
}


def load_policy() -> DeadlinePolicy:
    text = (ROOT / "policy" / "deadlines.yaml").read_text(encoding="utf-8")
    return DeadlinePolicy.model_validate(YAML(typ="safe").load(text))


def make_case(
    *events: tuple[Any, ...],
    kind: str = "request",
    leader: str | None = None,
    case_id: str = "XF-2026-0001",
    **fields: Any,
) -> Case:
    """Events as (type, "YYYY-MM-DD") or (type, "YYYY-MM-DD", {field: value}); the first
    event's date is the registration date. `fields` override the case's other fields."""
    built = [
        {"type": t, "date": D(d), **EXTRA.get(t, {}), **(rest[0] if rest else {})}
        for t, d, *rest in events
    ]
    return Case.model_validate(
        {
            "id": case_id,
            "title": "测试事项",
            "received": built[0]["date"],
            "channel": "letter",
            "kind": kind,
            "category": "land-acquisition",
            "unit": "housing-bureau",
            "leader": leader,
            "events": built,
            **fields,
        }
    )
