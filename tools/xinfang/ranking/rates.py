"""Notice rankings (通报排名): the rates of policy/ranking.yaml per unit for a period. Pure.

How a matter enters a period:

- on-time rates (formula `on_time`): clocks are computed as of the period's end (or the
  as-of date, for a period not yet over). A clock done inside the period counts by its done
  date, on time when done on or before its due date; a clock still open and overdue at the
  end counts as late. Other clocks are not in the period.
- satisfaction: each matter's last rating dated inside the period.
- participation: matters answered (出具处理意见) inside the period; rated by the end or not.
- first-petition resolution and the conclusion rate: see `first_resolution.py`.
- `channels` limits a rate to some forms of petition (初次来访, 初次网上).
- counts (件次, 人次, 集体访, 越级访, 重复信访): matters received inside the period.

A matter belongs to its case's responsible unit (`unit`). Figures are exact fractions; the
score is rounded half-up to `score_decimals` and equal rounded scores share a rank (1, 1, 3).

Public API: `compute_ranking`, `wilson`, `Ranking`, `UnitRow`, `Rate`, `Counts`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from xinfang.clocks.deadlines import Status
from xinfang.clocks.settled import SettledClocks
from xinfang.models import Case, RankingPolicy, RateMetric
from xinfang.models.ranking import Settings
from xinfang.ranking.first_resolution import Repeats, concluded, first_resolution
from xinfang.ranking.periods import Period, PeriodError
from xinfang.registry.loader import Registry

__all__ = [
    "COUNT_LABELS",
    "Counts",
    "Ranking",
    "Rate",
    "UnitRow",
    "compute_ranking",
    "percent",
    "wilson",
]

# How a case stands in a rate: in the numerator (True), not (False), or not because its clock
# is still open and overdue at the end (OPEN).
OPEN = "open"
Outcome = bool | str

# Counts are not configurable (apart from the collective-visit headcount): key → (name, definition).
COUNT_LABELS: dict[str, tuple[str, str]] = {
    "matters": ("件次", "统计期内登记的信访事项件数（按登记日期）"),
    "people": ("人次", "上述事项的信访人数之和"),
    "collective": ("集体访", "来访人数达到集体访标准的批次"),
    "collective_people": ("集体访人次", "集体访的人数之和"),
    "city": ("到市访", "来访层级为市级的件次"),
    "province": ("到省访", "来访层级为省级的件次"),
    "national": ("进京访", "来访层级为进京的件次"),
    "repeat": ("重复信访", "填有前案编号（此前已就同一事项登记）的件次"),
}


def wilson(k: int, n: int, z: float) -> tuple[float, float] | None:
    """Wilson score interval for k successes out of n; None when n is 0.

    centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
    """
    if n == 0:
        return None
    p = k / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def percent(value: Fraction | float | None, decimals: int = 1) -> str:
    """0.7994 → '79.9%'; None → '—'. Rounded half-up, like the score."""
    if value is None:
        return "—"
    return f"{_round_half_up(Fraction(value) * 100, decimals)}%"


@dataclass(frozen=True)
class Rate:
    """One rate of one unit: numerator / denominator, with the matters behind it."""

    key: str
    name: str
    numerator: int
    denominator: int
    low: float | None  # Wilson interval, None without a denominator
    high: float | None
    counted: tuple[str, ...] = ()  # case ids in the denominator
    missed: tuple[str, ...] = ()  # in the denominator, not in the numerator (late, unsatisfied…)
    still_open: tuple[str, ...] = ()  # of `missed`, those open and overdue at the period's end

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None


@dataclass
class Counts:
    """Volumes received in the period (see COUNT_LABELS)."""

    matters: int = 0
    people: int = 0
    collective: int = 0
    collective_people: int = 0
    city: int = 0
    province: int = 0
    national: int = 0
    repeat: int = 0

    def add(self, case: Case, settings: Settings) -> None:
        self.matters += 1
        self.people += case.headcount
        if case.channel == "visit" and case.headcount >= settings.collective_headcount:
            self.collective += 1
            self.collective_people += case.headcount
        if case.visited_level in ("city", "province", "national"):
            setattr(self, case.visited_level, getattr(self, case.visited_level) + 1)
        if case.repeat_of:
            self.repeat += 1

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNT_LABELS}


@dataclass
class UnitRow:
    """One unit's figures. `rank` is None for a unit listed but not ranked (`note` says why)."""

    unit: str
    rates: dict[str, Rate]
    counts: Counts
    assessed: int  # distinct matters in the denominators of the scored rates
    score: Decimal | None
    rank: int | None = None
    note: str | None = None


@dataclass
class Ranking:
    """A period's ranking as of a date. `rows`: ranked units by rank then key, then the rest."""

    period: Period
    as_of: dt.date
    complete: bool  # False while the period has not ended on the as-of date
    rows: list[UnitRow]
    total: UnitRow  # the whole county
    policy: RankingPolicy = field(repr=False)

    def row(self, unit: str) -> UnitRow | None:
        return next((r for r in self.rows if r.unit == unit), None)

    @property
    def ranked(self) -> list[UnitRow]:
        return [r for r in self.rows if r.rank is not None]


