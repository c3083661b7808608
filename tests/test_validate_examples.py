"""Invalid examples as data: each tests/data/invalid/NAME.yaml, put in a registry as
cases/2026/XF-2026-0099.yaml, must give exactly the lines in NAME.expected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import DATA, make_registry
from xinfang.cli import cli

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
TARGET = "cases/2026/XF-2026-0099.yaml"


# Every example's dates lie before this day (a date after the as-of date is an error).
EXAMPLES_AS_OF = "2026-12-31"


def _validate(root: Path, *args: str, as_of: str = "2026-06-10"):
    # By default before the example case's first weekly progress report falls due (see
    # test_ownership.py); the invalid examples have no owner, so any later day suits them.
    args = ("--as-of", as_of, *args)
    return CliRunner().invoke(cli, ["--root", str(root), "validate", *args], catch_exceptions=False)


@pytest.mark.parametrize("example", INVALID, ids=lambda p: p.stem)
def test_invalid_example_gives_exact_message(tmp_path: Path, example: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    shutil.copy(example, root / TARGET)
    result = _validate(root, str(root / TARGET), as_of=EXAMPLES_AS_OF)
    assert result.exit_code == 1
    assert result.stdout == example.with_suffix(".expected").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_every_kind_of_bad_input_has_an_example() -> None:
    names = {p.stem for p in INVALID}
    required = {
        "syntax-error", "duplicate-key", "anchor", "alias", "tag", "non-utf8", "empty",
        "top-level-list", "list-for-mapping", "date-not-a-date", "unknown-key",
        "id-mismatch", "unknown-unit", "extension-over-30", "reviewed-without-request",
        "after-rechecked", "headcount-zero", "event-before-received", "events-out-of-order",
        "extension-after-due", "extension-without-approval", "event-after-as-of",
        "date-out-of-window", "date-as-number", "headcount-too-big", "number-too-long",
        "number-thousand-digits",
        # hostile files (issue 12 §3)
        "nesting-flow-brackets", "nesting-flow-mappings", "nesting-block",
        "nesting-block-dashes", "conflict-marker", "conflict-marker-in-quotes", "tab",
        "tab-indent", "fullwidth-colon", "nul", "terminal-escape", "terminal-escape-escaped",
        "bidi-override", "zero-width", "zero-width-escaped", "merge-key", "multi-document",
        "id-fullwidth-digits", "id-leading-zero",
    }  # fmt: skip
    assert required <= names


def test_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    text = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    filler = "# " + "填充" * 100 + "\n"
    big = text.replace("XF-2026-0137", "XF-2026-0099") + filler * 3000
    (root / TARGET).write_text(big, encoding="utf-8")
    size = (root / TARGET).stat().st_size
    assert size > 1 << 20
    result = _validate(root, str(root / TARGET))
    assert result.exit_code == 1
    assert result.stdout == f"{TARGET}:1:1: 文件过大（{size} 字节），单个文件不得超过 1 MiB\n"


def test_problems_in_many_files_are_all_reported(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", example_until="2026-06-10")
    for i, example in enumerate(INVALID[:5]):
        shutil.copy(example, root / "cases" / "2026" / f"XF-2026-09{i:02d}.yaml")
    result = _validate(root)
    reported = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert len(reported) == 5


def test_the_cache_never_hides_a_date_after_the_as_of_date(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r")  # the example case's events run to 2026-08-25
    later = _validate(root, as_of="2026-08-25")
    assert later.exit_code == 0, later.output
    assert (root / ".xinfang-cache" / "index.marshal").is_file()
    earlier = _validate(root, as_of="2026-08-19")
    assert earlier.exit_code == 1
    assert [line for line in earlier.stdout.splitlines() if "提醒" not in line] == [
        "cases/2026/XF-2026-0137.yaml:21:12: events[3].date: “出具处理意见”的日期 2026-08-20 "
        "晚于截至日期 2026-08-19：不能登记尚未发生的事件",
        "cases/2026/XF-2026-0137.yaml:22:12: events[4].date: “群众评价”的日期 2026-08-25 "
        "晚于截至日期 2026-08-19：不能登记尚未发生的事件",
    ]
    uncached = CliRunner().invoke(
        cli, ["--root", str(root), "--no-cache", "validate", "--as-of", "2026-08-19"]
    )
    assert uncached.stdout == earlier.stdout
