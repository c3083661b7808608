"""The county's mechanisms (工作机制) a ranking and the recorded actions trigger. Pure.

- 提醒或约谈: bottom `n` of the ranked units in `times` consecutive regular notices, or
  named in each of the last special notices (专项通报; how many: policy/accountability.yaml
  `special_notices`, else the same `times`);
- 通报批评: the criticism rate below a threshold (strictly: 79.9% triggers, 80% does not);
- 挂牌督办 suggested: a case whose last `reminders` recorded actions are all reminders;
- 约谈整改报告: the written report owed within N working days of an interview;
- 包案进展报告: a leader-owned case whose weekly progress clock is overdue.

"In a row" is read from `org/actions/`, never guessed. Actions dated after the as-of date
are not seen.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from xinfang.clocks.deadlines import Status
from xinfang.clocks.settled import SettledClocks
from xinfang.models import (
    ACTION_KINDS,
    LISTING_STEPS,
    REMINDER_FORMS,
    Basis,
    Case,
    Interview,
    Listing,
)
from xinfang.ranking.periods import Period
from xinfang.ranking.rates import Ranking, compute_ranking, percent
from xinfang.registry.loader import Registry

__all__ = [
    "InterviewState",
    "ListingState",
    "Trigger",
    "assess",
    "bottom_units",
    "earlier_rankings",
    "interview_states",
    "listing_states",
    "reminded_in_a_row",
    "triggers",
]

# The order triggers are listed in, and whether each is a suggestion from the rules.
KIND_ORDER = ("criticism", "bottom", "special", "listing", "interview_report", "progress")


@dataclass(frozen=True)
class Trigger:
    """One mechanism triggered for one unit, with the figures that triggered it."""

    unit: str
    kind: str  # one of KIND_ORDER
    name: str  # 通报批评, 建议提醒或约谈, 建议挂牌督办, 约谈整改报告逾期, 包案进展报告逾期
    detail: str
    cases: tuple[str, ...] = ()
    basis: Basis | None = None


@dataclass(frozen=True)
class InterviewState:
    action: Interview
    due: dt.date
    provisional: bool
    status: Status  # running, due_soon, overdue, met, met_late
    days_overdue: int


@dataclass(frozen=True)
class ListingState:
    action: Listing
    done: tuple[str, ...]  # step keys done by the as-of date
    next_step: str | None  # None once delisted (摘牌销号)


def bottom_units(ranking: Ranking, n: int) -> set[str]:
    """Ranked units with fewer than `n` ranked units strictly below them.

    Ties at the boundary are all included, but a unit sharing the top score is never named
    (when every unit scores 100, nobody is at the bottom). With `n` or fewer ranked units
    nobody is named: a ranking of three does not have a bottom three.
    """
    ranked = ranking.ranked
    if len(ranked) <= n:
        return set()
    top = max(r.score for r in ranked)
    return {r.unit for r in ranked if r.score < top and sum(o.score < r.score for o in ranked) < n}


def earlier_rankings(registry: Registry, period: Period, times: int) -> list[Ranking]:
    """The `times - 1` regular notices before `period`, each as of its own end, newest first."""
    out = []
    p = period
    for _ in range(times - 1):
        p = p.previous()
        out.append(compute_ranking(registry, p, as_of=p.end))
    return out


def assess(registry: Registry, period: Period, *, as_of: dt.date) -> tuple[Ranking, list[Trigger]]:
    """The period's ranking as of `as_of` and every mechanism it triggers (what `rank` and
    `notice` show). The earlier notices are computed only for a regular series."""
    ranking = compute_ranking(registry, period, as_of=as_of)
    rule = registry.ranking.mechanisms.bottom
    regular = period.kind in rule.series
    earlier = earlier_rankings(registry, period, rule.times) if regular else []
    return ranking, triggers(registry, ranking, earlier)


def triggers(
    registry: Registry,
    ranking: Ranking,
    earlier: Sequence[Ranking],
    settled: SettledClocks | None = None,
) -> list[Trigger]:
    """Every mechanism triggered as of the ranking's as-of date, by unit then kind
    (`settled` keeps finished cases' clocks between the triggers of several periods)."""
    out = _criticism(ranking) + _bottom(registry, ranking, earlier)
    out += _special_notices(registry, as_of=ranking.as_of)
    out += _listing_suggestions(registry, as_of=ranking.as_of)
    out += _overdue_interview_reports(registry, as_of=ranking.as_of)
    settled = settled or SettledClocks(registry.deadlines, registry.calendar)
    out += _overdue_progress(registry, settled, as_of=ranking.as_of)
    out.sort(key=lambda t: (t.unit, KIND_ORDER.index(t.kind), t.cases))
    return out


# -- from the ranking ----------------------------------------------------------------------


def _criticism(ranking: Ranking) -> list[Trigger]:
    """A unit below any threshold that applies to the period's kind (按期结案率 below 80%,
    年终结案率 below 90%…): one trigger per unit, naming every rate that fell short."""
    rule = ranking.policy.mechanisms.criticism
    kind = ranking.period.kind
    out = []
    for row in ranking.rows:
        short, cases = [], []
        for threshold in rule.thresholds:
            if kind not in threshold.periods:
                continue
            rate = row.rates.get(threshold.metric)
            if (
                rate is not None
                and rate.value is not None
                and rate.value < Fraction(str(threshold.below)) / 100
            ):
                short.append(
                    f"{rate.name} {percent(rate.value)}（{rate.numerator}/{rate.denominator}），"
                    f"低于 {threshold.below:g}%"
                )
                cases += [c for c in rate.missed if c not in cases]
        if short:
            detail = "；".join(short)
            out.append(Trigger(row.unit, "criticism", rule.name, detail, tuple(cases), rule.basis))
    return out


def _bottom(registry: Registry, ranking: Ranking, earlier: Sequence[Ranking]) -> list[Trigger]:
    rule = ranking.policy.mechanisms.bottom
    if ranking.period.kind not in rule.series or len(earlier) < rule.times - 1:
        return []
    series = [ranking, *earlier[: rule.times - 1]]
    named = [bottom_units(r, rule.bottom) for r in series]
    units = set.intersection(*named) if named else set()
    out = []
    for unit in sorted(units):
        places = "，".join(
            f"{r.period.label}第 {r.row(unit).rank} 名（共 {len(r.ranked)} 个单位排名）"
            for r in reversed(series)
        )
        detail = f"连续 {rule.times} 次定期通报排名后 {rule.bottom} 位（{places}）"
        before = [
            a
            for a in registry.actions
            if a.unit == unit and a.case is None and a.kind in ("reminder", "interview")
        ]
        before = [a for a in before if a.date <= ranking.as_of]
        if before:
            last = before[-1]
            what = REMINDER_FORMS[last.form] if last.kind == "reminder" else ACTION_KINDS[last.kind]
            detail += f"（此前已于 {last.date} {what}）"
        out.append(Trigger(unit, "bottom", f"建议{rule.name}", detail, (), rule.basis))
    return out


# -- from the recorded actions -------------------------------------------------------------


def _special_notices(registry: Registry, *, as_of: dt.date) -> list[Trigger]:
    """Units named in each of the last `n` special notices: the same suggestion as `times`
    bottom placings in a row (seed 002, 工作通报机制)."""
    rule = registry.ranking.mechanisms.bottom
    policy = registry.accountability
    n = policy.thresholds.special_notices if policy is not None else rule.times
    notices = [a for a in registry.actions if a.kind == "special_notice" and a.date <= as_of]
    last = notices[-n:]
    if len(last) < n:
        return []
    themes = "、".join(f"{a.date}“{a.theme}”" for a in last)
    out = []
    for unit in sorted(set.intersection(*(set(a.units) for a in last))):
        detail = f"连续 {n} 次被专项通报点名（{themes}）"
        after = [
            a
            for a in registry.actions
            if a.kind in ("reminder", "interview") and a.unit == unit
            if last[-1].date <= a.date <= as_of
        ]
        if after:
            detail += f"（已于 {after[-1].date} {ACTION_KINDS[after[-1].kind]}）"
        out.append(Trigger(unit, "special", f"建议{rule.name}", detail, (), rule.basis))
    return out


def reminded_in_a_row(registry: Registry, *, as_of: dt.date) -> list[tuple[Case, list]]:
    """The cases not closed by `as_of` whose last N recorded actions (N from the listing
    rule: 连续 N 次提醒) are all reminders, with those reminders; by case id."""
    n = registry.ranking.mechanisms.listing.reminders
    by_case: dict[str, list] = defaultdict(list)
    for action in registry.actions:
        if action.case and action.date <= as_of:
            by_case[action.case].append(action)
    out = []
    for case_id, actions in sorted(by_case.items()):
        last = actions[-n:]
        if len(last) < n or any(a.kind != "reminder" for a in last):
            continue
        case = registry.case(case_id)
        if case is None or any(e.type == "closed" and e.date <= as_of for e in case.events):
            continue
        out.append((case, last))
    return out


def _listing_suggestions(registry: Registry, *, as_of: dt.date) -> list[Trigger]:
    rule = registry.ranking.mechanisms.listing
    out = []
    for case, last in reminded_in_a_row(registry, as_of=as_of):
        dates = "、".join(str(a.date) for a in last)
        detail = f"{case.id} 连续 {rule.reminders} 次被提醒（{dates}）"
        out.append(
            Trigger(case.unit, "listing", f"建议{rule.name}", detail, (case.id,), rule.basis)
        )
    return out


def interview_states(registry: Registry, *, as_of: dt.date) -> list[InterviewState]:
    """Every interview up to `as_of` and where its rectification report stands."""
    days = registry.ranking.mechanisms.interview.report_working_days
    out = []
    for action in registry.actions:
        if action.kind != "interview" or action.date > as_of:
            continue
        due, provisional = registry.calendar.add_working_days(action.date, days)
        report = action.report if action.report and action.report <= as_of else None
        if report is not None:
            status = Status.met if report <= due else Status.met_late
            late = max((report - due).days, 0)
        else:
            late = max((as_of - due).days, 0)
            soon = registry.deadlines.due_soon_days
            status = (
                Status.overdue
                if late
                else (Status.due_soon if (due - as_of).days <= soon else Status.running)
            )
        out.append(InterviewState(action, due, provisional, status, late))
    return out


def _overdue_interview_reports(registry: Registry, *, as_of: dt.date) -> list[Trigger]:
    rule = registry.ranking.mechanisms.interview
    return [
        Trigger(
            s.action.unit,
            "interview_report",
            f"{rule.name}逾期",
            f"{s.action.date} 约谈，整改报告应于 {s.due} 前报送，已逾期 {s.days_overdue} 天",
            (s.action.case,) if s.action.case else (),
            rule.basis,
        )
        for s in interview_states(registry, as_of=as_of)
        if s.status is Status.overdue
    ]


def listing_states(registry: Registry, *, as_of: dt.date) -> list[ListingState]:
    """Every listing up to `as_of`, with the steps done and the next one."""
    out = []
    order = list(LISTING_STEPS)
    for action in registry.actions:
        if action.kind != "listing" or action.date > as_of:
            continue
        done = tuple(s.step for s in action.steps if s.date <= as_of)
        after = order.index(done[-1]) + 1 if done else 0
        out.append(ListingState(action, done, order[after] if after < len(order) else None))
    return out


def _overdue_progress(
    registry: Registry, settled: SettledClocks, *, as_of: dt.date
) -> list[Trigger]:
    late: dict[str, list[str]] = defaultdict(list)
    for case in registry.cases:
        if not case.leader or case.received > as_of:
            continue
        for clock in settled.clocks(case, as_of=as_of):
            if clock.key == "progress" and clock.status is Status.overdue:
                late[case.unit].append(case.id)
    rule = registry.deadlines.clocks.get("progress")
    basis = rule.basis if rule else None
    return [
        Trigger(
            unit,
            "progress",
            "包案进展报告逾期",
            f"{len(ids)} 件包案案件未按每周一次报告进展：{'、'.join(ids)}",
            tuple(ids),
            basis,
        )
        for unit, ids in sorted(late.items())
    ]
