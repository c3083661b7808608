"""Forked worker processes that survive a worker's death.

multiprocessing.Pool loses the task of a worker that dies and then waits for it forever.
Here each worker takes a fixed share of the items, writes the index of the item it is
working on into shared memory before starting it, and sends its results a chunk at a
time. When a worker dies, that index names the item that killed it: the item gets the
caller's `on_death` result and a new worker takes over the rest of the share.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

_NONE = -1


def run(
    work: Callable[[Any], Any],
    items: list[Any],
    *,
    jobs: int,
    chunk: int,
    on_death: Callable[[Any, str], Any],
    progress: Callable[[int], None] | None = None,
) -> Iterator[Any]:
    """`work(item)` for every item, in `jobs` forked processes; results in no fixed order."""
    ctx = multiprocessing.get_context("fork")
    current = ctx.RawArray("q", jobs)  # per worker: index in `items` being worked on
    shares = [list(range(k, len(items), jobs)) for k in range(jobs)]
    running: dict[Connection, tuple[int, Any, list[int]]] = {}

    def start(slot: int, share: list[int]) -> None:
        if not share:
            return
        current[slot] = _NONE
        reader, writer = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_work, args=(work, items, share, chunk, current, slot, writer))
        proc.start()
        writer.close()
        running[reader] = (slot, proc, share)

    for slot, share in enumerate(shares):
        start(slot, share)
    while running:
        for reader in wait(list(running)):
            slot, proc, share = running[reader]
            try:
                done = reader.recv()
            except EOFError:
                del running[reader]
                reader.close()
                proc.join()
                rest = _after_death(share, current[slot], proc.exitcode)
                if rest is not None:
                    culprit, share = rest
                    yield on_death(items[culprit], _why(proc.exitcode))
                    if progress:
                        progress(1)
                    start(slot, share)
                continue
            share[:] = share[len(done) :]
            yield from done
            if progress:
                progress(len(done))


def _after_death(share: list[int], at: int, exitcode: int | None) -> tuple[int, list[int]] | None:
    """(the item that killed the worker, the items still to do), or None when the worker
    simply finished. A worker that died between items is charged with its next item, so
    that every death moves the run forward."""
    if not share:
        return None
    culprit = at if at in share else share[0]
    # Items of the culprit's chunk checked before it were never sent: they are done again.
    return culprit, [i for i in share if i != culprit]


def _why(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"信号 {-exitcode}"
    return f"退出码 {exitcode}"


def _work(
    work: Callable[[Any], Any],
    items: list[Any],
    share: list[int],
    chunk: int,
    current: Any,
    slot: int,
    conn: Connection,
) -> None:
    code = 0
    try:
        for start in range(0, len(share), chunk):
            out = []
            for index in share[start : start + chunk]:
                current[slot] = index
                out.append(work(items[index]))
            current[slot] = _NONE
            conn.send(out)
    except BaseException:  # noqa: BLE001  (reported by the parent as this item's problem)
        code = 70
    conn.close()
    os._exit(code)  # no traceback, no atexit handlers or buffers of the parent's run twice
