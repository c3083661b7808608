"""The only module that reads or writes registry files.

Reading has two speeds. Every file is parsed with ruamel's C-accelerated safe loader; only a
file that turns out to have problems is parsed again with the (slower) round-trip loader, to
find the line and column of each problem. Writing always goes through the round-trip loader
so that staff members' comments, quoting and key order survive, and replaces the file
atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.resolver import VersionedResolver

from xinfang.registry import filetypes, textscan
from xinfang.registry.yamlerrors import yaml_problem as _yaml_problem
from xinfang.rules.problems import Loc, Problem, format_loc

MAX_BYTES = 1 << 20
YAML_SUFFIXES = (".yaml", ".yml")


class FileProblem(Exception):
    """A file that cannot be read as YAML at all; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _DatesAsText(SafeConstructor):
    """Leaves timestamps as text so that pydantic reports a bad date like any other field,
    instead of the loader failing on the whole file (e.g. 2026-13-45)."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_scalar)


class _OneVersion(VersionedResolver):
    """The safe loader's resolver, without asking for the YAML version at every scalar.

    With the C parser ruamel never sees a %YAML directive: each time it looks for the
    version it fails to find the (pure-Python) scanner, catches the AttributeError and
    falls back to YAML 1.2 (a third of loading a case file went into that). Here it is
    YAML 1.2 at once: the same answer (tests/test_yaml_loader.py)."""

    @property
    def processing_version(self) -> tuple[int, int]:
        return (1, 2)


def _fast_loader() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _DatesAsText
    yaml.Resolver = _OneVersion
    return yaml


_FAST = _fast_loader()


class _PositionsOnly(RoundTripConstructor):
    """For locating problems only: a bad date must not stop us finding its line."""


_PositionsOnly.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_scalar)


def _round_trip(*, for_positions: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    if for_positions:
        yaml.Constructor = _PositionsOnly
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# ---------------------------------------------------------------- reading


def read_bytes(path: Path | str, rel: str) -> bytes:
    """The file's bytes, or FileProblem if it cannot or should not be read.

    Anything but a regular file (a symlink, FIFO, device, directory) is refused by lstat
    before it is opened: opening a FIFO would hang, a link would show its target's content.
    """
    return _read_regular(path, rel, limit=True)


def _read_regular(
    path: Path | str, rel: str, *, limit: bool, start: int = 0, size: int = -1
) -> bytes:
    try:
        refused = filetypes.refusal(os.lstat(path))
        if refused:
            raise FileProblem(Problem(rel, 1, 1, "", refused))
        fd = os.open(path, os.O_RDONLY | filetypes.NOFOLLOW | filetypes.NONBLOCK)
        with open(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if refused := filetypes.refusal(st):  # replaced since the lstat
                raise FileProblem(Problem(rel, 1, 1, "", refused))
            if limit:
                check_size(st.st_size, rel)
            fh.seek(start)
            return fh.read(size)
    except OSError as exc:
        raise FileProblem(Problem(rel, 1, 1, "", f"无法读取文件：{exc.strerror}")) from None


def check_size(size: int, rel: str) -> None:
    if size > MAX_BYTES:
        raise FileProblem(
            Problem(rel, 1, 1, "", f"文件过大（{size} 字节），单个文件不得超过 1 MiB")
        )


def decode(raw: bytes, rel: str) -> str:
    """UTF-8 text of a registry file, or FileProblem for what no YAML loader should see."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblem(
            Problem(
                rel,
                line,
                column,
                "",
                f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节无法解码），请另存为 UTF-8",
            )
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise FileProblem(Problem(rel, 1, 1, "", "文件为空"))
    return text


def read_text(path: Path, rel: str) -> str:
    return decode(read_bytes(path, rel), rel)