def compute_ranking(
    registry: Registry,
    period: Period,
    *,
    as_of: dt.date,
    settled: SettledClocks | None = None,
) -> Ranking:
    """Every unit's rates, counts, score and rank for `period`, as they stand on `as_of`.

    Only events dated on or before min(period end, as_of) are seen. `settled` keeps the
    clocks of finished cases between the rankings of several periods.
    """
    settled = settled or SettledClocks(registry.deadlines, registry.calendar)
    end = min(period.end, as_of)
    if end < period.start:
        raise PeriodError(f"截至日期 {as_of} 早于统计期间 {period.label} 的开始日期 {period.start}")
    policy = registry.ranking
    tallies: dict[str, _Tally] = {unit: _Tally() for unit in registry.units}
    total = _Tally()
    repeats: dict[str, list[dt.date]] = {}
    for case in registry.cases:
        if case.repeat_of and case.received <= end:
            repeats.setdefault(case.repeat_of, []).append(case.received)
    for case in registry.cases:
        if case.received > end:
            continue
        hits = _case_hits(registry, case, period.start, end, repeats, settled)
        received = period.start <= case.received
        for tally in (tallies.setdefault(case.unit, _Tally()), total):
            for key, hit in hits.items():
                tally.hits.setdefault(key, []).append((case.id, hit))
            if received:
                tally.counts.add(case, policy.settings)
    rows = [tallies[unit].row(unit, policy) for unit in sorted(tallies)]
    _rank(rows, policy.settings.min_matters)
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.unit))
    return Ranking(
        period=period,
        as_of=end,
        complete=as_of >= period.end,
        rows=rows,
        total=total.row("", policy),
        policy=policy,
    )


# -- one case ------------------------------------------------------------------------------


def _case_hits(
    registry: Registry,
    case: Case,
    start: dt.date,
    end: dt.date,
    repeats: Repeats,
    settled: SettledClocks,
) -> dict[str, Outcome]:
    """For each rate the case counts in: whether it is in the numerator too."""
    policy = registry.ranking
    clocks = {}
    if any(rate.clock is not None for rate in policy.rates.values()):
        clocks = {c.key: c for c in settled.clocks(case, as_of=end)}
    out = {}
    for key, rate in policy.rates.items():
        if rate.channels and case.channel not in rate.channels:
            continue
        if rate.formula == "first_resolution":
            hit = first_resolution(case, clocks, rate.clock, repeats, start, end)
        elif rate.formula == "year_end":
            hit = concluded(case, start, end)
        else:
            hit = _hit(rate, case, clocks, start, end, policy.settings)
        if hit is not None:
            out[key] = hit
    return out


def _hit(
    rate: RateMetric,
    case: Case,
    clocks: dict,
    start: dt.date,
    end: dt.date,
    settings: Settings,
) -> Outcome | None:
    """True/False when the case is in the rate's denominator (numerator or not), else None;
    OPEN for a clock still open and overdue at the end (in the denominator, not the numerator).
    """
    events = [e for e in case.events if e.date <= end]
    if rate.formula == "on_time":
        clock = clocks.get(rate.clock)
        if clock is None:
            return None
        if clock.done is not None:
            return clock.status is Status.met if clock.done >= start else None
        return OPEN if clock.status is Status.overdue else None
    if rate.formula == "satisfaction":
        ratings = [e for e in events if e.type == "rated" and e.date >= start]
        if not ratings:
            return None
        last = ratings[-1].rating
        return last == "satisfied" or (
            last == "basically_satisfied" and settings.basically_satisfied_counts
        )
    # participation
    answered = next((e for e in events if e.type == "answered"), None)
    if answered is None or answered.date < start:
        return None
    return any(e.type == "rated" for e in events)


# -- per unit ------------------------------------------------------------------------------


@dataclass
class _Tally:
    hits: dict[str, list[tuple[str, Outcome]]] = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)

    def row(self, unit: str, policy: RankingPolicy) -> UnitRow:
        rates = {}
        for key, metric in policy.rates.items():
            hits = sorted(self.hits.get(key, []))  # by case id, whatever the input order
            k, n = sum(hit is True for _, hit in hits), len(hits)
            interval = wilson(k, n, policy.settings.z)
            rates[key] = Rate(
                key=key,
                name=metric.name,
                numerator=k,
                denominator=n,
                low=interval[0] if interval else None,
                high=interval[1] if interval else None,
                counted=tuple(case_id for case_id, _ in hits),
                missed=tuple(case_id for case_id, hit in hits if hit is not True),
                still_open=tuple(case_id for case_id, hit in hits if hit == OPEN),
            )
        assessed = len({c for key in policy.weights for c in rates[key].counted})
        score = _score(rates, policy.weights)
        decimals = policy.settings.score_decimals
        rounded = _round_half_up(score, decimals) if score is not None else None
        return UnitRow(unit, rates, self.counts, assessed, rounded)


def _score(rates: dict[str, Rate], weights: dict[str, float]) -> Fraction | None:
    """100 × Σ w·rate / Σ w over the weighted rates that have a denominator."""
    num = den = Fraction(0)
    for key, weight in weights.items():
        value = rates[key].value
        if value is not None:
            w = Fraction(str(weight))
            num += w * value
            den += w
    return 100 * num / den if den else None


def _round_half_up(value: Fraction, decimals: int) -> Decimal:
    scaled = value * 10**decimals
    whole = math.floor(scaled + Fraction(1, 2))
    return Decimal(whole).scaleb(-decimals)


def _rank(rows: list[UnitRow], min_matters: int) -> None:
    """Competition ranking (1, 1, 3) on the rounded score, ties in unit-key order."""
    eligible = []
    for row in rows:
        if row.score is None:
            row.note = "无考核事项"
        elif row.assessed < min_matters:
            row.note = f"考核事项 {row.assessed} 件，不足 {min_matters} 件，不排名"
        else:
            eligible.append(row)
    eligible.sort(key=lambda r: (-r.score, r.unit))
    for i, row in enumerate(eligible, start=1):
        previous = eligible[i - 2] if i > 1 else None
        row.rank = previous.rank if previous and previous.score == row.score else i
