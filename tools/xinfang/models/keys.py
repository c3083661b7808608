"""Keys typed by people: a unit, leader, category or value given by its key or its Chinese
name, checked against the registry with a "did you mean" suggestion.

The one resolver: `new`, `event`, the ledger import and every `--unit` option call these
before they write or compute anything, so a name is read, and a near miss answered, the same
way everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from xinfang.models.org import Leader, Unit
from xinfang.models.policy import Category


class UnknownKey(ValueError):
    """The text names nothing in the registry (or several things); the message says so."""


def resolve_key(text: str, names: Mapping[str, Sequence[str]], *, what: str, where: str) -> str:
    """The key that `text` is, or names: `names` maps each key to its other names (Chinese
    name, short name, label). Raises UnknownKey with up to three suggestions."""
    text = text.strip()
    if text in names:
        return text
    matches = sorted({key for key, others in names.items() if text in others})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownKey(f"{what}“{text}”可以指 {'、'.join(matches)}，请写出其中一个键")
    spelled = {key: key for key in names} | {
        name: key for key, others in names.items() for name in others
    }
    close = _closest(text, list(spelled))
    close += [s for s in spelled if text and (text in s or s in text) and s not in close]
    keys = list(dict.fromkeys(spelled[s] for s in close))[:3]
    hint = ""
    if keys:
        shown = [f"{k}（{names[k][0]}）" if names[k] else k for k in keys]
        hint = f"。您是不是要写 {' 或 '.join(shown)}？"
    raise UnknownKey(f"{what}“{text}”不在 {where} 中{hint}")


def _closest(text: str, spellings: list[str]) -> list[str]:
    """The spellings nearest to `text`: at least half alike, and no more than a little less
    alike than the nearest (so one clear typo gets one suggestion, not a list)."""
    ratios = {s: difflib.SequenceMatcher(None, text, s).ratio() for s in spellings}
    alike = sorted((s for s in spellings if ratios[s] >= 0.5), key=lambda s: -ratios[s])
    return [s for s in alike[:5] if ratios[s] >= ratios[alike[0]] - 0.1]


def unit_spellings(unit: Unit) -> list[str]:
    """Every way people write a unit besides its key; the first (the short name when there is
    one) is the one a did-you-mean shows."""
    return [*([unit.short] if unit.short else []), unit.name, *unit.aliases]


def resolve_unit(text: str, units: Mapping[str, Unit]) -> str:
    """A unit's key from its key, full name (县住房和城乡建设局) or short name (县住建局)."""
    names = {key: unit_spellings(u) for key, u in units.items()}
    return resolve_key(text, names, what="单位", where="org/units.yaml")


def resolve_leader(text: str, leaders: Mapping[str, Leader]) -> str:
    names = {key: [leader.name] for key, leader in leaders.items()}
    return resolve_key(text, names, what="领导", where="org/leaders.yaml")


def resolve_category(text: str, categories: Mapping[str, Category]) -> str:
    names = {key: [c.name] for key, c in categories.items()}
    return resolve_key(text, names, what="分类", where="policy/categories.yaml")


def resolve_choice(text: str, labels: Mapping[str, str], *, what: str) -> str:
    """A fixed value (event type, rating…) from its key or its Chinese label."""
    names = {k: [v] for k, v in labels.items()}
    return resolve_key(text, names, what=what, where=f"可选值（{'、'.join(labels)}）")
