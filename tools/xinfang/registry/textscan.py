"""What no YAML parser may see: a cheap scan of a registry file's text before parsing.

A hostile or damaged file must get a clear Chinese message at its real line, never a
RecursionError, a parser's English or a hung process. Before any parser runs, the text is
refused for: an unresolved git merge conflict, control and invisible characters (tabs, NUL,
terminal escapes, bidi overrides, zero-width characters), a full-width colon written as a
key's separator, a YAML merge key (`<<`), and nesting deeper than MAX_DEPTH. After parsing,
`bad_string` finds the same characters where YAML escapes (`"\\x1b"`) put them into a value.

The scan is a few C-speed regular-expression searches for ordinary files; only a file that
could nest deeply (many brackets, deep indentation) is walked line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from xinfang.rules.problems import Loc

# Deeper than any registry file needs (a case is 4 levels deep), far below what would
# exhaust a parser's or the validator's recursion.
MAX_DEPTH = 20

_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?=[ \r\n]|$)", re.M)
# C0 (tab included) and C1 controls, DEL, and the format characters that change how text is
# shown without being seen: bidi marks and overrides, zero-width characters, soft hyphen,
# line/paragraph separators, interlinear annotations and Unicode tag characters.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\r]"
)
# A key followed by a full-width colon (：) where YAML wants ": ": at a line's start, after
# "- ", or inside a flow mapping.
_FULLWIDTH_COLON = re.compile(r"(?:^[ \t]*(?:- +)*|[{,] *)[A-Za-z_][A-Za-z0-9_-]*[ ]*：", re.M)
_MERGE_KEY = re.compile(r"(?:^[ ]*(?:- +)*|[{,] *)<<[ ]*:(?=[ \r\n]|$)", re.M)
_BLOCK_SCALAR = re.compile(r"(?:^|[ ])[|>][-+0-9]*[ ]*(?:#.*)?$")

_NAMES = {
    "\t": "制表符（Tab）",
    "\r": "单独的回车符（CR）",
    "\x00": "空字符（NUL）",
    "\x1b": "终端转义字符（ESC，可改变终端的显示）",
    "\u00ad": "不可见的软连字符（U+00AD）",
    "\ufeff": "文件中间的零宽不换行空格（U+FEFF，BOM）",
    "\u2028": "行分隔符（U+2028）",
    "\u2029": "段分隔符（U+2029）",
}
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\u180e")


class TextProblem(Exception):
    """A refused spot in a text: 1-based line and column, and the Chinese message."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def describe(char: str) -> str:
    """What a refused character is, in Chinese."""
    if char in _NAMES:
        return _NAMES[char]
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return f"双向文字控制符（{code}，会使文字显示的顺序与实际不同）"
    if char in _ZERO_WIDTH:
        return f"零宽字符（{code}，肉眼看不见）"
    if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        return f"控制字符（{code}）"
    return f"不可见字符（{code}）"


def advice(char: str) -> str:
    """What to do about a refused character."""
    if char == "\t":
        return "请改用空格"
    if char == "\r":
        return "请统一使用换行符（LF 或 CRLF）"
    return "请删除"


def invisible_at(text: str) -> int | None:
    """Index of the first control or invisible character in `text` (a CR before LF is
    a line ending, not a character), or None."""
    for match in _INVISIBLE.finditer(text):
        at = match.start()
        if text[at] == "\r" and text[at + 1 : at + 2] == "\n":
            continue
        return at
    return None


