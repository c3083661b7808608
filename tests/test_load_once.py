"""One load of the registry parses each org/ and policy/ file once: the date check that
runs after the loaders takes the data they parsed, and still finds what it should."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from registry_factory import REPO, make_registry
from xinfang.registry import store
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
