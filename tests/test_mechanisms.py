"""The mechanisms: bottom three twice in a row, 通报批评 at 80%/90%, listing after two
reminders, the interview's rectification report, the weekly progress report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ranking_factory import OCTOBER, SEPTEMBER, town_registry
from registry_factory import REPO, case_yaml, cases_of, make_registry
from xinfang.clocks.deadlines import Status
from xinfang.models import RankingPolicy
from xinfang.ranking.mechanisms import (
    _criticism,
    bottom_units,
    earlier_rankings,
    interview_states,
    listing_states,
    triggers,
)
from xinfang.ranking.periods import Period, parse_period
from xinfang.ranking.rates import Counts, Ranking, Rate, UnitRow, compute_ranking
from xinfang.registry import store
from xinfang.registry.loader import load_registry

D = dt.date
POLICY = RankingPolicy.model_validate(
    store.load_file(REPO / "policy" / "ranking.yaml", "policy/ranking.yaml")
)


def _synthetic(kind: str, rates: dict[str, tuple[int, int]], key: str = "handling") -> Ranking:
    rows = []
    for unit, (k, n) in rates.items():
        rate = Rate(key, POLICY.rates[key].name, k, n, None, None)
        rows.append(UnitRow(unit, {key: rate}, Counts(), n, Decimal(0), 1))
    period = {"month": Period(2026, "month", 10), "year": Period(2026, "year", 1)}[kind]
    total = UnitRow("", {}, Counts(), 0, None)
    return Ranking(period, period.end, True, rows, total, POLICY)


def _criticised(ranking: Ranking) -> list[str]:
    return [t.unit for t in _criticism(ranking)]


def test_criticism_is_strictly_below_the_threshold() -> None:
    month = _synthetic("month", {"u799": (799, 1000), "u800": (4, 5), "none": (0, 0)})
    assert _criticised(month) == ["u799"]
    detail = [t.detail for t in _criticism(month)]
    assert detail == ["按期办结率 79.9%（799/1000），低于 80%"]
    # the year: 按期结案率 below 80% still counts, and so does 年终结案率 below 90%
    year = _synthetic("year", {"u799": (799, 1000), "u899": (899, 1000), "u900": (9, 10)})
    assert _criticised(year) == ["u799"]
    year_end = _synthetic("year", {"u899": (899, 1000), "u900": (9, 10)}, key="year-end")
    assert _criticised(year_end) == ["u899"]
    assert [t.detail for t in _criticism(year_end)] == ["结案率 89.9%（899/1000），低于 90%"]
    # a month is not judged on the conclusion rate
    assert _criticised(_synthetic("month", {"u5": (1, 2)}, key="year-end")) == []


def test_bottom_three_includes_ties_and_needs_more_than_three_ranked(tmp_path: Path) -> None:
    registry = town_registry(tmp_path / "r", {9: SEPTEMBER, 10: OCTOBER})
    september = compute_ranking(registry, parse_period("2026-09"), as_of=D(2026, 9, 30))
    october = compute_ranking(registry, parse_period("2026-10"), as_of=D(2026, 10, 31))
    assert bottom_units(september, 3) == {"b-town", "c-town", "d-town"}
    assert bottom_units(october, 3) == {"c-town", "d-town", "e-town"}
    assert bottom_units(october, 5) == set()  # five ranked units have no bottom five


def test_two_consecutive_bottom_three_notices_suggest_a_reminder(tmp_path: Path) -> None:
    registry = town_registry(tmp_path / "r", {9: SEPTEMBER, 10: OCTOBER})
    period = parse_period("2026-10")
    october = compute_ranking(registry, period, as_of=D(2026, 10, 31))
    earlier = earlier_rankings(registry, period, 2)
    assert [r.period.code for r in earlier] == ["2026-09"]
    found = triggers(registry, october, earlier)
    bottom = [(t.unit, t.detail) for t in found if t.kind == "bottom"]
    assert bottom == [
        (
            "c-town",
            "连续 2 次定期通报排名后 3 位（2026年9月第 6 名（共 6 个单位排名），"
            "2026年10月第 3 名（共 5 个单位排名））",
        ),
        (
            "d-town",
            "连续 2 次定期通报排名后 3 位（2026年9月第 4 名（共 6 个单位排名），"
            "2026年10月第 4 名（共 5 个单位排名））",
        ),
    ]
    criticised = sorted(t.unit for t in found if t.kind == "criticism")
    assert criticised == ["c-town", "d-town", "e-town"]
    # A quarter is not in the regular series: no "consecutive" suggestion.
    q4 = compute_ranking(registry, parse_period("2026-Q4"), as_of=D(2026, 12, 31))
    earlier_q = earlier_rankings(registry, q4.period, 2)
    assert not [t for t in triggers(registry, q4, earlier_q) if t.kind == "bottom"]


ACTIONS = """\
actions:
  # two reminders in a row on 0001 → listing suggested
  - {date: 2026-10-05, kind: reminder, form: sms, unit: housing-bureau, case: XF-2026-0001, reason: 久拖未决}
  - {date: 2026-10-20, kind: reminder, form: letter, unit: housing-bureau, case: XF-2026-0001, reason: 仍未化解}
  # reminder, listing, reminder on 0002 → the listing breaks the run
  - {date: 2026-09-01, kind: reminder, form: sms, unit: housing-bureau, case: XF-2026-0002, reason: 久拖未决}
  - kind: listing
    date: 2026-09-10
    unit: housing-bureau
    case: XF-2026-0002
    reason: 情况严重，直接挂牌
    steps:
      - {step: filing, date: 2026-09-10}
      - {step: notice, date: 2026-09-12}
      - {step: resolution, date: 2026-11-02}
  - {date: 2026-10-10, kind: reminder, form: sms, unit: housing-bureau, case: XF-2026-0002, reason: 推进缓慢}
  # two reminders on 0003, but it is closed → nothing to list
  - {date: 2026-09-02, kind: reminder, form: sms, unit: hrss-bureau, case: XF-2026-0003, reason: 久拖未决}
  - {date: 2026-09-03, kind: reminder, form: sms, unit: hrss-bureau, case: XF-2026-0003, reason: 久拖未决}
  # the second reminder on 0004 comes after the as-of date
  - {date: 2026-10-05, kind: reminder, form: sms, unit: qingshi-town, case: XF-2026-0004, reason: 久拖未决}
  - {date: 2026-11-05, kind: reminder, form: sms, unit: qingshi-town, case: XF-2026-0004, reason: 久拖未决}
  # interview on Monday 09-28: 15 working days skip National Day, count make-up Sat 10-10 → 10-23
  - {date: 2026-09-28, kind: interview, unit: qingshi-town, reason: 连续两次排名后三位}
  - {date: 2026-09-28, kind: interview, unit: hrss-bureau, reason: 越级访, report: 2026-10-23}
  - {date: 2026-10-20, kind: interview, unit: housing-bureau, reason: 越级访}
