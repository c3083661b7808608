"""Registries of towns whose handling clocks conclude on time or late in a given month, so
that scores, ranks and bottom-three lists are easy to compute by hand."""

from __future__ import annotations

from pathlib import Path

from registry_factory import case_yaml, cases_of, make_registry
from xinfang.registry.loader import Registry, load_registry

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


# Two months of handling clocks: the bottom three are {b, c, d} in September and {c, d, e}
# in October, so c-town and d-town are bottom three twice in a row.
SEPTEMBER = {
    "a-town": (2, 3),  # 66.67, rank 3
    "b-town": (1, 3),  # 33.33, rank 4  ← bottom three
    "c-town": (0, 3),  # 0,     rank 6  ← bottom three
    "d-town": (1, 3),  # 33.33, rank 4  ← bottom three
    "e-town": (3, 3),  # 100,   rank 1
    "f-town": (3, 3),  # 100,   rank 1
}
OCTOBER = {
    "a-town": (3, 3),  # 100,   rank 1
    "b-town": (3, 3),  # 100,   rank 1
    "c-town": (2, 3),  # 66.67, rank 3  ← bottom three (two below it)
    "d-town": (1, 3),  # 33.33, rank 4  ← bottom three
    "e-town": (1, 3),  # 33.33, rank 4  ← bottom three
    "f-town": (2, 2),  # not ranked: 2 matters
}


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
