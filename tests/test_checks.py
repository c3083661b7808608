"""checks.py on its own: per-case rules in parametrized tables, no files."""

from __future__ import annotations

import pytest

from xinfang.models import Case
from xinfang.rules import checks

BASE = {
    "id": "XF-2026-0042",
    "title": "反映工资拖欠",
    "received": "2026-03-02",
    "channel": "letter",
    "kind": "request",
    "category": "wage-arrears",
    "unit": "hrss-bureau",
}
REL = "cases/2026/XF-2026-0042.yaml"


def case(*events: tuple, **fields) -> Case:
    items = [{"date": "2026-03-02", "type": "received"}]
    for date, kind, *extra in events:
        items.append({"date": date, "type": kind, **(extra[0] if extra else {})})
    return Case.model_validate({**BASE, **fields, "events": items})


def messages(c: Case, rel: str = REL) -> list[tuple[str, str]]:
    found = checks.check_case_path(c, rel) + checks.check_case_fields(c, rel)
    found += checks.check_events(c, rel, max_extension=30)
    return [(".".join(map(str, f.loc)), f.message) for f in found]


ACCEPT = ("2026-03-05", "accepted")
ANSWER = ("2026-04-20", "answered")


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ((ACCEPT, ANSWER, ("2026-04-25", "rated", {"rating": "satisfied"})), []),
        ((("2026-03-05", "answered"),), [("events.1.type", "“出具处理意见”之前应有“受理”事件")]),
        ((ACCEPT, ("2026-03-06", "rejected", {"reason": "不属于受理范围"})),
         [("events.2.type", "同一事项不能既受理又不予受理")]),
        ((ACCEPT, ACCEPT), [("events.2.type", "“受理”只能出现一次")]),
        ((ACCEPT, ANSWER, ("2026-05-01", "extended", {"days": 10, "approval": "局长批准"})),
         [("events.3.type", "已出具处理意见，不能再延期")]),
        ((ACCEPT, ("2026-04-01", "extended", {"days": 20, "approval": "局长批准"}),
          ("2026-04-20", "extended", {"days": 11, "approval": "局长批准"})),
         [("events.3.days", "延期合计 31 日，超过上限 30 日")]),
        ((ACCEPT, ("2026-03-10", "hearing_ended")),
         [("events.2.type", "“听证结束”之前应有“听证开始”事件")]),
        ((ACCEPT, ("2026-03-20", "closed", {"how": "resolved"}), ("2026-03-21", "progress", {"note": "回访"})),
         [("events.3.type", "已结案销号，之后不能再有事件")]),
        ((("2026-03-04", "transferred", {"to": "qingshi-town"}),
          ("2026-03-06", "objected", {"reason": "不属本镇职责"})), []),
        ((("2026-03-06", "objected", {"reason": "不属本镇职责"}),),
         [("events.1.type", "“提出异议”之前应有“转送/交办”事件")]),
    ],
)  # fmt: skip
def test_event_sequences(events: tuple, expected: list) -> None:
    assert messages(case(*events)) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"visited_level": "city"}, [("visited_level", "只有信访形式为来访的才填写来访层级")]),
        ({"channel": "visit", "visited_level": "city"}, []),
        ({"headcount": 1, "petitioners": [{"name": "甲某"}, {"name": "乙某"}]},
         [("headcount", "人数 1 少于列出的信访人（2 人）")]),
        ({"channel": "visit", "headcount": 40, "petitioners": [{"name": f"代表{i}"} for i in range(6)]},
         [("petitioners", "集体来访推选的代表不超过 5 人")]),
        ({"first": True, "repeat_of": "XF-2025-0007"},
         [("first", "重复信访（已填前案编号）不能同时标为初信初访")]),
    ],
)  # fmt: skip
def test_case_fields(fields: dict, expected: list) -> None:
    assert messages(case(ACCEPT, **fields)) == expected


def test_path_rules() -> None:
    c = case(ACCEPT)
    assert messages(c, "cases/2025/XF-2026-0042.yaml") == [
        ("id", "编号年份 2026 与所在目录 2025/ 不一致")
    ]
    late = case(ACCEPT, received="2026-03-02")
    assert messages(late, "cases/2026/XF-2026-0043.yaml") == [
        ("id", "编号 XF-2026-0042 与文件名 XF-2026-0043.yaml 不一致")
    ]


def test_first_event_must_be_the_registration() -> None:
    c = Case.model_validate({**BASE, "events": [{"date": "2026-03-05", "type": "accepted"}]})
    assert messages(c)[0] == ("events.0", "第一个事件应为 {date: 2026-03-02, type: received}")


def test_unique_ids_and_repeats_across_files() -> None:
    dupes = checks.check_unique_ids([("a.yaml", "XF-2026-0001"), ("b.yaml", "XF-2026-0001")])
    assert [(f.path, f.message) for f in dupes] == [("b.yaml", "编号 XF-2026-0001 与 a.yaml 重复")]
    missing = checks.check_repeats([("a.yaml", "XF-2025-0009")], {"XF-2026-0001"})
    assert [f.message for f in missing] == ["案件 XF-2025-0009 不存在"]