"""


@pytest.fixture
def acted(tmp_path: Path):
    cases = cases_of(
        case_yaml("XF-2026-0001", "housing-bureau", ["2026-08-01 received"]),
        case_yaml("XF-2026-0002", "housing-bureau", ["2026-08-01 received"]),
        case_yaml(
            "XF-2026-0003",
            "hrss-bureau",
            ["2026-08-01 received", "2026-09-20 closed how=withdrawn"],
        ),
        case_yaml("XF-2026-0004", "qingshi-town", ["2026-08-01 received"]),
    )
    root = make_registry(tmp_path / "r", cases, actions=ACTIONS)
    result = load_registry(root)
    assert not result.problems, result.problems
    return result.registry


def test_two_reminders_in_a_row_suggest_listing(acted) -> None:
    ranking = compute_ranking(acted, parse_period("2026-10"), as_of=D(2026, 10, 31))
    found = triggers(acted, ranking, [])
    listing = [(t.unit, t.cases, t.detail) for t in found if t.kind == "listing"]
    assert listing == [
        (
            "housing-bureau",
            ("XF-2026-0001",),
            "XF-2026-0001 连续 2 次被提醒（2026-10-05、2026-10-20）",
        )
    ]
    later = compute_ranking(acted, parse_period("2026-11"), as_of=D(2026, 11, 30))
    cases = [t.cases for t in triggers(acted, later, []) if t.kind == "listing"]
    assert cases == [("XF-2026-0001",), ("XF-2026-0004",)]


def test_interview_report_due_in_fifteen_working_days(acted) -> None:
    states = interview_states(acted, as_of=D(2026, 10, 26))
    got = [(s.action.unit, s.due, s.status, s.days_overdue) for s in states]
    assert got == [
        ("qingshi-town", D(2026, 10, 23), Status.overdue, 3),
        ("hrss-bureau", D(2026, 10, 23), Status.met, 0),
        ("housing-bureau", D(2026, 11, 10), Status.running, 0),
    ]
    ranking = compute_ranking(acted, parse_period("2026-10"), as_of=D(2026, 10, 26))
    overdue = [
        (t.unit, t.detail) for t in triggers(acted, ranking, []) if t.kind == "interview_report"
    ]
    assert overdue == [
        ("qingshi-town", "2026-09-28 约谈，整改报告应于 2026-10-23 前报送，已逾期 3 天")
    ]


def test_listing_runs_through_its_steps(acted) -> None:
    (october,) = listing_states(acted, as_of=D(2026, 10, 31))
    assert october.done == ("filing", "notice") and october.next_step == "resolution"
    (november,) = listing_states(acted, as_of=D(2026, 11, 30))
    assert november.next_step == "inspection"


def test_leader_cases_without_weekly_report_are_flagged(registry: Path) -> None:
    # The example case XF-2026-0137 is owned by a leader and has no progress report since
    # its acceptance on 06-05: its weekly clock was due 06-12.
    loaded = load_registry(registry).registry
    ranking = compute_ranking(loaded, parse_period("2026-06"), as_of=D(2026, 6, 30))
    (progress,) = [t for t in triggers(loaded, ranking, []) if t.kind == "progress"]
    assert (progress.unit, progress.cases) == ("housing-bureau", ("XF-2026-0137",))
    early = compute_ranking(loaded, parse_period("2026-06"), as_of=D(2026, 6, 10))
    assert not [t for t in triggers(loaded, early, []) if t.kind == "progress"]


SPECIAL = """\
actions:
  - {date: 2026-08-20, kind: special_notice, theme: 专项一, units: [b-town, c-town]}
  - {date: 2026-09-15, kind: special_notice, theme: 专项二, units: [c-town, d-town]}
  - {date: 2026-10-28, kind: special_notice, theme: 专项三, units: [c-town, b-town]}
  - {date: 2026-11-02, kind: interview, unit: c-town, reason: 连续被专项通报}
