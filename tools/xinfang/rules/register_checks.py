"""Rules over the three registers kept beside the cases: the risk-screening reports
(org/screening/), the reception rota (the `rota:` of org/receptions/) and the spot checks of
first petitions (org/spotchecks/). Like `checks.py`: every rule returns findings, none stops
early. What the registers say about the units' work (a week not reported, a matter 在办 too
long, a rota gap, a 问题件 clock overdue) is not a file error: see `xinfang.registers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from xinfang.models import Case, Leader, Unit
from xinfang.models.leadership import RotaDuty, RotaPolicy
from xinfang.models.screening import ScreeningLedger
from xinfang.models.spotcheck import SpotCheckLog
from xinfang.rules.problems import Finding

MONTH_STEM = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR_STEM = re.compile(r"^\d{4}$")


def _unit(rel: str, at: tuple, key: str, units: dict[str, Unit]) -> list[Finding]:
    if key in units:
        return []
    return [Finding(rel, (*at, "unit"), f"单位 {key} 不在 org/units.yaml 中")]


def check_screening(
    rel: str,
    stem: str,
    data: ScreeningLedger,
    *,
    units: dict[str, Unit],
    case_exists: Callable[[str], bool] | None,
) -> list[Finding]:
    """One org/screening/<year>-<month>.yaml: dates in its month, known units, one report per
    unit and day, linked cases that exist (`case_exists` None: not known)."""
    match = MONTH_STEM.match(stem)
    if not match:
        return [Finding(rel, (), f"文件名应为“年份-月份.yaml”，例如 2026-11.yaml，实际为 {stem}")]
    month = (int(match.group(1)), int(match.group(2)))
    where = f"{month[0]} 年 {month[1]} 月"
    out: list[Finding] = []
    seen: dict[tuple[str, object], int] = {}
    for i, r in enumerate(data.reports):
        at = ("reports", i)
        out += _unit(rel, at, r.unit, units)
        if (r.date.year, r.date.month) != month:
            out.append(Finding(rel, (*at, "date"), f"报告日期 {r.date} 不在 {where}"))
        if (r.unit, r.date) in seen:
            first = seen[(r.unit, r.date)] + 1
            out.append(
                Finding(rel, (*at, "date"), f"{r.unit} {r.date} 的报告已在第 {first} 项登记")
            )
        else:
            seen[(r.unit, r.date)] = i
    for i, m in enumerate(data.matters):
        at = ("matters", i)
        out += _unit(rel, at, m.unit, units)
        if (m.found.year, m.found.month) != month:
            out.append(Finding(rel, (*at, "found"), f"排查日期 {m.found} 不在 {where}"))
        if m.case is not None and case_exists is not None and not case_exists(m.case):
            out.append(Finding(rel, (*at, "case"), f"案件 {m.case} 不存在"))
    return out


def check_rota(
    rel: str,
    stem: str,
    duties: list[RotaDuty],
    *,
    leaders: dict[str, Leader],
    units: dict[str, Unit],
    policy: RotaPolicy | None,
) -> list[Finding]:
    """The `rota:` of one org/receptions/<year>.yaml: days in its year, a known leader of the
    right rank at the centre, a unit's own leader at a unit."""
    if not YEAR_STEM.match(stem):
        return []  # the reception checks already report the file name
    year = int(stem)
    out: list[Finding] = []
    for i, duty in enumerate(duties):
        at = ("rota", i)
        for name in ("since", "until"):
            day = getattr(duty, name)
            if day is not None and day.year != year:
                out.append(Finding(rel, (*at, name), f"日期 {day} 不在 {year} 年"))
        for j, day in enumerate(duty.dates):
            if day.year != year:
                out.append(Finding(rel, (*at, "dates", j), f"日期 {day} 不在 {year} 年"))
        leader = leaders.get(duty.leader)
        if leader is None:
            out.append(
                Finding(rel, (*at, "leader"), f"领导 {duty.leader} 不在 org/leaders.yaml 中")
            )
        if duty.unit is not None:
            out += _unit(rel, at, duty.unit, units)
            if leader is not None and duty.unit in units and leader.unit != duty.unit:
                out.append(
                    Finding(
                        rel,
                        (*at, "leader"),
                        f"{leader.name}不是 {duty.unit} 的领导，本单位接访应由本单位领导值班",
                    )
                )
        elif leader is not None and policy is not None and leader.rank not in policy.centre.ranks:
            out.append(
                Finding(
                    rel,
                    (*at, "leader"),
                    f"{leader.name}（{leader.rank.label}）不能在{policy.centre.place}值班，"
                    "policy/rota.yaml 只允许县级领导；本单位接访请写明所在单位",
                )
            )
    return out


def check_spotchecks(
    rel: str,
    stem: str,
    data: SpotCheckLog,
    *,
    units: dict[str, Unit],
    case_of: Callable[[str], Case | None],
    whole: bool,
) -> list[Finding]:
    """One org/spotchecks/<year>.yaml: months of its year, each case once, a first petition
    of the unit named. With `whole`, a case that cannot be loaded does not exist."""
    if not YEAR_STEM.match(stem):
        return [Finding(rel, (), f"文件名应为“年份.yaml”，例如 2026.yaml，实际为 {stem}")]
    out: list[Finding] = []
    first_of: dict[str, int] = {}
    for i, c in enumerate(data.checks):
        at = ("checks", i)
        if not c.month.startswith(f"{stem}-"):
            out.append(Finding(rel, (*at, "month"), f"抽查月份 {c.month} 不在 {stem} 年"))
        out += _unit(rel, at, c.unit, units)
        if c.case in first_of:
            out.append(
                Finding(rel, (*at, "case"), f"案件 {c.case} 已在第 {first_of[c.case] + 1} 项抽查")
            )
            continue
        first_of[c.case] = i
        case = case_of(c.case)
        if case is None:
            if whole:
                out.append(Finding(rel, (*at, "case"), f"案件 {c.case} 不存在"))
            continue
        if not case.first:
            out.append(
                Finding(
                    rel, (*at, "case"), f"案件 {c.case} 不是初信初访（案件文件中未标为初信初访）"
                )
            )
        if case.unit != c.unit:
            out.append(
                Finding(
                    rel, (*at, "unit"), f"案件 {c.case} 的责任单位是 {case.unit}，不是 {c.unit}"
                )
            )
    return out
