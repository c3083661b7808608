"""A tiny registry on disk, for tests: three units, three leaders, a few categories, the real
deadline, ranking, frontline and ownership policies, and whatever cases a test writes."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

UNITS = """\
units:
  housing-bureau: {name: 县住房和城乡建设局, short: 住建局, type: department}
  hrss-bureau: {name: 县人力资源和社会保障局, short: 人社局, type: department}
  qingshi-town: {name: 青石镇, type: town}
"""
LEADERS = """\
leaders:
  zhao-gang: {name: 赵刚, post: 县委书记, rank: county_party_secretary, towns: [qingshi-town]}
  li-wei: {name: 李伟, post: 副县长, rank: deputy_county_head, towns: [qingshi-town], lines: [住房城建]}
  wang-fang: {name: 王芳, post: 青石镇党委书记, rank: town_head, unit: qingshi-town}
  liu-qiang: {name: 刘强, post: 县住建局副局长, rank: unit_deputy, unit: housing-bureau}
"""
CATEGORIES = """\
categories:
  urban-management: {name: 城市管理}
  wage-arrears: {name: 拖欠工资}
  land-acquisition: {name: 土地征占}
"""


def make_registry(
    root: Path,
    cases: dict[str, str] | None = None,
    *,
    units: str = UNITS,
    actions: str | None = None,
    example: bool = True,
    example_until: str | None = None,
) -> Path:
    """Write the tiny registry under `root`; `cases` maps a path under cases/ to its text.

    `units` replaces org/units.yaml, `actions` is written as org/actions/2026.yaml, and
    `example=False` leaves out the example case XF-2026-0137. `example_until` keeps only its
    events up to that date, so that the registry can be validated as of it (an event after
    the as-of date is an error).
    """
    (root / "org").mkdir(parents=True, exist_ok=True)
    (root / "policy").mkdir(parents=True, exist_ok=True)
    (root / "org" / "units.yaml").write_text(units, encoding="utf-8")
    # a leader of a unit the test leaves out would be a reference error (a units file that
    # is not a block mapping is a broken one: then every leader stays)
    leaders = "".join(
        line
        for line in LEADERS.splitlines(keepends=True)
        if not (m := re.search(r"unit: ([a-z-]+)", line))
        or f"  {m.group(1)}:" in units
        or "units:\n" not in units
    )
    (root / "org" / "leaders.yaml").write_text(leaders, encoding="utf-8")
    (root / "policy" / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    for name in (
        "deadlines.yaml",
        "ranking.yaml",
        "frontline.yaml",
        "ownership.yaml",
        "accountability.yaml",
    ):
        shutil.copy(REPO / "policy" / name, root / "policy" / name)
    if example:
        text = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
        if example_until:
            text = "".join(
                line
                for line in text.splitlines(keepends=True)
                if not (m := re.match(r"  - \{date: (\S+),", line)) or m.group(1) <= example_until
            )
        (_case_dir(root, "2026") / "XF-2026-0137.yaml").write_text(text, encoding="utf-8")
    else:
        _case_dir(root, "2026")
    if actions is not None:
        (root / "org" / "actions").mkdir(exist_ok=True)
        (root / "org" / "actions" / "2026.yaml").write_text(actions, encoding="utf-8")
    for rel, text in (cases or {}).items():
        path = root / "cases" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _case_dir(root: Path, year: str) -> Path:
    path = root / "cases" / year
    path.mkdir(parents=True, exist_ok=True)
    return path


def case_yaml(
    case_id: str,
    unit: str,
    events: list[str],
    *,
    channel: str = "letter",
    kind: str = "request",
    category: str = "wage-arrears",
    **extra: object,
) -> str:
    """A case file from compact events: `"2026-10-05 accepted"`, `"2026-10-20 rated
    rating=satisfied"`. The first event must be the `received` one."""
    received = events[0].split()[0]
    lines = [
        f"id: {case_id}",
        f"title: 测试案件 {case_id}",
        f"received: {received}",
        f"channel: {channel}",
        f"kind: {kind}",
        f"category: {category}",
        f"unit: {unit}",
    ]
    for key, value in extra.items():
        text = str(value).lower() if isinstance(value, bool) else value
        lines.append(f"{key}: {text}")
    lines.append("events:")
    for event in events:
        date, type_, *fields = event.split()
        parts = [f"date: {date}", f"type: {type_}", *(f.replace("=", ": ") for f in fields)]
        lines.append("  - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def cases_of(*texts: str) -> dict[str, str]:
    """case_yaml texts keyed by their path under cases/."""
    out = {}
    for text in texts:
        case_id = text.split("\n", 1)[0].removeprefix("id: ")
        out[f"{case_id[3:7]}/{case_id}.yaml"] = text
    return out


# Two cases that several test modules put in a registry (each with the id it needs).
# Accepted 2026-10-09: handling due 60 days later, 2026-12-08 (临期 on 12-04, 逾期 from 12-09).
WAGES = """\
id: XF-2026-0300
title: 反映工资拖欠
received: 2026-10-08
channel: letter
kind: request
category: wage-arrears
unit: hrss-bureau
events:
  - {date: 2026-10-08, type: received}
  - {date: 2026-10-09, type: accepted}
"""
# Received 2026-11-02 and never accepted: routing and acceptance due 2026-11-17.
NOT_ACCEPTED = """\
id: XF-2026-0301
title: 反映征地补偿未到位
received: 2026-11-02
channel: visit
kind: request
category: land-acquisition
unit: qingshi-town
visited_level: county
events:
  - {date: 2026-11-02, type: received}
"""


def with_id(text: str, case_id: str) -> str:
    """One of the texts above under another id."""
    return re.sub(r"XF-\d{4}-\d{4}", case_id, text, count=1)
