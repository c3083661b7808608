"""A cache of checked case files, keyed by each file's content hash.

It lives in `.xinfang-cache/` at the registry root (git-ignored, safe to delete) as two
files: `index.marshal` (per file: hash, id, problems, and where its case sits in the JSON
file) and `cases.json` (every valid case, one JSON array, so that a whole registry of
unchanged files becomes models in a single pydantic call). It is only trusted when its
fingerprint matches: the tool's own source, the Python and pydantic versions, and every
org/ and policy/ file; the JSON file must match the digest the index recorded. Anything
unreadable or unexpected is treated as no cache: results are the same with or without it.

`marshal` holds only plain tuples and strings and, unlike pickle, cannot run code.
"""

from __future__ import annotations

import hashlib
import marshal
import platform
from collections.abc import Iterable, Sequence
from pathlib import Path

import pydantic

import xinfang
from xinfang.registry import store
from xinfang.registry.scan import FileResult, plain, unplain

CACHE_DIR = ".xinfang-cache"
INDEX_FILE = "index.marshal"
JSON_FILE = "cases.json"
FORMAT = 6  # 3: owner and 包案 problems; 4: weekly clock; 5: digest per case; 6: latest date


class CacheDamaged(Exception):
    """The JSON file does not match the index: the cache must not be used."""


def cache_dir(root: Path) -> Path:
    return root / CACHE_DIR


def _blob_digest(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


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


def clear(root: Path) -> None:
    store.remove_files([cache_dir(root) / INDEX_FILE, cache_dir(root) / JSON_FILE])


class Cache:
    """The cache of one registry under one fingerprint."""

    def __init__(self, root: Path, fp: str) -> None:
        self.root = root
        self.fp = fp
        self._blob: bytes | None = None
        self._blob_digest = ""
        self.entries: dict[str, FileResult] = self._read_index()

    def _read_index(self) -> dict[str, FileResult]:
        raw = store.read_optional_bytes(cache_dir(self.root) / INDEX_FILE)
        if raw is None:
            return {}
        try:
            stored_fp, blob_digest, rows = marshal.loads(raw)
            if stored_fp != self.fp:
                return {}
            self._blob_digest = blob_digest
            entries = {}
            for row in rows:
                (
                    rel, sha, case_id, repeat_of, problems, start, end, leader, rules, weekly,
                    piece, latest,
                ) = row  # fmt: skip
                span = (start, end, piece) if case_id is not None else None
                entries[rel] = FileResult(
                    rel,
                    sha,
                    case_id,
                    repeat_of,
                    unplain(problems),
                    None,
                    span,
                    leader,
                    unplain(rules),
                    weekly,
                    latest,
                )
        except Exception:  # noqa: BLE001  (a damaged cache is no cache)
            return {}
        return entries

    def blob(self) -> bytes:
        """The JSON file, checked against the index; CacheDamaged if it does not match."""
        if self._blob is None:
            blob = store.read_optional_bytes(cache_dir(self.root) / JSON_FILE)
            if blob is None or _blob_digest(blob) != self._blob_digest:
                raise CacheDamaged
            self._blob = blob
        return self._blob

    def case_json(self, result: FileResult) -> bytes | memoryview:
        if result.case_json is not None:
            return result.case_json
        if result.span is None:
            raise CacheDamaged
        start, end, piece = result.span
        if self._blob is not None:
            return memoryview(self._blob)[start:end]
        # One case (an action's, say) without reading the whole file: its own digest vouches.
        data = store.read_slice(cache_dir(self.root) / JSON_FILE, start, end)
        if data is None or _blob_digest(data) != piece:
            raise CacheDamaged
        return data

    def whole_blob_if(self, results: Sequence[FileResult]) -> bytes | None:
        """The JSON file itself when it holds exactly these cases in this order."""
        if not results or any(r.span is None for r in results):
            return None
        spans = [r.span for r in results]
        cached = [r.span for r in self.entries.values() if r.span is not None]
        return self.blob() if spans == cached else None

    def save(self, results: Sequence[FileResult]) -> None:
        """Write the index and JSON file for `results` (in path order)."""
        parts: list[bytes | memoryview] = []
        rows = []
        offset = 1  # after the opening bracket
        for r in results:
            if not r.sha:
                continue  # unreadable file: nothing to key it by
            start = end = 0
            piece = None
            if r.case_id is not None:
                data = self.case_json(r)
                if parts:
                    offset += 1  # the comma before it
                start, end = offset, offset + len(data)
                offset = end
                parts.append(data)
                piece = _blob_digest(bytes(data))
            rows.append(
                (
                    r.rel,
                    r.sha,
                    r.case_id,
                    r.repeat_of,
                    plain(r.problems),
                    start,
                    end,
                    r.leader,
                    plain(r.rule_problems),
                    r.weekly,
                    piece,
                    r.latest,
                )
            )
        blob = b"[" + b",".join(parts) + b"]"
        index = marshal.dumps((self.fp, _blob_digest(blob), tuple(rows)))
        folder = cache_dir(self.root)
        try:
            store.write_generated_bytes(folder / JSON_FILE, blob)
            store.write_generated_bytes(folder / INDEX_FILE, index)
            if not (folder / ".gitignore").exists():
                store.write_generated(folder / ".gitignore", "*\n")
        except OSError:
            pass  # a read-only checkout simply runs without a cache
