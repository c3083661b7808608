"""Worker processes: one that dies costs only the file it was checking, and the run goes on."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from registry_factory import DATA, make_registry
from xinfang.registry import scan, workers
from xinfang.registry.loader import load_registry


def _registry(tmp_path: Path, count: int) -> Path:
    root = make_registry(tmp_path / "r")
    valid = (DATA / "valid" / "XF-2026-0137.yaml").read_text(encoding="utf-8")
    for n in range(1, count + 1):
        text = valid.replace("XF-2026-0137", f"XF-2026-{n:04d}")
        (root / "cases" / "2026" / f"XF-2026-{n:04d}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("how", ["exit", "signal", "exception"])
def test_a_dying_worker_is_that_files_problem_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = _registry(tmp_path, 40)
    serial = load_registry(root, use_cache=False, jobs=1)
    real_check = scan.check_file
    victims = {"cases/2026/XF-2026-0007.yaml", "cases/2026/XF-2026-0030.yaml"}

    def hostile(source, rel, context):  # noqa: ANN001, ANN202
        if rel in victims:
            if how == "exit":
                os._exit(1)
            if how == "signal":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RecursionError("hostile")
        return real_check(source, rel, context)

    monkeypatch.setattr(scan, "check_file", hostile)
    monkeypatch.setattr(scan, "PARALLEL_FROM", 1)
    monkeypatch.setattr(scan, "CHUNK", 3)
    started = time.monotonic()
    result = load_registry(root, use_cache=False, jobs=3)
    assert time.monotonic() - started < 30
    died = [p for p in result.problems if "工作进程意外退出" in p.message]
    assert sorted(p.path for p in died) == sorted(victims)
    if how == "signal":
        assert all("信号 9" in p.message for p in died)
    assert sorted(c.id for c in result.registry.cases) == sorted(
        c.id for c in serial.registry.cases if f"cases/2026/{c.id}.yaml" not in victims
    )
    assert len(result.registry.cases) == 39  # 40 written and the example, two lost


def test_the_culprit_is_the_item_in_hand_and_every_other_item_is_done() -> None:
    def work(n: int) -> int:
        if n in (5, 6, 17):
            os._exit(3)
        return n * 10

    out = list(
        workers.run(work, list(range(30)), jobs=2, chunk=4, on_death=lambda n, why: (n, why))
    )
    died = sorted(x for x in out if isinstance(x, tuple))
    assert died == [(5, "退出码 3"), (6, "退出码 3"), (17, "退出码 3")]
    assert sorted(x for x in out if isinstance(x, int)) == [
        n * 10 for n in range(30) if n not in (5, 6, 17)
    ]
