"""Rules over the leadership files (receptions, frontline ledgers, their policies) and the
weekly 包案 report of owned cases. Like `checks.py`: every rule returns findings, none stops
early. (The owner's rank and key cases without an owner are checked per case file, in
scan.py, through `ownership.ownership_issues`.)

Time-dependent rules (an outcome recorded for a reception that has not happened, a lapsed
weekly report) take `as_of`; the file rules skip them when it is None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import Clock, Status
from xinfang.models import EVENT_TYPES, Case, DeadlinePolicy, Leader, Unit
from xinfang.models.common import UnitType
from xinfang.models.leadership import (
    LINE,
    FrontlineLedger,
    FrontlinePolicy,
    OwnershipPolicy,
    Receptions,
)
from xinfang.rules import ownership
from xinfang.rules.problems import Finding

RECEPTIONS_STEM = re.compile(r"^\d{4}$")
LEDGER_STEM = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _leader_name(key: str, leaders: dict[str, Leader]) -> str:
    leader = leaders.get(key)
    return leader.name if leader else key


def check_receptions(
    rel: str,
    stem: str,
    data: Receptions,
    *,
    leaders: dict[str, Leader],
    units: dict[str, Unit],
    cases: dict[str, Case],
    case_ids: set[str] | None,
    as_of: dt.date | None = None,
) -> list[Finding]:
    """One org/receptions/<year>.yaml: dates in its year, outcome complete and consistent,
    references to leaders, units and the cases registered on the day.

    `cases` are the case models at hand; `case_ids` all ids of the registry, or None when
    only some case files were loaded (then a missing case cannot be told from an unloaded one).
    """
    if not RECEPTIONS_STEM.match(stem):
        return [Finding(rel, (), f"文件名应为“年份.yaml”，例如 2026.yaml，实际为 {stem}")]
    out: list[Finding] = []
    year = int(stem)
    first_of: dict[tuple[str, dt.date], int] = {}
    listed_in: dict[str, int] = {}
    for i, r in enumerate(data.receptions):
        at = ("receptions", i)
        if r.date.year != year:
            out.append(Finding(rel, (*at, "date"), f"接访日期 {r.date} 不在 {year} 年"))
        if r.published > r.date:
            out.append(
                Finding(rel, (*at, "published"), f"公示日期晚于接访日期 {r.date}，应在接访前公示")
            )
        if r.leader not in leaders:
            out.append(Finding(rel, (*at, "leader"), f"领导 {r.leader} 不在 org/leaders.yaml 中"))
        if r.unit not in units:
            out.append(Finding(rel, (*at, "unit"), f"单位 {r.unit} 不在 org/units.yaml 中"))
        key = (r.leader, r.date)
        if key in first_of:
            out.append(
                Finding(
                    rel,
                    (*at, "date"),
                    f"{_leader_name(r.leader, leaders)} {r.date} 的接访已在第 "
                    f"{first_of[key] + 1} 项登记",
                )
            )
        else:
            first_of[key] = i
        if r.held:
            for name in ("petitioners", "matters"):
                if getattr(r, name) is None:
                    label = "接待人次" if name == "petitioners" else "反映事项件数"
                    out.append(Finding(rel, at, f"已填写接访结果，还应填写 {name}（{label}）"))
            if as_of is not None and r.date > as_of:
                name = next(n for n in ("petitioners", "matters", "cases") if getattr(r, n))
                out.append(
                    Finding(
                        rel,
                        (*at, name),
                        f"接访日 {r.date} 尚未到（截至 {as_of}），不能填写接访结果",
                    )
                )
        if r.matters is not None and len(r.cases) > r.matters:
            out.append(
                Finding(
                    rel,
                    (*at, "cases"),
                    f"登记案件 {len(r.cases)} 件，多于反映事项件数 {r.matters}",
                )
            )
        for j, case_id in enumerate(r.cases):
            here = (*at, "cases", j)
            if case_id in listed_in:
                out.append(
                    Finding(rel, here, f"案件 {case_id} 已列在第 {listed_in[case_id] + 1} 项接访中")
                )
                continue
            listed_in[case_id] = i
            case = cases.get(case_id)
            if case is None:
                if case_ids is not None:
                    out.append(Finding(rel, here, f"案件 {case_id} 不存在"))
            elif case.received != r.date:
                out.append(
                    Finding(
                        rel,
                        here,
                        f"案件 {case_id} 的登记日期是 {case.received}，不是接访当天 {r.date}",
                    )
                )
    return out


def check_ledger(
    rel: str,
    stem: str,
    data: FrontlineLedger,
    *,
    leaders: dict[str, Leader],
    units: dict[str, Unit],
    as_of: dt.date | None = None,
) -> list[Finding]:
    """One org/frontline/<year>-<month>.yaml: dates in its month, one entry per leader and
    day, `where` a town or `line`."""
    match = LEDGER_STEM.match(stem)
    if not match:
        return [Finding(rel, (), f"文件名应为“年份-月份.yaml”，例如 2026-10.yaml，实际为 {stem}")]
    year, month = int(match.group(1)), int(match.group(2))
    out: list[Finding] = []
    first_of: dict[tuple[str, dt.date], int] = {}
    for i, e in enumerate(data.entries):
        at = ("entries", i)
        if (e.date.year, e.date.month) != (year, month):
            out.append(Finding(rel, (*at, "date"), f"日期 {e.date} 不在 {year} 年 {month} 月"))
        elif as_of is not None and e.date > as_of:
            out.append(Finding(rel, (*at, "date"), f"日期 {e.date} 尚未到（截至 {as_of}）"))
        if e.leader not in leaders:
            out.append(Finding(rel, (*at, "leader"), f"领导 {e.leader} 不在 org/leaders.yaml 中"))
        if e.where != LINE:
            if e.where not in units:
                out.append(
                    Finding(
                        rel,
                        (*at, "where"),
                        f"{e.where} 不在 org/units.yaml 中；在分管战线工作时写 {LINE}",
                    )
                )
            elif units[e.where].type is not UnitType.town:
                out.append(
                    Finding(rel, (*at, "where"), f"{e.where} 不是乡镇；在分管战线工作时写 {LINE}")
                )
        key = (e.leader, e.date)
        if key in first_of:
            out.append(
                Finding(
                    rel,
                    (*at, "date"),
                    f"{_leader_name(e.leader, leaders)} {e.date} 已在第 {first_of[key] + 1} "
                    "项记录，同一领导同一天只记一条",
                )
            )
        else:
            first_of[key] = i
    return out


def check_frontline_policy(rel: str, policy: FrontlinePolicy) -> list[Finding]:
    """Each rank has at most one quota, or which one applies would depend on the order."""
    out = []
    first: dict[str, str] = {}
    for key, quota in policy.quotas.items():
        for j, rank in enumerate(quota.ranks):
            if rank in first:
                out.append(
                    Finding(
                        rel,
                        ("quotas", key, "ranks", j),
                        f"职级 {rank.value} 已属于定额 {first[rank]}，每个职级只能属于一项定额",
                    )
                )
            else:
                first[rank] = key
    return out


def check_ownership_policy(
    rel: str, policy: OwnershipPolicy, deadlines: DeadlinePolicy
) -> list[Finding]:
    if policy.progress_clock not in deadlines.clocks:
        return [
            Finding(
                rel,
                ("progress_clock",),
                f"期限 {policy.progress_clock} 不在 policy/deadlines.yaml 中",
            )
        ]
    return []


def check_progress(
    items: Iterable[tuple[str, Case]],
    *,
    leaders: dict[str, Leader],
    policy: OwnershipPolicy,
    deadlines: DeadlinePolicy,
    calendar: OfficialCalendar,
    as_of: dt.date,
) -> list[Finding]:
    """Lapsed weekly progress reports of open leader-owned cases as of `as_of`.

    The owner's rank and key cases without an owner are per-case rules, checked with the
    other per-file checks (scan.py, via ownership.ownership_issues).
    """
    weekly = ownership.weekly_policy(deadlines, policy.progress_clock)
    if weekly is None:
        return []
    out: list[Finding] = []
    for rel, case in items:
        if case.leader not in leaders:  # no owner, or one reported as unknown
            continue
        clock = ownership.progress_clock(case, weekly, calendar, as_of=as_of)
        if clock is not None and clock.status is Status.overdue:
            out.append(Finding(rel, ("leader",), progress_message(case, clock, leaders)))
    return out


def check_progress_summaries(
    items: Iterable[tuple[str, str, tuple]], *, leaders: dict[str, Leader], as_of: dt.date
) -> list[Finding]:
    """The same check as `check_progress`, from each case's cached weekly-clock summary
    (path, leader, (start, start event, due, done, last event)); the caller passes only
    summaries whose last event is on or before `as_of`, for which the clock is unchanged."""
    out = []
    for rel, leader, (start, start_event, due, done, _) in items:
        due_day = dt.date.fromisoformat(due)
        if leader not in leaders or done is not None or as_of <= due_day:
            continue
        message = lapse_message(
            leader, start_event, dt.date.fromisoformat(start), due_day, (as_of - due_day).days,
            leaders,
        )  # fmt: skip
        out.append(Finding(rel, ("leader",), message))
    return out


def progress_message(case: Case, clock: Clock, leaders: dict[str, Leader]) -> str:
    return lapse_message(
        case.leader or "", clock.start_event, clock.start, clock.due, clock.days_overdue, leaders
    )


def lapse_message(
    leader: str,
    start_event: str,
    start: dt.date,
    due: dt.date,
    days_overdue: int,
    leaders: dict[str, Leader],
) -> str:
    who = _leader_name(leader, leaders)
    if start_event == "progress":
        since = f"最近一次报告在 {start}，下一次应不晚于 {due}"
    else:
        label = EVENT_TYPES[start_event]
        since = f"{label}（{start}）后没有报告，第一次应不晚于 {due}"
    return f"包案领导{who}的每周进展报告已逾期 {days_overdue} 天：{since}"