def _position(text: str, at: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def scan(text: str) -> None:
    """Raise TextProblem at the first thing in `text` that no parser may see."""
    found: list[tuple[int, str]] = []
    if (m := _CONFLICT.search(text)) is not None:
        found.append((m.start(), f"合并冲突标记未解决（{m.group()}），请解决冲突并删除标记行"))
    if (at := invisible_at(text)) is not None:
        found.append((at, f"含有{describe(text[at])}，{advice(text[at])}"))
    if "：" in text and (m := _FULLWIDTH_COLON.search(text)) is not None:
        at = m.end() - 1
        found.append((at, "键后面用了全角冒号“：”，请改为半角冒号“:”并在其后加空格"))
    if "<<" in text and (m := _MERGE_KEY.search(text)) is not None:
        at = m.start() + m.group().index("<<")
        found.append((at, "不允许使用合并键 <<，请把各个键直接写出来"))
    if found:
        at, message = min(found)
        raise TextProblem(*_position(text, at), message)
    if _may_nest_deeply(text):
        depth_problem = _too_deep(text)
        if depth_problem is not None:
            raise TextProblem(
                *depth_problem, f"嵌套层数超过 {MAX_DEPTH} 层，登记库文件不需要这么深的结构"
            )


def _may_nest_deeply(text: str) -> bool:
    # Each level of flow nesting needs a bracket; each level of block nesting a column of
    # indentation or a "- ". Few of both: nothing to count.
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH // 2:
        return True
    widest = max((len(m) for m in re.findall(r"^[ -]+", text, re.M)), default=0)
    return widest > MAX_DEPTH // 2


def _too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where nesting first passes MAX_DEPTH, or None.

    Counts block levels by indentation and "- " items, and flow levels by brackets outside
    quoted scalars and comments. It may count a level or two too many or (for a sequence
    written at its key's indentation) about half of the block levels, never unboundedly
    few: enough to keep hostile depth from any parser.
    """
    indents: list[int] = []
    flow = 0
    quote = ""
    block_scalar_at = -1  # indentation of the key that opened a | or > scalar
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_scalar_at >= 0:
            if not stripped.strip() or indent > block_scalar_at:
                continue
            block_scalar_at = -1
        if not flow and not quote:
            if not stripped.strip() or stripped.startswith("#"):
                continue
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] != indent:
                indents.append(indent)
            dashes = len(re.match(r"(?:- +)*", stripped).group().replace(" ", ""))
            depth = len(indents) + dashes
            if depth > MAX_DEPTH:
                return number, indent + 1
            if _BLOCK_SCALAR.search(stripped.rstrip("\r")):
                block_scalar_at = indent
                continue
        for column, kind in _flow_tokens(line, quote_open=quote, in_flow=flow > 0):
            if kind in "\"'":
                quote = "" if quote else kind
            elif kind == "#":
                break
            elif kind in "[{":
                flow += 1
                if flow + len(indents) > MAX_DEPTH:
                    return number, column
            elif kind in "]}":
                flow = max(flow - 1, 0)
    return None


_TOKEN = re.compile(r"""[\[\]{}"'#]""")


def _flow_tokens(line: str, *, quote_open: str, in_flow: bool) -> Iterator[tuple[int, str]]:
    """(1-based column, character) of the brackets, quotes and comment start that matter.

    Outside a flow collection a bracket counts only where a value starts; inside one every
    bracket is an indicator (a plain scalar there cannot contain one). A quote opens a
    quoted scalar only where a scalar starts; `\\"` and `''` do not close one.
    """
    quote = quote_open
    i = 0
    while True:
        m = _TOKEN.search(line, i)
        if m is None:
            return
        at, char = m.start(), m.group()
        i = at + 1
        before = line[:at].rstrip(" ")
        # Where a scalar or collection may begin: in a flow collection after an indicator,
        # in block context only after "key:", "- " or "? " (never inside a plain scalar).
        starts_value = before == "" or before[-1] in ("[{,:" if in_flow else ":-?")
        if quote:
            if char != quote:
                continue
            if quote == '"' and _escaped(line, at):
                continue
            if quote == "'" and line[at + 1 : at + 2] == "'":
                i = at + 2
                continue
            quote = ""
            yield at + 1, char
        elif char in "\"'":
            if starts_value:
                quote = char
                yield at + 1, char
        elif char == "#":
            if at == 0 or line[at - 1] == " ":
                yield at + 1, char
                return
        elif in_flow or (char in "[{" and starts_value):
            in_flow = True
            yield at + 1, char


def _escaped(line: str, at: int) -> bool:
    backslashes = len(line[:at]) - len(line[:at].rstrip("\\"))
    return backslashes % 2 == 1


def bad_string(data: Any) -> tuple[Loc, str, bool] | None:
    """The place, the character and whether it is in a key, of the first control or
    invisible character in any key or string of parsed data (e.g. written as an escape in a
    double-quoted value)."""
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, str):
            at = invisible_at(node.replace("\r\n", "\n"))
            if at is not None:
                return loc, node.replace("\r\n", "\n")[at], False
        elif isinstance(node, dict):
            for key, value in reversed(list(node.items())):
                if isinstance(key, str) and (at := invisible_at(key)) is not None:
                    return (*loc, key), key[at], True
                stack.append(((*loc, str(key)), value))
        elif isinstance(node, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(node))))
    return None
