"""`xinfang stats` and the site's 统计 page: one yearbook form, the same numbers in both."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from registry_factory import case_yaml, cases_of, make_registry
from xinfang.cli import cli
from xinfang.ranking.yearbook import month_window, windows
from xinfang.registry.loader import load_registry
from xinfang.site.data import collect
from xinfang.site.stats import render_stats

AS_OF = "2026-11-22"


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def reg(tmp_path: Path) -> Path:
    """With the example case XF-2026-0137 (online, 1 person, received 2026-06-03)."""
    return make_registry(
        tmp_path / "r",
        cases_of(
            case_yaml("XF-2025-0001", "hrss-bureau", ["2025-03-01 received"], headcount=2),
            case_yaml("XF-2025-0002", "hrss-bureau", ["2025-04-01 received"], channel="visit"),
            # after the comparison window (the same days up to 11-22 a year earlier)
            case_yaml("XF-2025-0003", "hrss-bureau", ["2025-12-01 received"], channel="phone"),
            case_yaml(
                "XF-2026-0001",
                "qingshi-town",
                ["2026-02-01 received"],
                channel="visit",
                headcount=6,
                visited_level="city",
                category="land-acquisition",
            ),
            case_yaml("XF-2026-0002", "hrss-bureau", ["2026-03-01 received"], first=True),
            case_yaml(
                "XF-2026-0003",
                "qingshi-town",
                ["2026-05-01 received"],
                channel="visit",
                headcount=7,
                first=True,
                visited_level="county",
            ),
            case_yaml(
                "XF-2026-0004",
                "qingshi-town",
                ["2026-05-20 received"],
                channel="visit",
                headcount=3,
                visited_level="national",
                irregular=True,
            ),
        ),  # fmt: skip
    )


def _rows(root: Path, *args: str) -> dict:
    result = run(root, "stats", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _figures(row: dict) -> tuple:
    return (row["matters"], row["people"], row["prev_matters"], row["prev_people"])


def test_the_yearbook_form_nests_visits_and_keeps_above_county_visits_apart(reg: Path) -> None:
    book = _rows(reg, "--year", "2026", "--as-of", AS_OF)
    assert book["period"] == ["2026-01-01", "2026-11-22"]
    assert book["previous"] == ["2025-01-01", "2025-11-22"]
    assert book["as_of"] == AS_OF and book["complete"] is False
    by = {r["key"]: r for r in book["rows"]}
    assert by["total"] | {} == {
        "key": "total", "group": "总量", "item": "信访总量", "level": 0, "unit": "件次",
        "matters": 5, "people": 18, "prev_matters": 2, "prev_people": 3,
        "matters_change": 1.5, "people_change": 5.0,
    }  # fmt: skip
    # 来访 is what the county received: the visit to the city and the one to Beijing are not in it
    assert _figures(by["visit"]) == (1, 7, 1, 1) and by["visit"]["matters_change"] == 0.0
    assert _figures(by["visit.first"]) == (1, 7, 0, 0) and by["visit.first"]["level"] == 1
    assert by["visit.collective"]["unit"] == "批次"
    assert _figures(by["visit.collective"]) == (1, 7, 0, 0)
    assert _figures(by["visit.collective.first"]) == (1, 7, 0, 0)
    assert by["visit.collective.first"]["level"] == 2
    assert _figures(by["above"]) == (2, 9, 0, 0) and by["above"]["matters_change"] is None
    assert [_figures(by[f"above.{k}"]) for k in ("national", "province", "city")] == [
        (1, 3, 0, 0), (0, 0, 0, 0), (1, 6, 0, 0),
    ]  # fmt: skip
    assert _figures(by["irregular"]) == _figures(by["irregular.national"]) == (1, 3, 0, 0)
    assert _figures(by["letter"]) == (1, 1, 1, 2) and _figures(by["online"]) == (1, 1, 0, 0)
    parts = ("visit", "letter", "online", "phone", "above")
    assert sum(by[k]["matters"] for k in parts) == by["total"]["matters"]
    assert by["category.land-acquisition"]["matters"] == 1
    assert "category.urban-management" in by  # the example case


def test_a_month_is_compared_with_the_same_month_a_year_earlier(reg: Path) -> None:
    book = _rows(reg, "--month", "2026-05", "--as-of", AS_OF)
    assert (book["period"], book["previous"]) == (
        ["2026-05-01", "2026-05-31"], ["2025-05-01", "2025-05-31"],
    )  # fmt: skip
    assert book["complete"] is True
    by = {r["key"]: r for r in book["rows"]}
    assert _figures(by["total"]) == (2, 10, 0, 0)


@pytest.mark.parametrize(
    ("start", "end", "as_of", "current", "previous"),
    [
        ("2024-02-01", "2024-02-29", "2024-03-05", ("2024-02-01", "2024-02-29"),
         ("2023-02-01", "2023-02-28")),
        ("2026-01-01", "2026-12-31", "2026-02-14", ("2026-01-01", "2026-02-14"),
         ("2025-01-01", "2025-02-14")),
    ],
)  # fmt: skip
def test_windows_compare_the_same_days(start, end, as_of, current, previous) -> None:  # noqa: ANN001
    d = dt.date.fromisoformat
    now, before, _ = windows(d(start), d(end), as_of=d(as_of))
    assert (str(now.start), str(now.end)) == current
    assert (str(before.start), str(before.end)) == previous
    assert month_window(2026, 12) == (d("2026-12-01"), d("2026-12-31"))


def test_text_prints_the_period_and_the_as_of_date(reg: Path) -> None:
    out = run(reg, "stats", "--year", "2026", "--as-of", AS_OF).stdout
    assert out.startswith(
        "2026年信访统计\n统计期间 2026年1月1日至11月22日（数据截至 2026-11-22，统计期未结束"
    )
    assert "与上年同期 2025年1月1日至11月22日 比较" in out
    line = next(x for x in out.splitlines() if "信访总量" in x)
    assert line.split()[-2:] == ["+150.0%", "+500.0%"]
    assert "\u3000\u3000其中：初访" in out


def test_csv_and_xlsx_read_back(reg: Path, tmp_path: Path) -> None:
    out = tmp_path / "统计.csv"
    assert run(reg, "stats", "--year", "2026", "--as-of", AS_OF, "--format", "csv",
               "-o", str(out)).exit_code == 0  # fmt: skip
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][3] == "件次（2026-01-01至2026-11-22）"
    assert rows[1][:9] == ["总量", "信访总量", "件次/人次", "5", "18", "2", "3", "150.0%", "500.0%"]
    xlsx = tmp_path / "统计.xlsx"
    result = run(reg, "stats", "--year", "2026", "--as-of", AS_OF, "--format", "xlsx",
                 "-o", str(xlsx))  # fmt: skip
    assert result.exit_code == 0, result.output
    ws = load_workbook(xlsx).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "2026年信访统计"
    assert values[1][1] == "项目" and values[2][:7] == (
        "总量",
        "信访总量",
        "件次/人次",
        5,
        18,
        2,
        3,
    )
    assert (
        ws.cell(row=3, column=8).value == 1.5 and ws.cell(row=3, column=8).number_format == "0.0%"
    )
    notes = [v[0] for v in values if v[0] and str(v[0]).startswith("统计期间")]
    assert notes and "数据截至 2026-11-22" in notes[0]
    sheet = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    collective = next(r for r in sheet if str(r[1]).strip() == "集体访（5 人及以上）")
    assert collective[2:5] == ["批次/人次", 1, 7] or collective[2:5] == ["批次/人次", 1.0, 7.0]


def test_the_site_page_shows_the_numbers_of_the_command(reg: Path) -> None:
    book = _rows(reg, "--year", "2026", "--as-of", AS_OF)
    registry = load_registry(reg).registry
    page = render_stats(
        collect(registry, registry.calendar, as_of=dt.date(2026, 11, 22), commit="x")
    )
    found = {
        (html.unescape(m[1]), m[2]): tuple(int(x) for x in m.groups()[2:])
        for m in re.finditer(
            r"<tr><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)/人次</td>"
            + r'<td data-sort="\d+"[^>]*>(\d+)</td>' * 4,
            page,
        )
    }
    for row in book["rows"]:
        if row["group"] == "问题分类":
            continue
        key = ("\u3000" * row["level"] + row["item"], row["unit"])
        assert found[key] == _figures(row), key
    assert "xinfang stats --year 2026 --as-of 2026-11-22" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "请用 --year 或 --month 中的一个指定统计期"),
        (["--year", "2026", "--month", "2026-05"], "请用 --year 或 --month 中的一个"),
        (["--month", "2026-13"], "不是月份，应写成 YYYY-MM"),
        (["--year", "2026", "--format", "xlsx"], "须用 -o 指定写入的 .xlsx 文件"),
        (["--year", "2026", "--as-of", "2025-12-31"], "统计期（自 2026-01-01 起）还没有开始"),
    ],
)
def test_usage_errors_are_exit_2(reg: Path, args: list[str], message: str) -> None:
    result = run(reg, "stats", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_stats_counts_open_key_cases_by_colour_as_the_home_page(tmp_path: Path) -> None:
    root = make_registry(
        tmp_path / "c",
        cases_of(
            case_yaml("XF-2026-0001", "hrss-bureau", ["2026-03-01 received"], priority="red"),
            case_yaml(
                "XF-2026-0002",
                "hrss-bureau",
                ["2026-03-01 received", "2026-03-05 accepted"],
                priority="red",
            ),
            # answered before the as-of date: no longer open
            case_yaml(
                "XF-2026-0003",
                "hrss-bureau",
                ["2026-03-01 received", "2026-03-05 accepted", "2026-04-01 answered"],
                priority="yellow",
            ),
            case_yaml("XF-2026-0004", "qingshi-town", ["2026-05-01 received"], priority="blue"),
            # received after the as-of date: not counted
            case_yaml("XF-2026-0005", "qingshi-town", ["2026-12-01 received"], priority="blue"),
            case_yaml("XF-2026-0006", "qingshi-town", ["2026-05-01 received"]),
        ),
    )
    text = run(root, "stats", "--year", "2026", "--as-of", AS_OF)
    assert text.exit_code == 0, text.output
    line = next(x for x in text.output.splitlines() if "风险颜色" in x)
    assert (
        line == f"截至 {AS_OF} 在办重点案件按风险颜色：红色 2 件、黄色 0 件、蓝色 1 件（共 3 件）"
    )
    got = json.loads(
        run(root, "stats", "--year", "2026", "--as-of", AS_OF, "--format", "json").output
    )
    assert got["open_key_cases"] == {"red": 2, "yellow": 0, "blue": 1}
    # the same numbers as the badges on the home page
    registry = load_registry(root).registry
    data = collect(registry, registry.calendar, as_of=dt.date.fromisoformat(AS_OF), commit="x")
    from xinfang.site.page import colour_counts

    badges = re.sub(r"<[^>]+>", "", colour_counts(data.rows))
    assert "红色 2 件" in badges and "黄色 0 件" in badges and "蓝色 1 件" in badges
