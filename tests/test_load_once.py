"""One load of the registry parses each org/ and policy/ file once: the date check that
runs after the loaders takes the data they parsed, and still finds what it should."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from registry_factory import REPO, make_registry
from xinfang.registry import filetypes, store
from xinfang.registry.loader import load_registry


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for folder in ("org", "policy"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "cases").mkdir()
    return root


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    seen: Counter[str] = Counter()
    real = store.parse_text

    def counting(text: str, rel: str):  # noqa: ANN202
        seen[rel] += 1
        return real(text, rel)

    monkeypatch.setattr(store, "parse_text", counting)
    return seen


def test_every_config_file_is_parsed_once(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _count_parses(monkeypatch)
    result = load_registry(demo, use_cache=False, as_of=dt.date(2026, 11, 22))
    assert result.registry is not None
    config = [rel for rel in seen if rel.startswith(("org/", "policy/"))]
    assert len(config) >= 10  # the demo's org/ and policy/ files were all read
    assert {rel: n for rel, n in seen.items() if n > 1} == {}


def test_a_far_future_date_in_a_policy_file_is_still_found(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r")
    calendar = root / "policy" / "calendar"
    calendar.mkdir(parents=True, exist_ok=True)
    (calendar / "2029.yaml").write_text(
        "year: 2029\nholidays:\n  - {name: 元旦, start: 2029-01-01, end: 2029-01-01}\n",
        encoding="utf-8",
    )
    result = load_registry(root, use_cache=False, as_of=dt.date(2026, 11, 22))
    located = {(p.line, p.field) for p in result.problems if "超出允许范围" in p.message}
    assert located == {(3, "holidays[0].start"), (3, "holidays[0].end")}


def test_stat_keys_agree_with_stat_key_for_files_links_fifos_and_missing(tmp_path: Path) -> None:
    root = make_registry(tmp_path / "r")
    folder = root / "cases" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "XF-2026-0001.yaml").write_text("id: XF-2026-0001\n", encoding="utf-8")
    (folder / "XF-2026-0002.yaml").symlink_to(folder / "XF-2026-0001.yaml")
    os.mkfifo(folder / "XF-2026-0003.yaml")
    source = store.FileSource(root)
    rels = [*source.yaml_files("cases"), "cases/2026/XF-2026-0009.yaml"]
    keys = dict(zip(rels, source.stat_keys(rels), strict=True))
    assert keys == {rel: source.stat_key(rel) for rel in rels}
    one = keys["cases/2026/XF-2026-0001.yaml"]
    assert one is not None and one[0] == len("id: XF-2026-0001\n")
    for n in (2, 3, 9):  # a link, a FIFO, a file that is not there
        assert keys[f"cases/2026/XF-2026-000{n}.yaml"] is None


def test_file_names_shown_as_they_are_or_escaped() -> None:
    assert filetypes.shown_name("XF-2026-0001.yaml") == ("XF-2026-0001.yaml", None)
    assert filetypes.shown_name("案件 1.yaml") == ("案件 1.yaml", None)
    shown, why = filetypes.shown_name("XF\u200b-2026.yaml")
    assert why is not None and "\\u200b" in shown
    shown, why = filetypes.shown_name("XF\x07.yaml")
    assert why is not None and "\\x07" in shown
