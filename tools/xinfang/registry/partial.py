"""Validating a file entry by entry: one bad unit, leader or ledger line is reported at its
line and left out, and the file's other entries still count.

A file such as org/units.yaml is a mapping of entries under one field (`units`), a ledger a
list (`entries`). When the whole file does not validate only because of some entries, the
file is validated again without them. Findings keep the entries' places in the file as
written; `Entries.original` maps the places in the reduced model back to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from xinfang.rules import checks
from xinfang.rules.problems import Finding

M = TypeVar("M", bound=BaseModel)


@dataclass
class Entries(Generic[M]):
    """A file validated entry by entry."""

    obj: M | None  # the file without its bad entries; None when the file itself is unusable
    findings: list[Finding]
    bad: set[Any] = field(default_factory=set)  # keys (mapping) or indices (list) left out
    kept: list[int] | None = None  # for a list: original index of each entry in `obj`

    def original(self, finding: Finding, name: str) -> Finding:
        """A finding about the reduced model, with the entry's index as in the file."""
        loc = finding.loc
        if self.kept is None or len(loc) < 2 or loc[0] != name or not isinstance(loc[1], int):
            return finding
        return Finding(finding.path, (name, self.kept[loc[1]], *loc[2:]), finding.message)

    def drop(self, findings: list[Finding], name: str) -> bool:
        """Leave out the entries these findings (in the file's places) are about; False when
        one of them is about the file as a whole, which then cannot be used."""
        for f in findings:
            if len(f.loc) < 2 or f.loc[0] != name:
                return False
            self.bad.add(f.loc[1])
        return True


def entry_of(finding: Finding, name: str) -> Any | None:
    """The key or index of the entry a finding is about (None: about the whole file)."""
    loc = finding.loc
    return loc[1] if len(loc) >= 2 and loc[0] == name else None


def validate_entries(model: type[M], data: Any, rel: str, name: str) -> Entries[M]:
    """Validate `data` as `model`; if only entries under `name` are bad, validate the rest."""
    obj, findings = checks.validate_model(model, data, rel)
    if obj is not None:
        return Entries(obj, findings, kept=_all(obj, name))
    bad = {entry_of(f, name) for f in findings}
    if None in bad or not isinstance(data, dict):
        return Entries(None, findings)
    items = data.get(name)
    if isinstance(items, dict):
        rest = {**data, name: {k: v for k, v in items.items() if k not in bad}}
        kept = None
    elif isinstance(items, list):
        kept = [i for i in range(len(items)) if i not in bad]
        rest = {**data, name: [items[i] for i in kept]}
    else:
        return Entries(None, findings)
    obj, _ = checks.validate_model(model, rest, rel)
    if obj is None:  # no entry left where at least one is required: the file is unusable
        return Entries(None, findings)
    return Entries(obj, findings, bad, kept)


def _all(obj: BaseModel, name: str) -> list[int] | None:
    items = getattr(obj, name, None)
    return list(range(len(items))) if isinstance(items, list) else None
