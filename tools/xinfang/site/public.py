"""The case as the site may show it: free text masked, confidential cases cut to an allow-list.
Pure.

Every page builder reads cases through `CaseRow.case`, which `collect` fills with what
`PublicCases.shown` returns, never the case file itself. So a page cannot print what is not
there:

- an ordinary case keeps its fields, but its title, summary, notes, reasons and approvals
  have personal numbers masked (`privacy.mask_numbers`) and personal names masked
  (`names.NameMasker`: every petitioner and representative of the registry, and names a
  tagger finds; leaders stay visible), and its petitioners' names are masked;
- a confidential case (检举控告类, 《信访工作条例》第三十条) is rebuilt from an allow-list:
  its id, unit, dates, event types and what its clocks need (the unit a matter was
  transferred to, days of an extension). Its title is a placeholder; it has no summary,
  petitioners, leader, supervision level, risk colour, notes, reasons or approvals. Channel,
  category, headcount, first-petition flag and level visited are kept only because the
  county's totals (统计) count them; no page prints them for a confidential case.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from xinfang.models import Case
from xinfang.registry.loader import Registry
from xinfang.site.names import NameMasker
from xinfang.site.privacy import mask_numbers
from xinfang.site.search_words import TERMS
from xinfang.site.text import mask_name

__all__ = ["CONFIDENTIAL_TITLE", "SECRET", "PublicCases", "site_words"]

CONFIDENTIAL_TITLE = "（检举控告事项，内容保密）"
SECRET = "（保密）"
# Event fields a confidential case keeps: what its clocks are computed from.
_CLOCK_FIELDS = {"date", "type", "to", "days", "how", "rating"}


def site_words(registry: Registry) -> set[str]:
    """The registry's own vocabulary, never to be read as a person's name."""
    words = set(TERMS)
    for unit in registry.units.values():
        for name in (unit.name, unit.short, *unit.aliases):
            if name:
                words.add(name)
                words.add(name.removeprefix("县"))
    words |= {c.name for c in registry.categories.values()}
    return {w for w in words if w}


def _set(obj: object, **fields: object) -> object:
    """A copy of a frozen event with some fields changed (the values are already valid)."""
    out = copy.copy(obj)
    for key, value in fields.items():
        object.__setattr__(out, key, value)
    return out


class PublicCases:
    """Turns cases into what the site shows; one per build (it holds the name tagger)."""

    def __init__(self, registry: Registry, cases: Iterable[Case] | None = None) -> None:
        cases = list(registry.cases if cases is None else cases)
        known = {p.name for c in cases for p in c.petitioners}
        keep = {leader.name for leader in registry.leaders.values()}
        self.names = NameMasker(known, keep, site_words(registry))
        self._memo: dict[str, str] = {}

    def text(self, text: str | None) -> str | None:
        """Free text with personal numbers and names masked."""
        if text is None:
            return None
        done = self._memo.get(text)
        if done is None:
            done = self._memo[text] = self.names.mask(mask_numbers(text))
        return done

    def shown(self, case: Case) -> Case:
        if case.is_confidential:
            return self._confidential(case)
        events = []
        for event in case.events:
            changes = {
                f: self.text(getattr(event, f))
                for f in ("note", "reason", "approval")
                if getattr(event, f, None)
            }
            events.append(_set(event, **changes) if changes else event)
        petitioners = [
            _set(p, name=mask_name(mask_numbers(p.name)), phone=None, id_number=None, address=None)
            for p in case.petitioners
        ]
        return case.model_copy(
            update={
                "title": self.text(case.title),
                "summary": self.text(case.summary),
                "petitioners": petitioners,
                "events": events,
            }
        )

    @staticmethod
    def _confidential(case: Case) -> Case:
        events = []
        for event in case.events:
            blank = {f: None for f in event.__dataclass_fields__ if f not in _CLOCK_FIELDS}
            for f in ("reason", "approval"):
                if f in blank:
                    blank[f] = SECRET
            events.append(_set(event, **blank))
        return Case.model_construct(
            id=case.id,
            title=CONFIDENTIAL_TITLE,
            received=case.received,
            channel=case.channel,
            kind=case.kind,
            category=case.category,
            unit=case.unit,
            summary=None,
            petitioners=[],
            headcount=case.headcount,
            first=case.first,
            repeat_of=None,
            visited_level=case.visited_level,
            leader=None,
            supervision=None,
            priority=None,
            confidential=True,
            events=events,
        )
