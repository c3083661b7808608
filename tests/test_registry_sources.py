"""The registry loads the same from a folder and from files held in memory (a git revision)."""

from __future__ import annotations

import shutil
from pathlib import Path

from registry_factory import DATA
from xinfang.registry import store
from xinfang.registry.loader import load_registry


def memory_copy(root: Path) -> store.MemorySource:
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
    return store.MemorySource(files, root=root)


def test_memory_source_gives_the_same_registry_and_problems(registry: Path) -> None:
    shutil.copy(DATA / "invalid" / "bad-enum.yaml", registry / "cases/2026/XF-2026-0099.yaml")
    shutil.copy(DATA / "invalid" / "non-utf8.yaml", registry / "cases/2026/XF-2026-0098.yaml")
    (registry / "policy" / "calendar").mkdir()
    shutil.copy(DATA / "calendar-2027.yaml", registry / "policy" / "calendar" / "2027.yaml")
    on_disk = load_registry(registry)
    in_memory = load_registry(memory_copy(registry))
    assert in_memory.problems == on_disk.problems
    assert [p.path for p in on_disk.problems] == [
        "cases/2026/XF-2026-0098.yaml",
        "cases/2026/XF-2026-0099.yaml",
    ]
    assert in_memory.files == on_disk.files
    assert in_memory.registry.cases == on_disk.registry.cases
    assert in_memory.registry.paths == on_disk.registry.paths
    assert [y.year for y in in_memory.registry.calendars] == [2027]
    rel = "cases/2026/XF-2026-0137.yaml"
    assert in_memory.registry.text(rel) == on_disk.registry.text(rel)


def test_memory_source_selects_files_and_folders(registry: Path) -> None:
    source = memory_copy(registry)
    assert source.select(["cases/2026"]) == ["cases/2026/XF-2026-0137.yaml"]
    assert source.select(["cases/2026/XF-2026-0137.yaml"]) == ["cases/2026/XF-2026-0137.yaml"]
    result = load_registry(source, ["cases/2026/XF-2026-0137.yaml"])
    assert result.problems == [] and [c.id for c in result.registry.cases] == ["XF-2026-0137"]


def test_missing_and_oversized_files_in_memory(registry: Path) -> None:
    source = memory_copy(registry)
    del source.files["org/units.yaml"]
    source.files["cases/2026/XF-2026-0100.yaml"] = b"#" * (store.MAX_BYTES + 1)
    result = load_registry(source)
    assert result.registry is None
    messages = {(p.path, p.message) for p in result.problems}
    assert ("org/units.yaml", "缺少文件") in messages
    assert any(
        path == "cases/2026/XF-2026-0100.yaml" and "文件过大" in msg for path, msg in messages
    )
