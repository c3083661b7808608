"""Appending an event to a case file as one inserted line of text.

A staff member's file keeps every other byte: byte-order mark, CRLF line endings, spacing,
quoting, flow or block style, `%YAML`/`---` headers and comments. The YAML is only composed
(never dumped) to find where the last event ends; the new line copies the last event's
indentation and dash. A style that cannot take one more line is refused, with the way out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

BOM = "\ufeff"
_DASH = re.compile(r"[ ]*-[ ]+")
_FLOW_TAIL = re.compile(r"[ \t]*,[ \t]*(?:#[^\r\n]*)?\r?\n")


class CannotInsert(Exception):
    """The file is written in a way that one inserted line cannot extend; says why (Chinese)."""


def insert_event(text: str, event: dict[str, Any]) -> str:
    """`text` with `event` (date, type, fields in order) added after its last event."""
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    events = _events_node(body)
    last = events.value[-1]
    end = max(_ends(last))
    if events.flow_style:
        at, line = _flow_insert(body, last, end, event)
    else:
        at, line = _block_insert(body, last, end, event)
    if at < 0:  # the last event is on the file's last line, which has no line break
        return text + _newline(body) + line
    newline = "\r\n" if body[:at].endswith("\r\n") else "\n"
    return bom + body[:at] + line + newline + body[at:]


def _events_node(body: str) -> SequenceNode:
    try:
        root = YAML(typ="safe", pure=True).compose(body)
    except YAMLError:
        raise CannotInsert("文件不是有效的 YAML，请先修正") from None
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "events":
                if isinstance(value, SequenceNode) and value.value:
                    return value
                break
    raise CannotInsert("文件中没有办理过程（事件列表缺失或为空），请先修正")


def _ends(node: Node) -> Iterator[int]:
    """Where the node's text ends: the end of its last scalar or flow collection (a block
    collection's own end mark lies at the next token, possibly lines later)."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        yield node.end_mark.index
        return
    for child in node.value:
        if isinstance(child, tuple):
            for part in child:
                yield from _ends(part)
        else:
            yield from _ends(child)


def _line_start(body: str, index: int) -> int:
    return body.rfind("\n", 0, index) + 1


def _after_line(body: str, end: int) -> int:
    """Index just after the line break that ends the line holding body[end - 1], or -1."""
    if end and body[end - 1] == "\n":
        return end
    nl = body.find("\n", end)
    return nl + 1 if nl >= 0 else -1


def _block_insert(body: str, last: Node, end: int, event: dict[str, Any]) -> tuple[int, str]:
    start = last.start_mark.index
    prefix = body[_line_start(body, start) : start]
    if not _DASH.fullmatch(prefix):
        raise CannotInsert("最后一个事件的写法无法识别（应以“- ”开头），请改为每个事件一行")
    return _after_line(body, end), prefix + render_flow_map(event, _padding(body, last))


def _flow_insert(body: str, last: Node, end: int, event: dict[str, Any]) -> tuple[int, str]:
    start = last.start_mark.index
    indent = body[_line_start(body, start) : start]
    tail = _FLOW_TAIL.match(body, end)
    if indent.strip(" ") or tail is None:
        raise CannotInsert(
            "events 写成了方括号列表 [ … ]，只插入一行无法追加事件；请改为每个事件一行"
            "（  - {date: …, type: …}）后重试，或手工追加"
        )
    return tail.end(), indent + render_flow_map(event, _padding(body, last)) + ","


def _padding(body: str, last: Node) -> str:
    """' ' when the last event is written `{ date: … }`, else ''."""
    if isinstance(last, MappingNode) and last.flow_style:
        return " " if body[last.start_mark.index + 1 : last.start_mark.index + 2] == " " else ""
    return ""


def _newline(body: str) -> str:
    return "\r\n" if "\r\n" in body else "\n"


def render_flow_map(event: dict[str, Any], pad: str = "") -> str:
    """`{date: 2026-09-01, type: closed, how: resolved}`, quoting only what needs it."""
    parts = ", ".join(f"{key}: {render_scalar(value)}" for key, value in event.items())
    return "{" + pad + parts + pad + "}"


def render_scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _plain_is_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#\r\n]*")


def _plain_is_safe(text: str) -> bool:
    if not _PLAIN.fullmatch(text) or text != text.strip() or ": " in text or text.endswith(":"):
        return False
    try:
        return YAML(typ="safe", pure=True).load("{k: " + text + "}") == {"k": text}
    except YAMLError:
        return False
