"""A tiny registry with the three registers (screening, rota, spot checks), for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from registry_factory import REPO, case_yaml, cases_of, make_registry

# Tiny units: housing-bureau, hrss-bureau (departments), qingshi-town (town). Leaders:
# zhao-gang (county party secretary), li-wei (deputy county head), wang-fang (qingshi-town).
SCREENING_POLICY = """\
reporters: [town]
weekly:
  basis: {article: 测试文件, summary: 每周报告一次。}
sensitive:
  basis: {article: 测试文件, summary: 敏感期每天报告。}
  periods:
    - {name: 国庆节, start: 2026-10-01, end: 2026-10-03}
stale:
  days: 30
  basis: {article: 测试文件, summary: 30 日内化解。}
"""
ROTA_POLICY = """\
centre:
  place: 县群众工作中心
  ranks: [county_party_secretary, deputy_county_head]
  basis: {article: 测试文件, summary: 每个工作日一位县领导坐班接访。}
units:
  types: [town]
  basis: {article: 测试文件, summary: 乡镇每个工作日一位领导接访。}
"""
# First petitions of the tiny registry concluded (answered) in October 2026.
FIRST_OCTOBER = [
    case_yaml(
        f"XF-2026-05{n:02d}",
        unit,
        ["2026-09-01 received", "2026-09-02 accepted", f"2026-10-{n + 1:02d} answered"],
        first=True,
    )
    for n, unit in enumerate(["housing-bureau"] * 12 + ["hrss-bureau"] * 3)
]
# Answered in October but not a first petition, and a first one answered in November.
OTHERS = [
    case_yaml(
        "XF-2026-0590",
        "housing-bureau",
        ["2026-09-01 received", "2026-09-02 accepted", "2026-10-05 answered"],
    ),
    case_yaml(
        "XF-2026-0591",
        "housing-bureau",
        ["2026-09-01 received", "2026-09-02 accepted", "2026-11-05 answered"],
        first=True,
    ),
]


def make_register_registry(root: Path) -> Path:
    make_registry(root, cases_of(*FIRST_OCTOBER, *OTHERS))
    (root / "policy" / "screening.yaml").write_text(SCREENING_POLICY, encoding="utf-8")
    (root / "policy" / "rota.yaml").write_text(ROTA_POLICY, encoding="utf-8")
    shutil.copy(REPO / "policy" / "spotcheck.yaml", root / "policy" / "spotcheck.yaml")
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
