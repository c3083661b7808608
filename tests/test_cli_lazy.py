"""The command line loads a command's module only when that command runs: the table in
cli/app.py must name every command, and a quick command must not pull in the libraries of
the documents, the calendar feed or the annual assessment."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import xinfang.cli
from registry_factory import make_registry
from xinfang.cli import cli
from xinfang.cli.app import COMMAND_MODULES

VENV_PYTHON = Path(sys.executable)
HEAVY = ("openpyxl", "docx", "icalendar", "xinfang.accountability.assessment", "xinfang.site")


def test_every_command_module_is_in_the_table_and_nothing_else() -> None:
    modules = [m.name for m in pkgutil.iter_modules(xinfang.cli.__path__)]
    for name in modules:
        importlib.import_module(f"xinfang.cli.{name}")
    registered = {
        name: command.callback.__module__.rsplit(".", 1)[1]
        for name, command in cli.commands.items()
        if command.callback is not None
    }
    assert registered == COMMAND_MODULES
    assert all(isinstance(c, click.Command) for c in cli.commands.values())


def _modules_after(args: list[str], root: Path) -> tuple[int, list[str]]:
    code = (
        "import sys, json\n"
        "from xinfang.cli import cli\n"
        "try:\n"
        f"    cli.main(args={args!r}, prog_name='xinfang', standalone_mode=True)\n"
        "except SystemExit as exc:\n"
        "    rc = exc.code or 0\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(json.dumps([rc, heavy]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [str(VENV_PYTHON), "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    rc, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    return rc, heavy


def test_validate_runs_without_the_heavy_libraries(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r")
    rc, heavy = _modules_after(["validate", "--as-of", "2026-11-22"], root)
    assert rc == 0
    assert heavy == []


def test_export_still_loads_what_it_needs(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r")
    rc, heavy = _modules_after(["export", "ledger.xlsx", "--as-of", "2026-11-22"], root)
    assert rc == 0
    assert "openpyxl" in heavy
    assert (root / "ledger.xlsx").stat().st_size > 0


def test_help_lists_every_command_with_its_chinese_summary() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0]
        for line in result.output.split("命令：", 1)[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    assert listed == sorted(COMMAND_MODULES)
    assert "校验登记库" in result.output
    assert "导出案件台账" in result.output


def test_unknown_command_is_a_usage_error_in_chinese() -> None:
    result = CliRunner().invoke(cli, ["validat"])
    assert result.exit_code == 2
    assert "没有命令" in result.output
