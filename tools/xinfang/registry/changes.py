"""Which case files changed since the cache was written: stat first, then content.

Kept apart from the loader so that the rule that decides what is read again stays in one
place (see cache.py for the racily-clean rule that decides which stats are trusted).
"""

from __future__ import annotations

from collections.abc import Callable

from xinfang.registry import cache, scan, store


def changed_files(
    source: store.Source,
    rels: list[str],
    memo: cache.Cache | None,
    results: dict[str, scan.FileResult],
    advance: Callable[[int], None] | None,
) -> tuple[list[str], dict[str, cache.Stat | None]]:
    """The files to check afresh, and the stat to record for each file seen.

    Files whose recorded stat is unchanged are taken from the cache unread; the rest of the
    cached ones are read and hashed, and kept if their content is what was checked. Every
    stat is taken before the file is read, so a change after it shows next time.
    """
    if memo is None or not isinstance(source, store.FileSource):
        return list(rels), {}
    stamp = memo.stamp()  # before any stat: see cache.trusted
    cached, recorded = memo.entries, memo.stats
    stats: dict[str, cache.Stat | None] = {}
    to_check = []
    for rel, now in zip(rels, source.stat_keys(rels), strict=True):
        stats[rel] = cache.trusted(now, stamp)
        hit = cached.get(rel)
        if hit is None:
            to_check.append(rel)
        elif (now is not None and recorded.get(rel) == now) or unchanged(source, rel, hit.sha):
            results[rel] = hit
            if advance:
                advance(1)
        else:
            to_check.append(rel)
    return to_check, stats


def unchanged(source: store.Source, rel: str, sha: str) -> bool:
    try:
        return scan.digest(source.read_bytes(rel)) == sha
    except store.FileProblem:
        return False
