"""`xinfang assess`: the year's placings and recorded actions per unit, on a small registry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ranking_factory import OCTOBER, SEPTEMBER, town_registry
from xinfang.cli import cli

# c-town and d-town are bottom three in September and October; c-town's October handling
# rate is 66.67% (below 80%: 通报批评). The actions of 2025 and after the as-of date are
# not counted.
ACTIONS = """\
actions:
  - {date: 2025-12-20, kind: reminder, form: sms, unit: c-town, reason: 去年的提醒}
  - {date: 2026-10-09, kind: reminder, form: sms, unit: c-town, reason: 九月通报排名后三位}
  - {date: 2026-10-12, kind: interview, unit: c-town, reason: 连续两次排名后三位}
  - {date: 2026-10-20, kind: special_notice, theme: 专项一, units: [c-town, d-town]}
  - {date: 2026-11-02, kind: admonition, unit: c-town, reason: 到省集访}
  - {date: 2026-11-03, kind: discipline, unit: d-town, reason: 失职}
  - {date: 2026-12-01, kind: criticism, unit: c-town, reason: 以后的}
"""


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    town_registry(tmp_path / "r", {9: SEPTEMBER, 10: OCTOBER}, actions=ACTIONS)
    return tmp_path / "r"


def run(root: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["--root", str(root), "assess", *args], env=env)


def test_assess_json_counts_placings_and_actions(towns: Path) -> None:
    result = run(towns, "--year", "2026", "--as-of", "2026-11-22", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = {r["unit"]: r for r in report["rows"]}
    assert report["left_out"] == []
    c, d, f = rows["c-town"], rows["d-town"], rows["f-town"]
    assert c["bottom"] == 2 and d["bottom"] == 2 and rows["b-town"]["bottom"] == 1
    assert (c["reminder"], c["interview"], c["special_notice"], c["admonition"]) == (1, 1, 1, 1)
    assert c["criticism"] == 0  # dated after the as-of date
    assert d["discipline"] == 1 and d["special_notice"] == 1
    assert f["total"] == 0 and f["notes"] == ""
    assert c["criticised"] >= 1  # October's 66.67% < 80%
    assert "2026年9月第 6 名" in c["notes"] and "2026-10-12" in c["notes"]
    assert c["total"] == c["bottom"] + c["criticised"] + 4


def test_assess_counts_only_periods_ended_by_the_as_of_date(towns: Path) -> None:
    result = run(towns, "--year", "2026", "--format", "json", env={"XINFANG_AS_OF": "2026-10-15"})
    rows = {r["unit"]: r for r in json.loads(result.stdout)["rows"]}
    assert rows["c-town"]["bottom"] == 1  # September only: October has not ended
    assert rows["c-town"]["interview"] == 1 and rows["c-town"]["admonition"] == 0


def test_assess_csv_and_text(towns: Path) -> None:
    result = run(towns, "--year", "2026", "--as-of", "2026-11-22", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    row = next(r for r in table if r["单位"] == "丙镇")
    assert row["通报排名靠后"] == "2" and row["诫勉"] == "1" and row["约谈"] == "1"
    text = run(towns, "--year", "2026", "--as-of", "2026-11-22").stdout
    assert text.startswith("2026 年度信访工作考核汇总（截至 2026-11-22；各列为次数）")
    assert "丙镇：排名靠后：2026年9月第 6 名、2026年10月第 3 名" in text


def test_assess_refuses_a_future_year(towns: Path) -> None:
    result = run(towns, "--year", "2027", "--as-of", "2026-11-22")
    assert result.exit_code == 2 and "2027" in result.stderr
