"""A unit as people write it: its key, full name (县住房和城乡建设局) or short name (县住建局)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from xinfang.models.org import Unit


def resolve_unit(units: Mapping[str, Unit], text: str) -> str | None:
    """The key of the unit whose key, full name or short name is `text`, else None."""
    wanted = text.strip()
    if wanted in units:
        return wanted
    for key, unit in units.items():
        if wanted in (unit.name, unit.short):
            return key
    return None


def similar_units(units: Mapping[str, Unit], text: str, *, limit: int = 3) -> list[str]:
    """Names of the units closest to `text`, for a did-you-mean; short names first."""
    names = {key: unit.short or unit.name for key, unit in units.items()}
    spellings = {s: key for key, unit in units.items() for s in (key, unit.name, unit.short) if s}
    close = difflib.get_close_matches(text.strip(), list(spellings), n=limit * 3, cutoff=0.7)
    found: list[str] = []
    for spelling in close:
        name = names[spellings[spelling]]
        if name not in found:
            found.append(name)
    return found[:limit]
