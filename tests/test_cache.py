"""The cache of checked files is harmless: cold, warm, corrupted and parallel runs agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from registry_factory import DATA, make_registry
from xinfang.registry import cache, scan
from xinfang.registry.loader import load_registry


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


@pytest.mark.parametrize("as_of", ["2026-11-22", "2026-12-31", "2027-03-01"])
def test_cached_weekly_summaries_agree_with_the_clock(as_of: str) -> None:
    """validate checks weekly reports from per-file summaries; on the demo county they must
    say exactly what the clock computed from each case model says."""
    import datetime as dt

    from registry_factory import REPO
    from xinfang.rules import leadership_checks, ownership

    day = dt.date.fromisoformat(as_of)
    reg = load_registry(REPO, use_cache=False).registry
    weekly = ownership.weekly_policy(reg.deadlines, reg.ownership.progress_clock)
    context = scan.Context(
        reg.units, reg.leaders, reg.categories, 30, reg.ownership, weekly, reg.calendar
    )
    owned = [(reg.paths[c.id], c) for c in reg.cases if c.leader]
    summaries = [(rel, c.leader, scan.weekly_summary(c, context)) for rel, c in owned]
    assert all(s for _, _, s in summaries) and len(summaries) > 40
    quick = leadership_checks.check_progress_summaries(summaries, leaders=reg.leaders, as_of=day)
    slow = leadership_checks.check_progress(
        owned,
        leaders=reg.leaders,
        policy=reg.ownership,
        deadlines=reg.deadlines,
        calendar=reg.calendar,
        as_of=day,
    )
    assert quick == slow and len(quick) >= 4


def test_a_damaged_case_in_the_json_file_is_caught_when_read_alone(tmp_path: Path) -> None:
    """validate reads single cases (those named by actions) from the JSON file without
    reading it whole; each carries its own digest, so a damaged one is still caught."""
    import datetime as dt

    from registry_factory import REPO

    root = tmp_path / "demo"
    for folder in ("cases", "org", "policy"):
        shutil.copytree(REPO / folder, root / folder)
    day = dt.date(2026, 11, 22)
    uncached = load_registry(root, with_cases=False, use_cache=False, as_of=day).problems
    load_registry(root, with_cases=False, as_of=day)  # writes the cache
    path = cache.cache_dir(root) / cache.JSON_FILE
    data = path.read_bytes()
    at = data.index(b'"id":"XF-2026-0197"')  # a case that org/actions/ names
    path.write_bytes(data[:at] + data[at:].replace(b"housing-bureau", b"housing-bureaX", 1))
    assert load_registry(root, with_cases=False, as_of=day).problems == uncached
