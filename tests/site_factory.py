"""A tiny registry with the site's sources beside it, and cases chosen to test the site:
a hostile title, a confidential accusation, an old closed case, an overdue open case."""

from __future__ import annotations

import shutil
from pathlib import Path

from registry_factory import REPO, make_registry

AS_OF = "2026-11-22"

HOSTILE = """\
id: XF-2026-0200
title: "<script>alert(1)</script> **x** | y [点我](javascript:alert(2)) `code` #标题 & 更多"
received: 2026-10-09
channel: visit
kind: request
category: wage-arrears
unit: qingshi-town
summary: "第一行 <b>粗体</b>\\n\\n第二行 --8<-- \\"/etc/passwd\\" {: onclick=alert(3) }"
petitioners:
  - {name: "<img src=x onerror=alert(4)>", phone: "13912345678", address: 青石镇某村 3 组}
  - {name: 欧阳某某}
headcount: 6
first: true
visited_level: city
leader: wang-fang
events:
  - {date: 2026-10-09, type: received}
  - {date: 2026-10-10, type: transferred, to: qingshi-town}
  - {date: 2026-10-12, type: accepted, note: "已约见 <i>信访人</i> | 表格 *强调*"}
  - {date: 2026-10-20, type: progress, note: "第一周 __进展__ ![x](http://example.com/x.png)"}
"""

CONFIDENTIAL = """\
id: XF-2026-0201
title: 检举某局干部违规收受礼金
received: 2026-11-02
channel: letter
kind: accusation
category: land-acquisition
unit: housing-bureau
summary: 检举人称某科长收受礼金两万元
petitioners:
  - {name: 秘密检举人}
events:
  - {date: 2026-11-02, type: received}
  - {date: 2026-11-04, type: transferred, to: housing-bureau, note: 已转纪检部门并告知检举人}
"""

OLD_CLOSED = """\
id: XF-2024-0003
title: 反映农民工工资被拖欠
received: 2024-03-11
channel: phone
kind: request
category: wage-arrears
unit: hrss-bureau
petitioners:
  - {name: 王某}
events:
  - {date: 2024-03-11, type: received}
  - {date: 2024-03-12, type: accepted}
  - {date: 2024-04-20, type: answered}
  - {date: 2024-04-25, type: rated, rating: basically_satisfied}
  - {date: 2024-05-10, type: closed, how: resolved}
"""

OVERDUE = """\
id: XF-2026-0150
title: 反映征地补偿款迟迟未发放
received: 2026-07-01
channel: online
kind: request
category: land-acquisition
unit: qingshi-town
petitioners:
  - {name: 赵某某}
events:
  - {date: 2026-07-01, type: received}
  - {date: 2026-07-03, type: accepted}
"""

SITE_CASES = {
    "2026/XF-2026-0200.yaml": HOSTILE,
    "2026/XF-2026-0201.yaml": CONFIDENTIAL,
    "2024/XF-2024-0003.yaml": OLD_CLOSED,
    "2026/XF-2026-0150.yaml": OVERDUE,
}

# A resident ID number whose GB 11643 check character is right, and one whose is wrong.
VALID_ID = "11010519491231002X"
INVALID_ID = "110105194912310021"


def add_site_sources(root: Path) -> Path:
    """Copy mkdocs.yml and the hand-written pages (not the generated ones) into `root`."""
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(
        REPO / "site_src",
        root / "site_src",
        ignore=shutil.ignore_patterns("generated", "__pycache__"),
        dirs_exist_ok=True,
    )
    return root


def make_site_registry(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The tiny registry with the site test cases (plus `extra`) and the site's sources."""
    make_registry(root, {**SITE_CASES, **(extra or {})})
    return add_site_sources(root)