"""


def test_two_special_notices_in_a_row_suggest_a_reminder(tmp_path: Path) -> None:
    registry = town_registry(tmp_path / "r", {9: SEPTEMBER, 10: OCTOBER}, actions=SPECIAL)
    september = compute_ranking(registry, parse_period("2026-09"), as_of=D(2026, 9, 30))
    found = [(t.unit, t.name) for t in triggers(registry, september, []) if t.kind == "special"]
    assert found == [("c-town", "建议提醒或约谈")]  # b-town was not named in the second
    october = compute_ranking(registry, parse_period("2026-10"), as_of=D(2026, 10, 31))
    found = [(t.unit, t.detail) for t in triggers(registry, october, []) if t.kind == "special"]
    assert found == [
        ("c-town", "连续 2 次被专项通报点名（2026-09-15“专项二”、2026-10-28“专项三”）")
    ]  # d-town was not named in the third
    november = compute_ranking(registry, parse_period("2026-11"), as_of=D(2026, 11, 30))
    (late,) = [t.detail for t in triggers(registry, november, []) if t.kind == "special"]
    assert late.endswith("（已于 2026-11-02 约谈）")
    august = compute_ranking(registry, parse_period("2026-08"), as_of=D(2026, 8, 31))
    assert not [t for t in triggers(registry, august, []) if t.kind == "special"]


def test_nobody_is_bottom_three_when_every_unit_shares_the_top_score() -> None:
    ranking = _synthetic("month", {u: (3, 3) for u in "abcde"})
    for row in ranking.rows:
        row.score = Decimal(100)
    assert bottom_units(ranking, 3) == set()
    ranking.rows[0].score = Decimal(50)
    assert bottom_units(ranking, 3) == {"a"}
