#!/usr/bin/env python3
"""Keep one open tracking issue in step with the daily overdue list, through the gh CLI.

The daily job (.github/workflows/overdue.yml) calls this once a day, so that nobody gets a
new issue every day:

- the list has items and no open issue has the title: create one;
- the list has items and an open issue has the title: replace its body;
- the list is empty and an open issue has the title: close it with a comment;
- the list is empty and there is no such issue: do nothing.

Files left out of the list because of errors count as items: the issue is never closed, and
never skipped, on a list that may be missing cases (the body names them at its top).

Every gh call goes through `gh()` below, and gh is looked up on PATH, so a test can put a
fake gh there that records its arguments. gh needs GH_TOKEN (and GH_REPO outside a
checkout). Standard library only: it runs with whatever python3 the machine has.

Usage:
  python3 scripts/tracking_issue.py --title 逾期案件清单 --as-of 2026-11-22 \
      --body-file overdue.md --items-file overdue.json [--run-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# GitHub refuses issue bodies longer than 65,536 characters; leave room for the footer.
MAX_BODY = 60_000


def gh(*args: str) -> str:
    """Run gh with `args`; its standard output, or SystemExit with gh's message."""
    done = subprocess.run(["gh", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"gh {' '.join(args[:2])} 失败（退出码 {done.returncode}）")
    return done.stdout


def open_issue(title: str) -> int | None:
    """The oldest open issue with exactly this title."""
    # Listing (not --search) reads the issues themselves, not the search index, which can
    # lag behind an issue created moments ago.
    out = gh("issue", "list", "--state", "open", "--limit", "1000", "--json", "number,title")
    numbers = sorted(item["number"] for item in json.loads(out or "[]") if item["title"] == title)
    return numbers[0] if numbers else None


def issue_body(body: str, *, as_of: str, run_url: str | None) -> str:
    """The list, cut to fit an issue, with a footer saying where it comes from."""
    if len(body) > MAX_BODY:
        kept = body[:MAX_BODY].rsplit("\n", 1)[0]
        rows = sum(1 for line in kept.splitlines() if line.startswith("| ") and "---" not in line)
        where = f"[本次运行的摘要]({run_url})" if run_url else "本次运行的摘要"
        body = f"{kept}\n\n清单过长，此处只列出前 {rows - 1} 行；完整清单见{where}。\n"
    footer = f"本清单由每日逾期检查自动更新，最近一次按 {as_of}（北京时间）计算"
    footer += f"（[运行记录]({run_url})）。" if run_url else "。"
    return f"{body.rstrip()}\n\n---\n{footer}请勿手工编辑：下次检查时会被覆盖。\n"


def list_items(data: object) -> tuple[list, list]:
    """The rows and the files left out, from `xinfang overdue --format json` (an object with
    `rows` and `left_out`; a plain array from older versions of the tool)."""
    if isinstance(data, dict):
        return list(data.get("rows") or []), list(data.get("left_out") or [])
    return list(data or []), []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--body-file", type=Path, required=True, help="the list as Markdown")
    parser.add_argument(
        "--items-file", type=Path, required=True, help="the list as JSON (`overdue --format json`)"
    )
    parser.add_argument("--run-url", default=None)
    args = parser.parse_args(argv)

    items, left_out = list_items(json.loads(args.items_file.read_text(encoding="utf-8")))
    number = open_issue(args.title)
    if not items and not left_out:
        if number is None:
            print(f"没有逾期或临期的期限，也没有未关闭的“{args.title}”，无需操作。")
            return 0
        comment = f"截至 {args.as_of}（北京时间），已没有逾期或临期的期限，自动关闭。"
        gh("issue", "close", str(number), "--comment", comment)
        print(f"已关闭 #{number}")
        return 0

    body = issue_body(
        args.body_file.read_text(encoding="utf-8"), as_of=args.as_of, run_url=args.run_url
    )
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as fh:
        fh.write(body)
    try:
        if number is None:
            url = gh("issue", "create", "--title", args.title, "--body-file", fh.name)
            print(f"已新建：{url.strip()}")
        else:
            gh("issue", "edit", str(number), "--body-file", fh.name)
            print(f"已更新 #{number}")
    finally:
        os.unlink(fh.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
