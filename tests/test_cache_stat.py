"""Stat-first change detection: an unchanged file is not read again, and the cache still
never changes an answer (git's racily-clean rule, touched files, same-size rewrites)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from registry_factory import DATA, REPO, make_registry
from xinfang.registry import cache, store
from xinfang.registry.loader import load_registry

CASES = 12


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_registry(tmp_path / "r")
    valid = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    for n in range(1, CASES + 1):
        number = f"XF-2026-{n:04d}"
        (root / "cases/2026" / f"{number}.yaml").write_text(
            valid.replace("XF-2026-0137", number), encoding="utf-8"
        )
    time.sleep(0.05)  # the files' mtimes lie before the first run's stamp
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The case files read from disk, in order, by any load."""
    seen: list[str] = []
    real = store.FileSource.read_bytes

    def counting(self: store.FileSource, rel: str) -> bytes:
        if rel.startswith("cases/"):
            seen.append(rel)
        return real(self, rel)

    monkeypatch.setattr(store.FileSource, "read_bytes", counting)
    return seen


def case_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "cases").rglob("*.yaml"))


def snapshot(root: Path, **kwargs):
    result = load_registry(root, **kwargs)
    return result.problems, [c.model_dump() for c in result.registry.cases]


def test_an_unchanged_registry_is_listed_and_stat_ed_but_not_read(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)  # a filesystem with an exact clock
    uncached = snapshot(root, use_cache=False)
    assert snapshot(root) == uncached
    reads.clear()
    assert snapshot(root) == uncached
    assert reads == []


def test_files_changed_just_before_a_run_are_read_until_they_are_clearly_older(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = snapshot(root, use_cache=False)
    snapshot(root)  # the files are younger than the 2 s granularity: no stat is trusted
    reads.clear()
    assert snapshot(root) == uncached
    assert sorted(reads) == case_files(
        root
    )  # read and hashed (not checked again), as before stat-first
    # Time passes (here: a finer clock); the next run trusts their stats and records them.
    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)
    assert snapshot(root) == uncached
    reads.clear()
    assert snapshot(root) == uncached
    assert reads == []


def test_a_same_size_rewrite_within_the_same_mtime_is_seen(root: Path) -> None:
    path = root / "cases/2026/XF-2026-0005.yaml"
    snapshot(root)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    assert "headcount: 1" in text
    path.write_text(text.replace("headcount: 1", "headcount: 0"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    problems, _ = snapshot(root)
    assert any(p.path.endswith("XF-2026-0005.yaml") and p.field == "headcount" for p in problems)
    assert snapshot(root) == snapshot(root, use_cache=False)


def test_a_same_size_rewrite_is_seen_by_its_ctime_on_an_exact_clock(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)
    path = root / "cases/2026/XF-2026-0007.yaml"
    snapshot(root)
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("headcount: 1", "headcount: 0"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    problems, _ = snapshot(root)
    assert any(p.path.endswith("XF-2026-0007.yaml") and p.field == "headcount" for p in problems)


def test_a_touched_file_with_the_same_content_is_hashed_once_then_trusted(
    root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)
    uncached = snapshot(root, use_cache=False)
    snapshot(root)
    path = root / "cases/2026/XF-2026-0003.yaml"
    os.utime(path, ns=(time.time_ns() - 10**9, time.time_ns() - 10**9))
    time.sleep(0.05)
    reads.clear()
    assert snapshot(root) == uncached
    assert reads == ["cases/2026/XF-2026-0003.yaml"]
    reads.clear()
    assert snapshot(root) == uncached
    assert reads == []


def test_a_file_replaced_by_a_link_is_read_and_refused(root: Path, monkeypatch) -> None:
    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)
    snapshot(root)
    path = root / "cases/2026/XF-2026-0002.yaml"
    target = root.parent / "elsewhere.yaml"
    shutil.copy(path, target)
    path.unlink()
    path.symlink_to(target)
    problems, _ = snapshot(root)
    assert [p.path for p in problems if p.path.endswith("0002.yaml")] == [
        "cases/2026/XF-2026-0002.yaml"
    ]
    assert snapshot(root) == snapshot(root, use_cache=False)


def test_record_checksums_depend_on_values_not_on_shared_strings() -> None:
    rel = "cases/2026/XF-2026-0001.yaml"
    copy = "".join(list(rel))
    assert copy is not rel
    shared = (rel, ((rel, 1, 1, "leader", "提醒"),))
    separate = (rel, ((copy, 1, 1, "leader", "提醒"),))
    assert cache._row_bytes(shared) == cache._row_bytes(separate)


def test_the_demo_with_its_baoan_reminders_is_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Records with problems (the 包案 reminders) once failed their own checksum when read
    back, so the whole cache was dropped on every run: now no case file is checked or hashed
    the second time (the few reminders are still located in their files)."""
    import datetime as dt

    from xinfang.registry import changes, scan

    monkeypatch.setattr(cache, "GRANULARITY_NS", 0)
    root = tmp_path / "demo"
    for folder in ("cases", "org", "policy"):
        shutil.copytree(REPO / folder, root / folder)
    time.sleep(0.05)
    day = dt.date(2026, 11, 22)
    first = load_registry(root, with_cases=False, as_of=day).problems
    assert any("包案" in p.message for p in first)
    checked: list[str] = []
    hashed: list[str] = []
    real_check, real_unchanged = scan.check_files, changes.unchanged

    def check_files(source, rels, *args, **kwargs):
        checked.extend(rels)
        return real_check(source, rels, *args, **kwargs)

    def unchanged(source, rel, sha):
        hashed.append(rel)
        return real_unchanged(source, rel, sha)

    monkeypatch.setattr(scan, "check_files", check_files)
    monkeypatch.setattr(changes, "unchanged", unchanged)
    assert load_registry(root, with_cases=False, as_of=day).problems == first
    assert checked == [] and hashed == []
