"""Hostile files in the registry: links, FIFOs, devices, folders and unprintable names are
refused from lstat and by name, quickly, in Chinese, the same way by validate and diff."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import commit, init_repo
from registry_factory import DATA, make_registry
from xinfang.cli import cli
from xinfang.registry import filetypes

SECRET = "机密内容-不应出现在输出中"
XINFANG = Path(sys.executable).with_name("xinfang")


def validate(root: Path, *args: str):
    return CliRunner().invoke(
        cli, ["--root", str(root), "--no-cache", "validate", "--as-of", "2026-06-10", *args]
    )


def case_text(number: str) -> str:
    """The example case as it stood on the as-of date used here, under another number."""
    text = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    text = "".join(
        line
        for line in text.splitlines(keepends=True)
        if not (m := re.match(r"  - \{date: (\S+),", line)) or m.group(1) <= "2026-06-10"
    )
    return text.replace("XF-2026-0137", number)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    secret = tmp_path / "outside.yaml"
    secret.write_text(f"id: {SECRET}\n", encoding="utf-8")
    return make_registry(tmp_path / "r", example_until="2026-06-10")


def make_device(path: Path) -> None:
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers


@pytest.mark.parametrize(
    ("kind", "make", "word"),
    [
        ("symlink", lambda p, secret: p.symlink_to(secret), "符号链接"),
        ("fifo", lambda p, secret: os.mkfifo(p), "命名管道（FIFO）"),
        ("device", lambda p, secret: make_device(p), "字符设备文件"),
        ("directory", lambda p, secret: p.mkdir(), "目录"),
    ],
)
def test_odd_file_types_named_like_case_files_are_refused_unopened(
    root: Path, kind: str, make, word: str
) -> None:
    path = root / "cases" / "2026" / "XF-2026-0098.yaml"
    make(path, root.parent / "outside.yaml")
    result = validate(root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"cases/2026/XF-2026-0098.yaml:1:1: 这是{word}，不是普通文件；登记库只接受普通文件，未读取其内容"
    ]
    assert SECRET not in result.output


def test_a_link_named_on_the_command_line_is_refused_as_itself(root: Path) -> None:
    link = root / "cases" / "2026" / "XF-2026-0098.yaml"
    link.symlink_to(root / "cases" / "2026" / "XF-2026-0137.yaml")
    result = validate(root, str(link))
    assert result.exit_code == 1
    assert "cases/2026/XF-2026-0098.yaml:1:1: 这是符号链接" in result.stdout


def test_a_linked_folder_under_cases_is_reported_not_skipped(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "XF-2025-0001.yaml").write_text(case_text("XF-2025-0001"), encoding="utf-8")
    (root / "cases" / "2025").symlink_to(elsewhere, target_is_directory=True)
    result = validate(root)
    assert result.exit_code == 1
    assert result.stdout.startswith("cases/2025:1:1: 这是符号链接")


@pytest.mark.parametrize("rel", ["org/units.yaml", "policy/deadlines.yaml"])
def test_an_org_or_policy_file_that_is_a_link_is_refused(root: Path, rel: str) -> None:
    real = root.parent / "real.yaml"
    shutil.move(root / rel, real)
    (root / rel).symlink_to(real)
    result = validate(root)
    assert result.exit_code == 1
    assert f"{rel}:1:1: 这是符号链接，不是普通文件" in result.stdout


def test_a_device_is_a_character_device_by_its_mode() -> None:
    assert filetypes.kind_name(stat.S_IFCHR | 0o600) == "字符设备文件"
    assert filetypes.kind_name(stat.S_IFBLK | 0o600) == "块设备文件"
    assert filetypes.kind_name(stat.S_IFREG | 0o644) is None


def test_same_case_in_two_spellings_is_a_duplicate(root: Path) -> None:
    cases = root / "cases" / "2026"
    (cases / "XF-2026-0001.yaml").write_text(case_text("XF-2026-0001"), encoding="utf-8")
    (cases / "XF-2026-00001.yaml").write_text(case_text("XF-2026-00001"), encoding="utf-8")
    result = validate(root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cases/2026/XF-2026-00001.yaml:1:5: id: 编号 XF-2026-00001 与 "
        "cases/2026/XF-2026-0001.yaml 重复",
        "cases/2026/XF-2026-00001.yaml:1:5: id: 编号 XF-2026-00001 写法不规范："
        "顺序号不到 10000 时写 4 位数字，应写作 XF-2026-0001（两种写法是同一件案件）",
    ]


def test_more_than_four_digits_from_the_ten_thousandth_case_on(root: Path) -> None:
    cases = root / "cases" / "2026"
    (cases / "XF-2026-12345.yaml").write_text(case_text("XF-2026-12345"), encoding="utf-8")
    result = validate(root)
    assert result.exit_code == 0, result.stdout


BAD_NAME = b"XF-2026-\xff\xfe.yaml"
SHOWN = "cases/2026/XF-2026-\\xff\\xfe.yaml"


def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_refused(root: Path) -> None:
    folder = os.fsencode(root / "cases" / "2026")
    with open(os.path.join(folder, BAD_NAME), "wb") as fh:
        fh.write(case_text("XF-2026-0098").encode())
    result = validate(root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{SHOWN}:1:1: 文件名不是 UTF-8 编码，请用 XF-年份-编号.yaml 这样的名字重新命名"
    ]


def test_diff_shows_a_bad_file_name_as_validate_does(root: Path) -> None:
    init_repo(root)
    folder = os.fsencode(root / "cases" / "2026")
    with open(os.path.join(folder, BAD_NAME), "wb") as fh:
        fh.write(case_text("XF-2026-0098").encode())
    (root / "cases" / "2026" / "XF-2026-0097.yaml").symlink_to("XF-2026-0137.yaml")
    commit(root, "坏文件名")
    shown_by_validate = validate(root).stdout.splitlines()
    result = CliRunner().invoke(
        cli,
        [
            "--root",
            str(root),
            "diff",
            "HEAD~1",
            "HEAD",
            "--as-of",
            "2026-06-10",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    problems = [
        f"{p['path']}:{p['line']}:{p['column']}: {p['message']}" for p in report["problems"]
    ]
    assert sorted(problems) == sorted(shown_by_validate)
    assert SHOWN in report["changed_files"]


def test_hostile_registry_through_the_installed_command(root: Path) -> None:
    """Every hostile example at once, plus a FIFO: exit 1 in seconds, every file named,
    no traceback, and nothing from the files that could drive a terminal."""
    examples = sorted((DATA / "invalid").glob("*.yaml"))
    for i, example in enumerate(examples):
        shutil.copy(example, root / "cases" / "2026" / f"XF-2026-{1000 + i}.yaml")
    os.mkfifo(root / "cases" / "2026" / "XF-2026-0098.yaml")
    done = subprocess.run(
        [str(XINFANG), "--root", str(root), "validate", "--as-of", "2026-06-10"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    named = {line.split(":")[0] for line in done.stdout.splitlines()}
    assert named == {f"cases/2026/XF-2026-{1000 + i}.yaml" for i in range(len(examples))} | {
        "cases/2026/XF-2026-0098.yaml"
    }
    for char in "\x00\x1b\u202e\u200b\t":
        assert char not in done.stdout
