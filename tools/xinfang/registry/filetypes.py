"""What may be a registry file: regular files with names a person can read.

A symlink, FIFO, device, socket or directory where a registry file is expected is refused
from its `lstat` alone, never opened: a FIFO would block the reader, a device could act on
being opened, and a link would let a file outside the registry (its content shown in an
error message) pass for a case. A file name that is not UTF-8, or that holds control or
invisible characters, is shown escaped (`\\xff`, `\\u202e`) and refused, the same way on
disk (`validate`) and in a git revision (`diff`).
"""

from __future__ import annotations

import os
import stat

from xinfang.registry import textscan

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)

_KINDS = (
    (stat.S_ISLNK, "符号链接"),
    (stat.S_ISDIR, "目录"),
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISCHR, "字符设备文件"),
    (stat.S_ISBLK, "块设备文件"),
    (stat.S_ISSOCK, "套接字文件"),
)


def kind_name(mode: int) -> str | None:
    """The Chinese name of a file type that is not a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "特殊文件")


def refusal(st: os.stat_result) -> str | None:
    """The message for a file that is not a regular file (None for a regular file)."""
    kind = kind_name(st.st_mode)
    if kind is None:
        return None
    return f"这是{kind}，不是普通文件；登记库只接受普通文件，未读取其内容"


def git_refusal(mode: str) -> str | None:
    """The same for an entry of a git tree, by its mode (100644 and 100755 are files)."""
    if mode in ("100644", "100755"):
        return None
    kind = {"120000": "符号链接", "160000": "子模块", "040000": "目录"}.get(mode, "特殊文件")
    return f"这是{kind}，不是普通文件；登记库只接受普通文件，未读取其内容"


def shown_name(name: str | bytes) -> tuple[str, str | None]:
    """A file name as it may be printed, and why it is refused (None: it is fine).

    `name` is bytes from git, or a str from the file system (undecodable bytes carried
    as surrogates, as os.walk gives them).
    """
    if isinstance(name, str) and name.isascii() and name.isprintable():
        return (
            name,
            None,
        )  # the usual case, and no control or invisible character is ASCII-printable
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = raw.decode("utf-8", "backslashreplace")
        return _escape(shown), "文件名不是 UTF-8 编码，请用 XF-年份-编号.yaml 这样的名字重新命名"
    if textscan.invisible_at(text) is not None:
        return _escape(text), "文件名含有控制字符或不可见字符，请重新命名"
    return text, None


def _escape(text: str) -> str:
    out = []
    for char in text:
        if char != "\\" and textscan.invisible_at(char) is None:
            out.append(char)
        else:
            out.append(char if char == "\\" else char.encode("unicode_escape").decode("ascii"))
    return "".join(out)
