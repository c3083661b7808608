"""`xinfang calendar` and the site's feeds, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from registry_factory import REPO, WAGES, case_yaml, cases_of, make_registry
from xinfang.cli import cli
from xinfang.registry.loader import load_registry
from xinfang.site.build import plan_site
from xinfang.site.data import collect

AS_OF = "2026-11-22"
# Received 11-16, not yet transferred: routing and acceptance run (due 12-01)
ACCUSATION = case_yaml(
    "XF-2026-0302", "housing-bureau", ["2026-11-16 received"], kind="accusation",
    category="land-acquisition",
).replace("title: 测试案件 XF-2026-0302", "title: 举报某局长收受礼金")  # fmt: skip
OWNED = WAGES.replace("unit: hrss-bureau", "unit: hrss-bureau\nleader: li-wei")
ACTIONS = """\
actions:
  - {date: 2026-11-09, kind: interview, unit: qingshi-town, reason: 连续两次月度通报排名后三位}
  - {date: 2026-09-01, kind: interview, unit: hrss-bureau, reason: 已报送整改报告, report: 2026-09-10}
"""
RECEPTIONS = """\
receptions:
  - {leader: li-wei, date: 2026-11-26, place: 青石镇便民服务中心接访室, unit: qingshi-town, published: 2026-11-16}
  - {leader: li-wei, date: 2026-12-10, place: 青石镇便民服务中心接访室, unit: qingshi-town, published: 2026-11-30}
  - {leader: zhao-gang, date: 2026-11-27, place: 县群众工作中心, unit: qingshi-town, published: 2026-11-18}
