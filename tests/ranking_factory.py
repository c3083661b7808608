"""Registries of towns whose handling clocks conclude on time or late in a given month, so
that scores, ranks and bottom-three lists are easy to compute by hand."""

from __future__ import annotations

from pathlib import Path

from registry_factory import case_yaml, cases_of, make_registry
from xinfang.registry import Registry, load_registry

TOWNS = "units:\n" + "".join(
    f"  {key}: {{name: {name}, type: town}}\n"
    for key, name in [
        ("a-town", "甲镇"),
        ("b-town", "乙镇"),
        ("c-town", "丙镇"),
        ("d-town", "丁镇"),
        ("e-town", "戊镇"),
        ("f-town", "己镇"),
        ("qingshi-town", "青石镇"),  # the leaders of the tiny registry need it
    ]
)


def handled(seq: int, unit: str, month: int, on_time: bool) -> str:
    """A case whose handling clock concludes in `month` (9 or 10 of 2026), on time or late.

    September: accepted 07-03, due 09-01. October: accepted 08-03, due 10-02 → 10-08.
    """
    accepted, answered = {
        9: ("2026-07-03", "2026-09-01" if on_time else "2026-09-15"),
        10: ("2026-08-03", "2026-10-08" if on_time else "2026-10-20"),
    }[month]
    received = accepted[:-2] + "01"
    return case_yaml(
        f"XF-2026-{seq:04d}",
        unit,
        [f"{received} received", f"{accepted} accepted", f"{answered} answered"],
    )


def town_registry(
    root: Path, plan: dict[int, dict[str, tuple[int, int]]], actions: str | None = None
) -> Registry:
    """`plan[month][unit] = (on time, total)` handling clocks concluding in that month."""
    texts, seq = [], 1
    for month, units in plan.items():
        for unit, (k, n) in units.items():
            for i in range(n):
                texts.append(handled(seq, unit, month, i < k))
                seq += 1
    root = make_registry(root, cases_of(*texts), units=TOWNS, actions=actions, example=False)
    result = load_registry(root)
    assert not result.problems, result.problems
    return result.registry