def parse_text(text: str, rel: str) -> Any:
    """Parse with the C safe loader, after the text scan (conflict markers, invisible
    characters, merge keys, deep nesting); anchors, aliases and explicit tags are refused,
    and so are control characters that escapes put into a string."""
    try:
        textscan.scan(text)
    except textscan.TextProblem as exc:
        raise FileProblem(Problem(rel, exc.line, exc.column, "", exc.message)) from None
    if "&" in text or "*" in text or "!" in text:
        _refuse_anchors_and_tags(text, rel)
    try:
        data = _FAST.load(text)
    except YAMLError as exc:
        raise FileProblem(_yaml_problem(exc, rel)) from None
    except ValueError:
        # Python refuses to turn thousands of digits into an int (sys.int_info); no count
        # in a registry file needs more than a few.
        raise FileProblem(_long_number_problem(text, rel)) from None
    except RecursionError:  # not expected after the scan; still never a traceback
        raise FileProblem(Problem(rel, 1, 1, "", "文件结构嵌套过深，无法解析")) from None
    if "\\" in text:  # only an escape in a double-quoted value can hide such a character
        _refuse_escaped_characters(data, text, rel)
    return data


_LONG_NUMBER = re.compile(r"[-+]?\d[\d_]{99,}")


def _long_number_problem(text: str, rel: str) -> Problem:
    match = _LONG_NUMBER.search(text)
    if match is None:
        return Problem(rel, 1, 1, "", "文件中有无法读取的数值")
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    digits = len(match.group())
    return Problem(rel, line, column, "", f"数字过长（{digits} 位），不是有效的数值")


def _refuse_escaped_characters(data: Any, text: str, rel: str) -> None:
    found = textscan.bad_string(data)
    if found is None:
        return
    loc, char, at_key = found
    line, column = locate(text, loc, at_key=at_key)
    where = "键中" if at_key else ""
    message = f"{where}含有经转义写入的{textscan.describe(char)}，{textscan.advice(char)}"
    # A bad key is not printed: the field named is the mapping that holds it.
    field = format_loc(loc[:-1] if at_key else loc)
    raise FileProblem(Problem(rel, line, column, field, message))


def _refuse_anchors_and_tags(text: str, rel: str) -> None:
    # The characters also occur in ordinary text, so only a real parse can tell.
    try:
        events = list(YAML(typ="safe", pure=True).parse(text))
    except YAMLError as exc:
        raise FileProblem(_yaml_problem(exc, rel)) from None
    for event in events:
        mark = event.start_mark
        where = (rel, mark.line + 1, mark.column + 1, "")
        if type(event).__name__ == "AliasEvent":
            raise FileProblem(Problem(*where, f"不允许使用别名 *{event.anchor}，请直接写出内容"))
        if getattr(event, "anchor", None):
            raise FileProblem(Problem(*where, f"不允许使用锚点 &{event.anchor}，请直接写出内容"))
        if getattr(event, "tag", None):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise FileProblem(Problem(*where, f"不允许使用标签 {tag}，请去掉标签"))


def load_file(path: Path, rel: str) -> Any:
    """Read and parse one file: the plain data, or FileProblem."""
    return parse_text(read_text(path, rel), rel)