"""


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    root = make_registry(tmp_path / "r", cases_of(OWNED, ACCUSATION), actions=ACTIONS)
    (root / "org" / "receptions").mkdir()
    (root / "org" / "receptions" / "2026.yaml").write_text(RECEPTIONS, encoding="utf-8")
    return root


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def _events(path: Path) -> dict[str, dict]:
    cal = Calendar.from_ical(path.read_bytes())
    out = {}
    for e in cal.walk("VEVENT"):
        out[str(e["uid"])] = {
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "description": str(e["description"]),
            "location": str(e.get("location", "")),
        }
    return out


def test_unit_feed_has_one_all_day_event_per_running_clock(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "人社局.ics"
    result = run(reg, "calendar", "-o", str(out), "--unit", "hrss-bureau", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "信访期限日历：县人力资源和社会保障局，2 个事件（数据截至 2026-11-22）" in result.output
    events = _events(out)
    # WAGES: accepted 10-09 → handling due 12-08, and the owner's weekly report; the interview
    # whose report came in is not listed
    assert set(events) == {
        "XF-2026-0300.handling@xinfang-registry",
        "XF-2026-0300.progress@xinfang-registry",
    }
    event = events["XF-2026-0300.handling@xinfang-registry"]
    assert event["summary"] == "XF-2026-0300 办理期限"
    assert event["start"] == dt.date(2026, 12, 8) and event["end"] == dt.date(2026, 12, 9)
    assert "《信访工作条例》第三十四条" in event["description"]
    assert "包案领导：李伟（副县长）" in event["description"]
    assert "反映工资拖欠" not in event["description"]  # no titles in a calendar
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["x-wr-calname"]) == "信访期限日历：县人力资源和社会保障局"


def test_an_extension_moves_the_event_under_the_same_uid(reg: Path, tmp_path: Path) -> None:
    before, after = tmp_path / "1.ics", tmp_path / "2.ics"
    assert run(reg, "calendar", "-o", str(before), "--unit", "hrss-bureau", "--as-of", AS_OF).exit_code == 0  # fmt: skip
    case = reg / "cases" / "2026" / "XF-2026-0300.yaml"
    case.write_text(
        case.read_text(encoding="utf-8")
        + "  - {date: 2026-11-20, type: extended, days: 20, approval: 局长批准}\n",
        encoding="utf-8",
    )
    assert run(reg, "calendar", "-o", str(after), "--unit", "hrss-bureau", "--as-of", AS_OF).exit_code == 0  # fmt: skip
    a, b = _events(before), _events(after)
    assert a.keys() == b.keys() and len(a) == 2
    assert a["XF-2026-0300.handling@xinfang-registry"]["start"] == dt.date(2026, 12, 8)
    assert b["XF-2026-0300.handling@xinfang-registry"]["start"] == dt.date(2026, 12, 28)
    # the same registry on the same date: the same bytes
    again = tmp_path / "3.ics"
    run(reg, "calendar", "-o", str(again), "--unit", "hrss-bureau", "--as-of", AS_OF)
    assert again.read_bytes() == after.read_bytes()


def test_an_accusation_shows_only_its_id_and_clock(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "住建局.ics"
    run(reg, "calendar", "-o", str(out), "--unit", "housing-bureau", "--as-of", AS_OF)
    events = _events(out)
    mine = {k: v for k, v in events.items() if k.startswith("XF-2026-0302.")}
    assert set(mine) == {
        "XF-2026-0302.routing@xinfang-registry",
        "XF-2026-0302.acceptance@xinfang-registry",
    }
    acceptance = mine["XF-2026-0302.acceptance@xinfang-registry"]
    assert acceptance["summary"] == "XF-2026-0302 受理告知期限"
    assert acceptance["description"] == "XF-2026-0302 受理告知期限，到期日 2026-12-01。"
    assert "收受礼金" not in out.read_text(encoding="utf-8")


def test_leader_feed_has_reception_days_owned_cases_and_interview_reports(
    reg: Path, tmp_path: Path
) -> None:
    out = tmp_path / "李伟.ics"
    result = run(reg, "calendar", "-o", str(out), "--leader", "li-wei", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    events = _events(out)
    assert set(events) == {
        "XF-2026-0300.handling@xinfang-registry",  # the case li-wei owns
        "XF-2026-0300.progress@xinfang-registry",  # and its weekly report
        "XF-2026-0137.progress@xinfang-registry",  # answered, not closed: still weekly
        "reception.li-wei.2026-11-26@xinfang-registry",  # published; 12-10 is not yet
        "interview-report.qingshi-town.2026-11-09@xinfang-registry",  # a town li-wei is linked to
    }
    reception = events["reception.li-wei.2026-11-26@xinfang-registry"]
    assert reception["summary"] == "李伟（副县长）接访日"
    assert reception["location"] == "青石镇便民服务中心接访室"
    report = events["interview-report.qingshi-town.2026-11-09@xinfang-registry"]
    # Monday 11-09 + 15 working days → Monday 11-30
    assert report["start"] == dt.date(2026, 11, 30)
    assert report["summary"] == "青石镇 约谈整改报告"
    assert "第六部分（约谈机制）" in report["description"]


def test_usage_errors_are_exit_2(reg: Path, tmp_path: Path) -> None:
    ics = str(tmp_path / "x.ics")
    for args, message in (
        (["-o", ics, "--unit", "hrss-bureau", "--leader", "li-wei"], "只能用一个"),
        (["-o", str(tmp_path / "x.txt")], "文件扩展名应为 .ics"),
        (["-o", ics, "--unit", "nowhere"], "单位“nowhere”不在 org/units.yaml 中"),
        (["-o", ics, "--leader", "nobody"], "org/leaders.yaml 中没有这位领导"),
    ):
        result = run(reg, "calendar", *args)
        assert result.exit_code == 2 and message in result.output, args


def test_the_site_offers_every_unit_and_leader_feed(reg: Path) -> None:
    registry = load_registry(reg).registry
    data = collect(registry, registry.calendar, as_of=dt.date(2026, 11, 22), commit="abc1234")
    files = plan_site(data)
    feeds = sorted(k for k in files if k.endswith(".ics"))
    assert feeds == sorted(
        ["generated/feeds/all.ics"]
        + [f"generated/feeds/unit-{k}.ics" for k in registry.units]
        + [f"generated/feeds/leader-{k}.ics" for k in registry.leaders]
    )
    unit_feed = Calendar.from_ical(files["generated/feeds/unit-hrss-bureau.ics"])
    assert [str(e["uid"]) for e in unit_feed.walk("VEVENT")] == [
        "XF-2026-0300.progress@xinfang-registry",  # due 11-24, before handling's 12-08
        "XF-2026-0300.handling@xinfang-registry",
    ]
    assert (
        '<a href="../../feeds/unit-hrss-bureau.ics" download>'
        in files["generated/units/hrss-bureau.md"]
    )
    receptions = files["generated/leadership/receptions.md"]
    assert '<a href="../../feeds/leader-li-wei.ics" download>李伟</a>' in receptions
    assert '<a href="../../feeds/all.ics" download>' in receptions


def test_installed_command_writes_the_demo_county_feed(tmp_path: Path) -> None:
    out = tmp_path / "全县.ics"
    done = subprocess.run(
        [str(REPO / ".venv/bin/xinfang"), "--root", str(REPO), "calendar", "-o", str(out),
         "--as-of", AS_OF],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = _events(out)
    uids = list(events)
    assert len(uids) == len(set(uids)) > 100
    assert "XF-2026-0197.handling@xinfang-registry" in events
