"""The cache can never change an answer: what its fingerprint covers, a checksum per record,
odd file types, a cache committed to git, and CI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitrepo import git, init_repo
from registry_factory import DATA, make_registry
from xinfang.cli import cli
from xinfang.registry import cache, orgfiles
from xinfang.registry.loader import load_registry


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_registry(tmp_path / "r")
    for example in ("duplicate-key", "unknown-unit", "headcount-zero"):
        shutil.copy(DATA / "invalid" / f"{example}.yaml", root / "cases/2026" / f"{example}.yaml")
    valid = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    for n in range(1, 6):
        number = f"XF-2026-{n:04d}"
        (root / "cases/2026" / f"{number}.yaml").write_text(
            valid.replace("XF-2026-0137", number), encoding="utf-8"
        )
    return root


def snapshot(root: Path, **kwargs):
    result = load_registry(root, **kwargs)
    return result.problems, [c.model_dump() for c in result.registry.cases]


def fp(root: Path) -> str:
    return cache.fingerprint(root, orgfiles.config_files(root))


def test_fingerprint_covers_libraries_tool_files_and_every_org_and_policy_file(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fp(root)
    (root / "org" / "receptions").mkdir()
    (root / "org" / "receptions" / "2026.yaml").write_text("receptions: []\n", encoding="utf-8")
    after_org = fp(root)
    (root / "policy" / "calendar").mkdir()
    (root / "policy" / "calendar" / "2027.yaml").write_text("year: 2027\n", encoding="utf-8")
    after_policy = fp(root)
    assert len({before, after_org, after_policy}) == 3

    real_version = cache._version
    for library in ("pydantic", "ruamel.yaml", "chinesecalendar"):
        monkeypatch.setattr(
            cache, "_version", lambda name, lib=library: "99" if name == lib else real_version(name)
        )
        assert fp(root) != after_policy, library
    monkeypatch.setattr(cache, "_version", real_version)
    assert fp(root) == after_policy

    extra = root.parent / "tool.py"
    extra.write_text("A = 1\n", encoding="utf-8")
    real_files = cache.tool_files()
    monkeypatch.setattr(cache, "tool_files", lambda: [*real_files, extra])
    with_tool = fp(root)
    extra.write_text("A = 2\n", encoding="utf-8")
    assert fp(root) != with_tool
    assert any(p.name == "deadlines.py" for p in real_files)


def _resign(path: Path, body: bytes) -> None:
    """Write an index whose file checksum is right again: only the record's own one can
    tell."""
    path.write_bytes(cache._blob_digest(body).encode() + body)


def test_a_record_tampered_with_is_caught_by_its_own_checksum(root: Path) -> None:
    uncached = snapshot(root, use_cache=False)
    snapshot(root)
    index = cache.cache_dir(root) / cache.INDEX_FILE
    body = index.read_bytes()[32:]
    assert "不在".encode() in body
    _resign(index, body.replace("不在".encode(), "已在".encode()))
    assert snapshot(root) == uncached
    assert "不在".encode() in index.read_bytes()  # dropped and rebuilt
    data = index.read_bytes()
    index.write_bytes(data[: len(data) - 7])  # cut short
    assert snapshot(root) == uncached


@pytest.mark.parametrize("name", [cache.INDEX_FILE, cache.JSON_FILE])
@pytest.mark.parametrize("odd", ["fifo", "directory", "symlink"])
def test_odd_file_types_in_the_cache_mean_no_cache_and_a_new_one(
    root: Path, name: str, odd: str
) -> None:
    uncached = snapshot(root, use_cache=False)
    snapshot(root)
    path = cache.cache_dir(root) / name
    good = root.parent / "good-copy"
    shutil.copy(path, good)
    path.unlink()
    if odd == "fifo":
        os.mkfifo(path)
    elif odd == "directory":
        path.mkdir()
        (path / "x").write_text("x", encoding="utf-8")
    else:
        path.symlink_to(good)  # even a link to a good copy is not trusted
    assert snapshot(root) == uncached
    snapshot(root)
    assert path.is_file() and not path.is_symlink()
    assert snapshot(root) == uncached


def test_a_cache_folder_that_is_a_link_is_replaced_and_its_target_left_alone(root: Path) -> None:
    uncached = snapshot(root, use_cache=False)
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("保留", encoding="utf-8")
    cache.cache_dir(root).symlink_to(elsewhere, target_is_directory=True)
    assert snapshot(root) == uncached
    assert not cache.cache_dir(root).is_symlink()
    assert (cache.cache_dir(root) / cache.INDEX_FILE).is_file()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert snapshot(root) == uncached


def _validate(root: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        cli, ["--root", str(root), *args, "validate", "--as-of", "2026-06-10"], env=env
    )


def test_a_cache_tracked_by_git_is_ignored_with_a_warning(root: Path) -> None:
    expected = _validate(root, "--no-cache")
    assert _validate(root).stdout == expected.stdout  # writes the cache
    init_repo(root)
    git(root, "add", "-f", cache.CACHE_DIR)
    git(root, "commit", "-q", "-m", "缓存被误提交")
    index = cache.cache_dir(root) / cache.INDEX_FILE
    committed = index.read_bytes()
    case = root / "cases/2026/XF-2026-0002.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    result = _validate(root)
    assert result.stdout == expected.stdout
    assert "警告：.xinfang-cache/ 已被 git 跟踪" in result.stderr
    assert index.read_bytes() == committed  # neither read nor rewritten


@pytest.mark.parametrize(
    ("args", "env", "used"),
    [
        ((), {"CI": "true"}, False),
        (("--cache",), {"CI": "true"}, True),
        ((), {"CI": "true", "XINFANG_CACHE": "1"}, True),
        ((), {"CI": ""}, True),
        (("--no-cache",), {"CI": ""}, False),
    ],
)
def test_under_ci_the_cache_is_off_unless_asked_for(
    root: Path, args: tuple[str, ...], env: dict[str, str], used: bool
) -> None:
    result = _validate(root, *args, env=env)
    assert result.exit_code == 1
    assert cache.cache_dir(root).exists() == used
