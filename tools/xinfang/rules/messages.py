"""Chinese messages for pydantic's validation errors, so staff never read English."""

from __future__ import annotations

import difflib
from typing import Any

_TYPE_NAMES = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "list_type": "列表（以 - 开头的多行，或 [ ] 括起）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "dataclass_type": "映射（键: 值）",
    "dataclass_args_type": "映射（键: 值）",
    "float_type": "数字",
}


# An unknown key: BaseModel says extra_forbidden, a (slotted) pydantic dataclass says
# unexpected_keyword_argument.
UNKNOWN_KEY_TYPES = ("extra_forbidden", "unexpected_keyword_argument")


def _expected(ctx: dict[str, Any]) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " 或 ")


def translate(error: dict[str, Any]) -> str:
    """One pydantic error dict → one Chinese sentence."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "缺少必填字段"
    if kind in UNKNOWN_KEY_TYPES:
        return "未知字段（可能拼写错误），请删除或更正"
    if kind in _TYPE_NAMES:
        return f"应为{_TYPE_NAMES[kind]}，实际为 {_show(value)}"
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        return f"不是有效日期：{_show(value)}，应写成 YYYY-MM-DD，例如 2026-06-03"
    if kind == "enum":
        return f"取值 {_show(value)} 无效，应为 {_expected(ctx)} 之一"
    if kind == "literal_error":
        return f"取值 {_show(value)} 无效，应为 {_expected(ctx)}"
    if kind == "union_tag_invalid":
        return _unknown_tag(str(ctx.get("tag")), str(ctx.get("expected_tags", "")))
    if kind == "union_tag_not_found":
        return "缺少 type 字段（事件类型）"
    if kind == "greater_than_equal":
        return f"应不小于 {ctx.get('ge')}，实际为 {_show(value)}"
    if kind == "greater_than":
        return f"应大于 {ctx.get('gt')}，实际为 {_show(value)}"
    if kind == "less_than_equal":
        return f"应不大于 {ctx.get('le')}，实际为 {_show(value)}"
    if kind == "less_than":
        return f"应小于 {ctx.get('lt')}，实际为 {_show(value)}"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "string_too_long":
        return f"过长，最多 {ctx.get('max_length')} 个字符"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 项"
    if kind == "too_long":
        return f"最多 {ctx.get('max_length')} 项"
    if kind == "string_pattern_mismatch":
        hint = _pattern_hint(str(ctx.get("pattern", "")))
        if isinstance(value, str) and not value.isascii():
            hint += "；只能用半角字符，不能用全角数字或全角符号"
        return f"格式不正确：{_show(value)}（{hint}）"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "assertion_error":
        return str(error.get("msg", "")).removeprefix("Assertion failed, ")
    return f"取值无效：{_show(value)}"


def _unknown_tag(tag: str, expected: str) -> str:
    names = [t.strip(" '") for t in expected.split(",")]
    close = difflib.get_close_matches(tag, names, n=1)
    hint = f"，是否应为 {close[0]}？" if close else "，可用的类型见 schema/case.schema.json"
    return f"事件类型 {tag} 不存在{hint}"


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^XF-"):
        return "案件编号应形如 XF-2026-0137"
    if pattern.startswith("^[a-z0-9]"):
        return "键只能由小写英文字母、数字和连字符组成"
    if pattern.startswith("^[0-9+"):
        return "电话号码只能包含数字，请加引号"
    if pattern.startswith("^\\d{17}"):
        return "身份证号应为 18 位"
    return f"应匹配 {pattern}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"
