"""Rates, counts, scores and ranks on small registries computed by hand.

Calendar facts used (2026): National Day off 10/1–10/7, Saturday 10/10 a make-up working
day; 10/11 and 10/24 are ordinary Sunday/Saturday days off.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from ranking_factory import OCTOBER, town_registry
from registry_factory import case_yaml, cases_of, make_registry
from xinfang.ranking.periods import PeriodError, parse_period
from xinfang.ranking.rates import compute_ranking, percent, wilson
from xinfang.registry.loader import load_registry

D = dt.date
H = "housing-bureau"

# Unit housing-bureau, October 2026. Due dates: acceptance = received + 15 days, handling =
# accepted + 60 days, each rolled forward past days off (《民法典》第二百零三条).
HAND = cases_of(
    # acceptance done in September: not in October; handling due 11-19, running.
    case_yaml("XF-2026-0001", H, ["2026-09-10 received", "2026-09-20 accepted"]),
    # acceptance due 10-23, done 10-20: on time. Collective visit (6) to the city.
    case_yaml(
        "XF-2026-0002",
        H,
        ["2026-10-08 received", "2026-10-20 accepted"],
        channel="visit",
        headcount=6,
        visited_level="city",
    ),
    # acceptance due 10-24 (Sat) → 10-26; done 10-29: late. Visit of 5 to the province, repeat.
    case_yaml(
        "XF-2026-0003",
        H,
        ["2026-10-09 received", "2026-10-29 accepted"],
        channel="visit",
        headcount=5,
        visited_level="province",
        repeat_of="XF-2026-0001",
    ),
    # acceptance due 10-10 (make-up Saturday, a working day): never accepted → open overdue.
    case_yaml("XF-2026-0004", H, ["2026-09-25 received"]),
    # handling due 09-01; answered 10-12: late. Not rated.
    case_yaml(
        "XF-2026-0005", H, ["2026-07-01 received", "2026-07-03 accepted", "2026-10-12 answered"]
    ),
    # handling due 10-02 (holiday) → 10-08; answered 10-08: on time. 基本满意. First petition.
    case_yaml(
        "XF-2026-0006",
        H,
        [
            "2026-08-01 received",
            "2026-08-03 accepted",
            "2026-10-08 answered",
            "2026-10-15 rated rating=basically_satisfied",
        ],
        first=True,
    ),
    # handling due 10-11 (Sun) → 10-12; answered 10-20: late. 不满意, then asks for review.
    case_yaml(
        "XF-2026-0007",
        H,
        [
            "2026-08-10 received",
            "2026-08-12 accepted",
            "2026-10-20 answered",
            "2026-10-25 rated rating=unsatisfied",
            "2026-10-28 review_requested",
        ],
        first=True,
    ),
    # handling due 10-20, still open on 10-31: overdue, counted as late.
    case_yaml("XF-2026-0008", H, ["2026-08-20 received", "2026-08-21 accepted"]),
    # a visit of 4 that reached Beijing: counted, not collective; no clock in October's rates.
    case_yaml(
        "XF-2026-0009",
        H,
        ["2026-10-30 received"],
        channel="visit",
        headcount=4,
        visited_level="national",
    ),
)


@pytest.fixture
def hand(tmp_path: Path):
    root = make_registry(tmp_path / "r", HAND, example=False)
    result = load_registry(root)
    # 包案 reminders (visits to the province and Beijing have no owner here) leave cases in
    assert not result.errors, result.errors
    return result.registry


def test_wilson_matches_a_hand_computation() -> None:
    # 4/5, z = 1.96: centre = (0.8 + 0.38416) / 1.76832 = 0.669651;
    # half = 1.96 × √(0.032 + 0.038416) / 1.76832 = 0.294123.
    low, high = wilson(4, 5, 1.96)
    assert low == pytest.approx(0.375528, abs=1e-6)
    assert high == pytest.approx(0.963777, abs=1e-6)
    low, high = wilson(1, 3, 1.96)
    assert (round(low, 4), round(high, 4)) == (0.0615, 0.7923)
    assert wilson(0, 0, 1.96) is None
    assert wilson(3, 3, 1.96)[1] == 1.0
    assert wilson(0, 3, 1.96)[0] == 0.0


def test_every_rate_of_one_unit_by_hand(hand) -> None:
    ranking = compute_ranking(hand, parse_period("2026-10"), as_of=D(2026, 12, 1))
    row = ranking.row(H)
    got = {k: (r.numerator, r.denominator, r.missed) for k, r in row.rates.items()}
    assert got == {
        "acceptance": (1, 3, ("XF-2026-0003", "XF-2026-0004")),
        "handling": (1, 4, ("XF-2026-0005", "XF-2026-0007", "XF-2026-0008")),
        "satisfaction": (1, 2, ("XF-2026-0007",)),
        "participation": (2, 3, ("XF-2026-0005",)),
        # 0006 and 0007 were answered in October: their review windows are still open on
        # 10-31, so both are 待定 (judged in November), in neither part of the rate
        "first-resolution": (0, 0, ()),
        "first-resolution-visit": (0, 0, ()),
        "first-resolution-online": (0, 0, ()),
        # assigned (here: registered, never transferred) in October, none concluded by 10-31
        "year-end": (0, 3, ("XF-2026-0002", "XF-2026-0003", "XF-2026-0009")),
    }
    # 100 × (20·1/3 + 40·1/4 + 30·1/2) / 90 = 35.185… (no first-resolution denominator)
    assert row.score == Decimal("35.19")
    assert row.assessed == 7  # 0002–0008
    assert row.rank == 1 and row.note is None
    assert row.counts.as_dict() == {
        "matters": 3,
        "people": 15,
        "collective": 2,
        "collective_people": 11,
        "city": 1,
        "province": 1,
        "national": 1,
        "repeat": 1,
    }
    low, high = row.rates["acceptance"].low, row.rates["acceptance"].high
    assert (round(low, 4), round(high, 4)) == (0.0615, 0.7923)
    assert ranking.complete and ranking.as_of == D(2026, 10, 31)
    assert ranking.total.rates["handling"].denominator == 4


def test_basically_satisfied_is_a_setting(hand) -> None:
    settings = hand.ranking.settings.model_copy(update={"basically_satisfied_counts": False})
    hand.ranking = hand.ranking.model_copy(update={"settings": settings})
    row = compute_ranking(hand, parse_period("2026-10"), as_of=D(2026, 10, 31)).row(H)
    assert (row.rates["satisfaction"].numerator, row.rates["satisfaction"].denominator) == (0, 2)


def test_a_matter_overdue_across_a_period_boundary(tmp_path: Path) -> None:
    # Acceptance due 10-10. September: still running → not counted. October and November:
    # open and overdue at the end → late each time. Accepted 12-03: December, late; then gone.
    events = ["2026-09-25 received"]
    root = make_registry(
        tmp_path / "r", cases_of(case_yaml("XF-2026-0004", H, events)), example=False
    )
    registry = load_registry(root).registry

    def acceptance(period: str, as_of: dt.date) -> tuple[int, int]:
        rate = compute_ranking(registry, parse_period(period), as_of=as_of).row(H)
        return rate.rates["acceptance"].numerator, rate.rates["acceptance"].denominator

    assert acceptance("2026-09", D(2026, 9, 30)) == (0, 0)
    assert acceptance("2026-10", D(2026, 10, 31)) == (0, 1)
    assert acceptance("2026-Q4", D(2026, 12, 31)) == (0, 1)
    path = root / "cases/2026/XF-2026-0004.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - {date: 2026-12-03, type: accepted}\n")
    registry = load_registry(root).registry
    assert acceptance("2026-11", D(2026, 11, 30)) == (0, 1)  # as it stood on 11-30
    assert acceptance("2026-12", D(2026, 12, 31)) == (0, 1)  # concluded late in December
    assert acceptance("2027-01", D(2027, 1, 31)) == (0, 0)


def test_unfinished_period_is_computed_as_of_the_as_of_date(hand) -> None:
    ranking = compute_ranking(hand, parse_period("2026-10"), as_of=D(2026, 10, 15))
    assert not ranking.complete and ranking.as_of == D(2026, 10, 15)
    row = ranking.row(H)
    # By 10-15: 0004's acceptance overdue; 0005 answered late, 0006 on time; 0007 overdue.
    assert row.rates["acceptance"].missed == ("XF-2026-0004",)
    assert row.rates["handling"].missed == ("XF-2026-0005", "XF-2026-0007")
    assert row.counts.matters == 2  # 0009 not yet received
    with pytest.raises(PeriodError, match="早于统计期间"):
        compute_ranking(hand, parse_period("2026-11"), as_of=D(2026, 10, 15))


# -- ranking: ties, the minimum, an empty unit ---------------------------------------------


def test_ties_share_a_rank_and_order_by_unit_key(tmp_path: Path) -> None:
    registry = town_registry(tmp_path / "r", {10: OCTOBER})
    ranking = compute_ranking(registry, parse_period("2026-10"), as_of=D(2026, 10, 31))
    got = [(r.unit, r.rank, str(r.score) if r.score is not None else None) for r in ranking.rows]
    assert got == [
        ("a-town", 1, "100.00"),
        ("b-town", 1, "100.00"),
        ("c-town", 3, "66.67"),
        ("d-town", 4, "33.33"),
        ("e-town", 4, "33.33"),
        ("f-town", None, "100.00"),
        ("qingshi-town", None, None),
    ]
    assert ranking.row("f-town").note == "考核事项 2 件，不足 3 件，不排名"
    assert ranking.row("qingshi-town").note == "无考核事项"
    empty = ranking.row("qingshi-town")
    assert all(r.denominator == 0 and r.low is None for r in empty.rates.values())


def test_rank_is_deterministic_whatever_the_order_of_units(tmp_path: Path) -> None:
    first = town_registry(tmp_path / "a", {10: OCTOBER})
    again = town_registry(tmp_path / "b", {10: OCTOBER})
    again.units = dict(reversed(list(again.units.items())))
    again.cases = list(reversed(again.cases))
    period = parse_period("2026-10")

    def shape(registry):
        ranking = compute_ranking(registry, period, as_of=D(2026, 10, 31))
        return [(r.unit, r.rank, r.score, r.rates["handling"].counted) for r in ranking.rows]

    assert shape(first) == shape(again)


def test_percent_rounds_half_up() -> None:
    assert percent(Fraction(799, 1000)) == "79.9%"
    assert percent(Fraction(4, 5)) == "80.0%"
    assert percent(Fraction(2, 3)) == "66.7%"
    assert percent(Fraction(1, 8), 0) == "13%"
    assert percent(None) == "—"
