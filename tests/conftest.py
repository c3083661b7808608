from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from registry_factory import make_registry  # noqa: E402


@pytest.fixture(autouse=True)
def _environment_of_a_workstation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as on a staff member's machine wherever they run: under CI=true the cache is
    off by default and GitHub annotations are the default format, which tests that need
    them ask for explicitly."""
    for name in ("CI", "GITHUB_ACTIONS", "XINFANG_CACHE", "XINFANG_NO_CACHE", "XINFANG_AS_OF"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """A tiny valid registry with the example case XF-2026-0137."""
    return make_registry(tmp_path / "registry")


@pytest.fixture
def early_registry(tmp_path: Path) -> Path:
    """The tiny registry with the example case as it stood on 2026-06-10 (received and
    accepted, before its first weekly 包案 report fell due): valid as of that day."""
    return make_registry(tmp_path / "registry", example_until="2026-06-10")
