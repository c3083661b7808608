"""explain_case: the Chinese account a petition officer reads."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from case_factory import ROOT, D, load_policy
from case_factory import make_case as build_case
from xinfang.clocks.calendar import OfficialCalendar
from xinfang.clocks.deadlines import compute_clocks
from xinfang.clocks.explain import explain_case
from xinfang.models import CalendarYear, Case, HolidaySpan

POLICY = load_policy()
CAL = OfficialCalendar()


def make_case(*events: tuple[Any, ...], kind: str = "request") -> Case:
    return build_case(
        *events,
        kind=kind,
        case_id="XF-2026-0042",
        title="小区供暖不达标",
        channel="online",
        category="housing",
    )


def explain(case: Case, as_of: str, calendar: OfficialCalendar = CAL) -> str:
    day = D(as_of)
    return explain_case(case, compute_clocks(case, POLICY, calendar, as_of=day), as_of=day)


def test_full_text_of_a_window_over_spring_festival() -> None:
    assert explain(make_case(("answered", "2026-01-20")), "2026-02-10") == (
        "XF-2026-0042 小区供暖不达标\n"
        "截至 2026-02-10 的期限情况\n"
        "\n"
        "【请求复查期间】进行中\n"
        "  起算：2026-01-20（星期二）出具处理意见，当日不计入，自次日起算\n"
        "  期限：30 日（自然日）；属权利期间，届满未行使只记为已过期，不算逾期\n"
        "  计算：第 30 日为 2026-02-19（星期四）\n"
        "  顺延：2026-02-19 至 2026-02-23 为春节假期，顺延至 2026-02-24\n"
        "  到期日：2026-02-24（星期二）\n"
        "  状态：进行中，还剩 14 日\n"
        "  依据：《信访工作条例》第三十五条。信访人对处理意见不服的，"
        "可在收到书面答复之日起 30 日内请求原办理机关的上一级机关复查。\n"
    )


def test_extension_and_completion() -> None:
    case = make_case(
        ("received", "2026-06-03"),
        ("accepted", "2026-06-05"),
        ("extended", "2026-07-20", {"days": 20, "approval": "县住建局局长批准"}),
        ("answered", "2026-08-20"),
    )
    text = explain(case, "2026-08-21")
    assert "【办理期限】按期完成" in text
    assert "  延期：2026-07-20（星期一）延长 20 日（批准：县住建局局长批准）" in text
    assert "  计算：第 80 日为 2026-08-24（星期一）（60 日，延长 20 日）" in text
    assert "  状态：按期完成，2026-08-20（星期四）出具处理意见" in text
    assert "《信访工作条例》第三十四条" in text
    assert "暂定" not in text


def test_capped_extension_is_said() -> None:
    case = make_case(
        ("accepted", "2026-06-05"),
        ("extended", "2026-07-20", {"days": 20}),
        ("extended", "2026-08-20", {"days": 20}),
    )
    assert "  延期合计 40 日，超过最长 30 日，按 30 日计" in explain(case, "2026-08-21")


@pytest.mark.parametrize(
    ("as_of", "status_line"),
    [
        ("2026-06-10", "  状态：进行中，还剩 55 日"),
        ("2026-07-31", "  状态：临期，还剩 4 日"),
        ("2026-08-04", "  状态：临期，今日到期"),
        ("2026-08-06", "  状态：逾期，已超过到期日 2 日"),
    ],
)
def test_status_lines(as_of: str, status_line: str) -> None:
    text = explain(make_case(("accepted", "2026-06-05")), as_of)  # due 8/4
    assert status_line in text.splitlines()


def test_late_and_lapsed() -> None:
    late = make_case(("accepted", "2026-06-05"), ("answered", "2026-08-07"))
    assert "  状态：逾期完成，2026-08-07（星期五）出具处理意见，晚于到期日 3 日" in explain(
        late, "2026-08-10"
    )
    lapsed = explain(make_case(("answered", "2026-01-20")), "2026-03-01")
    assert "  状态：已过期，期间已于 2026-02-24 届满（已过 5 日）" in lapsed


def test_hearing_lines() -> None:
    ended = make_case(
        ("recheck_requested", "2026-03-02"),
        ("hearing_started", "2026-03-10"),
        ("hearing_ended", "2026-03-12"),
    )
    text = explain(ended, "2026-03-20")
    assert "  听证：2026-03-10（星期二）至 2026-03-12（星期四），3 日不计入期限" in text
    assert "  计算：第 33 日为 2026-04-04（星期六）（30 日，听证 3 日不计）" in text
    assert "  顺延：2026-04-04 至 2026-04-06 为清明节假期，顺延至 2026-04-07" in text
    ongoing = make_case(("recheck_requested", "2026-03-02"), ("hearing_started", "2026-03-10"))
    text = explain(ongoing, "2026-03-20")
    assert (
        "  听证：2026-03-10（星期二）开始，截至 2026-03-20（星期五）尚未结束，已有 11 日不计入期限"
        in text
    )
    assert "听证结束前到期日将逐日后移" in text


def test_working_days_and_make_up_day() -> None:
    text = explain(
        make_case(("received", "2026-09-28"), ("transferred", "2026-09-29")), "2026-09-30"
    )
    assert "  计算：只计工作日，周末和节假日不计，第 5 个工作日为 2026-10-12（星期一）" in text
    # 8/20 + 30 = Sat 9/19; Sun 9/20 is a make-up working day, so the window ends on a Sunday
    made_up = explain(make_case(("answered", "2026-08-20")), "2026-08-21")
    assert "  顺延：2026-09-19 为周末，顺延至 2026-09-20" in made_up
    assert "  到期日：2026-09-20（星期日），为调休上班日" in made_up


def test_weekend_then_holiday_are_named_in_runs() -> None:
    notice = CalendarYear(
        year=2026,
        notice="测试安排",
        holidays=[HolidaySpan(name="儿童节", start=D("2026-06-01"), end=D("2026-06-01"))],
    )
    # 4/30 + 30 = Sat 5/30; Sun 5/31; Mon 6/1 off in this test calendar → Tue 6/2
    text = explain(
        make_case(("review_requested", "2026-04-30")), "2026-05-01", OfficialCalendar([notice])
    )
    assert (
        "  顺延：2026-05-30 至 2026-05-31 为周末，2026-06-01 为儿童节假期，顺延至 2026-06-02"
        in text
    )


def test_provisional_warning() -> None:
    case = make_case(("accepted", "2026-11-02"))  # + 60 = 2027-01-01
    text = explain(case, "2026-11-22")
    assert "  ⚠ 暂定（2027 年）：该年度节假日安排尚未公布，暂按周末推算" in text
    fixture = (ROOT / "tests" / "data" / "calendar-2027.yaml").read_text(encoding="utf-8")
    known = OfficialCalendar([CalendarYear.model_validate(YAML(typ="safe").load(fixture))])
    text = explain(case, "2026-11-22", known)
    assert "暂定" not in text
    assert "2027-01-01 至 2027-01-03 为元旦假期，顺延至 2027-01-04" in text


def test_confidential_case_hides_the_title() -> None:
    text = explain(make_case(("received", "2026-06-03"), kind="accusation"), "2026-06-04")
    assert text.startswith("XF-2026-0042 （保密事项，不显示标题）\n")
    assert "小区供暖不达标" not in text


def test_no_clock_yet() -> None:
    text = explain(make_case(("received", "2026-06-03")), "2026-06-01")
    assert text.endswith("尚无已起算的期限。\n")
