"""A cache of checked case files, keyed by each file's content hash.

It lives in `.xinfang-cache/` at the registry root (git-ignored, safe to delete) as two
files: `index.marshal` (per file: hash, stat, id, problems, and where its case sits in the
JSON file) and `cases.json` (every valid case, one JSON array, so that a whole registry of
unchanged files becomes models in a single pydantic call).

Stat first, as git does: a file whose size, mtime, ctime and inode are those recorded is not
read again. A stat is recorded only when it was taken clearly after the file's last change
("racily clean", in git's words): a file whose mtime or ctime lies within the filesystem
clock's granularity of the moment the run began could still change without its stat
showing it, so it gets no stat and is read and hashed next time (and then trusted).
The moment is the filesystem's own clock (the mtime of a scratch file in the cache folder),
not the computer's, which a network drive need not share.

The cache can never change an answer:
- It is only trusted under its fingerprint, which covers everything besides the case file
  that a result depends on: the tool's own files, the versions of Python, pydantic,
  pydantic-core, ruamel.yaml and chinesecalendar, and every file under org/ and policy/.
- The index file carries a checksum of itself and each of its records one of its own; the
  JSON file must match the digest the index recorded, and each case in it its own. A record
  or file that does not match, is cut short, or is not a regular file (a link, a FIFO, a
  folder) means no cache: the registry is checked afresh and a new cache written.
- Whether it is used at all is the caller's choice (the command line turns it off under CI
  and when git tracks the folder: see cli/app.py).

`marshal` holds only plain tuples and strings and, unlike pickle, cannot run code.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import platform
import shutil
import stat
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path

import xinfang
from xinfang.registry import store
from xinfang.registry.scan import FileResult, plain, unplain

CACHE_DIR = ".xinfang-cache"
INDEX_FILE = "index.marshal"
JSON_FILE = "cases.json"
# 3: the owner and 包案 rule problems; 4: the weekly clock; 5: a digest per case;
# 6: the latest date in the file; 7: a checksum per index record and of the whole index;
# 8: the stat of each file, each record as its own bytes with their CRC
FORMAT = 8
# The libraries whose behaviour a cached result depends on (parsing, validation, holidays).
LIBRARIES = ("pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "chinesecalendar")
_HEADER = 32  # hex digest of the rest of the index file
# How far apart two changes to a file must be for its mtime to tell them apart: 2 s covers
# the coarsest filesystems a registry may sit on (FAT); ext4 and the like are far finer.
GRANULARITY_NS = 2_000_000_000
Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


class CacheDamaged(Exception):
    """The JSON file does not match the index: the cache must not be used."""


def cache_dir(root: Path) -> Path:
    return root / CACHE_DIR


def _blob_digest(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def tool_files() -> list[Path]:
    """Every file of the installed package (sources and any data), caches left out."""
    package = Path(xinfang.__file__).parent
    return sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(root: Path, config_files: Iterable[Path]) -> str:
    """Changes whenever a checked result could change for reasons other than the file."""
    h = hashlib.blake2b(digest_size=16)
    versions = "|".join(f"{name}={_version(name)}" for name in LIBRARIES)
    h.update(f"{FORMAT}|{platform.python_version()}|{versions}".encode())
    package = Path(xinfang.__file__).parent
    for path in tool_files():
        h.update(store.relative(path, package).encode() + b"\0")
        h.update(store.read_optional_bytes(path) or b"-")
    for path in sorted(set(config_files)):
        h.update(store.relative(path, root).encode() + b"\0")
        h.update(store.read_optional_bytes(path) or b"-")
    return h.hexdigest()


def _row_bytes(row: tuple) -> bytes:
    # Each record is kept as its own marshal bytes with a CRC of those bytes: checking it is
    # one C call, not a re-encoding in Python (that was most of the time of an unchanged
    # run). Version 2 writes neither back-references nor "interned" flags, so the bytes
    # depend on the values only (with the default version, records sharing a string once
    # failed their own checksum, and the whole cache was thrown away on every run).
    return marshal.dumps(row, 2)


def trusted(now: Stat | None, stamp: int | None) -> Stat | None:
    """The stat to record for a file: None when it could hide a change (git's racy rule)."""
    if now is None or stamp is None:
        return None
    if max(now[1], now[3]) >= stamp - GRANULARITY_NS:
        return None
    return now


def _sound_folder(folder: Path) -> bool:
    """The cache folder is a real folder (not a link to somewhere else, not a file)."""
    try:
        return stat.S_ISDIR(os.lstat(folder).st_mode)
    except OSError:
        return False


def _make_sound(folder: Path) -> None:
    """Drop whatever stands where the cache's folder and files belong, unless it is right."""
    if os.path.lexists(folder) and not _sound_folder(folder):
        os.unlink(folder)  # a link, FIFO or file: the link itself, never its target
    folder.mkdir(exist_ok=True)
    for name in (INDEX_FILE, JSON_FILE):
        path = folder / name
        if _sound_folder(path):
            shutil.rmtree(path)


def clear(root: Path) -> None:
    folder = cache_dir(root)
    if _sound_folder(folder):
        store.remove_files([folder / INDEX_FILE, folder / JSON_FILE])


class Cache:
    """The cache of one registry under one fingerprint."""

    def __init__(self, root: Path, fp: str) -> None:
        self.root = root
        self.fp = fp
        self._blob: bytes | None = None
        self._blob_digest = ""
        self.stats: dict[str, Stat | None] = {}  # the recorded (trusted) stat per file
        self.entries: dict[str, FileResult] = self._read_index()

    def stamp(self) -> int | None:
        """The filesystem's clock now, read from a scratch file's mtime; None if the cache
        folder cannot be written (then no stat is trusted and files are hashed as before)."""
        folder = cache_dir(self.root)
        try:
            _make_sound(folder)
            fd, name = tempfile.mkstemp(dir=folder, prefix=".stamp-")
            try:
                return os.fstat(fd).st_mtime_ns
            finally:
                os.close(fd)
                os.unlink(name)
        except OSError:
            return None

    def _read_index(self) -> dict[str, FileResult]:
        if not _sound_folder(cache_dir(self.root)):
            return {}
        raw = store.read_optional_bytes(cache_dir(self.root) / INDEX_FILE)
        if raw is None or raw[:_HEADER] != _blob_digest(raw[_HEADER:]).encode():
            return {}
        try:
            stored_fp, blob_digest, rows = marshal.loads(raw[_HEADER:])
            if stored_fp != self.fp:
                return {}
            self._blob_digest = blob_digest
            entries = {}
            stats = {}
            for data, checksum in rows:
                if zlib.crc32(data) != checksum:
                    return {}
                row = marshal.loads(data)
                (
                    rel, sha, case_id, repeat_of, problems, start, end, leader, rules, weekly,
                    piece, latest, stat_,
                ) = row  # fmt: skip
                stats[rel] = stat_
                span = (start, end, piece) if case_id is not None else None
                entries[rel] = FileResult(
                    rel,
                    sha,
                    case_id,
                    repeat_of,
                    unplain(problems) if problems else (),
                    None,
                    span,
                    leader,
                    unplain(rules) if rules else (),
                    weekly,
                    latest,
                )
        except Exception:  # noqa: BLE001  (a damaged cache is no cache)
            return {}
        self.stats = stats
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

    def save(self, results: Sequence[FileResult], stats: dict[str, Stat | None]) -> None:
        """Write the index and JSON file for `results` (in path order), with the stat to
        trust for each file (see `trusted`)."""
        parts: list[bytes | memoryview] = []
        rows = []
        offset = 1  # after the opening bracket
        if any(r.case_json is None and r.span is not None for r in results):
            # Cases kept from the last run come from the JSON file read once, whole and
            # checked, not one slice (one open) each: that made a one-file change slow.
            self.blob()
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
                kept = r.case_json is None and r.span is not None
                piece = r.span[2] if kept else _blob_digest(bytes(data))
            row = (
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
                stats.get(r.rel),
            )
            data = _row_bytes(row)
            rows.append((data, zlib.crc32(data)))
        blob = b"[" + b",".join(parts) + b"]"
        body = marshal.dumps((self.fp, _blob_digest(blob), tuple(rows)))
        index = _blob_digest(body).encode() + body
        folder = cache_dir(self.root)
        try:
            _make_sound(folder)
            store.write_generated_bytes(folder / JSON_FILE, blob)
            store.write_generated_bytes(folder / INDEX_FILE, index)
            if not os.path.lexists(folder / ".gitignore"):
                store.write_generated(folder / ".gitignore", "*\n")
        except OSError:
            pass  # a read-only checkout simply runs without a cache
