"""A cache of checked case files, keyed by each file's content hash.

It lives in `.xinfang-cache/` at the registry root (git-ignored, safe to delete). It is
only trusted when its fingerprint matches: the tool's own source, the Python and pydantic
versions, and every org/ and policy/ file. Anything unreadable or unexpected in it is
ignored as if there were no cache; results are the same with or without it.

It is stored with `marshal` (plain tuples, strings and bytes): fast to load, and unlike
pickle it cannot run code.
"""

from __future__ import annotations

import hashlib
import marshal
import platform
from collections.abc import Iterable
from pathlib import Path

import pydantic

import xinfang
from xinfang import store
from xinfang.scan import FileResult

CACHE_DIR = ".xinfang-cache"
CACHE_FILE = "cases.marshal"
FORMAT = 1


def cache_path(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def fingerprint(root: Path, config_files: Iterable[Path]) -> str:
    """Changes whenever a checked result could change for reasons other than the file."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{platform.python_version()}|{pydantic.VERSION}".encode())
    for path in store.source_files(Path(xinfang.__file__).parent):
        h.update(path.name.encode())
        h.update(store.read_optional_bytes(path) or b"")
    for path in sorted(config_files):
        h.update(store.relative(path, root).encode())
        h.update(store.read_optional_bytes(path) or b"-")
    return h.hexdigest()


def load(root: Path, fp: str) -> dict[str, FileResult]:
    raw = store.read_optional_bytes(cache_path(root))
    if raw is None:
        return {}
    try:
        stored_fp, entries = marshal.loads(raw)
        if stored_fp != fp:
            return {}
        results = [FileResult.from_tuple(t) for t in entries]
    except Exception:  # noqa: BLE001  (a damaged cache is no cache)
        return {}
    return {r.rel: r for r in results}


def save(root: Path, fp: str, results: Iterable[FileResult]) -> None:
    entries = tuple(r.as_tuple() for r in results if r.sha)
    try:
        store.write_generated_bytes(cache_path(root), marshal.dumps((fp, entries)))
        gitignore = root / CACHE_DIR / ".gitignore"
        if not gitignore.exists():
            store.write_generated(gitignore, "*\n")
    except OSError:
        pass  # a read-only checkout simply runs without a cache