def list_yaml_files(
    root: Path | str, folder: str, refused: dict[str, str] | None = None
) -> list[str]:
    """Paths (relative to root, with /) of the YAML files under root/folder, sorted.

    Walks with os.walk and builds strings directly: at 100,000 files, Path objects and
    resolve() cost more than reading the files. Whatever is named like a YAML file is
    listed whatever its type (reading refuses all but regular files), and so is a linked
    folder, which os.walk does not enter: nothing is skipped without a word. A name that
    cannot be printed is listed escaped, and `refused` gets why.
    """
    top = os.path.join(root, folder)
    out = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        prefix = os.path.relpath(dirpath, root).replace(os.sep, "/")
        odd = [d for d in dirnames if d.endswith(YAML_SUFFIXES)]
        odd += [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        dirnames[:] = [d for d in dirnames if d not in odd]
        for name in [n for n in filenames if n.endswith(YAML_SUFFIXES)] + sorted(set(odd)):
            shown, why = filetypes.shown_name(name)
            if why is not None and refused is not None:
                refused[f"{prefix}/{shown}"] = why
            out.append(f"{prefix}/{shown}")
    out.sort()
    return out


def regular_yaml_files(root: Path, folder: str) -> list[Path]:
    """The regular YAML files under root/folder, by lstat: for fingerprints, never opened
    when they are anything else."""
    paths = [root / rel for rel in list_yaml_files(root, folder)]
    return [p for p in paths if filetypes.kind_name(os.lstat(p).st_mode) is None]


def iter_yaml_files(root: Path, folder: str) -> Iterator[Path]:
    base = root / folder
    if base.is_dir():
        for path in sorted(base.rglob("*")):
            if path.suffix in YAML_SUFFIXES and path.is_file():
                yield path


def _unresolved_link(path: Path) -> Path:
    return path.parent.resolve() / path.name


def relative(path: Path, root: Path) -> str:
    # The folder is resolved, never the file itself: a link must be read (and refused) as
    # itself, not as the file it points to.
    try:
        return _unresolved_link(path).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- sources


class Source(Protocol):
    """Where a registry's files come from: the folder on disk, or a git revision in memory.

    Paths are relative to the registry root, with forward slashes (`cases/2026/X.yaml`).
    """

    root: Path  # the registry folder (for a git revision: the repository it was read from)

    def exists(self, rel: str) -> bool: ...

    def read_bytes(self, rel: str) -> bytes:
        """The file's bytes, or FileProblem."""
        ...

    def yaml_files(self, folder: str) -> list[str]:
        """The YAML files under `folder`, sorted."""
        ...

    def select(self, paths: Sequence[Path | str]) -> list[str]:
        """The YAML files named by `paths` (files, or folders to search)."""
        ...


def source_text(source: Source, rel: str) -> str:
    """A file's text from any source, or FileProblem."""
    return decode(source.read_bytes(rel), rel)


class FileSource:
    """The registry as it is on disk under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._outside: dict[str, Path] = {}  # files named on the command line outside root
        self._refused: dict[str, str] = {}  # listed names that cannot be printed as they are

    def exists(self, rel: str) -> bool:
        return os.path.lexists(self.root / rel)  # a link or FIFO exists, to be refused

    def read_bytes(self, rel: str) -> bytes:
        if rel in self._refused:
            raise FileProblem(Problem(rel, 1, 1, "", self._refused[rel]))
        return read_bytes(self._outside.get(rel) or os.path.join(self.root, rel), rel)

    def yaml_files(self, folder: str) -> list[str]:
        return list_yaml_files(self.root, folder, self._refused)

    def stat_key(self, rel: str) -> tuple[int, int, int, int] | None:
        """(size, mtime_ns, inode, ctime_ns) of a regular file, by lstat; None for anything
        else (a link, a refused name, a missing file), which is then read to be reported."""
        if rel in self._refused:
            return None
        try:
            st = os.lstat(self._outside.get(rel) or os.path.join(self.root, rel))
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)

    def stat_keys(self, rels: Sequence[str]) -> list[tuple[int, int, int, int] | None]:
        """`stat_key` of each file, in one loop (at 100,000 files the calls add up)."""
        if self._refused or self._outside:
            return [self.stat_key(rel) for rel in rels]
        prefix = os.path.join(self.root, "")
        lstat, is_regular = os.lstat, stat.S_ISREG
        out: list[tuple[int, int, int, int] | None] = []
        for rel in rels:
            try:
                st = lstat(prefix + rel)
            except OSError:
                out.append(None)
                continue
            regular = is_regular(st.st_mode)
            out.append((st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns) if regular else None)
        return out

    def select(self, paths: Sequence[Path | str]) -> list[str]:
        files: list[Path] = []
        for p in map(Path, paths):
            if p.is_dir():
                files.extend(sorted(q for q in p.rglob("*") if q.suffix in YAML_SUFFIXES))
            else:
                files.append(p)
        rels = []
        for path in files:
            rel = relative(path, self.root)
            shown, why = filetypes.shown_name(rel)
            if why is not None:
                self._refused[shown] = why
                rel = shown
            elif _unresolved_link(self.root / rel) != _unresolved_link(path):
                self._outside[rel] = path
            rels.append(rel)
        return rels


class MemorySource:
    """Registry files held in memory, keyed by relative path: e.g. a git revision's tree."""

    def __init__(
        self,
        files: Mapping[str, bytes],
        root: Path = Path("."),
        refused: Mapping[str, str] | None = None,
    ) -> None:
        self.root = root
        self.files = dict(files)
        # Entries that are listed but refused (a symlink in git, a name that is not UTF-8):
        # path → why. They are listed like files and fail when read.
        self.refused = dict(refused or {})
        for rel in self.refused:
            self.files.setdefault(rel, b"")

    def exists(self, rel: str) -> bool:
        return rel in self.files

    def read_bytes(self, rel: str) -> bytes:
        if rel in self.refused:
            raise FileProblem(Problem(rel, 1, 1, "", self.refused[rel]))
        if rel not in self.files:
            raise FileProblem(Problem(rel, 1, 1, "", "无法读取文件：文件不存在"))
        raw = self.files[rel]
        check_size(len(raw), rel)
        return raw

    def yaml_files(self, folder: str) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return sorted(
            rel for rel in self.files if rel.startswith(prefix) and rel.endswith(YAML_SUFFIXES)
        )

    def select(self, paths: Sequence[Path | str]) -> list[str]:
        out: list[str] = []
        for p in paths:
            name = PurePosixPath(p).as_posix().rstrip("/")
            if name in self.files:
                out.append(name)
            else:
                out.extend(self.yaml_files(name))
        return out


# ---------------------------------------------------------------- locating


def positions_tree(text: str) -> Any:
    """The round-trip tree of a text, kept only for its positions (None if unparsable)."""
    try:
        return _round_trip(for_positions=True).load(text)
    except (YAMLError, ValueError):
        return None


def locate_top_level(text: str, key: str, *, at_key: bool = False) -> tuple[int, int] | None:
    """Where a plain top-level `key: value` is, from the text alone; None when the file is
    written some other way (quoted key, flow mapping, value on the next line)."""
    pattern = rf"^{re.escape(key)}[ \t]*:" + ("" if at_key else r"[ \t]*(?=[^\s#])")
    match = re.search(pattern, text, re.M)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, 1 if at_key else match.end() - match.start() + 1


def locate(text: str, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of the key or value at `loc` in a YAML text."""
    return locate_in(positions_tree(text), loc, at_key=at_key)


def locate_in(node: Any, loc: Loc, *, at_key: bool = False) -> tuple[int, int]:
    """1-based line and column of `loc` in a round-trip tree.

    Walks the tree as far as the data goes; a missing key points at the mapping that lacks
    it. Segments that name a union member (pydantic's `events.2.extended.days`) are skipped
    when the mapping's `type` says so.
    """
    if node is None:
        return 1, 1
    line, col = 0, 0
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap):
            if part == "[key]":
                break  # the key itself was wrong: we already point at it
            if part in node:
                nxt = loc[i + 1] if i + 1 < len(loc) else None
                if (last and at_key) or nxt == "[key]":
                    line, col = node.lc.key(part)
                else:
                    line, col = node.lc.value(part)
                node = node[part]
                continue
            if node.get("type") == part:
                continue
            line, col = node.lc.line, node.lc.col
            break
        if isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            node = node[part]
            continue
        break
    return line + 1, col + 1


# ---------------------------------------------------------------- writing


def load_text_for_edit(text: str) -> CommentedMap:
    """A file's text as a round-trip tree, for changing it without losing comments."""
    return _round_trip().load(text)


def dump_text(data: Any) -> str:
    yaml = _round_trip()
    # The same date object under two keys must not become an anchor and an alias.
    yaml.representer.ignore_aliases = lambda _data: True
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def flow_map(items: Iterable[tuple[str, Any]]) -> CommentedMap:
    """A mapping that is written on one line, like the events in case files."""
    node = CommentedMap(items)
    node.fa.set_flow_style()
    return node


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; fails with FileExistsError rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, text)
    try:
        os.link(tmp, path)  # atomic, and refuses an existing target
    finally:
        os.unlink(tmp)


def replace_file(path: Path, data: bytes, *, expected: bytes) -> None:
    """Atomically replace `path` with `data`, unless someone changed it since it was read.

    Nothing is left behind when the write fails: the temporary file goes too.
    """
    if path.read_bytes() != expected:
        raise FileExistsError(f"{path} 在读取后已被修改，请重试")
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _write_temp(path: Path, text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


LOCK_FILE = ".xinfang.lock"


class Busy(Exception):
    """Another edit holds the registry's lock for longer than we wait."""


@contextlib.contextmanager
def registry_lock(root: Path, *, wait: float = 15.0) -> Iterator[None]:
    """Hold the registry's edit lock (flock on `.xinfang.lock`, git-ignored) while reading,
    checking and writing, so that two edits at once cannot lose each other's change."""
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_generated(path: Path, text: str) -> None:
    """Atomically (re)write a generated file, such as a schema or a site page: a reader sees
    the old file or the new one, never a part. Not synced to disk first (a site build writes
    6,500 pages at 10,000 cases, and a sync each was a sixth of the build): after a crash a
    generated file is at worst missing or empty, and the next build writes it again."""
    write_generated_bytes(path, text.encode("utf-8"), mode=0o644)


def write_generated_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Atomically (re)write a generated binary file, such as the cache (mkstemp's 0o600
    unless `mode` is given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if mode is not None:
                os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_slice(path: Path, start: int, end: int) -> bytes | None:
    """Bytes start..end of a regular file, or None if the file is missing, shorter or not
    a regular file."""
    try:
        # Only the slice: reading on to the end of the file made each case cost the file.
        data = _read_regular(path, str(path), limit=False, start=start, size=end - start)
    except FileProblem:
        return None
    return data if len(data) == end - start else None


def read_optional_bytes(path: Path) -> bytes | None:
    """A regular file's bytes; None when it is missing, unreadable or anything else (a FIFO,
    a link, a directory), which is never opened."""
    try:
        return _read_regular(path, str(path), limit=False)
    except FileProblem:
        return None


def source_files(package_dir: Path) -> list[Path]:
    return sorted(package_dir.rglob("*.py"))


def append_text(path: Path, text: str) -> None:
    """Append to a report file that others also write to, such as a CI job summary."""
    with path.open("a", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def remove_files(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def sync_generated(folder: Path, files: dict[str, str]) -> tuple[int, int]:
    """Make `folder` hold exactly `files` (path relative to `folder` → text).

    Unchanged files are left alone (so their modification times stay), changed and new ones
    are written atomically, and files no longer generated are deleted. Returns (written,
    deleted).
    """
    wanted = {folder / rel: text for rel, text in files.items()}
    deleted = 0
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                deleted += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    written = 0
    for path, text in wanted.items():
        try:
            if path.read_bytes() == text.encode("utf-8"):
                continue
        except OSError:
            pass
        write_generated(path, text)
        written += 1
    return written, deleted


def iter_built_files(folder: Path) -> Iterator[tuple[str, str]]:
    """(path relative to `folder`, text) of every file under `folder`, in path order.

    Bytes that are not UTF-8 (images) are replaced, which keeps every ASCII digit: enough
    for scanning the output for personal numbers. A gzip file (sitemap.xml.gz) is read
    decompressed.
    """
    import gzip

    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                with contextlib.suppress(OSError, EOFError):
                    data = gzip.decompress(data)
            yield path.relative_to(folder).as_posix(), data.decode("utf-8", "replace")


def remove_tree(folder: Path) -> None:
    """Delete a generated folder (the built site) and everything in it."""
    import shutil

    if folder.is_dir():
        shutil.rmtree(folder)
