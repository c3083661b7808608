"""Every report names the files it left out: on stderr and in its output (a line at the top
of a table, a block at the top of Markdown, `left_out` in JSON; CSV on stderr only), and
`overdue --check` fails on them. The site refuses to build unless told to, and then says
so on every page."""

from __future__ import annotations

import csv
import html
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry_factory import NOT_ACCEPTED, WAGES, make_registry
from site_factory import AS_OF, make_site_registry
from xinfang.cli import cli

XINFANG = Path(sys.executable).parent / "xinfang"
BROKEN = "cases/2026/XF-2026-0301.yaml"  # the one case overdue on 2026-12-04
LINE = f"注意：1 个文件有错误，未计入：{BROKEN}。运行 xinfang validate 查看详情。"


def run(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """WAGES (due soon on 12-04) and NOT_ACCEPTED with a misspelt channel."""
    bad = NOT_ACCEPTED.replace("channel: visit", "channel: vist")
    cases = {"2026/XF-2026-0300.yaml": WAGES, "2026/XF-2026-0301.yaml": bad}
    return make_registry(tmp_path / "r", cases, example=False)


def test_overdue_table_names_the_file_on_stderr_and_at_the_top(broken: Path) -> None:
    result = run(broken, "overdue", "--as-of", "2026-12-04")
    assert result.exit_code == 0
    assert result.stderr == LINE + "\n"
    assert result.stdout.splitlines()[0] == LINE
    assert "XF-2026-0300" in result.stdout and "XF-2026-0301" not in result.stdout.split(LINE)[1]


def test_overdue_check_fails_when_a_file_is_left_out(broken: Path) -> None:
    # Nothing overdue among the good cases: only the left-out file makes the check fail.
    result = run(broken, "overdue", "--as-of", "2026-12-04", "--within", "0", "--check")
    assert "逾期 0 项" in result.stdout
    assert result.exit_code == 1
    (broken / BROKEN).unlink()
    assert (
        run(broken, "overdue", "--as-of", "2026-12-04", "--within", "0", "--check").exit_code == 0
    )


def test_overdue_json_has_left_out_and_rows(broken: Path) -> None:
    result = run(broken, "overdue", "--as-of", "2026-12-04", "--format", "json")
    report = json.loads(result.stdout)
    assert report["left_out"] == [{"path": BROKEN, "reason": "文件有错误，未计入"}]
    assert [(r["case"], r["clock"]) for r in report["rows"]] == [("XF-2026-0300", "handling")]
    assert result.stderr == LINE + "\n"


def test_overdue_markdown_lists_the_files_at_the_top(broken: Path) -> None:
    out = run(broken, "overdue", "--as-of", "2026-12-04", "--format", "markdown").stdout
    heading, block, *rest = out.split("\n\n")
    assert heading == "## 逾期案件清单（截至 2026-12-04）"
    assert block.splitlines() == [
        "> [!WARNING]",
        "> **有 1 个文件因错误未计入或未完全计入**，以下数字可能偏少。"
        "请运行 `xinfang validate` 查看并修正：",
        f"> - `{BROKEN}`：文件有错误，未计入",
    ]
    assert "| XF-2026-0300 |" in rest[-1] or any("| XF-2026-0300 |" in r for r in rest)


def test_overdue_github_annotates_the_left_out_file(broken: Path) -> None:
    out = run(broken, "overdue", "--as-of", "2026-12-04", "--format", "github").stdout
    assert out.splitlines()[0] == f"::error file={BROKEN}::未计入逾期清单：文件有错误，未计入"


def test_overdue_csv_stays_plain_csv(broken: Path) -> None:
    result = run(broken, "overdue", "--as-of", "2026-12-04", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["案件"] for r in rows] == ["XF-2026-0300"]
    assert result.stderr == LINE + "\n"


def test_deadlines_names_the_file_in_every_format(broken: Path) -> None:
    args = ("deadlines", "--as-of", "2026-12-04")
    table = run(broken, *args)
    assert table.stdout.splitlines()[0] == LINE and table.stderr == LINE + "\n"
    report = json.loads(run(broken, *args, "--format", "json").stdout)
    assert report["left_out"] == [{"path": BROKEN, "reason": "文件有错误，未计入"}]
    assert {r["case"] for r in report["rows"]} == {"XF-2026-0300"}
    markdown = run(broken, *args, "--format", "markdown").stdout
    assert markdown.startswith("> [!WARNING]") and f"`{BROKEN}`" in markdown.split("|")[0]
    assert run(broken, *args, "--format", "csv").stdout.startswith("案件,期限,")


def test_rank_notice_stats_name_the_file(broken: Path) -> None:
    rank = run(broken, "rank", "--period", "2026-11")
    assert rank.exit_code == 0 and rank.stdout.splitlines()[0] == LINE
    assert rank.stderr == LINE + "\n"
    ranked = json.loads(run(broken, "rank", "--period", "2026-11", "--format", "json").stdout)
    assert ranked["left_out"][0]["path"] == BROKEN and ranked["rows"]
    notice = run(broken, "notice", "--period", "2026-11").stdout
    assert notice.startswith("> [!WARNING]") and f"`{BROKEN}`：文件有错误，未计入" in notice
    stats = run(broken, "stats", "--year", "2026")
    assert stats.stdout.splitlines()[0] == LINE and stats.stderr == LINE + "\n"
    yearbook = json.loads(run(broken, "stats", "--year", "2026", "--format", "json").stdout)
    assert yearbook["left_out"][0]["path"] == BROKEN
    assert next(r for r in yearbook["rows"] if r["item"] == "信访总量")["matters"] == 1


def test_reports_of_a_clean_registry_say_nothing(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r", {"2026/XF-2026-0300.yaml": WAGES})
    result = run(root, "overdue", "--as-of", "2026-12-04")
    assert result.stderr == "" and "注意" not in result.stdout
    assert (
        json.loads(run(root, "stats", "--year", "2026", "--format", "json").stdout)["left_out"]
        == []
    )


# ---------------------------------------------------------------- the site


def _break(root: Path) -> str:
    rel = "cases/2026/XF-2026-0137.yaml"
    path = root / rel
    path.write_text(path.read_text("utf-8").replace("channel: online", "channel: onlin"), "utf-8")
    return rel


def test_site_build_refuses_a_registry_with_errors(tmp_path: Path) -> None:
    root = make_site_registry(tmp_path / "registry")
    rel = _break(root)
    result = run(root, "site", "build", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "登记库有错误，未生成网站" in result.stderr
    assert f"  {rel}：文件有错误，未计入" in result.stderr
    assert "--allow-errors" in result.stderr
    assert not (root / "site").exists() and not (root / "site_src" / "generated").exists()


def test_site_build_with_allow_errors_puts_a_banner_on_every_page(tmp_path: Path) -> None:
    root = make_site_registry(tmp_path / "registry")
    rel = _break(root)
    done = subprocess.run(
        [str(XINFANG), "--root", str(root), "site", "build", "--as-of", AS_OF, "--allow-errors"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"每个页面都标明了未计入的文件：注意：1 个文件有错误，未计入：{rel}" in done.stdout
    pages = [p for p in sorted((root / "site").rglob("*.html")) if p.name != "404.html"]
    assert len(pages) > 10
    banner = f"<strong>本站数据不完整。</strong>1 个文件有错误，未计入：{rel}。"
    for page in pages:
        assert banner in html.unescape(page.read_text(encoding="utf-8")), page
    # Kept out of the search index (the stamp is too).
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert not any("本站数据不完整" in doc["text"] for doc in index["docs"])
