"""The only module that runs git: the registry's files as they are at a revision.

`xinfang diff` compares two revisions without checking either out: the tree of each is
listed with `git ls-tree` and the files are read in one `git cat-file --batch`, so a
registry of tens of thousands of cases costs two git processes per revision, not one per
file. The texts go into a `store.MemorySource` and load like the folder on disk.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from xinfang.registry import filetypes, store
from xinfang.registry.loader import CASES_DIR, LoadResult, load_registry

REGISTRY_FOLDERS = ("cases", "org", "policy")
POLICY_DIR = "policy"
NOT_COMMITTED = "未提交"


class GitError(Exception):
    """git failed or a revision does not exist; the message is for the user, in Chinese."""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("找不到 git 命令，请先安装 git") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {args[0]} 失败：{detail}")
    return done.stdout


def resolve(repo: Path, rev: str) -> str:
    """The full commit id `rev` names (a branch, tag, HEAD~1, a sha…)."""
    try:
        out = _git(
            repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
        )
    except GitError:
        out = b""
    sha = out.decode().strip()
    if not sha:
        raise GitError(
            f"找不到版本 {rev}：请检查提交号或分支名；在 CI 中检出时须取得足够的历史"
            "（actions/checkout 的 fetch-depth: 0）"
        )
    return sha


def changed_paths(repo: Path, base: str, head: str) -> list[str]:
    """Registry files (relative to `repo`) that differ between two commits.

    Renames count as a deletion and an addition: cases are matched by id, not by path.
    """
    out = _git(
        repo,
        "diff",
        "--name-only",
        "--no-renames",
        "--relative",
        "-z",
        base,
        head,
        "--",
        *REGISTRY_FOLDERS,
    )
    # File names are bytes to git; these keep undecodable bytes as surrogates (os.fsdecode),
    # so that they can be given back to git. `shown` gives the name to print.
    return sorted(os.fsdecode(p) for p in out.split(b"\0") if p)


def shown(path: str) -> str:
    """A path as printed: a name that is not UTF-8 escaped, exactly as validate prints it."""
    return filetypes.shown_name(path)[0]


def revision_source(
    repo: Path, rev: str, only_cases: Iterable[str] | None = None
) -> store.MemorySource:
    """The registry's files at commit `rev`: org/ and policy/, and every case file, or only
    the case files in `only_cases` (paths that do not exist at `rev` are left out)."""
    specs = ["org", "policy", *(sorted(only_cases) if only_cases is not None else [CASES_DIR])]
    listing = _git(repo, "ls-tree", "-r", "-z", rev, "--", *specs)
    blobs: list[tuple[str, str]] = []
    refused: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, raw_path = entry.split(b"\t", 1)
        mode, _kind, sha = meta.decode("ascii").split()
        path, bad_name = filetypes.shown_name(raw_path)
        if not path.endswith(store.YAML_SUFFIXES):
            continue
        # Only regular files with readable names are data; the rest is refused by name, as
        # on disk, and a link's target is never read.
        why = bad_name or filetypes.git_refusal(mode)
        if why:
            refused[path] = why
        else:
            blobs.append((path, sha))
    contents = _cat(repo, [sha for _, sha in blobs])
    return store.MemorySource(
        {path: text for (path, _), text in zip(blobs, contents, strict=True)},
        root=repo,
        refused=refused,
    )


def _cat(repo: Path, shas: list[str]) -> list[bytes]:
    """The contents of the given blobs, in one `git cat-file --batch`."""
    if not shas:
        return []
    out = _git(repo, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    contents = []
    pos = 0
    for _ in shas:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start : start + size])
        pos = start + size + 1  # the content is followed by a newline
    return contents


@dataclass
class RevisionPair:
    """The registry at two commits, loaded for comparison."""

    base: str  # full commit ids
    head: str
    changed: list[str]  # registry files that differ
    policy_changed: list[str]  # of those, the files under policy/
    before: LoadResult
    after: LoadResult


def load_pair(repo: Path, base: str, head: str) -> RevisionPair:
    """Load the registry at `base` and at `head`.

    Only the case files that changed are loaded, unless something under policy/ changed
    (deadline rules, a holiday notice): then every case is, since any open clock may move.
    """
    base_sha, head_sha = resolve(repo, base), resolve(repo, head)
    changed = changed_paths(repo, base_sha, head_sha)
    policy = [shown(p) for p in changed if p.startswith(f"{POLICY_DIR}/")]
    cases = [p for p in changed if p.startswith(f"{CASES_DIR}/")]
    only = None if policy else cases
    results = []
    for sha in (base_sha, head_sha):
        source = revision_source(repo, sha, only)
        # With only some case files loaded, pass them as paths: then references between
        # cases are not checked against an incomplete set of ids.
        results.append(load_registry(source, [shown(p) for p in only] if only else None))
    changed = [shown(p) for p in changed]
    return RevisionPair(base_sha, head_sha, changed, policy, results[0], results[1])


def tracks(root: Path, rel: str) -> bool:
    """Whether git tracks anything at `rel` in the repository holding `root` (False when
    there is no repository or no git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", rel],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and bool(done.stdout)


def registry_commit(root: Path) -> str:
    """The short commit hash of the registry, or 未提交 when it is not a git repository."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return NOT_COMMITTED
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else NOT_COMMITTED
