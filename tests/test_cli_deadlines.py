"""`deadlines`, `overdue` and `explain` through the real commands on a tiny registry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import NOT_ACCEPTED, WAGES, make_registry, with_id
from xinfang.cli import cli

CLOSE_0137 = "  - {date: 2026-09-01, type: closed, how: resolved}\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_registry(
        tmp_path / "r",
        {
            "2026/XF-2026-0200.yaml": with_id(WAGES, "XF-2026-0200"),
            "2026/XF-2026-0201.yaml": with_id(NOT_ACCEPTED, "XF-2026-0201"),
        },
    )


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


def test_deadlines_json_contract(root: Path) -> None:
    result = run(root, "deadlines", "--as-of", "2026-12-04", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["left_out"] == []
    rows = report["rows"]
    keys = {"case", "clock", "start", "due", "done", "status", "days_left", "provisional", "basis"}
    assert all(set(r) == keys for r in rows)
    by = {(r["case"], r["clock"]): r for r in rows}
    assert by["XF-2026-0137", "handling"] == {
        "case": "XF-2026-0137",
        "clock": "handling",
        "start": "2026-06-05",
        "due": "2026-08-24",
        "done": "2026-08-20",
        "status": "met",
        "days_left": None,
        "provisional": False,
        "basis": "《信访工作条例》第三十四条",
    }
    assert by["XF-2026-0200", "handling"]["status"] == "due_soon"
    assert by["XF-2026-0200", "handling"]["days_left"] == 4
    assert by["XF-2026-0201", "acceptance"]["status"] == "overdue"
    assert by["XF-2026-0201", "acceptance"]["days_left"] == -17
    assert by["XF-2026-0137", "review-request"]["status"] == "lapsed"


def test_deadlines_filters_and_formats(root: Path) -> None:
    one = json.loads(
        run(
            root, "deadlines", "--as-of", "2026-12-04", "--case", "XF-2026-0200", "--format", "json"
        ).stdout
    )["rows"]
    assert {r["case"] for r in one} == {"XF-2026-0200"}
    town = run(
        root, "deadlines", "--as-of", "2026-12-04", "--unit", "qingshi-town", "--format", "csv"
    )
    table = list(csv.DictReader(io.StringIO(town.stdout)))
    assert {r["案件"] for r in table} == {"XF-2026-0201"}
    assert table[0]["剩余天数"] != ""
    text = run(root, "deadlines", "--as-of", "2026-12-04")
    assert "受理告知期限" in text.stdout and "逾期" in text.stdout
    assert run(root, "deadlines", "--case", "XF-2026-9999").exit_code == 1
    assert run(root, "deadlines", "--as-of", "2026-02-30").exit_code == 2


def test_overdue_lists_overdue_and_due_soon_and_checks(root: Path) -> None:
    result = run(root, "overdue", "--as-of", "2026-12-04", "--format", "json", "--check")
    assert result.exit_code == 1
    rows = json.loads(result.stdout)["rows"]
    assert [(r["case"], r["clock"], r["status"]) for r in rows] == [
        ("XF-2026-0137", "progress", "overdue"),  # owned by a leader, no weekly report since 6/5
        ("XF-2026-0201", "acceptance", "overdue"),
        ("XF-2026-0201", "routing", "overdue"),  # neither routed nor accepted in 15 days
        ("XF-2026-0200", "handling", "due_soon"),
    ]
    narrow = json.loads(
        run(root, "overdue", "--as-of", "2026-12-04", "--within", "3", "--format", "json").stdout
    )["rows"]
    assert [r["case"] for r in narrow] == ["XF-2026-0137", "XF-2026-0201", "XF-2026-0201"]


def test_overdue_check_passes_when_nothing_is_overdue(root: Path) -> None:
    path = root / "cases/2026/XF-2026-0137.yaml"
    path.write_text(path.read_text(encoding="utf-8") + CLOSE_0137, encoding="utf-8")
    (root / "cases/2026/XF-2026-0201.yaml").unlink()
    result = run(root, "overdue", "--as-of", "2026-12-04", "--check")
    assert result.exit_code == 0, result.output
    assert "逾期 0 项，临期 1 项" in result.stdout


def test_overdue_github_annotations_point_at_the_start_event(root: Path) -> None:
    result = run(root, "overdue", "--as-of", "2026-12-04", "--format", "github")
    lines = result.stdout.splitlines()
    assert (
        "::error file=cases/2026/XF-2026-0201.yaml,line=10,col=5,title=受理告知期限::" in lines[1]
    )
    assert lines[3].startswith("::warning file=cases/2026/XF-2026-0200.yaml,line=10,col=5,")


def test_explain_reads_like_a_petition_officer_wants(root: Path) -> None:
    result = run(root, "explain", "XF-2026-0137", "--as-of", "2026-11-22")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("XF-2026-0137 反映小区雨棚被拆除导致楼道积水\n")
    assert "【办理期限】按期完成" in text
    assert "2026-08-24" in text and "第三十四条" in text
    assert run(root, "explain", "XF-2026-0999").exit_code == 1
