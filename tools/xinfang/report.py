"""Renderers: problems and tables as text, JSON, CSV or GitHub workflow annotations."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from typing import Any

from xinfang.rules.problems import WARNING, Problem

PROBLEM_FORMATS = ("text", "json", "github")
TABLE_FORMATS = ("table", "json", "csv", "markdown")


def render_problems(problems: Sequence[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(github_annotation(p, level=p.level) for p in problems)
    return "\n".join(str(p) for p in problems)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error") -> str:
    """One workflow command, e.g. `::error file=cases/…,line=12,col=5,title=…::…`."""
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column}")
    if problem.field:
        props.append(f"title={_escape_property(problem.field)}")
    return f"::{level} {','.join(props)}::{_escape_data(problem.message)}"


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _markdown_cell(value: Any) -> str:
    text = " ".join(_cell(value).splitlines())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown_table(
    columns: Sequence[tuple[str, str]], rows: Iterable[dict[str, Any]]
) -> str:
    """Rows as a GitHub-flavoured Markdown table with the Chinese headers."""
    out = [
        "| " + " | ".join(h for _, h in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for row in rows:
        out.append("| " + " | ".join(_markdown_cell(row.get(k)) for k, _ in columns) + " |")
    return "\n".join(out)


def render_table(
    columns: Sequence[tuple[str, str]],
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    bom: bool = False,
) -> str:
    """Rows of plain values as an aligned text table, a JSON array, CSV or Markdown.

    `columns` pairs each key with its Chinese header; JSON keeps the keys and the values
    as they are (dates should already be ISO strings); CSV has the Chinese headers, and with
    `bom` starts with a UTF-8 byte order mark, without which Excel misreads Chinese.
    """
    if fmt in ("json", "csv"):
        return "".join(stream_table(columns, rows, fmt, bom=bom))
    rows = list(rows)
    if fmt == "markdown":
        return render_markdown_table(columns, rows)
    cells = [[_cell(row.get(k)) for k, _ in columns] for row in rows]
    headers = [h for _, h in columns]
    widths = [
        max([display_width(h)] + [display_width(r[i]) for r in cells])
        for i, h in enumerate(headers)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v + " " * (w - display_width(v)) for v, w in zip(values, widths, strict=True)
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def stream_table(
    columns: Sequence[tuple[str, str]],
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    bom: bool = False,
) -> Iterator[str]:
    """The JSON or CSV form of `render_table`, in pieces, without holding every row:
    at 100,000 cases `deadlines` has some 400,000 rows."""
    if fmt == "json":
        first = True
        for row in rows:
            body = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            yield ("[\n  " if first else ",\n  ") + body
            first = False
        yield "[]" if first else "\n]"
        return
    if fmt == "csv":
        buf = io.StringIO()
        if bom:
            buf.write("\ufeff")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([header for _, header in columns])
        for row in rows:
            writer.writerow(["" if row.get(k) is None else row.get(k) for k, _ in columns])
            if buf.tell() > 1 << 16:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue().rstrip("\n")
        return
    yield render_table(columns, rows, fmt)


PROBLEM_COLUMNS = (
    ("path", "文件"),
    ("line", "行"),
    ("column", "列"),
    ("field", "字段"),
    ("message", "说明"),
)


def render_problems_markdown(
    problems: Sequence[Problem], *, files: int, max_rows: int | None = None
) -> str:
    """Validation results as a Chinese Markdown section, for a CI job summary: GitHub shows
    only the first few annotations of a step, the summary lists every problem."""
    if not problems:
        return f"## 登记库校验\n\n已校验 {files} 个文件，未发现问题。\n"
    errors = [p for p in problems if p.level != WARNING]
    paths = len({p.path for p in errors})
    found = f"发现 {len(errors)} 处问题，涉及 {paths} 个文件" if errors else "未发现问题"
    if len(errors) < len(problems):
        found += f"；包案提醒 {len(problems) - len(errors)} 处（不影响校验结果）"
    lines = ["## 登记库校验", "", f"{found}：", ""]
    shown = list(problems if max_rows is None else problems[:max_rows])
    rows = [
        asdict(p)
        | {
            "field": p.field or None,
            "message": ("提醒：" if p.level == WARNING else "") + p.message,
        }
        for p in shown
    ]
    lines.append(render_markdown_table(PROBLEM_COLUMNS, rows))
    if len(shown) < len(problems):
        lines += ["", f"（此处只列前 {len(shown)} 处；完整结果请运行 `xinfang validate`。）"]
    return "\n".join(lines) + "\n"
