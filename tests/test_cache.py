"""The cache of checked files is harmless: cold, warm, corrupted and parallel runs agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry_factory import DATA, make_registry
from xinfang import cache, scan
from xinfang.registry import load_registry


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = make_registry(tmp_path / "r")
    for i, example in enumerate(sorted((DATA / "invalid").glob("*.yaml"))):
        shutil.copy(example, root / "cases" / "2026" / f"XF-2026-{900 + i:04d}.yaml")
    valid = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    for n in range(1, 30):
        text = valid.replace("XF-2026-0137", f"XF-2026-{n:04d}")
        (root / "cases" / "2026" / f"XF-2026-{n:04d}.yaml").write_text(text, encoding="utf-8")
    return root


def snapshot(root: Path, **kwargs):
    result = load_registry(root, **kwargs)
    return result.problems, [c.model_dump() for c in result.registry.cases]


def test_cold_warm_and_corrupted_cache_give_the_same_result(root: Path) -> None:
    uncached = snapshot(root, use_cache=False)
    folder = cache.cache_dir(root)
    assert not folder.exists()
    cold = snapshot(root)
    assert (folder / cache.INDEX_FILE).exists() and (folder / cache.JSON_FILE).exists()
    warm = snapshot(root)
    assert len(uncached[0]) > 20 and len(uncached[1]) == 30
    assert cold == warm == uncached
    for name in (cache.INDEX_FILE, cache.JSON_FILE):
        path = folder / name
        data = path.read_bytes()
        for damaged in (
            data[: len(data) // 2],
            b"\x00garbage",
            data.replace(b"XF-2026-0005", b"XF-2026-9999"),
            data.replace(b"2026-06-05", b"2026-06-06"),
        ):
            path.write_bytes(damaged)
            assert snapshot(root) == uncached
            snapshot(root)  # a good cache again
            path.write_bytes(data)


def test_cache_notices_a_changed_file(root: Path) -> None:
    snapshot(root)
    path = root / "cases/2026/XF-2026-0005.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("headcount: 1", "headcount: 0"), encoding="utf-8"
    )
    problems, _ = snapshot(root)
    assert any(p.path.endswith("XF-2026-0005.yaml") and p.field == "headcount" for p in problems)
    assert snapshot(root) == snapshot(root, use_cache=False)


def test_cache_is_not_trusted_after_an_org_or_policy_change(root: Path) -> None:
    snapshot(root)
    units = root / "org" / "units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("  housing-bureau:", "  housing-office:"),
        encoding="utf-8",
    )
    problems, _ = snapshot(root)
    assert any("单位 housing-bureau 不在 org/units.yaml 中" in p.message for p in problems)
    assert snapshot(root) == snapshot(root, use_cache=False)


def test_parallel_check_gives_the_same_result(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = snapshot(root, use_cache=False, jobs=1)
    monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    monkeypatch.setattr(scan, "CHUNK", 7)
    assert snapshot(root, use_cache=False, jobs=2) == serial
