"""The findings where they are also shown: the notice's last part and the overdue list
(interview reports and listing deadlines, with their due dates)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from registry_factory import case_yaml, cases_of, make_registry
from test_findings import LISTING
from xinfang.cli import cli

H = "housing-bureau"


def registry(tmp_path: Path, actions: str) -> Path:
    cases = cases_of(
        case_yaml("XF-2026-0001", H, ["2026-08-01 received"]),
        case_yaml("XF-2026-0002", H, ["2026-08-01 received"]),
    )
    return make_registry(tmp_path / "r", cases, actions=actions, example=False)


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def test_overdue_lists_interview_reports_and_listing_deadlines(tmp_path: Path) -> None:
    root = registry(tmp_path, LISTING.replace("DEADLINE", "2026-11-15"))
    result = run(root, "overdue", "--as-of", "2026-11-22", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"left_out", "rows"}
    rows = [r for r in report["rows"] if "." in r["clock"]]
    assert [(r["clock"], r["case"], r["unit"], r["due"], r["days_left"]) for r in rows] == [
        ("interview.report", None, H, "2026-10-27", -26),
        ("listing.deadline", "XF-2026-0002", H, "2026-11-15", -7),
    ]
    assert all(r["status"] == "overdue" for r in rows)
    md = run(root, "overdue", "--as-of", "2026-11-22", "--format", "markdown").stdout
    assert "| — | 住建局 | 约谈整改报告逾期 | 2026-10-27 | 逾期 | -26 | 否 |" in md
    assert "| XF-2026-0002 | 住建局 | 挂牌督办未按要求推进 | 2026-11-15 | 逾期 | -7 | 否 |" in md
    table = run(root, "overdue", "--as-of", "2026-11-22", "--check")
    assert table.exit_code == 1 and "约谈整改报告逾期" in table.stdout
    other = run(root, "overdue", "--as-of", "2026-11-22", "--unit", "qingshi-town", "--check")
    assert "约谈整改报告逾期" not in other.stdout


def test_overdue_near_miss_report_in_and_deadline_not_passed(tmp_path: Path) -> None:
    text = LISTING.replace("DEADLINE", "2026-11-22").replace(
        "reason: 排名靠后}", "reason: 排名靠后, report: 2026-10-28}"
    )
    root = registry(tmp_path, text)
    rows = json.loads(run(root, "overdue", "--as-of", "2026-11-22", "--format", "json").stdout)
    assert not [r for r in rows["rows"] if "." in r["clock"]]


def test_notice_ends_with_the_findings_of_the_units(tmp_path: Path) -> None:
    root = registry(tmp_path, LISTING.replace("DEADLINE", "2026-11-15"))
    md = run(root, "notice", "--period", "2026-11", "--as-of", "2026-11-22").stdout
    part = md[md.index("## 六、问责与督办事项（截至 2026-11-22）") :]
    assert "### 住建局" in part
    assert (
        "- 挂牌督办未按要求推进：XF-2026-0002：挂牌督办限期 2026-11-15 已过 7 天，仍未摘牌销号"
        "（期限 2026-11-15）。依据：本县《关于建立健全信访工作有关机制的通知》第五部分"
    ) in part
    assert "约谈整改报告逾期" in part and "连续被专项通报" in part
    # the October notice sees the findings as of 10-31: the 限期 had not passed yet
    early = run(root, "notice", "--period", "2026-10").stdout
    part = early[early.index("## 六、问责与督办事项（截至 2026-10-31）") :]
    assert "挂牌督办跳过了步骤：下发通知" in part and "已过" not in part
