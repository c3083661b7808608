"""report.py: the Markdown renderers used in CI job summaries and the tracking issue, and
the streamed JSON and CSV of large tables."""

from __future__ import annotations

import json

import pytest

from xinfang.report import (
    render_markdown_table,
    render_problems_markdown,
    render_table,
    stream_table,
)
from xinfang.rules.problems import Problem


def test_markdown_cells_cannot_break_the_table() -> None:
    table = render_markdown_table(
        (("a", "甲"), ("b", "乙")), [{"a": "x|y", "b": None}, {"a": "两\n行", "b": True}]
    )
    assert table.splitlines() == [
        "| 甲 | 乙 |",
        "|---|---|",
        "| x\\|y | — |",
        "| 两 行 | 是 |",
    ]


def test_problems_summary() -> None:
    problems = [Problem("cases/2026/X.yaml", 4, 10, "channel", "取值无效")] * 3
    text = render_problems_markdown(problems, files=9, max_rows=2)
    assert "发现 3 处问题，涉及 1 个文件" in text
    assert text.count("| cases/2026/X.yaml | 4 | 10 | channel | 取值无效 |") == 2
    assert "此处只列前 2 处" in text
    assert "已校验 9 个文件，未发现问题" in render_problems_markdown([], files=9)


STREAM_COLUMNS = (("case", "案件"), ("due", "到期日"), ("days_left", "剩余天数"))
STREAM_ROWS = [
    {"case": "XF-2026-0001", "due": "2026-12-01", "days_left": 9},
    {"case": "XF-2026-0002", "due": "2026-11-20", "days_left": None},
    {"case": "XF-2026-0003", "due": "2026-11-02", "days_left": -20},
]


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_stream_matches_whole_table(fmt: str, count: int) -> None:
    rows = STREAM_ROWS[:count]
    streamed = "".join(stream_table(STREAM_COLUMNS, iter(rows), fmt))
    whole = render_table(STREAM_COLUMNS, rows, fmt)
    assert streamed == whole
    if fmt == "json":
        assert json.loads(streamed) == rows
